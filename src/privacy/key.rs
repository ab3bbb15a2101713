//! The pseudonym key: which number each organisation and person has in pseudonymised exports,
//! the names added to the project's pseudonym list, and the words marked "not personal data".
//! It is `.behov/pseudonyms.json`, private to the project folder (0600) and never exported:
//! with it a pseudonym can be traced back to a person, so it is what a data-protection
//! officer calls the key of the pseudonymisation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Project, value_key};
use crate::store::{self, LOCAL_DIR};

pub const FILE: &str = "pseudonyms.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// Respondent id → the number in `[Organisation N]`.
    #[serde(default)]
    pub organisations: BTreeMap<String, u32>,
    /// A person's name (as `value_key`) → the number in `[person N]`.
    #[serde(default)]
    pub people: BTreeMap<String, u32>,
    /// Names the user added to the project's pseudonym list: found and replaced like the
    /// contact people.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// Words and numbers (as `value_key`) the user marked "not personal data".
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub not_personal: BTreeSet<String>,
}

pub fn path(root: &Path) -> PathBuf {
    root.join(LOCAL_DIR).join(FILE)
}

impl Key {
    /// The project's key, or an empty one when it has none yet.
    pub fn load(root: &Path) -> store::Result<Key> {
        let path = path(root);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| store::Error::parse(&path, &e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Key::default()),
            Err(e) => Err(store::Error::io(&path, e)),
        }
    }

    /// Writes the key, keeping what another process added since it was read: numbers on
    /// disk win, so a pseudonym never changes once given.
    pub fn save(&self, root: &Path) -> store::Result<()> {
        let mut merged = Key::load(root).unwrap_or_default();
        for (id, n) in &self.organisations {
            if !merged.organisations.contains_key(id) {
                let taken = merged.organisations.values().any(|m| m == n);
                let n = if taken {
                    next(&merged.organisations)
                } else {
                    *n
                };
                merged.organisations.insert(id.clone(), n);
            }
        }
        for (name, n) in &self.people {
            if !merged.people.contains_key(name) {
                let taken = merged.people.values().any(|m| m == n);
                let n = if taken { next(&merged.people) } else { *n };
                merged.people.insert(name.clone(), n);
            }
        }
        for name in &self.names {
            if !merged.names.iter().any(|m| value_key(m) == value_key(name)) {
                merged.names.push(name.clone());
            }
        }
        merged
            .not_personal
            .extend(self.not_personal.iter().cloned());
        store::create_dir(&root.join(LOCAL_DIR))?;
        store::write_atomic(&path(root), store::to_json(&merged).as_bytes())
    }

    /// Writes exactly this key (erasure removes entries, which [`Key::save`] would keep).
    pub fn replace(&self, root: &Path) -> store::Result<()> {
        store::create_dir(&root.join(LOCAL_DIR))?;
        store::write_atomic(&path(root), store::to_json(self).as_bytes())
    }

    /// `[Organisation N]` for a respondent. The first time, every respondent is numbered by
    /// a hash of its id (as `report::pseudonym_numbers`, so "Organisation 7" stays 7); later
    /// respondents get the next free number.
    pub fn organisation(&mut self, project: &Project, id: &str) -> u32 {
        if self.organisations.is_empty() {
            let numbers = crate::report::pseudonym_numbers(project);
            for (r, n) in project.respondents.iter().zip(numbers) {
                self.organisations.insert(r.id.clone(), n as u32);
            }
        }
        if let Some(&n) = self.organisations.get(id) {
            return n;
        }
        let n = next(&self.organisations);
        self.organisations.insert(id.to_string(), n);
        n
    }

    /// The number of the person named `name` (any spelling of it), given now if new.
    pub fn person(&mut self, name: &str) -> u32 {
        let k = value_key(name);
        if let Some(&n) = self.people.get(&k) {
            return n;
        }
        let n = next(&self.people);
        self.people.insert(k, n);
        n
    }

    /// Numbers the people in `names` who have none, in an order that follows a hash of their
    /// names rather than the order of any list, so the numbers reveal nothing.
    pub fn number_all<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let mut missing: Vec<String> = names
            .into_iter()
            .map(value_key)
            .filter(|k| !k.is_empty() && !self.people.contains_key(k))
            .collect();
        missing.sort_by_cached_key(|k| (scramble(k), k.clone()));
        missing.dedup();
        for k in missing {
            self.person(&k);
        }
    }

    pub fn is_not_personal(&self, text: &str) -> bool {
        self.not_personal.contains(&value_key(text))
    }
}

fn next(map: &BTreeMap<String, u32>) -> u32 {
    map.values().copied().max().unwrap_or(0) + 1
}

/// A fixed hash (SHA-256), the same in every build, so a key made twice numbers alike.
fn scramble(text: &str) -> [u8; 8] {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest[..8].try_into().expect("eight bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_once_given_and_saving_merges() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Key::default();
        a.number_all(["Anna Bergström", "Nils", "anna bergström"]);
        assert_eq!(a.people.len(), 2);
        let anna = a.person("ANNA BERGSTRÖM");
        a.save(dir.path()).unwrap();
        let mut b = Key::default();
        b.person("Peter Holm");
        b.save(dir.path()).unwrap();
        let merged = Key::load(dir.path()).unwrap();
        assert_eq!(merged.people["anna bergstrom"], anna);
        assert_eq!(merged.people["peter holm"], 3, "{merged:?}");
    }
}
