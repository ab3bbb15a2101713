//! Where a command's output goes: the file `--out` names, or standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::failure::Failure;
use crate::store::output::{self, Links};

pub struct Out {
    path: Option<PathBuf>,
    links: Links,
}

impl Out {
    /// `--out` (and `--force-follow`), refused before any work, so a wrong path costs nothing
    /// and changes nothing.
    pub fn checked(path: Option<PathBuf>, force_follow: bool) -> Result<Out, Failure> {
        let links = if force_follow {
            Links::Follow
        } else {
            Links::Refuse
        };
        if let Some(path) = &path {
            output::check(path, links)?;
        }
        Ok(Out { path, links })
    }

    /// Writes `bytes` atomically to the file, or to standard output.
    pub fn write(&self, bytes: &[u8]) -> Result<ExitCode, Failure> {
        match &self.path {
            Some(path) => {
                output::write(path, bytes, self.links)?;
            }
            // A closed pipe (`| head`) is not an error worth reporting.
            None => {
                let _ = std::io::stdout().lock().write_all(bytes);
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
