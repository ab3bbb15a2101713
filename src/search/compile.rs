//! Turns a parsed query into a tantivy query against one searcher, and records which terms
//! the snippets should highlight.
//!
//! A word is looked up by its base forms (`text`), and also as a part of compounds
//! (`parts`) at a lower, fixed score, so whole-word matches rank first. Accents are letters:
//! a word typed with å, ä or ö matches only words with them. A word typed without them that
//! the lexicon does not know (`radgivning`) also matches the base forms whose accent-free
//! spelling is the same word (`rådgivning`), ranked below exact ones; one it knows (`svar`)
//! is taken as typed.

use std::collections::{BTreeMap, HashSet};

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::analyzer::{self, QueryWord, has_accents};
use super::catalog::{Catalog, attribute_term, normalise};
use super::distance;
use super::note::Note;
use super::parse::{Clause, Node, Parsed};
use super::schema::{Fields, KIND_ANSWER, KIND_NOTES};
use super::stem::{inflects, stem};

/// Weight of a match that needed accent folding, relative to an exact one.
const FOLDED_WEIGHT: f32 = 0.3;
/// Score of a compound match: below any whole-word match of the same word.
const COMPOUND_SCORE: f32 = 0.05;
/// Most words a prefix or a typo expands to; the most frequent are kept.
const MAX_EXPANSIONS: usize = 128;
/// A word found in at most this many answers gets a suggestion, if a near word is commoner.
const FEW: u64 = 1;

/// Terms to highlight, as the analyzer produces them for each field.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    /// Base forms (`text`).
    pub main: HashSet<String>,
    /// Base forms found for a word typed without å, ä and ö (`text`).
    pub folded: HashSet<String>,
    /// Compound parts (`parts`).
    pub parts: HashSet<String>,
}

pub struct Compiled {
    /// `None` when nothing searchable is left (an empty query, only stop words).
    pub query: Option<Box<dyn Query>>,
    pub highlight: Highlight,
    pub notes: Vec<Note>,
    /// Words of the query that found (almost) nothing, each with the word to try instead.
    pub corrections: Vec<(String, String)>,
}

pub fn compile(
    searcher: &Searcher,
    fields: &Fields,
    catalog: &Catalog,
    parsed: Parsed,
) -> Compiled {
    let mut c = Compiler {
        searcher,
        fields,
        catalog,
        notes: parsed.notes,
        stop_words: Vec::new(),
        highlight: Highlight::default(),
        highlighting: true,
        corrections: Vec::new(),
    };
    let query = c.all(&parsed.clauses, true);
    if !c.stop_words.is_empty() {
        c.notes
            .push(Note::StopWords(std::mem::take(&mut c.stop_words)));
    }
    Compiled {
        query,
        highlight: c.highlight,
        notes: c.notes,
        corrections: c.corrections,
    }
}

struct Compiler<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    catalog: &'a Catalog,
    notes: Vec<Note>,
    stop_words: Vec<String>,
    highlight: Highlight,
    /// False inside negated clauses: what is excluded is never highlighted or corrected.
    highlighting: bool,
    corrections: Vec<(String, String)>,
}

