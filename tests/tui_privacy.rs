//! The privacy view: `P` on the Interviews tab lists the personal data in the texts; a found
//! first name can be marked "not personal data", a known person cannot; Enter opens the answer.

mod common;

use behov::model::Lang;
use behov::tui::app::{Message, Screen};
use behov::tui::keymap::Context;
use behov::tui::view;
use common::{demo_app, key, send};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn render(app: &mut behov::tui::app::App, width: u16, height: u16) -> Terminal<TestBackend> {
    send(app, Message::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    terminal
}

#[test]
fn the_privacy_view_lists_marks_and_opens_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    key(&mut app, KeyCode::Char('P'));
    assert_eq!(app.screen, Screen::Privacy);
    assert_eq!(app.context(), Context::Privacy);
    insta::assert_snapshot!("privacy_100x20", render(&mut app, 100, 20).backend());
    let total = app.privacy.hits.len();
    assert!(total > 50, "{total}");

    // A contact person is always replaced: marking refuses.
    key(&mut app, KeyCode::Char('a'));
    assert!(
        app.status.as_ref().is_some_and(|s| s.error),
        "{:?}",
        app.status
    );
    assert_eq!(app.privacy.hits.len(), total);

    // Nils is only named in the text: marked, he leaves the list, and the key remembers it.
    let nils = app
        .privacy
        .hits
        .iter()
        .position(|h| h.text == "Nils")
        .unwrap();
    for _ in 0..nils {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('a'));
    render(&mut app, 100, 20);
    assert!(!app.privacy.hits.iter().any(|h| h.text == "Nils"));
    let root = app.session.as_ref().unwrap().store.root().to_path_buf();
    let saved = behov::privacy::Key::load(&root).unwrap();
    assert!(saved.not_personal.contains("nils"));

    // Enter opens the answer where the finding is; Esc comes back.
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Capture);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Privacy);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Tabs);
}

#[test]
fn the_details_form_records_the_scope_of_consent() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Capture);
    key(&mut app, KeyCode::Char('e'));
    // Interviewer, date, mode, consent, its date and note, organisations, then the scope.
    for _ in 0..7 {
        key(&mut app, KeyCode::Tab);
    }
    common::typing(&mut app, "muntligt");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let root = app.session.as_ref().unwrap().store.root().to_path_buf();
    let (project, _) = behov::store::load(&root).unwrap();
    let id = &app.capture.as_ref().unwrap().interview;
    let consent = &project.interview(id).unwrap().consent;
    assert_eq!(consent.how, "muntligt");
    assert_eq!(consent.quotes, Some(false));
    assert_eq!(consent.recording, None);
}

/// Every file under `root` (`.behov/` and the index included) that holds one of `strings`.
fn files_holding(root: &std::path::Path, strings: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    // The search worker may replace index files meanwhile: one gone is skipped.
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let text = String::from_utf8_lossy(&bytes);
                if strings.iter().any(|s| text.contains(s)) {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found
}

#[test]
fn an_organisation_is_erased_everywhere_from_the_respondents_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    let root = app.session.as_ref().unwrap().store.root().to_path_buf();
    let erased = [
        "Anna Bergström",
        "anna.bergstrom@example.se",
        "070-312 48 90",
    ];
    assert!(!files_holding(&root, &erased).is_empty());
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.screen, Screen::Respondents);
    let r001 = app
        .session
        .as_ref()
        .unwrap()
        .project
        .respondents
        .iter()
        .position(|r| r.id == "r001")
        .unwrap();
    for _ in 0..r001 {
        key(&mut app, KeyCode::Down);
    }
    // The question names what goes; Esc (or Enter on Cancel, chosen first) erases nothing.
    key(&mut app, KeyCode::Char('E'));
    let shown = format!("{}", render(&mut app, 120, 40).backend());
    assert!(shown.contains("Radera överallt"), "{shown}");
    assert!(shown.contains("i001"), "{shown}");
    key(&mut app, KeyCode::Enter);
    assert!(!files_holding(&root, &erased).is_empty());
    // Then erased: the button chosen, Enter.
    key(&mut app, KeyCode::Char('E'));
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let status = app.status.as_ref().unwrap();
    assert!(
        !status.error && status.text.starts_with("Raderade "),
        "{status:?}"
    );
    assert_eq!(app.screen, Screen::Respondents);
    let project = &app.session.as_ref().unwrap().whole();
    assert!(project.respondent("r001").is_none());
    assert!(project.interview("i001").is_none());
    assert_eq!(files_holding(&root, &erased), Vec::<String>::new());
    // The project is open for writing again and whole.
    assert!(!app.session.as_ref().unwrap().read_only());
    let (reloaded, _) = behov::store::load(&root).unwrap();
    assert!(behov::model::validate(&reloaded).is_empty());
}

#[test]
fn a_person_is_erased_everywhere_from_the_privacy_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    let root = app.session.as_ref().unwrap().store.root().to_path_buf();
    key(&mut app, KeyCode::Char('P'));
    render(&mut app, 120, 40);
    let at = app
        .privacy
        .hits
        .iter()
        .position(|h| h.person.is_some())
        .unwrap();
    let name = app.privacy.hits[at].person.clone().unwrap();
    assert!(!files_holding(&root, &[name.as_str()]).is_empty());
    for _ in 0..at {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('E'));
    let shown = format!("{}", render(&mut app, 120, 40).backend());
    assert!(
        shown.contains(&format!("Radera {name} överallt?")),
        "{shown}"
    );
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let status = app.status.as_ref().unwrap();
    assert!(
        !status.error && status.text.starts_with(&format!("Raderade {name}")),
        "{status:?}"
    );
    assert_eq!(app.screen, Screen::Privacy);
    render(&mut app, 120, 40);
    assert!(
        !app.privacy
            .hits
            .iter()
            .any(|h| h.person.as_ref() == Some(&name))
    );
    assert_eq!(files_holding(&root, &[name.as_str()]), Vec::<String>::new());
}
