//! behov → REFI-QDA: a project as `.qdpx`, the codebook alone as `.qdc`.
//!
//! Every interview becomes one text source laid out as in [`super::layout`]; every coding a
//! `PlainTextSelection` in Unicode code points (end exclusive) with one `Coding`; coders
//! become `Users`, respondents `Cases` with their attributes, memos `Notes`. GUIDs come from
//! [`super::guid::derive`], so exporting the same project twice gives the same file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::guid::derive;
use super::layout::{self, Layout};
use super::xml::Xml;
use super::{CODEBOOK_NS, Error, PROJECT_NS, Result};
use crate::model::{
    Code, Coding, Interview, Lang, Mode, Project, QuestionKind, Respondent, Status, coding_ops,
};
use crate::report::Filter;

/// What to export: the same filters as the needs summary, and the language of the layout's
/// headings and of the variable names.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub filter: Filter,
    pub lang: Lang,
}

/// What went into an export, for the closing message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub interviews: usize,
    pub codes: usize,
    pub codings: usize,
    pub memos: usize,
    pub respondents: usize,
    pub coders: usize,
    /// Codings left out because their code is not in the codebook or their span does not
    /// fit the text (`behov check` lists them).
    pub skipped: usize,
}

const ORIGIN: &str = concat!("behov ", env!("CARGO_PKG_VERSION"));

/// How a description line that records an item's behov id starts, so an import can tell
/// behov's own variables, cases and codes from a suite's.
pub const ID_PREFIX: &str = "behov id: ";

/// A `.qdc` file: the codebook alone.
pub fn qdc(project: &Project) -> Result<Vec<u8>> {
    if project.codebook.codes.is_empty() {
        return Err(Error::Invalid(
            "the codebook is empty, so there is no codebook to export".into(),
        ));
    }
    let mut xml = Xml::new()?;
    xml.open("CodeBook", &[("xmlns", CODEBOOK_NS), ("origin", ORIGIN)])?;
    codes(&mut xml, project)?;
    xml.close("CodeBook")?;
    Ok(xml.finish())
}

/// A `.qdpx` file: `project.qde` and one `sources/<GUID>.txt` per exported interview.
pub fn qdpx(project: &Project, options: &Options) -> Result<(Vec<u8>, Counts)> {
    let Qde {
        xml: qde,
        sources,
        counts,
    } = project_qde(project, options)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let file = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    zip.start_file("project.qde", file)?;
    zip.write_all(&qde)?;
    for (guid, text) in &sources {
        zip.start_file(format!("sources/{guid}.txt"), file)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok((zip.finish()?.into_inner(), counts))
}

/// An interview chosen for export, with its document and GUID.
struct Source<'p> {
    interview: &'p Interview,
    guid: String,
    layout: Layout,
}

/// A variable of the export: where its values come from, and its GUID and name.
struct Variable {
    guid: String,
    name: String,
    kind: &'static str,
    /// `attribute/<id>`, `interview/<field>` or `question/<id>`.
    id: String,
}

/// The parts of a `.qdpx` before they are zipped.
pub struct Qde {
    /// `project.qde`.
    pub xml: Vec<u8>,
    /// Each source's GUID and text.
    pub sources: Vec<(String, String)>,
    pub counts: Counts,
}

