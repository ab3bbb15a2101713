//! Scale questions (maturity 1–5 per focus area): distribution, mean and median, per group.

use serde::Serialize;

use super::Error;
use super::filter;
use super::grouping::{By, Group, groups};
use super::rounds::round_groups;
use super::tally::Tally;
use crate::model::{Lang, Project, QuestionKind};

/// Answers per scale value, with mean and median (`None` without answers).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// `counts[k]`: answers with value `min + k`.
    pub counts: Vec<usize>,
    pub n: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
}

impl Distribution {
    fn new(min: u8, max: u8) -> Distribution {
        Distribution {
            counts: vec![0; usize::from(max.saturating_sub(min)) + 1],
            n: 0,
            mean: None,
            median: None,
        }
    }

    fn finish(&mut self, min: u8) {
        let value = |k: usize| f64::from(min) + k as f64;
        self.n = self.counts.iter().sum();
        if self.n == 0 {
            return;
        }
        let total: f64 = self
            .counts
            .iter()
            .enumerate()
            .map(|(k, &c)| value(k) * c as f64)
            .sum();
        self.mean = Some(total / self.n as f64);
        // The value at sorted position `p` (0-based), read off the counts.
        let nth = |p: usize| {
            let mut seen = 0;
            for (k, &c) in self.counts.iter().enumerate() {
                seen += c;
                if seen > p {
                    return value(k);
                }
            }
            value(self.counts.len() - 1)
        };
        self.median = Some(if self.n % 2 == 1 {
            nth(self.n / 2)
        } else {
            (nth(self.n / 2 - 1) + nth(self.n / 2)) / 2.0
        });
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleGroup {
    pub group: Group,
    pub distribution: Distribution,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub question: String,
    pub text: String,
    pub min: u8,
    pub max: u8,
    /// The label of each value `min..=max` (empty where the guide gives none).
    pub labels: Vec<String>,
    pub all: Distribution,
    /// Per value of the grouping attribute; an answer counts in the group of each of the
    /// interview's respondents (by round: in its interview's round). Empty without a grouping.
    pub groups: Vec<ScaleGroup>,
}

/// Every scale question of the guide, in guide order.
pub fn scales(
    project: &Project,
    tally: &Tally,
    by: Option<By>,
    lang: Lang,
) -> Result<Vec<Scale>, Error> {
    let any = project
        .guide
        .questions
        .iter()
        .any(|q| matches!(q.kind, QuestionKind::Scale { .. }));
    let mut group_of = vec![usize::MAX; project.respondents.len()];
    // By round: the group of each round's position in `project.rounds`.
    let mut round_group = vec![usize::MAX; project.rounds.len()];
    let grouped: Vec<Group> = match by {
        Some(By::Attribute(attribute)) if any => {
            let def = filter::attribute(project, attribute)?;
            let grouped = groups(project, tally, &def.id, lang);
            for (g, (_, members)) in grouped.iter().enumerate() {
                for r in members.iter() {
                    group_of[r] = g;
                }
            }
            grouped.into_iter().map(|(g, _)| g).collect()
        }
        Some(By::Attribute(attribute)) => {
            filter::attribute(project, attribute)?;
            Vec::new()
        }
        Some(By::Round) => round_groups(project, tally)
            .into_iter()
            .enumerate()
            .map(|(g, (k, group))| {
                round_group[k] = g;
                group
            })
            .collect(),
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for (q, question) in project.guide.questions.iter().enumerate() {
        let QuestionKind::Scale { min, max, labels } = &question.kind else {
            continue;
        };
        let (min, max) = (*min, (*max).max(*min));
        let mut all = Distribution::new(min, max);
        let mut per_group = vec![Distribution::new(min, max); grouped.len()];
        let mut touched: Vec<usize> = Vec::new();
        for v in tally
            .scale_values
            .iter()
            .filter(|v| v.question == q && (min..=max).contains(&v.value))
        {
            let k = usize::from(v.value - min);
            all.counts[k] += 1;
            if by == Some(By::Round) {
                let round = tally.round_of.get(v.interview).copied();
                if let Some(&g) = round
                    .and_then(|r| round_group.get(r))
                    .filter(|&&g| g != usize::MAX)
                {
                    per_group[g].counts[k] += 1;
                }
                continue;
            }
            touched.clear();
            for &r in tally.respondents_of(v.interview) {
                let g = group_of[r];
                if g != usize::MAX && !touched.contains(&g) {
                    touched.push(g);
                    per_group[g].counts[k] += 1;
                }
            }
        }
        all.finish(min);
        for d in &mut per_group {
            d.finish(min);
        }
        out.push(Scale {
            question: question.id.clone(),
            text: question.text.get(lang).to_string(),
            min,
            max,
            labels: (min..=max)
                .map(|v| {
                    labels
                        .iter()
                        .find(|l| l.value == v)
                        .map(|l| l.label.get(lang).to_string())
                        .unwrap_or_default()
                })
                .collect(),
            all,
            groups: grouped
                .iter()
                .zip(per_group)
                .map(|(group, distribution)| ScaleGroup {
                    group: group.clone(),
                    distribution,
                })
                .collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(min: u8, counts: &[usize]) -> Distribution {
        let mut d = Distribution {
            counts: counts.to_vec(),
            n: 0,
            mean: None,
            median: None,
        };
        d.finish(min);
        d
    }

    #[test]
    fn mean_and_median_from_counts() {
        // Values 1, 2, 2, 5: mean 10 / 4 = 2.5; median between 2 and 2 = 2.
        let d = finished(1, &[1, 2, 0, 0, 1]);
        assert_eq!((d.n, d.mean, d.median), (4, Some(2.5), Some(2.0)));
        // Values 1, 3: median halfway, 2.
        assert_eq!(finished(1, &[1, 0, 1]).median, Some(2.0));
        // Values 0, 0, 4: median 0 on a 0–4 scale.
        assert_eq!(finished(0, &[2, 0, 0, 0, 1]).median, Some(0.0));
        assert_eq!(finished(1, &[0, 0]).mean, None);
    }
}
