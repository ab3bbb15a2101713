//! Search as users meet it: Swedish word forms, accents, phrases, prefixes, filters, lenient
//! queries, edits showing up, and an index that repairs itself.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use behov::model::{Answer, Coding, Consent, Interview, Mode, Project, Respondent, Status};
use behov::search::{
    Access, Note, RebuildReason, SearchIndex, SearchOptions, SearchResults, index_dir,
};
use behov::store::{self, Store, defaults};
use predicates::prelude::*;

const ANSWERS: &[(&str, &str, &str, &[&str])] = &[
    // (interview, question, text, codes)
    (
        "i001",
        "q03",
        "Företagen efterfrågar färdplanerna och tydlig finansiering.",
        &["roadmap"],
    ),
    (
        "i001",
        "q04",
        "Rådgivningen räcker inte; nätverket är för litet.",
        &["advice"],
    ),
    (
        "i002",
        "q03",
        "Vi saknar konkreta insatser och en hållbar strategi.",
        &["concrete_actions"],
    ),
    (
        "i002",
        "q04",
        "Insatser som är konkreta vore bättre. Hållbarheten i regionen.",
        &[],
    ),
    (
        "i003",
        "q03",
        "radgivning skrivet utan prickar, och finansieringen av hållbara projekt.",
        &["funding"],
    ),
    ("i003", "q05", "Hållbart företagande kräver experter.", &[]),
];

fn interview(id: &str, respondent: &str) -> Interview {
    let date = jiff::civil::date(2026, 2, 3);
    let now = jiff::Timestamp::UNIX_EPOCH;
    Interview {
        id: id.into(),
        respondents: vec![respondent.into()],
        interviewer: "Test".into(),
        date,
        mode: Mode::Video,
        consent: Consent::default(),
        status: Status::Complete,
        answers: ANSWERS
            .iter()
            .filter(|(i, ..)| *i == id)
            .map(|(_, q, text, codes)| Answer {
                question: q.to_string(),
                text: text.to_string(),
                scale: None,
                choices: vec![],
                codings: codes
                    .iter()
                    .map(|c| Coding {
                        code: c.to_string(),
                        span: None,
                        coder: "t".into(),
                        memo: String::new(),
                        created: now,
                    })
                    .collect(),
                time: None,
            })
            .collect(),
        notes: if id == "i002" {
            "Anteckning om bidragen.".into()
        } else {
            String::new()
        },
        notes_codings: vec![],
        source: None,
        round: None,
        participants: Vec::new(),
        created: now,
        modified: now,
    }
}

fn respondent(id: &str, name: &str, kind: &str, place: &str) -> Respondent {
    Respondent {
        id: id.into(),
        name: name.into(),
        attributes: [
            ("type".to_string(), kind.to_string()),
            ("municipality".to_string(), place.to_string()),
        ]
        .into(),
        people: vec![],
    }
}

fn project() -> Project {
    let mut p = defaults::project("Söktest");
    p.respondents = vec![
        respondent("r1", "Almi Mälardalen", "kommun", "Västerås"),
        respondent("r2", "Västerås Science Park", "science park", "Västerås"),
        respondent("r3", "Köpings kommun", "kommun", "Köping"),
    ];
    p.interviews = vec![
        interview("i001", "r1"),
        interview("i002", "r2"),
        interview("i003", "r3"),
    ];
    p
}

/// A project on disk with its index open for writing.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    store: Store,
    project: Project,
    index: SearchIndex,
}

fn fixture() -> Fixture {
    fixture_in(tempfile::tempdir().unwrap())
}

fn fixture_in(dir: tempfile::TempDir) -> Fixture {
    let root = dir.path().join("p");
    let opened = Store::create(&root, &project()).unwrap();
    let (index, report) =
        SearchIndex::open(&root, &opened.project, Access::Write, &mut |_| {}).unwrap();
    assert_eq!(report.rebuilt, Some(RebuildReason::Missing));
    Fixture {
        _dir: dir,
        root,
        store: opened.store,
        project: opened.project,
        index,
    }
}

