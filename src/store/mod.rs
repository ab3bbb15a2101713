//! The project folder on disk: load, crash-safe save, the lock, schema versions.
//!
//! JSON is the source of truth. Files are written pretty, in a stable field order and with a
//! trailing newline, so teams that keep projects in git get small diffs.

mod atomic;
pub mod defaults;
pub mod demo;
mod error;
pub mod journal;
mod locate;
mod lock;
mod paths;
pub mod settings;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Codebook, Interview, Problem, Project, SCHEMA_VERSION};

pub use atomic::{TEMP_SUFFIX, create_dir, write as write_atomic};
pub use error::{Error, Result};
pub use locate::line_of;
pub use lock::Lock;
pub use paths::*;

/// An open project folder. Holds the lock when writable; a read-only store refuses every save.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    lock: Option<Lock>,
    /// Interview files that could not be read: never overwritten, their ids never reused.
    unreadable: BTreeSet<String>,
}

/// What opening a project yields besides the project itself.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub project: Project,
    /// Interview files that could not be read (the project opens without them).
    pub unreadable: Vec<Error>,
    /// Temp files left by an earlier crash and removed now.
    pub leftovers_removed: usize,
}

impl Store {
    /// Opens a project for writing, or read-only if another process holds it.
    pub fn open(root: &Path) -> Result<Opened> {
        require_project(root)?;
        let lock = Lock::try_acquire(root)?;
        let mut leftovers_removed = 0;
        if lock.is_some() {
            leftovers_removed += atomic::remove_leftovers(root)?;
            leftovers_removed += atomic::remove_leftovers(&root.join(INTERVIEWS_DIR))?;
        }
        Self::finish_open(root, lock, leftovers_removed)
    }

    /// Opens a project without taking the lock, for commands that only read.
    pub fn open_read_only(root: &Path) -> Result<Opened> {
        require_project(root)?;
        Self::finish_open(root, None, 0)
    }

    fn finish_open(root: &Path, lock: Option<Lock>, leftovers_removed: usize) -> Result<Opened> {
        let (project, unreadable) = load(root)?;
        let store = Store {
            root: root.to_path_buf(),
            lock,
            unreadable: unreadable.iter().filter_map(unreadable_id).collect(),
        };
        Ok(Opened {
            store,
            project,
            unreadable,
            leftovers_removed,
        })
    }

    /// Creates a project folder from `project` (e.g. the defaults) and opens it.
    pub fn create(root: &Path, project: &Project) -> Result<Opened> {
        if root.exists()
            && fs::read_dir(root)
                .map_err(|e| Error::io(root, e))?
                .next()
                .is_some()
        {
            return Err(Error::AlreadyExists(root.to_path_buf()));
        }
        create_dir(&root.join(INTERVIEWS_DIR))?;
        create_dir(&root.join(LOCAL_DIR))?;
        let lock = Lock::try_acquire(root)?;
        let store = Store {
            root: root.to_path_buf(),
            lock,
            unreadable: BTreeSet::new(),
        };
        store.save_codebook(&project.codebook)?;
        for interview in &project.interviews {
            store.save_interview(interview)?;
        }
        // project.json last: a folder without it is not yet a project.
        store.save_project(project)?;
        Self::open_locked(store)
    }

