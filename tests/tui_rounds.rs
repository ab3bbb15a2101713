//! Rounds and participants in the interface: rounds set up, a follow-up started from the
//! previous interview, the previous round's answer beside the new one, the summary by round.

use std::path::Path;

use behov::model::{Gender, Lang};
use behov::store::settings::Settings;
use behov::tui::app::{App, Effect, Message, update};
use behov::tui::session::Session;
use behov::tui::{perform, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn demo_app(dir: &Path, lang: Lang) -> App {
    let root = dir.join("demo");
    behov::store::demo::install(&root).unwrap();
    let opened = Session::open(&root, lang == Lang::Sv).unwrap();
    let settings = Settings {
        interviewer: "Maria Lind".into(),
        ..Settings::default()
    };
    let mut app = App::new(lang, settings);
    app.attach(opened.session, opened.notices);
    app
}

fn send(app: &mut App, message: Message) {
    for effect in update(app, message) {
        if effect != Effect::SaveSettings {
            perform(app, effect);
        }
    }
    behov::tui::settle(app);
}

/// Types `keys`; `<Enter>`, `<Esc>`, `<Tab>` and `<Right>` are keys.
fn keys(app: &mut App, keys: &str) {
    let mut rest = keys;
    while !rest.is_empty() {
        let named = [
            ("<Enter>", KeyCode::Enter),
            ("<Esc>", KeyCode::Esc),
            ("<Tab>", KeyCode::Tab),
            ("<Right>", KeyCode::Right),
        ];
        let code = if let Some((name, code)) = named.iter().find(|(n, _)| rest.starts_with(n)) {
            rest = &rest[name.len()..];
            *code
        } else {
            let c = rest.chars().next().unwrap();
            rest = &rest[c.len_utf8()..];
            KeyCode::Char(c)
        };
        send(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    send(app, Message::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    terminal
}

/// The frame as text with today's date (a new interview's) as a fixed one, so the snapshot
/// does not change with the day it is taken.
fn frame(app: &mut App, width: u16, height: u16) -> String {
    let today = jiff::Zoned::now().date().to_string();
    render(app, width, height)
        .backend()
        .to_string()
        .replace(&today, "2027-05-12")
}

fn project(app: &App) -> behov::model::Project {
    app.session.as_ref().unwrap().whole()
}

/// Rounds set up in the project screen: a baseline with a period and a follow-up.
fn with_rounds(app: &mut App) {
    keys(app, "p<Tab><Tab>");
    keys(
        app,
        "aNulägesmätning 2026<Tab>2026-02-01<Tab>2026-04-30<Enter>",
    );
    keys(
        app,
        "aUppföljning 2027<Tab>2027-05-01<Tab>2027-01-01<Enter>",
    );
}

#[test]
fn rounds_are_set_up_and_checked_in_the_project_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    with_rounds(&mut app);
    // The follow-up's end before its start is refused, with the form still open.
    insta::assert_snapshot!("round_refused_100x30", render(&mut app, 100, 30).backend());
    keys(&mut app, "<Esc>aUppföljning 2027<Enter>");
    let whole = project(&app);
    let rounds: Vec<(&str, &str)> = whole
        .rounds
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(
        rounds,
        [("r1", "Nulägesmätning 2026"), ("r2", "Uppföljning 2027")]
    );
    insta::assert_snapshot!("setup_rounds_100x30", render(&mut app, 100, 30).backend());
    // Saved to project.json.
    let root = app.session.as_ref().unwrap().store.root().to_path_buf();
    let saved = behov::store::Store::open_read_only(&root).unwrap().project;
    assert_eq!(saved.rounds, project(&app).rounds);
}

#[test]
fn a_follow_up_starts_from_the_previous_interview_and_shows_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    with_rounds(&mut app);
    keys(&mut app, "<Esc>aUppföljning 2027<Enter><Esc>");
    // The interview with Västerås stad: filter to it, then f.
    keys(&mut app, "/Västerås stad<Enter>f");
    insta::assert_snapshot!("follow_up_form_100x30", frame(&mut app, 100, 30));
    // Round preset to the follow-up; participants: a contact person typed in lower case, a
    // new person with role and gender.
    keys(
        &mut app,
        "<Tab><Tab><Tab><Tab><Tab>anna bergström; Per Ny (vd, man)<Enter>",
    );
    let project = project(&app);
    let new = project.interviews.last().unwrap();
    assert_eq!(new.round.as_deref(), Some("r2"));
    let people: Vec<(&str, &str, Option<Gender>)> = new
        .participants
        .iter()
        .map(|p| (p.name.as_str(), p.role.as_str(), p.gender))
        .collect();
    assert_eq!(
        people,
        [
            ("Anna Bergström", "", None),
            ("Per Ny", "vd", Some(Gender::Man))
        ]
    );
    let previous = project.previous_interview(new).unwrap();
    assert_eq!(previous.respondents, new.respondents);
    // Question 5, a maturity scale: the previous round's value and words beside it.
    keys(&mut app, "<Esc>jjjj4");
    insta::assert_snapshot!("follow_up_capture_120x36", frame(&mut app, 120, 36));
}

#[test]
fn the_summary_tab_splits_by_round() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    with_rounds(&mut app);
    keys(&mut app, "<Esc>aUppföljning 2027<Enter><Esc>");
    keys(&mut app, "/Västerås stad<Enter>f<Enter>");
    keys(&mut app, "<Esc>jjjj4<Esc>");
    // Summary: split (g) through the three attributes to the rounds, drafts counted (s),
    // scale questions (Tab twice).
    keys(&mut app, "4ggggs<Tab><Tab>");
    insta::assert_snapshot!(
        "summary_scales_by_round_100x30",
        render(&mut app, 100, 30).backend()
    );
}
