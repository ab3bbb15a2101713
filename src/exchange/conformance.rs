//! What the schemas and the standard require of a project or codebook file, checked on the
//! element tree: the order of children, required attributes, GUID and colour patterns,
//! unique GUIDs, and references that resolve. The export is tested against these rules
//! without xmllint, and an import refuses a file that breaks the ones it depends on.

use std::collections::{BTreeMap, BTreeSet};

use super::dom::Element;
use super::guid;

/// One rule broken, with the line of the element that breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
    /// Whether an import must refuse the file: GUIDs and references it depends on. Order,
    /// colours and the like are the suites' own business and are read anyway.
    pub fatal: bool,
}

/// The children each element may have, in the order the schema requires.
fn order(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "Project" => &[
            "Users",
            "CodeBook",
            "Variables",
            "Cases",
            "Sources",
            "Notes",
            "Links",
            "Sets",
            "Graphs",
            "Description",
            "NoteRef",
        ],
        "CodeBook" => &["Codes", "Sets"],
        "Code" => &["Description", "NoteRef", "Code"],
        "Case" => &[
            "Description",
            "CodeRef",
            "VariableValue",
            "SourceRef",
            "SelectionRef",
        ],
        "Variable" => &["Description"],
        "TextSource" | "Note" => &[
            "Description",
            "PlainTextContent",
            "PlainTextSelection",
            "Coding",
            "NoteRef",
            "VariableValue",
        ],
        "PlainTextSelection" => &["Description", "Coding", "NoteRef"],
        "Coding" => &["CodeRef", "NoteRef"],
        "Set" => &["Description", "MemberCode", "MemberSource", "MemberNote"],
        _ => return None,
    })
}

fn required(name: &str) -> &'static [&'static str] {
    match name {
        "Project" => &["name"],
        "Code" => &["guid", "name", "isCodable"],
        "Variable" => &["guid", "name", "typeOfVariable"],
        "Set" => &["guid", "name"],
        "PlainTextSelection" => &["guid", "startPosition", "endPosition"],
        "User" | "Case" | "TextSource" | "PictureSource" | "PDFSource" | "AudioSource"
        | "VideoSource" | "Note" | "Coding" | "Link" | "Graph" => &["guid"],
        "CodeRef" | "NoteRef" | "SourceRef" | "SelectionRef" | "VariableRef" | "MemberSource"
        | "MemberNote" => &["targetGUID"],
        _ => &[],
    }
}

const GUID_ATTRS: [&str; 9] = [
    "guid",
    "targetGUID",
    "creatingUser",
    "modifyingUser",
    "creatingUserGUID",
    "modifyingUserGUID",
    "originGUID",
    "representedGUID",
    "sourceVertex",
];

