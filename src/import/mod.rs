//! Bringing existing material in: transcripts read from Word, WebVTT, SubRip and text files
//! and laid onto the interview guide, and respondent lists read from spreadsheets.
//!
//! Readers turn a file's bytes into a `Transcript` (turns of speaker, times and text); `map`
//! lays a transcript onto the guide as a pure function; `plan` decides what an import would
//! write to a project (the dry run shows exactly that), and `apply` writes it.

mod decode;
mod docx;
mod error;
mod map;
mod plan;
mod respondents;
mod review;
mod speaker;
mod srt;
mod time;
mod txt;
mod vtt;

pub use time::show as show_time;

use std::fmt;

pub use decode::Encoding;
pub use error::{Error, Result};
pub use map::{Assignment, Mapping, Place, map, map_with, recompose};
pub use plan::{
    Draft, Options, Plan, Step, Who, add_to, apply, draft, draft_with, outline, plan, plan_with,
    respondent_from_file_name, slim,
};
pub use respondents::{ListChange, ListPlan, apply_list, plan_list, read_table};
pub use review::{Review, part};

/// One stretch of speech: who spoke (if the file says), when (if it is timed), and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: Option<String>,
    /// Milliseconds from the start of the recording.
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// Normalised text: NFC, `\n` line breaks, no control characters, trimmed.
    pub text: String,
}

impl Turn {
    pub fn new(speaker: Option<String>, text: impl Into<String>) -> Turn {
        Turn {
            speaker,
            start_ms: None,
            end_ms: None,
            text: text.into(),
        }
    }
}

/// A file read as turns, with what was learnt while reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub format: Format,
    pub encoding: Encoding,
    pub turns: Vec<Turn>,
    /// Things skipped or guessed, each one sentence (`line 14: a cue without a time was skipped`).
    pub warnings: Vec<String>,
}

/// The file formats a transcript is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Docx,
    Vtt,
    Srt,
    Txt,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Docx, Format::Vtt, Format::Srt, Format::Txt];

    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Txt => "txt",
        }
    }

    /// The format a file name's extension stands for (`.md` is read as text).
    pub fn from_extension(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Format::Docx),
            "vtt" => Some(Format::Vtt),
            "srt" => Some(Format::Srt),
            "txt" | "md" | "text" => Some(Format::Txt),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads a transcript from a file's bytes. `name` is the file name (for the format and for
/// messages); `format` overrides the extension.
pub fn read(bytes: &[u8], name: &str, format: Option<Format>) -> Result<Transcript> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    let format = match format.or_else(|| Format::from_extension(name)) {
        Some(f) => f,
        None => sniff(bytes).ok_or(Error::UnknownFormat)?,
    };
    let mut transcript = match format {
        Format::Docx => docx::read(bytes)?,
        Format::Vtt | Format::Srt | Format::Txt => {
            let (text, encoding) = decode::decode(bytes)?;
            let (turns, warnings) = match format {
                Format::Vtt => vtt::read(&text)?,
                Format::Srt => srt::read(&text)?,
                _ => (txt::read(&text), Vec::new()),
            };
            Transcript {
                format,
                encoding,
                turns,
                warnings,
            }
        }
    };
    transcript.turns.retain(|t| !t.text.is_empty());
    if transcript.turns.is_empty() {
        return Err(Error::NoText);
    }
    Ok(transcript)
}

/// The format of a file without a known extension, from its first bytes.
fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Format::Docx);
    }
    let (text, _) = decode::decode(bytes).ok()?;
    let start = text.trim_start();
    if start.starts_with("WEBVTT") {
        Some(Format::Vtt)
    } else if srt::looks_like(start) {
        Some(Format::Srt)
    } else {
        Some(Format::Txt)
    }
}

/// Consecutive cues of the same speaker as one turn. Cues without a speaker (Whisper) are
/// joined until a sentence ends, so a question split over two cues is one turn.
fn join_cues(cues: Vec<Turn>) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::with_capacity(cues.len());
    for cue in cues {
        if cue.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last)
                if last.speaker == cue.speaker
                    && (last.speaker.is_some() || !ends_sentence(&last.text)) =>
            {
                last.text.push(' ');
                last.text.push_str(&cue.text);
                last.end_ms = cue.end_ms.or(last.end_ms);
            }
            _ => out.push(cue),
        }
    }
    out
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '’', ')'])
        .ends_with(['.', '?', '!', '…'])
}
