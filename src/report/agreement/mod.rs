//! Inter-coder agreement: how far the coders of a project agree, per code and overall, over
//! the answers they both (or all) coded. Pure functions over a `model::Project`.
//!
//! An answer (or the notes outside the guide) is compared when the coders compared all put at
//! least one coding on it: an answer one coder never coded says nothing about agreement.
//! For each code of the codebook:
//! - **percent agreement** and **Cohen's κ at character level**: every character of the
//!   compared answers is coded or not by each coder; κ's chance term comes from both coders'
//!   marginals (as NVivo computes it) — see [`kappa`];
//! - the same **at answer level**: the code present on the answer or not;
//! - **Krippendorff's α** (nominal) at answer level, for two or more coders, an answer counting
//!   when at least two of them coded it (missing values allowed) — see [`alpha`];
//! - **Krippendorff's unitizing α** (uα) on the characters — see [`unitizing`].
//!
//! Overall figures pool the codes that someone used in the compared answers: the 2 × 2 tables
//! are summed (every character × code is one decision), α takes every answer × code as a unit,
//! and uα sums the codes' disagreements as Krippendorff does over categories. A figure that
//! cannot be computed is a [`Why`], never NaN.

mod alpha;
mod disagreement;
mod figure;
mod kappa;
mod sentence;
mod settled;
mod table;
mod unitizing;
mod units;

use std::collections::BTreeSet;

use serde::Serialize;

pub use disagreement::{Disagreement, Kind as DisagreementKind, Passage};
pub use figure::{Figure, Why};
pub use kappa::Table2;
pub use sentence::{method_sentence, problem_sentence};
pub use settled::{FILE as SETTLED_FILE, Settled, SettledEntry};
pub use table::tables;

use crate::model::{Lang, Project};
use units::{Unit, common, covered};

/// The level percent agreement and κ are reported at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    Character,
    Answer,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The coders to compare; empty: everyone who coded.
    pub coders: Vec<String>,
    /// One code only.
    pub code: Option<String>,
    pub level: Level,
    pub lang: Lang,
}

/// Why no agreement can be computed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Fewer than two coders (the names of those there are).
    OneCoder(Vec<String>),
    /// A coder asked for coded nothing (the name, and the coders there are).
    UnknownCoder(String, Vec<String>),
    /// The code asked for is neither in the codebook nor in any coding.
    UnknownCode(String),
    /// No answer was coded by two of the coders.
    NoOverlap(Vec<String>),
}

/// Every figure for one code, or for all codes together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Answers compared for α (coded by at least two of the coders).
    pub answers: usize,
    /// Answers compared for percent agreement, κ and uα (coded by every coder compared).
    pub shared_answers: usize,
    /// Characters of the shared answers.
    pub characters: usize,
    pub percent_characters: Figure,
    pub kappa_characters: Figure,
    pub percent_answers: Figure,
    pub kappa_answers: Figure,
    pub alpha_answers: Figure,
    pub unitizing_alpha: Figure,
    /// The character-level decisions behind the percent and κ (two coders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character_table: Option<Table2>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_table: Option<Table2>,
}

impl Figures {
    /// Percent agreement at `level`.
    pub fn percent(&self, level: Level) -> Figure {
        match level {
            Level::Character => self.percent_characters,
            Level::Answer => self.percent_answers,
        }
    }

