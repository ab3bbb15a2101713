//! The journal: typed text survives a crash and is folded exactly once.

use std::fs;
use std::io::Write;

use behov::model::TextEdit;
use behov::store::journal::{self, Entry, Journal};
use behov::store::{Store, defaults};
use behov::synth::Synth;

fn project_with_interview(dir: &std::path::Path) -> (Store, behov::model::Project) {
    let mut project = defaults::project("Journal");
    let mut synth = Synth::new(2);
    let mut respondents = synth.project(1).respondents;
    project.respondents.append(&mut respondents);
    project.attributes = synth.project(1).attributes;
    let mut interview = synth.interview(1, 1);
    interview.answers.clear();
    project.interviews.push(interview);
    let opened = Store::create(dir, &project).unwrap();
    (opened.store, opened.project)
}

fn typed(
    interview: &str,
    base: jiff::Timestamp,
    question: Option<&str>,
    at: usize,
    text: &str,
) -> Entry {
    Entry {
        interview: interview.into(),
        base,
        question: question.map(Into::into),
        edit: TextEdit {
            at,
            removed: 0,
            inserted: text.into(),
        },
    }
}

#[test]
fn replay_applies_entries_for_the_file_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let (store, mut project) = project_with_interview(&root);
    let base = project.interviews[0].modified;
    let mut journal = Journal::open(&root).unwrap();
    journal
        .append_edit(&typed("i000001", base, Some("q01"), 0, "Vi behöver "))
        .unwrap();
    journal
        .append_edit(&typed("i000001", base, Some("q01"), 11, "en färdplan."))
        .unwrap();
    journal
        .append_edit(&typed("i000001", base, None, 0, "Ring tillbaka på måndag."))
        .unwrap();
    // A line torn by a crash mid-write is skipped, not fatal.
    fs::OpenOptions::new()
        .append(true)
        .open(root.join(".behov/journal"))
        .unwrap()
        .write_all(b"{\"interview\":\"i0")
        .unwrap();
    drop(journal);
    drop(store);

    let recovery = journal::replay(&root, &mut project).unwrap();
    assert_eq!(recovery.edits, 3);
    assert_eq!(recovery.unreadable, 1);
    assert_eq!(
        project.interviews[0].answer("q01").unwrap().text,
        "Vi behöver en färdplan."
    );
    assert_eq!(project.interviews[0].notes, "Ring tillbaka på måndag.");
}

#[test]
fn entries_already_folded_are_not_applied_twice() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let (store, mut project) = project_with_interview(&root);
    let base = project.interviews[0].modified;
    let mut journal = Journal::open(&root).unwrap();
    journal
        .append_edit(&typed("i000001", base, Some("q01"), 0, "Rådgivning."))
        .unwrap();
    // Fold: the interview is saved with a newer `modified`, and the process dies before the
    // journal is cleared.
    let mut interview = project.interviews[0].clone();
    interview.answer_mut("q01").text = "Rådgivning.".into();
    interview.modified = base
        .checked_add(jiff::SignedDuration::from_secs(1))
        .unwrap();
    store.save_interview(&interview).unwrap();
    drop(journal);
    drop(store);

    let mut reloaded = Store::open(&root).unwrap().project;
    let recovery = journal::replay(&root, &mut reloaded).unwrap();
    assert_eq!(recovery.edits, 0);
    assert_eq!(
        reloaded.interviews[0].answer("q01").unwrap().text,
        "Rådgivning."
    );
    project.interviews[0] = interview;
    assert_eq!(reloaded.interviews, project.interviews);
}

#[test]
fn clear_empties_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let (_store, project) = project_with_interview(&root);
    let mut journal = Journal::open(&root).unwrap();
    journal
        .append_edit(&typed(
            "i000001",
            project.interviews[0].modified,
            Some("q01"),
            0,
            "x",
        ))
        .unwrap();
    journal.sync().unwrap();
    assert!(fs::metadata(root.join(".behov/journal")).unwrap().len() > 0);
    journal.clear().unwrap();
    assert_eq!(fs::metadata(root.join(".behov/journal")).unwrap().len(), 0);
}
