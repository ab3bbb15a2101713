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
            "3 organisationer deltog i 4 intervjuer",
        ))
        .stdout(predicate::str::contains(
            "Endast färdiga intervjuer räknas; 1 utkast ej medräknade.",
        ))
        .stdout(predicate::str::contains("Behov och teman\n───────────────"));
}

#[test]
fn markdown_and_json_go_to_stdout_or_to_a_file() {
    let s = Setup::new();
    s.behov()
        .args([
            "--lang", "en", "--format", "md", "--by", "type", "--table", "groups", "--status",
            "all",
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
    // Complete interviews only, by default.
    assert_eq!(json(&fs::read(&out).unwrap())["coverage"]["interviews"], 4);
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
fn csv_for_excel_by_default_and_rfc4180_for_scripts() {
    let s = Setup::new();
    let csv = |args: &[&str]| {
        s.behov()
            .args(["--format", "csv"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let excel = csv(&["--lang", "sv"]);
    assert!(
        excel.starts_with("\u{feff}Kod;Organisationer;".as_bytes()),
        "{}",
        String::from_utf8_lossy(&excel)
    );
    assert!(excel.ends_with(b"\r\n"));
    let english = csv(&["--lang", "en"]);
    assert!(english.starts_with("\u{feff}Code,Organisations,".as_bytes()));
    let scripts = csv(&["--lang", "sv", "--csv", "rfc4180"]);
    assert!(scripts.starts_with("Kod,Organisationer,".as_bytes()));
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
    // Complete interviews by default; the draft is i4.
    assert_eq!(coverage(&[]), (4, 8));
    assert_eq!(coverage(&["--status", "all"]), (5, 10));
    assert_eq!(coverage(&["--status", "draft"]), (1, 2));
    // A coder's shares are over the interviews that coder coded: erik coded i1, i3 and i5.
    assert_eq!(coverage(&["--status", "all", "--coder", "erik"]), (3, 4));
    assert_eq!(
        coverage(&["--status", "all", "--coder", "erik", "--coder", "anna"]),
        (5, 10)
    );
    assert_eq!(
        coverage(&["--status", "all", "--where", "type=kommun"]),
        (3, 7)
    );
    assert_eq!(
        coverage(&[
            "--status",
            "all",
            "--where",
            "type=kommun",
            "--where",
            "type=inkubator"
        ]),
        (4, 8)
    );
    assert_eq!(
        coverage(&[
            "--status",
            "all",
            "--from",
            "2026-01-15",
            "--to",
            "2026-02-15"
        ]),
        (3, 5)
    );
}

#[test]
fn attributes_and_values_by_label_without_case_or_accents() {
    let s = Setup::new();
    let groups = |args: &[&str]| {
        let out = s
            .behov()
            .args(["--format", "json", "--table", "groups", "--status", "all"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let m = json(&out);
        (
            m["attribute"].as_str().unwrap().to_string(),
            m["groups"].as_array().unwrap().len(),
        )
    };
    let by_id = groups(&["--by", "municipality"]);
    assert_eq!(by_id.0, "municipality");
    assert_eq!(groups(&["--by", "Kommun"]), by_id);
    assert_eq!(groups(&["--by", "kommun"]), by_id);
    assert_eq!(groups(&["--by", "MUNICIPALITY"]), by_id);
    assert_eq!(groups(&["--by", "organisationstyp"]).0, "type");
    assert_eq!(groups(&["--by", "Organisation type"]).0, "type");

    let interviews = |args: &[&str]| {
        let out = s
            .behov()
            .args(["--format", "json", "--table", "coverage", "--status", "all"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        json(&out)["interviews"].as_u64().unwrap()
    };
    let exact = interviews(&["--where", "municipality=Västerås"]);
    assert!(exact > 0);
    assert_eq!(interviews(&["--where", "kommun=vasteras"]), exact);
    assert_eq!(interviews(&["--where", "Kommun= VÄSTERÅS "]), exact);
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
        &["--by", "storlek"],
        "behov: the project has no attribute 'storlek'; use one of: type (Organisationstyp), municipality (Kommun)\n",
    );
    usage(
        &["--where", "kommun=Uppsala"],
        "behov: attribute 'Kommun' has no value 'Uppsala'; values are: Köping, Sala, Västerås, Åre\n",
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
        &["--format", "md", "--csv", "rfc4180"],
        "--csv only applies to --format csv",
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
