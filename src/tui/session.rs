//! An open project inside the interface: the model, its store and journal, and the
//! bookkeeping of what is typed but not yet folded into the interview files.
//!
//! The promises kept here: an interview leaves `unsaved` only when its file was written; the
//! journal is emptied only when nothing is unsaved; a file changed by someone else is never
//! overwritten but reloaded, merged, or shown beside the typed version for the user to choose.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;

use jiff::Timestamp;

use super::search_worker::{Job, SearchWorker};
use super::strings::{S, fill};
use crate::model::{Interview, Keep, Lang, Project, TextConflict, TextEdit, conflict, edit};
use crate::report::{Programme, ProgrammeInfo};
use crate::search::SearchHandle;
use crate::store::journal::{self, BaseText, Entry, Journal, Record};
use crate::store::{self, Batch, Store};

/// What the thread writing a change of many files says.
enum ChangeReport {
    Progress(usize, usize),
    Done(store::Result<()>),
}

/// A change of many files being written.
struct InFlight {
    interviews: Vec<String>,
    codebook: bool,
    project: bool,
    reports: Receiver<ChangeReport>,
    thread: Option<JoinHandle<()>>,
    /// Changes asked for while this one is written, to be written after it.
    then: Vec<(Vec<String>, bool, bool)>,
}

/// How a change of many files is coming along.
#[derive(Debug)]
pub enum ChangeOutcome {
    /// Files written, of all.
    Progress(usize, usize),
    /// Done: the number of files written, or why nothing was.
    Finished(store::Result<usize>),
}

pub struct Session {
    pub project: Project,
    /// Shared with the thread that writes a change of many files.
    pub store: Arc<Store>,
    /// `None` when the project is open read-only.
    pub journal: Option<Journal>,
    /// Bumped on every change to the project; views cache on it.
    pub revision: u64,
    /// Interviews with changes not yet saved to their files.
    pub unsaved: BTreeSet<String>,
    /// `modified` of each interview as it is on disk: journal entries name it as their base,
    /// so after a failed save new entries still apply to the file that is really there.
    pub saved_base: HashMap<String, Timestamp>,
    /// Each interview with typed text not yet saved, as it was on disk before the typing:
    /// the common ancestor when someone else changes the file meanwhile.
    bases: HashMap<String, Interview>,
    /// Answers whose text before the first edit is in the journal since the last save.
    based: HashSet<(String, Option<String>)>,
    /// Texts typed here that differ from a version someone else wrote: the user chooses.
    pub conflicts: Vec<TextConflict>,
    /// A change of several files that could not be saved, to be tried again.
    failed_change: Option<(Vec<String>, bool, bool)>,
    /// A change of several files being written on a thread of its own.
    in_flight: Option<InFlight>,
    /// The search index's worker, and once it is open, a handle to search with.
    pub search: SearchWorker,
    pub search_handle: Option<SearchHandle>,
    /// A programme's projects and differences when this is a programme (read-only, its
    /// project the projects combined); `None` for a project.
    pub programme: Option<ProgrammeInfo>,
}

/// Opening a project: the session and what the user should be told about it.
pub struct OpenedSession {
    pub session: Session,
    pub notices: Vec<String>,
}

impl Session {
    /// Closes the project: the search worker finishes its queue and lets go of the index,
    /// and the lock is released as the store is dropped.
    pub fn close(self) {
        self.search.stop();
    }

    /// A read-only session on a programme (`root` is the folder of its `programme.json`):
    /// the combined project, searched in memory.
    pub fn for_programme(root: &Path, programme: Programme, reason: String) -> Session {
        let Programme { project, info } = programme;
        let search = SearchWorker::start_programme(root.to_path_buf(), project.clone());
        let store = Arc::new(Store::for_programme(root, reason));
        let mut session = Session::with(project, store, search);
        session.programme = Some(info);
        session
    }

    /// A session on `project` as read, nothing typed or changed yet.
    fn with(project: Project, store: Arc<Store>, search: SearchWorker) -> Session {
        let saved_base = project
            .interviews
            .iter()
            .map(|i| (i.id.clone(), i.modified))
            .collect();
        Session {
            project,
            store,
            journal: None,
            revision: 0,
            unsaved: BTreeSet::new(),
            saved_base,
            bases: HashMap::new(),
            based: HashSet::new(),
            conflicts: Vec::new(),
            failed_change: None,
            in_flight: None,
            search,
            search_handle: None,
            programme: None,
        }
    }

