//! People's names in text: every person the project knows (contact people, interviewers, names
//! added to the project's pseudonym list), in any position and in the genitive (`Marias`,
//! `Lidbergs`, `Lars'`), and first names from the shipped list of common Swedish first names
//! where they do not start a sentence, with a surname that follows them.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use super::Span;
use crate::model::value_key;

const FIRST_NAMES: &str = include_str!("data/first_names.txt");
const LAST_NAMES: &str = include_str!("data/last_names.txt");

/// First names in the list that, capitalised inside a Swedish sentence, are more often
/// something else (a court, a municipality, a word of a title): not names on their own, but
/// still names when the project knows a person by them.
const NOT_ALONE: &[&str] = &[
    "Svea", "Mark", "Nova", "Vega", "Viking", "Del", "May", "Bill", "Saga", "Luna", "Iris", "Ben",
    "Juni", "Maj", "Lo", "My", "Li", "Thi", "Love", "Rose", "Green", "Frank", "Alba", "Kumar",
    "Sam", "Urban", "Chen",
];

/// Endings of Swedish surnames, for a surname after a first name that is not in the list.
const SURNAME_ENDINGS: &[&str] = &[
    "son", "sen", "berg", "ström", "strom", "qvist", "kvist", "gren", "lund", "dahl", "holm",
    "ander", "blad", "bäck", "by", "fors", "hammar", "lin", "lén", "én", "man", "mark", "ros",
    "stedt", "sjö", "vall",
];

/// Abbreviations after which a capital letter does not start a sentence.
const ABBREVIATIONS: &[&str] = &[
    "t.ex", "ex", "bl.a", "bla", "dvs", "d.v.s", "m.fl", "mfl", "ca", "resp", "t.o.m", "fr.o.m",
    "kl", "nr", "jfr", "inkl", "exkl", "enl", "tf", "f.d", "fd", "ordf", "s.k",
];

fn first_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| FIRST_NAMES.lines().filter(|l| !l.is_empty()).collect())
}

fn last_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| LAST_NAMES.lines().filter(|l| !l.is_empty()).collect())
}

/// Whether `word` is in the shipped list of first names (as written, capitalised).
pub fn is_common_first_name(word: &str) -> bool {
    first_names().contains(word)
}

/// A person the project knows, by full name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub name: String,
}

/// The names a project knows, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct NameBook {
    people: Vec<Known>,
    /// A whole name as its words (value keys) → the person.
    full: BTreeMap<Vec<String>, usize>,
    /// One word of a name (first or last, value key) → the people it may mean.
    single: BTreeMap<String, BTreeSet<usize>>,
    /// People known only because their name was seen in the text (a first name from the
    /// list), not from the project's records: they may be marked "not personal data".
    sighted: BTreeSet<usize>,
}

impl NameBook {
    /// A book of `names` (people's full names); duplicates in any spelling are one person.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameBook {
        let mut book = NameBook::default();
        for name in names {
            book.add(name);
        }
        book
    }

    /// Adds a name seen in the text (see `sighted`).
    pub fn add_sighted(&mut self, name: &str) -> Option<usize> {
        let before = self.people.len();
        let person = self.add(name)?;
        if person >= before {
            self.sighted.insert(person);
        }
        Some(person)
    }

    /// Whether the project's records know the person (a contact person, an interviewer, a
    /// name on the pseudonym list), rather than only the text.
    pub fn is_known(&self, person: usize) -> bool {
        !self.sighted.contains(&person)
    }

    pub fn add(&mut self, name: &str) -> Option<usize> {
        let words: Vec<String> = name_words(name).iter().map(|w| value_key(w)).collect();
        if words.is_empty() {
            return None;
        }
        if let Some(&person) = self.full.get(&words) {
            return Some(person);
        }
        let person = self.people.len();
        self.people.push(Known {
            name: name.trim().to_string(),
        });
        if words.len() > 1 {
            self.full.insert(words.clone(), person);
        }
        for word in words {
            self.single.entry(word).or_default().insert(person);
        }
        Some(person)
    }

    /// The one person whose whole name, or one of whose names, is `name` (in any case: a
    /// coder's `maria` is Maria Lind when no one else is called Maria).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let words: Vec<String> = name_words(name).iter().map(|w| value_key(w)).collect();
        match words.as_slice() {
            [] => None,
            [one] => match self.single.get(one) {
                Some(people) if people.len() == 1 => people.iter().next().copied(),
                _ => None,
            },
            _ => self.full.get(&words).copied(),
        }
    }

    /// Whether any person the book knows has `name` as their whole name or one of their names.
    pub fn knows(&self, name: &str) -> bool {
        let words: Vec<String> = name_words(name).iter().map(|w| value_key(w)).collect();
        match words.as_slice() {
            [] => false,
            [one] => self.single.contains_key(one),
            _ => self.full.contains_key(&words),
        }
    }

    pub fn people(&self) -> &[Known] {
        &self.people
    }

    pub fn person(&self, index: usize) -> &Known {
        &self.people[index]
    }
}

