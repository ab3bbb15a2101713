//! An open project inside the interface: the model, its store and journal, and the
//! bookkeeping of what is typed but not yet folded into the interview files.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use jiff::Timestamp;

use super::search_worker::{Job, SearchWorker};
use crate::model::{Interview, Project, TextEdit, edit};
use crate::search::SearchHandle;
use crate::store::journal::{self, Entry, Journal};
use crate::store::{self, Store};

pub struct Session {
    pub project: Project,
    pub store: Store,
    /// `None` when the project is open read-only.
    pub journal: Option<Journal>,
    /// Bumped on every change to the project; views cache on it.
    pub revision: u64,
    /// Interviews with journaled edits not yet saved to their files.
    pub unsaved: BTreeSet<String>,
    /// `modified` of each interview as it is on disk: journal entries name it as their base,
    /// so after a failed save new entries still apply to the file that is really there.
    pub saved_base: HashMap<String, Timestamp>,
    /// The search index's worker, and once it is open, a handle to search with.
    pub search: SearchWorker,
    pub search_handle: Option<SearchHandle>,
}

/// Opening a project: the session and what the user should be told about it.
pub struct OpenedSession {
    pub session: Session,
    pub notices: Vec<String>,
}

impl Session {
    /// Opens `root`, replays the journal left by a crash, saves what it recovered, and starts
    /// a new journal.
    pub fn open(root: &Path, sv: bool) -> store::Result<OpenedSession> {
        let opened = Store::open(root)?;
        let mut project = opened.project;
        let mut notices: Vec<String> = opened.unreadable.iter().map(ToString::to_string).collect();
        let store = opened.store;
        let read_only = store.is_read_only();
        let journal = if store.is_read_only() {
            notices.push(if sv {
                "Projektet är öppet i en annan behov: du kan läsa men inte ändra.".into()
            } else {
                "The project is open in another behov: you can read but not change it.".into()
            });
            None
        } else {
            let recovery = journal::replay(root, &mut project)?;
            for id in &recovery.interviews {
                if let Some(interview) = project.interview_mut(id) {
                    touch(interview);
                    store.save_interview(interview)?;
                }
            }
            let mut journal = Journal::open(root)?;
            journal.clear()?;
            if recovery.edits > 0 {
                // Name the interviews as the user knows them: respondent and date, not ids.
                let names: Vec<String> = recovery
                    .interviews
                    .iter()
                    .filter_map(|id| project.interview(id))
                    .map(|i| {
                        let who: Vec<&str> = i
                            .respondents
                            .iter()
                            .map(|r| {
                                project
                                    .respondent(r)
                                    .map_or(r.as_str(), |r| r.name.as_str())
                            })
                            .collect();
                        format!("{} ({})", who.join(" + "), i.date)
                    })
                    .collect();
                notices.push(if sv {
                    format!(
                        "Återställde det som skrevs ({} {}) i intervjun med {} efter ett avbrott.",
                        recovery.edits,
                        if recovery.edits == 1 { "ändring" } else { "ändringar" },
                        names.join(", ")
                    )
                } else {
                    format!(
                        "Recovered what was typed ({} {}) in the interview with {} after an interruption.",
                        recovery.edits,
                        if recovery.edits == 1 { "edit" } else { "edits" },
                        names.join(", ")
                    )
                });
            }
            Some(journal)
        };
        let saved_base = project
            .interviews
            .iter()
            .map(|i| (i.id.clone(), i.modified))
            .collect();
        Ok(OpenedSession {
            session: Session {
                project,
                store,
                journal,
                revision: 0,
                unsaved: BTreeSet::new(),
                saved_base,
                search: SearchWorker::start(root.to_path_buf(), read_only),
                search_handle: None,
            },
            notices,
        })
    }

    pub fn read_only(&self) -> bool {
        self.journal.is_none()
    }

    /// Applies a typed edit to an answer (or the notes, for `question == None`) and returns
    /// the journal entry for it and the number of coded passages the edit deleted.
    pub fn edit_text(
        &mut self,
        interview: &str,
        question: Option<&str>,
        text_edit: TextEdit,
    ) -> Option<(Entry, usize)> {
        let item = self.project.interview_mut(interview)?;
        let entry = Entry {
            interview: interview.to_string(),
            base: self
                .saved_base
                .get(interview)
                .copied()
                .unwrap_or(item.modified),
            question: question.map(str::to_string),
            edit: text_edit,
        };
        let dropped = match question {
            Some(q) => {
                let answer = item.answer_mut(q);
                edit::apply(&mut answer.text, &mut answer.codings, &entry.edit).len()
            }
            None => edit::apply(&mut item.notes, &mut Vec::new(), &entry.edit).len(),
        };
        self.revision += 1;
        self.unsaved.insert(interview.to_string());
        Some((entry, dropped))
    }

    /// Writes an interview's file; afterwards the journal is cleared if nothing else is pending.
    pub fn save_interview(&mut self, id: &str) -> store::Result<()> {
        let Some(interview) = self.project.interview(id) else {
            return Ok(());
        };
        self.store.save_interview(interview)?;
        self.saved_base.insert(id.to_string(), interview.modified);
        self.search
            .send(Job::Interview(Box::new(interview.clone())));
        if self.unsaved.is_empty()
            && let Some(journal) = self.journal.as_mut()
        {
            journal.clear()?;
        }
        Ok(())
    }
}

/// Marks an interview as changed now. `modified` strictly increases, because journal entries
/// name the file version they apply to by it.
pub fn touch(interview: &mut Interview) {
    let now = Timestamp::now();
    interview.modified = if now > interview.modified {
        now
    } else {
        interview
            .modified
            .checked_add(jiff::SignedDuration::from_nanos(1))
            .unwrap_or(now)
    };
}
