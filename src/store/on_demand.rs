//! The interviews of an open project without holding them all: what the lists and the
//! summary show of every interview (the list rows and the summary index, kept in `.behov/`
//! and brought up to date by `stat`), and a bounded [`Held`] set of parsed interviews read
//! from their files when opened. Operations over every interview read the files one at a
//! time ([`OnDemand::each`]) or, where the model's functions want a whole project, build one
//! for the length of the operation ([`OnDemand::whole`]) and drop it.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::model::{Interview, Project};
use crate::report::{Index, Listed, Quoted, file_order};

use super::{Error, Held, Result, Store, interview_ids, read_interview, summary_index};

/// Interviews held besides the pinned ones and the one on screen.
pub const HELD: usize = 16;

#[derive(Debug)]
pub struct OnDemand {
    held: Held,
    /// Every interview as the lists show it, in file-name order.
    listed: Vec<Listed>,
    /// The summary index of every interview, as held in memory where it is held.
    index: Index,
    /// Interviews whose index row is older than what is held.
    stale: BTreeSet<String>,
}

impl OnDemand {
    /// The interviews of the project at `store`, whose outline is `project`: the kept summary
    /// index brought up to date (reading only files changed since it was kept, or every file
    /// when there is none yet). Returns the files that cannot be read, with why.
    pub fn open(store: &Store, project: &Project) -> Result<(OnDemand, Vec<Error>)> {
        let root = store.root();
        let (index, refreshed) = summary_index::summary_index(root, project)?;
        let mut unreadable = Vec::new();
        if refreshed.unreadable > 0 {
            let counted: BTreeSet<&str> = index.ids().collect();
            for id in interview_ids(root)? {
                if !counted.contains(id.as_str())
                    && let Err(e) = read_interview(root, &id)
                {
                    unreadable.push(e);
                }
            }
        }
        Ok((
            OnDemand {
                held: Held::new(HELD),
                listed: index.listed(),
                index,
                stale: BTreeSet::new(),
            },
            unreadable,
        ))
    }

    /// Every interview of `project` held in memory for good (a programme's combined
    /// project, which has no files of its own to read them from).
    pub fn in_memory(project: &mut Project) -> OnDemand {
        let index = Index::new(project);
        let mut listed: Vec<Listed> = project.interviews.iter().map(Listed::of).collect();
        // Looked up by id in file-name order (a programme's ids come from several projects).
        listed.sort_by(|a, b| file_order(&a.id, &b.id));
        let mut held = Held::new(usize::MAX);
        for interview in std::mem::take(&mut project.interviews) {
            held.put(interview);
        }
        OnDemand {
            held,
            listed,
            index,
            stale: BTreeSet::new(),
        }
    }

    /// Every interview as the lists show it, in file-name order.
    pub fn listed(&self) -> &[Listed] {
        &self.listed
    }

    pub fn listed_one(&self, id: &str) -> Option<&Listed> {
        let at = self
            .listed
            .binary_search_by(|l| file_order(&l.id, id))
            .ok()?;
        Some(&self.listed[at])
    }

    pub fn len(&self) -> usize {
        self.listed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.listed_one(id).is_some()
    }

    /// The interview `id` if it is held (see [`OnDemand::load`]).
    pub fn get(&self, id: &str) -> Option<&Interview> {
        self.held.get(id)
    }

    /// The held interview `id`, to change: pinned until [`OnDemand::saved`].
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Interview> {
        self.stale.insert(id.to_string());
        self.held.get_mut(id)
    }

    /// Makes `id` held, reading its file if needed (see [`Held::load`]); `Ok(false)` when
    /// there is no such interview.
    pub fn load(&mut self, store: &Store, id: &str) -> Result<bool> {
        // A file that is as the store last saw it is the version its row was made from.
        let newer = !self.held.is_pinned(id) && !store.interview_unchanged(id);
        let found = self.held.load(store, id)?;
        if newer {
            match self.held.get(id) {
                // Changed by someone else since its row was made: the row is made again.
                Some(interview) => {
                    let listed = Listed::of(interview);
                    self.set_listed(listed);
                    self.stale.insert(id.to_string());
                }
                None => self.forget(id),
            }
        }
        Ok(found)
    }

