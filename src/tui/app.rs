//! The interface's state and its one `update` function: messages in, effects out. No IO here;
//! the runner performs the effects.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEvent;

use super::keymap::Context;
use super::router;
use super::screens::agreement::AgreementView;
use super::screens::codebook::CodebookView;
use super::screens::privacy::PrivacyView;
use super::screens::retrieval::RetrievalView;
use super::screens::review::ReviewScreen;
use super::screens::search::SearchView;
use super::screens::summary::SummaryView;
use super::screens::{capture, conflict, interviews, respondents, setup, welcome};
use super::search_worker::Report;
use super::session::Session;
use super::strings::{S, say};
use super::undo::History;
use crate::model::Lang;
use crate::store::settings::Settings;

/// Typed text is folded into the interview file after this long without typing.
pub const FOLD_AFTER_IDLE: Duration = Duration::from_secs(3);

#[derive(Debug)]
pub enum Message {
    Key(KeyEvent),
    /// The search worker reports progress, an open index, or why it cannot open one.
    Search(Report),
    Paste(String),
    /// Time passes (the loop's poll timed out); `now` decides what is due.
    Tick(Instant),
    Resize(u16, u16),
    /// SIGTERM, SIGHUP or a closed terminal: save everything and leave.
    Terminate,
}

pub use super::state::{
    Confirm, Ctx, Effect, FormPurpose, MIN_HEIGHT, MIN_WIDTH, OpenAnswer, Outcome, Overlay, Screen,
    Status, TABS, Tab, Target, View,
};

pub struct App {
    pub lang: Lang,
    pub settings: Settings,
    pub session: Option<Session>,
    pub screen: Screen,
    pub tab: Tab,
    pub overlay: Option<Overlay>,
    /// The help is open over whatever is under it (a form stays open beneath).
    pub help: bool,
    pub status: Option<Status>,
    pub welcome: welcome::Welcome,
    pub interviews: interviews::InterviewList,
    pub capture: Option<capture::Capture>,
    pub respondents: respondents::RespondentList,
    pub setup: setup::Setup,
    pub codebook: CodebookView,
    pub retrieval: RetrievalView,
    pub privacy: PrivacyView,
    pub agreement: AgreementView,
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
    /// How far the two texts of the conflict screen are scrolled.
    pub conflict_scroll: u16,
    /// Saves asked for while a change of many files is written, done after it.
    pub deferred: Vec<Effect>,
    /// An imported transcript under review (drawn over everything, has the keys).
    pub review: Option<ReviewScreen>,
    /// A transcript being read on a thread; the review screen opens when it is done.
    pub importing: Option<super::import_job::ImportJob>,
    /// A colleague's copy about to be merged (drawn over the tabs, has the keys).
    pub merge: Option<super::screens::merge::MergeScreen>,
    /// A project being read on a thread, its first frame drawn meanwhile.
    pub opening: Option<super::opening::Opening>,
}

impl App {
    pub fn new(lang: Lang, settings: Settings) -> App {
        let welcome = welcome::Welcome::new(&settings);
        App {
            lang,
            settings,
            session: None,
            screen: Screen::Welcome,
            tab: Tab::Interviews,
            overlay: None,
            help: false,
            status: None,
            welcome,
            interviews: interviews::InterviewList::default(),
            capture: None,
            respondents: respondents::RespondentList::default(),
            setup: setup::Setup::default(),
            codebook: CodebookView::default(),
            retrieval: RetrievalView::default(),
            privacy: PrivacyView::default(),
            agreement: AgreementView::default(),
            search: SearchView::default(),
            summary: SummaryView::default(),
            history: History::default(),
            recent_codes: Vec::new(),
            size: (120, 40),
            last_edit: None,
            quit: false,
            quit_forced: false,
            conflict_button: 0,
            conflict_scroll: 0,
            deferred: Vec::new(),
            review: None,
            importing: None,
            merge: None,
            opening: None,
        }
    }

