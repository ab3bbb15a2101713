use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::model::{Coding, Interview, Localized, Respondent, Round, Span};
use crate::synth::Synth;

const TEXT: &str = "Vi behöver en färdplan och mer rådgivning.";

fn at(hour: i64) -> Timestamp {
    Timestamp::from_second(1_780_000_000 + hour * 3600).unwrap()
}

/// A project of three respondents and one interview (`i000001`) whose first answer is
/// [`TEXT`], without codings, saved at hour 0.
fn project() -> Project {
    let mut synth = Synth::new(7);
    let mut p = synth.project(3);
    let mut i = synth.interview(1, 3);
    for part in i.codings_mut() {
        part.clear();
    }
    i.answers[0].text = TEXT.into();
    i.created = at(0);
    i.modified = at(0);
    p.interviews = vec![i];
    p
}

fn q(p: &Project) -> String {
    p.interviews[0].answers[0].question.clone()
}

fn coding(code: &str, coder: &str, span: Option<(usize, usize)>, hour: i64) -> Coding {
    Coding {
        code: code.into(),
        span: span.map(|(start, end)| Span { start, end }),
        coder: coder.into(),
        memo: String::new(),
        created: at(hour),
    }
}

/// Adds a coding to the first answer, saving the interview at the coding's time.
fn code(p: &mut Project, c: Coding) {
    let q = q(p);
    let i = &mut p.interviews[0];
    i.modified = i.modified.max(c.created);
    i.answer_mut(&q).codings.push(c);
}

fn codings(p: &Project) -> Vec<(String, String)> {
    p.interviews[0].answers[0]
        .codings
        .iter()
        .map(|c| (c.coder.clone(), c.code.clone()))
        .collect()
}

fn run(base: Option<&Project>, mine: &Project, theirs: &Project) -> Plan {
    merge(base, mine, theirs, &Resolutions::default()).unwrap()
}

fn kinds(plan: &Plan) -> Vec<Kind> {
    plan.conflicts.iter().map(|c| c.kind).collect()
}

