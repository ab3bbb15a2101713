//! Personal data: detection measured on a test set of Swedish sentences, pseudonymised exports
//! of the demo in every format, erasure that leaves no trace under the project, consent.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use behov::model::TextEdit;
use behov::privacy::{Kind, NameBook, find};
use behov::store::journal::{Entry, Journal};
use predicates::prelude::*;

fn kind_of(name: &str) -> Kind {
    match name {
        "name" => Kind::Name,
        "email" => Kind::Email,
        "phone" => Kind::Phone,
        "pnr" => Kind::PersonalNumber,
        "snr" => Kind::CoordinationNumber,
        "orgnr" => Kind::OrganisationNumber,
        other => panic!("unknown kind {other}"),
    }
}

/// A test-set line without its marks, and the marked findings as (text, kind).
fn parse(line: &str) -> (String, Vec<(String, Kind)>) {
    let mut text = String::new();
    let mut marked = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('}').expect("closing brace") + open;
        let (kind, words) = rest[open + 1..close].split_once(':').expect("kind:text");
        text.push_str(words);
        marked.push((words.to_string(), kind_of(kind)));
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, marked)
}

#[test]
fn detection_precision_and_recall_on_the_test_set() {
    let set = include_str!("privacy/detection.txt");
    let book = NameBook::new([
        "Maria Lidberg",
        "Anna Bergström",
        "Jonas Ek",
        "Mikael Sandberg",
        "Per Holm",
    ]);
    let mut per_kind: BTreeMap<Kind, (usize, usize, usize)> = BTreeMap::new();
    let mut sentences = 0;
    let mut misses = Vec::new();
    for line in set.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        sentences += 1;
        let (text, expected) = parse(line);
        let found: Vec<(String, Kind)> = find(&text, &book, &[])
            .iter()
            .map(|f| (text[f.span.start..f.span.end].to_string(), f.kind))
            .collect();
        for f in &found {
            let entry = per_kind.entry(f.1).or_default();
            if expected.contains(f) {
                entry.0 += 1;
            } else {
                entry.1 += 1;
                misses.push(format!("false positive {f:?} in: {text}"));
            }
        }
        for e in &expected {
            if !found.contains(e) {
                per_kind.entry(e.1).or_default().2 += 1;
                misses.push(format!("missed {e:?} in: {text}"));
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!("{sentences} sentences");
    println!(
        "{:<22} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "kind", "tp", "fp", "fn", "precision", "recall"
    );
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (kind, (t, p, n)) in &per_kind {
        println!(
            "{:<22} {t:>4} {p:>4} {n:>4} {:>9.3} {:>7.3}",
            format!("{kind:?}"),
            ratio(*t, t + p),
            ratio(*t, t + n)
        );
        tp += t;
        fp += p;
        fn_ += n;
    }
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    println!(
        "{:<22} {tp:>4} {fp:>4} {fn_:>4} {precision:>9.3} {recall:>7.3}",
        "all"
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(sentences >= 80, "{sentences} sentences");
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}"
    );
}

fn behov() -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env(
        "BEHOV_DATA",
        std::env::temp_dir().join("behov-privacy-tests"),
    )
    .env("LANG", "sv_SE.UTF-8");
    cmd
}

fn demo(dir: &Path) -> PathBuf {
    let root = dir.join("demo");
    behov::store::demo::install(&root).unwrap();
    root
}

/// The demo's people as strings that must not appear: names (whole, first and last), e-mail
/// addresses, phone numbers, the interviewers, the coders.
fn demo_people(root: &Path) -> BTreeSet<String> {
    let (project, _) = behov::store::load(root).unwrap();
    let mut strings = BTreeSet::new();
    for r in &project.respondents {
        for p in &r.people {
            strings.insert(p.name.clone());
            strings.extend(p.name.split_whitespace().map(str::to_string));
            strings.extend(
                [p.email.clone(), p.phone.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty()),
            );
        }
    }
    for i in &project.interviews {
        strings.insert(i.interviewer.clone());
    }
    // Named in the texts only: a colleague of the region.
    strings.insert("Nils".into());
    strings
}

/// Every text part of an output file: the file itself, or each member of a zip (xlsx, docx,
/// qdpx).
fn parts(path: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    if bytes.starts_with(b"PK") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut b = Vec::new();
                f.read_to_end(&mut b).unwrap();
                (
                    f.name().unwrap_or_default().to_string(),
                    String::from_utf8_lossy(&b).into_owned(),
                )
            })
            .collect()
    } else {
        vec![(
            path.display().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        )]
    }
}

