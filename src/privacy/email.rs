//! E-mail addresses, also with å, ä and ö on either side of the `@`
//! (`åsa.öberg@kommun.se`, `info@företag.se`), and web addresses, inside which nothing is
//! taken for personal data but an e-mail address.

use super::Span;

fn local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn domain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

pub fn find(text: &str, out: &mut Vec<Span>) {
    for (at, _) in text.match_indices('@') {
        let local_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| local_char(c))
            .last()
            .map_or(at, |(i, _)| i);
        let mut start = local_start;
        // A local part does not start with a dot.
        while text[start..at].starts_with('.') {
            start += 1;
        }
        let after = at + 1;
        let mut end = text[after..]
            .char_indices()
            .find(|&(_, c)| !domain_char(c))
            .map_or(text.len(), |(i, _)| after + i);
        // The sentence's full stop is not part of the domain.
        while end > after && text[..end].ends_with(['.', '-']) {
            end -= 1;
        }
        let local = &text[start..at];
        let domain = &text[after..end];
        let tld = domain.rsplit('.').next().unwrap_or("");
        if !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.contains("..")
            && tld.chars().count() >= 2
            && tld.chars().all(char::is_alphabetic)
        {
            out.push(Span { start, end });
        }
    }
}

/// Web addresses: `http://…`, `https://…`, `www.…`, up to the next space, without the
/// punctuation that ends the sentence.
pub fn urls(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| text[from..].find(p).map(|i| from + i))
        .min()
    {
        let prev_ok = text[..found]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '.');
        let end = text[found..]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '"' | '”' | '<' | '>'))
            .map_or(text.len(), |(i, _)| found + i);
        let mut end = end;
        while end > found && text[..end].ends_with(['.', ',', ';', ':', '!', '?', ')']) {
            end -= 1;
        }
        if prev_ok {
            spans.push(Span { start: found, end });
        }
        from = end.max(found + 1);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn addresses_with_swedish_letters() {
        assert_eq!(found("Mejla åsa.öberg@kommun.se."), ["åsa.öberg@kommun.se"]);
        assert_eq!(found("(info@företag.se)"), ["info@företag.se"]);
        assert_eq!(
            found("anna.bergstrom@example.se, peter@x.se"),
            ["anna.bergstrom@example.se", "peter@x.se"]
        );
    }

    #[test]
    fn look_alikes_stay() {
        assert!(found("kl. 10 @ kontoret").is_empty());
        assert!(found("@regionvastmanland på X").is_empty());
        assert!(found("a@b").is_empty());
    }

    #[test]
    fn urls_end_before_the_full_stop() {
        let text = "Se https://www.almi.se/kontakt?tel=0701234567. Och www.ri.se!";
        let spans: Vec<&str> = urls(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            spans,
            ["https://www.almi.se/kontakt?tel=0701234567", "www.ri.se"]
        );
    }
}
