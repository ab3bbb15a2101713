//! The units agreement is computed on: every codable part of every interview, with each
//! coder's coded characters per code, merged into sorted non-overlapping ranges.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Interview, Project};

/// Character ranges `[start, end)`, sorted, not overlapping or touching.
pub type Ranges = Vec<(usize, usize)>;

/// One answer (or the notes outside the guide) as the coders coded it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub interview: String,
    /// The question answered; `None` for the notes outside the guide.
    pub question: Option<String>,
    /// Length of the text in characters.
    pub chars: usize,
    /// Per coder who coded anything here: per code, the characters coded.
    pub by: BTreeMap<String, BTreeMap<String, Ranges>>,
}

impl Unit {
    /// Coder `coder`'s ranges for `code` (empty if the coder did not use it here).
    pub fn ranges(&self, coder: &str, code: &str) -> &[(usize, usize)] {
        self.by
            .get(coder)
            .and_then(|codes| codes.get(code))
            .map_or(&[], Vec::as_slice)
    }

    pub fn coded_by(&self, coder: &str) -> bool {
        self.by.contains_key(coder)
    }
}

/// Every coder who coded anything in the project, sorted.
pub fn coders(project: &Project) -> BTreeSet<String> {
    project
        .interviews
        .iter()
        .flat_map(|i| i.parts().flat_map(|p| p.codings.iter()))
        .map(|c| c.coder.clone())
        .collect()
}

/// Whether anyone coded anything with `code`.
pub fn coders_used(project: &Project, code: &str) -> bool {
    project
        .interviews
        .iter()
        .flat_map(|i| i.parts().flat_map(|p| p.codings.iter()))
        .any(|c| c.code == code)
}

/// The parts coded by at least two of `coders`, in interview-id and file order.
pub fn units(project: &Project, coders: &[String]) -> Vec<Unit> {
    let mut interviews: Vec<&Interview> = project.interviews.iter().collect();
    interviews.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = Vec::new();
    for interview in interviews {
        for part in interview.parts() {
            let chars = part.text.chars().count();
            let mut by: BTreeMap<String, BTreeMap<String, Ranges>> = BTreeMap::new();
            for coding in part.codings {
                if !coders.contains(&coding.coder) {
                    continue;
                }
                let (start, end) = match coding.span {
                    Some(span) => (span.start.min(chars), span.end.min(chars)),
                    None => (0, chars),
                };
                let ranges = by
                    .entry(coding.coder.clone())
                    .or_default()
                    .entry(coding.code.clone())
                    .or_default();
                if end > start {
                    ranges.push((start, end));
                }
            }
            if by.len() < 2 {
                continue;
            }
            for codes in by.values_mut() {
                for ranges in codes.values_mut() {
                    merge(ranges);
                }
            }
            out.push(Unit {
                interview: interview.id.clone(),
                question: part.question.map(str::to_string),
                chars,
                by,
            });
        }
    }
    out
}

/// Sorts `ranges` and joins those that overlap or touch.
pub fn merge(ranges: &mut Ranges) {
    ranges.sort_unstable();
    let mut out: Ranges = Vec::with_capacity(ranges.len());
    for &(start, end) in ranges.iter() {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    *ranges = out;
}

/// Characters in `ranges`.
pub fn covered(ranges: &[(usize, usize)]) -> usize {
    ranges.iter().map(|(s, e)| e - s).sum()
}

/// Characters in both `a` and `b` (each sorted and merged).
pub fn common(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    covered(&intersect(a, b))
}

/// The ranges in both `a` and `b` (each sorted and merged).
pub fn intersect(a: &[(usize, usize)], b: &[(usize, usize)]) -> Ranges {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let (start, end) = (a[i].0.max(b[j].0), a[i].1.min(b[j].1));
        if end > start {
            out.push((start, end));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge_and_intersect() {
        let mut r = vec![(5, 9), (0, 3), (3, 4), (8, 12)];
        merge(&mut r);
        assert_eq!(r, vec![(0, 4), (5, 12)]);
        assert_eq!(covered(&r), 11);
        assert_eq!(common(&r, &[(2, 6), (10, 20)]), 2 + 1 + 2);
        assert_eq!(common(&r, &[]), 0);
    }
}