/// Whether `word` stands in `text` as a word of its own (not inside another word).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn pseudonymised_exports_of_the_demo_hold_no_one_and_agree_on_pseudonyms() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let people = demo_people(&root);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut files = Vec::new();
    for (format, table) in [
        ("md", None),
        ("csv", Some("quotes")),
        ("json", None),
        ("xlsx", None),
        ("docx", None),
        ("table", None),
    ] {
        let file = out.join(format!("summary.{format}"));
        let mut cmd = behov();
        cmd.args(["summary", "--project"])
            .arg(&root)
            .args([
                "--format",
                format,
                "--pseudonymise",
                "--status",
                "all",
                "--out",
            ])
            .arg(&file);
        if let Some(t) = table {
            cmd.args(["--table", t]);
        }
        cmd.assert().success();
        files.push(file);
    }
    let qdpx = out.join("project.qdpx");
    behov()
        .args(["export", "--project"])
        .arg(&root)
        .args(["--format", "qdpx", "--pseudonymise", "--out"])
        .arg(&qdpx)
        .assert()
        .success();
    files.push(qdpx);
    let mut pseudonyms: BTreeSet<String> = BTreeSet::new();
    for file in &files {
        for (name, text) in parts(file) {
            for s in &people {
                assert!(
                    !has_word(&text, s),
                    "{} ({name}) holds {s:?}",
                    file.display()
                );
                assert!(
                    !text.contains(&s.to_lowercase()) || !s.contains('@'),
                    "{name} holds {s}"
                );
            }
            // The quote of i001 names Anna: it is the same pseudonym in every file.
            for (at, _) in text.match_indices("[person ") {
                let end = text[at..].find(']').unwrap() + at;
                pseudonyms.insert(text[at..=end].to_string());
            }
        }
    }
    assert!(!pseudonyms.is_empty());
    // The key names the person behind each pseudonym, and is never in an export: Magnus Lund
    // of the energy office is quoted, with the same pseudonym in every file.
    let key = behov::privacy::Key::load(&root).unwrap();
    let magnus = format!(
        "[person {}]: Det jag hör mest är",
        key.people["magnus lund"]
    );
    let mut quoted = 0;
    for file in &files {
        let text: String = parts(file)
            .into_iter()
            .map(|(_, t)| t.replace('\\', ""))
            .collect();
        if text.contains("Det jag hör mest är") {
            assert!(text.contains(&magnus), "{} lacks {magnus}", file.display());
            quoted += 1;
        }
        assert!(
            !text.contains("magnus lund"),
            "{} holds the key",
            file.display()
        );
    }
    assert!(quoted >= 5, "the quote is in {quoted} files");
    // The pseudonymised REFI-QDA project reads back: every coded passage still lies on its
    // words after the names in it were replaced.
    let copy = dir.path().join("copy");
    behov()
        .args(["import"])
        .arg(out.join("project.qdpx"))
        .args(["--project"])
        .arg(&copy)
        .assert()
        .success();
    behov().args(["check"]).arg(&copy).assert().success();
    // Exporting again gives the same pseudonyms: the key is kept.
    let again = out.join("again.md");
    behov()
        .args(["summary", "--project"])
        .arg(&root)
        .args([
            "--format",
            "md",
            "--pseudonymise",
            "--status",
            "all",
            "--out",
        ])
        .arg(&again)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(out.join("summary.md")).unwrap()
    );
}

