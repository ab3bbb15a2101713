//! Swedish identity numbers: personal identity numbers (personnummer), coordination numbers
//! (samordningsnummer, the day plus 60) and organisation numbers. Each is ten digits whose
//! last is a Luhn check digit over the other nine; a twelve-digit form puts the century (or
//! `16` for organisations) in front. A number that fails its check is not one, so
//! look-alikes (case numbers, amounts) stay in the text.

use super::{Kind, Span};

/// The Luhn check over ten digits: doubling every other digit from the first.
pub fn luhn(digits: &[u8; 10]) -> bool {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let twice = d * 2;
                twice / 10 + twice % 10
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn days_in_month(month: u32, year: Option<u32>) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        // Without the century a year divisible by four may be a leap year.
        2 => match year {
            Some(y) if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            Some(_) => 28,
            None => 29,
        },
        _ => 0,
    }
}

/// What ten (or twelve) digits are: a personal identity number, a coordination number, an
/// organisation number, or nothing.
pub fn classify(digits: &[u8]) -> Option<Kind> {
    let (century, ten): (Option<u32>, &[u8]) = match digits.len() {
        10 => (None, digits),
        12 => (
            Some(u32::from(digits[0]) * 10 + u32::from(digits[1])),
            &digits[2..],
        ),
        _ => return None,
    };
    let ten: [u8; 10] = ten.try_into().ok()?;
    if !luhn(&ten) {
        return None;
    }
    let two = |i: usize| u32::from(ten[i]) * 10 + u32::from(ten[i + 1]);
    if ten[2] >= 2 {
        // The "month" of an organisation number is 20 or more; its long form starts 16.
        return matches!(century, None | Some(16)).then_some(Kind::OrganisationNumber);
    }
    let year = match century {
        Some(c @ 18..=20) => Some(c * 100 + two(0)),
        Some(_) => return None,
        None if two(0).is_multiple_of(4) => None,
        None => Some(1900 + two(0)),
    };
    let month = two(2);
    let day = two(4);
    if !(1..=12).contains(&month) {
        return None;
    }
    let max = days_in_month(month, year);
    if (1..=max).contains(&day) {
        Some(Kind::PersonalNumber)
    } else if (61..=60 + max).contains(&day) {
        Some(Kind::CoordinationNumber)
    } else {
        None
    }
}

/// Identity numbers in `text`: `YYMMDD-NNNN`, `YYMMDD+NNNN` (a person over 100),
/// `YYYYMMDD-NNNN`, and the same without the separator. Ten digits without a separator that
/// start with 0 are left to the phone numbers.
pub fn find(text: &str, out: &mut Vec<(Span, Kind)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && is_word_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let run_end = digits_from(bytes, i);
        let run = run_end - i;
        let mut matched = None;
        if (run == 6 || run == 8)
            && matches!(bytes.get(run_end), Some(b'-' | b'+'))
            && digits_from(bytes, run_end + 1) == run_end + 5
            && !bytes.get(run_end + 5).is_some_and(|&b| is_word_byte(b))
        {
            let mut digits: Vec<u8> = bytes[i..run_end].iter().map(|b| b - b'0').collect();
            digits.extend(bytes[run_end + 1..run_end + 5].iter().map(|b| b - b'0'));
            matched = classify(&digits).map(|k| (run_end + 5, k));
        } else if (run == 10 || run == 12) && !bytes.get(run_end).is_some_and(|&b| is_word_byte(b))
        {
            let digits: Vec<u8> = bytes[i..run_end].iter().map(|b| b - b'0').collect();
            if !(run == 10 && digits[0] == 0) {
                matched = classify(&digits).map(|k| (run_end, k));
            }
        }
        match matched {
            Some((end, kind)) => {
                out.push((Span { start: i, end }, kind));
                i = end;
            }
            None => i = run_end.max(i + 1),
        }
    }
}

fn digits_from(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    end
}

/// A byte that continues a word or a number (letters, digits, and every byte of a non-ASCII
/// character, so `å1234` is not a number's start).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80 || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<Kind> {
        let mut out = Vec::new();
        find(s, &mut out);
        assert!(out.len() <= 1, "{s}: {out:?}");
        out.first().map(|(span, k)| {
            assert_eq!(&s[span.start..span.end], s.trim(), "{s}");
            *k
        })
    }

    #[test]
    fn personal_numbers_pass_luhn_and_have_a_date() {
        // Skatteverket's own test numbers.
        assert_eq!(kind("811218-9876"), Some(Kind::PersonalNumber));
        assert_eq!(kind("19811218-9876"), Some(Kind::PersonalNumber));
        assert_eq!(kind("198112189876"), Some(Kind::PersonalNumber));
        assert_eq!(kind("8112189876"), Some(Kind::PersonalNumber));
        assert_eq!(kind("121212+1212"), Some(Kind::PersonalNumber));
        assert_eq!(kind("811218-9875"), None, "Luhn fails");
        assert_eq!(kind("811318-9871"), None, "month 13");
        assert_eq!(kind("701063-2391"), Some(Kind::CoordinationNumber));
    }

    #[test]
    fn organisation_numbers_have_a_third_digit_of_two_or_more() {
        assert_eq!(kind("556036-0793"), Some(Kind::OrganisationNumber));
        assert_eq!(kind("5560360793"), Some(Kind::OrganisationNumber));
        assert_eq!(kind("16556036-0793"), Some(Kind::OrganisationNumber));
        assert_eq!(kind("212000-1355"), Some(Kind::OrganisationNumber));
        assert_eq!(kind("556036-0794"), None);
        assert_eq!(kind("19556036-0793"), None);
    }

    #[test]
    fn dates_case_numbers_and_amounts_are_not_numbers() {
        for s in [
            "2026-02-03",
            "2020-2025",
            "2026-01234",
            "1 250 000",
            "12345-6789",
            "0701234567",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
    }
}
