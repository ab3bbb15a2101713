//! The command line never replaces what it should not, never holds a project it only reads,
//! and leaves every file private: output paths, deep queries, bad ids, index rebuilds, the
//! demo, and a sweep of file modes after each kind of operation.

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

mod common;

use assert_cmd::Command;
use common::loose_modes;
use predicates::prelude::*;

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data).env_remove("BEHOV_PROJECT");
    cmd
}

fn demo_copy(dir: &Path) -> PathBuf {
    let root = dir.join("demo");
    behov::store::demo::install(&root).unwrap();
    root
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path and a mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn out_refuses_a_fifo_a_folder_and_a_link_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());
    let fifo = dir.path().join("pipe.csv");
    mkfifo(&fifo);
    behov(dir.path())
        .arg("summary")
        .arg(&root)
        .args(["--format", "csv", "--out"])
        .arg(&fifo)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("named pipe"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    behov(dir.path())
        .arg("summary")
        .arg(&root)
        .args(["--format", "md", "--out"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a folder"));

    let real = dir.path().join("rapport.md");
    fs::write(&real, "earlier").unwrap();
    let link = dir.path().join("link.md");
    symlink(&real, &link).unwrap();
    behov(dir.path())
        .arg("summary")
        .arg(&root)
        .args(["--format", "md", "--out"])
        .arg(&link)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force-follow"));
    assert_eq!(fs::read_to_string(&real).unwrap(), "earlier");
    behov(dir.path())
        .arg("summary")
        .arg(&root)
        .args(["--format", "md", "--force-follow", "--out"])
        .arg(&link)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().contains('|'));
}

#[test]
fn out_refuses_a_device_node() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());
    // A device node of our own (the same numbers as /dev/null) where the system allows it;
    // without the right to make one, the machine's own /dev/null, which is refused before
    // anything is written.
    let node = dir.path().join("null");
    let c = std::ffi::CString::new(node.to_str().unwrap()).unwrap();
    // SAFETY: a valid path, a mode and a device number.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o600, libc::makedev(1, 3)) };
    let target = if made == 0 {
        node
    } else {
        PathBuf::from("/dev/null")
    };
    behov(dir.path())
        .arg("summary")
        .arg(&root)
        .args(["--format", "csv", "--out"])
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a device"));
    assert!(
        fs::symlink_metadata(&target)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn thousands_of_parentheses_are_a_note_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());
    // As many as one argument may hold; the parser's own test takes 100,000.
    let query = format!("{}färdplan{}", "(".repeat(12_500), ")".repeat(12_500));
    behov(dir.path())
        .arg("--project")
        .arg(&root)
        .args(["search", "--format", "json", "--"])
        .arg(&query)
        .assert()
        .success()
        .stdout(predicate::str::contains("nested more than 32 deep"));
}

#[test]
fn check_reports_ids_that_cannot_be_file_names_and_split_letters() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());
    let from = root.join("interviews/i005.json");
    let mut interview: serde_json::Value =
        serde_json::from_slice(&fs::read(&from).unwrap()).unwrap();
    interview["id"] = "i 05å".into();
    fs::write(
        root.join("interviews/i 05å.json"),
        serde_json::to_string_pretty(&interview).unwrap(),
    )
    .unwrap();
    // "Rådgivning" with the å written as a + a combining ring: a span ending between them.
    let other = root.join("interviews/i006.json");
    let mut i6: serde_json::Value = serde_json::from_slice(&fs::read(&other).unwrap()).unwrap();
    i6["answers"][0]["text"] = "Ra\u{30a}dgivning behövs.".into();
    i6["answers"][0]["codings"] = serde_json::json!([{
        "code": "advice", "span": {"start": 0, "end": 2}, "coder": "anna",
        "created": "2026-03-01T10:00:00Z"
    }]);
    fs::write(&other, serde_json::to_string_pretty(&i6).unwrap()).unwrap();
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("'i 05å' may only hold letters"))
        .stdout(predicate::str::contains("splits a letter from its accent"));
}

