//! Every invariant of a project, checked in one place.
//!
//! Problems name the file and the JSON path of the offending value; the store turns the path
//! into a line number, so `behov check` can say `codebook.json:12: …`.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::{
    AttributeDef, Codebook, Coding, Interview, Project, QuestionKind, parse_colour, value_key,
};

/// Which file of the project a problem is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileRef {
    Project,
    Codebook,
    Interview(String),
}

impl fmt::Display for FileRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileRef::Project => f.write_str("project.json"),
            FileRef::Codebook => f.write_str("codebook.json"),
            FileRef::Interview(id) => write!(f, "interviews/{id}.json"),
        }
    }
}

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: FileRef,
    pub path: Vec<PathSeg>,
    pub message: String,
}

/// Builds a path from a mix of keys and indices: `path![ "answers", 3, "codings" ]`.
macro_rules! path {
    ($($seg:expr),* $(,)?) => { vec![$(PathSeg::from($seg)),*] };
}

impl From<&str> for PathSeg {
    fn from(key: &str) -> Self {
        PathSeg::Key(key.to_string())
    }
}

impl From<usize> for PathSeg {
    fn from(index: usize) -> Self {
        PathSeg::Index(index)
    }
}

struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, file: &FileRef, path: Vec<PathSeg>, message: String) {
        self.0.push(Problem {
            file: file.clone(),
            path,
            message,
        });
    }

    /// Reports every id that occurs more than once.
    fn unique<'a>(
        &mut self,
        file: &FileRef,
        what: &str,
        list: Vec<PathSeg>,
        ids: impl Iterator<Item = &'a str>,
    ) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let mut at = list.clone();
            at.extend(path![i, "id"]);
            if id.trim().is_empty() {
                self.add(file, at, format!("{what} has an empty id"));
            } else if !seen.insert(id) {
                self.add(file, at, format!("{what} id '{id}' is used more than once"));
            }
        }
    }
}

/// All problems in `project`, sorted by file. An empty list means the project is sound.
pub fn validate(project: &Project) -> Vec<Problem> {
    let mut p = Problems(Vec::new());
    check_project(project, &mut p);
    check_codebook(&project.codebook, &mut p);
    let mut seen = HashSet::new();
    for interview in &project.interviews {
        if !seen.insert(interview.id.as_str()) {
            p.add(
                &FileRef::Interview(interview.id.clone()),
                path!["id"],
                format!(
                    "interview id '{}' is used by more than one file",
                    interview.id
                ),
            );
        }
    }
    let respondents: HashSet<&str> = project.respondents.iter().map(|r| r.id.as_str()).collect();
    // A national project has tens of thousands of interviews: check them on every core.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = project.interviews.len().div_ceil(threads).max(256);
    std::thread::scope(|scope| {
        let workers: Vec<_> = project
            .interviews
            .chunks(chunk)
            .map(|part| {
                let respondents = &respondents;
                scope.spawn(move || {
                    let mut found = Problems(Vec::new());
                    for interview in part {
                        check_interview(project, respondents, interview, &mut found);
                    }
                    found.0
                })
            })
            .collect();
        for worker in workers {
            p.0.extend(worker.join().expect("checking does not panic"));
        }
    });
    p.0.sort();
    p.0
}

