//! The one pass over the interviews that every table is built from.
//!
//! Everything a table needs is gathered here in a single walk over the codings, into flat
//! arrays indexed by code, question and respondent. The tables are then cheap functions of the
//! tally: changing the grouping attribute needs no second pass, only a change of filter does.

use jiff::civil::Date;

use super::bitset::Bitset;
use super::filter::{Filter, Scope};
use super::index::{Index, ParticipantRow, UNKNOWN};
use super::lookup;
use crate::model::{Project, QuestionKind, Status};

/// Most quotes kept per code; the summary shows up to this many.
pub const QUOTE_POOL: usize = 8;

/// The counts behind one code (rolled up: codings of its descendants count too).
#[derive(Debug, Clone)]
pub(crate) struct CodeTally {
    pub respondents: Bitset,
    pub interviews: usize,
    pub answers: usize,
    pub passages: usize,
    seen_interview: usize,
    seen_answer: usize,
}

impl CodeTally {
    fn new(respondents: usize) -> CodeTally {
        CodeTally {
            respondents: Bitset::new(respondents),
            interviews: 0,
            answers: 0,
            passages: 0,
            seen_interview: usize::MAX,
            seen_answer: usize::MAX,
        }
    }

    /// Counts one coding in `answer` (a serial number) of `interview` with `respondents`.
    fn count(&mut self, interview: usize, answer: usize, respondents: &[usize]) {
        self.passages += 1;
        if self.seen_interview != interview {
            self.seen_interview = interview;
            self.interviews += 1;
            for &r in respondents {
                self.respondents.insert(r);
            }
        }
        if self.seen_answer != answer {
            self.seen_answer = answer;
            self.answers += 1;
        }
    }
}

/// A coded passage that may be quoted: `interview` is a position in `Tally::included`,
/// `answer` and `coding` are indices within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub score: i64,
    pub interview: usize,
    pub answer: usize,
    pub coding: usize,
    pub respondent: usize,
}

/// A scale answer: `interview` is a position in `Tally::included`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ScaleValue {
    pub question: usize,
    pub interview: usize,
    pub value: u8,
}

/// The counted project under one filter. Opaque: turn it into tables with the functions of
/// `report` (`code_rows`, `matrix`, `cooccurrence`, …).
#[derive(Debug, Clone)]
pub struct Tally {
    pub(crate) filter: Filter,
    /// Per code, in codebook order.
    pub(crate) codes: Vec<CodeTally>,
    /// Coders whose codings were counted, sorted.
    pub(crate) coders: Vec<String>,
    /// `[coder][code]`, coders as in `coders`.
    pub(crate) by_coder: Vec<Vec<CodeTally>>,
    /// Respondents that passed the attribute filter.
    pub(crate) eligible: Bitset,
    /// Eligible respondents in at least one counted interview.
    pub(crate) interviewed: Bitset,
    /// Counted interviews, as indices into `project.interviews` (and the index's rows).
    pub(crate) included: Vec<usize>,
    /// Eligible respondents of each counted interview: `respondents[spans[i].0..spans[i].1]`.
    pub(crate) respondents: Vec<usize>,
    pub(crate) spans: Vec<(usize, usize)>,
    pub(crate) complete: usize,
    pub(crate) drafts: usize,
    /// Drafts that the status filter alone left out.
    pub(crate) drafts_left_out: usize,
    /// Interviews left out because none of the filter's coders coded them.
    pub(crate) uncoded_left_out: usize,
    pub(crate) answers: usize,
    pub(crate) coded_answers: usize,
    pub(crate) codings: usize,
    pub(crate) first: Option<Date>,
    pub(crate) last: Option<Date>,
    /// `n × n` over codes as applied (not rolled up): answers / interviews with both codes.
    pub(crate) co_answer: Vec<u32>,
    pub(crate) co_interview: Vec<u32>,
    /// Non-empty answers per question, and `[question][code]` answers with the code.
    pub(crate) answered: Vec<usize>,
    pub(crate) question_codes: Vec<usize>,
    pub(crate) scale_values: Vec<ScaleValue>,
    /// Per code, the best passages to quote, best first, at most one per respondent.
    pub(crate) candidates: Vec<Vec<Candidate>>,
    /// Interviewers of the counted interviews, sorted, without empty names.
    pub(crate) interviewers: Vec<String>,
    /// The following four are filled only when the project has rounds.
    /// Per counted interview, its round's position in `project.rounds` (`usize::MAX`: the
    /// round it names does not exist), and its date (the latest of a round is its value).
    pub(crate) round_of: Vec<usize>,
    pub(crate) dates: Vec<Date>,
    /// `[round][code]`: respondents who expressed the code (rolled up) in that round.
    pub(crate) round_codes: Vec<Vec<Bitset>>,
    /// Per round, the eligible respondents in at least one of its counted interviews.
    pub(crate) round_interviewed: Vec<Bitset>,
    /// The participants of the counted interviews, each with its interview's position in
    /// `included`, in interview order.
    pub(crate) participants: Vec<(usize, ParticipantRow)>,
}