fn search(index: &SearchIndex, query: &str) -> SearchResults {
    index
        .search(
            query,
            &SearchOptions {
                counts: true,
                ..SearchOptions::default()
            },
        )
        .unwrap()
}

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = search(index, query)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn plural_and_definite_forms_find_the_base_form() {
    let f = fixture();
    assert_eq!(ids(&f.index, "färdplan"), ["i001/q03"]);
    assert_eq!(ids(&f.index, "finansiering"), ["i001/q03", "i003/q03"]);
    assert_eq!(ids(&f.index, "nätverk"), ["i001/q04"]);
    assert_eq!(ids(&f.index, "insats"), ["i002/q03", "i002/q04"]);
    assert_eq!(ids(&f.index, "FÄRDPLANERNA"), ["i001/q03"]);
    assert_eq!(ids(&f.index, "bidrag"), ["i002/notes"]);
}

#[test]
fn hallbar_finds_its_forms_and_hallbar_star_finds_hallbarhet_too() {
    let f = fixture();
    // The adjective's forms belong together; the noun hållbarhet is another word.
    assert_eq!(
        ids(&f.index, "hållbar"),
        ["i002/q03", "i003/q03", "i003/q05"]
    );
    assert_eq!(ids(&f.index, "hållbarhet"), ["i002/q04"]);
    assert_eq!(
        ids(&f.index, "hållbar*"),
        ["i002/q03", "i002/q04", "i003/q03", "i003/q05"]
    );
}

#[test]
fn letters_are_letters_and_a_word_typed_without_them_finds_both_exact_first() {
    let f = fixture();
    let folded = search(&f.index, "radgivning");
    assert_eq!(folded.hits.len(), 2);
    assert_eq!(
        folded.hits[0].id, "i003/q03",
        "the answer spelled radgivning comes first"
    );
    let hit = &folded.hits[1];
    assert!(hit.matched.folded && !hit.matched.text);
    assert_eq!(
        hit.snippet
            .marked("[", "]")
            .matches("[Rådgivningen]")
            .count(),
        1
    );
    // Typed with å, the word means å: the answer spelled without it is another word.
    assert_eq!(ids(&f.index, "rådgivning"), ["i001/q04"]);
    assert_eq!(ids(&f.index, "foretagen"), ["i001/q03"]);
}

#[test]
fn phrases_need_the_words_in_order() {
    let f = fixture();
    assert_eq!(ids(&f.index, "\"konkreta insatser\""), ["i002/q03"]);
    assert_eq!(ids(&f.index, "konkreta insatser"), ["i002/q03", "i002/q04"]);
    assert_eq!(
        ids(&f.index, "\"konkret insats\""),
        ["i002/q03"],
        "phrases are stemmed too"
    );
}

#[test]
fn prefixes_work_on_single_words() {
    let f = fixture();
    assert_eq!(ids(&f.index, "färdpl*"), ["i001/q03"]);
    assert_eq!(ids(&f.index, "fardpl*"), ["i001/q03"]);
    assert_eq!(ids(&f.index, "finans*"), ["i001/q03", "i003/q03"]);
    let marked = search(&f.index, "färdpl*").hits[0].snippet.marked("[", "]");
    assert!(marked.contains("[färdplanerna]"), "{marked}");
}

#[test]
fn or_and_not() {
    let f = fixture();
    assert_eq!(
        ids(&f.index, "färdplan OR nätverk"),
        ["i001/q03", "i001/q04"]
    );
    assert_eq!(ids(&f.index, "finansiering -hållbar"), ["i001/q03"]);
    assert_eq!(ids(&f.index, "finansiering NOT färdplan"), ["i003/q03"]);
    let only_negative = search(&f.index, "-finansiering");
    assert_eq!(only_negative.hits.len(), 5);
    assert!(only_negative.notes.contains(&Note::OnlyNegative));
}

