//! The codings of one answer, merged coder by coder.
//!
//! A coding is the same coding in both copies when code, passage, coder and `created` are
//! equal (its memo is taken from the copy that changed it). For each coder:
//! - **With an ancestor** (three-way) the codings are merged as sets: one added in either copy
//!   is kept, one the ancestor had and either copy removed goes.
//! - **Without one** (two-way) a coding that only one copy has is kept when it was made after
//!   the other copy's interview was last saved (`created` later than the other's `modified`):
//!   the other copy never had it, so cannot have removed it. For the older ones (removed in
//!   one copy, or added in both while both were open), the copy where this coder coded last
//!   (the latest `created` of the coder's codings in the whole interview) is newer and its
//!   version replaces the other's; when the coder's latest coding is equally old in both, the
//!   difference is a conflict. So two coders working on two copies always keep all their
//!   codings, and a coder's own later work replaces their earlier work.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;

use super::{Kind, Merge};
use crate::model::{Coding, Interview, Keep};

/// Which copy a coding of the result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Origin {
    Mine,
    Theirs,
}

/// The codings of one answer in each copy, and the texts they mark.
pub(super) struct Versions<'a> {
    pub base: Option<&'a [Coding]>,
    pub mine: &'a [Coding],
    pub theirs: &'a [Coding],
    pub mine_text: &'a str,
    pub theirs_text: &'a str,
}

/// When each copy of the interview was last saved and when each coder last coded in it.
pub(super) struct Clock {
    pub mine_modified: Timestamp,
    pub theirs_modified: Timestamp,
    pub mine_latest: BTreeMap<String, Timestamp>,
    pub theirs_latest: BTreeMap<String, Timestamp>,
}

impl Clock {
    pub fn of(mine: &Interview, theirs: &Interview) -> Clock {
        Clock {
            mine_modified: mine.modified,
            theirs_modified: theirs.modified,
            mine_latest: latest(mine),
            theirs_latest: latest(theirs),
        }
    }
}

/// Each coder's latest coding in the interview.
fn latest(interview: &Interview) -> BTreeMap<String, Timestamp> {
    let mut out: BTreeMap<String, Timestamp> = BTreeMap::new();
    for part in interview.parts() {
        for c in part.codings {
            let t = out.entry(c.coder.clone()).or_insert(c.created);
            *t = (*t).max(c.created);
        }
    }
    out
}

/// Whether two codings are the same one (the memo aside).
pub(super) fn same(a: &Coding, b: &Coding) -> bool {
    a.code == b.code && a.span == b.span && a.coder == b.coder && a.created == b.created
}

/// The merged codings with the copy each comes from, this copy's first in their order.
pub(super) fn merge(
    m: &mut Merge,
    key: &str,
    subject: &str,
    v: &Versions,
    clock: &Clock,
) -> Vec<(Coding, Origin)> {
    if v.mine == v.theirs {
        return v.mine.iter().map(|c| (c.clone(), Origin::Mine)).collect();
    }
    let coders: BTreeSet<&str> = v
        .mine
        .iter()
        .chain(v.theirs)
        .map(|c| c.coder.as_str())
        .collect();
    // Indices into mine and theirs of the codings kept.
    let mut keep_mine: BTreeSet<usize> = BTreeSet::new();
    let mut keep_theirs: BTreeSet<usize> = BTreeSet::new();
    let mut memo_from_theirs: BTreeSet<usize> = BTreeSet::new();
    for coder in coders {
        let mine: Vec<usize> = (0..v.mine.len())
            .filter(|&i| v.mine[i].coder == coder)
            .collect();
        let theirs: Vec<usize> = (0..v.theirs.len())
            .filter(|&i| v.theirs[i].coder == coder)
            .collect();
        let in_base = |c: &Coding| v.base.is_some_and(|b| b.iter().any(|x| same(x, c)));
        let mut old_mine = Vec::new();
        let mut old_theirs = Vec::new();
        for &i in &mine {
            let c = &v.mine[i];
            match theirs.iter().find(|&&j| same(&v.theirs[j], c)) {
                Some(&j) => {
                    keep_mine.insert(i);
                    if memo_changed_there(v, c, &v.theirs[j], clock) {
                        memo_from_theirs.insert(i);
                    }
                }
                None if v.base.is_some() => {
                    if !in_base(c) {
                        keep_mine.insert(i);
                    }
                }
                None if c.created > clock.theirs_modified => {
                    keep_mine.insert(i);
                }
                None => old_mine.push(i),
            }
        }
        for &j in &theirs {
            let c = &v.theirs[j];
            if mine.iter().any(|&i| same(&v.mine[i], c)) {
                continue;
            }
            if v.base.is_some() {
                if !in_base(c) {
                    keep_theirs.insert(j);
                }
            } else if c.created > clock.mine_modified {
                keep_theirs.insert(j);
            } else {
                old_theirs.push(j);
            }
        }
        if old_mine.is_empty() && old_theirs.is_empty() {
            continue;
        }
        let here = clock.mine_latest.get(coder);
        let there = clock.theirs_latest.get(coder);
        let choice = if there > here {
            Some(Keep::Theirs)
        } else if here > there {
            Some(Keep::Mine)
        } else {
            let show = |codings: &[Coding], idx: &[usize], text: &str| {
                idx.iter()
                    .map(|&i| describe(&codings[i], text))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            m.conflict(
                Kind::Codings,
                format!("{key}/{coder}"),
                format!("{subject} · {coder}"),
                Some(show(v.mine, &mine, v.mine_text)),
                Some(show(v.theirs, &theirs, v.theirs_text)),
            )
        };
        match choice {
            Some(Keep::Theirs) => keep_theirs.extend(old_theirs),
            Some(Keep::Both) => {
                keep_mine.extend(old_mine);
                keep_theirs.extend(old_theirs);
            }
            Some(Keep::Mine) | None => keep_mine.extend(old_mine),
        }
    }
    let mut out: Vec<(Coding, Origin)> = Vec::new();
    for i in keep_mine {
        let mut c = v.mine[i].clone();
        if memo_from_theirs.contains(&i)
            && let Some(t) = v.theirs.iter().find(|t| same(t, &c))
        {
            c.memo = t.memo.clone();
        }
        out.push((c, Origin::Mine));
    }
    for j in keep_theirs {
        out.push((v.theirs[j].clone(), Origin::Theirs));
    }
    out
}

/// Whether the memo of a coding both copies have is to be taken from the other copy: it was
/// changed there (three-way), or differs and the other copy is newer (two-way).
fn memo_changed_there(v: &Versions, mine: &Coding, theirs: &Coding, clock: &Clock) -> bool {
    if mine.memo == theirs.memo {
        return false;
    }
    match v.base.and_then(|b| b.iter().find(|x| same(x, mine))) {
        Some(b) => b.memo == mine.memo,
        None => clock.theirs_modified > clock.mine_modified,
    }
}

/// A coding as one line: the code and the passage it marks.
pub fn describe(c: &Coding, text: &str) -> String {
    match c.span.and_then(|s| s.slice(text)) {
        Some(passage) => format!("{} «{passage}»", c.code),
        None => c.code.clone(),
    }
}