impl Tally {
    /// Counts the project under `filter` from its index (built or refreshed from this same
    /// project). Ids the project does not define (unknown codes, questions or respondents;
    /// `behov check` reports them) are skipped.
    pub fn new(project: &Project, index: &Index, filter: &Filter) -> Tally {
        Pass::new(project, index, filter).run()
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Coders whose codings were counted, sorted.
    pub fn coders(&self) -> &[String] {
        &self.coders
    }

    /// The eligible respondents of the `i`th counted interview.
    pub(crate) fn respondents_of(&self, i: usize) -> &[usize] {
        let (start, end) = self.spans[i];
        &self.respondents[start..end]
    }
}

/// The walk itself, with what it needs at hand.
struct Pass<'p> {
    index: &'p Index,
    /// Round id → position in `project.rounds`.
    rounds: lookup::Lookup<'p>,
    scope: Scope<'p>,
    scale_questions: Vec<bool>,
    /// Per code: itself and its ancestors, as indices.
    lineage: Vec<Vec<usize>>,
    /// Per coder of the index: whether the filter counts it, and its slot in the tally.
    allowed: Vec<bool>,
    slot: Vec<usize>,
    /// Respondents in the project.
    respondents: usize,
    /// Whether more than one coder can count; with one, its tallies are the totals.
    per_coder: bool,
    /// Per code as applied: the last interview and answer it was applied in, and its codings.
    applied_interview: Vec<usize>,
    applied_answer: Vec<usize>,
    applied_passages: Vec<usize>,
    tally: Tally,
}

