//! The project an export is written from: interviews without recorded consent left out (unless
//! asked for), and, pseudonymised, every person replaced by `[person N]`, every organisation by
//! `[Organisation N]`, phone numbers, e-mail addresses and identity numbers by `[telefon]`,
//! `[e-post]`, `[personnummer]`, in every text (answers, notes, memos, consent notes, the
//! codebook) and every field that names someone (interviewer, coder, contact people). Coded
//! passages are moved with their words, so codings stay on what they coded.

use std::collections::BTreeSet;

use super::{Finding, Key, Kind, NameBook, Span, find};
use crate::model::{Coding, Interview, Project, value_key};

/// How to prepare a project for export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub pseudonymise: bool,
    /// Keep interviews whose consent is not recorded as given.
    pub without_consent: bool,
}

/// The project to export and what was done to it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub project: Project,
    /// Interviews left out because their consent is not recorded as given.
    pub left_out: Vec<String>,
    /// Whether names and numbers were replaced.
    pub pseudonymised: bool,
}

/// Whether an interview's consent allows exporting it.
pub fn consented(interview: &Interview) -> bool {
    interview.consent.given
}

/// Interviews whose consent says quotes may not be attributed: a report that holds them is
/// pseudonymised unless the user says otherwise.
pub fn unattributable(project: &Project) -> Vec<String> {
    project
        .interviews
        .iter()
        .filter(|i| i.consent.quotes == Some(false))
        .map(|i| i.id.clone())
        .collect()
}

/// What an export of the project at `root` is written from: [`prepare`] with the project's
/// key, pseudonymised also when a counted interview's consent forbids attributing quotes and
/// the export is a `report`. Returns the interviews that forced it (empty when it was asked
/// for or not done) and whether the key, with any new numbers, could be saved.
pub fn for_export(
    project: &Project,
    root: &std::path::Path,
    options: Options,
    report: bool,
) -> (Prepared, Vec<String>, Option<crate::store::Error>) {
    let mut key = Key::load(root).unwrap_or_default();
    let forbidding: Vec<String> = unattributable(project)
        .into_iter()
        .filter(|id| options.without_consent || project.interview(id).is_some_and(consented))
        .collect();
    let forced = report && !options.pseudonymise && !forbidding.is_empty();
    let prepared = prepare(
        project,
        &mut key,
        Options {
            pseudonymise: options.pseudonymise || forced,
            ..options
        },
    );
    let saved = if prepared.pseudonymised {
        key.save(root).err()
    } else {
        None
    };
    (
        prepared,
        if forced { forbidding } else { Vec::new() },
        saved,
    )
}

/// The names a project knows: contact people, interviewers and the key's added names.
pub fn name_book(project: &Project, key: &Key) -> NameBook {
    let mut book = NameBook::default();
    for r in &project.respondents {
        for p in &r.people {
            book.add(&p.name);
        }
    }
    for i in &project.interviews {
        for name in i.interviewer.split([';', ',']) {
            book.add(name);
        }
    }
    for name in &key.names {
        book.add(name);
    }
    // A first name from the list seen inside a sentence anywhere is a name the project knows,
    // so it is found at the start of a sentence too (`Nils handlägger…`).
    let mut seen: Vec<String> = Vec::new();
    for i in &project.interviews {
        let texts = i
            .answers
            .iter()
            .map(|a| a.text.as_str())
            .chain([i.notes.as_str(), i.consent.note.as_str()]);
        for text in texts {
            for hit in super::names::find(text, &book, &[]) {
                if hit.person.is_none() {
                    let found = &text[hit.span.start..hit.span.end];
                    let bare = if hit.genitive {
                        found.trim_end_matches(['s', '\'', '’'])
                    } else {
                        found
                    };
                    seen.push(bare.to_string());
                }
            }
        }
    }
    for name in seen {
        if !book.knows(&name) {
            book.add_sighted(&name);
        }
    }
    book
}

/// The known people of an interview (its respondents' contact people and its interviewer),
/// as indices into `book`, for the names they share with others.
pub fn people_of(project: &Project, interview: &Interview, book: &NameBook) -> Vec<usize> {
    let mut names: Vec<&str> = interview.interviewer.split([';', ',']).collect();
    for id in &interview.respondents {
        if let Some(r) = project.respondent(id) {
            names.extend(r.people.iter().map(|p| p.name.as_str()));
        }
    }
    names.into_iter().filter_map(|n| book.lookup(n)).collect()
}

/// The project to export from `project` under `options`; `key` gets numbers for the people
/// and organisations it did not have yet (the caller saves it).
pub fn prepare(project: &Project, key: &mut Key, options: Options) -> Prepared {
    let mut out = project.clone();
    let mut left_out = Vec::new();
    if !options.without_consent {
        out.interviews.retain(|i| {
            let keep = consented(i);
            if !keep {
                left_out.push(i.id.clone());
            }
            keep
        });
    }
    if options.pseudonymise {
        Pseudonymiser::new(project, key).project(&mut out);
    }
    Prepared {
        project: out,
        left_out,
        pseudonymised: options.pseudonymise,
    }
}