fn check_project(project: &Project, p: &mut Problems) {
    let file = FileRef::Project;
    if project.title.trim().is_empty() {
        p.add(&file, path!["title"], "the project has no title".into());
    }
    p.unique(
        &file,
        "question",
        path!["guide", "questions"],
        project.guide.questions.iter().map(|q| q.id.as_str()),
    );
    for (qi, question) in project.guide.questions.iter().enumerate() {
        let at = |rest: Vec<PathSeg>| {
            let mut v = path!["guide", "questions", qi, "kind"];
            v.extend(rest);
            v
        };
        if question.text.is_empty() {
            p.add(
                &file,
                path!["guide", "questions", qi, "text"],
                format!("question '{}' has no text", question.id),
            );
        }
        match &question.kind {
            QuestionKind::Open => {}
            QuestionKind::Scale { min, max, labels } => {
                if min >= max {
                    p.add(
                        &file,
                        at(Vec::new()),
                        format!(
                            "question '{}': scale minimum {min} is not below maximum {max}",
                            question.id
                        ),
                    );
                }
                for (li, label) in labels.iter().enumerate() {
                    if label.value < *min || label.value > *max {
                        p.add(
                            &file,
                            at(path!["labels", li]),
                            format!(
                                "question '{}': label for {} is outside the scale {min}–{max}",
                                question.id, label.value
                            ),
                        );
                    }
                }
            }
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                if options.is_empty() {
                    p.add(
                        &file,
                        at(Vec::new()),
                        format!(
                            "question '{}' is a choice question without options",
                            question.id
                        ),
                    );
                }
                let mut seen = HashSet::new();
                for (oi, option) in options.iter().enumerate() {
                    if !seen.insert(option.id.as_str()) {
                        p.add(
                            &file,
                            at(path!["options", oi]),
                            format!(
                                "question '{}': option id '{}' is used more than once",
                                question.id, option.id
                            ),
                        );
                    }
                }
            }
        }
    }
    p.unique(
        &file,
        "attribute",
        path!["attributes"],
        project.attributes.iter().map(|a| a.id.as_str()),
    );
    p.unique(
        &file,
        "respondent",
        path!["respondents"],
        project.respondents.iter().map(|r| r.id.as_str()),
    );
    let known: HashSet<&str> = project.attributes.iter().map(|a| a.id.as_str()).collect();
    for (ri, respondent) in project.respondents.iter().enumerate() {
        if respondent.name.trim().is_empty() {
            p.add(
                &file,
                path!["respondents", ri, "name"],
                format!("respondent '{}' has no name", respondent.id),
            );
        }
        for key in respondent.attributes.keys() {
            if !known.contains(key.as_str()) {
                p.add(
                    &file,
                    path!["respondents", ri, "attributes", key.as_str()],
                    format!(
                        "respondent '{}' has attribute '{key}', which the project does not define",
                        respondent.id
                    ),
                );
            }
        }
    }
    for def in &project.attributes {
        check_values(project, def, p);
    }
    check_rounds(project, p);
}

/// Rounds need a unique id (interviews refer to it), a name for the report, and a period
/// that does not end before it starts.
fn check_rounds(project: &Project, p: &mut Problems) {
    let file = FileRef::Project;
    p.unique(
        &file,
        "round",
        path!["rounds"],
        project.rounds.iter().map(|r| r.id.as_str()),
    );
    for (ri, round) in project.rounds.iter().enumerate() {
        if round.name.trim().is_empty() {
            p.add(
                &file,
                path!["rounds", ri, "name"],
                format!("round '{}' has no name", round.id),
            );
        }
        if let (Some(start), Some(end)) = (round.start, round.end)
            && end < start
        {
            p.add(
                &file,
                path!["rounds", ri, "end"],
                format!(
                    "round '{}' ends ({end}) before it starts ({start})",
                    round.id
                ),
            );
        }
    }
}

