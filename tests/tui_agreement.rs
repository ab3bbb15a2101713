//! The agreement view: `a` on the Summary tab shows the figures per code; Enter on a code
//! lists its disagreements with both coders' passages; Enter opens the answer, Esc comes
//! back; `s` records a disagreement settled in agreement.json, and `s` again reopens it.

mod common;

use behov::model::Lang;
use behov::report::agreement::{SETTLED_FILE, Settled};
use behov::tui::app::{App, Message, Screen};
use behov::tui::keymap::Context;
use behov::tui::screens::agreement::Pane;
use behov::tui::view;
use common::{demo_app, key, send};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    send(app, Message::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    terminal
}

fn open_agreement(dir: &std::path::Path, lang: Lang) -> App {
    let mut app = demo_app(dir, lang);
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.screen, Screen::Agreement);
    assert_eq!(app.context(), Context::Agreement);
    app
}

#[test]
fn the_figures_per_code_in_swedish_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_agreement(dir.path(), Lang::Sv);
    insta::assert_snapshot!("agreement_sv_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("agreement_sv_120x36", render(&mut app, 120, 36).backend());
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_agreement(dir.path(), Lang::En);
    insta::assert_snapshot!("agreement_en_120x36", render(&mut app, 120, 36).backend());
}

#[test]
fn disagreements_open_the_answer_and_are_settled_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_agreement(dir.path(), Lang::En);
    // Advice, the first code: its five disagreements, the first side by side.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.agreement.pane, Pane::Disagreements);
    assert_eq!(app.agreement.shown().len(), 5);
    insta::assert_snapshot!("agreement_advice_80x24", render(&mut app, 80, 24).backend());

    // Enter opens the answer at the first passage; Esc comes back to the list.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Capture);
    let capture = app.capture.as_ref().unwrap();
    assert_eq!(capture.index, 2, "question 3 of i002");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Agreement);
    assert_eq!(app.agreement.pane, Pane::Disagreements);

    // s settles the selected one: recorded in agreement.json and shown with a mark.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('s'));
    let root = app.session.as_ref().unwrap().store.root().to_path_buf();
    let text = std::fs::read_to_string(root.join(SETTLED_FILE)).unwrap();
    let settled: Settled = serde_json::from_str(&text).unwrap();
    assert_eq!(settled.settled.len(), 1);
    assert_eq!(
        (
            settled.settled[0].interview.as_str(),
            settled.settled[0].code.as_str()
        ),
        ("i007", "advice")
    );
    let screen = render(&mut app, 80, 24);
    let shown = format!("{:?}", screen.backend());
    assert!(shown.contains("Disagreements: 5, 1 settled"), "{shown}");
    assert!(shown.contains("✓ i007"), "{shown}");
    // s again reopens it.
    key(&mut app, KeyCode::Char('s'));
    let text = std::fs::read_to_string(root.join(SETTLED_FILE)).unwrap();
    assert!(
        serde_json::from_str::<Settled>(&text)
            .unwrap()
            .settled
            .is_empty()
    );

    // Tab: every disagreement; Esc back to the figures, Esc again to the Summary tab.
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.agreement.pane, Pane::Figures);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.agreement.shown().len(), 33);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.agreement.pane, Pane::Figures);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Tabs);
}
