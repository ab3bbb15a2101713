//! What the index needs to know about a project besides its interviews: respondents and
//! their attributes, the code tree, the guide's question order. Also resolves filter values
//! the way users type them (`code:Finansiering`, `question:3`, `typ:kommun`).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::Project;
use crate::store::Thin;

use super::analyzer::fold_into;
use super::schema::SCHEMA_VERSION;

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    respondents: HashMap<String, RespondentInfo>,
    /// Code id → the id and every ancestor's id.
    lineage: HashMap<String, Vec<String>>,
    /// (code id, normalised ids and labels it can be named by).
    code_names: Vec<(String, Vec<String>)>,
    questions: Vec<String>,
    /// (attribute id, normalised names it can be given by: id and labels).
    attributes: Vec<(String, Vec<String>)>,
    /// Normalised `attribute=value` pairs some respondent has.
    attribute_values: HashSet<String>,
    fingerprint: u64,
}

#[derive(Debug, Clone)]
pub struct RespondentInfo {
    pub name: String,
    /// Normalised `attribute=value` pairs, shared by the respondents that have them.
    pub attributes: Vec<Arc<str>>,
}

/// Lowercase, accents folded, inner whitespace collapsed: how filter values are compared.
pub fn normalise(value: &str) -> String {
    let lower: String = value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut out = String::new();
    fold_into(&lower, &mut out);
    out
}

/// The `attribute` field's term for one attribute value.
pub fn attribute_term(id: &str, value: &str) -> String {
    format!("{}={}", normalise(id), normalise(value))
}

impl Catalog {
    pub fn new(project: &Project) -> Catalog {
        Catalog::of(
            project,
            project.respondents.iter().map(|r| {
                (
                    r.id.as_str(),
                    r.name.as_str(),
                    r.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                )
            }),
        )
    }

    /// The catalog of the outline `store::Light::thin` reads: the same catalog and fingerprint
    /// as [`Catalog::new`] of the whole project, at a fraction of the cost.
    pub fn of_thin(thin: &Thin) -> Catalog {
        Catalog::of(
            &thin.project,
            thin.respondents.iter().map(|r| {
                (
                    r.id.as_str(),
                    r.name.as_str(),
                    r.attributes.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                )
            }),
        )
    }

    /// The catalog of `project` (an outline by `store::load_light`) without its respondents,
    /// with the fingerprint the whole catalog of the same files had (kept by the last search
    /// that made it). It resolves codes, questions and attribute names, not respondents or
    /// attribute values: for queries that `names_respondents` says need none.
    pub fn light(project: &Project, fingerprint: u64) -> Catalog {
        let mut catalog = Catalog::of(
            project,
            std::iter::empty::<(&str, &str, std::iter::Empty<(&str, &str)>)>(),
        );
        catalog.fingerprint = fingerprint;
        catalog
    }

