//! The project's record of processing: controller, purpose, legal basis and the date by which
//! its personal data is erased (retention). It is `privacy.json` beside `project.json`:
//! part of the project, shared with the team and kept under git like the other files.

use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::store;

pub const FILE: &str = "privacy.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The day the project's personal data is to be erased or anonymised by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Date>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub controller: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_basis: String,
}

impl Settings {
    pub fn load(root: &Path) -> store::Result<Settings> {
        let path = root.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| store::Error::parse(&path, &e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(store::Error::io(&path, e)),
        }
    }

    pub fn save(&self, root: &Path) -> store::Result<()> {
        store::write_atomic(&root.join(FILE), store::to_json(self).as_bytes())
    }

    /// A sentence for `behov check` when the retention date has passed.
    pub fn retention_warning(&self, today: Date) -> Option<String> {
        let date = self.retention?;
        (date < today).then(|| {
            format!(
                "the retention date {date} in {FILE} has passed: erase the personal data (behov erase) or anonymise the project, or set a new date with behov privacy retain YYYY-MM-DD"
            )
        })
    }
}
