//! The Swedish analyzer: words → lowercase → base forms from the lexicon (or a careful
//! fallback) → the terms of each field.
//!
//! | field | terms of a word |
//! |---|---|
//! | `text` | its base forms (`insatserna` → `insats`); stop words are left out; prefixes and words typed without å, ä, ö are looked up in its dictionary |
//! | `parts` | the base forms of a compound's words (`energikartläggningen` → `energi`, `kartläggning`) |
//!
//! Respondent names are analysed into base forms without accents (`Folded`).
//! | `pairs` | each two adjacent words, stop words included (`vem som`, `som göra`) |
//!
//! One tokenizer does every step in a single pass instead of a chain of tantivy filters:
//! the snippet code needs the same word boundaries and normal forms. Looking a word up in
//! the lexicon costs microseconds, so each thread keeps the analyses of the words it saw.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::LazyLock;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::lexicon::LEXICON;
use super::stem::stem;

/// Tokenizer names registered on the index.
pub const MAIN: &str = "behov_sv";
pub const FOLDED: &str = "behov_sv_folded";
pub const PAIRS: &str = "behov_sv_pairs";
pub const PARTS: &str = "behov_sv_parts";

/// Longer "words" (pasted hashes, URLs) are not indexed: nobody searches for them by hand.
const MAX_WORD_CHARS: usize = 40;

/// The Snowball list of Swedish stop words.
const STOP_WORDS: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig",
    "för", "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du",
    "henne", "då", "sin", "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där", "min",
    "man", "ej", "vid", "kunde", "något", "från", "ut", "när", "efter", "upp", "vi", "dem", "vara",
    "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla", "under", "någon",
    "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit",
    "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir",
    "mina", "samma", "vilken", "er", "sådan", "vår", "blivit", "dess", "inom", "mellan", "sådant",
    "varför", "varje", "vilka", "ditt", "vem", "vilket", "sitt", "sådana", "vart", "dina", "vars",
    "vårt", "våra", "ert", "era", "vilkas",
];

/// The stop words as written and with accents folded, so `for` typed on a keyboard without
/// å/ä/ö is dropped like `för` instead of becoming a required word nobody wrote.
static STOP: LazyLock<HashSet<String, FxBuild>> = LazyLock::new(|| {
    STOP_WORDS
        .iter()
        .flat_map(|w| {
            let mut folded = String::new();
            fold_into(w, &mut folded);
            [w.to_string(), folded]
        })
        .collect()
});

/// Bytes of the longest stop word (`sådana`): longer words skip the hash lookup, which
/// matters when a million answers are indexed three times over.
const STOP_WORD_MAX_BYTES: usize = 8;

pub fn is_stop_word(lowercase: &str) -> bool {
    lowercase.len() <= STOP_WORD_MAX_BYTES && STOP.contains(lowercase)
}

/// Characters that belong to a word. Combining marks count, so NFD text (`a` + ring) is one
/// word, not two.
fn is_word_char(c: char) -> bool {
    // ASCII has no combining marks: most characters skip the table lookup.
    c.is_alphanumeric() || !c.is_ascii() && is_combining_mark(c)
}

/// Every word of `text` as (byte range, lowercase NFC form), stop words included.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        buf: String::new(),
    }
}

pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    buf: String,
}

impl Words<'_> {
    /// The next word's range; its normal form is then in `self.word()`.
    pub fn next_word(&mut self) -> Option<std::ops::Range<usize>> {
        let rest = &self.text[self.pos..];
        let start = self.pos + rest.find(is_word_char)?;
        let end = self.text[start..]
            .find(|c: char| !is_word_char(c))
            .map_or(self.text.len(), |n| start + n);
        self.pos = end;
        normalise_into(&self.text[start..end], &mut self.buf);
        Some(start..end)
    }

    pub fn word(&self) -> &str {
        &self.buf
    }
}

/// Lowercase NFC form of one word.
fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    } else if word.chars().any(is_combining_mark) {
        out.extend(word.nfc().flat_map(char::to_lowercase));
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Folds accented Latin letters to their base letters: `rådgivning` → `radgivning`.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' | 'ń' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ű' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            'ł' => out.push('l'),
            _ => out.push(c),
        }
    }
}

