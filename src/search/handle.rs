//! Running a search: parse, compile against the current searcher, collect the top hits (and
//! counts when asked), cut snippets. A `SearchHandle` is cheap to clone and can search from
//! any thread while another thread writes; it sees what the writer last committed.

use std::sync::{Arc, RwLock};

use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::{StrColumn, Streamer};
use tantivy::schema::Value;
use tantivy::{
    DocId, IndexReader, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument,
};

use super::analyzer;
use super::catalog::Catalog;
use super::compile::{self, compile};
use super::error::{Error, Result};
use super::note::Note;
use super::parse::{Clause, Node, Parsed, parse};
use super::schema::{Fields, KIND_NOTES};
use super::snippet::{self, Matched, Snippet};

/// How to search. `filters` are the same as `key:value` in the query (`code`, `question`,
/// `respondent`, `date`, `interview` or an attribute id); a value ending in `*` is a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    pub snippet_chars: usize,
    /// Also count every matching answer, respondent and interview (slower on large projects:
    /// every match is visited instead of only the best).
    pub counts: bool,
    pub filters: Vec<(String, String)>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            snippet_chars: snippet::DEFAULT_CHARS,
            counts: false,
            filters: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    pub counts: Option<Counts>,
    /// What was ignored or could not be found, for the user.
    pub notes: Vec<Note>,
    /// Corrected queries when a word found nothing or very little ("Menade du: …?").
    pub suggestions: Vec<String>,
}

/// How many answers (notes included), respondents and interviews match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub answers: usize,
    pub respondents: usize,
    pub interviews: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// `interview/question`, or `interview/notes`.
    pub id: String,
    pub interview: String,
    /// `None` for an interview's notes.
    pub question: Option<String>,
    pub respondents: Vec<String>,
    /// Codes applied to the answer (not their ancestors).
    pub codes: Vec<String>,
    /// The interview's date, `YYYY-MM-DD`.
    pub date: String,
    pub score: f32,
    pub snippet: Snippet,
    pub matched: Matched,
}

#[derive(Clone)]
pub struct SearchHandle {
    reader: IndexReader,
    pub(super) fields: Fields,
    catalog: Arc<RwLock<Arc<Catalog>>>,
}

impl SearchHandle {
    pub(super) fn new(
        reader: IndexReader,
        fields: Fields,
        catalog: Arc<RwLock<Arc<Catalog>>>,
    ) -> SearchHandle {
        SearchHandle {
            reader,
            fields,
            catalog,
        }
    }

    pub(super) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub(super) fn reload(&self) -> tantivy::Result<()> {
        self.reader.reload()
    }

    pub(super) fn set_catalog(&self, catalog: Arc<Catalog>) {
        let mut slot = self
            .catalog
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = catalog;
    }

    fn catalog(&self) -> Arc<Catalog> {
        self.catalog
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Searches with the query language of `parse`. Never fails on the query itself: what
    /// could not be used is in `notes`. Fails only if the index cannot be read.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let searcher = self.searcher();
        let catalog = self.catalog();
        let parsed = parsed(query, options);
        let compiled = compile(&searcher, &self.fields, &catalog, parsed);
        let suggestions = suggest(query, &compiled.corrections);
        let Some(query) = compiled.query else {
            return Ok(SearchResults {
                hits: Vec::new(),
                counts: options.counts.then(Counts::default),
                notes: compiled.notes,
                suggestions,
            });
        };
        let top = TopDocs::with_limit(options.limit.max(1)).order_by_score();
        let (docs, counts) = if options.counts {
            let (docs, counts) = searcher
                .search(&*query, &(top, Tally))
                .map_err(Error::search)?;
            (docs, Some(counts))
        } else {
            (searcher.search(&*query, &top).map_err(Error::search)?, None)
        };
        let mut hits = Vec::with_capacity(docs.len());
        for (score, address) in docs.into_iter().take(options.limit) {
            let doc: TantivyDocument = searcher.doc(address).map_err(Error::search)?;
            hits.push(self.hit(&doc, score, &compiled.highlight, options.snippet_chars));
        }
        // Equal scores are common (short answers share a length bucket); order them by id,
        // not by where a multi-threaded rebuild happened to put them, so results are stable.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        Ok(SearchResults {
            hits,
            counts,
            notes: compiled.notes,
            suggestions,
        })
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        score: Score,
        highlight: &super::compile::Highlight,
        chars: usize,
    ) -> Hit {
        let f = &self.fields;
        let first = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let text = first(f.text);
        let (snippet, matched) = snippet::snippet(&text, highlight, chars);
        let question = first(f.question);
        Hit {
            id: first(f.id),
            interview: first(f.interview),
            question: (first(f.kind) != KIND_NOTES && !question.is_empty()).then_some(question),
            respondents: all(f.respondent),
            codes: all(f.codes),
            date: first(f.date),
            score,
            snippet,
            matched,
        }
    }
}

