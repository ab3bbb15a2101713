//! Personal data: finding it in interview text, replacing it with stable pseudonyms in
//! exports, and erasing a person or an organisation everywhere.
//!
//! Detection (`detect`, `ids`, `phone`, `email`, `names`) is pure functions over text. The
//! pseudonym key (`key`) lives in `.behov/pseudonyms.json` and is never exported;
//! `pseudonymise` turns a project into the copy an export is written from; `scan` lists every
//! finding of a project; `erase` removes a person or an organisation from every file of the
//! project; `register` describes what personal data a project holds.

mod detect;
mod email;
pub mod erase;
mod ids;
pub mod key;
pub mod names;
mod phone;
pub mod pseudonymise;
pub mod redact;
pub mod register;
pub mod scan;
pub mod settings;

use serde::Serialize;

pub use detect::find;
pub use ids::luhn;
pub use key::Key;
pub use names::NameBook;
pub use pseudonymise::{Prepared, prepare};
pub use scan::{Hit, scan};

use crate::model::Lang;

/// A stretch of text in bytes, `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// What kind of personal data a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Name,
    Email,
    Phone,
    PersonalNumber,
    CoordinationNumber,
    OrganisationNumber,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Name,
        Kind::Email,
        Kind::Phone,
        Kind::PersonalNumber,
        Kind::CoordinationNumber,
        Kind::OrganisationNumber,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        let (sv, en) = match self {
            Kind::Name => ("namn", "name"),
            Kind::Email => ("e-post", "e-mail"),
            Kind::Phone => ("telefon", "phone"),
            Kind::PersonalNumber => ("personnummer", "personal identity number"),
            Kind::CoordinationNumber => ("samordningsnummer", "coordination number"),
            Kind::OrganisationNumber => ("organisationsnummer", "organisation number"),
        };
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// What stands in an export where this was (names get a numbered pseudonym instead).
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Name => "[person]",
            Kind::Email => "[e-post]",
            Kind::Phone => "[telefon]",
            Kind::PersonalNumber | Kind::CoordinationNumber => "[personnummer]",
            Kind::OrganisationNumber => "[organisationsnummer]",
        }
    }
}

/// One piece of personal data in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub kind: Kind,
    /// For a name: the person in the project's [`NameBook`] it names, when certain.
    pub person: Option<usize>,
    /// For a name: whether it is in the genitive (`Annas`), so a pseudonym keeps the ending.
    pub genitive: bool,
}

impl Finding {
    fn new(span: Span, kind: Kind) -> Finding {
        Finding {
            span,
            kind,
            person: None,
            genitive: false,
        }
    }
}
