//! REFI-QDA → behov: a `.qdc` merged into the codebook, a `.qdpx` into a project.
//!
//! Everything is decided before anything is written: [`plan_qdc`] and [`plan_qdpx`] return
//! the project as it would be, and a file with one bad part (a selection outside its text, a
//! reference to nothing, a duplicate GUID, a path out of the archive) is refused whole with
//! one sentence. [`apply`] then writes it as one change.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use super::archive::Archive;
use super::export::{DESCRIPTION_KEYS, ID_PREFIX, mode_word, status_word};
use super::layout::{self, PartRange};
use super::positions::{Choice, Convention, Counted, Wanted, place};
use super::refi::{self, Refi, RefiCode, RefiSource};
use super::{Error, Result, conformance, dom};
use crate::model::{
    AttributeDef, Code, Codebook, Coding, Consent, Interview, Lang, Localized, Mode, Project,
    QuestionKind, Respondent, Source, Span, Status,
};
use crate::store::{self, Batch, Store};

/// What an import found and did, for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The project's name and the program that wrote the file, as the file says.
    pub name: String,
    pub origin: String,
    /// How the file differs from the standard, and how positions were counted.
    pub dialect: Vec<String>,
    /// Sources not imported, each with its reason.
    pub skipped: Vec<String>,
    pub codes_new: usize,
    pub codes_matched: usize,
    pub interviews: usize,
    pub codings: usize,
    pub memos: usize,
    pub respondents_new: usize,
    pub respondents_matched: usize,
    pub coders: BTreeSet<String>,
}

/// The project as the import would leave it.
#[derive(Debug, Clone)]
pub struct Plan {
    pub project: Project,
    pub new_interviews: Vec<Interview>,
    pub codebook_changed: bool,
    pub project_changed: bool,
    pub report: Report,
}

/// Writes the plan as one change (interviews, codebook and project file together).
pub fn apply(store: &Store, project: &mut Project, plan: &Plan) -> store::Result<()> {
    let mut batch = Batch::new();
    for interview in &plan.new_interviews {
        batch.interview(interview.clone());
    }
    if plan.codebook_changed {
        batch.codebook(plan.project.codebook.clone());
    }
    if plan.project_changed {
        batch.project(plan.project.clone());
    }
    if !batch.is_empty() {
        store.save_batch(&batch)?;
    }
    *project = plan.project.clone();
    Ok(())
}

fn xml_root(bytes: &[u8], file: &str) -> Result<dom::Element> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::Invalid(format!(
            "{file} is not UTF-8 text (byte {}), so it is not a REFI-QDA file",
            e.valid_up_to()
        ))
    })?;
    dom::parse(text).map_err(|e| {
        Error::Invalid(format!(
            "{file}, line {}: the XML cannot be read: {}",
            e.line, e.message
        ))
    })
}

fn refuse_broken(root: &dom::Element, file: &str) -> Result<()> {
    if let Some(p) = conformance::check(root).into_iter().find(|p| p.fatal) {
        return Err(Error::Invalid(format!(
            "{file}, line {}: {}; nothing was imported",
            p.line, p.message
        )));
    }
    Ok(())
}

/// A `.qdc` merged into `project`'s codebook.
pub fn plan_qdc(bytes: &[u8], file: &str, project: &Project) -> Result<Plan> {
    let root = xml_root(bytes, file)?;
    if root.name != "CodeBook" {
        return Err(Error::Invalid(format!(
            "{file}, line {}: the root element is {}, not a REFI-QDA CodeBook",
            root.line, root.name
        )));
    }
    refuse_broken(&root, file)?;
    let refi = refi::read(&root, file)?;
    let mut next = project.clone();
    let mut report = Report {
        dialect: refi.dialect.clone(),
        origin: refi.origin.clone(),
        ..Report::default()
    };
    merge_codes(&mut next.codebook, &refi.codes, &mut report);
    Ok(Plan {
        codebook_changed: next.codebook != project.codebook,
        project: next,
        new_interviews: Vec::new(),
        project_changed: false,
        report,
    })
}

/// A code's description as behov writes it, read back: the Swedish definition, then keyed
/// lines. A description without keys is all definition.
struct Described {
    id: Option<String>,
    fields: [String; 6],
}

fn read_description(text: &str) -> Described {
    let mut fields: [String; 6] = Default::default();
    let mut id = None;
    let mut current = 0;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix(ID_PREFIX) {
            id = rest.strip_prefix("code/").map(str::to_string);
            continue;
        }
        if let Some(k) = DESCRIPTION_KEYS.iter().position(|k| line.starts_with(k)) {
            current = k + 1;
            fields[current] = line[DESCRIPTION_KEYS[k].len()..].to_string();
            continue;
        }
        let field = &mut fields[current];
        if !field.is_empty() {
            field.push('\n');
        }
        field.push_str(line);
    }
    for f in &mut fields {
        *f = f.trim().to_string();
    }
    Described { id, fields }
}

/// Colours for codes that come without one, in the suites' usual order.
const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

fn colour(given: Option<&str>, n: usize) -> String {
    let given = given.unwrap_or("").trim();
    let hex = given.strip_prefix('#').unwrap_or("");
    if hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        if hex.len() == 6 {
            return format!("#{}", hex.to_ascii_lowercase());
        }
        if hex.len() == 3 {
            let doubled: String = hex.chars().flat_map(|c| [c, c]).collect();
            return format!("#{}", doubled.to_ascii_lowercase());
        }
    }
    PALETTE[n % PALETTE.len()].to_string()
}

/// An id made from a name: lowercase ASCII letters, digits and `_`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() { "code".into() } else { out }
}

