//! A programme: several projects that share a codebook (the 21 regions of one national
//! programme), summarised together.
//!
//! The projects are combined into one project in memory, so every table, filter and output
//! format of a single summary works unchanged: the project becomes a respondent attribute
//! (`project`), codes are matched by id, and what the codebooks and guides do not share is
//! kept and said in [`Difference`]s rather than hidden. A code only some projects have (a
//! region's own goal) stays its own row, labelled with the projects that have it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{Error, Options, Summary, summarise};
use crate::model::{AttributeDef, Lang, Localized, Project};

/// The attribute every respondent of a programme gets: the project it was interviewed in.
pub const PROJECT_ATTRIBUTE: &str = "project";

/// One project of a programme.
#[derive(Debug, Clone)]
pub struct Member {
    /// Short and unique within the programme (the folder name): prefixes the project's
    /// respondent and interview ids so that they cannot collide with another project's.
    pub key: String,
    /// What tables call the project ("Region Gävleborg").
    pub name: String,
    pub project: Project,
}

/// The projects combined, and what they do not share.
#[derive(Debug, Clone)]
pub struct Programme {
    pub project: Project,
    pub info: ProgrammeInfo,
}

/// What a programme summary says beyond a project's: which projects, and how they differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeInfo {
    pub projects: Vec<MemberInfo>,
    pub differences: Vec<Difference>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberInfo {
    pub key: String,
    pub name: String,
    pub title: String,
    pub respondents: usize,
    pub interviews: usize,
    /// Codes no other project of the programme has.
    pub own_codes: Vec<String>,
}

/// A way the projects' codebooks or guides differ. Every one is reported in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Difference {
    /// A code some projects' codebooks lack: counted only where it exists.
    Code {
        code: String,
        label: Localized,
        in_projects: Vec<String>,
        missing_from: Vec<String>,
    },
    /// The same code id with different labels; the first project's label is used.
    Label {
        code: String,
        /// (project, label) for every project, in programme order.
        labels: Vec<(String, Localized)>,
    },
    /// The same code id under different parents; the first project's parent is used.
    Parent {
        code: String,
        parents: Vec<(String, Option<String>)>,
    },
    /// A question some projects' guides lack.
    Question {
        question: String,
        in_projects: Vec<String>,
        missing_from: Vec<String>,
    },
    /// A respondent attribute some projects lack: it cannot split the programme.
    Attribute {
        attribute: String,
        in_projects: Vec<String>,
        missing_from: Vec<String>,
    },
}

impl Difference {
    /// The difference as a sentence of the report.
    pub fn sentence(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        match self {
            Difference::Code {
                code,
                label,
                in_projects,
                missing_from,
            } => {
                let label = label.get(lang);
                if sv {
                    format!(
                        "Koden {label} ({code}) finns bara i kodboken för {}; {} saknar den, så där räknas den inte.",
                        list(in_projects, lang),
                        list(missing_from, lang)
                    )
                } else {
                    format!(
                        "The code {label} ({code}) is only in the codebook of {}; {} lack{} it, so it is not counted there.",
                        list(in_projects, lang),
                        list(missing_from, lang),
                        if missing_from.len() == 1 { "s" } else { "" }
                    )
                }
            }
            Difference::Label { code, labels } => {
                let each = labels
                    .iter()
                    .map(|(p, l)| format!("{p}: {}", l.get(lang)))
                    .collect::<Vec<_>>()
                    .join("; ");
                let first = labels.first().map(|(_, l)| l.get(lang)).unwrap_or_default();
                if sv {
                    format!(
                        "Koden {code} heter olika i kodböckerna ({each}); tabellerna använder {first}."
                    )
                } else {
                    format!(
                        "The code {code} is labelled differently in the codebooks ({each}); the tables use {first}."
                    )
                }
            }
            Difference::Parent { code, parents } => {
                let none = if sv { "ingen" } else { "none" };
                let each = parents
                    .iter()
                    .map(|(p, parent)| format!("{p}: {}", parent.as_deref().unwrap_or(none)))
                    .collect::<Vec<_>>()
                    .join("; ");
                if sv {
                    format!(
                        "Koden {code} ligger under olika överordnade koder ({each}); tabellerna följer den första."
                    )
                } else {
                    format!(
                        "The code {code} sits under different parent codes ({each}); the tables follow the first."
                    )
                }
            }
            Difference::Question {
                question,
                in_projects,
                missing_from,
            } => {
                if sv {
                    format!(
                        "Frågan {question} finns bara i guiden för {}; {} ställde den inte.",
                        list(in_projects, lang),
                        list(missing_from, lang)
                    )
                } else {
                    format!(
                        "The question {question} is only in the guide of {}; {} did not ask it.",
                        list(in_projects, lang),
                        list(missing_from, lang)
                    )
                }
            }
            Difference::Attribute {
                attribute,
                in_projects,
                missing_from,
            } => {
                if sv {
                    format!(
                        "Attributet {attribute} finns bara i {}; {} saknar det, så programmet kan inte delas upp efter det.",
                        list(in_projects, lang),
                        list(missing_from, lang)
                    )
                } else {
                    format!(
                        "The attribute {attribute} is only in {}; {} lack{} it, so the programme cannot be split by it.",
                        list(in_projects, lang),
                        list(missing_from, lang),
                        if missing_from.len() == 1 { "s" } else { "" }
                    )
                }
            }
        }
    }
}

