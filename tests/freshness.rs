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

/// The stale interviews a read-only search reports (another behov holds the project).
fn stale_while_held(data: &Path, root: &Path) -> u64 {
    let _held = behov::store::Lock::try_acquire(root).unwrap().unwrap();
    let result = json(
        behov(data)
            .args(["search", "färdplan", "--format", "json", "--project"])
            .arg(root),
    );
    result["index"]["stale_interviews"].as_u64().unwrap()
}

#[test]
fn search_keeps_a_record_of_a_settled_folder_and_still_sees_every_change() {
    use std::time::{Duration, SystemTime};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let root = demo_copy(data);
    behov(data).arg("index").arg(&root).assert().success();
    let folder = root.join("interviews");
    // As if the last file had been written an hour ago; a folder changed within the last
    // seconds is never recorded (it could change again unseen within one clock tick).
    let dated = |time: SystemTime| {
        fs::File::open(&folder).unwrap().set_modified(time).unwrap();
    };
    let settle = || dated(SystemTime::now() - Duration::from_secs(3600));
    let record = root.join(".behov/search-fresh");
    // A folder changed within the last seconds could change again within the same tick of
    // the clock without its time changing: not recorded (a time ahead of the clock neither).
    dated(SystemTime::now() + Duration::from_secs(3600));
    assert!(found_in(data, &root, "zebrakul").is_empty());
    assert!(
        !record.exists(),
        "a folder that may still change is not recorded"
    );
    settle();
    assert!(found_in(data, &root, "zebrakul").is_empty());
    let kept = fs::read_to_string(&record).expect("a settled folder found up to date is recorded");
    assert_eq!(stale_while_held(data, &root), 0);

    // The record is what the next search compares with: a wrong stamp in it makes the file
    // look changed although the index has it, and with a record of another commit of the
    // index the index's own account is read instead.
    let wrong_stamp: String = kept
        .lines()
        .map(|l| {
            if l.starts_with("i001\t") {
                "i001\t1".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&record, &wrong_stamp).unwrap();
    assert_eq!(stale_while_held(data, &root), 1);
    let mut head: Vec<&str> = wrong_stamp.lines().next().unwrap().split(' ').collect();
    head[3] = "0";
    let other_commit =
        wrong_stamp.replacen(wrong_stamp.lines().next().unwrap(), &head.join(" "), 1);
    fs::write(&record, other_commit).unwrap();
    assert_eq!(stale_while_held(data, &root), 0);
    fs::write(&record, &kept).unwrap();

    // Changed in place: the folder is as recorded, the file's own stamp tells.
    let file = folder.join("i001.json");
    let before = fs::metadata(&folder).unwrap().modified().unwrap();
    let text = fs::read_to_string(&file)
        .unwrap()
        .replacen("konkreta", "zebrakul", 1);
    fs::write(&file, text).unwrap();
    assert_eq!(fs::metadata(&folder).unwrap().modified().unwrap(), before);
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001"]);

    // Added, then deleted with the folder's time put back: its change time still tells.
    settle();
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001"]);
    let copy =
        fs::read_to_string(&file)
            .unwrap()
            .replacen("\"id\": \"i001\"", "\"id\": \"i900\"", 1);
    fs::write(folder.join("i900.json"), copy).unwrap();
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001", "i900"]);
    settle();
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001", "i900"]);
    fs::remove_file(folder.join("i900.json")).unwrap();
    settle();
    assert_eq!(found_in(data, &root, "zebrakul"), ["i001"]);

    // Names shown are the project's, whether the respondents were read for the search or
    // only the names of the hits; a renamed respondent is shown by its new name.
    let names = |query: &str| -> Vec<String> {
        let result = json(
            behov(data)
                .args(["search", query, "--format", "json", "--project"])
                .arg(&root),
        );
        result["hits"][0]["respondent_names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    };
    let shown = names("zebrakul");
    assert!(!shown.is_empty() && !shown[0].is_empty());
    let project = fs::read_to_string(root.join("project.json")).unwrap();
    let renamed = project.replacen(&format!("\"{}\"", shown[0]), "\"Zebra Näringsliv\"", 1);
    assert_ne!(renamed, project);
    fs::write(root.join("project.json"), renamed).unwrap();
    assert_eq!(names("zebrakul")[0], "Zebra Näringsliv");
    settle();
    assert_eq!(names("zebrakul")[0], "Zebra Näringsliv");
    assert_eq!(names("zebrakul")[0], "Zebra Näringsliv");
    assert_eq!(names("respondent:zebra")[0], "Zebra Näringsliv");
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

/// The interface opening `root` the way `behov open` does: the first frame from what
/// `.behov/` keeps, the project read on a thread (`poll_opening` takes it over).
fn opening_app(root: &Path) -> behov::tui::app::App {
    use behov::model::Lang;
    use behov::tui::app::{App, Effect};
    let mut app = App::new(Lang::Sv, behov::store::settings::Settings::default());
    behov::tui::perform(&mut app, Effect::OpenProject(root.to_path_buf()));
    assert!(app.session.is_none(), "{:?}", app.status);
    app
}

fn screen(app: &behov::tui::app::App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| behov::tui::view::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_interface_draws_its_first_frame_from_the_kept_index_and_keys_wait_for_the_project() {
    use behov::tui::app::{Message, Screen, update};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let root = demo_copy(dir.path());

    // Never opened: nothing kept, so the first frame says what is being read.
    let mut app = opening_app(&root);
    assert!(app.opening.as_ref().unwrap().preview.is_none());
    let first = screen(&app);
    assert!(first.contains("Behovsanalys: grön omställning"), "{first}");
    assert!(first.contains("Läser 24 intervjuer"), "{first}");
    behov::tui::poll_opening(&mut app, true);
    let opened_rows = app.interviews.rows.clone();
    assert_eq!(opened_rows.len(), 24);
    app.session.take().unwrap().close();

    // Changed while closed: the first frame reads that one file and shows it.
    checkout(&root.join("interviews/i005.json"), "Johan Ek", "Jonas Ek");
    let mut app = opening_app(&root);
    let preview = &app
        .opening
        .as_ref()
        .unwrap()
        .preview
        .as_ref()
        .expect("kept")
        .list;
    assert!(
        preview
            .rows
            .iter()
            .any(|r| r.cells.contains(&"Jonas Ek".to_string()))
    );
    let first = screen(&app);
    assert!(first.contains("24 intervjuer"), "{first}");
    assert!(first.contains("Jonas Ek"), "{first}");
    let preview_rows = preview.rows.clone();

    // Keys pressed now wait and are applied once the project is read.
    for code in [KeyCode::Down, KeyCode::Enter] {
        let effects = update(
            &mut app,
            Message::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
        assert!(effects.is_empty());
    }
    assert!(app.session.is_none());
    behov::tui::poll_opening(&mut app, true);
    assert_eq!(
        app.interviews.rows, preview_rows,
        "the first frame's rows are the real ones"
    );
    assert_eq!(
        app.screen,
        Screen::Capture,
        "Down and Enter opened the second interview"
    );
    let second = preview_rows[1].id.clone();
    assert_eq!(app.capture.as_ref().unwrap().interview, second);
}
