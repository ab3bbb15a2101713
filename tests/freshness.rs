//! Interview files changed outside behov (an editor, `git checkout`, a colleague's copy) are
//! seen by `behov search` and `behov summary`, which answer from what `.behov/` keeps and
//! re-read only the files whose stamp changed.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data).env_remove("BEHOV_PROJECT");
    cmd
}

fn demo_copy(dir: &Path) -> PathBuf {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let root = dir.join("p");
    fs::create_dir_all(root.join("interviews")).unwrap();
    for file in ["project.json", "codebook.json"] {
        fs::copy(demo.join(file), root.join(file)).unwrap();
    }
    for entry in fs::read_dir(demo.join("interviews")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            root.join("interviews").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    root
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The interviews `word` is found in.
fn found_in(data: &Path, root: &Path, word: &str) -> Vec<String> {
    let result = json(
        behov(data)
            .args(["search", word, "--format", "json", "--project"])
            .arg(root),
    );
    let mut ids: Vec<String> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["interview"].as_str().unwrap().to_string())
        .collect();
    ids.dedup();
    ids
}

fn counted_interviews(data: &Path, root: &Path) -> u64 {
    let summary = json(
        behov(data)
            .args(["summary", "--format", "json", "--status", "all"])
            .arg(root),
    );
    summary["coverage"]["interviews"].as_u64().unwrap()
}

/// What `git checkout` does: new contents of the same size, the old modification time put
/// back, a new inode.
fn checkout(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let old = fs::metadata(path).unwrap();
    let text = fs::read_to_string(path).unwrap().replacen(from, to, 1);
    let temp = path.with_extension("tmp-checkout");
    fs::write(&temp, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&temp)
        .unwrap()
        .set_modified(old.modified().unwrap())
        .unwrap();
    fs::rename(&temp, path).unwrap();
    let new = fs::metadata(path).unwrap();
    assert_eq!(
        (new.len(), new.modified().unwrap()),
        (old.len(), old.modified().unwrap())
    );
}

#[test]
fn search_and_summary_see_changed_added_and_deleted_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let root = demo_copy(data);
    behov(data).arg("index").arg(&root).assert().success();
    let before = counted_interviews(data, &root);
    assert!(found_in(data, &root, "zebrakul").is_empty());

    // Same size, same modification time, new inode: only the inode tells.
    checkout(&root.join("interviews/i001.json"), "konkreta", "zebrakul");
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001"]);

    // Added by another program.
    let copy = fs::read_to_string(root.join("interviews/i001.json"))
        .unwrap()
        .replacen("\"id\": \"i001\"", "\"id\": \"i900\"", 1);
    fs::write(root.join("interviews/i900.json"), copy).unwrap();
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001", "i900"]);
    assert_eq!(counted_interviews(data, &root), before + 1);

    // Deleted.
    fs::remove_file(root.join("interviews/i900.json")).unwrap();
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001"]);
    assert_eq!(counted_interviews(data, &root), before);

    // Changed in place.
    checkout(&root.join("interviews/i001.json"), "zebrakul", "konkreta");
    assert!(found_in(data, &root, "zebrakul").is_empty());
}

#[test]
fn a_summary_index_from_a_newer_behov_or_damaged_is_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let root = demo_copy(data);
    let expected = json(behov(data).args(["summary", "--format", "json"]).arg(&root));
    let kept = root.join(".behov/summary-index");
    let bytes = fs::read(&kept).unwrap();
    // The format number follows the 20-byte header: a newer behov's.
    let mut newer = bytes.clone();
    newer[20..24].copy_from_slice(&7u32.to_le_bytes());
    fs::write(&kept, &newer).unwrap();
    assert_eq!(
        json(behov(data).args(["summary", "--format", "json"]).arg(&root)),
        expected
    );
    fs::write(&kept, b"garbage").unwrap();
    assert_eq!(
        json(behov(data).args(["summary", "--format", "json"]).arg(&root)),
        expected
    );
    assert_eq!(fs::read(&kept).unwrap(), bytes);
}

/// The interface's search worker opens the index from the changed files alone.
#[test]
fn the_interfaces_index_takes_in_files_changed_while_it_was_closed() {
    use behov::search::{Access, SearchIndex, SearchOptions};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let root = demo_copy(data);
    behov(data).arg("index").arg(&root).assert().success();
    checkout(&root.join("interviews/i005.json"), "konkreta", "zebrakul");
    fs::remove_file(root.join("interviews/i003.json")).unwrap();
    let outline = behov::store::load_outline(&root).unwrap();
    let (index, report) = SearchIndex::open_files(&root, &outline, Access::Write)
        .unwrap()
        .expect("the index only lacks two files");
    assert_eq!((report.refreshed, report.removed), (1, 1));
    let hits = |word: &str| -> Vec<String> {
        let results = index.search(word, &SearchOptions::default()).unwrap();
        results.hits.iter().map(|h| h.interview.clone()).collect()
    };
    assert_eq!(hits("zebrakul"), ["i005"]);
    assert!(hits("färdplan").iter().all(|i| i != "i003"));
    assert!(!hits("färdplan").is_empty());
}