fn unique(base: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

fn same(a: &str, b: &str) -> bool {
    !a.trim().is_empty() && a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Merges `codes` into `book` by name (or by behov id when the file came from behov), never
/// adding a code twice. Returns GUID → code id for every code of the file.
fn merge_codes(
    book: &mut Codebook,
    codes: &[RefiCode],
    report: &mut Report,
) -> BTreeMap<String, String> {
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for code in codes {
        let described = read_description(&code.description);
        let parent = code.parent.as_ref().and_then(|g| ids.get(g)).cloned();
        let by_id = described
            .id
            .as_deref()
            .and_then(|id| book.code(id))
            .filter(|c| same(&c.label.sv, &code.name) || same(&c.label.en, &code.name));
        let by_name = || {
            let named = |c: &&Code| same(&c.label.sv, &code.name) || same(&c.label.en, &code.name);
            book.codes
                .iter()
                .filter(named)
                .find(|c| c.parent == parent)
                .or_else(|| book.codes.iter().find(named))
        };
        if let Some(existing) = by_id.or_else(by_name) {
            ids.insert(code.guid.clone(), existing.id.clone());
            report.codes_matched += 1;
            continue;
        }
        let taken = |id: &str| book.code(id).is_some();
        let id = match described.id.as_deref() {
            Some(id) if !taken(id) => id.to_string(),
            _ => unique(&slug(&code.name), &taken),
        };
        let [def_sv, label_en, def_en, include, exclude, example] = described.fields;
        let n = book.codes.len();
        book.codes.push(Code {
            id: id.clone(),
            parent,
            label: Localized::new(code.name.clone(), label_en),
            definition: Localized::new(def_sv, def_en),
            include,
            exclude,
            example,
            colour: colour(code.colour.as_deref(), n),
        });
        ids.insert(code.guid.clone(), id);
        report.codes_new += 1;
    }
    ids
}

/// A text file's characters: UTF-8 (with or without a BOM) or UTF-16 with a BOM. Says
/// whether there was a BOM.
fn decode(bytes: &[u8], what: &str) -> Result<(String, bool)> {
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), true))
            .map_err(|_| Error::Invalid(format!("{what} is not UTF-8 text")));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err(Error::Invalid(format!("{what} is damaged UTF-16 text")));
        }
        return Ok((text.into_owned(), true));
    }
    std::str::from_utf8(bytes)
        .map(|s| (s.to_string(), false))
        .map_err(|e| {
            Error::Invalid(format!(
                "{what} is not UTF-8 text (byte {}); REFI-QDA sources are UTF-8",
                e.valid_up_to()
            ))
        })
}

fn timestamp(s: Option<&str>) -> Option<Timestamp> {
    let s = s?.trim();
    s.parse::<Timestamp>().ok().or_else(|| {
        s.parse::<jiff::civil::DateTime>()
            .ok()
            .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
            .map(|z| z.timestamp())
    })
}

/// What the program that wrote the file is known to do (see NOTES.md).
fn preferred(origin: &str) -> Convention {
    let o = origin.to_lowercase();
    Convention {
        utf16: o.contains("nvivo"),
        crlf_as_one: o.contains("atlas"),
    }
}

/// A variable's meaning in behov.
enum Meaning {
    Attribute(String),
    Interview(String),
    Question(String),
    /// A suite's own variable: an attribute by name.
    Foreign(String),
}

fn meaning(v: &refi::RefiVariable) -> Meaning {
    let id = v
        .description
        .lines()
        .find_map(|l| l.strip_prefix(ID_PREFIX))
        .unwrap_or("");
    if let Some(a) = id.strip_prefix("attribute/") {
        Meaning::Attribute(a.to_string())
    } else if let Some(f) = id.strip_prefix("interview/") {
        Meaning::Interview(f.to_string())
    } else if let Some(q) = id.strip_prefix("question/") {
        Meaning::Question(q.to_string())
    } else {
        Meaning::Foreign(v.name.trim().to_string())
    }
}

/// The attribute id for a suite's variable named `name`, defining it if the project has no
/// attribute of that name.
fn attribute_for(project: &mut Project, name: &str) -> String {
    if let Some(a) = project
        .attributes
        .iter()
        .find(|a| same(&a.id, name) || same(&a.label.sv, name) || same(&a.label.en, name))
    {
        return a.id.clone();
    }
    let taken = |id: &str| project.attributes.iter().any(|a| a.id == id);
    let id = unique(&slug(name), &taken);
    project.attributes.push(AttributeDef {
        id: id.clone(),
        label: Localized::new(name, ""),
        values: Vec::new(),
    });
    id
}

/// The parts of a document behov laid out, found again by their headings; `None` if the
/// text is not such a document for this project's guide.
fn behov_parts(project: &Project, text: &str) -> Option<Vec<(Option<String>, PartRange)>> {
    let mut headings: BTreeMap<String, Option<String>> = BTreeMap::new();
    for lang in [Lang::Sv, Lang::En] {
        for q in &project.guide.questions {
            headings.insert(layout::heading(project, &q.id, lang), Some(q.id.clone()));
        }
        headings.insert(layout::words(lang).outside.to_string(), None);
    }
    let value_prefixes: Vec<String> = [Lang::Sv, Lang::En]
        .iter()
        .flat_map(|l| {
            let w = layout::words(*l);
            [format!("{}: ", w.value), format!("{}: ", w.choice)]
        })
        .collect();
    // (line start, line end) in characters, for every line.
    let mut lines: Vec<(usize, usize, &str)> = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        lines.push((at, at + n, line));
        at += n + 1;
    }
    let total = text.chars().count();
    let mut found: Vec<(Option<String>, (usize, usize), usize)> = Vec::new();
    for i in 1..lines.len() {
        let (start, end, line) = lines[i];
        if !lines[i - 1].2.is_empty() {
            continue;
        }
        if let Some(question) = headings.get(line) {
            let mut body = (end + 1).min(total);
            let kind = question
                .as_deref()
                .and_then(|q| project.guide.question(q))
                .map(|q| &q.kind);
            let valued = matches!(kind, Some(k) if !matches!(k, QuestionKind::Open));
            if valued
                && let Some(next) = lines.get(i + 1)
                && value_prefixes
                    .iter()
                    .any(|p| next.2.starts_with(p.as_str()))
            {
                body = (next.1 + 1).min(total);
            }
            found.push((question.clone(), (start, end), body));
        }
    }
    if found.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for (k, (question, heading, body)) in found.iter().enumerate() {
        // The text ends before the line break and empty line that precede the next heading,
        // or before the document's last line break.
        let limit = match found.get(k + 1) {
            Some((_, next, _)) => next.0.saturating_sub(2),
            None if text.ends_with('\n') => total - 1,
            None => total,
        };
        let end = limit.max(*body);
        out.push((
            question.clone(),
            PartRange {
                part: k,
                heading: *heading,
                text: (*body, end),
            },
        ));
    }
    Some(out)
}

fn chars(text: &str, (start, end): (usize, usize)) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Where a coding of document range (s, e) lands: the part (index into `parts`) and the span
/// within its text (`None` for the whole part). `None` when it touches no part's text.
fn locate(parts: &[Laid], (s, e): (usize, usize)) -> Option<(usize, Option<Span>)> {
    for (i, laid) in parts.iter().enumerate() {
        if (s, e) == laid.range.whole() {
            return Some((i, None));
        }
    }
    for (i, laid) in parts.iter().enumerate() {
        let (ts, te) = laid.range.text;
        if s < te && e > ts {
            let start = s.max(ts) - ts;
            let end = e.min(te) - ts;
            return Some((i, Some(Span { start, end })));
        }
    }
    None
}

