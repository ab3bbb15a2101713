//! Draws the whole frame from the state: tabs, the current screen, status, footer, overlays.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Confirm, MIN_HEIGHT, MIN_WIDTH, Overlay, Screen, Status, Tab};
use super::form::{FieldKind, Form};
use super::keymap::{self, Context};
use super::opening::Opening;
use super::screens::{
    capture, code_picker, codebook, conflict, interviews, respondents, retrieval, search, setup,
    summary, welcome,
};
use super::strings::S;
use super::theme;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(app, frame, area);
        return;
    }
    let [tabs, body, status, footer] =
        frame_areas(app.status.as_ref(), app.session.is_some(), area);
    if app.session.is_some() {
        draw_tabs(app, frame, tabs);
    }
    if let Some(opening) = &app.opening {
        draw_opening(opening, &app.view(), frame, body);
    } else {
        draw_screen(app, frame, body);
    }
    if let Some(s) = &app.status {
        let style = if s.error {
            theme::error()
        } else {
            theme::info()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(s.text.clone(), style)).wrap(Wrap { trim: true }),
            status,
        );
    }
    draw_footer(app, frame, footer);
    match &app.overlay {
        Some(Overlay::Confirm {
            what,
            question,
            yes,
        }) => draw_confirm(app, what, question, *yes, frame, area),
        Some(Overlay::Form { form, .. }) => draw_form(app, form, frame, area),
        Some(Overlay::Picker(picker)) => {
            respondents::draw_picker(picker, &app.view(), frame, centered(area, 70, 20))
        }
        Some(Overlay::CodePicker(picker)) => {
            let height = area.height.saturating_sub(4).max(12);
            code_picker::draw(
                picker,
                &app.recent_codes,
                &app.view(),
                frame,
                centered(area, 100, height),
            )
        }
        Some(Overlay::Drill(list)) => {
            let height = area.height.saturating_sub(4).max(10);
            summary::draw_drill(&app.view(), list, frame, centered(area, 110, height))
        }
        Some(Overlay::Codings { selected }) => {
            if let Some(capture) = &app.capture {
                let area = centered(area, 90, 16);
                capture::draw_codings(capture, &app.view(), *selected, frame, area)
            }
        }
        None => {}
    }
    if let Some(review) = &app.review {
        super::screens::review::view(review, app.lang, frame, area);
    }
    if conflict::is_open(app.session.as_ref()) {
        conflict::draw(
            app.conflict_button,
            app.conflict_scroll,
            &app.view(),
            frame,
            area,
        );
    }
    if app.help {
        draw_help(app, frame, area);
    }
}

/// The frame's rows: tabs (with a project open), the screen's body, the status line (two
/// when the status is longer than one) and the footer.
fn draw_screen(app: &App, frame: &mut Frame, body: Rect) {
    match app.screen {
        Screen::Welcome => welcome::draw(&app.welcome, &app.view(), frame, body),
        Screen::Tabs => match app.tab {
            Tab::Interviews => interviews::draw(&app.interviews, &app.view(), frame, body),
            Tab::Codebook => codebook::draw(&app.codebook, &app.view(), frame, body),
            Tab::Search => search::draw(&app.search, &app.view(), frame, body),
            Tab::Summary => summary::draw(&app.summary, &app.view(), frame, body),
        },
        Screen::Retrieval => retrieval::draw(&app.retrieval, &app.view(), frame, body),
        Screen::Capture => {
            if let Some(capture) = &app.capture {
                capture::draw(capture, &app.view(), frame, body)
            }
        }
        Screen::Respondents => respondents::draw(&app.respondents, &app.view(), frame, body),
        Screen::Setup => setup::draw(&app.setup, &app.view(), frame, body),
        Screen::Privacy => super::screens::privacy::draw(&app.privacy, &app.view(), frame, body),
        Screen::Agreement => {
            super::screens::agreement::draw(&app.agreement, &app.view(), frame, body)
        }
    }
}

