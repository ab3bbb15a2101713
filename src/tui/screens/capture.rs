//! The capture screen: one interview, question by question, typed as it is spoken.
//!
//! Every keystroke in the editor becomes a journal entry at once; the interview file is
//! rewritten (atomically) when the user moves between questions, leaves the editor, pauses,
//! or quits. Scale values, choices and status are saved as soon as they change.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::TextEdit;
use crate::model::coding_ops;
use crate::model::edit::char_at;
use crate::model::{Interview, Question, QuestionKind, Span as Passage, Status};
use crate::tui::app::{
    App, Confirm, Effect, FormPurpose, Overlay, Screen, Tab, refuse_if_read_only,
};
use crate::tui::editor::{EditOp, Editor};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::{self, Action, Context, hint_text};
use crate::tui::screens::code_picker::{CodePicker, PickFor};
use crate::tui::screens::interviews::{
    mode_text, parse_date, read_session_fields, respondent_names, session_fields, status_text,
};
use crate::tui::session::touch;
use crate::tui::theme;
use crate::tui::typing::TypingHistory;
use crate::tui::undo::Step;
use jiff::Timestamp;

#[derive(Debug, Clone)]
pub struct Capture {
    pub interview: String,
    /// The question shown: `0..questions`, or `questions` for the interview's notes.
    pub index: usize,
    pub editing: bool,
    pub editor: Editor,
    /// Ctrl-Z / Ctrl-Y of the text being edited; it starts afresh on another question.
    pub typing: TypingHistory,
    /// The editor's size when last drawn: its wrap width and page height.
    pub editor_size: (u16, u16),
    /// Where Esc returns to: the interviews table, or the coded passages that led here.
    pub back_to: (Screen, Tab),
}

pub fn open(app: &mut App, id: &str) {
    let Some(session) = &app.session else { return };
    let Some(interview) = session.project.interview(id) else {
        return;
    };
    // Start at the first unanswered question: where a paused interview left off.
    let questions = &session.project.guide.questions;
    let index = questions
        .iter()
        .position(|q| interview.answer(&q.id).is_none_or(|a| a.is_empty()))
        .unwrap_or(0);
    let capture = Capture {
        interview: id.to_string(),
        index,
        editing: false,
        editor: Editor::default(),
        typing: TypingHistory::default(),
        editor_size: (60, 8),
        back_to: (Screen::Tabs, Tab::Interviews),
    };
    app.capture = Some(capture);
    app.screen = Screen::Capture;
}

fn question_at<'a>(app: &'a App, capture: &Capture) -> Option<&'a Question> {
    app.session
        .as_ref()?
        .project
        .guide
        .questions
        .get(capture.index)
}

fn interview<'a>(app: &'a App, capture: &Capture) -> Option<&'a Interview> {
    app.session.as_ref()?.project.interview(&capture.interview)
}

/// The text being edited: the current answer's, or the notes.
/// After the open interview's file was reloaded the text under the cursor may be another:
/// the cursor goes to the end of the text as it is now.
pub fn text_reloaded(app: &mut App) {
    let Some(capture) = app.capture.as_ref() else {
        return;
    };
    let end = current_text(app, capture).len();
    if let Some(capture) = app.capture.as_mut() {
        capture.editor = crate::tui::editor::Editor::at(end);
    }
}

fn current_text<'a>(app: &'a App, capture: &Capture) -> &'a str {
    let Some(interview) = interview(app, capture) else {
        return "";
    };
    match question_at(app, capture) {
        Some(q) => interview
            .answer(&q.id)
            .map(|a| a.text.as_str())
            .unwrap_or(""),
        None => &interview.notes,
    }
}

fn question_count(app: &App) -> usize {
    app.session
        .as_ref()
        .map(|s| s.project.guide.questions.len())
        .unwrap_or(0)
}

/// Moves to another question, folding typed text into the file first.
fn go_to(app: &mut App, index: usize) -> Vec<Effect> {
    let mut effects = app.fold_all();
    let last = question_count(app);
    let Some(mut capture) = app.capture.take() else {
        return effects;
    };
    capture.index = index.min(last);
    // Writing continues at the end; reading starts at the top of a long answer.
    capture.editor = if capture.editing {
        Editor::at_end(current_text(app, &capture))
    } else {
        Editor::default()
    };
    capture.typing = TypingHistory::default();
    app.capture = Some(capture);
    if effects.is_empty() {
        effects.push(Effect::SyncJournal);
    }
    effects
}