    /// `respondents` gives each respondent's id, name and attributes in key order (as the
    /// project's map keeps them), so both constructors hash alike.
    fn of<'a, A>(
        project: &'a Project,
        respondents: impl Iterator<Item = (&'a str, &'a str, A)>,
    ) -> Catalog
    where
        A: Iterator<Item = (&'a str, &'a str)>,
    {
        let mut hash = Fnv::new();
        hash.u64(u64::from(SCHEMA_VERSION));
        // A national project has tens of thousands of respondents but few distinct values:
        // each is normalised once.
        let mut terms: HashMap<(&str, &str), Arc<str>> = HashMap::new();
        let respondents = respondents
            .map(|(id, name, attributes)| {
                hash.str(id);
                hash.str(name);
                let attributes: Vec<Arc<str>> = attributes
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(k, v)| {
                        hash.str(k);
                        hash.str(v);
                        terms
                            .entry((k, v))
                            .or_insert_with(|| attribute_term(k, v).into())
                            .clone()
                    })
                    .collect();
                (
                    id.to_string(),
                    RespondentInfo {
                        name: name.to_string(),
                        attributes,
                    },
                )
            })
            .collect();
        let attribute_values = terms.into_values().map(|t| t.to_string()).collect();
        let book = &project.codebook;
        let lineage = book
            .codes
            .iter()
            .map(|c| {
                hash.str(&c.id);
                hash.str(c.parent.as_deref().unwrap_or(""));
                (
                    c.id.clone(),
                    book.ancestors(&c.id).iter().map(|a| a.id.clone()).collect(),
                )
            })
            .collect();
        let code_names = book
            .codes
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    [&c.id, &c.label.sv, &c.label.en]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .map(|s| normalise(s))
                        .collect(),
                )
            })
            .collect();
        let attributes = project
            .attributes
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    [&a.id, &a.label.sv, &a.label.en]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .map(|s| normalise(s))
                        .collect(),
                )
            })
            .collect();
        Catalog {
            respondents,
            lineage,
            code_names,
            questions: project
                .guide
                .questions
                .iter()
                .map(|q| q.id.clone())
                .collect(),
            attributes,
            attribute_values,
            fingerprint: hash.finish(),
        }
    }

    /// Changes whenever something copied into the index documents changes (respondent names
    /// and attributes, code parents), so a stale index is noticed.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn respondent(&self, id: &str) -> Option<&RespondentInfo> {
        self.respondents.get(id)
    }

    /// The code and its ancestors; an unknown code is still indexed under its own id.
    pub fn lineage(&self, code: &str) -> Vec<String> {
        self.lineage
            .get(code)
            .cloned()
            .unwrap_or_else(|| vec![code.to_string()])
    }

    /// Code ids named by `value` (an id or a label in either language); with `prefix`, every
    /// code whose id or label starts with it.
    pub fn codes_named(&self, value: &str, prefix: bool) -> Vec<String> {
        let wanted = normalise(value);
        self.code_names
            .iter()
            .filter(|(_, names)| {
                names.iter().any(|n| {
                    if prefix {
                        n.starts_with(&wanted)
                    } else {
                        *n == wanted
                    }
                })
            })
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// The question id named by `value`: its id (any case), or its number in the guide.
    pub fn question_named(&self, value: &str) -> Option<String> {
        let value = value.trim();
        if let Some(id) = self
            .questions
            .iter()
            .find(|q| q.eq_ignore_ascii_case(value))
        {
            return Some(id.clone());
        }
        let n: usize = value.trim_start_matches(['q', 'Q']).parse().ok()?;
        self.questions.get(n.checked_sub(1)?).cloned()
    }

    /// The attribute id named by `key` (its id or a label), if the project defines one.
    pub fn attribute_named(&self, key: &str) -> Option<&str> {
        let wanted = normalise(key);
        self.attributes
            .iter()
            .find(|(_, names)| names.contains(&wanted))
            .map(|(id, _)| id.as_str())
    }

    pub fn has_attribute_value(&self, term: &str) -> bool {
        self.attribute_values.contains(term)
    }

    pub fn is_respondent(&self, id: &str) -> bool {
        self.respondents.contains_key(id)
    }
}

/// FNV-1a: a stable hash (std's hasher may change between Rust releases, which would make
/// every index look stale after an upgrade).
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A string followed by a separator, so ("ab", "c") and ("a", "bc") differ.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0xff]);
    }

    pub fn u64(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::defaults;

    fn project() -> Project {
        let mut p = defaults::project("T");
        p.respondents = vec![crate::model::Respondent {
            id: "r1".into(),
            name: "Almi Mälardalen".into(),
            attributes: [("type".to_string(), "Näringslivskontor".to_string())].into(),
            people: vec![],
        }];
        p
    }

    #[test]
    fn values_normalise_case_accents_and_spaces() {
        assert_eq!(normalise("  Science   Park "), "science park");
        assert_eq!(
            attribute_term("type", "Näringslivskontor"),
            "type=naringslivskontor"
        );
    }

    #[test]
    fn questions_resolve_by_id_or_number() {
        let c = Catalog::new(&project());
        assert_eq!(c.question_named("Q03").as_deref(), Some("q03"));
        assert_eq!(c.question_named("3").as_deref(), Some("q03"));
        assert_eq!(c.question_named("0"), None);
        assert_eq!(c.question_named("999"), None);
    }

    #[test]
    fn codes_resolve_by_id_or_label() {
        let p = project();
        let c = Catalog::new(&p);
        let code = p
            .codebook
            .codes
            .iter()
            .find(|c| c.parent.is_some())
            .unwrap();
        assert_eq!(c.codes_named(&code.id, false), vec![code.id.clone()]);
        assert_eq!(
            c.codes_named(&code.label.sv.to_uppercase(), false),
            vec![code.id.clone()]
        );
        assert!(c.lineage(&code.id).len() >= 2);
    }

    #[test]
    fn the_fingerprint_follows_indexed_project_data() {
        let mut p = project();
        let before = Catalog::new(&p).fingerprint();
        p.title = "Other".into();
        assert_eq!(Catalog::new(&p).fingerprint(), before);
        p.respondents[0].name = "Almi".into();
        assert_ne!(Catalog::new(&p).fingerprint(), before);
    }
}
