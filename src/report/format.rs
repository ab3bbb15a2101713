//! How every number of a report reads: one place, so the Summary tab, the terminal table,
//! Markdown, CSV and the Word report print the same digits, and the workbook's number formats
//! display them too.
//!
//! Counts are whole numbers grouped by thousands, shares whole percentages, means and medians
//! one decimal. Swedish writes a decimal comma, groups with a non-breaking space and puts a
//! non-breaking space before `%` ("13 %"); English writes a point, groups with a comma and
//! writes "13%". Rounding is half away from zero, as Excel displays a number, so 12.5 % reads
//! "13 %" everywhere, never "12 %" in one place and "13 %" in another.

use crate::model::Lang;

/// Digits after the decimal mark of a share shown as a percentage.
pub const SHARE_DECIMALS: usize = 0;
/// Digits after the decimal mark of a mean or a median.
pub const DECIMAL_DECIMALS: usize = 1;
/// Digits after the decimal mark of an agreement coefficient (κ = 0,81), as reports give them.
pub const COEFFICIENT_DECIMALS: usize = 2;

/// Excel number formats that show the digits the text formats print; the workbook keeps the
/// exact value underneath. Excel draws the marks of the reader's locale, so a Swedish Excel
/// shows the same "1 234", "13 %" and "3,5" as the Swedish text.
pub const XLSX_COUNT: &str = "#,##0";
pub const XLSX_SHARE: &str = "0%";
pub const XLSX_DECIMAL: &str = "0.0";
pub const XLSX_COEFFICIENT: &str = "0.00";

/// The non-breaking space Swedish puts between a number and `%` and between thousands, so a
/// line never breaks inside a number.
pub const NBSP: char = '\u{a0}';

/// `x` rounded to `decimals` digits, half away from zero. The binary noise of a computed share
/// (0.285 × 100 = 28.499999999999996) is removed first, as Excel does by displaying 15
/// significant digits, so a share that is exactly a half in decimal rounds up.
pub fn round(x: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let scaled = x * scale;
    let cleaned = if scaled.abs() < 1e6 {
        (scaled * 1e9).round() / 1e9
    } else {
        scaled
    };
    cleaned.round() / scale
}

/// A count: "1 234" (with a non-breaking space) in Swedish, "1,234" in English.
pub fn count(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::Sv => NBSP,
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

/// A share as a percentage with its sign: "13 %" in Swedish (non-breaking space), "13%" in
/// English.
pub fn percent(share: f64, lang: Lang) -> String {
    let number = percent_number(share, lang);
    match lang {
        Lang::Sv => format!("{number}{NBSP}%"),
        Lang::En => format!("{number}%"),
    }
}

/// A share as a percentage without the sign, for a column headed "(%)": "13".
pub fn percent_number(share: f64, lang: Lang) -> String {
    fixed(share * 100.0, SHARE_DECIMALS, lang)
}

/// A mean or a median: "3,5" in Swedish, "3.5" in English.
pub fn decimal(x: f64, lang: Lang) -> String {
    fixed(x, DECIMAL_DECIMALS, lang)
}

/// An agreement coefficient: "0,81" in Swedish, "0.81" in English.
pub fn coefficient(x: f64, lang: Lang) -> String {
    fixed(x, COEFFICIENT_DECIMALS, lang)
}

/// `x` with `decimals` digits after the language's decimal mark.
fn fixed(x: f64, decimals: usize, lang: Lang) -> String {
    let rounded = round(x, decimals);
    // -0.0 would print as "-0".
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.decimals$}");
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero_as_excel_shows_them() {
        assert_eq!(percent(0.125, Lang::Sv), "13\u{a0}%");
        assert_eq!(percent(0.125, Lang::En), "13%");
        assert_eq!(percent(0.285, Lang::En), "29%");
        assert_eq!(percent(2.0 / 3.0, Lang::Sv), "67\u{a0}%");
        assert_eq!(percent(0.0, Lang::En), "0%");
        assert_eq!(decimal(2.25, Lang::Sv), "2,3");
        assert_eq!(decimal(2.35, Lang::En), "2.4");
        assert_eq!(decimal(3.0, Lang::En), "3.0");
        assert_eq!(decimal(-0.01, Lang::En), "0.0");
        assert_eq!(round(1.005, 2), 1.01);
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(7, Lang::Sv), "7");
        assert_eq!(count(1234, Lang::Sv), "1\u{a0}234");
        assert_eq!(count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(count(123_456, Lang::En), "123,456");
    }
}