/// `project.qde` and the source texts of a `.qdpx`.
pub fn project_qde(project: &Project, options: &Options) -> Result<Qde> {
    let filter = &options.filter.resolve(project)?;
    let lang = options.lang;
    let ns = project.title.as_str();
    let respondent_passes = |r: &Respondent| {
        filter
            .attributes
            .iter()
            .all(|(id, values)| values.contains(r.attribute(id)))
    };
    let by_id = project.respondents_by_id();
    let mut interviews: Vec<&Interview> = project
        .interviews
        .iter()
        .filter(|i| {
            filter.status.is_none_or(|s| s == i.status)
                && filter.from.is_none_or(|d| i.date >= d)
                && filter.to.is_none_or(|d| i.date <= d)
                && (filter.attributes.is_empty()
                    || i.respondents
                        .iter()
                        .filter_map(|id| by_id.get(id.as_str()))
                        .any(|r| respondent_passes(r)))
        })
        .collect();
    interviews.sort_by(|a, b| a.id.cmp(&b.id));
    let sources: Vec<Source> = interviews
        .into_iter()
        .map(|interview| Source {
            interview,
            guid: derive("source", &[ns, &interview.id]),
            layout: layout::lay_out(project, &by_id, interview, lang),
        })
        .collect();
    let coding_counts = |c: &Coding| filter.coders.is_empty() || filter.coders.contains(&c.coder);
    let coders: BTreeSet<String> = coding_ops::coders(project)
        .into_iter()
        .filter(|c| filter.coders.is_empty() || filter.coders.contains(c))
        .collect();
    let respondents: Vec<&Respondent> = project
        .respondents
        .iter()
        .filter(|r| respondent_passes(r))
        .collect();
    let variables = variables(project, lang);
    let mut counts = Counts {
        interviews: sources.len(),
        codes: project.codebook.codes.len(),
        respondents: respondents.len(),
        coders: coders.len(),
        ..Counts::default()
    };

    let mut xml = Xml::new()?;
    xml.open(
        "Project",
        &[
            ("xmlns", PROJECT_NS),
            ("name", &project.title),
            ("origin", ORIGIN),
        ],
    )?;
    if !coders.is_empty() {
        xml.open("Users", &[])?;
        for coder in &coders {
            xml.empty(
                "User",
                &[("guid", &derive("user", &[coder])), ("name", coder)],
            )?;
        }
        xml.close("Users")?;
    }
    if !project.codebook.codes.is_empty() {
        xml.open("CodeBook", &[])?;
        codes(&mut xml, project)?;
        xml.close("CodeBook")?;
    }
    xml.open("Variables", &[])?;
    for v in &variables {
        xml.open(
            "Variable",
            &[
                ("guid", &v.guid),
                ("name", &v.name),
                ("typeOfVariable", v.kind),
            ],
        )?;
        xml.text("Description", &format!("{ID_PREFIX}{}", v.id))?;
        xml.close("Variable")?;
    }
    xml.close("Variables")?;
    if !respondents.is_empty() {
        xml.open("Cases", &[])?;
        for r in &respondents {
            xml.open(
                "Case",
                &[("guid", &derive("case", &[ns, &r.id])), ("name", &r.name)],
            )?;
            xml.text("Description", &format!("{ID_PREFIX}respondent/{}", r.id))?;
            for v in variables.iter().filter(|v| v.id.starts_with("attribute/")) {
                let value = r.attribute(&v.id["attribute/".len()..]);
                variable_value(&mut xml, &v.guid, "TextValue", value)?;
            }
            for s in sources
                .iter()
                .filter(|s| s.interview.respondents.contains(&r.id))
            {
                xml.empty("SourceRef", &[("targetGUID", &s.guid)])?;
            }
            xml.close("Case")?;
        }
        xml.close("Cases")?;
    }

    let mut notes: Vec<(String, String, &Coding)> = Vec::new();
    let mut texts = Vec::new();
    if !sources.is_empty() {
        xml.open("Sources", &[])?;
        for source in &sources {
            let interview = source.interview;
            let path = format!("internal://{}.txt", source.guid);
            let created = interview.created.to_string();
            let modified = interview.modified.to_string();
            xml.open(
                "TextSource",
                &[
                    ("guid", &source.guid),
                    ("name", &source_name(&by_id, interview)),
                    ("plainTextPath", &path),
                    ("creationDateTime", &created),
                    ("modifiedDateTime", &modified),
                ],
            )?;
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for (index, part) in interview.parts().enumerate() {
                let key = part.question.unwrap_or("outside");
                for coding in part.codings.iter().filter(|c| coding_counts(c)) {
                    let Some(range) = source.layout.range(index) else {
                        counts.skipped += 1;
                        continue;
                    };
                    let (start, end) = match coding.span {
                        None => range.whole(),
                        Some(span) if span.fits(part.text.chars().count()) => {
                            (range.text.0 + span.start, range.text.0 + span.end)
                        }
                        Some(_) => {
                            counts.skipped += 1;
                            continue;
                        }
                    };
                    if project.codebook.code(&coding.code).is_none() {
                        counts.skipped += 1;
                        continue;
                    }
                    let (s, e) = (start.to_string(), end.to_string());
                    let created = coding.created.to_string();
                    let identity = [
                        ns,
                        &interview.id,
                        key,
                        &coding.code,
                        &s,
                        &e,
                        &coding.coder,
                        &created,
                    ];
                    let occurrence = seen.entry(identity.join("\u{0}")).or_insert(0);
                    *occurrence += 1;
                    let n = occurrence.to_string();
                    let mut parts = identity.to_vec();
                    parts.push(&n);
                    let user = derive("user", &[&coding.coder]);
                    let selected = crate::model::Span { start, end }
                        .slice(&source.layout.text)
                        .unwrap_or_default();
                    xml.open(
                        "PlainTextSelection",
                        &[
                            ("guid", &derive("selection", &parts)),
                            ("name", selected),
                            ("startPosition", &s),
                            ("endPosition", &e),
                            ("creatingUser", &user),
                            ("creationDateTime", &created),
                        ],
                    )?;
                    xml.open(
                        "Coding",
                        &[
                            ("guid", &derive("coding", &parts)),
                            ("creatingUser", &user),
                            ("creationDateTime", &created),
                        ],
                    )?;
                    xml.empty(
                        "CodeRef",
                        &[("targetGUID", &derive("code", &[&coding.code]))],
                    )?;
                    xml.close("Coding")?;
                    if !coding.memo.is_empty() {
                        let note = derive("note", &parts);
                        xml.empty("NoteRef", &[("targetGUID", &note)])?;
                        let label = project
                            .codebook
                            .code(&coding.code)
                            .map_or(coding.code.as_str(), |c| c.label.get(lang));
                        notes.push((note, format!("Memo: {label}"), coding));
                    }
                    xml.close("PlainTextSelection")?;
                    counts.codings += 1;
                }
            }
            for v in &variables {
                if let Some((kind, value)) = source_value(project, interview, v, lang) {
                    variable_value(&mut xml, &v.guid, kind, &value)?;
                }
            }
            xml.close("TextSource")?;
            texts.push((source.guid.clone(), source.layout.text.clone()));
        }
        xml.close("Sources")?;
    }
    counts.memos = notes.len();
    if !notes.is_empty() {
        xml.open("Notes", &[])?;
        for (guid, name, coding) in &notes {
            let created = coding.created.to_string();
            xml.open(
                "Note",
                &[
                    ("guid", guid),
                    ("name", name),
                    ("creatingUser", &derive("user", &[&coding.coder])),
                    ("creationDateTime", &created),
                ],
            )?;
            xml.text("PlainTextContent", &coding.memo)?;
            xml.close("Note")?;
        }
        xml.close("Notes")?;
    }
    if !project.description.is_empty() {
        xml.text("Description", &project.description)?;
    }
    xml.close("Project")?;
    Ok(Qde {
        xml: xml.finish(),
        sources: texts,
        counts,
    })
}

