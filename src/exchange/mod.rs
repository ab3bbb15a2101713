//! Exchange with other QDA software (NVivo, ATLAS.ti, MAXQDA, QualCoder) through the REFI-QDA
//! standard: projects (`.qdpx`, a zip of `project.qde` and the source texts) and codebooks
//! (`.qdc`). No terminal code here; the command line and the interface call these functions.

mod archive;
pub mod conformance;
pub mod dom;
pub mod export;
pub mod guid;
pub mod import;
pub mod layout;
pub mod positions;
pub mod refi;
mod xml;

pub use archive::MAX_UNPACKED;
pub use export::{Counts, Options, qdc, qdpx};

/// The project schema's namespace.
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";
/// The codebook schema's namespace.
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";

/// Exchange errors, each one sentence the user can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(String),
    #[error("the file could not be written: {0}")]
    Write(String),
    #[error(transparent)]
    Filter(#[from] crate::report::Error),
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Write(err.to_string())
    }
}

impl From<zip::result::ZipError> for Error {
    fn from(err: zip::result::ZipError) -> Self {
        Error::Write(err.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
pub(crate) mod tests_support {
    use crate::model::{Codebook, Interview, Project};
    use crate::store::demo::FILES;

    /// The demo project, read from the files embedded in the binary.
    pub fn demo() -> Project {
        let file = |name: &str| FILES.iter().find(|(n, _)| *n == name).unwrap().1;
        let mut project: Project = serde_json::from_str(file("project.json")).unwrap();
        project.codebook = serde_json::from_str::<Codebook>(file("codebook.json")).unwrap();
        project.interviews = FILES
            .iter()
            .filter(|(n, _)| n.starts_with("interviews/"))
            .map(|(_, json)| serde_json::from_str::<Interview>(json).unwrap())
            .collect();
        project
    }
}
