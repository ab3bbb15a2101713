//! `behov export` and `behov import` with REFI-QDA files, as a user runs them: the demo out
//! and back, a second export identical, codebooks merged, and bad files refused with nothing
//! written.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use behov::store::{self, Store};
use predicates::prelude::*;

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data)
        .env_remove("BEHOV_PROJECT")
        .env("LANG", "sv_SE.UTF-8");
    cmd
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    (dir, root)
}

/// Every file of a project but the derived `.behov` folder.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().unwrap() == ".behov" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(fs::read(path).unwrap())).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        out.insert(file.name().unwrap().into_owned(), data);
    }
    out
}

#[test]
fn the_demo_goes_out_and_comes_back_as_a_new_project() {
    let (tmp, root) = demo();
    let out = tmp.path().join("demo.qdpx");
    behov(tmp.path())
        .args(["export", "--format", "qdpx", "--out"])
        .arg(&out)
        .arg("--project")
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote 24 interviews"));
    let files = unzip(&out);
    assert!(files.contains_key("project.qde"));
    assert_eq!(
        files.keys().filter(|k| k.starts_with("sources/")).count(),
        24
    );
    let text = String::from_utf8(files.values().nth(1).unwrap().clone()).unwrap();
    assert!(text.contains("\n\n1. "), "{text}");

    // Exported again: the same bytes, so a second export diffs cleanly.
    let again = tmp.path().join("again.qdpx");
    behov(tmp.path())
        .args(["export", "--format", "qdpx", "--out"])
        .arg(&again)
        .arg(&root)
        .assert()
        .success();
    assert_eq!(fs::read(&out).unwrap(), fs::read(&again).unwrap());

    let copy = tmp.path().join("copy");
    behov(tmp.path())
        .arg("import")
        .arg(&out)
        .arg("--project")
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Added 24 interviews with 201 codings",
        ));
    behov(tmp.path()).arg("check").arg(&copy).assert().success();
    let original = Store::open_read_only(&root).unwrap().project;
    let back = Store::open_read_only(&copy).unwrap().project;
    assert_eq!(back.title, original.title);
    assert_eq!(back.codebook.codes.len(), original.codebook.codes.len());
    for interview in &original.interviews {
        let other = back.interview(&interview.id).unwrap();
        assert_eq!(other.coding_count(), interview.coding_count());
        assert_eq!(other.notes, interview.notes);
    }
    // The summaries agree: the same needs counted the same way.
    let summary = |dir: &Path| {
        let out = behov(tmp.path())
            .args(["summary", "--format", "csv"])
            .arg(dir)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(summary(&copy), summary(&root));

    // Imported once more into the copy: nothing new.
    let before = snapshot(&copy);
    behov(tmp.path())
        .arg("import")
        .arg(&out)
        .arg("--project")
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicate::str::contains("already imported"));
    assert_eq!(snapshot(&copy), before);
}

#[test]
fn a_codebook_goes_out_and_merges_in_without_duplicates() {
    let (tmp, root) = demo();
    let qdc = tmp.path().join("codes.qdc");
    behov(tmp.path())
        .args(["export", "--format", "qdc", "--out"])
        .arg(&qdc)
        .arg(&root)
        .assert()
        .success();
    let xml = fs::read_to_string(&qdc).unwrap();
    assert!(xml.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""));
    let before = snapshot(&root);
    behov(tmp.path())
        .arg("import")
        .arg(&qdc)
        .arg("--project")
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("Added 0 new codes"));
    assert_eq!(snapshot(&root), before);
}

#[test]
fn bad_files_and_outputs_are_refused_and_nothing_is_written() {
    let (tmp, root) = demo();
    let before = snapshot(&root);
    let write = |name: &str, bytes: &[u8]| {
        let path = tmp.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    let zip = |files: &[(&str, &[u8])]| {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("a.qdpx", b"hello"), "not a zip archive"),
        (
            write("b.qdpx", &zip(&[("../../evil.qde", b"x")])),
            "leads out of the archive",
        ),
        (
            write(
                "c.qdpx",
                &zip(&[(
                    "project.qde",
                    b"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">\n<Users>",
                )]),
            ),
            "project.qde, line",
        ),
        (
            write(
                "d.qdc",
                b"<CodeBook xmlns=\"urn:other\"><Codes/></CodeBook>",
            ),
            "not REFI-QDA",
        ),
    ];
    for (file, expected) in cases {
        behov(tmp.path())
            .arg("import")
            .arg(&file)
            .arg("--project")
            .arg(&root)
            .assert()
            .failure()
            .stderr(predicate::str::contains(expected));
    }
    assert_eq!(snapshot(&root), before);

    // A bad file into a folder that does not exist yet creates no project.
    let nowhere = tmp.path().join("nowhere");
    behov(tmp.path())
        .arg("import")
        .arg(tmp.path().join("a.qdpx"))
        .arg("--project")
        .arg(&nowhere)
        .assert()
        .failure();
    assert!(!nowhere.exists());

    // Transcripts and REFI-QDA files are not mixed; outputs are regular files only.
    behov(tmp.path())
        .arg("import")
        .arg(tmp.path().join("a.qdpx"))
        .arg(write("t.txt", b"Hej"))
        .arg("--project")
        .arg(&root)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("on their own"));
    behov(tmp.path())
        .args(["export", "--format", "qdpx", "--out", "/dev/null"])
        .arg(&root)
        .assert()
        .failure()
        .stderr(predicate::str::contains("a device"));
    assert_eq!(snapshot(&root), before);
}

#[test]
fn a_dry_run_reports_in_json_and_writes_nothing() {
    let (tmp, root) = demo();
    let out = tmp.path().join("demo.qdpx");
    behov(tmp.path())
        .args(["export", "--format", "qdpx", "--status", "all", "--out"])
        .arg(&out)
        .arg(&root)
        .assert()
        .success();
    let fresh = tmp.path().join("fresh");
    let run = behov(tmp.path())
        .arg("import")
        .arg(&out)
        .args(["--dry-run", "--format", "json", "--project"])
        .arg(&fresh)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let report = &value["exchange"][0];
    assert_eq!(report["interviews"].as_array().unwrap().len(), 24);
    assert_eq!(report["codings"], 201);
    assert_eq!(value["dry_run"], true);
    assert!(!fresh.exists());
}
