//! Respondents grouped by the value of one attribute: the columns of the matrix and the rows
//! of the scale tables.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

use super::bitset::Bitset;
use super::lookup;
use super::tally::Tally;
use super::words;
use crate::model::{Lang, Project, value_key};

/// What a summary is split by: a respondent attribute (by id), or the project's rounds,
/// which group interviews rather than respondents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By<'a> {
    Attribute(&'a str),
    Round,
}

/// One value of the grouping attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The attribute value; empty for respondents without one.
    pub value: String,
    /// What to print: the value, or "(not given)" in the report language.
    pub label: String,
    /// Interviewed respondents in the group.
    pub respondents: usize,
}

/// The groups of `attribute` among the interviewed respondents, with each group's members.
/// Order: the attribute's listed values first (as the project lists them), then other values
/// alphabetically, then respondents without a value. Empty groups are left out.
pub(crate) fn groups(
    project: &Project,
    tally: &Tally,
    attribute: &str,
    lang: Lang,
) -> Vec<(Group, Bitset)> {
    let listed: &[String] = project
        .attributes
        .iter()
        .find(|a| a.id == attribute)
        .map_or(&[], |a| &a.values);
    let members: Vec<(usize, &str)> = tally
        .interviewed
        .iter()
        .map(|r| (r, project.respondents[r].attribute(attribute)))
        .collect();
    // Spellings that differ only in case, accents or spaces are one group ("Västmanland" and
    // "västmanland"), named by the listed value, else by its most common spelling. Keys are
    // made once per distinct spelling, not per respondent.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &(_, value) in &members {
        *counts.entry(value).or_default() += 1;
    }
    let mut spellings: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
    for (&value, &n) in &counts {
        spellings
            .entry(value_key(value))
            .or_default()
            .push((value, n));
    }
    let mut name_of: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, variants) in &spellings {
        let listed_value = listed.iter().find(|l| value_key(l) == *key);
        let common = variants
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map_or("", |v| v.0);
        let name = listed_value.map_or(common, String::as_str);
        for &(value, _) in variants {
            name_of.insert(value, name);
        }
    }
    let distinct: std::collections::BTreeSet<&str> = name_of.values().copied().collect();
    let mut values: Vec<&str> = distinct.into_iter().collect();
    values.sort_by(|a, b| order(listed, a, b));
    let position = lookup::index(values.iter().copied());
    let mut sets = vec![Bitset::new(project.respondents.len()); values.len()];
    for (r, value) in members {
        sets[position[name_of[value]]].insert(r);
    }
    values
        .into_iter()
        .zip(sets)
        .map(|(value, members)| {
            let label = if value.is_empty() {
                words::not_given(lang).to_string()
            } else {
                value.to_string()
            };
            let group = Group {
                value: value.to_string(),
                label,
                respondents: members.len(),
            };
            (group, members)
        })
        .collect()
}

fn order(listed: &[String], a: &str, b: &str) -> Ordering {
    let rank = |v: &str| {
        if v.is_empty() {
            (2, 0)
        } else {
            listed
                .iter()
                .position(|l| value_key(l) == value_key(v))
                .map_or((1, 0), |i| (0, i))
        }
    };
    rank(a)
        .cmp(&rank(b))
        .then_with(|| swedish_key(a).cmp(&swedish_key(b)))
        .then_with(|| a.cmp(b))
}

/// A sort key that puts å, ä, ö after z, in that order, as Swedish readers expect.
fn swedish_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => 'z' as u32 + 1,
            'ä' | 'æ' => 'z' as u32 + 2,
            'ö' | 'ø' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_sort_after_z() {
        let mut v = vec!["Örebro", "Arboga", "Åmål", "Ängelholm", "Zinkgruvan"];
        v.sort_by(|a, b| order(&[], a, b));
        assert_eq!(v, ["Arboga", "Zinkgruvan", "Åmål", "Ängelholm", "Örebro"]);
    }

    #[test]
    fn listed_values_first_then_others_then_missing() {
        let listed = vec!["lokal".to_string(), "regional".to_string()];
        let mut v = vec!["", "nationell", "regional", "lokal", "annan"];
        v.sort_by(|a, b| order(&listed, a, b));
        assert_eq!(v, ["lokal", "regional", "annan", "nationell", ""]);
    }
}