#[test]
fn two_coders_on_two_copies_keep_every_coding() {
    let base = project();
    let (mut anna, mut bjorn) = (base.clone(), base.clone());
    code(&mut anna, coding("advice", "Anna", Some((14, 22)), 3));
    code(&mut anna, coding("roadmap", "Anna", None, 4));
    // Björn coded earlier than Anna's last save: the rule must still keep his work.
    code(&mut bjorn, coding("advice", "Björn", None, 2));
    for ancestor in [None, Some(&base)] {
        let plan = run(ancestor, &anna, &bjorn);
        assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
        assert_eq!(
            codings(&plan.project),
            // In the order they were made.
            [("Björn", "advice"), ("Anna", "advice"), ("Anna", "roadmap")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(plan.count(ChangeKind::Codings), 1);
        // And the other way round.
        let back = run(ancestor, &bjorn, &anna);
        assert_eq!(back.project.interviews[0].coding_count(), 3);
        assert_eq!(back.project.interviews[0].modified, at(4));
    }
}

#[test]
fn a_coders_newer_work_replaces_their_older_work() {
    let mut base = project();
    code(&mut base, coding("advice", "Anna", None, 1));
    let mine = base.clone();
    let mut theirs = base.clone();
    // Anna, in the other copy, took "advice" off and coded "roadmap" instead.
    theirs.interviews[0].answers[0].codings.clear();
    code(&mut theirs, coding("roadmap", "Anna", None, 5));
    let plan = run(None, &mine, &theirs);
    assert!(plan.conflicts.is_empty());
    assert_eq!(codings(&plan.project), [("Anna".into(), "roadmap".into())]);
    // The reverse: this copy is newer for Anna, so nothing changes.
    let plan = run(None, &theirs, &mine);
    assert_eq!(plan.project, theirs);
    assert!(plan.changes.is_empty());
}

#[test]
fn a_removal_no_date_can_order_is_a_conflict_without_an_ancestor() {
    let mut base = project();
    code(&mut base, coding("advice", "Anna", None, 1));
    code(&mut base, coding("roadmap", "Anna", None, 2));
    let mine = base.clone();
    let mut theirs = base.clone();
    theirs.interviews[0].answers[0].codings.remove(0);
    theirs.interviews[0].modified = at(6);
    let plan = run(None, &mine, &theirs);
    assert_eq!(kinds(&plan), [Kind::Codings]);
    assert!(plan.conflicts[0].key.ends_with("/Anna"));
    // With the ancestor the removal is known and comes in.
    let plan = run(Some(&base), &mine, &theirs);
    assert!(plan.conflicts.is_empty());
    assert_eq!(codings(&plan.project), [("Anna".into(), "roadmap".into())]);
}

#[test]
fn an_answer_edited_in_both_copies_is_a_conflict_with_both_texts() {
    let base = project();
    let q = q(&base);
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.interviews[0].answer_mut(&q).text = "Min text.".into();
    mine.interviews[0].modified = at(1);
    theirs.interviews[0].answer_mut(&q).text = "Deras text om färdplan.".into();
    code(&mut theirs, coding("roadmap", "Björn", Some((14, 22)), 2));
    let plan = run(Some(&base), &mine, &theirs);
    assert_eq!(kinds(&plan), [Kind::Text]);
    let c = &plan.conflicts[0];
    assert_eq!(c.key, format!("answer/i000001/{q}"));
    assert_eq!(c.mine.as_deref(), Some("Min text."));
    assert_eq!(c.theirs.as_deref(), Some("Deras text om färdplan."));
    assert_eq!(plan.unresolved(), 1);
    // Unresolved, this copy's text stays; Björn's passage is not in it, so his coding is
    // kept on the whole answer and said so.
    assert_eq!(plan.project.interviews[0].answers[0].text, "Min text.");
    assert_eq!(plan.count(ChangeKind::CodingOnWholeAnswer), 1);

    let mut choice = Resolutions::default();
    choice.by_key.insert(c.key.clone(), Keep::Both);
    let both = merge(Some(&base), &mine, &theirs, &choice).unwrap();
    assert_eq!(both.unresolved(), 0);
    let a = &both.project.interviews[0].answers[0];
    assert_eq!(a.text, "Min text.\n\nDeras text om färdplan.");
    assert_eq!(a.codings[0].span.unwrap().slice(&a.text), Some("färdplan"));

    let theirs_kept = merge(Some(&base), &mine, &theirs, &Resolutions::all(Keep::Theirs)).unwrap();
    assert_eq!(
        theirs_kept.project.interviews[0].answers[0].text,
        "Deras text om färdplan."
    );
}

#[test]
fn an_answer_edited_in_one_copy_comes_in_and_passages_follow() {
    let base = project();
    let q = q(&base);
    let mut mine = base.clone();
    code(&mut mine, coding("roadmap", "Anna", Some((14, 22)), 1));
    let mut theirs = base.clone();
    theirs.interviews[0].answer_mut(&q).text = format!("Kort sagt: {TEXT}");
    theirs.interviews[0].modified = at(2);
    let plan = run(Some(&base), &mine, &theirs);
    assert!(plan.conflicts.is_empty());
    let a = &plan.project.interviews[0].answers[0];
    assert!(a.text.starts_with("Kort sagt"));
    assert_eq!(a.codings[0].span.unwrap().slice(&a.text), Some("färdplan"));
    // Without the ancestor the same difference is a conflict: nobody knows who edited.
    assert_eq!(kinds(&run(None, &mine, &theirs)), [Kind::Text]);
}

#[test]
fn new_interviews_respondents_and_codes_come_in() {
    let base = project();
    let mut theirs = base.clone();
    let mut i = theirs.interviews[0].clone();
    i.id = "i000002".into();
    i.created = at(9);
    i.respondents = vec!["r000009".into()];
    theirs.interviews.push(i);
    theirs.respondents.push(Respondent {
        id: "r000009".into(),
        name: "Nya Inkubatorn".into(),
        attributes: Default::default(),
        people: Vec::new(),
    });
    let mut c = theirs.codebook.codes[0].clone();
    c.id = "new-code".into();
    c.label = Localized::new("Ny kod", "New code");
    theirs.codebook.codes.push(c);
    let plan = run(None, &base, &theirs);
    assert!(plan.conflicts.is_empty());
    for kind in [
        ChangeKind::NewInterview,
        ChangeKind::NewRespondent,
        ChangeKind::NewCode,
    ] {
        assert_eq!(plan.count(kind), 1, "{kind:?}");
    }
    assert_eq!(plan.project.interviews.len(), 2);
    assert!(plan.project.codebook.code("new-code").is_some());
}

#[test]
fn one_id_for_two_different_things_is_a_conflict_each() {
    let base = project();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    // Two interviews made independently under one id.
    let mut other = theirs.interviews[0].clone();
    other.created = at(20);
    other.respondents = vec![theirs.respondents[1].id.clone()];
    code_in(&mut other, coding("advice", "Björn", None, 21));
    theirs.interviews[0] = other;
    // Two organisations under one respondent id.
    theirs.respondents[2].name = "Helt Annan Organisation".into();
    // Two codes under one id.
    let code_id = theirs.codebook.codes[1].id.clone();
    theirs.codebook.codes[1].label = Localized::new("Något annat", "Something else");
    mine.codebook.codes[1].label = Localized::new("Det här", "This one");
    let plan = run(None, &mine, &theirs);
    let mut found = kinds(&plan);
    found.sort();
    assert_eq!(
        found,
        [
            Kind::SameInterviewId,
            Kind::SameRespondentId,
            Kind::SameCodeId
        ]
    );
    let kept = merge(None, &mine, &theirs, &Resolutions::all(Keep::Both)).unwrap();
    assert_eq!(kept.unresolved(), 0);
    assert_eq!(kept.project.interviews.len(), 2);
    assert_eq!(kept.project.interviews[1].id, "i002");
    assert_eq!(kept.project.respondents.len(), 4);
    assert_eq!(kept.project.respondents[3].name, "Helt Annan Organisation");
    assert!(
        kept.project
            .codebook
            .code(&format!("{code_id}-2"))
            .is_some()
    );
}

fn code_in(i: &mut Interview, c: Coding) {
    i.modified = i.modified.max(c.created);
    i.answers[0].codings.push(c);
}

#[test]
fn a_code_renamed_in_one_copy_and_deleted_in_the_other_is_a_conflict() {
    let base = project();
    let id = base.codebook.codes[3].id.clone();
    let mut mine = base.clone();
    mine.codebook.codes.retain(|c| c.id != id);
    let mut theirs = base.clone();
    theirs.codebook.codes[3].label = Localized::new("Omdöpt", "Renamed");
    let plan = run(Some(&base), &mine, &theirs);
    assert_eq!(kinds(&plan), [Kind::DeletedHere]);
    assert_eq!(plan.conflicts[0].mine, None);
    assert!(plan.project.codebook.code(&id).is_none());
    let back = merge(Some(&base), &mine, &theirs, &Resolutions::all(Keep::Theirs)).unwrap();
    assert_eq!(back.project.codebook.code(&id).unwrap().label.sv, "Omdöpt");
    // The other way round: renamed here, deleted there.
    let plan = run(Some(&base), &theirs, &mine);
    assert_eq!(kinds(&plan), [Kind::DeletedThere]);
    assert!(plan.project.codebook.code(&id).is_some());
}

#[test]
fn a_deleted_code_stays_deleted_unless_the_other_copy_used_it() {
    let base = project();
    let id = base.codebook.codes[3].id.clone();
    let mut mine = base.clone();
    mine.codebook.codes.retain(|c| c.id != id);
    // Unchanged and unused there: stays deleted, nothing to ask.
    let plan = run(Some(&base), &mine, &base);
    assert!(plan.conflicts.is_empty() && plan.changes.is_empty());
    assert_eq!(plan.project, mine);
    // Used by a coding made there: asked.
    let mut theirs = base.clone();
    code(&mut theirs, coding(&id, "Björn", None, 2));
    let plan = run(Some(&base), &mine, &theirs);
    assert_eq!(kinds(&plan), [Kind::DeletedHere]);
    let mine_kept = merge(Some(&base), &mine, &theirs, &Resolutions::all(Keep::Mine)).unwrap();
    assert!(mine_kept.project.codebook.code(&id).is_none());
    assert!(
        codings(&mine_kept.project).is_empty(),
        "no coding of a deleted code"
    );
    // Deleted there and unused here: the deletion comes in.
    let plan = run(Some(&base), &base, &mine);
    assert_eq!(plan.count(ChangeKind::RemovedCode), 1);
    assert!(plan.project.codebook.code(&id).is_none());
    // Without an ancestor nothing is deleted and the code comes back as new.
    let plan = run(None, &mine, &base);
    assert_eq!(plan.count(ChangeKind::NewCode), 1);
}

#[test]
fn a_code_changed_in_different_fields_merges_field_by_field() {
    let base = project();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.codebook.codes[2].colour = "#112233".into();
    theirs.codebook.codes[2].definition = Localized::new("Ny definition", "New definition");
    let plan = run(Some(&base), &mine, &theirs);
    assert!(plan.conflicts.is_empty());
    let c = &plan.project.codebook.codes[2];
    assert_eq!(
        (c.colour.as_str(), c.definition.sv.as_str()),
        ("#112233", "Ny definition")
    );
    theirs.codebook.codes[2].colour = "#445566".into();
    assert_eq!(kinds(&run(Some(&base), &mine, &theirs)), [Kind::Code]);
}

#[test]
fn another_guide_is_refused_with_a_sentence() {
    let mine = project();
    let mut theirs = mine.clone();
    theirs.guide.questions[2].text = Localized::new("Annan fråga?", "Another question?");
    let err = merge(None, &mine, &theirs, &Resolutions::default()).unwrap_err();
    assert!(err.0.contains("another interview guide"), "{err}");
    assert!(err.0.contains(&mine.guide.questions[2].id));
}

#[test]
fn both_is_not_taken_where_it_means_nothing() {
    let base = project();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.codebook.codes[2].colour = "#112233".into();
    theirs.codebook.codes[2].colour = "#445566".into();
    let plan = merge(None, &mine, &theirs, &Resolutions::all(Keep::Both)).unwrap();
    assert_eq!(plan.unresolved(), 1);
}

#[test]
fn new_rounds_come_in_and_an_interviews_round_follows_its_copy() {
    let base = project();
    let mut theirs = base.clone();
    theirs.rounds.push(Round {
        id: "r1".into(),
        name: "Nulägesmätning".into(),
        start: None,
        end: None,
    });
    theirs.interviews[0].round = Some("r1".into());
    theirs.interviews[0].modified = at(3);
    let plan = run(Some(&base), &base, &theirs);
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts);
    assert_eq!(plan.count(ChangeKind::NewRound), 1);
    assert_eq!(plan.project.interviews[0].round.as_deref(), Some("r1"));
    // Without the ancestor the interview's details differ and are asked about.
    assert_eq!(kinds(&run(None, &base, &theirs)), [Kind::Details]);
    // A round renamed differently in both copies is asked about.
    let (mut mine, mut other) = (theirs.clone(), theirs.clone());
    mine.rounds[0].name = "Baslinje".into();
    other.rounds[0].name = "Start".into();
    assert_eq!(kinds(&run(Some(&theirs), &mine, &other)), [Kind::Round]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Merging a copy into itself changes nothing, with or without an ancestor.
    #[test]
    fn merging_a_copy_into_itself_changes_nothing(seed in 0u64..10_000, n in 1usize..6) {
        let mut synth = Synth::new(seed);
        let mut p = synth.project(3);
        p.interviews = (1..=n).map(|i| synth.interview(i, 3)).collect();
        for ancestor in [None, Some(&p)] {
            let plan = merge(ancestor, &p, &p, &Resolutions::default()).unwrap();
            prop_assert!(plan.changes.is_empty());
            prop_assert!(plan.conflicts.is_empty());
            prop_assert_eq!(&plan.project, &p);
        }
    }
}