/// The name a source gets in the other program: the interview id, respondents and date.
fn source_name(respondents: &HashMap<&str, &Respondent>, interview: &Interview) -> String {
    format!(
        "{} {}",
        interview.id,
        layout::title_line(respondents, interview)
    )
}

fn variable_value(xml: &mut Xml, guid: &str, kind: &str, value: &str) -> Result<()> {
    xml.open("VariableValue", &[])?;
    xml.empty("VariableRef", &[("targetGUID", guid)])?;
    xml.text(kind, value)?;
    xml.close("VariableValue")?;
    Ok(())
}

/// The variables of the export: respondent attributes (on cases), then the interview's own
/// fields and the scale and choice questions (on sources). Names are made unique, since the
/// suites show variables by name.
fn variables(project: &Project, lang: Lang) -> Vec<Variable> {
    let sv = lang == Lang::Sv;
    let mut out: Vec<Variable> = Vec::new();
    let mut push = |id: String, name: String, kind: &'static str| {
        let name = if out.iter().any(|v| v.name == name) {
            format!("{name} ({id})")
        } else {
            name
        };
        out.push(Variable {
            guid: derive("variable", &[&id]),
            name,
            kind,
            id,
        });
    };
    for a in &project.attributes {
        let name = a.label.get(lang);
        let name = if name.is_empty() { &a.id } else { name };
        push(format!("attribute/{}", a.id), name.to_string(), "Text");
    }
    let fields: [(&str, &str, &str, &'static str); 5] = [
        ("date", "Datum", "Date", "Date"),
        ("interviewer", "Intervjuare", "Interviewer", "Text"),
        ("mode", "Intervjuform", "Mode", "Text"),
        ("status", "Status", "Status", "Text"),
        ("consent", "Samtycke", "Consent", "Boolean"),
    ];
    for (id, name_sv, name_en, kind) in fields {
        let name = if sv { name_sv } else { name_en };
        push(format!("interview/{id}"), name.to_string(), kind);
    }
    for (i, q) in project.guide.questions.iter().enumerate() {
        let kind = match q.kind {
            QuestionKind::Open => continue,
            QuestionKind::Scale { .. } => "Integer",
            QuestionKind::SingleChoice { .. } | QuestionKind::MultipleChoice { .. } => "Text",
        };
        let text: String = q.text.get(lang).chars().take(60).collect();
        push(
            format!("question/{}", q.id),
            format!("{}. {}", i + 1, text.trim()),
            kind,
        );
    }
    out
}

