//! Merging a colleague's copy from the interface: `M` on the Interviews tab asks for the
//! folder, the merge screen shows what comes in and each conflict with both versions, m/t/b
//! decide, Enter writes (never while a conflict is open), Esc leaves without writing.

mod common;

use std::path::{Path, PathBuf};

use behov::model::{Coding, Lang};
use behov::store::Store;
use behov::tui::app::{App, Message};
use behov::tui::keymap::Context;
use behov::tui::view;
use common::{key, reopen, send, typing};
use jiff::{Timestamp, ToSpan};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    send(app, Message::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    terminal
}

/// Two copies of the demo: the first answer of i001 written differently in each, and the
/// colleague's copy with a coding by Björn on i003.
fn copies(dir: &Path) -> (PathBuf, PathBuf) {
    let mine = dir.join("demo");
    let theirs = dir.join("kollegans-kopia");
    for (root, text) in [
        (&mine, "Min rättade text."),
        (&theirs, "Deras rättade text."),
    ] {
        behov::store::demo::install(root).unwrap();
        let mut opened = Store::open(root).unwrap();
        let i = opened.project.interview_mut("i001").unwrap();
        i.answers[0].text = text.into();
        let i = i.clone();
        opened.store.save_interview(&i).unwrap();
    }
    let mut opened = Store::open(&theirs).unwrap();
    let i = opened.project.interview_mut("i003").unwrap();
    let when = Timestamp::now().checked_add(1.hour()).unwrap();
    i.answers[1].codings.push(Coding {
        code: "funding".into(),
        span: None,
        coder: "Björn".into(),
        memo: String::new(),
        created: when,
    });
    i.modified = when;
    let i = i.clone();
    opened.store.save_interview(&i).unwrap();
    (mine, theirs)
}

fn start(app: &mut App, folder: &Path) {
    key(app, KeyCode::Char('M'));
    assert_eq!(app.context(), Context::Form);
    typing(app, &folder.display().to_string());
    key(app, KeyCode::Enter);
}

fn bjorn(root: &Path) -> usize {
    let (p, _) = behov::store::load(root).unwrap();
    p.interviews
        .iter()
        .flat_map(|i| i.parts().flat_map(|p| p.codings.to_vec()))
        .filter(|c| c.coder == "Björn")
        .count()
}

#[test]
fn a_colleagues_copy_is_merged_after_each_conflict_is_decided() {
    for lang in [Lang::Sv, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let (mine, theirs) = copies(dir.path());
        let mut app = reopen(&mine, lang);
        start(&mut app, &theirs);
        assert_eq!(app.context(), Context::MergeCopy, "{:?}", app.status);
        let suffix = if lang == Lang::Sv { "sv" } else { "en" };
        insta::assert_snapshot!(
            format!("merge_80x24_{suffix}"),
            render(&mut app, 80, 24).backend()
        );
        insta::assert_snapshot!(
            format!("merge_120x36_{suffix}"),
            render(&mut app, 120, 36).backend()
        );

        // Enter with the conflict open writes nothing and says why.
        key(&mut app, KeyCode::Enter);
        assert!(app.merge.is_some());
        assert!(app.status.as_ref().is_some_and(|s| s.error));
        assert_eq!(bjorn(&mine), 0);

        key(&mut app, KeyCode::Char('b'));
        key(&mut app, KeyCode::Enter);
        assert!(app.merge.is_none(), "{:?}", app.status);
        assert_eq!(app.context(), Context::Interviews);
        assert_eq!(bjorn(&mine), 1);
        let session = app.session.as_ref().unwrap();
        assert_eq!(
            session.whole().interview("i001").unwrap().answers[0].text,
            "Min rättade text.\n\nDeras rättade text."
        );
        assert!(app.status.as_ref().is_some_and(|s| !s.error));
    }
}

#[test]
fn esc_leaves_the_merge_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = copies(dir.path());
    let mut app = reopen(&mine, Lang::En);
    start(&mut app, &theirs);
    key(&mut app, KeyCode::Char('m'));
    key(&mut app, KeyCode::Esc);
    assert!(app.merge.is_none());
    assert_eq!(app.context(), Context::Interviews);
    assert_eq!(bjorn(&mine), 0);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Nothing was merged.")
    );
}

#[test]
fn a_folder_that_is_no_copy_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, _) = copies(dir.path());
    let mut app = reopen(&mine, Lang::En);
    // No such folder: the form stays open with the reason.
    start(&mut app, &dir.path().join("missing"));
    assert_eq!(app.context(), Context::Form);
    key(&mut app, KeyCode::Esc);
    // A folder that is not a project: a sentence on the status line, no merge screen.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    start(&mut app, &empty);
    assert!(app.merge.is_none());
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("is not a behov project"),
        "{status:?}"
    );
    // Itself: the same.
    start(&mut app, &mine);
    assert!(app.merge.is_none());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("this project itself")
    );
}
