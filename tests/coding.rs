//! Coding invariants: spans follow any edit (property tests), and merging or deleting codes
//! keeps every other coding.

use behov::model::coding_ops::{self, RetrieveFilter};
use behov::model::edit::{self, TextEdit};
use behov::model::{Coding, Span, validate};
use behov::store::Store;
use jiff::Timestamp;
use proptest::prelude::*;

fn coding(code: &str, span: Option<Span>) -> Coding {
    Coding {
        code: code.into(),
        span,
        coder: "maria".into(),
        memo: String::new(),
        created: Timestamp::UNIX_EPOCH,
    }
}

/// Text of Swedish letters, combining marks, emoji and newlines: multi-byte on purpose.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof!["a", "å", "ä", "ö", " ", "\n", "👍🏽", "e\u{301}", "Ö", "x"],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn spans_stay_valid_and_keep_their_text(
        original in text(),
        raw_spans in proptest::collection::vec((0usize..60, 1usize..20), 0..6),
        at in 0usize..70,
        removed in 0usize..15,
        inserted in text(),
    ) {
        let chars = original.chars().count();
        let spans: Vec<Span> = raw_spans
            .into_iter()
            .filter_map(|(s, len)| {
                let start = s.min(chars);
                let end = (start + len).min(chars);
                (start < end).then_some(Span { start, end })
            })
            .collect();
        let mut codings: Vec<Coding> = spans.iter().map(|s| coding("c", Some(*s))).collect();
        let mut text = original.clone();
        let change = TextEdit { at, removed, inserted: inserted.clone() };
        let dropped = edit::apply(&mut text, &mut codings, &change);
        prop_assert_eq!(codings.len() + dropped.len(), spans.len());
        let new_chars = text.chars().count();
        let at = at.min(chars);
        let removed = removed.min(chars - at);
        let slice = |s: &str, span: Span| s.chars().skip(span.start).take(span.len()).collect::<String>();
        for (old, new) in spans.iter().filter(|s| edit::shift(**s, at, removed, inserted.chars().count()).is_some()).zip(&codings) {
            let new = new.span.unwrap();
            prop_assert!(new.fits(new_chars), "{new:?} in {new_chars}");
            if old.end <= at || old.start >= at + removed {
                // Untouched by the edit: the same words.
                prop_assert_eq!(slice(&original, *old), slice(&text, new));
            }
        }
        for gone in &dropped {
            let span = gone.span.unwrap();
            prop_assert!(span.start >= at && span.end <= at + removed, "{span:?} dropped by an edit at {at}+{removed}");
        }
    }
}

fn demo() -> (tempfile::TempDir, behov::model::Project) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    behov::store::demo::install(&root).unwrap();
    let project = Store::open_read_only(&root).unwrap().project;
    (dir, project)
}

fn all_codings(project: &behov::model::Project) -> Vec<(String, String, Coding)> {
    project
        .interviews
        .iter()
        .flat_map(|i| {
            i.answers.iter().flat_map(move |a| {
                a.codings
                    .iter()
                    .map(move |c| (i.id.clone(), a.question.clone(), c.clone()))
            })
        })
        .collect()
}

