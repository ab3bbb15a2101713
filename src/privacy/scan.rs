//! Every piece of personal data in a project's texts, with where it is and the words around
//! it: what `behov privacy scan` prints and the privacy view lists.

use serde::Serialize;

use super::pseudonymise::{name_book, people_of};
use super::{Key, Kind, find};
use crate::model::{Project, value_key};

/// Characters of context on each side of a finding.
pub const CONTEXT: usize = 40;

/// Where in an interview a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Answer,
    Notes,
    Memo,
    Consent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub interview: String,
    /// The question whose answer (or a memo on it) holds it; `None` outside the guide.
    pub question: Option<String>,
    pub field: Field,
    pub kind: Kind,
    /// The words found.
    pub text: String,
    /// Character offset of the finding in its text.
    pub at: usize,
    /// The text before and after it (up to `CONTEXT` characters, on one line).
    pub before: String,
    pub after: String,
    /// The known person it names, by name, when certain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

/// Every finding in `project`, in interview and text order, without what the key marks "not
/// personal data".
pub fn scan(project: &Project, key: &Key) -> Vec<Hit> {
    let book = name_book(project, key);
    let mut hits = Vec::new();
    for interview in &project.interviews {
        let prefer = people_of(project, interview, &book);
        let mut texts: Vec<(Option<&str>, Field, &str)> = Vec::new();
        for answer in &interview.answers {
            texts.push((Some(&answer.question), Field::Answer, &answer.text));
            for c in &answer.codings {
                texts.push((Some(&answer.question), Field::Memo, &c.memo));
            }
        }
        texts.push((None, Field::Notes, &interview.notes));
        for c in &interview.notes_codings {
            texts.push((None, Field::Memo, &c.memo));
        }
        texts.push((None, Field::Consent, &interview.consent.note));
        for (question, field, text) in texts {
            for f in find(text, &book, &prefer) {
                let found = &text[f.span.start..f.span.end];
                let known = f.person.filter(|&p| book.is_known(p));
                if known.is_none() && key.not_personal.contains(&value_key(found)) {
                    continue;
                }
                hits.push(Hit {
                    interview: interview.id.clone(),
                    question: question.map(str::to_string),
                    field,
                    kind: f.kind,
                    text: found.to_string(),
                    at: text[..f.span.start].chars().count(),
                    before: context(&text[..f.span.start], true),
                    after: context(&text[f.span.end..], false),
                    person: known.map(|p| book.person(p).name.clone()),
                });
            }
        }
    }
    hits
}

fn context(text: &str, before: bool) -> String {
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    if before {
        let n = text.chars().count();
        flat(
            &text
                .chars()
                .skip(n.saturating_sub(CONTEXT))
                .collect::<String>(),
        )
    } else {
        flat(&text.chars().take(CONTEXT).collect::<String>())
    }
}

/// How many findings of each kind, in the order of [`Kind::ALL`].
pub fn counts(hits: &[Hit]) -> Vec<(Kind, usize)> {
    Kind::ALL
        .iter()
        .map(|&k| (k, hits.iter().filter(|h| h.kind == k).count()))
        .collect()
}
