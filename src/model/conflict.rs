//! Two versions of the same interview: the one typed here and one written by someone else
//! (a colleague's copy arriving by `git pull`, another program). Parts changed on one side
//! only are taken from that side; an answer changed on both sides is a conflict the user
//! decides, seeing both texts. Nothing is ever dropped without the user's choice.

use super::{Answer, Coding, Interview, Span};

/// One text typed in two ways. The project holds `theirs` until the user chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextConflict {
    pub interview: String,
    /// The question whose answer differs; `None` for the interview's notes.
    pub question: Option<String>,
    pub mine: String,
    /// The codings on `mine`, when known (they are not when rebuilt from the journal).
    pub mine_codings: Option<Vec<Coding>>,
    pub theirs: String,
}

/// What the user keeps of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
    /// Their text, then a blank line, then mine.
    Both,
}

impl TextConflict {
    /// Applies the choice to the interview, which holds their version of the text.
    pub fn resolve(&self, interview: &mut Interview, keep: Keep) {
        let (text, codings) = match &self.question {
            Some(q) => {
                let answer = interview.answer_mut(q);
                (&mut answer.text, Some(&mut answer.codings))
            }
            None => (&mut interview.notes, None),
        };
        match keep {
            Keep::Theirs => {}
            Keep::Mine => {
                *text = self.mine.clone();
                if let Some(codings) = codings {
                    match &self.mine_codings {
                        Some(mine) => *codings = mine.clone(),
                        None => {
                            let chars = text.chars().count();
                            codings.retain(|c| c.span.is_none_or(|s| s.fits(chars)));
                        }
                    }
                }
            }
            Keep::Both => {
                let offset = self.theirs.chars().count() + 2;
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&self.mine);
                if let (Some(codings), Some(mine)) = (codings, &self.mine_codings) {
                    for coding in mine {
                        if coding.span.is_none() && codings.iter().any(|c| c.code == coding.code) {
                            continue;
                        }
                        let mut moved = coding.clone();
                        moved.span = coding.span.map(|s| Span {
                            start: s.start + offset,
                            end: s.end + offset,
                        });
                        codings.push(moved);
                    }
                }
            }
        }
    }
}

/// Merges `mine` and `theirs`, both descended from `base` (`None` when the common version is
/// not known: then every answer that differs is a conflict). Returns the merged interview,
/// holding their text where there is a conflict, and the conflicts.
pub fn merge(
    base: Option<&Interview>,
    mine: &Interview,
    theirs: &Interview,
) -> (Interview, Vec<TextConflict>) {
    let mut merged = theirs.clone();
    let mut conflicts = Vec::new();
    // Details of the interview (respondents, date, status…): one side's change wins; when
    // both changed, mine, since it is what the user sees on the screen.
    let header = |i: &Interview| {
        let mut h = i.clone();
        h.answers.clear();
        h.notes.clear();
        h.modified = jiff::Timestamp::UNIX_EPOCH;
        h
    };
    let mine_changed = base.is_none_or(|b| header(b) != header(mine));
    if mine_changed && header(mine) != header(theirs) {
        let (answers, notes, modified) = (
            std::mem::take(&mut merged.answers),
            std::mem::take(&mut merged.notes),
            merged.modified,
        );
        merged = mine.clone();
        merged.answers = answers;
        merged.notes = notes;
        merged.modified = modified;
    }

    let mut questions: Vec<&str> = theirs.answers.iter().map(|a| a.question.as_str()).collect();
    for answer in &mine.answers {
        if !questions.contains(&answer.question.as_str()) {
            questions.push(&answer.question);
        }
    }
    for question in questions {
        let empty = Answer::new(question);
        let mine_a = mine.answer(question).unwrap_or(&empty);
        let theirs_a = theirs.answer(question).unwrap_or(&empty);
        let base_a = base.map(|b| b.answer(question).unwrap_or(&empty));
        if mine_a == theirs_a || base_a == Some(mine_a) {
            continue;
        }
        if base_a == Some(theirs_a) {
            *merged.answer_mut(question) = mine_a.clone();
            continue;
        }
        if mine_a.text == theirs_a.text {
            // Only values or codings differ: take theirs and add my codings they lack.
            let target = merged.answer_mut(question);
            if base_a.is_none_or(|b| b.scale == theirs_a.scale) {
                target.scale = mine_a.scale;
            }
            if base_a.is_none_or(|b| b.choices == theirs_a.choices) {
                target.choices = mine_a.choices.clone();
            }
            for coding in &mine_a.codings {
                let present = target.codings.iter().any(|c| {
                    c.code == coding.code && c.span == coding.span && c.coder == coding.coder
                });
                if !present {
                    target.codings.push(coding.clone());
                }
            }
            continue;
        }
        conflicts.push(TextConflict {
            interview: mine.id.clone(),
            question: Some(question.to_string()),
            mine: mine_a.text.clone(),
            mine_codings: Some(mine_a.codings.clone()),
            theirs: theirs_a.text.clone(),
        });
    }

    let base_notes = base.map(|b| &b.notes);
    if mine.notes != theirs.notes && base_notes != Some(&mine.notes) {
        if base_notes == Some(&theirs.notes) {
            merged.notes = mine.notes.clone();
        } else {
            conflicts.push(TextConflict {
                interview: mine.id.clone(),
                question: None,
                mine: mine.notes.clone(),
                mine_codings: None,
                theirs: theirs.notes.clone(),
            });
        }
    }
    (merged, conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::Synth;

    fn interview() -> Interview {
        let mut i = Synth::new(1).interview(1, 1);
        i.answers.truncate(3);
        i
    }

    #[test]
    fn changes_on_one_side_are_taken_and_both_sides_conflict() {
        let base = interview();
        let q: Vec<String> = base.answers.iter().map(|a| a.question.clone()).collect();
        let mut mine = base.clone();
        let mut theirs = base.clone();
        mine.answer_mut(&q[0]).text = "mitt svar".into();
        theirs.answer_mut(&q[1]).text = "deras svar".into();
        mine.answer_mut(&q[2]).text = "min version".into();
        theirs.answer_mut(&q[2]).text = "deras version".into();
        let (merged, conflicts) = merge(Some(&base), &mine, &theirs);
        assert_eq!(merged.answer(&q[0]).unwrap().text, "mitt svar");
        assert_eq!(merged.answer(&q[1]).unwrap().text, "deras svar");
        assert_eq!(merged.answer(&q[2]).unwrap().text, "deras version");
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].mine, "min version");

        let mut kept = merged.clone();
        conflicts[0].resolve(&mut kept, Keep::Both);
        assert_eq!(
            kept.answer(&q[2]).unwrap().text,
            "deras version\n\nmin version"
        );
        let mut kept = merged.clone();
        conflicts[0].resolve(&mut kept, Keep::Mine);
        assert_eq!(kept.answer(&q[2]).unwrap().text, "min version");
        let mut kept = merged;
        conflicts[0].resolve(&mut kept, Keep::Theirs);
        assert_eq!(kept.answer(&q[2]).unwrap().text, "deras version");
    }

    #[test]
    fn without_a_base_every_difference_is_a_conflict() {
        let base = interview();
        let q = base.answers[0].question.clone();
        let mut mine = base.clone();
        mine.answer_mut(&q).text = "a".into();
        let mut theirs = base.clone();
        theirs.answer_mut(&q).text = "b".into();
        let (_, conflicts) = merge(None, &mine, &theirs);
        assert_eq!(conflicts.len(), 1);
        let (merged, conflicts) = merge(None, &base, &base);
        assert!(conflicts.is_empty());
        assert_eq!(merged, base);
    }
}
