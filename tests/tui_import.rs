//! Importing a transcript from the interface: `i` on the Interviews tab, the file name, the
//! review screen, Enter.

use std::path::Path;

use behov::model::Lang;
use behov::store::settings::Settings;
use behov::tui::app::{App, Effect, Message, update};
use behov::tui::session::Session;
use behov::tui::{perform, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn demo_app(dir: &Path) -> App {
    let root = dir.join("demo");
    behov::store::demo::install(&root).unwrap();
    let opened = Session::open(&root, true).unwrap();
    let mut app = App::new(Lang::Sv, Settings::default());
    app.attach(opened.session, opened.notices);
    app
}

/// A key, its effects, and (as the runner's loop does over the following ticks) the file
/// being read and any change being written, waited for.
fn press(app: &mut App, code: KeyCode) {
    press_only(app, code);
    behov::tui::settle(app);
}

/// A key and its effects, without waiting for what they started on a thread.
fn press_only(app: &mut App, code: KeyCode) {
    for effect in update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
        if effect != Effect::SaveSettings {
            perform(app, effect);
        }
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 36)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    format!("{}", terminal.backend())
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/import-examples")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn a_transcript_is_reviewed_and_imported_from_the_interviews_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typed(&mut app, "i");
    typed(
        &mut app,
        &example("Mälarporten Science Park 2026-04-14 Teams.vtt"),
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.review.is_some());
    let shown = screen(&mut app);
    assert!(shown.contains("Granska importen"), "{shown}");
    assert!(shown.contains("frågor hittade 12/12"), "{shown}");

    // Down to the first answer turn, put it outside the guide, undo: the words stay put.
    for _ in 0..9 {
        press(&mut app, KeyCode::Down);
    }
    typed(&mut app, "ou");
    press(&mut app, KeyCode::Enter);
    assert!(app.review.is_none());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("Importerade i025 som utkast")
    );

    let project = behov::store::Store::open_read_only(app.session.as_ref().unwrap().store.root())
        .unwrap()
        .project;
    let imported = project
        .interview("i025")
        .unwrap_or_else(|| panic!("{:?}", app.status));
    assert_eq!(imported.respondents, ["r009"]);
    assert!(
        imported
            .answer("q01")
            .unwrap()
            .text
            .contains("Mälarporten är en science park")
    );
    assert!(imported.source.is_some());
    assert!(behov::model::validate(&project).is_empty());
}

#[test]
fn a_file_that_cannot_be_read_says_why_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    let bad = dir.path().join("photo.docx");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n").unwrap();
    typed(&mut app, "i");
    typed(&mut app, &bad.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(app.review.is_none());
    let status = app.status.as_ref().unwrap();
    assert!(
        status.error && status.text.contains("inget importerades"),
        "{status:?}"
    );

    // A name that is no file keeps the form open with the reason.
    typed(&mut app, "i");
    typed(&mut app, "/no/such/file.vtt");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app).contains("Filen finns inte."));
    press(&mut app, KeyCode::Esc);

    // Esc in the review leaves without importing.
    typed(&mut app, "i");
    typed(&mut app, &example("intervju_sala_kommun_2026-04-20.srt"));
    press(&mut app, KeyCode::Enter);
    assert!(app.review.is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.review.is_none());
    let project = behov::store::Store::open_read_only(app.session.as_ref().unwrap().store.root())
        .unwrap()
        .project;
    assert_eq!(project.interviews.len(), 24);
}

#[test]
fn a_file_is_read_on_a_thread_while_the_interface_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typed(&mut app, "i");
    for c in example("Mälarporten Science Park 2026-04-14 Teams.vtt").chars() {
        press_only(&mut app, KeyCode::Char(c));
    }
    press_only(&mut app, KeyCode::Enter);
    // The file is being read: the status line says so by name and keys still work.
    assert!(app.importing.is_some());
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with("Läser Mälarporten Science Park 2026-04-14 Teams.vtt"),
        "{status}"
    );
    press_only(&mut app, KeyCode::Down);
    // A second import is refused until the first is taken in (the loop takes it in at its
    // next tick; here nothing polls the thread until `settle`).
    for c in format!("i{}", example("intervju_sala_kommun_2026-04-20.srt")).chars() {
        press_only(&mut app, KeyCode::Char(c));
    }
    press_only(&mut app, KeyCode::Enter);
    let status = app.status.as_ref().unwrap();
    assert!(
        status.error && status.text.contains("läses redan in"),
        "{status:?}"
    );
    behov::tui::settle(&mut app);
    assert!(app.importing.is_none());
    let shown = screen(&mut app);
    assert!(shown.contains("Granska importen"), "{shown}");
    assert!(shown.contains("Mälarporten"), "{shown}");
}

#[test]
fn the_import_form_takes_the_command_lines_choices() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    typed(&mut app, "i");
    typed(&mut app, &example("intervju_sala_kommun_2026-04-20.srt"));
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "Nya Företagscentret");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "Anna Berg");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "2026-13-01");
    press(&mut app, KeyCode::Enter);
    // A date that is no date keeps the form open with the reason; nothing is read.
    assert!(app.importing.is_none() && app.review.is_none());
    assert!(screen(&mut app).contains("'2026-13-01' är inte ett datum"));
    for _ in 0.."2026-13-01".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-05-02");
    press(&mut app, KeyCode::Enter);
    assert!(app.review.is_some());
    press(&mut app, KeyCode::Enter);

    let project = behov::store::Store::open_read_only(app.session.as_ref().unwrap().store.root())
        .unwrap()
        .project;
    let imported = project.interview("i025").unwrap();
    assert_eq!(imported.interviewer, "Anna Berg");
    assert_eq!(imported.date, jiff::civil::date(2026, 5, 2));
    let respondent = project.respondent(&imported.respondents[0]).unwrap();
    assert_eq!(respondent.name, "Nya Företagscentret");
    assert_eq!(project.respondents.len(), 25);
}