/// Every file under `root` that holds one of `strings` (any case).
fn traces(root: &Path, strings: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).to_lowercase();
                for s in strings {
                    if text.contains(&s.to_lowercase()) {
                        found.push(format!("{} holds {s}", path.display()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn erasing_an_organisation_leaves_no_trace_under_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    behov().args(["index"]).arg(&root).assert().success();
    // Typing not yet folded into the files, and a damaged journal line kept aside.
    let (project, _) = behov::store::load(&root).unwrap();
    let i001 = project.interview("i001").unwrap();
    let mut journal = Journal::open(&root).unwrap();
    journal
        .append_edit(&Entry {
            interview: "i001".into(),
            base: i001.modified,
            question: Some("q01".into()),
            edit: TextEdit {
                at: 0,
                removed: 0,
                inserted: "Mikael Sandberg nås på 070-999 88 77. ".into(),
            },
        })
        .unwrap();
    journal.sync().unwrap();
    drop(journal);
    std::fs::write(
        root.join(".behov/journal-unreadable-1.txt"),
        "{\"interview\":\"i001\",\"inserted\":\"Anna Bergström sa\"\nannan rad\n",
    )
    .unwrap();
    behov()
        .args(["summary"])
        .arg(&root)
        .args(["--format", "md", "--pseudonymise"])
        .assert()
        .success();
    let erased = [
        "Anna Bergström",
        "Bergström",
        "Mikael Sandberg",
        "Sandberg",
        "anna.bergstrom@example.se",
        "mikael.sandberg@example.se",
        "070-312 48 90",
        "Västerås stad, näringslivsenheten",
    ];
    // A plain summary keeps its index of ids and names in .behov/.
    behov()
        .args(["summary"])
        .arg(&root)
        .args(["--format", "json", "--include-unconsented"])
        .assert()
        .success();
    let summary_index = behov::store::summary_index::summary_index_path(&root);
    assert!(summary_index.exists());
    assert!(!traces(&root, &erased).is_empty());
    behov()
        .args(["erase", "--project"])
        .arg(&root)
        .args(["--respondent", "r001", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("interviews deleted: i001"))
        .stdout(predicate::str::contains("no trace"));
    assert_eq!(traces(&root, &erased), Vec::<String>::new());
    assert!(!summary_index.exists());
    // The project is whole, the index answers without the erased, the rest is still there.
    behov().args(["check"]).arg(&root).assert().success();
    behov()
        .args(["search", "--project"])
        .arg(&root)
        .args(["Mikael", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"interview\"").not());
    behov()
        .args(["search", "--project"])
        .arg(&root)
        .args(["Birgitta"])
        .assert()
        .success()
        .stdout(predicate::str::contains("i006"));
    let key = behov::privacy::Key::load(&root).unwrap();
    assert!(!key.organisations.contains_key("r001"));
    assert!(key.people.contains_key("peter holm"));
}

#[test]
fn erasing_a_person_removes_their_words_from_a_group_interview() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    behov()
        .args(["erase", "--project"])
        .arg(&root)
        .args(["--person", "Birgitta Holmberg", "--yes"])
        .assert()
        .success();
    let (project, _) = behov::store::load(&root).unwrap();
    let i006 = project.interview("i006").unwrap();
    let all: String = i006.answers.iter().map(|a| a.text.as_str()).collect();
    assert!(
        !all.contains("Birgitta") && !i006.notes.contains("Birgitta"),
        "{all}"
    );
    assert!(all.contains("Jonas: "), "Jonas keeps his words");
    assert!(i006.notes.contains("[raderad]"), "{}", i006.notes);
    assert!(
        behov::model::validate(&project).is_empty(),
        "codings still fit their answers"
    );
    assert_eq!(
        traces(&root, &["Birgitta", "Holmberg", "070-171 86 40"]),
        Vec::<String>::new()
    );
}

#[test]
fn erasing_without_a_terminal_needs_yes_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let before = std::fs::read(root.join("project.json")).unwrap();
    behov()
        .args(["erase", "--project"])
        .arg(&root)
        .args(["--respondent", "r001"])
        .write_stdin("yes\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert_eq!(std::fs::read(root.join("project.json")).unwrap(), before);
    behov()
        .args(["erase", "--project"])
        .arg(&root)
        .args(["--respondent", "Ingen sådan", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no respondent"));
}

#[test]
fn interviews_without_consent_are_left_out_unless_asked_and_consent_can_force_pseudonyms() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let path = root.join("interviews/i001.json");
    let mut i001: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    i001["consent"] = serde_json::json!({"given": false});
    std::fs::write(&path, serde_json::to_vec_pretty(&i001).unwrap()).unwrap();
    let count = |extra: &[&str]| {
        let out = behov()
            .args(["summary"])
            .arg(&root)
            .args(["--format", "json", "--status", "all"])
            .args(extra)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            v["coverage"]["interviews"].as_u64().unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (without, note) = count(&[]);
    let (with, _) = count(&["--include-unconsented"]);
    assert_eq!(with, without + 1);
    assert!(note.contains("i001") && note.contains("consent"), "{note}");

    // Quotes of i002 may not be attributed: the report is pseudonymised by itself.
    let path = root.join("interviews/i002.json");
    let mut i002: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    i002["consent"]["quotes"] = serde_json::json!(false);
    std::fs::write(&path, serde_json::to_vec_pretty(&i002).unwrap()).unwrap();
    behov()
        .args(["summary"])
        .arg(&root)
        .args(["--format", "md", "--table", "quotes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[Organisation "))
        .stdout(predicate::str::contains("Köpings kommun").not())
        .stderr(predicate::str::contains("i002"));
}

#[test]
fn scan_lists_findings_with_their_place_and_json_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let out = behov()
        .args(["privacy", "scan"])
        .arg(&root)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["interview"] == "i022" && f["text"] == "Nils")
    );
    assert!(
        findings
            .iter()
            .any(|f| f["interview"] == "i001" && f["question"] == "q01" && f["text"] == "Anna")
    );
    // Marked "not personal data", a word is left from then on.
    behov()
        .args(["privacy", "allow", "Nils", "--project"])
        .arg(&root)
        .assert()
        .success();
    let out = behov()
        .args(["privacy", "scan"])
        .arg(&root)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["text"] == "Nils")
    );
    behov()
        .args(["privacy", "report"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("Kontaktpersoner"));
}

#[test]
fn check_says_when_the_retention_date_has_passed() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    behov().args(["check"]).arg(&root).assert().success();
    behov()
        .args(["privacy", "retain", "2020-01-31", "--project"])
        .arg(&root)
        .assert()
        .success();
    behov()
        .args(["check"])
        .arg(&root)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("retention date 2020-01-31"));
}

#[test]
fn an_error_about_a_damaged_file_does_not_quote_interview_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let path = root.join("interviews/i001.json");
    let mut i001: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    i001["answers"][4]["scale"] = serde_json::json!("Anna Bergström sa tre");
    std::fs::write(&path, serde_json::to_vec_pretty(&i001).unwrap()).unwrap();
    let out = behov().args(["check"]).arg(&root).output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("i001.json:"), "{all}");
    assert!(!all.contains("Anna"), "{all}");
}