#[test]
fn every_filter() {
    let f = fixture();
    assert_eq!(ids(&f.index, "code:roadmap"), ["i001/q03"]);
    // A parent code finds answers coded with its children.
    let parent = f
        .project
        .codebook
        .code("funding")
        .and_then(|c| c.parent.clone())
        .unwrap();
    let under_parent = ids(&f.index, &format!("code:{parent}"));
    assert!(
        under_parent.contains(&"i003/q03".to_string()) && under_parent.len() > 1,
        "{under_parent:?}"
    );
    assert_eq!(ids(&f.index, "code:funding"), ["i003/q03"]);
    assert_eq!(ids(&f.index, "question:q04"), ["i001/q04", "i002/q04"]);
    assert_eq!(ids(&f.index, "question:5"), ["i003/q05"]);
    assert_eq!(ids(&f.index, "respondent:r3"), ["i003/q03", "i003/q05"]);
    assert_eq!(ids(&f.index, "respondent:almi"), ["i001/q03", "i001/q04"]);
    assert_eq!(
        ids(&f.index, "respondent:\"science park\""),
        ["i002/notes", "i002/q03", "i002/q04"]
    );
    assert_eq!(
        ids(&f.index, "type:kommun insatser OR finansiering"),
        ["i001/q03", "i003/q03"]
    );
    assert_eq!(
        ids(&f.index, "type:\"Science Park\" konkreta"),
        ["i002/q03", "i002/q04"]
    );
    assert_eq!(
        ids(&f.index, "municipality:koping"),
        ["i003/q03", "i003/q05"]
    );
    assert_eq!(ids(&f.index, "date:2026-02 nätverk"), ["i001/q04"]);
    let options = SearchOptions {
        filters: vec![
            ("code".into(), "advice".into()),
            ("respondent".into(), "r1".into()),
        ],
        ..SearchOptions::default()
    };
    let hits = f.index.search("", &options).unwrap().hits;
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["i001/q04"]
    );
}

#[test]
fn unknown_filters_and_values_are_explained() {
    let f = fixture();
    let r = search(&f.index, "code:nosuchcode");
    assert!(r.hits.is_empty());
    assert_eq!(r.notes, [Note::UnknownCode("nosuchcode".into())]);
    let r = search(&f.index, "type:kyrka");
    assert!(r.hits.is_empty());
    assert_eq!(
        r.notes,
        [Note::UnknownValue {
            attribute: "type".into(),
            value: "kyrka".into()
        }]
    );
    let r = search(&f.index, "färg:nätverk");
    assert_eq!(r.notes, [Note::UnknownFilter("färg".into())]);
    let r = search(&f.index, "question:99");
    assert_eq!(r.notes, [Note::UnknownQuestion("99".into())]);
}

#[test]
fn syntax_errors_never_fail_and_say_what_was_ignored() {
    let f = fixture();
    let r = search(&f.index, "\"konkreta insatser");
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.notes, [Note::UnclosedQuote]);
    let r = search(&f.index, "(färdplan OR nätverk");
    assert_eq!(r.hits.len(), 2);
    assert_eq!(r.notes, [Note::UnclosedParenthesis]);
    let r = search(&f.index, "och att färdplan");
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.notes, [Note::StopWords(vec!["och".into(), "att".into()])]);
    for query in [
        "", ")", "OR", "-", "*", "\"", "code:", ":::", "((((a", "NOT", "a OR -b", "🚀*",
    ] {
        search(&f.index, query);
    }
}