    pub fn is_pinned(&self, id: &str) -> bool {
        self.held.is_pinned(id)
    }

    /// The interviews on screen, kept held while they are shown.
    pub fn show(&mut self, ids: &[&str]) {
        self.held.show(ids);
    }

    /// What a follow-up `id` is compared with, as `Project::previous_interview` finds it:
    /// the latest interview with one of its organisations in an earlier round of `project`.
    pub fn previous(&self, project: &Project, id: &str) -> Option<&str> {
        let round_index = |round: &Option<String>| match round {
            Some(r) => project.rounds.iter().position(|x| &x.id == r),
            None => (!project.rounds.is_empty()).then_some(0),
        };
        let me = self.listed_one(id)?;
        let round = round_index(&me.round)?;
        self.listed
            .iter()
            .filter(|other| other.id != id)
            .filter(|other| other.respondents.iter().any(|r| me.respondents.contains(r)))
            .filter_map(|other| Some((round_index(&other.round)?, other)))
            .filter(|(k, _)| *k < round)
            .max_by(|(ka, a), (kb, b)| ka.cmp(kb).then(a.date.cmp(&b.date)).then(a.id.cmp(&b.id)))
            .map(|(_, other)| other.id.as_str())
    }

    /// How many interviews are held parsed.
    pub fn held(&self) -> usize {
        self.held.len()
    }

    /// A new interview, or one changed outside the held set: held and pinned until saved.
    pub fn put_changed(&mut self, interview: Interview) {
        self.set_listed(Listed::of(&interview));
        self.stale.insert(interview.id.clone());
        self.held.put_changed(interview);
    }

    /// The current version of a file, read by the caller: replaces any held version.
    pub fn put_read(&mut self, interview: Interview) {
        self.set_listed(Listed::of(&interview));
        self.stale.insert(interview.id.clone());
        self.held.settle(&interview.id);
        self.held.put(interview);
    }

    /// The interview is gone (deleted here or by someone else).
    pub fn forget(&mut self, id: &str) {
        self.held.remove(id);
        self.listed.retain(|l| l.id != id);
        self.index.remove(id);
        self.stale.remove(id);
    }

    /// The file of `id` now has what is held: the list shows it, and it may be dropped.
    pub fn saved(&mut self, id: &str) {
        if let Some(interview) = self.held.get(id) {
            let listed = Listed::of(interview);
            self.set_listed(listed);
            self.stale.insert(id.to_string());
        }
        self.held.settle(id);
    }

    /// Brings the list rows of the interviews changed in memory up to date.
    pub fn sync(&mut self) {
        let changed: Vec<Listed> = self
            .held
            .pinned()
            .filter_map(|id| self.held.get(id))
            .map(Listed::of)
            .collect();
        for listed in changed {
            self.set_listed(listed);
        }
    }

    /// The summary index of every interview as it is in memory, fitted to `project`'s
    /// codebook, guide and respondents (renumbered when those changed, see
    /// [`Index::remap`]): rows of interviews changed since are made again.
    pub fn index(&mut self, store: &Store, project: &Project) -> &Index {
        if !self.index.fits(project) {
            self.index.remap(project);
        }
        let stale = std::mem::take(&mut self.stale);
        let mut read = Vec::new();
        for id in &stale {
            if self.held.get(id).is_none()
                && self.contains(id)
                && let Ok(Some(interview)) = read_interview(store.root(), id)
            {
                read.push(interview);
            }
        }
        let held = stale.iter().filter_map(|id| self.held.get(id));
        self.index.put(project, held.chain(read.iter()));
        &self.index
    }

    /// Makes the index again from `whole`, which holds every interview as it is in memory
    /// (a [`OnDemand::whole`] project, changed).
    pub fn reindex(&mut self, whole: &Project) {
        self.index = Index::new(whole);
        self.stale.clear();
    }

    /// The index as it is (rows of interviews changed since [`OnDemand::index`] may be old).
    pub fn kept_index(&self) -> &Index {
        &self.index
    }

