//! The needs table of the Summary tab: each need's organisations and share, and with a
//! grouping attribute one column per group that scrolls sideways. The need column and the
//! "all" column stay put; group headers carry the whole group name, wrapped, and its n; the
//! selected group column is always on screen, so Enter opens what the user sees.
//!
//! A widget with a narrow interface: the screen passes the summary and the cursor, nothing
//! else, and keeps its key handling to itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::model::Lang;
use crate::report::{Summary, format};
use crate::tui::strings::{S, say};
use crate::tui::theme;

/// A group column: the cell ("11 100 %") right-aligned, the selection mark against it.
const CELL: usize = 10;
/// Header lines for a group's name before its n; longer names end in "…".
const NAME_LINES: usize = 4;
/// Width of the share bar in the table without groups.
const BAR: usize = 14;

pub struct NeedsTable<'a> {
    pub summary: &'a Summary,
    /// The selected need (a row of `summary.codes`).
    pub selected: usize,
    /// 0 for the whole row, `n` for the `n`th group.
    pub column: usize,
    pub lang: Lang,
}

/// The first group column shown and how many fit in `fit` columns, so that group `column`
/// (1-based; 0 means none) is among them: from the start while it fits there, else ending
/// at the selected column.
pub fn window(groups: usize, fit: usize, column: usize) -> (usize, usize) {
    let fit = fit.max(1).min(groups);
    let first = column.saturating_sub(fit).min(groups - fit);
    (first, fit)
}

impl NeedsTable<'_> {
    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        let lines = match &self.summary.groups {
            Some(m) if !m.groups.is_empty() => self.split(area),
            _ => self.plain(area),
        };
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn label(&self, i: usize, width: usize) -> String {
        let row = &self.summary.codes[i];
        fit(&format!("{}{}", "  ".repeat(row.depth), row.label), width)
    }

    /// Rows from `offset` that fit under a header of `header` lines.
    fn rows(&self, area: Rect, header: usize) -> std::ops::Range<usize> {
        let height = (area.height as usize).saturating_sub(header).max(1);
        let offset = (self.selected + 1).saturating_sub(height);
        offset..(offset + height).min(self.summary.codes.len())
    }

    fn row_line(&self, i: usize, text: String) -> Line<'static> {
        let selected = i == self.selected;
        let marker = if selected { "▶" } else { " " };
        let line = Line::from(format!("{marker}{text}"));
        if selected {
            line.style(theme::selected())
        } else {
            line
        }
    }

    /// Need, organisations, a bar and the share.
    fn plain(&self, area: Rect) -> Vec<Line<'static>> {
        let width = 34usize.min(area.width as usize / 3);
        let need = say(self.lang, S::NeedColumn);
        let orgs = say(self.lang, S::OrgsColumn);
        let share = say(self.lang, S::ShareColumn);
        let mut lines = vec![Line::from(Span::styled(
            format!(" {need:<width$} {orgs:>5} {share}"),
            theme::title(),
        ))];
        for i in self.rows(area, 1) {
            let row = &self.summary.codes[i];
            let text = format!(
                "{} {:>5} {} {:>5}",
                pad(&self.label(i, width), width),
                format::count(row.counts.respondents, self.lang),
                bar(row.share, BAR),
                format::percent(row.share, self.lang)
            );
            lines.push(self.row_line(i, text));
        }
        lines
    }

    /// The need and "all" columns frozen, group columns scrolled to keep the selected one.
    fn split(&self, area: Rect) -> Vec<Line<'static>> {
        let m = self
            .summary
            .groups
            .as_ref()
            .expect("split tables have groups");
        let total = area.width as usize;
        let width = 28usize.min(total / 4).max(8);
        // Marker, need, "all", and one column for the "more" arrows on each side.
        let frozen = 1 + width + CELL + 1;
        let fit = total.saturating_sub(frozen + 1) / CELL;
        let (first, shown) = window(m.groups.len(), fit, self.column);
        let visible = &m.groups[first..first + shown];
        let names: Vec<Vec<String>> = visible.iter().map(|g| wrap(&g.label, CELL - 2)).collect();
        let name_lines = names.iter().map(Vec::len).max().unwrap_or(1);
        let all = say(self.lang, S::AllGroups);
        let need = say(self.lang, S::NeedColumn);
        let left = if first > 0 { "◀" } else { " " };
        let hidden_right = m.groups.len() - first - shown;
        let right = if hidden_right > 0 {
            format!("▶ {hidden_right}")
        } else {
            String::new()
        };
        let mut lines = Vec::new();
        for k in 0..=name_lines {
            let last = k == name_lines;
            let mut spans = Vec::new();
            let frozen_text = match (k, last) {
                (0, false) => format!(" {need:<width$}{all:>CELL$}"),
                (_, true) => format!(
                    " {:<width$}{:>CELL$}",
                    "",
                    format!("n={}", format::count(m.respondents, self.lang))
                ),
                _ => " ".repeat(1 + width + CELL),
            };
            let header_style = theme::title();
            spans.push(Span::styled(frozen_text, header_style));
            spans.push(Span::styled(
                if last { left } else { " " }.to_string(),
                theme::dim(),
            ));
            for (j, g) in visible.iter().enumerate() {
                let number = first + j + 1;
                let chosen = number == self.column;
                let text = if last {
                    format!("n={}", format::count(g.respondents, self.lang))
                } else {
                    names[j].get(k).cloned().unwrap_or_default()
                };
                // The mark sits against the name, so it cannot be read as the neighbour's.
                let mark = if chosen && k == 0 { "▾" } else { "" };
                let style = if chosen {
                    theme::selected()
                } else {
                    header_style
                };
                spans.push(Span::styled(
                    format!("{:>CELL$}", format!("{mark}{text}")),
                    style,
                ));
            }
            if last {
                spans.push(Span::styled(format!(" {right}"), theme::dim()));
            }
            lines.push(Line::from(spans));
        }
        let matrix_rows: Vec<Option<&crate::report::MatrixRow>> = self
            .summary
            .codes
            .iter()
            .map(|c| m.rows.iter().find(|r| r.id == c.id))
            .collect();
        for i in self.rows(area, name_lines + 1) {
            let Some(row) = matrix_rows[i] else {
                continue;
            };
            let selected = i == self.selected;
            let cell = |respondents: usize, share: f64| {
                format!(
                    "{} {}",
                    format::count(respondents, self.lang),
                    format::percent(share, self.lang)
                )
            };
            let mut text = format!(
                "{}{:>CELL$} ",
                pad(&self.label(i, width), width),
                cell(row.total.respondents, row.total.share)
            );
            for (j, c) in row.cells[first..first + shown].iter().enumerate() {
                let mark = if selected && self.column == first + j + 1 {
                    "▸"
                } else {
                    ""
                };
                // A programme's project without the code: a dash, not a zero.
                let value = if c.absent {
                    "–".to_string()
                } else {
                    cell(c.respondents, c.share)
                };
                text.push_str(&format!("{:>CELL$}", format!("{mark}{value}")));
            }
            lines.push(self.row_line(i, text));
        }
        lines
    }
}

