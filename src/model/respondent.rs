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

    /// `value` as the project already spells it: the allowed value, or else the spelling most
    /// respondents have, that differs from it only in case, accents or spaces; `value` itself
    /// when there is none. Forms store this, so "västerås" typed in a hurry joins "Västerås"
    /// instead of starting a group of its own.
    pub fn spelling(&self, respondents: &[Respondent], value: &str) -> String {
        let key = value_key(value);
        if key.is_empty() {
            return String::new();
        }
        if let Some(allowed) = self.values.iter().find(|v| value_key(v) == key) {
            return allowed.clone();
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for r in respondents {
            let v = r.attribute(&self.id);
            if value_key(v) == key {
                *counts.entry(v).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .map_or_else(|| value.trim().to_string(), |(v, _)| v.to_string())
    }

    /// Gives respondents whose value differs from an allowed value only in case, accents or
    /// spaces that allowed value, merging "västmanland" into "Västmanland". Returns how many
    /// respondents changed.
    pub fn respell(&self, respondents: &mut [Respondent]) -> usize {
        let mut changed = 0;
        for r in respondents {
            let Some(value) = r.attributes.get_mut(&self.id) else {
                continue;
            };
            let key = value_key(value);
            if let Some(allowed) = self
                .values
                .iter()
                .find(|v| *v != value && value_key(v) == key)
            {
                *value = allowed.clone();
                changed += 1;
            }
        }
        changed
    }
}

impl AttributeDef {
    /// Every value of this attribute in use or allowed, each spelling once, sorted.
    pub fn known_values(&self, respondents: &[Respondent]) -> Vec<String> {
        let mut values: Vec<String> = self.values.clone();
        for r in respondents {
            if let Some(v) = r.attributes.get(&self.id)
                && !v.trim().is_empty()
                && !values.iter().any(|known| value_key(known) == value_key(v))
            {
                values.push(v.clone());
            }
        }
        values.sort_by_key(|v| value_key(v));
        values
    }

    /// Makes `from` the value `into`: every respondent with `from` (in any spelling) gets
    /// `into`, and `from` leaves the allowed values. Returns how many respondents changed.
    pub fn merge_values(
        &mut self,
        respondents: &mut [Respondent],
        from: &str,
        into: &str,
    ) -> usize {
        let key = value_key(from);
        if key == value_key(into) {
            return 0;
        }
        let mut changed = 0;
        for r in respondents {
            if let Some(value) = r.attributes.get_mut(&self.id)
                && value_key(value) == key
            {
                *value = into.to_string();
                changed += 1;
            }
        }
        let listed = !self.values.is_empty();
        self.values.retain(|v| value_key(v) != key);
        if listed && !self.values.iter().any(|v| value_key(v) == value_key(into)) {
            self.values.push(into.to_string());
        }
        changed
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

#[cfg(test)]
mod tests {
    #[test]
    fn two_values_merge_into_one_in_every_spelling() {
        use super::*;
        let mut attribute = AttributeDef {
            id: "municipality".into(),
            label: crate::model::Localized::new("Kommun", "Municipality"),
            values: vec!["Köping".into(), "Kungsör".into()],
        };
        let mut respondents: Vec<Respondent> = ["Kungsör", "kungsor", "Köping", "Arboga"]
            .iter()
            .enumerate()
            .map(|(n, v)| Respondent {
                id: format!("r{n}"),
                name: format!("Org {n}"),
                attributes: [("municipality".to_string(), v.to_string())].into(),
                people: Vec::new(),
            })
            .collect();
        assert_eq!(
            attribute.known_values(&respondents),
            vec!["Arboga", "Köping", "Kungsör"]
        );
        assert_eq!(
            attribute.merge_values(&mut respondents, "Kungsör", "Köping"),
            2
        );
        let values: Vec<&str> = respondents
            .iter()
            .map(|r| r.attribute("municipality"))
            .collect();
        assert_eq!(values, ["Köping", "Köping", "Köping", "Arboga"]);
        assert_eq!(attribute.values, vec!["Köping"]);
        assert_eq!(
            attribute.merge_values(&mut respondents, "köping", "Köping"),
            0
        );
    }

    use super::*;
    use crate::model::Localized;

    fn with(place: &str) -> Respondent {
        Respondent {
            id: place.to_string(),
            name: String::new(),
            attributes: [("municipality".to_string(), place.to_string())].into(),
            people: Vec::new(),
        }
    }

    #[test]
    fn names_and_values_compare_without_case_accents_or_spaces() {
        assert_eq!(value_key("  Västerås   stad "), "vasteras stad");
        let def = AttributeDef {
            id: "municipality".into(),
            label: Localized::new("Kommun", "Municipality"),
            values: Vec::new(),
        };
        assert!(def.is_named("kommun") && def.is_named("MUNICIPALITY"));
        assert!(!def.is_named("kommuner"));
    }

    #[test]
    fn a_typed_value_takes_the_projects_spelling() {
        let mut def = AttributeDef {
            id: "municipality".into(),
            label: Localized::new("Kommun", "Municipality"),
            values: Vec::new(),
        };
        let people = [with("Västerås"), with("Västerås"), with("vasteras")];
        assert_eq!(def.spelling(&people, "VASTERAS "), "Västerås");
        assert_eq!(def.spelling(&people, "Sala"), "Sala");
        assert_eq!(def.spelling(&people, "  "), "");
        def.values = vec!["västerås".into()];
        assert_eq!(def.spelling(&people, "Västerås"), "västerås");
    }

    #[test]
    fn listing_a_value_merges_its_spellings_into_it() {
        let def = AttributeDef {
            id: "municipality".into(),
            label: Localized::new("Kommun", "Municipality"),
            values: vec!["Västerås".into()],
        };
        let mut people = [
            with("Västerås"),
            with("vasteras"),
            with("VÄSTERÅS "),
            with("Sala"),
        ];
        assert_eq!(def.respell(&mut people), 2);
        let now: Vec<&str> = people.iter().map(|r| r.attribute("municipality")).collect();
        assert_eq!(now, ["Västerås", "Västerås", "Västerås", "Sala"]);
    }
}
