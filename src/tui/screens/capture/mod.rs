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
use crate::model::{Interview, NOTES, Question, QuestionKind, Span as Passage, Status};
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

mod codings;
mod draw;
mod editing;

use codings::open_picker;
pub use codings::{apply_code, draw_codings, on_codings_action, submit_memo, undo};
pub use draw::{draw, guide_labels};
use editing::takes_digits;
pub use editing::{digits_choose_value, on_editor_action, paste_outside, type_text};

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
            let has_codings = current_part(app).is_some_and(|(_, c)| !c.is_empty());
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
    fields.extend(crate::tui::screens::privacy::consent_fields(
        app.lang,
        &interview.consent,
    ));
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
    crate::tui::screens::privacy::read_consent_fields(form, 7, &mut interview.consent);
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

/// The part the capture screen is at: its question's id, or [`NOTES`] outside the guide.
fn part_at(app: &App, capture: &Capture) -> String {
    question_at(app, capture).map_or_else(|| NOTES.to_string(), |q| q.id.clone())
}

/// The text and codings of the part the capture screen is at.
fn current_part(app: &App) -> Option<(&str, &Vec<crate::model::Coding>)> {
    let capture = app.capture.as_ref()?;
    let part = part_at(app, capture);
    let interview = interview(app, capture)?;
    Some((interview.text_of(&part), interview.codings_of(&part)?))
}

/// Opens the id of the interview at a question, the cursor at character `at` of its answer.
/// Opens an interview at a codable part: a question's answer, or (`None`) the notes outside
/// the guide; the cursor at character `at`.
pub fn open_part(app: &mut App, id: &str, question: Option<&str>, at: Option<usize>) {
    match question {
        Some(q) => open_at(app, id, q, at),
        None => open_notes(app, id, at.unwrap_or(0)),
    }
}

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
