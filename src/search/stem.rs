//! A light Swedish stemmer that reduces inflected forms to the key their base form also gets.
//!
//! Why not tantivy's Snowball stemmer: it strips one suffix in a single pass, so a base form
//! that happens to end like a suffix loses it while its inflected forms keep it — `insats` →
//! `insat` but `insatser` → `insats`, `hållbar` → `hållb` but `hållbara` → `hållbar` (the key
//! of `hållbarhet`), and the neuter definite `-et` is not removed at all (`nätverket`). Users
//! searching for a base form then miss its plural and definite forms, which is what they expect
//! to find first.
//!
//! This stemmer removes inflection endings repeatedly until none applies. Because each step
//! is a function of the current string alone, a form and the form one ending shorter always
//! reach the same key: `insatserna` → `insatser` → `insats` → … is the path `insats` takes
//! too. Derivations keep their own key: words in `-het` are never shortened, so `hållbarhet`
//! stays apart from `hållbar` (`hållbar*` finds both). Minimum lengths keep short words and
//! look-alikes apart (`plan`/`plats`, `expert`/`export`).
//!
//! Every step removes a suffix, so the key is always a prefix of the word; snippets rely on it.

/// Endings and the number of characters that must remain after removing them. Lone
/// consonants need a longer remainder: `finans` must not become `fin` (fine), nor `plats` `pla`.
/// Pairs come first: at each step the longest ending that applies is removed.
const ENDINGS: [(&str, usize); 10] = [
    ("ar", 3),
    ("er", 3),
    ("or", 4),
    ("en", 3),
    ("et", 3),
    ("a", 3),
    ("e", 3),
    ("n", 5),
    ("t", 5),
    ("s", 5),
];

/// The key of a lowercased word: the word without its inflection endings.
pub fn stem(word: &str) -> &str {
    let mut end = word.len();
    let mut chars = word.chars().count();
    'strip: loop {
        let current = &word[..end];
        if current.ends_with("het") {
            break;
        }
        for (ending, min) in ENDINGS {
            let n = ending.len();
            if current.ends_with(ending) && chars >= min + n {
                end -= n;
                chars -= n;
                continue 'strip;
            }
        }
        break;
    }
    &word[..end]
}

#[cfg(test)]
mod tests {
    use super::stem;

    /// Each line: forms users expect to find each other.
    const FAMILIES: &[&[&str]] = &[
        &[
            "färdplan",
            "färdplanen",
            "färdplaner",
            "färdplanerna",
            "färdplanens",
        ],
        &[
            "finansiering",
            "finansieringen",
            "finansieringar",
            "finansieringarna",
        ],
        &["rådgivning", "rådgivningen", "rådgivningar"],
        &[
            "insats",
            "insatsen",
            "insatser",
            "insatserna",
            "insatsernas",
        ],
        &["kompetens", "kompetensen", "kompetenser"],
        &[
            "nätverk",
            "nätverket",
            "nätverken",
            "nätverkets",
            "nätverks",
        ],
        &[
            "företag",
            "företaget",
            "företagen",
            "företagens",
            "företagets",
        ],
        &["behov", "behovet", "behoven", "behovs"],
        &["kommun", "kommunen", "kommuner", "kommunerna"],
        &["expert", "experten", "experter", "experterna"],
        &["export", "exporten"],
        &["hållbar", "hållbart", "hållbara"],
        &[
            "hållbarhet",
            "hållbarheten",
            "hållbarheter",
            "hållbarhetens",
        ],
        &["konkret", "konkreta", "konkrete"],
        &["region", "regionen", "regioner", "regionens"],
        &["energi", "energin", "energier"],
        &["råd", "rådet", "råden"],
        &["tid", "tiden", "tider"],
        &["bil", "bilen", "bilar", "bilarna"],
        &["flicka", "flickan", "flickor", "flickorna"],
        &["möte", "mötet", "möten", "mötena"],
        &["mötesplats", "mötesplatsen", "mötesplatser"],
        &["tydlig", "tydligt", "tydliga", "tydligare", "tydligast"],
        &["finans", "finanser", "finansen"],
        &["plats", "platsen", "platser"],
        &["projekt", "projektet", "projekten"],
        &["stöd", "stödet"],
        &["rådgivare", "rådgivaren", "rådgivarna"],
    ];

    /// Pairs that must keep different keys.
    const APART: &[(&str, &str)] = &[
        ("hållbar", "hållbarhet"),
        ("hållbara", "hållbarhet"),
        ("plan", "plats"),
        ("expert", "export"),
        ("rådgivning", "rådgivare"),
        ("kommun", "kommunikation"),
        ("region", "regional"),
        ("finans", "fin"),
        ("finanser", "fina"),
    ];

    #[test]
    fn inflected_forms_share_the_key_of_their_base_form() {
        for family in FAMILIES {
            let key = stem(family[0]);
            for form in &family[1..] {
                assert_eq!(stem(form), key, "{form} should stem like {}", family[0]);
            }
        }
    }

    #[test]
    fn derivations_and_look_alikes_stay_apart() {
        for (a, b) in APART {
            assert_ne!(stem(a), stem(b), "{a} and {b}");
        }
    }

    #[test]
    fn the_key_is_a_prefix_and_short_words_are_kept() {
        for word in ["och", "år", "ek", "a", "", "2030", "co2", "ånga", "ö"] {
            assert!(word.starts_with(stem(word)), "{word}");
        }
        assert_eq!(stem("år"), "år");
        assert_eq!(stem("plan"), "plan");
    }
}
