//! A REFI-QDA project or codebook as plain data, read from its element tree: only what behov
//! imports, each item with the line it stands on for messages.

use super::dom::Element;
use super::guid::normalise;
use super::{CODEBOOK_NS, Error, PROJECT_NS, Result};

#[derive(Debug, Clone, Default)]
pub struct Refi {
    pub name: String,
    pub origin: String,
    /// Users as (GUID, name to show).
    pub users: Vec<(String, String)>,
    /// Codes in tree order, parents before children.
    pub codes: Vec<RefiCode>,
    pub variables: Vec<RefiVariable>,
    pub cases: Vec<RefiCase>,
    pub sources: Vec<RefiSource>,
    pub notes: Vec<RefiNote>,
    /// Dialect notes found while reading (namespace spellings).
    pub dialect: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RefiCode {
    pub guid: String,
    pub name: String,
    pub colour: Option<String>,
    pub description: String,
    pub parent: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RefiVariable {
    pub guid: String,
    pub name: String,
    pub kind: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct RefiCase {
    pub guid: String,
    pub name: Option<String>,
    pub description: String,
    /// (variable GUID, value as text).
    pub values: Vec<(String, String)>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RefiSource {
    /// `TextSource`, `PDFSource`, `PictureSource`, `AudioSource` or `VideoSource`.
    pub element: String,
    pub guid: String,
    pub name: String,
    pub plain_text_path: Option<String>,
    pub rich_text_path: Option<String>,
    pub content: Option<String>,
    pub created: Option<String>,
    pub selections: Vec<RefiSelection>,
    pub values: Vec<(String, String)>,
    pub notes: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct RefiSelection {
    pub name: Option<String>,
    pub start: usize,
    pub end: usize,
    pub user: Option<String>,
    pub created: Option<String>,
    pub description: String,
    pub codings: Vec<RefiCoding>,
    pub notes: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct RefiCoding {
    pub code: String,
    pub user: Option<String>,
    pub created: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RefiNote {
    pub guid: String,
    pub content: Option<String>,
    pub plain_text_path: Option<String>,
}

fn guid_of(e: &Element, attr: &str) -> Option<String> {
    e.attr(attr).map(normalise)
}

fn text_of(e: &Element, child: &str) -> String {
    e.child(child).map(|c| c.text.clone()).unwrap_or_default()
}

fn refs(e: &Element, name: &str) -> Vec<String> {
    e.children(name)
        .filter_map(|r| guid_of(r, "targetGUID"))
        .collect()
}

/// The namespaces behov reads, and what to say about the spellings that are not the
/// standard's.
fn check_namespace(root: &Element, file: &str, dialect: &mut Vec<String>) -> Result<()> {
    let ns = root.attr("xmlns").unwrap_or("");
    let expected = if root.name == "Project" {
        PROJECT_NS
    } else {
        CODEBOOK_NS
    };
    if ns == expected {
        if let Some(location) = root.attr("schemaLocation")
            && location.contains(":0:4")
        {
            dialect.push(format!(
                "{file}: schemaLocation names codebook version 0:4 (as ATLAS.ti 23 writes), read as 1.0"
            ));
        }
        return Ok(());
    }
    let known_variant = match root.name.as_str() {
        "CodeBook" => ["urn:QDA-XML:codebook:1:0", "urn:QDA-XML:codebook:0:4"].contains(&ns),
        _ => ns == "urn:QDA-XML:project:1:0",
    };
    if known_variant {
        dialect.push(format!(
            "{file}: namespace written {ns} instead of {expected}, read as {expected}"
        ));
        Ok(())
    } else if ns.is_empty() {
        Err(Error::Invalid(format!(
            "{file}, line {}: the {} element has no namespace; a REFI-QDA file declares xmlns=\"{expected}\"",
            root.line, root.name
        )))
    } else {
        Err(Error::Invalid(format!(
            "{file}, line {}: the namespace {ns} is not REFI-QDA's ({expected}); behov does not guess at other formats",
            root.line
        )))
    }
}

fn codes_into(parent: &Element, parent_guid: Option<&str>, out: &mut Vec<RefiCode>) {
    for code in parent.children("Code") {
        let Some(guid) = guid_of(code, "guid") else {
            continue;
        };
        out.push(RefiCode {
            guid: guid.clone(),
            name: code.attr("name").unwrap_or_default().trim().to_string(),
            colour: code.attr("color").map(str::to_string),
            description: text_of(code, "Description"),
            parent: parent_guid.map(str::to_string),
        });
        codes_into(code, Some(&guid), out);
    }
}

fn values(e: &Element) -> Vec<(String, String)> {
    e.children("VariableValue")
        .filter_map(|v| {
            let var = guid_of(v.child("VariableRef")?, "targetGUID")?;
            let value = v
                .children
                .iter()
                .find(|c| c.name.ends_with("Value"))
                .map(|c| c.text.trim().to_string())
                .unwrap_or_default();
            Some((var, value))
        })
        .collect()
}

fn position(e: &Element, attr: &str, file: &str) -> Result<usize> {
    e.attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{file}, line {}: the selection's {attr} is not a whole number",
                e.line
            ))
        })
}

/// Reads a `Project` (from a `.qde`) or a `CodeBook` (from a `.qdc`).
pub fn read(root: &Element, file: &str) -> Result<Refi> {
    let mut refi = Refi::default();
    if root.name != "Project" && root.name != "CodeBook" {
        return Err(Error::Invalid(format!(
            "{file}, line {}: the root element is {}, not a REFI-QDA Project or CodeBook",
            root.line, root.name
        )));
    }
    check_namespace(root, file, &mut refi.dialect)?;
    refi.name = root.attr("name").unwrap_or_default().to_string();
    refi.origin = root.attr("origin").unwrap_or_default().to_string();
    let codes_parent = if root.name == "CodeBook" {
        root.child("Codes")
    } else {
        root.child("CodeBook").and_then(|b| b.child("Codes"))
    };
    if let Some(codes) = codes_parent {
        codes_into(codes, None, &mut refi.codes);
    }
    if root.name == "CodeBook" {
        return Ok(refi);
    }
    for user in root.child("Users").iter().flat_map(|u| u.children("User")) {
        if let Some(guid) = guid_of(user, "guid") {
            let name = user
                .attr("name")
                .or(user.attr("id"))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| format!("user {}", &guid[..8.min(guid.len())]));
            refi.users.push((guid, name));
        }
    }
    for v in root
        .child("Variables")
        .iter()
        .flat_map(|v| v.children("Variable"))
    {
        if let Some(guid) = guid_of(v, "guid") {
            refi.variables.push(RefiVariable {
                guid,
                name: v.attr("name").unwrap_or_default().to_string(),
                kind: v.attr("typeOfVariable").unwrap_or("Text").to_string(),
                description: text_of(v, "Description"),
            });
        }
    }
    for c in root.child("Cases").iter().flat_map(|c| c.children("Case")) {
        if let Some(guid) = guid_of(c, "guid") {
            refi.cases.push(RefiCase {
                guid,
                name: c
                    .attr("name")
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
                description: text_of(c, "Description"),
                values: values(c),
                sources: refs(c, "SourceRef"),
            });
        }
    }
    for s in root.child("Sources").iter().flat_map(|s| s.children.iter()) {
        let Some(guid) = guid_of(s, "guid") else {
            continue;
        };
        let mut selections = Vec::new();
        for sel in s.children("PlainTextSelection") {
            selections.push(RefiSelection {
                name: sel.attr("name").map(str::to_string),
                start: position(sel, "startPosition", file)?,
                end: position(sel, "endPosition", file)?,
                user: guid_of(sel, "creatingUser"),
                created: sel.attr("creationDateTime").map(str::to_string),
                description: text_of(sel, "Description"),
                codings: sel
                    .children("Coding")
                    .filter_map(|c| {
                        Some(RefiCoding {
                            code: guid_of(c.child("CodeRef")?, "targetGUID")?,
                            user: guid_of(c, "creatingUser"),
                            created: c.attr("creationDateTime").map(str::to_string),
                            notes: refs(c, "NoteRef"),
                        })
                    })
                    .collect(),
                notes: refs(sel, "NoteRef"),
                line: sel.line,
            });
        }
        refi.sources.push(RefiSource {
            element: s.name.clone(),
            guid,
            name: s.attr("name").unwrap_or_default().to_string(),
            plain_text_path: s.attr("plainTextPath").map(str::to_string),
            rich_text_path: s.attr("richTextPath").map(str::to_string),
            content: s.child("PlainTextContent").map(|c| c.text.clone()),
            created: s.attr("creationDateTime").map(str::to_string),
            selections,
            values: values(s),
            notes: refs(s, "NoteRef"),
            line: s.line,
        });
    }
    for n in root.child("Notes").iter().flat_map(|n| n.children("Note")) {
        if let Some(guid) = guid_of(n, "guid") {
            refi.notes.push(RefiNote {
                guid,
                content: n.child("PlainTextContent").map(|c| c.text.clone()),
                plain_text_path: n.attr("plainTextPath").map(str::to_string),
            });
        }
    }
    Ok(refi)
}
