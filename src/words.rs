//! Counts in sentences, for the command line and the logic's messages as for the interface.

/// "1 intervju", "3 intervjuer": the count and the singular or plural form.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(plural(1, "interview", "interviews"), "1 interview");
        assert_eq!(plural(0, "svar", "svar"), "0 svar");
        assert_eq!(plural(24, "intervju", "intervjuer"), "24 intervjuer");
    }
}
