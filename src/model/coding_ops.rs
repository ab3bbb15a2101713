//! Operations on codings and the codebook that must keep every other coding intact:
//! applying and removing codes, merging, moving and deleting codes, counting their use,
//! and retrieving coded passages.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::Timestamp;

use super::{Codebook, Coding, Interview, Project, Respondent, Span};

/// Applies `code` to an answer's text (`span` `None` = the whole answer) by `coder`, or
/// removes that coding if it is already there. Returns whether the code is now applied.
pub fn toggle(
    codings: &mut Vec<Coding>,
    code: &str,
    span: Option<Span>,
    coder: &str,
    now: Timestamp,
) -> bool {
    if let Some(i) = codings
        .iter()
        .position(|c| c.code == code && c.span == span && c.coder == coder)
    {
        codings.remove(i);
        return false;
    }
    codings.push(Coding {
        code: code.to_string(),
        span,
        coder: coder.to_string(),
        memo: String::new(),
        created: now,
    });
    true
}

/// Every code id in the subtree of `id` (itself included).
pub fn subtree(book: &Codebook, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![id.to_string()];
    while let Some(next) = stack.pop() {
        if out.insert(next.clone()) {
            stack.extend(
                book.codes
                    .iter()
                    .filter(|c| c.parent.as_deref() == Some(&next))
                    .map(|c| c.id.clone()),
            );
        }
    }
    out
}

/// Moves every coding of `from` to `into`, re-parents `from`'s children under `into`, and
/// removes `from`. A coding that would duplicate one already on `into` (same passage, same
/// coder) is folded into it, keeping both memos. Returns the interviews that changed.
pub fn merge(project: &mut Project, from: &str, into: &str) -> Vec<String> {
    if from == into || project.codebook.code(into).is_none() {
        return Vec::new();
    }
    for code in &mut project.codebook.codes {
        if code.parent.as_deref() == Some(from) {
            code.parent = Some(into.to_string());
        }
    }
    // If `into` lived under `from`, it takes `from`'s place in the tree.
    let from_parent = project.codebook.code(from).and_then(|c| c.parent.clone());
    if subtree(&project.codebook, from).contains(into)
        && let Some(target) = project.codebook.codes.iter_mut().find(|c| c.id == into)
    {
        target.parent = from_parent;
    }
    project.codebook.codes.retain(|c| c.id != from);
    let mut changed = Vec::new();
    for interview in &mut project.interviews {
        let mut touched = false;
        for codings in interview.codings_mut() {
            let mut kept: Vec<Coding> = Vec::with_capacity(codings.len());
            for mut coding in std::mem::take(codings) {
                if coding.code == from {
                    coding.code = into.to_string();
                    touched = true;
                }
                match kept.iter_mut().find(|k| {
                    k.code == coding.code && k.span == coding.span && k.coder == coding.coder
                }) {
                    Some(existing) => {
                        if !coding.memo.is_empty() && existing.memo != coding.memo {
                            if !existing.memo.is_empty() {
                                existing.memo.push('\n');
                            }
                            existing.memo.push_str(&coding.memo);
                        }
                    }
                    None => kept.push(coding),
                }
            }
            *codings = kept;
        }
        if touched {
            changed.push(interview.id.clone());
        }
    }
    changed
}

/// Deletes a code and its codings; its children move up to its parent. Returns the
/// interviews that changed.
pub fn delete(project: &mut Project, id: &str) -> Vec<String> {
    let parent = project.codebook.code(id).and_then(|c| c.parent.clone());
    for code in &mut project.codebook.codes {
        if code.parent.as_deref() == Some(id) {
            code.parent = parent.clone();
        }
    }
    project.codebook.codes.retain(|c| c.id != id);
    let mut changed = Vec::new();
    for interview in &mut project.interviews {
        let before = interview.coding_count();
        for codings in interview.codings_mut() {
            codings.retain(|c| c.code != id);
        }
        if interview.coding_count() != before {
            changed.push(interview.id.clone());
        }
    }
    changed
}

/// Whether `id` may move under `parent` (`None` = top level): not under itself or its own
/// descendants.
pub fn can_move(book: &Codebook, id: &str, parent: Option<&str>) -> bool {
    match parent {
        None => true,
        Some(p) => book.code(p).is_some() && !subtree(book, id).contains(p),
    }
}

/// How much a code is used, rolled up through its subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Codings of a passage.
    pub passages: usize,
    /// Answers with at least one coding.
    pub answers: usize,
    /// Respondents with at least one coding.
    pub respondents: usize,
}

