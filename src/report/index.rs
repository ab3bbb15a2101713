//! A compact copy of what summaries count, so a summary never walks the model's object graph.
//!
//! Walking a million answers through their heap-allocated strings costs a third of a second
//! in memory latency alone, before any counting; the same facts as small integers in flat
//! arrays are counted in a few tens of milliseconds. The index is built once when a project
//! is loaded and refreshed after edits, which re-reads only the interviews that changed.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::lookup::{self, Lookup};
use crate::model::{Gender, Interview, Project, Status};

/// `Row::consent`: the interview's consent is recorded as given.
pub(crate) const CONSENTED: u8 = 1;
/// `Row::consent`: the interview's quotes may not be attributed.
pub(crate) const UNATTRIBUTABLE: u8 = 2;

/// Marks a question or code id that the project does not define.
pub(crate) const UNKNOWN: u16 = u16::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnswerRow {
    /// Position in the guide, or `UNKNOWN`.
    pub question: u16,
    pub scale: Option<u8>,
    /// The answer holds something (text, a scale value or a choice).
    pub answered: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CodingRow {
    /// Index of the part in the interview (see `Interview::part`: the notes outside the guide
    /// come after the answers), and of the coding in the part.
    pub answer: u32,
    pub coding: u32,
    /// Position in the codebook (never `UNKNOWN`: codings of unknown codes are left out).
    pub code: u16,
    /// Index into `Index::coders`.
    pub coder: u16,
    /// Length of the passage: characters of a span, bytes of a whole answer (a cheap stand-in
    /// for characters that is only used to rank quotes).
    pub length: u32,
    /// A passage (a span), not the whole answer: what the codebook counts as passages.
    pub span: bool,
}

/// One interview, reduced to numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) id: String,
    pub(crate) modified: Timestamp,
    pub status: Status,
    pub date: Date,
    /// Index into `Index::interviewers`.
    pub interviewer: u16,
    /// Consent recorded as given (`CONSENTED`), quotes not to be attributed (`UNATTRIBUTABLE`):
    /// what decides whether a summary may be counted from the index as it is.
    pub consent: u8,
    /// Known respondents as positions in `project.respondents`, deduplicated.
    pub respondents: Vec<u32>,
    /// One per part of the interview: the answers, then the notes (question `UNKNOWN`, never
    /// `answered`).
    pub answers: Vec<AnswerRow>,
    /// In answer order.
    pub codings: Vec<CodingRow>,
    /// The round the interview names (`Interview::round`); empty for none, which counts as
    /// the project's first. Kept as the id so that editing the rounds needs no new index.
    pub round: String,
    /// The people who took part, as recorded; matched to contact people when counted, so
    /// that editing a contact person needs no new index either.
    pub participants: Vec<ParticipantRow>,
}

/// A participant of an interview, as recorded in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParticipantRow {
    pub name: String,
    pub role: String,
    pub gender: Option<Gender>,
}

impl Row {
    /// What a row is replaced with while it is moved (an empty id matches no interview).
    fn placeholder() -> Row {
        Row {
            id: String::new(),
            modified: Timestamp::UNIX_EPOCH,
            status: Status::Draft,
            date: Date::ZERO,
            interviewer: 0,
            consent: 0,
            respondents: Vec::new(),
            answers: Vec::new(),
            codings: Vec::new(),
            round: String::new(),
            participants: Vec::new(),
        }
    }
}

/// The countable facts of a project, aligned with `project.interviews`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub(crate) codes: Vec<String>,
    pub(crate) questions: Vec<String>,
    pub(crate) respondents: Vec<String>,
    /// Every coder met, in the order met.
    pub(crate) coders: Vec<String>,
    /// Every interviewer met (trimmed), in the order met.
    pub(crate) interviewers: Vec<String>,
    pub(crate) rows: Vec<Row>,
}

/// The id lookups a row is built with.
struct Ids<'a> {
    codes: Lookup<'a>,
    questions: Lookup<'a>,
    respondents: Lookup<'a>,
}

