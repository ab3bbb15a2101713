//! Needs summaries: pure functions over a `model::Project`, and renderers for the report.
//!
//! The Summary tab and `behov summary` use the same calls:
//!
//! ```text
//! let mut index = Index::new(&project);               // once, when the project is loaded
//! index.refresh(&project);                             // after edits: re-reads changed interviews
//! let tally = Tally::new(&project, &index, &filter);   // one pass; redo when the filter changes
//! let rows = code_rows(&project, &tally, lang);        // the needs table
//! let m = matrix(&project, &tally, "type", lang)?;     // switching attribute: no new pass
//! let behind = passages(&project, &index, &project.interviews, &filter, &drill, &names);
//! ```
//!
//! or everything at once with [`summarise_with`], which the renderers in [`render`] draw from.

pub mod agreement;
mod bitset;
mod cooccurrence;
mod coverage;
mod drill;
mod error;
mod filter;
pub mod format;
mod grouping;
mod index;
mod listed;
mod lookup;
mod matrix;
mod method;
mod names;
mod participants;
mod programme;
mod programme_tables;
mod questions;
mod quotes;
pub mod render;
mod round_tables;
mod rounds;
mod scale;
mod stored;
mod summary;
mod table;
pub(crate) mod tables;
mod tally;
mod usage;
pub mod words;

use serde::Serialize;

pub use cooccurrence::{CodeRef, Cooccurrence, Pair, cooccurrence};
pub use coverage::{AttributeSplit, Coverage, Genders, coverage};
pub use drill::{Drill, Passage, passages};
pub use error::Error;
pub use filter::{Filter, attribute};
pub use grouping::{By, Group};
pub use index::{Index, file_order};
pub use listed::Listed;
pub use matrix::{Cell, Matrix, MatrixRow, matrix};
pub use method::{CodebookEntry, Method, method};
pub use names::{Names, pseudonym_numbers};
pub use participants::{Participants, RoleCount};
pub use programme::{
    Difference, Member, MemberInfo, PROJECT_ATTRIBUTE, Programme, ProgrammeInfo, attach_programme,
    combine, summarise_programme, unique_keys,
};
pub use questions::{QuestionCode, QuestionCodes, questions};
pub use quotes::{CodeQuotes, QUOTE_CHARS, Quote, Quoted, passage, quotes};
pub use rounds::{Change, Move, RoundCount, Rounds, round_word};
pub use scale::{Distribution, Scale, ScaleGroup, scales};
pub use summary::{CodeRow, Counts, code_rows};
pub use table::{Column, Kind, Table, Value};
pub use tables::{TABLES, tables};
pub use tally::{QUOTE_POOL, Tally};
pub use usage::{
    coding_count, interviews_answering, interviews_coded, interviews_per_round, usage,
};

use crate::model::{Lang, Project};

/// What to summarise and how to present it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub filter: Filter,
    /// Respondent attribute to split the needs and scale tables by, or `round` (`omgång`)
    /// for the project's rounds when no attribute has that name.
    pub by: Option<String>,
    pub lang: Lang,
    /// Name respondents "Organisation 7" instead of by name.
    pub pseudonyms: bool,
    /// Quotes per code (at most `QUOTE_POOL`).
    pub quotes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            filter: Filter::default(),
            by: None,
            lang: Lang::Sv,
            pseudonyms: false,
            quotes: 3,
        }
    }
}

/// Every table of a needs summary, as plain data (and JSON via serde).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub title: String,
    pub lang: Lang,
    pub filter: Filter,
    pub pseudonyms: bool,
    pub coverage: Coverage,
    /// Coders whose codings were counted, sorted; `CodeRow::by_coder` follows this order.
    pub coders: Vec<String>,
    pub codes: Vec<CodeRow>,
    /// The code × attribute matrix when `Options::by` is given.
    pub groups: Option<Matrix>,
    pub cooccurrence: Cooccurrence,
    pub scales: Vec<Scale>,
    /// The rounds and the change between them, for a project with rounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds: Option<Rounds>,
    pub questions: Vec<QuestionCodes>,
    pub quotes: Vec<CodeQuotes>,
    /// Interviewers, guide and codebook: the report's method section and appendix.
    pub method: Method,
    /// A programme's projects and how their codebooks differ (`None` for one project).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme: Option<ProgrammeInfo>,
}

/// The whole summary of `project` under `options`, indexing the project first: for one-off
/// use such as the command line.
pub fn summarise(project: &Project, options: &Options) -> Result<Summary, Error> {
    summarise_with(project, &Index::new(project), options)
}

/// The whole summary from an index kept up to date with `project` (see `Index::refresh`).
pub fn summarise_with(
    project: &Project,
    index: &Index,
    options: &Options,
) -> Result<Summary, Error> {
    let filter = options.filter.resolve(project)?;
    let tally = Tally::new(project, index, &filter);
    Summary::from_tally(project, &project.interviews, &tally, options)
}

/// [`summarise_with`] for a project whose interviews are not in memory (an outline): counted
/// from `index` alone, the quoted passages read through `source`.
pub fn summarise_quoting(
    project: &Project,
    index: &Index,
    source: &dyn Quoted,
    options: &Options,
) -> Result<Summary, Error> {
    let filter = options
        .filter
        .resolve_among(project, || index.coders_in_use())?;
    let tally = Tally::new(project, index, &filter);
    Summary::from_tally(project, source, &tally, options)
}

impl Summary {
    /// The summary from an existing tally (whose filter wins over `options.filter`): what the
    /// Summary tab calls when only the grouping, language or naming changed.
    /// The quoted interviews are read through `source` (`project.interviews` when loaded).
    pub fn from_tally(
        project: &Project,
        source: &dyn Quoted,
        tally: &Tally,
        options: &Options,
    ) -> Result<Summary, Error> {
        let lang = options.lang;
        let by = match options.by.as_deref() {
            Some(name) => Some(grouping(project, name)?),
            None => None,
        };
        let names = Names::new(project, options.pseudonyms);
        Ok(Summary {
            title: project.title.clone(),
            lang,
            filter: tally.filter().clone(),
            pseudonyms: options.pseudonyms,
            coverage: coverage(project, tally, lang),
            coders: tally.coders.clone(),
            codes: code_rows(project, tally, lang),
            groups: match by {
                Some(By::Attribute(a)) => Some(matrix(project, tally, a, lang)?),
                Some(By::Round) => Some(rounds::round_matrix(project, tally, lang)),
                None => None,
            },
            cooccurrence: cooccurrence(project, tally, lang),
            scales: scales(project, tally, by, lang)?,
            rounds: rounds::rounds(project, tally, &names, lang),
            questions: questions(project, tally, lang),
            quotes: quotes(
                project,
                source,
                tally,
                &names,
                by,
                options.quotes.min(QUOTE_POOL),
                lang,
            ),
            method: method(project, tally, lang),
            programme: None,
        })
    }
}

/// What `--by NAME` means: the attribute of that name, else the rounds when `NAME` is
/// "round" or "omgång" and the project has rounds.
fn grouping<'p>(project: &'p Project, name: &str) -> Result<By<'p>, Error> {
    match attribute(project, name) {
        Ok(def) => Ok(By::Attribute(def.id.as_str())),
        Err(_) if rounds::is_round_name(name) && !project.rounds.is_empty() => Ok(By::Round),
        Err(_) if rounds::is_round_name(name) => Err(Error::NoRounds),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod rounds_tests;