/// Values of one attribute that a summary would count apart from what was meant: a value
/// outside the attribute's allowed values, or one spelled differently from another only in
/// case, accents or spaces ("Västmanland" and "västmanland").
fn check_values(project: &Project, def: &AttributeDef, p: &mut Problems) {
    let file = FileRef::Project;
    // Per value key, the spellings used and by how many respondents.
    let mut spellings: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
    for r in &project.respondents {
        let value = r.attribute(&def.id);
        if value.is_empty() {
            continue;
        }
        let variants = spellings.entry(value_key(value)).or_default();
        match variants.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => variants.push((value, 1)),
        }
    }
    for (ri, r) in project.respondents.iter().enumerate() {
        let value = r.attribute(&def.id);
        if value.is_empty() {
            continue;
        }
        let at = path!["respondents", ri, "attributes", def.id.as_str()];
        let key = value_key(value);
        let message = if !def.values.is_empty() {
            if def.values.iter().any(|v| v == value) {
                continue;
            }
            match def.values.iter().find(|v| value_key(v) == key) {
                Some(allowed) => format!(
                    "respondent '{}' has {} '{value}', which differs from the allowed value '{allowed}' only in case, accents or spaces",
                    r.id, def.id
                ),
                None => format!(
                    "respondent '{}' has {} '{value}', which is not one of its allowed values: {}",
                    r.id,
                    def.id,
                    def.values.join(", ")
                ),
            }
        } else {
            let variants = &spellings[&key];
            // The most common spelling (the first seen among equals) is taken as meant.
            let Some(&(common, n)) = variants
                .iter()
                .rev()
                .max_by_key(|(_, n)| *n)
                .filter(|(v, _)| *v != value)
            else {
                continue;
            };
            format!(
                "respondent '{}' has {} '{value}', which differs from '{common}' ({n} respondent{}) only in case, accents or spaces",
                r.id,
                def.id,
                if n == 1 { "" } else { "s" }
            )
        };
        p.add(&file, at, message);
    }
}

fn check_codebook(book: &Codebook, p: &mut Problems) {
    let file = FileRef::Codebook;
    p.unique(
        &file,
        "code",
        path!["codes"],
        book.codes.iter().map(|c| c.id.as_str()),
    );
    let ids: HashSet<&str> = book.codes.iter().map(|c| c.id.as_str()).collect();
    let parent_of: HashMap<&str, &str> = book
        .codes
        .iter()
        .filter_map(|c| Some((c.id.as_str(), c.parent.as_deref()?)))
        .collect();
    for (ci, code) in book.codes.iter().enumerate() {
        if code.label.is_empty() {
            p.add(
                &file,
                path!["codes", ci, "label"],
                format!("code '{}' has no label", code.id),
            );
        }
        if parse_colour(&code.colour).is_none() {
            p.add(
                &file,
                path!["codes", ci, "colour"],
                format!(
                    "code '{}': colour '{}' is not of the form #rrggbb",
                    code.id, code.colour
                ),
            );
        }
        if let Some(parent) = &code.parent {
            if !ids.contains(parent.as_str()) {
                p.add(
                    &file,
                    path!["codes", ci, "parent"],
                    format!("unknown parent code '{parent}'"),
                );
                continue;
            }
            // Walk up from the parent; coming back to this code means a cycle.
            let mut cur = parent.as_str();
            let mut seen = HashSet::new();
            loop {
                if cur == code.id {
                    p.add(
                        &file,
                        path!["codes", ci, "parent"],
                        format!(
                            "code '{}' is its own ancestor: the parents form a cycle",
                            code.id
                        ),
                    );
                    break;
                }
                if !seen.insert(cur) {
                    break;
                }
                match parent_of.get(cur) {
                    Some(next) => cur = next,
                    None => break,
                }
            }
        }
    }
}