/// Checks a `Project` or a codebook's `CodeBook` tree.
pub fn check(root: &Element) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut say = |line: usize, message: String| {
        let fatal = [
            "used twice",
            "points to",
            "has no",
            "not a GUID",
            "positions",
        ]
        .iter()
        .any(|k| message.contains(k));
        problems.push(Problem {
            line,
            message,
            fatal,
        })
    };
    let all = root.walk();
    let codebook_file = root.name == "CodeBook";

    for e in &all {
        if let Some(allowed) = order(&e.name) {
            let mut last = 0;
            for child in &e.children {
                match allowed.iter().position(|n| *n == child.name) {
                    Some(i) if i < last => say(
                        child.line,
                        format!(
                            "{} must come before {} in {}",
                            child.name, allowed[last], e.name
                        ),
                    ),
                    Some(i) => last = i,
                    None => say(
                        child.line,
                        format!("{} is not allowed inside {}", child.name, e.name),
                    ),
                }
            }
        }
        let needs: &[&str] = if codebook_file && e.name == "MemberCode" {
            &["guid"]
        } else if e.name == "MemberCode" {
            &["targetGUID"]
        } else {
            required(&e.name)
        };
        for attr in needs {
            if e.attr(attr).is_none() {
                say(e.line, format!("{} has no {attr} attribute", e.name));
            }
        }
        for (key, value) in &e.attrs {
            let is_guid = GUID_ATTRS.contains(&key.as_str())
                || (key == "targetVertex")
                || (codebook_file && e.name == "MemberCode" && key == "guid");
            if is_guid && !guid::is_valid(value) {
                say(
                    e.line,
                    format!("{key}=\"{value}\" of {} is not a GUID", e.name),
                );
            }
            if key == "color" && !is_colour(value) {
                say(
                    e.line,
                    format!("color=\"{value}\" of {} is not #RRGGBB", e.name),
                );
            }
            if key == "isCodable" && value != "true" && value != "false" {
                say(
                    e.line,
                    format!("isCodable=\"{value}\" is not true or false"),
                );
            }
        }
        if e.name == "TextSource"
            && e.child("PlainTextContent").is_some()
            && e.attr("plainTextPath").is_some()
        {
            say(
                e.line,
                "a TextSource has both PlainTextContent and plainTextPath".into(),
            );
        }
        if e.name == "PlainTextSelection" {
            let start = e.attr("startPosition").and_then(|s| s.parse::<u64>().ok());
            let end = e.attr("endPosition").and_then(|s| s.parse::<u64>().ok());
            match (start, end) {
                (Some(s), Some(t)) if s <= t => {}
                _ => say(
                    e.line,
                    "a PlainTextSelection's positions are not whole numbers from start to end"
                        .into(),
                ),
            }
        }
    }

    // GUIDs name one item each; references point at an item of the right kind.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for e in &all {
        if codebook_file && e.name == "MemberCode" {
            continue;
        }
        if let Some(g) = e.attr("guid") {
            let g = guid::normalise(g);
            if let Some(first) = seen.insert(g.clone(), e.line) {
                say(
                    e.line,
                    format!("the GUID {g} is used twice (also on line {first})"),
                );
            }
            let kind = match e.name.as_str() {
                "TextSource" | "PictureSource" | "PDFSource" | "AudioSource" | "VideoSource" => {
                    "source"
                }
                "PlainTextSelection"
                | "PictureSelection"
                | "PDFSelection"
                | "AudioSelection"
                | "VideoSelection"
                | "TranscriptSelection" => "selection",
                other => other,
            };
            kinds.entry(kind).or_default().insert(g);
        }
    }
    let empty = BTreeSet::new();
    for e in &all {
        let target = match e.name.as_str() {
            "CodeRef" | "MemberCode" => "Code",
            "NoteRef" | "MemberNote" => "Note",
            "SourceRef" | "MemberSource" => "source",
            "SelectionRef" => "selection",
            "VariableRef" => "Variable",
            _ => continue,
        };
        let attr = if codebook_file { "guid" } else { "targetGUID" };
        if let Some(g) = e.attr(attr)
            && !kinds
                .get(target)
                .unwrap_or(&empty)
                .contains(&guid::normalise(g))
        {
            let what = match target {
                "Code" => "code",
                "Note" => "note",
                "source" => "source",
                "selection" => "selection",
                _ => "variable",
            };
            say(
                e.line,
                format!(
                    "{} points to {g}, but there is no {what} with that GUID",
                    e.name
                ),
            );
        }
    }
    problems
}

fn is_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| (h.len() == 6 || h.len() == 3) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::dom::parse;

    #[test]
    fn order_attributes_patterns_and_references() {
        let xml = r##"<Project name="p">
<Sources><TextSource guid="00000000-0000-4000-8000-000000000001" plainTextPath="internal://x.txt">
<PlainTextSelection guid="00000000-0000-4000-8000-000000000002" startPosition="5" endPosition="2">
<Coding guid="00000000-0000-4000-8000-000000000003"><CodeRef targetGUID="00000000-0000-4000-8000-000000000009"/></Coding>
</PlainTextSelection></TextSource></Sources>
<CodeBook><Codes><Code guid="00000000-0000-4000-8000-000000000001" name="a" isCodable="yes" color="red"/></Codes></CodeBook>
</Project>"##;
        let problems = check(&parse(xml).unwrap());
        let text: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.line, p.message))
            .collect();
        let has = |s: &str| text.iter().any(|t| t.contains(s));
        assert!(has("CodeBook must come before Sources"), "{text:#?}");
        assert!(has("positions are not whole numbers"), "{text:#?}");
        assert!(has("no code with that GUID"), "{text:#?}");
        assert!(has("used twice"), "{text:#?}");
        assert!(has("color=\"red\""), "{text:#?}");
        assert!(has("isCodable=\"yes\""), "{text:#?}");
        assert!(
            text.iter().any(|t| t.starts_with("4: ")),
            "lines: {text:#?}"
        );
    }
}