impl<'a> Ids<'a> {
    fn new(project: &'a Project) -> Ids<'a> {
        Ids {
            codes: lookup::index(project.codebook.codes.iter().map(|c| c.id.as_str())),
            questions: lookup::index(project.guide.questions.iter().map(|q| q.id.as_str())),
            respondents: lookup::index(project.respondents.iter().map(|r| r.id.as_str())),
        }
    }
}

impl Index {
    pub fn new(project: &Project) -> Index {
        let mut index = Index::empty(project);
        index.rows.reserve(project.interviews.len());
        let lookups = Ids::new(project);
        for interview in &project.interviews {
            let row = index.row(&lookups, interview);
            index.rows.push(row);
        }
        index
    }

    /// An index of `project`'s codebook, guide and respondents with no interviews yet.
    fn empty(project: &Project) -> Index {
        Index {
            codes: ids(project.codebook.codes.iter().map(|c| &c.id)),
            questions: ids(project.guide.questions.iter().map(|q| &q.id)),
            respondents: ids(project.respondents.iter().map(|r| &r.id)),
            coders: Vec::new(),
            interviewers: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Whether the rows' code, question and respondent numbers still mean what they meant
    /// when the index was made (same ids in the same order).
    pub fn fits(&self, project: &Project) -> bool {
        let same = |old: &[String], new: Vec<&String>| {
            old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a == b)
        };
        same(
            &self.codes,
            project.codebook.codes.iter().map(|c| &c.id).collect(),
        ) && same(
            &self.questions,
            project.guide.questions.iter().map(|q| &q.id).collect(),
        ) && same(
            &self.respondents,
            project.respondents.iter().map(|r| &r.id).collect(),
        )
    }

    /// Brings the index up to date with interview files without holding the interviews:
    /// `files` are the interview files in project order, each with the stamp of its current
    /// version; `stamps` are those the rows were made from (kept beside the index). `read`
    /// reads a batch of interviews whose stamp changed, in the order asked (`None`: gone or
    /// unreadable, left out); batches keep memory bounded while it reads them in parallel.
    /// Every interview is read again when the codebook, guide or respondents changed.
    /// Returns how many were read.
    pub fn refresh_files(
        &mut self,
        stamps: &mut Vec<u64>,
        project: &Project,
        files: &[(String, u64)],
        read: &mut dyn FnMut(&[&str]) -> Vec<Option<Interview>>,
    ) -> usize {
        const BATCH: usize = 256;
        if !self.fits(project) || stamps.len() != self.rows.len() {
            *self = Index::empty(project);
            stamps.clear();
        }
        let mut kept: HashMap<String, (Row, u64)> = std::mem::take(&mut self.rows)
            .into_iter()
            .zip(stamps.drain(..))
            .map(|(row, stamp)| (row.id.clone(), (row, stamp)))
            .collect();
        let due: Vec<&str> = files
            .iter()
            .filter(|(id, stamp)| kept.get(id).is_none_or(|(_, was)| was != stamp))
            .map(|(id, _)| id.as_str())
            .collect();
        let lookups = Ids::new(project);
        let mut fresh: HashMap<&str, Row> = HashMap::with_capacity(due.len());
        for batch in due.chunks(BATCH) {
            for (id, interview) in batch.iter().zip(read(batch)) {
                if let Some(interview) = interview {
                    fresh.insert(id, self.row(&lookups, &interview));
                }
            }
        }
        for (id, stamp) in files {
            let row = match fresh.remove(id.as_str()) {
                Some(row) => row,
                None => match kept.remove(id) {
                    Some((row, was)) if was == *stamp => row,
                    _ => continue,
                },
            };
            self.rows.push(row);
            stamps.push(*stamp);
        }
        due.len()
    }

    /// How many of `files` `refresh_files` would read: those added or whose stamp changed,
    /// or all of them when the codebook, guide or respondents changed. Lets a caller that
    /// must be quick (the interface's first frame) give up instead of reading them.
    pub fn stale(&self, stamps: &[u64], project: &Project, files: &[(String, u64)]) -> usize {
        if !self.fits(project) || stamps.len() != self.rows.len() {
            return files.len();
        }
        let kept: HashMap<&str, u64> = self
            .rows
            .iter()
            .map(|r| r.id.as_str())
            .zip(stamps.iter().copied())
            .collect();
        files
            .iter()
            .filter(|(id, stamp)| kept.get(id.as_str()) != Some(stamp))
            .count()
    }

    /// Brings the index up to date with `project` and returns how many interviews were read
    /// again: those added or whose `modified` time changed (so an edit must bump it, as the
    /// store's callers do), or all of them when the codebook, guide or respondents changed.
    pub fn refresh(&mut self, project: &Project) -> usize {
        if !self.fits(project) {
            *self = Index::new(project);
            return project.interviews.len();
        }
        let lookups = Ids::new(project);
        let mut old = std::mem::take(&mut self.rows);
        // Interviews are rarely reordered: compare in place, and look up by id only the rest.
        let mut moved: Option<HashMap<String, Row>> = None;
        let mut read = 0;
        for (i, interview) in project.interviews.iter().enumerate() {
            let in_place = old.get(i).is_some_and(|r| r.id == interview.id);
            let found = if in_place {
                Some(std::mem::replace(&mut old[i], Row::placeholder()))
            } else {
                let by_id = moved.get_or_insert_with(|| {
                    old.iter_mut()
                        .map(|r| std::mem::replace(r, Row::placeholder()))
                        .filter(|r| !r.id.is_empty())
                        .map(|r| (r.id.clone(), r))
                        .collect()
                });
                by_id.remove(&interview.id)
            };
            let row = match found {
                Some(row) if row.modified == interview.modified => row,
                _ => {
                    read += 1;
                    self.row(&lookups, interview)
                }
            };
            self.rows.push(row);
        }
        read
    }

    /// Puts the rows of `interviews` (changed in memory, or read again) in place of their
    /// old rows, or among the rows in file-name order when new. The index must fit `project`
    /// (see [`Index::fits`]).
    pub fn put<'a>(&mut self, project: &Project, interviews: impl Iterator<Item = &'a Interview>) {
        let lookups = Ids::new(project);
        for interview in interviews {
            let row = self.row(&lookups, interview);
            match self.rows.iter().position(|r| r.id == interview.id) {
                Some(at) => self.rows[at] = row,
                None => {
                    let at = self
                        .rows
                        .partition_point(|r| file_order(&r.id, &interview.id).is_lt());
                    self.rows.insert(at, row);
                }
            }
        }
    }

