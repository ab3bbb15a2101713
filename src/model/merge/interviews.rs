//! Interviews: new ones, deleted ones, ids used twice, and the answers, details and codings
//! of interviews both copies have.

use std::collections::{BTreeMap, BTreeSet};

use super::codings::{self, Clock, Origin, Versions};
use super::{Change, ChangeKind, Kind, Merge, Origins, Side, pick};
use crate::model::{Clip, Coding, Interview, Keep, NOTES, Project, Span};

pub(super) fn merge(
    m: &mut Merge,
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    out: &mut Project,
) -> Origins {
    let mut origins = Origins {
        theirs: Vec::new(),
        mine: mine
            .interviews
            .iter()
            .map(|i| (i.id.clone(), i.clone()))
            .collect(),
    };
    // Looked up through maps made once: a scan per interview is quadratic at 40,000.
    let mine_by_id = mine.interviews_by_id();
    let base_by_id = base.map(Project::interviews_by_id);
    let theirs_by_id = theirs.interviews_by_id();
    for t in &theirs.interviews {
        let b = base_by_id
            .as_ref()
            .and_then(|b| b.get(t.id.as_str()).copied());
        let key = format!("interview/{}", t.id);
        match mine_by_id.get(t.id.as_str()) {
            None if b == Some(t) => {}
            None if b.is_some() => {
                let keep = m.conflict(
                    Kind::DeletedHere,
                    key,
                    subject(theirs, t),
                    None,
                    Some(summary(theirs, t)),
                );
                if keep == Some(Keep::Theirs) {
                    out.interviews.push(t.clone());
                    origins.theirs.push(t.id.clone());
                }
            }
            None => {
                out.interviews.push(t.clone());
                origins.theirs.push(t.id.clone());
                let mut change = Change::new(ChangeKind::NewInterview, subject(theirs, t));
                change.added = t.coding_count();
                m.change(change);
            }
            Some(mi) if *mi == t => {}
            Some(mi) if mi.created != t.created => {
                let keep = m.conflict(
                    Kind::SameInterviewId,
                    key,
                    t.id.clone(),
                    Some(summary(mine, mi)),
                    Some(summary(theirs, t)),
                );
                match keep {
                    Some(Keep::Theirs) => {
                        replace(out, t.clone());
                        origins.theirs.push(t.id.clone());
                    }
                    Some(Keep::Both) => {
                        let taken = mine
                            .interviews
                            .iter()
                            .chain(&theirs.interviews)
                            .chain(&out.interviews)
                            .map(|i| i.id.as_str());
                        let mut moved = t.clone();
                        moved.id = Project::next_id("i", taken);
                        origins.theirs.push(moved.id.clone());
                        out.interviews.push(moved);
                    }
                    _ => {}
                }
            }
            Some(mi) => {
                let merged = both(m, b, mine, mi, t);
                if merged != **mi {
                    replace(out, merged);
                }
            }
        }
    }
    if let Some(base_by_id) = &base_by_id {
        for mi in &mine.interviews {
            if theirs_by_id.contains_key(mi.id.as_str()) {
                continue;
            }
            let Some(&b) = base_by_id.get(mi.id.as_str()) else {
                continue;
            };
            let gone = b == mi
                || m.conflict(
                    Kind::DeletedThere,
                    format!("interview/{}", mi.id),
                    subject(mine, mi),
                    Some(summary(mine, mi)),
                    None,
                ) == Some(Keep::Theirs);
            if gone {
                out.interviews.retain(|i| i.id != mi.id);
                if b == mi {
                    m.change(Change::new(ChangeKind::RemovedInterview, subject(mine, mi)));
                }
            }
        }
    }
    origins
}

/// Gives the interviews that came from the other copy the new ids of its respondents that
/// were kept beside one of this copy's.
pub(super) fn rename_respondents(
    out: &mut Project,
    origins: &Origins,
    renamed: &BTreeMap<String, String>,
) {
    if renamed.is_empty() {
        return;
    }
    for interview in &mut out.interviews {
        if !origins.theirs.contains(&interview.id) {
            continue;
        }
        for r in &mut interview.respondents {
            if let Some(new) = renamed.get(r) {
                *r = new.clone();
            }
        }
    }
}

fn replace(out: &mut Project, interview: Interview) {
    match out.interview_mut(&interview.id) {
        Some(slot) => *slot = interview,
        None => out.interviews.push(interview),
    }
}

/// The interview as "i003 Västerås stad".
fn subject(project: &Project, i: &Interview) -> String {
    let names: Vec<&str> = i
        .respondents
        .iter()
        .map(|r| {
            project
                .respondent(r)
                .map_or(r.as_str(), |r| r.name.as_str())
        })
        .collect();
    format!("{} {}", i.id, names.join(", "))
}

