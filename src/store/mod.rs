//! The project folder on disk: load, crash-safe save, the lock, schema versions.
//!
//! JSON is the source of truth. Files are written pretty, in a stable field order and with a
//! trailing newline, so teams that keep projects in git get small diffs.

mod atomic;
mod batch;
pub mod defaults;
pub mod demo;
mod error;
pub mod fault;
mod held;
pub mod journal;
mod locate;
mod lock;
pub mod merge;
pub mod on_demand;
pub mod output;
mod paths;
mod privacy_modes;
pub mod programme;
pub mod settings;
pub mod settled;
mod stamp;
pub mod summary_index;
mod thin;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Codebook, Interview, Problem, Project, SCHEMA_VERSION};

pub use atomic::{TEMP_SUFFIX, create_dir, write as write_atomic};
pub use batch::Batch;
pub use error::{Error, Result};
pub use held::Held;
pub use locate::line_of;
pub use lock::Lock;
pub use paths::*;
pub use stamp::Stamp;
pub use thin::{Light, Thin, ThinRespondent, load_light};

/// An open project folder. Holds the lock when writable; a read-only store refuses every save.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    lock: Option<Lock>,
    /// Why the project is read-only, as a sentence for the user; `None` when writable.
    read_only: Option<String>,
    /// Interview files that could not be read: never overwritten, their ids never reused.
    unreadable: BTreeSet<String>,
    /// The stamp of every file as behov last read or wrote it, by path inside the project
    /// (`project.json`, `interviews/i001.json`): a save refuses to replace a file whose stamp
    /// changed since, because someone else wrote it.
    stamps: Mutex<HashMap<PathBuf, Stamp>>,
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
    /// What the user should be told about opening: an interrupted change completed or rolled
    /// back, files whose permissions were tightened, byte-order marks read.
    pub notices: Vec<String>,
}

impl Store {
    /// Opens a project for writing, or read-only if another process holds it or the folder
    /// cannot be written (the reason is in [`Store::read_only_reason`]).
    pub fn open(root: &Path) -> Result<Opened> {
        Self::open_as(root, load_stamped)
    }

    /// [`Store::open`] with `load` reading the files (the whole project, or its outline).
    fn open_as(root: &Path, load: fn(&Path) -> Result<Loaded>) -> Result<Opened> {
        require_project(root)?;
        let mut notices = Vec::new();
        let (lock, reason) = match Lock::try_acquire(root) {
            Ok(Some(lock)) => match unwritable(root) {
                None => (Some(lock), None),
                Some(reason) => (None, Some(reason)),
            },
            Ok(None) => (
                None,
                Some("another behov has the project open; close that one to make changes".into()),
            ),
            Err(Error::Io { source, .. })
                if source.kind() == std::io::ErrorKind::PermissionDenied
                    || source.raw_os_error() == Some(libc::EROFS) =>
            {
                (
                    None,
                    unwritable(root).or_else(|| {
                        Some(format!(
                            "{} cannot be written",
                            root.join(LOCAL_DIR).display()
                        ))
                    }),
                )
            }
            Err(e) => return Err(e),
        };
        let mut leftovers_removed = 0;
        if lock.is_some() {
            if let Some(notice) = batch::recover(root)? {
                notices.push(notice);
            }
            leftovers_removed += atomic::remove_leftovers(root)?;
            leftovers_removed += atomic::remove_leftovers(&root.join(INTERVIEWS_DIR))?;
            if let Some(notice) = privacy_modes::tighten(root) {
                notices.push(notice);
            }
        }
        let mut opened = Self::finish_open(root, lock, reason, leftovers_removed, load)?;
        notices.append(&mut opened.notices);
        opened.notices = notices;
        Ok(opened)
    }

    /// Opens a project without taking the lock, for commands that only read.
    /// A store that only reads, for a programme at `root` (the folder of its
    /// `programme.json`): it holds no project files, so every save is refused with `reason`.
    pub fn for_programme(root: &Path, reason: String) -> Store {
        Store {
            root: root.to_path_buf(),
            lock: None,
            read_only: Some(reason),
            unreadable: BTreeSet::new(),
            stamps: Mutex::new(HashMap::new()),
        }
    }

