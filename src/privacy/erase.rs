//! Erasure on request (GDPR art. 17): an organisation or a person removed from every file of
//! the project. `plan` works out the change as pure data (what `behov erase` shows before it
//! asks); `apply` writes it as one change and clears what is derived from the old text.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::pseudonymise::{Remap, name_book, people_of, replace};
use super::{Key, Kind, Span, find};
use crate::model::{Coding, Interview, Project, value_key};
use crate::search::{Access, SearchIndex};
use crate::store::{self, Batch, LOCAL_DIR, Store, journal};

/// What stands where an erased person or organisation was named.
pub const ERASED: &str = "[raderad]";

/// Who to erase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An organisation by id or name, with its people and its interviews.
    Respondent(String),
    /// A person by name: their contact details, their words and every mention.
    Person(String),
}

/// The change an erasure makes, and what it removes.
#[derive(Debug, Clone)]
pub struct Plan {
    pub project: Project,
    pub changed: Vec<Interview>,
    pub deleted: Vec<String>,
    pub key: Key,
    /// The strings that must not be found anywhere afterwards (names, e-mail addresses,
    /// phone numbers).
    pub strings: BTreeSet<String>,
    pub receipt: Receipt,
}

/// What was (or will be) erased, for the user and the organisation's records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// Who, as the user named them.
    pub target: String,
    pub respondents_removed: Vec<String>,
    pub people_removed: Vec<String>,
    pub interviews_deleted: Vec<String>,
    pub interviews_changed: Vec<String>,
    /// Turns spoken by the person (`Name: …` up to the next speaker) removed from group
    /// interviews.
    pub turns_removed: usize,
    /// Mentions replaced by `[raderad]`.
    pub mentions_replaced: usize,
    pub codings_removed: usize,
    pub key_entries_removed: usize,
    /// Set by `apply`: typed text folded from the journal before erasing, lines of damaged
    /// journal copies removed, the search index rebuilt, files still holding an erased string.
    pub journal_folded: usize,
    pub damaged_journal_lines_removed: usize,
    pub index_rebuilt: bool,
    pub traces: Vec<PathBuf>,
}

