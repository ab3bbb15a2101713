//! What a report's method section and codebook appendix say: who interviewed, with which
//! guide, against which codebook.

use serde::Serialize;

use super::tally::Tally;
use crate::model::{Lang, Project, QuestionKind};

/// One code of the codebook with its rules, for the appendix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodebookEntry {
    pub id: String,
    pub label: String,
    /// 0 for a root code, 1 for its children, …
    pub depth: usize,
    pub definition: String,
    pub include: String,
    pub exclude: String,
    pub example: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Method {
    /// Interviewers of the counted interviews, sorted.
    pub interviewers: Vec<String>,
    /// Questions in the guide, and how many of them are scale questions.
    pub questions: usize,
    pub scale_questions: usize,
    /// The codebook in tree order (each code followed by its children, in codebook order).
    pub codebook: Vec<CodebookEntry>,
}

pub fn method(project: &Project, tally: &Tally, lang: Lang) -> Method {
    let questions = &project.guide.questions;
    Method {
        interviewers: tally.interviewers.clone(),
        questions: questions.len(),
        scale_questions: questions
            .iter()
            .filter(|q| matches!(q.kind, QuestionKind::Scale { .. }))
            .count(),
        codebook: codebook(project, lang),
    }
}

fn codebook(project: &Project, lang: Lang) -> Vec<CodebookEntry> {
    let book = &project.codebook;
    let mut placed = vec![false; book.codes.len()];
    let mut out = Vec::new();
    // Roots: no parent, or a parent the codebook lacks; then anything a cycle kept out.
    let roots = book
        .codes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent.as_deref().is_none_or(|p| book.code(p).is_none()))
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    loop {
        while let Some((i, depth)) = stack.pop() {
            if std::mem::replace(&mut placed[i], true) {
                continue;
            }
            let code = &book.codes[i];
            out.push(CodebookEntry {
                id: code.id.clone(),
                label: code.label.get(lang).to_string(),
                depth,
                definition: code.definition.get(lang).to_string(),
                include: code.include.clone(),
                exclude: code.exclude.clone(),
                example: code.example.clone(),
            });
            let children: Vec<usize> = book
                .codes
                .iter()
                .enumerate()
                .filter(|(_, c)| c.parent.as_deref() == Some(code.id.as_str()))
                .map(|(k, _)| k)
                .collect();
            stack.extend(children.into_iter().rev().map(|k| (k, depth + 1)));
        }
        match placed.iter().position(|&p| !p) {
            Some(i) => stack.push((i, 0)),
            None => break,
        }
    }
    out
}
