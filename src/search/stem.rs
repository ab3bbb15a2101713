//! The fallback for words the lexicon does not know (names, new words, English, typos):
//! one definite or plural ending comes off, and only when a long enough word remains.
//!
//! Conservative on purpose: a wrong cut joins two different words for good (the old
//! suffix stemmer made `insats` and `insatser` meet by cutting both to `insat`, and let
//! `behov` meet `behöver`), while a missed cut only loses a rare form of a word the lexicon
//! lacks. Every ending removed is a suffix, so the key is a prefix of the word.

/// Endings, longest first; at most one is removed.
const ENDINGS: [&str; 14] = [
    "arnas", "ernas", "ornas", "arna", "erna", "orna", "ens", "ets", "ar", "er", "or", "en", "et",
    "na",
];

/// Characters that must remain.
const MIN_REMAINING: usize = 4;

/// The key of a lowercased word the lexicon does not know.
pub fn stem(word: &str) -> &str {
    // `-het` is a derivation, not an ending: `hallbarhet` stays whole.
    if word.ends_with("het") {
        return word;
    }
    for ending in ENDINGS {
        if let Some(rest) = word.strip_suffix(ending)
            && rest.chars().count() >= MIN_REMAINING
        {
            return rest;
        }
    }
    word
}

/// Whether `word` is `key` or `key` with one ending (also the one-letter endings of
/// genitives, definite forms and adjectives: `-s`, `-n`, `-t`, `-a`, `-e`), however short
/// the key: `lanet` of `lan`, `hallbara` of `hallbar`. For words typed without å, ä and ö.
pub fn inflects(word: &str, key: &str) -> bool {
    let Some(ending) = word.strip_prefix(key) else {
        return false;
    };
    ending.is_empty()
        || ENDINGS.contains(&ending)
        || ["s", "n", "t", "a", "e"].contains(&ending)
        || stem(word) == key
}

#[cfg(test)]
mod tests {
    use super::{inflects, stem};

    #[test]
    fn inflections_of_a_key_however_short() {
        assert!(inflects("lanet", "lan"));
        assert!(inflects("hallbara", "hallbar"));
        assert!(inflects("radgivningen", "radgivning"));
        assert!(!inflects("lantbruk", "lan"));
        assert!(!inflects("hallbarhet", "hallbar"));
    }

    #[test]
    fn one_ending_comes_off() {
        assert_eq!(stem("radgivningen"), "radgivning");
        assert_eq!(stem("foretagen"), "foretag");
        assert_eq!(stem("mälardalen"), "mälardal");
        assert_eq!(stem("fardplanerna"), "fardplan");
        assert_eq!(stem("hallbarhet"), "hallbarhet");
    }

    #[test]
    fn short_words_and_names_are_kept() {
        for word in ["almi", "iuc", "anna", "2030", "co2", "ö", "", "eller"] {
            assert!(word.starts_with(stem(word)), "{word}");
        }
        assert_eq!(stem("almi"), "almi");
        assert_eq!(stem("iuc"), "iuc");
        assert_eq!(stem("anders"), "anders");
    }
}