fn step(app: &mut App, forward: bool) -> Vec<Effect> {
    let Some(index) = app.capture.as_ref().map(|c| c.index) else {
        return Vec::new();
    };
    let last = question_count(app);
    let target = if forward {
        (index + 1).min(last)
    } else {
        index.saturating_sub(1)
    };
    go_to(app, target)
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::NextQuestion => step(app, true),
        Action::PrevQuestion => step(app, false),
        Action::Edit => {
            if let Some(refusal) = refuse_if_read_only(app) {
                return refusal;
            }
            if let Some(mut capture) = app.capture.take() {
                capture.editing = true;
                // A text opened for reading is written at its end, unless a search placed
                // the cursor on a passage.
                if capture.editor.cursor == 0 {
                    capture.editor = Editor::at_end(current_text(app, &capture));
                    capture.editor.scroll_to_cursor(
                        current_text(app, &capture),
                        app.session.as_ref().map_or(0, |s| s.revision),
                        capture.editor_size.0 as usize,
                        capture.editor_size.1 as usize,
                    );
                }
                app.capture = Some(capture);
            }
            Vec::new()
        }
        Action::Value(n) => set_value(app, Some(n)),
        Action::ClearValue => set_value(app, None),
        Action::ToggleComplete => toggle_complete(app),
        Action::Details => {
            if let Some(refusal) = refuse_if_read_only(app) {
                return refusal;
            }
            open_details(app);
            Vec::new()
        }
        Action::Back => {
            let effects = app.fold_all();
            let (screen, tab) = app
                .capture
                .take()
                .map_or((Screen::Tabs, Tab::Interviews), |c| c.back_to);
            app.screen = screen;
            app.tab = tab;
            effects
        }
        Action::Code => open_picker(app),
        Action::Codings => {
            let has_codings = current_answer(app).is_some_and(|a| !a.codings.is_empty());
            if has_codings {
                app.overlay = Some(Overlay::Codings { selected: 0 });
            } else {
                let text = app.t(
                    "Svaret har inga kodningar ännu: c kodar det.",
                    "The answer has no codings yet: c codes it.",
                );
                app.error(text);
            }
            Vec::new()
        }
        Action::Undo => undo(app, false),
        Action::Redo => undo(app, true),
        _ => Vec::new(),
    }
}

/// The interview open in the capture screen, to change.
fn current_interview_mut(app: &mut App) -> Option<&mut Interview> {
    let id = app.capture.as_ref()?.interview.clone();
    app.session.as_mut()?.project.interview_mut(&id)
}

/// Saves the current interview now (for changes that are not typed text).
fn save_now(app: &mut App) -> Vec<Effect> {
    let Some(id) = app.capture.as_ref().map(|c| c.interview.clone()) else {
        return Vec::new();
    };
    let Some(session) = app.session.as_mut() else {
        return Vec::new();
    };
    let Some(interview) = session.project.interview_mut(&id) else {
        return Vec::new();
    };
    touch(interview);
    session.unsaved.remove(&id);
    session.revision += 1;
    vec![Effect::SaveInterview(id), Effect::SyncJournal]
}

fn set_value(app: &mut App, value: Option<u8>) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let Some(capture) = app.capture.as_ref() else {
        return Vec::new();
    };
    let Some(question) = question_at(app, capture).cloned() else {
        return Vec::new();
    };
    let id = capture.interview.clone();
    let number = capture.index + 1;
    let hint = match &question.kind {
        QuestionKind::Open => Some(app.t(
            "Frågan besvaras med text: tryck Enter för att skriva.",
            "This question is answered in text: press Enter to write.",
        )),
        QuestionKind::Scale { min, max, .. } if value.is_some_and(|v| v < *min || v > *max) => {
            Some(app.t(
                "Värdet ligger utanför skalan.",
                "The value is outside the scale.",
            ))
        }
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options }
            if value.is_some_and(|v| v as usize > options.len() || v == 0) =>
        {
            Some(app.t(
                "Det finns inget sådant alternativ.",
                "There is no such option.",
            ))
        }
        _ => None,
    };
    if let Some(hint) = hint {
        app.error(hint);
        return Vec::new();
    }
    let Some(session) = app.session.as_mut() else {
        return Vec::new();
    };
    let Some(interview) = session.project.interview_mut(&id) else {
        return Vec::new();
    };
    let answer = interview.answer_mut(&question.id);
    match (&question.kind, value) {
        (QuestionKind::Scale { .. }, v) => answer.scale = v,
        (_, None) => answer.choices.clear(),
        (QuestionKind::SingleChoice { options }, Some(v)) => {
            let option = options[v as usize - 1].id.clone();
            answer.choices = if answer.choices == [option.clone()] {
                Vec::new()
            } else {
                vec![option]
            };
        }
        (QuestionKind::MultipleChoice { options }, Some(v)) => {
            let option = &options[v as usize - 1].id;
            if let Some(i) = answer.choices.iter().position(|c| c == option) {
                answer.choices.remove(i);
            } else {
                // Keep the guide's order, so files and reports are stable.
                answer.choices.push(option.clone());
                answer
                    .choices
                    .sort_by_key(|c| options.iter().position(|o| &o.id == c));
            }
        }
        (QuestionKind::Open, Some(_)) => {}
    }
    let shown = value_text(&question, answer, app.lang);
    let text = if app.lang == crate::model::Lang::Sv {
        format!("Fråga {number}: {shown}.")
    } else {
        format!("Question {number}: {shown}.")
    };
    app.info(text);
    save_now(app)
}

