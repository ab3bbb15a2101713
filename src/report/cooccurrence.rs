//! Which needs come up together: in the same answer, and in the same interview.
//!
//! Counted over codes as applied, not rolled up: a parent always "co-occurs" with its own
//! children, which would drown the pairs worth reading.

use serde::Serialize;

use super::summary::tree_order;
use super::tally::Tally;
use crate::model::{Lang, Project};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeRef {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub a: CodeRef,
    pub b: CodeRef,
    /// Answers coded with both.
    pub answers: u32,
    /// Interviews with both (anywhere in the interview).
    pub interviews: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cooccurrence {
    /// The codes applied at least once, in the order of the needs table.
    pub codes: Vec<CodeRef>,
    /// `answers[i][j]`: answers coded with both `codes[i]` and `codes[j]`; the diagonal holds
    /// the answers coded with `codes[i]` at all. Symmetric.
    pub answers: Vec<Vec<u32>>,
    /// The same per interview.
    pub interviews: Vec<Vec<u32>>,
    /// Every pair that shares an interview, most shared first.
    pub pairs: Vec<Pair>,
}

pub fn cooccurrence(project: &Project, tally: &Tally, lang: Lang) -> Cooccurrence {
    let n = project.codebook.codes.len();
    let at = |m: &[u32], a: usize, b: usize| m[a.min(b) * n + a.max(b)];
    let order: Vec<usize> = tree_order(project, tally)
        .into_iter()
        .map(|(_, i)| i)
        .filter(|&i| at(&tally.co_interview, i, i) > 0)
        .collect();
    let code_ref = |i: usize| {
        let code = &project.codebook.codes[i];
        CodeRef {
            id: code.id.clone(),
            label: code.label.get(lang).to_string(),
        }
    };
    let square = |m: &[u32]| -> Vec<Vec<u32>> {
        order
            .iter()
            .map(|&a| order.iter().map(|&b| at(m, a, b)).collect())
            .collect()
    };
    let mut pairs = Vec::new();
    for (x, &a) in order.iter().enumerate() {
        for &b in &order[x + 1..] {
            let interviews = at(&tally.co_interview, a, b);
            if interviews > 0 {
                pairs.push((a, b, at(&tally.co_answer, a, b), interviews));
            }
        }
    }
    // Stable: equal pairs keep the needs table's order.
    pairs.sort_by_key(|&(_, _, answers, interviews)| std::cmp::Reverse((interviews, answers)));
    Cooccurrence {
        codes: order.iter().map(|&i| code_ref(i)).collect(),
        answers: square(&tally.co_answer),
        interviews: square(&tally.co_interview),
        pairs: pairs
            .into_iter()
            .map(|(a, b, answers, interviews)| Pair {
                a: code_ref(a),
                b: code_ref(b),
                answers,
                interviews,
            })
            .collect(),
    }
}
