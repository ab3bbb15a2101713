//! The Swedish analyzer: words → lowercase → stop words out → (accents folded) → stemmed.
//!
//! One tokenizer does every step in a single pass instead of a chain of tantivy filters:
//! the snippet code needs the same word boundaries and normal forms, and one pass over each
//! word is what makes indexing a million answers fast.

use std::collections::HashSet;
use std::sync::LazyLock;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::stem::stem;

/// Tokenizer names registered on the index.
pub const MAIN: &str = "behov_sv";
pub const FOLDED: &str = "behov_sv_folded";
pub const PAIRS: &str = "behov_sv_pairs";

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
static STOP: LazyLock<HashSet<String>> = LazyLock::new(|| {
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
    c.is_alphanumeric() || is_combining_mark(c)
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

/// The indexed term of one normalised word, or `None` for stop words and overlong words.
/// `scratch` avoids an allocation per word.
pub fn term_of<'a>(word: &'a str, folded: bool, scratch: &'a mut String) -> Option<&'a str> {
    if is_stop_word(word) || (word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS)
    {
        return None;
    }
    if folded {
        fold_into(word, scratch);
        Some(stem(scratch))
    } else {
        Some(stem(word))
    }
}

/// The terms of `text` with their positions, as the index sees them.
pub fn terms(text: &str, folded: bool) -> Vec<(usize, String)> {
    let mut words = words(text);
    let mut scratch = String::new();
    let mut out = Vec::new();
    let mut position = 0;
    while words.next_word().is_some() {
        if let Some(term) = term_of(words.word(), folded, &mut scratch) {
            out.push((position, term.to_string()));
        }
        position += 1;
    }
    out
}

/// Two consecutive terms (stop words skipped) as one term of the `pairs` field, which turns a
/// two-word phrase into one posting list.
pub fn pair(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// What a token stream produces.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Analysis {
    Main,
    Folded,
    Pairs,
}

/// The tantivy side: the same analysis as a token stream for the `text`, `folded` and
/// `pairs` fields.
#[derive(Clone)]
pub struct SwedishTokenizer {
    analysis: Analysis,
    token: Token,
}

impl SwedishTokenizer {
    pub fn analyzer(analysis: Analysis) -> TextAnalyzer {
        TextAnalyzer::from(SwedishTokenizer {
            analysis,
            token: Token::default(),
        })
    }
}

impl Tokenizer for SwedishTokenizer {
    type TokenStream<'a> = SwedishTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SwedishTokenStream<'a> {
        self.token.reset();
        SwedishTokenStream {
            words: words(text),
            analysis: self.analysis,
            scratch: String::new(),
            previous: String::new(),
            position: 0,
            token: &mut self.token,
        }
    }
}

pub struct SwedishTokenStream<'a> {
    words: Words<'a>,
    analysis: Analysis,
    scratch: String,
    /// For pairs: the previous term.
    previous: String,
    position: usize,
    token: &'a mut Token,
}

impl TokenStream for SwedishTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(range) = self.words.next_word() {
            let position = self.position;
            self.position += 1;
            let folded = self.analysis == Analysis::Folded;
            if let Some(term) = term_of(self.words.word(), folded, &mut self.scratch) {
                self.token.text.clear();
                if self.analysis == Analysis::Pairs {
                    let first = std::mem::replace(&mut self.previous, term.to_string());
                    if first.is_empty() {
                        continue;
                    }
                    self.token.text.push_str(&pair(&first, &self.previous));
                } else {
                    self.token.text.push_str(term);
                }
                self.token.offset_from = range.start;
                self.token.offset_to = range.end;
                self.token.position = position;
                self.token.position_length = 1;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, folded: bool) -> Vec<String> {
        terms(text, folded).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn lowercases_drops_stop_words_and_stems() {
        assert_eq!(
            texts("Vi behöver en FÄRDPLAN för företagen.", false),
            ["behöv", "färdpl", "företag"]
        );
    }

    #[test]
    fn positions_keep_gaps_where_stop_words_were() {
        let t = terms("stöd till företagen", false);
        assert_eq!(t, [(0, "stöd".to_string()), (2, "företag".to_string())]);
    }

    #[test]
    fn folded_analysis_removes_accents_before_stemming() {
        assert_eq!(
            texts("Rådgivningen är viktig", true),
            ["radgivning", "viktig"]
        );
        assert_eq!(texts("rådgivningen", false), ["rådgivning"]);
    }

    #[test]
    fn nfd_input_is_one_word_in_nfc() {
        let nfd: String = "rådgivning".nfd().collect();
        assert_ne!(nfd, "rådgivning");
        assert_eq!(texts(&nfd, false), ["rådgivning"]);
    }

    #[test]
    fn every_stop_word_is_short_enough_for_the_quick_check() {
        assert!(STOP.iter().all(|w| w.len() <= STOP_WORD_MAX_BYTES));
    }

    #[test]
    fn folded_stop_words_are_stop_words() {
        assert!(texts("for pa ar", false).is_empty());
        assert!(texts("för på är", true).is_empty());
    }

    #[test]
    fn overlong_words_emoji_and_cr_are_harmless() {
        let long = "x".repeat(200);
        assert_eq!(
            texts(&format!("{long} stöd 🚀 nätverk\r\nbidrag"), false),
            ["stöd", "nätverk", "bidrag"]
        );
    }

    fn pairs(text: &str) -> Vec<String> {
        terms(text, false)
            .windows(2)
            .map(|w| pair(&w[0].1, &w[1].1))
            .collect()
    }

    #[test]
    fn pairs_join_consecutive_terms_across_stop_words() {
        assert_eq!(
            pairs("stöd till företagen, konkreta insatser"),
            ["stöd företag", "företag konkr", "konkr insat"]
        );
        let mut analyzer = SwedishTokenizer::analyzer(Analysis::Pairs);
        let mut stream = analyzer.token_stream("stöd till företagen, konkreta insatser");
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push(token.text.clone());
        }
        assert_eq!(seen, pairs("stöd till företagen, konkreta insatser"));
    }

    #[test]
    fn the_token_stream_matches_terms() {
        let mut analyzer = SwedishTokenizer::analyzer(Analysis::Main);
        let mut stream = analyzer.token_stream("Konkreta insatser, tack!");
        let mut seen = Vec::new();
        while let Some(token) = stream.next() {
            seen.push((
                token.text.clone(),
                token.offset_from,
                token.offset_to,
                token.position,
            ));
        }
        assert_eq!(
            seen,
            [
                ("konkr".into(), 0, 8, 0),
                ("insat".into(), 9, 17, 1),
                ("tack".into(), 19, 23, 2)
            ]
        );
    }
}
