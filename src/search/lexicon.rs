//! The Swedish lexicon: which base forms (lemmas) a word form belongs to, and where a
//! compound splits into words of its own.
//!
//! The data is the Swedish hunspell dictionary (LibreOffice's `sv_SE`, LGPL-3; see
//! `lexicon/COPYING` and `lexicon/build.py`): 147,000 base forms, each with flags naming the
//! suffix rules that inflect it, and whether it may begin or end a compound. A word form is
//! looked up the way hunspell checks spelling, backwards: for every rule whose ending the
//! word has, strip the ending, put back what the rule removed, and see whether that base form
//! exists and carries the rule's flag. `behöver` → `behöva` (verb) and `behov` → `behov`
//! (noun) stay apart because no rule leads from one to the other, which a suffix stemmer
//! cannot know.
//!
//! The word list ships inside the binary as a sorted table that `build.rs` makes from
//! `lexicon/sv.dic` and that is searched in place (see `lexicon/table.rs`): a process pays
//! nothing to start using it. Only the 600 suffix rules are read when the lexicon is first
//! used. `analyse` results are cached per thread by the analyzer.

mod table;

use std::collections::HashMap;
use std::sync::LazyLock;

use table::Words;

use super::analyzer::{FxBuild, is_stop_word};
use super::stem::stem;

const RULES: &str = include_str!("lexicon/sv.aff");

/// Hunspell flags of the Swedish dictionary that matter here.
const COMPOUND_BEGIN: char = 'X';
const COMPOUND_MIDDLE: char = 'U';
const COMPOUND_END: char = 'Y';
const ONLY_IN_COMPOUND: char = 'Z';
const NEED_AFFIX: char = '¤';
/// Adjectives with comparison forms (`konkret`: `konkretare`, `konkretast`).
const ADJECTIVE: char = 'P';

/// Parts of a compound must be at least this long: `be|hov` is no compound. A first part of
/// two letters is allowed when it is a word (`el|bil`) and no verb prefix.
const MIN_LEFT: usize = 3;
const MIN_HEAD: usize = 3;
/// Two-letter verb prefixes that are no words of their own (`an|ställd`, `in|ställning`).
const PARTICLES: [&str; 5] = ["an", "in", "be", "er", "ge"];

pub struct Lexicon {
    /// Base form → its flags as bits.
    words: Words,
    /// Suffix rules by the ending they add.
    rules: HashMap<Box<str>, Vec<Rule>, FxBuild>,
    /// Longest ending in characters.
    longest: usize,
    bits: Bits,
}

/// The bit of each flag character that some word or rule uses (as `build.rs` numbered them).
struct Bits {
    of: HashMap<char, u64>,
}

impl Bits {
    fn get(&self, flag: char) -> u64 {
        self.of.get(&flag).copied().unwrap_or(0)
    }
}

struct Rule {
    flag: u64,
    strip: Box<str>,
    condition: Vec<Class>,
    /// The form exists only inside compounds (`skol-` of `skola`).
    only_in_compound: bool,
    /// The form may begin a compound (`hållbarhets-`).
    begins_compound: bool,
    /// An imperative (`spring` of `springa`): left out of word forms, since imperatives are
    /// rare in interviews and often nouns of their own (`stöd`, `ring`, `bidrag`).
    imperative: bool,
}

/// One position of a rule's condition on the end of the base form.
enum Class {
    Any,
    One(char),
    Set { chars: Vec<char>, negated: bool },
}

impl Class {
    fn matches(&self, c: char) -> bool {
        match self {
            Class::Any => true,
            Class::One(one) => c == *one,
            Class::Set { chars, negated } => chars.contains(&c) != *negated,
        }
    }
}

fn parse_condition(text: &str) -> Vec<Class> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => out.push(Class::Any),
            '[' => {
                let mut set = Vec::new();
                let mut negated = false;
                for (i, c) in chars.by_ref().enumerate() {
                    match c {
                        ']' => break,
                        '^' if i == 0 => negated = true,
                        c => set.push(c),
                    }
                }
                out.push(Class::Set {
                    chars: set,
                    negated,
                });
            }
            c => out.push(Class::One(c)),
        }
    }
    out
}