pub fn mode_word(mode: Mode, lang: Lang) -> &'static str {
    match (mode, lang) {
        (Mode::Video, Lang::Sv) => "video",
        (Mode::Video, Lang::En) => "video",
        (Mode::OnSite, Lang::Sv) => "på plats",
        (Mode::OnSite, Lang::En) => "on site",
        (Mode::Phone, Lang::Sv) => "telefon",
        (Mode::Phone, Lang::En) => "phone",
    }
}

pub fn status_word(status: Status, lang: Lang) -> &'static str {
    match (status, lang) {
        (Status::Draft, Lang::Sv) => "utkast",
        (Status::Draft, Lang::En) => "draft",
        (Status::Complete, Lang::Sv) => "klar",
        (Status::Complete, Lang::En) => "complete",
    }
}

/// The value of a source variable for one interview, as (element, text).
fn source_value(
    project: &Project,
    interview: &Interview,
    v: &Variable,
    lang: Lang,
) -> Option<(&'static str, String)> {
    match v.id.as_str() {
        "interview/date" => Some(("DateValue", interview.date.to_string())),
        "interview/interviewer" => Some(("TextValue", interview.interviewer.clone())),
        "interview/mode" => Some(("TextValue", mode_word(interview.mode, lang).into())),
        "interview/status" => Some(("TextValue", status_word(interview.status, lang).into())),
        "interview/consent" => Some(("BooleanValue", interview.consent.given.to_string())),
        id => {
            let question = id.strip_prefix("question/")?;
            let answer = interview.answer(question)?;
            if let Some(value) = answer.scale {
                return Some(("IntegerValue", value.to_string()));
            }
            if answer.choices.is_empty() {
                return None;
            }
            let options = project
                .guide
                .question(question)
                .map(|q| q.kind.options())
                .unwrap_or(&[]);
            let labels: Vec<&str> = answer
                .choices
                .iter()
                .map(|c| {
                    options
                        .iter()
                        .find(|o| &o.id == c)
                        .map_or(c.as_str(), |o| o.label.get(lang))
                })
                .collect();
            Some(("TextValue", labels.join("; ")))
        }
    }
}

