//! A programme: three projects sharing a codebook, one lacking a code and one with a code of
//! its own; every number worked out by hand. And the demo programme's summary, reviewed like
//! code when it changes.
//!
//! Projects (written as files, as users have them):
//!   A  codebook needs ── advice, funding; attributes type, municipality
//!      a1 kommun: ia1 q1 advice + funding      a2 inkubator: ia2 q1 advice
//!   B  codebook needs ── advice, funding, tourism (its own); attribute type
//!      b1 kommun: ib1 q1 tourism + funding
//!   C  codebook needs ── advice ("Råd": another label), no funding; attribute type
//!      c1 kommun: ic1 q1 advice                c2 inkubator: ic2 q1 not coded
//!      c3 kommun: ic3 without recorded consent, q1 advice (left out)

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use behov::model::Lang;
use behov::report::render::{self, Export, Format};
use behov::report::{self, Difference, Options};
use behov::store::programme::{self, Listing};
use serde_json::{Value, json};

fn code(id: &str, parent: Option<&str>, sv: &str) -> Value {
    json!({"id": id, "parent": parent, "label": {"sv": sv, "en": sv}, "colour": "#336699"})
}

fn write(path: &Path, value: &Value) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

/// One project folder: `codes` beside `needs`, respondents (id, type), interviews
/// (id, respondent, codes on q1, consent given).
fn project(
    root: &Path,
    name: &str,
    codes: &[Value],
    attributes: &[&str],
    respondents: &[(&str, &str)],
    interviews: &[(&str, &str, &[&str], bool)],
) -> PathBuf {
    let dir = root.join(name);
    let mut book = vec![code("needs", None, "Behov")];
    book.extend(codes.iter().cloned());
    write(&dir.join("codebook.json"), &json!({ "codes": book }));
    write(
        &dir.join("project.json"),
        &json!({
            "schema_version": 1,
            "title": format!("Behovsanalys {name}"),
            "guide": {"questions": [
                {"id": "q1", "text": {"sv": "Vilka behov ser ni?"}, "kind": {"type": "open"}}
            ]},
            "attributes": attributes.iter().map(|a| json!({"id": a, "label": {"sv": a}})).collect::<Vec<_>>(),
            "respondents": respondents.iter().map(|(id, kind)| json!({
                "id": id, "name": format!("Organisation {id}"),
                "attributes": {"type": kind, "municipality": "Gävle"}
            })).collect::<Vec<_>>(),
        }),
    );
    for (id, respondent, codes, consent) in interviews {
        write(
            &dir.join("interviews").join(format!("{id}.json")),
            &json!({
                "id": id, "respondents": [respondent], "interviewer": "Karin Ekholm",
                "date": "2026-03-02", "mode": "video", "consent": {"given": consent},
                "status": "complete",
                "answers": [{"question": "q1", "text": "Vi behöver råd och pengar.",
                    "codings": codes.iter().map(|c| json!({
                        "code": c, "coder": "karin", "created": "2026-03-03T10:00:00Z"
                    })).collect::<Vec<_>>()}],
                "created": "2026-03-02T09:00:00Z", "modified": "2026-03-03T10:00:00Z"
            }),
        );
    }
    dir
}

fn three(root: &Path) -> Vec<PathBuf> {
    let advice = code("advice", Some("needs"), "Rådgivning");
    let funding = code("funding", Some("needs"), "Finansiering");
    vec![
        project(
            root,
            "A",
            &[advice.clone(), funding.clone()],
            &["type", "municipality"],
            &[("a1", "kommun"), ("a2", "inkubator")],
            &[
                ("ia1", "a1", &["advice", "funding"], true),
                ("ia2", "a2", &["advice"], true),
            ],
        ),
        project(
            root,
            "B",
            &[
                advice,
                funding,
                code("tourism", Some("needs"), "Hållbar besöksnäring"),
            ],
            &["type"],
            &[("b1", "kommun")],
            &[("ib1", "b1", &["tourism", "funding"], true)],
        ),
        project(
            root,
            "C",
            &[code("advice", Some("needs"), "Råd")],
            &["type"],
            &[("c1", "kommun"), ("c2", "inkubator"), ("c3", "kommun")],
            &[
                ("ic1", "c1", &["advice"], true),
                ("ic2", "c2", &[], true),
                ("ic3", "c3", &["advice"], false),
            ],
        ),
    ]
}

