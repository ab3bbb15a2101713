//! The codebook: new codes, changed definitions, deleted codes, one id for two codes; and
//! the incoming codings that follow a code's new id or go with a code kept deleted.

use std::collections::BTreeMap;

use super::codings::same;
use super::{Change, ChangeKind, Kind, Merge, Origins, Side, pick};
use crate::model::{Code, Coding, Interview, Keep, Project, value_key};

pub(super) fn merge(
    m: &mut Merge,
    base: Option<&Project>,
    mine: &Project,
    theirs: &Project,
    out: &mut Project,
    origins: &Origins,
) {
    let base = base.map(|b| &b.codebook);
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for t in &theirs.codebook.codes {
        let b = base.and_then(|b| b.code(&t.id));
        let key = format!("code/{}", t.id);
        match mine.codebook.code(&t.id) {
            None if b.is_some() => {
                let used = uses(out, origins, &t.id);
                if b == Some(t) && !used {
                    continue;
                }
                let keep = m.conflict(Kind::DeletedHere, key, subject(t), None, Some(show(t)));
                if keep == Some(Keep::Theirs) {
                    out.codebook.codes.push(t.clone());
                }
            }
            None => {
                out.codebook.codes.push(t.clone());
                m.change(Change::new(ChangeKind::NewCode, subject(t)));
            }
            Some(mc) if mc == t => {}
            Some(mc) if b.is_none() && different(mc, t) => {
                let keep = m.conflict(
                    Kind::SameCodeId,
                    key,
                    t.id.clone(),
                    Some(show(mc)),
                    Some(show(t)),
                );
                match keep {
                    Some(Keep::Theirs) => replace(out, t.clone()),
                    Some(Keep::Both) => {
                        let mut n = 2;
                        let id = loop {
                            let id = format!("{}-{n}", t.id);
                            if mine.codebook.code(&id).is_none()
                                && theirs.codebook.code(&id).is_none()
                                && out.codebook.code(&id).is_none()
                            {
                                break id;
                            }
                            n += 1;
                        };
                        let mut moved = t.clone();
                        moved.id = id.clone();
                        out.codebook.codes.push(moved);
                        renamed.insert(t.id.clone(), id);
                    }
                    _ => {}
                }
            }
            Some(mc) => {
                let (merged, clashes) = fields(b, mc, t);
                if clashes.is_empty() {
                    replace(out, merged);
                    m.change(Change::new(ChangeKind::Code, subject(t)));
                    continue;
                }
                let keep = m.conflict(Kind::Code, key, subject(mc), Some(show(mc)), Some(show(t)));
                if keep == Some(Keep::Theirs) {
                    let mut chosen = merged;
                    for field in clashes {
                        field.copy(t, &mut chosen);
                    }
                    replace(out, chosen);
                } else if merged != *mc {
                    replace(out, merged);
                }
            }
        }
    }
    if let Some(base) = base {
        for mc in &mine.codebook.codes {
            if theirs.codebook.code(&mc.id).is_some() {
                continue;
            }
            let Some(b) = base.code(&mc.id) else {
                continue;
            };
            let used = out
                .interviews
                .iter()
                .any(|i| i.parts().any(|p| p.codings.iter().any(|c| c.code == mc.id)));
            let gone = if b == mc && !used {
                m.change(Change::new(ChangeKind::RemovedCode, subject(mc)));
                true
            } else {
                m.conflict(
                    Kind::DeletedThere,
                    format!("code/{}", mc.id),
                    subject(mc),
                    Some(show(mc)),
                    None,
                ) == Some(Keep::Theirs)
            };
            if gone {
                remove(out, &mc.id);
            }
        }
    }
    follow(out, origins, &renamed);
}

/// Whether a coding that came in from the other copy uses `code`.
fn uses(out: &Project, origins: &Origins, code: &str) -> bool {
    out.interviews.iter().any(|i| {
        i.parts().any(|p| {
            p.codings
                .iter()
                .any(|c| c.code == code && incoming(origins, i, c))
        })
    })
}

/// Whether `c` in the result came from the other copy.
fn incoming(origins: &Origins, interview: &Interview, c: &Coding) -> bool {
    if origins.theirs.contains(&interview.id) {
        return true;
    }
    origins
        .mine
        .get(&interview.id)
        .is_none_or(|mi| !mi.parts().any(|p| p.codings.iter().any(|x| same(x, c))))
}

