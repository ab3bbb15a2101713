//! The interface holds a bounded few interviews parsed: moving through a project opens each
//! from its file, and only the one on screen, those changed and not yet saved, and a few
//! recent ones stay in memory.

mod common;

use std::path::{Path, PathBuf};

use behov::model::Lang;
use behov::store::Store;
use behov::store::on_demand::HELD;
use behov::synth::Synth;
use behov::tui::app::App;
use common::{key, reopen, typing};
use ratatui::crossterm::event::KeyCode;

const INTERVIEWS: usize = 60;

fn synth_project(dir: &Path) -> PathBuf {
    let root = dir.join("p");
    let mut synth = Synth::new(17);
    let mut project = synth.project(20);
    project.interviews = (1..=INTERVIEWS).map(|n| synth.interview(n, 20)).collect();
    drop(Store::create(&root, &project).unwrap());
    root
}

fn held(app: &App) -> usize {
    app.session.as_ref().unwrap().interviews.held()
}

#[test]
fn moving_through_every_interview_holds_only_a_few() {
    let dir = tempfile::tempdir().unwrap();
    let root = synth_project(dir.path());
    let mut app = reopen(&root, Lang::En);
    assert_eq!(app.interviews.rows.len(), INTERVIEWS);
    assert_eq!(held(&app), 0, "nothing is parsed to show the list");
    let mut opened = Vec::new();
    for _ in 0..INTERVIEWS {
        key(&mut app, KeyCode::Enter);
        let capture = app.capture.as_ref().expect("the interview opens");
        opened.push(capture.interview.clone());
        // The interview on screen is read from its file.
        let session = app.session.as_ref().unwrap();
        assert!(session.interview(&capture.interview).is_some());
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Down);
        assert!(held(&app) <= HELD, "{} held", held(&app));
    }
    opened.sort();
    opened.dedup();
    assert_eq!(opened.len(), INTERVIEWS, "every interview was opened");
    assert_eq!(held(&app), HELD);
}

#[test]
fn typed_text_is_kept_while_every_other_interview_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let root = synth_project(dir.path());
    let mut app = reopen(&root, Lang::En);
    key(&mut app, KeyCode::Enter);
    let first = app.capture.as_ref().unwrap().interview.clone();
    key(&mut app, KeyCode::Enter);
    typing(&mut app, "Skrivet här.");
    // Other interviews are read while the typed text is only in memory and the journal.
    let session = app.session.as_mut().unwrap();
    assert!(session.unsaved.contains(&first));
    let ids: Vec<String> = session
        .interviews
        .listed()
        .iter()
        .map(|l| l.id.clone())
        .collect();
    for id in ids.iter().rev() {
        assert!(session.load(id));
    }
    assert!(session.interviews.held() <= HELD + 1);
    let text = |app: &App| {
        let session = app.session.as_ref().unwrap();
        let interview = session.interview(&first).expect("changed, so held");
        interview
            .parts()
            .map(|p| p.text.to_string())
            .collect::<String>()
    };
    assert!(text(&app).contains("Skrivet här."));
    // Leaving the editor saves it to its file, and then it may be dropped like any other.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    let on_disk = behov::store::read_interview(&root, &first)
        .unwrap()
        .unwrap();
    assert!(on_disk.parts().any(|p| p.text.contains("Skrivet här.")));
    assert!(!app.session.as_ref().unwrap().interviews.is_pinned(&first));
}
