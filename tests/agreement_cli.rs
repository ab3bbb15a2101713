//! `behov agreement` as scripts use it: every format on a copy of the demo, and bad input as
//! a sentence with exit status 1 that leaves the project as it was.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data).env_remove("BEHOV_PROJECT");
    cmd
}

/// A fresh copy of the demo in `dir`.
fn demo(dir: &Path) -> PathBuf {
    let root = dir.join("demo");
    behov::store::demo::install(&root).unwrap();
    root
}

/// Every file of the project with its bytes, to check nothing changed.
fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walk(root) {
        out.push((entry.clone(), std::fs::read(&entry).unwrap()));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_format_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let before = files(&root);
    behov(dir.path())
        .args(["agreement", "--lang", "sv", "--project"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "κ = 0,28 över 5 intervjuer kodade av två personer",
        ))
        .stdout(predicate::str::contains("33 oenigheter, varav 0 avgjorda"));

    let out = behov(dir.path())
        .args(["agreement", "--format", "json", "--lang", "en"])
        .arg(&root)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["coders"], serde_json::json!(["johan", "maria"]));
    assert_eq!(json["overall"]["characters"], 5502);
    assert_eq!(json["overall"]["answer_table"]["both"], 9);
    assert!(
        json["sentence"]
            .as_str()
            .unwrap()
            .starts_with("κ = 0.28 over 5")
    );

    behov(dir.path())
        .args([
            "agreement",
            "--format",
            "csv",
            "--unit",
            "answer",
            "--code",
            "advice",
        ])
        .args(["--lang", "en"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("Advice,14,5502,86,0.66,0.66,0.32"));
    behov(dir.path())
        .args(["agreement", "--format", "csv", "--table", "disagreements"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("i019"));

    let xlsx = dir.path().join("agreement.xlsx");
    behov(dir.path())
        .args(["agreement", "--format", "xlsx", "--out"])
        .arg(&xlsx)
        .arg(&root)
        .assert()
        .success();
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    // Reading the agreement changes nothing in the project.
    assert_eq!(files(&root), before);
}

#[test]
fn bad_input_is_one_sentence_and_status_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let before = files(&root);
    behov(dir.path())
        .args(["agreement", "--coders", "maria", "--lang", "en"])
        .arg(&root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("at least two coders"));
    behov(dir.path())
        .args(["agreement", "--coders", "maria,nobody", "--lang", "en"])
        .arg(&root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the coders are: johan, maria"));
    behov(dir.path())
        .args(["agreement", "--code", "nonexistent", "--lang", "en"])
        .arg(&root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not in the codebook"));
    behov(dir.path())
        .args(["agreement", "--format", "xlsx"])
        .arg(&root)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--out"));
    // A damaged record of settled disagreements is reported, not overwritten.
    std::fs::write(root.join("agreement.json"), "{\"settled\": [").unwrap();
    behov(dir.path())
        .arg("agreement")
        .arg(&root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("agreement.json"));
    std::fs::remove_file(root.join("agreement.json")).unwrap();
    assert_eq!(files(&root), before);
}
