//! Representative quotes: for each need, a few coded passages in the respondents' own words.
//!
//! The passages are chosen during the tally (one per respondent, the ones closest to a
//! readable length); here they are cut to whole sentences and attributed.

use std::borrow::Cow;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::grouping::By;
use super::names::Names;
use super::summary::tree_order;
use super::tally::Tally;
use super::words;
use crate::model::{Interview, Lang, Project, Span};

/// Longest quote, in characters. Longer passages are cut to the whole sentences that fit.
pub const QUOTE_CHARS: usize = 280;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub text: String,
    /// The respondent's name or pseudonym (several, comma-separated, for a group interview).
    pub respondent: String,
    /// The respondent's value of the grouping attribute, when there is one.
    pub group: Option<String>,
    pub interview: String,
    /// The question, or `None` for the notes outside the guide.
    pub question: Option<String>,
    pub coder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeQuotes {
    pub id: String,
    pub label: String,
    pub depth: usize,
    /// A parent's quotes are those of its children again; report tables leave them out.
    pub has_children: bool,
    pub quotes: Vec<Quote>,
}

/// Where a summary reads the few interviews it quotes: the project's own when they are in
/// memory, or their files when the summary was counted from the index kept in `.behov/`.
pub trait Quoted {
    /// The interview of the index's row `row`, or `None` when it cannot be had.
    fn interview(&self, row: usize) -> Option<Cow<'_, Interview>>;
}

/// Interviews in memory, in the order of the index's rows (`project.interviews`).
impl Quoted for Vec<Interview> {
    fn interview(&self, row: usize) -> Option<Cow<'_, Interview>> {
        self.get(row).map(Cow::Borrowed)
    }
}

/// Up to `per_code` quotes (at most `tally::QUOTE_POOL`) for each code that has any, in the
/// order of the needs table.
pub fn quotes(
    project: &Project,
    source: &dyn Quoted,
    tally: &Tally,
    names: &Names,
    by: Option<By>,
    per_code: usize,
    lang: Lang,
) -> Vec<CodeQuotes> {
    tree_order(project, tally)
        .into_iter()
        .filter(|&(_, i)| !tally.candidates[i].is_empty() && per_code > 0)
        .map(|(depth, i)| {
            let code = &project.codebook.codes[i];
            let quotes = tally.candidates[i]
                .iter()
                .filter_map(|c| {
                    let interview = source.interview(*tally.included.get(c.interview)?)?;
                    let part = interview.part(c.answer)?;
                    let coding = part.codings.get(c.coding)?;
                    Some(Quote {
                        text: passage(part.text, coding.span),
                        respondent: names.join(tally.respondents_of(c.interview)),
                        group: by.map(|by| {
                            let value = match by {
                                By::Attribute(a) => project.respondents[c.respondent].attribute(a),
                                By::Round => tally
                                    .round_of
                                    .get(c.interview)
                                    .and_then(|&k| project.rounds.get(k))
                                    .map_or("", |r| r.name.as_str()),
                            };
                            if value.is_empty() {
                                words::not_given(lang).to_string()
                            } else {
                                value.to_string()
                            }
                        }),
                        interview: interview.id.clone(),
                        question: part.question.map(str::to_string),
                        coder: coding.coder.clone(),
                    })
                })
                .take(per_code)
                .collect();
            CodeQuotes {
                id: code.id.clone(),
                label: code.label.get(lang).to_string(),
                depth,
                has_children: project.codebook.children(Some(&code.id)).next().is_some(),
                quotes,
            }
        })
        .collect()
}