/// The chosen value or options of an answer, as the status line says them.
fn value_text(
    question: &Question,
    answer: &crate::model::Answer,
    lang: crate::model::Lang,
) -> String {
    let sv = lang == crate::model::Lang::Sv;
    match &question.kind {
        QuestionKind::Scale { labels, .. } => match answer.scale {
            Some(v) => {
                let label = labels
                    .iter()
                    .find(|l| l.value == v)
                    .map(|l| format!(" {}", l.label.get(lang)))
                    .unwrap_or_default();
                if sv {
                    format!("värde {v}{label}")
                } else {
                    format!("value {v}{label}")
                }
            }
            None if sv => "värdet rensat".into(),
            None => "value cleared".into(),
        },
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            let chosen: Vec<&str> = options
                .iter()
                .filter(|o| answer.choices.contains(&o.id))
                .map(|o| o.label.get(lang))
                .collect();
            match (chosen.is_empty(), sv) {
                (true, true) => "inget alternativ valt".into(),
                (true, false) => "no option chosen".into(),
                (false, _) => chosen.join(", "),
            }
        }
        QuestionKind::Open => String::new(),
    }
}

/// `m`: a draft with unanswered questions is only marked complete after asking.
fn toggle_complete(app: &mut App) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let Some(capture) = app.capture.as_ref() else {
        return Vec::new();
    };
    let Some(interview) = interview(app, capture) else {
        return Vec::new();
    };
    let questions = question_count(app);
    let unanswered = questions.saturating_sub(interview.answered());
    if interview.status == Status::Draft && unanswered > 0 {
        let question = if app.sv() {
            format!(
                "{unanswered} av {questions} frågor är obesvarade. Markera intervjun som klar ändå?"
            )
        } else {
            format!(
                "{unanswered} of {questions} questions are unanswered. Mark the interview complete anyway?"
            )
        };
        app.overlay = Some(Overlay::confirm(
            Confirm::MarkComplete(interview.id.clone()),
            question,
        ));
        return Vec::new();
    }
    switch_status(app)
}

/// Marks the interview open in the capture screen complete, or a draft again.
pub fn switch_status(app: &mut App) -> Vec<Effect> {
    let Some(interview) = current_interview_mut(app) else {
        return Vec::new();
    };
    interview.status = match interview.status {
        Status::Draft => Status::Complete,
        Status::Complete => Status::Draft,
    };
    let status = interview.status;
    let message = match (status, app.sv()) {
        (Status::Complete, true) => "Intervjun är markerad som klar.",
        (Status::Complete, false) => "The interview is marked complete.",
        (Status::Draft, true) => "Intervjun är ett utkast igen.",
        (Status::Draft, false) => "The interview is a draft again.",
    };
    app.info(message);
    save_now(app)
}

fn open_details(app: &mut App) {
    let Some(capture) = app.capture.as_ref() else {
        return;
    };
    let Some(interview) = interview(app, capture) else {
        return;
    };
    let mut fields = session_fields(
        app.lang,
        &interview.interviewer,
        interview.date,
        interview.mode,
        interview.consent.given,
    );
    fields.push(
        Field::text(
            app.t("Samtycke datum", "Consent date"),
            interview
                .consent
                .date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        )
        .with_hint("ÅÅÅÅ-MM-DD"),
    );
    fields.push(Field::text(
        app.t("Samtycke notering", "Consent note"),
        interview.consent.note.clone(),
    ));
    let project = &app.session.as_ref().expect("an interview is open").project;
    let names: Vec<&str> = interview
        .respondents
        .iter()
        .filter_map(|id| project.respondent(id))
        .map(|r| r.name.as_str())
        .collect();
    fields.push(
        Field::text(app.t("Organisationer", "Organisations"), names.join("; ")).with_hint(app.t(
            "flera vid bordet: skilj med ;",
            "several at the table: separate with ;",
        )),
    );
    let form = Form::new(app.t("Intervjuns uppgifter", "Interview details"), fields);
    app.overlay = Some(Overlay::Form {
        purpose: FormPurpose::InterviewDetails,
        form,
    });
}

