//! The user's own settings (coder name, last interviewer, recent projects), kept in behov's
//! data folder, not in any project.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Result, atomic, data_dir};

const FILE: &str = "settings.json";
const RECENT_MAX: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Stored on every coding; empty until the user first codes and is asked (the login name
    /// is the suggestion).
    #[serde(default)]
    pub coder: String,
    /// Remembered for the next new interview.
    #[serde(default)]
    pub interviewer: String,
    /// Most recent first.
    #[serde(default)]
    pub recent: Vec<PathBuf>,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults (settings are a
    /// convenience, never a reason to refuse to start).
    pub fn load() -> Settings {
        data_dir()
            .ok()
            .and_then(|dir| std::fs::read(dir.join(FILE)).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) -> Result<()> {
        let dir = data_dir()?;
        atomic::create_dir(&dir)?;
        atomic::write(&dir.join(FILE), super::to_json(self).as_bytes())
    }

    /// Puts `project` first in the recent list.
    pub fn remember(&mut self, project: &Path) {
        let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf());
        self.recent.retain(|p| p != &project);
        self.recent.insert(0, project);
        self.recent.truncate(RECENT_MAX);
    }

    /// Recent projects that still exist.
    pub fn recent_projects(&self) -> Vec<PathBuf> {
        self.recent
            .iter()
            .filter(|p| p.join(super::PROJECT_FILE).is_file())
            .cloned()
            .collect()
    }
}

/// The login name, offered as the coder name; `None` when the environment names nobody (the
/// user then types a name instead of accepting a made-up one).
pub fn login_name() -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
}
