//! Two versions of one answer: the text typed here and the one in the file, written by
//! someone else meanwhile. Shown whenever the session holds a conflict, before anything
//! else, until the user has chosen for each; "keep both" is selected first, since it loses
//! nothing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::model::{Keep, TextConflict};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::session::Session;
use crate::tui::state::{Effect, Outcome, View};
use crate::tui::strings::S;
use crate::tui::theme;

/// The choices in the order of their buttons.
pub const CHOICES: [Keep; 3] = [Keep::Both, Keep::Mine, Keep::Theirs];

fn label(app: &View, keep: Keep) -> &'static str {
    match keep {
        Keep::Both => app.t(S::KeepBoth),
        Keep::Mine => app.t(S::KeepMine),
        Keep::Theirs => app.t(S::KeepFiles),
    }
}

/// Whether the conflict screen is up (it takes every key while it is).
pub fn is_open(session: Option<&Session>) -> bool {
    session.is_some_and(|s| !s.conflicts.is_empty())
}

/// An action of the conflict screen's table; `button` is the chosen button and `scroll` how
/// far the two texts are scrolled.
pub fn on_action(button: &mut usize, scroll: &mut u16, action: Action) -> Outcome {
    match action {
        Action::Left => *button = (*button + CHOICES.len() - 1) % CHOICES.len(),
        Action::Right => *button = (*button + 1) % CHOICES.len(),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::Choose(n) if n < CHOICES.len() => {
            *button = 0;
            *scroll = 0;
            return Outcome::effects(vec![Effect::Resolve(CHOICES[n])]);
        }
        Action::Confirm => {
            let keep = CHOICES[*button];
            *button = 0;
            *scroll = 0;
            return Outcome::effects(vec![Effect::Resolve(keep)]);
        }
        _ => {}
    }
    Outcome::default()
}

pub fn draw(button: usize, scroll: u16, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = &app.session else { return };
    let Some(conflict) = session.conflicts.first() else {
        return;
    };
    let width = area.width.saturating_sub(4).min(140);
    let height = area.height.saturating_sub(2);
    let area = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 1,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let title = app.fill(
        S::ConflictTitle,
        &[("n", &1), ("total", &session.conflicts.len())],
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme::error()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [about, texts, buttons] = Layout::vertical([
        Constraint::Length(if inner.width < 100 { 5 } else { 3 }),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(about_lines(app, conflict)).wrap(Wrap { trim: true }),
        about,
    );
    let [mine, theirs] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(texts);
    for (area, heading, text) in [
        (mine, app.t(S::YourVersionTitle), &conflict.mine),
        (theirs, app.t(S::FilesVersionTitle), &conflict.theirs),
    ] {
        frame.render_widget(
            Paragraph::new(text.as_str())
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0))
                .block(Block::default().borders(Borders::ALL).title(heading)),
            area,
        );
    }
    let mut spans = Vec::new();
    for (i, keep) in CHOICES.iter().enumerate() {
        let text = format!(" {} {} ", i + 1, label(app, *keep));
        spans.push(if i == button {
            Span::styled(format!("[{text}]"), theme::selected())
        } else {
            Span::raw(format!("[{text}]"))
        });
        spans.push(Span::raw("  "));
    }
    let hint = keymap::hint_text(Context::Conflict, app.lang);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(spans),
            Line::from(Span::styled(hint, theme::dim())),
        ]),
        buttons,
    );
}

fn about_lines(app: &View, conflict: &TextConflict) -> Vec<Line<'static>> {
    let Some(session) = &app.session else {
        return Vec::new();
    };
    let name = session.interview_name(&conflict.interview);
    let place = match &conflict.question {
        Some(q) => {
            let questions = &session.project.guide.questions;
            match questions.iter().position(|x| &x.id == q) {
                Some(i) => format!(
                    "{} {}: {}",
                    app.t(S::QuestionLower),
                    i + 1,
                    questions[i].text.get(app.lang)
                ),
                None => q.clone(),
            }
        }
        None => app.t(S::NotesLower).to_string(),
    };
    let explain = app.t(S::FileWasChangedOutsideBehov);
    vec![
        Line::from(Span::styled(format!("{name} · {place}"), theme::title())),
        Line::from(explain),
    ]
}
