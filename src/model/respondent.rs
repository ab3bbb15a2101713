//! Respondents: the organisations interviewed, their attributes and their people.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Localized;

/// An attribute every respondent may have (type, municipality, sector…), defined per project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeDef {
    pub id: String,
    pub label: Localized,
    /// Allowed values, in the order forms offer them and tables list them; an empty list
    /// means any text is accepted. `behov check` reports values outside the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respondent {
    pub id: String,
    /// The organisation's name.
    pub name: String,
    /// Attribute id → value. A BTreeMap keeps the file's key order stable.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Contact people. Personal data under GDPR: never exported unless asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
}

impl AttributeDef {
    /// Whether a user's `name` for an attribute means this one: its id, or its Swedish or
    /// English label, compared as values are (see `value_key`).
    pub fn is_named(&self, name: &str) -> bool {
        let key = value_key(name);
        [
            self.id.as_str(),
            self.label.sv.as_str(),
            self.label.en.as_str(),
        ]
        .iter()
        .any(|n| !n.is_empty() && value_key(n) == key)
    }
}

/// How attribute values (and names) are compared when a person types them: case, accents
/// and spacing do not matter, so "vasteras", "Västerås" and " västerås" are one municipality.
pub fn value_key(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let words: Vec<String> = value
        .split_whitespace()
        .map(|w| {
            w.nfd()
                .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    words.join(" ")
}

impl Respondent {
    pub fn attribute(&self, id: &str) -> &str {
        self.attributes.get(id).map(String::as_str).unwrap_or("")
    }
}

/// A person at a respondent organisation. Every field is personal data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Woman,
    Man,
    Other,
}