#[test]
fn counts_cover_every_match() {
    let f = fixture();
    let r = f
        .index
        .search(
            "finansiering",
            &SearchOptions {
                counts: true,
                limit: 1,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(r.hits.len(), 1);
    let c = r.counts.unwrap();
    assert_eq!((c.answers, c.respondents, c.interviews), (2, 2, 2));
}

#[test]
fn counts_are_the_same_from_one_segment_and_from_several() {
    let mut f = fixture();
    let options = SearchOptions {
        counts: true,
        ..SearchOptions::default()
    };
    let counts = |index: &SearchIndex| {
        let c = index
            .search("finansiering", &options)
            .unwrap()
            .counts
            .unwrap();
        (c.answers, c.respondents, c.interviews)
    };
    assert_eq!(f.index.segment_count(), 1);
    assert_eq!(counts(&f.index), (2, 2, 2));
    // One more matching answer in an interview that matches already: a second segment that
    // holds the same interview and respondent again, to be counted once.
    let hit = f.index.search("finansiering", &options).unwrap().hits[0].clone();
    let mut edited = f.project.interview(&hit.interview).unwrap().clone();
    let other = edited
        .answers
        .iter()
        .find(|a| Some(&a.question) != hit.question.as_ref())
        .unwrap()
        .question
        .clone();
    edited
        .answer_mut(&other)
        .text
        .push_str(" Och finansiering.");
    f.store.save_interview(&edited).unwrap();
    f.index.update_interview(&edited).unwrap();
    f.index.commit().unwrap();
    assert!(
        f.index.segment_count() > 1,
        "the edit is a segment of its own"
    );
    assert_eq!(counts(&f.index), (3, 2, 2));
    // And an interview of another respondent, which only the new segment has.
    let matching: Vec<String> = f
        .index
        .search("finansiering", &options)
        .unwrap()
        .hits
        .iter()
        .flat_map(|h| h.respondents.clone())
        .collect();
    let mut other = f
        .project
        .interviews
        .iter()
        .find(|i| i.respondents.iter().all(|r| !matching.contains(r)))
        .unwrap()
        .clone();
    other.answers[0].text.push_str(" Finansiering.");
    f.store.save_interview(&other).unwrap();
    f.index.update_interview(&other).unwrap();
    f.index.commit().unwrap();
    assert!(f.index.segment_count() > 1);
    assert_eq!(counts(&f.index), (4, 2 + other.respondents.len(), 3));
}

#[test]
fn a_saved_edit_is_found_after_commit_and_removal_too() {
    let mut f = fixture();
    let mut edited = f.project.interview("i001").unwrap().clone();
    edited.answer_mut("q06").text = "Vi vill ha vätgas och solceller.".into();
    f.store.save_interview(&edited).unwrap();
    f.index.update_interview(&edited).unwrap();
    assert!(
        ids(&f.index, "vätgas").is_empty(),
        "not visible before the commit"
    );
    assert!(f.index.has_pending());
    assert!(f.index.commit().unwrap());
    assert_eq!(ids(&f.index, "vätgas"), ["i001/q06"]);
    assert_eq!(
        ids(&f.index, "färdplan"),
        ["i001/q03"],
        "the other answers are still there, once"
    );
    let handle = f.index.handle();
    f.store.delete_interview("i001").unwrap();
    f.index.remove_interview("i001").unwrap();
    f.index.commit().unwrap();
    assert!(
        handle
            .search("vätgas", &SearchOptions::default())
            .unwrap()
            .hits
            .is_empty()
    );
}

#[test]
fn coded_notes_outside_the_guide_are_found_by_their_code() {
    let mut f = fixture();
    assert!(
        ids(&f.index, "code:roadmap")
            .iter()
            .all(|id| id != "i002/notes")
    );
    let mut edited = f.project.interview("i002").unwrap().clone();
    edited.notes_codings.push(Coding {
        code: "roadmap".into(),
        span: None,
        coder: "t".into(),
        memo: String::new(),
        created: jiff::Timestamp::UNIX_EPOCH,
    });
    f.store.save_interview(&edited).unwrap();
    f.index.update_interview(&edited).unwrap();
    f.index.commit().unwrap();
    assert_eq!(ids(&f.index, "code:roadmap"), ["i001/q03", "i002/notes"]);
    assert_eq!(ids(&f.index, "code:roadmap bidrag"), ["i002/notes"]);
}

#[test]
fn project_changes_reach_the_index() {
    let mut f = fixture();
    f.project.respondents[0]
        .attributes
        .insert("type".into(), "inkubator".into());
    assert!(f.index.update_project(&f.project).unwrap());
    f.index.commit().unwrap();
    assert_eq!(ids(&f.index, "type:inkubator"), ["i001/q03", "i001/q04"]);
    assert!(
        !f.index.update_project(&f.project).unwrap(),
        "nothing changed the second time"
    );
}

#[test]
fn a_thousand_single_edits_leave_few_segments() {
    // A thousand commits mean thousands of fsyncs: in memory when the machine offers it, as
    // this test is about segment counts, not disks.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    };
    let mut f = fixture_in(dir.unwrap());
    let mut interviews = f.project.interviews.clone();
    for n in 0..1000 {
        let interview = &mut interviews[n % 3];
        interview.answer_mut("q07").text = format!("Redigering nummer {n}");
        f.index.update_interview(interview).unwrap();
        f.index.commit().unwrap();
    }
    assert!(
        f.index.segment_count() <= 10,
        "{} segments",
        f.index.segment_count()
    );
    assert_eq!(ids(&f.index, "finansiering"), ["i001/q03", "i003/q03"]);
    assert_eq!(search(&f.index, "redigering").counts.unwrap().answers, 3);
}

fn reopen(f: Fixture) -> (Fixture, behov::search::OpenReport) {
    let Fixture {
        _dir,
        root,
        store,
        project,
        index,
    } = f;
    drop(index);
    let (index, report) = SearchIndex::open(&root, &project, Access::Write, &mut |_| {}).unwrap();
    (
        Fixture {
            _dir,
            root,
            store,
            project,
            index,
        },
        report,
    )
}

#[test]
fn reopening_an_intact_index_changes_nothing() {
    let (f, report) = reopen(fixture());
    assert_eq!(report, behov::search::OpenReport::default());
    assert_eq!(ids(&f.index, "färdplan"), ["i001/q03"]);
}

#[test]
fn a_deleted_index_folder_is_rebuilt_with_progress() {
    let f = fixture();
    fs::remove_dir_all(index_dir(&f.root)).unwrap();
    let Fixture {
        _dir,
        root,
        store,
        project,
        index,
    } = f;
    drop(index);
    let mut calls = Vec::new();
    let (index, report) =
        SearchIndex::open(&root, &project, Access::Write, &mut |p| calls.push(p)).unwrap();
    assert_eq!(report.rebuilt, Some(RebuildReason::Missing));
    assert_eq!(calls.last().map(|p| (p.done, p.total)), Some((3, 3)));
    let f = Fixture {
        _dir,
        root,
        store,
        project,
        index,
    };
    assert_eq!(ids(&f.index, "färdplan"), ["i001/q03"]);
}

#[test]
fn a_corrupted_index_file_is_rebuilt() {
    let f = fixture();
    let dir = index_dir(&f.root);
    let victim = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .unwrap();
    let mut bytes = fs::read(&victim).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&victim, bytes).unwrap();
    let (f, report) = reopen(f);
    assert!(
        matches!(report.rebuilt, Some(RebuildReason::Damaged(_))),
        "{report:?}"
    );
    assert_eq!(ids(&f.index, "färdplan"), ["i001/q03"]);
}

#[test]
fn garbage_meta_and_other_versions_are_rebuilt() {
    let f = fixture();
    let dir = index_dir(&f.root);
    fs::write(dir.join("behov-index-version"), "behov search index 0\n").unwrap();
    let (f, report) = reopen(f);
    assert_eq!(report.rebuilt, Some(RebuildReason::OtherVersion));
    fs::write(index_dir(&f.root).join("meta.json"), "{ not json").unwrap();
    let (f, report) = reopen(f);
    assert!(
        matches!(report.rebuilt, Some(RebuildReason::Damaged(_))),
        "{report:?}"
    );
    assert_eq!(ids(&f.index, "nätverk"), ["i001/q04"]);
}

#[test]
fn files_changed_outside_behov_are_indexed_when_the_project_opens() {
    let f = fixture();
    let Fixture {
        _dir,
        root,
        store,
        index,
        ..
    } = f;
    drop(index);
    drop(store);
    // A colleague's edit arrives by git pull; another interview is deleted.
    let mut pulled = interview("i003", "r3");
    pulled.answers[0].text = "Cirkulära affärsmodeller".into();
    store::write_atomic(
        &store::interview_file(&root, "i003"),
        store::to_json(&pulled).as_bytes(),
    )
    .unwrap();
    fs::remove_file(store::interview_file(&root, "i002")).unwrap();
    let opened = Store::open(&root).unwrap();
    let (index, report) =
        SearchIndex::open(&root, &opened.project, Access::Write, &mut |_| {}).unwrap();
    assert_eq!(
        (report.refreshed, report.removed, report.rebuilt),
        (1, 1, None)
    );
    assert_eq!(ids(&index, "cirkulär"), ["i003/q03"]);
    assert!(ids(&index, "konkreta").is_empty());
}

#[test]
fn a_second_instance_searches_read_only() {
    let f = fixture();
    // f holds the project lock and the index writer; a second opener gets a read-only store.
    let second = Store::open(&f.root).unwrap();
    assert!(second.store.is_read_only());
    let (mut index, report) =
        SearchIndex::open(&f.root, &second.project, Access::ReadOnly, &mut |_| {}).unwrap();
    assert!(report.read_only && !report.in_memory);
    assert_eq!(ids(&index, "färdplan"), ["i001/q03"]);
    assert!(matches!(
        index.update_interview(&f.project.interviews[0]),
        Err(behov::search::Error::ReadOnly)
    ));
}

#[test]
fn read_only_without_a_usable_index_searches_in_memory() {
    let f = fixture();
    let Fixture {
        _dir,
        root,
        store,
        project,
        index,
    } = f;
    drop(index);
    fs::remove_dir_all(index_dir(&root)).unwrap();
    let (index, report) =
        SearchIndex::open(&root, &project, Access::ReadOnly, &mut |_| {}).unwrap();
    assert!(report.in_memory);
    assert_eq!(ids(&index, "färdplan"), ["i001/q03"]);
    assert!(
        !index_dir(&root).join("meta.json").exists(),
        "nothing written while read-only"
    );
    drop(store);
}

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data)
        .env_remove("BEHOV_PROJECT")
        .env("LANG", "en_US.UTF-8");
    cmd
}

