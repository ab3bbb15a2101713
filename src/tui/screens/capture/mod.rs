//! The capture screen: one interview, question by question, typed as it is spoken.
//!
//! Every keystroke in the editor becomes a journal entry at once; the interview file is
//! rewritten (atomically) when the user moves between questions, leaves the editor, pauses,
//! or quits. Scale values, choices and status are saved as soon as they change.
//!
//! The screen's functions get its state (`None` once it is left) and the narrow context, and
//! return an outcome; they never see the whole application.

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
use crate::model::{Interview, NOTES, Project, Question, QuestionKind, Span as Passage, Status};
use crate::tui::editor::{EditOp, Editor};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::{self, Action, Context, hint_text};
use crate::tui::screens::code_picker::{CodePicker, PickFor};
use crate::tui::screens::interviews::{
    mode_text, parse_date, read_session_fields, respondent_names, session_fields, status_text,
};
use crate::tui::session::{Session, touch};
use crate::tui::state::{Confirm, Ctx, Effect, FormPurpose, Outcome, Overlay, Screen, Tab, View};
use crate::tui::theme;
use crate::tui::typing::TypingHistory;
use crate::tui::undo::Step;
use jiff::Timestamp;

mod codings;
mod draw;
mod editing;

use crate::tui::strings::{S, fill, say};
use codings::open_picker;
pub use codings::{apply_code, draw_codings, on_codings_action, submit_memo, undo};
pub use draw::{draw, editor_area, guide_labels};
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

impl Capture {
    /// The interview `id` at its first unanswered question: where a paused interview left off.
    /// The interview must be held (see `Session::load`).
    pub fn open(session: &Session, id: &str) -> Option<Capture> {
        let project = &session.project;
        let interview = session.interview(id)?;
        let index = project
            .guide
            .questions
            .iter()
            .position(|q| interview.answer(&q.id).is_none_or(|a| a.is_empty()))
            .unwrap_or(0);
        Some(Capture {
            interview: id.to_string(),
            index,
            editing: false,
            editor: Editor::default(),
            typing: TypingHistory::default(),
            editor_size: (60, 8),
            back_to: (Screen::Tabs, Tab::Interviews),
        })
    }

    /// The interview `id` at a question, the cursor at character `at` of its answer.
    pub fn at(session: &Session, id: &str, question: &str, at: Option<usize>) -> Option<Capture> {
        let mut capture = Capture::open(session, id)?;
        let Some(position) = session.project.guide.position(question) else {
            return Some(capture);
        };
        capture.index = position;
        let text = current_text(session, &capture);
        capture.editor = Editor::at(at.map_or(0, |chars| crate::model::edit::byte_at(text, chars)));
        Some(capture)
    }

    /// The interview `id` at its part outside the guide, the cursor at character `at`.
    pub fn at_notes(session: &Session, id: &str, at: usize) -> Option<Capture> {
        let mut capture = Capture::open(session, id)?;
        capture.index = session.project.guide.questions.len();
        let text = current_text(session, &capture);
        capture.editor = Editor::at(crate::model::edit::byte_at(text, at));
        Some(capture)
    }

    /// After the open interview's file was reloaded the text under the cursor may be another:
    /// the cursor goes to the end of the text as it is now.
    pub fn text_reloaded(&mut self, session: &Session) {
        self.editor = Editor::at(current_text(session, self).len());
    }

    /// Fits the editor to the area the layout gives it (on every update, never in drawing):
    /// the wrap width, the page height, and the scroll that keeps the cursor in view.
    pub fn fit(&mut self, session: &Session, revision: u64, area: Rect) {
        self.editor_size = (area.width.max(1), area.height.max(1));
        let text = current_text(session, self);
        self.editor.scroll_to_cursor(
            text,
            revision,
            usize::from(self.editor_size.0),
            usize::from(self.editor_size.1),
        );
    }
}

fn question_at<'a>(project: &'a Project, capture: &Capture) -> Option<&'a Question> {
    project.guide.questions.get(capture.index)
}

/// The interview open in the capture screen (held while it is shown).
fn interview<'a>(session: &'a Session, capture: &Capture) -> Option<&'a Interview> {
    session.interview(&capture.interview)
}

