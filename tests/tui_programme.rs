//! A programme in the interface: the demo programme opened read-only, its Search and Summary
//! tabs across the three regions, driven through `update` with keys, and its frames.

mod common;

use std::path::Path;

use behov::model::Lang;
use behov::store::programme;
use behov::store::settings::Settings;
use behov::tui::app::{App, Screen, Tab};
use behov::tui::view;
use common::{key, send, typing};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn programme_app(dir: &Path, lang: Lang) -> App {
    behov::store::demo::install_programme(dir).unwrap();
    let listing = programme::read(&dir.join(programme::FILE)).unwrap();
    let mut app = App::new(lang, Settings::default());
    behov::tui::programme::open(&mut app, dir, &listing).unwrap();
    app
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    send(app, behov::tui::app::Message::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    terminal
}

/// Waits for the search worker to index the programme (it runs beside the interface).
fn wait_for_search(app: &mut App) {
    behov::tui::await_search(app);
    assert!(app.search.ready, "{:?}", app.search.failure);
}

#[test]
fn a_programme_opens_read_only_on_the_summary_by_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = programme_app(dir.path(), Lang::Sv);
    assert_eq!((app.screen, app.tab), (Screen::Tabs, Tab::Summary));
    assert_eq!(app.summary.by.as_deref(), Some("project"));
    let session = app.session.as_ref().unwrap();
    assert!(session.read_only());
    assert_eq!(session.programme.as_ref().unwrap().projects.len(), 3);
    insta::assert_snapshot!(
        "programme_summary_120x36",
        render(&mut app, 120, 36).backend()
    );
    let mut app = programme_app(tempfile::tempdir().unwrap().path(), Lang::En);
    insta::assert_snapshot!(
        "programme_summary_80x24_en",
        render(&mut app, 80, 24).backend()
    );
}

#[test]
fn only_search_and_summary_tabs_and_no_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = programme_app(dir.path(), Lang::En);
    for k in ['1', '2'] {
        key(&mut app, KeyCode::Char(k));
        assert_eq!(app.tab, Tab::Summary, "key {k}");
        let status = app.status.as_ref().unwrap();
        assert!(
            status.error && status.text.contains("Search (3)"),
            "{status:?}"
        );
    }
    key(&mut app, KeyCode::Char('x'));
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("behov programme"),
        "{:?}",
        app.status
    );
    assert!(app.overlay.is_none(), "no export form");
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.tab, Tab::Search);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('4'));
    assert_eq!(app.tab, Tab::Summary);
}

#[test]
fn tab_reaches_the_programme_section_with_the_differences() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = programme_app(dir.path(), Lang::Sv);
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    let frame = format!("{:?}", render(&mut app, 120, 36).backend());
    assert!(frame.contains("Skillnader mellan projekten"), "{frame}");
    insta::assert_snapshot!(
        "programme_section_120x36",
        render(&mut app, 120, 36).backend()
    );
    key(&mut app, KeyCode::Tab);
    let frame = format!("{:?}", render(&mut app, 120, 36).backend());
    assert!(
        !frame.contains("Skillnader mellan projekten"),
        "back to needs"
    );
}

#[test]
fn one_search_covers_every_project_and_each_hit_names_its_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = programme_app(dir.path(), Lang::Sv);
    wait_for_search(&mut app);
    key(&mut app, KeyCode::Char('3'));
    typing(&mut app, "besöksnäring");
    let results = app.search.results.clone().expect("results");
    let info = app.session.as_ref().unwrap().programme.clone().unwrap();
    let projects: std::collections::BTreeSet<&str> = results
        .hits
        .iter()
        .map(|h| {
            info.project_of(&h.interview)
                .expect("every hit has a project")
        })
        .collect();
    assert_eq!(
        projects.into_iter().collect::<Vec<_>>(),
        ["Region Gävleborg", "Region Västmanland"]
    );
    insta::assert_snapshot!(
        "programme_search_120x36",
        render(&mut app, 120, 36).backend()
    );
    // Enter opens the answer read-only, and Esc comes back to the hits.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Capture);
    key(&mut app, KeyCode::Esc);
    assert_eq!((app.screen, app.tab), (Screen::Tabs, Tab::Search));
}

#[test]
fn no_color_keeps_the_programme_selection_visible() {
    use ratatui::style::{Color, Modifier};
    let dir = tempfile::tempdir().unwrap();
    let mut app = programme_app(dir.path(), Lang::En);
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    let mut terminal = render(&mut app, 80, 24);
    terminal
        .draw(|frame| {
            view::draw(&app, frame);
            behov::tui::strip_colours(frame.buffer_mut());
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let row = (0..24)
        .find(|y| buffer[(0, *y)].symbol() == "▶")
        .expect("a selection marker");
    assert!(buffer[(4, row)].modifier.contains(Modifier::REVERSED));
}