#[test]
fn cli_search_text_and_json() {
    let f = fixture();
    let Fixture {
        _dir,
        root,
        store,
        index,
        ..
    } = f;
    drop(index);
    drop(store);
    behov(&root)
        .args(["search", "färdpl*", "--project"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("Almi Mälardalen · question q03"))
        .stdout(predicate::str::contains("[färdplanerna]"))
        .stdout(predicate::str::contains(
            "1 answer from 1 respondent in 1 interview",
        ));
    let out = behov(&root)
        .args([
            "search",
            "radgivning",
            "--format",
            "json",
            "--limit",
            "1",
            "--project",
        ])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &json["hits"][0];
    assert_eq!(hit["id"], "i003/q03");
    assert_eq!(hit["respondents"][0], "r3");
    assert_eq!(hit["matched"][0], "text");
    assert_eq!(hit["snippet"]["highlights"][0], serde_json::json!([0, 10]));
    assert_eq!(json["counts"]["answers"], 2);
    behov(&root)
        .args(["search", "\"oavslutad", "--code", "roadmap", "--project"])
        .arg(&root)
        .assert()
        .success()
        .stderr(predicate::str::contains("note: a quote was not closed"));
}

/// The demo installed into a fresh folder, for the command line.
fn demo_root(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("demo");
    store::demo::install(&root).unwrap();
    root
}

fn json_search(root: &Path, query: &str) -> serde_json::Value {
    let out = behov(root)
        .args([
            "search",
            query,
            "--format",
            "json",
            "--limit",
            "300",
            "--project",
        ])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn cli_lan_on_the_demo_finds_loans_and_never_the_county() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_root(dir.path());
    let project = Store::open_read_only(&root).unwrap().project;
    let text_of = |id: &str| {
        let (interview, question) = id.split_once('/').unwrap();
        let interview = project.interview(interview).unwrap();
        interview
            .answers
            .iter()
            .find(|a| a.question == question)
            .map_or(interview.notes.clone(), |a| a.text.clone())
            .to_lowercase()
    };
    let json = json_search(&root, "lån");
    let hits = json["hits"].as_array().unwrap();
    assert!(hits.len() >= 6, "{json}");
    for hit in hits {
        let text = text_of(hit["id"].as_str().unwrap());
        assert!(
            text.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with("lån") || w.contains("lån")),
            "{} says no lån: {text}",
            hit["id"]
        );
    }
    // The county is everywhere in the demo, and `län` finds it but no loan.
    let county = json_search(&root, "län");
    assert!(county["hits"].as_array().unwrap().len() > hits.len());
}

