//! Interviews, their answers, and the codings applied to answers.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    /// Stable id, also the file name (`interviews/<id>.json`).
    pub id: String,
    /// One or more respondent ids: a session may have several organisations at the table.
    pub respondents: Vec<String>,
    pub interviewer: String,
    pub date: Date,
    pub mode: Mode,
    pub consent: Consent,
    pub status: Status,
    #[serde(default)]
    pub answers: Vec<Answer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Interview {
    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.question == question)
    }

    /// The answer to `question`, created empty if the interview has none yet.
    pub fn answer_mut(&mut self, question: &str) -> &mut Answer {
        let index = match self.answers.iter().position(|a| a.question == question) {
            Some(i) => i,
            None => {
                self.answers.push(Answer::new(question));
                self.answers.len() - 1
            }
        };
        &mut self.answers[index]
    }

    /// Number of answers that hold anything (text, a scale value or a choice).
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| !a.is_empty()).count()
    }

    pub fn coding_count(&self) -> usize {
        self.answers.iter().map(|a| a.codings.len()).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Video,
    OnSite,
    Phone,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Video, Mode::OnSite, Mode::Phone];
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Consent {
    pub given: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Complete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The guide question this answers.
    pub question: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codings: Vec<Coding>,
}

impl Answer {
    pub fn new(question: &str) -> Self {
        Answer {
            question: question.to_string(),
            text: String::new(),
            scale: None,
            choices: Vec::new(),
            codings: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.scale.is_none() && self.choices.is_empty()
    }
}

/// A code applied to an answer: to all of it, or to a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coding {
    pub code: String,
    /// The passage, or `None` for the whole answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    pub coder: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    pub created: Timestamp,
}

/// A passage of an answer as character (Unicode scalar) offsets, `start` inclusive, `end`
/// exclusive. Characters, not bytes, so the numbers mean the same in other QDA tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the span lies inside a text of `chars` characters and covers at least one.
    pub fn fits(&self, chars: usize) -> bool {
        self.start < self.end && self.end <= chars
    }

    /// The covered text, or `None` if the span does not fit `text`.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        let mut indices = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        let start = indices.nth(self.start)?;
        let end = if self.end == self.start {
            start
        } else {
            indices.nth(self.end - self.start - 1)?
        };
        Some(&text[start..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_by_characters_not_bytes() {
        let text = "Vi behöver en färdplan.";
        let span = Span { start: 14, end: 22 };
        assert_eq!(span.slice(text), Some("färdplan"));
        assert!(span.fits(text.chars().count()));
        assert_eq!(Span { start: 20, end: 40 }.slice(text), None);
        assert_eq!(Span { start: 0, end: 23 }.slice(text), Some(text));
    }
}