pub fn submit_details(app: &mut App, form: &Form) -> Result<Vec<Effect>, String> {
    let (interviewer, date, mode, consent_given) = read_session_fields(app.lang, form)?;
    let consent_date = match form.value(4).trim() {
        "" => None,
        text => Some(parse_date(app.lang, text)?),
    };
    let respondents = read_respondents(app, form.value(6))?;
    let sv = app.sv();
    let Some(interview) = current_interview_mut(app) else {
        return Ok(Vec::new());
    };
    let before = interview.clone();
    interview.interviewer = interviewer;
    interview.date = date;
    interview.mode = mode;
    interview.consent.given = consent_given;
    interview.consent.date = consent_date;
    interview.consent.note = form.value(5).trim().to_string();
    interview.respondents = respondents;
    // Say what changed, so a stray Enter in the form never changes an interview silently.
    let changed: Vec<&str> = [
        (
            before.interviewer != interview.interviewer,
            "intervjuare",
            "interviewer",
        ),
        (before.date != interview.date, "datum", "date"),
        (before.mode != interview.mode, "form", "mode"),
        (before.consent != interview.consent, "samtycke", "consent"),
        (
            before.respondents != interview.respondents,
            "organisationer",
            "organisations",
        ),
    ]
    .into_iter()
    .filter(|(differs, _, _)| *differs)
    .map(|(_, s, e)| if sv { s } else { e })
    .collect();
    if changed.is_empty() {
        app.info(if sv {
            "Inget ändrades."
        } else {
            "Nothing changed."
        });
        return Ok(Vec::new());
    }
    let text = if sv {
        format!("Ändrade {}.", changed.join(", "))
    } else {
        format!("Changed the {}.", changed.join(", "))
    };
    app.info(text);
    Ok(save_now(app))
}

/// The respondents named in the details form, separated by `;`: each name (accents and case
/// optional) must be one respondent of the project.
fn read_respondents(app: &App, text: &str) -> Result<Vec<String>, String> {
    let Some(session) = &app.session else {
        return Ok(Vec::new());
    };
    let fold = crate::tui::fuzzy::fold;
    let mut ids: Vec<String> = Vec::new();
    for name in text.split(';').map(str::trim).filter(|n| !n.is_empty()) {
        let wanted = fold(name);
        let exact: Vec<&crate::model::Respondent> = session
            .project
            .respondents
            .iter()
            .filter(|r| fold(&r.name) == wanted)
            .collect();
        let found: Vec<&crate::model::Respondent> = if exact.is_empty() {
            session
                .project
                .respondents
                .iter()
                .filter(|r| fold(&r.name).contains(&wanted))
                .collect()
        } else {
            exact
        };
        match found.as_slice() {
            [one] if !ids.contains(&one.id) => ids.push(one.id.clone()),
            [_] => {}
            [] => {
                return Err(if app.sv() {
                    format!("Ingen respondent heter \"{name}\"; lägg till den under r först.")
                } else {
                    format!("No respondent is called \"{name}\"; add it under r first.")
                });
            }
            _ => {
                return Err(if app.sv() {
                    format!("\"{name}\" passar flera respondenter; skriv hela namnet.")
                } else {
                    format!("\"{name}\" fits several respondents; write the whole name.")
                });
            }
        }
    }
    if ids.is_empty() {
        return Err(app
            .t(
                "Ange minst en organisation.",
                "Give at least one organisation.",
            )
            .into());
    }
    Ok(ids)
}

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

fn takes_digits(question: Option<&Question>, comment: &str) -> bool {
    question.is_some_and(|q| q.kind != QuestionKind::Open) && comment.is_empty()
}

