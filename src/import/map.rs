//! Laying a transcript onto the guide, as a pure function.
//!
//! The interviewer's turns are matched to the guide's questions by the words they share, in
//! the search index's Swedish normal forms (accents folded, stop words out, inflections
//! stemmed), each word weighted by how rare it is among the questions, so the one word that
//! tells "mature in energy" from "mature in digitalisation" decides. Parts of compounds
//! count too (`energiomställning` ~ `energi` … `omställningen`). Strong matches anywhere are
//! taken first (a question asked out of order is still found); weaker ones are then accepted
//! only between the neighbouring questions in guide order, and only for turns that read as
//! questions. Everyone's turns after a matched question up to the next form its answer; what
//! comes before the first question lies outside the guide.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::FxHashSet;

use crate::model::{Clip, Guide};
use crate::search::terms;

use super::{Transcript, Turn};

/// A match at least this strong is taken wherever it is in the transcript.
const STRONG: f32 = 0.5;
/// A question not found yet is then taken at this strength from a question-like turn
/// anywhere (asked out of order and in other words).
const ANYWHERE: f32 = 0.35;
/// A weaker match is taken only where guide order expects the question.
const WEAK: f32 = 0.22;

/// Where one turn of the transcript went.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// The turn asks this question (with the match's confidence, 0–1).
    Asks { question: String, confidence: f32 },
    /// The turn is part of the answer to this question.
    Answers { question: String },
    /// Outside the guide.
    Outside,
}

/// The answer a question gets from the transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub question: String,
    /// The turns that asked it (a question may be asked again later).
    pub asked_by: Vec<usize>,
    pub confidence: f32,
    /// The answer's text: the turns after the question, `Name: ` before each paragraph when
    /// more than one person speaks in it.
    pub text: String,
    pub turns: Vec<usize>,
    pub time: Option<Clip>,
}

/// A transcript laid onto the guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The interviewer's speaker name as it appears in the transcript, if it has speakers.
    pub interviewer: Option<String>,
    /// Everyone else who speaks, in order of first turn.
    pub participants: Vec<String>,
    /// One place per turn.
    pub places: Vec<Place>,
    /// The answered questions, in guide order.
    pub answers: Vec<Assignment>,
    /// The text outside the guide (`Name: ` prefixed like answers).
    pub outside: String,
}

/// Lays `transcript` onto `guide`. `interviewer` is the interviewer's name as the user knows
/// it; without it (or if no speaker has that name) the speaker who asks the guide's questions
/// is taken to be the interviewer.
pub fn map(transcript: &Transcript, guide: &Guide, interviewer: Option<&str>) -> Mapping {
    map_with(transcript, guide, interviewer, &mut |_, _| {})
}

/// [`map`], telling `progress` (turns scored, of all) as it goes: comparing every turn with
/// every question is most of an import's work, seconds for a very long file.
pub fn map_with(
    transcript: &Transcript,
    guide: &Guide,
    interviewer: Option<&str>,
    progress: &mut dyn FnMut(usize, usize),
) -> Mapping {
    let turns = &transcript.turns;
    let matcher = Matcher::new(guide);
    let every = (turns.len() / 100).max(1);
    let scores: Vec<Vec<f32>> = turns
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i % every == 0 {
                progress(i, turns.len());
            }
            matcher.scores(&t.text)
        })
        .collect();
    progress(turns.len(), turns.len());
    let speakers = speakers(turns);
    let interviewer = pick_interviewer(turns, &speakers, &scores, interviewer);
    let candidate = |i: usize| match (&interviewer, &turns[i].speaker) {
        (Some(who), Some(s)) => s == who,
        (Some(_), None) => true,
        (None, _) => true,
    };
    let asked = assign(turns, &scores, candidate);
    places_and_answers(transcript, guide, &asked, interviewer, speakers)
}

/// Every turn's place from the chosen question turns (`asked[i]`: the question index and
/// confidence of turn `i`, if it asks one): a question's answer runs until the next question.
fn places(guide: &Guide, asked: &[Option<(usize, f32)>]) -> Vec<Place> {
    let mut current: Option<usize> = None;
    asked
        .iter()
        .map(|a| match a {
            Some((q, confidence)) => {
                current = Some(*q);
                Place::Asks {
                    question: guide.questions[*q].id.clone(),
                    confidence: *confidence,
                }
            }
            None => match current {
                Some(q) => Place::Answers {
                    question: guide.questions[q].id.clone(),
                },
                None => Place::Outside,
            },
        })
        .collect()
}

