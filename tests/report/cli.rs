//! `behov summary` as scripts use it: formats, files, filters, and one-sentence errors.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use assert_cmd::Command;
use behov::store::Store;
use predicates::prelude::*;

use super::fixture::small_project;

/// The fixture project on disk, and a behov with its own data folder.
struct Setup {
    dir: tempfile::TempDir,
    project: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p");
        Store::create(&project, &small_project()).unwrap();
        Setup { dir, project }
    }

    fn behov(&self) -> Command {
        let mut cmd = Command::cargo_bin("behov").unwrap();
        cmd.env("BEHOV_DATA", self.dir.path())
            .env_remove("BEHOV_PROJECT")
            .arg("summary")
            .arg(&self.project);
        cmd
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).unwrap()
}

#[test]
fn prints_an_aligned_table_by_default() {
    let s = Setup::new();
    s.behov()
        .args(["--lang", "sv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "4 organisationer deltog i 5 intervjuer",
        ))
        .stdout(predicate::str::contains("Behov och teman\n───────────────"));
}

#[test]
fn markdown_and_json_go_to_stdout_or_to_a_file() {
    let s = Setup::new();
    s.behov()
        .args([
            "--lang", "en", "--format", "md", "--by", "type", "--table", "groups",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "| – Advice | 3 (75%) | 2 (100%) | 1 (100%) | 0 (0%) |",
        ));
    let out = s.path("summary.json");
    s.behov()
        .args(["--format", "json", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(json(&fs::read(&out).unwrap())["coverage"]["interviews"], 5);
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600,
        "personal data stays private"
    );
}

#[test]
fn xlsx_needs_a_file() {
    let s = Setup::new();
    s.behov()
        .args(["--format", "xlsx"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "behov: an XLSX workbook cannot go to the terminal; say where with --out FILE.xlsx\n",
        );
    let out = s.path("needs.xlsx");
    s.behov()
        .args(["--by", "type", "--format", "xlsx", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        fs::read(&out).unwrap().starts_with(b"PK"),
        "a zip container"
    );
}

#[test]
fn csv_with_a_byte_order_mark() {
    let s = Setup::new();
    let output = s
        .behov()
        .args(["--format", "csv", "--bom", "--lang", "sv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(output.starts_with("\u{feff}Kod,Respondenter,".as_bytes()));
}

#[test]
fn filters_from_flags() {
    let s = Setup::new();
    let coverage = |args: &[&str]| {
        let out = s
            .behov()
            .args(["--format", "json", "--table", "coverage"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let c = json(&out);
        (
            c["interviews"].as_u64().unwrap(),
            c["codings"].as_u64().unwrap(),
        )
    };
    assert_eq!(coverage(&[]), (5, 10));
    assert_eq!(coverage(&["--status", "draft"]), (1, 2));
    assert_eq!(coverage(&["--coder", "erik"]), (5, 4));
    assert_eq!(coverage(&["--coder", "erik", "--coder", "anna"]), (5, 10));
    assert_eq!(coverage(&["--where", "type=kommun"]), (3, 7));
    assert_eq!(
        coverage(&["--where", "type=kommun", "--where", "type=inkubator"]),
        (4, 8)
    );
    assert_eq!(
        coverage(&["--from", "2026-01-15", "--to", "2026-02-15"]),
        (3, 5)
    );
}

#[test]
fn pseudonyms_hide_names() {
    let s = Setup::new();
    s.behov()
        .args(["--format", "csv", "--table", "quotes", "--pseudonyms"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Organisation "))
        .stdout(predicate::str::contains("Västerås stad").not());
}

#[test]
fn mistakes_get_one_sentence_and_exit_two() {
    let s = Setup::new();
    let usage = |args: &[&str], message: &str| {
        s.behov()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    };
    usage(
        &["--by", "typ"],
        "behov: the project has no attribute 'typ'; use one of: type, municipality\n",
    );
    usage(
        &["--coder", "sven"],
        "no coding in the project is by coder 'sven'",
    );
    usage(&["--where", "type"], "'type' is not ATTRIBUTE=VALUE");
    usage(
        &["--from", "2026-13-01"],
        "'2026-13-01' is not a date of the form YYYY-MM-DD",
    );
    usage(
        &["--from", "2026-03-01", "--to", "2026-01-01"],
        "--from comes after --to",
    );
    usage(
        &["--table", "groups"],
        "the groups table needs a grouping attribute",
    );
    usage(
        &["--format", "md", "--bom"],
        "--bom only applies to --format csv",
    );
    usage(&["--quotes", "9"], "9 is not in 0..=8");
}

#[test]
fn the_project_comes_from_dir_or_the_environment() {
    let s = Setup::new();
    Command::cargo_bin("behov")
        .unwrap()
        .env("BEHOV_DATA", s.dir.path())
        .env("BEHOV_PROJECT", &s.project)
        .args(["summary", "--format", "json", "--table", "coverage"])
        .assert()
        .success();
    Command::cargo_bin("behov")
        .unwrap()
        .env("BEHOV_DATA", s.dir.path())
        .env_remove("BEHOV_PROJECT")
        .args(["summary", "/no/such/project"])
        .assert()
        .code(1)
        .stderr("behov: /no/such/project: not found\n");
    Command::cargo_bin("behov")
        .unwrap()
        .env("BEHOV_DATA", s.dir.path())
        .env_remove("BEHOV_PROJECT")
        .arg("summary")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("say which project"));
}
