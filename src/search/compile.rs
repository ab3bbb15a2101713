//! Turns a parsed query into a tantivy query against one searcher, and records which terms
//! the snippets should highlight.
//!
//! Every word is searched in two fields: `text` (exact spelling, stemmed) and `folded`
//! (accents removed) at a lower weight, so `radgivning` finds `rådgivning` and exact spelling
//! ranks first. The folded field always matches a superset of the documents of the exact
//! term; when both have the same document frequency they match the very same documents and
//! the folded term is left out, which halves the work for the usual case.

use std::collections::{BTreeMap, HashSet};

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::analyzer::{self, fold_into};
use super::catalog::{Catalog, attribute_term, normalise};
use super::note::Note;
use super::parse::{Clause, Node, Parsed};
use super::schema::{Fields, KIND_ANSWER, KIND_NOTES};
use super::stem::stem;

/// Weight of a match that needed accent folding, relative to an exact one.
const FOLDED_WEIGHT: f32 = 0.3;
/// Most words a prefix expands to; the most frequent are kept.
const MAX_EXPANSIONS: usize = 64;

/// Terms to highlight, as the analyzer produces them for the `text` and `folded` fields.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    pub main: HashSet<String>,
    pub folded: HashSet<String>,
}

pub struct Compiled {
    /// `None` when nothing searchable is left (an empty query, only stop words).
    pub query: Option<Box<dyn Query>>,
    pub highlight: Highlight,
    pub notes: Vec<Note>,
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
    }
}

