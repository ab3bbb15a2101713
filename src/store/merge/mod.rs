//! A colleague's copy merged into the project on disk: the other copy read, the common
//! ancestor found in git when there is one, the merge written as one change (see [`Batch`]),
//! and a record of every file it replaced, so `behov merge --undo` can put them back.
//!
//! The undo record, `.behov/merge-undo.json`, holds each touched file's contents before the
//! merge and a SHA-256 of its contents after. An undo refuses when any of those files changed
//! since (someone typed, coded or merged again), naming them, because putting the old
//! contents back would lose that work. Only the last merge can be undone.

mod ancestor;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use ancestor::ancestor;

use super::{
    Batch, CODEBOOK_FILE, Error, INTERVIEWS_DIR, LOCAL_DIR, PROJECT_FILE, Result, Store, atomic,
    is_safe_id, to_json,
};
use crate::model::Project;

const UNDO: &str = "merge-undo.json";

/// The other copy, read whole. Refused with a sentence when it is not a project, is this
/// project, or has a file that cannot be read (merging without it could lose its work).
pub fn read_other(mine: &Path, other: &Path) -> Result<Project> {
    if !other.exists() {
        return Err(Error::Invalid(format!(
            "{} does not exist; give the folder of the colleague's copy of the project",
            other.display()
        )));
    }
    if !other.join(PROJECT_FILE).is_file() {
        return Err(Error::Invalid(format!(
            "{} is not a behov project (it has no project.json); give the folder of the colleague's copy",
            other.display()
        )));
    }
    if fs::canonicalize(mine).ok() == fs::canonicalize(other).ok() {
        return Err(Error::Invalid(format!(
            "{} is this project itself; give the folder of the colleague's copy",
            other.display()
        )));
    }
    let (project, unreadable) = super::load(other)?;
    if let Some(err) = unreadable.first() {
        return Err(Error::Invalid(format!(
            "{err}; nothing was merged: repair the other copy's file first, so none of its work is left out"
        )));
    }
    Ok(project)
}

/// One file a merge replaced, created or removed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Touched {
    /// Inside the project: `project.json`, `codebook.json`, `interviews/<id>.json`.
    path: PathBuf,
    /// Contents before the merge; `None` when the merge created the file.
    before: Option<String>,
    /// SHA-256 of the contents the merge left; `None` when it removed the file.
    after: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    other: PathBuf,
    merged: jiff::Timestamp,
    files: Vec<Touched>,
}

/// What a merge or an undo wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Receipt {
    /// Files written, created or removed.
    pub files: usize,
}

/// The files that make `mine` into `merged`, as one batch.
fn batch_for(mine: &Project, merged: &Project) -> Batch {
    let mut batch = Batch::new();
    let (mine_by_id, merged_by_id) = (mine.interviews_by_id(), merged.interviews_by_id());
    for interview in &merged.interviews {
        if mine_by_id.get(interview.id.as_str()).copied() != Some(interview) {
            batch.interview(interview.clone());
        }
    }
    for interview in &mine.interviews {
        if !merged_by_id.contains_key(interview.id.as_str()) {
            batch.delete_interview(&interview.id);
        }
    }
    if merged.codebook != mine.codebook {
        batch.codebook(merged.codebook.clone());
    }
    if to_json(merged) != to_json(mine) {
        batch.project(merged.clone());
    }
    batch
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `merged` over `mine` (the project as `store` read it) as one change, keeping what
/// undoing it needs. Nothing is written when the merge changes nothing.
pub fn apply(store: &Store, mine: &Project, merged: &Project, other: &Path) -> Result<Receipt> {
    let batch = batch_for(mine, merged);
    if batch.is_empty() {
        return Ok(Receipt::default());
    }
    let root = store.root();
    let mut files = Vec::new();
    for (rel, bytes) in batch.files() {
        files.push(Touched {
            before: read(root, &rel)?,
            after: Some(sha256(&bytes)),
            path: rel,
        });
    }
    for rel in batch.deleted_files() {
        files.push(Touched {
            before: read(root, &rel)?,
            after: None,
            path: rel,
        });
    }
    let record = Record {
        other: fs::canonicalize(other).unwrap_or_else(|_| other.to_path_buf()),
        merged: jiff::Timestamp::now(),
        files,
    };
    // The record of the last merge is replaced only once this one is written.
    let pending = root.join(LOCAL_DIR).join(format!("{UNDO}.new"));
    atomic::create_dir(&root.join(LOCAL_DIR))?;
    atomic::write(&pending, to_json(&record).as_bytes())?;
    if let Err(e) = store.save_batch(&batch) {
        let _ = fs::remove_file(&pending);
        return Err(e);
    }
    let path = root.join(LOCAL_DIR).join(UNDO);
    fs::rename(&pending, &path).map_err(|e| Error::io(&path, e))?;
    Ok(Receipt {
        files: record.files.len(),
    })
}

fn read(root: &Path, rel: &Path) -> Result<Option<String>> {
    let path = root.join(rel);
    match fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Drops what undoing the last merge needs. An erasure calls this: the record holds files as
/// they were, erased words included, and an undo would bring them back.
pub fn forget(root: &Path) -> Result<()> {
    for name in [UNDO.to_string(), format!("{UNDO}.new")] {
        let path = root.join(LOCAL_DIR).join(name);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Ok(())
}

/// Puts back every file the last merge touched, as it was before. Refused, with the files
/// named, when any of them changed since the merge.
pub fn undo(store: &Store) -> Result<Receipt> {
    let root = store.root();
    let path = root.join(LOCAL_DIR).join(UNDO);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Invalid(
                "there is no merge to undo in this project (only the last merge can be undone, once)"
                    .into(),
            ));
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    let record: Record = serde_json::from_slice(&bytes).map_err(|e| Error::parse(&path, &e))?;
    let mut changed = Vec::new();
    let mut batch = Batch::new();
    for file in &record.files {
        let rel = &file.path;
        if !is_project_file(rel) {
            return Err(Error::Invalid(format!(
                "{}: {} is not a file of the project; the undo record is damaged, so nothing was undone",
                path.display(),
                rel.display()
            )));
        }
        let now = read(root, rel)?;
        if now.as_deref().map(|t| sha256(t.as_bytes())) != file.after {
            changed.push(rel.display().to_string());
            continue;
        }
        match &file.before {
            Some(text) => {
                batch.restore(rel.clone(), text.clone().into_bytes());
            }
            None => {
                let id = rel
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                batch.delete_interview(&id);
            }
        }
    }
    if !changed.is_empty() {
        return Err(Error::Invalid(format!(
            "the merge from {} was not undone: {} changed since the merge, and undoing it would lose that work",
            record.other.display(),
            changed.join(", ")
        )));
    }
    store.save_batch(&batch)?;
    fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    Ok(Receipt {
        files: record.files.len(),
    })
}

/// Whether `rel` names a file a merge may write: the two project files or an interview.
fn is_project_file(rel: &Path) -> bool {
    if rel == Path::new(PROJECT_FILE) || rel == Path::new(CODEBOOK_FILE) {
        return true;
    }
    let mut parts = rel.components();
    let (Some(dir), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    dir.as_os_str() == INTERVIEWS_DIR
        && name
            .as_os_str()
            .to_str()
            .and_then(|n| n.strip_suffix(".json"))
            .is_some_and(is_safe_id)
}