impl<'p> Pass<'p> {
    fn new(project: &'p Project, index: &'p Index, filter: &'p Filter) -> Pass<'p> {
        let book = &project.codebook;
        let codes = lookup::index(book.codes.iter().map(|c| c.id.as_str()));
        let lineage = book
            .codes
            .iter()
            .map(|c| {
                book.ancestors(&c.id)
                    .iter()
                    .filter_map(|a| codes.get(a.id.as_str()).copied())
                    .collect()
            })
            .collect();
        let scope = Scope::new(project, filter);
        let n = book.codes.len();
        let q = project.guide.questions.len();
        let r = project.respondents.len();
        let tally = Tally {
            filter: filter.clone(),
            codes: vec![CodeTally::new(r); n],
            coders: Vec::new(),
            by_coder: Vec::new(),
            eligible: scope.eligible.clone(),
            interviewed: Bitset::new(r),
            included: Vec::new(),
            respondents: Vec::new(),
            spans: Vec::new(),
            complete: 0,
            drafts: 0,
            drafts_left_out: 0,
            uncoded_left_out: 0,
            answers: 0,
            coded_answers: 0,
            codings: 0,
            first: None,
            last: None,
            co_answer: vec![0; n * n],
            co_interview: vec![0; n * n],
            answered: vec![0; q],
            question_codes: vec![0; q * n],
            scale_values: Vec::new(),
            candidates: vec![Vec::new(); n],
            interviewers: Vec::new(),
            round_of: Vec::new(),
            dates: Vec::new(),
            round_codes: vec![vec![Bitset::new(r); n]; project.rounds.len()],
            round_interviewed: vec![Bitset::new(r); project.rounds.len()],
            participants: Vec::new(),
        };
        let allowed: Vec<bool> = index.coders.iter().map(|c| scope.coder_counts(c)).collect();
        Pass {
            index,
            rounds: lookup::index(project.rounds.iter().map(|r| r.id.as_str())),
            per_coder: allowed.iter().filter(|&&a| a).count() > 1,
            allowed,
            slot: vec![usize::MAX; index.coders.len()],
            respondents: r,
            scope,
            scale_questions: project
                .guide
                .questions
                .iter()
                .map(|q| matches!(q.kind, QuestionKind::Scale { .. }))
                .collect(),
            lineage,
            applied_interview: vec![usize::MAX; n],
            applied_answer: vec![usize::MAX; n],
            applied_passages: vec![0; n],
            tally,
        }
    }

    fn run(mut self) -> Tally {
        let mut eligible = Vec::new();
        let mut in_answer: Vec<usize> = Vec::new();
        let mut in_interview: Vec<usize> = Vec::new();
        let mut answer_serial = 0;
        let n = self.lineage.len();
        let respondents = self.respondents;
        let mut interviewed_by = vec![false; self.index.interviewers.len()];
        for (ii, row) in self.index.rows.iter().enumerate() {
            self.scope.respondents_of(row, &mut eligible);
            if eligible.is_empty() {
                if self.scope.draft_left_out(row) {
                    self.tally.drafts_left_out += 1;
                }
                continue;
            }
            // Under a coder filter, an interview the coders never touched is one they did not
            // read: counting its organisations would lower every share for no reason.
            if !self.scope.filter.coders.is_empty()
                && !row
                    .codings
                    .iter()
                    .any(|c| self.allowed[usize::from(c.coder)])
            {
                self.tally.uncoded_left_out += 1;
                continue;
            }
            let t = &mut self.tally;
            let position = t.included.len();
            t.included.push(ii);
            interviewed_by[usize::from(row.interviewer)] = true;
            let start = t.respondents.len();
            t.respondents.extend_from_slice(&eligible);
            t.spans.push((start, t.respondents.len()));
            for &r in &eligible {
                t.interviewed.insert(r);
            }
            let round = if self.rounds.is_empty() {
                usize::MAX
            } else if row.round.is_empty() {
                0
            } else {
                self.rounds
                    .get(row.round.as_str())
                    .copied()
                    .unwrap_or(usize::MAX)
            };
            if !self.rounds.is_empty() {
                t.round_of.push(round);
                t.dates.push(row.date);
                if let Some(members) = t.round_interviewed.get_mut(round) {
                    for &r in &eligible {
                        members.insert(r);
                    }
                }
            }
            for participant in &row.participants {
                t.participants.push((position, participant.clone()));
            }
            match row.status {
                Status::Complete => t.complete += 1,
                Status::Draft => t.drafts += 1,
            }
            t.first = Some(t.first.map_or(row.date, |d| d.min(row.date)));
            t.last = Some(t.last.map_or(row.date, |d| d.max(row.date)));
            for answer in &row.answers {
                let q = usize::from(answer.question);
                if answer.answered {
                    t.answers += 1;
                    if answer.question != UNKNOWN {
                        t.answered[q] += 1;
                    }
                }
                if let Some(value) = answer.scale
                    && answer.question != UNKNOWN
                    && self.scale_questions[q]
                {
                    t.scale_values.push(ScaleValue {
                        question: q,
                        interview: position,
                        value,
                    });
                }
            }
            in_interview.clear();
            // Codings come in answer order: count them answer by answer, as applied; the
            // roll-up to ancestors happens once per answer and once per interview.
            for group in row.codings.chunk_by(|a, b| a.answer == b.answer) {
                answer_serial += 1;
                in_answer.clear();
                for coding in group {
                    let coder = usize::from(coding.coder);
                    if !self.allowed[coder] {
                        continue;
                    }
                    if self.slot[coder] == usize::MAX {
                        self.slot[coder] = t.coders.len();
                        t.coders.push(self.index.coders[coder].clone());
                        if self.per_coder {
                            t.by_coder.push(vec![CodeTally::new(respondents); n]);
                        }
                    }
                    let code = usize::from(coding.code);
                    t.codings += 1;
                    self.applied_passages[code] += 1;
                    if self.per_coder {
                        let slot = self.slot[coder];
                        for &c in &self.lineage[code] {
                            t.by_coder[slot][c].count(position, answer_serial, &eligible);
                        }
                    }
                    if coding.length > 0 {
                        let candidate = Candidate {
                            score: quote_score(coding.length as usize),
                            interview: position,
                            answer: coding.answer as usize,
                            coding: coding.coding as usize,
                            respondent: eligible[0],
                        };
                        offer(&mut t.candidates[code], candidate);
                    }
                    if self.applied_answer[code] != answer_serial {
                        self.applied_answer[code] = answer_serial;
                        in_answer.push(code);
                    }
                    if self.applied_interview[code] != position {
                        self.applied_interview[code] = position;
                        in_interview.push(code);
                    }
                }
                if in_answer.is_empty() {
                    continue;
                }
                t.coded_answers += 1;
                pairs(&mut t.co_answer, n, &in_answer);
                let question = row
                    .answers
                    .get(group[0].answer as usize)
                    .map_or(UNKNOWN, |a| a.question);
                for &code in &in_answer {
                    for &c in &self.lineage[code] {
                        let tally = &mut t.codes[c];
                        if tally.seen_answer != answer_serial {
                            tally.seen_answer = answer_serial;
                            tally.answers += 1;
                            if question != UNKNOWN {
                                t.question_codes[usize::from(question) * n + c] += 1;
                            }
                        }
                    }
                }
            }
            pairs(&mut t.co_interview, n, &in_interview);
            for &code in &in_interview {
                for &c in &self.lineage[code] {
                    let tally = &mut t.codes[c];
                    if tally.seen_interview != position {
                        tally.seen_interview = position;
                        tally.interviews += 1;
                        for &r in &eligible {
                            tally.respondents.insert(r);
                        }
                        if let Some(said) = t.round_codes.get_mut(round) {
                            for &r in &eligible {
                                said[c].insert(r);
                            }
                        }
                    }
                }
            }
        }
        // Passages add up, and a parent's best quotes are among its descendants' best.
        let t = &mut self.tally;
        for (code, &passages) in self.applied_passages.iter().enumerate() {
            for &c in &self.lineage[code] {
                t.codes[c].passages += passages;
            }
        }
        let applied = std::mem::replace(&mut t.candidates, vec![Vec::new(); n]);
        for (code, pool) in applied.into_iter().enumerate() {
            for &c in &self.lineage[code] {
                t.candidates[c].extend_from_slice(&pool);
            }
        }
        for pool in &mut t.candidates {
            best_per_respondent(pool);
        }
        let mut t = self.tally;
        let mut interviewers: Vec<String> = interviewed_by
            .iter()
            .zip(&self.index.interviewers)
            .filter(|&(&met, name)| met && !name.is_empty())
            .map(|(_, name)| name.clone())
            .collect();
        interviewers.sort();
        interviewers.dedup();
        t.interviewers = interviewers;
        if !self.per_coder {
            t.by_coder = t.coders.iter().map(|_| t.codes.clone()).collect();
        }
        // Coders were numbered as met; present them sorted by name.
        let mut order: Vec<usize> = (0..t.coders.len()).collect();
        order.sort_by(|&a, &b| t.coders[a].cmp(&t.coders[b]));
        let mut by_coder: Vec<Option<Vec<CodeTally>>> = t.by_coder.into_iter().map(Some).collect();
        t.by_coder = order.iter().filter_map(|&i| by_coder[i].take()).collect();
        t.coders = order.iter().map(|&i| t.coders[i].clone()).collect();
        t
    }
}

/// Counts each pair of the distinct `codes` (and each code alone, on the diagonal) once, in
/// the upper triangle of the `n × n` matrix.
fn pairs(matrix: &mut [u32], n: usize, codes: &[usize]) {
    for (i, &a) in codes.iter().enumerate() {
        for &b in &codes[i..] {
            matrix[a.min(b) * n + a.max(b)] += 1;
        }
    }
}

/// How well a passage of `length` characters reads as a quote: a sentence or three beats a
/// fragment or a page; closer to 150 characters is better.
fn quote_score(length: usize) -> i64 {
    let band = match length {
        40..=300 => 2,
        301.. => 1,
        _ => 0,
    };
    band * 100_000 - (length as i64 - 150).abs()
}

/// Best first; of equal scores, the earlier passage.
fn rank(c: &Candidate) -> (std::cmp::Reverse<i64>, usize, usize, usize) {
    (std::cmp::Reverse(c.score), c.interview, c.answer, c.coding)
}

/// Keeps the best `QUOTE_POOL` candidates, one per respondent, in `rank` order. Passages
/// come in data order, so a later one must be strictly better to displace an earlier one.
fn offer(pool: &mut Vec<Candidate>, candidate: Candidate) {
    if pool.len() == QUOTE_POOL
        && pool
            .last()
            .is_some_and(|worst| candidate.score <= worst.score)
    {
        return;
    }
    if let Some(same) = pool
        .iter_mut()
        .find(|c| c.respondent == candidate.respondent)
    {
        if candidate.score <= same.score {
            return;
        }
        *same = candidate;
    } else if pool.len() < QUOTE_POOL {
        pool.push(candidate);
    } else {
        *pool.last_mut().expect("pool is full") = candidate;
    }
    pool.sort_by_key(rank);
}

/// Reduces merged pools to the best candidate of each respondent, the best `QUOTE_POOL` of
/// them in `rank` order: the same as offering every passage to one pool, because a
/// respondent among a parent's best is among the best of the child its passage came from.
fn best_per_respondent(pool: &mut Vec<Candidate>) {
    pool.sort_by_key(rank);
    let mut seen: Vec<usize> = Vec::with_capacity(QUOTE_POOL);
    pool.retain(|c| {
        let first = seen.len() < QUOTE_POOL && !seen.contains(&c.respondent);
        if first {
            seen.push(c.respondent);
        }
        first
    });
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::model::Interview;
    use crate::synth::Synth;

    /// A synthetic project with two coders, group interviews and drafts.
    fn project(seed: u64) -> Project {
        let mut synth = Synth::new(seed);
        let mut project = synth.project(7);
        project.interviews = (1..=30).map(|n| synth.interview(n, 7)).collect();
        for (i, interview) in project.interviews.iter_mut().enumerate() {
            if i % 4 == 0 {
                let other = format!("r{:06}", (i + 3) % 7 + 1);
                interview.respondents.push(other);
            }
            for (k, coding) in interview
                .answers
                .iter_mut()
                .flat_map(|a| &mut a.codings)
                .enumerate()
            {
                if (i + k) % 3 == 0 {
                    coding.coder = "Anna".into();
                }
            }
        }
        project
    }

    /// What the tally must find, counted the slow and obvious way.
    struct Naive {
        respondents: Vec<BTreeSet<usize>>,
        interviews: Vec<usize>,
        answers: Vec<usize>,
        passages: Vec<usize>,
        pairs_in_answers: BTreeSet<(usize, usize, u32)>,
        quotes: Vec<Vec<Candidate>>,
    }

    fn counted(scope: &Scope, project: &Project, interview: &Interview) -> Vec<usize> {
        let index = Index::new(&Project {
            interviews: vec![interview.clone()],
            ..project.clone()
        });
        let mut out = Vec::new();
        scope.respondents_of(&index.rows[0], &mut out);
        out
    }

    fn naive(project: &Project, filter: &Filter) -> Naive {
        let book = &project.codebook;
        let n = book.codes.len();
        let position = |id: &str| book.codes.iter().position(|c| c.id == id);
        let scope = Scope::new(project, filter);
        let mut out = Naive {
            respondents: vec![BTreeSet::new(); n],
            interviews: vec![0; n],
            answers: vec![0; n],
            passages: vec![0; n],
            pairs_in_answers: BTreeSet::new(),
            quotes: vec![Vec::new(); n],
        };
        let mut pair_counts = std::collections::BTreeMap::new();
        let mut included = 0;
        for interview in &project.interviews {
            let eligible = counted(&scope, project, interview);
            if eligible.is_empty() {
                continue;
            }
            let mut in_interview = BTreeSet::new();
            for (ai, answer) in interview.answers.iter().enumerate() {
                let mut in_answer = BTreeSet::new();
                let mut applied = BTreeSet::new();
                for (ki, coding) in answer.codings.iter().enumerate() {
                    let Some(code) = position(&coding.code) else {
                        continue;
                    };
                    if !scope.coder_counts(&coding.coder) {
                        continue;
                    }
                    applied.insert(code);
                    for ancestor in book.ancestors(&coding.code) {
                        let c = position(&ancestor.id).unwrap();
                        out.passages[c] += 1;
                        in_answer.insert(c);
                        in_interview.insert(c);
                        let length = coding.span.map_or(answer.text.len(), |s| s.len());
                        out.quotes[c].push(Candidate {
                            score: quote_score(length),
                            interview: included,
                            answer: ai,
                            coding: ki,
                            respondent: eligible[0],
                        });
                    }
                }
                for &c in &in_answer {
                    out.answers[c] += 1;
                }
                let applied: Vec<usize> = applied.into_iter().collect();
                for (i, &a) in applied.iter().enumerate() {
                    for &b in &applied[i + 1..] {
                        *pair_counts.entry((a.min(b), a.max(b))).or_insert(0u32) += 1;
                    }
                }
            }
            for &c in &in_interview {
                out.interviews[c] += 1;
                out.respondents[c].extend(&eligible);
            }
            included += 1;
        }
        out.pairs_in_answers = pair_counts
            .into_iter()
            .map(|((a, b), k)| (a, b, k))
            .collect();
        for pool in &mut out.quotes {
            best_per_respondent(pool);
        }
        out
    }

    #[test]
    fn the_tally_agrees_with_counting_the_obvious_way() {
        for seed in 1..=3 {
            let project = project(seed);
            let types: BTreeSet<String> = project.respondents[..2]
                .iter()
                .map(|r| r.attribute("type").to_string())
                .collect();
            let filters = [
                Filter::default(),
                Filter {
                    coders: ["Anna".to_string()].into(),
                    ..Filter::default()
                },
                Filter {
                    status: Some(Status::Complete),
                    attributes: [("type".to_string(), types)].into(),
                    ..Filter::default()
                },
            ];
            let index = Index::new(&project);
            let all = Tally::new(&project, &index, &Filter::default()).codings;
            for filter in &filters {
                let tally = Tally::new(&project, &index, filter);
                assert!(
                    tally.codings > 0 && (tally.codings < all || filter.is_empty()),
                    "{filter:?} selects some, not all"
                );
                let expected = naive(&project, filter);
                for (c, code) in tally.codes.iter().enumerate() {
                    let id = &project.codebook.codes[c].id;
                    assert_eq!(
                        code.respondents.iter().collect::<BTreeSet<_>>(),
                        expected.respondents[c],
                        "{id}"
                    );
                    assert_eq!(
                        (code.interviews, code.answers, code.passages),
                        (
                            expected.interviews[c],
                            expected.answers[c],
                            expected.passages[c]
                        ),
                        "{id}"
                    );
                    assert_eq!(tally.candidates[c], expected.quotes[c], "{id}");
                }
                let n = project.codebook.codes.len();
                let pairs: BTreeSet<(usize, usize, u32)> = (0..n)
                    .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                    .map(|(a, b)| (a, b, tally.co_answer[a * n + b]))
                    .filter(|&(_, _, k)| k > 0)
                    .collect();
                assert_eq!(pairs, expected.pairs_in_answers);
            }
        }
    }
}