/// An interview as one line: who, when, by whom, how much.
fn summary(project: &Project, i: &Interview) -> String {
    format!(
        "{} · {} · {} · {} answers · {} codings",
        subject(project, i),
        i.date,
        i.interviewer,
        i.answered(),
        i.coding_count()
    )
}

/// The details of an interview: everything but its codable parts and times.
fn header(i: &Interview) -> Interview {
    let mut h = i.clone();
    h.answers.clear();
    h.notes.clear();
    h.notes_codings.clear();
    h.created = jiff::Timestamp::UNIX_EPOCH;
    h.modified = jiff::Timestamp::UNIX_EPOCH;
    h
}

fn show_header(project: &Project, i: &Interview) -> String {
    format!(
        "{} · {} · {} · {:?} · {:?} · consent {}",
        i.respondents.join(", "),
        i.date,
        i.interviewer,
        i.mode,
        i.status,
        if i.consent.given { "yes" } else { "no" }
    ) + &project
        .respondent(i.respondents.first().map_or("", String::as_str))
        .map(|r| format!(" · {}", r.name))
        .unwrap_or_default()
}

/// Takes every detail of `from` (all but the codable parts, the id and the times), so details
/// added to interviews later are merged too.
fn set_header(out: &mut Interview, from: &Interview) {
    let mut merged = from.clone();
    merged.id = std::mem::take(&mut out.id);
    merged.answers = std::mem::take(&mut out.answers);
    merged.notes = std::mem::take(&mut out.notes);
    merged.notes_codings = std::mem::take(&mut out.notes_codings);
    merged.created = out.created;
    merged.modified = out.modified;
    *out = merged;
}

/// What an answer holds besides its codings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Content {
    text: String,
    scale: Option<u8>,
    choices: Vec<String>,
    time: Option<Clip>,
}

fn content(i: &Interview, part: &str) -> Content {
    if part == NOTES {
        return Content {
            text: i.notes.clone(),
            ..Content::default()
        };
    }
    i.answer(part).map_or_else(Content::default, |a| Content {
        text: a.text.clone(),
        scale: a.scale,
        choices: a.choices.clone(),
        time: a.time,
    })
}

fn show_content(c: &Content) -> String {
    let mut text = c.text.clone();
    if let Some(scale) = c.scale {
        text.push_str(&format!(" [{scale}]"));
    }
    if !c.choices.is_empty() {
        text.push_str(&format!(" [{}]", c.choices.join(", ")));
    }
    text
}

fn codings_of<'a>(i: &'a Interview, part: &str) -> &'a [Coding] {
    i.codings_of(part).map_or(&[], Vec::as_slice)
}

/// Writes `content` and `codings` into the part, creating an answer only when there is
/// something to hold.
fn set_part(out: &mut Interview, part: &str, c: Content, codings: Vec<Coding>) {
    if part == NOTES {
        out.notes = c.text;
        out.notes_codings = codings;
        return;
    }
    if out.answer(part).is_none() && c == Content::default() && codings.is_empty() {
        return;
    }
    let a = out.answer_mut(part);
    a.text = c.text;
    a.scale = c.scale;
    a.choices = c.choices;
    a.time = c.time;
    a.codings = codings;
}

/// Where the final text of a part came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TextFrom {
    Mine,
    Theirs,
    /// Mine, a blank line, theirs starting at this character.
    Both(usize),
}

