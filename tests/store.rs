//! The project store: round trips, errors with positions, schema versions, permissions, lock.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use behov::model::validate;
use behov::store::{self, Error, Store, defaults};

fn new_project(dir: &Path) -> Store {
    Store::create(dir, &defaults::project("Test"))
        .unwrap()
        .store
}

#[test]
fn demo_round_trips_byte_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let opened = Store::open_read_only(&root).unwrap();
    assert!(opened.unreadable.is_empty());
    assert_eq!(validate(&opened.project), vec![]);
    let p = &opened.project;
    assert_eq!(
        fs::read_to_string(root.join("project.json")).unwrap(),
        store::to_json(p)
    );
    assert_eq!(
        fs::read_to_string(root.join("codebook.json")).unwrap(),
        store::to_json(&p.codebook)
    );
    for interview in &p.interviews {
        let path = store::interview_file(&root, &interview.id);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            store::to_json(interview),
            "{}",
            path.display()
        );
    }
    // Written by the store into a new folder, the files are again the same bytes.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    Store::create(&copy, p).unwrap();
    for (name, contents) in store::demo::FILES {
        assert_eq!(
            &fs::read_to_string(copy.join(name)).unwrap(),
            contents,
            "{name}"
        );
    }
}

#[test]
fn the_default_codebook_is_the_demo_codebook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let opened = Store::open_read_only(&root).unwrap();
    assert_eq!(opened.project.codebook, defaults::codebook());
    assert_eq!(opened.project.guide, defaults::project("x").guide);
}

#[test]
fn files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    new_project(&root);
    for path in [root.clone(), root.join("interviews"), root.join(".behov")] {
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o700,
            "{}",
            path.display()
        );
    }
    for path in [
        root.join("project.json"),
        root.join("codebook.json"),
        root.join(".behov/lock"),
    ] {
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600,
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_second_opener_is_read_only_and_cannot_save() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let first = new_project(&root);
    assert!(!first.is_read_only());
    let second = Store::open(&root).unwrap();
    assert!(second.store.is_read_only());
    let err = second.store.save_project(&second.project).unwrap_err();
    assert!(matches!(err, Error::ReadOnly(_)));
    assert!(err.to_string().contains("read-only"));
    drop(first);
    assert!(
        !Store::open(&root).unwrap().store.is_read_only(),
        "the lock goes with its holder"
    );
}

#[test]
fn a_corrupt_project_file_gives_path_line_and_column_and_stays_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    drop(new_project(&root));
    let path = root.join("codebook.json");
    let mut text = fs::read_to_string(&path).unwrap();
    text = text.replacen("\"colour\": \"#4e79a7\"", "\"colour\": \"#4e79a7\",,", 1);
    fs::write(&path, &text).unwrap();
    let err = Store::open(&root).unwrap_err().to_string();
    assert!(err.contains("codebook.json:"), "{err}");
    let Error::Parse { line, column, .. } = Store::open(&root).unwrap_err() else {
        panic!("not a parse error")
    };
    assert_eq!(
        text.lines().nth(line - 1).unwrap().trim(),
        "\"colour\": \"#4e79a7\",,",
        "line {line} col {column}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_corrupt_interview_is_reported_skipped_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    drop(new_project(&root));
    let path = root.join("interviews/i001.json");
    fs::write(&path, "{\n  \"id\": \"i001\",\n  oops\n}\n").unwrap();
    let opened = Store::open(&root).unwrap();
    assert_eq!(opened.unreadable.len(), 1);
    let message = opened.unreadable[0].to_string();
    assert!(message.contains("interviews/i001.json:3:3"), "{message}");
    assert_eq!(opened.store.reserved_ids().collect::<Vec<_>>(), ["i001"]);
    let mut interview = behov::synth::Synth::new(1).interview(1, 1);
    interview.id = "i001".into();
    let err = opened
        .store
        .save_interview(&interview)
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not overwritten"), "{err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "{\n  \"id\": \"i001\",\n  oops\n}\n"
    );
}

#[test]
fn a_newer_schema_is_refused_and_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    drop(new_project(&root));
    let path = root.join("project.json");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"schema_version\": 1", "\"schema_version\": 99");
    fs::write(&path, &text).unwrap();
    let err = Store::open(&root).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }));
    assert!(err.to_string().contains("update behov"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn leftover_temp_files_are_removed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    drop(new_project(&root));
    let leftover = root.join(format!("interviews/.i001.json.77{}", store::TEMP_SUFFIX));
    fs::write(&leftover, "{ half a fi").unwrap();
    let opened = Store::open(&root).unwrap();
    assert_eq!(opened.leftovers_removed, 1);
    assert!(!leftover.exists());
}

#[test]
fn unsafe_interview_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_project(&dir.path().join("p"));
    let mut interview = behov::synth::Synth::new(1).interview(1, 1);
    interview.id = "../escape".into();
    let err = store.save_interview(&interview).unwrap_err().to_string();
    assert!(err.contains("may only hold"), "{err}");
}
