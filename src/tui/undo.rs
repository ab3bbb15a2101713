//! Undo and redo for coding and codebook actions (not for typed text, which the editor and
//! the journal own). A step holds what an action is about to change: the codings of some
//! answers and, for codebook actions, the whole codebook.

use crate::model::{Codebook, Coding, NOTES, Project};

/// How many steps are kept.
pub const DEPTH: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the action did, for "Undid: …".
    pub label: String,
    pub codebook: Option<Codebook>,
    /// (interview, part, codings) before the action; the part is a question id or
    /// [`NOTES`] for the notes outside the guide.
    pub answers: Vec<(String, String, Vec<Coding>)>,
}

impl Step {
    /// The current state of the answers `targets` (and the codebook if `codebook`).
    pub fn capture<'a>(
        project: &Project,
        label: impl Into<String>,
        codebook: bool,
        targets: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Step {
        let answers = targets
            .into_iter()
            .map(|(interview, question)| {
                let codings = project
                    .interview(interview)
                    .and_then(|i| i.codings_of(question))
                    .cloned()
                    .unwrap_or_default();
                (interview.to_string(), question.to_string(), codings)
            })
            .collect();
        Step {
            label: label.into(),
            codebook: codebook.then(|| project.codebook.clone()),
            answers,
        }
    }

    /// The answers that hold a coding of any of `codes`: what a codebook action may touch.
    pub fn answers_with<'a>(project: &'a Project, codes: &[&str]) -> Vec<(&'a str, &'a str)> {
        project
            .interviews
            .iter()
            .flat_map(|i| i.parts().map(move |p| (i, p)))
            .filter(|(_, p)| p.codings.iter().any(|c| codes.contains(&c.code.as_str())))
            .map(|(i, p)| (i.id.as_str(), p.question.unwrap_or(NOTES)))
            .collect()
    }

    /// Puts this step's state back and returns the state it replaced (the step to redo or
    /// undo next) with the interviews that changed. Spans that no longer fit an answer whose
    /// text was edited since are dropped rather than restored out of range.
    pub fn restore(self, project: &mut Project) -> (Step, Vec<String>) {
        let targets: Vec<(String, String)> = self
            .answers
            .iter()
            .map(|(i, q, _)| (i.clone(), q.clone()))
            .collect();
        let inverse = Step::capture(
            project,
            self.label.clone(),
            self.codebook.is_some(),
            targets.iter().map(|(i, q)| (i.as_str(), q.as_str())),
        );
        if let Some(book) = self.codebook {
            project.codebook = book;
        }
        let mut changed: Vec<String> = Vec::new();
        for (interview, question, mut codings) in self.answers {
            let Some(item) = project.interview_mut(&interview) else {
                continue;
            };
            let chars = item.text_of(&question).chars().count();
            codings.retain(|c| c.span.is_none_or(|s| s.fits(chars)));
            *item.codings_of_mut(&question) = codings;
            if !changed.contains(&interview) {
                changed.push(interview);
            }
        }
        (inverse, changed)
    }
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records the state before a new action; the redo list is dropped.
    pub fn record(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Undoes the last action: returns its label and the changed interviews.
    pub fn undo(&mut self, project: &mut Project) -> Option<(String, Vec<String>, bool)> {
        let step = self.undo.pop()?;
        let codebook = step.codebook.is_some();
        let (inverse, changed) = step.restore(project);
        let label = inverse.label.clone();
        self.redo.push(inverse);
        Some((label, changed, codebook))
    }

    pub fn redo(&mut self, project: &mut Project) -> Option<(String, Vec<String>, bool)> {
        let step = self.redo.pop()?;
        let codebook = step.codebook.is_some();
        let (inverse, changed) = step.restore(project);
        let label = inverse.label.clone();
        self.undo.push(inverse);
        Some((label, changed, codebook))
    }

    pub fn len(&self) -> usize {
        self.undo.len()
    }

    /// The interviews the next undo (or with `redo`, redo) puts codings back in.
    pub fn interviews(&self, redo: bool) -> Vec<String> {
        let step = if redo {
            self.redo.last()
        } else {
            self.undo.last()
        };
        let mut ids: Vec<String> = step
            .iter()
            .flat_map(|s| &s.answers)
            .map(|(id, _, _)| id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::coding_ops;

    fn project() -> Project {
        let mut synth = crate::synth::Synth::new(4);
        let mut project = synth.project(2);
        project.interviews = (1..=3).map(|n| synth.interview(n, 2)).collect();
        project
    }

    #[test]
    fn undo_and_redo_a_merge() {
        let mut p = project();
        let original = p.clone();
        let mut history = History::default();
        let targets: Vec<(String, String)> = Step::answers_with(&p, &["advice"])
            .into_iter()
            .map(|(i, q)| (i.to_string(), q.to_string()))
            .collect();
        history.record(Step::capture(
            &p,
            "merge",
            true,
            targets.iter().map(|(i, q)| (i.as_str(), q.as_str())),
        ));
        coding_ops::merge(&mut p, "advice", "funding");
        let merged = p.clone();
        assert_ne!(merged, original);
        history.undo(&mut p).unwrap();
        assert_eq!(p, original);
        history.redo(&mut p).unwrap();
        assert_eq!(p, merged);
        history.undo(&mut p).unwrap();
        assert_eq!(p, original);
        assert!(history.undo(&mut p).is_none());
    }

    #[test]
    fn keeps_the_last_hundred() {
        let p = project();
        let mut history = History::default();
        for n in 0..150 {
            history.record(Step::capture(&p, format!("{n}"), false, std::iter::empty()));
        }
        assert_eq!(history.len(), DEPTH);
    }
}
