//! Where things live: the project folder layout and behov's own data folder.

use std::path::{Path, PathBuf};

use super::{Error, Result};

pub const PROJECT_FILE: &str = "project.json";
pub const CODEBOOK_FILE: &str = "codebook.json";
pub const INTERVIEWS_DIR: &str = "interviews";
/// Derived and local state: index, journal, lock. Never the source of truth.
pub const LOCAL_DIR: &str = ".behov";
pub const LOCK_FILE: &str = "lock";

/// behov's own folder (demo copy, settings, recent projects, logs). `BEHOV_DATA` overrides
/// the platform's data folder, so tests and portable setups never touch the user's home.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("BEHOV_DATA").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("se", "behov", "behov")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::Invalid(
                "no home folder was found for behov's data; set BEHOV_DATA to a folder".into(),
            )
        })
}

pub fn log_dir() -> Result<PathBuf> {
    Ok(data_dir()?.join("logs"))
}

pub fn interview_file(root: &Path, id: &str) -> PathBuf {
    root.join(INTERVIEWS_DIR).join(format!("{id}.json"))
}

/// Ids become file names, so only plain characters are allowed.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
