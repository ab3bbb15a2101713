//! The Summary tab's programme section: the projects, and every way their codebooks, guides
//! and attributes differ, as sentences (Up and Down move through them).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::report::Summary;
use crate::tui::state::View;
use crate::tui::strings::S;
use crate::tui::theme;

pub fn draw(selected: usize, ui: &View, summary: &Summary, frame: &mut Frame, area: Rect) {
    let Some(p) = &summary.programme else { return };
    let mut lines = vec![Line::from(Span::styled(
        ui.t(S::ProgrammeProjects),
        theme::title(),
    ))];
    for m in &p.projects {
        let own = if m.own_codes.is_empty() {
            String::new()
        } else {
            format!("{}{}", ui.t(S::ProgrammeOwnCodes), m.own_codes.join(", "))
        };
        lines.push(Line::from(format!(
            "  {}",
            ui.fill(
                S::ProgrammeProjectLine,
                &[
                    ("name", &m.name),
                    ("organisations", &m.respondents),
                    ("interviews", &m.interviews),
                    ("own", &own),
                ],
            )
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        ui.t(S::ProgrammeDifferences),
        theme::title(),
    )));
    if p.differences.is_empty() {
        lines.push(Line::from(format!("  {}", ui.t(S::ProgrammeNoDifferences))));
    }
    // Sentences wrap to several lines: the selected one is the first shown, so it is in view.
    let first = selected;
    for (i, d) in p.differences.iter().enumerate().skip(first) {
        let text = d.sentence(ui.lang);
        lines.push(if i == selected {
            Line::from(Span::styled(format!("▶ {text}"), theme::selected()))
        } else {
            Line::from(format!("  {text}"))
        });
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