    /// Takes the row of interview `id` out.
    pub fn remove(&mut self, id: &str) {
        self.rows.retain(|r| r.id != id);
    }

    /// Numbers the rows' codes, questions and respondents as `project` has them now, after
    /// ids were added, removed or reordered (the interface's codebook, guide and respondents
    /// edits), without reading any interview again. References to removed ids are left out,
    /// as a fresh index leaves out unknown ones. An id that is new to the project counts only
    /// from interviews made again after it: the interface's new ids are fresh, and a file that
    /// already named it would have named an unknown id (`behov check` reports those).
    pub fn remap(&mut self, project: &Project) {
        fn positions(old: &[String], new: &[&String]) -> Vec<Option<usize>> {
            let at: HashMap<&str, usize> = new
                .iter()
                .enumerate()
                .map(|(i, id)| (id.as_str(), i))
                .collect();
            old.iter().map(|id| at.get(id.as_str()).copied()).collect()
        }
        let codes: Vec<&String> = project.codebook.codes.iter().map(|c| &c.id).collect();
        let questions: Vec<&String> = project.guide.questions.iter().map(|q| &q.id).collect();
        let respondents: Vec<&String> = project.respondents.iter().map(|r| &r.id).collect();
        let code_at = positions(&self.codes, &codes);
        let question_at = positions(&self.questions, &questions);
        let respondent_at = positions(&self.respondents, &respondents);
        for row in &mut self.rows {
            row.respondents = row
                .respondents
                .iter()
                .filter_map(|&r| respondent_at[r as usize].map(|n| n as u32))
                .collect();
            for answer in &mut row.answers {
                if answer.question != UNKNOWN {
                    answer.question = question_at[usize::from(answer.question)]
                        .and_then(|q| u16::try_from(q).ok())
                        .unwrap_or(UNKNOWN);
                }
            }
            row.codings.retain_mut(|c| {
                match code_at[usize::from(c.code)].and_then(|n| u16::try_from(n).ok()) {
                    Some(n) => {
                        c.code = n;
                        true
                    }
                    None => false,
                }
            });
        }
        self.codes = ids(codes.into_iter());
        self.questions = ids(questions.into_iter());
        self.respondents = ids(respondents.into_iter());
    }