    fn open_locked(store: Store) -> Result<Opened> {
        let (project, unreadable) = load(&store.root)?;
        Ok(Opened {
            store,
            project,
            unreadable,
            leftovers_removed: 0,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    fn writable(&self) -> Result<()> {
        if self.is_read_only() {
            Err(Error::ReadOnly)
        } else {
            Ok(())
        }
    }

    pub fn save_project(&self, project: &Project) -> Result<()> {
        self.writable()?;
        atomic::write(&self.root.join(PROJECT_FILE), to_json(project).as_bytes())
    }

    pub fn save_codebook(&self, codebook: &Codebook) -> Result<()> {
        self.writable()?;
        atomic::write(&self.root.join(CODEBOOK_FILE), to_json(codebook).as_bytes())
    }

    pub fn save_interview(&self, interview: &Interview) -> Result<()> {
        self.writable()?;
        self.check_interview_id(&interview.id)?;
        atomic::write(
            &interview_file(&self.root, &interview.id),
            to_json(interview).as_bytes(),
        )
    }

    pub fn delete_interview(&self, id: &str) -> Result<()> {
        self.writable()?;
        self.check_interview_id(id)?;
        let path = interview_file(&self.root, id);
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        atomic::sync_dir(&self.root.join(INTERVIEWS_DIR)).map_err(|e| Error::io(&path, e))
    }

    fn check_interview_id(&self, id: &str) -> Result<()> {
        if !is_safe_id(id) {
            return Err(Error::Invalid(format!(
                "interview id '{id}' may only hold letters a–z, digits, '-' and '_'"
            )));
        }
        if self.unreadable.contains(id) {
            return Err(Error::Invalid(format!(
                "{} could not be read when the project opened, so it is not overwritten; repair it and reopen the project",
                interview_file(&self.root, id).display()
            )));
        }
        Ok(())
    }

    /// Ids that new interviews must not take, because an unreadable file has them.
    pub fn reserved_ids(&self) -> impl Iterator<Item = &str> {
        self.unreadable.iter().map(String::as_str)
    }
}

fn require_project(root: &Path) -> Result<()> {
    if root.join(PROJECT_FILE).is_file() {
        Ok(())
    } else if !root.exists() {
        Err(Error::io(root, std::io::ErrorKind::NotFound.into()))
    } else {
        Err(Error::NotAProject(root.to_path_buf()))
    }
}

fn unreadable_id(err: &Error) -> Option<String> {
    match err {
        Error::Parse { path, .. } | Error::Io { path, .. } => {
            Some(path.file_stem()?.to_string_lossy().into_owned())
        }
        _ => None,
    }
}

/// Pretty JSON with a trailing newline: the on-disk form of every file.
pub fn to_json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("model types always serialise");
    text.push('\n');
    text
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::parse(path, &e))
}

/// Reads the whole project. project.json and codebook.json must parse; interview files that do
/// not are returned as errors beside the project, which is loaded without them.
pub fn load(root: &Path) -> Result<(Project, Vec<Error>)> {
    let project_path = root.join(PROJECT_FILE);
    check_schema(&project_path)?;
    let mut project: Project = read_json(&project_path)?;
    project.codebook = read_json(&root.join(CODEBOOK_FILE))?;
    let mut unreadable = Vec::new();
    for (path, result) in read_interviews(interview_files(root)?) {
        match result {
            Ok(interview) => {
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                if interview.id != stem {
                    unreadable.push(Error::Invalid(format!(
                        "{}: the interview's id is '{}' but the file is named '{stem}.json'; rename one so they match",
                        path.display(),
                        interview.id
                    )));
                } else {
                    project.interviews.push(interview);
                }
            }
            Err(err) => unreadable.push(err),
        }
    }
    Ok((project, unreadable))
}

/// Reads and parses interview files on every core: a project of 10,000 interviews is a few
/// hundred megabytes of JSON, and opening it should take a fraction of a second.
fn read_interviews(paths: Vec<PathBuf>) -> Vec<(PathBuf, Result<Interview>)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = paths.len().div_ceil(threads).max(64);
    std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| (p.clone(), read_json::<Interview>(p)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("parsing does not panic"))
            .collect()
    })
}

/// Refuses a project written by a newer behov before anything else is parsed.
fn check_schema(path: &Path) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: Option<u32>,
    }
    let version: Version = read_json(path)?;
    match version.schema_version {
        Some(found) if found > SCHEMA_VERSION => Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        }),
        Some(_) => Ok(()),
        None => Err(Error::Invalid(format!(
            "{}:1: schema_version is missing; add \"schema_version\": {SCHEMA_VERSION}",
            path.display()
        ))),
    }
}

/// The interview files in name order (temp files and other names are skipped).
fn interview_files(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join(INTERVIEWS_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// A validation problem as `file:line: sentence`, with the line looked up in the file.
pub fn describe(root: &Path, problem: &Problem) -> String {
    let file = problem.file.to_string();
    let line = fs::read_to_string(root.join(&file))
        .map(|text| line_of(&text, &problem.path))
        .unwrap_or(1);
    format!("{}:{line}: {}", root.join(file).display(), problem.message)
}