/// Applies a change to the text being edited; it goes to the model and the journal.
fn write_edit(app: &mut App, capture: &Capture, change: TextEdit) -> Vec<Effect> {
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
fn undo_typing(app: &mut App, redo: bool) -> Vec<Effect> {
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

pub fn draw(app: &mut App, frame: &mut Frame, area: Rect) {
    let Some(mut capture) = app.capture.take() else {
        return;
    };
    draw_capture(app, &mut capture, frame, area);
    app.capture = Some(capture);
}

fn draw_capture(app: &App, capture: &mut Capture, frame: &mut Frame, area: Rect) {
    let Some(session) = &app.session else { return };
    let Some(interview) = session.project.interview(&capture.interview) else {
        return;
    };
    let project = &session.project;
    let [header, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    draw_header(app, interview, frame, header);
    let list_width = (area.width / 3).clamp(22, 44);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(body);

    // The guide, with answered markers; notes last.
    let questions = &project.guide.questions;
    let height = list.height.saturating_sub(1) as usize;
    let offset = (capture.index + 1).saturating_sub(height.max(1));
    let mut lines: Vec<Line> = Vec::new();
    let texts: Vec<&str> = questions.iter().map(|q| q.text.get(app.lang)).collect();
    let labels = guide_labels(&texts);
    for (i, q) in questions.iter().enumerate().skip(offset).take(height) {
        let answered = interview.answer(&q.id).is_some_and(|a| !a.is_empty());
        let mark = if answered { "✓" } else { "·" };
        let text = format!(
            "{}{mark} {:>2} {}",
            if i == capture.index { "▶" } else { " " },
            i + 1,
            labels[i]
        );
        let style = if i == capture.index {
            theme::selected()
        } else if answered {
            Style::new()
        } else {
            theme::dim()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if questions.len() >= offset && lines.len() < height.max(1) {
        let current = capture.index == questions.len();
        let mark = if interview.notes.trim().is_empty() {
            "·"
        } else {
            "✓"
        };
        let text = format!(
            "{}{mark}  ✎ {}",
            if current { "▶" } else { " " },
            app.t("Anteckningar", "Notes")
        );
        lines.push(Line::from(Span::styled(
            text,
            if current {
                theme::selected()
            } else {
                Style::new()
            },
        )));
    }
    let title = if app.sv() {
        format!(
            " Guide {}/{} besvarade ",
            interview.answered(),
            questions.len()
        )
    } else {
        format!(
            " Guide {}/{} answered ",
            interview.answered(),
            questions.len()
        )
    };
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::new()
                .borders(Borders::RIGHT | Borders::TOP)
                .title(title),
        ),
        list,
    );

    let question = questions.get(capture.index);
    let answer = question.and_then(|q| interview.answer(&q.id));
    let inner = Rect {
        x: detail.x + 1,
        width: detail.width.saturating_sub(1),
        ..detail
    };
    let mut top: Vec<Line> = Vec::new();
    match question {
        Some(q) => {
            let label = if app.sv() {
                format!("Fråga {} av {}", capture.index + 1, questions.len())
            } else {
                format!("Question {} of {}", capture.index + 1, questions.len())
            };
            top.push(Line::from(Span::styled(label, theme::dim())));
            top.push(Line::from(Span::styled(
                q.text.get(app.lang).to_string(),
                theme::title(),
            )));
            if !q.help.is_empty() {
                top.push(Line::from(Span::styled(
                    q.help.get(app.lang).to_string(),
                    theme::dim().add_modifier(Modifier::ITALIC),
                )));
            }
        }
        None => {
            top.push(Line::from(Span::styled(
                app.t("Anteckningar", "Notes"),
                theme::title(),
            )));
            top.push(Line::from(Span::styled(
                app.t(
                    "Fria anteckningar om intervjun: intryck, uppföljning, kontakter.",
                    "Free notes on the interview: impressions, follow-up, contacts.",
                ),
                theme::dim(),
            )));
        }
    }
    top.extend(
        question
            .map(|q| value_lines(app, q, answer))
            .unwrap_or_default(),
    );
    let top_height = wrapped_height(&top, inner.width);
    let codes = answer.map(|a| code_line(app, a)).unwrap_or_default();
    let [top_area, editor_area, codes_area] = Layout::vertical([
        Constraint::Length(top_height.min(inner.height / 2).max(2)),
        Constraint::Min(3),
        Constraint::Length(if codes.spans.is_empty() {
            0
        } else {
            wrapped_height(std::slice::from_ref(&codes), inner.width).min(3)
        }),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: false }), top_area);
    frame.render_widget(Paragraph::new(codes).wrap(Wrap { trim: false }), codes_area);
    draw_editor(app, capture, interview, frame, editor_area);
}

/// The guide list's line for each question. Questions that start with the same words (four
/// "Hur mogna är företagen ni möter inom …") show their first words and then where they differ,
/// so a narrow list still tells them apart: "Hur mogna … energiomställning?".
pub fn guide_labels(texts: &[&str]) -> Vec<String> {
    let words: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    words
        .iter()
        .enumerate()
        .map(|(i, own)| {
            let shared = words
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, other)| own.iter().zip(other).take_while(|(a, b)| a == b).count())
                .max()
                .unwrap_or(0);
            if shared < 3 || shared >= own.len() {
                return texts[i].to_string();
            }
            format!("{} … {}", own[..2].join(" "), own[shared..].join(" "))
        })
        .collect()
}

fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = width.max(1) as usize;
    lines
        .iter()
        .map(|l| l.width().div_ceil(width).max(1) as u16)
        .sum()
}