/// Incoming codings take their code's new id, and go when their code is not in the
/// codebook (kept deleted here by the user's choice).
fn follow(out: &mut Project, origins: &Origins, renamed: &BTreeMap<String, String>) {
    let known: Vec<String> = out.codebook.codes.iter().map(|c| c.id.clone()).collect();
    for interview in &mut out.interviews {
        let snapshot = interview.clone();
        for codings in interview.codings_mut() {
            for c in codings.iter_mut() {
                if let Some(new) = renamed.get(&c.code)
                    && incoming(origins, &snapshot, c)
                {
                    c.code = new.clone();
                }
            }
            codings.retain(|c| known.contains(&c.code) || !incoming(origins, &snapshot, c));
        }
    }
}

/// Removes a code and every coding with it; its children move up to its parent.
fn remove(out: &mut Project, id: &str) {
    let parent = out.codebook.code(id).and_then(|c| c.parent.clone());
    out.codebook.codes.retain(|c| c.id != id);
    for c in &mut out.codebook.codes {
        if c.parent.as_deref() == Some(id) {
            c.parent = parent.clone();
        }
    }
    for interview in &mut out.interviews {
        for codings in interview.codings_mut() {
            codings.retain(|c| c.code != id);
        }
    }
}

fn replace(out: &mut Project, code: Code) {
    match out.codebook.codes.iter_mut().find(|c| c.id == code.id) {
        Some(slot) => *slot = code,
        None => out.codebook.codes.push(code),
    }
}

/// Whether two codes under one id are different codes: their labels differ in Swedish and
/// in English (beyond case, accents and spaces).
fn different(a: &Code, b: &Code) -> bool {
    let sv = value_key(&a.label.sv) != value_key(&b.label.sv);
    let en = value_key(&a.label.en) != value_key(&b.label.en)
        || (a.label.en.is_empty() && b.label.en.is_empty());
    sv && en
}

/// The fields of a code, each merged on its own.
#[derive(Debug, Clone, Copy)]
enum Field {
    Parent,
    Label,
    Definition,
    Include,
    Exclude,
    Example,
    Colour,
}

impl Field {
    const ALL: [Field; 7] = [
        Field::Parent,
        Field::Label,
        Field::Definition,
        Field::Include,
        Field::Exclude,
        Field::Example,
        Field::Colour,
    ];

    fn side(self, b: Option<&Code>, m: &Code, t: &Code) -> Side {
        match self {
            Field::Parent => pick(b.map(|b| &b.parent), &m.parent, &t.parent),
            Field::Label => pick(b.map(|b| &b.label), &m.label, &t.label),
            Field::Definition => pick(b.map(|b| &b.definition), &m.definition, &t.definition),
            Field::Include => pick(b.map(|b| &b.include), &m.include, &t.include),
            Field::Exclude => pick(b.map(|b| &b.exclude), &m.exclude, &t.exclude),
            Field::Example => pick(b.map(|b| &b.example), &m.example, &t.example),
            Field::Colour => pick(b.map(|b| &b.colour), &m.colour, &t.colour),
        }
    }

    fn copy(self, from: &Code, to: &mut Code) {
        match self {
            Field::Parent => to.parent = from.parent.clone(),
            Field::Label => to.label = from.label.clone(),
            Field::Definition => to.definition = from.definition.clone(),
            Field::Include => to.include = from.include.clone(),
            Field::Exclude => to.exclude = from.exclude.clone(),
            Field::Example => to.example = from.example.clone(),
            Field::Colour => to.colour = from.colour.clone(),
        }
    }
}

/// Mine with the fields only the other copy changed taken from it, and the fields changed
/// in both (every differing field without an ancestor).
fn fields(b: Option<&Code>, m: &Code, t: &Code) -> (Code, Vec<Field>) {
    let mut merged = m.clone();
    let mut clashes = Vec::new();
    for field in Field::ALL {
        match field.side(b, m, t) {
            Side::Mine => {}
            Side::Theirs => field.copy(t, &mut merged),
            Side::Conflict => clashes.push(field),
        }
    }
    (merged, clashes)
}

fn subject(c: &Code) -> String {
    format!("{} {}", c.id, c.label.sv)
}

/// A code as text: labels, definition, rules, colour, parent.
fn show(c: &Code) -> String {
    let mut lines = vec![if c.label.en.is_empty() {
        c.label.sv.clone()
    } else {
        format!("{} / {}", c.label.sv, c.label.en)
    }];
    for text in [
        &c.definition.sv,
        &c.definition.en,
        &c.include,
        &c.exclude,
        &c.example,
    ] {
        if !text.is_empty() {
            lines.push(text.clone());
        }
    }
    let mut tail = c.colour.clone();
    if let Some(parent) = &c.parent {
        tail.push_str(&format!(" · ↑ {parent}"));
    }
    lines.push(tail);
    lines.join("\n")
}