/// A `.qdpx` added to `project` (an empty new project when the folder does not exist yet).
pub fn plan_qdpx(bytes: Vec<u8>, project: &Project, limit: u64, now: Timestamp) -> Result<Plan> {
    let mut archive = Archive::open(bytes, limit)?;
    let mut report = Report::default();
    let root_qde: Vec<String> = archive
        .names()
        .filter(|n| !n.contains('/') && n.to_lowercase().ends_with(".qde"))
        .map(str::to_string)
        .collect();
    let qde_name = match archive.find("project.qde") {
        Some(name) => {
            if name != "project.qde" {
                report
                    .dialect
                    .push(format!("the project file is named {name}, not project.qde"));
            }
            name.to_string()
        }
        None => match root_qde.as_slice() {
            [one] => {
                report.dialect.push(format!(
                    "the project file is named {one} (as ATLAS.ti names it), not project.qde"
                ));
                one.clone()
            }
            [] => {
                return Err(Error::Invalid(
                    "the archive holds no project.qde, so it is not a REFI-QDA project".into(),
                ));
            }
            _ => {
                return Err(Error::Invalid(format!(
                    "the archive holds several project files ({}); behov cannot tell which is the project",
                    root_qde.join(", ")
                )));
            }
        },
    };
    if archive.names().any(|n| n.starts_with("Sources/")) {
        report
            .dialect
            .push("the source folder is written Sources/, not sources/".into());
    }
    let qde = archive.read(&qde_name)?;
    let root = xml_root(&qde, &qde_name)?;
    if root.name != "Project" {
        return Err(Error::Invalid(format!(
            "{qde_name}, line {}: the root element is {}, not a REFI-QDA Project",
            root.line, root.name
        )));
    }
    refuse_broken(&root, &qde_name)?;
    let refi = refi::read(&root, &qde_name)?;
    report.dialect.extend(refi.dialect.iter().cloned());
    report.name = refi.name.clone();
    report.origin = refi.origin.clone();
    Importer {
        archive,
        refi,
        qde: qde_name,
        next: project.clone(),
        report,
        now,
    }
    .run(project)
}

struct Importer {
    archive: Archive,
    refi: Refi,
    qde: String,
    next: Project,
    report: Report,
    now: Timestamp,
}

/// One source's text and the codings found for it, before they are made into an interview.
struct Placed {
    source: usize,
    text: String,
    /// (document range, coding index into the selection's codings, selection index).
    codings: Vec<((usize, usize), usize, usize)>,
}

impl Importer {
    fn run(mut self, before: &Project) -> Result<Plan> {
        let from_behov = self.refi.origin.starts_with("behov");
        let codes = merge_codes(&mut self.next.codebook, &self.refi.codes, &mut self.report);
        let users: BTreeMap<String, String> = self.refi.users.iter().cloned().collect();
        let notes = self.notes()?;
        let meanings: BTreeMap<String, Meaning> = self
            .refi
            .variables
            .iter()
            .map(|v| (v.guid.clone(), meaning(v)))
            .collect();

        // Texts first: a source that cannot be read refuses the whole file.
        let mut placed: Vec<Placed> = Vec::new();
        let mut conventions: BTreeMap<&'static str, (usize, usize, bool)> = BTreeMap::new();
        let mut bom = false;
        for i in 0..self.refi.sources.len() {
            let source = self.refi.sources[i].clone();
            let Some((raw, had_bom)) = self.source_text(&source)? else {
                continue;
            };
            bom |= had_bom;
            let counted = Counted::new(&raw);
            let wanted: Vec<Wanted> = source
                .selections
                .iter()
                .map(|s| Wanted {
                    start: s.start,
                    end: s.end,
                    name: s.name.as_deref(),
                })
                .collect();
            let convention = match super::positions::choose(
                &counted,
                &wanted,
                preferred(&self.refi.origin),
            ) {
                Choice::Found {
                    convention,
                    checked,
                    ambiguous,
                } => {
                    if !counted.unambiguous() {
                        let e = conventions.entry(convention.describe()).or_default();
                        e.0 += 1;
                        e.1 += checked;
                        e.2 |= ambiguous;
                    }
                    convention
                }
                Choice::None { selection, reason } => {
                    return Err(Error::Invalid(format!(
                        "{}, line {}: a selection in the source \"{}\" does not fit its text: {reason}; nothing was imported",
                        self.qde, source.selections[selection].line, source.name
                    )));
                }
            };
            let mut codings = Vec::new();
            for (k, sel) in source.selections.iter().enumerate() {
                let range = place(&counted, convention, &wanted[k]).expect("checked by choose");
                for c in 0..sel.codings.len() {
                    codings.push((range, c, k));
                }
            }
            placed.push(Placed {
                source: i,
                text: counted.text,
                codings,
            });
        }
        if bom {
            self.report.dialect.push(
                "source texts start with a byte-order mark (as NVivo and QualCoder write them)"
                    .into(),
            );
        }
        for (convention, (sources, checked, ambiguous)) in conventions {
            let how = if ambiguous {
                "chosen by the program that wrote the file; no selection gave its words to check"
                    .to_string()
            } else {
                format!("confirmed by the words of {checked} selections")
            };
            self.report.dialect.push(format!(
                "positions in {sources} source(s) counted in {convention}: {how}"
            ));
        }

        let source_respondents = self.cases(&meanings, from_behov)?;
        let mut reserved: BTreeSet<String> =
            self.next.interviews.iter().map(|i| i.id.clone()).collect();
        let mut new_interviews = Vec::new();
        let mut no_code = 0usize;
        for p in placed {
            let source = self.refi.sources[p.source].clone();
            let sha256: String = Sha256::digest(p.text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            if let Some(earlier) = self.next.interviews.iter().find(|i| {
                i.source
                    .as_ref()
                    .is_some_and(|s| s.sha256 == sha256 && s.format == "qdpx")
            }) {
                self.report.skipped.push(format!(
                    "{}: already imported as interview {}",
                    source.name, earlier.id
                ));
                continue;
            }
            let parts = self.parts(&p, &source, from_behov);
            let mut interview = self.interview(&source, &parts, &meanings, &reserved, &sha256);
            reserved.insert(interview.id.clone());
            interview.respondents = match source_respondents.get(&source.guid) {
                Some(list) if !list.is_empty() => list.clone(),
                _ => vec![self.respondent_named(source_title(&source.name))],
            };
            // A suite's own variables on a document describe whom it is with.
            for (var, value) in &source.values {
                let meaning = meanings.get(var);
                if matches!(meaning, Some(Meaning::Foreign(_) | Meaning::Attribute(_))) {
                    for id in interview.respondents.clone() {
                        self.set_attribute(&id, meaning, value);
                    }
                }
            }
            for (range, c, k) in &p.codings {
                let sel = &source.selections[*k];
                let coding = &sel.codings[*c];
                let Some((part, span)) = locate(&parts, *range) else {
                    self.report.skipped.push(format!(
                        "{}: a coding on the document's first line (positions {}–{}) has no answer to go with and was left out",
                        source.name, range.0, range.1
                    ));
                    continue;
                };
                let user = coding.user.as_ref().or(sel.user.as_ref());
                let coder = user
                    .and_then(|g| users.get(g))
                    .cloned()
                    .unwrap_or_else(|| "import".to_string());
                let mut memo: Vec<String> = coding
                    .notes
                    .iter()
                    .chain(&sel.notes)
                    .filter_map(|g| notes.get(g))
                    .filter(|t| !t.trim().is_empty())
                    .cloned()
                    .collect();
                if !sel.description.trim().is_empty() {
                    memo.push(sel.description.trim().to_string());
                }
                memo.dedup();
                if !memo.is_empty() {
                    self.report.memos += 1;
                }
                let created = timestamp(coding.created.as_deref())
                    .or_else(|| timestamp(sel.created.as_deref()))
                    .unwrap_or(self.now);
                self.report.coders.insert(coder.clone());
                let coding = Coding {
                    code: codes[&coding.code].clone(),
                    span,
                    coder,
                    memo: memo.join("\n\n"),
                    created,
                };
                let index = part_index(&interview, &parts[part]);
                interview
                    .codings_mut()
                    .nth(index)
                    .expect("every part exists")
                    .push(coding);
                self.report.codings += 1;
            }
            no_code += source
                .selections
                .iter()
                .filter(|s| s.codings.is_empty())
                .count();
            new_interviews.push(interview);
        }
        if no_code > 0 {
            self.report.skipped.push(format!(
                "{no_code} selection(s) without a code (comments on the text, as MAXQDA writes them) were left out"
            ));
        }
        self.report.interviews = new_interviews.len();
        self.next.interviews.extend(new_interviews.iter().cloned());
        let mut stored = self.next.clone();
        stored.interviews = before.interviews.clone();
        stored.interviews.extend(new_interviews.iter().cloned());
        let project_changed =
            stored.respondents != before.respondents || stored.attributes != before.attributes;
        Ok(Plan {
            codebook_changed: stored.codebook != before.codebook,
            project_changed,
            project: stored,
            new_interviews,
            report: self.report,
        })
    }

    /// Note GUID → its text.
    fn notes(&mut self) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for note in self.refi.notes.clone() {
            let text = match (&note.content, &note.plain_text_path) {
                (Some(t), _) => t.clone(),
                (None, Some(path)) => match self.internal_path(path) {
                    Some(name) => {
                        let bytes = self.archive.read(&name)?;
                        decode(&bytes, &name)?.0
                    }
                    None => String::new(),
                },
                (None, None) => String::new(),
            };
            out.insert(note.guid.clone(), text.replace("\r\n", "\n"));
        }
        Ok(out)
    }