fn summary(dirs: &[PathBuf], by: &str) -> report::Summary {
    let listing = programme::from_dirs(dirs, Some("Programmet"));
    let opened = programme::open(&listing, false, false).unwrap();
    assert_eq!(opened.notes.len(), 1, "{:?}", opened.notes);
    assert!(opened.notes[0].contains("ic3"), "{:?}", opened.notes);
    let options = Options {
        by: Some(by.to_string()),
        lang: Lang::Sv,
        ..Options::default()
    };
    report::summarise_programme(&opened.programme, &options).unwrap()
}

#[test]
fn codes_are_matched_by_id_and_counted_over_every_project() {
    let root = tempfile::tempdir().unwrap();
    let s = summary(&three(root.path()), "project");
    assert_eq!(s.coverage.interviewed, 5, "c3 has no consent");
    let row = |id: &str| s.codes.iter().find(|r| r.id == id).unwrap();
    // needs: a1, a2, b1, c1 of 5; advice: a1, a2, c1; funding: a1, b1; tourism: b1.
    assert_eq!(row("needs").counts.respondents, 4);
    assert_eq!(row("advice").counts.respondents, 3);
    assert!((row("advice").share - 0.6).abs() < 1e-9);
    assert_eq!(row("funding").counts.respondents, 2);
    assert_eq!(row("funding").label, "Finansiering (A, B)");
    assert_eq!(row("tourism").counts.respondents, 1);
    assert_eq!(row("tourism").label, "Hållbar besöksnäring (B)");
    // The first project's label wins; C's "Råd" is reported.
    assert_eq!(row("advice").label, "Rådgivning");
}

#[test]
fn by_project_blanks_a_code_a_project_lacks() {
    let root = tempfile::tempdir().unwrap();
    let s = summary(&three(root.path()), "project");
    let m = s.groups.as_ref().unwrap();
    let groups: Vec<(&str, usize)> = m
        .groups
        .iter()
        .map(|g| (g.value.as_str(), g.respondents))
        .collect();
    assert_eq!(groups, [("A", 2), ("B", 1), ("C", 2)]);
    let cells = |id: &str| -> Vec<(usize, bool)> {
        m.rows
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .cells
            .iter()
            .map(|c| (c.respondents, c.absent))
            .collect()
    };
    assert_eq!(cells("advice"), [(2, false), (0, false), (1, false)]);
    assert_eq!(cells("funding"), [(1, false), (1, false), (0, true)]);
    assert_eq!(cells("tourism"), [(0, true), (1, false), (0, true)]);
    let advice = m.rows.iter().find(|r| r.id == "advice").unwrap();
    assert!((advice.cells[0].share - 1.0).abs() < 1e-9);
    assert!((advice.cells[2].share - 0.5).abs() < 1e-9);
}

#[test]
fn an_attribute_every_project_has_splits_the_programme() {
    let root = tempfile::tempdir().unwrap();
    let s = summary(&three(root.path()), "type");
    let m = s.groups.as_ref().unwrap();
    let groups: Vec<(&str, usize)> = m
        .groups
        .iter()
        .map(|g| (g.value.as_str(), g.respondents))
        .collect();
    // kommun: a1, b1, c1; inkubator: a2, c2.
    assert_eq!(groups, [("inkubator", 2), ("kommun", 3)]);
    let advice = m.rows.iter().find(|r| r.id == "advice").unwrap();
    let counts: Vec<usize> = advice.cells.iter().map(|c| c.respondents).collect();
    assert_eq!(counts, [1, 2]);
}

