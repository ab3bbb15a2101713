//! Codes on the current answer: the picker, applying and removing codes, the codings
//! overlay with memos, and undo of coding.

use super::*;

/// Opens the code picker for the current answer, or the selected passage of it.
pub(super) fn open_picker(capture: &Capture, ctx: &Ctx) -> Outcome {
    if let Some(refusal) = ctx.refuse_if_read_only() {
        return refusal;
    }
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::default();
    };
    let question = part_at(&session.project, capture);
    let text = current_text(session, capture);
    if text.trim().is_empty() {
        return Outcome::error(ctx.t(S::AnswerEmptyWriteFirst));
    }
    let span = if capture.editing {
        capture.editor.selected_span(text)
    } else {
        None
    };
    let purpose = PickFor::Answer {
        interview: capture.interview.clone(),
        question,
        span,
    };
    // The first coding asks who codes: the name goes on every coding.
    Outcome::overlay(if ctx.settings.coder.trim().is_empty() {
        crate::tui::screens::codebook::coder_form(ctx.settings, ctx.lang, Some(purpose))
    } else {
        Overlay::CodePicker(CodePicker::new(purpose))
    })
}

/// Applies `code` to an answer or passage as this user, or removes it if it is there.
pub fn apply_code(
    slot: &mut Option<Capture>,
    ctx: &mut Ctx,
    interview: &str,
    question: &str,
    span: Option<Passage>,
    code: &str,
) -> Outcome {
    let coder = ctx.settings.coder.clone();
    let lang = ctx.lang;
    let label = ctx
        .project()
        .and_then(|p| p.codebook.code(code))
        .map(|c| c.label.get(ctx.lang).to_string())
        .unwrap_or_default();
    let undo_label = fill(lang, S::CodingWith, &[("label", &label)]);
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    let step = Step::capture(
        &session.with_only(&[interview]),
        undo_label,
        false,
        [(interview, question)],
    );
    let Some(item) = session.interview_mut(interview) else {
        return Outcome::default();
    };
    let added = coding_ops::toggle(
        item.codings_of_mut(question),
        code,
        span,
        &coder,
        Timestamp::now(),
    );
    touch(item);
    session.unsaved.remove(interview);
    session.revision += 1;
    ctx.history.record(step);
    ctx.recent_codes.retain(|c| c != code);
    ctx.recent_codes.insert(0, code.to_string());
    if let Some(capture) = slot.as_mut() {
        capture.editor.anchor = None;
    }
    let what = say(
        lang,
        match (span.is_some(), question == NOTES) {
            (true, _) => S::ThePassage,
            (false, false) => S::TheAnswer,
            (false, true) => S::ThePartOutside,
        },
    );
    let done = if added { S::CodedWith } else { S::RemovedFrom };
    let message = fill(lang, done, &[("what", &what), ("label", &label)]);
    Outcome::effects(vec![
        Effect::SaveInterview(interview.to_string()),
        Effect::SyncJournal,
    ])
    .with_info(message)
}

/// Undoes (or with `redo`, redoes) the last coding or codebook action.
pub fn undo(ctx: &mut Ctx, redo: bool) -> Outcome {
    ctx.undo(redo)
}

/// The number of codings on the part the capture screen is at.
fn coding_count(capture: &Capture, ctx: &Ctx) -> usize {
    ctx.session
        .as_deref()
        .and_then(|s| current_part(s, capture))
        .map_or(0, |(_, c)| c.len())
}

