//! The project's outline as a query needs it. At national scale (20,000 respondents)
//! `project.json` is read on every `behov search`, so it is read in steps: [`load_light`]
//! reads the files once and the outline without the respondents (skipped, not built);
//! [`Light::thin`] adds the respondents' ids, names and attributes (as plain pairs, not a map
//! each, and without contact people) when the index must be checked against them or a filter
//! names them; [`Light::names`] finds the names of the few respondents a result shows.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::model::{AttributeDef, Guide, Project, Round};

use super::{
    BOM, CODEBOOK_FILE, Error, PROJECT_FILE, Result, parse_project, read_bytes, read_stamped,
    require_project,
};

/// The outline without its respondents, and the respondents thinly.
#[derive(Debug)]
pub struct Thin {
    /// `respondents` and `interviews` are empty; the codebook is read.
    pub project: Project,
    pub respondents: Vec<ThinRespondent>,
}

/// A respondent's id, name and attributes, the attributes in key order as the project's
/// map keeps them (a key given twice keeps its last value, as the map does).
#[derive(Debug, Deserialize)]
pub struct ThinRespondent {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "pairs")]
    pub attributes: Vec<(String, String)>,
}

/// `project.json` and the codebook read, the outline parsed without the respondents.
#[derive(Debug)]
pub struct Light {
    /// `respondents` and `interviews` are empty; the codebook is read.
    pub project: Project,
    /// The stamps (`Stamp::fingerprint`) of `project.json` and `codebook.json` as read.
    pub stamps: (u64, u64),
    path: PathBuf,
    bytes: Vec<u8>,
}

/// `project.json` as [`Project`] reads it, with the respondents as `R`; other fields skipped.
#[derive(Deserialize)]
struct File<R> {
    schema_version: u32,
    title: String,
    #[serde(default)]
    description: String,
    guide: Guide,
    #[serde(default)]
    attributes: Vec<AttributeDef>,
    #[serde(default = "Option::default")]
    respondents: Option<R>,
    #[serde(default)]
    rounds: Vec<Round>,
}

/// Reads the project at `root` as [`Light`] (see the module documentation).
pub fn load_light(root: &Path) -> Result<Light> {
    require_project(root)?;
    let path = root.join(PROJECT_FILE);
    let (bytes, project_stamp, bom) = read_bytes(&path)?;
    let body = if bom { &bytes[BOM.len()..] } else { &bytes[..] };
    let file = parse_project(&path, body, |f: &File<IgnoredAny>| f.schema_version)?;
    let (codebook, codebook_stamp, _) = read_stamped(&root.join(CODEBOOK_FILE))?;
    Ok(Light {
        project: Project {
            schema_version: file.schema_version,
            title: file.title,
            description: file.description,
            guide: file.guide,
            attributes: file.attributes,
            respondents: Vec::new(),
            rounds: file.rounds,
            codebook,
            interviews: Vec::new(),
        },
        stamps: (project_stamp.fingerprint(), codebook_stamp.fingerprint()),
        path,
        bytes,
    })
}

/// A respondent's id and name, borrowed from the file where they need no unescaping.
#[derive(Deserialize)]
struct NameOf<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    name: Cow<'a, str>,
}

impl Light {
    fn body(&self) -> &[u8] {
        self.bytes.strip_prefix(BOM).unwrap_or(&self.bytes)
    }

    /// The outline with its respondents thinly.
    pub fn thin(&self) -> Result<Thin> {
        let file: File<Vec<ThinRespondent>> =
            serde_json::from_slice(self.body()).map_err(|e| Error::parse(&self.path, &e))?;
        Ok(Thin {
            project: self.project.clone(),
            respondents: file.respondents.unwrap_or_default(),
        })
    }