/// Replaces personal data in texts with pseudonyms from a key.
pub struct Pseudonymiser<'k> {
    key: &'k mut Key,
    book: NameBook,
    /// Respondent names as they may appear in text (lowercased) with their ids, by their
    /// first word: a text is searched word by word, not name by name.
    organisations: std::collections::HashMap<String, Vec<(String, String)>>,
    original: Project,
}

impl<'k> Pseudonymiser<'k> {
    pub fn new(project: &Project, key: &'k mut Key) -> Pseudonymiser<'k> {
        let book = name_book(project, key);
        key.number_all(book.people().iter().map(|p| p.name.as_str()));
        for r in &project.respondents {
            key.organisation(project, &r.id);
        }
        let mut organisations: std::collections::HashMap<String, Vec<(String, String)>> =
            std::collections::HashMap::new();
        for r in &project.respondents {
            let name = r.name.trim().to_lowercase();
            if let Some(first) = name.split_whitespace().next()
                && name.chars().count() >= 3
            {
                organisations
                    .entry(bare_word(first).to_string())
                    .or_default()
                    .push((name.clone(), r.id.clone()));
            }
        }
        // Longer names first, so "Företagarföreningen i Hallstahammar" is not cut short.
        for names in organisations.values_mut() {
            names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        }
        Pseudonymiser {
            key,
            book,
            organisations,
            original: project.clone(),
        }
    }

    fn person_pseudonym(&mut self, name: &str) -> String {
        // A name the book knows as one person (a coder's "maria" is Maria Lind) takes that
        // person's number.
        let name = match self.book.lookup(name) {
            Some(i) => self.book.person(i).name.clone(),
            None => name.to_string(),
        };
        format!("[person {}]", self.key.person(&name))
    }

    fn project(&mut self, out: &mut Project) {
        let original = self.original.clone();
        out.title = self.text(&out.title, &[]).0;
        out.description = self.text(&out.description, &[]).0;
        for r in &mut out.respondents {
            r.name = format!("[Organisation {}]", self.key.organisation(&original, &r.id));
            for p in &mut r.people {
                p.name = self.person_pseudonym(&p.name.clone());
                p.email.clear();
                p.phone.clear();
            }
        }
        for code in &mut out.codebook.codes {
            for text in [
                &mut code.definition.sv,
                &mut code.definition.en,
                &mut code.example,
            ] {
                *text = self.text(text, &[]).0;
            }
        }
        for interview in &mut out.interviews {
            let prefer = people_of(&original, interview, &self.book);
            self.interview(interview, &prefer);
        }
    }

    fn interview(&mut self, interview: &mut Interview, prefer: &[usize]) {
        interview.interviewer = interview
            .interviewer
            .split(';')
            .map(|n| self.person_pseudonym(n.trim()))
            .collect::<Vec<_>>()
            .join("; ");
        interview.consent.note = self.text(&interview.consent.note, prefer).0;
        interview.consent.how = self.text(&interview.consent.how, prefer).0;
        if let Some(source) = &mut interview.source {
            source.file = self.text(&source.file, prefer).0;
        }
        for answer in &mut interview.answers {
            let (text, remap) = self.text(&answer.text, prefer);
            answer.text = text;
            self.codings(&mut answer.codings, &remap, prefer);
        }
        let (notes, remap) = self.text(&interview.notes, prefer);
        interview.notes = notes;
        self.codings(&mut interview.notes_codings, &remap, prefer);
    }

    fn codings(&mut self, codings: &mut [Coding], remap: &Remap, prefer: &[usize]) {
        for coding in codings {
            if let Some(span) = &mut coding.span {
                let (start, end) = remap.span(span.start, span.end);
                span.start = start;
                span.end = end;
            }
            coding.coder = self.person_pseudonym(&coding.coder.clone());
            coding.memo = self.text(&coding.memo, prefer).0;
        }
    }

    /// `text` with personal data replaced, and how character positions moved.
    pub fn text(&mut self, text: &str, prefer: &[usize]) -> (String, Remap) {
        if text.is_empty() {
            return (String::new(), Remap::default());
        }
        let mut pieces: Vec<(Span, String)> = Vec::new();
        for f in find(text, &self.book, prefer) {
            let found = &text[f.span.start..f.span.end];
            // A person the project knows is always replaced, whatever was marked.
            if f.person.is_none_or(|p| !self.book.is_known(p)) && self.key.is_not_personal(found) {
                continue;
            }
            pieces.push((f.span, self.replacement(text, &f)));
        }
        let lower = text.to_lowercase();
        if lower.len() == text.len() {
            let mut at = 0;
            for piece in lower.split_inclusive(char::is_whitespace) {
                // `(Almi,` is the word `almi`, starting after the bracket.
                let start = at
                    + (piece.len()
                        - piece
                            .trim_start_matches(|c: char| !c.is_alphanumeric())
                            .len());
                at += piece.len();
                let Some(names) = self.organisations.get(bare_word(piece)) else {
                    continue;
                };
                let Some((name, id)) = names
                    .iter()
                    .find(|(n, _)| lower[start..].starts_with(n.as_str()))
                else {
                    continue;
                };
                let span = Span {
                    start,
                    end: start + name.len(),
                };
                if text.is_char_boundary(span.end)
                    && !pieces
                        .iter()
                        .any(|(p, _)| p.start < span.end && span.start < p.end)
                {
                    let n = self.key.organisation(&self.original, id);
                    pieces.push((span, format!("[Organisation {n}]")));
                }
            }
        }
        pieces.sort_by_key(|(span, _)| span.start);
        replace(text, &pieces)
    }

    fn replacement(&mut self, text: &str, f: &Finding) -> String {
        if f.kind != Kind::Name {
            return f.kind.placeholder().to_string();
        }
        let name = match f.person {
            Some(p) => self.book.person(p).name.clone(),
            None => {
                let found = &text[f.span.start..f.span.end];
                let bare = if f.genitive {
                    found.trim_end_matches(['s', '\'', '’'])
                } else {
                    found
                };
                bare.to_string()
            }
        };
        let n = self.key.person(&name);
        if f.genitive {
            format!("[person {n}]:s")
        } else {
            format!("[person {n}]")
        }
    }
}

/// A word without the punctuation around it.
fn bare_word(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// How character positions of a text moved when pieces of it were replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Remap {
    /// (old start, old end, new start, new end) of each replaced piece, in characters.
    pieces: Vec<(usize, usize, usize, usize)>,
}

impl Remap {
    /// Where a passage `start..end` (characters) lies in the new text; a passage boundary
    /// inside a replaced piece moves out to cover the whole pseudonym.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.position(start, true), self.position(end, false))
    }