impl Compiler<'_> {
    /// Clauses that must all hold (negated ones must not).
    fn all(&mut self, clauses: &[Clause], top: bool) -> Option<Box<dyn Query>> {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in clauses {
            let was = self.highlighting;
            self.highlighting = was && !clause.negated;
            let query = self.node(&clause.node);
            self.highlighting = was;
            if let Some(query) = query {
                parts.push((
                    if clause.negated {
                        Occur::MustNot
                    } else {
                        Occur::Must
                    },
                    query,
                ));
            }
        }
        if parts.is_empty() {
            return None;
        }
        if parts.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            if top {
                self.notes.push(Note::OnlyNegative);
            }
            parts.push((Occur::Must, self.content()));
        }
        if parts.len() == 1 && parts[0].0 == Occur::Must {
            return parts.pop().map(|(_, q)| q);
        }
        Some(Box::new(BooleanQuery::new(parts)))
    }

    fn node(&mut self, node: &Node) -> Option<Box<dyn Query>> {
        match node {
            Node::Word(word) => self.words(word),
            Node::Phrase(text) => self.phrase(text),
            Node::Prefix(prefix) => self.prefix(prefix),
            Node::Fuzzy { word, distance } => self.fuzzy(word, *distance),
            Node::Filter { key, value, prefix } => self.filter(key, value, *prefix),
            Node::Group(clauses) => self.all(clauses, false),
            Node::Or(nodes) => {
                let mut parts: Vec<Box<dyn Query>> =
                    nodes.iter().filter_map(|n| self.node(n)).collect();
                match parts.len() {
                    0 => None,
                    1 => parts.pop(),
                    _ => Some(Box::new(BooleanQuery::union(parts))),
                }
            }
        }
    }

    /// Answers and notes (not the bookkeeping documents): the base of a query that only excludes.
    fn content(&self) -> Box<dyn Query> {
        let kinds = [KIND_ANSWER, KIND_NOTES]
            .iter()
            .map(|k| {
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.kind, k),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect();
        Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::union(kinds)),
            0.0,
        ))
    }

    /// A bare word as typed: one word, or a phrase when it holds several (`e-post`).
    fn words(&mut self, typed: &str) -> Option<Box<dyn Query>> {
        let words = analyzer::query_words(typed);
        match words.as_slice() {
            [] => None,
            [one] => match &one.analysis {
                Some(_) => Some(self.word(one)),
                None => {
                    self.stop_words.push(one.word.clone());
                    None
                }
            },
            _ => self.phrase_of(&words),
        }
    }

    /// One word that is no stop word: its base forms, as a part of compounds, and without
    /// accents if it was typed without them and is no word the lexicon knows.
    fn word(&mut self, word: &QueryWord) -> Box<dyn Query> {
        let Some(analysis) = word.analysis.clone() else {
            return Box::new(EmptyQuery);
        };
        let f = self.fields;
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        let mut found = 0;
        for lemma in &analysis.lemmas {
            let term = Term::from_field_text(f.text, lemma);
            found += self.doc_freq(&term);
            alternatives.push(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
            let part = Term::from_field_text(f.parts, lemma);
            let in_compounds = self.doc_freq(&part);
            if in_compounds > 0 {
                found += in_compounds;
                alternatives.push(Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(part, IndexRecordOption::Basic)),
                    COMPOUND_SCORE,
                )));
            }
        }
        let mut folded_terms = Vec::new();
        if !analysis.known && !has_accents(&word.word) {
            for (term, df) in self.accent_free(&word.word) {
                found += df;
                alternatives.push(Box::new(BoostQuery::new(
                    term_query(f.text, &term),
                    FOLDED_WEIGHT,
                )));
                folded_terms.push(term);
            }
        }
        if self.highlighting {
            self.highlight.main.extend(analysis.lemmas.iter().cloned());
            self.highlight.parts.extend(analysis.lemmas.iter().cloned());
            self.highlight.folded.extend(folded_terms);
            if found <= FEW
                && let Some(better) = self.correction(&word.word, found)
            {
                self.corrections.push((word.word.clone(), better));
            }
        }
        any_of(alternatives)
    }

    fn phrase(&mut self, text: &str) -> Option<Box<dyn Query>> {
        let words = analyzer::query_words(text);
        match words.as_slice() {
            [] => None,
            [one] if one.analysis.is_some() => Some(self.word(one)),
            [one] => {
                self.stop_words.push(format!("\"{}\"", one.word));
                None
            }
            _ => self.phrase_of(&words),
        }
    }

    /// Words in this order, in any of their forms, stop words included. Every adjacent
    /// pair is one term of the `pairs` field (at the position of its second word), so two
    /// words are one posting list and longer phrases a phrase of pairs.
    fn phrase_of(&mut self, words: &[QueryWord]) -> Option<Box<dyn Query>> {
        let f = self.fields;
        if self.highlighting {
            self.highlight.main.extend(
                words
                    .iter()
                    .filter_map(|w| w.analysis.as_ref().map(|a| a.lemmas[0].clone())),
            );
        }
        if words.windows(2).any(|w| w[1].position != w[0].position + 1) {
            // An overlong word in between: nothing can match.
            return Some(Box::new(EmptyQuery));
        }
        let mut pairs: Vec<(usize, Term)> = words
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                let pair = analyzer::pair(w[0].pair_key(), w[1].pair_key());
                (i, Term::from_field_text(f.pairs, &pair))
            })
            .collect();
        if pairs.len() == 1 {
            let (_, term) = pairs.remove(0);
            return Some(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
        }
        Some(Box::new(PhraseQuery::new_with_offset(pairs)))
    }

    /// Words whose base form starts with `prefix` (typed without å, ä and ö, also
    /// those whose base form does without them): `hållbarhets*` finds
    /// `hållbarhetsfrågorna` but never `hållbarhet`, and one posting list serves all forms
    /// of a word.
    fn prefix(&mut self, prefix: &str) -> Option<Box<dyn Query>> {
        let words = analyzer::query_words(prefix);
        let (last, leading) = words.split_last()?;
        let mut parts: Vec<Box<dyn Query>> = leading
            .iter()
            .filter(|w| w.analysis.is_some())
            .map(|w| self.word(w))
            .collect();
        let f = self.fields;
        let mut lemmas = self.terms_with_prefix(f.text, &last.word);
        if !has_accents(&last.word) {
            lemmas.extend(self.terms_where(|term| {
                has_accents(term) && analyzer::fold(term).starts_with(&last.word)
            }));
        }
        let mut found: Vec<(String, u64)> = lemmas.into_iter().collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if found.len() > MAX_EXPANSIONS {
            found.truncate(MAX_EXPANSIONS);
            self.notes.push(Note::PrefixTruncated {
                prefix: last.word.clone(),
                kept: MAX_EXPANSIONS,
            });
        }
        if self.highlighting {
            self.highlight
                .main
                .extend(found.iter().map(|(t, _)| t.clone()));
        }
        parts.push(any_of(
            found.iter().map(|(t, _)| term_query(f.text, t)).collect(),
        ));
        if parts.len() == 1 {
            parts.pop()
        } else {
            Some(Box::new(BooleanQuery::intersection(parts)))
        }
    }

    /// Base forms with å, ä or ö that `typed` (without them) may be a form of: `typed` is
    /// their accent-free spelling with at most one ending (`radgivningen` → `rådgivning`,
    /// `lanet` → `lån` and `län`). A scan of the dictionary, made only for words the
    /// lexicon does not know.
    fn accent_free(&self, typed: &str) -> Vec<(String, u64)> {
        self.terms_where(|term| has_accents(term) && inflects(typed, &analyzer::fold(term)))
            .into_iter()
            .collect()
    }

    /// Every base form of the `text` field that `keep` accepts, with its document frequency.
    fn terms_where(&self, keep: impl Fn(&str) -> bool) -> BTreeMap<String, u64> {
        let mut found = BTreeMap::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.text) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(term) = std::str::from_utf8(stream.key())
                    && keep(term)
                {
                    *found.entry(term.to_string()).or_insert(0) +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        found
    }

    /// Base forms within `distance` typos of `word` (or of it without an ending).
    fn fuzzy(&mut self, word: &str, distance: usize) -> Option<Box<dyn Query>> {
        let typed: Vec<char> = word.to_lowercase().chars().collect();
        let typed_word: String = typed.iter().collect();
        let bare: Vec<char> = stem(&typed_word).chars().collect();
        let mut found: Vec<(String, u64)> = self
            .near(&typed, &bare, distance)
            .into_iter()
            .map(|(t, _, df)| (t, df))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.truncate(MAX_EXPANSIONS);
        if self.highlighting {
            self.highlight
                .main
                .extend(found.iter().map(|(t, _)| t.clone()));
        }
        Some(any_of(
            found
                .iter()
                .map(|(t, _)| term_query(self.fields.text, t))
                .collect(),
        ))
    }

    /// Base forms of the `text` field within `max` typos of `typed` or `bare`, with their
    /// distance and document frequency.
    fn near(&self, typed: &[char], bare: &[char], max: usize) -> Vec<(String, usize, u64)> {
        let mut found: BTreeMap<String, (usize, u64)> = BTreeMap::new();
        let mut candidate: Vec<char> = Vec::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.text) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                candidate.clear();
                candidate.extend(term.chars());
                let d = distance::within(typed, &candidate, max)
                    .into_iter()
                    .chain(distance::within(bare, &candidate, max))
                    .min();
                if let Some(d) = d {
                    let entry = found.entry(term.to_string()).or_insert((d, 0));
                    entry.0 = entry.0.min(d);
                    entry.1 += u64::from(stream.value().doc_freq);
                }
            }
        }
        found.into_iter().map(|(t, (d, df))| (t, d, df)).collect()
    }

    /// The commonest indexed base form nearest to `typed` that is found more often than it.
    fn correction(&self, typed: &str, found: u64) -> Option<String> {
        let chars: Vec<char> = typed.chars().collect();
        if chars.len() < 3 {
            return None;
        }
        let max = if chars.len() <= 4 { 1 } else { 2 };
        let bare: Vec<char> = stem(typed).chars().collect();
        self.near(&chars, &bare, max)
            .into_iter()
            .filter(|(term, d, df)| *d > 0 && *df > found && term != typed)
            .min_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(b.2.cmp(&a.2))
                    .then_with(|| a.0.cmp(&b.0))
            })
            .map(|(term, _, _)| term)
    }

    /// Indexed terms of `field` starting with `prefix`, most frequent first, at most
    /// `MAX_EXPANSIONS`.
    fn expand(&mut self, field: Field, prefix: &str) -> Vec<(String, u64)> {
        let found = self.terms_with_prefix(field, prefix);
        let mut found: Vec<(String, u64)> = found.into_iter().collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if found.len() > MAX_EXPANSIONS {
            found.truncate(MAX_EXPANSIONS);
        }
        found
    }

    /// Every term of `field` starting with `prefix`, with its document frequency summed over
    /// the segments.
    fn terms_with_prefix(&self, field: Field, prefix: &str) -> BTreeMap<String, u64> {
        let mut found = BTreeMap::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(term) = std::str::from_utf8(key) {
                    *found.entry(term.to_string()).or_insert(0) +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        found
    }

    fn doc_freq(&self, term: &Term) -> u64 {
        self.searcher.doc_freq(term).unwrap_or(0)
    }

    /// A filter matches or not; it never changes the ranking.
    fn filter(&mut self, key: &str, value: &str, prefix: bool) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let query: Box<dyn Query> = match normalise(key).as_str() {
            "code" | "kod" => {
                let ids = self.catalog.codes_named(value, prefix);
                if ids.is_empty() {
                    self.notes.push(Note::UnknownCode(value.to_string()));
                }
                any_of(ids.iter().map(|id| term_query(f.code, id)).collect())
            }
            "question" | "fraga" => match self.catalog.question_named(value) {
                Some(id) => term_query(f.question, &id),
                None => {
                    self.notes.push(Note::UnknownQuestion(value.to_string()));
                    Box::new(EmptyQuery)
                }
            },
            "respondent" => self.respondent(value, prefix),
            "date" | "datum" => {
                let dates = self.terms_with_prefix(f.date, value.trim());
                any_of(dates.keys().map(|d| term_query(f.date, d)).collect())
            }
            "interview" | "intervju" => term_query(f.interview, value.trim()),
            _ => match self.catalog.attribute_named(key) {
                Some(id) => {
                    let wanted = attribute_term(id, value);
                    if prefix {
                        let values = self.terms_with_prefix(f.attribute, &wanted);
                        any_of(values.keys().map(|v| term_query(f.attribute, v)).collect())
                    } else {
                        if !self.catalog.has_attribute_value(&wanted) {
                            self.notes.push(Note::UnknownValue {
                                attribute: key.to_string(),
                                value: value.to_string(),
                            });
                        }
                        term_query(f.attribute, &wanted)
                    }
                }
                None => {
                    self.notes.push(Note::UnknownFilter(key.to_string()));
                    let value = if prefix {
                        Node::Prefix(value.to_string())
                    } else {
                        Node::Word(value.to_string())
                    };
                    let words = vec![
                        Clause {
                            negated: false,
                            node: Node::Word(key.to_string()),
                        },
                        Clause {
                            negated: false,
                            node: value,
                        },
                    ];
                    return self.all(&words, false);
                }
            },
        };
        Some(Box::new(ConstScoreQuery::new(query, 0.0)))
    }

    /// A respondent by id, or by words of its name (`respondent:almi`, `respondent:"almi mäl*"`).
    fn respondent(&mut self, value: &str, prefix: bool) -> Box<dyn Query> {
        let f = self.fields;
        if self.catalog.is_respondent(value.trim()) {
            return term_query(f.respondent, value.trim());
        }
        let words = analyzer::folded_terms(value);
        let mut parts: Vec<Box<dyn Query>> = Vec::new();
        let mut found = !words.is_empty();
        for (i, (_, word)) in words.iter().enumerate() {
            if prefix && i + 1 == words.len() {
                let names = self.expand(f.respondent_name, word);
                found &= !names.is_empty();
                parts.push(any_of(
                    names
                        .iter()
                        .map(|(n, _)| term_query(f.respondent_name, n))
                        .collect(),
                ));
            } else {
                let term = Term::from_field_text(f.respondent_name, word);
                found &= self.doc_freq(&term) > 0;
                parts.push(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
            }
        }
        if !found {
            self.notes.push(Note::UnknownRespondent(value.to_string()));
        }
        match parts.len() {
            0 => Box::new(EmptyQuery),
            1 => parts.remove(0),
            _ => Box::new(BooleanQuery::intersection(parts)),
        }
    }
}

