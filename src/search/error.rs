//! Search errors, each a sentence the user can act on. Problems with the query itself are
//! never errors (see `Note`); these are about the index.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the search index in {} could not be used ({source}); run `behov index` to rebuild it", .path.display())]
    Index {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("the search index could not be read ({0}); run `behov index` to rebuild it")]
    Search(#[source] tantivy::TantivyError),
    #[error(
        "the search index is read-only because another behov holds the project; that one keeps it up to date"
    )]
    ReadOnly,
    #[error(transparent)]
    Store(#[from] crate::store::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn index(path: &Path, source: tantivy::TantivyError) -> Error {
        Error::Index {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn search(source: tantivy::TantivyError) -> Error {
        Error::Search(source)
    }
}
