//! Speaker labels at the start of a line, as transcripts write them: `Anna: text`,
//! `Anna Berg (00:01:02): text`, `[00:01:02] Anna: text`, `Anna Berg 00:01:02` on a line of
//! its own (Teams' Word download), and `**Anna:**` in Markdown.

use super::time;

/// A line split into its speaker label, time and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    pub speaker: Option<&'a str>,
    pub start_ms: Option<u64>,
    pub rest: &'a str,
}

/// Longest name accepted as a speaker label, in characters: longer text before a colon is a
/// sentence (`Det vi behöver är: pengar`).
const MAX_NAME_CHARS: usize = 40;
const MAX_NAME_WORDS: usize = 5;

/// The speaker and time at the start of `line`, if it has them.
pub fn split(line: &str) -> Label<'_> {
    let mut rest = line.trim();
    let mut start_ms = None;
    // `[00:01:02]` or `(00:01:02)` first.
    if let Some((t, after)) = bracketed_time(rest) {
        start_ms = Some(t);
        rest = after.trim_start();
    }
    let plain = Label {
        speaker: None,
        start_ms,
        rest,
    };
    let Some(colon) = outer_colon(rest) else {
        return plain;
    };
    let (head, tail) = (&rest[..colon], &rest[colon + 1..]);
    // A time such as 10:30 is not a label.
    if tail.starts_with(|c: char| c.is_ascii_digit())
        && head.ends_with(|c: char| c.is_ascii_digit())
    {
        return plain;
    }
    let mut name = head.trim().trim_matches('*').trim();
    let mut tail = tail.trim_start().trim_start_matches('*').trim_start();
    // `Anna Berg (00:01:02)` or `Anna Berg [00:01:02]`.
    if let Some(open) = name.rfind(['(', '['])
        && let Some((t, after)) = bracketed_time(&name[open..])
        && after.trim().is_empty()
    {
        start_ms = start_ms.or(Some(t));
        name = name[..open].trim();
    }
    if !is_name(name) {
        return plain;
    }
    tail = tail.trim();
    Label {
        speaker: Some(name),
        start_ms,
        rest: tail,
    }
}

/// `Anna Berg 00:01:02` or `Anna Berg   1:02` alone on a line: a speaker heading of a Teams
/// transcript saved as Word, with the speech on the lines below.
pub fn heading(line: &str) -> Option<(&str, u64)> {
    let line = line.trim();
    let (name, t) = line.rsplit_once(char::is_whitespace)?;
    let t = time::parse(t)?;
    let name = name.trim();
    is_name(name).then_some((name, t))
}

/// Whether `s` reads as a person's name or a role: a few words, starting with a letter, no
/// sentence punctuation.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_NAME_CHARS
        && s.split_whitespace().count() <= MAX_NAME_WORDS
        && s.starts_with(char::is_alphabetic)
        && !s.contains(['.', '!', '?', ',', ';', '"', '”', '“'])
        && s.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '(')
                || PARTICLES.contains(&w)
        })
}

/// Lowercase words that belong to names (`Sara von Platen`, `Ali el Amin`).
const PARTICLES: [&str; 9] = ["von", "van", "de", "af", "der", "la", "le", "el", "al"];

/// The first `:` outside brackets (`Anna (00:01:02): text` has its label colon after the time).
fn outer_colon(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ':' if depth <= 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// `[00:01:02]` or `(00:01:02)` at the start of `s`, and what follows it.
fn bracketed_time(s: &str) -> Option<(u64, &str)> {
    let close = match s.chars().next()? {
        '[' => ']',
        '(' => ')',
        _ => return None,
    };
    let end = s.find(close)?;
    let t = time::parse(&s[1..end])?;
    Some((t, &s[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> (Option<&str>, Option<u64>, &str) {
        let l = split(line);
        (l.speaker, l.start_ms, l.rest)
    }

    #[test]
    fn every_label_style() {
        assert_eq!(
            parts("Anna: Vi behöver råd."),
            (Some("Anna"), None, "Vi behöver råd.")
        );
        assert_eq!(
            parts("Anna Berg (00:01:02): Ja."),
            (Some("Anna Berg"), Some(62_000), "Ja.")
        );
        assert_eq!(
            parts("[00:01:02] Intervjuare: Hur?"),
            (Some("Intervjuare"), Some(62_000), "Hur?")
        );
        assert_eq!(parts("**Maria:** Hej"), (Some("Maria"), None, "Hej"));
        assert_eq!(
            parts("[01:02] Ingen etikett här."),
            (None, Some(62_000), "Ingen etikett här.")
        );
    }

    #[test]
    fn sentences_with_colons_are_not_labels() {
        for line in [
            "Det vi behöver är tydligt: pengar och tid.",
            "Mötet börjar 10:30 på tisdag.",
            "Tre saker: råd, pengar, tid.",
            "Klockan 10:30",
        ] {
            assert_eq!(split(line).speaker, None, "{line}");
        }
    }

    #[test]
    fn teams_word_headings() {
        assert_eq!(heading("Anna Berg   0:03:12"), Some(("Anna Berg", 192_000)));
        assert_eq!(heading("Vi sa 10:30"), None);
        assert_eq!(heading("Anna Berg"), None);
    }
}
