//! The footer line of hints: whole hints, as many as fit the width, in the keymap's order (so
//! the first ones, help among them, are the ones kept on a narrow terminal).

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme;

pub fn line(hints: Vec<(&'static str, &'static str)>, width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, text) in hints {
        let needed = key.width() + text.width() + 3;
        if used + needed > usize::from(width) {
            break;
        }
        used += needed;
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::raw(format!(" {text}  ")));
    }
    Line::from(spans)
}
