//! Merging a colleague's copy of a project into this one (NVivo's "import project", for two
//! copies of the same needs analysis). Pure: the caller reads both copies (and, when it knows
//! one, their common ancestor) and gets back the project as the merge would leave it, what
//! comes in, and every conflict with both versions. Nothing is decided silently: a conflict
//! keeps this copy's version until a [`Resolutions`] says otherwise, and callers refuse to
//! write while any is unresolved.
//!
//! The rules, by kind of thing (three-way when an ancestor is given, two-way otherwise):
//! - **Interviews, respondents, codes** are matched by id. One that only the other copy has
//!   comes in, unless the ancestor had it (then it was deleted here: it stays deleted when the
//!   other copy left it unchanged, else a conflict). One the ancestor had and the other copy
//!   deleted goes, when it is unchanged here (else a conflict). Without an ancestor nothing is
//!   ever deleted, since a deletion cannot be told from an addition.
//! - **The same id used for two different things** is a conflict: interviews with different
//!   `created`, respondents whose names differ, codes whose labels differ in both languages.
//! - **Answer texts, notes, interview details, code and respondent fields** that differ are
//!   taken from the copy that changed them (three-way); changed in both, or different without
//!   an ancestor, they are a conflict.
//! - **Codings** are merged per answer and coder, see [`codings`].
//! - **The guide** must be the same in both copies: answers are matched by question.
//!
//! New attribute definitions come in and allowed values are joined; rounds are merged like
//! respondents; the title stays this copy's.

mod codebook;
pub mod codings;
mod interviews;
mod respondents;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use super::{Interview, Keep, Project};

/// What is decided about each conflict, by its key; `all` applies to those not named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolutions {
    pub by_key: BTreeMap<String, Keep>,
    pub all: Option<Keep>,
}

impl Resolutions {
    pub fn all(keep: Keep) -> Resolutions {
        Resolutions {
            by_key: BTreeMap::new(),
            all: Some(keep),
        }
    }

    /// The choice for the conflict `key`. "Both" applies only where keeping both is
    /// possible; elsewhere the conflict stays undecided.
    fn get(&self, key: &str, can_keep_both: bool) -> Option<Keep> {
        self.by_key
            .get(key)
            .copied()
            .or(self.all)
            .filter(|&keep| keep != Keep::Both || can_keep_both)
    }
}

/// Kinds of conflict, each with its own meaning of mine, theirs and both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The same answer (or the notes) written differently in the two copies. Both: this
    /// copy's text, a blank line, the other's, with the other's codings moved along.
    Text,
    /// Interview details (respondents, date, interviewer, mode, consent, status) differ.
    Details,
    /// A coder's codings of one answer differ and no date tells which is newer. Both: every
    /// coding of either copy.
    Codings,
    /// One interview id, two different interviews. Both: theirs comes in under a new id.
    SameInterviewId,
    /// One respondent id, two different organisations. Both: theirs comes in under a new id,
    /// and their new interviews of it follow.
    SameRespondentId,
    /// One code id, two different codes. Both: theirs comes in under a new id, and their
    /// codings with it follow.
    SameCodeId,
    /// A code changed in both copies (label, definition, rules, colour, parent).
    Code,
    /// A respondent changed in both copies.
    Respondent,
    /// A round (baseline, follow-up) changed in both copies.
    Round,
    /// Deleted here, changed (or used) in the other copy. Theirs brings it back.
    DeletedHere,
    /// Deleted in the other copy, changed (or used) here. Theirs deletes it here too.
    DeletedThere,
}

impl Kind {
    pub fn can_keep_both(self) -> bool {
        matches!(
            self,
            Kind::Text
                | Kind::Codings
                | Kind::SameInterviewId
                | Kind::SameRespondentId
                | Kind::SameCodeId
        )
    }
}

/// One thing changed differently in the two copies, with both versions as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Stable name used to resolve it: `answer/i003/q02`, `notes/i003`, `details/i003`,
    /// `codings/i003/q02/Anna`, `interview/i003`, `respondent/r004`, `code/advice`.
    pub key: String,
    pub kind: Kind,
    /// What it is about, for people: ids and names.
    pub subject: String,
    /// This copy's version; `None` when it is deleted here.
    pub mine: Option<String>,
    /// The other copy's version; `None` when it is deleted there.
    pub theirs: Option<String>,
    /// The decision taken; `None` keeps this copy's version and blocks writing.
    pub keep: Option<Keep>,
}