/// Usage of every code (rolled up: a parent counts its children's codings), optionally for
/// one coder only.
pub fn usage(project: &Project, coder: Option<&str>) -> HashMap<String, Usage> {
    // For each code, the sets of answers and respondents, then counted.
    let ancestors: HashMap<&str, Vec<String>> = project
        .codebook
        .codes
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                project
                    .codebook
                    .ancestors(&c.id)
                    .iter()
                    .map(|a| a.id.clone())
                    .collect(),
            )
        })
        .collect();
    let mut passages: HashMap<String, usize> = HashMap::new();
    let mut answers: HashMap<String, HashSet<(usize, usize)>> = HashMap::new();
    let mut respondents: HashMap<String, HashSet<&str>> = HashMap::new();
    for (ii, interview) in project.interviews.iter().enumerate() {
        for (ai, part) in interview.parts().enumerate() {
            for coding in part
                .codings
                .iter()
                .filter(|c| coder.is_none_or(|k| c.coder == k))
            {
                let Some(chain) = ancestors.get(coding.code.as_str()) else {
                    continue;
                };
                for code in chain {
                    if coding.span.is_some() {
                        *passages.entry(code.clone()).or_default() += 1;
                    }
                    answers.entry(code.clone()).or_default().insert((ii, ai));
                    respondents
                        .entry(code.clone())
                        .or_default()
                        .extend(interview.respondents.iter().map(String::as_str));
                }
            }
        }
    }
    project
        .codebook
        .codes
        .iter()
        .map(|c| {
            let id = c.id.as_str();
            let usage = Usage {
                passages: passages.get(id).copied().unwrap_or(0),
                answers: answers.get(id).map_or(0, HashSet::len),
                respondents: respondents.get(id).map_or(0, HashSet::len),
            };
            (c.id.clone(), usage)
        })
        .collect()
}

/// The number of codings of exactly `id` (not its children).
pub fn coding_count(project: &Project, id: &str) -> usize {
    project
        .interviews
        .iter()
        .flat_map(|i| i.parts())
        .flat_map(|p| p.codings)
        .filter(|c| c.code == id)
        .count()
}

/// One coded passage found by `retrieve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retrieved {
    pub interview: String,
    /// The question, or `None` for the notes outside the guide.
    pub question: Option<String>,
    pub code: String,
    pub coder: String,
    pub span: Option<Span>,
    /// The coded text (the whole answer for a whole-answer coding).
    pub text: String,
    pub memo: String,
}

/// Which codings `retrieve` returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetrieveFilter {
    pub coder: Option<String>,
    /// (attribute id, value) the interview's respondent must have.
    pub attribute: Option<(String, String)>,
}

/// Every coding of `code` or its subcodes, in interview and guide order.
pub fn retrieve(project: &Project, code: &str, filter: &RetrieveFilter) -> Vec<Retrieved> {
    let codes = subtree(&project.codebook, code);
    let respondents = project.respondents_by_id();
    let mut out = Vec::new();
    for interview in &project.interviews {
        if !matches_attribute(&respondents, interview, filter) {
            continue;
        }
        let mut parts: Vec<_> = interview.parts().collect();
        // Guide order; unknown questions, then the notes outside the guide, last.
        parts.sort_by_key(|p| match p.question {
            Some(q) => project.guide.position(q).unwrap_or(usize::MAX - 1),
            None => usize::MAX,
        });
        for part in parts {
            for coding in part.codings {
                if !codes.contains(&coding.code)
                    || filter.coder.as_ref().is_some_and(|k| &coding.coder != k)
                {
                    continue;
                }
                let text = match coding.span {
                    Some(span) => span.slice(part.text).unwrap_or("").to_string(),
                    None => part.text.to_string(),
                };
                out.push(Retrieved {
                    interview: interview.id.clone(),
                    question: part.question.map(str::to_string),
                    code: coding.code.clone(),
                    coder: coding.coder.clone(),
                    span: coding.span,
                    text,
                    memo: coding.memo.clone(),
                });
            }
        }
    }
    out
}

fn matches_attribute(
    respondents: &HashMap<&str, &Respondent>,
    interview: &Interview,
    filter: &RetrieveFilter,
) -> bool {
    let Some((attribute, value)) = &filter.attribute else {
        return true;
    };
    interview
        .respondents
        .iter()
        .filter_map(|r| respondents.get(r.as_str()))
        .any(|r| r.attribute(attribute) == value)
}

/// The coders who have coded anything in the project, sorted.
pub fn coders(project: &Project) -> Vec<String> {
    let set: BTreeSet<&str> = project
        .interviews
        .iter()
        .flat_map(|i| i.parts())
        .flat_map(|p| p.codings)
        .map(|c| c.coder.as_str())
        .collect();
    set.into_iter().map(str::to_string).collect()
}
