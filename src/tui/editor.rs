//! A multi-line text editor for answers: word wrap, and a cursor that moves and deletes by
//! grapheme cluster (å typed as a + combining ring is one step, so is an emoji with a skin
//! tone). It holds no text: the text lives in the model, and edits come back as character
//! `TextEdit`s that the model applies (moving coded passages with them).

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::TextEdit;
use crate::model::edit::char_at;

/// What the user asked the editor to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditOp {
    Insert(String),
    Backspace,
    Delete,
    Left,
    Right,
    WordLeft,
    WordRight,
    Up,
    Down,
    Home,
    End,
    Top,
    Bottom,
    PageUp,
    PageDown,
}

/// Applies an editing operation to a one-line box that is only typed at its end (filters,
/// the search query): text is appended, Backspace removes the last grapheme. Returns whether
/// the text changed.
pub fn edit_line(text: &mut String, op: &EditOp) -> bool {
    match op {
        EditOp::Insert(typed) => {
            let typed = typed.replace(['\r', '\n'], " ");
            text.push_str(&typed);
            !typed.is_empty()
        }
        EditOp::Backspace => match text.grapheme_indices(true).next_back() {
            Some((i, _)) => {
                text.truncate(i);
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// One visual line: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Editor {
    /// Byte offset, always on a grapheme boundary.
    pub cursor: usize,
    /// First visible row.
    pub scroll: usize,
    /// The other end of the selection (byte offset), while Shift extends it.
    pub anchor: Option<usize>,
    /// Column kept while moving up and down through shorter lines.
    goal_column: Option<usize>,
    layout: Option<Layout>,
}

#[derive(Debug, Clone)]
struct Layout {
    revision: u64,
    width: usize,
    rows: Vec<Row>,
}

impl Editor {
    /// An editor with the cursor at byte `cursor`.
    pub fn at(cursor: usize) -> Editor {
        Editor {
            cursor,
            ..Editor::default()
        }
    }

    pub fn at_end(text: &str) -> Editor {
        Editor {
            cursor: text.len(),
            ..Editor::default()
        }
    }

    /// The wrapped rows of `text` at `width`, recomputed only when the text (its `revision`)
    /// or the width changed: a 5 MB answer is wrapped once per edit, not once per frame.
    pub fn rows(&mut self, text: &str, revision: u64, width: usize) -> &[Row] {
        let width = width.max(1);
        let stale = self
            .layout
            .as_ref()
            .is_none_or(|l| l.revision != revision || l.width != width);
        if stale {
            self.layout = Some(Layout {
                revision,
                width,
                rows: wrap(text, width),
            });
        }
        &self.layout.as_ref().expect("just set").rows
    }

    /// The wrapped rows for drawing, which only reads: the ones the last update laid out, or
    /// (if the update laid out another text or width) wrapped now and not kept.
    pub fn rows_to_draw(&self, text: &str, revision: u64, width: usize) -> Cow<'_, [Row]> {
        let width = width.max(1);
        match &self.layout {
            Some(l) if l.revision == revision && l.width == width => Cow::Borrowed(&l.rows),
            _ => Cow::Owned(wrap(text, width)),
        }
    }

    /// (row, column) of the cursor on screen.
    pub fn cursor_position(&mut self, text: &str, revision: u64, width: usize) -> (usize, usize) {
        let cursor = self.cursor.min(text.len());
        let rows = self.rows(text, revision, width);
        cursor_in(rows, text, cursor)
    }

    /// (row, column) of the cursor in rows already laid out.
    pub fn cursor_in(&self, rows: &[Row], text: &str) -> (usize, usize) {
        cursor_in(rows, text, self.cursor.min(text.len()))
    }

    /// Keeps the cursor's row inside a window of `height` rows.
    pub fn scroll_to_cursor(&mut self, text: &str, revision: u64, width: usize, height: usize) {
        let (row, _) = self.cursor_position(text, revision, width);
        let height = height.max(1);
        if row < self.scroll {
            self.scroll = row;
        } else if row >= self.scroll + height {
            self.scroll = row + 1 - height;
        }
    }

    /// The selected byte range, if anything is selected.
    pub fn selection(&self) -> Option<(usize, usize)> {
        let anchor = self.anchor?;
        (anchor != self.cursor).then(|| (anchor.min(self.cursor), anchor.max(self.cursor)))
    }

    /// The selection as a character span of `text`.
    pub fn selected_span(&self, text: &str) -> Option<crate::model::Span> {
        let (start, end) = self.selection()?;
        let (start, end) = (start.min(text.len()), end.min(text.len()));
        Some(crate::model::Span {
            start: char_at(text, start),
            end: char_at(text, end),
        })
        .filter(|s| !s.is_empty())
    }

    /// Like `apply`, but a movement with `select` extends the selection from where the cursor
    /// was, and a movement without it drops the selection.
    pub fn apply_selecting(
        &mut self,
        text: &str,
        revision: u64,
        op: EditOp,
        width: usize,
        height: usize,
        select: bool,
    ) -> Option<TextEdit> {
        let is_move = !matches!(op, EditOp::Insert(_) | EditOp::Backspace | EditOp::Delete);
        if is_move {
            if select {
                self.anchor.get_or_insert(self.cursor.min(text.len()));
            } else {
                self.anchor = None;
            }
        }
        self.apply(text, revision, op, width, height)
    }

    /// Performs `op` on `text` (as wrapped at `width`, of which `height` rows show). Movement
    /// only moves the cursor; a change returns the edit for the model to apply, and the
    /// cursor is already placed for the text after it. A change with a selection replaces it.
    pub fn apply(
        &mut self,
        text: &str,
        revision: u64,
        op: EditOp,
        width: usize,
        height: usize,
    ) -> Option<TextEdit> {
        self.cursor = self.cursor.min(text.len());
        if matches!(op, EditOp::Insert(_) | EditOp::Backspace | EditOp::Delete) {
            if let Some((start, end)) = self.selection() {
                self.anchor = None;
                let inserted = match op {
                    EditOp::Insert(s) => s,
                    _ => String::new(),
                };
                self.cursor = start + inserted.len();
                return Some(TextEdit {
                    at: char_at(text, start),
                    removed: text[start..end].chars().count(),
                    inserted,
                });
            }
            self.anchor = None;
        }
        if !matches!(
            op,
            EditOp::Up | EditOp::Down | EditOp::PageUp | EditOp::PageDown
        ) {
            self.goal_column = None;
        }
        match op {
            EditOp::Insert(s) => return self.insert(text, &s),
            EditOp::Backspace => {
                let start = prev_boundary(text, self.cursor)?;
                let edit = remove(text, start, self.cursor);
                self.cursor = start;
                return Some(edit);
            }
            EditOp::Delete => {
                let end = next_boundary(text, self.cursor)?;
                return Some(remove(text, self.cursor, end));
            }
            EditOp::Left => self.cursor = prev_boundary(text, self.cursor).unwrap_or(self.cursor),
            EditOp::Right => self.cursor = next_boundary(text, self.cursor).unwrap_or(self.cursor),
            EditOp::WordLeft => self.cursor = word_left(text, self.cursor),
            EditOp::WordRight => self.cursor = word_right(text, self.cursor),
            EditOp::Home | EditOp::End => {
                let cursor = self.cursor;
                let rows = self.rows(text, revision, width);
                let row = rows[row_of(rows, cursor)];
                self.cursor = if op == EditOp::Home {
                    row.start
                } else {
                    row.end
                };
            }
            EditOp::Top => self.cursor = 0,
            EditOp::Bottom => self.cursor = text.len(),
            EditOp::Up => self.move_rows(text, revision, width, -1),
            EditOp::Down => self.move_rows(text, revision, width, 1),
            EditOp::PageUp => self.move_rows(text, revision, width, -(height.max(2) as isize - 1)),
            EditOp::PageDown => self.move_rows(text, revision, width, height.max(2) as isize - 1),
        }
        None
    }

    fn insert(&mut self, text: &str, inserted: &str) -> Option<TextEdit> {
        if inserted.is_empty() {
            return None;
        }
        let at = char_at(text, self.cursor);
        // A combining mark typed after its base letter composes with it (a + ◌̊ → å), so the
        // stored text is NFC like everything else.
        if inserted.chars().all(is_combining_mark) {
            let start = prev_boundary(text, self.cursor).unwrap_or(self.cursor);
            let composed: String = format!("{}{inserted}", &text[start..self.cursor])
                .nfc()
                .collect();
            let removed = text[start..self.cursor].chars().count();
            self.cursor = start + composed.len();
            return Some(TextEdit {
                at: at - removed,
                removed,
                inserted: composed,
            });
        }
        self.cursor += inserted.len();
        Some(TextEdit {
            at,
            removed: 0,
            inserted: inserted.to_string(),
        })
    }

    fn move_rows(&mut self, text: &str, revision: u64, width: usize, delta: isize) {
        let cursor = self.cursor;
        let goal = self.goal_column;
        let rows = self.rows(text, revision, width);
        let row = row_of(rows, cursor);
        let column = goal.unwrap_or_else(|| text[rows[row].start..cursor].width());
        let target = (row as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
        let new_cursor = if target == row && delta < 0 {
            0
        } else if target == row && delta > 0 {
            text.len()
        } else {
            column_to_byte(text, rows[target], column)
        };
        self.cursor = new_cursor;
        self.goal_column = Some(column);
    }
}

/// Pasted text as it should be stored: CR and CRLF become LF, then NFC.
pub fn normalise_paste(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfc()
        .collect()
}

fn remove(text: &str, start: usize, end: usize) -> TextEdit {
    TextEdit {
        at: char_at(text, start),
        removed: text[start..end].chars().count(),
        inserted: String::new(),
    }
}

fn prev_boundary(text: &str, at: usize) -> Option<usize> {
    text[..at]
        .grapheme_indices(true)
        .next_back()
        .map(|(i, _)| i)
}

fn next_boundary(text: &str, at: usize) -> Option<usize> {
    text[at..].graphemes(true).next().map(|g| at + g.len())
}

fn word_left(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let trimmed = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0)
}

fn word_right(text: &str, at: usize) -> usize {
    let after = &text[at..];
    let skip_word = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    let rest = &after[skip_word..];
    let skip_gap = rest
        .find(|c: char| c.is_alphanumeric())
        .unwrap_or(rest.len());
    at + skip_word + skip_gap
}

/// The row holding byte `at`: the last row starting at or before it.
fn cursor_in(rows: &[Row], text: &str, cursor: usize) -> (usize, usize) {
    let row = row_of(rows, cursor);
    let col = text[rows[row].start..cursor.max(rows[row].start)].width();
    (row, col)
}

pub fn row_of(rows: &[Row], at: usize) -> usize {
    rows.partition_point(|r| r.start <= at).saturating_sub(1)
}

fn column_to_byte(text: &str, row: Row, column: usize) -> usize {
    let mut width = 0;
    for (i, g) in text[row.start..row.end].grapheme_indices(true) {
        let w = g.width();
        if width + w > column {
            return row.start + i;
        }
        width += w;
    }
    row.end
}

/// Word-wraps `text` at `width` columns. Paragraphs break at '\n'; a word longer than a row
/// is broken between graphemes. Every text has at least one row.
pub fn wrap(text: &str, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut paragraph_start = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(
            text,
            paragraph_start,
            paragraph_start + paragraph.len(),
            width,
            &mut rows,
        );
        paragraph_start += paragraph.len() + 1;
    }
    rows
}

fn wrap_paragraph(text: &str, start: usize, end: usize, width: usize, rows: &mut Vec<Row>) {
    let mut row_start = start;
    let mut row_width = 0;
    for (offset, word) in text[start..end].split_word_bound_indices() {
        let word_start = start + offset;
        let word_width = word.width();
        let is_space = word.chars().all(char::is_whitespace);
        if row_width + word_width <= width || is_space {
            row_width += word_width;
            continue;
        }
        if row_width > 0 {
            rows.push(Row {
                start: row_start,
                end: word_start,
            });
            row_start = word_start;
            row_width = 0;
        }
        // A word wider than a whole row: break it between graphemes.
        for (g_offset, g) in word.grapheme_indices(true) {
            let w = g.width();
            if row_width + w > width && row_width > 0 {
                rows.push(Row {
                    start: row_start,
                    end: word_start + g_offset,
                });
                row_start = word_start + g_offset;
                row_width = 0;
            }
            row_width += w;
        }
    }
    rows.push(Row {
        start: row_start,
        end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &mut String, editor: &mut Editor, ops: Vec<EditOp>) {
        for (revision, op) in ops.into_iter().enumerate() {
            if let Some(edit) = editor.apply(text, revision as u64, op, 20, 5) {
                crate::model::edit::apply(text, &mut Vec::new(), &edit);
            }
        }
    }

    fn typed(s: &str) -> Vec<EditOp> {
        s.chars().map(|c| EditOp::Insert(c.to_string())).collect()
    }

    #[test]
    fn typing_swedish_and_deleting_by_grapheme() {
        let mut text = String::new();
        let mut editor = Editor::default();
        run(&mut text, &mut editor, typed("färdplan"));
        assert_eq!(text, "färdplan");
        run(
            &mut text,
            &mut editor,
            vec![EditOp::Left, EditOp::Left, EditOp::Backspace],
        );
        assert_eq!(text, "färdpan");
        run(
            &mut text,
            &mut editor,
            vec![EditOp::Home, EditOp::Right, EditOp::Delete],
        );
        assert_eq!(text, "frdpan");
    }

    #[test]
    fn a_combining_ring_composes_with_its_letter() {
        let mut text = String::new();
        let mut editor = Editor::default();
        run(
            &mut text,
            &mut editor,
            vec![
                EditOp::Insert("r".into()),
                EditOp::Insert("a".into()),
                EditOp::Insert("\u{30a}".into()),
                EditOp::Insert("d".into()),
            ],
        );
        assert_eq!(text, "råd");
        assert_eq!(text.chars().count(), 3);
        run(
            &mut text,
            &mut editor,
            vec![EditOp::Left, EditOp::Backspace],
        );
        assert_eq!(text, "rd");
    }

    #[test]
    fn emoji_with_modifiers_are_one_step() {
        let mut text = "ok 👍🏽 ja".to_string();
        let mut editor = Editor::at_end(&text);
        run(
            &mut text,
            &mut editor,
            vec![EditOp::Left, EditOp::Left, EditOp::Left, EditOp::Backspace],
        );
        assert_eq!(text, "ok  ja");
        let mut text = "👩‍👩‍👧".to_string();
        let mut editor = Editor::at_end(&text);
        run(&mut text, &mut editor, vec![EditOp::Backspace]);
        assert_eq!(text, "");
    }

    #[test]
    fn paste_is_normalised() {
        assert_eq!(normalise_paste("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalise_paste("ra\u{30a}d"), "råd");
    }

    #[test]
    fn wraps_at_words_and_breaks_long_words() {
        let text = "Företagen behöver en tydlig färdplan\nOch pengar";
        let rows: Vec<&str> = wrap(text, 12)
            .iter()
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(
            rows,
            [
                "Företagen ",
                "behöver en ",
                "tydlig ",
                "färdplan",
                "Och pengar"
            ]
        );
        let long = "hållbarhetssäkrade";
        let rows: Vec<&str> = wrap(long, 8)
            .iter()
            .map(|r| &long[r.start..r.end])
            .collect();
        assert_eq!(rows, ["hållbarh", "etssäkra", "de"]);
        assert_eq!(wrap("", 10).len(), 1);
        assert_eq!(wrap("a\n", 10).len(), 2);
    }

    #[test]
    fn up_and_down_keep_the_column() {
        let text = "abcdefgh ijklmnop\nqr\nstuvwxyz".to_string();
        let mut editor = Editor::default();
        editor.apply(&text, 0, EditOp::Right, 10, 5);
        editor.apply(&text, 0, EditOp::Right, 10, 5);
        editor.apply(&text, 0, EditOp::Right, 10, 5);
        editor.apply(&text, 0, EditOp::Down, 10, 5);
        assert_eq!(&text[editor.cursor..editor.cursor + 1], "l");
        editor.apply(&text, 0, EditOp::Down, 10, 5);
        assert_eq!(editor.cursor, text.find("qr").unwrap() + 2);
        editor.apply(&text, 0, EditOp::Down, 10, 5);
        assert_eq!(&text[editor.cursor..editor.cursor + 1], "v");
        editor.apply(&text, 0, EditOp::Down, 10, 5);
        assert_eq!(editor.cursor, text.len());
    }

    #[test]
    fn shift_selects_and_typing_replaces_the_selection() {
        let mut text = "Vi behöver pengar.".to_string();
        let mut editor = Editor::default();
        for _ in 0..3 {
            editor.apply_selecting(&text, 0, EditOp::WordRight, 40, 5, false);
        }
        editor.apply_selecting(&text, 0, EditOp::WordLeft, 40, 5, false);
        editor.apply_selecting(&text, 0, EditOp::WordRight, 40, 5, true);
        assert_eq!(
            editor.selected_span(&text),
            Some(crate::model::Span { start: 11, end: 18 })
        );
        let edit = editor
            .apply_selecting(&text, 0, EditOp::Insert("stöd".into()), 40, 5, false)
            .unwrap();
        crate::model::edit::apply(&mut text, &mut Vec::new(), &edit);
        assert_eq!(text, "Vi behöver stöd");
        assert_eq!(editor.selection(), None);
    }

    #[test]
    fn words_jump() {
        let text = "Vi behöver  en färdplan.";
        assert_eq!(word_right(text, 0), 3);
        assert_eq!(word_left(text, text.len()), text.find("färdplan").unwrap());
        assert_eq!(word_left(text, 3), 0);
    }
}