/// `text` cut to `width` display columns, with "…" when cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// A group's name in lines of at most `width` columns, word by word (a longer word is cut
/// into pieces), at most `NAME_LINES` lines, the last ending in "…" if the name goes on.
fn wrap(name: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in name.split_whitespace() {
        let mut word = word.to_string();
        while word.width() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let piece: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(piece);
        }
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > NAME_LINES {
        lines.truncate(NAME_LINES);
        let last = &mut lines[NAME_LINES - 1];
        *last = fit(&format!("{last}…"), width);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    lines
}

fn bar(share: f64, width: usize) -> String {
    let filled = ((share * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_selected_column_as_little_as_it_must() {
        assert_eq!(window(13, 4, 0), (0, 4));
        assert_eq!(window(13, 4, 4), (0, 4));
        assert_eq!(window(13, 4, 5), (1, 4));
        assert_eq!(window(13, 4, 13), (9, 4));
        assert_eq!(window(3, 8, 2), (0, 3));
        assert_eq!(window(13, 0, 7), (6, 1));
    }

    #[test]
    fn names_wrap_at_words_and_long_words_are_cut() {
        assert_eq!(wrap("science park", 9), ["science", "park"]);
        assert_eq!(
            wrap("industriutvecklingscentrum", 9),
            ["industriu", "tveckling", "scentrum"]
        );
        assert_eq!(
            wrap("kooperativ utveckling i hela länet", 9),
            ["kooperati", "v", "utvecklin", "g i hela…"]
        );
        assert_eq!(wrap("", 9), [""]);
    }
}
