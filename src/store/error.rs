//! Store errors, each a sentence the user can act on.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {}", .path.display(), io_sentence(.source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}; the file was left as it is", .path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{} has schema version {found}, but this behov understands up to {supported}; update behov to open it (the file was not changed)",
        .path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{} is not a behov project: it has no project.json", .0.display())]
    NotAProject(PathBuf),
    #[error("{} already exists and is not empty; choose a new folder", .0.display())]
    AlreadyExists(PathBuf),
    #[error("the project is open read-only: {0}")]
    ReadOnly(String),
    #[error(
        "{} was changed by another program since behov read it, so it was not overwritten",
        .0.display()
    )]
    Changed(PathBuf),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A parse error from serde_json, with the message separated from its position. A
    /// value the message quotes (`invalid type: string "…"`) may be interview text, so it
    /// is left out: the line and column say where to look.
    pub fn parse(path: &Path, err: &serde_json::Error) -> Error {
        let text = err.to_string();
        let message = match text.rsplit_once(" at line ") {
            Some((message, _)) => message.to_string(),
            None => text,
        };
        let message = crate::privacy::redact::values(&message);
        Error::Parse {
            path: path.to_path_buf(),
            line: err.line(),
            column: err.column(),
            message,
        }
    }
}

/// The OS error as a plain sentence, without the `(os error 28)` suffix.
fn io_sentence(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "not found".into(),
        PermissionDenied => "permission denied".into(),
        StorageFull => {
            "the disk is full; free some space and try again (the previous version is kept)".into()
        }
        _ => {
            let text = err.to_string();
            match text.split_once(" (os error") {
                Some((head, _)) => head.to_lowercase(),
                None => text,
            }
        }
    }
}
