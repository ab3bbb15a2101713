//! Interviews, their answers, and the codings applied to answers.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Participant;

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
    /// The part outside the guide: free notes, the start of a transcript, digressions. Coded,
    /// searched and counted like an answer, so nothing in an interview is left out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Codings of `notes` (spans are characters of `notes`). Absent in files written before
    /// the notes could be coded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes_codings: Vec<Coding>,
    /// The transcript file an imported interview was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The id of the project round this interview belongs to; `None` means the first round
    /// (see `Project::round_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// The people who took part, as distinct from the contact people registered on the
    /// organisation: coverage counts these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
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
        self.parts().map(|p| p.codings.len()).sum()
    }

    /// The codable part at `index`: the answers in file order, then the notes outside the
    /// guide at `answers.len()`.
    pub fn part(&self, index: usize) -> Option<Part<'_>> {
        match self.answers.get(index) {
            Some(a) => Some(Part {
                question: Some(&a.question),
                text: &a.text,
                codings: &a.codings,
            }),
            None if index == self.answers.len() => Some(Part {
                question: None,
                text: &self.notes,
                codings: &self.notes_codings,
            }),
            None => None,
        }
    }

    /// Every codable part, in the order of `part`.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        (0..=self.answers.len()).filter_map(|i| self.part(i))
    }

    /// The codings of the part named `part`: a question id, or [`NOTES`] for the notes
    /// outside the guide (`None` when the question has no answer yet).
    pub fn codings_of(&self, part: &str) -> Option<&Vec<Coding>> {
        if part == NOTES {
            Some(&self.notes_codings)
        } else {
            self.answer(part).map(|a| &a.codings)
        }
    }

    /// The codings of the part named `part` to change (an empty answer is created).
    pub fn codings_of_mut(&mut self, part: &str) -> &mut Vec<Coding> {
        if part == NOTES {
            &mut self.notes_codings
        } else {
            &mut self.answer_mut(part).codings
        }
    }

    /// The text of the part named `part` (empty for a question without an answer).
    pub fn text_of(&self, part: &str) -> &str {
        if part == NOTES {
            &self.notes
        } else {
            self.answer(part).map_or("", |a| a.text.as_str())
        }
    }

    /// The codings of every part, for operations that change codings wherever they are.
    pub fn codings_mut(&mut self) -> impl Iterator<Item = &mut Vec<Coding>> {
        self.answers
            .iter_mut()
            .map(|a| &mut a.codings)
            .chain(std::iter::once(&mut self.notes_codings))
    }
}

/// The name of the notes outside the guide where a part is named by a question id (undo steps,
/// the code picker): no question id is empty, so it cannot name a question.
pub const NOTES: &str = "";

/// A codable part of an interview: an answer to a guide question, or (`question` `None`) the
/// notes outside the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    pub question: Option<&'a str>,
    pub text: &'a str,
    pub codings: &'a [Coding],
}

/// The file an interview was imported from: recorded so the same file is not imported twice
/// unnoticed, and so a reader can go back to the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file name, without its folder (folders are personal and machine-specific).
    pub file: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// The reader used: `docx`, `vtt`, `srt` or `txt`.
    pub format: String,
    /// The text encoding found, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub encoding: String,
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

/// The respondents' consent to the interview being recorded and used. Exports leave out
/// interviews whose consent is not recorded as given unless asked to keep them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Consent {
    pub given: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// How it was given: "muntligt", "skriftligt", "e-post"…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how: String,
    /// Whether quotes may be attributed to the organisation; `Some(false)` makes reports
    /// pseudonymised by default. `None`: not asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<bool>,
    /// Whether the recording may be kept after the interview is written down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<bool>,
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
    /// Where the answer lies in the recording, for answers imported from a timed transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Clip>,
}

/// A stretch of a recording in milliseconds from its start, `end` at or after `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clip {
    pub start_ms: u64,
    pub end_ms: u64,
}

impl Answer {
    pub fn new(question: &str) -> Self {
        Answer {
            question: question.to_string(),
            text: String::new(),
            scale: None,
            choices: Vec::new(),
            codings: Vec::new(),
            time: None,
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

    /// An interview file as written before the notes could be coded.
    const OLD_FILE: &str = r#"{"id":"i001","respondents":["r001"],"interviewer":"Maria",
        "date":"2026-02-03","mode":"video","consent":{"given":true},"status":"draft",
        "answers":[{"question":"q01","text":"Vi behöver råd."}],
        "notes":"Uppföljning i maj.","created":"2026-02-03T10:00:00Z",
        "modified":"2026-02-03T10:00:00Z"}"#;

    #[test]
    fn old_files_load_and_the_notes_are_the_last_codable_part() {
        let mut interview: Interview = serde_json::from_str(OLD_FILE).unwrap();
        assert!(interview.notes_codings.is_empty());
        assert_eq!(interview.source, None);
        assert_eq!(interview.answers[0].time, None);
        interview.notes_codings.push(Coding {
            code: "advice".into(),
            span: Some(Span { start: 0, end: 11 }),
            coder: "Maria".into(),
            memo: String::new(),
            created: Timestamp::UNIX_EPOCH,
        });
        let parts: Vec<Part> = interview.parts().collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].question, Some("q01"));
        assert_eq!(parts[1].question, None);
        assert_eq!(parts[1].text, "Uppföljning i maj.");
        assert_eq!(interview.part(2), None);
        assert_eq!(interview.coding_count(), 1);
        assert_eq!(interview.codings_mut().count(), 2);

        // Written back, the new field is kept and an absent source stays absent.
        let json = serde_json::to_string(&interview).unwrap();
        assert!(json.contains("notes_codings") && !json.contains("source"));
        assert!(!json.contains("round") && !json.contains("participants"));
        let again: Interview = serde_json::from_str(&json).unwrap();
        assert_eq!(again, interview);
    }

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