/// Kinds of change that come in without a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    NewInterview,
    NewRespondent,
    NewCode,
    NewAttribute,
    NewRound,
    /// Answers, notes or details of an interview taken from the other copy.
    Interview,
    Respondent,
    Round,
    Code,
    /// Allowed values of an attribute joined.
    Attribute,
    /// Codings added and removed on an interview, by coder.
    Codings,
    /// A coding whose passage is no longer in the text: kept on the whole answer.
    CodingOnWholeAnswer,
    RemovedInterview,
    RemovedRespondent,
    RemovedCode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub subject: String,
    pub added: usize,
    pub removed: usize,
}

impl Change {
    fn new(kind: ChangeKind, subject: impl Into<String>) -> Change {
        Change {
            kind,
            subject: subject.into(),
            added: 0,
            removed: 0,
        }
    }
}

/// The project as the merge leaves it, and what it took to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub project: Project,
    pub changes: Vec<Change>,
    pub conflicts: Vec<Conflict>,
}

impl Plan {
    pub fn unresolved(&self) -> usize {
        self.conflicts.iter().filter(|c| c.keep.is_none()).count()
    }

    /// How many changes of `kind` come in.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// Why two copies cannot be merged, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Merges `theirs` into `mine`; `base` is their common ancestor when known. A `base` holds
/// the items that existed then: an interview absent from it did not exist.
pub fn merge(
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    resolutions: &Resolutions,
) -> Result<Plan, Refusal> {
    if let Some(question) = guide_difference(mine, theirs) {
        return Err(Refusal(format!(
            "the other copy has another interview guide (question {question} differs or is missing), so its answers cannot be matched with these; give both copies the same guide first"
        )));
    }
    let mut out = Merge {
        resolutions,
        changes: Vec::new(),
        conflicts: Vec::new(),
    };
    let mut project = mine.clone();
    let renamed_respondents = respondents::merge(&mut out, base, mine, theirs, &mut project);
    let origins = interviews::merge(&mut out, base, mine, theirs, &mut project);
    interviews::rename_respondents(&mut project, &origins, &renamed_respondents);
    codebook::merge(&mut out, base, mine, theirs, &mut project, &origins);
    Ok(Plan {
        project,
        changes: out.changes,
        conflicts: out.conflicts,
    })
}

/// The first question that is not the same in both guides.
fn guide_difference(mine: &Project, theirs: &Project) -> Option<String> {
    let mine_q = &mine.guide.questions;
    let theirs_q = &theirs.guide.questions;
    for q in mine_q {
        if theirs.guide.question(&q.id) != Some(q) {
            return Some(q.id.clone());
        }
    }
    theirs_q
        .iter()
        .find(|q| mine.guide.question(&q.id).is_none())
        .map(|q| q.id.clone())
}

/// What a merge collects as it goes.
struct Merge<'a> {
    resolutions: &'a Resolutions,
    changes: Vec<Change>,
    conflicts: Vec<Conflict>,
}

impl Merge<'_> {
    /// Records a conflict and returns the decision taken on it.
    fn conflict(
        &mut self,
        kind: Kind,
        key: String,
        subject: String,
        mine: Option<String>,
        theirs: Option<String>,
    ) -> Option<Keep> {
        let keep = self.resolutions.get(&key, kind.can_keep_both());
        self.conflicts.push(Conflict {
            key,
            kind,
            subject,
            mine,
            theirs,
            keep,
        });
        keep
    }

    fn change(&mut self, change: Change) {
        self.changes.push(change);
    }
}

/// Which copy an item of the result came from: interviews taken whole from the other copy
/// (new, or theirs kept) have their codings and respondent ids follow renames.
#[derive(Debug, Default)]
struct Origins {
    /// Ids of interviews in the result that came whole from the other copy.
    theirs: Vec<String>,
    /// The interviews here before the merge, by id, to tell which codings came in.
    mine: BTreeMap<String, Interview>,
}

/// The outcome of comparing one item in three (or two) versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Equal, or only this copy changed it.
    Mine,
    /// Only the other copy changed it.
    Theirs,
    /// Changed in both, or different without an ancestor.
    Conflict,
}

/// Three-way (or two-way) choice between versions of one value.
fn pick<T: PartialEq>(base: Option<&T>, mine: &T, theirs: &T) -> Side {
    if mine == theirs || base == Some(theirs) {
        Side::Mine
    } else if base == Some(mine) {
        Side::Theirs
    } else {
        Side::Conflict
    }
}
