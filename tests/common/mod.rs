//! Helpers shared by the integration tests: a demo project in the interface driven through
//! `update`, and a sweep of file modes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use behov::model::Lang;
use behov::store::settings::Settings;
use behov::tui::app::{App, Effect, Message, update};
use behov::tui::perform;
use behov::tui::session::Session;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The interface on a fresh copy of the demo in `dir` (or the copy already there).
pub fn demo_app(dir: &Path, lang: Lang) -> App {
    let root = dir.join("demo");
    if !root.exists() {
        behov::store::demo::install(&root).unwrap();
    }
    reopen(&root, lang)
}

/// The interface on the project at `root`, as after starting behov again.
pub fn reopen(root: &Path, lang: Lang) -> App {
    let opened = Session::open(root, lang == Lang::Sv).unwrap();
    let mut app = App::new(lang, Settings::default());
    app.attach(opened.session, opened.notices);
    app
}

/// Sends one message, performs its effects (except writing the user's settings) and waits
/// for a change of many files they started, as the runner's loop does.
pub fn send(app: &mut App, message: Message) {
    for effect in update(app, message) {
        if effect != Effect::SaveSettings {
            perform(app, effect);
        }
    }
    behov::tui::settle(app);
    app.guard_quit();
}

pub fn key(app: &mut App, code: KeyCode) {
    send(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Types `text` one character at a time.
pub fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Files and folders under `dir` (links aside) that others may read or enter.
pub fn loose_modes(dir: &Path) -> Vec<(PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut loose = Vec::new();
    let mut stack: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.file_type().is_symlink() {
            continue;
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            loose.push((path.clone(), mode));
        }
        if meta.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
    }
    loose
}
