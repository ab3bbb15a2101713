//! Word documents (`.docx`): a zip archive whose `word/document.xml` holds the paragraphs.
//! Read in order: the accepted text of tracked changes (insertions kept, deletions dropped),
//! text in tables (a row of speaker and text becomes `speaker: text`), soft line breaks and
//! tabs. Headers, footers, comments and footnotes live in other parts and are not read.
//! The text is then read as a text transcript (see `txt`), which also understands the layout
//! of a Teams transcript downloaded as Word.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::decode::{Encoding, normalise};
use super::{Error, Format, Result, Transcript, speaker, txt};

/// Largest `document.xml` read, uncompressed: far above any transcript, and a guard against
/// a zip bomb.
const MAX_XML_BYTES: u64 = 512 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Transcript> {
    // Word encrypts a password-protected document into an OLE compound file.
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(Error::Encrypted);
    }
    if !bytes.starts_with(b"PK") {
        return Err(Error::NotDocx(
            "it is not a zip archive (is it an image or an old .doc renamed?)".into(),
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::DamagedDocx(format!("the zip archive cannot be opened ({e})")))?;
    let mut file = match archive.by_name("word/document.xml") {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(Error::NotDocx(
                "the zip archive has no word/document.xml".into(),
            ));
        }
        Err(e) => {
            return Err(Error::DamagedDocx(format!(
                "word/document.xml cannot be read ({e})"
            )));
        }
    };
    if file.encrypted() {
        return Err(Error::Encrypted);
    }
    let mut xml = String::new();
    file.by_ref()
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| Error::DamagedDocx(format!("word/document.xml cannot be read ({e})")))?;
    let text = paragraphs(&xml)?.join("\n\n");
    Ok(Transcript {
        format: Format::Docx,
        encoding: Encoding::Utf8,
        turns: txt::read(&normalise(&text)),
        warnings: Vec::new(),
    })
}

/// The document's paragraphs, table rows as one paragraph each.
fn paragraphs(xml: &str) -> Result<Vec<String>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut paragraph = String::new();
    // Inside <w:t> (text to keep), inside <w:del> (deleted: dropped), cells of the current row.
    let mut in_text = false;
    let mut deleted = 0usize;
    let mut cells: Option<Vec<String>> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            Error::DamagedDocx(format!(
                "word/document.xml is not well-formed XML at byte {} ({e})",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = deleted == 0,
                "del" | "moveFrom" => deleted += 1,
                "tr" => cells = Some(Vec::new()),
                "tc" => {
                    if let Some(row) = cells.as_mut() {
                        row.push(String::new());
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" if deleted == 0 => paragraph.push('\t'),
                "br" | "cr" if deleted == 0 => paragraph.push('\n'),
                _ => {}
            },
            Event::Text(e) if in_text => paragraph.push_str(&e.xml10_content()),
            Event::GeneralRef(e) if in_text => match e.resolve_char_ref() {
                Ok(Some(c)) => paragraph.push(c),
                _ => paragraph.push_str(match e.xml10_content().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }),
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "del" | "moveFrom" => deleted = deleted.saturating_sub(1),
                "p" => {
                    let text = std::mem::take(&mut paragraph);
                    match cells.as_mut().and_then(|c| c.last_mut()) {
                        Some(cell) => {
                            if !cell.is_empty() && !text.trim().is_empty() {
                                cell.push('\n');
                            }
                            cell.push_str(text.trim());
                        }
                        None if !text.trim().is_empty() => out.push(text),
                        None => {}
                    }
                }
                "tr" => {
                    if let Some(row) = cells.take() {
                        out.extend(row_text(row));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A table row as text: `speaker: text` when the cells before the last read as a speaker
/// (and maybe a time), otherwise the cells joined by tabs.
fn row_text(row: Vec<String>) -> Option<String> {
    let cells: Vec<&str> = row
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let (last, before) = cells.split_last()?;
    if before.is_empty() {
        return Some(last.to_string());
    }
    let label = before.join(" ");
    if let Some((name, at)) = speaker::heading(&label) {
        return Some(format!("{name} ({}): {last}", super::time::show(at)));
    }
    let reordered = format!("{label}: {last}");
    if speaker::split(&reordered).speaker == Some(label.as_str()) {
        return Some(reordered);
    }
    Some(cells.join("\t"))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(body: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut z = zip::ZipWriter::new(Cursor::new(&mut bytes));
        let options = zip::write::SimpleFileOptions::default();
        z.start_file("word/document.xml", options).unwrap();
        write!(
            z,
            r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        z.start_file("word/header1.xml", options).unwrap();
        write!(
            z,
            "<w:hdr {W}><w:p><w:r><w:t>Sidhuvud</w:t></w:r></w:p></w:hdr>"
        )
        .unwrap();
        z.finish().unwrap();
        bytes
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn turns(body: &str) -> Vec<(Option<String>, String)> {
        read(&docx(body))
            .unwrap()
            .turns
            .into_iter()
            .map(|t| (t.speaker, t.text))
            .collect()
    }

    #[test]
    fn tracked_changes_soft_breaks_and_entities() {
        let body = format!(
            "{}<w:p><w:r><w:t>Anna: Vi har </w:t></w:r><w:del><w:r><w:delText>inga</w:delText></w:r></w:del>\
             <w:ins><w:r><w:t>många</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\"> idéer &amp; planer</w:t>\
             <w:br/><w:t>på &#229;tgärder.</w:t></w:r></w:p>",
            p("Maria: Vad har ni?")
        );
        assert_eq!(
            turns(&body),
            [
                (Some("Maria".into()), "Vad har ni?".into()),
                (
                    Some("Anna".into()),
                    "Vi har många idéer & planer\npå åtgärder.".into()
                ),
            ]
        );
    }

    #[test]
    fn teams_layout_and_tables() {
        let body = format!(
            "{}{}{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>\
             <w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("Maria Lind   0:00:03"),
            p("Välkomna."),
            p("Sista raden i stycket."),
            p("Peter Holm"),
            p("Tack."),
            p("Anna"),
            p("0:01:02"),
            p("Hej.")
        );
        let read = read(&docx(&body)).unwrap();
        let got: Vec<_> = read
            .turns
            .iter()
            .map(|t| (t.speaker.as_deref(), t.start_ms, t.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("Maria Lind"),
                    Some(3_000),
                    "Välkomna.\nSista raden i stycket."
                ),
                (Some("Peter Holm"), None, "Tack."),
                (Some("Anna"), Some(62_000), "Hej."),
            ]
        );
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        assert!(matches!(read(b"\x89PNG\r\n"), Err(Error::NotDocx(_))));
        assert!(matches!(
            read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
            Err(Error::Encrypted)
        ));
        assert!(matches!(
            read(b"PK\x03\x04broken"),
            Err(Error::DamagedDocx(_))
        ));
        let broken_xml = docx("<w:p><w:r><w:t>ohne Ende</w:r></w:p>");
        assert!(matches!(read(&broken_xml), Err(Error::DamagedDocx(_))));
    }
}