/// What the lexicon says about one word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    /// Base forms, the first one used in phrases. A word can be a form of more than one
    /// (`företagen`: `företag` and the verb `företa`); all are indexed.
    pub lemmas: Vec<String>,
    /// The base forms of a compound's words, for compound matches; empty for other words.
    pub parts: Vec<String>,
    /// Whether the lexicon lists the word. A word typed without å, ä, ö that it lists
    /// (`svar`) is taken as typed; others (`radgivning`) may be missing their letters.
    pub known: bool,
}

/// FxHash (as in rustc): hashing the word is most of a cache or lexicon lookup, and
/// SipHash's defence against crafted keys buys nothing for the words of one's own answers.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }
}

pub type FxBuild = std::hash::BuildHasherDefault<Fx>;

/// Distinct words remembered per thread before the memory is cleared.
const CACHE_WORDS: usize = 100_000;

thread_local! {
    static CACHE: RefCell<HashMap<String, Rc<Analysis>, FxBuild>> = RefCell::default();
}

/// The analysis of a lowercase word that is no stop word.
pub fn analyse(word: &str) -> Rc<Analysis> {
    if let Some(found) = CACHE.with(|c| c.borrow().get(word).cloned()) {
        return found;
    }
    let analysis = Rc::new(analyse_uncached(word));
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.to_string(), analysis.clone());
    });
    analysis
}

fn analyse_uncached(word: &str) -> Analysis {
    let lemmas = LEXICON.lemmas(word);
    if !lemmas.is_empty() {
        let mut parts = LEXICON.split(word).map(|s| s.parts).unwrap_or_default();
        parts.dedup();
        return Analysis {
            lemmas,
            parts,
            known: true,
        };
    }
    if let Some(split) = LEXICON.split(word) {
        let mut parts = split.parts;
        parts.dedup();
        return Analysis {
            lemmas: split
                .heads
                .iter()
                .map(|head| format!("{}{head}", split.left))
                .collect(),
            parts,
            known: false,
        };
    }
    Analysis {
        lemmas: vec![stem(word).to_string()],
        parts: Vec::new(),
        known: false,
    }
}

fn is_overlong(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS
}

/// The analysis of a normalised word, or `None` for stop words and overlong words.
pub fn analysis_of(word: &str) -> Option<Rc<Analysis>> {
    if is_stop_word(word) || is_overlong(word) {
        None
    } else {
        Some(analyse(word))
    }
}

pub fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
}

/// Whether a word has letters that folding changes (å, ä, ö, é…).
pub fn has_accents(word: &str) -> bool {
    !word.is_ascii() && fold(word) != word
}

/// One word of a text as the query side sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub position: usize,
    /// The word as written, lowercased.
    pub word: String,
    /// `None` for stop words.
    pub analysis: Option<Rc<Analysis>>,
}

impl QueryWord {
    /// The term the `pairs` field has for this word.
    pub fn pair_key(&self) -> &str {
        match &self.analysis {
            Some(a) => &a.lemmas[0],
            None => &self.word,
        }
    }
}

/// Every word of `text` (stop words included, overlong words left out) with its position.
pub fn query_words(text: &str) -> Vec<QueryWord> {
    let mut words = words(text);
    let mut out = Vec::new();
    let mut position = 0;
    while words.next_word().is_some() {
        let word = words.word();
        if !is_overlong(word) {
            out.push(QueryWord {
                position,
                word: word.to_string(),
                analysis: analysis_of(word),
            });
        }
        position += 1;
    }
    out
}

/// The terms of `text` in the accent-folded analysis (respondent names), with positions.
pub fn folded_terms(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for w in query_words(text) {
        if let Some(a) = &w.analysis {
            out.push((w.position, fold(&a.lemmas[0])));
        }
    }
    out
}

/// The terms of `text` with their positions as the guide mapping compares them: each word's
/// first base form (accent-folded with `folded`), stop words left out.
pub fn terms(text: &str, folded: bool) -> Vec<(usize, String)> {
    query_words(text)
        .into_iter()
        .filter_map(|w| {
            let lemma = &w.analysis.as_ref()?.lemmas[0];
            Some((w.position, if folded { fold(lemma) } else { lemma.clone() }))
        })
        .collect()
}

/// A term of the `pairs` field: two adjacent words.
pub fn pair(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// What a token stream produces.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Main,
    Folded,
    Pairs,
    Parts,
}

