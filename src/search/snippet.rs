//! Snippets: the best short passage of an answer with the matched words marked.
//!
//! The passage and the marks are plain data (byte ranges into the snippet text) so the
//! terminal interface can colour them and the command line can bracket them. A word is
//! marked when one of its terms is one the query searched for: a base form (also one a
//! prefix or a typo expanded to, or one found for a word typed without accents:
//! `radgivning` marks `Rådgivningen`), or a part of a compound (`energi` marks
//! `energikartläggningen`, listed in `compounds` too).

use std::ops::Range;

use super::analyzer::{self, analysis_of};
use super::compile::Highlight;

/// Default snippet length in characters: about two lines of a terminal.
pub const DEFAULT_CHARS: usize = 160;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage, with line breaks and tabs turned into spaces.
    pub text: String,
    /// Marked words as byte ranges into `text`, in order, not overlapping.
    pub highlights: Vec<Range<usize>>,
    /// The marked words that matched as a part of a compound (also in `highlights`).
    pub compounds: Vec<Range<usize>>,
    /// Where the passage starts in the whole answer, in characters.
    pub start: usize,
    /// Whether the answer goes on before and after the passage (show "…").
    pub before: bool,
    pub after: bool,
}

impl Snippet {
    /// The marked words as character ranges into `text`, for consumers outside Rust.
    pub fn char_highlights(&self) -> Vec<Range<usize>> {
        self.char_ranges(&self.highlights)
    }

    /// The compound matches as character ranges into `text`.
    pub fn char_compounds(&self) -> Vec<Range<usize>> {
        self.char_ranges(&self.compounds)
    }

    fn char_ranges(&self, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
        ranges
            .iter()
            .map(|r| {
                let start = self.text[..r.start].chars().count();
                start..start + self.text[r.clone()].chars().count()
            })
            .collect()
    }

    /// The passage with each marked word wrapped in `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(
            self.text.len() + self.highlights.len() * (open.len() + close.len()),
        );
        let mut at = 0;
        for r in &self.highlights {
            out.push_str(&self.text[at..r.start]);
            out.push_str(open);
            out.push_str(&self.text[r.clone()]);
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// Which field's terms were found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Matched {
    /// Exact spelling (after lowercasing and stemming).
    pub text: bool,
    /// Only with accents folded.
    pub folded: bool,
    /// As a part of a compound.
    pub compound: bool,
}

struct Mark {
    bytes: Range<usize>,
    chars: Range<usize>,
    term: usize,
    compound: bool,
}

/// Why a word is marked, and the term it counts as for the passage choice.
fn mark_of(word: &str, highlight: &Highlight, matched: &mut Matched) -> Option<(String, bool)> {
    let analysis = analysis_of(word)?;
    if let Some(lemma) = analysis.lemmas.iter().find(|l| highlight.main.contains(*l)) {
        matched.text = true;
        return Some((lemma.clone(), false));
    }
    if let Some(lemma) = analysis
        .lemmas
        .iter()
        .find(|l| highlight.folded.contains(*l))
    {
        matched.folded = true;
        return Some((lemma.clone(), false));
    }
    let part = analysis
        .parts
        .iter()
        .find(|p| highlight.parts.contains(*p))?;
    matched.compound = true;
    Some((part.clone(), true))
}

/// The best passage of at most `max_chars` characters: the one with the most different
/// search terms, then the most marks, then the earliest.
pub fn snippet(text: &str, highlight: &Highlight, max_chars: usize) -> (Snippet, Matched) {
    let max_chars = max_chars.max(20);
    let mut matched = Matched::default();
    let mut marks: Vec<Mark> = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    let mut words = analyzer::words(text);
    let (mut byte_pos, mut char_pos) = (0, 0);
    while let Some(range) = words.next_word() {
        let start = char_pos + text[byte_pos..range.start].chars().count();
        let end = start + text[range.clone()].chars().count();
        (byte_pos, char_pos) = (range.end, end);
        if let Some((term, compound)) = mark_of(words.word(), highlight, &mut matched) {
            let id = terms.iter().position(|t| *t == term).unwrap_or_else(|| {
                terms.push(term);
                terms.len() - 1
            });
            marks.push(Mark {
                bytes: range,
                chars: start..end,
                term: id,
                compound,
            });
        }
    }
    (passage(text, &marks, max_chars), matched)
}

