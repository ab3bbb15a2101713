//! Per question of the guide: which needs come up in its answers.

use serde::Serialize;

use super::summary::{share, tree_order};
use super::tally::Tally;
use crate::model::{Lang, Project};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionCode {
    pub id: String,
    pub label: String,
    pub depth: usize,
    /// Answers to the question coded with the code (or a descendant).
    pub answers: usize,
    /// Of the question's non-empty answers.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionCodes {
    pub question: String,
    pub text: String,
    /// Non-empty answers to the question.
    pub answered: usize,
    /// Codes that came up, most answers first (ties in the order of the needs table).
    pub codes: Vec<QuestionCode>,
}

/// Every question of the guide, in guide order, including those where no code came up.
pub fn questions(project: &Project, tally: &Tally, lang: Lang) -> Vec<QuestionCodes> {
    let n = project.codebook.codes.len();
    let order = tree_order(project, tally);
    project
        .guide
        .questions
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let answered = tally.answered[q];
            let mut codes: Vec<QuestionCode> = order
                .iter()
                .filter_map(|&(depth, i)| {
                    let answers = tally.question_codes[q * n + i];
                    (answers > 0).then(|| {
                        let code = &project.codebook.codes[i];
                        QuestionCode {
                            id: code.id.clone(),
                            label: code.label.get(lang).to_string(),
                            depth,
                            answers,
                            share: share(answers, answered),
                        }
                    })
                })
                .collect();
            codes.sort_by_key(|c| std::cmp::Reverse(c.answers));
            QuestionCodes {
                question: question.id.clone(),
                text: question.text.get(lang).to_string(),
                answered,
                codes,
            }
        })
        .collect()
}
