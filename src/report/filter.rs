//! Which interviews, respondents and codings a summary counts.
//!
//! `Filter` is plain data (the TUI edits it, the CLI builds it from flags, JSON output echoes
//! it); `Scope` is the same filter prepared against one project for the counting pass.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Error;
use super::bitset::Bitset;
use super::index::Row;
use crate::model::{AttributeDef, Project, Status, value_key};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Count only codings by these coders, and only the interviews they coded (so shares are
    /// of what they read); empty means every coder and every interview.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub coders: BTreeSet<String>,
    /// Count only interviews with this status; `None` means drafts and complete ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Attribute id → accepted values. A respondent counts if it has one of the accepted
    /// values for every attribute listed; `""` accepts respondents without a value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, BTreeSet<String>>,
    /// First interview date counted (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Last interview date counted (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The filter with attributes and values as the project stores them, refused if it
    /// names what the project does not have (a typo would otherwise give a summary of
    /// nothing that looks like a real result). Attributes may be named by id or by label, and
    /// values typed without regard to case or accents: `kommun=vasteras` becomes
    /// `municipality` = every stored spelling of "Västerås".
    pub fn resolve(&self, project: &Project) -> Result<Filter, Error> {
        self.resolve_among(project, || crate::model::coding_ops::coders(project))
    }

    /// [`Filter::resolve`] with the coders that exist given by `known` (sorted), for a
    /// project whose interviews are not in memory.
    pub(crate) fn resolve_among(
        &self,
        project: &Project,
        known: impl FnOnce() -> Vec<String>,
    ) -> Result<Filter, Error> {
        let mut resolved = Filter {
            attributes: BTreeMap::new(),
            ..self.clone()
        };
        for (name, values) in &self.attributes {
            let def = attribute(project, name)?;
            let accepted = resolved.attributes.entry(def.id.clone()).or_default();
            for value in values {
                accepted.extend(stored_values(project, def, value)?);
            }
        }
        if !self.coders.is_empty() {
            let known = known();
            if let Some(coder) = self.coders.iter().find(|c| !known.contains(c)) {
                return Err(Error::UnknownCoder {
                    coder: coder.clone(),
                    known,
                });
            }
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(Error::EmptyPeriod { from, to });
        }
        Ok(resolved)
    }
}

/// The attribute a user means by `name`: its id, or its Swedish or English label, in any case
/// and with or without accents.
pub fn attribute<'p>(project: &'p Project, name: &str) -> Result<&'p AttributeDef, Error> {
    project
        .attributes
        .iter()
        .find(|a| a.id == name)
        .or_else(|| project.attributes.iter().find(|a| a.is_named(name)))
        .ok_or_else(|| Error::UnknownAttribute {
            attribute: name.to_string(),
            known: project
                .attributes
                .iter()
                .map(|a| format!("{} ({})", a.id, a.label.sv))
                .collect(),
        })
}

/// Every spelling of `value` that respondents have for `def` (or the definition allows); `""`
/// stands for respondents without a value.
fn stored_values(project: &Project, def: &AttributeDef, value: &str) -> Result<Vec<String>, Error> {
    if value.trim().is_empty() {
        return Ok(vec![String::new()]);
    }
    let key = value_key(value);
    let present: BTreeSet<&str> = project
        .respondents
        .iter()
        .map(|r| r.attribute(&def.id))
        .filter(|v| !v.is_empty())
        .chain(def.values.iter().map(String::as_str))
        .collect();
    let matching: Vec<String> = present
        .iter()
        .filter(|v| value_key(v) == key)
        .map(|v| v.to_string())
        .collect();
    if matching.is_empty() {
        let mut known: Vec<String> = Vec::new();
        for v in present {
            if !known.iter().any(|k| value_key(k) == value_key(v)) {
                known.push(v.to_string());
            }
        }
        return Err(Error::UnknownValue {
            attribute: def.label.sv.clone(),
            value: value.to_string(),
            known,
        });
    }
    Ok(matching)
}

/// A filter prepared for one project: which respondents pass, decided once.
pub(crate) struct Scope<'p> {
    pub filter: &'p Filter,
    /// Respondents whose attributes pass the filter.
    pub eligible: Bitset,
}

impl<'p> Scope<'p> {
    pub fn new(project: &Project, filter: &'p Filter) -> Scope<'p> {
        let mut eligible = Bitset::new(project.respondents.len());
        for (i, r) in project.respondents.iter().enumerate() {
            let passes = filter
                .attributes
                .iter()
                .all(|(id, values)| values.contains(r.attribute(id)));
            if passes {
                eligible.insert(i);
            }
        }
        Scope { filter, eligible }
    }

    /// The eligible respondents of an interview into `out`; empty when the interview itself
    /// is filtered out by status or date.
    pub fn respondents_of(&self, row: &Row, out: &mut Vec<usize>) {
        out.clear();
        if !self.status_counts(row) || !self.dates_count(row) {
            return;
        }
        out.extend(self.eligible_of(row));
    }

    /// Whether an interview left out of the count is a draft that only its status kept out:
    /// what the report's note counts as "2 drafts not counted".
    pub fn draft_left_out(&self, row: &Row) -> bool {
        row.status == Status::Draft
            && !self.status_counts(row)
            && self.dates_count(row)
            && self.eligible_of(row).next().is_some()
    }

    fn status_counts(&self, row: &Row) -> bool {
        self.filter.status.is_none_or(|s| s == row.status)
    }

    fn dates_count(&self, row: &Row) -> bool {
        let f = self.filter;
        !(f.from.is_some_and(|d| row.date < d) || f.to.is_some_and(|d| row.date > d))
    }

    fn eligible_of<'r>(&'r self, row: &'r Row) -> impl Iterator<Item = usize> + 'r {
        row.respondents
            .iter()
            .map(|&r| r as usize)
            .filter(|&r| self.eligible.contains(r))
    }

    pub fn coder_counts(&self, coder: &str) -> bool {
        self.filter.coders.is_empty() || self.filter.coders.contains(coder)
    }
}