#[test]
fn cli_suggests_a_correction_and_marks_compound_matches() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_root(dir.path());
    let json = json_search(&root, "rådgivnng");
    assert_eq!(json["hits"].as_array().unwrap().len(), 0);
    assert_eq!(json["suggestions"], serde_json::json!(["rådgivning"]));
    behov(&root)
        .args(["search", "färdpaln", "--project"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("Did you mean: färdplan?"));
    // The typo searched explicitly finds what the correction finds.
    let fuzzy = json_search(&root, "rådgivnng~");
    let exact = json_search(&root, "rådgivning");
    assert!(!fuzzy["hits"].as_array().unwrap().is_empty());
    // Compound matches come after every whole-word match and are marked as such.
    let energy = json_search(&root, "energi");
    let hits = energy["hits"].as_array().unwrap();
    let compound = |h: &serde_json::Value| {
        h["matched"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m == "compound")
    };
    let first_compound = hits.iter().position(compound).expect("a compound match");
    assert!(hits[first_compound..].iter().all(compound), "{energy}");
    let snippet = &hits[first_compound]["snippet"];
    assert!(
        !snippet["compounds"].as_array().unwrap().is_empty(),
        "{snippet}"
    );
    assert!(exact["suggestions"].as_array().unwrap().is_empty());
}

