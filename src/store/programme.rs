//! `programme.json`: a title and the project folders of a programme, so a programme of 21
//! regions is one argument rather than 21.
//!
//! ```json
//! { "title": "Vägar till hållbar regional utveckling",
//!   "projects": [ { "path": "vastmanland", "name": "Region Västmanland" }, "gavleborg" ] }
//! ```
//!
//! A path is relative to the folder of `programme.json`; a project without a name is called
//! by its folder name.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Error, Result};

/// The file name `behov demo --programme` writes and the interface looks for.
pub const FILE: &str = "programme.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFile {
    #[serde(default)]
    pub title: String,
    pub projects: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    Path(String),
    Named { path: String, name: String },
}

/// A project of a programme, found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub dir: PathBuf,
    /// The name tables use: the one given, else the folder name.
    pub name: String,
    /// The folder name: the prefix of the project's ids in the combined project.
    pub key: String,
}

/// What `behov programme` was given: a title and its projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub title: String,
    pub projects: Vec<Listed>,
}

fn folder_name(dir: &Path) -> String {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

/// The listing of project folders given on the command line, titled by `title` or after them.
pub fn from_dirs(dirs: &[PathBuf], title: Option<&str>) -> Listing {
    let names: Vec<String> = dirs.iter().map(|d| folder_name(d)).collect();
    let keys = crate::report::unique_keys(&names);
    Listing {
        title: title
            .map(str::to_string)
            .unwrap_or_else(|| names.join(", ")),
        projects: dirs
            .iter()
            .zip(names)
            .zip(keys)
            .map(|((dir, name), key)| Listed {
                dir: dir.clone(),
                name,
                key,
            })
            .collect(),
    }
}

/// Reads `programme.json` at `file`.
pub fn read(file: &Path) -> Result<Listing> {
    let programme: ProgrammeFile = super::read_json(file)?;
    if programme.projects.is_empty() {
        return Err(Error::Invalid(format!(
            "{} lists no projects; add their folders under \"projects\"",
            file.display()
        )));
    }
    let base = file.parent().unwrap_or(Path::new("."));
    let entries: Vec<(PathBuf, Option<String>)> = programme
        .projects
        .iter()
        .map(|e| match e {
            Entry::Path(p) => (base.join(p), None),
            Entry::Named { path, name } => (base.join(path), Some(name.clone())),
        })
        .collect();
    let folders: Vec<String> = entries.iter().map(|(d, _)| folder_name(d)).collect();
    let keys = crate::report::unique_keys(&folders);
    let title = if programme.title.trim().is_empty() {
        folder_name(base)
    } else {
        programme.title.trim().to_string()
    };
    Ok(Listing {
        title,
        projects: entries
            .into_iter()
            .zip(folders)
            .zip(keys)
            .map(|(((dir, name), folder), key)| Listed {
                dir,
                name: name.unwrap_or(folder),
                key,
            })
            .collect(),
    })
}

/// A programme opened: the projects combined, and sentences for the user about what was
/// left out on the way (unreadable files, interviews without consent, pseudonyms).
pub struct Opened {
    pub programme: crate::report::Programme,
    pub notes: Vec<String>,
}

/// Reads every project of `listing` read-only, prepared as for a report: interviews without
/// recorded consent left out unless `include_unconsented`; a project pseudonymised when asked
/// or when an interview's consent forbids attributing quotes (each with its own key).
pub fn open(listing: &Listing, pseudonymise: bool, include_unconsented: bool) -> Result<Opened> {
    use crate::privacy::pseudonymise as p;
    let mut notes = Vec::new();
    let mut members = Vec::with_capacity(listing.projects.len());
    for listed in &listing.projects {
        let opened = super::Store::open_read_only(&listed.dir)?;
        let name = &listed.name;
        if !opened.unreadable.is_empty() {
            notes.push(format!(
                "{name}: {} not be read and left out; run behov check {} for details",
                crate::words::plural(
                    opened.unreadable.len(),
                    "interview file could",
                    "interview files could"
                ),
                listed.dir.display()
            ));
        }
        // An unreadable key is an error here, not a fresh start that would renumber everyone.
        crate::privacy::Key::load(&listed.dir)?;
        let options = p::Options {
            pseudonymise,
            without_consent: include_unconsented,
        };
        let (prepared, forced_by, unsaved) =
            p::for_export(&opened.project, &listed.dir, options, true);
        if !prepared.left_out.is_empty() {
            notes.push(format!(
                "{name}: {} without recorded consent left out ({}); --include-unconsented counts them",
                crate::words::plural(prepared.left_out.len(), "interview", "interviews"),
                prepared.left_out.join(", ")
            ));
        }
        if !forced_by.is_empty() {
            notes.push(format!(
                "{name}: pseudonymised, because the consent of {} says quotes may not be attributed",
                forced_by.join(", ")
            ));
        }
        if let Some(e) = unsaved {
            notes.push(format!(
                "{name}: the pseudonym key could not be saved, so new pseudonyms may change next time: {e}"
            ));
        }
        members.push(crate::report::Member {
            key: listed.key.clone(),
            name: listed.name.clone(),
            project: prepared.project,
        });
    }
    let programme = crate::report::combine(&listing.title, members)
        .ok_or_else(|| Error::Invalid("a programme needs at least one project".to_string()))?;
    Ok(Opened { programme, notes })
}

/// Writes `programme.json` into `dir`.
pub fn write(dir: &Path, programme: &ProgrammeFile) -> Result<()> {
    let mut text = serde_json::to_string_pretty(programme)
        .map_err(|e| Error::Invalid(format!("the programme could not be written: {e}")))?;
    text.push('\n');
    super::atomic::write(&dir.join(FILE), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_file_and_names_default_to_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE),
            r#"{"title": "Vägar", "projects": [{"path": "a/x", "name": "Region X"}, "b/x", "y"]}"#,
        )
        .unwrap();
        let listing = read(&dir.path().join(FILE)).unwrap();
        assert_eq!(listing.title, "Vägar");
        let got: Vec<(&str, &str)> = listing
            .projects
            .iter()
            .map(|p| (p.name.as_str(), p.key.as_str()))
            .collect();
        assert_eq!(got, [("Region X", "x"), ("x", "x-2"), ("y", "y")]);
        assert_eq!(listing.projects[1].dir, dir.path().join("b/x"));
    }

    #[test]
    fn an_empty_list_is_a_sentence_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), r#"{"projects": []}"#).unwrap();
        let err = read(&dir.path().join(FILE)).unwrap_err().to_string();
        assert!(err.contains("lists no projects"), "{err}");
    }
}
