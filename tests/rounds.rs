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

#[test]
fn summary_by_round_reports_the_change_and_refuses_without_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let root = with_rounds(dir.path(), "r2");
    // A maturity question: r000001 at 2 in the baseline (i000001) and 4 in the follow-up
    // (i000003); r000002 at 3 in the baseline only (i000002), so left out of the change.
    edit_json(&root.join("project.json"), |p| {
        p["guide"]["questions"].as_array_mut().unwrap().push(json!(
            {"id": "mat", "text": {"sv": "Mognad", "en": "Maturity"},
             "kind": {"type": "scale", "min": 1, "max": 5}}
        ));
    });
    for (file, value) in [("i000001", 2), ("i000002", 3), ("i000003", 4)] {
        edit_json(&root.join(format!("interviews/{file}.json")), |i| {
            i["answers"]
                .as_array_mut()
                .unwrap()
                .push(json!({"question": "mat", "text": "", "scale": value}));
        });
    }
    let out = behov(dir.path())
        .args([
            "summary", "--by", "omgång", "--format", "json", "--lang", "sv",
        ])
        .arg(&root)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let summary: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(summary["groups"]["attribute"], "round");
    let groups: Vec<&str> = summary["groups"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["Nulägesmätning 2025", "Uppföljning 2026"]);
    let rounds = &summary["rounds"]["rounds"];
    assert_eq!(rounds[0]["period"], "2025-09-01–2025-11-30");
    let change = &summary["rounds"]["changes"][0];
    assert_eq!(
        [
            &change["organisations"],
            &change["up"],
            &change["same"],
            &change["down"],
            &change["left_out"]
        ],
        [1, 1, 0, 0, 1]
    );
    assert_eq!(change["mean_change"], 2.0);
    behov(dir.path())
        .args(["summary", "--by", "round", "--table", "changes", "--lang", "en", "--format", "md"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "From Nulägesmätning 2025 to Uppföljning 2026, “Maturity”: 1 organisation interviewed in both; \
             1 moved up, 0 stayed and 0 moved down, +2.0 steps on average (from 2.0 to 4.0).",
        ));

    let plain = dir.path().join("plain");
    behov(dir.path())
        .args(["synth", "--interviews", "2", "--out"])
        .arg(&plain)
        .assert()
        .success();
    behov(dir.path())
        .args(["summary", "--by", "round"])
        .arg(&plain)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rounds"));
}

#[test]
fn erasing_a_person_removes_them_from_the_participants() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    behov::store::demo::install(&root).unwrap();
    let file = root.join("interviews/i001.json");
    edit_json(&file, |i| {
        i["participants"] = json!([{"name": "Jonas Vik", "role": "vd"}, {"name": "Kim Ek"}]);
    });
    behov(dir.path())
        .args(["erase", "--project"])
        .arg(&root)
        .args(["--person", "Jonas Vik", "--yes"])
        .assert()
        .success();
    let text = fs::read_to_string(&file).unwrap();
    assert!(!text.contains("Jonas"), "{text}");
    assert!(text.contains("Kim Ek"));
}