/// The first frame of a project being read: its Interviews list from the kept summary
/// index, or its title and how many interviews are being read.
fn draw_opening(opening: &Opening, app: &super::state::View, frame: &mut Frame, body: Rect) {
    match &opening.preview {
        Some(preview) => {
            let head = interviews::Head {
                title: &opening.outline.title,
                total: preview.list.rows.len(),
                complete: preview.complete,
            };
            interviews::draw_list(&preview.list, &head, app, frame, body);
        }
        None => {
            let lines = vec![
                Line::from(Span::styled(opening.outline.title.clone(), theme::title())),
                Line::from(""),
                Line::from(Span::styled(
                    app.count(opening.files, S::InterviewOne, S::InterviewMany),
                    theme::dim(),
                )),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
        }
    }
}

fn frame_areas(status: Option<&Status>, project: bool, area: Rect) -> [Rect; 4] {
    // A status longer than the line gets a second line, so its end is never cut off.
    let status_lines = match status {
        Some(s) if s.text.width() > usize::from(area.width) => 2,
        _ => 1,
    };
    let [tabs, body, status, footer] = Layout::vertical([
        Constraint::Length(if project { 1 } else { 0 }),
        Constraint::Min(1),
        Constraint::Length(status_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    // A blank line under the tabs.
    let body = Rect {
        y: body.y + u16::from(project),
        height: body.height.saturating_sub(u16::from(project)),
        ..body
    };
    [tabs, body, status, footer]
}

/// Where a screen is drawn in a frame of `area`.
pub fn body_area(status: Option<&Status>, project: bool, area: Rect) -> Rect {
    frame_areas(status, project, area)[1]
}

fn draw_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let text = app.fill(
        S::TooSmall,
        &[
            ("width", &area.width),
            ("height", &area.height),
            ("min_width", &MIN_WIDTH),
            ("min_height", &MIN_HEIGHT),
        ],
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let names = [
        app.t(S::TabInterviews),
        app.t(S::TabCodebook),
        app.t(S::TabSearch),
        app.t(S::TabSummary),
    ];
    let active = match app.screen {
        Screen::Tabs => Some(app.tab.number()),
        Screen::Capture | Screen::Respondents | Screen::Setup | Screen::Privacy => Some(0),
        Screen::Retrieval => Some(1),
        Screen::Agreement => Some(3),
        Screen::Welcome => None,
    };
    let mut spans = Vec::new();
    let programme = app.session.as_ref().and_then(|s| s.programme.as_ref());
    for (i, name) in names.iter().enumerate() {
        if programme.is_some() && !super::programme::TABS.contains(&Tab::ALL[i]) {
            continue;
        }
        let text = format!(" {} {name} ", i + 1);
        spans.push(if Some(i) == active {
            Span::styled(text, theme::selected())
        } else {
            Span::raw(text)
        });
        spans.push(Span::raw(" "));
    }
    if let Some(session) = &app.session {
        let place = match app.screen {
            Screen::Capture => app.t(S::PlaceInterview),
            Screen::Respondents => app.t(S::PlaceRespondents),
            Screen::Setup => app.t(S::PlaceProject),
            Screen::Retrieval => app.t(S::PlaceCodedPassages),
            Screen::Privacy => app.t(S::PlacePrivacy),
            Screen::Agreement => app.t(S::PlaceAgreement),
            _ => "",
        };
        spans.push(Span::styled(place, theme::dim()));
        if let Some(p) = programme {
            let badge = app.fill(S::ProgrammeBadge, &[("projects", &p.projects.len())]);
            spans.push(Span::styled(badge, theme::title()));
        } else if session.read_only() {
            spans.push(Span::styled(app.t(S::ReadOnlyBadge), theme::error()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Footer hints from the live keymap, as many as fit.
fn draw_footer(app: &App, frame: &mut Frame, area: Rect) {
    // While a project is read no key does anything yet: the status line says so.
    if app.opening.is_some() {
        return;
    }
    let hints = keymap::footer(app.context(), app.lang);
    frame.render_widget(Paragraph::new(super::footer::line(hints, area.width)), area);
}

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

fn draw_help(app: &App, frame: &mut Frame, area: Rect) {
    let context = app.context_under_help();
    let lines_for = |c: Context| keymap::help_lines(c, app.lang);
    let mut lines: Vec<Line> = Vec::new();
    let mut section = |title: &str, entries: Vec<(&str, &str)>| {
        lines.push(Line::from(Span::styled(title.to_string(), theme::title())));
        for (key, text) in entries {
            lines.push(Line::from(vec![
                Span::styled(format!("  {key:<12} "), theme::key()),
                Span::raw(text.to_string()),
            ]));
        }
        lines.push(Line::from(""));
    };
    section(app.t(S::HelpThisScreen), lines_for(context));
    let typing = keymap::typing_help(context, app.lang);
    if !typing.is_empty() {
        section(app.t(S::HelpInTheText), typing);
    }
    lines.push(Line::from(Span::styled(
        app.t(S::HelpEverythingIsKept),
        theme::dim(),
    )));
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, 72, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::new()
                .borders(Borders::ALL)
                .title(app.t(S::HelpTitle))
                .title_bottom(keymap::hint_text(Context::Help, app.lang)),
        ),
        rect,
    );
}

/// The question and two buttons, Cancel and the action, the chosen one in reverse video.
fn draw_confirm(
    app: &App,
    what: &Confirm,
    question: &str,
    yes: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let rect = centered(area, 64, 8);
    frame.render_widget(Clear, rect);
    let action = match what {
        Confirm::DeleteInterview(_) | Confirm::DeleteRespondent(_) => app.t(S::ButtonDelete),
        Confirm::RemoveQuestion(_) | Confirm::RemoveAttribute(_) => app.t(S::ButtonRemove),
        Confirm::MergeCodes(..) => app.t(S::ButtonMerge),
        Confirm::DeleteCode(_) => app.t(S::ButtonDeleteCode),
        Confirm::MarkComplete(_) => app.t(S::ButtonMarkComplete),
        Confirm::QuitUnsaved => app.t(S::ButtonQuitAnyway),
        Confirm::EraseRespondent(_) | Confirm::ErasePerson(_) => app.t(S::ButtonErase),
    };
    let button = |label: &str, chosen: bool| {
        let text = format!("{}[ {label} ]{}", if chosen { "▶" } else { " " }, " ");
        if chosen {
            Span::styled(text, theme::selected())
        } else {
            Span::raw(text)
        }
    };
    let lines = vec![
        Line::from(question.to_string()),
        Line::from(""),
        Line::from(vec![
            button(app.t(S::ButtonCancel), !yes),
            Span::raw("  "),
            button(action, yes),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::new()
                .borders(Borders::ALL)
                .title(app.t(S::ConfirmTitle))
                .title_bottom(keymap::hint_text(Context::Confirm, app.lang)),
        ),
        rect,
    );
}

fn draw_form(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let height = form.fields.len() as u16 + 4 + u16::from(form.error.is_some());
    let rect = centered(area, 76, height);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {} ", form.title))
        .title_bottom(keymap::hint_text(Context::Form, app.lang));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0)
        .min(22);
    let mut lines = Vec::new();
    let mut cursor = None;
    // A long form (a respondent with several contact people) scrolls with the focus.
    let room = (inner.height as usize)
        .saturating_sub(if form.error.is_some() { 2 } else { 0 })
        .max(1);
    let offset = (form.focus + 1).saturating_sub(room);
    for (i, field) in form.fields.iter().enumerate().skip(offset).take(room) {
        let focused = i == form.focus;
        let label = format!(
            "{}{:<label_width$} ",
            if focused { "▶" } else { " " },
            field.label
        );
        let value = match &field.kind {
            FieldKind::Choice(_) => format!("‹ {} ›", field.value),
            FieldKind::Text => field.value.clone(),
        };
        if focused && field.kind == FieldKind::Text {
            let col = label.width() + field.value[..field.cursor.min(field.value.len())].width();
            cursor = Some((
                inner.x + (col as u16).min(inner.width.saturating_sub(1)),
                inner.y + (i - offset) as u16,
            ));
        }
        lines.push(Line::from(vec![
            Span::styled(
                label,
                if focused {
                    theme::title()
                } else {
                    theme::dim()
                },
            ),
            Span::styled(
                value,
                if focused {
                    theme::selected()
                } else {
                    Default::default()
                },
            ),
            Span::styled(
                if field.hint.is_empty() {
                    String::new()
                } else {
                    format!("  {}", field.hint)
                },
                theme::dim(),
            ),
        ]));
    }
    if let Some(error) = &form.error {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(error.clone(), theme::error())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = cursor {
        frame.set_cursor_position((x, y));
    }
}