fn draw_header(app: &App, interview: &Interview, frame: &mut Frame, area: Rect) {
    let Some(session) = &app.session else { return };
    let project = &session.project;
    let first = interview
        .respondents
        .first()
        .and_then(|id| project.respondent(id));
    let attributes: Vec<String> = first
        .map(|r| {
            r.attributes
                .values()
                .filter(|v| !v.is_empty())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let consent = match (interview.consent.given, interview.consent.date) {
        (true, Some(date)) => format!("{} {date}", app.t("samtycke", "consent")),
        (true, None) => app.t("samtycke givet", "consent given").to_string(),
        (false, _) => app
            .t("samtycke inte registrerat", "consent not recorded")
            .to_string(),
    };
    let unsaved = session.unsaved.contains(&interview.id);
    let lines = vec![
        Line::from(vec![
            Span::styled(respondent_names(project, interview), theme::title()),
            Span::styled(format!("  {}", attributes.join(" · ")), theme::dim()),
        ]),
        Line::from(vec![
            Span::raw(format!(
                "{} · {} · {} · ",
                interview.date,
                interview.interviewer,
                mode_text(interview.mode, app.lang)
            )),
            Span::styled(
                consent,
                if interview.consent.given {
                    Style::new()
                } else {
                    theme::error()
                },
            ),
            Span::raw(" · "),
            Span::styled(status_text(interview.status, app.lang), theme::title()),
            Span::styled(
                if session.read_only() {
                    app.t(" · skrivskyddad", " · read-only")
                } else if unsaved {
                    app.t(" · i journalen", " · in the journal")
                } else {
                    app.t(" · sparad", " · saved")
                },
                theme::dim(),
            ),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The scale levels or choice options, the chosen ones marked.
fn value_lines(
    app: &App,
    question: &Question,
    answer: Option<&crate::model::Answer>,
) -> Vec<Line<'static>> {
    match &question.kind {
        QuestionKind::Open => Vec::new(),
        QuestionKind::Scale { min, max, labels } => {
            let chosen = answer.and_then(|a| a.scale);
            let mut spans = vec![Span::styled(app.t("Värde: ", "Value: "), theme::dim())];
            for v in *min..=*max {
                let label = labels
                    .iter()
                    .find(|l| l.value == v)
                    .map(|l| l.label.get(app.lang))
                    .unwrap_or("");
                let text = if chosen == Some(v) {
                    format!("[{v} {label}]")
                } else {
                    format!(" {v} {label} ")
                };
                spans.push(Span::styled(
                    text,
                    if chosen == Some(v) {
                        theme::selected()
                    } else {
                        Style::new()
                    },
                ));
                spans.push(Span::raw(" "));
            }
            vec![Line::from(spans)]
        }
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            let single = matches!(question.kind, QuestionKind::SingleChoice { .. });
            options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let on = answer.is_some_and(|a| a.choices.contains(&o.id));
                    let mark = match (single, on) {
                        (true, true) => "(•)",
                        (true, false) => "( )",
                        (false, true) => "[x]",
                        (false, false) => "[ ]",
                    };
                    let style = if on { theme::title() } else { Style::new() };
                    Line::from(Span::styled(
                        format!("{} {mark} {}", i + 1, o.label.get(app.lang)),
                        style,
                    ))
                })
                .collect()
        }
    }
}

/// The codes on an answer, in their colours; passages marked with ¶.
fn code_line(app: &App, answer: &crate::model::Answer) -> Line<'static> {
    let Some(session) = &app.session else {
        return Line::default();
    };
    if answer.codings.is_empty() {
        return Line::default();
    }
    let mut spans = vec![Span::styled(app.t("Koder: ", "Codes: "), theme::dim())];
    // The coder is named only where two people coded the answer.
    let several_coders = answer
        .codings
        .iter()
        .any(|c| c.coder != answer.codings[0].coder);
    for coding in &answer.codings {
        let (label, colour) = session
            .project
            .codebook
            .code(&coding.code)
            .map(|c| (c.label.get(app.lang).to_string(), c.colour.clone()))
            .unwrap_or((coding.code.clone(), String::new()));
        let mark = if coding.span.is_some() { "¶" } else { "■" };
        spans.push(Span::styled(
            format!("{mark} {label}"),
            theme::code(&colour),
        ));
        spans.push(Span::styled(
            if several_coders {
                format!(" ({})  ", coding.coder)
            } else {
                "  ".into()
            },
            theme::dim(),
        ));
    }
    Line::from(spans)
}

fn draw_editor(
    app: &App,
    capture: &mut Capture,
    interview: &Interview,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(session) = &app.session else { return };
    let question = session.project.guide.questions.get(capture.index);
    let title = match question.map(|q| &q.kind) {
        Some(QuestionKind::Open) => app.t(" Svar ", " Answer "),
        Some(_) => app.t(" Kommentar ", " Comment "),
        None => app.t(" Anteckningar ", " Notes "),
    };
    let hint = if capture.editing {
        keymap::hint_for(
            Context::Editor,
            &[Action::Back, Action::NextQuestion],
            app.lang,
        )
    } else {
        keymap::hint_for(Context::Capture, &[Action::Edit], app.lang)
    };
    let comment = match question {
        Some(q) => interview.answer(&q.id).map_or("", |a| a.text.as_str()),
        None => "",
    };
    let digits = capture.editing && takes_digits(question, comment);
    let hint = match question.map(|q| &q.kind) {
        Some(QuestionKind::Scale { min, max, .. }) if digits => {
            let range = format!("{min}–{max}");
            if app.sv() {
                format!(" {range} väljer värdet ·{hint}")
            } else {
                format!(" {range} chooses the value ·{hint}")
            }
        }
        Some(QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options })
            if digits =>
        {
            let range = format!("1–{}", options.len().min(9));
            if app.sv() {
                format!(" {range} väljer alternativ ·{hint}")
            } else {
                format!(" {range} chooses an option ·{hint}")
            }
        }
        _ => hint,
    };
    let border = if capture.editing {
        theme::key()
    } else {
        theme::dim()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(title)
        .title_bottom(hint);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    capture.editor_size = (inner.width.max(1), inner.height.max(1));
    let answer = question.and_then(|q| interview.answer(&q.id));
    let text = match question {
        Some(_) => answer.map(|a| a.text.as_str()).unwrap_or(""),
        None => interview.notes.as_str(),
    };
    let width = inner.width.max(1) as usize;
    let height = inner.height.max(1) as usize;
    capture
        .editor
        .scroll_to_cursor(text, session.revision, width, height);
    let scroll = capture.editor.scroll;
    let (cursor_row, cursor_col) = capture
        .editor
        .cursor_position(text, session.revision, width);
    // Coded passages as (start, end, colour) in characters.
    let passages: Vec<(usize, usize, String)> = answer
        .map(|a| {
            a.codings
                .iter()
                .filter_map(|c| {
                    let span = c.span?;
                    let colour = session
                        .project
                        .codebook
                        .code(&c.code)
                        .map(|k| k.colour.clone())
                        .unwrap_or_default();
                    Some((span.start, span.end, colour))
                })
                .collect()
        })
        .unwrap_or_default();
    let selection = capture.editor.selected_span(text).map(|s| (s.start, s.end));
    let rows = capture.editor.rows(text, session.revision, width);
    let below = rows.len().saturating_sub(scroll + height);
    if below > 0 || scroll > 0 {
        let marker = match (scroll > 0, below, app.sv()) {
            (true, 0, true) => " ↑ mer ovanför ".to_string(),
            (true, 0, false) => " ↑ more above ".to_string(),
            (_, n, true) => format!(" ↓ {n} rader till "),
            (_, n, false) => format!(" ↓ {n} more lines "),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(marker, theme::key())).alignment(Alignment::Right),
            Rect {
                y: area.y + area.height.saturating_sub(1),
                height: 1,
                ..area
            },
        );
    }
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let mut char_index = rows
        .get(scroll)
        .map(|r| char_at(text, r.start))
        .unwrap_or(0);
    for row in rows.iter().skip(scroll).take(height) {
        let mut spans: Vec<Span> = Vec::new();
        for g in text[row.start..row.end].graphemes(true) {
            let mut style = passages
                .iter()
                .find(|(s, e, _)| *s <= char_index && char_index < *e)
                .map(|(_, _, colour)| theme::passage(colour))
                .unwrap_or_default();
            if selection.is_some_and(|(s, e)| s <= char_index && char_index < e) {
                style = theme::selected();
            }
            char_index += g.chars().count();
            match spans.last_mut() {
                Some(last) if last.style == style => last.content.to_mut().push_str(g),
                _ => spans.push(Span::styled(g.to_string(), style)),
            }
        }
        // The newline that ends a paragraph belongs to no row; count it.
        if text[row.end..].starts_with('\n') {
            char_index += 1;
        }
        lines.push(Line::from(spans));
    }
    if text.is_empty() && !capture.editing {
        lines = vec![Line::from(Span::styled(
            app.t("(inget svar ännu)", "(no answer yet)"),
            theme::dim(),
        ))];
    } else if text.is_empty() && digits {
        lines = vec![Line::from(Span::styled(
            app.t(
                "Skriv en siffra för värdet, eller en kommentar.",
                "Type a digit for the value, or a comment.",
            ),
            theme::dim(),
        ))];
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if capture.editing && cursor_row >= scroll && cursor_row < scroll + height {
        let x = inner.x + (cursor_col as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, inner.y + (cursor_row - scroll) as u16));
    }
}

