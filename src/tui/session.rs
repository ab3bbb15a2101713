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
use crate::store::on_demand::OnDemand;
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
    /// The project without its interviews (`project.interviews` is empty): those are in
    /// `interviews`, parsed when opened.
    pub project: Project,
    /// Every interview's list row and summary row; a bounded few parsed.
    pub interviews: OnDemand,
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
        let Programme { mut project, info } = programme;
        let search = SearchWorker::start_programme(root.to_path_buf(), project.clone());
        let store = Arc::new(Store::for_programme(root, reason));
        let interviews = OnDemand::in_memory(&mut project);
        let mut session = Session::with(project, interviews, store, search);
        session.programme = Some(info);
        session
    }

    /// A session on `project` as read, nothing typed or changed yet.
    fn with(
        project: Project,
        interviews: OnDemand,
        store: Arc<Store>,
        search: SearchWorker,
    ) -> Session {
        Session {
            project,
            interviews,
            store,
            journal: None,
            revision: 0,
            unsaved: BTreeSet::new(),
            saved_base: HashMap::new(),
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
    /// a new journal. Recovered text that cannot be saved stays in the journal. Only the
    /// project's outline and the summary index are read (and interview files changed since
    /// it was kept); interviews are parsed when opened.
    pub fn open(root: &Path, sv: bool) -> store::Result<OpenedSession> {
        let lang = if sv { Lang::Sv } else { Lang::En };
        let notice = |key, values: &[(&str, &dyn std::fmt::Display)]| fill(lang, key, values);
        let opened = Store::open_lazy(root)?;
        let project = opened.project;
        let mut store = opened.store;
        let (interviews, unreadable) = OnDemand::open(&store, &project)?;
        let mut notices: Vec<String> = Vec::new();
        for e in unreadable {
            if let store::Error::Parse { path, .. } | store::Error::Io { path, .. } = &e
                && let Some(id) = path.file_stem()
            {
                store.mark_unreadable(&id.to_string_lossy());
            }
            notices.push(e.to_string());
        }
        notices.extend(opened.notices);
        let store = Arc::new(store);
        let read_only = store.is_read_only();
        let search = SearchWorker::start(root.to_path_buf(), read_only);
        let mut session = Session::with(project, interviews, store, search);
        if read_only {
            let reason = session
                .store
                .read_only_reason()
                .unwrap_or_default()
                .to_string();
            notices.push(notice(S::ReadOnlyOpened, &[("reason", &reason)]));
            return Ok(OpenedSession { session, notices });
        }
        // The journal's edits are replayed on the interviews they name, read for it.
        let mut typed_in = session.project.clone();
        for id in journal::interviews_named(root)? {
            if session.load(&id)
                && let Some(interview) = session.interviews.get(&id)
            {
                typed_in.interviews.push(interview.clone());
            }
        }
        let recovery = journal::replay(root, &mut typed_in)?;
        for interview in typed_in.interviews {
            if recovery.interviews.contains(&interview.id) {
                session.interviews.put_changed(interview);
            }
        }
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
            if let Some(interview) = session.interview_mut(id) {
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
        self.interviews
            .listed_one(id)
            .and_then(|i| i.respondents.first())
            .and_then(|r| self.project.respondent(r))
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    }

    /// The interview `id` if it is held: the one on screen, one changed and not yet saved,
    /// or one opened recently (see [`Session::load`]).
    pub fn interview(&self, id: &str) -> Option<&Interview> {
        self.interviews.get(id)
    }

    /// The interview `id`, to change, read from its file if it is not held; it stays held
    /// until its file is saved. `None` when there is no such interview or its file cannot be
    /// read.
    pub fn interview_mut(&mut self, id: &str) -> Option<&mut Interview> {
        if !self.load(id) {
            return None;
        }
        self.interviews.get_mut(id)
    }

    /// Makes interview `id` held, reading its file if needed; `false` when there is no such
    /// interview or its file cannot be read (which is logged).
    pub fn load(&mut self, id: &str) -> bool {
        let pinned = self.interviews.is_pinned(id);
        match self.interviews.load(&self.store, id) {
            Ok(true) => {
                if !pinned && let Some(interview) = self.interviews.get(id) {
                    // As read from its file: the version journal entries are typed on.
                    self.saved_base.insert(id.to_string(), interview.modified);
                }
                true
            }
            Ok(false) => false,
            Err(e) => {
                tracing::warn!("interview {id} could not be read: {e}");
                false
            }
        }
    }

    /// The project with every interview in it, for an operation over all of them; read from
    /// the files (the held versions where held) and dropped by the caller.
    pub fn whole(&self) -> Project {
        self.interviews.whole(&self.store, &self.project)
    }

    /// The project with only the interviews `ids` in it (in file order, held versions where
    /// held), for an operation that reads a few; nothing is kept held for it.
    pub fn with_only(&self, ids: &[&str]) -> Project {
        let wanted: std::collections::HashSet<&str> = ids.iter().copied().collect();
        let mut part = self.project.clone();
        for listed in self.interviews.listed() {
            if !wanted.contains(listed.id.as_str()) {
                continue;
            }
            let read = match self.interviews.get(&listed.id) {
                Some(held) => Some(held.clone()),
                None => store::read_interview(self.store.root(), &listed.id)
                    .ok()
                    .flatten(),
            };
            part.interviews.extend(read);
        }
        part
    }

    /// Calls `each` with the project holding only one of the interviews `ids` at a time (in
    /// the order given, held versions where held): an operation over many interviews that
    /// keeps none of them.
    pub fn each_alone(&self, ids: &[&str], mut each: impl FnMut(&Project)) {
        let mut part = self.project.clone();
        for id in ids {
            let read = match self.interviews.get(id) {
                Some(held) => Some(held.clone()),
                None => store::read_interview(self.store.root(), id).ok().flatten(),
            };
            if let Some(interview) = read {
                part.interviews = vec![interview];
                each(&part);
            }
        }
    }

    /// Changes the whole project with `change`, which returns the interviews it changed:
    /// those are held until saved, the rest of the copy is dropped; the project's own
    /// fields (codebook, guide, respondents…) are taken as `change` left them.
    pub fn change_whole(
        &mut self,
        change: impl FnOnce(&mut Project) -> Vec<String>,
    ) -> Vec<String> {
        self.change_these(None, |project| {
            let changed = change(project);
            (changed.clone(), changed)
        })
    }

    /// [`Session::change_whole`] on the project with only the interviews `ids` in it
    /// (`None`: all). `change` returns its result and the interviews it changed.
    pub fn change_these<T>(
        &mut self,
        ids: Option<&[String]>,
        change: impl FnOnce(&mut Project) -> (T, Vec<String>),
    ) -> T {
        let mut part = match ids {
            None => self.whole(),
            Some(ids) => {
                let mut part = self.project.clone();
                for id in ids {
                    if self.load(id)
                        && let Some(interview) = self.interviews.get(id)
                    {
                        part.interviews.push(interview.clone());
                    }
                }
                part
            }
        };
        let (result, changed) = change(&mut part);
        if ids.is_none() {
            // Every interview is at hand: the index is made again from them, so a change of
            // codebook or guide costs no second reading.
            self.interviews.reindex(&part);
        }
        let interviews = std::mem::take(&mut part.interviews);
        self.project = part;
        self.interviews.take_changed(interviews, &changed);
        super::search_worker::release_freed_memory();
        result
    }

    /// The summary index of every interview as it is in memory, fitted to the codebook,
    /// guide and respondents: what counts are made from.
    pub fn index(&mut self) -> &crate::report::Index {
        self.interviews.index(&self.store, &self.project)
    }

    /// Keeps the interview `id` on screen held (`None`: none is), and the one a follow-up
    /// shows beside it, which is read for it.
    pub fn show(&mut self, id: Option<&str>) {
        let previous = id
            .and_then(|id| self.interviews.previous(&self.project, id))
            .map(str::to_string)
            .filter(|previous| self.interviews.get(previous).is_some() || self.load(previous));
        let shown: Vec<&str> = id.into_iter().chain(previous.as_deref()).collect();
        self.interviews.show(&shown);
    }

    /// Brings the list rows of interviews changed in memory up to date (once per change).
    pub fn sync(&mut self) {
        self.interviews.sync();
    }

    /// Applies a typed edit to an answer (or the notes, for `question == None`) and returns
    /// the journal records for it and the number of coded passages the edit deleted.
    pub fn edit_text(
        &mut self,
        interview: &str,
        question: Option<&str>,
        text_edit: TextEdit,
    ) -> Option<(Vec<Record>, usize)> {
        let has_base = self.bases.contains_key(interview);
        let item = self.interview_mut(interview)?;
        let item_modified = item.modified;
        let item_copy = (!has_base).then(|| item.clone());
        let base = self
            .saved_base
            .get(interview)
            .copied()
            .unwrap_or(item_modified);
        let mut records = Vec::new();
        if let Some(copy) = item_copy {
            self.bases.insert(interview.to_string(), copy);
        }
        let item = self.interviews.get_mut(interview)?;
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
        let Some(interview) = self.interviews.get(id) else {
            // Only held interviews have anything to save (changed ones are never dropped).
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
        let Some(interview) = self.interviews.get(id) else {
            return;
        };
        let modified = interview.modified;
        self.search
            .send(Job::Interview(Box::new(interview.clone())));
        self.saved_base.insert(id.to_string(), modified);
        self.interviews.saved(id);
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
        let theirs = self.store.read_held(id)?;
        let name = self.interview_name(id);
        let Some(theirs) = theirs else {
            if local {
                // Deleted elsewhere while typed in here: keep what was typed.
                if let Some(interview) = self.interviews.get(id) {
                    self.store.save_interview(interview)?;
                    self.after_save(id);
                }
                return Ok(format!(
                    "{name}: the file was deleted by another program; your version was saved again."
                ));
            }
            self.interviews.forget(id);
            self.revision += 1;
            self.search.send(Job::Removed(id.to_string()));
            return Ok(format!("{name}: deleted by another program."));
        };
        self.saved_base.insert(id.to_string(), theirs.modified);
        self.based.retain(|(i, _)| i != id);
        self.revision += 1;
        let known = self.interviews.contains(id);
        if !known || !local {
            self.interviews.put_read(theirs.clone());
            self.search.send(Job::Interview(Box::new(theirs)));
            if !known {
                return Ok(format!("{name}: added by another program."));
            }
            return Ok(format!(
                "{name} was changed by another program and is shown as it is now."
            ));
        }
        let Some(slot) = self.interviews.get_mut(id) else {
            // Changed here yet not held cannot be (changed interviews are never dropped).
            self.interviews.put_read(theirs.clone());
            self.search.send(Job::Interview(Box::new(theirs)));
            return Ok(format!(
                "{name} was changed by another program and is shown as it is now."
            ));
        };
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
            if let Some(interview) = self.interviews.get(id) {
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
            match self.store.read_held(id)? {
                Some(theirs) => self.interviews.put_read(theirs),
                None => self.interviews.forget(id),
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
        if let Some(interview) = self.interview_mut(&id) {
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
