//! How much each code is used, counted from the summary index: what the Codebook tab shows
//! beside each code, without the interviews in memory.

use std::collections::{BTreeSet, HashMap};

use super::Index;
use crate::model::Project;
use crate::model::coding_ops::Usage;

/// Usage of every code of `project` (rolled up: a parent counts its children's codings),
/// optionally for one coder only, as `coding_ops::usage` counts it over the interviews.
/// `index` must fit `project` (see [`Index::fits`]). Respondents are those the project knows.
pub fn usage(project: &Project, index: &Index, coder: Option<&str>) -> HashMap<String, Usage> {
    let book = &project.codebook;
    let position: HashMap<&str, usize> = book
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    // Each code's chain of itself and its ancestors, as positions.
    let chains: Vec<Vec<usize>> = book
        .codes
        .iter()
        .map(|c| {
            book.ancestors(&c.id)
                .iter()
                .filter_map(|a| position.get(a.id.as_str()).copied())
                .collect()
        })
        .collect();
    let counted: Vec<bool> = index
        .coders
        .iter()
        .map(|c| coder.is_none_or(|k| c == k))
        .collect();
    let n = book.codes.len();
    let mut passages = vec![0usize; n];
    let mut answers = vec![0usize; n];
    let mut respondents: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); n];
    let mut in_answer: Vec<bool> = vec![false; n];
    for row in &index.rows {
        let mut coded = vec![false; n];
        let mut codings = row.codings.iter().peekable();
        while let Some(first) = codings.peek().map(|c| c.answer) {
            in_answer.iter_mut().for_each(|b| *b = false);
            while let Some(coding) = codings.next_if(|c| c.answer == first) {
                if !counted[usize::from(coding.coder)] {
                    continue;
                }
                for &code in &chains[usize::from(coding.code)] {
                    passages[code] += usize::from(coding.span);
                    in_answer[code] = true;
                    coded[code] = true;
                }
            }
            for (code, &hit) in in_answer.iter().enumerate() {
                answers[code] += usize::from(hit);
            }
        }
        for (code, _) in coded.iter().enumerate().filter(|(_, c)| **c) {
            respondents[code].extend(row.respondents.iter().copied());
        }
    }
    book.codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let usage = Usage {
                passages: passages[i],
                answers: answers[i],
                respondents: respondents[i].len(),
            };
            (c.id.clone(), usage)
        })
        .collect()
}

/// The number of codings of exactly `id` (not its children), as `coding_ops::coding_count`
/// counts them over the interviews. `index` must fit `project`.
pub fn coding_count(project: &Project, index: &Index, id: &str) -> usize {
    let Some(code) = project.codebook.codes.iter().position(|c| c.id == id) else {
        return 0;
    };
    index
        .rows
        .iter()
        .flat_map(|r| &r.codings)
        .filter(|c| usize::from(c.code) == code)
        .count()
}

/// How many interviews are in each of `project`'s rounds, in order (one naming none is in
/// the first), as `Project::round_index` places them.
pub fn interviews_per_round(project: &Project, index: &Index) -> Vec<usize> {
    let mut counts = vec![0; project.rounds.len()];
    for row in &index.rows {
        let round = if row.round.is_empty() {
            Some(0)
        } else {
            project.rounds.iter().position(|r| r.id == row.round)
        };
        if let Some(k) = round.filter(|&k| k < counts.len()) {
            counts[k] += 1;
        }
    }
    counts
}

/// How many interviews answer question `id` (text, a scale, a choice, or codings on it).
/// `index` must fit `project`.
pub fn interviews_answering(project: &Project, index: &Index, id: &str) -> usize {
    let Some(question) = project.guide.position(id) else {
        return 0;
    };
    index
        .rows
        .iter()
        .filter(|row| {
            row.answers.iter().enumerate().any(|(part, a)| {
                usize::from(a.question) == question
                    && (a.answered || row.codings.iter().any(|c| c.answer as usize == part))
            })
        })
        .count()
}

/// The interviews with a coding of `code` or one of its subcodes. `index` must fit `project`.
pub fn interviews_coded<'a>(project: &Project, index: &'a Index, code: &str) -> Vec<&'a str> {
    let book = &project.codebook;
    let under: Vec<bool> = book
        .codes
        .iter()
        .map(|c| book.ancestors(&c.id).iter().any(|a| a.id == code))
        .collect();
    index
        .rows
        .iter()
        .filter(|r| r.codings.iter().any(|c| under[usize::from(c.code)]))
        .map(|r| r.id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::coding_ops;
    use crate::synth::Synth;

    #[test]
    fn the_index_counts_usage_as_the_interviews_do() {
        let mut synth = Synth::new(3);
        let mut project = synth.project(8);
        project.interviews = (1..=25).map(|n| synth.interview(n, 8)).collect();
        // A subcode, so that counts roll up.
        let mut child = project.codebook.codes[1].clone();
        child.id = "child".into();
        child.parent = Some(project.codebook.codes[0].id.clone());
        project.codebook.codes.push(child);
        project.interviews[0].answers[0].codings[0].code = "child".into();
        project.rounds = ["r1", "r2"]
            .map(|id| crate::model::Round {
                id: id.into(),
                name: id.into(),
                start: None,
                end: None,
            })
            .to_vec();
        project.interviews[1].round = Some("r2".into());
        project.interviews[2].round = Some("r1".into());
        project.interviews[3].round = Some("gone".into());
        let index = Index::new(&project);
        let coders = coding_ops::coders(&project);
        for coder in [None, coders.first().map(String::as_str)] {
            assert_eq!(
                usage(&project, &index, coder),
                coding_ops::usage(&project, coder)
            );
        }
        assert!(
            usage(&project, &index, None)
                .values()
                .any(|u| u.passages > 0)
        );
        let rounds: Vec<usize> = (0..project.rounds.len())
            .map(|k| {
                let at = |i: &&crate::model::Interview| project.round_index(i) == Some(k);
                project.interviews.iter().filter(at).count()
            })
            .collect();
        assert_eq!(interviews_per_round(&project, &index), rounds);
        for q in &project.guide.questions {
            let answering = project
                .interviews
                .iter()
                .filter(|i| {
                    i.answer(&q.id)
                        .is_some_and(|a| !a.is_empty() || !a.codings.is_empty())
                })
                .count();
            assert_eq!(interviews_answering(&project, &index, &q.id), answering);
        }
        for code in &project.codebook.codes {
            let coded: Vec<&str> = project
                .interviews
                .iter()
                .filter(|i| {
                    !coding_ops::retrieve(&project, &code.id, &Default::default())
                        .iter()
                        .all(|r| r.interview != i.id)
                })
                .map(|i| i.id.as_str())
                .collect();
            assert_eq!(interviews_coded(&project, &index, &code.id), coded);
            assert_eq!(
                coding_count(&project, &index, &code.id),
                coding_ops::coding_count(&project, &code.id)
            );
        }
    }
}
