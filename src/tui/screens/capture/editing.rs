//! The answer editor of the capture screen: its actions, typing (digits to a scale value
//! while the comment is empty), and undo of typing.

use super::*;

/// An action of the editor's table (typing itself comes through `type_text`).
pub fn on_editor_action(slot: &mut Option<Capture>, ctx: &mut Ctx, action: Action) -> Outcome {
    let Some(capture) = slot.as_mut() else {
        return Outcome::default();
    };
    match action {
        Action::Back => {
            capture.editing = false;
            Outcome::effects(ctx.fold_all())
        }
        Action::NextQuestion => step(capture, ctx, true),
        Action::PrevQuestion => step(capture, ctx, false),
        Action::Code => open_picker(capture, ctx),
        Action::Undo => undo_typing(capture, ctx, false),
        Action::Redo => undo_typing(capture, ctx, true),
        _ => Outcome::default(),
    }
}

/// Pasting outside the editor types nothing; it says how to start writing.
pub fn paste_outside(ctx: &Ctx) -> Outcome {
    Outcome::error(ctx.t(S::PressEnterWriteAnswerBefore))
}

/// Runs an editor operation on the current text; a change goes to the model and the journal.
pub fn type_text(slot: &mut Option<Capture>, ctx: &mut Ctx, op: EditOp, select: bool) -> Outcome {
    let Some(capture) = slot.as_mut() else {
        return Outcome::default();
    };
    if let EditOp::Insert(typed) = &op
        && let Ok(digit) = typed.parse::<u8>()
        && ctx
            .session
            .as_deref()
            .is_some_and(|s| digits_choose_value(capture, s))
    {
        return set_value(capture, ctx, (digit > 0).then_some(digit));
    }
    let revision = revision(ctx);
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::default();
    };
    let (width, height) = (
        capture.editor_size.0 as usize,
        capture.editor_size.1 as usize,
    );
    let text = current_text(session, capture);
    let before = char_at(text, capture.editor.cursor.min(text.len()));
    let change = capture
        .editor
        .apply_selecting(text, revision, op, width, height, select);
    let outcome = match change {
        Some(change) => {
            let removed: String = text.chars().skip(change.at).take(change.removed).collect();
            capture.typing.record(change.clone(), removed, before);
            write_edit(capture, ctx, change)
        }
        None => {
            capture.typing.break_step();
            Outcome::default()
        }
    };
    if let Some(session) = ctx.session.as_deref() {
        let text = current_text(session, capture);
        capture
            .editor
            .scroll_to_cursor(text, session.revision, width, height);
    }
    outcome
}

/// Whether a digit typed in the editor chooses the value: on a scale or choice question whose
/// comment is still empty. Once the comment has text, digits are text.
pub fn digits_choose_value(capture: &Capture, session: &Session) -> bool {
    takes_digits(
        question_at(&session.project, capture),
        current_text(session, capture),
    )
}

pub(super) fn takes_digits(question: Option<&Question>, comment: &str) -> bool {
    question.is_some_and(|q| q.kind != QuestionKind::Open) && comment.is_empty()
}

/// Applies a change to the text being edited; it goes to the model and the journal.
pub(super) fn write_edit(capture: &Capture, ctx: &mut Ctx, change: TextEdit) -> Outcome {
    let question = ctx
        .project()
        .and_then(|p| question_at(p, capture))
        .map(|q| q.id.clone());
    let lang = ctx.lang;
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    let Some((records, dropped)) =
        session.edit_text(&capture.interview, question.as_deref(), change)
    else {
        return Outcome::default();
    };
    *ctx.last_edit = Some(Instant::now());
    let outcome = Outcome::effects(records.into_iter().map(Effect::Journal).collect());
    if dropped == 0 {
        return outcome;
    }
    let text = fill(lang, S::PassageRemovedWithText, &[("n", &dropped)]);
    Outcome::error(text).with_effects(outcome.effects)
}

/// Ctrl-Z / Ctrl-Y in the editor: takes back (or redoes) the last word or deletion typed.
pub(super) fn undo_typing(capture: &mut Capture, ctx: &mut Ctx, redo: bool) -> Outcome {
    let replay = if redo {
        capture.typing.redo()
    } else {
        capture.typing.undo()
    };
    let Some(replay) = replay else {
        return Outcome::error(if redo {
            ctx.t(S::NoTypingRedo)
        } else {
            ctx.t(S::NoTypingUndo)
        });
    };
    let mut outcome = Outcome::default();
    for edit in replay.edits {
        let written = write_edit(capture, ctx, edit);
        outcome.effects.extend(written.effects);
        outcome.status = written.status.or(outcome.status);
    }
    let Some(session) = ctx.session.as_deref() else {
        return outcome;
    };
    let text = current_text(session, capture);
    capture.editor.cursor = crate::model::edit::byte_at(text, replay.cursor);
    capture.editor.anchor = None;
    let (width, height) = (
        capture.editor_size.0 as usize,
        capture.editor_size.1 as usize,
    );
    capture
        .editor
        .scroll_to_cursor(text, revision(ctx), width, height);
    outcome
}
