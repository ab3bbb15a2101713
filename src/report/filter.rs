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
use crate::model::{Project, Status};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Count only codings by these coders; empty means every coder.
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

    /// Refuses a filter that names what the project does not have, because a typo would
    /// otherwise give a summary of nothing that looks like a real result.
    pub fn check(&self, project: &Project) -> Result<(), Error> {
        for id in self.attributes.keys() {
            check_attribute(project, id)?;
        }
        if !self.coders.is_empty() {
            let known = crate::model::coding_ops::coders(project);
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
        Ok(())
    }
}

/// Fails unless the project defines attribute `id`.
pub fn check_attribute(project: &Project, id: &str) -> Result<(), Error> {
    if project.attributes.iter().any(|a| a.id == id) {
        Ok(())
    } else {
        Err(Error::UnknownAttribute {
            attribute: id.to_string(),
            known: project.attributes.iter().map(|a| a.id.clone()).collect(),
        })
    }
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
        let f = self.filter;
        if f.status.is_some_and(|s| s != row.status)
            || f.from.is_some_and(|d| row.date < d)
            || f.to.is_some_and(|d| row.date > d)
        {
            return;
        }
        out.extend(
            row.respondents
                .iter()
                .map(|&r| r as usize)
                .filter(|&r| self.eligible.contains(r)),
        );
    }

    pub fn coder_counts(&self, coder: &str) -> bool {
        self.filter.coders.is_empty() || self.filter.coders.contains(coder)
    }
}