/// Whether `stem` ends in what `condition` asks for.
fn condition_holds(condition: &[Class], stem: &str) -> bool {
    let mut chars = stem.chars().rev();
    condition
        .iter()
        .rev()
        .all(|class| chars.next().is_some_and(|c| class.matches(c)))
}

/// The plurals with umlaut: `verkstäd(er)` → `verkstad`, `händ(er)` → `hand`. Only these
/// endings: `behöv(er)` must never become `behov`.
fn undo_umlaut(word: &str) -> Option<String> {
    ["äd", "änd"].iter().find_map(|ending| {
        let stem = word.strip_suffix(ending)?;
        Some(format!("{stem}a{}", &ending["ä".len()..]))
    })
}

fn empty_or(text: &str) -> &str {
    if text == "0" { "" } else { text }
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

impl Lexicon {
    fn load() -> Lexicon {
        let words = Words::compiled();
        let bits = Bits {
            of: words
                .flags()
                .iter()
                .enumerate()
                .map(|(bit, &flag)| (flag, 1 << bit))
                .collect(),
        };
        let mut rules: HashMap<Box<str>, Vec<Rule>, FxBuild> = HashMap::default();
        let mut longest = 0;
        for line in RULES.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split(' ');
            let (Some(flag), Some(strip), Some(add), Some(condition), Some(continuation)) = (
                fields.next().and_then(|f| f.chars().next()),
                fields.next().map(empty_or),
                fields.next().map(empty_or),
                fields.next(),
                fields.next(),
            ) else {
                continue;
            };
            // Rules for abbreviations and hyphenated forms: words here are letters only.
            if !strip.chars().chain(add.chars()).all(char::is_alphabetic) {
                continue;
            }
            longest = longest.max(add.chars().count());
            rules.entry(add.into()).or_default().push(Rule {
                flag: bits.get(flag),
                strip: strip.into(),
                condition: parse_condition(condition),
                only_in_compound: continuation.contains(ONLY_IN_COMPOUND),
                begins_compound: continuation.contains(COMPOUND_BEGIN)
                    || continuation.contains(COMPOUND_MIDDLE),
                imperative: add.is_empty() && strip.ends_with('a') && continuation == "-",
            });
        }
        Lexicon {
            words,
            rules,
            longest,
            bits,
        }
    }

    /// Every base form `word` (lowercase) is a form of, outside compounds: what each
    /// applicable rule leads back to, closest (longest) first, then the word itself if it
    /// is a base form. Empty for unknown words. The first is the one phrases use.
    pub fn lemmas(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.derive(
            word,
            |rule, _| !rule.only_in_compound && !rule.imperative,
            &mut out,
        );
        out.sort_by_key(|lemma| std::cmp::Reverse(lemma.len()));
        let own = self.bits.get(ONLY_IN_COMPOUND) | self.bits.get(NEED_AFFIX);
        let listed = self.words.get(word).is_some_and(|flags| flags & own == 0);
        // Only a verb reading (`åtgärder` read as `åtgärda`): the noun may be listed apart.
        let verb_only = !word.ends_with('a') && out.iter().all(|l| l.ends_with('a'));
        if (listed || verb_only)
            && let Some(base) = self.listed_form_of(word)
            && !out.contains(&base)
        {
            out.push(base);
        }
        // `ansökningar` → `ansökning`, listed apart from `ansökan`, whose plural it is.
        let verbal: Vec<String> = out
            .iter()
            .filter_map(|l| l.strip_suffix("ning").map(|s| format!("{s}an")))
            .filter(|noun| self.words.contains_key(noun) && !out.contains(noun))
            .collect();
        out.extend(verbal);
        if listed && !out.iter().any(|l| l == word) {
            out.push(word.to_string());
        }
        out
    }

    /// The dictionary lists some inflected forms as words of their own, with no rule
    /// leading back to the base form: plurals (`åtgärder`, `verkstäder`, `ansökningar`) and
    /// the `-a` form of adjectives in `-t` (`konkreta`). The base form such a word is
    /// listed for, found by taking one ending off (and an umlaut back) when that gives a
    /// listed word; `kunde` keeps no ending to lose, so it never meets `kund`.
    fn listed_form_of(&self, word: &str) -> Option<String> {
        let bare = stem(word);
        if bare != word {
            let candidates = std::iter::once(bare.to_string()).chain(undo_umlaut(bare));
            if let Some(found) = candidates.into_iter().find(|c| self.words.contains_key(c)) {
                return Some(found);
            }
            if let Some(noun) = bare.strip_suffix("ning").map(|s| format!("{s}an"))
                && self.words.contains_key(&noun)
            {
                return Some(noun);
            }
        }
        let adjective = self.bits.get(ADJECTIVE);
        let base = word.strip_suffix('a')?;
        (base.ends_with('t') && self.words.get(base).is_some_and(|f| f & adjective != 0))
            .then(|| base.to_string())
    }

    /// The base forms `part` stands for at the start of a compound: a base form that may
    /// begin one (`energi-`), a form made for it (`hållbarhets-`, `skol-`), or a word that
    /// begins compounds followed by the linking s (`besöks-`: `besök`, and the verb `besöka`
    /// the dictionary also makes it from).
    fn compound_begin(&self, part: &str) -> Vec<String> {
        let begins = self.bits.get(COMPOUND_BEGIN) | self.bits.get(COMPOUND_MIDDLE);
        let mut out = Vec::new();
        if self
            .words
            .get(part)
            .is_some_and(|flags| flags & begins != 0)
        {
            out.push(part.to_string());
        }
        self.derive(part, |rule, _| rule.begins_compound, &mut out);
        if let Some(bare) = part.strip_suffix('s')
            && bare.chars().count() >= MIN_LEFT
            && self.words.contains_key(bare)
            && !out.iter().any(|l| l == bare)
        {
            out.insert(0, bare.to_string());
        }
        out
    }

    /// The base forms of `part` as the last word of a compound (`kartläggningen` in
    /// `energikartläggningen`): only base forms marked as possible compound ends.
    fn compound_end(&self, part: &str) -> Vec<String> {
        let end = self.bits.get(COMPOUND_END);
        self.lemmas(part)
            .into_iter()
            .filter(|lemma| self.words.get(lemma.as_str()).is_some_and(|f| f & end != 0))
            .collect()
    }

    /// Base forms reached from `word` by rules that `accept`.
    fn derive(&self, word: &str, accept: impl Fn(&Rule, u64) -> bool, out: &mut Vec<String>) {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut stem = String::new();
        for k in 0..=self.longest.min(chars.len().saturating_sub(1)) {
            let cut = chars.get(chars.len() - k).map_or(word.len(), |(i, _)| *i);
            let Some(rules) = self.rules.get(&word[cut..]) else {
                continue;
            };
            for rule in rules {
                stem.clear();
                stem.push_str(&word[..cut]);
                stem.push_str(&rule.strip);
                let Some(flags) = self.words.get(&stem) else {
                    continue;
                };
                if flags & rule.flag != 0
                    && accept(rule, flags)
                    && condition_holds(&rule.condition, &stem)
                    && !out.contains(&stem)
                {
                    out.push(stem.clone());
                }
            }
        }
    }

    /// A compound split into its words: a last word the dictionary marks as a possible
    /// compound end, after a first part that may begin one (itself split again if need
    /// be). The longest last word gives the base form of a compound the lexicon does not
    /// list (`energikartläggningen` → `energi` + `kartläggning`); the parts of every split
    /// are kept. Listed compounds split too (`energieffektivisering`, `företagsbesök`). No
    /// part is a stop word or a verb prefix, so `företag` stays whole (`tag` cannot end a
    /// compound) and `tillverka` is no `verka`. `None` when the word is no compound the
    /// lexicon can see.
    pub fn split(&self, word: &str) -> Option<Split> {
        self.split_at_depth(word, 0, MIN_LEFT - 1, MIN_HEAD)
    }

    fn split_at_depth(
        &self,
        word: &str,
        depth: usize,
        min_left: usize,
        min_head: usize,
    ) -> Option<Split> {
        let chars: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        if chars.len() < min_left + min_head || depth > 3 {
            return None;
        }
        let mut found: Option<Split> = None;
        let splits = chars.iter().enumerate().take(chars.len() - min_head + 1);
        for (left_chars, &at) in splits.skip(min_left) {
            let (left, head) = word.split_at(at);
            if is_stop_word(left)
                || (left_chars < MIN_LEFT
                    && (PARTICLES.contains(&left) || !self.words.contains_key(left)))
            {
                continue;
            }
            let heads = self.compound_end(head);
            if heads.is_empty() {
                continue;
            }
            let begin = self.compound_begin(left);
            let mut parts = if !begin.is_empty() {
                begin
            } else if let Some(split) = self
                .split_at_depth(
                    left.strip_suffix('s').unwrap_or(left),
                    depth + 1,
                    MIN_LEFT,
                    MIN_HEAD,
                )
                .or_else(|| self.split_at_depth(left, depth + 1, MIN_LEFT, MIN_HEAD))
            {
                split.parts
            } else {
                continue;
            };
            parts.extend(heads.iter().cloned());
            match &mut found {
                None => {
                    found = Some(Split {
                        left: left.to_string(),
                        heads,
                        parts,
                    });
                }
                Some(first) => {
                    for part in parts {
                        if !first.parts.contains(&part) {
                            first.parts.push(part);
                        }
                    }
                }
            }
        }
        found
    }
}

