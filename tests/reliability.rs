//! Nothing is lost when the disk fills, a save fails, or someone else changes a file: the
//! interface driven through `update` with faults injected into the store, and the files
//! checked character by character.

use std::path::{Path, PathBuf};

mod common;

use behov::model::{Lang, TextEdit};
use behov::store::fault::{self, Plan};
use behov::store::journal::{self, Entry};
use behov::store::{self, Store};
use behov::tui::app::{App, Effect, Message};
use behov::tui::keymap::Context;
use behov::tui::session::Session;
use behov::tui::{maintain, perform};
use common::{demo_app, key, reopen, send, typing};
use ratatui::crossterm::event::KeyCode;

fn root_of(app: &App) -> PathBuf {
    app.session.as_ref().unwrap().store.root().to_path_buf()
}

fn answer_on_disk(root: &Path, id: &str, question: &str) -> String {
    Store::open_read_only(root)
        .unwrap()
        .project
        .interview(id)
        .unwrap()
        .answer(question)
        .map(|a| a.text.clone())
        .unwrap_or_default()
}

fn answer_in(app: &App, id: &str, question: &str) -> String {
    app.session
        .as_ref()
        .unwrap()
        .whole()
        .interview(id)
        .unwrap()
        .answer(question)
        .map(|a| a.text.clone())
        .unwrap_or_default()
}

/// Writes another version of an interview's answer into its file, as `git checkout` of a
/// colleague's version would: a new file with a new `modified`.
fn change_on_disk(root: &Path, id: &str, question: &str, text: &str) {
    let path = root.join(format!("interviews/{id}.json"));
    let mut interview: behov::model::Interview =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    interview.answer_mut(question).text = text.to_string();
    interview.modified = jiff::Timestamp::now();
    let other = root.join(format!("interviews/.{id}.colleague"));
    std::fs::write(&other, store::to_json(&interview)).unwrap();
    std::fs::rename(&other, &path).unwrap();
}

/// Opens the first interview of the list in the capture editor (its first question).
fn open_editor(app: &mut App) -> String {
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Editor);
    app.capture.as_ref().unwrap().interview.clone()
}

/// The disk is full after `bytes` more bytes, until the guard is dropped.
fn disk_full_after(bytes: u64) -> fault::Guard {
    fault::inject(Plan {
        disk_full_after: Some(bytes),
        ..Plan::default()
    })
}

const SENTENCE: &str = "Företagen behöver en färdplan, rådgivning och nätverk. ";

fn typed_text(chars: usize) -> String {
    SENTENCE.chars().cycle().take(chars).collect()
}

#[test]
fn a_full_disk_is_said_truthfully_asked_about_at_quit_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let id = open_editor(&mut app);
    let before = answer_in(&app, &id, "q01");
    let typed = typed_text(540);
    {
        let _full = disk_full_after(20_000);
        typing(&mut app, &typed);
        let written = std::fs::read_to_string(root.join(".behov/journal"))
            .unwrap()
            .lines()
            .count()
            - 1;
        assert!(written > 0 && written < 540, "{written} entries written");
        let only_in_memory = 540 - written;
        assert_eq!(
            app.session.as_ref().unwrap().unwritten_characters(),
            only_in_memory
        );
        let status = app.status.clone().unwrap();
        assert!(status.error);
        assert!(
            status.text.contains(&format!(
                "Not saved: {only_in_memory} characters are only in memory (the disk is full)"
            )),
            "{}",
            status.text
        );
        // Leaving the editor tries to save and cannot; quitting asks instead of quitting.
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('q'));
        assert!(!app.quit, "quit is held while text is only in memory");
        assert_eq!(app.context(), Context::Confirm);
        key(&mut app, KeyCode::Esc);
        assert!(!app.quit);
    }
    // Space is freed: the journal writes what was waiting (the loop retries every 2 s)…
    let journal = app.session.as_mut().unwrap().journal.as_mut().unwrap();
    journal.flush().unwrap();
    assert_eq!(app.session.as_ref().unwrap().unwritten_characters(), 0);
    // …and a crash now (no fold, no clean exit) loses nothing: the journal holds every
    // character, in whole lines.
    drop(app);
    let app = reopen(&root, Lang::En);
    assert_eq!(answer_in(&app, &id, "q01"), format!("{before}{typed}"));
    assert_eq!(
        answer_on_disk(&root, &id, "q01"),
        format!("{before}{typed}")
    );
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("Recovered 540 characters"), "{status}");
    assert!(!status.contains("could not be read"), "{status}");
}

