//! Rounds and participants on the command line: `behov check`, `behov summary --by round`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data).env_remove("BEHOV_PROJECT");
    cmd
}

fn edit_json(path: &Path, edit: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut value);
    fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

/// A synthetic project of three interviews with two rounds, the third interview in `round`.
fn with_rounds(dir: &Path, round: &str) -> PathBuf {
    let root = dir.join("p");
    behov(dir)
        .arg("synth")
        .args(["--interviews", "3", "--out"])
        .arg(&root)
        .assert()
        .success();
    edit_json(&root.join("project.json"), |p| {
        p["rounds"] = json!([
            {"id": "r1", "name": "Nulägesmätning 2025", "start": "2025-09-01", "end": "2025-11-30"},
            {"id": "r2", "name": "Uppföljning 2026"}
        ]);
    });
    edit_json(&root.join("interviews/i000003.json"), |i| {
        i["round"] = json!(round);
    });
    root
}

#[test]
fn check_accepts_a_known_round() {
    let dir = tempfile::tempdir().unwrap();
    let root = with_rounds(dir.path(), "r2");
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));
}

#[test]
fn check_reports_an_unknown_round_with_its_line_and_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = with_rounds(dir.path(), "r9");
    let file = root.join("interviews/i000003.json");
    let line = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l.contains("\"round\""))
        .unwrap()
        + 1;
    let before = fs::read(&file).unwrap();
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "interviews/i000003.json:{line}: unknown round 'r9': the project's rounds are r1, r2"
        )));
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "check leaves the file alone"
    );
}
