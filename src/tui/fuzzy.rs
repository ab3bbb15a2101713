//! Type-to-filter matching for pickers: case-insensitive, å/ä/ö typed or not, letters in order.

/// Lower case with Swedish and other accents folded (å, ä → a; ö → o; é → e), so `radgivning`
/// matches `Rådgivning`.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c => c,
        })
        .collect()
}

/// Scores at or above this are substring matches.
pub const SUBSTRING: i32 = 500;

/// How well `needle` matches `haystack`: a substring beats scattered letters,
/// a match at a word start beats one inside a word; `None` if the letters are not all there
/// in order. Higher is better.
pub fn score(needle: &str, haystack: &str) -> Option<i32> {
    if needle.is_empty() {
        return Some(0);
    }
    let needle = fold(needle);
    let needle = needle.as_str();
    let hay = fold(haystack);
    if let Some(pos) = hay.find(needle) {
        let word_start = pos == 0
            || !hay[..pos]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        return Some(1000 - pos.min(SUBSTRING as usize) as i32 + if word_start { 500 } else { 0 });
    }
    // Letters in order, fewer gaps score higher; too scattered is no match.
    let mut gaps = 0;
    let mut chars = hay.chars();
    for wanted in needle.chars() {
        let mut skipped = 0;
        loop {
            let c = chars.next()?;
            if c == wanted {
                break;
            }
            skipped += 1;
        }
        gaps += skipped;
    }
    (gaps <= 3 * needle.chars().count()).then(|| 200 - gaps.min(199) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_swedish_letters() {
        assert_eq!(fold("Rådgivning ÄÖ"), "radgivning ao");
    }

    #[test]
    fn substrings_and_word_starts_rank_first() {
        let exact = score("fin", "Finansiering").unwrap();
        let inside = score("fin", "Affinitet").unwrap();
        let scattered = score("fin", "Förändringsförmåga i nätverk").unwrap();
        assert!(exact > inside && inside > scattered);
        assert_eq!(score("xyz", "Finansiering"), None);
        assert!(score("radgiv", "Rådgivning").is_some());
        assert!(score("färdpl", "Färdplan").is_some());
    }
}