fn current_answer(app: &App) -> Option<&crate::model::Answer> {
    let capture = app.capture.as_ref()?;
    let question = question_at(app, capture)?;
    interview(app, capture)?.answer(&question.id)
}

/// Opens the id of the interview at a question, the cursor at character `at` of its answer.
pub fn open_at(app: &mut App, id: &str, question: &str, at: Option<usize>) {
    open(app, id);
    let Some(position) = app
        .session
        .as_ref()
        .and_then(|s| s.project.guide.position(question))
    else {
        return;
    };
    let Some(mut capture) = app.capture.take() else {
        return;
    };
    capture.index = position;
    let text = current_text(app, &capture);
    capture.editor = Editor::at(at.map_or(0, |chars| crate::model::edit::byte_at(text, chars)));
    app.capture = Some(capture);
}

/// Opens an interview at its notes, the cursor at character `at`.
pub fn open_notes(app: &mut App, id: &str, at: usize) {
    open(app, id);
    let Some(mut capture) = app.capture.take() else {
        return;
    };
    capture.index = question_count(app);
    capture.editor = Editor::at(crate::model::edit::byte_at(current_text(app, &capture), at));
    app.capture = Some(capture);
}

/// Opens the code picker for the current answer, or the selected passage of it.
fn open_picker(app: &mut App) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let Some(capture) = app.capture.as_ref() else {
        return Vec::new();
    };
    let Some(question) = question_at(app, capture).map(|q| q.id.clone()) else {
        let text = app.t(
            "Anteckningar kodas inte; välj en fråga.",
            "Notes are not coded; choose a question.",
        );
        app.error(text);
        return Vec::new();
    };
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
        crate::tui::screens::codebook::open_coder_form(app, Some(purpose));
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
        &mut item.answer_mut(question).codings,
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
    let what = match (span.is_some(), app.sv()) {
        (true, true) => "passagen",
        (false, true) => "svaret",
        (true, false) => "the passage",
        (false, false) => "the answer",
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
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let mut effects = app.fold_all();
    let Some(session) = app.session.as_mut() else {
        return effects;
    };
    let result = if redo {
        app.history.redo(&mut session.project)
    } else {
        app.history.undo(&mut session.project)
    };
    let Some((label, changed, codebook)) = result else {
        let text = if redo {
            app.t("Inget att göra om.", "Nothing to redo.")
        } else {
            app.t("Inget att ångra.", "Nothing to undo.")
        };
        app.error(text);
        return effects;
    };
    for id in &changed {
        if let Some(interview) = session.project.interview_mut(id) {
            touch(interview);
        }
    }
    session.revision += 1;
    effects.push(Effect::SaveChange {
        interviews: changed,
        codebook,
        project: false,
    });
    let text = match (redo, app.sv()) {
        (false, true) => format!("Ångrade: {label}."),
        (false, false) => format!("Undid: {label}."),
        (true, true) => format!("Gjorde om: {label}."),
        (true, false) => format!("Redid: {label}."),
    };
    app.info(text);
    effects
}