/// Filter keys resolved from the codebook, the guide and the index alone; any other key names
/// a respondent or an attribute of respondents.
const WITHOUT_RESPONDENTS: [&str; 8] = [
    "code",
    "kod",
    "question",
    "fraga",
    "date",
    "datum",
    "interview",
    "intervju",
];

/// Whether `parsed` filters by respondent or by an attribute, which only a catalog with the
/// respondents can resolve (`Catalog::light` has none).
pub fn names_respondents(parsed: &Parsed) -> bool {
    fn names(node: &Node) -> bool {
        match node {
            Node::Filter { key, .. } => !WITHOUT_RESPONDENTS.contains(&normalise(key).as_str()),
            Node::Or(nodes) => nodes.iter().any(names),
            Node::Group(clauses) => clauses.iter().any(|c| names(&c.node)),
            Node::Word(_) | Node::Prefix(_) | Node::Fuzzy { .. } | Node::Phrase(_) => false,
        }
    }
    parsed.clauses.iter().any(|c| names(&c.node))
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(EmptyQuery),
        1 => queries.remove(0),
        _ => Box::new(BooleanQuery::union(queries)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse::parse;

    #[test]
    fn only_filters_by_respondent_or_attribute_need_the_respondents() {
        for query in [
            "finansiering",
            "\"grön omställning\" -bidrag",
            "code:finansiering färdpl*",
            "(fråga:3 OR datum:2026*) intervju:i001",
            "Kod:Finansiering",
        ] {
            assert!(!names_respondents(&parse(query)), "{query}");
        }
        for query in [
            "respondent:almi",
            "typ:kommun",
            "finansiering (a OR Kommun:Gävle)",
            "-municipality:Örebro",
        ] {
            assert!(names_respondents(&parse(query)), "{query}");
        }
    }
}
