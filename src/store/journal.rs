//! The journal of text being typed: every edit to an answer or to the notes is appended to
//! `.behov/journal` as it happens, so a crash loses nothing, and is later folded into the
//! interview file by an atomic save.
//!
//! The journal tells the truth:
//! - Every line carries a CRC-32 of its entry. A line torn by a crash or a full disk is
//!   detected, reported and copied aside, never joined with the next entry: a failed write is
//!   cut off again before anything else is written.
//! - An entry that cannot be written stays queued in memory, is retried, and the caller can
//!   say exactly how many typed characters are only in memory.
//! - A successful save of one interview appends a `saved` marker for that interview alone;
//!   edits of other interviews whose saves failed stay in force.
//! - Each edit names the version of the file it applies to (`base`, the file's `modified`),
//!   and the first edit of an answer after a save is preceded by the answer's text as it was
//!   (`text`). If the file changed underneath before the edits were folded (a `git pull`
//!   after a crash), the typed version is rebuilt from that text and offered beside the file's
//!   version instead of being dropped.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Error, LOCAL_DIR, Result, atomic, fault};
use crate::model::{Coding, Project, TextConflict, TextEdit, edit};

const FILE: &str = "journal";
/// The journal reaches the disk at least this often while typing (a `kill -9` loses nothing
/// even sooner: every entry is written to the OS at once).
pub const SYNC_EVERY: Duration = Duration::from_secs(2);

/// One typed change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub interview: String,
    /// `modified` of the interview file this edit applies to.
    pub base: Timestamp,
    /// The question whose answer is edited; `None` for the interview's notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(flatten)]
    pub edit: TextEdit,
}

/// The text of an answer (or the notes) before the first edit on top of file version `base`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseText {
    pub interview: String,
    pub base: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub text: String,
}

/// The interview was saved with `modified`: every earlier record of it is in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub saved: String,
    pub modified: Timestamp,
}

/// A journal line. Untagged, so journals written before the other kinds existed still read:
/// an edit has `at`, a base text has `text`, a marker has `saved`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    Edit(Entry),
    Base(BaseText),
    Saved(Saved),
}

impl Record {
    fn interview(&self) -> &str {
        match self {
            Record::Edit(e) => &e.interview,
            Record::Base(b) => &b.interview,
            Record::Saved(s) => &s.saved,
        }
    }

    /// Characters typed by this record (what is lost if it never reaches the disk).
    fn typed(&self) -> usize {
        match self {
            Record::Edit(e) => e.edit.inserted.chars().count(),
            _ => 0,
        }
    }

    /// The line as written: JSON, a tab, the CRC-32 of the JSON in hex, a newline.
    fn line(&self) -> Vec<u8> {
        let json = serde_json::to_string(self).expect("records always serialise");
        format!("{json}\t{:08x}\n", crc32fast::hash(json.as_bytes())).into_bytes()
    }
}

/// A line read back: the record, or `None` when it is torn or damaged.
fn parse_line(line: &[u8]) -> Option<Record> {
    let text = std::str::from_utf8(line).ok()?;
    match text.rsplit_once('\t') {
        Some((json, crc)) => {
            let crc = u32::from_str_radix(crc, 16).ok()?;
            (crc32fast::hash(json.as_bytes()) == crc)
                .then(|| serde_json::from_str(json).ok())
                .flatten()
        }
        // Written by a behov before entries had checksums.
        None => serde_json::from_str(text).ok(),
    }
}

struct Pending {
    interview: String,
    typed: usize,
    line: Vec<u8>,
}

pub struct Journal {
    file: File,
    path: PathBuf,
    /// Length of the complete entries in the file: a failed write is cut back to it.
    len: u64,
    /// Records not yet in the file, oldest first (the disk was full, a write failed).
    pending: VecDeque<Pending>,
    unsynced: bool,
    last_sync: Instant,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.path)
            .field("len", &self.len)
            .field("pending", &self.pending.len())
            .finish()
    }
}