#[test]
fn after_a_full_disk_the_loop_saves_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let id = open_editor(&mut app);
    let before = answer_in(&app, &id, "q01");
    let typed = typed_text(200);
    {
        let _full = disk_full_after(5_000);
        typing(&mut app, &typed);
        key(&mut app, KeyCode::Esc);
        assert!(app.session.as_ref().unwrap().unwritten_characters() > 0);
    }
    maintain(&mut app);
    assert!(app.status.as_ref().unwrap().text.starts_with("Saved again"));
    assert_eq!(
        answer_on_disk(&root, &id, "q01"),
        format!("{before}{typed}")
    );
    assert!(app.session.as_ref().unwrap().unsaved.is_empty());
    assert_eq!(
        std::fs::read_to_string(root.join(".behov/journal")).unwrap(),
        ""
    );
}

/// The negative control: the journal as it was written before, one line per entry with no
/// cut-back after a failed write and nothing kept to retry, loses text under the same fault,
/// and the check above would see it.
#[test]
fn a_naive_journal_loses_text_under_the_same_fault() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let mut project = app.session.as_ref().unwrap().whole();
    let id = project.interviews[0].id.clone();
    let base = project.interviews[0].modified;
    let before = project.interviews[0].answer("q01").unwrap().text.clone();
    drop(app);
    let typed = typed_text(540);
    let path = root.join(".behov/journal");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    {
        let _full = disk_full_after(20_000);
        let start = before.chars().count();
        for (n, c) in typed.chars().enumerate() {
            let at = start + n;
            if n == 300 {
                fault::clear();
            }
            let entry = Entry {
                interview: id.clone(),
                base,
                question: Some("q01".into()),
                edit: TextEdit {
                    at,
                    removed: 0,
                    inserted: c.to_string(),
                },
            };
            let mut line = serde_json::to_string(&entry).unwrap();
            line.push('\n');
            let _ = fault::write_all(&mut file, line.as_bytes());
        }
    }
    file.flush().unwrap();
    let recovery = journal::replay(&root, &mut project).unwrap();
    let text = &project.interview(&id).unwrap().answer("q01").unwrap().text;
    assert!(recovery.unreadable >= 1, "a torn line joined the next one");
    assert_ne!(
        text,
        &format!("{before}{typed}"),
        "the naive journal lost text"
    );
}

#[test]
fn a_failed_save_keeps_its_journal_when_another_save_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let ids: Vec<String> = {
        let project = &app.session.as_ref().unwrap().whole();
        vec![
            project.interviews[0].id.clone(),
            project.interviews[1].id.clone(),
        ]
    };
    let mut expected = Vec::new();
    for (id, words) in ids.iter().zip(["Första tillägget.", "Andra tillägget."]) {
        let session = app.session.as_mut().unwrap();
        let at = session
            .whole()
            .interview(id)
            .unwrap()
            .answer("q02")
            .map_or(0, |a| a.text.chars().count());
        let (records, _) = session
            .edit_text(
                id,
                Some("q02"),
                TextEdit {
                    at,
                    removed: 0,
                    inserted: words.into(),
                },
            )
            .unwrap();
        for record in records {
            perform(&mut app, Effect::Journal(record));
        }
        expected.push(answer_in(&app, id, "q02"));
    }
    let effects = app.fold_all();
    assert_eq!(
        effects[..2],
        [
            Effect::SaveInterview(ids[0].clone()),
            Effect::SaveInterview(ids[1].clone())
        ]
    );
    {
        let _fail = fault::inject(Plan {
            rename_fails_after: Some(0),
            ..Plan::default()
        });
        perform(&mut app, effects[0].clone());
    }
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("is in the journal"), "{status}");
    perform(&mut app, effects[1].clone());
    assert_eq!(answer_on_disk(&root, &ids[1], "q02"), expected[1]);
    assert_ne!(answer_on_disk(&root, &ids[0], "q02"), expected[0]);
    assert_eq!(
        app.session
            .as_ref()
            .unwrap()
            .unsaved
            .iter()
            .collect::<Vec<_>>(),
        vec![&ids[0]]
    );
    // A crash now: the first interview's text comes back from the journal.
    drop(app);
    let app = reopen(&root, Lang::En);
    assert_eq!(answer_on_disk(&root, &ids[0], "q02"), expected[0]);
    assert_eq!(answer_on_disk(&root, &ids[1], "q02"), expected[1]);
    assert!(app.session.as_ref().unwrap().conflicts.is_empty());
}

