//! One router decides who gets a key. The context the user is in (the too-small notice, the
//! help, an overlay, a text box, the screen) is asked first; its table maps the key to an
//! action, and in a text box a key the table does not name is typed. The tables in `keymap`
//! are the only place keys are named: footers and help are drawn from them too.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Confirm, Ctx, Effect, FormPurpose, Outcome, Overlay, Screen, TABS, Tab};
use super::editor::EditOp;
use super::form::{FieldInput, Form};
use super::keymap::{self, Action, Context};
use super::screens::code_picker::{Pick, PickFor};
use super::screens::{
    self, capture, codebook, conflict, import, interviews, respondents, setup, summary, welcome,
};

/// Splits `app` into one screen's state (`app.FIELD`) and the narrow context, so a screen
/// never sees the whole `App`.
macro_rules! split {
    ($app:ident . $field:ident) => {{
        let $crate::tui::app::App {
            session,
            settings,
            lang,
            size,
            history,
            recent_codes,
            last_edit,
            $field: state,
            ..
        } = &mut *$app;
        (
            state,
            $crate::tui::state::Ctx {
                session: session.as_mut(),
                settings,
                lang: *lang,
                size: *size,
                history,
                recent_codes,
                last_edit,
            },
        )
    }};
}
pub(crate) use split;

/// Runs `body` with one screen's state and the narrow context, and applies the outcome.
macro_rules! on_screen {
    ($app:ident . $field:ident, |$state:ident, $ctx:ident| $body:expr) => {{
        let ($state, mut $ctx) = split!($app.$field);
        let outcome = $body;
        $app.apply(outcome)
    }};
}

/// Like `on_screen!` for a form's submission, which may be refused with a reason.
macro_rules! on_form {
    ($app:ident . $field:ident, |$state:ident, $ctx:ident| $body:expr) => {{
        let ($state, mut $ctx) = split!($app.$field);
        let result: Result<Outcome, String> = $body;
        result.map(|outcome| $app.apply(outcome))
    }};
}

/// Runs `body` with the narrow context alone and applies its outcome.
fn on_ctx(app: &mut App, body: impl FnOnce(&mut Ctx) -> Outcome) -> Vec<Effect> {
    let mut ctx = app.ctx();
    let outcome = body(&mut ctx);
    app.apply(outcome)
}

/// Where a key goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// An action of the context's table (or of the global table under it).
    Action(Context, Action),
    /// A key typed into the context's text box.
    Text(Context, Typed),
    /// Nobody takes the key: it does nothing.
    Ignored(Context),
}

/// A typed key: an editing operation, and whether Shift extends the selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub op: EditOp,
    pub select: bool,
}

/// Decides who gets `key`, without changing anything.
pub fn route(app: &App, key: &KeyEvent) -> Route {
    let context = app.context();
    if let Some(action) = keymap::lookup(context, key) {
        return Route::Action(context, action);
    }
    match typed(key) {
        Some(typed) if context.is_text() => Route::Text(context, typed),
        _ => Route::Ignored(context),
    }
}

/// The editing operation of a key in a text box. These are the only keys matched outside
/// the tables: the keys of typing itself.
pub fn typed(key: &KeyEvent) -> Option<Typed> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let op = match key.code {
        KeyCode::Char(c) if !ctrl => EditOp::Insert(c.to_string()),
        KeyCode::Enter => EditOp::Insert("\n".into()),
        KeyCode::Backspace => EditOp::Backspace,
        KeyCode::Delete => EditOp::Delete,
        KeyCode::Left if ctrl => EditOp::WordLeft,
        KeyCode::Right if ctrl => EditOp::WordRight,
        KeyCode::Left => EditOp::Left,
        KeyCode::Right => EditOp::Right,
        KeyCode::Up => EditOp::Up,
        KeyCode::Down => EditOp::Down,
        KeyCode::Home if ctrl => EditOp::Top,
        KeyCode::End if ctrl => EditOp::Bottom,
        KeyCode::Home => EditOp::Home,
        KeyCode::End => EditOp::End,
        KeyCode::PageUp => EditOp::PageUp,
        KeyCode::PageDown => EditOp::PageDown,
        _ => return None,
    };
    let select =
        key.modifiers.contains(KeyModifiers::SHIFT) && !matches!(key.code, KeyCode::Char(_));
    Some(Typed { op, select })
}

