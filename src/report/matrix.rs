//! Codes × values of one respondent attribute: which needs did the municipalities raise?

use serde::Serialize;

use super::Error;
use super::filter;
use super::grouping::{Group, groups};
use super::summary::{share, tree_order};
use super::tally::Tally;
use crate::model::{Lang, Project};

/// Respondents who expressed a code within one group, and their share of the group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cell {
    pub respondents: usize,
    pub share: f64,
    /// In a programme: the group's project has no such code, so the cell is not a zero.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub absent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    pub id: String,
    pub label: String,
    pub depth: usize,
    pub has_children: bool,
    /// Over all interviewed respondents.
    pub total: Cell,
    /// One per group, in the order of `Matrix::groups`.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub attribute: String,
    pub label: String,
    /// All interviewed respondents: the denominator of `MatrixRow::total`.
    pub respondents: usize,
    pub groups: Vec<Group>,
    /// Same order as the needs table.
    pub rows: Vec<MatrixRow>,
}

/// The code × attribute-value matrix. Needs no pass over the interviews: switching the
/// grouping attribute costs a few set intersections per code.
pub fn matrix(
    project: &Project,
    tally: &Tally,
    attribute: &str,
    lang: Lang,
) -> Result<Matrix, Error> {
    let def = filter::attribute(project, attribute)?;
    let groups = groups(project, tally, &def.id, lang);
    let sizes: Vec<usize> = groups.iter().map(|(g, _)| g.respondents).collect();
    let rows = rows(project, tally, lang, &sizes, |g, i| {
        tally.codes[i].respondents.intersection_len(&groups[g].1)
    });
    let respondents = tally.interviewed.len();
    Ok(Matrix {
        attribute: def.id.clone(),
        label: def.label.get(lang).to_string(),
        respondents,
        groups: groups.into_iter().map(|(g, _)| g).collect(),
        rows,
    })
}

/// The rows of a needs matrix: every code in the needs table's order with its total over all
/// interviewed respondents, and per group (of `sizes[g]` respondents) the `count(g, code)`
/// who expressed it. An attribute's groups and a project's rounds count differently; the
/// rows are the same.
pub(crate) fn rows(
    project: &Project,
    tally: &Tally,
    lang: Lang,
    sizes: &[usize],
    count: impl Fn(usize, usize) -> usize,
) -> Vec<MatrixRow> {
    let respondents = tally.interviewed.len();
    let book = &project.codebook;
    tree_order(project, tally)
        .into_iter()
        .map(|(depth, i)| {
            let code = &book.codes[i];
            let said = tally.codes[i].respondents.len();
            MatrixRow {
                id: code.id.clone(),
                label: code.label.get(lang).to_string(),
                depth,
                has_children: book.children(Some(&code.id)).next().is_some(),
                total: Cell {
                    respondents: said,
                    share: share(said, respondents),
                    absent: false,
                },
                cells: sizes
                    .iter()
                    .enumerate()
                    .map(|(g, &size)| {
                        let n = count(g, i);
                        Cell {
                            respondents: n,
                            share: share(n, size),
                            absent: false,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}
