//! The needs table: per code, who expressed it and how often, rolled up through the codebook.

use serde::Serialize;

use super::lookup;
use super::tally::{CodeTally, Tally};
use crate::model::{Lang, Project};

/// How often a code came up. A coding of a child code also counts for every ancestor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Organisations in at least one interview where the code was applied.
    pub respondents: usize,
    pub interviews: usize,
    pub answers: usize,
    /// Codings (a whole answer or a span of it).
    pub passages: usize,
}

impl Counts {
    pub(crate) fn of(t: &CodeTally) -> Counts {
        Counts {
            respondents: t.respondents.len(),
            interviews: t.interviews,
            answers: t.answers,
            passages: t.passages,
        }
    }
}

/// One code of the needs table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeRow {
    pub id: String,
    pub label: String,
    pub parent: Option<String>,
    /// 0 for a root code, 1 for its children, …
    pub depth: usize,
    pub has_children: bool,
    pub counts: Counts,
    /// `counts.respondents` over all respondents interviewed (0 when none were).
    pub share: f64,
    /// The same counts for each coder of `Summary::coders`, in that order.
    pub by_coder: Vec<Counts>,
}

/// Codes in tree order (each parent before its children), siblings by respondents, most
/// first, ties in codebook order: the order a report lists needs in. A code whose parent is
/// missing counts as a root. Yields (depth, index into the codebook).
pub(crate) fn tree_order(project: &Project, tally: &Tally) -> Vec<(usize, usize)> {
    let codes = &project.codebook.codes;
    let index = lookup::index(codes.iter().map(|c| c.id.as_str()));
    let parent: Vec<Option<usize>> = codes
        .iter()
        .map(|c| c.parent.as_deref().and_then(|p| index.get(p).copied()))
        .collect();
    let mut out = Vec::with_capacity(codes.len());
    let mut seen = vec![false; codes.len()];
    // Depth-first, children pushed in reverse so they come out in sorted order.
    let mut pending: Vec<(usize, usize)> = Vec::new();
    push_children(&parent, tally, None, 0, &mut pending);
    while let Some((depth, i)) = pending.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        out.push((depth, i));
        push_children(&parent, tally, Some(i), depth + 1, &mut pending);
    }
    out
}

fn push_children(
    parent: &[Option<usize>],
    tally: &Tally,
    of: Option<usize>,
    depth: usize,
    pending: &mut Vec<(usize, usize)>,
) {
    let mut children: Vec<usize> = (0..parent.len()).filter(|&i| parent[i] == of).collect();
    children.sort_by_key(|&i| std::cmp::Reverse(tally.codes[i].respondents.len()));
    pending.extend(children.into_iter().rev().map(|i| (depth, i)));
}

/// Share `part / whole`, 0 for an empty whole.
pub(crate) fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The needs table.
pub fn code_rows(project: &Project, tally: &Tally, lang: Lang) -> Vec<CodeRow> {
    let interviewed = tally.interviewed.len();
    let book = &project.codebook;
    tree_order(project, tally)
        .into_iter()
        .map(|(depth, i)| {
            let code = &book.codes[i];
            let counts = Counts::of(&tally.codes[i]);
            CodeRow {
                id: code.id.clone(),
                label: code.label.get(lang).to_string(),
                parent: code.parent.clone(),
                depth,
                has_children: book.children(Some(&code.id)).next().is_some(),
                counts,
                share: share(counts.respondents, interviewed),
                by_coder: tally
                    .by_coder
                    .iter()
                    .map(|codes| Counts::of(&codes[i]))
                    .collect(),
            }
        })
        .collect()
}