pub fn on_codings_action(app: &mut App, mut selected: usize, action: Action) -> Vec<Effect> {
    let count = current_answer(app).map_or(0, |a| a.codings.len());
    match action {
        Action::Up => selected = selected.saturating_sub(1),
        Action::Down => selected = (selected + 1).min(count.saturating_sub(1)),
        Action::Back => return Vec::new(),
        Action::Undo | Action::Redo => {
            let effects = undo(app, action == Action::Redo);
            let count = current_answer(app).map_or(0, |a| a.codings.len());
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
            let memo = current_answer(app)
                .and_then(|a| a.codings.get(selected))
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
fn change_coding(
    app: &mut App,
    index: usize,
    label: &str,
    change: impl FnOnce(&mut Vec<crate::model::Coding>, usize),
) -> Vec<Effect> {
    let Some(capture) = app.capture.as_ref() else {
        return Vec::new();
    };
    let Some(question) = question_at(app, capture).map(|q| q.id.clone()) else {
        return Vec::new();
    };
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
    let codings = &mut item.answer_mut(&question).codings;
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
    let Some(answer) = current_answer(app) else {
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
    for (i, coding) in answer.codings.iter().enumerate() {
        let code = session.project.codebook.code(&coding.code);
        let label = code
            .map(|c| c.label.get(app.lang).to_string())
            .unwrap_or_else(|| coding.code.clone());
        let colour = code.map(|c| c.colour.clone()).unwrap_or_default();
        let passage = match coding.span.and_then(|s| s.slice(&answer.text)) {
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

#[cfg(test)]
mod tests {
    use super::guide_labels;

    #[test]
    fn guide_labels_show_where_similar_questions_differ() {
        let texts = [
            "Berätta kort om er organisation.",
            "Hur mogna är företagen ni möter inom resurseffektiv produktion?",
            "Hur mogna är företagen ni möter inom energiomställning?",
            "Hur arbetar ni?",
        ];
        let labels = guide_labels(&texts);
        assert_eq!(labels[0], texts[0]);
        assert_eq!(labels[1], "Hur mogna … resurseffektiv produktion?");
        assert_eq!(labels[2], "Hur mogna … energiomställning?");
        assert_eq!(labels[3], "Hur arbetar ni?");
    }
}