pub fn on_codings_action(
    slot: &mut Option<Capture>,
    ctx: &mut Ctx,
    mut selected: usize,
    action: Action,
) -> Outcome {
    let Some(capture) = slot.as_mut() else {
        return Outcome::default();
    };
    let count = coding_count(capture, ctx);
    match action {
        Action::Up => selected = selected.saturating_sub(1),
        Action::Down => selected = (selected + 1).min(count.saturating_sub(1)),
        Action::Back => return Outcome::default(),
        Action::Undo | Action::Redo => {
            let mut outcome = undo(ctx, action == Action::Redo);
            let count = coding_count(capture, ctx);
            if count > 0 {
                outcome.overlay = Some(Overlay::Codings {
                    selected: selected.min(count - 1),
                });
            }
            return outcome;
        }
        Action::Edit if count > 0 => {
            if let Some(refusal) = ctx.refuse_if_read_only() {
                return refusal;
            }
            let memo = ctx
                .session
                .as_deref()
                .and_then(|s| current_part(s, capture))
                .and_then(|(_, c)| c.get(selected))
                .map(|c| c.memo.clone())
                .unwrap_or_default();
            let form = Form::new(ctx.t(S::Memo), vec![Field::text(ctx.t(S::Memo), memo)]);
            return Outcome::overlay(Overlay::Form {
                purpose: FormPurpose::Memo(selected),
                form,
            });
        }
        Action::Delete if count > 0 => {
            if let Some(refusal) = ctx.refuse_if_read_only() {
                return refusal;
            }
            let label = ctx.t(S::RemovedCoding);
            let mut outcome = change_coding(capture, ctx, selected, label, |codings, i| {
                codings.remove(i);
            });
            if count > 1 {
                outcome.overlay = Some(Overlay::Codings {
                    selected: selected.min(count - 2),
                });
            }
            return outcome;
        }
        _ => {}
    }
    Outcome::overlay(Overlay::Codings { selected })
}

pub fn submit_memo(
    slot: &mut Option<Capture>,
    ctx: &mut Ctx,
    index: usize,
    form: &Form,
) -> Result<Outcome, String> {
    let Some(capture) = slot.as_mut() else {
        return Ok(Outcome::default());
    };
    let memo = form.value(0).trim().to_string();
    let label = ctx.t(S::MemoChange);
    let mut outcome = change_coding(capture, ctx, index, label, |codings, i| {
        codings[i].memo = memo
    });
    outcome.overlay = Some(Overlay::Codings { selected: index });
    Ok(outcome)
}

/// Changes coding `index` of the current answer (undoably) and saves.
pub(super) fn change_coding(
    capture: &Capture,
    ctx: &mut Ctx,
    index: usize,
    label: &str,
    change: impl FnOnce(&mut Vec<crate::model::Coding>, usize),
) -> Outcome {
    let id = capture.interview.clone();
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    let question = part_at(&session.project, capture);
    let step = Step::capture(
        &session.with_only(&[id.as_str()]),
        label,
        false,
        [(id.as_str(), question.as_str())],
    );
    let Some(item) = session.interview_mut(&id) else {
        return Outcome::default();
    };
    let codings = item.codings_of_mut(&question);
    if index >= codings.len() {
        return Outcome::default();
    }
    change(codings, index);
    touch(item);
    session.unsaved.remove(&id);
    session.revision += 1;
    ctx.history.record(step);
    Outcome::effects(vec![Effect::SaveInterview(id), Effect::SyncJournal])
}

pub fn draw_codings(capture: &Capture, app: &View, selected: usize, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let Some((text, codings)) = current_part(session, capture) else {
        return;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(app.t(S::AnswersCodingsTitle))
        .title_bottom(hint_text(Context::Codings, app.lang));
    frame.render_widget(ratatui::widgets::Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    for (i, coding) in codings.iter().enumerate() {
        let code = session.project.codebook.code(&coding.code);
        let label = code
            .map(|c| c.label.get(app.lang).to_string())
            .unwrap_or_else(|| coding.code.clone());
        let colour = code.map(|c| c.colour.clone()).unwrap_or_default();
        let passage = match coding.span.and_then(|s| s.slice(text)) {
            Some(text) => format!(
                "¶ «{}»",
                text.chars().take(50).collect::<String>().replace('\n', " ")
            ),
            None => app.t(S::WholeAnswer).to_string(),
        };
        let marker = if i == selected { "▶ " } else { "  " };
        let head = Line::from(vec![
            Span::raw(marker),
            Span::styled(label, theme::code(&colour)),
            Span::raw(format!("  {passage}")),
            Span::styled(format!("  {}", coding.coder), theme::dim()),
        ]);
        lines.push(if i == selected {
            head.style(theme::selected())
        } else {
            head
        });
        if !coding.memo.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("    memo: {}", coding.memo),
                theme::dim(),
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