    /// Opens `root`, replays the journal left by a crash, saves what it recovered, and starts
    /// a new journal. Recovered text that cannot be saved stays in the journal.
    pub fn open(root: &Path, sv: bool) -> store::Result<OpenedSession> {
        let lang = if sv { Lang::Sv } else { Lang::En };
        let notice = |key, values: &[(&str, &dyn std::fmt::Display)]| fill(lang, key, values);
        let opened = Store::open(root)?;
        let project = opened.project;
        let mut notices: Vec<String> = opened.unreadable.iter().map(ToString::to_string).collect();
        notices.extend(opened.notices);
        let store = Arc::new(opened.store);
        let read_only = store.is_read_only();
        let search = SearchWorker::start(root.to_path_buf(), read_only);
        let mut session = Session::with(project, store, search);
        if read_only {
            let reason = session
                .store
                .read_only_reason()
                .unwrap_or_default()
                .to_string();
            notices.push(notice(S::ReadOnlyOpened, &[("reason", &reason)]));
            return Ok(OpenedSession { session, notices });
        }
        let recovery = journal::replay(root, &mut session.project)?;
        session.journal = Some(Journal::open(root)?);
        if recovery.edits > 0 {
            let names: Vec<String> = recovery
                .interviews
                .iter()
                .map(|id| session.interview_name(id))
                .collect();
            notices.push(notice(
                S::Recovered,
                &[
                    ("n", &recovery.characters),
                    ("interviews", &names.join(", ")),
                ],
            ));
        }
        if let Some(copy) = &recovery.unreadable_copy {
            notices.push(notice(
                S::JournalLinesDamaged,
                &[("n", &recovery.unreadable), ("path", &copy.display())],
            ));
        }
        for (id, chars) in &recovery.orphaned {
            notices.push(notice(S::TypedInMissingFile, &[("n", chars), ("id", id)]));
        }
        if !recovery.conflicts.is_empty() {
            notices.push(notice(
                S::AnswersChangedAfterCrash,
                &[("n", &recovery.conflicts.len())],
            ));
        }
        session.conflicts = recovery.conflicts.clone();
        for id in &recovery.interviews {
            session.unsaved.insert(id.clone());
            if let Some(interview) = session.project.interview_mut(id) {
                touch(interview);
            }
        }
        for id in recovery.interviews.clone() {
            if let Err(e) = session.save_interview(&id) {
                notices.push(notice(S::RecoveredNotSaved, &[("id", &id), ("error", &e)]));
            }
        }
        if !recovery.must_keep_journal()
            && session.unsaved.is_empty()
            && let Some(journal) = session.journal.as_mut()
        {
            journal.clear()?;
        }
        Ok(OpenedSession { session, notices })
    }

    pub fn read_only(&self) -> bool {
        self.journal.is_none()
    }

    /// The respondent's name of an interview, for messages ("iXXX" if unknown).
    pub fn interview_name(&self, id: &str) -> String {
        self.project
            .interview(id)
            .and_then(|i| i.respondents.first())
            .and_then(|r| self.project.respondent(r))
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    }

    /// Applies a typed edit to an answer (or the notes, for `question == None`) and returns
    /// the journal records for it and the number of coded passages the edit deleted.
    pub fn edit_text(
        &mut self,
        interview: &str,
        question: Option<&str>,
        text_edit: TextEdit,
    ) -> Option<(Vec<Record>, usize)> {
        let item = self.project.interview_mut(interview)?;
        let base = self
            .saved_base
            .get(interview)
            .copied()
            .unwrap_or(item.modified);
        let mut records = Vec::new();
        if !self.bases.contains_key(interview) {
            self.bases.insert(interview.to_string(), item.clone());
        }
        let key = (interview.to_string(), question.map(str::to_string));
        if !self.based.contains(&key) {
            let text = match question {
                Some(q) => item.answer(q).map(|a| a.text.clone()).unwrap_or_default(),
                None => item.notes.clone(),
            };
            records.push(Record::Base(BaseText {
                interview: interview.to_string(),
                base,
                question: key.1.clone(),
                text,
            }));
            self.based.insert(key);
        }
        let entry = Entry {
            interview: interview.to_string(),
            base,
            question: question.map(str::to_string),
            edit: text_edit,
        };
        let dropped = match question {
            Some(q) => {
                let answer = item.answer_mut(q);
                edit::apply(&mut answer.text, &mut answer.codings, &entry.edit).len()
            }
            None => edit::apply(&mut item.notes, &mut item.notes_codings, &entry.edit).len(),
        };
        records.push(Record::Edit(entry));
        self.revision += 1;
        self.unsaved.insert(interview.to_string());
        Some((records, dropped))
    }

    /// Writes an interview's file. On success the interview's journal entries are settled
    /// (the whole journal is emptied when nothing else is unsaved); on failure it stays
    /// unsaved and its text stays in the journal. A file changed by someone else is merged
    /// instead of overwritten: the returned notice says what happened.
    pub fn save_interview(&mut self, id: &str) -> store::Result<Option<String>> {
        if self.conflicts.iter().any(|c| c.interview == id) {
            // Saved once the user has chosen; until then both versions are kept.
            self.unsaved.insert(id.to_string());
            return Ok(None);
        }
        let Some(interview) = self.project.interview(id) else {
            self.unsaved.remove(id);
            return Ok(None);
        };
        match self.store.save_interview(interview) {
            Ok(()) => {
                self.after_save(id);
                Ok(None)
            }
            Err(store::Error::Changed(_)) => self.take_theirs(id, true).map(Some),
            Err(e) => {
                self.unsaved.insert(id.to_string());
                Err(e)
            }
        }
    }

