//! Writing QDA-XML with quick-xml, escaping attribute values fully.
//!
//! Selection names hold the selected words, line breaks included. An XML reader turns a raw
//! line break inside an attribute into a space, so the name would no longer equal the text
//! and a suite that checks it would reject the coding; line breaks and tabs are therefore
//! written as character references, in attributes and in text alike.

use std::borrow::Cow;
use std::io;

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

/// Escapes `s` for an attribute value or element text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Not allowed in XML 1.0 at all, not even as a reference: dropped.
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An indented XML document being written into memory.
pub struct Xml {
    writer: Writer<Vec<u8>>,
}

fn start<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut tag = BytesStart::new(name);
    for (key, value) in attrs {
        tag.push_attribute(Attribute {
            key: QName(key),
            value: Cow::Owned(escape(value)),
        });
    }
    tag
}

impl Xml {
    pub fn new() -> io::Result<Xml> {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        Ok(Xml { writer })
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer.write_event(Event::Start(start(name, attrs)))
    }

    pub fn close(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer.write_event(Event::Empty(start(name, attrs)))
    }

    /// `<name>text</name>` on one line.
    pub fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.writer
            .write_event(Event::Start(BytesStart::new(name)))?;
        self.writer
            .write_event(Event::Text(BytesText::from_escaped(escape(text))))?;
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_survive_in_attributes() {
        assert_eq!(
            escape("a & b\n<c> \"d\"\u{1}"),
            "a &amp; b&#10;&lt;c&gt; &quot;d&quot;"
        );
        let mut xml = Xml::new().unwrap();
        xml.open("A", &[("name", "x\ny")]).unwrap();
        xml.text("B", "1 < 2").unwrap();
        xml.close("A").unwrap();
        let out = String::from_utf8(xml.finish()).unwrap();
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        assert!(out.contains("<A name=\"x&#10;y\">"), "{out}");
        assert!(out.contains("<B>1 &lt; 2</B>"), "{out}");
    }
}
