//! The vocabulary of a needs analysis as plain data, with its invariants. No IO here.

mod codebook;
pub mod coding_ops;
pub mod conflict;
pub mod edit;
mod guide;
mod interview;
mod project;
mod respondent;
mod round;
mod text;
mod validate;

pub use codebook::{Code, Codebook, parse_colour};
pub use conflict::{Keep, TextConflict};
pub use edit::TextEdit;
pub use guide::{ChoiceOption, Guide, Question, QuestionKind, ScaleLabel};
pub use interview::{
    Answer, Clip, Coding, Consent, Interview, Mode, NOTES, Part, Source, Span, Status,
};
pub use project::{Project, SCHEMA_VERSION};
pub use respondent::{AttributeDef, Gender, Person, Respondent, value_key};
pub use round::{Participant, Round};
pub use text::{Lang, Localized};
pub use validate::{FileRef, PathSeg, Problem, validate};