/// Works out the erasure of `target` from `project`; an error is a sentence for the user.
pub fn plan(project: &Project, key: &Key, target: &Target) -> Result<Plan, String> {
    let mut receipt = Receipt::default();
    let mut out = project.clone();
    let mut people: Vec<crate::model::Person> = Vec::new();
    let mut respondent: Option<(String, String)> = None;
    match target {
        Target::Respondent(name) => {
            receipt.target = name.clone();
            let found: Vec<&crate::model::Respondent> = project
                .respondents
                .iter()
                .filter(|r| r.id == *name || value_key(&r.name) == value_key(name))
                .collect();
            let r = match found.as_slice() {
                [one] => *one,
                [] => {
                    return Err(format!(
                        "no respondent has the id or name '{name}'; behov privacy report lists them"
                    ));
                }
                many => {
                    return Err(format!(
                        "several respondents are named '{name}' ({}); give the id",
                        many.iter()
                            .map(|r| r.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            };
            people.extend(r.people.iter().cloned());
            respondent = Some((r.id.clone(), r.name.clone()));
            out.respondents.retain(|x| x.id != r.id);
            receipt.respondents_removed.push(r.id.clone());
        }
        Target::Person(name) => {
            receipt.target = name.clone();
            let key_name = value_key(name);
            if key_name.is_empty() {
                return Err("say whose data to erase: --person NAME".into());
            }
            for r in &project.respondents {
                people.extend(
                    r.people
                        .iter()
                        .filter(|p| value_key(&p.name) == key_name)
                        .cloned(),
                );
            }
            if people.is_empty() {
                people.push(crate::model::Person {
                    name: name.trim().to_string(),
                    ..Default::default()
                });
            }
        }
    }
    let names: Vec<String> = people.iter().map(|p| p.name.clone()).collect();
    for r in &mut out.respondents {
        let before = r.people.len();
        r.people
            .retain(|p| !names.iter().any(|n| value_key(n) == value_key(&p.name)));
        if r.people.len() != before {
            receipt.people_removed.push(r.id.clone());
        }
    }
    if let Some((id, _)) = &respondent {
        receipt.people_removed.push(id.clone());
    }
    receipt.people_removed.dedup();

    let mut strings = BTreeSet::new();
    for p in &people {
        for s in [&p.name, &p.email, &p.phone] {
            if !s.trim().is_empty() {
                strings.insert(s.trim().to_string());
            }
        }
    }
    if let Some((_, name)) = &respondent {
        strings.insert(name.trim().to_string());
    }

    let mut book = name_book(project, key);
    let erased: BTreeSet<usize> = names.iter().filter_map(|n| book.add(n)).collect();
    let eraser = Eraser {
        book: &book,
        erased: &erased,
        people: &people,
        organisation: respondent.as_ref().map(|(_, n)| n.to_lowercase()),
    };
    let mut changed = Vec::new();
    let mut deleted = Vec::new();
    for interview in &project.interviews {
        if let Some((id, _)) = &respondent
            && interview.respondents == [id.clone()]
        {
            deleted.push(interview.id.clone());
            continue;
        }
        let mut new = interview.clone();
        if let Some((id, _)) = &respondent {
            new.respondents.retain(|r| r != id);
        }
        let prefer = people_of(project, interview, &book);
        eraser.interview(&mut new, &prefer, &mut receipt);
        if new != *interview {
            changed.push(new);
        }
    }
    for i in &mut out.interviews {
        if let Some(c) = changed.iter().find(|c| c.id == i.id) {
            *i = c.clone();
        }
    }
    out.interviews.retain(|i| !deleted.contains(&i.id));

    let mut new_key = key.clone();
    if let Some((id, _)) = &respondent
        && new_key.organisations.remove(id).is_some()
    {
        receipt.key_entries_removed += 1;
    }
    let remaining = name_book(&out, &Key::default());
    for n in &names {
        let mut forms = vec![value_key(n)];
        // A first name alone goes too when no one else the project knows has it.
        if let Some(first) = n.split_whitespace().next()
            && !remaining
                .people()
                .iter()
                .any(|p| p.name.split_whitespace().next().map(value_key) == Some(value_key(first)))
        {
            forms.push(value_key(first));
        }
        for form in forms {
            if new_key.people.remove(&form).is_some() {
                receipt.key_entries_removed += 1;
            }
        }
        new_key.names.retain(|m| value_key(m) != value_key(n));
    }
    receipt.interviews_deleted = deleted.clone();
    receipt.interviews_changed = changed.iter().map(|i| i.id.clone()).collect();
    if deleted.is_empty() && changed.is_empty() && respondent.is_none() && erased.is_empty() {
        return Err(format!(
            "no one named '{}' was found in the project",
            receipt.target
        ));
    }
    Ok(Plan {
        project: out,
        changed,
        deleted,
        key: new_key,
        strings,
        receipt,
    })
}

struct Eraser<'a> {
    book: &'a super::NameBook,
    erased: &'a BTreeSet<usize>,
    people: &'a [crate::model::Person],
    organisation: Option<String>,
}

impl Eraser<'_> {
    fn interview(&self, interview: &mut Interview, prefer: &[usize], receipt: &mut Receipt) {
        let is_erased = |name: &str| {
            let k = value_key(name);
            !k.is_empty()
                && self.people.iter().any(|p| {
                    value_key(&p.name) == k
                        || (p.name.split_whitespace().next().map(value_key) == Some(k.clone())
                            && !k.contains(' '))
                })
        };
        let interviewers: Vec<String> = interview
            .interviewer
            .split(';')
            .map(|n| {
                if is_erased(n) {
                    ERASED.to_string()
                } else {
                    n.trim().to_string()
                }
            })
            .collect();
        if interviewers.iter().any(|n| n == ERASED) {
            interview.interviewer = interviewers.join("; ");
        }
        // Who took part names people too: an erased person leaves the list.
        interview.participants.retain(|p| !is_erased(&p.name));
        interview.consent.note = self.text(&interview.consent.note, prefer, false, receipt).0;
        for answer in &mut interview.answers {
            let had_text = !answer.text.trim().is_empty();
            let (text, remap) = self.text(&answer.text, prefer, true, receipt);
            answer.text = text;
            self.codings(&mut answer.codings, &remap, prefer, receipt, &is_erased);
            if had_text && answer.text.trim().is_empty() {
                receipt.codings_removed += answer.codings.len();
                answer.codings.clear();
                answer.time = None;
            }
        }
        let (notes, remap) = self.text(&interview.notes, prefer, true, receipt);
        interview.notes = notes;
        self.codings(
            &mut interview.notes_codings,
            &remap,
            prefer,
            receipt,
            &is_erased,
        );
    }

    fn codings(
        &self,
        codings: &mut Vec<Coding>,
        remap: &Remap,
        prefer: &[usize],
        receipt: &mut Receipt,
        is_erased: &dyn Fn(&str) -> bool,
    ) {
        let before = codings.len();
        codings.retain_mut(|c| {
            if let Some(span) = &mut c.span {
                let (s, e) = remap.span(span.start, span.end);
                if s >= e {
                    return false;
                }
                span.start = s;
                span.end = e;
            }
            true
        });
        receipt.codings_removed += before - codings.len();
        for c in codings.iter_mut() {
            if is_erased(&c.coder) {
                c.coder = ERASED.to_string();
            }
            c.memo = self.text(&c.memo, prefer, false, receipt).0;
        }
    }

    /// `text` without the erased people's paragraphs (`Name: …`, when `turns`) and with
    /// every mention of them replaced.
    fn text(
        &self,
        text: &str,
        prefer: &[usize],
        turns: bool,
        receipt: &mut Receipt,
    ) -> (String, Remap) {
        if text.is_empty() {
            return (String::new(), Remap::default());
        }
        let mut pieces: Vec<(Span, String)> = Vec::new();
        if turns {
            // A turn runs from a speaker's label (`Birgitta: `, starting a line or a
            // sentence) to the next label; the erased people's turns go whole.
            let labels: Vec<(usize, bool)> = super::names::find(text, self.book, prefer)
                .into_iter()
                .filter(|h| {
                    text[h.span.end..].starts_with(':')
                        && super::names::starts_sentence(text, h.span.start)
                })
                .map(|h| {
                    (
                        h.span.start,
                        h.person.is_some_and(|p| self.erased.contains(&p)),
                    )
                })
                .collect();
            for (k, &(start, erased)) in labels.iter().enumerate() {
                if erased {
                    let end = labels.get(k + 1).map_or(text.len(), |&(next, _)| next);
                    pieces.push((Span { start, end }, String::new()));
                    receipt.turns_removed += 1;
                }
            }
        }
        let inside = |span: Span, pieces: &[(Span, String)]| {
            pieces
                .iter()
                .any(|(p, _)| p.start < span.end && span.start < p.end)
        };
        let contacts: Vec<String> = self
            .people
            .iter()
            .flat_map(|p| [p.email.trim().to_lowercase(), p.phone.trim().to_string()])
            .filter(|s| !s.is_empty())
            .collect();
        for f in find(text, self.book, prefer) {
            let found = &text[f.span.start..f.span.end];
            let hit = match f.kind {
                Kind::Name => f.person.is_some_and(|p| self.erased.contains(&p)),
                Kind::Email => contacts.contains(&found.to_lowercase()),
                Kind::Phone => contacts.iter().any(|c| digits(c) == digits(found)),
                _ => false,
            };
            if hit && !inside(f.span, &pieces) {
                pieces.push((f.span, ERASED.to_string()));
                receipt.mentions_replaced += 1;
            }
        }
        if let Some(org) = &self.organisation {
            let lower = text.to_lowercase();
            if lower.len() == text.len() && org.chars().count() >= 3 {
                for (at, _) in lower.match_indices(org.as_str()) {
                    let span = Span {
                        start: at,
                        end: at + org.len(),
                    };
                    if text.is_char_boundary(span.end) && !inside(span, &pieces) {
                        pieces.push((span, ERASED.to_string()));
                        receipt.mentions_replaced += 1;
                    }
                }
            }
        }
        pieces.sort_by_key(|(span, _)| span.start);
        replace(text, &pieces)
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Carries out `plan` on the project at `root`, which `opened` holds for writing: the files
/// as one change, the pseudonym key, damaged journal copies, the search index rebuilt from
/// the new files; then every file under the project is searched for the erased strings.
pub fn apply(
    opened: &mut store::Opened,
    mut plan: Plan,
) -> Result<Receipt, crate::failure::Failure> {
    let root = opened.store.root().to_path_buf();
    let mut batch = Batch::new();
    batch.project(plan.project.clone());
    for i in &plan.changed {
        batch.interview(i.clone());
    }
    for id in &plan.deleted {
        batch.delete_interview(id);
    }
    opened.store.save_batch(&batch)?;
    plan.key.replace(&root)?;
    store::merge::forget(&root)?;
    plan.receipt.damaged_journal_lines_removed = clean_damaged_copies(&root, &plan.strings)?;
    // The index is built again from the new files and the old folder deleted: a segment
    // that still held the erased words cannot survive, merged or not.
    let index = crate::search::index_dir(&root);
    for dir in [
        index.clone(),
        index.with_extension("new"),
        index.with_extension("old"),
    ] {
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| store::Error::io(&dir, e))?;
        }
    }
    // The kept summary index holds ids, coder and interviewer names: it goes, and the next
    // summary builds it again from the new files.
    let summary = store::summary_index::summary_index_path(&root);
    if summary.exists() {
        fs::remove_file(&summary).map_err(|e| store::Error::io(&summary, e))?;
    }
    let (mut rebuilt, _) = SearchIndex::open(&root, &plan.project, Access::Write, &mut |_| {})?;
    rebuilt.release_writer()?;
    plan.receipt.index_rebuilt = true;
    opened.project = plan.project;
    plan.receipt.traces = traces(&root, &plan.strings);
    Ok(plan.receipt)
}

/// Folds typing still in the journal into the interview files and empties the journal, so no
/// line of it holds text from before the erasure. Returns how many interviews were saved.
pub fn fold_journal(opened: &mut store::Opened) -> Result<usize, crate::failure::Failure> {
    Ok(journal::fold(&opened.store, &mut opened.project)?)
}

/// Removes the lines holding an erased string from the copies of damaged journal lines.
fn clean_damaged_copies(root: &Path, strings: &BTreeSet<String>) -> store::Result<usize> {
    let dir = root.join(LOCAL_DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("journal-unreadable-") {
            continue;
        }
        let path = entry.path();
        let bytes = fs::read(&path).map_err(|e| store::Error::io(&path, e))?;
        let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let kept: Vec<&[u8]> = lines
            .iter()
            .copied()
            .filter(|l| !holds_any(l, strings))
            .collect();
        if kept.len() != lines.len() {
            removed += lines.len() - kept.len();
            if kept.iter().all(|l| l.is_empty()) {
                fs::remove_file(&path).map_err(|e| store::Error::io(&path, e))?;
            } else {
                store::write_atomic(&path, &kept.join(&b'\n'))?;
            }
        }
    }
    Ok(removed)
}

fn holds_any(bytes: &[u8], strings: &BTreeSet<String>) -> bool {
    let lower = String::from_utf8_lossy(bytes).to_lowercase();
    strings
        .iter()
        .any(|s| lower.contains(&s.to_lowercase()) || json_escaped(&lower, s))
}

/// JSON writes non-ASCII as itself, but a hand-edited file may escape it (`\u00f6`).
fn json_escaped(lower: &str, s: &str) -> bool {
    let escaped: String = s
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\u{:04x}", c as u32)
            }
        })
        .collect();
    escaped != s.to_lowercase() && lower.contains(&escaped)
}

/// Every file under `root` (`.behov/` included) that still holds one of `strings`, in any
/// case.
pub fn traces(root: &Path, strings: &BTreeSet<String>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() && fs::read(&path).is_ok_and(|b| holds_any(&b, strings)) => {
                    found.push(path);
                }
                _ => {}
            }
        }
    }
    found.sort();
    found
}

/// Opens the project at `root` for erasure: writable, with the journal folded.
pub fn open(root: &Path) -> Result<store::Opened, crate::failure::Failure> {
    let mut opened = Store::open(root)?;
    if let Some(reason) = opened.store.read_only_reason() {
        return Err(crate::failure::Failure {
            message: format!("nothing can be erased now: {reason}"),
            code: 1,
        });
    }
    fold_journal(&mut opened)?;
    Ok(opened)
}