/// Key events written as in helix tests: `jj<Enter>`, `<Esc>`, `<S-Down>`, `<C-z>`.
#[cfg(test)]
pub(crate) fn parse_keys(spec: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        let (name, len) = match rest.find('>') {
            Some(end) if c == '<' && end > 1 => (&rest[1..end], end + 1),
            _ => {
                keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                rest = &rest[c.len_utf8()..];
                continue;
            }
        };
        rest = &rest[len..];
        let (modifiers, name) = match name.split_once('-') {
            Some(("S", name)) => (KeyModifiers::SHIFT, name),
            Some(("C", name)) => (KeyModifiers::CONTROL, name),
            _ => (KeyModifiers::NONE, name),
        };
        let code = match name {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "PgUp" => KeyCode::PageUp,
            "PgDn" => KeyCode::PageDown,
            other => KeyCode::Char(other.chars().next().unwrap_or(' ')),
        };
        keys.push(KeyEvent::new(code, modifiers));
    }
    keys
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    // Terminals send Esc followed quickly by a key as Alt+key: take it as the two keys, so
    // leaving a text box and pressing a command never types the command into the box.
    if key.modifiers.contains(KeyModifiers::ALT) && matches!(key.code, KeyCode::Char(_)) {
        let mut effects = on_key(app, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        effects.extend(on_key(
            app,
            KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT),
        ));
        return effects;
    }
    // The status line is for the last action; a new key starts afresh.
    if !app.help {
        app.status = app
            .status
            .take()
            .filter(|s| s.error && app.screen == Screen::Welcome);
    }
    match route(app, &key) {
        Route::Action(context, action) => dispatch(app, context, action),
        Route::Text(context, typed) => type_text(app, context, typed),
        Route::Ignored(_) => Vec::new(),
    }
}

/// Text pasted into whatever text box has the keys.
pub fn on_paste(app: &mut App, text: String) -> Vec<Effect> {
    let context = app.context();
    let op = match context {
        Context::Editor => EditOp::Insert(super::editor::normalise_paste(&text)),
        c if c.is_text() => EditOp::Insert(text.replace(['\r', '\n'], " ")),
        Context::Capture => return on_ctx(app, |ctx| capture::paste_outside(ctx)),
        _ => return Vec::new(),
    };
    type_text(app, context, Typed { op, select: false })
}