/// The tantivy side: the analysis as a token stream for each field.
#[derive(Clone)]
pub struct SwedishTokenizer {
    stream: Stream,
}

impl SwedishTokenizer {
    pub fn analyzer(stream: Stream) -> TextAnalyzer {
        TextAnalyzer::from(SwedishTokenizer { stream })
    }
}

impl Tokenizer for SwedishTokenizer {
    type TokenStream<'a> = SwedishTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SwedishTokenStream {
        SwedishTokenStream {
            text: analysed(text),
            stream: self.stream,
            word: 0,
            pending: Vec::new(),
            count: 0,
            next: 0,
            keys: Vec::new(),
            key_count: 0,
            previous: Vec::new(),
            previous_count: 0,
            pair: String::new(),
            token: Token::default(),
        }
    }
}

/// One word of an [`AnalysedText`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct TextWord {
    /// Bytes of the word in the text.
    range: std::ops::Range<usize>,
    /// Its lowercase NFC form: bytes of [`AnalysedText::forms`].
    form: std::ops::Range<usize>,
    /// `None` for stop words and overlong words.
    analysis: Option<Rc<Analysis>>,
    overlong: bool,
}

/// A text split into words, each looked up once. An answer is indexed into three fields
/// (`text`, `pairs`, `parts`) from the same text, one after the other on the same thread:
/// the fields share one analysis instead of splitting and looking up every word three times.
#[derive(Debug, Default)]
struct AnalysedText {
    text: String,
    forms: String,
    words: Vec<TextWord>,
}

impl AnalysedText {
    /// Analyses `text` into `self`, reusing its buffers.
    fn fill(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.forms.clear();
        self.words.clear();
        let mut words = words(text);
        while let Some(range) = words.next_word() {
            let word = words.word();
            let start = self.forms.len();
            self.forms.push_str(word);
            let overlong = is_overlong(word);
            self.words.push(TextWord {
                range,
                form: start..self.forms.len(),
                analysis: if overlong { None } else { analysis_of(word) },
                overlong,
            });
        }
    }

    fn form(&self, word: &TextWord) -> &str {
        &self.forms[word.form.clone()]
    }
}

thread_local! {
    /// The text analysed last on this thread (see [`AnalysedText`]); one text, so the memory
    /// it holds is bounded by the longest answer.
    static LAST_TEXT: RefCell<Rc<AnalysedText>> = RefCell::default();
}

/// The analysis of `text`: the one made last on this thread if it was of the same text.
fn analysed(text: &str) -> Rc<AnalysedText> {
    LAST_TEXT.with(|last| {
        let mut last = last.borrow_mut();
        if last.text != text {
            match Rc::get_mut(&mut last) {
                Some(unshared) => unshared.fill(text),
                None => {
                    let mut fresh = AnalysedText::default();
                    fresh.fill(text);
                    *last = Rc::new(fresh);
                }
            }
        }
        last.clone()
    })
}

/// Tokens are made word by word into buffers that are reused, so indexing allocates
/// nothing per word once the buffers have grown.
pub struct SwedishTokenStream {
    text: Rc<AnalysedText>,
    stream: Stream,
    /// The next word of `text`; its position is its index.
    word: usize,
    /// The current word's tokens: the first `count` of `pending`, `next` is handed out next.
    pending: Vec<String>,
    count: usize,
    next: usize,
    /// Pairs: the current word's keys (base forms, or itself for a stop word) and the
    /// previous word's.
    keys: Vec<String>,
    key_count: usize,
    previous: Vec<String>,
    previous_count: usize,
    pair: String,
    token: Token,
}

/// Puts `text` into the next reused buffer of `buffers`.
fn put(buffers: &mut Vec<String>, count: &mut usize, text: &str) {
    if buffers[..*count].iter().any(|b| b == text) {
        return;
    }
    if buffers.len() == *count {
        buffers.push(String::new());
    }
    let slot = &mut buffers[*count];
    slot.clear();
    slot.push_str(text);
    *count += 1;
}

