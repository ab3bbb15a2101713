//! Disagreements the team has looked at and settled, as recorded in the project's
//! `agreement.json` (reading and writing it is the store's job).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The file in the project folder: shared by the team like the codebook, so it is not in
/// `.behov/`.
pub const FILE: &str = "agreement.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    #[serde(default)]
    pub settled: Vec<SettledEntry>,
}

/// One settled disagreement: the code on one answer, who settled it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettledEntry {
    pub interview: String,
    /// The question answered; absent for the notes outside the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub at: Timestamp,
}

impl SettledEntry {
    fn is(&self, key: (&str, Option<&str>, &str)) -> bool {
        (
            self.interview.as_str(),
            self.question.as_deref(),
            self.code.as_str(),
        ) == key
    }
}

impl Settled {
    pub fn contains(&self, key: (&str, Option<&str>, &str)) -> bool {
        self.settled.iter().any(|e| e.is(key))
    }

    /// Records the disagreement at `key` as settled, or, if it was, opens it again. Returns
    /// whether it is settled now.
    pub fn toggle(&mut self, key: (&str, Option<&str>, &str), by: &str, at: Timestamp) -> bool {
        if self.contains(key) {
            self.settled.retain(|e| !e.is(key));
            false
        } else {
            self.settled.push(SettledEntry {
                interview: key.0.to_string(),
                question: key.1.map(str::to_string),
                code: key.2.to_string(),
                by: by.to_string(),
                at,
            });
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_settles_and_reopens() {
        let mut s = Settled::default();
        let key = ("i002", Some("q03"), "advice");
        assert!(s.toggle(key, "maria", Timestamp::UNIX_EPOCH));
        assert!(s.contains(key));
        assert!(!s.contains(("i002", None, "advice")));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Settled>(&json).unwrap(), s);
        assert!(!s.toggle(key, "maria", Timestamp::UNIX_EPOCH));
        assert!(s.settled.is_empty());
    }
}
