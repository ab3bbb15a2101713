//! The command line as scripts use it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data).env_remove("BEHOV_PROJECT");
    cmd
}

#[test]
fn new_then_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    behov(dir.path())
        .args(["new"])
        .arg(&root)
        .args(["--title", "Behovsanalys Västmanland"])
        .assert()
        .success();
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));
    behov(dir.path())
        .arg("check")
        .env("BEHOV_PROJECT", &root)
        .assert()
        .success();
}

#[test]
fn new_refuses_a_folder_with_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    behov(dir.path())
        .arg("new")
        .arg(dir.path())
        .args(["--title", "T"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not empty"));
    assert_eq!(
        fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn check_passes_on_the_demo() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let dir = tempfile::tempdir().unwrap();
    behov(dir.path())
        .arg("check")
        .arg(&demo)
        .assert()
        .success()
        .stdout(predicate::str::contains("24 interviews"));
}

/// A copy of the demo with `edit` applied to one file.
fn broken_demo(dir: &Path, file: &str, from: &str, to: &str) -> std::path::PathBuf {
    let root = dir.join("demo");
    behov(dir)
        .arg("synth")
        .args(["--interviews", "3", "--out"])
        .arg(&root)
        .assert()
        .success();
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    root
}

fn line_containing(path: &Path, needle: &str) -> usize {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn check_finds_a_dangling_code_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_demo(
        dir.path(),
        "interviews/i000002.json",
        "\"code\": \"",
        "\"code\": \"nosuch_",
    );
    let line = line_containing(&root.join("interviews/i000002.json"), "nosuch_");
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "interviews/i000002.json:{line}: unknown code 'nosuch_"
        )));
}

#[test]
fn check_finds_a_bad_span() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_demo(
        dir.path(),
        "interviews/i000001.json",
        "\"end\": ",
        "\"end\": 9",
    );
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .code(1)
        .stdout(
        predicate::str::is_match(
            r"interviews/i000001.json:\d+: span \d+–9\d+ does not fit the answer of \d+ characters",
        )
        .unwrap(),
    );
}

#[test]
fn check_finds_a_cycle_and_an_unknown_parent() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_demo(
        dir.path(),
        "codebook.json",
        "\"id\": \"needs\",",
        "\"id\": \"needs\",\n      \"parent\": \"advice\",",
    );
    let text = fs::read_to_string(root.join("codebook.json")).unwrap();
    fs::write(
        root.join("codebook.json"),
        text.replacen("\"parent\": \"barriers\"", "\"parent\": \"rad\"", 1),
    )
    .unwrap();
    let cycle_line = line_containing(&root.join("codebook.json"), "\"parent\": \"advice\"");
    let parent_line = line_containing(&root.join("codebook.json"), "\"parent\": \"rad\"");
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "codebook.json:{cycle_line}: code 'needs' is its own ancestor"
        )))
        .stdout(predicate::str::contains(format!(
            "codebook.json:{parent_line}: unknown parent code 'rad'"
        )))
        .stderr(predicate::str::contains("problems found"));
}

#[test]
fn check_reports_an_unparsable_file_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_demo(
        dir.path(),
        "interviews/i000003.json",
        "\"status\": ",
        "\"status\" ",
    );
    let before = fs::read(root.join("interviews/i000003.json")).unwrap();
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .code(1)
        .stdout(
            predicate::str::is_match(r"interviews/i000003.json:\d+:\d+: expected `:`").unwrap(),
        );
    assert_eq!(
        fs::read(root.join("interviews/i000003.json")).unwrap(),
        before
    );
}

#[test]
fn check_of_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    behov(dir.path())
        .args(["check", "/no/such/project"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "behov: /no/such/project: not found",
        ));
}

#[test]
fn check_without_a_project_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    behov(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("say which project"));
}

#[test]
fn synth_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        behov(dir.path())
            .args(["synth", "--interviews", "5", "--seed", "9", "--out"])
            .arg(dir.path().join(name))
            .assert()
            .success();
    }
    for file in ["project.json", "interviews/i000005.json"] {
        assert_eq!(
            fs::read(dir.path().join("a").join(file)).unwrap(),
            fs::read(dir.path().join("b").join(file)).unwrap()
        );
    }
    behov(dir.path())
        .arg("check")
        .arg(dir.path().join("a"))
        .assert()
        .success();
}

#[test]
fn the_interface_without_a_terminal_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    behov(dir.path())
        .arg("open")
        .arg(&demo)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

/// `behov DIR` is `behov open DIR`, as the README says; a word that is neither a subcommand
/// nor a folder is still a usage error.
#[test]
fn a_bare_folder_opens_the_interface() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    behov(dir.path())
        .arg(&demo)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    behov(dir.path())
        .args(["--lang", "en"])
        .arg(&demo)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    behov(dir.path())
        .arg("no-such-folder")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unrecognized subcommand"));
}

#[test]
fn new_projects_take_the_users_default_codebook() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = behov::store::defaults::codebook();
    book.codes
        .retain(|c| c.id == "needs" || c.parent.as_deref() == Some("needs"));
    fs::write(
        dir.path().join("default-codebook.json"),
        behov::store::to_json(&book),
    )
    .unwrap();
    let root = dir.path().join("p");
    behov(dir.path())
        .arg("new")
        .arg(&root)
        .args(["--title", "Egen kodbok"])
        .assert()
        .success();
    let written: behov::model::Codebook =
        serde_json::from_str(&fs::read_to_string(root.join("codebook.json")).unwrap()).unwrap();
    assert_eq!(written, book);
    // A broken default is reported with its line, and nothing is created.
    fs::write(
        dir.path().join("default-codebook.json"),
        "{\n  \"codes\": [\n    {,\n",
    )
    .unwrap();
    behov(dir.path())
        .arg("new")
        .arg(dir.path().join("q"))
        .args(["--title", "T"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("default-codebook.json:3:"));
    assert!(!dir.path().join("q").exists());
}