/// One interview both copies have (the same one: same `created`).
fn both(
    m: &mut Merge,
    base: Option<&Interview>,
    project: &Project,
    mine: &Interview,
    theirs: &Interview,
) -> Interview {
    let mut out = mine.clone();
    let subject = subject(project, mine);
    let mut taken = false;
    let (hb, hm, ht) = (base.map(header), header(mine), header(theirs));
    match pick(hb.as_ref(), &hm, &ht) {
        Side::Mine => {}
        Side::Theirs => {
            set_header(&mut out, theirs);
            taken = true;
        }
        Side::Conflict => {
            let keep = m.conflict(
                Kind::Details,
                format!("details/{}", mine.id),
                subject.clone(),
                Some(show_header(project, mine)),
                Some(show_header(project, theirs)),
            );
            if keep == Some(Keep::Theirs) {
                set_header(&mut out, theirs);
            }
        }
    }
    let clock = Clock::of(mine, theirs);
    let mut parts: Vec<&str> = mine.answers.iter().map(|a| a.question.as_str()).collect();
    for a in &theirs.answers {
        if !parts.contains(&a.question.as_str()) {
            parts.push(&a.question);
        }
    }
    parts.push(NOTES);
    let mut whole: Vec<String> = Vec::new();
    for part in parts {
        let (cm, ct) = (content(mine, part), content(theirs, part));
        let cb = base.map(|b| content(b, part));
        let name = if part == NOTES { "notes" } else { part };
        let (key, what) = if part == NOTES {
            (format!("notes/{}", mine.id), format!("{subject} · notes"))
        } else {
            (
                format!("answer/{}/{part}", mine.id),
                format!("{subject} · {part}"),
            )
        };
        let (content, from) = match pick(cb.as_ref(), &cm, &ct) {
            Side::Mine => (cm.clone(), TextFrom::Mine),
            Side::Theirs => {
                taken = true;
                (ct.clone(), TextFrom::Theirs)
            }
            Side::Conflict => {
                match m.conflict(
                    Kind::Text,
                    key,
                    what.clone(),
                    Some(show_content(&cm)),
                    Some(show_content(&ct)),
                ) {
                    Some(Keep::Theirs) => (ct.clone(), TextFrom::Theirs),
                    Some(Keep::Both) => joined(&cm, &ct),
                    _ => (cm.clone(), TextFrom::Mine),
                }
            }
        };
        let versions = Versions {
            base: base.map(|b| codings_of(b, part)),
            mine: codings_of(mine, part),
            theirs: codings_of(theirs, part),
            mine_text: &cm.text,
            theirs_text: &ct.text,
        };
        let merged = codings::merge(
            m,
            &format!("codings/{}/{name}", mine.id),
            &what,
            &versions,
            &clock,
        );
        let mut placed: Vec<Coding> = Vec::with_capacity(merged.len());
        for (mut c, origin) in merged {
            let from_text = match origin {
                Origin::Mine => &cm.text,
                Origin::Theirs => &ct.text,
            };
            match (from, origin) {
                (TextFrom::Both(offset), Origin::Theirs) => {
                    c.span = c.span.map(|s| Span {
                        start: s.start + offset,
                        end: s.end + offset,
                    });
                }
                (TextFrom::Both(_), Origin::Mine) => {}
                _ if *from_text == content.text => {}
                _ => {
                    if let Some(span) = c.span {
                        c.span = place(span, from_text, &content.text);
                        if c.span.is_none() {
                            whole.push(format!("{what} · {} · {}", c.coder, c.code));
                        }
                    }
                }
            }
            if !placed.iter().any(|p| codings::same(p, &c)) {
                placed.push(c);
            }
        }
        // Changed codings are kept in the order they were made, so two copies merged into
        // each other end up with the same file.
        if placed != codings_of(mine, part) {
            placed.sort_by_key(|c| c.created);
        }
        set_part(&mut out, part, content, placed);
    }
    for w in whole {
        m.change(Change::new(ChangeKind::CodingOnWholeAnswer, w));
    }
    if taken {
        m.change(Change::new(ChangeKind::Interview, subject.clone()));
    }
    coder_changes(m, &subject, mine, &out);
    if out != *mine {
        out.modified = mine.modified.max(theirs.modified);
    }
    out
}

/// Both texts: mine, a blank line, theirs.
fn joined(mine: &Content, theirs: &Content) -> (Content, TextFrom) {
    let (text, offset) = if mine.text.is_empty() {
        (theirs.text.clone(), 0)
    } else if theirs.text.is_empty() {
        (mine.text.clone(), mine.text.chars().count())
    } else {
        (
            format!("{}\n\n{}", mine.text, theirs.text),
            mine.text.chars().count() + 2,
        )
    };
    let mut choices = mine.choices.clone();
    for c in &theirs.choices {
        if !choices.contains(c) {
            choices.push(c.clone());
        }
    }
    (
        Content {
            text,
            scale: mine.scale.or(theirs.scale),
            choices,
            time: mine.time.or(theirs.time),
        },
        TextFrom::Both(offset),
    )
}

/// The passage `span` of `from` found in `to`: at the same place, else its first occurrence;
/// `None` when `to` no longer holds it.
fn place(span: Span, from: &str, to: &str) -> Option<Span> {
    let passage = span.slice(from)?;
    if span.slice(to) == Some(passage) {
        return Some(span);
    }
    let at = to.find(passage)?;
    let start = to[..at].chars().count();
    Some(Span {
        start,
        end: start + passage.chars().count(),
    })
}

/// One change per coder whose codings of the interview the merge adds or removes.
fn coder_changes(m: &mut Merge, subject: &str, mine: &Interview, out: &Interview) {
    let all = |i: &Interview| -> Vec<Coding> {
        i.parts().flat_map(|p| p.codings.iter().cloned()).collect()
    };
    let (before, after) = (all(mine), all(out));
    let coders: BTreeSet<&str> = before
        .iter()
        .chain(&after)
        .map(|c| c.coder.as_str())
        .collect();
    for coder in coders {
        let count = |from: &[Coding], not_in: &[Coding]| {
            from.iter()
                .filter(|c| c.coder == coder && !not_in.iter().any(|x| codings::same(x, c)))
                .count()
        };
        let (added, removed) = (count(&after, &before), count(&before, &after));
        if added + removed > 0 {
            let mut change = Change::new(ChangeKind::Codings, format!("{subject} · {coder}"));
            change.added = added;
            change.removed = removed;
            m.change(change);
        }
    }
}