    /// Calls `each` with every interview in file-name order: the held version where one is
    /// held, else read from its file and dropped after. Files that cannot be read are left
    /// out (they were reported when the project opened).
    pub fn each(&self, store: &Store, mut each: impl FnMut(&Interview)) {
        for listed in &self.listed {
            match self.held.get(&listed.id) {
                Some(interview) => each(interview),
                None => {
                    if let Ok(Some(interview)) = read_interview(store.root(), &listed.id) {
                        each(&interview);
                    }
                }
            }
        }
    }

    /// `project` (an outline) with every interview in it, for an operation over all of them
    /// that the model's functions make on a whole project. Costs what the whole project
    /// costs, for as long as the caller keeps it.
    pub fn whole(&self, store: &Store, project: &Project) -> Project {
        let mut whole = project.clone();
        whole.interviews.reserve(self.listed.len());
        self.each(store, |interview| whole.interviews.push(interview.clone()));
        whole
    }

    /// Takes the interviews `changed` of a [`OnDemand::whole`] project's `interviews` back: held and
    /// pinned until saved. The rest of `whole` is dropped.
    pub fn take_changed(&mut self, interviews: Vec<Interview>, changed: &[String]) {
        let changed: BTreeSet<&str> = changed.iter().map(String::as_str).collect();
        for interview in interviews {
            if changed.contains(interview.id.as_str()) {
                self.put_changed(interview);
            }
        }
    }

    /// The quoted interviews of a summary counted from [`OnDemand::index`].
    pub fn quoted<'a>(&'a self, store: &'a Store) -> impl Quoted + 'a {
        Quotes {
            on_demand: self,
            store,
        }
    }

    /// Puts `listed` in place of its row, or among the rows in file-name order.
    fn set_listed(&mut self, listed: Listed) {
        match self
            .listed
            .binary_search_by(|l| file_order(&l.id, &listed.id))
        {
            Ok(at) => self.listed[at] = listed,
            Err(at) => self.listed.insert(at, listed),
        }
    }
}

struct Quotes<'a> {
    on_demand: &'a OnDemand,
    store: &'a Store,
}

