//! `behov merge`: two copies of the demo coded by two people merged into one, conflicts that
//! stop the merge, undo, and bad input that leaves every file as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use behov::model::{Coding, Span};
use behov::store::Store;
use jiff::{Timestamp, ToSpan};
use predicates::prelude::*;

fn copy(dir: &Path, name: &str) -> PathBuf {
    let root = dir.join(name);
    behov::store::demo::install(&root).unwrap();
    root
}

/// Every file of the project but the derived ones in `.behov/`, with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for dir in [root.to_path_buf(), root.join("interviews")] {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.file_type().unwrap().is_file() {
                out.insert(entry.path(), std::fs::read(entry.path()).unwrap());
            }
        }
    }
    out
}

/// Codes `interview`'s answer `answer` (by position) as `coder`, an hour from now plus `hours`.
fn code(root: &Path, interview: &str, answer: usize, code: &str, coder: &str, hours: i64) {
    let mut opened = Store::open(root).unwrap();
    let when = Timestamp::now().checked_add(hours.hours()).unwrap();
    let i = opened.project.interview_mut(interview).unwrap();
    i.answers[answer].codings.push(Coding {
        code: code.into(),
        span: Some(Span { start: 0, end: 5 }),
        coder: coder.into(),
        memo: String::new(),
        created: when,
    });
    i.modified = when;
    let i = i.clone();
    opened.store.save_interview(&i).unwrap();
}

fn codings(root: &Path) -> usize {
    let (project, _) = behov::store::load(root).unwrap();
    project.interviews.iter().map(|i| i.coding_count()).sum()
}

fn behov(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", project.parent().unwrap().join("data"))
        .env_remove("BEHOV_PROJECT")
        .arg("--project")
        .arg(project);
    cmd
}

#[test]
fn two_coders_on_two_copies_merge_with_every_coding_kept_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let anna = copy(dir.path(), "anna");
    let bjorn = copy(dir.path(), "bjorn");
    let before = codings(&anna);
    code(&anna, "i001", 0, "advice", "Anna", 2);
    code(&anna, "i002", 1, "roadmap", "Anna", 3);
    // Björn codes earlier than Anna's last save, on the same interview and another.
    code(&bjorn, "i001", 0, "funding", "Björn", 1);
    code(&bjorn, "i003", 2, "networks", "Björn", 1);
    let anna_files = files(&anna);

    behov(&anna)
        .args(["merge", "--dry-run"])
        .arg(&bjorn)
        .assert()
        .success()
        .stdout(predicate::str::contains("two-way"))
        .stdout(predicate::str::contains("2 coders' codings of interviews"))
        .stdout(predicate::str::contains("Dry run: nothing was written."));
    assert_eq!(files(&anna), anna_files, "a dry run writes nothing");

    behov(&anna)
        .args(["merge", "--yes"])
        .arg(&bjorn)
        .assert()
        .success()
        .stdout(predicate::str::contains("Merged: 2 files written"));
    assert_eq!(
        codings(&anna),
        before + 4,
        "every coding of both coders is kept"
    );
    behov(&anna).arg("check").assert().success();

    // Merging again changes nothing.
    let merged = files(&anna);
    behov(&anna)
        .args(["merge", "--yes"])
        .arg(&bjorn)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing to merge"));
    assert_eq!(files(&anna), merged);

    behov(&anna)
        .args(["merge", "--undo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("undone: 2 files"));
    assert_eq!(files(&anna), anna_files, "undo puts back every byte");
    behov(&anna)
        .args(["merge", "--undo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no merge to undo"));
}

#[test]
fn undo_refuses_when_a_merged_file_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let anna = copy(dir.path(), "anna");
    let bjorn = copy(dir.path(), "bjorn");
    code(&bjorn, "i004", 0, "advice", "Björn", 1);
    behov(&anna)
        .args(["merge", "--yes"])
        .arg(&bjorn)
        .assert()
        .success();
    code(&anna, "i004", 1, "roadmap", "Anna", 2);
    let now = files(&anna);
    behov(&anna)
        .args(["merge", "--undo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "interviews/i004.json changed since the merge",
        ));
    assert_eq!(files(&anna), now);
}