/// Performs `action` in `context`.
pub fn dispatch(app: &mut App, context: Context, action: Action) -> Vec<Effect> {
    match action {
        Action::Help => {
            app.help = true;
            return Vec::new();
        }
        Action::Quit => {
            app.quit = true;
            let mut effects = app.fold_all();
            effects.push(Effect::SaveSettings);
            return effects;
        }
        Action::Tab(n)
            if n < TABS
                && !super::programme::TABS.contains(&Tab::ALL[n])
                && super::programme::is_programme(app) =>
        {
            app.status = None;
            app.error(app.t(super::strings::S::ProgrammeTabsOnly));
            return Vec::new();
        }
        Action::Tab(n) if n < TABS => {
            app.tab = Tab::ALL[n];
            return if app.tab == Tab::Search {
                let outcome = app.search.enter();
                app.apply(outcome)
            } else {
                Vec::new()
            };
        }
        _ => {}
    }
    match context {
        Context::Global | Context::TooSmall => Vec::new(),
        Context::Help => {
            app.help = false;
            Vec::new()
        }
        Context::Confirm => on_confirm(app, action),
        Context::Review | Context::ReviewChooser => on_screen!(app.review, |review, ctx| {
            import::on_action(review, &mut ctx, action)
        }),
        Context::MergeCopy => on_screen!(app.merge, |merge, ctx| {
            screens::merge::on_action(merge, &mut ctx, action)
        }),
        Context::Conflict => {
            let outcome =
                conflict::on_action(&mut app.conflict_button, &mut app.conflict_scroll, action);
            app.apply(outcome)
        }
        Context::Form => on_form(app, action),
        Context::Picker => match app.overlay.take() {
            Some(Overlay::Picker(picker)) => on_ctx(app, |ctx| {
                respondents::on_picker_action(picker, ctx, action)
            }),
            other => restore(app, other),
        },
        Context::CodePicker => match app.overlay.take() {
            Some(Overlay::CodePicker(picker)) => match app.session.as_ref() {
                Some(session) => {
                    let pick = picker.on_action(&session.project, &app.recent_codes, action);
                    on_pick(app, pick)
                }
                None => Vec::new(),
            },
            other => restore(app, other),
        },
        Context::Codings => match app.overlay.take() {
            Some(Overlay::Codings { selected }) => on_screen!(app.capture, |slot, ctx| {
                capture::on_codings_action(slot, &mut ctx, selected, action)
            }),
            other => restore(app, other),
        },
        Context::Drill => match app.overlay.take() {
            Some(Overlay::Drill(list)) => app.apply(summary::on_drill_action(list, action)),
            other => restore(app, other),
        },
        Context::InterviewFilter => {
            let outcome = app.interviews.on_filter_action(action);
            app.apply(outcome)
        }
        Context::SearchBox => on_screen!(app.search, |search, ctx| search
            .on_box_action(&mut ctx, action)),
        Context::Editor => on_screen!(app.capture, |slot, ctx| capture::on_editor_action(
            slot, &mut ctx, action
        )),
        Context::Welcome => on_screen!(app.welcome, |welcome, ctx| welcome
            .on_action(&mut ctx, action)),
        Context::Interviews => {
            on_screen!(app.interviews, |list, ctx| list.on_action(&mut ctx, action))
        }
        Context::Codebook => on_screen!(app.codebook, |cb, ctx| cb.on_action(&mut ctx, action)),
        Context::Search => on_screen!(app.search, |search, ctx| search.on_action(&mut ctx, action)),
        Context::Summary => on_screen!(app.summary, |view, ctx| summary::on_action(
            view, &mut ctx, action
        )),
        Context::Capture => on_screen!(app.capture, |slot, ctx| capture::on_action(
            slot, &mut ctx, action
        )),
        Context::Respondents => on_screen!(app.respondents, |list, ctx| list
            .on_action(&mut ctx, action)),
        Context::Setup => on_screen!(app.setup, |setup, ctx| setup.on_action(&mut ctx, action)),
        Context::Retrieval => on_screen!(app.retrieval, |retrieval, ctx| retrieval
            .on_action(&mut ctx, action)),
        Context::Privacy => on_screen!(app.privacy, |view, ctx| view.on_action(&mut ctx, action)),
        Context::Agreement => {
            on_screen!(app.agreement, |view, ctx| view.on_action(&mut ctx, action))
        }
    }
}

/// Runs a screen's form submission with the narrow context and applies its outcome; a
/// refusal is returned for the form to show.
fn with_ctx(
    app: &mut App,
    submit: impl FnOnce(&mut Ctx) -> Result<Outcome, String>,
) -> Result<Vec<Effect>, String> {
    let mut ctx = app.ctx();
    let outcome = submit(&mut ctx)?;
    Ok(app.apply(outcome))
}

/// What the code picker came to: still open, closed, or a code for its purpose.
fn on_pick(app: &mut App, pick: Pick) -> Vec<Effect> {
    match pick {
        Pick::Open(picker) => restore(app, Some(Overlay::CodePicker(picker))),
        Pick::Cancelled => Vec::new(),
        Pick::Chosen(purpose, code) => code_chosen(app, purpose, code),
        Pick::Create(label, purpose) => {
            let form = codebook::new_code_for(&app.ctx(), &label, purpose);
            restore(app, form)
        }
    }
}

/// Uses the code chosen in the picker for what the picker was opened for.
fn code_chosen(app: &mut App, purpose: PickFor, code: Option<String>) -> Vec<Effect> {
    match (purpose, code) {
        (
            PickFor::Answer {
                interview,
                question,
                span,
            },
            Some(code),
        ) => on_screen!(app.capture, |slot, ctx| capture::apply_code(
            slot, &mut ctx, &interview, &question, span, &code
        )),
        (PickFor::Parent { code }, parent) => on_screen!(app.codebook, |cb, ctx| {
            codebook::move_code(cb, &mut ctx, &code, parent)
        }),
        (PickFor::SearchCode, code) => {
            let outcome = app.search.filter_by_code(code);
            app.apply(outcome)
        }
        (PickFor::MergeInto { code }, Some(into)) => {
            let question = codebook::confirm_merge(&mut app.ctx(), &code, &into);
            restore(app, question)
        }
        _ => Vec::new(),
    }
}