    /// The archive entry a `plainTextPath` names, or `None` for a file outside the archive.
    fn internal_path(&mut self, path: &str) -> Option<String> {
        if let Some(name) = path.strip_prefix("internal://") {
            return Some(format!("sources/{name}"));
        }
        if path.contains("://") {
            return None;
        }
        let note = "a plainTextPath without internal:// (as some older tools write it)".to_string();
        if !self.report.dialect.contains(&note) {
            self.report.dialect.push(note);
        }
        let bare = path.trim_start_matches("./");
        if self.archive.find(&format!("sources/{bare}")).is_some() {
            Some(format!("sources/{bare}"))
        } else {
            Some(bare.to_string())
        }
    }

    /// The text of a source with whether it had a BOM, or `None` (and a line in the report)
    /// when it is not a text behov can import.
    fn source_text(&mut self, source: &RefiSource) -> Result<Option<(String, bool)>> {
        let kind = match source.element.as_str() {
            "TextSource" => None,
            "PDFSource" => Some("a PDF"),
            "PictureSource" => Some("a picture"),
            "AudioSource" => Some("a recording"),
            "VideoSource" => Some("a video"),
            _ => Some("not a text"),
        };
        if let Some(kind) = kind {
            self.report.skipped.push(format!(
                "{}: {kind}; behov imports text sources only",
                source.name
            ));
            return Ok(None);
        }
        if let Some(content) = &source.content {
            return Ok(Some((content.clone(), false)));
        }
        if source.rich_text_path.is_some() && source.plain_text_path.is_some() {
            let note = "sources carry both a rich-text and a plain-text file (as NVivo for Mac writes them); the plain text is read".to_string();
            if !self.report.dialect.contains(&note) {
                self.report.dialect.push(note);
            }
        }
        let Some(path) = source.plain_text_path.clone() else {
            self.report.skipped.push(format!(
                "{}: no plain text (only a rich-text file); export it with plain text",
                source.name
            ));
            return Ok(None);
        };
        let Some(name) = self.internal_path(&path) else {
            self.report.skipped.push(format!(
                "{}: its text is a file outside the archive ({path})",
                source.name
            ));
            return Ok(None);
        };
        let bytes = self.archive.read(&name)?;
        let what = format!("the text of source \"{}\" ({name})", source.name);
        decode(&bytes, &what).map(Some)
    }

    /// Respondents from cases; returns source GUID → respondent ids.
    fn cases(
        &mut self,
        meanings: &BTreeMap<String, Meaning>,
        from_behov: bool,
    ) -> Result<BTreeMap<String, Vec<String>>> {
        let mut by_source: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut unnamed = 0;
        for case in self.refi.cases.clone() {
            let Some(name) = case.name.clone() else {
                // MAXQDA: a nameless case carries a document's variables.
                unnamed += 1;
                continue;
            };
            let behov_id = case
                .description
                .lines()
                .find_map(|l| l.strip_prefix(ID_PREFIX))
                .and_then(|l| l.strip_prefix("respondent/"))
                .filter(|_| from_behov)
                .map(str::to_string);
            let existing = self
                .next
                .respondents
                .iter()
                .find(|r| behov_id.as_deref() == Some(r.id.as_str()) && same(&r.name, &name))
                .or_else(|| self.next.respondents.iter().find(|r| same(&r.name, &name)))
                .map(|r| r.id.clone());
            let id = match existing {
                Some(id) => {
                    self.report.respondents_matched += 1;
                    id
                }
                None => {
                    let taken: Vec<String> =
                        self.next.respondents.iter().map(|r| r.id.clone()).collect();
                    let id = match behov_id {
                        Some(id) if !taken.contains(&id) => id,
                        _ => Project::next_id("r", taken.iter().map(String::as_str)),
                    };
                    self.next.respondents.push(Respondent {
                        id: id.clone(),
                        name: name.clone(),
                        attributes: BTreeMap::new(),
                        people: Vec::new(),
                    });
                    self.report.respondents_new += 1;
                    id
                }
            };
            for (var, value) in &case.values {
                self.set_attribute(&id, meanings.get(var), value);
            }
            for s in &case.sources {
                by_source.entry(s.clone()).or_default().push(id.clone());
            }
        }
        // Nameless cases and sources' own variables give the attributes of the respondents
        // of the sources they belong to.
        for case in self.refi.cases.clone().iter().filter(|c| c.name.is_none()) {
            for s in &case.sources {
                for id in by_source.get(s).cloned().unwrap_or_default() {
                    for (var, value) in &case.values {
                        self.set_attribute(&id, meanings.get(var), value);
                    }
                }
            }
        }
        if unnamed > 0 {
            self.report.dialect.push(format!(
                "{unnamed} case(s) without a name carry variables of one document each (as MAXQDA writes them); read as attributes of that document's respondent"
            ));
        }
        Ok(by_source)
    }

