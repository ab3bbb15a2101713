//! Text shown to users in both interface languages.

use serde::{Deserialize, Serialize};

/// The interface languages. Swedish first: the users are Swedish public-sector staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// Parses `sv`/`en` (and locale strings such as `sv_SE.UTF-8`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("sv") {
            Some(Lang::Sv)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A Swedish and an English version of the same text. English may be empty; Swedish is then shown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Localized {
    pub sv: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl Localized {
    pub fn new(sv: impl Into<String>, en: impl Into<String>) -> Self {
        Localized {
            sv: sv.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when it is missing.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv if !self.sv.is_empty() => &self.sv,
            Lang::En if !self.en.is_empty() => &self.en,
            _ if self.sv.is_empty() => &self.en,
            _ => &self.sv,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sv.is_empty() && self.en.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_other_language() {
        let t = Localized::new("Råd", "");
        assert_eq!(t.get(Lang::En), "Råd");
        let t = Localized::new("", "Advice");
        assert_eq!(t.get(Lang::Sv), "Advice");
        let t = Localized::new("Råd", "Advice");
        assert_eq!(t.get(Lang::En), "Advice");
        assert_eq!(t.get(Lang::Sv), "Råd");
    }

    #[test]
    fn parses_locales() {
        assert_eq!(Lang::parse("sv_SE.UTF-8"), Some(Lang::Sv));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("de_DE"), None);
    }
}