    pub fn open_read_only(root: &Path) -> Result<Opened> {
        require_project(root)?;
        Self::finish_open(
            root,
            None,
            Some("opened for reading only".into()),
            0,
            load_stamped,
        )
    }

    fn finish_open(
        root: &Path,
        lock: Option<Lock>,
        read_only: Option<String>,
        leftovers_removed: usize,
        load: fn(&Path) -> Result<Loaded>,
    ) -> Result<Opened> {
        let loaded = load(root)?;
        let store = Store {
            root: root.to_path_buf(),
            lock,
            read_only,
            unreadable: loaded.unreadable.iter().filter_map(unreadable_id).collect(),
            stamps: Mutex::new(loaded.stamps),
        };
        Ok(Opened {
            store,
            project: loaded.project,
            unreadable: loaded.unreadable,
            leftovers_removed,
            notices: loaded.notices,
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
        let read_only = lock
            .is_none()
            .then(|| "another behov has the project open".to_string());
        let store = Store {
            root: root.to_path_buf(),
            lock,
            read_only,
            unreadable: BTreeSet::new(),
            stamps: Mutex::new(HashMap::new()),
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
        let loaded = load_stamped(&store.root)?;
        *store.stamps.lock().expect("stamps") = loaded.stamps;
        Ok(Opened {
            store,
            project: loaded.project,
            unreadable: loaded.unreadable,
            leftovers_removed: 0,
            notices: loaded.notices,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Why the project is read-only, as a sentence; `None` when it can be changed.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    fn writable(&self) -> Result<()> {
        if self.is_read_only() {
            Err(Error::ReadOnly(self.read_only.clone().unwrap_or_else(
                || "another behov has the project open".into(),
            )))
        } else {
            Ok(())
        }
    }

    pub fn save_project(&self, project: &Project) -> Result<()> {
        self.writable()?;
        self.write_checked(Path::new(PROJECT_FILE), to_json(project).as_bytes())
    }

    pub fn save_codebook(&self, codebook: &Codebook) -> Result<()> {
        self.writable()?;
        self.write_checked(Path::new(CODEBOOK_FILE), to_json(codebook).as_bytes())
    }

    pub fn save_interview(&self, interview: &Interview) -> Result<()> {
        self.writable()?;
        self.check_interview_id(&interview.id)?;
        self.write_checked(
            &interview_path(&interview.id),
            to_json(interview).as_bytes(),
        )
    }

    pub fn delete_interview(&self, id: &str) -> Result<()> {
        self.writable()?;
        self.check_interview_id(id)?;
        let rel = interview_path(id);
        self.check_unchanged(&rel)?;
        let path = self.root.join(&rel);
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        self.stamps.lock().expect("stamps").remove(&rel);
        atomic::sync_dir(&self.root.join(INTERVIEWS_DIR)).map_err(|e| Error::io(&path, e))
    }

    /// Saves several files as one change: after a crash or a failure either every file has
    /// its new contents or none has (see [`Batch`]).
    pub fn save_batch(&self, batch: &Batch) -> Result<()> {
        self.save_batch_with(batch, &mut |_, _| {})
    }

    /// [`Store::save_batch`], telling `progress` how many files of how many are written.
    pub fn save_batch_with(
        &self,
        batch: &Batch,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        self.writable()?;
        for interview in batch.interviews() {
            self.check_interview_id(&interview.id)?;
        }
        for id in batch.deleted() {
            self.check_interview_id(id)?;
        }
        let files = batch.files();
        let deleted = batch.deleted_files();
        for rel in files.iter().map(|(rel, _)| rel).chain(&deleted) {
            self.check_unchanged(rel)?;
        }
        let written = batch::apply(&self.root, &files, &deleted, progress)?;
        let mut stamps = self.stamps.lock().expect("stamps");
        for (rel, stamp) in written {
            stamps.insert(rel, stamp);
        }
        for rel in deleted {
            stamps.remove(&rel);
        }
        Ok(())
    }

    /// The stamp fingerprints of the interview files `ids` as this store last read or wrote
    /// them (`None`: a file it does not know), for derived data made from what it holds.
    pub fn interview_fingerprints<'a>(
        &self,
        ids: impl Iterator<Item = &'a str>,
    ) -> Vec<Option<u64>> {
        let stamps = self.stamps.lock().expect("stamps");
        ids.map(|id| stamps.get(&interview_path(id)).map(Stamp::fingerprint))
            .collect()
    }

    /// Interview files whose stamp is not the one behov last read or wrote: changed, added or
    /// deleted by another program. Costs one `stat` per file.
    pub fn changed_interviews(&self) -> Result<Vec<String>> {
        let files = interview_files(&self.root)?;
        let stamps = self.stamps.lock().expect("stamps");
        let mut changed = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for path in files {
            let Some(id) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            if self.unreadable.contains(&id) {
                continue;
            }
            let rel = interview_path(&id);
            let now = Stamp::of(&path).map_err(|e| Error::io(&path, e))?;
            if now.as_ref() != stamps.get(&rel) {
                changed.insert(id.clone());
            }
            seen.insert(rel);
        }
        for rel in stamps.keys() {
            if rel.starts_with(INTERVIEWS_DIR)
                && !seen.contains(rel)
                && let Some(id) = rel.file_stem()
            {
                changed.insert(id.to_string_lossy().into_owned());
            }
        }
        Ok(changed.into_iter().collect())
    }

    /// Refuses to go on when the file at `rel` is not the one behov last read or wrote.
    fn check_unchanged(&self, rel: &Path) -> Result<()> {
        let path = self.root.join(rel);
        let now = Stamp::of(&path).map_err(|e| Error::io(&path, e))?;
        let known = self.stamps.lock().expect("stamps").get(rel).copied();
        if now == known {
            Ok(())
        } else {
            Err(Error::Changed(path))
        }
    }

    /// Compare-before-write, then an atomic write, then the new stamp remembered.
    fn write_checked(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        self.check_unchanged(rel)?;
        let path = self.root.join(rel);
        atomic::write(&path, bytes)?;
        let stamp = Stamp::of(&path)
            .map_err(|e| Error::io(&path, e))?
            .ok_or_else(|| Error::io(&path, std::io::ErrorKind::NotFound.into()))?;
        self.stamps
            .lock()
            .expect("stamps")
            .insert(rel.to_path_buf(), stamp);
        Ok(())
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

/// The UTF-8 byte-order mark some Windows editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    read_stamped(path).map(|(value, _, _)| value)
}

/// Reads and parses a file, with its stamp taken from the open file itself (so the stamp is
/// the one of the contents read) and whether it started with a byte-order mark, which is
/// accepted and dropped at the next save.
fn read_stamped<T: DeserializeOwned>(path: &Path) -> Result<(T, Stamp, bool)> {
    let (bytes, stamp, bom) = read_bytes(path)?;
    let body = if bom { &bytes[BOM.len()..] } else { &bytes[..] };
    let value = serde_json::from_slice(body).map_err(|e| Error::parse(path, &e))?;
    Ok((value, stamp, bom))
}

/// A file's bytes, its stamp, and whether it starts with a byte-order mark.
fn read_bytes(path: &Path) -> Result<(Vec<u8>, Stamp, bool)> {
    use std::io::Read;
    let mut file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    let bom = bytes.starts_with(BOM);
    Ok((bytes, Stamp::from_metadata(&meta), bom))
}

/// Reads `project.json` (as the whole project or as its thin outline) with one read and one
/// parse. A file of a newer behov, or without a schema version, is refused with that reason
/// rather than with whatever its fields made the parse say.
fn read_project<T: DeserializeOwned>(
    path: &Path,
    version: impl Fn(&T) -> u32,
) -> Result<(T, Stamp, bool)> {
    let (bytes, stamp, bom) = read_bytes(path)?;
    let body = if bom { &bytes[BOM.len()..] } else { &bytes[..] };
    Ok((parse_project(path, body, version)?, stamp, bom))
}

/// See [`read_project`]: `body` is the file without its byte-order mark.
fn parse_project<'a, T: serde::Deserialize<'a>>(
    path: &Path,
    body: &'a [u8],
    version: impl Fn(&T) -> u32,
) -> Result<T> {
    match serde_json::from_slice::<T>(body) {
        Ok(value) => match version(&value) {
            found if found > SCHEMA_VERSION => Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            }),
            _ => Ok(value),
        },
        Err(e) => {
            check_schema(path, body)?;
            Err(Error::parse(path, &e))
        }
    }
}

/// The path of an interview's file inside the project.
fn interview_path(id: &str) -> PathBuf {
    Path::new(INTERVIEWS_DIR).join(format!("{id}.json"))
}

/// Why the project folder cannot be changed, or `None` when behov can write there: a file is
/// created and removed in the project folder and in `interviews/`.
fn unwritable(root: &Path) -> Option<String> {
    for dir in [root.to_path_buf(), root.join(INTERVIEWS_DIR)] {
        if !dir.exists() {
            continue;
        }
        let probe = dir.join(format!(".write-test.{}{TEMP_SUFFIX}", std::process::id()));
        match fault::create_new(&probe) {
            Ok(_) => {
                let _ = fs::remove_file(&probe);
            }
            Err(e) => {
                return Some(format!(
                    "{} cannot be written ({}); fix its permissions to make changes",
                    dir.display(),
                    Error::io(&dir, e)
                        .to_string()
                        .rsplit(": ")
                        .next()
                        .unwrap_or("permission denied")
                ));
            }
        }
    }
    None
}

/// A loaded project with the stamps of its files.
struct Loaded {
    project: Project,
    unreadable: Vec<Error>,
    stamps: HashMap<PathBuf, Stamp>,
    notices: Vec<String>,
}

/// Reads the whole project. project.json and codebook.json must parse; interview files that do
/// not are returned as errors beside the project, which is loaded without them.
pub fn load(root: &Path) -> Result<(Project, Vec<Error>)> {
    load_stamped(root).map(|loaded| (loaded.project, loaded.unreadable))
}

/// project.json and codebook.json, with their stamps and the names of those read with a BOM.
fn load_head(
    root: &Path,
    stamps: &mut HashMap<PathBuf, Stamp>,
    boms: &mut Vec<String>,
) -> Result<Project> {
    let project_path = root.join(PROJECT_FILE);
    let (mut project, stamp, bom) = read_project(&project_path, |p: &Project| p.schema_version)?;
    stamps.insert(PathBuf::from(PROJECT_FILE), stamp);
    if bom {
        boms.push(PROJECT_FILE.to_string());
    }
    let (codebook, stamp, bom) = read_stamped(&root.join(CODEBOOK_FILE))?;
    project.codebook = codebook;
    stamps.insert(PathBuf::from(CODEBOOK_FILE), stamp);
    if bom {
        boms.push(CODEBOOK_FILE.to_string());
    }
    Ok(project)
}

/// The project without its interviews (`project.interviews` is empty): what commands that
/// answer from the derived data in `.behov/` read, so a national project does not cost a
/// gigabyte of JSON per command.
pub fn load_outline(root: &Path) -> Result<Project> {
    require_project(root)?;
    load_head(root, &mut HashMap::new(), &mut Vec::new())
}

/// The ids of the interview files, in name order (one directory listing, no file read).
pub fn interview_ids(root: &Path) -> Result<Vec<String>> {
    let mut names = interview_names(root)?;
    for name in &mut names {
        name.truncate(name.len() - ".json".len());
    }
    Ok(names)
}

/// `stamp` of each of `ids`' interview files (`None`: gone), looked up on every core: a
/// national project has tens of thousands of files to `stat`.
pub fn stamps_of<T: Send, S: AsRef<str> + Sync>(
    root: &Path,
    ids: &[S],
    stamp: impl Fn(Option<Stamp>) -> T + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = ids.len().div_ceil(threads).max(1024);
    let stamp = &stamp;
    let dir = fs::File::open(root.join(INTERVIEWS_DIR)).ok();
    let dir = dir.as_ref();
    std::thread::scope(|scope| {
        let workers: Vec<_> = ids
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut name = String::new();
                    part.iter()
                        .map(|id| {
                            name.clear();
                            name.push_str(id.as_ref());
                            name.push_str(".json");
                            stamp(dir.and_then(|dir| Stamp::in_dir(dir, &name)))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("stat does not panic"))
            .collect()
    })
}

/// Reads one interview file: `Ok(None)` when it is gone. A file whose id is not its name, or
/// not a safe id, is an error, as when the whole project is read.
pub fn read_interview(root: &Path, id: &str) -> Result<Option<Interview>> {
    let path = interview_file(root, id);
    match read_stamped::<Interview>(&path) {
        Ok((interview, _, _)) => checked_interview(&path, interview).map(Some),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// `interview` read from `path`, refused when its id does not name the file.
fn checked_interview(path: &Path, interview: Interview) -> Result<Interview> {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    if interview.id != stem {
        Err(Error::Invalid(format!(
            "{}: the interview's id is '{}' but the file is named '{stem}.json'; rename one so they match",
            path.display(),
            interview.id
        )))
    } else if !is_safe_id(&interview.id) {
        Err(Error::Invalid(format!(
            "{}: the interview id '{}' may only hold letters a–z, digits, '-' and '_' (it names the file); rename the file and the id",
            path.display(),
            interview.id
        )))
    } else {
        Ok(interview)
    }
}

fn load_stamped(root: &Path) -> Result<Loaded> {
    let mut stamps = HashMap::new();
    let mut boms = Vec::new();
    let mut project = load_head(root, &mut stamps, &mut boms)?;
    let mut unreadable = Vec::new();
    for (path, result) in read_interviews(interview_files(root)?) {
        match result {
            Ok((interview, stamp, bom)) => {
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                if bom {
                    boms.push(format!("{INTERVIEWS_DIR}/{stem}.json"));
                }
                stamps.insert(interview_path(&stem), stamp);
                match checked_interview(&path, interview) {
                    Ok(interview) => project.interviews.push(interview),
                    Err(err) => unreadable.push(err),
                }
            }
            Err(err) => unreadable.push(err),
        }
    }
    let mut notices = Vec::new();
    if !boms.is_empty() {
        notices.push(format!(
            "{} began with a byte-order mark (BOM), which was read and is left out when behov saves the file",
            boms.join(", ")
        ));
    }
    Ok(Loaded {
        project,
        unreadable,
        stamps,
        notices,
    })
}

/// Reads and parses interview files on every core: a project of 10,000 interviews is a few
/// hundred megabytes of JSON, and opening it should take a fraction of a second.
type Read<T> = Result<(T, Stamp, bool)>;

fn read_interviews(paths: Vec<PathBuf>) -> Vec<(PathBuf, Read<Interview>)> {
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
                        .map(|p| (p.clone(), read_stamped::<Interview>(p)))
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
fn check_schema(path: &Path, body: &[u8]) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: Option<u32>,
    }
    let version: Version = serde_json::from_slice(body).map_err(|e| Error::parse(path, &e))?;
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
    Ok(interview_names(root)?
        .into_iter()
        .map(|name| dir.join(name))
        .collect())
}

/// The file names in `interviews/` that are interview files, sorted as strings (sorting
/// paths compares them component by component, a measurable cost at 40,000 files).
fn interview_names(root: &Path) -> Result<Vec<String>> {
    let dir = root.join(INTERVIEWS_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| {
            name.ends_with(".json") && name.len() > ".json".len() && !name.starts_with('.')
        })
        .collect();
    names.sort_unstable();
    Ok(names)
}

/// A validation problem as `file:line: sentence`, with the line looked up in the file.
pub fn describe(root: &Path, problem: &Problem) -> String {
    let file = problem.file.to_string();
    let line = fs::read_to_string(root.join(&file))
        .map(|text| line_of(&text, &problem.path))
        .unwrap_or(1);
    format!("{}:{line}: {}", root.join(file).display(), problem.message)
}