    fn after_save(&mut self, id: &str) {
        let Some(interview) = self.project.interview(id) else {
            return;
        };
        let modified = interview.modified;
        self.search
            .send(Job::Interview(Box::new(interview.clone())));
        self.saved_base.insert(id.to_string(), modified);
        self.unsaved.remove(id);
        self.bases.remove(id);
        self.based.retain(|(i, _)| i != id);
        let settled = self.unsaved.is_empty() && self.conflicts.is_empty();
        if let Some(journal) = self.journal.as_mut() {
            // A failure here is retried with the journal's queue; the file is saved.
            let _ = if settled {
                journal.clear()
            } else {
                journal.saved(id, modified)
            };
        }
    }

    /// The file of `id` was changed by someone else: take their version, with what was
    /// typed here merged in or offered beside it.
    /// `local` says whether this copy has changes of its own to keep.
    fn take_theirs(&mut self, id: &str, local: bool) -> store::Result<String> {
        let theirs = self.store.reload_interview(id)?;
        let name = self.interview_name(id);
        let Some(theirs) = theirs else {
            if local {
                // Deleted elsewhere while typed in here: keep what was typed.
                if let Some(interview) = self.project.interview(id) {
                    self.store.save_interview(interview)?;
                    self.after_save(id);
                }
                return Ok(format!(
                    "{name}: the file was deleted by another program; your version was saved again."
                ));
            }
            self.project.interviews.retain(|i| i.id != id);
            self.revision += 1;
            self.search.send(Job::Removed(id.to_string()));
            return Ok(format!("{name}: deleted by another program."));
        };
        self.saved_base.insert(id.to_string(), theirs.modified);
        self.based.retain(|(i, _)| i != id);
        self.revision += 1;
        let Some(slot) = self.project.interviews.iter_mut().find(|i| i.id == id) else {
            self.project.interviews.push(theirs.clone());
            self.search.send(Job::Interview(Box::new(theirs)));
            return Ok(format!("{name}: added by another program."));
        };
        if !local {
            *slot = theirs.clone();
            self.search.send(Job::Interview(Box::new(theirs)));
            return Ok(format!(
                "{name} was changed by another program and is shown as it is now."
            ));
        }
        let base = self.bases.remove(id);
        let (mut merged, conflicts) = conflict::merge(base.as_ref(), slot, &theirs);
        let n = conflicts.len();
        if n == 0 {
            touch(&mut merged);
            *slot = merged;
            self.store.save_interview(slot)?;
            self.after_save(id);
            return Ok(format!(
                "{name} was changed by another program; your changes were merged into its version and saved."
            ));
        }
        // Until the user chooses, keep their version as the base of new typing.
        self.bases.insert(id.to_string(), theirs);
        *slot = merged;
        for c in conflicts {
            self.conflicts
                .retain(|o| !(o.interview == c.interview && o.question == c.question));
            self.conflicts.push(c);
        }
        Ok(format!(
            "{name} was changed by another program and {n} of your answers differ from its version: choose which to keep."
        ))
    }

    /// Saves interviews, the codebook and the project as one change: all files or none, even
    /// after a crash. The files are written on a thread of their own (a merge can touch
    /// thousands of interviews), which reports its progress; [`Session::poll_change`] takes
    /// in the result. Files changed by someone else are never overwritten: nothing is written
    /// and the interviews stay unsaved, to be saved again.
    pub fn save_change(
        &mut self,
        interviews: &[String],
        codebook: bool,
        project: bool,
    ) -> store::Result<()> {
        if let Some(busy) = &mut self.in_flight {
            busy.then.push((interviews.to_vec(), codebook, project));
            return Ok(());
        }
        let mut batch = Batch::new();
        for id in interviews {
            if let Some(interview) = self.project.interview(id) {
                batch.interview(interview.clone());
            }
        }
        if codebook {
            batch.codebook(self.project.codebook.clone());
        }
        if project {
            batch.project(self.project.clone());
        }
        let (sender, reports) = mpsc::channel();
        let store = Arc::clone(&self.store);
        let thread = std::thread::spawn(move || {
            let progress_sender = sender.clone();
            let result = store.save_batch_with(&batch, &mut |done, total| {
                let _ = progress_sender.send(ChangeReport::Progress(done, total));
            });
            let _ = sender.send(ChangeReport::Done(result));
        });
        self.in_flight = Some(InFlight {
            interviews: interviews.to_vec(),
            codebook,
            project,
            reports,
            thread: Some(thread),
            then: Vec::new(),
        });
        Ok(())
    }

