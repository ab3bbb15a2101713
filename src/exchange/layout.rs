//! An interview laid out as one plain-text document, the way other QDA software shows it.
//!
//! NVivo, MAXQDA and ATLAS.ti code documents, not answers, so each interview becomes one text:
//!
//! ```text
//! Västerås stad, näringslivsenheten – 2026-02-03
//!
//! 1. Berätta om er verksamhet …
//! Vi är sju personer …
//!
//! 5. Hur mogna är företagen …?
//! Värde: 3 (Några har börjat)
//! Det varierar …
//!
//! Utanför guiden
//! Uppföljning i maj.
//! ```
//!
//! The first line names the respondents and the date; then every answered question is a
//! heading line (its number in the guide and its text), a line with the scale value or the
//! choices where the question has them, and the answer; the part outside the guide comes
//! last under its own heading. Parts are separated by an empty line and lines end in LF.
//! [`Layout::parts`] records where each part's text lies, in Unicode code points, so codings
//! can be placed on the document and read back from it.

use std::collections::HashMap;

use crate::model::{Interview, Lang, Project, QuestionKind, Respondent};

/// Where one codable part of the interview lies in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartRange {
    /// The index of the part, as in [`Interview::part`].
    pub part: usize,
    /// The heading line, without its line break.
    pub heading: (usize, usize),
    /// The part's text (the answer, or the notes outside the guide), end exclusive.
    pub text: (usize, usize),
}

impl PartRange {
    /// What a coding of the whole part covers: its text, or the heading when the text is
    /// empty (a coded scale answer without words), so the selection is never empty.
    pub fn whole(&self) -> (usize, usize) {
        if self.text.0 == self.text.1 {
            self.heading
        } else {
            self.text
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub text: String,
    pub parts: Vec<PartRange>,
}

impl Layout {
    pub fn range(&self, part: usize) -> Option<&PartRange> {
        self.parts.iter().find(|r| r.part == part)
    }
}

/// The words of the layout in each language.
pub struct Words {
    pub value: &'static str,
    pub choice: &'static str,
    pub outside: &'static str,
}

pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::Sv => Words {
            value: "Värde",
            choice: "Val",
            outside: "Utanför guiden",
        },
        Lang::En => Words {
            value: "Value",
            choice: "Choice",
            outside: "Outside the guide",
        },
    }
}

/// Text built up while counting code points, so positions never need a second pass.
struct Doc {
    text: String,
    chars: usize,
}

impl Doc {
    fn push(&mut self, s: &str) -> (usize, usize) {
        let start = self.chars;
        self.text.push_str(s);
        self.chars += s.chars().count();
        (start, self.chars)
    }
}

/// The heading line of a question: its number in the guide and its text.
pub fn heading(project: &Project, question: &str, lang: Lang) -> String {
    match project.guide.position(question) {
        Some(i) => format!(
            "{}. {}",
            i + 1,
            one_line(project.guide.questions[i].text.get(lang))
        ),
        None => question.to_string(),
    }
}

/// The respondents' names and the date, the document's first line. `respondents` by id
/// (`Project::respondents_by_id`, made once: an export of 40,000 interviews would otherwise
/// scan 20,000 respondents per interview).
pub fn title_line(respondents: &HashMap<&str, &Respondent>, interview: &Interview) -> String {
    let names: Vec<&str> = interview
        .respondents
        .iter()
        .map(|id| {
            respondents
                .get(id.as_str())
                .map_or(id.as_str(), |r| r.name.as_str())
        })
        .collect();
    one_line(&format!("{} – {}", names.join(", "), interview.date))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value or choices of an answer as a line, if the answer has one.
fn value_line(project: &Project, interview: &Interview, part: usize, lang: Lang) -> Option<String> {
    let answer = interview.answers.get(part)?;
    let w = words(lang);
    let kind = project.guide.question(&answer.question).map(|q| &q.kind);
    if let Some(value) = answer.scale {
        let label = match kind {
            Some(QuestionKind::Scale { labels, .. }) => labels
                .iter()
                .find(|l| l.value == value)
                .map(|l| format!(" ({})", one_line(l.label.get(lang)))),
            _ => None,
        };
        return Some(format!("{}: {value}{}", w.value, label.unwrap_or_default()));
    }
    if !answer.choices.is_empty() {
        let options = kind.map(|k| k.options()).unwrap_or(&[]);
        let labels: Vec<String> = answer
            .choices
            .iter()
            .map(|c| {
                options
                    .iter()
                    .find(|o| &o.id == c)
                    .map_or_else(|| c.clone(), |o| one_line(o.label.get(lang)))
            })
            .collect();
        return Some(format!("{}: {}", w.choice, labels.join("; ")));
    }
    None
}

/// Lays `interview` out as a document. Parts with nothing in them (no text, value, choice or
/// coding) are left out.
pub fn lay_out(
    project: &Project,
    respondents: &HashMap<&str, &Respondent>,
    interview: &Interview,
    lang: Lang,
) -> Layout {
    let mut doc = Doc {
        text: String::new(),
        chars: 0,
    };
    let mut parts = Vec::new();
    doc.push(&title_line(respondents, interview));
    doc.push("\n");
    for (index, part) in interview.parts().enumerate() {
        let empty_answer = interview.answers.get(index).is_some_and(|a| a.is_empty());
        let empty_notes = part.question.is_none() && part.text.is_empty();
        if part.codings.is_empty() && (empty_answer || empty_notes) {
            continue;
        }
        doc.push("\n");
        let title = match part.question {
            Some(q) => heading(project, q, lang),
            None => words(lang).outside.to_string(),
        };
        let heading = doc.push(&title);
        doc.push("\n");
        if let Some(line) = value_line(project, interview, index, lang) {
            doc.push(&line);
            doc.push("\n");
        }
        let text = doc.push(part.text);
        if !part.text.is_empty() && !part.text.ends_with('\n') {
            doc.push("\n");
        }
        parts.push(PartRange {
            part: index,
            heading,
            text,
        });
    }
    Layout {
        text: doc.text,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn demo() -> Project {
        super::super::tests_support::demo()
    }

    #[test]
    fn every_part_lies_where_the_layout_says() {
        let project = demo();
        for interview in &project.interviews {
            let layout = lay_out(&project, &project.respondents_by_id(), interview, Lang::Sv);
            assert!(!layout.text.contains('\r'));
            for range in &layout.parts {
                let part = interview.part(range.part).unwrap();
                let span = Span {
                    start: range.text.0,
                    end: range.text.1,
                };
                assert_eq!(span.slice(&layout.text), Some(part.text));
                let head = Span {
                    start: range.heading.0,
                    end: range.heading.1,
                };
                let head = head.slice(&layout.text).unwrap();
                assert!(!head.is_empty() && !head.contains('\n'));
            }
        }
    }

    #[test]
    fn the_document_reads_as_the_readme_shows() {
        let project = demo();
        let interview = &project.interviews[0];
        let layout = lay_out(&project, &project.respondents_by_id(), interview, Lang::Sv);
        let first = layout.text.lines().next().unwrap();
        assert!(first.ends_with(&format!("– {}", interview.date)), "{first}");
        assert!(layout.text.contains("\n\n1. "), "{}", layout.text);
        let en = lay_out(&project, &project.respondents_by_id(), interview, Lang::En);
        assert_eq!(en.parts.len(), layout.parts.len());
    }
}