/// The codebook as nested `Code` elements, children inside their parent (the standard has no
/// parent attribute). The same in a project and in a `.qdc`.
fn codes(xml: &mut Xml, project: &Project) -> Result<()> {
    xml.open("Codes", &[])?;
    let tree = project.codebook.tree();
    let mut depth_open = 0usize;
    for (i, (depth, code)) in tree.iter().enumerate() {
        while depth_open > *depth {
            xml.close("Code")?;
            depth_open -= 1;
        }
        let has_children = tree.get(i + 1).is_some_and(|(d, _)| d > depth);
        code_element(xml, code, has_children)?;
        if has_children {
            depth_open += 1;
        }
    }
    while depth_open > 0 {
        xml.close("Code")?;
        depth_open -= 1;
    }
    xml.close("Codes")?;
    Ok(())
}

fn code_element(xml: &mut Xml, code: &Code, open: bool) -> Result<()> {
    let guid = derive("code", &[&code.id]);
    let name = if code.label.sv.is_empty() {
        code.label.en.as_str()
    } else {
        code.label.sv.as_str()
    };
    let name = if name.is_empty() {
        code.id.as_str()
    } else {
        name
    };
    let mut attrs = vec![
        ("guid", guid.as_str()),
        ("name", name),
        ("isCodable", "true"),
    ];
    if crate::model::parse_colour(&code.colour).is_some() {
        attrs.push(("color", code.colour.as_str()));
    }
    xml.open("Code", &attrs)?;
    xml.text("Description", &describe(code))?;
    if !open {
        xml.close("Code")?;
    }
    Ok(())
}

/// The keys of a code's description after its Swedish definition, in the order written.
pub const DESCRIPTION_KEYS: [&str; 5] = [
    "Label (en): ",
    "Definition (en): ",
    "Include: ",
    "Exclude: ",
    "Example: ",
];