/// A compound split by [`Lexicon::split`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The compound up to its last word, as written (`energi` of `energikartläggningen`).
    pub left: String,
    /// The base forms of the last word (`kartläggning`).
    pub heads: Vec<String>,
    /// Base forms of every part, of every way the word splits (`näringslivs|frågor` and
    /// `närings|livsfrågor`: a search for either part should find it).
    pub parts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::LEXICON;

    fn lemmas(word: &str) -> Vec<String> {
        LEXICON.lemmas(word)
    }

    #[test]
    fn forms_lead_to_their_base_form() {
        for (form, lemma) in [
            ("behöver", "behöva"),
            ("behovet", "behov"),
            ("svårt", "svår"),
            ("gröna", "grön"),
            ("grönt", "grön"),
            ("ringde", "ringa"),
            ("insatserna", "insats"),
            ("färdplanerna", "färdplan"),
            ("kunderna", "kund"),
            ("tydligare", "tydlig"),
            ("verkstäder", "verkstad"),
            ("åtgärder", "åtgärd"),
            ("konkreta", "konkret"),
            ("ansökningar", "ansökan"),
            ("nätverket", "nätverk"),
        ] {
            assert!(
                lemmas(form).contains(&lemma.to_string()),
                "{form}: {:?}",
                lemmas(form)
            );
        }
    }

    #[test]
    fn false_friends_stay_apart() {
        for (a, b) in [
            ("behöver", "behov"),
            ("annars", "anna"),
            ("kunde", "kund"),
            ("svar", "svår"),
            ("första", "förstå"),
        ] {
            let (la, lb) = (lemmas(a), lemmas(b));
            assert!(
                la.iter().all(|l| !lb.contains(l)),
                "{a} {la:?} / {b} {lb:?}"
            );
        }
    }

    #[test]
    fn unknown_compounds_split_into_known_words() {
        let split = LEXICON.split("energikartläggningen").unwrap();
        assert_eq!(split.left, "energi");
        assert_eq!(split.heads, ["kartläggning"]);
        assert_eq!(split.parts[..2], ["energi", "kartläggning"]);
        let split = LEXICON.split("hållbarhetsfrågorna").unwrap();
        assert_eq!(split.parts[..2], ["hållbarhet", "fråga"]);
        assert!(
            LEXICON
                .split("solcellspark")
                .unwrap()
                .parts
                .contains(&"park".to_string())
        );
        assert!(
            LEXICON
                .split("besöksnäringen")
                .unwrap()
                .parts
                .contains(&"besök".to_string())
        );
        assert!(LEXICON.split("annars").is_none());
        assert!(LEXICON.split("företaget").is_none());
        assert!(LEXICON.split("tillverka").is_none());
    }
}