impl Quoted for Quotes<'_> {
    fn interview(&self, row: usize) -> Option<Cow<'_, Interview>> {
        let id = self.on_demand.index.id(row)?;
        match self.on_demand.held.get(id) {
            Some(interview) => Some(Cow::Borrowed(interview)),
            None => read_interview(self.store.root(), id)
                .ok()
                .flatten()
                .map(Cow::Owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{self, Options};
    use crate::store::{interview_file, load, load_outline, to_json};
    use crate::synth::Synth;

    fn project(n: usize) -> (tempfile::TempDir, Store, Project) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let mut synth = Synth::new(9);
        let mut project = synth.project(6);
        project.interviews = (1..=n).map(|k| synth.interview(k, 6)).collect();
        drop(Store::create(&root, &project).unwrap());
        let opened = Store::open_lazy(&root).unwrap();
        (dir, opened.store, opened.project)
    }

    #[test]
    fn the_list_shows_every_interview_while_few_are_held() {
        let (_dir, store, outline) = project(40);
        let (mut on_demand, unreadable) = OnDemand::open(&store, &outline).unwrap();
        assert!(unreadable.is_empty());
        let (whole, _) = load(store.root()).unwrap();
        let listed: Vec<Listed> = whole.interviews.iter().map(Listed::of).collect();
        assert_eq!(on_demand.listed(), &listed[..]);
        assert_eq!(on_demand.held(), 0);
        for l in listed.iter().rev() {
            assert!(on_demand.load(&store, &l.id).unwrap());
            assert!(on_demand.held() <= HELD);
        }
        assert_eq!(on_demand.held(), HELD);
        assert_eq!(on_demand.whole(&store, &outline), whole);
    }

    #[test]
    fn changes_in_memory_are_listed_counted_and_kept_until_saved() {
        let (_dir, store, outline) = project(30);
        let (mut on_demand, _) = OnDemand::open(&store, &outline).unwrap();
        let first = on_demand.listed()[0].id.clone();
        on_demand.load(&store, &first).unwrap();
        let changed = on_demand.get_mut(&first).unwrap();
        for answer in &mut changed.answers {
            answer.codings.clear();
        }
        changed.notes_codings.clear();
        for l in on_demand.listed().to_vec() {
            on_demand.load(&store, &l.id).unwrap();
        }
        on_demand.sync();
        assert_eq!(
            on_demand.listed()[0].codings,
            0,
            "the list shows the change"
        );
        assert_eq!(
            on_demand.get(&first).unwrap().coding_count(),
            0,
            "still held"
        );

        let mut whole = on_demand.whole(&store, &outline);
        assert_eq!(whole.interviews[0].coding_count(), 0, "the held version");
        let options = Options::default();
        let fresh = report::summarise(&whole, &options).unwrap();
        let index = on_demand.index(&store, &outline).clone();
        let counted =
            report::summarise_quoting(&outline, &index, &on_demand.quoted(&store), &options)
                .unwrap();
        assert_eq!(counted, fresh);

        // A new code changes the numbering: every row is made again.
        let mut grown = outline.clone();
        let mut code = grown.codebook.codes[0].clone();
        code.id = "c-new".into();
        grown.codebook.codes.insert(0, code);
        whole.codebook = grown.codebook.clone();
        let index = on_demand.index(&store, &grown).clone();
        assert_eq!(index, Index::new(&whole));

        store
            .save_interview(on_demand.get(&first).unwrap())
            .unwrap();
        on_demand.saved(&first);
        assert!(!on_demand.is_pinned(&first));
        assert!(on_demand.held() <= HELD);
    }

    #[test]
    fn a_file_changed_by_someone_else_is_listed_when_read_and_others_are_read_whole() {
        let (_dir, store, outline) = project(5);
        let (mut on_demand, _) = OnDemand::open(&store, &outline).unwrap();
        let id = on_demand.listed()[2].id.clone();
        let mut theirs = read_interview(store.root(), &id).unwrap().unwrap();
        theirs.interviewer = "Någon annan".into();
        std::fs::write(interview_file(store.root(), &id), to_json(&theirs)).unwrap();
        on_demand.load(&store, &id).unwrap();
        assert_eq!(on_demand.listed()[2].interviewer, "Någon annan");
        let whole = on_demand.whole(&store, &load_outline(store.root()).unwrap());
        assert_eq!(whole.interviews[2], theirs);
        on_demand.forget(&id);
        assert_eq!(on_demand.len(), 4);
    }

    #[test]
    fn the_previous_round_is_found_as_in_the_whole_project() {
        let (_dir, store, mut outline) = project(12);
        outline.rounds = ["r1", "r2", "r3"]
            .map(|id| crate::model::Round {
                id: id.into(),
                name: id.into(),
                start: None,
                end: None,
            })
            .to_vec();
        let (mut on_demand, _) = OnDemand::open(&store, &outline).unwrap();
        let ids: Vec<String> = on_demand.listed().iter().map(|l| l.id.clone()).collect();
        for (k, id) in ids.iter().enumerate() {
            on_demand.load(&store, id).unwrap();
            let mut changed = on_demand.get(id).unwrap().clone();
            changed.round = [None, Some("r2".to_string()), Some("r3".to_string())][k % 3].clone();
            changed.respondents = vec![outline.respondents[k % 2].id.clone()];
            on_demand.put_changed(changed);
        }
        let whole = on_demand.whole(&store, &outline);
        for interview in &whole.interviews {
            assert_eq!(
                on_demand.previous(&outline, &interview.id),
                whole.previous_interview(interview).map(|p| p.id.as_str())
            );
        }
        assert!(
            ids.iter()
                .any(|id| on_demand.previous(&outline, id).is_some())
        );
    }

    #[test]
    fn an_unreadable_file_is_reported_and_left_out() {
        let (_dir, store, outline) = project(4);
        let ids = interview_ids(store.root()).unwrap();
        std::fs::write(interview_file(store.root(), &ids[1]), "{").unwrap();
        let (on_demand, unreadable) = OnDemand::open(&store, &outline).unwrap();
        assert_eq!(unreadable.len(), 1);
        assert!(unreadable[0].to_string().contains(&ids[1]));
        assert_eq!(on_demand.len(), 3);
    }
}