fn restore(app: &mut App, overlay: Option<Overlay>) -> Vec<Effect> {
    app.overlay = overlay;
    Vec::new()
}

/// A typed key in the text box of `context`.
fn type_text(app: &mut App, context: Context, typed: Typed) -> Vec<Effect> {
    match context {
        Context::Editor => on_screen!(app.capture, |slot, ctx| capture::type_text(
            slot,
            &mut ctx,
            typed.op,
            typed.select
        )),
        Context::Form => {
            if let Some(Overlay::Form { form, .. }) = app.overlay.as_mut()
                && let Some(input) = field_input(typed.op)
            {
                form.input(input);
            }
            Vec::new()
        }
        Context::Picker => match app.overlay.take() {
            Some(Overlay::Picker(picker)) => on_ctx(app, |ctx| {
                respondents::on_picker_text(picker, ctx, &typed.op)
            }),
            other => restore(app, other),
        },
        Context::CodePicker => match app.overlay.take() {
            Some(Overlay::CodePicker(picker)) => {
                let pick = picker.on_text(&typed.op);
                on_pick(app, pick)
            }
            other => restore(app, other),
        },
        Context::InterviewFilter => {
            let outcome = app.interviews.on_filter_text(&typed.op);
            app.apply(outcome)
        }
        Context::SearchBox => {
            let outcome = app.search.on_box_text(app.lang, &typed.op);
            app.apply(outcome)
        }
        _ => Vec::new(),
    }
}

/// What a one-line form field does with an editing operation.
fn field_input(op: EditOp) -> Option<FieldInput> {
    Some(match op {
        EditOp::Insert(text) if text == "\n" => return None,
        EditOp::Insert(text) => FieldInput::Insert(text),
        EditOp::Backspace => FieldInput::Backspace,
        EditOp::Delete => FieldInput::Delete,
        EditOp::Home | EditOp::Top => FieldInput::Home,
        EditOp::End | EditOp::Bottom => FieldInput::End,
        EditOp::Left | EditOp::WordLeft => FieldInput::Left,
        EditOp::Right | EditOp::WordRight => FieldInput::Right,
        _ => return None,
    })
}

fn on_confirm(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Confirm {
        what,
        question,
        mut yes,
    }) = app.overlay.take()
    else {
        return Vec::new();
    };
    match action {
        Action::Left => yes = false,
        Action::Right => yes = true,
        Action::NextField => yes = !yes,
        Action::Confirm if yes => return confirmed(app, what),
        Action::Confirm | Action::Back => return Vec::new(),
        _ => {}
    }
    app.overlay = Some(Overlay::Confirm {
        what,
        question,
        yes,
    });
    Vec::new()
}

fn on_form(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Form { purpose, mut form }) = app.overlay.take() else {
        return Vec::new();
    };
    match action {
        Action::NextField => form.next(),
        Action::PrevField => form.prev(),
        Action::Back => return Vec::new(),
        Action::Confirm => return submit_form(app, purpose, form),
        _ => {}
    }
    app.overlay = Some(Overlay::Form { purpose, form });
    Vec::new()
}

