//! Where the coders disagree: per compared answer and code, each coder's passages, so the
//! team can look at them side by side and settle them.

use serde::Serialize;

use super::settled::Settled;
use super::units::{Unit, covered, intersect, merge};
use crate::model::{Project, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Some coders put the code on the answer, others did not.
    Presence,
    /// Every coder put the code on the answer, on different passages.
    Passage,
}

/// One coder's coding of the answer with the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub coder: String,
    /// The coded characters (empty: the coder did not use the code here).
    pub spans: Vec<Span>,
    /// The coded text, passages joined by " … ".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub interview: String,
    /// The respondents' names, for people reading the list.
    pub respondent: String,
    /// The question answered; `None` for the notes outside the guide.
    pub question: Option<String>,
    /// The question's number in the guide (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    pub code: String,
    pub label: String,
    pub kind: Kind,
    /// Characters coded by some of the coders but not all.
    pub characters: usize,
    /// One per coder who coded the answer, in the order of the coders compared.
    pub passages: Vec<Passage>,
    /// The team has looked at it and recorded it as settled.
    pub settled: bool,
}

impl Disagreement {
    /// The key a settled disagreement is recorded under.
    pub fn key(&self) -> (&str, Option<&str>, &str) {
        (&self.interview, self.question.as_deref(), &self.code)
    }
}

/// The disagreements on `codes` in `units`, in interview, answer and code order.
pub(super) fn list(
    project: &Project,
    units: &[Unit],
    coders: &[String],
    codes: &[String],
    label: &dyn Fn(&str) -> String,
) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for unit in units {
        let present: Vec<&String> = coders.iter().filter(|c| unit.coded_by(c)).collect();
        let interview = project.interview(&unit.interview);
        let text = interview.map_or("", |i| {
            i.text_of(unit.question.as_deref().unwrap_or(crate::model::NOTES))
        });
        for code in codes {
            let ranges: Vec<&[(usize, usize)]> =
                present.iter().map(|c| unit.ranges(c, code)).collect();
            let with: Vec<bool> = present
                .iter()
                .map(|c| unit.by[c.as_str()].contains_key(code.as_str()))
                .collect();
            let everyone = with.iter().all(|w| *w);
            let agreed = everyone && ranges.windows(2).all(|w| w[0] == w[1]);
            if agreed || with.iter().all(|w| !w) {
                continue;
            }
            let kind = if everyone {
                Kind::Passage
            } else {
                Kind::Presence
            };
            // Coded by someone but not by all: the union less the intersection.
            let union = {
                let mut all: Vec<(usize, usize)> =
                    ranges.iter().flat_map(|r| r.iter().copied()).collect();
                merge(&mut all);
                covered(&all)
            };
            let mut inter: Vec<(usize, usize)> = ranges[0].to_vec();
            for r in &ranges[1..] {
                inter = intersect(&inter, r);
            }
            let characters = union - covered(&inter);
            out.push(Disagreement {
                interview: unit.interview.clone(),
                respondent: interview.map_or_else(String::new, |i| {
                    i.respondents
                        .iter()
                        .map(|r| {
                            project
                                .respondent(r)
                                .map_or(r.as_str(), |r| r.name.as_str())
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                question: unit.question.clone(),
                number: unit.question.as_deref().and_then(|q| {
                    project
                        .guide
                        .questions
                        .iter()
                        .position(|x| x.id == q)
                        .map(|n| n + 1)
                }),
                code: code.clone(),
                label: label(code),
                kind,
                characters,
                passages: present
                    .iter()
                    .zip(&ranges)
                    .map(|(coder, r)| Passage {
                        coder: coder.to_string(),
                        spans: r.iter().map(|&(start, end)| Span { start, end }).collect(),
                        text: r
                            .iter()
                            .filter_map(|&(start, end)| Span { start, end }.slice(text))
                            .collect::<Vec<_>>()
                            .join(" … "),
                    })
                    .collect(),
                settled: false,
            });
        }
    }
    out
}

impl super::Agreement {
    /// Marks the disagreements the team recorded as settled.
    pub fn mark_settled(&mut self, settled: &Settled) {
        for d in &mut self.disagreements {
            d.settled = settled.contains(d.key());
        }
    }
}
