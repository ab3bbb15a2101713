//! What a lenient search ignored or changed, in words for the user (Swedish and English).

use std::fmt;

use crate::model::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    UnclosedQuote,
    UnclosedParenthesis,
    StrayParenthesis,
    DanglingOr,
    DanglingNot,
    NegationInOr,
    /// A `*` inside a word: the word was split there.
    InnerWildcard(String),
    /// `x*` with fewer than two letters would match almost everything.
    ShortPrefix(String),
    /// Words too common to search for (`och`, `att`…), ignored.
    StopWords(Vec<String>),
    /// The prefix matches more words than are searched; the most frequent are kept.
    PrefixTruncated {
        prefix: String,
        kept: usize,
    },
    /// `key:value` with a key that is no filter: searched as words.
    UnknownFilter(String),
    UnknownCode(String),
    UnknownQuestion(String),
    UnknownRespondent(String),
    /// No respondent has this attribute value.
    UnknownValue {
        attribute: String,
        value: String,
    },
    /// Only negated parts: everything except them is shown.
    OnlyNegative,
    /// Parentheses nested deeper than the parser takes were ignored.
    TooDeep,
}

impl Note {
    pub fn text(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            Note::TooDeep => pick(
                sv,
                "parenteser i mer än 32 nivåer ignorerades",
                "parentheses nested more than 32 deep were ignored",
            ),
            Note::UnclosedQuote => pick(
                sv,
                "citattecknet stängdes inte; frasen gick till slutet",
                "a quote was not closed; the phrase ran to the end",
            ),
            Note::UnclosedParenthesis => pick(
                sv,
                "en parentes stängdes inte; den stängdes i slutet",
                "a parenthesis was not closed; it was closed at the end",
            ),
            Note::StrayParenthesis => {
                pick(sv, "en ensam ')' hoppades över", "a lone ')' was ignored")
            }
            Note::DanglingOr => pick(
                sv,
                "ett OR utan ord på båda sidor hoppades över",
                "an OR without a word on both sides was ignored",
            ),
            Note::DanglingNot => pick(
                sv,
                "ett NOT eller '-' utan ord efter hoppades över",
                "a NOT or '-' with no word after it was ignored",
            ),
            Note::NegationInOr => pick(
                sv,
                "NOT/'-' kan inte stå i ett OR och hoppades över",
                "NOT/'-' cannot be part of an OR and was ignored",
            ),
            Note::InnerWildcard(w) if sv => {
                format!("'*' fungerar bara i slutet av ett ord; '{w}' söktes som flera ord")
            }
            Note::InnerWildcard(w) => {
                format!("'*' works only at the end of a word; '{w}' was searched as separate words")
            }
            Note::ShortPrefix(w) if sv => {
                format!("'{w}' är för kort för att söka på början av ord och hoppades över")
            }
            Note::ShortPrefix(w) => {
                format!("'{w}' is too short to search for word beginnings and was ignored")
            }
            Note::StopWords(words) if sv => {
                format!("vanliga ord hoppades över: {}", words.join(", "))
            }
            Note::StopWords(words) => format!("common words were ignored: {}", words.join(", ")),
            Note::PrefixTruncated { prefix, kept } if sv => {
                format!("'{prefix}*' passar för många ord; de {kept} vanligaste söktes")
            }
            Note::PrefixTruncated { prefix, kept } => {
                format!("'{prefix}*' matches too many words; the {kept} most common were searched")
            }
            Note::UnknownFilter(k) if sv => format!(
                "'{k}:' är inget filter (prova code:, question:, respondent: eller ett attribut); det söktes som text"
            ),
            Note::UnknownFilter(k) => format!(
                "'{k}:' is no filter (try code:, question:, respondent: or an attribute); it was searched as text"
            ),
            Note::UnknownCode(c) if sv => format!("ingen kod heter '{c}'"),
            Note::UnknownCode(c) => format!("no code is called '{c}'"),
            Note::UnknownQuestion(q) if sv => format!("ingen fråga heter '{q}'"),
            Note::UnknownQuestion(q) => format!("no question is called '{q}'"),
            Note::UnknownRespondent(r) if sv => format!("ingen respondent heter '{r}'"),
            Note::UnknownRespondent(r) => format!("no respondent is called '{r}'"),
            Note::UnknownValue { attribute, value } if sv => {
                format!("ingen respondent har {attribute} '{value}'")
            }
            Note::UnknownValue { attribute, value } => {
                format!("no respondent has {attribute} '{value}'")
            }
            Note::OnlyNegative => pick(
                sv,
                "bara uteslutande villkor: allt utom dem visas",
                "only exclusions: everything except them is shown",
            ),
        }
    }
}

fn pick(sv: bool, swedish: &str, english: &str) -> String {
    if sv { swedish } else { english }.to_string()
}

/// English, for logs and the command line's default.
impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
