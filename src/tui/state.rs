//! What the interface's parts share: the effects the runner performs, where the user is
//! (screen, tab, overlay), and the narrow context a screen gets instead of the whole `App`,
//! with the outcome it returns. Screens import this, never `app`.

use std::path::PathBuf;

use super::form::Form;
use super::screens::code_picker::{self, CodePicker};
use super::screens::respondents;
use super::screens::summary::DrillList;
use super::session::Session;
use super::strings::{S, say};
use super::undo::History;
use crate::model::{Lang, Project};
use crate::store::journal::Record;
use crate::store::settings::Settings;

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
    /// Reads a transcript (with the choices of the import form) and opens the review of its
    /// mapping.
    ReadTranscript {
        path: PathBuf,
        options: crate::import::Options,
    },
    /// Erases an organisation or person everywhere in the project (closed and opened again
    /// around it, so nothing of theirs stays in memory, the journal or the index).
    Erase(crate::privacy::erase::Target),
    /// Reads a colleague's copy and opens the merge screen with what would come in.
    PlanMerge(PathBuf),
    /// Writes the merge shown on the merge screen as one change.
    ApplyMerge,
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
    /// The personal data found in the texts.
    Privacy,
    /// Agreement between coders, with their disagreements.
    Agreement,
}

pub const TABS: usize = 4;

/// The four tabs, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Interviews,
    Codebook,
    Search,
    Summary,
}

impl Tab {
    pub const ALL: [Tab; TABS] = [Tab::Interviews, Tab::Codebook, Tab::Search, Tab::Summary];

    pub fn number(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Below this the layout cannot hold the capture screen; a notice is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// What a confirmation dialog is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteInterview(String),
    RemoveQuestion(usize),
    RemoveAttribute(usize),
    MergeCodes(String, String),
    DeleteCode(String),
    DeleteRespondent(String),
    /// Erasing a respondent everywhere: its interviews, people, mentions, index.
    EraseRespondent(String),
    /// Erasing a person everywhere: contact details, their words, every mention.
    ErasePerson(String),
    /// Marking an interview with unanswered questions complete.
    MarkComplete(String),
    /// Quitting although typed text could not be written anywhere.
    QuitUnsaved,
}

/// What a form, when saved, does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    NewProject,
    /// Opening a project folder typed on the welcome screen.
    OpenFolder,
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
    /// A round of the project: `None` for a new one.
    Round(Option<usize>),
    /// The transcript to import.
    Import,
    /// One value of the attribute at this index becomes another.
    MergeValues(usize),
    ProjectTitle,
    /// A code: `id` `None` for a new one under `parent`.
    Code {
        id: Option<String>,
        parent: Option<String>,
    },
    /// A new code typed in the code picker, applied once saved.
    CodeThenApply(code_picker::PickFor),
    /// The memo of the current answer's coding number `n`.
    Memo(usize),
    /// The user's coder name; asked before the first coding, which then goes on in `then`.
    CoderName {
        then: Option<code_picker::PickFor>,
    },
    /// Where to export the summary.
    Export,
    /// The folder of a colleague's copy to merge.
    MergeCopy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// A question with two buttons, Cancel and the action; `yes` when the action is chosen.
    Confirm {
        what: Confirm,
        question: String,
        yes: bool,
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

impl Overlay {
    /// A confirmation with Cancel chosen: only a deliberate choice of the action confirms.
    pub fn confirm(what: Confirm, question: String) -> Overlay {
        Overlay::Confirm {
            what,
            question,
            yes: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What a screen may read and change: the open project, the user's settings, the language.
pub struct Ctx<'a> {
    pub session: Option<&'a mut Session>,
    pub settings: &'a mut Settings,
    pub lang: Lang,
    /// The terminal's size, for page movement.
    pub size: (u16, u16),
    /// Undo and redo of coding and codebook changes.
    pub history: &'a mut History,
    /// Codes applied most recently, first: the picker offers them at the top.
    pub recent_codes: &'a mut Vec<String>,
    /// When text was last typed: typed text is folded into its file after a pause.
    pub last_edit: &'a mut Option<std::time::Instant>,
}

impl Ctx<'_> {
    /// The interface text in the chosen language.
    pub fn t(&self, key: S) -> &'static str {
        say(self.lang, key)
    }

    /// The text of `key` with its `{name}`s filled in.
    pub fn fill(&self, key: S, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        super::strings::fill(self.lang, key, values)
    }

    /// "1 intervju", "3 intervjuer" from the keys of the two nouns.
    pub fn count(&self, n: usize, one: S, many: S) -> String {
        super::strings::count(self.lang, n, one, many)
    }

    pub fn sv(&self) -> bool {
        self.lang == Lang::Sv
    }

    pub fn project(&self) -> Option<&Project> {
        self.session.as_deref().map(|s| &s.project)
    }

    /// Undoes (or with `redo`, redoes) the last coding or codebook change.
    pub fn undo(&mut self, redo: bool) -> Outcome {
        if let Some(refusal) = self.refuse_if_read_only() {
            return refusal;
        }
        let lang = self.lang;
        let mut effects = self.fold_all();
        let Some(session) = self.session.as_deref_mut() else {
            return Outcome::effects(effects);
        };
        // The step's interviews are read for it, and those it changed held until saved.
        let named = self.history.interviews(redo);
        let history = &mut *self.history;
        let result = session.change_these(Some(&named), |project| {
            let result = if redo {
                history.redo(project)
            } else {
                history.undo(project)
            };
            let changed = result.as_ref().map_or_else(Vec::new, |r| r.1.clone());
            (result, changed)
        });
        let Some((label, changed, codebook)) = result else {
            let nothing = if redo {
                S::NothingToRedo
            } else {
                S::NothingToUndo
            };
            return Outcome::error(say(lang, nothing)).with_effects(effects);
        };
        for id in &changed {
            if let Some(interview) = session.interview_mut(id) {
                super::session::touch(interview);
            }
        }
        session.revision += 1;
        effects.push(Effect::SaveChange {
            interviews: changed,
            codebook,
            project: false,
        });
        let done = if redo { S::Redid } else { S::Undid };
        let text = super::strings::fill(lang, done, &[("label", &label)]);
        Outcome::effects(effects).with_info(text)
    }

    /// Saves every interview with typed text not yet in its file.
    pub fn fold_all(&mut self) -> Vec<Effect> {
        // Everything is folded now, so no fold is due when the typing pauses.
        *self.last_edit = None;
        self.session.as_deref_mut().map_or_else(Vec::new, fold_all)
    }

    /// The refusal every editing action gives on a read-only project, or `None` if writable.
    pub fn refuse_if_read_only(&self) -> Option<Outcome> {
        let session = self.session.as_deref().filter(|s| s.read_only())?;
        let reason = session.store.read_only_reason().unwrap_or_default();
        Some(Outcome::error(
            self.fill(S::ReadOnlyBecause, &[("reason", &reason)]),
        ))
    }
}

/// Where the capture screen opens an interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The first unanswered question: where a paused interview left off.
    FirstUnanswered,
    /// A question, the cursor at character `at` of its answer.
    Question { id: String, at: Option<usize> },
    /// The interview's notes, the cursor at character `at`.
    Notes { at: usize },
}

/// An interview to open in the capture screen, and where Esc returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAnswer {
    pub interview: String,
    pub target: Target,
    pub back_to: (Screen, Tab),
    /// Straight into the editor (a new interview).
    pub editing: bool,
}

