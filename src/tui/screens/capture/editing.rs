//! The answer editor of the capture screen: its actions, typing (digits to a scale value
//! while the comment is empty), and undo of typing.

use super::*;

/// An action of the editor's table (typing itself comes through `type_text`).
pub fn on_editor_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            if let Some(capture) = app.capture.as_mut() {
                capture.editing = false;
            }
            app.fold_all()
        }
        Action::NextQuestion => step(app, true),
        Action::PrevQuestion => step(app, false),
        Action::Code => open_picker(app),
        Action::Undo => undo_typing(app, false),
        Action::Redo => undo_typing(app, true),
        _ => Vec::new(),
    }
}

/// Pasting outside the editor types nothing; it says how to start writing.
pub fn paste_outside(app: &mut App) -> Vec<Effect> {
    let hint = app.t(
        "Tryck Enter för att skriva i svaret innan du klistrar in.",
        "Press Enter to write in the answer before pasting.",
    );
    app.error(hint);
    Vec::new()
}

/// Runs an editor operation on the current text; a change goes to the model and the journal.
pub fn type_text(app: &mut App, op: EditOp, select: bool) -> Vec<Effect> {
    if let EditOp::Insert(typed) = &op
        && let Ok(digit) = typed.parse::<u8>()
        && digits_choose_value(app)
    {
        return set_value(app, (digit > 0).then_some(digit));
    }
    let Some(mut capture) = app.capture.take() else {
        return Vec::new();
    };
    let revision = app.session.as_ref().map(|s| s.revision).unwrap_or(0);
    let (width, height) = (
        capture.editor_size.0 as usize,
        capture.editor_size.1 as usize,
    );
    let text = current_text(app, &capture);
    let before = char_at(text, capture.editor.cursor.min(text.len()));
    let change = capture
        .editor
        .apply_selecting(text, revision, op, width, height, select);
    let effects = match change {
        Some(change) => {
            let removed: String = text.chars().skip(change.at).take(change.removed).collect();
            capture.typing.record(change.clone(), removed, before);
            write_edit(app, &capture, change)
        }
        None => {
            capture.typing.break_step();
            Vec::new()
        }
    };
    let revision = app.session.as_ref().map(|s| s.revision).unwrap_or(0);
    capture
        .editor
        .scroll_to_cursor(current_text(app, &capture), revision, width, height);
    app.capture = Some(capture);
    effects
}

/// Whether a digit typed in the editor chooses the value: on a scale or choice question whose
/// comment is still empty. Once the comment has text, digits are text.
pub fn digits_choose_value(app: &App) -> bool {
    let Some(capture) = app.capture.as_ref() else {
        return false;
    };
    takes_digits(question_at(app, capture), current_text(app, capture))
}

pub(super) fn takes_digits(question: Option<&Question>, comment: &str) -> bool {
    question.is_some_and(|q| q.kind != QuestionKind::Open) && comment.is_empty()
}

/// Applies a change to the text being edited; it goes to the model and the journal.
pub(super) fn write_edit(app: &mut App, capture: &Capture, change: TextEdit) -> Vec<Effect> {
    let question = question_at(app, capture).map(|q| q.id.clone());
    let Some(session) = app.session.as_mut() else {
        return Vec::new();
    };
    let Some((records, dropped)) =
        session.edit_text(&capture.interview, question.as_deref(), change)
    else {
        return Vec::new();
    };
    app.last_edit = Some(Instant::now());
    if dropped > 0 {
        let text = if app.sv() {
            format!("{dropped} kodad passage togs bort tillsammans med sin text.")
        } else {
            format!("{dropped} coded passage was removed with its text.")
        };
        app.error(text);
    }
    records.into_iter().map(Effect::Journal).collect()
}

/// Ctrl-Z / Ctrl-Y in the editor: takes back (or redoes) the last word or deletion typed.
pub(super) fn undo_typing(app: &mut App, redo: bool) -> Vec<Effect> {
    let Some(mut capture) = app.capture.take() else {
        return Vec::new();
    };
    let replay = if redo {
        capture.typing.redo()
    } else {
        capture.typing.undo()
    };
    let Some(replay) = replay else {
        app.capture = Some(capture);
        let text = if redo {
            app.t("Inget skrivande att göra om.", "No typing to redo.")
        } else {
            app.t("Inget skrivande att ångra.", "No typing to undo.")
        };
        app.error(text);
        return Vec::new();
    };
    let mut effects = Vec::new();
    for edit in replay.edits {
        effects.extend(write_edit(app, &capture, edit));
    }
    let text = current_text(app, &capture);
    capture.editor.cursor = crate::model::edit::byte_at(text, replay.cursor);
    capture.editor.anchor = None;
    let revision = app.session.as_ref().map(|s| s.revision).unwrap_or(0);
    let (width, height) = (
        capture.editor_size.0 as usize,
        capture.editor_size.1 as usize,
    );
    capture
        .editor
        .scroll_to_cursor(current_text(app, &capture), revision, width, height);
    app.capture = Some(capture);
    effects
}