/// The text being edited: the current answer's, or the notes.
fn current_text<'a>(session: &'a Session, capture: &Capture) -> &'a str {
    let Some(interview) = interview(session, capture) else {
        return "";
    };
    match question_at(&session.project, capture) {
        Some(q) => interview
            .answer(&q.id)
            .map(|a| a.text.as_str())
            .unwrap_or(""),
        None => &interview.notes,
    }
}

fn revision(ctx: &Ctx) -> u64 {
    ctx.session.as_deref().map_or(0, |s| s.revision)
}

/// Moves to another question, folding typed text into the file first.
fn go_to(capture: &mut Capture, ctx: &mut Ctx, index: usize) -> Outcome {
    let mut effects = ctx.fold_all();
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::effects(effects);
    };
    capture.index = index.min(session.project.guide.questions.len());
    // Writing continues at the end; reading starts at the top of a long answer.
    capture.editor = if capture.editing {
        Editor::at_end(current_text(session, capture))
    } else {
        Editor::default()
    };
    capture.typing = TypingHistory::default();
    if effects.is_empty() {
        effects.push(Effect::SyncJournal);
    }
    Outcome::effects(effects)
}

fn step(capture: &mut Capture, ctx: &mut Ctx, forward: bool) -> Outcome {
    let last = ctx.project().map_or(0, |p| p.guide.questions.len());
    let target = if forward {
        (capture.index + 1).min(last)
    } else {
        capture.index.saturating_sub(1)
    };
    go_to(capture, ctx, target)
}

pub fn on_action(slot: &mut Option<Capture>, ctx: &mut Ctx, action: Action) -> Outcome {
    if action == Action::Back {
        let effects = ctx.fold_all();
        let (screen, tab) = slot
            .take()
            .map_or((Screen::Tabs, Tab::Interviews), |c| c.back_to);
        return Outcome {
            go: Some(screen),
            tab: Some(tab),
            ..Outcome::effects(effects)
        };
    }
    let Some(capture) = slot.as_mut() else {
        return Outcome::default();
    };
    match action {
        Action::NextQuestion => step(capture, ctx, true),
        Action::PrevQuestion => step(capture, ctx, false),
        Action::Edit => {
            if let Some(refusal) = ctx.refuse_if_read_only() {
                return refusal;
            }
            capture.editing = true;
            // A text opened for reading is written at its end, unless a search placed the
            // cursor on a passage.
            if capture.editor.cursor == 0
                && let Some(session) = ctx.session.as_deref()
            {
                capture.editor = Editor::at_end(current_text(session, capture));
            }
            Outcome::default()
        }
        Action::Value(n) => set_value(capture, ctx, Some(n)),
        Action::ClearValue => set_value(capture, ctx, None),
        Action::ToggleComplete => toggle_complete(capture, ctx),
        Action::Details => {
            if let Some(refusal) = ctx.refuse_if_read_only() {
                return refusal;
            }
            open_details(capture, ctx)
        }
        Action::Code => open_picker(capture, ctx),
        Action::Codings => {
            let has_codings = ctx
                .session
                .as_deref()
                .and_then(|s| current_part(s, capture))
                .is_some_and(|(_, c)| !c.is_empty());
            if has_codings {
                Outcome::overlay(Overlay::Codings { selected: 0 })
            } else {
                Outcome::error(ctx.t(S::AnswerHasNoCodingsYet))
            }
        }
        Action::Undo => undo(ctx, false),
        Action::Redo => undo(ctx, true),
        _ => Outcome::default(),
    }
}

/// Saves the interview open in the capture screen now (for changes that are not typed text).
fn save_now(capture: &Capture, ctx: &mut Ctx) -> Vec<Effect> {
    let id = capture.interview.clone();
    let Some(session) = ctx.session.as_deref_mut() else {
        return Vec::new();
    };
    let Some(interview) = session.interview_mut(&id) else {
        return Vec::new();
    };
    touch(interview);
    session.unsaved.remove(&id);
    session.revision += 1;
    vec![Effect::SaveInterview(id), Effect::SyncJournal]
}