#[test]
fn differences_are_reported_in_sentences() {
    let root = tempfile::tempdir().unwrap();
    let s = summary(&three(root.path()), "project");
    let p = s.programme.as_ref().unwrap();
    let kinds: Vec<String> = p
        .differences
        .iter()
        .map(|d| match d {
            Difference::Code { code, .. } => format!("code {code}"),
            Difference::Label { code, .. } => format!("label {code}"),
            Difference::Parent { code, .. } => format!("parent {code}"),
            Difference::Question { question, .. } => format!("question {question}"),
            Difference::Attribute { attribute, .. } => format!("attribute {attribute}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "label advice",
            "code funding",
            "code tourism",
            "attribute municipality"
        ]
    );
    assert_eq!(
        p.differences[1].sentence(Lang::Sv),
        "Koden Finansiering (funding) finns bara i kodboken för A och B; C saknar den, så där räknas den inte."
    );
    assert_eq!(
        p.differences[0].sentence(Lang::En),
        "The code advice is labelled differently in the codebooks (A: Rådgivning; B: Rådgivning; C: Råd); the tables use Rådgivning."
    );
    let own: Vec<(&str, Vec<String>)> = p
        .projects
        .iter()
        .map(|m| (m.name.as_str(), m.own_codes.clone()))
        .collect();
    assert_eq!(
        own,
        [
            ("A", vec![]),
            ("B", vec!["tourism".to_string()]),
            ("C", vec![])
        ]
    );
}

#[test]
fn an_attribute_not_in_every_project_is_refused_with_the_ones_that_are() {
    let root = tempfile::tempdir().unwrap();
    let dirs = three(root.path());
    let listing = programme::from_dirs(&dirs, None);
    let opened = programme::open(&listing, false, false).unwrap();
    let options = Options {
        by: Some("municipality".into()),
        ..Options::default()
    };
    let err = report::summarise_programme(&opened.programme, &options)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no attribute 'municipality'"), "{err}");
    assert!(err.contains("project (Projekt)"), "{err}");
}

#[test]
fn the_command_line_takes_folders_or_a_programme_file() {
    let root = tempfile::tempdir().unwrap();
    let dirs = three(root.path());
    let run = |args: &[&std::ffi::OsStr]| -> Value {
        let out = Command::cargo_bin("behov")
            .unwrap()
            .env("BEHOV_DATA", root.path())
            .env_remove("BEHOV_PROJECT")
            .arg("programme")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let from_dirs = run(&dirs.iter().map(|d| d.as_os_str()).collect::<Vec<_>>());
    std::fs::write(
        root.path().join("programme.json"),
        r#"{"title": "Tre län", "projects": [{"path": "A", "name": "Län A"}, "B", "C"]}"#,
    )
    .unwrap();
    let from_file = run(&[root.path().join("programme.json").as_os_str()]);
    for v in [&from_dirs, &from_file] {
        assert_eq!(v["coverage"]["interviewed"], 5);
        assert_eq!(v["programme"]["differences"].as_array().unwrap().len(), 4);
    }
    assert_eq!(from_file["title"], "Tre län");
    assert_eq!(from_file["groups"]["groups"][0]["value"], "Län A");
}

#[test]
fn a_folder_that_is_not_a_project_is_one_sentence() {
    let root = tempfile::tempdir().unwrap();
    let mut dirs = three(root.path());
    std::fs::create_dir(root.path().join("empty")).unwrap();
    dirs.push(root.path().join("empty"));
    Command::cargo_bin("behov")
        .unwrap()
        .env("BEHOV_DATA", root.path())
        .arg("programme")
        .args(&dirs)
        .assert()
        .failure()
        .stderr(predicates::str::contains("is not a behov project"));
}

/// The demo programme as `behov demo --programme` installs it.
fn demo_listing(dir: &Path) -> Listing {
    behov::store::demo::install_programme(dir).unwrap();
    programme::read(&dir.join(programme::FILE)).unwrap()
}

#[test]
fn demo_programme_summary() {
    let dir = tempfile::tempdir().unwrap();
    let opened = programme::open(&demo_listing(dir.path()), false, false).unwrap();
    let options = Options {
        filter: report::Filter {
            status: Some(behov::model::Status::Complete),
            ..report::Filter::default()
        },
        by: Some("project".into()),
        lang: Lang::Sv,
        quotes: 1,
        ..Options::default()
    };
    let summary = report::summarise_programme(&opened.programme, &options).unwrap();
    let export = Export {
        format: Format::Markdown,
        table: None,
        csv: Default::default(),
    };
    let text = String::from_utf8(render::export(&summary, &export).unwrap()).unwrap();
    insta::assert_snapshot!(text);
}

#[test]
fn one_search_over_the_programme_names_each_hits_project() {
    use behov::search::{Access, SearchIndex, SearchOptions};
    let root = tempfile::tempdir().unwrap();
    let listing = programme::from_dirs(&three(root.path()), None);
    let opened = programme::open(&listing, false, false).unwrap();
    let (index, report) = SearchIndex::open(
        root.path(),
        &opened.programme.project,
        Access::ReadOnly,
        &mut |_| {},
    )
    .unwrap();
    assert!(report.in_memory, "a programme has no index on disk");
    let results = index.search("pengar", &SearchOptions::default()).unwrap();
    let mut found: Vec<(&str, &str)> = results
        .hits
        .iter()
        .map(|h| {
            let project = opened.programme.info.project_of(&h.interview).unwrap();
            (project, h.interview.as_str())
        })
        .collect();
    found.sort();
    // Every consented interview of every project; C's ic3 has no consent and is left out.
    assert_eq!(
        found,
        [
            ("A", "A/ia1"),
            ("A", "A/ia2"),
            ("B", "B/ib1"),
            ("C", "C/ic1"),
            ("C", "C/ic2")
        ]
    );
}