#[test]
fn a_file_changed_after_a_crash_shows_both_versions_and_keeps_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    let root = root_of(&app);
    let id = open_editor(&mut app);
    let before = answer_in(&app, &id, "q01");
    typing(&mut app, " Och mer stöd.");
    drop(app); // a crash: nothing folded
    change_on_disk(&root, &id, "q01", "Kollegans version av svaret.");

    let app = reopen(&root, Lang::Sv);
    let session = app.session.as_ref().unwrap();
    assert_eq!(session.conflicts.len(), 1);
    assert_eq!(session.conflicts[0].mine, format!("{before} Och mer stöd."));
    assert_eq!(session.conflicts[0].theirs, "Kollegans version av svaret.");
    assert_eq!(app.context(), Context::Conflict);
    // A crash while choosing: the conflict is still there after reopening.
    drop(app);
    let mut app = reopen(&root, Lang::Sv);
    assert_eq!(app.context(), Context::Conflict);
    assert_eq!(app.session.as_ref().unwrap().conflicts.len(), 1);
    // Movement keys never choose; Enter takes the selected button (keep both).
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.session.as_ref().unwrap().conflicts.len(), 1);
    key(&mut app, KeyCode::Enter);
    assert!(app.session.as_ref().unwrap().conflicts.is_empty());
    assert_eq!(
        answer_on_disk(&root, &id, "q01"),
        format!("Kollegans version av svaret.\n\n{before} Och mer stöd.")
    );
    drop(app);
    let app = reopen(&root, Lang::Sv);
    assert!(app.session.as_ref().unwrap().conflicts.is_empty());
    assert_eq!(
        std::fs::read_to_string(root.join(".behov/journal")).unwrap(),
        ""
    );
}

#[test]
fn a_file_changed_while_open_is_reloaded_merged_or_offered() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let id = open_editor(&mut app);
    let other = app.session.as_ref().unwrap().interviews.listed()[5]
        .id
        .clone();

    // Untouched here: taken in as it is.
    change_on_disk(&root, &other, "q03", "Ny text från en kollega.");
    maintain(&mut app);
    assert_eq!(answer_in(&app, &other, "q03"), "Ny text från en kollega.");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("changed by another program")
    );

    // Typed here in q01, changed there in q02: both kept, nothing asked.
    let before = answer_in(&app, &id, "q01");
    typing(&mut app, " Mitt tillägg.");
    change_on_disk(&root, &id, "q02", "Deras ändring i fråga två.");
    key(&mut app, KeyCode::Esc); // leaves the editor: the save finds the file changed
    assert_eq!(
        answer_on_disk(&root, &id, "q01"),
        format!("{before} Mitt tillägg.")
    );
    assert_eq!(
        answer_on_disk(&root, &id, "q02"),
        "Deras ändring i fråga två."
    );
    assert!(app.session.as_ref().unwrap().conflicts.is_empty());

    // Typed here and changed there in the same answer: the user chooses.
    key(&mut app, KeyCode::Char('i'));
    assert_eq!(app.context(), Context::Editor);
    typing(&mut app, " Ännu mer.");
    change_on_disk(&root, &id, "q01", "Deras version av fråga ett.");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Conflict);
    assert_eq!(
        answer_on_disk(&root, &id, "q01"),
        "Deras version av fråga ett.",
        "their file is not overwritten before the choice"
    );
    key(&mut app, KeyCode::Char('2')); // keep mine
    assert_eq!(
        answer_on_disk(&root, &id, "q01"),
        format!("{before} Mitt tillägg. Ännu mer.")
    );
}