fn set_value(capture: &Capture, ctx: &mut Ctx, value: Option<u8>) -> Outcome {
    if let Some(refusal) = ctx.refuse_if_read_only() {
        return refusal;
    }
    let Some(question) = ctx.project().and_then(|p| question_at(p, capture)).cloned() else {
        return Outcome::default();
    };
    let id = capture.interview.clone();
    let number = capture.index + 1;
    let hint = match &question.kind {
        QuestionKind::Open => Some(ctx.t(S::ThisQuestionAnsweredTextPress)),
        QuestionKind::Scale { min, max, .. } if value.is_some_and(|v| v < *min || v > *max) => {
            Some(ctx.t(S::ValueOutsideScale))
        }
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options }
            if value.is_some_and(|v| v as usize > options.len() || v == 0) =>
        {
            Some(ctx.t(S::ThereNoSuchOption))
        }
        _ => None,
    };
    if let Some(hint) = hint {
        return Outcome::error(hint);
    }
    let lang = ctx.lang;
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    let Some(interview) = session.interview_mut(&id) else {
        return Outcome::default();
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
    let shown = value_text(&question, answer, lang);
    let text = fill(lang, S::QuestionValue, &[("n", &number), ("value", &shown)]);
    Outcome::effects(save_now(capture, ctx)).with_info(text)
}

/// The chosen value or options of an answer, as the status line says them.
fn value_text(
    question: &Question,
    answer: &crate::model::Answer,
    lang: crate::model::Lang,
) -> String {
    match &question.kind {
        QuestionKind::Scale { labels, .. } => match answer.scale {
            Some(v) => {
                let label = labels
                    .iter()
                    .find(|l| l.value == v)
                    .map(|l| format!(" {}", l.label.get(lang)))
                    .unwrap_or_default();
                fill(lang, S::ValueChosen, &[("value", &v), ("label", &label)])
            }
            None => say(lang, S::ValueCleared).into(),
        },
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            let chosen: Vec<&str> = options
                .iter()
                .filter(|o| answer.choices.contains(&o.id))
                .map(|o| o.label.get(lang))
                .collect();
            if chosen.is_empty() {
                say(lang, S::NoOptionChosen).into()
            } else {
                chosen.join(", ")
            }
        }
        QuestionKind::Open => String::new(),
    }
}

/// `m`: a draft with unanswered questions is only marked complete after asking.
fn toggle_complete(capture: &mut Capture, ctx: &mut Ctx) -> Outcome {
    if let Some(refusal) = ctx.refuse_if_read_only() {
        return refusal;
    }
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::default();
    };
    let Some(interview) = interview(session, capture) else {
        return Outcome::default();
    };
    let questions = session.project.guide.questions.len();
    let unanswered = questions.saturating_sub(interview.answered());
    if interview.status == Status::Draft && unanswered > 0 {
        let question = ctx.fill(
            S::MarkCompleteAnyway,
            &[("unanswered", &unanswered), ("questions", &questions)],
        );
        return Outcome::overlay(Overlay::confirm(
            Confirm::MarkComplete(interview.id.clone()),
            question,
        ));
    }
    switch_status(capture, ctx)
}

/// Marks the interview open in the capture screen complete, or a draft again.
pub fn switch_status(capture: &mut Capture, ctx: &mut Ctx) -> Outcome {
    let lang = ctx.lang;
    let Some(interview) = ctx
        .session
        .as_deref_mut()
        .and_then(|s| s.interview_mut(&capture.interview))
    else {
        return Outcome::default();
    };
    interview.status = match interview.status {
        Status::Draft => Status::Complete,
        Status::Complete => Status::Draft,
    };
    let message = say(
        lang,
        match interview.status {
            Status::Complete => S::MarkedComplete,
            Status::Draft => S::DraftAgain,
        },
    );
    Outcome::effects(save_now(capture, ctx)).with_info(message)
}

