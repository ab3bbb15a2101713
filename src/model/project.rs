//! The project: one needs analysis with everything in it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{AttributeDef, Codebook, Guide, Interview, Respondent, Round};

/// The project file format this version writes. Older versions are migrated on load; a newer
/// one is refused, because rewriting it could drop fields this version does not know.
pub const SCHEMA_VERSION: u32 = 1;

/// A needs analysis. `project.json` holds the fields that are serialised here; the codebook
/// and the interviews live in files of their own (see the store) and are skipped by serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub schema_version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub guide: Guide,
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
    #[serde(default)]
    pub respondents: Vec<Respondent>,
    /// Baseline, follow-ups…, in order. Absent in projects that are not followed up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    #[serde(skip)]
    pub codebook: Codebook,
    #[serde(skip)]
    pub interviews: Vec<Interview>,
}

impl Project {
    pub fn respondent(&self, id: &str) -> Option<&Respondent> {
        self.respondents.iter().find(|r| r.id == id)
    }

    pub fn interview(&self, id: &str) -> Option<&Interview> {
        self.interviews.iter().find(|i| i.id == id)
    }

    pub fn interview_mut(&mut self, id: &str) -> Option<&mut Interview> {
        self.interviews.iter_mut().find(|i| i.id == id)
    }

    /// Respondents by id, for code that looks up many: [`Project::respondent`] scans the list,
    /// which done once per interview is quadratic at national scale. The first of a duplicated
    /// id wins, as with `respondent`.
    pub fn respondents_by_id(&self) -> HashMap<&str, &Respondent> {
        let mut map = HashMap::with_capacity(self.respondents.len());
        for r in &self.respondents {
            map.entry(r.id.as_str()).or_insert(r);
        }
        map
    }

    /// Interviews by id, for the same reason as [`Project::respondents_by_id`].
    pub fn interviews_by_id(&self) -> HashMap<&str, &Interview> {
        let mut map = HashMap::with_capacity(self.interviews.len());
        for i in &self.interviews {
            map.entry(i.id.as_str()).or_insert(i);
        }
        map
    }

    /// A fresh id with `prefix` that no existing item uses, e.g. `i025`.
    pub fn next_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str>) -> String {
        let highest = taken
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{:03}", highest + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_skips_taken_numbers() {
        let taken = ["i001", "i007", "x99", "ifoo"];
        assert_eq!(Project::next_id("i", taken.into_iter()), "i008");
        assert_eq!(Project::next_id("r", std::iter::empty()), "r001");
    }
}
