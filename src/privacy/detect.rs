//! All kinds of personal data in one text, without overlaps, with what must stay left out:
//! anything inside a web address but an e-mail address, and a number that follows `Dnr`.

use super::names::{self, NameBook};
use super::{Finding, Kind, Span, email, ids, phone};

/// Words after which a number is a case number, not personal data.
const CASE_NUMBER_WORDS: &[&str] = &[
    "dnr",
    "diarienr",
    "diarienummer",
    "ärendenr",
    "ärendenummer",
    "ref",
];

/// Personal data in `text`, in text order. `prefer` are the known people a shared first
/// name should be taken to mean (the people of the interview).
pub fn find(text: &str, book: &NameBook, prefer: &[usize]) -> Vec<Finding> {
    let mut all: Vec<Finding> = Vec::new();
    let mut spans = Vec::new();
    email::find(text, &mut spans);
    all.extend(spans.drain(..).map(|span| Finding::new(span, Kind::Email)));
    let mut numbers = Vec::new();
    ids::find(text, &mut numbers);
    all.extend(
        numbers
            .into_iter()
            .map(|(span, kind)| Finding::new(span, kind)),
    );
    phone::find(text, &mut spans);
    all.extend(spans.drain(..).map(|span| Finding::new(span, Kind::Phone)));
    for hit in names::find(text, book, prefer) {
        all.push(Finding {
            span: hit.span,
            kind: Kind::Name,
            person: hit.person,
            genitive: hit.genitive,
        });
    }
    let urls = email::urls(text);
    all.retain(|f| {
        f.kind == Kind::Email
            || !urls
                .iter()
                .any(|u| u.start <= f.span.start && f.span.end <= u.end)
    });
    all.retain(|f| f.kind == Kind::Name || f.kind == Kind::Email || !after_case_word(text, f.span));
    // Earlier first; of two overlapping findings the longer wins (an e-mail address holds a
    // name, a phone number may hold what looks like an identity number).
    all.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut kept: Vec<Finding> = Vec::new();
    for f in all {
        match kept.last() {
            Some(last) if f.span.start < last.span.end => {
                if f.span.end - f.span.start > last.span.end - last.span.start {
                    kept.pop();
                    kept.push(f);
                }
            }
            _ => kept.push(f),
        }
    }
    kept
}

fn after_case_word(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches([' ', ':', '.', '\u{a0}']);
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    CASE_NUMBER_WORDS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_address_wins_over_the_name_in_it_and_urls_are_left() {
        let book = NameBook::new(["Anna Bergström"]);
        let text = "Skriv till Anna på Anna.Bergstrom@example.se eller se https://example.se/Anna.";
        let found: Vec<(&str, Kind)> = find(text, &book, &[])
            .iter()
            .map(|f| (&text[f.span.start..f.span.end], f.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("Anna", Kind::Name),
                ("Anna.Bergstrom@example.se", Kind::Email)
            ]
        );
    }

    #[test]
    fn case_numbers_stay() {
        let book = NameBook::default();
        assert!(find("Dnr 556036-0793 gäller ansökan.", &book, &[]).is_empty());
        assert_eq!(find("Orgnr 556036-0793.", &book, &[]).len(), 1);
    }
}
