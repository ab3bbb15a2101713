//! The journal of text being typed: every edit to an answer or to the notes is appended to
//! `.behov/journal` as it happens, so a crash loses nothing, and is later folded into the
//! interview file by an atomic save.
//!
//! Each entry names the version of the interview file it applies to (`base`, the file's
//! `modified` time). After a fold the file has a new `modified`, so entries already folded
//! are recognised and skipped even if the process died before the journal was cleared.

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Error, LOCAL_DIR, Result, atomic};
use crate::model::{Project, TextEdit, edit};

const FILE: &str = "journal";
/// The journal reaches the disk at least this often while typing (a `kill -9` loses nothing
/// even sooner: every entry is written to the OS at once).
pub const SYNC_EVERY: Duration = Duration::from_secs(2);

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

#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    unsynced: bool,
    last_sync: Instant,
}

impl Journal {
    pub fn open(root: &Path) -> Result<Journal> {
        let dir = root.join(LOCAL_DIR);
        atomic::create_dir(&dir)?;
        let path = dir.join(FILE);
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        Ok(Journal {
            file,
            path,
            unsynced: false,
            last_sync: Instant::now(),
        })
    }

    /// Appends one entry with a single write, so it is in the OS before this returns.
    pub fn append(&mut self, entry: &Entry) -> Result<()> {
        let mut line = serde_json::to_string(entry).expect("entries always serialise");
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .map_err(|e| Error::io(&self.path, e))?;
        self.unsynced = true;
        Ok(())
    }

    /// fsync if anything was written since the last one.
    pub fn sync(&mut self) -> Result<()> {
        if self.unsynced {
            self.file
                .sync_data()
                .map_err(|e| Error::io(&self.path, e))?;
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
        self.file.set_len(0).map_err(|e| Error::io(&self.path, e))?;
        self.unsynced = true;
        self.sync()
    }
}

/// What replaying the journal brought back.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Interviews that had unsaved typing, now in the project and to be saved.
    pub interviews: BTreeSet<String>,
    pub edits: usize,
    /// Lines that could not be read (a line torn by a crash mid-write).
    pub unreadable: usize,
}

/// Applies every journal entry that belongs to the current version of its interview.
pub fn replay(root: &Path, project: &mut Project) -> Result<Recovery> {
    let path = root.join(LOCAL_DIR).join(FILE);
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Recovery::default()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut recovery = Recovery::default();
    for line in BufReader::new(file).split(b'\n') {
        let line = line.map_err(|e| Error::io(&path, e))?;
        if line.is_empty() {
            continue;
        }
        let Ok(entry) = serde_json::from_slice::<Entry>(&line) else {
            recovery.unreadable += 1;
            continue;
        };
        let Some(interview) = project.interview_mut(&entry.interview) else {
            continue;
        };
        if interview.modified != entry.base {
            continue;
        }
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
        recovery.interviews.insert(entry.interview.clone());
    }
    Ok(recovery)
}
