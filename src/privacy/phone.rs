//! Phone numbers as Swedes write them: `021-48 18 306`, `070-123 45 67`, `08 123 456 78`,
//! `0701234567`, and international forms `+46 70 123 45 67`, `+46 (0)21 48 18 306`,
//! `0046 8 123 456 78`, `+47 22 12 34 56`. A number starts with `0`, `00` or `+`; its groups
//! of digits are separated by one space, hyphen or dash. Dates, years, amounts and codes
//! start with another digit or have too few digits, so they are not taken.

use super::Span;

/// National numbers (with the leading 0) have 8 to 10 digits.
const NATIONAL: std::ops::RangeInclusive<usize> = 8..=10;
/// International numbers have 8 to 15 digits after `+` or `00` (E.164 allows 15).
const INTERNATIONAL: std::ops::RangeInclusive<usize> = 8..=15;

pub fn find(text: &str, out: &mut Vec<Span>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let digit = |k: usize| at(k).is_some_and(|c| c.is_ascii_digit());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        let before_ok = k == 0 || {
            let p = chars[k - 1].1;
            let numeric_before =
                k >= 2 && matches!(p, '.' | ',' | '/' | ':') && chars[k - 2].1.is_ascii_digit();
            !(p.is_alphanumeric() || p == '+' || p == '_' || numeric_before)
        };
        let start = if !before_ok {
            None
        } else if c == '+' && at(k + 1).is_some_and(|d| ('1'..='9').contains(&d)) {
            Some((k + 1, true))
        } else if c == '0' && at(k + 1) == Some('0') && at(k + 2).is_some_and(|d| d != '0') {
            digit(k + 2).then_some((k + 2, true))
        } else if c == '0' && at(k + 1).is_some_and(|d| ('1'..='9').contains(&d)) {
            Some((k, false))
        } else {
            None
        };
        let Some((first, international)) = start else {
            k += 1;
            continue;
        };
        match number_end(&chars, first, international) {
            Some(end) => {
                let end_byte = chars.get(end).map_or(text.len(), |&(b, _)| b);
                out.push(Span {
                    start: chars[k].0,
                    end: end_byte,
                });
                k = end;
            }
            None => k += 1,
        }
    }
}

/// Where the number whose digits start at `first` ends (a char index), if it is one.
fn number_end(chars: &[(usize, char)], first: usize, international: bool) -> Option<usize> {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let digit = |k: usize| at(k).is_some_and(|c| c.is_ascii_digit());
    // Each group: (end index, digits so far, digits in the group).
    let mut groups: Vec<(usize, usize, usize)> = Vec::new();
    let mut k = first;
    let mut total = 0;
    let mut trunk_zero_seen = false;
    loop {
        let group_start = k;
        while digit(k) {
            k += 1;
        }
        let n = k - group_start;
        total += n;
        groups.push((k, total, n));
        // A separator, then digits: the number goes on.
        let mut s = k;
        if international && !trunk_zero_seen && groups.len() == 1 {
            // `+46 (0)21`: the trunk zero in brackets is not dialled.
            let mut t = s;
            if at(t) == Some(' ') {
                t += 1;
            }
            if at(t) == Some('(') && at(t + 1) == Some('0') && at(t + 2) == Some(')') {
                trunk_zero_seen = true;
                s = t + 3;
                if at(s) == Some(' ') {
                    s += 1;
                }
                if digit(s) {
                    k = s;
                    continue;
                }
                break;
            }
        }
        match at(s) {
            Some(' ' | '\u{a0}') if digit(s + 1) => k = s + 1,
            Some(' ' | '\u{a0}')
                if matches!(at(s + 1), Some('-' | '–'))
                    && at(s + 2) == Some(' ')
                    && digit(s + 3) =>
            {
                k = s + 3
            }
            Some('-' | '–') if digit(s + 1) => k = s + 1,
            _ => break,
        }
    }
    let range = if international {
        INTERNATIONAL
    } else {
        NATIONAL
    };
    // The longest run of whole groups that has the digits of a phone number: `ring
    // 070-123 45 67 2 gånger` ends before the 2.
    let (end, _, _) = *groups
        .iter()
        .rev()
        .find(|(_, total, _)| range.contains(total))?;
    let used: Vec<usize> = groups
        .iter()
        .take_while(|(e, _, _)| *e <= end)
        .map(|(_, _, n)| *n)
        .collect();
    // `01-02-2026` is a date written the other way round.
    if !international && (used == [2, 2, 4] || used == [4, 2, 2]) {
        return None;
    }
    // A decimal or a longer number goes on after it: not a phone number.
    let after = at(end);
    if after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        || (matches!(after, Some('.' | ',')) && digit(end + 1))
    {
        return None;
    }
    Some(end)
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
    fn swedish_and_international_forms() {
        for number in [
            "021-48 18 306",
            "070-123 45 67",
            "070 123 45 67",
            "0701234567",
            "08-123 456 78",
            "08 – 123 45 67",
            "0771-22 33 44",
            "+46 70 123 45 67",
            "+46 (0)21 48 18 306",
            "+46(0)21-481830",
            "0046 8 123 456 78",
            "+46701234567",
            "+47 22 12 34 56",
        ] {
            let text = format!("Ring {number} i morgon.");
            assert_eq!(found(&text), [number], "{text}");
        }
    }

    #[test]
    fn a_count_after_the_number_is_left_out() {
        assert_eq!(found("ring 070-123 45 67 2 gånger"), ["070-123 45 67"]);
    }

    #[test]
    fn look_alikes_stay() {
        for text in [
            "Mötet 2026-02-03 kl. 09.30.",
            "Perioden 2020–2025 och 2021-2027.",
            "Dnr 2026-01234.",
            "Budgeten är 1 250 000 kr.",
            "ISO 14001 och ISO 9001:2015.",
            "SNI 01.110 och SNI 25.110.",
            "Det var 0,5 procent.",
            "Den 01-02-2026 hände det.",
            "postnummer 722 12",
            "år 2030",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
