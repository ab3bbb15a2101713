//! Full-text search over every answer and interview note, with tantivy.
//!
//! The index lives in `<project>/.behov/index` and is derived data: it is rebuilt whenever it
//! is missing, damaged, or written by another version, and interview files changed outside
//! behov (a `git pull`, a restored backup) are indexed again when the project opens.
//!
//! # How the interface uses it
//!
//! Open the index once, after `Store::open`, on a worker thread (a rebuild of a large
//! project takes seconds; `progress` drives a progress indicator):
//!
//! ```no_run
//! # use behov::search::{Access, SearchIndex, SearchOptions};
//! # use behov::store::Store;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let root = std::path::Path::new("p");
//! let opened = Store::open(root)?;
//! let access = if opened.store.is_read_only() { Access::ReadOnly } else { Access::Write };
//! let (mut index, report) = SearchIndex::open(root, &opened.project, access, &mut |p| {
//!     eprintln!("indexing {}/{}", p.done, p.total);
//! })?;
//! let handle = index.handle(); // Clone + Send + Sync: search from any thread
//! let results = handle.search("färdpl* -bidrag", &SearchOptions::default())?;
//! # let interview = &opened.project.interviews[0];
//! // After each successful save of an interview:
//! index.update_interview(interview)?;
//! // When the worker's queue is empty (batching many saves into one commit):
//! index.commit()?;
//! # Ok(()) }
//! ```
//!
//! A worker thread owns the `SearchIndex` and receives "interview saved", "interview deleted"
//! and "project changed" messages over a channel. It applies every message waiting in the
//! channel (`update_interview`, `remove_interview`, `update_project`), then calls `commit`
//! once: a burst of saves costs one commit, and a saved edit is searchable as soon as the
//! queue is drained, well within a second. `commit` also merges small segments, so a day of
//! single edits leaves a handful of segments. Searches run on the UI thread or any other
//! through a `SearchHandle`; they see the last commit (readers are reloaded explicitly by
//! `commit`, never on a timer). A search of a 1,000-interview project takes well under a
//! millisecond, so searching on every keystroke is fine.
//!
//! When another behov holds the project, open with `Access::ReadOnly`: the existing index
//! is searched as it is (`OpenReport::stale` counts interviews changed since), and if there
//! is no usable index a temporary one is built in memory. Staging changes then fails with
//! `Error::ReadOnly`.

mod analyzer;
mod catalog;
mod compile;
mod distance;
mod document;
mod error;
mod fresh;
mod handle;
mod index;
mod lexicon;
mod merge;
mod note;
pub mod output;
mod parse;
mod schema;
mod snippet;
mod stem;

/// The Swedish analysis of a text (normal forms, stop words out, stems), for matching
/// text outside the index the way the index does: the importer matches questions with it.
pub use analyzer::terms;
pub use catalog::Catalog;
pub use document::{answer_id, notes_id};
pub use error::{Error, Result};
pub use handle::{Counts, Hit, SearchHandle, SearchOptions, SearchResults, names_respondents};
pub use index::{
    Access, OnDisk, OpenReport, Progress, RebuildReason, SearchIndex, Stale, file_stamp, index_dir,
};
pub use note::Note;
pub use schema::SCHEMA_VERSION;

/// Reads the Swedish lexicon now rather than at the first word analysed (about 0.1 s;
/// see `lexicon`). Opening an index does it anyway; a benchmark times it alone.
pub fn load_lexicon() {
    std::sync::LazyLock::force(&lexicon::LEXICON);
}
pub use snippet::{Matched, Snippet};
