//! Respondents, attribute definitions and rounds of `project.json`.

use std::collections::BTreeMap;

use super::{Change, ChangeKind, Kind, Merge, Side, pick};
use crate::model::{Keep, Project, Respondent, Round, value_key};

/// Merges respondents and attribute definitions into `out`; returns the new ids given to the
/// other copy's respondents kept beside one of this copy's under the same id.
pub(super) fn merge(
    m: &mut Merge,
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    out: &mut Project,
) -> BTreeMap<String, String> {
    attributes(m, theirs, out);
    rounds(m, base, mine, theirs, out);
    let mut renamed = BTreeMap::new();
    // Looked up through maps made once: a scan per respondent is quadratic at 20,000.
    let base_by_id = base.map(Project::respondents_by_id);
    let mine_by_id = mine.respondents_by_id();
    let theirs_by_id = theirs.respondents_by_id();
    for t in &theirs.respondents {
        let b = base_by_id
            .as_ref()
            .and_then(|b| b.get(t.id.as_str()).copied());
        let key = format!("respondent/{}", t.id);
        match mine_by_id.get(t.id.as_str()).copied() {
            None if b.is_some_and(|b| b == t) => {}
            None if b.is_some() => {
                let keep = m.conflict(Kind::DeletedHere, key, t.name.clone(), None, Some(show(t)));
                if keep == Some(Keep::Theirs) {
                    out.respondents.push(t.clone());
                }
            }
            None => {
                out.respondents.push(t.clone());
                m.change(Change::new(ChangeKind::NewRespondent, subject(t)));
            }
            Some(mr) if mr == t => {}
            Some(mr) if b.is_none() && value_key(&mr.name) != value_key(&t.name) => {
                let keep = m.conflict(
                    Kind::SameRespondentId,
                    key,
                    t.id.clone(),
                    Some(show(mr)),
                    Some(show(t)),
                );
                match keep {
                    Some(Keep::Theirs) => replace(out, t),
                    Some(Keep::Both) => {
                        let taken = mine
                            .respondents
                            .iter()
                            .chain(&theirs.respondents)
                            .chain(&out.respondents)
                            .map(|r| r.id.as_str());
                        let id = Project::next_id("r", taken);
                        let mut moved = t.clone();
                        moved.id = id.clone();
                        out.respondents.push(moved);
                        renamed.insert(t.id.clone(), id);
                    }
                    _ => {}
                }
            }
            Some(mr) => match pick(b, mr, t) {
                Side::Mine => {}
                Side::Theirs => {
                    replace(out, t);
                    m.change(Change::new(ChangeKind::Respondent, subject(t)));
                }
                Side::Conflict => {
                    let keep = m.conflict(
                        Kind::Respondent,
                        key,
                        subject(mr),
                        Some(show(mr)),
                        Some(show(t)),
                    );
                    if keep == Some(Keep::Theirs) {
                        replace(out, t);
                    }
                }
            },
        }
    }
    // Deleted in the other copy since the ancestor.
    if let Some(base_by_id) = &base_by_id {
        for mr in &mine.respondents {
            if theirs_by_id.contains_key(mr.id.as_str()) {
                continue;
            }
            let Some(&b) = base_by_id.get(mr.id.as_str()) else {
                continue;
            };
            let used = mine
                .interviews
                .iter()
                .chain(&theirs.interviews)
                .any(|i| i.respondents.contains(&mr.id));
            if b == mr && !used {
                out.respondents.retain(|r| r.id != mr.id);
                m.change(Change::new(ChangeKind::RemovedRespondent, subject(mr)));
            } else {
                let keep = m.conflict(
                    Kind::DeletedThere,
                    format!("respondent/{}", mr.id),
                    subject(mr),
                    Some(show(mr)),
                    None,
                );
                if keep == Some(Keep::Theirs) {
                    out.respondents.retain(|r| r.id != mr.id);
                }
            }
        }
    }
    renamed
}

/// New attribute definitions come in; the allowed values of one both copies have are joined.
fn attributes(m: &mut Merge, theirs: &Project, out: &mut Project) {
    for t in &theirs.attributes {
        match out.attributes.iter_mut().find(|a| a.id == t.id) {
            None => {
                out.attributes.push(t.clone());
                m.change(Change::new(ChangeKind::NewAttribute, t.id.clone()));
            }
            Some(a) => {
                let before = a.values.len();
                if a.values.is_empty() {
                    continue;
                }
                for v in &t.values {
                    if !a.values.iter().any(|x| value_key(x) == value_key(v)) {
                        a.values.push(v.clone());
                    }
                }
                if a.values.len() > before {
                    let mut change = Change::new(ChangeKind::Attribute, t.id.clone());
                    change.added = a.values.len() - before;
                    m.change(change);
                }
            }
        }
    }
}

/// Rounds by id: new ones come in, one changed in one copy takes that change, one changed in
/// both (or deleted in one and changed in the other) is a conflict.
fn rounds(
    m: &mut Merge,
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    out: &mut Project,
) {
    let show = |r: &Round| {
        let period = match (r.start, r.end) {
            (None, None) => String::new(),
            (s, e) => format!(
                " · {}–{}",
                s.map(|d| d.to_string()).unwrap_or_default(),
                e.map(|d| d.to_string()).unwrap_or_default()
            ),
        };
        format!("{}{period}", r.name)
    };
    for t in &theirs.rounds {
        let b = base.and_then(|b| b.rounds.iter().find(|r| r.id == t.id));
        let key = format!("round/{}", t.id);
        let subject = format!("{} {}", t.id, t.name);
        let take = |out: &mut Project| match out.rounds.iter_mut().find(|r| r.id == t.id) {
            Some(r) => *r = t.clone(),
            None => out.rounds.push(t.clone()),
        };
        match mine.rounds.iter().find(|r| r.id == t.id) {
            None if b == Some(t) => {}
            None if b.is_some() => {
                if m.conflict(Kind::DeletedHere, key, subject, None, Some(show(t)))
                    == Some(Keep::Theirs)
                {
                    take(out);
                }
            }
            None => {
                take(out);
                m.change(Change::new(ChangeKind::NewRound, subject));
            }
            Some(mr) => match pick(b, mr, t) {
                Side::Mine => {}
                Side::Theirs => {
                    take(out);
                    m.change(Change::new(ChangeKind::Round, subject));
                }
                Side::Conflict => {
                    if m.conflict(Kind::Round, key, subject, Some(show(mr)), Some(show(t)))
                        == Some(Keep::Theirs)
                    {
                        take(out);
                    }
                }
            },
        }
    }
}

fn replace(out: &mut Project, t: &Respondent) {
    match out.respondents.iter_mut().find(|r| r.id == t.id) {
        Some(r) => *r = t.clone(),
        None => out.respondents.push(t.clone()),
    }
}

fn subject(r: &Respondent) -> String {
    format!("{} {}", r.id, r.name)
}

/// A respondent as one line: name, attributes, how many people.
fn show(r: &Respondent) -> String {
    let mut text = r.name.clone();
    for (k, v) in &r.attributes {
        text.push_str(&format!(" · {k}={v}"));
    }
    if !r.people.is_empty() {
        let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
        text.push_str(&format!(" · {}", names.join(", ")));
    }
    text
}