#[test]
fn an_interrupted_multi_file_change_is_completed_or_undone_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    let opened = Store::open(&root).unwrap();
    let mut project = opened.project.clone();
    let changed = behov::model::coding_ops::merge(&mut project, "funding", "advice");
    assert!(changed.len() > 5, "{changed:?}");
    let mut batch = store::Batch::new();
    for id in &changed {
        batch.interview(project.interview(id).unwrap().clone());
    }
    batch.codebook(project.codebook.clone());
    let on_disk = |root: &Path| {
        let project = Store::open_read_only(root).unwrap().project;
        let funding = project
            .interviews
            .iter()
            .flat_map(|i| &i.answers)
            .flat_map(|a| &a.codings)
            .filter(|c| c.code == "funding")
            .count();
        (funding, project.codebook.code("funding").is_some())
    };
    let original = on_disk(&root);
    assert!(original.0 > 0 && original.1);

    // The disk fills while the new files are written: nothing changes.
    {
        let _full = disk_full_after(20_000);
        let err = opened.store.save_batch(&batch).unwrap_err().to_string();
        assert!(err.contains("disk is full"), "{err}");
    }
    assert_eq!(on_disk(&root), original);
    let leftovers = std::fs::read_dir(root.join("interviews"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(store::TEMP_SUFFIX)
        })
        .count();
    assert_eq!(leftovers, 0);

    // A rename fails after the change was committed: the next open completes it.
    {
        let _fail = fault::inject(Plan {
            rename_fails_after: Some(3),
            ..Plan::default()
        });
        assert!(opened.store.save_batch(&batch).is_err());
    }
    let partly = on_disk(&root);
    assert!(partly.0 > 0, "only part of the files were renamed");
    drop(opened);
    let reopened = Store::open(&root).unwrap();
    assert!(
        reopened.notices.iter().any(|n| n.contains("completed")),
        "{:?}",
        reopened.notices
    );
    drop(reopened);
    assert_eq!(on_disk(&root), (0, false));
}

#[test]
fn a_codebook_merge_never_overwrites_an_interview_changed_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let project = app.session.as_ref().unwrap().whole();
    let target = project
        .interviews
        .iter()
        .find(|i| {
            i.answers
                .iter()
                .any(|a| a.codings.iter().any(|c| c.code == "funding"))
        })
        .unwrap()
        .id
        .clone();
    change_on_disk(&root, &target, "q12", "En kollega skrev detta.");
    let session = app.session.as_mut().unwrap();
    let changed = session.change_whole(|p| behov::model::coding_ops::merge(p, "funding", "advice"));
    assert!(changed.contains(&target));
    perform(
        &mut app,
        Effect::SaveChange {
            interviews: changed,
            codebook: true,
            project: false,
        },
    );
    behov::tui::settle(&mut app);
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("changed by another program"), "{status}");
    // All or nothing: no file of the merge was written.
    let disk = Store::open_read_only(&root).unwrap().project;
    assert!(disk.codebook.code("funding").is_some());
    assert_eq!(
        disk.interview(&target).unwrap().answer("q12").unwrap().text,
        "En kollega skrev detta."
    );
}

#[test]
fn a_wall_of_parentheses_pasted_into_search_is_cut_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    key(&mut app, KeyCode::Char('3'));
    send(&mut app, Message::Paste("(".repeat(100_000)));
    assert_eq!(app.search.query.chars().count(), 1_000);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("cut to 1000 characters")
    );
}

#[test]
fn a_folder_that_cannot_be_written_opens_read_only_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    let opened = {
        let _read_only = fault::inject(Plan {
            folders_read_only: true,
            ..Plan::default()
        });
        Session::open(&root, false).unwrap()
    };
    assert!(opened.session.read_only());
    let said = opened.notices.join(" ");
    assert!(said.contains("cannot be written"), "{said}");
    assert!(said.contains("Read-only"), "{said}");
    // The lock was let go: a writable behov can open it at once.
    drop(opened);
    assert!(!Session::open(&root, false).unwrap().session.read_only());
}