struct Compiler<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    catalog: &'a Catalog,
    notes: Vec<Note>,
    stop_words: Vec<String>,
    highlight: Highlight,
    /// False inside negated clauses: what is excluded is never highlighted.
    highlighting: bool,
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
            Node::Word(word) => self.word(word),
            Node::Phrase(text) => self.phrase(text),
            Node::Prefix(prefix) => self.prefix(prefix),
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

    fn word(&mut self, word: &str) -> Option<Box<dyn Query>> {
        let main = analyzer::terms(word, false);
        if main.is_empty() {
            if word.chars().any(char::is_alphanumeric) {
                self.stop_words.push(word.to_string());
            }
            return None;
        }
        self.terms(main, analyzer::terms(word, true))
    }

    fn phrase(&mut self, text: &str) -> Option<Box<dyn Query>> {
        let main = analyzer::terms(text, false);
        if main.is_empty() {
            if text.chars().any(char::is_alphanumeric) {
                self.stop_words.push(format!("\"{text}\""));
            }
            return None;
        }
        self.terms(main, analyzer::terms(text, true))
    }

    /// One term, or a phrase when the text analysed to several.
    fn terms(
        &mut self,
        main: Vec<(usize, String)>,
        folded: Vec<(usize, String)>,
    ) -> Option<Box<dyn Query>> {
        if self.highlighting {
            self.highlight
                .main
                .extend(main.iter().map(|(_, t)| t.clone()));
            self.highlight
                .folded
                .extend(folded.iter().map(|(_, t)| t.clone()));
        }
        let main_terms: Vec<(usize, Term)> = main
            .iter()
            .map(|(p, t)| (*p, Term::from_field_text(self.fields.text, t)))
            .collect();
        let folded_terms: Vec<(usize, Term)> = folded
            .iter()
            .map(|(p, t)| (*p, Term::from_field_text(self.fields.folded, t)))
            .collect();
        let redundant = main.len() == folded.len()
            && main
                .iter()
                .zip(&folded)
                .zip(main_terms.iter().zip(&folded_terms))
                .all(|(((_, m), (_, f)), ((_, mt), (_, ft)))| {
                    fold(m) == *f && self.doc_freq(mt) == self.doc_freq(ft)
                });
        let exact = if main.len() == 1 {
            one_or_phrase(main_terms)
        } else {
            self.phrase_query(&main, main_terms)
        };
        if redundant {
            return Some(exact);
        }
        let folded = Box::new(BoostQuery::new(one_or_phrase(folded_terms), FOLDED_WEIGHT));
        Some(Box::new(BooleanQuery::union(vec![exact, folded])))
    }

    /// A phrase through the `pairs` field: a two-word phrase without a stop word inside is
    /// exactly one pair term; longer phrases or gaps need every pair and a position check,
    /// which then only runs on the few answers that have all the pairs.
    fn phrase_query(&self, main: &[(usize, String)], terms: Vec<(usize, Term)>) -> Box<dyn Query> {
        let mut pairs: Vec<Box<dyn Query>> = main
            .windows(2)
            .map(|w| term_query(self.fields.pairs, &analyzer::pair(&w[0].1, &w[1].1)))
            .collect();
        let adjacent = main.len() == 2 && main[1].0 == main[0].0 + 1;
        if adjacent {
            return pairs.remove(0);
        }
        pairs.push(one_or_phrase(terms));
        Box::new(BooleanQuery::intersection(pairs))
    }

    fn prefix(&mut self, prefix: &str) -> Option<Box<dyn Query>> {
        let mut words = analyzer::words(prefix);
        let mut leading = Vec::new();
        let mut last = None;
        while words.next_word().is_some() {
            if let Some(word) = last.replace(words.word().to_string()) {
                leading.push(word);
            }
        }
        let last = last?;
        let mut parts: Vec<Box<dyn Query>> = leading.iter().filter_map(|w| self.word(w)).collect();
        let main = self.expand(self.fields.text, &last);
        let folded_prefix = fold(&last);
        let folded: Vec<(String, u64)> = self
            .expand(self.fields.folded, &folded_prefix)
            .into_iter()
            .filter(|(f, df)| !main.iter().any(|(m, mdf)| fold(m) == *f && mdf == df))
            .collect();
        if self.highlighting {
            self.highlight
                .main
                .extend(main.iter().map(|(t, _)| t.clone()));
            self.highlight
                .folded
                .extend(folded.iter().map(|(t, _)| t.clone()));
        }
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for (term, _) in &main {
            alternatives.push(term_query(self.fields.text, term));
        }
        for (term, _) in &folded {
            alternatives.push(Box::new(BoostQuery::new(
                term_query(self.fields.folded, term),
                FOLDED_WEIGHT,
            )));
        }
        parts.push(match alternatives.len() {
            0 => Box::new(EmptyQuery),
            1 => alternatives.pop()?,
            _ => Box::new(BooleanQuery::union(alternatives)),
        });
        if parts.len() == 1 {
            parts.pop()
        } else {
            Some(Box::new(BooleanQuery::intersection(parts)))
        }
    }

    /// Indexed terms of `field` that a word starting with `prefix` can have: terms that start
    /// with it, and the prefix's own stem (`hållbar*` must find `hållbara`, whose term `hållb`
    /// is shorter than the prefix). Most frequent first, at most `MAX_EXPANSIONS`.
    fn expand(&mut self, field: Field, prefix: &str) -> Vec<(String, u64)> {
        let mut found = self.terms_with_prefix(field, prefix);
        let own = stem(prefix);
        if own != prefix {
            let df = self.doc_freq(&Term::from_field_text(field, own));
            if df > 0 {
                found.insert(own.to_string(), df);
            }
        }
        let mut found: Vec<(String, u64)> = found.into_iter().collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if found.len() > MAX_EXPANSIONS {
            found.truncate(MAX_EXPANSIONS);
            if field == self.fields.text {
                self.notes.push(Note::PrefixTruncated {
                    prefix: prefix.to_string(),
                    kept: MAX_EXPANSIONS,
                });
            }
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
        let words = analyzer::terms(value, true);
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

fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
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

fn one_or_phrase(mut terms: Vec<(usize, Term)>) -> Box<dyn Query> {
    if terms.len() == 1 {
        let (_, term) = terms.remove(0);
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
    } else {
        let first = terms[0].0;
        Box::new(PhraseQuery::new_with_offset(
            terms.into_iter().map(|(p, t)| (p - first, t)).collect(),
        ))
    }
}
