//! Changes to many files that must happen together: a codebook merge rewrites every interview
//! with the merged code and the codebook, and a crash half-way must not leave half the codings
//! moved. Every new file is first written beside its target as a temp file and made durable;
//! then an intent record naming the files is written to `.behov/intent.json` (the commit
//! point); then the temp files are renamed over their targets and the record is removed.
//! Opening the project completes a change whose record exists and deletes the temp files of
//! one that never got that far, so after any crash either every file is new or none is.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    CODEBOOK_FILE, Error, LOCAL_DIR, PROJECT_FILE, Result, Stamp, TEMP_SUFFIX, atomic, fault,
    to_json,
};
use crate::model::{Codebook, Interview, Project};

const INTENT: &str = "intent.json";

/// The files of one change.
#[derive(Debug, Default, Clone)]
pub struct Batch {
    interviews: Vec<Interview>,
    codebook: Option<Codebook>,
    project: Option<Project>,
    /// Interviews whose files go (erasure of a person's interviews).
    deleted: Vec<String>,
    /// Files given as bytes, by path inside the project: earlier contents put back by an
    /// undo, byte for byte.
    restored: Vec<(PathBuf, Vec<u8>)>,
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    pub fn interview(&mut self, interview: Interview) -> &mut Batch {
        self.interviews.push(interview);
        self
    }

    pub fn codebook(&mut self, codebook: Codebook) -> &mut Batch {
        self.codebook = Some(codebook);
        self
    }

    pub fn project(&mut self, project: Project) -> &mut Batch {
        self.project = Some(project);
        self
    }

    /// Removes the interview's file as part of the change.
    pub fn delete_interview(&mut self, id: &str) -> &mut Batch {
        self.deleted.push(id.to_string());
        self
    }

    /// Puts `bytes` back as the file at `rel` (a path inside the project).
    pub(super) fn restore(&mut self, rel: PathBuf, bytes: Vec<u8>) -> &mut Batch {
        self.restored.push((rel, bytes));
        self
    }

    pub fn interviews(&self) -> &[Interview] {
        &self.interviews
    }

    /// Ids of the interviews whose files the change removes.
    pub fn deleted(&self) -> &[String] {
        &self.deleted
    }

    pub fn is_empty(&self) -> bool {
        self.interviews.is_empty()
            && self.codebook.is_none()
            && self.project.is_none()
            && self.deleted.is_empty()
            && self.restored.is_empty()
    }

    /// The paths inside the project of the files the change removes.
    pub(super) fn deleted_files(&self) -> Vec<PathBuf> {
        self.deleted
            .iter()
            .map(|id| super::interview_path(id))
            .collect()
    }

    /// Each file's path inside the project and its new contents.
    pub(super) fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = self
            .interviews
            .iter()
            .map(|i| (super::interview_path(&i.id), to_json(i).into_bytes()))
            .collect();
        if let Some(codebook) = &self.codebook {
            files.push((CODEBOOK_FILE.into(), to_json(codebook).into_bytes()));
        }
        if let Some(project) = &self.project {
            files.push((PROJECT_FILE.into(), to_json(project).into_bytes()));
        }
        files.extend(self.restored.iter().cloned());
        files
    }
}

#[derive(Serialize, Deserialize)]
struct Intent {
    /// Paths inside the project, so a project folder moved after a crash still recovers.
    files: Vec<PathBuf>,
    /// Files the change removes, once the new files are in place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    delete: Vec<PathBuf>,
}

/// The temp file a batch writes for `target`: fixed, so recovery finds it (one process holds
/// the lock, so no two batches run at once).
fn temp_for(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.batch{TEMP_SUFFIX}"))
}

fn target_of(root: &Path, rel: &Path) -> Result<PathBuf> {
    let path = root.join(rel);
    atomic::resolve_link(&path).map_err(|e| Error::io(&path, e))
}