/// Saves a form; a refusal keeps the form open with the reason under it.
fn submit_form(app: &mut App, purpose: FormPurpose, mut form: Form) -> Vec<Effect> {
    let result = match &purpose {
        FormPurpose::NewProject => with_ctx(app, |ctx| welcome::submit_new_project(ctx, &form)),
        FormPurpose::OpenFolder => with_ctx(app, |ctx| welcome::submit_folder(ctx, &form)),
        FormPurpose::Respondent {
            index,
            then_interview,
        } => on_form!(app.respondents, |list, ctx| respondents::submit(
            list,
            &mut ctx,
            *index,
            *then_interview,
            &form
        )),
        FormPurpose::NewInterview { respondent } => {
            with_ctx(app, |ctx| interviews::submit_new(ctx, respondent, &form))
        }
        FormPurpose::InterviewDetails => on_form!(app.capture, |slot, ctx| {
            capture::submit_details(slot, &mut ctx, &form)
        }),
        FormPurpose::Question(index) => {
            on_form!(app.setup, |setup, ctx| setup::submit_question(
                setup, &mut ctx, *index, &form
            ))
        }
        FormPurpose::Attribute(index) => {
            on_form!(app.setup, |setup, ctx| setup::submit_attribute(
                setup, &mut ctx, *index, &form
            ))
        }
        FormPurpose::MergeValues(index) => {
            with_ctx(app, |ctx| setup::submit_merge_values(ctx, *index, &form))
        }
        FormPurpose::ProjectTitle => with_ctx(app, |ctx| setup::submit_title(ctx, &form)),
        FormPurpose::Round(index) => with_ctx(app, |ctx| {
            super::screens::setup_rounds::submit(ctx, *index, &form)
        }),
        FormPurpose::Code { id, parent } => {
            on_form!(app.codebook, |cb, ctx| codebook::submit_code(
                cb,
                &mut ctx,
                id.clone(),
                parent.clone(),
                &form
            ))
        }
        FormPurpose::CodeThenApply(then) => {
            let saved = {
                let (codebook, mut ctx) = split!(app.codebook);
                codebook::save_new_code(codebook, &mut ctx, &form)
            };
            saved.map(|(id, mut effects)| {
                effects.extend(code_chosen(app, then.clone(), Some(id)));
                effects
            })
        }
        FormPurpose::Memo(index) => on_form!(app.capture, |slot, ctx| capture::submit_memo(
            slot, &mut ctx, *index, &form
        )),
        FormPurpose::CoderName { then } => {
            with_ctx(app, |ctx| codebook::submit_coder(ctx, then.clone(), &form))
        }
        FormPurpose::Export => {
            let (view, ctx) = split!(app.summary);
            summary::submit_export(view, &ctx, &form).map(|outcome| app.apply(outcome))
        }
        FormPurpose::Import => with_ctx(app, |ctx| import::submit(ctx, &form)),
        FormPurpose::MergeCopy => with_ctx(app, |ctx| screens::merge::submit(ctx, &form)),
    };
    match result {
        Ok(effects) => effects,
        Err(reason) => {
            form.error = Some(reason);
            app.overlay = Some(Overlay::Form { purpose, form });
            Vec::new()
        }
    }
}

fn confirmed(app: &mut App, what: Confirm) -> Vec<Effect> {
    match what {
        Confirm::DeleteInterview(id) => {
            on_screen!(app.interviews, |list, ctx| list.delete(&mut ctx, &id))
        }
        Confirm::RemoveQuestion(index) => on_screen!(app.setup, |setup, ctx| setup
            .remove_question(&mut ctx, index)),
        Confirm::RemoveAttribute(index) => on_screen!(app.setup, |setup, ctx| setup
            .remove_attribute(&mut ctx, index)),
        Confirm::MergeCodes(from, into) => on_screen!(app.codebook, |cb, ctx| {
            codebook::merge(cb, &mut ctx, &from, &into)
        }),
        Confirm::DeleteCode(id) => {
            on_screen!(app.codebook, |cb, ctx| codebook::delete(cb, &mut ctx, &id))
        }
        Confirm::MarkComplete(_) => on_screen!(app.capture, |slot, ctx| match slot.as_mut() {
            Some(capture) => capture::switch_status(capture, &mut ctx),
            None => Outcome::default(),
        }),
        Confirm::DeleteRespondent(id) => {
            on_screen!(app.respondents, |list, ctx| respondents::delete(
                list, &mut ctx, &id
            ))
        }
        Confirm::EraseRespondent(id) => {
            vec![Effect::Erase(crate::privacy::erase::Target::Respondent(id))]
        }
        Confirm::ErasePerson(name) => {
            vec![Effect::Erase(crate::privacy::erase::Target::Person(name))]
        }
        Confirm::QuitUnsaved => {
            app.quit = true;
            app.quit_forced = true;
            Vec::new()
        }
    }
}