    /// Whether a change of many files is being written.
    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Takes in what the thread writing a change reported; `block` waits until it is done.
    /// Returns the progress (files written of all) while it runs, or its result once.
    pub fn poll_change(&mut self, block: bool) -> Option<ChangeOutcome> {
        let busy = self.in_flight.as_mut()?;
        let mut progress = None;
        loop {
            let report = if block {
                busy.reports.recv().ok()
            } else {
                busy.reports.try_recv().ok()
            };
            match report {
                Some(ChangeReport::Progress(done, total)) => progress = Some((done, total)),
                Some(ChangeReport::Done(result)) => {
                    let mut done = self.in_flight.take().expect("in flight");
                    if let Some(thread) = done.thread.take() {
                        let _ = thread.join();
                    }
                    let files = done.interviews.len()
                        + usize::from(done.codebook)
                        + usize::from(done.project);
                    let result = match result {
                        Ok(()) => {
                            for id in &done.interviews {
                                self.after_save(id);
                            }
                            if done.codebook || done.project {
                                self.search
                                    .send(Job::Project(Box::new(self.project.clone())));
                            }
                            Ok(files)
                        }
                        Err(e) => {
                            self.unsaved.extend(done.interviews.iter().cloned());
                            self.failed_change =
                                Some((done.interviews.clone(), done.codebook, done.project));
                            Err(e)
                        }
                    };
                    // Changes asked for meanwhile, in order.
                    for (interviews, codebook, project) in done.then {
                        let _ = self.save_change(&interviews, codebook, project);
                    }
                    return Some(ChangeOutcome::Finished(result));
                }
                None if block => {
                    // The thread is gone without a word: its change is recorded or undone
                    // on disk; the interviews stay unsaved and are saved again.
                    let done = self.in_flight.take().expect("in flight");
                    self.unsaved.extend(done.interviews);
                    return Some(ChangeOutcome::Finished(Err(store::Error::Invalid(
                        "the change stopped half-way; it is completed when the project opens again"
                            .into(),
                    ))));
                }
                None => return progress.map(|(done, total)| ChangeOutcome::Progress(done, total)),
            }
        }
    }

    /// Tries again a change of several files that failed; `None` when there is none.
    pub fn retry_change(&mut self) -> Option<store::Result<()>> {
        let (interviews, codebook, project) = self.failed_change.take()?;
        Some(self.save_change(&interviews, codebook, project))
    }

    /// Looks for interview files changed, added or deleted by other programs and takes them
    /// in; returns each interview's id with a sentence saying what happened.
    pub fn check_disk(&mut self) -> store::Result<Vec<(String, String)>> {
        if self.read_only() {
            return Ok(Vec::new());
        }
        let mut notices = Vec::new();
        for id in self.store.changed_interviews()? {
            let local = self.unsaved.contains(&id);
            let notice = self.take_theirs(&id, local)?;
            notices.push((id, notice));
        }
        Ok(notices)
    }

    /// A read-only session takes in what the project's holder saved since the last look:
    /// interviews changed, added or deleted. Returns how many changed. Nothing is written and
    /// the index is left to its holder.
    pub fn refresh_read_only(&mut self) -> store::Result<usize> {
        if !self.read_only() {
            return Ok(0);
        }
        let changed = self.store.changed_interviews()?;
        for id in &changed {
            match self.store.reload_interview(id)? {
                Some(theirs) => match self.project.interviews.iter_mut().find(|i| i.id == *id) {
                    Some(slot) => *slot = theirs,
                    None => self.project.interviews.push(theirs),
                },
                None => self.project.interviews.retain(|i| i.id != *id),
            }
        }
        if !changed.is_empty() {
            self.revision += 1;
        }
        Ok(changed.len())
    }

    /// Settles the first conflict with the user's choice and saves the interview once it has
    /// no conflicts left.
    pub fn resolve_first(&mut self, keep: Keep) -> store::Result<()> {
        if self.conflicts.is_empty() {
            return Ok(());
        }
        let conflict = self.conflicts.remove(0);
        let id = conflict.interview.clone();
        if let Some(interview) = self.project.interview_mut(&id) {
            conflict.resolve(interview, keep);
            touch(interview);
        }
        self.revision += 1;
        self.unsaved.insert(id.clone());
        if !self.conflicts.iter().any(|c| c.interview == id) {
            self.save_interview(&id)?;
        }
        Ok(())
    }

    /// Characters typed that are only in memory: neither in the journal nor in a file.
    pub fn unwritten_characters(&self) -> usize {
        self.journal
            .as_ref()
            .map_or(0, Journal::unwritten_characters)
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