    /// The names of the respondents `ids` (those the project has), found without building
    /// the others.
    pub fn names(&self, ids: &HashSet<&str>) -> Result<HashMap<String, String>> {
        let file: File<Vec<NameOf>> =
            serde_json::from_slice(self.body()).map_err(|e| Error::parse(&self.path, &e))?;
        Ok(file
            .respondents
            .unwrap_or_default()
            .into_iter()
            .filter(|r| ids.contains(r.id.as_ref()))
            .map(|r| (r.id.into_owned(), r.name.into_owned()))
            .collect())
    }
}

fn pairs<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<(String, String)>, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Vec<(String, String)>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of attribute values")
        }

        fn visit_map<M: MapAccess<'de>>(
            self,
            mut map: M,
        ) -> std::result::Result<Self::Value, M::Error> {
            let mut pairs: Vec<(String, String)> = Vec::with_capacity(map.size_hint().unwrap_or(4));
            while let Some(pair) = map.next_entry::<String, String>()? {
                pairs.push(pair);
            }
            // Stable: of a key given twice, the later value stays after the earlier.
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            let mut kept: Vec<(String, String)> = Vec::with_capacity(pairs.len());
            for pair in pairs {
                match kept.last_mut() {
                    Some(last) if last.0 == pair.0 => *last = pair,
                    _ => kept.push(pair),
                }
            }
            Ok(kept)
        }
    }
    deserializer.deserialize_map(Pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, defaults, load_outline};

    /// A project whose project.json has `respondents` (JSON) put in as written.
    fn project_dir(respondents: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        Store::create(&root, &defaults::project("T")).unwrap();
        let path = root.join(PROJECT_FILE);
        let mut value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        value["respondents"] = serde_json::Value::Null;
        let text = serde_json::to_string(&value).unwrap().replace(
            "\"respondents\":null",
            &format!("\"respondents\":{respondents}"),
        );
        std::fs::write(&path, text).unwrap();
        (tmp, root)
    }

    #[test]
    fn the_thin_outline_holds_what_the_outline_holds_but_contact_people() {
        let (_tmp, root) = project_dir(
            r#"[{"id": "r1", "name": "Almi", "attributes": {"type": "kommun", "län": "Uppsala", "type": "region"},
                 "people": [{"name": "Anna Berg"}]},
                {"id": "r2", "name": "Science \"Park\" \u00c5"}]"#,
        );
        let outline = load_outline(&root).unwrap();
        let thin = load_light(&root).unwrap().thin().unwrap();
        assert_eq!(thin.respondents.len(), outline.respondents.len());
        for (t, r) in thin.respondents.iter().zip(&outline.respondents) {
            assert_eq!((&t.id, &t.name), (&r.id, &r.name));
            let map: Vec<(String, String)> = r
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            assert_eq!(
                t.attributes, map,
                "key order and the last of a repeated key"
            );
        }
        assert_eq!(thin.project.guide, outline.guide);
        assert_eq!(thin.project.codebook, outline.codebook);
        assert_eq!(thin.project.attributes, outline.attributes);
        assert_eq!(thin.project.rounds, outline.rounds);
        // The index's fingerprint of the project is the same either way, or every search
        // would find the index stale.
        use crate::search::Catalog;
        let whole = Catalog::new(&outline);
        let thinly = Catalog::of_thin(&thin);
        assert_eq!(whole.fingerprint(), thinly.fingerprint());
        let r1 = (
            whole.respondent("r1").unwrap(),
            thinly.respondent("r1").unwrap(),
        );
        assert_eq!(r1.0.attributes, r1.1.attributes);
        assert_eq!(r1.0.name, r1.1.name);
        assert!(thinly.has_attribute_value("type=region"));
        assert!(!thinly.has_attribute_value("type=kommun"));

        let light = load_light(&root).unwrap();
        let names = light.names(&["r2", "r9"].into()).unwrap();
        assert_eq!(names.len(), 1, "only the respondents asked for that exist");
        assert_eq!(names["r2"], "Science \"Park\" Å");
        let light_catalog = Catalog::light(&light.project, whole.fingerprint());
        assert!(light_catalog.respondent("r1").is_none());
        assert_eq!(light_catalog.fingerprint(), whole.fingerprint());
    }
}