impl Journal {
    /// Opens the journal for appending. A torn last line (from a crash mid-write) is cut off
    /// first, so the next entry starts on a line of its own; [`replay`] has already reported
    /// and kept it.
    pub fn open(root: &Path) -> Result<Journal> {
        let dir = root.join(LOCAL_DIR);
        atomic::create_dir(&dir)?;
        let path = dir.join(FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let len = complete_length(&mut file).map_err(|e| Error::io(&path, e))?;
        file.set_len(len).map_err(|e| Error::io(&path, e))?;
        Ok(Journal {
            file,
            path,
            len,
            pending: VecDeque::new(),
            unsynced: false,
            last_sync: Instant::now(),
        })
    }

    /// Queues `record` and writes everything queued. On failure the record stays queued (in
    /// memory) and is written by a later `append` or [`Journal::flush`].
    pub fn append(&mut self, record: &Record) -> Result<()> {
        self.pending.push_back(Pending {
            interview: record.interview().to_string(),
            typed: record.typed(),
            line: record.line(),
        });
        self.flush()
    }

    pub fn append_edit(&mut self, entry: &Entry) -> Result<()> {
        self.append(&Record::Edit(entry.clone()))
    }

    /// Writes the queued records, oldest first. A write that fails half-way is cut back off
    /// the file, so the file only ever holds whole lines.
    pub fn flush(&mut self) -> Result<()> {
        while let Some(next) = self.pending.front() {
            let written = fault::write_all(&mut self.file, &next.line);
            if let Err(e) = written {
                // Cut the torn part off; if even that fails, the CRC still marks it torn.
                let _ = self.file.set_len(self.len);
                return Err(Error::io(&self.path, e));
            }
            self.len += next.line.len() as u64;
            self.unsynced = true;
            self.pending.pop_front();
        }
        Ok(())
    }

    /// Typed characters that are only in memory because their entries could not be written.
    pub fn unwritten_characters(&self) -> usize {
        self.pending.iter().map(|p| p.typed).sum()
    }

    /// Whether entries are waiting to be written.
    pub fn is_behind(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Records that `interview` was saved as `modified`: its queued entries are in the file
    /// now and need not be written, and its earlier entries no longer apply.
    pub fn saved(&mut self, interview: &str, modified: Timestamp) -> Result<()> {
        self.pending.retain(|p| p.interview != interview);
        self.append(&Record::Saved(Saved {
            saved: interview.to_string(),
            modified,
        }))
    }

    /// fsync if anything was written since the last one.
    pub fn sync(&mut self) -> Result<()> {
        if self.unsynced {
            fault::sync_data(&self.file).map_err(|e| Error::io(&self.path, e))?;
            self.unsynced = false;
        }
        self.last_sync = Instant::now();
        Ok(())
    }

    /// fsync if the last one was `SYNC_EVERY` ago.
    pub fn sync_if_due(&mut self) -> Result<()> {
        if self.unsynced && self.last_sync.elapsed() >= SYNC_EVERY {
            self.sync()?;
        }
        Ok(())
    }

    /// Empties the journal once everything in it has been folded into the interview files.
    pub fn clear(&mut self) -> Result<()> {
        self.pending.clear();
        self.file.set_len(0).map_err(|e| Error::io(&self.path, e))?;
        self.len = 0;
        self.unsynced = true;
        self.sync()
    }
}

/// The length of the file up to and including its last newline.
fn complete_length(file: &mut File) -> std::io::Result<u64> {
    let end = file.seek(SeekFrom::End(0))?;
    let mut pos = end;
    let mut buf = [0u8; 4096];
    while pos > 0 {
        let start = pos.saturating_sub(buf.len() as u64);
        let n = (pos - start) as usize;
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut buf[..n])?;
        if let Some(i) = buf[..n].iter().rposition(|&b| b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        pos = start;
    }
    Ok(0)
}

/// What replaying the journal brought back.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Interviews that had unsaved typing, now in the project and to be saved.
    pub interviews: BTreeSet<String>,
    pub edits: usize,
    /// Characters typed in the edits applied.
    pub characters: usize,
    /// Lines that could not be read (torn by a crash mid-write, or damaged).
    pub unreadable: usize,
    /// Where the unreadable lines were copied, so nothing is thrown away.
    pub unreadable_copy: Option<PathBuf>,
    /// Typed text whose interview file changed underneath: both versions, for the user.
    pub conflicts: Vec<TextConflict>,
    /// Edits for interviews whose file no longer exists, with the characters they typed.
    pub orphaned: Vec<(String, usize)>,
}

impl Recovery {
    /// Whether the journal holds anything that is not yet settled in the files, so it must
    /// not be emptied.
    pub fn must_keep_journal(&self) -> bool {
        !self.conflicts.is_empty() || !self.orphaned.is_empty()
    }
}

/// The interviews the journal at `root` has edits for: those [`replay`] needs in memory
/// when a project is opened without reading every interview.
pub fn interviews_named(root: &Path) -> Result<std::collections::BTreeSet<String>> {
    let path = root.join(LOCAL_DIR).join(FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    Ok(bytes
        .split(|&b| b == b'\n')
        .filter_map(parse_line)
        .filter_map(|record| match record {
            Record::Edit(entry) => Some(entry.interview),
            _ => None,
        })
        .collect())
}

/// Applies every journal entry that belongs to the current version of its interview, and
/// collects as conflicts those typed on a version that is no longer there.
pub fn replay(root: &Path, project: &mut Project) -> Result<Recovery> {
    let path = root.join(LOCAL_DIR).join(FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Recovery::default()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut recovery = Recovery::default();
    let mut records = Vec::new();
    let mut bad: Vec<&[u8]> = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_empty() {
            continue;
        }
        match parse_line(line) {
            Some(record) => records.push(record),
            None => bad.push(line),
        }
    }
    if !bad.is_empty() {
        recovery.unreadable = bad.len();
        let copy = root.join(LOCAL_DIR).join(format!(
            "journal-unreadable-{}.txt",
            Timestamp::now().as_second()
        ));
        atomic::write(&copy, &bad.join(&b'\n'))?;
        recovery.unreadable_copy = Some(copy);
    }

    // Everything of an interview before its last `saved` marker is in the file already.
    let mut last_saved: HashMap<&str, usize> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        if let Record::Saved(s) = record {
            last_saved.insert(&s.saved, i);
        }
    }
    let live = records.iter().enumerate().filter(|(i, r)| {
        last_saved
            .get(r.interview())
            .is_none_or(|&marker| *i > marker)
    });

    // Rebuilt texts of versions that are no longer on disk: (interview, question, base).
    type Key = (String, Option<String>, Timestamp);
    let mut rebuilt: HashMap<Key, (String, usize)> = HashMap::new();
    let mut order: Vec<Key> = Vec::new();
    let mut orphaned: HashMap<String, usize> = HashMap::new();
    for (_, record) in live {
        match record {
            Record::Saved(_) => {}
            Record::Base(b) => {
                let key = (b.interview.clone(), b.question.clone(), b.base);
                if let std::collections::hash_map::Entry::Vacant(slot) = rebuilt.entry(key) {
                    order.push(slot.key().clone());
                    slot.insert((b.text.clone(), 0));
                }
            }
            Record::Edit(entry) => {
                let Some(interview) = project.interview_mut(&entry.interview) else {
                    *orphaned.entry(entry.interview.clone()).or_default() +=
                        entry.edit.inserted.chars().count();
                    continue;
                };
                if interview.modified == entry.base {
                    match &entry.question {
                        Some(question) => {
                            let answer = interview.answer_mut(question);
                            edit::apply(&mut answer.text, &mut answer.codings, &entry.edit);
                        }
                        None => {
                            edit::apply(
                                &mut interview.notes,
                                &mut interview.notes_codings,
                                &entry.edit,
                            );
                        }
                    }
                    recovery.edits += 1;
                    recovery.characters += entry.edit.inserted.chars().count();
                    recovery.interviews.insert(entry.interview.clone());
                    continue;
                }
                let key = (entry.interview.clone(), entry.question.clone(), entry.base);
                // Without the text it was typed on (a journal from an older behov) an edit
                // on another version cannot be rebuilt; such journals only held edits that
                // were already folded.
                if let Some((text, edits)) = rebuilt.get_mut(&key) {
                    edit::apply(text, &mut Vec::<Coding>::new(), &entry.edit);
                    *edits += 1;
                }
            }
        }
    }
    for key in order {
        let (mine, edits) = rebuilt.remove(&key).expect("ordered keys are present");
        if edits == 0 {
            continue;
        }
        let (id, question, _) = key;
        let Some(interview) = project.interview(&id) else {
            continue;
        };
        let theirs = match &question {
            Some(q) => interview
                .answer(q)
                .map(|a| a.text.clone())
                .unwrap_or_default(),
            None => interview.notes.clone(),
        };
        // A save that landed just before the crash, before its marker: already folded.
        if mine != theirs {
            recovery.conflicts.push(TextConflict {
                interview: id,
                question,
                mine,
                mine_codings: None,
                theirs,
            });
        }
    }
    recovery.orphaned = orphaned.into_iter().collect();
    recovery.orphaned.sort();
    Ok(recovery)
}

/// Folds the journal into the interview files before a command rewrites the project (a
/// merge, an erasure), so no typing is left on a version that is then replaced. Refused
/// when the journal holds typing not settled with the files. Returns how many interviews
/// were saved.
pub fn fold(store: &super::Store, project: &mut Project) -> Result<usize> {
    let root = store.root().to_path_buf();
    let recovery = replay(&root, project)?;
    if recovery.must_keep_journal() {
        return Err(Error::Invalid(format!(
            "the journal of {} holds typing that has not been settled with the interview files; open the project in behov once to settle it, then try again",
            root.display()
        )));
    }
    for id in &recovery.interviews {
        if let Some(interview) = project.interview(id) {
            store.save_interview(interview)?;
        }
    }
    Journal::open(&root)?.clear()?;
    Ok(recovery.interviews.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_with_a_wrong_checksum_is_unreadable() {
        let record = Record::Saved(Saved {
            saved: "i1".into(),
            modified: Timestamp::UNIX_EPOCH,
        });
        let line = record.line();
        assert_eq!(parse_line(&line[..line.len() - 1]), Some(record));
        let mut damaged = line.clone();
        damaged[3] = b'X';
        assert_eq!(parse_line(&damaged[..damaged.len() - 1]), None);
        assert_eq!(parse_line(&line[..line.len() / 2]), None);
    }

    #[test]
    fn a_torn_tail_is_cut_before_appending() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(LOCAL_DIR)).unwrap();
        let path = root.join(LOCAL_DIR).join(FILE);
        std::fs::write(&path, b"{\"whole\":1}\n{\"torn").unwrap();
        let mut journal = Journal::open(root).unwrap();
        journal
            .append(&Record::Saved(Saved {
                saved: "i1".into(),
                modified: Timestamp::UNIX_EPOCH,
            }))
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("{\"whole\":1}\n{\"saved\""), "{text}");
    }
}