    fn position(&self, p: usize, is_start: bool) -> usize {
        let mut shift: isize = 0;
        for &(os, oe, ns, ne) in &self.pieces {
            if p <= os {
                break;
            }
            if p < oe {
                return if is_start { ns } else { ne };
            }
            shift = ne as isize - oe as isize;
        }
        (p as isize + shift) as usize
    }
}

/// `text` with `pieces` (byte spans, in order, not overlapping) replaced.
pub(super) fn replace(text: &str, pieces: &[(Span, String)]) -> (String, Remap) {
    let mut out = String::with_capacity(text.len());
    let mut remap = Remap::default();
    let mut at = 0;
    let mut old_chars = 0;
    let mut new_chars = 0;
    for (span, with) in pieces {
        let kept = &text[at..span.start];
        out.push_str(kept);
        let kept_chars = kept.chars().count();
        old_chars += kept_chars;
        new_chars += kept_chars;
        let old_len = text[span.start..span.end].chars().count();
        let new_len = with.chars().count();
        remap.pieces.push((
            old_chars,
            old_chars + old_len,
            new_chars,
            new_chars + new_len,
        ));
        out.push_str(with);
        old_chars += old_len;
        new_chars += new_len;
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, remap)
}

/// Every distinct string of personal data the project's texts hold for the people in
/// `book` (their names and contact details), for tests and for erasure receipts.
pub fn known_strings(project: &Project) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in &project.respondents {
        for p in &r.people {
            for s in [&p.name, &p.email, &p.phone] {
                if !s.trim().is_empty() {
                    out.insert(s.trim().to_string());
                }
            }
        }
    }
    out.retain(|s| !value_key(s).is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_move_with_their_words() {
        let mut key = Key::default();
        let mut project = crate::store::defaults::project("t");
        project.respondents.push(crate::model::Respondent {
            id: "r1".into(),
            name: "Almi".into(),
            attributes: Default::default(),
            people: vec![crate::model::Person {
                name: "Anna Bergström".into(),
                ..Default::default()
            }],
        });
        let mut p = Pseudonymiser::new(&project, &mut key);
        let text = "Annas mejl är anna@x.se och hon behöver en färdplan.";
        let (out, remap) = p.text(text, &[]);
        assert!(out.starts_with("[person "), "{out}");
        assert!(out.contains("]:s mejl är [e-post] och"), "{out}");
        let at = text.chars().count() - "färdplan.".chars().count();
        let (s, e) = remap.span(at, at + 8);
        let slice: String = out.chars().skip(s).take(e - s).collect();
        assert_eq!(slice, "färdplan");
        // A passage that started inside a name covers the whole pseudonym.
        let (s, _) = remap.span(2, 8);
        assert_eq!(s, 0);
        // The organisation is replaced in the text too, also in brackets and before a comma.
        let (out, _) = p.text("Vi (Almi, i Västerås) och almi.", &[]);
        assert_eq!(out.matches("[Organisation ").count(), 2, "{out}");
    }
}