/// The words of a name: letters with inner hyphens (`Ann-Britt`, `Lind-Persson`).
fn name_words(name: &str) -> Vec<&str> {
    words(name)
        .into_iter()
        .map(|w| &name[w.start..w.end])
        .collect()
}

/// A name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    pub span: Span,
    /// The known person it names, when one is certain; `None` for a name from the list, or a
    /// word several known people share (unless one of them is `prefer`red).
    pub person: Option<usize>,
    /// Whether the last word is in the genitive (`Annas`): a pseudonym keeps the ending.
    pub genitive: bool,
}

/// Words of `text`: runs of letters, with `-` or `'` between letters kept inside.
fn words(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
        } else if start.is_some()
            && matches!(c, '-' | '\'' | '’')
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            continue;
        } else if let Some(s) = start.take() {
            out.push(Span {
                start: s,
                end: last_end,
            });
        }
    }
    if let Some(s) = start {
        out.push(Span {
            start: s,
            end: last_end,
        });
    }
    out
}

fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && !chars.all(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// Whether the word at byte `start` begins a sentence: only spaces, quotes, brackets and
/// dashes lie between it and the start of the text, a line break, or `.`, `!`, `?`, `:`, `…`
/// (after anything but an abbreviation such as `t.ex.`).
pub(super) fn starts_sentence(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let mut rest = before.trim_end_matches(|c: char| {
        (c.is_whitespace() && c != '\n')
            || matches!(
                c,
                '"' | '”'
                    | '“'
                    | '„'
                    | '«'
                    | '»'
                    | '('
                    | '['
                    | '-'
                    | '–'
                    | '—'
                    | '\''
                    | '‘'
                    | '’'
            )
    });
    let Some(last) = rest.chars().next_back() else {
        return true;
    };
    match last {
        '\n' | '!' | '?' | ':' | '…' => true,
        '.' => {
            rest = &rest[..rest.len() - 1];
            let word: String = rest
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        }
        _ => false,
    }
}

/// The word without a genitive ending, if it has one: `Annas` → `Anna`, `Lars'` → `Lars`.
fn strip_genitive(word: &str) -> Option<&str> {
    word.strip_suffix(['\'', '’'])
        .or_else(|| word.strip_suffix('s').filter(|w| w.chars().count() >= 2))
}

/// Names in `text`. `prefer` are people to choose when a word names several (the people of
/// the interview the text belongs to).
pub fn find(text: &str, book: &NameBook, prefer: &[usize]) -> Vec<NameHit> {
    let words = words(text);
    let word = |i: usize| &text[words[i].start..words[i].end];
    let mut hits = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // The longest known full name starting here (its last word may be in the genitive).
        let mut matched = None;
        for len in (2..=4.min(words.len() - i)).rev() {
            if !(i..i + len).all(|j| capitalised(word(j))) || !adjacent(text, &words[i..i + len]) {
                continue;
            }
            let mut keys: Vec<String> = (i..i + len).map(|j| value_key(word(j))).collect();
            if let Some(&p) = book.full.get(&keys) {
                matched = Some((len, Some(p), false));
                break;
            }
            if let Some(stem) = strip_genitive(word(i + len - 1)) {
                *keys.last_mut().expect("len >= 2") = value_key(stem);
                if let Some(&p) = book.full.get(&keys) {
                    matched = Some((len, Some(p), true));
                    break;
                }
            }
        }
        if matched.is_none() && capitalised(word(i)) {
            let w = word(i);
            let known = |w: &str| book.single.get(&value_key(w));
            if let Some(people) = known(w) {
                matched = Some((1, choose(people, prefer), false));
            } else if let Some(people) = strip_genitive(w).and_then(known) {
                matched = Some((1, choose(people, prefer), true));
            } else if !starts_sentence(text, words[i].start)
                || text[words[i].end..].starts_with(':')
            {
                // A speaker's label (`Nils: …`) names a person wherever it stands.
                let listed = |w: &str| first_names().contains(w) && !NOT_ALONE.contains(&w);
                if listed(w) {
                    matched = Some((1, None, false));
                } else if strip_genitive(w).is_some_and(listed) {
                    matched = Some((1, None, true));
                }
                // A surname right after a first name from the list belongs to it.
                if matches!(matched, Some((1, None, false)))
                    && i + 1 < words.len()
                    && adjacent(text, &words[i..i + 2])
                    && is_surname(word(i + 1))
                {
                    let genitive = !last_names().contains(word(i + 1))
                        && strip_genitive(word(i + 1)).is_some_and(|s| last_names().contains(s));
                    matched = Some((2, None, genitive));
                }
            }
        }
        match matched {
            Some((len, person, genitive)) => {
                hits.push(NameHit {
                    span: Span {
                        start: words[i].start,
                        end: words[i + len - 1].end,
                    },
                    person,
                    genitive,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    hits
}

fn choose(people: &BTreeSet<usize>, prefer: &[usize]) -> Option<usize> {
    let preferred: Vec<usize> = people
        .iter()
        .copied()
        .filter(|p| prefer.contains(p))
        .collect();
    match (preferred.as_slice(), people.len()) {
        ([one], _) => Some(*one),
        ([], 1) => people.iter().next().copied(),
        _ => None,
    }
}

fn is_surname(word: &str) -> bool {
    if !capitalised(word) {
        return false;
    }
    let bare = strip_genitive(word).unwrap_or(word);
    last_names().contains(word)
        || last_names().contains(bare)
        || SURNAME_ENDINGS
            .iter()
            .any(|e| bare.ends_with(e) && bare.chars().count() > e.chars().count() + 2)
}

/// Whether the words are separated by single spaces only (a name does not run over a comma).
fn adjacent(text: &str, words: &[Span]) -> bool {
    words
        .windows(2)
        .all(|w| matches!(&text[w[0].end..w[1].start], " " | "\u{a0}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, book: &NameBook) -> Vec<String> {
        find(text, book, &[])
            .iter()
            .map(|h| text[h.span.start..h.span.end].to_string())
            .collect()
    }

    #[test]
    fn known_people_in_any_position_and_the_genitive() {
        let book = NameBook::new(["Anna Bergström", "Mikael Sandberg", "Jonas Lidberg"]);
        assert_eq!(
            found("Anna har haft ansvaret. Mikael är lots.", &book),
            ["Anna", "Mikael"]
        );
        assert_eq!(
            found("Det var Annas idé och Lidbergs budget.", &book),
            ["Annas", "Lidbergs"]
        );
        let hits = find("Vi talade med Anna Bergströms kollega.", &book, &[]);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].person, Some(0));
        assert!(hits[0].genitive);
    }

    #[test]
    fn listed_first_names_not_at_sentence_start() {
        let book = NameBook::default();
        assert_eq!(
            found(
                "Petra och Nils intervjuades. Sedan kom Nils Andersson.",
                &book
            ),
            ["Nils", "Nils Andersson"]
        );
        assert_eq!(found("Vi träffade t.ex. Karin där.", &book), ["Karin"]);
        assert!(found("Svea hovrätt och Mark kommun.", &book).is_empty());
        assert!(found("Det är en bra dag.", &book).is_empty());
    }

    #[test]
    fn an_ambiguous_word_prefers_the_interviews_people() {
        let book = NameBook::new(["Anna Bergström", "Anna Lind"]);
        assert_eq!(find("med Anna", &book, &[])[0].person, None);
        assert_eq!(find("med Anna", &book, &[1])[0].person, Some(1));
    }
}