/// The coded passage of `text` as whole sentences of at most `QUOTE_CHARS` characters: a span
/// that starts or ends mid-sentence grows to the sentences around it, and a long passage keeps
/// only its first sentences. Only a single sentence longer than the limit is cut, at a word,
/// and marked with "…". Whitespace (line breaks too) becomes single spaces.
pub fn passage(text: &str, span: Option<Span>) -> String {
    let (start, end) = match span.and_then(|s| byte_range(text, s)) {
        Some(range) => range,
        None => (0, text.len()),
    };
    let sentences: Vec<String> = text
        .split_sentence_bound_indices()
        .filter(|&(at, s)| at < end.max(start + 1) && at + s.len() > start)
        .map(|(_, s)| squeeze(s))
        .filter(|s| !s.is_empty())
        .collect();
    let mut out = String::new();
    let mut chars = 0;
    for sentence in &sentences {
        let n = sentence.chars().count();
        let sep = usize::from(!out.is_empty());
        if chars + sep + n > QUOTE_CHARS {
            break;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(sentence);
        chars += sep + n;
    }
    if out.is_empty() {
        // The first sentence alone is too long: show the span itself if it fits, else the start.
        let focus = squeeze(&text[start..end]);
        let (from_span, source) = if focus.chars().count() <= QUOTE_CHARS && span.is_some() {
            (true, focus)
        } else {
            (false, sentences.first().cloned().unwrap_or_default())
        };
        out = cut_at_word(&source, QUOTE_CHARS - 2);
        if from_span && !starts_sentence(text, start) {
            out.insert(0, '…');
        }
        if out.chars().count() < source.chars().count() || from_span {
            out.push('…');
        }
    }
    out
}

/// Whether `at` (a byte offset) begins a sentence of `text`, leading spaces aside.
fn starts_sentence(text: &str, at: usize) -> bool {
    text.split_sentence_bound_indices()
        .any(|(i, s)| i <= at && at < i + s.len() && text[i..at].trim().is_empty())
}

fn byte_range(text: &str, span: Span) -> Option<(usize, usize)> {
    let mut offsets = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start = offsets.nth(span.start)?;
    let end = if span.end > span.start {
        offsets.nth(span.end - span.start - 1)?
    } else {
        start
    };
    Some((start, end))
}

/// Trims and collapses every run of whitespace into one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `s`, ending at a word boundary where there is one.
fn cut_at_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    match head.rfind(' ') {
        Some(space) if space > 0 => head[..space].trim_end_matches([',', ';', ':']).to_string(),
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, part: &str) -> Option<Span> {
        let byte = text.find(part).unwrap();
        let start = text[..byte].chars().count();
        Some(Span {
            start,
            end: start + part.chars().count(),
        })
    }

    #[test]
    fn a_span_grows_to_its_sentences() {
        let text =
            "Vi har bra kontakter. Företagen behöver en färdplan, t.ex. för energi. Sedan pengar.";
        assert_eq!(
            passage(text, span(text, "en färdplan")),
            "Företagen behöver en färdplan, t.ex. för energi."
        );
        assert_eq!(
            passage(text, span(text, "kontakter. Företagen")),
            "Vi har bra kontakter. Företagen behöver en färdplan, t.ex. för energi."
        );
    }

    #[test]
    fn whole_answers_keep_the_sentences_that_fit() {
        let sentence = "Det här är en mening om rådgivning till småföretag i länet. ";
        let text = sentence.repeat(10);
        let quote = passage(&text, None);
        assert!(quote.chars().count() <= QUOTE_CHARS);
        assert!(quote.ends_with("länet."), "{quote}");
        // Sentences of n characters joined by spaces: k fit when k·n + (k − 1) ≤ QUOTE_CHARS.
        let n = sentence.trim().chars().count();
        assert_eq!(
            quote.matches("Det här").count(),
            (QUOTE_CHARS + 1) / (n + 1)
        );
    }

    #[test]
    fn an_overlong_sentence_is_cut_at_a_word() {
        let text = format!("{} slut.", "ord ".repeat(100));
        let quote = passage(&text, None);
        assert!(quote.chars().count() <= QUOTE_CHARS);
        assert!(quote.ends_with("ord…"), "{quote}");
        let text = format!(
            "Början {} här är det viktiga {} slut.",
            "ord ".repeat(80),
            "ord ".repeat(80)
        );
        assert_eq!(
            passage(&text, span(&text, "här är det viktiga")),
            "…här är det viktiga…"
        );
    }

    #[test]
    fn line_breaks_and_bad_spans_are_harmless() {
        assert_eq!(passage("Ett.\r\nTvå\ntre.", None), "Ett. Två tre.");
        assert_eq!(passage("Kort.", Some(Span { start: 3, end: 99 })), "Kort.");
        assert_eq!(passage("", None), "");
    }
}