impl SwedishTokenStream {
    /// Makes the tokens of the next word with any; false at the end of the text.
    fn load(&mut self) -> bool {
        let text = &self.text;
        loop {
            let Some(word) = text.words.get(self.word) else {
                return false;
            };
            self.token.offset_from = word.range.start;
            self.token.offset_to = word.range.end;
            self.token.position = self.word;
            self.token.position_length = 1;
            self.word += 1;
            self.count = 0;
            self.next = 0;
            if word.overlong {
                self.previous_count = 0;
                continue;
            }
            let analysis = word.analysis.as_deref();
            match self.stream {
                Stream::Main => {
                    for lemma in analysis.iter().flat_map(|a| &a.lemmas) {
                        put(&mut self.pending, &mut self.count, lemma);
                    }
                }
                Stream::Folded => {
                    for lemma in analysis.iter().flat_map(|a| &a.lemmas) {
                        fold_into(lemma, &mut self.pair);
                        put(&mut self.pending, &mut self.count, &self.pair);
                    }
                }
                Stream::Parts => {
                    for part in analysis.iter().flat_map(|a| &a.parts) {
                        put(&mut self.pending, &mut self.count, part);
                    }
                }
                Stream::Pairs => {
                    self.key_count = 0;
                    match analysis {
                        Some(a) => {
                            for lemma in &a.lemmas {
                                put(&mut self.keys, &mut self.key_count, lemma);
                            }
                        }
                        None => put(&mut self.keys, &mut self.key_count, text.form(word)),
                    }
                    for first in &self.previous[..self.previous_count] {
                        for second in &self.keys[..self.key_count] {
                            self.pair.clear();
                            self.pair.push_str(first);
                            self.pair.push(' ');
                            self.pair.push_str(second);
                            put(&mut self.pending, &mut self.count, &self.pair);
                        }
                    }
                    std::mem::swap(&mut self.keys, &mut self.previous);
                    self.previous_count = self.key_count;
                }
            }
            if self.count > 0 {
                return true;
            }
        }
    }
}

impl TokenStream for SwedishTokenStream {
    fn advance(&mut self) -> bool {
        if self.next >= self.count && !self.load() {
            return false;
        }
        self.token.text.clear();
        self.token.text.push_str(&self.pending[self.next]);
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(text: &str, kind: Stream) -> Vec<(String, usize)> {
        let mut analyzer = SwedishTokenizer::analyzer(kind);
        let mut stream = analyzer.token_stream(text);
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((token.text.clone(), token.position));
        }
        seen
    }

    fn texts(text: &str, kind: Stream) -> Vec<String> {
        stream(text, kind).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn lowercases_drops_stop_words_and_finds_base_forms() {
        assert_eq!(
            texts("Vi behöver en FÄRDPLAN för företagen.", Stream::Main)
                .into_iter()
                .filter(|t| t != "företa")
                .collect::<Vec<_>>(),
            ["behöva", "färdplan", "företag"]
        );
    }

    #[test]
    fn positions_keep_gaps_where_stop_words_were() {
        assert_eq!(
            stream("stöd till företaget", Stream::Main),
            [("stöd".to_string(), 0), ("företag".to_string(), 2)]
        );
    }

    #[test]
    fn folded_analysis_removes_accents_from_base_forms() {
        assert_eq!(
            texts("Rådgivningen är viktig", Stream::Folded),
            ["radgivning", "viktig"]
        );
        assert_eq!(texts("rådgivningen", Stream::Main), ["rådgivning"]);
    }

    #[test]
    fn nfd_input_is_one_word_in_nfc() {
        let nfd: String = "rådgivning".nfd().collect();
        assert_ne!(nfd, "rådgivning");
        assert_eq!(texts(&nfd, Stream::Main), ["rådgivning"]);
    }

    #[test]
    fn every_stop_word_is_short_enough_for_the_quick_check() {
        assert!(STOP.iter().all(|w| w.len() <= STOP_WORD_MAX_BYTES));
    }

    #[test]
    fn folded_stop_words_are_stop_words() {
        assert!(texts("for pa ar", Stream::Main).is_empty());
        assert!(texts("för på är", Stream::Folded).is_empty());
    }

    #[test]
    fn overlong_words_emoji_and_cr_are_harmless() {
        let long = "x".repeat(200);
        assert_eq!(
            texts(&format!("{long} stöd 🚀 nätverk\r\nbidrag"), Stream::Main),
            ["stöd", "nätverk", "bidrag"]
        );
    }

    #[test]
    fn pairs_join_adjacent_words_stop_words_included() {
        assert_eq!(
            texts("vem som gör vad", Stream::Pairs),
            ["vem som", "som gör", "gör vad"]
        );
        assert_eq!(
            texts("konkreta insatser", Stream::Pairs),
            ["konkret insats", "konkreta insats"]
        );
    }

    #[test]
    fn compounds_index_their_parts() {
        assert_eq!(
            texts("energikartläggningen", Stream::Parts),
            ["energi", "kartläggning"]
        );
        assert_eq!(
            texts("energikartläggningen", Stream::Main),
            ["energikartläggning"]
        );
    }

    #[test]
    fn the_token_stream_has_byte_offsets() {
        let mut analyzer = SwedishTokenizer::analyzer(Stream::Main);
        let mut stream = analyzer.token_stream("Konkreta insatser, tack!");
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((token.text.clone(), token.offset_from, token.offset_to));
        }
        assert_eq!(
            seen,
            [
                ("konkret".into(), 0, 8),
                ("konkreta".into(), 0, 8),
                ("insats".into(), 9, 17),
                ("tack".into(), 19, 23)
            ]
        );
    }

