//! The passages behind a number: what the Summary tab shows when a cell is opened.

use serde::{Deserialize, Serialize};

use super::filter::{Filter, Scope};
use super::index::Index;
use super::names::Names;
use super::quotes::{Quoted, passage};
use crate::model::{Project, Span};

/// A cell of a summary table: a code, optionally narrowed to one group of respondents and/or
/// one question. Counting the distinct respondents of its passages gives the cell's number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drill {
    pub code: String,
    /// (attribute id, value): only respondents with this value; `""` for those without one.
    /// By round: (`round`, round id), only the interviews of that round.
    pub group: Option<(String, String)>,
    pub question: Option<String>,
}

/// One passage behind a cell, in interview order: the codings of the same words (two coders,
/// or a code and its sub-code) are one passage, with their coders and memos together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub interview: String,
    /// Indices into `project.respondents` of the interview's counted respondents.
    pub respondents: Vec<usize>,
    /// Their names or pseudonyms, comma-separated.
    pub attribution: String,
    /// The question, or `None` for the notes outside the guide.
    pub question: Option<String>,
    /// The code as applied (the drilled code or one of its descendants).
    pub code: String,
    pub span: Option<Span>,
    /// The passage as whole sentences, as in the quotes.
    pub text: String,
    /// The coders who coded it, comma-separated.
    pub coder: String,
    /// Their memos, one per line.
    pub memo: String,
}

/// Every counted coding under `filter` that makes up `cell`. `index` must be up to date with
/// `project` (see `Index::refresh`); the interviews with such codings are read through
/// `interviews` (`&project.interviews` when they are in memory), the others never.
pub fn passages(
    project: &Project,
    index: &Index,
    interviews: &dyn Quoted,
    filter: &Filter,
    cell: &Drill,
    names: &Names,
) -> Vec<Passage> {
    let scope = Scope::new(project, filter);
    let book = &project.codebook;
    // Codes whose codings count for the drilled code: itself and its descendants.
    let counts: Vec<bool> = book
        .codes
        .iter()
        .map(|c| book.ancestors(&c.id).iter().any(|a| a.id == cell.code))
        .collect();
    let allowed: Vec<bool> = index.coders.iter().map(|c| scope.coder_counts(c)).collect();
    let question = cell
        .question
        .as_ref()
        .and_then(|q| project.guide.position(q));
    let mut eligible = Vec::new();
    let mut out: Vec<Passage> = Vec::new();
    // (interview, answer, passage text) → position in `out`.
    let mut seen: std::collections::HashMap<(usize, u32, String), usize> =
        std::collections::HashMap::new();
    for (ii, row) in index.rows.iter().enumerate() {
        scope.respondents_of(row, &mut eligible);
        if let Some((attribute, value)) = &cell.group
            && super::rounds::is_round_group(project, attribute)
        {
            // By round the group is the interview's round (none named: the first).
            let round = if row.round.is_empty() {
                project.rounds.first().map_or("", |r| r.id.as_str())
            } else {
                row.round.as_str()
            };
            if round != value {
                eligible.clear();
            }
        } else if let Some((attribute, value)) = &cell.group {
            // A group holds every spelling of its value (see `grouping`).
            let key = crate::model::value_key(value);
            eligible.retain(|&r| {
                crate::model::value_key(project.respondents[r].attribute(attribute)) == key
            });
        }
        if eligible.is_empty() {
            continue;
        }
        let mut interview = None;
        for coding in &row.codings {
            let on_question = match (&cell.question, row.answers.get(coding.answer as usize)) {
                (None, _) => true,
                (Some(_), Some(a)) => question.is_some_and(|q| usize::from(a.question) == q),
                (Some(_), None) => false,
            };
            if !counts[usize::from(coding.code)]
                || !allowed[usize::from(coding.coder)]
                || !on_question
            {
                continue;
            }
            if interview.is_none() {
                interview = interviews.interview(ii);
            }
            let Some(interview) = interview.as_deref() else {
                break;
            };
            let Some(part) = interview.part(coding.answer as usize) else {
                continue;
            };
            let Some(applied) = part.codings.get(coding.coding as usize) else {
                continue;
            };
            let text = passage(part.text, applied.span);
            let key = (ii, coding.answer, text);
            if let Some(&at) = seen.get(&key) {
                let same = &mut out[at];
                if !same.coder.split(", ").any(|c| c == applied.coder) {
                    same.coder = format!("{}, {}", same.coder, applied.coder);
                }
                if !applied.memo.is_empty() && !same.memo.lines().any(|m| m == applied.memo) {
                    if !same.memo.is_empty() {
                        same.memo.push('\n');
                    }
                    same.memo.push_str(&applied.memo);
                }
                continue;
            }
            out.push(Passage {
                interview: interview.id.clone(),
                respondents: eligible.clone(),
                attribution: names.join(&eligible),
                question: part.question.map(str::to_string),
                code: applied.code.clone(),
                span: applied.span,
                text: key.2.clone(),
                coder: applied.coder.clone(),
                memo: applied.memo.clone(),
            });
            seen.insert(key, out.len() - 1);
        }
    }
    out
}