    fn row(&mut self, ids: &Ids, interview: &Interview) -> Row {
        let mut respondents: Vec<u32> = Vec::with_capacity(interview.respondents.len());
        for id in &interview.respondents {
            if let Some(&r) = ids.respondents.get(id.as_str())
                && !respondents.contains(&(r as u32))
            {
                respondents.push(r as u32);
            }
        }
        let mut codings = Vec::new();
        let answers = interview
            .parts()
            .enumerate()
            .map(|(ai, part)| {
                for (ki, coding) in part.codings.iter().enumerate() {
                    let Some(code) = ids
                        .codes
                        .get(coding.code.as_str())
                        .and_then(|&c| u16::try_from(c).ok())
                    else {
                        continue;
                    };
                    let length = coding.span.map_or(part.text.len(), |s| s.len());
                    codings.push(CodingRow {
                        answer: ai as u32,
                        coding: ki as u32,
                        code,
                        coder: self.coder(&coding.coder),
                        length: u32::try_from(length).unwrap_or(u32::MAX),
                        span: coding.span.is_some(),
                    });
                }
                let answer = part.question.and_then(|_| interview.answers.get(ai));
                AnswerRow {
                    question: part
                        .question
                        .and_then(|q| ids.questions.get(q))
                        .and_then(|&q| u16::try_from(q).ok())
                        .unwrap_or(UNKNOWN),
                    scale: answer.and_then(|a| a.scale),
                    // The notes are no answer to count, though their codings count.
                    answered: answer.is_some_and(|a| !a.is_empty()),
                }
            })
            .collect();
        let interviewer = self.interviewer(interview.interviewer.trim());
        let consent = if interview.consent.given {
            CONSENTED
        } else {
            0
        } | if interview.consent.quotes == Some(false) {
            UNATTRIBUTABLE
        } else {
            0
        };
        Row {
            id: interview.id.clone(),
            modified: interview.modified,
            status: interview.status,
            date: interview.date,
            interviewer,
            consent,
            respondents,
            answers,
            codings,
            round: interview.round.clone().unwrap_or_default(),
            participants: interview
                .participants
                .iter()
                .filter(|p| !p.name.trim().is_empty())
                .map(|p| ParticipantRow {
                    name: p.name.trim().to_string(),
                    role: p.role.trim().to_string(),
                    gender: p.gender,
                })
                .collect(),
        }
    }

    fn interviewer(&mut self, name: &str) -> u16 {
        match self.interviewers.iter().rposition(|c| c == name) {
            Some(i) => i as u16,
            None => {
                self.interviewers.push(name.to_string());
                (self.interviewers.len() - 1) as u16
            }
        }
    }

    /// Whether every interview's consent is recorded as given (then no export leaves one out).
    pub fn all_consented(&self) -> bool {
        self.rows.iter().all(|r| r.consent & CONSENTED != 0)
    }

    /// Whether an interview's consent says its quotes may not be attributed (a report of it
    /// is pseudonymised).
    pub fn any_unattributable(&self) -> bool {
        self.rows.iter().any(|r| r.consent & UNATTRIBUTABLE != 0)
    }

