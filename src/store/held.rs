//! Interviews held in memory while a project is open, a bounded few at a time.
//!
//! A national project has 10,000 interviews and 127 MB of answer text: holding every one
//! parsed costs the interface 380 MiB. The interface instead keeps what its lists show of
//! each interview (`report::Listed`, the summary index) and holds parsed only the interview
//! on screen, those changed in memory and not yet saved (pinned: never dropped), and a few
//! opened recently. Others are read from their files when opened; the store keeps the stamp
//! of every file read, so compare-before-write still refuses a file changed by someone else.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::Path;

use crate::model::Interview;

use super::{
    Error, Loaded, Opened, Result, Store, checked_interview, interview_ids, interview_path,
    load_head, read_stamped, stamps_of,
};

impl Store {
    /// Opens a project as [`Store::open`] does, reading only `project.json` and
    /// `codebook.json`: each interview file is only `stat`ed, its stamp kept for
    /// compare-before-write, and read later with [`Store::read_held`].
    pub fn open_lazy(root: &Path) -> Result<Opened> {
        Self::open_as(root, load_outline_stamped)
    }

    /// Reads the interview file of `id` and takes its stamp as the one later saves compare
    /// against. `Ok(None)` when the file is gone. A file whose id does not name it is an
    /// error, as when the whole project is read.
    pub fn read_held(&self, id: &str) -> Result<Option<Interview>> {
        let rel = interview_path(id);
        let path = self.root.join(&rel);
        match read_stamped::<Interview>(&path) {
            Ok((interview, stamp, _)) => {
                let interview = checked_interview(&path, interview)?;
                self.stamps.lock().expect("stamps").insert(rel, stamp);
                Ok(Some(interview))
            }
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                self.stamps.lock().expect("stamps").remove(&rel);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Whether the interview file of `id` is still the one behov last read or wrote.
    pub fn interview_unchanged(&self, id: &str) -> bool {
        self.check_unchanged(&interview_path(id)).is_ok()
    }

    /// Marks `id` as a file that could not be read: it is never overwritten and its id never
    /// reused (what [`Store::open`] does for the files it cannot parse).
    pub fn mark_unreadable(&mut self, id: &str) {
        self.unreadable.insert(id.to_string());
    }
}

/// `project.json` and `codebook.json` read, every interview file `stat`ed.
fn load_outline_stamped(root: &Path) -> Result<Loaded> {
    let mut stamps = HashMap::new();
    let mut boms = Vec::new();
    let project = load_head(root, &mut stamps, &mut boms)?;
    let ids = interview_ids(root)?;
    let found = stamps_of(root, &ids, |stamp| stamp);
    for (id, stamp) in ids.iter().zip(found) {
        if let Some(stamp) = stamp {
            stamps.insert(interview_path(id), stamp);
        }
    }
    let notices = boms
        .iter()
        .map(|name| {
            format!(
                "{name} began with a byte-order mark (BOM), which was read and is left out when behov saves the file"
            )
        })
        .collect();
    Ok(Loaded {
        project,
        unreadable: Vec::new(),
        stamps,
        notices,
    })
}

/// The parsed interviews an open project holds: at most `bound` besides those pinned.
#[derive(Debug)]
pub struct Held {
    bound: usize,
    interviews: HashMap<String, Interview>,
    /// Ids of the held interviews, least recently used first.
    recent: VecDeque<String>,
    /// Interviews changed in memory (anything handed out mutably) and not yet saved: never
    /// dropped, since their file does not have what they hold.
    pinned: BTreeSet<String>,
    /// The interviews on screen: never dropped while they are shown.
    shown: Vec<String>,
}

impl Held {
    /// Holds up to `bound` interviews besides the pinned ones and the one shown.
    pub fn new(bound: usize) -> Held {
        Held {
            bound,
            interviews: HashMap::new(),
            recent: VecDeque::new(),
            pinned: BTreeSet::new(),
            shown: Vec::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Interview> {
        self.interviews.get(id)
    }

    /// The interview to change: it is pinned until [`Held::settle`] says its file has it.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Interview> {
        let interview = self.interviews.get_mut(id)?;
        self.pinned.insert(id.to_string());
        Some(interview)
    }

    /// Makes `id` held, reading its file through `store` unless it is held already. A held
    /// interview that is not pinned is read again when its file changed on disk, so what is
    /// opened is what the file holds. `Ok(false)` when there is no such file.
    pub fn load(&mut self, store: &Store, id: &str) -> Result<bool> {
        if self.interviews.contains_key(id)
            && (self.pinned.contains(id) || store.interview_unchanged(id))
        {
            self.used(id);
            return Ok(true);
        }
        match store.read_held(id)? {
            Some(interview) => {
                self.put(interview);
                Ok(true)
            }
            None => {
                if !self.pinned.contains(id) {
                    self.remove(id);
                }
                Ok(false)
            }
        }
    }

    /// Holds `interview` (new, or read by the caller), in place of any held version.
    pub fn put(&mut self, interview: Interview) {
        let id = interview.id.clone();
        self.interviews.insert(id.clone(), interview);
        self.used(&id);
        self.trim();
    }

    /// Holds `interview` changed: pinned until saved.
    pub fn put_changed(&mut self, interview: Interview) {
        self.pinned.insert(interview.id.clone());
        self.put(interview);
    }

    pub fn remove(&mut self, id: &str) -> Option<Interview> {
        self.recent.retain(|r| r != id);
        self.pinned.remove(id);
        self.interviews.remove(id)
    }

    /// The file of `id` now has what is held: it may be dropped again.
    pub fn settle(&mut self, id: &str) {
        if self.pinned.remove(id) {
            self.trim();
        }
    }

    pub fn is_pinned(&self, id: &str) -> bool {
        self.pinned.contains(id)
    }

    /// The interviews changed in memory and not yet saved.
    pub fn pinned(&self) -> impl Iterator<Item = &str> {
        self.pinned.iter().map(String::as_str)
    }

    /// The interviews on screen, kept held while they are.
    pub fn show(&mut self, ids: &[&str]) {
        if self
            .shown
            .iter()
            .map(String::as_str)
            .eq(ids.iter().copied())
        {
            return;
        }
        self.shown = ids.iter().map(|id| id.to_string()).collect();
        self.trim();
    }

    /// How many interviews are held.
    pub fn len(&self) -> usize {
        self.interviews.len()
    }

    pub fn is_empty(&self) -> bool {
        self.interviews.is_empty()
    }

    /// The held interviews, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Interview> {
        self.interviews.values()
    }

    fn used(&mut self, id: &str) {
        if self.recent.back().is_some_and(|last| last == id) {
            return;
        }
        self.recent.retain(|r| r != id);
        self.recent.push_back(id.to_string());
    }

    /// Drops the least recently used interviews that are neither pinned nor shown while more
    /// than `bound` of those are held.
    fn trim(&mut self) {
        let kept =
            |held: &Held, id: &str| held.pinned.contains(id) || held.shown.iter().any(|s| s == id);
        let mut droppable = self.recent.iter().filter(|id| !kept(self, id)).count();
        let mut i = 0;
        while droppable > self.bound && i < self.recent.len() {
            if kept(self, &self.recent[i]) {
                i += 1;
                continue;
            }
            let id = self.recent.remove(i).expect("in range");
            self.interviews.remove(&id);
            droppable -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{interview_file, to_json};
    use crate::synth::Synth;

    fn project(n: u32) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let mut synth = Synth::new(5);
        let mut project = synth.project(4);
        project.interviews = (1..=n).map(|k| synth.interview(k as usize, 4)).collect();
        drop(Store::create(&root, &project).unwrap());
        let opened = Store::open_lazy(&root).unwrap();
        assert!(opened.project.interviews.is_empty(), "nothing parsed");
        (dir, opened.store)
    }

    fn ids(store: &Store) -> Vec<String> {
        interview_ids(store.root()).unwrap()
    }

    #[test]
    fn interviews_are_read_when_loaded_and_the_bound_is_kept() {
        let (_dir, store) = project(12);
        let ids = ids(&store);
        let mut held = Held::new(3);
        for id in &ids {
            assert!(held.load(&store, id).unwrap());
            assert_eq!(held.get(id).unwrap().id, *id);
            assert!(held.len() <= 3);
        }
        // The most recently opened are the ones kept.
        for id in &ids[ids.len() - 3..] {
            assert!(held.get(id).is_some());
        }
        assert!(held.get(&ids[0]).is_none());
        assert!(!held.load(&store, "i999").unwrap(), "no such file");
    }

    #[test]
    fn pinned_and_shown_interviews_are_never_dropped() {
        let (_dir, store) = project(12);
        let ids = ids(&store);
        let mut held = Held::new(2);
        held.load(&store, &ids[0]).unwrap();
        held.get_mut(&ids[0]).unwrap().notes = "typed here".into();
        held.load(&store, &ids[1]).unwrap();
        held.show(&[&ids[1]]);
        for id in &ids[2..] {
            held.load(&store, id).unwrap();
        }
        assert_eq!(held.get(&ids[0]).unwrap().notes, "typed here");
        assert!(held.get(&ids[1]).is_some(), "on screen");
        assert_eq!(held.len(), 4, "two pinned or shown and two more");
        // A pinned interview is not read again over what was typed.
        held.load(&store, &ids[0]).unwrap();
        assert_eq!(held.get(&ids[0]).unwrap().notes, "typed here");
        held.settle(&ids[0]);
        held.show(&[]);
        assert_eq!(held.len(), 2);
        // Settled and no longer shown, they are dropped as any other: the least recent first.
        assert!(held.get(&ids[0]).is_some(), "loaded last");
        assert!(held.get(&ids[1]).is_none());
    }

    #[test]
    fn a_file_changed_on_disk_is_seen_on_the_next_load() {
        let (_dir, store) = project(3);
        let ids = ids(&store);
        let mut held = Held::new(4);
        held.load(&store, &ids[0]).unwrap();
        let mut theirs = held.get(&ids[0]).unwrap().clone();
        theirs.notes = "written by a colleague".into();
        std::fs::write(interview_file(store.root(), &ids[0]), to_json(&theirs)).unwrap();
        assert!(!store.interview_unchanged(&ids[0]));
        held.load(&store, &ids[0]).unwrap();
        assert_eq!(held.get(&ids[0]).unwrap().notes, "written by a colleague");
        // Read again, its stamp is the one saves compare against.
        assert!(store.interview_unchanged(&ids[0]));
        store.save_interview(held.get(&ids[0]).unwrap()).unwrap();

        std::fs::remove_file(interview_file(store.root(), &ids[0])).unwrap();
        assert!(!held.load(&store, &ids[0]).unwrap());
        assert!(held.get(&ids[0]).is_none());
    }

    #[test]
    fn a_file_changed_after_it_was_read_is_not_overwritten() {
        let (_dir, store) = project(2);
        let ids = ids(&store);
        let mut held = Held::new(4);
        held.load(&store, &ids[1]).unwrap();
        let mine = held.get_mut(&ids[1]).unwrap();
        mine.notes = "mine".into();
        let mut theirs = mine.clone();
        theirs.notes = "theirs".into();
        std::fs::write(interview_file(store.root(), &ids[1]), to_json(&theirs)).unwrap();
        let refused = store.save_interview(held.get(&ids[1]).unwrap());
        assert!(matches!(refused, Err(Error::Changed(_))), "{refused:?}");
    }

    #[test]
    fn an_unreadable_file_is_an_error_and_is_never_overwritten() {
        let (_dir, mut store) = project(2);
        let ids = ids(&store);
        let path = interview_file(store.root(), &ids[0]);
        std::fs::write(&path, "{ not json").unwrap();
        let mut held = Held::new(4);
        assert!(held.load(&store, &ids[0]).is_err());
        assert!(held.get(&ids[0]).is_none());
        store.mark_unreadable(&ids[0]);
        let other = store.read_held(&ids[1]).unwrap().unwrap();
        let mut stolen = other.clone();
        stolen.id = ids[0].clone();
        assert!(store.save_interview(&stolen).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    }
}