/// The saves that fold typed text (journaled, not yet in its file) into the interview files.
pub fn fold_all(session: &mut Session) -> Vec<Effect> {
    let ids: Vec<String> = session.unsaved.iter().cloned().collect();
    let mut effects = Vec::new();
    for id in ids {
        if let Some(interview) = session.interview_mut(&id) {
            super::session::touch(interview);
            effects.push(Effect::SaveInterview(id));
        }
    }
    effects.push(Effect::SyncJournal);
    effects
}

/// What a screen's handling of an action asks of the application.
#[derive(Debug, Default)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    /// Another screen to show.
    pub go: Option<Screen>,
    /// The tab to show (with `go` set to the tabs).
    pub tab: Option<Tab>,
    /// An answer to open in the capture screen.
    pub open: Option<OpenAnswer>,
    /// A code whose passages to show (with `go` set to the coded-passages screen).
    pub retrieve: Option<String>,
    /// An overlay to open (the router has taken the current one out before asking).
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
}

impl Outcome {
    pub fn effects(effects: Vec<Effect>) -> Outcome {
        Outcome {
            effects,
            ..Outcome::default()
        }
    }

    pub fn overlay(overlay: Overlay) -> Outcome {
        Outcome {
            overlay: Some(overlay),
            ..Outcome::default()
        }
    }

    pub fn go(screen: Screen) -> Outcome {
        Outcome {
            go: Some(screen),
            ..Outcome::default()
        }
    }

    pub fn open(open: OpenAnswer) -> Outcome {
        Outcome {
            open: Some(open),
            ..Outcome::default()
        }
    }

    pub fn info(text: impl Into<String>) -> Outcome {
        Outcome::default().with_info(text)
    }

    pub fn error(text: impl Into<String>) -> Outcome {
        Outcome {
            status: Some(Status {
                text: text.into(),
                error: true,
            }),
            ..Outcome::default()
        }
    }

    pub fn with_info(mut self, text: impl Into<String>) -> Outcome {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
        self
    }

    pub fn with_effects(mut self, effects: Vec<Effect>) -> Outcome {
        self.effects.extend(effects);
        self
    }
}

/// What a screen may read to draw itself.
pub struct View<'a> {
    pub session: Option<&'a Session>,
    pub settings: &'a Settings,
    pub lang: Lang,
}

impl View<'_> {
    pub fn t(&self, key: S) -> &'static str {
        say(self.lang, key)
    }

    /// The text of `key` with its `{name}`s filled in.
    pub fn fill(&self, key: S, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        super::strings::fill(self.lang, key, values)
    }

    /// "1 intervju", "3 intervjuer" from the keys of the two nouns.
    pub fn count(&self, n: usize, one: S, many: S) -> String {
        super::strings::count(self.lang, n, one, many)
    }

    pub fn sv(&self) -> bool {
        self.lang == Lang::Sv
    }
}