fn open_details(capture: &Capture, ctx: &Ctx) -> Outcome {
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::default();
    };
    let project = &session.project;
    let Some(interview) = interview(session, capture) else {
        return Outcome::default();
    };
    let mut fields = session_fields(
        ctx.lang,
        &interview.interviewer,
        interview.date,
        interview.mode,
        interview.consent.given,
    );
    fields.push(
        Field::text(
            ctx.t(S::ConsentDate),
            interview
                .consent
                .date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        )
        .with_hint(ctx.t(S::DateFormat)),
    );
    fields.push(Field::text(
        ctx.t(S::ConsentNote),
        interview.consent.note.clone(),
    ));
    let names: Vec<&str> = interview
        .respondents
        .iter()
        .filter_map(|id| project.respondent(id))
        .map(|r| r.name.as_str())
        .collect();
    fields.push(
        Field::text(ctx.t(S::Organisations), names.join("; "))
            .with_hint(ctx.t(S::SeveralTableSeparate)),
    );
    fields.extend(crate::tui::screens::privacy::consent_fields(
        ctx.lang,
        &interview.consent,
    ));
    fields.extend(crate::tui::screens::follow_up::fields(
        ctx.lang,
        project,
        &interview.respondents,
        interview.round.as_deref(),
        &interview.participants,
    ));
    let form = Form::new(ctx.t(S::InterviewDetails), fields);
    Outcome::overlay(Overlay::Form {
        purpose: FormPurpose::InterviewDetails,
        form,
    })
}

pub fn submit_details(
    slot: &mut Option<Capture>,
    ctx: &mut Ctx,
    form: &Form,
) -> Result<Outcome, String> {
    let Some(capture) = slot.as_mut() else {
        return Ok(Outcome::default());
    };
    let (interviewer, date, mode, consent_given) = read_session_fields(ctx.lang, form)?;
    let consent_date = match form.value(4).trim() {
        "" => None,
        text => Some(parse_date(ctx.lang, text)?),
    };
    let respondents = read_respondents(ctx, form.value(6))?;
    let lang = ctx.lang;
    let (round, participants) = {
        let Some(session) = ctx.session.as_deref() else {
            return Ok(Outcome::default());
        };
        let project = &session.project;
        let was = session
            .interview(&capture.interview)
            .and_then(|i| i.round.clone());
        crate::tui::screens::follow_up::read(lang, project, form, was.as_deref(), &respondents)?
    };
    let Some(interview) = ctx
        .session
        .as_deref_mut()
        .and_then(|s| s.interview_mut(&capture.interview))
    else {
        return Ok(Outcome::default());
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
    interview.round = round;
    interview.participants = participants;
    // Say what changed, so a stray Enter in the form never changes an interview silently.
    let changed: Vec<&str> = [
        (
            before.interviewer != interview.interviewer,
            S::ChangedInterviewer,
        ),
        (before.date != interview.date, S::ChangedDate),
        (before.mode != interview.mode, S::ChangedMode),
        (before.consent != interview.consent, S::ChangedConsent),
        (
            before.respondents != interview.respondents,
            S::ChangedOrganisations,
        ),
        (before.round != interview.round, S::ChangedRound),
        (
            before.participants != interview.participants,
            S::ChangedParticipants,
        ),
    ]
    .into_iter()
    .filter(|(differs, _)| *differs)
    .map(|(_, key)| say(lang, key))
    .collect();
    if changed.is_empty() {
        return Ok(Outcome::info(say(lang, S::NothingChanged)));
    }
    let text = fill(lang, S::ChangedThe, &[("what", &changed.join(", "))]);
    Ok(Outcome::effects(save_now(capture, ctx)).with_info(text))
}

/// The respondents named in the details form, separated by `;`: each name (accents and case
/// optional) must be one respondent of the project.
fn read_respondents(ctx: &Ctx, text: &str) -> Result<Vec<String>, String> {
    let Some(session) = ctx.session.as_deref() else {
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
                return Err(ctx.fill(S::NoRespondentCalled, &[("name", &name)]));
            }
            _ => {
                return Err(ctx.fill(S::FitsSeveralRespondents, &[("name", &name)]));
            }
        }
    }
    if ids.is_empty() {
        return Err(ctx.t(S::GiveLeastOneOrganisation).into());
    }
    Ok(ids)
}

/// The part the capture screen is at: its question's id, or [`NOTES`] outside the guide.
fn part_at(project: &Project, capture: &Capture) -> String {
    question_at(project, capture).map_or_else(|| NOTES.to_string(), |q| q.id.clone())
}

/// The text and codings of the part the capture screen is at.
fn current_part<'a>(
    session: &'a Session,
    capture: &Capture,
) -> Option<(&'a str, &'a Vec<crate::model::Coding>)> {
    let part = part_at(&session.project, capture);
    let interview = interview(session, capture)?;
    Some((interview.text_of(&part), interview.codings_of(&part)?))
}
