//! A small element tree read with quick-xml, with the line each element starts on.
//!
//! A `project.qde` is read whole before anything is imported (references point forwards and
//! backwards), and every complaint about it names a line, so the tree keeps line numbers.
//! Names are local names: the suites differ in prefixes, never in the local names.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    /// Attributes in file order, local names, values unescaped and normalised as XML says.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's own text (character data directly inside it).
    pub text: String,
    /// The line (from 1) of the start tag.
    pub line: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Every element in the tree, depth first, this one included.
    pub fn walk(&self) -> Vec<&Element> {
        let mut out = vec![self];
        let mut i = 0;
        while i < out.len() {
            let next = out[i];
            out.extend(next.children.iter());
            i += 1;
        }
        out
    }
}

/// Why the XML could not be read, with the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

fn line_at(text: &str, byte: u64) -> usize {
    let end = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_string(),
        None => name.into_owned(),
    }
}

fn element(e: &BytesStart, line: usize) -> Result<Element, ParseError> {
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| ParseError {
            line,
            message: format!("a broken attribute ({err})"),
        })?;
        let key = attr.key.as_ref();
        // Namespace declarations are kept under their full name (`xmlns`, `xmlns:xsi`).
        let key = if key.starts_with("xmlns") {
            key.to_string()
        } else {
            local(key.as_bytes())
        };
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| ParseError {
                line,
                message: format!("the attribute {key} cannot be read ({err})"),
            })?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref().as_bytes()),
        attrs,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

/// Reads `text` into a tree. A document without a root, with a broken tag, an unknown
/// entity or unclosed elements is refused with the line where reading stopped.
pub fn parse(text: &str) -> Result<Element, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let before = reader.buffer_position();
        let event = reader.read_event().map_err(|e| ParseError {
            line: line_at(text, reader.error_position().max(before)),
            message: e.to_string(),
        })?;
        let line = line_at(text, before);
        let fail = |message: String| ParseError { line, message };
        match event {
            Event::Start(e) => {
                let line = line_at(text, before) + leading_newlines(text, before);
                stack.push(element(&e, line)?);
            }
            Event::Empty(e) => {
                let line = line_at(text, before) + leading_newlines(text, before);
                let done = element(&e, line)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None if root.is_none() => root = Some(done),
                    None => return Err(fail("a second root element".into())),
                }
            }
            Event::End(_) => {
                let done = stack
                    .pop()
                    .ok_or_else(|| fail("a closing tag too many".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None if root.is_none() => root = Some(done),
                    None => return Err(fail("a second root element".into())),
                }
            }
            Event::Text(e) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&e.xml10_content());
                } else if !e.xml10_content().trim().is_empty() {
                    return Err(fail("text outside the root element".into()));
                }
            }
            Event::CData(e) => {
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&e.into_inner());
                }
            }
            Event::GeneralRef(e) => {
                let c = match e.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match e.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => return Err(fail(format!("an unknown entity &{other};"))),
                    },
                    Err(err) => return Err(fail(format!("a broken character reference ({err})"))),
                };
                if let Some(current) = stack.last_mut() {
                    current.text.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError {
            line: line_at(text, text.len() as u64),
            message: format!(
                "the element {} opened on line {} is never closed",
                open.name, open.line
            ),
        });
    }
    root.ok_or(ParseError {
        line: 1,
        message: "there is no root element".into(),
    })
}

/// Lines between `at` and the `<` of the tag read from there (indentation before a tag is
/// part of the previous text event, but not when it was skipped).
fn leading_newlines(text: &str, at: u64) -> usize {
    let start = usize::try_from(at).unwrap_or(usize::MAX).min(text.len());
    let rest = &text.as_bytes()[start..];
    let upto = rest.iter().position(|&b| b == b'<').unwrap_or(0);
    rest[..upto].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_attributes_text_and_lines() {
        let xml = "<?xml version=\"1.0\"?>\n<p:A xmlns:p=\"urn:x\" name=\"x&#10;y z\">\n  <B k='1'>a &amp; b&#x1F600;</B>\n  <C/>\n</p:A>\n";
        let root = parse(xml).unwrap();
        assert_eq!(root.name, "A");
        assert_eq!(root.attr("xmlns:p"), Some("urn:x"));
        assert_eq!(root.attr("name"), Some("x\ny z"));
        assert_eq!(root.line, 2);
        let b = root.child("B").unwrap();
        assert_eq!(b.text, "a & b😀");
        assert_eq!(b.line, 3);
        assert_eq!(root.child("C").unwrap().line, 4);
        assert_eq!(root.walk().len(), 3);
    }

    #[test]
    fn broken_xml_names_the_line() {
        let err = parse("<A>\n<B>\n</C>\n</A>").unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        let err = parse("<A>\n<B>\n").unwrap_err();
        assert!(err.message.contains("never closed"), "{err:?}");
        let err = parse("<A>&nope;</A>").unwrap_err();
        assert!(err.message.contains("unknown entity"), "{err:?}");
        assert!(parse("").is_err());
    }
}