    /// κ at `level`.
    pub fn kappa(&self, level: Level) -> Figure {
        match level {
            Level::Character => self.kappa_characters,
            Level::Answer => self.kappa_answers,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeAgreement {
    pub code: String,
    pub label: String,
    /// Whether any coder used the code in the compared answers.
    pub used: bool,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub coders: Vec<String>,
    /// Interviews with at least one compared answer.
    pub interviews: usize,
    pub level: Level,
    pub codes: Vec<CodeAgreement>,
    /// Codes of the codebook nobody used in the compared answers (left out of `codes`).
    pub unused: usize,
    pub overall: Figures,
    pub disagreements: Vec<Disagreement>,
}

/// Agreement between `options.coders` (everyone who coded when empty).
pub fn agreement(project: &Project, options: &Options) -> Result<Agreement, Problem> {
    let known: Vec<String> = units::coders(project).into_iter().collect();
    let coders: Vec<String> = if options.coders.is_empty() {
        known.clone()
    } else {
        let mut chosen = Vec::new();
        for name in &options.coders {
            let name = name.trim();
            let found = known
                .iter()
                .find(|k| k.as_str() == name)
                .or_else(|| {
                    known
                        .iter()
                        .find(|k| k.to_lowercase() == name.to_lowercase())
                })
                .ok_or_else(|| Problem::UnknownCoder(name.to_string(), known.clone()))?;
            if !chosen.contains(found) {
                chosen.push(found.clone());
            }
        }
        chosen
    };
    if coders.len() < 2 {
        return Err(Problem::OneCoder(coders));
    }
    let units = units::units(project, &coders);
    if units.is_empty() {
        return Err(Problem::NoOverlap(coders));
    }
    if let Some(code) = &options.code
        && project.codebook.code(code).is_none()
        && !units::coders_used(project, code)
    {
        return Err(Problem::UnknownCode(code.clone()));
    }

    let used: BTreeSet<&str> = units
        .iter()
        .flat_map(|u| u.by.values().flat_map(|codes| codes.keys()))
        .map(String::as_str)
        .collect();
    // Codebook order, then codes the codebook lacks.
    let mut order: Vec<String> = project
        .codebook
        .tree()
        .into_iter()
        .map(|(_, c)| c.id.clone())
        .collect();
    order.extend(
        used.iter()
            .filter(|id| project.codebook.code(id).is_none())
            .map(|id| id.to_string()),
    );
    let listed: Vec<String> = match &options.code {
        Some(code) => vec![code.clone()],
        None => order
            .iter()
            .filter(|id| used.contains(id.as_str()))
            .cloned()
            .collect(),
    };
    let unused = match &options.code {
        Some(_) => 0,
        None => order.len() - listed.len(),
    };
    let label = |id: &str| {
        project
            .codebook
            .code(id)
            .map_or_else(|| id.to_string(), |c| c.label.get(options.lang).to_string())
    };

    let codes: Vec<CodeAgreement> = listed
        .iter()
        .map(|code| {
            let is_used = used.contains(code.as_str());
            CodeAgreement {
                code: code.clone(),
                label: label(code),
                used: is_used,
                figures: figures(&units, &coders, &[code.as_str()], is_used),
            }
        })
        .collect();
    let pooled: Vec<&str> = codes
        .iter()
        .filter(|c| c.used)
        .map(|c| c.code.as_str())
        .collect();
    let overall = figures(&units, &coders, &pooled, !pooled.is_empty());
    let interviews = units
        .iter()
        .map(|u| u.interview.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let disagreements = disagreement::list(project, &units, &coders, &listed, &label);
    Ok(Agreement {
        coders,
        interviews,
        level: options.level,
        codes,
        unused,
        overall,
        disagreements,
    })
}

/// The figures of `codes` taken together (one code, or all of them pooled).
fn figures(units: &[Unit], coders: &[String], codes: &[&str], used: bool) -> Figures {
    let shared: Vec<&Unit> = units
        .iter()
        .filter(|u| coders.iter().all(|c| u.coded_by(c)))
        .collect();
    let characters = shared.iter().map(|u| u.chars).sum();
    let not_used = Figure::Undefined(Why::NotUsed);
    let mut out = Figures {
        answers: units.len(),
        shared_answers: shared.len(),
        characters,
        percent_characters: not_used,
        kappa_characters: not_used,
        percent_answers: not_used,
        kappa_answers: not_used,
        alpha_answers: not_used,
        unitizing_alpha: not_used,
        character_table: None,
        answer_table: None,
    };
    if !used {
        return out;
    }

    if let [first, second] = coders {
        let mut chars = Table2::default();
        let mut answers = Table2::default();
        for unit in &shared {
            for code in codes {
                let (a, b) = (unit.ranges(first, code), unit.ranges(second, code));
                let both = common(a, b) as u64;
                let (ca, cb) = (covered(a) as u64, covered(b) as u64);
                chars.both += both;
                chars.first_only += ca - both;
                chars.second_only += cb - both;
                chars.neither += unit.chars as u64 - (ca + cb - both);
                answers.count(has(unit, first, code), has(unit, second, code));
            }
        }
        out.percent_characters = chars.percent();
        out.kappa_characters = chars.kappa();
        out.percent_answers = answers.percent();
        out.kappa_answers = answers.kappa();
        out.character_table = Some(chars);
        out.answer_table = Some(answers);
    } else {
        let two = Figure::Undefined(Why::TwoCodersOnly);
        out.percent_characters = two;
        out.kappa_characters = two;
        out.percent_answers = two;
        out.kappa_answers = two;
    }

    let matrix: Vec<Vec<Option<bool>>> = units
        .iter()
        .flat_map(|unit| {
            codes.iter().map(move |code| {
                coders
                    .iter()
                    .map(|c| unit.coded_by(c).then(|| has(unit, c, code)))
                    .collect()
            })
        })
        .collect();
    out.alpha_answers = alpha::nominal(&matrix).alpha;

    // uα: the shared answers end to end, one continuum per code; the codes' disagreements
    // summed.
    let length: usize = characters;
    let mut sum = unitizing::Disagreement::default();
    let mut any = false;
    for code in codes {
        let sections: Vec<unitizing::Sections> = coders
            .iter()
            .map(|c| {
                let mut at = 0u64;
                let mut out = Vec::new();
                for unit in &shared {
                    out.extend(
                        unit.ranges(c, code)
                            .iter()
                            .map(|&(s, e)| (at + s as u64, at + e as u64)),
                    );
                    at += unit.chars as u64;
                }
                out
            })
            .collect();
        if sections.iter().all(Vec::is_empty) {
            continue;
        }
        if let Some(d) = unitizing::disagreement(&sections, length as u64) {
            sum.observed += d.observed;
            sum.expected += d.expected;
            any = true;
        }
    }
    out.unitizing_alpha = if any {
        sum.alpha()
    } else if length == 0 || shared.is_empty() {
        Figure::Undefined(Why::NoUnits)
    } else {
        Figure::Undefined(Why::NotUsed)
    };
    out
}

/// Whether `coder` put `code` on `unit`: an empty text coded as a whole counts as present.
fn has(unit: &Unit, coder: &str, code: &str) -> bool {
    unit.by
        .get(coder)
        .is_some_and(|codes| codes.contains_key(code))
}

#[cfg(test)]
mod tests;
