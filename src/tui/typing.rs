//! Undo and redo of typing in the answer editor, a word at a time as in any editor: typing
//! "tre saker" and pressing Ctrl-Z twice removes "saker", then "tre ". Each step is kept as
//! the edits that made it and the text they removed, so undoing is a list of edits that goes
//! through the journal like any typing.

use crate::model::TextEdit;

/// How many steps are kept per question.
const LIMIT: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Insert,
    Delete,
}

/// One edit with what it removed, so it can be reversed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Done {
    edit: TextEdit,
    removed: String,
}

impl Done {
    fn inverse(&self) -> TextEdit {
        TextEdit {
            at: self.edit.at,
            removed: self.edit.inserted.chars().count(),
            inserted: self.removed.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    kind: Kind,
    edits: Vec<Done>,
    /// The cursor (in characters) before the group and after it.
    before: usize,
    after: usize,
}

/// The typing history of the text in the editor; it starts empty when another text opens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypingHistory {
    undo: Vec<Group>,
    redo: Vec<Group>,
    /// The next edit starts a new step (the cursor moved, or an undo happened).
    broken: bool,
}

/// The edits to apply for an undo or redo, in order, and where the cursor goes (characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay {
    pub edits: Vec<TextEdit>,
    pub cursor: usize,
}

impl TypingHistory {
    /// Records `edit`, which removed `removed` from the text, made with the cursor at
    /// `before` (characters).
    pub fn record(&mut self, edit: TextEdit, removed: String, before: usize) {
        self.redo.clear();
        let kind = if edit.inserted.is_empty() {
            Kind::Delete
        } else {
            Kind::Insert
        };
        let after = edit.at + edit.inserted.chars().count();
        let starts_word = kind == Kind::Insert
            && !edit.inserted.starts_with(char::is_whitespace)
            && self.undo.last().is_some_and(|g| {
                g.edits
                    .last()
                    .is_some_and(|d| d.edit.inserted.ends_with(char::is_whitespace))
            });
        let joins = !self.broken
            && !starts_word
            && self
                .undo
                .last()
                .is_some_and(|g| g.kind == kind && g.after == before);
        self.broken = false;
        let done = Done { edit, removed };
        if joins && let Some(group) = self.undo.last_mut() {
            group.edits.push(done);
            group.after = after;
            return;
        }
        self.undo.push(Group {
            kind,
            edits: vec![done],
            before,
            after,
        });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// The cursor moved without typing: the next edit is a step of its own.
    pub fn break_step(&mut self) {
        self.broken = true;
    }

    pub fn undo(&mut self) -> Option<Replay> {
        let group = self.undo.pop()?;
        let replay = Replay {
            edits: group.edits.iter().rev().map(Done::inverse).collect(),
            cursor: group.before,
        };
        self.redo.push(group);
        self.broken = true;
        Some(replay)
    }

    pub fn redo(&mut self) -> Option<Replay> {
        let group = self.redo.pop()?;
        let replay = Replay {
            edits: group.edits.iter().map(|d| d.edit.clone()).collect(),
            cursor: group.after,
        };
        self.undo.push(group);
        self.broken = true;
        Some(replay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::apply;

    /// Types `typed` at the end of `text`, recording each character.
    fn type_into(text: &mut String, history: &mut TypingHistory, typed: &str) {
        for c in typed.chars() {
            let at = text.chars().count();
            let edit = TextEdit {
                at,
                removed: 0,
                inserted: c.to_string(),
            };
            apply(text, &mut Vec::new(), &edit);
            history.record(edit, String::new(), at);
        }
    }

    fn replay(text: &mut String, replay: Replay) -> usize {
        for edit in &replay.edits {
            apply(text, &mut Vec::new(), edit);
        }
        replay.cursor
    }

    #[test]
    fn undo_takes_back_a_word_at_a_time_and_redo_restores_it() {
        let mut text = String::new();
        let mut history = TypingHistory::default();
        type_into(&mut text, &mut history, "tre saker åt");
        let cursor = replay(&mut text, history.undo().unwrap());
        assert_eq!((text.as_str(), cursor), ("tre saker ", 10));
        replay(&mut text, history.undo().unwrap());
        assert_eq!(text, "tre ");
        replay(&mut text, history.redo().unwrap());
        assert_eq!(text, "tre saker ");
        replay(&mut text, history.undo().unwrap());
        replay(&mut text, history.undo().unwrap());
        assert_eq!(text, "");
        assert!(history.undo().is_none());
    }

    #[test]
    fn a_deletion_is_undone_with_the_text_it_removed() {
        let mut text = String::from("rådgivning");
        let mut history = TypingHistory::default();
        for at in (6..10).rev() {
            let edit = TextEdit {
                at,
                removed: 1,
                inserted: String::new(),
            };
            let removed = text.chars().nth(at).unwrap().to_string();
            apply(&mut text, &mut Vec::new(), &edit);
            history.record(edit, removed, at + 1);
        }
        assert_eq!(text, "rådgiv");
        let cursor = replay(&mut text, history.undo().unwrap());
        assert_eq!((text.as_str(), cursor), ("rådgivning", 10));
    }

    #[test]
    fn moving_the_cursor_starts_a_new_step_and_typing_clears_redo() {
        let mut text = String::new();
        let mut history = TypingHistory::default();
        type_into(&mut text, &mut history, "ab");
        history.break_step();
        type_into(&mut text, &mut history, "cd");
        replay(&mut text, history.undo().unwrap());
        assert_eq!(text, "ab");
        type_into(&mut text, &mut history, "x");
        assert!(history.redo().is_none());
    }
}
