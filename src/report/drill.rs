//! The passages behind a number: what the Summary tab shows when a cell is opened.

use serde::{Deserialize, Serialize};

use super::filter::{Filter, Scope};
use super::lookup;
use super::names::Names;
use super::quotes::passage;
use crate::model::{Project, Span};

/// A cell of a summary table: a code, optionally narrowed to one group of respondents and/or
/// one question. Counting the distinct respondents of its passages gives the cell's number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drill {
    pub code: String,
    /// (attribute id, value): only respondents with this value; `""` for those without one.
    pub group: Option<(String, String)>,
    pub question: Option<String>,
}

/// One coding behind a cell, in interview order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub interview: String,
    /// Indices into `project.respondents` of the interview's counted respondents.
    pub respondents: Vec<usize>,
    /// Their names or pseudonyms, comma-separated.
    pub attribution: String,
    pub question: String,
    /// The code as applied (the drilled code or one of its descendants).
    pub code: String,
    pub span: Option<Span>,
    /// The passage as whole sentences, as in the quotes.
    pub text: String,
    pub coder: String,
    pub memo: String,
}

/// Every counted coding under `filter` that makes up `cell`.
pub fn passages(project: &Project, filter: &Filter, cell: &Drill, names: &Names) -> Vec<Passage> {
    let scope = Scope::new(project, filter);
    let book = &project.codebook;
    let codes = lookup::index(book.codes.iter().map(|c| c.id.as_str()));
    // Codes whose codings count for the drilled code: itself and its descendants.
    let counts: Vec<bool> = book
        .codes
        .iter()
        .map(|c| book.ancestors(&c.id).iter().any(|a| a.id == cell.code))
        .collect();
    let mut eligible = Vec::new();
    let mut out = Vec::new();
    for interview in &project.interviews {
        scope.respondents_of(interview, &mut eligible);
        if let Some((attribute, value)) = &cell.group {
            eligible.retain(|&r| project.respondents[r].attribute(attribute) == value);
        }
        if eligible.is_empty() {
            continue;
        }
        for answer in &interview.answers {
            if cell.question.as_ref().is_some_and(|q| *q != answer.question) {
                continue;
            }
            for coding in &answer.codings {
                let known = codes.get(coding.code.as_str()).is_some_and(|&i| counts[i]);
                if !known || !scope.coder_counts(&coding.coder) {
                    continue;
                }
                out.push(Passage {
                    interview: interview.id.clone(),
                    respondents: eligible.clone(),
                    attribution: names.join(&eligible),
                    question: answer.question.clone(),
                    code: coding.code.clone(),
                    span: coding.span,
                    text: passage(&answer.text, coding.span),
                    coder: coding.coder.clone(),
                    memo: coding.memo.clone(),
                });
            }
        }
    }
    out
}