#[test]
fn a_byte_order_mark_is_read_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());
    let path = root.join("codebook.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&path).unwrap());
    fs::write(&path, bytes).unwrap();
    behov(dir.path())
        .arg("check")
        .arg(&root)
        .assert()
        .success()
        .stderr(predicate::str::contains("byte-order mark (BOM)"));
}

#[test]
fn a_rebuild_that_cannot_finish_keeps_the_old_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());
    behov(dir.path()).arg("index").arg(&root).assert().success();
    let meta = fs::read(root.join(".behov/index/meta.json")).unwrap();
    // The place where the new index is built cannot be made (a dangling link is in the
    // way), as a full disk would stop the build half-way.
    symlink(
        dir.path().join("nowhere/at/all"),
        root.join(".behov/index.new"),
    )
    .unwrap();
    behov(dir.path())
        .arg("index")
        .arg(&root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("index.new"));
    assert_eq!(fs::read(root.join(".behov/index/meta.json")).unwrap(), meta);
    fs::remove_file(root.join(".behov/index.new")).unwrap();
    behov(dir.path())
        .arg("--project")
        .arg(&root)
        .args(["search", "färdplan"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[färdplan]"));
}

#[test]
fn search_does_not_hold_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());
    // Someone else holds the project: search still answers, from the index as it is.
    let holder = behov::store::Store::open(&root).unwrap();
    assert!(!holder.store.is_read_only());
    behov(dir.path())
        .arg("--project")
        .arg(&root)
        .args(["search", "färdplan", "--format", "json"])
        .assert()
        .success();
    drop(holder);
    // Nobody holds it: search brings the index up to date, then lets go of the project.
    behov(dir.path())
        .arg("--project")
        .arg(&root)
        .args(["search", "färdplan"])
        .assert()
        .success();
    let after = behov::store::Store::open(&root).unwrap();
    assert!(!after.store.is_read_only(), "search left the project held");
}

#[test]
fn demo_without_a_terminal_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    behov::store::demo::install(&demo).unwrap();
    fs::write(demo.join("interviews/mine.txt"), "kept").unwrap();
    behov(dir.path())
        .arg("demo")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    assert_eq!(
        fs::read_to_string(demo.join("interviews/mine.txt")).unwrap(),
        "kept"
    );
}

#[test]
fn the_demo_is_not_wiped_while_another_behov_has_it_open() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    behov::store::demo::install(&demo).unwrap();
    fs::write(demo.join("interviews/mine.txt"), "kept").unwrap();
    let holder = behov::store::Store::open(&demo).unwrap();
    let err = behov::store::demo::install(&demo).unwrap_err().to_string();
    assert!(err.contains("open in another behov"), "{err}");
    assert!(demo.join("interviews/mine.txt").exists());
    drop(holder);
    behov::store::demo::install(&demo).unwrap();
    assert!(!demo.join("interviews/mine.txt").exists());
}

#[test]
fn every_file_behov_makes_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let work = dir.path().join("work");
    fs::create_dir_all(&work).unwrap();
    fs::set_permissions(&work, fs::Permissions::from_mode(0o700)).unwrap();
    let root = work.join("p");
    let steps: Vec<Vec<String>> = vec![
        vec![
            "new".into(),
            root.display().to_string(),
            "--title".into(),
            "T".into(),
        ],
        vec!["check".into(), root.display().to_string()],
        vec!["index".into(), root.display().to_string()],
        vec![
            "--project".into(),
            root.display().to_string(),
            "search".into(),
            "färdplan".into(),
        ],
        vec![
            "summary".into(),
            root.display().to_string(),
            "--format".into(),
            "xlsx".into(),
            "--out".into(),
            work.join("needs.xlsx").display().to_string(),
        ],
        vec![
            "synth".into(),
            "--interviews".into(),
            "3".into(),
            "--out".into(),
            work.join("s").display().to_string(),
        ],
        vec!["index".into(), work.join("s").display().to_string()],
    ];
    for step in steps {
        behov(&data).args(&step).assert().success();
        let loose = loose_modes(&work);
        assert!(loose.is_empty(), "after {step:?}: {loose:?}");
    }
}