#[test]
fn a_project_with_loose_file_modes_is_made_private_on_open() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    for name in ["project.json", "interviews/i003.json", "interviews"] {
        let mode = if name == "interviews" { 0o755 } else { 0o644 };
        std::fs::set_permissions(root.join(name), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let opened = Session::open(&root, false).unwrap();
    let said = opened.notices.join(" ");
    assert!(said.contains("3 files or folders"), "{said}");
    for (name, mode) in [
        ("project.json", 0o600),
        ("interviews/i003.json", 0o600),
        ("interviews", 0o700),
    ] {
        let now = std::fs::metadata(root.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(now, mode, "{name}");
    }
}

#[test]
fn a_failing_fsync_is_reported_and_the_file_and_the_text_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let id = open_editor(&mut app);
    let on_disk = std::fs::read(root.join(format!("interviews/{id}.json"))).unwrap();
    typing(&mut app, " Tillägg.");
    {
        let _fail = fault::inject(Plan {
            fsync_fails_after: Some(0),
            ..Plan::default()
        });
        key(&mut app, KeyCode::Esc); // folds: the save's fsync fails
    }
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("fsync failed"), "{status}");
    assert!(status.contains("in the journal"), "{status}");
    assert_eq!(
        std::fs::read(root.join(format!("interviews/{id}.json"))).unwrap(),
        on_disk,
        "a save whose fsync failed does not replace the file"
    );
    assert!(app.session.as_ref().unwrap().unsaved.contains(&id));
    // The next round saves it.
    maintain(&mut app);
    assert!(answer_on_disk(&root, &id, "q01").ends_with(" Tillägg."));
}

#[test]
fn a_linked_interview_file_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    let elsewhere = dir.path().join("i003-real.json");
    std::fs::rename(root.join("interviews/i003.json"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("interviews/i003.json")).unwrap();
    let opened = Store::open(&root).unwrap();
    let mut interview = opened.project.interview("i003").unwrap().clone();
    interview.answer_mut("q01").text = "Sparat genom länken.".into();
    opened.store.save_interview(&interview).unwrap();
    let link = std::fs::symlink_metadata(root.join("interviews/i003.json")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(
        std::fs::read_to_string(&elsewhere)
            .unwrap()
            .contains("Sparat genom länken.")
    );
}

#[test]
fn a_change_of_many_files_is_written_beside_the_interface_and_saves_wait_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let root = root_of(&app);
    let session = app.session.as_mut().unwrap();
    let changed = session.change_whole(|p| behov::model::coding_ops::merge(p, "funding", "advice"));
    let other = session
        .interviews
        .listed()
        .iter()
        .find(|i| !changed.contains(&i.id))
        .unwrap()
        .id
        .clone();
    perform(
        &mut app,
        Effect::SaveChange {
            interviews: changed.clone(),
            codebook: true,
            project: false,
        },
    );
    // The interface goes on at once; a save asked for meanwhile waits for the change.
    assert!(app.session.as_ref().unwrap().is_busy());
    let session = app.session.as_mut().unwrap();
    session
        .interview_mut(&other)
        .unwrap()
        .answer_mut("q12")
        .text = "Sparas efter ändringen.".into();
    behov::tui::session::touch(session.interview_mut(&other).unwrap());
    perform(&mut app, Effect::SaveInterview(other.clone()));
    assert_eq!(app.deferred, vec![Effect::SaveInterview(other.clone())]);
    behov::tui::settle(&mut app);
    assert!(!app.session.as_ref().unwrap().is_busy());
    assert!(app.deferred.is_empty());
    let status = app.status.clone().unwrap().text;
    assert!(status.contains("The change is saved"), "{status}");
    let disk = Store::open_read_only(&root).unwrap().project;
    assert!(disk.codebook.code("funding").is_none());
    assert_eq!(
        disk.interview(&other).unwrap().answer("q12").unwrap().text,
        "Sparas efter ändringen."
    );
}