fn places_and_answers(
    transcript: &Transcript,
    guide: &Guide,
    asked: &[Option<(usize, f32)>],
    interviewer: Option<String>,
    speakers: Vec<String>,
) -> Mapping {
    let participants = speakers
        .into_iter()
        .filter(|s| Some(s) != interviewer.as_ref())
        .collect();
    recompose(
        transcript,
        guide,
        places(guide, asked),
        interviewer,
        participants,
    )
}

/// The mapping that `places` (one per turn) make: each question's answer from the turns placed
/// under it, the text outside the guide from the rest. Used again when a reviewer moves turns.
pub fn recompose(
    transcript: &Transcript,
    guide: &Guide,
    places: Vec<Place>,
    interviewer: Option<String>,
    participants: Vec<String>,
) -> Mapping {
    let turns = &transcript.turns;
    let mut answers = Vec::new();
    for question in &guide.questions {
        let id = question.id.as_str();
        let mut asked_by = Vec::new();
        let mut answer_turns = Vec::new();
        let mut confidence: f32 = 0.0;
        for (i, place) in places.iter().enumerate() {
            match place {
                Place::Asks {
                    question,
                    confidence: c,
                } if question == id => {
                    asked_by.push(i);
                    confidence = confidence.max(*c);
                }
                Place::Answers { question } if question == id => answer_turns.push(i),
                _ => {}
            }
        }
        if asked_by.is_empty() && answer_turns.is_empty() {
            continue;
        }
        let start = asked_by
            .iter()
            .chain(&answer_turns)
            .filter_map(|&i| turns[i].start_ms)
            .min();
        let end = answer_turns
            .iter()
            .chain(&asked_by)
            .filter_map(|&i| turns[i].end_ms.or(turns[i].start_ms))
            .max();
        answers.push(Assignment {
            question: id.to_string(),
            confidence,
            text: compose(turns, &answer_turns),
            time: start.zip(end).map(|(start_ms, end_ms)| Clip {
                start_ms,
                end_ms: end_ms.max(start_ms),
            }),
            asked_by,
            turns: answer_turns,
        });
    }
    let outside_turns: Vec<usize> = (0..turns.len())
        .filter(|&i| places[i] == Place::Outside)
        .collect();
    Mapping {
        outside: compose(turns, &outside_turns),
        participants,
        interviewer,
        places,
        answers,
    }
}

/// The text of `chosen` turns as paragraphs, each prefixed `Name: ` when more than one
/// speaker is among them.
pub fn compose(turns: &[Turn], chosen: &[usize]) -> String {
    let names: BTreeSet<Option<&str>> = chosen
        .iter()
        .map(|&i| turns[i].speaker.as_deref())
        .collect();
    let prefix = names.len() > 1;
    let mut out = String::new();
    for &i in chosen {
        let turn = &turns[i];
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if let (true, Some(name)) = (prefix, &turn.speaker) {
            out.push_str(name);
            out.push_str(": ");
        }
        out.push_str(&turn.text);
    }
    out
}