#[test]
fn merge_moves_every_coding_and_keeps_the_rest() {
    let (_dir, mut project) = demo();
    let before = all_codings(&project);
    let funding = before
        .iter()
        .filter(|(_, _, c)| c.code == "funding")
        .count();
    let incentives = before
        .iter()
        .filter(|(_, _, c)| c.code == "incentives")
        .count();
    assert!(funding > 0 && incentives > 0);
    coding_ops::merge(&mut project, "incentives", "funding");
    let after = all_codings(&project);
    assert!(project.codebook.code("incentives").is_none());
    assert!(after.iter().all(|(_, _, c)| c.code != "incentives"));
    // Nothing lost: every other coding is untouched, and only exact duplicates were folded.
    let others = |list: &[(String, String, Coding)]| {
        list.iter()
            .filter(|(_, _, c)| c.code != "incentives" && c.code != "funding")
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(others(&before), others(&after));
    let merged = after.iter().filter(|(_, _, c)| c.code == "funding").count();
    assert!(merged <= funding + incentives && merged >= funding.max(incentives));
    assert_eq!(validate(&project), vec![]);
}

#[test]
fn delete_removes_only_that_codes_codings_and_lifts_its_children() {
    let (_dir, mut project) = demo();
    let before = all_codings(&project);
    let removed = coding_ops::coding_count(&project, "roadmap");
    coding_ops::delete(&mut project, "roadmap");
    let after = all_codings(&project);
    assert_eq!(after.len(), before.len() - removed);
    assert_eq!(
        after,
        before
            .into_iter()
            .filter(|(_, _, c)| c.code != "roadmap")
            .collect::<Vec<_>>()
    );
    // A group with children: the children move to the top level.
    coding_ops::delete(&mut project, "barriers");
    assert_eq!(project.codebook.code("regulation").unwrap().parent, None);
    assert_eq!(validate(&project), vec![]);
}

#[test]
fn usage_rolls_up_and_retrieval_finds_every_passage() {
    let (_dir, project) = demo();
    let usage = coding_ops::usage(&project, None);
    let needs = usage["needs"];
    assert!(needs.respondents >= usage["funding"].respondents);
    assert_eq!(usage["advice"].respondents, 24);
    let funding = coding_ops::retrieve(&project, "funding", &RetrieveFilter::default());
    assert_eq!(funding.len(), coding_ops::coding_count(&project, "funding"));
    assert!(funding.iter().all(|r| !r.text.is_empty()));
    let johan = coding_ops::retrieve(
        &project,
        "needs",
        &RetrieveFilter {
            coder: Some("johan".into()),
            attribute: None,
        },
    );
    assert!(!johan.is_empty() && johan.iter().all(|r| r.coder == "johan"));
    let municipal = coding_ops::retrieve(
        &project,
        "advice",
        &RetrieveFilter {
            coder: None,
            attribute: Some(("type".into(), "näringslivskontor".into())),
        },
    );
    assert!(municipal.iter().all(|r| {
        let interview = project.interview(&r.interview).unwrap();
        project
            .respondent(&interview.respondents[0])
            .unwrap()
            .attribute("type")
            == "näringslivskontor"
    }));
    assert!(!municipal.is_empty());
}

#[test]
fn toggle_applies_then_removes() {
    let mut codings = Vec::new();
    assert!(coding_ops::toggle(
        &mut codings,
        "funding",
        None,
        "maria",
        Timestamp::UNIX_EPOCH
    ));
    assert!(coding_ops::toggle(
        &mut codings,
        "funding",
        Some(Span { start: 0, end: 3 }),
        "maria",
        Timestamp::UNIX_EPOCH
    ));
    assert_eq!(codings.len(), 2);
    assert!(!coding_ops::toggle(
        &mut codings,
        "funding",
        None,
        "maria",
        Timestamp::UNIX_EPOCH
    ));
    assert_eq!(
        codings,
        vec![coding("funding", Some(Span { start: 0, end: 3 }))]
    );
}

#[test]
fn the_notes_outside_the_guide_are_coded_merged_deleted_and_retrieved_like_answers() {
    let (_dir, mut project) = demo();
    let interview = project
        .interviews
        .iter_mut()
        .find(|i| !i.notes.is_empty())
        .unwrap();
    let id = interview.id.clone();
    let chars = interview.notes.chars().count();
    interview.notes_codings.push(coding("incentives", None));
    interview.notes_codings.push(coding(
        "roadmap",
        Some(Span {
            start: 0,
            end: chars.min(5),
        }),
    ));
    assert_eq!(validate(&project), vec![]);

    let found = coding_ops::retrieve(&project, "roadmap", &RetrieveFilter::default());
    let notes: Vec<_> = found.iter().filter(|r| r.question.is_none()).collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].interview, id);
    assert!(coding_ops::usage(&project, None)["roadmap"].answers > 0);

    assert!(coding_ops::merge(&mut project, "incentives", "funding").contains(&id));
    let interview = project.interview(&id).unwrap();
    assert_eq!(interview.notes_codings[0].code, "funding");
    assert!(coding_ops::delete(&mut project, "roadmap").contains(&id));
    assert_eq!(project.interview(&id).unwrap().notes_codings.len(), 1);

    project.interview_mut(&id).unwrap().notes_codings[0].code = "nosuch".into();
    let problems = validate(&project);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].message, "unknown code 'nosuch'");
}