fn passage(text: &str, marks: &[Mark], max_chars: usize) -> Snippet {
    let (from, to) = best_window(marks, max_chars);
    // Start a little before the first mark so it has context, at a word boundary.
    let first_char = marks.get(from).map_or(0, |m| m.chars.start);
    let last_char = if from < to {
        marks[to - 1].chars.end
    } else {
        0
    };
    let slack = max_chars.saturating_sub(last_char - first_char);
    let start_char = first_char.saturating_sub((slack / 3).min(max_chars / 4));
    let mut start = byte_at(text, start_char);
    if start > 0 {
        // Move forward to the start of the next word unless we already are at one.
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric()) {
            let next = text[start..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(text.len(), |n| start + n);
            let mark_start = marks.get(from).map_or(text.len(), |m| m.bytes.start);
            start = next.min(mark_start);
        }
        start += text[start..].len() - text[start..].trim_start().len();
    }
    let start_char = text[..start].chars().count();
    let mut end = byte_at(text, start_char + max_chars).max(start);
    if end < text.len() {
        // Cut back to the end of the last whole word, but never before the last mark.
        let min_end = if from < to {
            marks[to - 1].bytes.end
        } else {
            start
        };
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            end = (start + space).max(min_end);
        }
    }
    let slice = text[start..end].trim_end();
    let end = start + slice.len();
    let inside: Vec<&Mark> = marks[from..to]
        .iter()
        .filter(|m| m.bytes.start >= start && m.bytes.end <= end)
        .collect();
    let highlights = inside
        .iter()
        .map(|m| m.bytes.start - start..m.bytes.end - start)
        .collect();
    let compounds = inside
        .iter()
        .filter(|m| m.compound)
        .map(|m| m.bytes.start - start..m.bytes.end - start)
        .collect();
    Snippet {
        text: slice.replace(['\n', '\r', '\t'], " "),
        highlights,
        compounds,
        start: start_char,
        before: start > 0,
        after: end < text.trim_end().len(),
    }
}

/// The marks `from..to` that fit one window and cover the most distinct terms, then the
/// most marks; `(0, 0)` without marks.
fn best_window(marks: &[Mark], max_chars: usize) -> (usize, usize) {
    let mut best = (0, 0);
    let mut best_score = (0, 0);
    let mut seen: Vec<usize> = Vec::new();
    for from in 0..marks.len() {
        seen.clear();
        let mut to = from;
        while to < marks.len() && marks[to].chars.end - marks[from].chars.start <= max_chars {
            if !seen.contains(&marks[to].term) {
                seen.push(marks[to].term);
            }
            to += 1;
        }
        let score = (seen.len(), to - from);
        if score > best_score {
            best_score = score;
            best = (from, to.max(from + 1));
        }
    }
    best
}

/// Byte offset of character `n` (or the end).
fn byte_at(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(main: &[&str], folded: &[&str]) -> Highlight {
        Highlight {
            main: main.iter().map(|s| s.to_string()).collect(),
            folded: folded.iter().map(|s| s.to_string()).collect(),
            ..Highlight::default()
        }
    }

    #[test]
    fn compound_matches_are_marked_as_such() {
        let h = Highlight {
            main: ["energi".to_string()].into(),
            parts: ["energi".to_string()].into(),
            ..Highlight::default()
        };
        let (s, m) = snippet("Energi och en energikartläggning.", &h, 160);
        assert_eq!(s.marked("[", "]"), "[Energi] och en [energikartläggning].");
        assert_eq!(s.char_compounds(), vec![14..32]);
        assert!(m.text && m.compound);
    }

    #[test]
    fn marks_inflected_forms_of_the_searched_word() {
        let (s, m) = snippet(
            "Vi behöver färdplaner. Färdplanen saknas.",
            &hl(&["färdplan"], &["fardplan"]),
            160,
        );
        assert_eq!(
            s.marked("[", "]"),
            "Vi behöver [färdplaner]. [Färdplanen] saknas."
        );
        assert!(m.text && !m.folded);
        assert!(!s.before && !s.after);
    }

    #[test]
    fn marks_accent_folded_matches() {
        let (s, m) = snippet(
            "Rådgivningen är bra.",
            &hl(&["radgivning"], &["rådgivning"]),
            160,
        );
        assert_eq!(s.marked("[", "]"), "[Rådgivningen] är bra.");
        assert!(m.folded && !m.text);
        assert_eq!(s.char_highlights(), vec![0..12]);
    }

    #[test]
    fn picks_the_passage_with_the_most_terms() {
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let text = format!("finansiering {filler} finansiering och färdplan {filler}");
        let (s, _) = snippet(&text, &hl(&["finansiering", "färdplan"], &[]), 80);
        assert!(s.before && s.after);
        assert!(s.text.chars().count() <= 80);
        assert_eq!(s.highlights.len(), 2, "{}", s.marked("[", "]"));
        assert_eq!(&s.text[s.highlights[1].clone()], "färdplan");
        let whole: Vec<char> = text.chars().collect();
        let from_start: String = whole[s.start..s.start + 5].iter().collect();
        assert_eq!(from_start, s.text.chars().take(5).collect::<String>());
    }

    #[test]
    fn without_marks_the_answer_starts_the_snippet() {
        let (s, m) = snippet(
            "Ett svar\nmed två rader som är långt nog att kortas av här",
            &hl(&[], &[]),
            20,
        );
        assert_eq!(s.text, "Ett svar med två");
        assert!(s.highlights.is_empty() && s.after && !s.before);
        assert_eq!(m, Matched::default());
    }
}