    /// The interface text in the chosen language.
    pub fn t(&self, key: S) -> &'static str {
        say(self.lang, key)
    }

    /// The text of `key` with its `{name}`s filled in.
    pub fn fill(&self, key: S, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        super::strings::fill(self.lang, key, values)
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
        self.tab = Tab::Interviews;
        self.capture = None;
        self.overlay = None;
        self.help = false;
        self.interviews = interviews::InterviewList::default();
        self.respondents = respondents::RespondentList::default();
        self.setup = setup::Setup::default();
        self.codebook = CodebookView::default();
        self.search = SearchView::default();
        self.summary = SummaryView::default();
        self.privacy = PrivacyView::default();
        self.agreement = AgreementView::default();
        self.history = History::default();
        self.recent_codes.clear();
        self.settings.remember(&root);
        match notices.is_empty() {
            true => self.status = None,
            false => self.error(notices.join(" ")),
        }
        self.refresh();
    }

    /// Applies what a screen asked for and returns the effects for the runner.
    pub fn apply(&mut self, outcome: Outcome) -> Vec<Effect> {
        if let Some(status) = outcome.status {
            self.status = Some(status);
        }
        if let Some(overlay) = outcome.overlay {
            self.overlay = Some(overlay);
        }
        if let Some(screen) = outcome.go {
            self.screen = screen;
        }
        if let Some(code) = outcome.retrieve {
            self.retrieval = RetrievalView::for_code(&code);
        }
        if let Some(tab) = outcome.tab {
            self.tab = tab;
        }
        if let Some(open) = outcome.open {
            // Read from its file unless it is held; kept held while it is on screen.
            if let Some(session) = self.session.as_mut()
                && session.load(&open.interview)
            {
                session.show(Some(&open.interview));
            }
            let opened = self
                .session
                .as_ref()
                .and_then(|session| match &open.target {
                    Target::FirstUnanswered => capture::Capture::open(session, &open.interview),
                    Target::Question { id, at } => {
                        capture::Capture::at(session, &open.interview, id, *at)
                    }
                    Target::Notes { at } => {
                        capture::Capture::at_notes(session, &open.interview, *at)
                    }
                });
            if let Some(mut capture) = opened {
                capture.back_to = open.back_to;
                capture.editing = open.editing;
                self.capture = Some(capture);
                self.screen = Screen::Capture;
            }
        }
        self.refresh();
        outcome.effects
    }

    /// The narrow context over the whole app, for code that has no screen state of its own.
    pub fn ctx(&mut self) -> Ctx<'_> {
        Ctx {
            session: self.session.as_mut(),
            settings: &mut self.settings,
            lang: self.lang,
            size: self.size,
            history: &mut self.history,
            recent_codes: &mut self.recent_codes,
            last_edit: &mut self.last_edit,
        }
    }

    /// What screens may read to draw themselves.
    pub fn view(&self) -> View<'_> {
        View {
            session: self.session.as_ref(),
            settings: &self.settings,
            lang: self.lang,
        }
    }

    /// The keymap context the user is in now: the too-small notice, else the help, else an
    /// overlay, else a text box with the keys, else the screen.
    pub fn context(&self) -> Context {
        if self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT {
            return Context::TooSmall;
        }
        // Two versions of one text are settled before anything else but a review under way.
        if self.review.is_none() && conflict::is_open(self.session.as_ref()) {
            return Context::Conflict;
        }
        if self.help {
            return Context::Help;
        }
        self.context_under_help()
    }

    /// The context the help describes: the one under it.
    pub fn context_under_help(&self) -> Context {
        // The review of an imported transcript is drawn over everything and has the keys.
        if let Some(review) = &self.review {
            return review.context();
        }
        if self.merge.is_some() && self.overlay.is_none() {
            return Context::MergeCopy;
        }
        match &self.overlay {
            Some(Overlay::Form { .. }) => return Context::Form,
            Some(Overlay::Picker(_)) => return Context::Picker,
            Some(Overlay::CodePicker(_)) => return Context::CodePicker,
            Some(Overlay::Codings { .. }) => return Context::Codings,
            Some(Overlay::Drill(_)) => return Context::Drill,
            Some(Overlay::Confirm { .. }) => return Context::Confirm,
            None => {}
        }
        match self.screen {
            Screen::Welcome => Context::Welcome,
            Screen::Tabs => match self.tab {
                Tab::Interviews if self.interviews.filtering => Context::InterviewFilter,
                Tab::Interviews => Context::Interviews,
                Tab::Codebook => Context::Codebook,
                Tab::Search if self.search.typing => Context::SearchBox,
                Tab::Search => Context::Search,
                Tab::Summary => Context::Summary,
            },
            Screen::Capture if self.capture.as_ref().is_some_and(|c| c.editing) => Context::Editor,
            Screen::Capture => Context::Capture,
            Screen::Respondents => Context::Respondents,
            Screen::Setup => Context::Setup,
            Screen::Retrieval => Context::Retrieval,
            Screen::Privacy => Context::Privacy,
            Screen::Agreement => Context::Agreement,
        }
    }

    /// Fits what depends on the layout to the terminal's size and the state now (the
    /// capture editor's wrap width, page and scroll), so drawing only reads the state.
    pub fn fit(&mut self) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let body = super::view::body_area(self.status.as_ref(), true, area);
        self.interviews.follow(body);
        if let Some(review) = self.review.as_mut() {
            review.fit(area);
        }
        let Some(capture) = self.capture.as_mut() else {
            return;
        };
        let view = View {
            session: Some(session),
            settings: &self.settings,
            lang: self.lang,
        };
        if let Some(editor) = capture::editor_area(&view, capture, body) {
            capture.fit(session, session.revision, editor);
        }
    }

    /// Recomputes derived view data (the sorted, filtered interview rows) when inputs changed.
    pub fn refresh(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        session.sync();
        session.show(self.capture.as_ref().map(|c| c.interview.as_str()));
        if self.screen == Screen::Tabs
            && self.tab == Tab::Summary
            && let Some(error) = self.summary.refresh(&mut *session, self.lang)
        {
            self.status = Some(Status {
                text: error,
                error: true,
            });
        }
        match self.screen {
            Screen::Tabs => {
                self.interviews.refresh(session, self.lang);
                if self.tab == Tab::Codebook {
                    self.codebook.refresh(&mut *session);
                }
            }
            Screen::Retrieval => self.retrieval.refresh(session),
            Screen::Privacy => self.privacy.refresh(session),
            Screen::Agreement => self.agreement.refresh(session, self.lang),
            _ => {}
        }
    }

    /// Saves every interview with typed text not yet in its file. An interview leaves the
    /// unsaved list only when its save succeeds.
    pub fn fold_all(&mut self) -> Vec<Effect> {
        // Everything is folded now, so no fold is due when the typing pauses.
        self.last_edit = None;
        self.session
            .as_mut()
            .map_or_else(Vec::new, super::state::fold_all)
    }
}

/// The one entry point: applies `message` to `app` and returns the IO to perform.
pub fn update(app: &mut App, message: Message) -> Vec<Effect> {
    // Keys pressed while a project is read wait for it (see `opening`).
    if let Some(opening) = app.opening.as_mut()
        && matches!(message, Message::Key(_) | Message::Paste(_))
    {
        opening.pending.push(message);
        return Vec::new();
    }
    let effects = match message {
        Message::Key(key) => router::on_key(app, key),
        Message::Search(report) => {
            let (search, mut ctx) = router::split!(app.search);
            let outcome = search.on_report(&mut ctx, report);
            app.apply(outcome)
        }
        Message::Paste(text) => router::on_paste(app, text),
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
    app.fit();
    effects
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
        let question = self.fill(S::QuitLosingCharacters, &[("n", &unwritten)]);
        self.overlay = Some(Overlay::confirm(Confirm::QuitUnsaved, question));
    }
}