/// A code's description: its Swedish definition, then one keyed line each for the English
/// label and definition, the include and exclude rules and the example, and last the behov
/// id. Read back by the import, and readable as it stands in NVivo's or MAXQDA's code memo.
pub fn describe(code: &Code) -> String {
    let mut lines: Vec<String> = Vec::new();
    if !code.definition.sv.is_empty() {
        lines.push(code.definition.sv.clone());
    }
    let values = [
        &code.label.en,
        &code.definition.en,
        &code.include,
        &code.exclude,
        &code.example,
    ];
    for (key, value) in DESCRIPTION_KEYS.iter().zip(values) {
        if !value.is_empty() {
            lines.push(format!("{key}{value}"));
        }
    }
    lines.push(format!("{ID_PREFIX}code/{}", code.id));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::exchange::tests_support::demo;
    use crate::exchange::{conformance, dom};
    use crate::model::Span;

    fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = BTreeMap::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            out.insert(file.name().unwrap().into_owned(), data);
        }
        out
    }

    #[test]
    fn the_demo_exports_as_the_schema_and_standard_require() {
        let project = demo();
        let (bytes, counts) = qdpx(&project, &Options::default()).unwrap();
        let files = unzip(&bytes);
        let qde = String::from_utf8(files["project.qde"].clone()).unwrap();
        assert!(!qde.starts_with('\u{feff}'));
        let root = dom::parse(&qde).unwrap();
        assert_eq!(root.name, "Project");
        assert_eq!(root.attr("xmlns"), Some(PROJECT_NS));
        let problems = conformance::check(&root);
        assert!(problems.is_empty(), "{problems:#?}");

        let sources: Vec<&dom::Element> = root.child("Sources").unwrap().children.iter().collect();
        assert_eq!(sources.len(), project.interviews.len());
        assert_eq!(files.len(), sources.len() + 1);
        let mut selections = 0;
        for source in &sources {
            let guid = source.attr("guid").unwrap();
            assert_eq!(
                source.attr("plainTextPath"),
                Some(format!("internal://{guid}.txt").as_str())
            );
            let text = String::from_utf8(files[&format!("sources/{guid}.txt")].clone()).unwrap();
            assert!(!text.starts_with('\u{feff}') && !text.contains('\r'));
            for sel in source.children("PlainTextSelection") {
                let start: usize = sel.attr("startPosition").unwrap().parse().unwrap();
                let end: usize = sel.attr("endPosition").unwrap().parse().unwrap();
                assert!(start < end);
                let slice = Span { start, end }.slice(&text).unwrap();
                assert_eq!(sel.attr("name"), Some(slice));
                assert_eq!(sel.children("Coding").count(), 1);
                assert!(
                    sel.attr("creatingUser").is_some() && sel.attr("creationDateTime").is_some()
                );
                selections += 1;
            }
        }
        let total: usize = project.interviews.iter().map(|i| i.coding_count()).sum();
        assert_eq!(selections, total);
        assert_eq!(counts.codings, total);
        assert_eq!(counts.skipped, 0);
        let cases = root.child("Cases").unwrap().children("Case").count();
        assert_eq!(cases, project.respondents.len());
        let memos = project
            .interviews
            .iter()
            .flat_map(|i| i.parts())
            .flat_map(|p| p.codings)
            .filter(|c| !c.memo.is_empty())
            .count();
        assert_eq!(root.child("Notes").unwrap().children("Note").count(), memos);
        assert!(memos > 0);
    }

    #[test]
    fn a_second_export_is_byte_for_byte_the_same() {
        let project = demo();
        let a = qdpx(&project, &Options::default()).unwrap().0;
        let b = qdpx(&project, &Options::default()).unwrap().0;
        assert_eq!(a, b);
    }

    #[test]
    fn codes_nest_with_colours_and_descriptions() {
        let project = demo();
        let qdc = String::from_utf8(qdc(&project).unwrap()).unwrap();
        let root = dom::parse(&qdc).unwrap();
        assert_eq!(root.name, "CodeBook");
        assert_eq!(root.attr("xmlns"), Some(CODEBOOK_NS));
        assert!(conformance::check(&root).is_empty());
        let codes: Vec<&dom::Element> = root
            .walk()
            .into_iter()
            .filter(|e| e.name == "Code")
            .collect();
        assert_eq!(codes.len(), project.codebook.codes.len());
        for code in &project.codebook.codes {
            let guid = derive("code", &[&code.id]);
            let e = codes
                .iter()
                .find(|e| e.attr("guid") == Some(guid.as_str()))
                .unwrap();
            assert_eq!(e.attr("color"), Some(code.colour.as_str()));
            assert_eq!(e.child("Description").unwrap().text, describe(code));
            // A child sits inside its parent's element.
            if let Some(parent) = &code.parent {
                let pg = derive("code", &[parent]);
                let p = codes
                    .iter()
                    .find(|e| e.attr("guid") == Some(pg.as_str()))
                    .unwrap();
                assert!(
                    p.children("Code")
                        .any(|c| c.attr("guid") == Some(guid.as_str()))
                );
            }
        }
        let empty = Project {
            codebook: crate::model::Codebook::default(),
            ..project
        };
        assert!(
            super::qdc(&empty)
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
    }

    #[test]
    fn filters_choose_interviews_and_coders() {
        let project = demo();
        let coder = coding_ops::coders(&project)[0].clone();
        let options = Options {
            filter: Filter {
                coders: [coder.clone()].into(),
                status: Some(Status::Complete),
                ..Filter::default()
            },
            lang: Lang::Sv,
        };
        let Qde {
            xml: qde,
            sources: texts,
            counts,
        } = project_qde(&project, &options).unwrap();
        let complete = project
            .interviews
            .iter()
            .filter(|i| i.status == Status::Complete)
            .count();
        assert_eq!(texts.len(), complete);
        let root = dom::parse(std::str::from_utf8(&qde).unwrap()).unwrap();
        assert!(conformance::check(&root).is_empty());
        let users: Vec<&str> = root
            .child("Users")
            .unwrap()
            .children("User")
            .filter_map(|u| u.attr("name"))
            .collect();
        assert_eq!(users, [coder.as_str()]);
        assert!(counts.codings > 0);
        let unknown = Options {
            filter: Filter {
                coders: ["nobody".to_string()].into(),
                ..Filter::default()
            },
            lang: Lang::Sv,
        };
        assert!(project_qde(&project, &unknown).is_err());
    }
}
