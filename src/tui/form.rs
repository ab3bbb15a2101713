//! Small forms (respondent, interview details, question, attribute): labelled one-line fields
//! and choice fields, edited from the keyboard.

use unicode_segmentation::UnicodeSegmentation;

use super::editor::normalise_paste;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// One of fixed options, changed with ←/→.
    Choice(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub value: String,
    pub kind: FieldKind,
    /// Byte offset of the cursor in `value` (text fields).
    pub cursor: usize,
    /// Shown dimmed after the field, e.g. "YYYY-MM-DD" or the suggested values.
    pub hint: String,
}

impl Field {
    pub fn text(label: impl Into<String>, value: impl Into<String>) -> Field {
        let value = value.into();
        Field {
            label: label.into(),
            cursor: value.len(),
            value,
            kind: FieldKind::Text,
            hint: String::new(),
        }
    }

    pub fn choice(label: impl Into<String>, options: Vec<String>, selected: usize) -> Field {
        Field {
            label: label.into(),
            value: options.get(selected).cloned().unwrap_or_default(),
            kind: FieldKind::Choice(options),
            cursor: 0,
            hint: String::new(),
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = hint.into();
        self
    }

    /// Index of the chosen option of a choice field.
    pub fn chosen(&self) -> usize {
        match &self.kind {
            FieldKind::Choice(options) => {
                options.iter().position(|o| *o == self.value).unwrap_or(0)
            }
            FieldKind::Text => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last attempt to save was refused, shown under the fields.
    pub error: Option<String>,
}

/// A key for the focused field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldInput {
    Insert(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn value(&self, index: usize) -> &str {
        self.fields
            .get(index)
            .map(|f| f.value.as_str())
            .unwrap_or("")
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len().max(1) - 1) % self.fields.len().max(1);
    }

    pub fn input(&mut self, input: FieldInput) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if let FieldKind::Choice(options) = &field.kind {
            let n = options.len().max(1);
            let i = options.iter().position(|o| *o == field.value).unwrap_or(0);
            let i = match input {
                FieldInput::Left => (i + n - 1) % n,
                FieldInput::Right | FieldInput::Insert(_) => (i + 1) % n,
                _ => i,
            };
            field.value = options.get(i).cloned().unwrap_or_default();
            return;
        }
        let cursor = field.cursor.min(field.value.len());
        match input {
            FieldInput::Insert(s) => {
                // One line: pasted newlines become spaces.
                let s = normalise_paste(&s).replace('\n', " ");
                field.value.insert_str(cursor, &s);
                field.cursor = cursor + s.len();
            }
            FieldInput::Backspace => {
                if let Some((i, _)) = field.value[..cursor].grapheme_indices(true).next_back() {
                    field.value.replace_range(i..cursor, "");
                    field.cursor = i;
                }
            }
            FieldInput::Delete => {
                if let Some(g) = field.value[cursor..].graphemes(true).next() {
                    field.value.replace_range(cursor..cursor + g.len(), "");
                }
            }
            FieldInput::Left => {
                field.cursor = field.value[..cursor]
                    .grapheme_indices(true)
                    .next_back()
                    .map(|(i, _)| i)
                    .unwrap_or(0);
            }
            FieldInput::Right => {
                field.cursor = cursor
                    + field.value[cursor..]
                        .graphemes(true)
                        .next()
                        .map(str::len)
                        .unwrap_or(0);
            }
            FieldInput::Home => field.cursor = 0,
            FieldInput::End => field.cursor = field.value.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_edit_by_grapheme() {
        let mut form = Form::new("t", vec![Field::text("Namn", "Sala")]);
        form.input(FieldInput::Insert(" kommun".into()));
        form.input(FieldInput::Backspace);
        form.input(FieldInput::Home);
        form.input(FieldInput::Delete);
        assert_eq!(form.value(0), "ala kommu");
        form.input(FieldInput::Insert("Ö\r\nx".into()));
        assert_eq!(form.value(0), "Ö xala kommu");
    }

    #[test]
    fn choice_fields_cycle() {
        let mut form = Form::new(
            "t",
            vec![Field::choice("Läge", vec!["a".into(), "b".into()], 0)],
        );
        form.input(FieldInput::Right);
        assert_eq!(form.value(0), "b");
        form.input(FieldInput::Right);
        assert_eq!(form.value(0), "a");
        form.input(FieldInput::Left);
        assert_eq!(form.value(0), "b");
    }
}