/// The query with each word that found (almost) nothing replaced by its correction, or
/// nothing when no word needed one.
fn suggest(query: &str, corrections: &[(String, String)]) -> Vec<String> {
    if corrections.is_empty() {
        return Vec::new();
    }
    let mut out = String::new();
    let mut at = 0;
    let mut words = analyzer::words(query);
    while let Some(range) = words.next_word() {
        if let Some((_, better)) = corrections.iter().find(|(typed, _)| typed == words.word()) {
            out.push_str(&query[at..range.start]);
            out.push_str(better);
            at = range.end;
        }
    }
    out.push_str(&query[at..]);
    vec![out]
}

/// The query with the options' filters as clauses of their own.
fn parsed(query: &str, options: &SearchOptions) -> Parsed {
    let mut parsed = parse(query);
    for (key, value) in &options.filters {
        let prefix = value.ends_with('*');
        parsed.clauses.push(Clause {
            negated: false,
            node: Node::Filter {
                key: key.clone(),
                value: value.trim_end_matches('*').to_string(),
                prefix,
            },
        });
    }
    parsed
}

/// Whether searching for `query` with `options` needs the project's respondents (a filter
/// by respondent or by one of their attributes): without, a catalog made by
/// `Catalog::light` will do.
pub fn names_respondents(query: &str, options: &SearchOptions) -> bool {
    compile::names_respondents(&parsed(query, options))
}

/// Counts matches and distinct respondents and interviews in one pass.
struct Tally;

struct SegmentTally {
    answers: usize,
    respondents: Option<Ords>,
    interviews: Option<Ords>,
}

/// The distinct values of a string column seen in one segment, as a bit set of ordinals:
/// a bit per value is far cheaper per match than hashing.
struct Ords {
    column: StrColumn,
    seen: Vec<u64>,
}

impl Ords {
    fn new(column: Option<StrColumn>) -> Option<Ords> {
        let column = column?;
        let words = column.dictionary().num_terms().div_ceil(64);
        Some(Ords {
            column,
            seen: vec![0; words],
        })
    }

    fn add(&mut self, doc: DocId) {
        for ord in self.column.term_ords(doc) {
            if let Some(word) = self.seen.get_mut((ord / 64) as usize) {
                *word |= 1 << (ord % 64);
            }
        }
    }

    fn count(&self) -> usize {
        self.seen.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn is_seen(&self, ord: u64) -> bool {
        self.seen
            .get((ord / 64) as usize)
            .is_some_and(|w| w & (1 << (ord % 64)) != 0)
    }

    /// Moves `stream` to the next value this segment saw; false at the end.
    fn next_seen(&self, stream: &mut Streamer) -> bool {
        while stream.advance() {
            if self.is_seen(stream.term_ord()) {
                return true;
            }
        }
        false
    }
}

/// How many distinct values the segments saw together. One segment's bits are counted; the
/// dictionaries of several (each sorted) are walked side by side, so that a value seen in two
/// segments counts once and nothing is copied but the current smallest value.
fn distinct(segments: &[&Ords]) -> usize {
    if let [one] = segments {
        return one.count();
    }
    let mut streams: Vec<(Streamer, &Ords)> = Vec::new();
    for ords in segments {
        if let Ok(mut stream) = ords.column.dictionary().stream()
            && ords.next_seen(&mut stream)
        {
            streams.push((stream, ords));
        }
    }
    let mut count = 0;
    let mut smallest = Vec::new();
    while let Some(least) = streams.iter().map(|(s, _)| s.key()).min() {
        smallest.clear();
        smallest.extend_from_slice(least);
        count += 1;
        let mut i = 0;
        while i < streams.len() {
            let (stream, ords) = &mut streams[i];
            if stream.key() == smallest.as_slice() && !ords.next_seen(stream) {
                streams.swap_remove(i);
            } else {
                i += 1;
            }
        }
    }
    count
}

struct TallyFruit {
    answers: usize,
    respondents: Option<Ords>,
    interviews: Option<Ords>,
}

impl Collector for Tally {
    type Fruit = Counts;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        Ok(SegmentTally {
            answers: 0,
            respondents: Ords::new(segment.fast_fields().str("respondent")?),
            interviews: Ords::new(segment.fast_fields().str("interview")?),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<TallyFruit>) -> tantivy::Result<Counts> {
        let of = |pick: fn(&TallyFruit) -> Option<&Ords>| -> usize {
            distinct(&fruits.iter().filter_map(pick).collect::<Vec<_>>())
        };
        Ok(Counts {
            answers: fruits.iter().map(|f| f.answers).sum(),
            respondents: of(|f| f.respondents.as_ref()),
            interviews: of(|f| f.interviews.as_ref()),
        })
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = TallyFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.answers += 1;
        if let Some(ords) = &mut self.respondents {
            ords.add(doc);
        }
        if let Some(ords) = &mut self.interviews {
            ords.add(doc);
        }
    }

    fn harvest(self) -> TallyFruit {
        TallyFruit {
            answers: self.answers,
            respondents: self.respondents,
            interviews: self.interviews,
        }
    }
}