#[test]
fn a_conflict_stops_the_merge_until_it_is_decided() {
    let dir = tempfile::tempdir().unwrap();
    let mine = copy(dir.path(), "mine");
    let theirs = copy(dir.path(), "theirs");
    for (root, text) in [(&mine, "Min version."), (&theirs, "Deras version.")] {
        let mut opened = Store::open(root).unwrap();
        let i = opened.project.interview_mut("i002").unwrap();
        i.answers[0].text = text.into();
        let i = i.clone();
        opened.store.save_interview(&i).unwrap();
    }
    code(&theirs, "i005", 0, "advice", "Björn", 1);
    let before = files(&mine);
    let q = {
        let (p, _) = behov::store::load(&mine).unwrap();
        p.interview("i002").unwrap().answers[0].question.clone()
    };
    let key = format!("answer/i002/{q}");
    behov(&mine)
        .args(["merge", "--yes"])
        .arg(&theirs)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("[{key}]")))
        .stdout(predicate::str::contains("here : Min version."))
        .stdout(predicate::str::contains("there: Deras version."))
        .stderr(predicate::str::contains(
            "1 conflict is not decided, so nothing was merged",
        ));
    assert_eq!(
        files(&mine),
        before,
        "nothing is written while a conflict is open"
    );

    behov(&mine)
        .args(["merge", "--yes", "--keep", "answer/i999/q01=theirs"])
        .arg(&theirs)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--keep names no conflict"));

    behov(&mine)
        .args(["merge", "--yes", "--keep", &format!("{key}=both")])
        .arg(&theirs)
        .assert()
        .success();
    let (p, _) = behov::store::load(&mine).unwrap();
    assert_eq!(
        p.interview("i002").unwrap().answers[0].text,
        "Min version.\n\nDeras version."
    );
    assert_eq!(p.interview("i005").unwrap().coding_count(), {
        let (t, _) = behov::store::load(&theirs).unwrap();
        t.interview("i005").unwrap().coding_count()
    });
}

#[test]
fn bad_input_is_a_sentence_and_leaves_the_project_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mine = copy(dir.path(), "mine");
    let theirs = copy(dir.path(), "theirs");
    let before = files(&mine);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    behov(&mine)
        .args(["merge", "--yes"])
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a behov project"));
    behov(&mine)
        .args(["merge", "--yes"])
        .arg(dir.path().join("missing"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
    behov(&mine)
        .args(["merge", "--yes"])
        .arg(&mine)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is this project itself"));

    // Another guide.
    let mut opened = Store::open(&theirs).unwrap();
    opened.project.guide.questions[1].text.sv = "En helt annan fråga?".into();
    let p = opened.project.clone();
    opened.store.save_project(&p).unwrap();
    drop(opened);
    behov(&mine)
        .args(["merge", "--yes"])
        .arg(&theirs)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("another interview guide"));

    // An unreadable file in the other copy.
    let other = copy(dir.path(), "other");
    std::fs::write(other.join("interviews/i007.json"), "{ not json").unwrap();
    behov(&mine)
        .args(["merge", "--yes"])
        .arg(&other)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("i007.json"))
        .stderr(predicate::str::contains("nothing was merged"));

    // No terminal to ask, and no --yes.
    let fine = copy(dir.path(), "fine");
    code(&fine, "i001", 0, "advice", "Björn", 1);
    behov(&mine)
        .arg("merge")
        .arg(&fine)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add --yes"));
    assert_eq!(files(&mine), before);
}

#[test]
fn an_erasure_drops_the_undo_record_that_still_holds_the_erased() {
    let dir = tempfile::tempdir().unwrap();
    let anna = copy(dir.path(), "anna");
    let bjorn = copy(dir.path(), "bjorn");
    code(&bjorn, "i001", 0, "advice", "Björn", 1);
    behov(&anna)
        .args(["merge", "--yes"])
        .arg(&bjorn)
        .assert()
        .success();
    assert!(anna.join(".behov/merge-undo.json").exists());
    let respondent = {
        let (p, _) = behov::store::load(&anna).unwrap();
        p.interview("i001").unwrap().respondents[0].clone()
    };
    behov(&anna)
        .args(["erase", "--yes", "--respondent", &respondent])
        .assert()
        .success();
    assert!(!anna.join(".behov/merge-undo.json").exists());
    behov(&anna)
        .args(["merge", "--undo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no merge to undo"));
}