fn check_interview(
    project: &Project,
    respondents: &HashSet<&str>,
    interview: &Interview,
    p: &mut Problems,
) {
    let file = FileRef::Interview(interview.id.clone());
    if interview.respondents.is_empty() {
        p.add(
            &file,
            path!["respondents"],
            "the interview names no respondent".into(),
        );
    }
    for (ri, id) in interview.respondents.iter().enumerate() {
        if !respondents.contains(id.as_str()) {
            p.add(
                &file,
                path!["respondents", ri],
                format!("unknown respondent '{id}'"),
            );
        }
    }
    if let Some(round) = &interview.round
        && project.round(round).is_none()
    {
        let known: Vec<&str> = project.rounds.iter().map(|r| r.id.as_str()).collect();
        let message = if known.is_empty() {
            format!("unknown round '{round}': the project defines no rounds")
        } else {
            format!(
                "unknown round '{round}': the project's rounds are {}",
                known.join(", ")
            )
        };
        p.add(&file, path!["round"], message);
    }
    for (pi, participant) in interview.participants.iter().enumerate() {
        if participant.name.trim().is_empty() {
            p.add(
                &file,
                path!["participants", pi, "name"],
                "a participant has no name".into(),
            );
        }
    }
    let mut answered = HashSet::new();
    for (ai, answer) in interview.answers.iter().enumerate() {
        let Some(question) = project.guide.question(&answer.question) else {
            p.add(
                &file,
                path!["answers", ai, "question"],
                format!("answer to unknown question '{}'", answer.question),
            );
            continue;
        };
        if !answered.insert(answer.question.as_str()) {
            p.add(
                &file,
                path!["answers", ai, "question"],
                format!("question '{}' is answered more than once", answer.question),
            );
        }
        match (&question.kind, answer.scale) {
            (QuestionKind::Scale { min, max, .. }, Some(v)) if v < *min || v > *max => {
                p.add(
                    &file,
                    path!["answers", ai, "scale"],
                    format!(
                        "question '{}': value {v} is outside the scale {min}–{max}",
                        question.id
                    ),
                );
            }
            (QuestionKind::Scale { .. }, _) | (_, None) => {}
            (_, Some(_)) => {
                p.add(
                    &file,
                    path!["answers", ai, "scale"],
                    format!(
                        "question '{}' is not a scale question but has a scale value",
                        question.id
                    ),
                );
            }
        }
        let options = question.kind.options();
        for (oi, choice) in answer.choices.iter().enumerate() {
            if !options.iter().any(|o| &o.id == choice) {
                p.add(
                    &file,
                    path!["answers", ai, "choices", oi],
                    format!("question '{}' has no option '{choice}'", question.id),
                );
            }
        }
        if matches!(question.kind, QuestionKind::SingleChoice { .. }) && answer.choices.len() > 1 {
            p.add(
                &file,
                path!["answers", ai, "choices"],
                format!(
                    "question '{}' allows one choice but has {}",
                    question.id,
                    answer.choices.len()
                ),
            );
        }
        let at = |ki: usize, field: &'static str| path!["answers", ai, "codings", ki, field];
        check_codings(
            project,
            &file,
            &answer.text,
            "answer",
            &answer.codings,
            at,
            p,
        );
    }
    let at = |ki: usize, field: &'static str| path!["notes_codings", ki, field];
    check_codings(
        project,
        &file,
        &interview.notes,
        "notes",
        &interview.notes_codings,
        at,
        p,
    );
}