    fn set_attribute(&mut self, respondent: &str, meaning: Option<&Meaning>, value: &str) {
        let attribute = match meaning {
            Some(Meaning::Attribute(id)) => {
                if !self.next.attributes.iter().any(|a| &a.id == id) {
                    let name = self
                        .refi
                        .variables
                        .iter()
                        .find(|v| {
                            matches!(meaning, Some(Meaning::Attribute(_)))
                                && v.description.contains(&format!("attribute/{id}"))
                        })
                        .map(|v| v.name.clone())
                        .unwrap_or_else(|| id.clone());
                    self.next.attributes.push(AttributeDef {
                        id: id.clone(),
                        label: Localized::new(name, ""),
                        values: Vec::new(),
                    });
                }
                id.clone()
            }
            Some(Meaning::Foreign(name)) if !name.is_empty() => attribute_for(&mut self.next, name),
            _ => return,
        };
        if value.trim().is_empty() {
            return;
        }
        if let Some(r) = self
            .next
            .respondents
            .iter_mut()
            .find(|r| r.id == respondent)
        {
            r.attributes.insert(attribute, value.trim().to_string());
        }
    }

    /// A respondent for a source no case names: the one with the source's name, or new.
    fn respondent_named(&mut self, name: &str) -> String {
        if let Some(r) = self.next.respondents.iter().find(|r| same(&r.name, name)) {
            return r.id.clone();
        }
        let id = Project::next_id("r", self.next.respondents.iter().map(|r| r.id.as_str()));
        self.next.respondents.push(Respondent {
            id: id.clone(),
            name: name.to_string(),
            attributes: BTreeMap::new(),
            people: Vec::new(),
        });
        self.report.respondents_new += 1;
        id
    }

    /// The parts of a source's text: behov's own layout found again, else the transcript laid
    /// onto the guide when nothing in it is coded, else all of it outside the guide, where
    /// every coding stays on the words it was made on.
    fn parts(&self, p: &Placed, source: &RefiSource, from_behov: bool) -> Vec<Laid> {
        if from_behov && let Some(parts) = behov_parts(&self.next, &p.text) {
            return parts
                .into_iter()
                .map(|(question, range)| Laid {
                    text: chars(&p.text, range.text),
                    question,
                    range,
                    time: None,
                })
                .collect();
        }
        if source.selections.is_empty()
            && let Ok(transcript) = crate::import::read(
                p.text.as_bytes(),
                "source.txt",
                Some(crate::import::Format::Txt),
            )
        {
            let mapping = crate::import::map(&transcript, &self.next.guide, None);
            if !mapping.answers.is_empty() {
                // Nothing is coded, so the answers may be composed from the turns; no range
                // of the document is needed.
                let none = PartRange {
                    part: 0,
                    heading: (0, 0),
                    text: (0, 0),
                };
                let mut out: Vec<Laid> = mapping
                    .answers
                    .iter()
                    .map(|a| Laid {
                        question: Some(a.question.clone()),
                        range: none,
                        text: a.text.clone(),
                        time: a.time,
                    })
                    .collect();
                if !mapping.outside.is_empty() {
                    out.push(Laid {
                        question: None,
                        range: none,
                        text: mapping.outside.clone(),
                        time: None,
                    });
                }
                return out;
            }
        }
        let body = p.text.trim_end_matches('\n');
        let len = body.chars().count();
        vec![Laid {
            question: None,
            range: PartRange {
                part: 0,
                heading: (0, len),
                text: (0, len),
            },
            text: body.to_string(),
            time: None,
        }]
    }

    /// The interview a source becomes, without its respondents and codings.
    fn interview(
        &self,
        source: &RefiSource,
        parts: &[Laid],
        meanings: &BTreeMap<String, Meaning>,
        reserved: &BTreeSet<String>,
        sha256: &str,
    ) -> Interview {
        let created = timestamp(source.created.as_deref()).unwrap_or(self.now);
        let own_id = source
            .name
            .split_whitespace()
            .next()
            .filter(|id| {
                self.refi.origin.starts_with("behov")
                    && id.starts_with('i')
                    && id.len() > 1
                    && id[1..].bytes().all(|b| b.is_ascii_digit())
                    && !reserved.contains(*id)
            })
            .map(str::to_string);
        let id =
            own_id.unwrap_or_else(|| Project::next_id("i", reserved.iter().map(String::as_str)));
        let mut interview = Interview {
            id,
            respondents: Vec::new(),
            interviewer: String::new(),
            date: created.to_zoned(jiff::tz::TimeZone::UTC).date(),
            mode: Mode::OnSite,
            consent: Consent::default(),
            status: Status::Draft,
            answers: Vec::new(),
            notes: String::new(),
            notes_codings: Vec::new(),
            source: Some(Source {
                file: source.name.clone(),
                sha256: sha256.to_string(),
                format: "qdpx".into(),
                encoding: "UTF-8".into(),
            }),
            round: None,
            participants: Vec::new(),
            created,
            modified: created,
        };
        for part in parts {
            match &part.question {
                Some(q) => {
                    let answer = interview.answer_mut(q);
                    if !answer.text.is_empty() {
                        answer.text.push_str("\n\n");
                    }
                    answer.text.push_str(&part.text);
                    answer.time = answer.time.or(part.time);
                }
                None => {
                    if !interview.notes.is_empty() {
                        interview.notes.push_str("\n\n");
                    }
                    interview.notes.push_str(&part.text);
                }
            }
        }
        for (var, value) in &source.values {
            let value = value.trim();
            match meanings.get(var) {
                Some(Meaning::Interview(field)) => match field.as_str() {
                    "date" => {
                        if let Ok(date) = value.get(..10).unwrap_or(value).parse() {
                            interview.date = date;
                        }
                    }
                    "interviewer" => interview.interviewer = value.to_string(),
                    "mode" => {
                        if let Some(mode) = Mode::ALL.into_iter().find(|m| {
                            [Lang::Sv, Lang::En]
                                .iter()
                                .any(|l| mode_word(*m, *l) == value)
                        }) {
                            interview.mode = mode;
                        }
                    }
                    "status" => {
                        for status in [Status::Draft, Status::Complete] {
                            if [Lang::Sv, Lang::En]
                                .iter()
                                .any(|l| status_word(status, *l) == value)
                            {
                                interview.status = status;
                            }
                        }
                    }
                    "consent" => interview.consent.given = value == "true" || value == "1",
                    _ => {}
                },
                Some(Meaning::Question(q)) => {
                    let Some(question) = self.next.guide.question(q) else {
                        continue;
                    };
                    match &question.kind {
                        QuestionKind::Scale { .. } => {
                            if let Ok(v) = value.parse::<u8>() {
                                interview.answer_mut(q).scale = Some(v);
                            }
                        }
                        QuestionKind::SingleChoice { options }
                        | QuestionKind::MultipleChoice { options } => {
                            let chosen: Vec<String> = value
                                .split("; ")
                                .filter_map(|label| {
                                    options
                                        .iter()
                                        .find(|o| {
                                            o.id == label
                                                || o.label.sv == label
                                                || o.label.en == label
                                        })
                                        .map(|o| o.id.clone())
                                })
                                .collect();
                            if !chosen.is_empty() {
                                interview.answer_mut(q).choices = chosen;
                            }
                        }
                        QuestionKind::Open => {}
                    }
                }
                _ => {}
            }
        }
        interview
    }
}