fn sync_dirs<'a>(paths: impl Iterator<Item = &'a PathBuf>) -> Result<()> {
    let dirs: BTreeSet<&Path> = paths.filter_map(|p| p.parent()).collect();
    for dir in dirs {
        atomic::sync_dir(dir).map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

/// Writes `files` as one change and returns the stamps of the files written.
/// `progress` is told how many of the files are written, as they are.
pub(super) fn apply(
    root: &Path,
    files: &[(PathBuf, Vec<u8>)],
    delete: &[PathBuf],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<(PathBuf, Stamp)>> {
    // A change left half-done by a failed rename is finished before a new one starts.
    recover(root)?;
    let targets: Vec<PathBuf> = files
        .iter()
        .map(|(rel, _)| target_of(root, rel))
        .collect::<Result<_>>()?;
    let temps: Vec<PathBuf> = targets.iter().map(|t| temp_for(t)).collect();
    let staged = (|| {
        for (n, ((_, bytes), temp)) in files.iter().zip(&temps).enumerate() {
            write_temp(temp, bytes)?;
            progress(n + 1, files.len());
        }
        sync_dirs(temps.iter())?;
        let intent = Intent {
            files: files.iter().map(|(rel, _)| rel.clone()).collect(),
            delete: delete.to_vec(),
        };
        atomic::write(
            &root.join(LOCAL_DIR).join(INTENT),
            to_json(&intent).as_bytes(),
        )
    })();
    if let Err(e) = staged {
        for temp in &temps {
            let _ = fs::remove_file(temp);
        }
        return Err(e);
    }
    finish(root, &targets, &temps, delete).map_err(|e| {
        Error::Invalid(format!(
            "{e}; the change is recorded in {} and is completed when the project is saved or opened again",
            root.join(LOCAL_DIR).join(INTENT).display()
        ))
    })?;
    files
        .iter()
        .zip(&targets)
        .map(|((rel, _), target)| {
            let stamp = Stamp::of(target)
                .map_err(|e| Error::io(target, e))?
                .ok_or_else(|| Error::io(target, std::io::ErrorKind::NotFound.into()))?;
            Ok((rel.clone(), stamp))
        })
        .collect()
}

fn write_temp(temp: &Path, bytes: &[u8]) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(temp)?;
        fault::write_all(&mut file, bytes)?;
        fault::sync(&file)
    })();
    result.map_err(|e| Error::io(temp, e))
}

/// Renames every temp file that is still there over its target, removes the files to go,
/// then removes the record.
fn finish(root: &Path, targets: &[PathBuf], temps: &[PathBuf], delete: &[PathBuf]) -> Result<()> {
    for (temp, target) in temps.iter().zip(targets) {
        if temp.exists() {
            fault::rename(temp, target).map_err(|e| Error::io(target, e))?;
        }
    }
    let gone: Vec<PathBuf> = delete.iter().map(|rel| root.join(rel)).collect();
    for path in &gone {
        match fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    sync_dirs(targets.iter().chain(&gone))?;
    let intent = root.join(LOCAL_DIR).join(INTENT);
    fs::remove_file(&intent).map_err(|e| Error::io(&intent, e))?;
    atomic::sync_dir(&root.join(LOCAL_DIR)).map_err(|e| Error::io(&intent, e))
}

/// Completes a change whose intent record exists, or removes the temp files of one that was
/// interrupted before it; returns a sentence for the user when there was either.
pub(super) fn recover(root: &Path) -> Result<Option<String>> {
    let intent_path = root.join(LOCAL_DIR).join(INTENT);
    match fs::read(&intent_path) {
        Ok(bytes) => {
            let intent: Intent =
                serde_json::from_slice(&bytes).map_err(|e| Error::parse(&intent_path, &e))?;
            let targets: Vec<PathBuf> = intent
                .files
                .iter()
                .map(|rel| target_of(root, rel))
                .collect::<Result<_>>()?;
            let temps: Vec<PathBuf> = targets.iter().map(|t| temp_for(t)).collect();
            finish(root, &targets, &temps, &intent.delete)?;
            Ok(Some(format!(
                "A change of {} files that was interrupted has been completed.",
                intent.files.len() + intent.delete.len()
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut removed = 0;
            for dir in [root.to_path_buf(), root.join(super::INTERVIEWS_DIR)] {
                let Ok(entries) = fs::read_dir(&dir) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let name = entry.file_name();
                    if name
                        .to_string_lossy()
                        .ends_with(&format!(".batch{TEMP_SUFFIX}"))
                    {
                        fs::remove_file(entry.path()).map_err(|e| Error::io(&entry.path(), e))?;
                        removed += 1;
                    }
                }
            }
            Ok((removed > 0).then(|| {
                format!(
                    "A change of several files was interrupted before it was written; it was undone ({removed} unfinished files removed), so every file is as before it."
                )
            }))
        }
        Err(e) => Err(Error::io(&intent_path, e)),
    }
}
