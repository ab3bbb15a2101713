//! The selection in a list, moved by the table's movement actions the same way everywhere.

use super::keymap::Action;

/// The selected line of a list of `len` lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub at: usize,
}

impl Cursor {
    /// Moves for a movement action (`page` lines for PgUp/PgDn); returns whether `action`
    /// was one, so a screen hands only the others to its own code.
    pub fn apply(&mut self, action: Action, len: usize, page: usize) -> bool {
        let last = len.saturating_sub(1);
        self.at = match action {
            Action::Up => self.at.saturating_sub(1),
            Action::Down => (self.at + 1).min(last),
            Action::PageUp => self.at.saturating_sub(page.max(1)),
            Action::PageDown => (self.at + page.max(1)).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    /// Keeps the selection inside a list that shrank.
    pub fn clamp(&mut self, len: usize) {
        self.at = self.at.min(len.saturating_sub(1));
    }

    /// The first line to show so the selection is visible in `height` lines.
    pub fn offset(&self, height: usize) -> usize {
        (self.at + 1).saturating_sub(height.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_within_the_list() {
        let mut cursor = Cursor::default();
        assert!(cursor.apply(Action::Up, 5, 2));
        assert_eq!(cursor.at, 0);
        cursor.apply(Action::PageDown, 5, 3);
        assert_eq!(cursor.at, 3);
        cursor.apply(Action::PageDown, 5, 3);
        assert_eq!(cursor.at, 4);
        cursor.apply(Action::Top, 5, 3);
        assert_eq!(cursor.at, 0);
        cursor.apply(Action::Bottom, 0, 3);
        assert_eq!(cursor.at, 0);
        assert!(!cursor.apply(Action::Open, 5, 3));
        cursor.at = 9;
        cursor.clamp(3);
        assert_eq!((cursor.at, cursor.offset(2)), (2, 1));
    }
}