#[test]
fn phrases_keep_common_words_and_prefixes_never_match_shorter_words() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_root(dir.path());
    let opened = Store::open(&root).unwrap();
    let (index, _) = SearchIndex::open(&root, &opened.project, Access::Write, &mut |_| {}).unwrap();
    let all = SearchOptions {
        limit: 300,
        ..SearchOptions::default()
    };
    let count = |q: &str| index.search(q, &all).unwrap().hits.len();
    assert_eq!(count("\"vem som gör vad\""), 3);
    assert_eq!(count("”vem som gör vad”"), 3);
    assert_eq!(count("\"inte till\""), 0, "no answer says inte till");
    assert!(count("\"vi har inte\"") < count("\"vi har\""));
    let prefix = index.search("hållbarhets*", &all).unwrap();
    for hit in &prefix.hits {
        assert!(
            hit.snippet.text.to_lowercase().contains("hållbarhets"),
            "{:?}",
            hit.snippet
        );
    }
}

#[test]
fn cli_index_rebuilds_and_search_works_while_another_process_holds_the_project() {
    let f = fixture();
    behov(&f.root)
        .arg("index")
        .arg(&f.root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("another behov holds"));
    behov(&f.root)
        .args(["search", "nätverk", "--format", "json", "--project"])
        .arg(&f.root)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"read_only\": true"))
        .stdout(predicate::str::contains("i001/q04"));
    let root = f.root.clone();
    drop(f.index);
    drop(f.store);
    behov(&root)
        .arg("index")
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Indexed 6 answers from 3 interviews",
        ));
}

/// Ids of the demo's answers and notes whose text has a word matching `form`.
fn demo_answers_with(project: &Project, form: &str) -> Vec<String> {
    let matches = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric()).any(|w| {
            let w = w.to_lowercase();
            w.strip_prefix(form).is_some_and(|rest| {
                ["", "en", "er", "erna", "ar", "arna", "ens", "s"].contains(&rest)
            })
        })
    };
    let mut ids = Vec::new();
    for interview in &project.interviews {
        for answer in &interview.answers {
            if matches(&answer.text) {
                ids.push(format!("{}/{}", interview.id, answer.question));
            }
        }
        if matches(&interview.notes) {
            ids.push(format!("{}/notes", interview.id));
        }
    }
    ids.sort();
    ids
}

#[test]
fn the_demo_finds_every_answer_about_funding_and_roadmaps() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    let opened = Store::open(&root).unwrap();
    let (index, _) = SearchIndex::open(&root, &opened.project, Access::Write, &mut |_| {}).unwrap();
    let all = SearchOptions {
        limit: 1000,
        ..SearchOptions::default()
    };
    let found = |query: &str| {
        let mut ids: Vec<String> = index
            .search(query, &all)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        ids.sort();
        ids
    };
    let funding = demo_answers_with(&opened.project, "finansiering");
    assert!(funding.len() >= 10, "{funding:?}");
    assert_eq!(found("finansiering"), funding);
    let roadmaps = demo_answers_with(&opened.project, "färdplan");
    assert!(roadmaps.len() >= 10, "{roadmaps:?}");
    assert_eq!(found("färdplaner"), roadmaps);
    assert_eq!(found("fardplan"), roadmaps);
    // The prefix also finds finansiera, finansierar, basfinansiering is another word.
    let prefix = found("finansier*");
    assert!(funding.iter().all(|id| prefix.contains(id)) && prefix.len() > funding.len());
}