/// "A, B och C" / "A, B and C".
fn list(items: &[String], lang: Lang) -> String {
    let and = if lang == Lang::Sv { " och " } else { " and " };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// Which members (by name) have an item, and which lack it, in programme order.
fn split(members: &[Member], has: impl Fn(&Project) -> bool) -> (Vec<String>, Vec<String>) {
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for m in members {
        if has(&m.project) {
            with.push(m.name.clone());
        } else {
            without.push(m.name.clone());
        }
    }
    (with, without)
}

/// The programme of `members`, titled `title`; `None` when there are no members.
pub fn combine(title: &str, members: Vec<Member>) -> Option<Programme> {
    let mut differences = Vec::new();
    let mut project = members.first()?.project.clone();
    project.title = title.to_string();
    project.description = String::new();
    // Rounds are a project's own periods (one region's r1 is not another's): a programme
    // counts every round of every project together.
    project.rounds = Vec::new();

    // Codebook: the union by id, in the order first met; a code some projects lack is
    // labelled with the projects that have it.
    let mut codes = Vec::new();
    let mut seen = BTreeSet::new();
    for m in &members {
        for code in &m.project.codebook.codes {
            if seen.insert(code.id.clone()) {
                codes.push(code.clone());
            }
        }
    }
    for code in &mut codes {
        let (with, without) = split(&members, |p| p.codebook.code(&code.id).is_some());
        if !without.is_empty() {
            differences.push(Difference::Code {
                code: code.id.clone(),
                label: code.label.clone(),
                in_projects: with.clone(),
                missing_from: without,
            });
            let names = with.join(", ");
            code.label = Localized::new(
                format!("{} ({names})", code.label.sv),
                if code.label.en.is_empty() {
                    String::new()
                } else {
                    format!("{} ({names})", code.label.en)
                },
            );
        }
        let versions: Vec<(String, &crate::model::Code)> = members
            .iter()
            .filter_map(|m| Some((m.name.clone(), m.project.codebook.code(&code.id)?)))
            .collect();
        if versions.windows(2).any(|w| w[0].1.label != w[1].1.label) {
            differences.push(Difference::Label {
                code: code.id.clone(),
                labels: versions
                    .iter()
                    .map(|(n, c)| (n.clone(), c.label.clone()))
                    .collect(),
            });
        }
        if versions.windows(2).any(|w| w[0].1.parent != w[1].1.parent) {
            differences.push(Difference::Parent {
                code: code.id.clone(),
                parents: versions
                    .iter()
                    .map(|(n, c)| (n.clone(), c.parent.clone()))
                    .collect(),
            });
        }
    }
    project.codebook.codes = codes;

    // Guide: the union of the questions by id.
    let mut questions = Vec::new();
    let mut seen = BTreeSet::new();
    for m in &members {
        for q in &m.project.guide.questions {
            if seen.insert(q.id.clone()) {
                questions.push(q.clone());
            }
        }
    }
    for q in &questions {
        let (with, without) = split(&members, |p| p.guide.question(&q.id).is_some());
        if !without.is_empty() {
            differences.push(Difference::Question {
                question: q.id.clone(),
                in_projects: with,
                missing_from: without,
            });
        }
    }
    project.guide.questions = questions;

    // Attributes: the project, then those every project has.
    let mut attributes = vec![AttributeDef {
        id: PROJECT_ATTRIBUTE.to_string(),
        label: Localized::new("Projekt", "Project"),
        values: members.iter().map(|m| m.name.clone()).collect(),
    }];
    let mut seen = BTreeSet::from([PROJECT_ATTRIBUTE.to_string()]);
    for m in &members {
        for def in &m.project.attributes {
            if !seen.insert(def.id.clone()) {
                continue;
            }
            let (with, without) = split(&members, |p| p.attributes.iter().any(|a| a.id == def.id));
            if !without.is_empty() {
                differences.push(Difference::Attribute {
                    attribute: def.id.clone(),
                    in_projects: with,
                    missing_from: without,
                });
                continue;
            }
            let mut def = def.clone();
            for other in &members {
                let Some(theirs) = other.project.attributes.iter().find(|a| a.id == def.id) else {
                    continue;
                };
                for value in &theirs.values {
                    if !def.values.contains(value) {
                        def.values.push(value.clone());
                    }
                }
            }
            attributes.push(def);
        }
    }
    let kept: BTreeSet<String> = attributes.iter().map(|a| a.id.clone()).collect();
    project.attributes = attributes;

    // Respondents and interviews, ids prefixed with the project's key.
    project.respondents = Vec::new();
    project.interviews = Vec::new();
    let mut infos = Vec::new();
    for m in &members {
        let prefixed = |id: &str| format!("{}/{id}", m.key);
        for r in &m.project.respondents {
            let mut r = r.clone();
            r.id = prefixed(&r.id);
            r.attributes.retain(|k, _| kept.contains(k));
            r.attributes
                .insert(PROJECT_ATTRIBUTE.to_string(), m.name.clone());
            project.respondents.push(r);
        }
        for i in &m.project.interviews {
            let mut i = i.clone();
            i.id = prefixed(&i.id);
            i.respondents = i.respondents.iter().map(|r| prefixed(r)).collect();
            i.round = None;
            project.interviews.push(i);
        }
        infos.push(MemberInfo {
            key: m.key.clone(),
            name: m.name.clone(),
            title: m.project.title.clone(),
            respondents: m.project.respondents.len(),
            interviews: m.project.interviews.len(),
            own_codes: m
                .project
                .codebook
                .codes
                .iter()
                .filter(|c| {
                    members
                        .iter()
                        .filter(|o| o.key != m.key)
                        .all(|o| o.project.codebook.code(&c.id).is_none())
                })
                .map(|c| c.id.clone())
                .collect(),
        });
    }
    Some(Programme {
        project,
        info: ProgrammeInfo {
            projects: infos,
            differences,
        },
    })
}

/// Keys for members from their folder names: unique, a number added to a repeated one.
pub fn unique_keys(names: &[String]) -> Vec<String> {
    let mut used: HashMap<String, usize> = HashMap::new();
    names
        .iter()
        .map(|name| {
            let base = if name.trim().is_empty() {
                "project".to_string()
            } else {
                name.replace('/', "-")
            };
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

/// The whole summary of a programme: the single-project summary of the combined project,
/// with the projects and their differences (see [`attach_programme`]).
pub fn summarise_programme(programme: &Programme, options: &Options) -> Result<Summary, Error> {
    let mut summary = summarise(&programme.project, options)?;
    attach_programme(&programme.info, &mut summary);
    Ok(summary)
}

/// Makes a summary of the combined project a programme's: its projects and differences
/// added, and a code's cells blank for the projects whose codebook lacks it (not zeros).
pub fn attach_programme(info: &ProgrammeInfo, summary: &mut Summary) {
    if let Some(m) = summary.groups.as_mut()
        && m.attribute == PROJECT_ATTRIBUTE
    {
        let lacking: BTreeMap<&str, Vec<&str>> = info
            .differences
            .iter()
            .filter_map(|d| match d {
                Difference::Code {
                    code, missing_from, ..
                } => Some((
                    code.as_str(),
                    missing_from.iter().map(String::as_str).collect(),
                )),
                _ => None,
            })
            .collect();
        let names: Vec<String> = m.groups.iter().map(|g| g.value.clone()).collect();
        for row in &mut m.rows {
            let Some(missing) = lacking.get(row.id.as_str()) else {
                continue;
            };
            for (cell, name) in row.cells.iter_mut().zip(&names) {
                cell.absent = missing.contains(&name.as_str());
            }
        }
    }
    summary.programme = Some(info.clone());
}

impl ProgrammeInfo {
    /// The name of the project an interview of the combined project comes from: its id is
    /// the project's key, a slash, and the id in the project.
    pub fn project_of(&self, interview: &str) -> Option<&str> {
        let (key, _) = interview.split_once('/')?;
        self.projects
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::Codebook;

    /// A project from its files' JSON: `codes` are (id, parent); one interview per respondent.
    fn project(codes: &[(&str, Option<&str>)], respondents: &[&str]) -> Project {
        let mut project: Project = serde_json::from_value(json!({
            "schema_version": 1,
            "title": "P",
            "guide": {"questions": [{"id": "q1", "text": {"sv": "Behov?"}, "kind": {"type": "open"}}]},
            "attributes": [{"id": "type", "label": {"sv": "Typ"}}],
            "respondents": respondents.iter().map(|r| json!({"id": r, "name": r, "attributes": {"type": "kommun"}})).collect::<Vec<_>>(),
        }))
        .unwrap();
        project.codebook = Codebook {
            codes: codes
                .iter()
                .map(|(id, parent)| {
                    serde_json::from_value(json!({
                        "id": id, "parent": parent, "label": {"sv": id}, "colour": "#000000"
                    }))
                    .unwrap()
                })
                .collect(),
        };
        project.interviews = respondents
            .iter()
            .map(|r| {
                serde_json::from_value(json!({
                    "id": format!("i-{r}"), "respondents": [r], "interviewer": "K",
                    "date": "2026-03-02", "mode": "video", "consent": {"given": true},
                    "status": "complete", "round": "r1",
                    "created": "2026-03-02T09:00:00Z", "modified": "2026-03-02T09:00:00Z"
                }))
                .unwrap()
            })
            .collect();
        project
    }

    fn member(key: &str, project: Project) -> Member {
        Member {
            key: key.into(),
            name: format!("Region {key}"),
            project,
        }
    }

    #[test]
    fn ids_are_prefixed_so_projects_cannot_collide() {
        let a = project(&[("needs", None)], &["r1"]);
        let b = project(&[("needs", None)], &["r1"]);
        let p = combine("Prog", vec![member("a", a), member("b", b)]).unwrap();
        let ids: Vec<&str> = p
            .project
            .respondents
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(ids, ["a/r1", "b/r1"]);
        let interviews: Vec<(&str, &str)> = p
            .project
            .interviews
            .iter()
            .map(|i| (i.id.as_str(), i.respondents[0].as_str()))
            .collect();
        assert_eq!(interviews, [("a/i-r1", "a/r1"), ("b/i-r1", "b/r1")]);
        assert!(p.project.interviews.iter().all(|i| i.round.is_none()));
        assert_eq!(p.project.respondents[1].attributes["project"], "Region b");
        assert_eq!(p.info.project_of("b/i-r1"), Some("Region b"));
        assert_eq!(p.info.project_of("i-r1"), None);
        assert!(p.info.differences.is_empty());
    }

    #[test]
    fn a_code_in_one_project_is_its_own_row_labelled_with_it() {
        let a = project(&[("needs", None), ("advice", Some("needs"))], &["r1"]);
        let b = project(
            &[
                ("needs", None),
                ("advice", None),
                ("tourism", Some("needs")),
            ],
            &["r1"],
        );
        let p = combine("Prog", vec![member("a", a), member("b", b)]).unwrap();
        let ids: Vec<&str> = p
            .project
            .codebook
            .codes
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["needs", "advice", "tourism"]);
        assert_eq!(p.project.codebook.codes[2].label.sv, "tourism (Region b)");
        assert_eq!(
            p.info.differences,
            [
                Difference::Parent {
                    code: "advice".into(),
                    parents: vec![
                        ("Region a".into(), Some("needs".into())),
                        ("Region b".into(), None)
                    ],
                },
                Difference::Code {
                    code: "tourism".into(),
                    label: Localized::new("tourism", ""),
                    in_projects: vec!["Region b".into()],
                    missing_from: vec!["Region a".into()],
                },
            ]
        );
        assert_eq!(p.info.projects[1].own_codes, ["tourism"]);
    }

    #[test]
    fn no_members_is_no_programme() {
        assert!(combine("Prog", Vec::new()).is_none());
    }

    #[test]
    fn lists_read_as_sentences() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&["A"]), Lang::Sv), "A");
        assert_eq!(list(&names(&["A", "B", "C"]), Lang::Sv), "A, B och C");
        assert_eq!(list(&names(&["A", "B"]), Lang::En), "A and B");
    }

    #[test]
    fn repeated_folder_names_get_numbers() {
        let keys = unique_keys(&["x".into(), "x".into(), "".into(), "a/b".into()]);
        assert_eq!(keys, ["x", "x-2", "project", "a-b"]);
    }
}
