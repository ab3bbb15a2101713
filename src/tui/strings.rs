//! Wording shared by several screens: counts with the right form of the noun, and the
//! choice between the two languages.

use crate::model::Lang;

/// The interface text in `lang`.
pub fn say(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// "1 intervju", "3 intervjuer": the count and the singular or plural form.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(plural(1, "intervju", "intervjuer"), "1 intervju");
        assert_eq!(plural(0, "intervju", "intervjuer"), "0 intervjuer");
        assert_eq!(plural(24, "intervju", "intervjuer"), "24 intervjuer");
    }
}