    /// The texts of the demo's answers and notes, and their distinct words.
    fn demo_texts() -> (Vec<String>, Vec<String>) {
        let project = crate::exchange::tests_support::demo();
        let texts: Vec<String> = project
            .interviews
            .iter()
            .flat_map(|i| {
                i.answers
                    .iter()
                    .map(|a| a.text.clone())
                    .chain([i.notes.clone()])
            })
            .filter(|t| !t.trim().is_empty())
            .collect();
        let mut distinct = HashSet::new();
        for text in &texts {
            let mut words = words(text);
            while words.next_word().is_some() {
                distinct.insert(words.word().to_string());
            }
        }
        let mut distinct: Vec<String> = distinct.into_iter().collect();
        distinct.sort();
        (texts, distinct)
    }

    const STREAMS: [Stream; 4] = [Stream::Main, Stream::Folded, Stream::Pairs, Stream::Parts];

    /// The tokens of `text` on a thread of its own, where nothing was analysed before.
    fn fresh(text: &str, kind: Stream) -> Vec<(String, usize)> {
        let text = text.to_string();
        std::thread::spawn(move || stream(&text, kind))
            .join()
            .unwrap()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// The per-thread cache of analyses answers as the lexicon does, whatever came first.
        #[test]
        fn cached_analyses_equal_the_lexicons(picks in proptest::collection::vec(0usize..100_000, 1..60)) {
            let (_, words) = demo_texts();
            for pick in picks {
                let word = &words[pick % words.len()];
                if is_stop_word(word) || is_overlong(word) {
                    continue;
                }
                proptest::prop_assert_eq!(&*analyse(word), &analyse_uncached(word));
            }
        }

        /// Fields indexed one after the other from shared analyses give the tokens each
        /// gives alone, in any order of texts and fields.
        #[test]
        fn shared_analyses_give_the_tokens_of_a_fresh_one(
            picks in proptest::collection::vec((0usize..10_000, 0usize..4), 1..12)
        ) {
            let (texts, _) = demo_texts();
            for (text, kind) in picks {
                let text = &texts[text % texts.len()];
                let kind = STREAMS[kind];
                proptest::prop_assert_eq!(stream(text, kind), fresh(text, kind));
            }
        }
    }

    #[test]
    fn a_stream_kept_while_another_text_is_analysed_keeps_its_own() {
        let mut main = SwedishTokenizer::analyzer(Stream::Main);
        let mut pairs = SwedishTokenizer::analyzer(Stream::Pairs);
        let mut first = main.token_stream("konkreta insatser för företagen");
        assert_eq!(
            first.next().map(|t| t.text.clone()).as_deref(),
            Some("konkret")
        );
        let mut second = pairs.token_stream("vem som gör vad");
        let mut seen = Vec::new();
        while let Some(token) = second.next() {
            seen.push(token.text.clone());
        }
        assert_eq!(seen, ["vem som", "som gör", "gör vad"]);
        let mut rest = Vec::new();
        while let Some(token) = first.next() {
            rest.push(token.text.clone());
        }
        assert_eq!(rest[0], "konkreta");
        assert!(rest.contains(&"insats".to_string()));
        assert!(rest.contains(&"företag".to_string()));
    }
}