/// One part of an imported document: its question (`None` outside the guide), where it lies
/// in the document, and its text.
struct Laid {
    question: Option<String>,
    range: PartRange,
    text: String,
    time: Option<crate::model::Clip>,
}

fn source_title(name: &str) -> &str {
    let name = name.trim();
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext.len() <= 4 && !stem.is_empty() => stem,
        _ => name,
    }
}

/// The index in [`Interview::codings_mut`] of the part a document part became.
fn part_index(interview: &Interview, laid: &Laid) -> usize {
    match &laid.question {
        Some(q) => interview
            .answers
            .iter()
            .position(|a| &a.question == q)
            .unwrap_or(interview.answers.len()),
        None => interview.answers.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::archive::tests::zip_of;
    use crate::exchange::export::{Options, qdc, qdpx};
    use crate::exchange::tests_support::demo;
    use crate::model::Answer;

    const LIMIT: u64 = 64 * 1024 * 1024;

    /// The demo's guide and attributes, nothing else: what `behov import` starts a new
    /// project from.
    fn empty_like(project: &Project) -> Project {
        Project {
            codebook: Codebook::default(),
            respondents: Vec::new(),
            interviews: Vec::new(),
            ..project.clone()
        }
    }

    fn now() -> Timestamp {
        "2026-05-01T12:00:00Z".parse().unwrap()
    }

    fn answers(i: &Interview) -> BTreeMap<String, Answer> {
        i.answers
            .iter()
            .filter(|a| !a.is_empty() || !a.codings.is_empty())
            .map(|a| {
                (
                    a.question.clone(),
                    Answer {
                        time: None,
                        ..a.clone()
                    },
                )
            })
            .collect()
    }

    #[test]
    fn the_demo_comes_back_equal_from_a_qdpx() {
        let demo = demo();
        let (bytes, _) = qdpx(&demo, &Options::default()).unwrap();
        let plan = plan_qdpx(bytes, &empty_like(&demo), LIMIT, now()).unwrap();
        let back = &plan.project;
        assert!(plan.report.skipped.is_empty(), "{:#?}", plan.report.skipped);

        let sorted = |b: &Codebook| {
            let mut codes = b.codes.clone();
            codes.sort_by(|a, b| a.id.cmp(&b.id));
            codes
        };
        assert_eq!(sorted(&back.codebook), sorted(&demo.codebook));
        assert_eq!(plan.report.codes_new, demo.codebook.codes.len());

        let strip = |r: &Respondent| (r.id.clone(), r.name.clone(), r.attributes.clone());
        let mut want: Vec<_> = demo.respondents.iter().map(strip).collect();
        let mut got: Vec<_> = back.respondents.iter().map(strip).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want);
        assert_eq!(back.attributes, demo.attributes);

        assert_eq!(back.interviews.len(), demo.interviews.len());
        for original in &demo.interviews {
            let copy = back
                .interview(&original.id)
                .unwrap_or_else(|| panic!("{}", original.id));
            assert_eq!(copy.respondents, original.respondents, "{}", original.id);
            assert_eq!(copy.date, original.date);
            assert_eq!(copy.interviewer, original.interviewer);
            assert_eq!(copy.mode, original.mode);
            assert_eq!(copy.status, original.status);
            assert_eq!(copy.consent.given, original.consent.given);
            assert_eq!(answers(copy), answers(original), "{}", original.id);
            assert_eq!(copy.notes, original.notes, "{}", original.id);
            assert_eq!(
                copy.notes_codings, original.notes_codings,
                "{}",
                original.id
            );
        }
        assert_eq!(
            plan.report.codings,
            demo.interviews
                .iter()
                .map(|i| i.coding_count())
                .sum::<usize>()
        );

        // Importing the same file again adds nothing.
        let (bytes, _) = qdpx(&demo, &Options::default()).unwrap();
        let again = plan_qdpx(bytes, back, LIMIT, now()).unwrap();
        assert!(again.new_interviews.is_empty());
        assert_eq!(again.report.codes_new, 0);
        assert_eq!(again.report.skipped.len(), demo.interviews.len());
    }

    #[test]
    fn a_codebook_merges_by_name_and_never_twice() {
        let demo = demo();
        let file = qdc(&demo).unwrap();
        let mut target = empty_like(&demo);
        let plan = plan_qdc(&file, "demo.qdc", &target).unwrap();
        assert_eq!(plan.report.codes_new, demo.codebook.codes.len());
        target.codebook = plan.project.codebook.clone();
        let plan = plan_qdc(&file, "demo.qdc", &target).unwrap();
        assert_eq!(plan.report.codes_new, 0);
        assert!(!plan.codebook_changed);

        // A suite's codebook: names matched across case, new codes nested, #RGB widened,
        // a namespace spelled 1:0 read and said.
        let suite = r##"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="MAXQDA 24">
  <Codes>
    <Code guid="11111111-1111-4111-8111-111111111111" name="RÅDGIVNING" isCodable="true">
      <Code guid="22222222-2222-4222-8222-222222222222" name="Rådgivning på plats" isCodable="true" color="#A0B">
        <Description>Råd hos företaget.</Description>
      </Code>
    </Code>
  </Codes>
</CodeBook>"##;
        let plan = plan_qdc(suite.as_bytes(), "maxqda.qdc", &target).unwrap();
        assert_eq!((plan.report.codes_new, plan.report.codes_matched), (1, 1));
        assert!(
            plan.report.dialect.iter().any(|d| d.contains("1:0")),
            "{:?}",
            plan.report.dialect
        );
        let new = plan.project.codebook.codes.last().unwrap();
        assert_eq!(new.parent.as_deref(), Some("advice"));
        assert_eq!(new.colour, "#aa00bb");
        assert_eq!(new.definition.sv, "Råd hos företaget.");
        assert_eq!(new.id, "radgivning_pa_plats");

        let unknown = suite.replace("urn:QDA-XML:codebook:1:0", "urn:example:other");
        let err = plan_qdc(unknown.as_bytes(), "x.qdc", &target)
            .unwrap_err()
            .to_string();
        assert!(err.contains("not REFI-QDA"), "{err}");
        let broken = suite.replace("</Codes>", "");
        let err = plan_qdc(broken.as_bytes(), "x.qdc", &target)
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.qdc, line"), "{err}");
    }

    fn qde(sources: &str, extra: &str) -> String {
        format!(
            r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Suite" origin="{{ORIGIN}}">
  <Users><User guid="aaaaaaaa-0000-4000-8000-000000000001" name="Kim"/></Users>
  <CodeBook><Codes>
    <Code guid="cccccccc-0000-4000-8000-000000000001" name="Finansiering" isCodable="true" color="#123456"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="dddddddd-0000-4000-8000-000000000001" name="Kommun" typeOfVariable="Text"/>
  </Variables>
  {extra}
  <Sources>{sources}</Sources>
</Project>"##
        )
    }

    fn selection(guid: u32, start: usize, end: usize, name: &str) -> String {
        format!(
            r##"<PlainTextSelection guid="eeeeeeee-0000-4000-8000-{guid:012}" name="{name}" startPosition="{start}" endPosition="{end}" creatingUser="aaaaaaaa-0000-4000-8000-000000000001" creationDateTime="2024-03-01T10:00:00Z"><Coding guid="ffffffff-0000-4000-8000-{guid:012}" creatingUser="aaaaaaaa-0000-4000-8000-000000000001"><CodeRef targetGUID="cccccccc-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>"##
        )
    }

    fn coded(plan: &Plan) -> Vec<String> {
        plan.new_interviews
            .iter()
            .flat_map(|i| {
                i.parts()
                    .flat_map(|p| {
                        p.codings
                            .iter()
                            .map(|c| c.span.unwrap().slice(p.text).unwrap().to_string())
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn nvivo_utf16_positions_after_emoji_and_crlf_land_on_the_right_words() {
        let text = "Intervju med Sala 😀 kommun\r\nVi behöver finansiering 💶 och råd.\r\nMer 👍🏽 stöd till företagen.";
        let mut file = vec![0xef, 0xbb, 0xbf];
        file.extend(text.as_bytes());
        // UTF-16 units: "finansiering" starts after "Intervju med Sala 😀 kommun\r\nVi behöver ".
        let u16 = |s: &str| s.encode_utf16().count();
        let a = u16("Intervju med Sala 😀 kommun\r\nVi behöver ");
        let b =
            u16("Intervju med Sala 😀 kommun\r\nVi behöver finansiering 💶 och råd.\r\nMer 👍🏽 ");
        let sources = format!(
            r##"<TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="Sala kommun.txt" plainTextPath="internal://bbbbbbbb-0000-4000-8000-000000000001.txt">{}{}</TextSource>"##,
            selection(1, a, a + 12, "finansiering"),
            selection(2, b, b + 4, "stöd"),
        );
        let xml = qde(&sources, "").replace("{ORIGIN}", "NVivo 12 Windows");
        let bytes = zip_of(&[
            ("project.qde", xml.as_bytes()),
            ("sources/bbbbbbbb-0000-4000-8000-000000000001.txt", &file),
            ("sources/.root", b""),
        ]);
        let plan = plan_qdpx(bytes, &empty_like(&demo()), LIMIT, now()).unwrap();
        assert_eq!(coded(&plan), ["finansiering", "stöd"]);
        let d = plan.report.dialect.join("\n");
        assert!(
            d.contains("UTF-16 code units") && d.contains("confirmed by the words of 2"),
            "{d}"
        );
        assert!(d.contains("byte-order mark"), "{d}");
        let i = &plan.new_interviews[0];
        assert!(!i.notes.contains('\r'));
        assert_eq!(i.notes_codings[0].coder, "Kim");
        let r = plan.project.respondent(&i.respondents[0]).unwrap();
        assert_eq!(r.name, "Sala kommun");
    }

    #[test]
    fn atlas_crlf_as_one_named_project_file_and_capital_sources() {
        let text = "Rad ett\r\nVi behöver finansiering.";
        let start = "Rad ett\nVi behöver ".chars().count();
        let sources = format!(
            r##"<TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="Intervju 3" plainTextPath="internal://bbbbbbbb-0000-4000-8000-000000000001.txt">{}</TextSource>"##,
            selection(1, start, start + 12, "finansiering"),
        );
        let xml = qde(&sources, "").replace("{ORIGIN}", "ATLAS.ti 23");
        let bytes = zip_of(&[
            ("Min studie.qde", xml.as_bytes()),
            (
                "Sources/bbbbbbbb-0000-4000-8000-000000000001.txt",
                text.as_bytes(),
            ),
        ]);
        let plan = plan_qdpx(bytes, &empty_like(&demo()), LIMIT, now()).unwrap();
        assert_eq!(coded(&plan), ["finansiering"]);
        let d = plan.report.dialect.join("\n");
        assert!(
            d.contains("Min studie.qde") && d.contains("Sources/") && d.contains("CRLF as one"),
            "{d}"
        );
    }

    #[test]
    fn maxqda_nameless_cases_and_qualcoder_descriptions() {
        let text = "Vi behöver finansiering.";
        let mut sel = selection(1, 11, 23, "finansiering");
        sel = sel.replace("<Coding", "<Description>Viktigt citat</Description><Coding");
        let comment = r##"<PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000009" startPosition="0" endPosition="2"><Description>bara en kommentar</Description></PlainTextSelection>"##;
        let sources = format!(
            r##"<TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="Almi" plainTextPath="internal://bbbbbbbb-0000-4000-8000-000000000001.txt">{sel}{comment}</TextSource>
            <PDFSource guid="bbbbbbbb-0000-4000-8000-000000000002" name="Rapport.pdf" path="internal://x.pdf"/>"##
        );
        let cases = r##"<Cases>
          <Case guid="99999999-0000-4000-8000-000000000001" name="Almi">
            <SourceRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Case>
          <Case guid="99999999-0000-4000-8000-000000000002">
            <VariableValue><VariableRef targetGUID="dddddddd-0000-4000-8000-000000000001"/><TextValue>Västerås</TextValue></VariableValue>
            <SourceRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/></Case>
        </Cases>"##;
        let xml = qde(&sources, cases).replace("{ORIGIN}", "MAXQDA 24");
        let bytes = zip_of(&[
            ("project.qde", xml.as_bytes()),
            (
                "sources/bbbbbbbb-0000-4000-8000-000000000001.txt",
                text.as_bytes(),
            ),
        ]);
        let plan = plan_qdpx(bytes, &empty_like(&demo()), LIMIT, now()).unwrap();
        assert_eq!(coded(&plan), ["finansiering"]);
        let coding = &plan.new_interviews[0].notes_codings[0];
        assert_eq!(coding.memo, "Viktigt citat");
        let r = plan
            .project
            .respondent(&plan.new_interviews[0].respondents[0])
            .unwrap();
        assert_eq!(
            (r.name.as_str(), r.attribute("municipality")),
            ("Almi", "Västerås")
        );
        let skipped = plan.report.skipped.join("\n");
        assert!(
            skipped.contains("Rapport.pdf: a PDF")
                && skipped.contains("1 selection(s) without a code"),
            "{skipped}"
        );
        assert!(
            plan.report
                .dialect
                .iter()
                .any(|d| d.contains("without a name"))
        );
    }

    #[test]
    fn nvivo_mac_paths_and_older_tools_without_internal() {
        let text = "Vi behöver finansiering.";
        let sources = format!(
            r##"<TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="Mac" richTextPath="internal://bbbbbbbb-0000-4000-8000-000000000001.docx" plainTextPath="internal://bbbbbbbb-0000-4000-8000-000000000001.txt">{}</TextSource>
            <TextSource guid="bbbbbbbb-0000-4000-8000-000000000002" name="Old" plainTextPath="old.txt">{}</TextSource>
            <TextSource guid="bbbbbbbb-0000-4000-8000-000000000003" name="Far" plainTextPath="relative://far.txt"/>"##,
            selection(1, 11, 23, "finansiering"),
            selection(2, 0, 2, "Vi"),
        );
        let xml = qde(&sources, "").replace("{ORIGIN}", "NVivo 15 Mac");
        let bytes = zip_of(&[
            ("project.qde", xml.as_bytes()),
            (
                "sources/bbbbbbbb-0000-4000-8000-000000000001.txt",
                text.as_bytes(),
            ),
            ("sources/bbbbbbbb-0000-4000-8000-000000000001.docx", b"PK"),
            ("sources/old.txt", text.as_bytes()),
        ]);
        let plan = plan_qdpx(bytes, &empty_like(&demo()), LIMIT, now()).unwrap();
        assert_eq!(coded(&plan), ["finansiering", "Vi"]);
        let d = plan.report.dialect.join("\n");
        assert!(
            d.contains("rich-text and a plain-text") && d.contains("without internal://"),
            "{d}"
        );
        assert!(
            plan.report
                .skipped
                .iter()
                .any(|s| s.contains("Far: its text is a file outside the archive"))
        );
    }

    #[test]
    fn a_source_without_codings_is_laid_onto_the_guide() {
        let demo = demo();
        let q1 = demo.guide.questions[0].text.sv.clone();
        let q2 = demo.guide.questions[1].text.sv.clone();
        let text = format!(
            "Maria: {q1}\nAnna: Vi är sju personer.\nMaria: {q2}\nAnna: Mest rådgivning.\n"
        );
        let sources = r##"<TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="Västerås" plainTextPath="internal://bbbbbbbb-0000-4000-8000-000000000001.txt"/>"##;
        let xml = qde(sources, "").replace("{ORIGIN}", "QualCoder 3.5");
        let bytes = zip_of(&[
            ("project.qde", xml.as_bytes()),
            (
                "sources/bbbbbbbb-0000-4000-8000-000000000001.txt",
                text.as_bytes(),
            ),
        ]);
        let plan = plan_qdpx(bytes, &empty_like(&demo), LIMIT, now()).unwrap();
        let i = &plan.new_interviews[0];
        let q01 = i
            .answer(&demo.guide.questions[0].id)
            .map(|a| a.text.as_str());
        assert!(
            q01.is_some_and(|t| t.contains("sju personer")),
            "{:#?}",
            i.answers
        );
    }

    #[test]
    fn bad_inputs_are_refused_with_a_sentence() {
        let demo = demo();
        let target = empty_like(&demo);
        let text = "Vi behöver finansiering.";
        let ok_source = |sel: &str| {
            format!(
                r##"<TextSource guid="bbbbbbbb-0000-4000-8000-000000000001" name="A" plainTextPath="internal://bbbbbbbb-0000-4000-8000-000000000001.txt">{sel}</TextSource>"##
            )
        };
        let run = |xml: String| {
            let bytes = zip_of(&[
                ("project.qde", xml.as_bytes()),
                (
                    "sources/bbbbbbbb-0000-4000-8000-000000000001.txt",
                    text.as_bytes(),
                ),
            ]);
            plan_qdpx(bytes, &target, LIMIT, now())
                .unwrap_err()
                .to_string()
        };
        let outside = run(qde(&ok_source(&selection(1, 11, 99, "finansiering")), ""));
        assert!(outside.contains("outside the text"), "{outside}");
        let wrong = run(qde(&ok_source(&selection(1, 0, 2, "finansiering")), ""));
        assert!(wrong.contains("is not at positions"), "{wrong}");
        let dangling = run(
            qde(&ok_source(&selection(1, 11, 23, "finansiering")), "").replace(
                r#"<CodeRef targetGUID="cccccccc"#,
                r#"<CodeRef targetGUID="cccccccd"#,
            ),
        );
        assert!(dangling.contains("no code with that GUID"), "{dangling}");
        let twice = run(
            qde(&ok_source(&selection(1, 11, 23, "finansiering")), "").replace(
                "eeeeeeee-0000-4000-8000-000000000001",
                "cccccccc-0000-4000-8000-000000000001",
            ),
        );
        assert!(twice.contains("used twice"), "{twice}");
        let broken = run(qde(&ok_source(""), "").replace("</Sources>", ""));
        assert!(broken.contains("project.qde, line"), "{broken}");
        let namespace =
            run(qde(&ok_source(""), "").replace("urn:QDA-XML:project:1.0", "urn:other"));
        assert!(namespace.contains("not REFI-QDA"), "{namespace}");

        let err = plan_qdpx(b"not a zip".to_vec(), &target, LIMIT, now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a zip"), "{err}");
        let evil = zip_of(&[("../project.qde", b"<Project/>")]);
        let err = plan_qdpx(evil, &target, LIMIT, now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("leads out of the archive"), "{err}");
        let big = vec![b' '; 200_000];
        let bomb = zip_of(&[("project.qde", &big)]);
        let err = plan_qdpx(bomb, &target, 100_000, now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("zip bomb"), "{err}");
        let none = zip_of(&[("readme.txt", b"hej")]);
        let err = plan_qdpx(none, &target, LIMIT, now())
            .unwrap_err()
            .to_string();
        assert!(err.contains("no project.qde"), "{err}");
    }
}
