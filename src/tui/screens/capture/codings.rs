//! Codes on the current answer: the picker, applying and removing codes, the codings
//! overlay with memos, and undo of coding.

use super::*;

/// Opens the code picker for the current answer, or the selected passage of it.
pub(super) fn open_picker(app: &mut App) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let Some(capture) = app.capture.as_ref() else {
        return Vec::new();
    };
    let question = part_at(app, capture);
    let text = current_text(app, capture);
    if text.trim().is_empty() {
        let hint = app.t(
            "Svaret är tomt: skriv det först.",
            "The answer is empty: write it first.",
        );
        app.error(hint);
        return Vec::new();
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
    if app.settings.coder.trim().is_empty() {
        app.overlay = Some(crate::tui::screens::codebook::coder_form(
            &app.settings,
            app.lang,
            Some(purpose),
        ));
    } else {
        app.overlay = Some(Overlay::CodePicker(CodePicker::new(purpose)));
    }
    Vec::new()
}

/// Applies `code` to an answer or passage as this user, or removes it if it is there.
pub fn apply_code(
    app: &mut App,
    interview: &str,
    question: &str,
    span: Option<Passage>,
    code: &str,
) -> Vec<Effect> {
    let coder = app.settings.coder.clone();
    let label = app
        .session
        .as_ref()
        .and_then(|s| s.project.codebook.code(code))
        .map(|c| c.label.get(app.lang).to_string())
        .unwrap_or_default();
    let undo_label = if app.sv() {
        format!("kodning med {label}")
    } else {
        format!("coding with {label}")
    };
    let Some(session) = app.session.as_mut() else {
        return Vec::new();
    };
    let step = Step::capture(&session.project, undo_label, false, [(interview, question)]);
    let Some(item) = session.project.interview_mut(interview) else {
        return Vec::new();
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
    app.history.record(step);
    app.recent_codes.retain(|c| c != code);
    app.recent_codes.insert(0, code.to_string());
    if let Some(capture) = app.capture.as_mut() {
        capture.editor.anchor = None;
    }
    let what = match (span.is_some(), question == NOTES, app.sv()) {
        (true, _, true) => "passagen",
        (false, false, true) => "svaret",
        (false, true, true) => "delen utanför guiden",
        (true, _, false) => "the passage",
        (false, false, false) => "the answer",
        (false, true, false) => "the part outside the guide",
    };
    let message = match (added, app.sv()) {
        (true, true) => format!("Kodade {what} med {label} (u ångrar)."),
        (false, true) => format!("Tog bort {label} från {what} (u ångrar)."),
        (true, false) => format!("Coded {what} with {label} (u undoes)."),
        (false, false) => format!("Removed {label} from {what} (u undoes)."),
    };
    app.info(message);
    vec![
        Effect::SaveInterview(interview.to_string()),
        Effect::SyncJournal,
    ]
}

/// Undoes (or with `redo`, redoes) the last coding or codebook action.
pub fn undo(app: &mut App, redo: bool) -> Vec<Effect> {
    let outcome = app.ctx().undo(redo);
    app.apply(outcome)
}

pub fn on_codings_action(app: &mut App, mut selected: usize, action: Action) -> Vec<Effect> {
    let count = current_part(app).map_or(0, |(_, c)| c.len());
    match action {
        Action::Up => selected = selected.saturating_sub(1),
        Action::Down => selected = (selected + 1).min(count.saturating_sub(1)),
        Action::Back => return Vec::new(),
        Action::Undo | Action::Redo => {
            let effects = undo(app, action == Action::Redo);
            let count = current_part(app).map_or(0, |(_, c)| c.len());
            if count > 0 {
                app.overlay = Some(Overlay::Codings {
                    selected: selected.min(count - 1),
                });
            }
            return effects;
        }
        Action::Edit if count > 0 => {
            if let Some(refusal) = refuse_if_read_only(app) {
                return refusal;
            }
            let memo = current_part(app)
                .and_then(|(_, c)| c.get(selected))
                .map(|c| c.memo.clone())
                .unwrap_or_default();
            let form = Form::new(
                app.t("Memo", "Memo"),
                vec![Field::text(app.t("Memo", "Memo"), memo)],
            );
            app.overlay = Some(Overlay::Form {
                purpose: FormPurpose::Memo(selected),
                form,
            });
            return Vec::new();
        }
        Action::Delete if count > 0 => {
            if let Some(refusal) = refuse_if_read_only(app) {
                return refusal;
            }
            let effects = change_coding(
                app,
                selected,
                app.t("borttagen kodning", "removed coding"),
                |codings, i| {
                    codings.remove(i);
                },
            );
            if count > 1 {
                app.overlay = Some(Overlay::Codings {
                    selected: selected.min(count - 2),
                });
            }
            return effects;
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Codings { selected });
    Vec::new()
}

pub fn submit_memo(app: &mut App, index: usize, form: &Form) -> Result<Vec<Effect>, String> {
    let memo = form.value(0).trim().to_string();
    let effects = change_coding(app, index, app.t("memo", "memo"), |codings, i| {
        codings[i].memo = memo
    });
    app.overlay = Some(Overlay::Codings { selected: index });
    Ok(effects)
}

/// Changes coding `index` of the current answer (undoably) and saves.
pub(super) fn change_coding(
    app: &mut App,
    index: usize,
    label: &str,
    change: impl FnOnce(&mut Vec<crate::model::Coding>, usize),
) -> Vec<Effect> {
    let Some(capture) = app.capture.as_ref() else {
        return Vec::new();
    };
    let question = part_at(app, capture);
    let id = capture.interview.clone();
    let Some(session) = app.session.as_mut() else {
        return Vec::new();
    };
    let step = Step::capture(
        &session.project,
        label,
        false,
        [(id.as_str(), question.as_str())],
    );
    let Some(item) = session.project.interview_mut(&id) else {
        return Vec::new();
    };
    let codings = item.codings_of_mut(&question);
    if index >= codings.len() {
        return Vec::new();
    }
    change(codings, index);
    touch(item);
    session.unsaved.remove(&id);
    session.revision += 1;
    app.history.record(step);
    vec![Effect::SaveInterview(id), Effect::SyncJournal]
}

pub fn draw_codings(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let Some(session) = &app.session else { return };
    let Some((text, codings)) = current_part(app) else {
        return;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(app.t(" Svarets kodningar ", " The answer's codings "))
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
            None => app.t("■ hela svaret", "■ whole answer").to_string(),
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