    /// The coders of the codings in the index, sorted (the list of coders met may still
    /// name one whose codings were since removed).
    pub(crate) fn coders_in_use(&self) -> Vec<String> {
        let mut used = vec![false; self.coders.len()];
        for coding in self.rows.iter().flat_map(|r| &r.codings) {
            used[usize::from(coding.coder)] = true;
        }
        let mut names: Vec<String> = self
            .coders
            .iter()
            .zip(used)
            .filter(|&(_, used)| used)
            .map(|(name, _)| name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The ids of the interviews, in the rows' order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().map(|r| r.id.as_str())
    }

    /// The id of the interview of row `i`.
    pub(crate) fn id(&self, i: usize) -> Option<&str> {
        self.rows.get(i).map(|r| r.id.as_str())
    }

    fn coder(&mut self, name: &str) -> u16 {
        // Newest first: consecutive codings are usually by the same coder.
        match self.coders.iter().rposition(|c| c == name) {
            Some(i) => i as u16,
            None => {
                self.coders.push(name.to_string());
                (self.coders.len() - 1) as u16
            }
        }
    }
}

/// How interview files are ordered: by file name (`a-b.json` before `a.json`), the order a
/// project is read in.
pub fn file_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes().chain(*b".json").cmp(b.bytes().chain(*b".json"))
}

fn ids<'a>(ids: impl Iterator<Item = &'a String>) -> Vec<String> {
    ids.cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::Synth;

    fn project() -> Project {
        let mut synth = Synth::new(4);
        let mut project = synth.project(3);
        project.interviews = (1..=6).map(|n| synth.interview(n, 3)).collect();
        project
    }

    fn bump(interview: &mut Interview) {
        interview.modified += jiff::SignedDuration::from_secs(1);
    }

    /// Rows with the interviewer by name: its number depends on the order interviewers were met.
    pub(crate) fn rows_named(index: &Index) -> Vec<(Row, String)> {
        index
            .rows
            .iter()
            .map(|r| {
                let name = index.interviewers[usize::from(r.interviewer)].clone();
                (
                    Row {
                        interviewer: 0,
                        ..r.clone()
                    },
                    name,
                )
            })
            .collect()
    }

    #[test]
    fn refresh_rereads_only_what_changed_and_ends_as_a_fresh_index() {
        let mut p = project();
        let mut index = Index::new(&p);
        assert_eq!(index.refresh(&p), 0);

        p.interviews[2].answers[0].codings.clear();
        bump(&mut p.interviews[2]);
        assert_eq!(index.refresh(&p), 1);
        assert_eq!(index, Index::new(&p));

        // Removed, reordered and added interviews.
        p.interviews.remove(0);
        p.interviews.swap(0, 3);
        let mut extra = p.interviews[1].clone();
        extra.id = "i999999".into();
        p.interviews.push(extra);
        assert_eq!(index.refresh(&p), 1);
        assert_eq!(index.rows.len(), p.interviews.len());
        assert_eq!(rows_named(&index), rows_named(&Index::new(&p)));

        // A new code changes every code position: everything is read again.
        p.codebook.codes.insert(0, p.codebook.codes[0].clone());
        p.codebook.codes[0].id = "first".into();
        assert_eq!(index.refresh(&p), p.interviews.len());
        assert_eq!(index, Index::new(&p));
    }

    #[test]
    fn rows_put_and_removed_end_as_a_fresh_index() {
        let mut p = project();
        let mut index = Index::new(&p);
        p.interviews[1].answers[0].codings.clear();
        let mut extra = p.interviews[3].clone();
        extra.id = format!("{}-b", p.interviews[2].id);
        p.interviews.insert(2, extra);
        index.put(&p, [&p.interviews[1], &p.interviews[2]].into_iter());
        let gone = p.interviews.remove(4).id;
        index.remove(&gone);
        assert_eq!(rows_named(&index), rows_named(&Index::new(&p)));
        assert!(
            file_order("i1-b", "i1").is_lt(),
            "i1-b.json sorts before i1.json"
        );
    }

    #[test]
    fn renumbered_rows_equal_a_fresh_index_after_the_codebook_guide_and_respondents_change() {
        let mut p = project();
        let mut index = Index::new(&p);
        // A code added first and one removed (its codings left out, as a fresh index leaves
        // out unknown codes), the guide reordered and a question removed, a respondent added
        // and one removed.
        let mut code = p.codebook.codes[0].clone();
        code.id = "new".into();
        p.codebook.codes.insert(0, code);
        p.codebook.codes.remove(3);
        p.guide.questions.swap(0, 2);
        p.guide.questions.remove(1);
        let mut respondent = p.respondents[0].clone();
        respondent.id = "r-new".into();
        p.respondents.push(respondent);
        p.respondents.remove(1);
        index.remap(&p);
        assert!(index.fits(&p));
        let fresh = Index::new(&p);
        let mut expected = rows_named(&fresh);
        let mut got = rows_named(&index);
        // Coders are numbered in the order met: compare codings without them.
        for rows in [&mut expected, &mut got] {
            for (row, _) in rows.iter_mut() {
                for c in &mut row.codings {
                    c.coder = 0;
                }
            }
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn unknown_ids_are_left_out() {
        let mut p = project();
        p.interviews[0].respondents.push("nobody".into());
        p.interviews[0].answers[0].question = "q99".into();
        p.interviews[0].answers[1].codings[0].code = "nosuch".into();
        let index = Index::new(&p);
        let row = &index.rows[0];
        assert_eq!(row.respondents.len(), 1);
        assert_eq!(row.answers[0].question, UNKNOWN);
        let listed = p.interviews[0]
            .answers
            .iter()
            .map(|a| a.codings.len())
            .sum::<usize>();
        assert_eq!(row.codings.len(), listed - 1);
    }
}