/// The speakers in order of their first turn.
fn speakers(turns: &[Turn]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in turns.iter().filter_map(|t| t.speaker.as_ref()) {
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// The interviewer: the speaker the user named (matched loosely: `Maria` names `Maria
/// Lind`), else the speaker whose question-like turns match the guide best.
fn pick_interviewer(
    turns: &[Turn],
    speakers: &[String],
    scores: &[Vec<f32>],
    named: Option<&str>,
) -> Option<String> {
    if speakers.is_empty() {
        return None;
    }
    if let Some(name) = named.map(fold)
        && let Some(found) = speakers.iter().find(|s| {
            let s = fold(s);
            s == name
                || s.split_whitespace()
                    .any(|w| name.split_whitespace().any(|n| n == w))
        })
    {
        return Some(found.clone());
    }
    // Only questions count: respondents talk far more, and their answers share words with
    // the guide, but they seldom ask its questions.
    let mut weight: HashMap<&str, f32> = speakers.iter().map(|s| (s.as_str(), 0.0)).collect();
    for (turn, scores) in turns.iter().zip(scores) {
        if let Some(s) = &turn.speaker
            && is_question_like(&turn.text)
        {
            let best = scores.iter().copied().fold(0.0, f32::max);
            *weight.entry(s).or_default() += if best >= WEAK { best + 0.05 } else { 0.05 };
        }
    }
    speakers
        .iter()
        .max_by(|a, b| weight[a.as_str()].total_cmp(&weight[b.as_str()]))
        .cloned()
}

/// Which turn asks which question: strong matches first, anywhere, each question and each
/// turn used once; then, in guide order, the best weaker question-like turn between the
/// turns of the neighbouring questions; then the best remaining question-like turns anywhere.
fn assign(
    turns: &[Turn],
    scores: &[Vec<f32>],
    candidate: impl Fn(usize) -> bool,
) -> Vec<Option<(usize, f32)>> {
    let questions = scores.first().map_or(0, Vec::len);
    let mut asked: Vec<Option<(usize, f32)>> = vec![None; turns.len()];
    let mut turn_of: Vec<Option<usize>> = vec![None; questions];
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, row) in scores.iter().enumerate() {
        if !candidate(i) {
            continue;
        }
        for (q, &s) in row.iter().enumerate() {
            if s >= STRONG {
                pairs.push((s, i, q));
            }
        }
    }
    // Best first; among equals the earlier turn, then the earlier question.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (s, i, q) in pairs {
        if asked[i].is_none() && turn_of[q].is_none() {
            asked[i] = Some((q, s));
            turn_of[q] = Some(i);
        }
    }
    for q in 0..questions {
        if turn_of[q].is_some() {
            continue;
        }
        let after = turn_of[..q]
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or(0, |&i| i + 1);
        let before = turn_of[q + 1..].iter().flatten().next().copied();
        let window = match before {
            Some(b) if b >= after => after..b,
            _ => after..turns.len(),
        };
        let best = window
            .filter(|&i| asked[i].is_none() && candidate(i) && is_question_like(&turns[i].text))
            .filter(|&i| fits_best(&scores[i], q, &turn_of))
            .map(|i| (scores[i][q], i))
            .filter(|&(s, _)| s >= WEAK)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((s, i)) = best {
            asked[i] = Some((q, s));
            turn_of[q] = Some(i);
        }
    }
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, row) in scores.iter().enumerate() {
        if asked[i].is_some() || !candidate(i) || !is_question_like(&turns[i].text) {
            continue;
        }
        for (q, &s) in row.iter().enumerate() {
            if s >= ANYWHERE && turn_of[q].is_none() && fits_best(row, q, &turn_of) {
                pairs.push((s, i, q));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (s, i, q) in pairs {
        if asked[i].is_none() && turn_of[q].is_none() {
            asked[i] = Some((q, s));
            turn_of[q] = Some(i);
        }
    }
    asked
}

/// Whether question `q` is (about) the best match of a turn among the questions not found
/// yet: a weak match must not take a turn that asks another question.
fn fits_best(row: &[f32], q: usize, turn_of: &[Option<usize>]) -> bool {
    let best = row
        .iter()
        .zip(turn_of)
        .filter(|(_, t)| t.is_none())
        .map(|(s, _)| *s)
        .fold(0.0, f32::max);
    row[q] >= best * 0.9
}

/// Whether a turn reads as a question: a question mark, or a sentence that starts with a
/// question word or a request.
fn is_question_like(text: &str) -> bool {
    const OPENERS: [&str; 16] = [
        "vad", "hur", "vilka", "vilken", "vilket", "varför", "när", "var", "finns", "har", "kan",
        "är", "berätta", "beskriv", "skulle", "om",
    ];
    text.contains('?')
        || text.split(['.', '!', ':', '\n']).any(|sentence| {
            sentence.split_whitespace().next().is_some_and(|w| {
                OPENERS.contains(&fold(w).trim_matches(|c: char| !c.is_alphanumeric()))
            })
        })
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Scores turns against the guide's questions.
struct Matcher {
    /// Per question, its Swedish and its English terms with their weights.
    questions: Vec<[Vec<(String, f32)>; 2]>,
}

/// Terms shorter than this are never matched as part of a compound.
const COMPOUND_MIN: usize = 5;
/// Credit for a term found only as part of a compound (or the reverse).
const COMPOUND_CREDIT: f32 = 0.7;

impl Matcher {
    fn new(guide: &Guide) -> Matcher {
        let sets: Vec<[BTreeSet<String>; 2]> = guide
            .questions
            .iter()
            .map(|q| [term_set(&q.text.sv), term_set(&q.text.en)])
            .collect();
        let n = sets.len().max(1) as f32;
        let mut df: HashMap<&str, usize> = HashMap::new();
        for set in sets.iter().flatten() {
            for t in set {
                *df.entry(t).or_default() += 1;
            }
        }
        let weigh = |set: &BTreeSet<String>| {
            set.iter()
                .map(|t| (t.clone(), (1.0 + n / df[t.as_str()] as f32).ln()))
                .collect()
        };
        let questions = sets.iter().map(|[sv, en]| [weigh(sv), weigh(en)]).collect();
        Matcher { questions }
    }

    /// Each question's share of its weighted terms found in `text`, in the language that
    /// matches best.
    fn scores(&self, text: &str) -> Vec<f32> {
        let found = Found::new(text);
        let share = |terms: &Vec<(String, f32)>| {
            let total: f32 = terms.iter().map(|(_, w)| w).sum();
            if total == 0.0 {
                return 0.0;
            }
            let got: f32 = terms.iter().map(|(t, w)| w * found.credit(t)).sum();
            got / total
        };
        self.questions
            .iter()
            .map(|[sv, en]| share(sv).max(share(en)))
            .collect()
    }
}

/// The terms of one turn, kept so that a question's term is looked up in it cheaply: a long
/// answer has hundreds of terms and is compared with every term of every question.
struct Found {
    /// Hashed with FxHash: the look-ups of question terms and their parts are most of the
    /// mapping's work, and the keys are the transcript's own words, not an attacker's.
    terms: FxHashSet<String>,
    /// The terms long enough to hold a compound part, each on a line of its own, so one
    /// substring search finds a question's term inside any of them.
    long: String,
}

impl Found {
    fn new(text: &str) -> Found {
        let terms: FxHashSet<String> = terms(text, true).into_iter().map(|(_, t)| t).collect();
        let mut long = String::new();
        for t in terms.iter().filter(|t| t.chars().count() >= COMPOUND_MIN) {
            long.push_str(t);
            long.push('\n');
        }
        Found { terms, long }
    }

    /// How far `term` is present: 1 exactly; `COMPOUND_CREDIT` when a found word is a
    /// compound containing it; and when it is itself a compound, that credit for the share of
    /// it that found words make up (`energiomställning` is half there in `omställningen`
    /// alone, and there in `energi` … `omställningen`).
    fn credit(&self, term: &str) -> f32 {
        if self.terms.contains(term) {
            return 1.0;
        }
        let chars = term.chars().count();
        if chars < COMPOUND_MIN {
            return 0.0;
        }
        if self.long.contains(term) {
            return COMPOUND_CREDIT;
        }
        // Every distinct part of the term at least `COMPOUND_MIN` characters long that is a
        // found word counts with its length.
        let bounds: Vec<usize> = term
            .char_indices()
            .map(|(i, _)| i)
            .chain([term.len()])
            .collect();
        let mut seen: Vec<&str> = Vec::new();
        let mut covered = 0;
        for (a, &start) in bounds.iter().enumerate() {
            for (b, &end) in bounds.iter().enumerate().skip(a + COMPOUND_MIN) {
                let part = &term[start..end];
                if b - a < chars && !seen.contains(&part) && self.terms.contains(part) {
                    seen.push(part);
                    covered += b - a;
                }
            }
        }
        COMPOUND_CREDIT * (covered.min(chars) as f32 / chars as f32)
    }
}

fn term_set(text: &str) -> BTreeSet<String> {
    terms(text, true).into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Encoding, Format};
    use crate::model::{Localized, Question, QuestionKind};

    fn guide() -> Guide {
        let q = |id: &str, sv: &str| Question {
            id: id.into(),
            text: Localized::new(sv, ""),
            help: Localized::default(),
            kind: QuestionKind::Open,
        };
        Guide {
            questions: vec![
                q(
                    "q1",
                    "Berätta kort om er organisation och vilka företag ni möter.",
                ),
                q(
                    "q2",
                    "Vilka behov ser ni hos företagen när det gäller grön omställning?",
                ),
                q("q3", "Hur mogna är företagen inom energiomställning?"),
                q("q4", "Hur mogna är företagen inom digitalisering?"),
            ],
        }
    }

    fn transcript(turns: &[(&str, &str)]) -> Transcript {
        Transcript {
            format: Format::Txt,
            encoding: Encoding::Utf8,
            turns: turns
                .iter()
                .enumerate()
                .map(|(i, (who, text))| Turn {
                    speaker: (!who.is_empty()).then(|| who.to_string()),
                    start_ms: Some(i as u64 * 1000),
                    end_ms: Some(i as u64 * 1000 + 900),
                    text: text.to_string(),
                })
                .collect(),
            warnings: Vec::new(),
        }
    }

    fn asked(m: &Mapping) -> Vec<(usize, &str)> {
        m.places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p {
                Place::Asks { question, .. } => Some((i, question.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reworded_and_out_of_order_questions_are_found() {
        let t = transcript(&[
            ("Maria", "Hej och välkomna! Spelar vi in nu?"),
            ("Anna", "Ja, det går bra."),
            (
                "Maria",
                "Kan ni börja med att berätta om organisationen och företagen ni träffar?",
            ),
            ("Anna", "Vi är sju personer och möter 400 företag om året."),
            ("Maria", "Och digitaliseringen, hur mogna är företagen där?"),
            ("Anna", "Ganska omogna."),
            ("Peter", "Jag håller inte med, de är rätt digitala."),
            (
                "Maria",
                "Vad ser ni för behov hos företagen i den gröna omställningen?",
            ),
            ("Anna", "Rådgivning framför allt."),
            ("Maria", "Mm."),
            ("Anna", "Och pengar."),
        ]);
        let m = map(&t, &guide(), None);
        assert_eq!(m.interviewer.as_deref(), Some("Maria"));
        assert_eq!(m.participants, ["Anna", "Peter"]);
        assert_eq!(asked(&m), [(2, "q1"), (4, "q4"), (7, "q2")]);
        assert_eq!(
            m.outside,
            "Maria: Hej och välkomna! Spelar vi in nu?\n\nAnna: Ja, det går bra."
        );
        let q4 = m.answers.iter().find(|a| a.question == "q4").unwrap();
        assert_eq!(
            q4.text,
            "Anna: Ganska omogna.\n\nPeter: Jag håller inte med, de är rätt digitala."
        );
        assert_eq!(
            q4.time,
            Some(Clip {
                start_ms: 4000,
                end_ms: 6900
            })
        );
        let q1 = m.answers.iter().find(|a| a.question == "q1").unwrap();
        assert_eq!(q1.text, "Vi är sju personer och möter 400 företag om året.");
        let q2 = m.answers.iter().find(|a| a.question == "q2").unwrap();
        assert_eq!(
            q2.text,
            "Anna: Rådgivning framför allt.\n\nMaria: Mm.\n\nAnna: Och pengar."
        );
        // The answers are in guide order.
        let order: Vec<&str> = m.answers.iter().map(|a| a.question.as_str()).collect();
        assert_eq!(order, ["q1", "q2", "q4"]);
    }

    #[test]
    fn the_interviewer_is_who_asks_even_when_others_talk_far_more_about_the_same_things() {
        let mut turns = vec![(
            "Maria",
            "Vilka behov ser ni hos företagen när det gäller grön omställning?",
        )];
        turns.extend(std::iter::repeat_n(
            ("Anna", "Företagen har behov av råd i den gröna omställningen, och vi möter många företag som är mogna för digitalisering och energiomställning."),
            30,
        ));
        turns.push(("Maria", "Och digitaliseringen?"));
        turns.push(("Anna", "Den går bra."));
        let m = map(&transcript(&turns), &guide(), None);
        assert_eq!(m.interviewer.as_deref(), Some("Maria"));
        assert_eq!(asked(&m), [(0, "q2"), (31, "q4")]);
    }

    #[test]
    fn the_one_rare_word_tells_similar_questions_apart() {
        let t = transcript(&[
            (
                "M",
                "Hur långt har företagen kommit med energiomställningen?",
            ),
            ("A", "Långt."),
            ("M", "Och med digitaliseringen?"),
            ("A", "Kortare."),
        ]);
        let m = map(&t, &guide(), None);
        assert_eq!(asked(&m), [(0, "q3"), (2, "q4")]);
    }

    #[test]
    fn without_speakers_question_like_turns_are_matched() {
        let t = transcript(&[
            ("", "Då börjar vi."),
            (
                "",
                "Vilka behov ser ni hos företagen kring grön omställning?",
            ),
            ("", "Framför allt rådgivning och en färdplan."),
        ]);
        let m = map(&t, &guide(), None);
        assert_eq!(m.interviewer, None);
        assert_eq!(asked(&m), [(1, "q2")]);
        assert_eq!(
            m.answers[0].text,
            "Framför allt rådgivning och en färdplan."
        );
        assert_eq!(m.outside, "Då börjar vi.");
    }

    #[test]
    fn the_named_interviewer_wins_and_nothing_matched_is_all_outside() {
        let t = transcript(&[("Maria Lind", "Hur mår ni?"), ("Anna", "Bra.")]);
        let m = map(&t, &guide(), Some("maria"));
        assert_eq!(m.interviewer.as_deref(), Some("Maria Lind"));
        assert!(m.answers.is_empty());
        assert_eq!(m.outside, "Maria Lind: Hur mår ni?\n\nAnna: Bra.");
    }
}
