//! Editing an answer's text without breaking the codings on it.
//!
//! Spans are character offsets, so every edit is expressed in characters too: replace the
//! characters `at..at + removed` with `inserted`. Spans after the edit shift, spans around it
//! grow or shrink, and a span whose whole text was deleted is dropped and returned so the
//! caller can say so.

use super::{Coding, Span};

/// One change to a text, in characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextEdit {
    pub at: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub removed: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inserted: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Applies `edit` to `text` and moves `codings` with it; returns the codings whose passage
/// was deleted entirely. An edit that does not fit the text is clamped to it.
pub fn apply(text: &mut String, codings: &mut Vec<Coding>, edit: &TextEdit) -> Vec<Coding> {
    let chars = text.chars().count();
    let at = edit.at.min(chars);
    let removed = edit.removed.min(chars - at);
    let start = byte_at(text, at);
    let end = byte_at(text, at + removed);
    text.replace_range(start..end, &edit.inserted);
    let inserted = edit.inserted.chars().count();
    let mut dropped = Vec::new();
    codings.retain_mut(|coding| {
        let Some(span) = coding.span.as_mut() else {
            return true;
        };
        match shift(*span, at, removed, inserted) {
            Some(moved) => {
                *span = moved;
                true
            }
            None => {
                dropped.push(coding.clone());
                false
            }
        }
    });
    dropped
}

/// The span after replacing `removed` characters at `at` with `inserted` characters, or
/// `None` if nothing of it is left. Text inserted at a span's boundary stays outside it, as in
/// other QDA tools: a passage never silently absorbs new words.
pub fn shift(span: Span, at: usize, removed: usize, inserted: usize) -> Option<Span> {
    let edit_end = at + removed;
    let start = if span.start < at {
        span.start
    } else if span.start >= edit_end {
        span.start - removed + inserted
    } else {
        at + inserted
    };
    let end = if span.end <= at {
        span.end
    } else if span.end >= edit_end {
        span.end - removed + inserted
    } else {
        at
    };
    (start < end).then_some(Span { start, end })
}

/// Byte index of the `n`th character (or the end).
pub fn byte_at(text: &str, n: usize) -> usize {
    text.char_indices()
        .nth(n)
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

/// Character index of byte `b` (which must be on a character boundary).
pub fn char_at(text: &str, b: usize) -> usize {
    text[..b].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn spans_follow_edits() {
        // Before the span: shifts.
        assert_eq!(shift(span(5, 10), 0, 0, 3), Some(span(8, 13)));
        assert_eq!(shift(span(5, 10), 1, 2, 0), Some(span(3, 8)));
        // Inside: grows or shrinks.
        assert_eq!(shift(span(5, 10), 7, 0, 4), Some(span(5, 14)));
        assert_eq!(shift(span(5, 10), 6, 2, 0), Some(span(5, 8)));
        // At the boundaries: inserted text stays outside.
        assert_eq!(shift(span(5, 10), 5, 0, 2), Some(span(7, 12)));
        assert_eq!(shift(span(5, 10), 10, 0, 2), Some(span(5, 10)));
        // Overlapping a side: the rest remains.
        assert_eq!(shift(span(5, 10), 3, 4, 1), Some(span(4, 7)));
        assert_eq!(shift(span(5, 10), 8, 5, 0), Some(span(5, 8)));
        // Deleted entirely.
        assert_eq!(shift(span(5, 10), 5, 5, 0), None);
        assert_eq!(shift(span(5, 10), 2, 10, 3), None);
    }

    #[test]
    fn apply_edits_text_and_reports_lost_passages() {
        let coding = |s: usize, e: usize| Coding {
            code: "roadmap".into(),
            span: Some(span(s, e)),
            coder: "maria".into(),
            memo: String::new(),
            created: jiff::Timestamp::UNIX_EPOCH,
        };
        let mut text = "Vi behöver en färdplan. Och pengar.".to_string();
        let mut codings = vec![coding(14, 22), coding(24, 35)];
        let dropped = apply(
            &mut text,
            &mut codings,
            &TextEdit {
                at: 23,
                removed: 12,
                inserted: String::new(),
            },
        );
        assert_eq!(text, "Vi behöver en färdplan.");
        assert_eq!(dropped.len(), 1);
        assert_eq!(codings[0].span.unwrap().slice(&text), Some("färdplan"));
        apply(
            &mut text,
            &mut codings,
            &TextEdit {
                at: 3,
                removed: 0,
                inserted: "åäö ".into(),
            },
        );
        assert_eq!(codings[0].span.unwrap().slice(&text), Some("färdplan"));
    }

    #[test]
    fn edits_beyond_the_text_are_clamped() {
        let mut text = "kort".to_string();
        apply(
            &mut text,
            &mut Vec::new(),
            &TextEdit {
                at: 99,
                removed: 5,
                inserted: "!".into(),
            },
        );
        assert_eq!(text, "kort!");
    }
}