/// Problems with the codings of one part of an interview (an answer or the notes), each at
/// the path `at(coding index, field)`.
fn check_codings(
    project: &Project,
    file: &FileRef,
    text: &str,
    part: &str,
    codings: &[Coding],
    at: impl Fn(usize, &'static str) -> Vec<PathSeg>,
    p: &mut Problems,
) {
    let chars = text.chars().count();
    // Character offsets where a grapheme (a letter with its combining accents) starts,
    // computed only when a span needs them.
    let mut boundaries: Option<std::collections::HashSet<usize>> = None;
    for (ki, coding) in codings.iter().enumerate() {
        if project.codebook.code(&coding.code).is_none() {
            p.add(
                file,
                at(ki, "code"),
                format!("unknown code '{}'", coding.code),
            );
        }
        if let Some(span) = coding.span
            && !span.fits(chars)
        {
            p.add(
                file,
                at(ki, "span"),
                format!(
                    "span {}–{} does not fit the {part} of {chars} characters",
                    span.start, span.end
                ),
            );
        } else if let Some(span) = coding.span {
            let starts = boundaries.get_or_insert_with(|| grapheme_starts(text));
            if !starts.contains(&span.start) || !starts.contains(&span.end) {
                p.add(
                    file,
                    at(ki, "span"),
                    format!(
                        "span {}–{} splits a letter from its accent; move it to whole letters",
                        span.start, span.end
                    ),
                );
            }
        }
        if coding.coder.trim().is_empty() {
            p.add(file, at(ki, "coder"), "coding has no coder".into());
        }
    }
}

/// The character offsets at which a grapheme starts, and the text's end.
fn grapheme_starts(text: &str) -> std::collections::HashSet<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut starts = std::collections::HashSet::new();
    let mut at = 0;
    for grapheme in text.graphemes(true) {
        starts.insert(at);
        at += grapheme.chars().count();
    }
    starts.insert(at);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::Synth;

    /// Messages about attribute values in a synthetic project of six respondents after `edit`.
    fn value_problems(edit: impl FnOnce(&mut Project)) -> Vec<String> {
        let mut project = Synth::new(3).project(6);
        project.interviews.clear();
        edit(&mut project);
        validate(&project)
            .into_iter()
            .map(|p| p.message)
            .filter(|m| m.contains("value") || m.contains("differs"))
            .collect()
    }

    fn set(project: &mut Project, attribute: &str, values: &[&str]) {
        for (r, v) in project.respondents.iter_mut().zip(values) {
            r.attributes.insert(attribute.to_string(), v.to_string());
        }
    }

    #[test]
    fn values_outside_the_allowed_ones_are_reported() {
        let problems = value_problems(|p| {
            let def = p.attributes.iter_mut().find(|a| a.id == "type").unwrap();
            def.values = vec!["kommun".into(), "inkubator".into()];
            set(
                p,
                "type",
                &[
                    "kommun",
                    "Inkubator",
                    "inkubator",
                    "bank",
                    "kommun",
                    "kommun",
                ],
            );
        });
        assert_eq!(
            problems,
            [
                "respondent 'r000002' has type 'Inkubator', which differs from the allowed value 'inkubator' only in case, accents or spaces",
                "respondent 'r000004' has type 'bank', which is not one of its allowed values: kommun, inkubator",
            ]
        );
    }

    #[test]
    fn spellings_that_differ_only_in_case_accents_or_spaces_are_reported() {
        let problems = value_problems(|p| {
            p.attributes.iter_mut().for_each(|a| a.values.clear());
            set(
                p,
                "municipality",
                &[
                    "Västerås",
                    "vasteras",
                    "Västerås",
                    "Sala",
                    "Västerås ",
                    "sala",
                ],
            );
        });
        assert_eq!(
            problems,
            [
                "respondent 'r000002' has municipality 'vasteras', which differs from 'Västerås' (2 respondents) only in case, accents or spaces",
                "respondent 'r000005' has municipality 'Västerås ', which differs from 'Västerås' (2 respondents) only in case, accents or spaces",
                "respondent 'r000006' has municipality 'sala', which differs from 'Sala' (1 respondent) only in case, accents or spaces",
            ]
        );
    }

    #[test]
    fn rounds_need_unique_ids_names_and_a_period_in_order() {
        use crate::model::Round;
        let mut synth = Synth::new(3);
        let mut project = synth.project(2);
        project.interviews = (1..=2).map(|n| synth.interview(n, 2)).collect();
        let round = |id: &str, name: &str| Round {
            id: id.into(),
            name: name.into(),
            start: None,
            end: None,
        };
        project.rounds = vec![
            round("r1", "Nuläge"),
            round("r1", " "),
            round("r2", "Uppföljning"),
        ];
        project.rounds[2].start = Some(jiff::civil::date(2026, 5, 1));
        project.rounds[2].end = Some(jiff::civil::date(2026, 4, 1));
        project.interviews[0].round = Some("r3".into());
        project.interviews[1].participants = vec![crate::model::Participant::default()];
        let messages: Vec<String> = validate(&project).into_iter().map(|p| p.message).collect();
        assert_eq!(
            messages,
            [
                "round id 'r1' is used more than once",
                "round 'r1' has no name",
                "round 'r2' ends (2026-04-01) before it starts (2026-05-01)",
                "unknown round 'r3': the project's rounds are r1, r1, r2",
                "a participant has no name",
            ]
        );
    }
}
