//! The error every entry point (the command line, the interface) ends with: one sentence for
//! the user and the process's exit code. It lives apart from both so that neither imports
//! the other.

use crate::{report, search, store};

/// An error for the user: one sentence on stderr and an exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl From<store::Error> for Failure {
    fn from(err: store::Error) -> Self {
        Failure {
            message: err.to_string(),
            code: 1,
        }
    }
}

impl From<report::Error> for Failure {
    fn from(err: report::Error) -> Self {
        Failure {
            code: if err.is_usage() { 2 } else { 1 },
            message: err.to_string(),
        }
    }
}

impl From<search::Error> for Failure {
    fn from(err: search::Error) -> Self {
        Failure {
            message: err.to_string(),
            code: 1,
        }
    }
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}
