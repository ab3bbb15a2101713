//! The interface's state and its one `update` function: messages in, effects out. No IO here;
//! the runner performs the effects.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::form::{FieldInput, Form};
use super::keymap::{self, Action, Context};
use super::screens::code_picker::{self, CodePicker};
use super::screens::codebook::{self, CodebookView};
use super::screens::retrieval::{self, RetrievalView};
use super::screens::search::{self, SearchView};
use super::screens::summary::{self, DrillList, SummaryView};
use super::screens::{capture, conflict, interviews, respondents, setup, welcome};
use super::session::Session;
use super::undo::History;
use crate::model::Lang;
use crate::store::journal::Record;
use crate::store::settings::Settings;

/// Typed text is folded into the interview file after this long without typing.
pub const FOLD_AFTER_IDLE: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Key(KeyEvent),
    Paste(String),
    /// Time passes (the loop's poll timed out); `now` decides what is due.
    Tick(Instant),
    Resize(u16, u16),
    /// SIGTERM, SIGHUP or a closed terminal: save everything and leave.
    Terminate,
}

/// IO for the runner to perform, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenProject(PathBuf),
    CreateProject {
        dir: PathBuf,
        title: String,
    },
    OpenDemo,
    Journal(Record),
    SyncJournal,
    SaveInterview(String),
    /// Several files saved as one change (all or none, even after a crash): a codebook
    /// merge, an undo across interviews, a removed question.
    SaveChange {
        interviews: Vec<String>,
        codebook: bool,
        project: bool,
    },
    DeleteInterview(String),
    SaveProject,
    SaveCodebook,
    SaveSettings,
    /// Makes the project's codebook the default for this user's new projects.
    SaveDefaultCodebook,
    /// Runs the Search tab's query against the index.
    RunSearch,
    /// Settles the first of the session's conflicts.
    Resolve(crate::model::Keep),
    /// Writes an export (atomically).
    WriteFile {
        path: PathBuf,
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    /// The four tabs.
    Tabs,
    Capture,
    Respondents,
    Setup,
    /// Every passage coded with one code.
    Retrieval,
}

pub const TABS: usize = 4;

/// What a confirmation dialog is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteInterview(String),
    RemoveQuestion(usize),
    RemoveAttribute(usize),
    MergeCodes(String, String),
    DeleteCode(String),
    /// Quitting although typed text could not be written anywhere.
    QuitUnsaved,
}

/// What a form, when saved, does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    NewProject,
    /// A respondent: `None` for a new one; `then_interview` starts an interview after.
    Respondent {
        index: Option<usize>,
        then_interview: bool,
    },
    NewInterview {
        respondent: String,
    },
    InterviewDetails,
    Question(Option<usize>),
    Attribute(Option<usize>),
    ProjectTitle,
    /// A code: `id` `None` for a new one under `parent`.
    Code {
        id: Option<String>,
        parent: Option<String>,
    },
    /// The memo of the current answer's coding number `n`.
    Memo(usize),
    CoderName,
    /// Where to export the summary.
    Export,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm {
        what: Confirm,
        question: String,
    },
    Form {
        purpose: FormPurpose,
        form: Form,
    },
    /// Choosing the respondent of a new interview.
    Picker(respondents::Picker),
    CodePicker(CodePicker),
    /// The codings on the current answer, to edit memos or remove one.
    Codings {
        selected: usize,
    },
    /// The passages behind a summary cell.
    Drill(DrillList),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub lang: Lang,
    pub settings: Settings,
    pub session: Option<Session>,
    pub screen: Screen,
    pub tab: usize,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub welcome: welcome::Welcome,
    pub interviews: interviews::InterviewList,
    pub capture: Option<capture::Capture>,
    pub respondents: respondents::RespondentList,
    pub setup: setup::Setup,
    pub codebook: CodebookView,
    pub retrieval: RetrievalView,
    pub search: SearchView,
    pub summary: SummaryView,
    pub history: History,
    /// Codes applied most recently, first: the picker offers them at the top.
    pub recent_codes: Vec<String>,
    /// Size of the terminal, for page movement and the editor's wrap width.
    pub size: (u16, u16),
    pub last_edit: Option<Instant>,
    pub quit: bool,
    /// The user chose to quit although text is only in memory; or a signal ends behov.
    pub quit_forced: bool,
    /// The selected button of the conflict screen.
    pub conflict_button: usize,
}

impl App {
    pub fn new(lang: Lang, settings: Settings) -> App {
        let mut settings = settings;
        // Every coding names its coder; an empty name would make an invalid file.
        if settings.coder.trim().is_empty() {
            settings.coder = crate::store::settings::login_name();
        }
        let welcome = welcome::Welcome::new(&settings);
        App {
            lang,
            settings,
            session: None,
            screen: Screen::Welcome,
            tab: 0,
            overlay: None,
            status: None,
            welcome,
            interviews: interviews::InterviewList::default(),
            capture: None,
            respondents: respondents::RespondentList::default(),
            setup: setup::Setup::default(),
            codebook: CodebookView::default(),
            retrieval: RetrievalView::default(),
            search: SearchView::default(),
            summary: SummaryView::default(),
            history: History::default(),
            recent_codes: Vec::new(),
            size: (120, 40),
            last_edit: None,
            quit: false,
            quit_forced: false,
            conflict_button: 0,
        }
    }

    /// The interface text in the chosen language.
    pub fn t(&self, sv: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    pub fn sv(&self) -> bool {
        self.lang == Lang::Sv
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Called by the runner once a project is open.
    pub fn attach(&mut self, session: Session, notices: Vec<String>) {
        let root = session.store.root().to_path_buf();
        self.session = Some(session);
        self.screen = Screen::Tabs;
        self.tab = 0;
        self.capture = None;
        self.overlay = None;
        self.interviews = interviews::InterviewList::default();
        self.respondents = respondents::RespondentList::default();
        self.setup = setup::Setup::default();
        self.codebook = CodebookView::default();
        self.search = SearchView::default();
        self.summary = SummaryView::default();
        self.history = History::default();
        self.recent_codes.clear();
        self.settings.remember(&root);
        match notices.is_empty() {
            true => self.status = None,
            false => self.error(notices.join(" ")),
        }
        self.refresh();
    }

    /// The keymap context the user is in now.
    pub fn context(&self) -> Context {
        if conflict::is_open(self) {
            return Context::Conflict;
        }
        match &self.overlay {
            Some(Overlay::Form { .. })
            | Some(Overlay::Picker(_))
            | Some(Overlay::CodePicker(_)) => return Context::Form,
            Some(Overlay::Codings { .. }) => return Context::Codings,
            Some(Overlay::Drill(_)) => return Context::Drill,
            Some(Overlay::Confirm { .. }) => return Context::Dialog,
            Some(Overlay::Help) | None => {}
        }
        match self.screen {
            Screen::Welcome => Context::Welcome,
            Screen::Tabs if self.tab == 0 => Context::Interviews,
            Screen::Tabs if self.tab == 1 => Context::Codebook,
            Screen::Tabs if self.tab == 2 => Context::Search,
            Screen::Tabs => Context::Summary,
            Screen::Capture if self.capture.as_ref().is_some_and(|c| c.editing) => Context::Editor,
            Screen::Capture => Context::Capture,
            Screen::Respondents => Context::Respondents,
            Screen::Setup => Context::Setup,
            Screen::Retrieval => Context::Retrieval,
        }
    }

    /// Recomputes derived view data (the sorted, filtered interview rows) when inputs changed.
    pub fn refresh(&mut self) {
        if self.screen == Screen::Tabs && self.tab == 3 {
            summary::refresh(self);
        }
        let Some(session) = &self.session else { return };
        match self.screen {
            Screen::Tabs => self.interviews.refresh(session, self.lang),
            Screen::Retrieval => self.retrieval.refresh(&session.project, session.revision),
            _ => {}
        }
    }

    /// Saves every interview with typed text not yet in its file. An interview leaves the
    /// unsaved list only when its save succeeds.
    pub fn fold_all(&mut self) -> Vec<Effect> {
        let Some(session) = self.session.as_mut() else {
            return Vec::new();
        };
        let ids: Vec<String> = session.unsaved.iter().cloned().collect();
        let mut effects = Vec::new();
        for id in ids {
            if let Some(interview) = session.project.interview_mut(&id) {
                super::session::touch(interview);
                effects.push(Effect::SaveInterview(id));
            }
        }
        effects.push(Effect::SyncJournal);
        effects
    }
}

/// The one entry point: applies `message` to `app` and returns the IO to perform.
pub fn update(app: &mut App, message: Message) -> Vec<Effect> {
    let effects = match message {
        Message::Key(key) => on_key(app, key),
        Message::Paste(text) => on_paste(app, text),
        Message::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Message::Tick(now) => match app.last_edit {
            Some(at) if now.duration_since(at) >= FOLD_AFTER_IDLE => {
                app.last_edit = None;
                app.fold_all()
            }
            _ => Vec::new(),
        },
        Message::Terminate => {
            app.quit = true;
            app.quit_forced = true;
            app.fold_all()
        }
    };
    app.refresh();
    effects
}

fn on_paste(app: &mut App, text: String) -> Vec<Effect> {
    if search::is_typing(app) {
        app.search.query.push_str(&text.replace(['\r', '\n'], " "));
        return vec![Effect::RunSearch];
    }
    match &mut app.overlay {
        Some(Overlay::Form { form, .. }) => {
            form.input(FieldInput::Insert(text));
            Vec::new()
        }
        Some(Overlay::Picker(picker)) => {
            picker.filter.push_str(&text.replace(['\r', '\n'], " "));
            Vec::new()
        }
        Some(Overlay::CodePicker(picker)) => {
            picker.filter.push_str(&text.replace(['\r', '\n'], " "));
            Vec::new()
        }
        Some(_) => Vec::new(),
        None if app.screen == Screen::Capture => capture::paste(app, &text),
        None if app.screen == Screen::Tabs && app.interviews.filtering => {
            app.interviews
                .filter
                .push_str(&text.replace(['\r', '\n'], " "));
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
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
    if !matches!(app.overlay, Some(Overlay::Help)) {
        app.status = app
            .status
            .take()
            .filter(|s| s.error && app.screen == Screen::Welcome);
    }
    if conflict::is_open(app) {
        return conflict::on_key(app, key);
    }
    match app.overlay.take() {
        Some(Overlay::Help) => return Vec::new(),
        Some(Overlay::Confirm { what, question }) => {
            return match keymap::lookup(Context::Dialog, &key) {
                Some(Action::Confirm) => confirmed(app, what),
                Some(Action::Back) => Vec::new(),
                _ => {
                    app.overlay = Some(Overlay::Confirm { what, question });
                    Vec::new()
                }
            };
        }
        Some(Overlay::Form { purpose, form }) => return on_form_key(app, purpose, form, key),
        Some(Overlay::Picker(picker)) => return respondents::on_picker_key(app, picker, key),
        Some(Overlay::CodePicker(picker)) => return code_picker::on_key(app, picker, key),
        Some(Overlay::Codings { selected }) => return capture::on_codings_key(app, selected, key),
        Some(Overlay::Drill(list)) => {
            return summary::on_drill_key(app, list, keymap::lookup(Context::Drill, &key));
        }
        None => {}
    }
    let context = app.context();
    if context == Context::Editor {
        return capture::on_editor_key(app, key);
    }
    if context == Context::Interviews && app.interviews.filtering {
        return interviews::on_filter_key(app, key);
    }
    if context == Context::Search && app.search.typing {
        return search::on_typing_key(app, key);
    }
    let Some(action) = keymap::lookup(context, &key) else {
        return Vec::new();
    };
    match action {
        Action::Help => {
            app.overlay = Some(Overlay::Help);
            Vec::new()
        }
        Action::Quit => {
            app.quit = true;
            let mut effects = app.fold_all();
            effects.push(Effect::SaveSettings);
            effects
        }
        Action::Tab(n) if n < TABS => {
            app.tab = n;
            if n == 2 {
                search::enter(app)
            } else {
                Vec::new()
            }
        }
        _ => match app.screen {
            Screen::Welcome => welcome::on_action(app, action),
            Screen::Tabs if app.tab == 1 => codebook::on_action(app, action),
            Screen::Tabs if app.tab == 2 => search::on_action(app, action),
            Screen::Tabs if app.tab == 3 => summary::on_action(app, action),
            Screen::Tabs => interviews::on_action(app, action),
            Screen::Retrieval => retrieval::on_action(app, action),
            Screen::Capture => capture::on_action(app, action),
            Screen::Respondents => respondents::on_action(app, action),
            Screen::Setup => setup::on_action(app, action),
        },
    }
}

fn on_form_key(app: &mut App, purpose: FormPurpose, mut form: Form, key: KeyEvent) -> Vec<Effect> {
    let input = match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(FieldInput::Insert(c.to_string()))
        }
        KeyCode::Backspace => Some(FieldInput::Backspace),
        KeyCode::Delete => Some(FieldInput::Delete),
        KeyCode::Home => Some(FieldInput::Home),
        KeyCode::End => Some(FieldInput::End),
        KeyCode::Left => Some(FieldInput::Left),
        KeyCode::Right => Some(FieldInput::Right),
        _ => None,
    };
    if let Some(input) = input {
        form.input(input);
        app.overlay = Some(Overlay::Form { purpose, form });
        return Vec::new();
    }
    match keymap::lookup(Context::Form, &key) {
        Some(Action::NextField) => form.next(),
        Some(Action::PrevField) => form.prev(),
        Some(Action::Back) => return Vec::new(),
        Some(Action::Help) => {
            app.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        Some(Action::Confirm) => return submit_form(app, purpose, form),
        _ => {}
    }
    app.overlay = Some(Overlay::Form { purpose, form });
    Vec::new()
}

/// Saves a form; a refusal keeps the form open with the reason under it.
fn submit_form(app: &mut App, purpose: FormPurpose, mut form: Form) -> Vec<Effect> {
    let result = match &purpose {
        FormPurpose::NewProject => welcome::submit_new_project(app, &form),
        FormPurpose::Respondent {
            index,
            then_interview,
        } => respondents::submit(app, *index, *then_interview, &form),
        FormPurpose::NewInterview { respondent } => interviews::submit_new(app, respondent, &form),
        FormPurpose::InterviewDetails => capture::submit_details(app, &form),
        FormPurpose::Question(index) => setup::submit_question(app, *index, &form),
        FormPurpose::Attribute(index) => setup::submit_attribute(app, *index, &form),
        FormPurpose::ProjectTitle => setup::submit_title(app, &form),
        FormPurpose::Code { id, parent } => {
            codebook::submit_code(app, id.clone(), parent.clone(), &form)
        }
        FormPurpose::Memo(index) => capture::submit_memo(app, *index, &form),
        FormPurpose::CoderName => codebook::submit_coder(app, &form),
        FormPurpose::Export => summary::submit_export(app, &form),
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
        Confirm::DeleteInterview(id) => interviews::delete(app, &id),
        Confirm::RemoveQuestion(index) => setup::remove_question(app, index),
        Confirm::RemoveAttribute(index) => setup::remove_attribute(app, index),
        Confirm::MergeCodes(from, into) => codebook::merge(app, &from, &into),
        Confirm::DeleteCode(id) => codebook::delete(app, &id),
        Confirm::QuitUnsaved => {
            app.quit = true;
            app.quit_forced = true;
            Vec::new()
        }
    }
}

impl App {
    /// Called after a quit's saves were tried: if typed text is still only in memory, the
    /// quit is held and the user is asked.
    pub fn guard_quit(&mut self) {
        if !self.quit || self.quit_forced {
            return;
        }
        let unwritten = self
            .session
            .as_ref()
            .map_or(0, Session::unwritten_characters);
        if unwritten == 0 {
            return;
        }
        self.quit = false;
        let question = if self.sv() {
            format!(
                "{unwritten} tecken du skrivit kunde inte sparas (disken är full?) och finns bara i minnet. Frigör utrymme och vänta, eller avsluta ändå och förlora dem. Avsluta ändå?"
            )
        } else {
            format!(
                "{unwritten} characters you typed could not be saved (is the disk full?) and are only in memory. Free some space and wait, or quit anyway and lose them. Quit anyway?"
            )
        };
        self.overlay = Some(Overlay::Confirm {
            what: Confirm::QuitUnsaved,
            question,
        });
    }
}

/// The refusal every editing action gives on a read-only project, or `None` if writable.
pub fn refuse_if_read_only(app: &mut App) -> Option<Vec<Effect>> {
    if let Some(session) = app.session.as_ref().filter(|s| s.read_only()) {
        let reason = session
            .store
            .read_only_reason()
            .unwrap_or_default()
            .to_string();
        let text = if app.sv() {
            format!("Skrivskyddat: {reason}.")
        } else {
            format!("Read-only: {reason}.")
        };
        app.error(text);
        Some(Vec::new())
    } else {
        None
    }
}
