//! WordprocessingML for the body of the report: paragraphs, tables, pictures and section
//! breaks, written as text. Elements appear in the order the schema requires (Word refuses
//! or "repairs" a document whose `pPr` or `tcPr` children are out of order).

use std::fmt::Write;

use crate::model::Lang;
use crate::report::render::cell_text;
use crate::report::render::chart::{DPI, Picture};
use crate::report::table::{Table, Value};

/// A4 in twentieths of a point, with 2 cm margins.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
const MARGIN: u32 = 1_134;
/// English Metric Units per inch, for pictures.
const EMU_PER_INCH: u64 = 914_400;
const TWIPS_PER_INCH: u64 = 1_440;

/// Paper orientation of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    /// The width between the margins, in twips.
    pub fn text_width(self) -> u32 {
        match self {
            Orientation::Portrait => PAGE_WIDTH - 2 * MARGIN,
            Orientation::Landscape => PAGE_HEIGHT - 2 * MARGIN,
        }
    }
}

/// A run of text: plain, bold or italic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'a> {
    Plain(&'a str),
    Bold(&'a str),
    Italic(&'a str),
}

/// The document body as it is written, with the pictures it refers to.
pub struct Body {
    xml: String,
    /// PNGs in the order of their relationship ids (`rIdPicture1`, …).
    pub pictures: Vec<Vec<u8>>,
    orientation: Orientation,
}

impl Body {
    pub fn new() -> Body {
        Body {
            xml: String::new(),
            pictures: Vec::new(),
            orientation: Orientation::Portrait,
        }
    }

    /// A paragraph of `style` (a style id of `styles.xml`, or none for Normal).
    pub fn paragraph(&mut self, style: Option<&str>, runs: &[Run]) {
        self.xml.push_str("<w:p>");
        if let Some(style) = style {
            let _ = write!(self.xml, r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#);
        }
        for run in runs {
            self.run(*run, None);
        }
        self.xml.push_str("</w:p>");
    }

    pub fn text(&mut self, style: Option<&str>, text: &str) {
        self.paragraph(style, &[Run::Plain(text)]);
    }

    /// Heading 1, 2 or 3.
    pub fn heading(&mut self, level: u8, text: &str) {
        self.text(Some(&format!("Heading{level}")), text);
    }

    fn run(&mut self, run: Run, size: Option<u32>) {
        let (text, format) = match run {
            Run::Plain(t) => (t, ""),
            Run::Bold(t) => (t, "<w:b/>"),
            Run::Italic(t) => (t, "<w:i/>"),
        };
        if text.is_empty() {
            return;
        }
        self.xml.push_str("<w:r>");
        if !format.is_empty() || size.is_some() {
            self.xml.push_str("<w:rPr>");
            self.xml.push_str(format);
            if let Some(half_points) = size {
                let _ = write!(
                    self.xml,
                    r#"<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>"#
                );
            }
            self.xml.push_str("</w:rPr>");
        }
        // Line breaks inside a cell or paragraph become <w:br/>.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.xml.push_str("<w:br/>");
            }
            let _ = write!(
                self.xml,
                r#"<w:t xml:space="preserve">{}</w:t>"#,
                escape(line)
            );
        }
        self.xml.push_str("</w:r>");
    }

    /// A report table as a Word table: a header row repeated on every page, numbers
    /// right-aligned, child rows indented, parent rows bold. `size` is the font size in
    /// half-points for wide tables, else the style's.
    pub fn table(&mut self, table: &Table, lang: Lang, size: Option<u32>) {
        let widths = column_widths(table, lang, self.orientation.text_width(), size);
        self.xml.push_str(concat!(
            "<w:tbl><w:tblPr>",
            r#"<w:tblW w:w="5000" w:type="pct"/>"#,
            "<w:tblBorders>",
            r#"<w:top w:val="single" w:sz="8" w:space="0" w:color="1F4E79"/>"#,
            r#"<w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F4E79"/>"#,
            r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>"#,
            "</w:tblBorders>",
            r#"<w:tblLayout w:type="fixed"/>"#,
            r#"<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>"#,
            r#"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>"#,
            "</w:tblPr><w:tblGrid>"
        ));
        for w in &widths {
            let _ = write!(self.xml, r#"<w:gridCol w:w="{w}"/>"#);
        }
        self.xml.push_str("</w:tblGrid>");
        self.xml
            .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (column, w) in table.columns.iter().zip(&widths) {
            let align = if column.kind.is_numeric() {
                "right"
            } else {
                "left"
            };
            self.cell_start(*w, Some("DDEBF7"), align, 0);
            self.run(Run::Bold(&column.heading), Some(heading_size(size)));
            self.xml.push_str("</w:p></w:tc>");
        }
        self.xml.push_str("</w:tr>");
        for row in &table.rows {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (i, (column, w)) in table.columns.iter().zip(&widths).enumerate() {
                let value = row.get(i).unwrap_or(&Value::Empty);
                let align = if column.kind.is_numeric() {
                    "right"
                } else {
                    "left"
                };
                let (text, depth, strong) = match value {
                    Value::Label {
                        text,
                        depth,
                        strong,
                    } => (text.clone(), *depth, *strong),
                    other => (cell_text(other, lang), 0, false),
                };
                self.cell_start(*w, None, align, depth);
                let run = if strong {
                    Run::Bold(&text)
                } else {
                    Run::Plain(&text)
                };
                self.run(run, size);
                self.xml.push_str("</w:p></w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }

    /// Opens a cell and its one paragraph; the caller writes runs and closes both.
    fn cell_start(&mut self, width: u32, fill: Option<&str>, align: &str, depth: usize) {
        let _ = write!(
            self.xml,
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#
        );
        if let Some(fill) = fill {
            let _ = write!(
                self.xml,
                r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
            );
        }
        self.xml
            .push_str(r#"</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>"#);
        if depth > 0 {
            let _ = write!(self.xml, r#"<w:ind w:left="{}"/>"#, 227 * depth);
        }
        let _ = write!(self.xml, r#"<w:jc w:val="{align}"/></w:pPr>"#);
    }

    /// A picture on a paragraph of its own, at its natural size (narrowed to the text width),
    /// with `alt` as the text screen readers say.
    pub fn picture(&mut self, picture: &Picture, alt: &str) {
        self.pictures.push(picture.png.clone());
        let n = self.pictures.len();
        let twips_wide = u64::from(picture.width) * TWIPS_PER_INCH / u64::from(DPI);
        let scale = (u64::from(self.orientation.text_width()) as f64 / twips_wide as f64).min(1.0);
        let cx = (u64::from(picture.width) as f64 * EMU_PER_INCH as f64 / f64::from(DPI) * scale)
            .round() as u64;
        let cy = (u64::from(picture.height) as f64 * EMU_PER_INCH as f64 / f64::from(DPI) * scale)
            .round() as u64;
        let alt = escape(alt);
        let _ = write!(
            self.xml,
            concat!(
                r#"<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr><w:r><w:drawing>"#,
                r#"<wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
                r#"<wp:docPr id="{n}" name="Diagram {n}" descr="{alt}"/>"#,
                r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="chart{n}.png" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="rIdPicture{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>"#,
                r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
                r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
            ),
            cx = cx,
            cy = cy,
            n = n,
            alt = alt
        );
    }

    /// Ends the current section and starts one in `orientation` on a new page.
    pub fn section(&mut self, orientation: Orientation) {
        if orientation == self.orientation {
            return;
        }
        let _ = write!(
            self.xml,
            "<w:p><w:pPr>{}</w:pPr></w:p>",
            section_properties(self.orientation)
        );
        self.orientation = orientation;
    }

    /// `<w:body>` with the last section's properties.
    pub fn finish(self) -> (String, Vec<Vec<u8>>) {
        let xml = format!(
            "<w:body>{}{}</w:body>",
            self.xml,
            section_properties(self.orientation)
        );
        (xml, self.pictures)
    }
}

/// Column widths in twips that add up to `total`: a number column as wide as its longest
/// heading word or cell (so "Organisationer" never breaks inside the word), the rest shared
/// by the text columns after their longest cell, up to 40 characters each.
fn column_widths(table: &Table, lang: Lang, total: u32, size: Option<u32>) -> Vec<u32> {
    // Average character widths (half an em; 0.65 em bold, in the headings' size); an em in
    // twips is ten times the size in half-points.
    let plain = 5 * size.unwrap_or(BODY_SIZE);
    let bold = 13 * heading_size(size) / 2;
    let padding = 260;
    let longest = |i: usize| {
        table
            .rows
            .iter()
            .map(|r| match r.get(i) {
                Some(Value::Label { text, depth, .. }) => text.chars().count() + 2 * depth,
                Some(other) => cell_text(other, lang).chars().count(),
                None => 0,
            })
            .max()
            .unwrap_or(0)
    };
    let needs: Vec<(bool, u32)> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let word = column
                .heading
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0) as u32;
            let heading = word * bold;
            if column.kind.is_numeric() {
                (false, heading.max(longest(i) as u32 * plain) + padding)
            } else {
                let cells = longest(i).min(40) as u32 * plain;
                (true, heading.max(cells) + padding)
            }
        })
        .collect();
    let fixed: u32 = needs.iter().filter(|(text, _)| !text).map(|(_, w)| w).sum();
    let wanted: u32 = needs.iter().filter(|(text, _)| *text).map(|(_, w)| w).sum();
    let room = total.saturating_sub(fixed);
    let mut widths: Vec<u32> = if fixed > total * 3 / 4 || wanted == 0 {
        // Too many numbers for the page, or no room left for the labels: everything shrinks
        // alike.
        let all: u32 = needs.iter().map(|(_, w)| w).sum::<u32>().max(1);
        needs.iter().map(|(_, w)| total * w / all).collect()
    } else {
        needs
            .iter()
            .map(|&(text, w)| if text { room * w / wanted } else { w })
            .collect()
    };
    // Rounding leaves a few twips over: the first column takes them.
    let used: u32 = widths.iter().sum();
    if let Some(first) = widths.first_mut() {
        *first += total.saturating_sub(used);
    }
    widths
}

/// The table text's size in half-points (the TableText style's).
const BODY_SIZE: u32 = 19;

/// Column headings a point smaller than the cells, so long words like "Organisationer" fit.
fn heading_size(size: Option<u32>) -> u32 {
    size.unwrap_or(BODY_SIZE).saturating_sub(2)
}

/// A section's page: A4 in `orientation`, 2 cm margins, the page number in the footer.
fn section_properties(orientation: Orientation) -> String {
    let size = match orientation {
        Orientation::Portrait => format!(r#"<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>"#),
        Orientation::Landscape => {
            format!(r#"<w:pgSz w:w="{PAGE_HEIGHT}" w:h="{PAGE_WIDTH}" w:orient="landscape"/>"#)
        }
    };
    format!(
        concat!(
            r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>"#,
            r#"<w:type w:val="nextPage"/>{size}"#,
            r#"<w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="567" w:footer="567" w:gutter="0"/>"#,
            r#"<w:cols w:space="708"/></w:sectPr>"#
        ),
        size = size,
        m = MARGIN
    )
}

/// Text as XML character data: markup escaped, and characters XML 1.0 forbids (control
/// characters pasted from elsewhere) dropped, so no answer can make the file unreadable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 && c != '\n' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_break_the_xml() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("Åsa\u{FFFF}"), "Åsa");
    }

    #[test]
    fn a_landscape_section_is_ended_by_a_paragraph_and_the_body() {
        let mut body = Body::new();
        body.text(None, "före");
        body.section(Orientation::Landscape);
        body.text(None, "bred");
        body.section(Orientation::Portrait);
        let (xml, _) = body.finish();
        assert_eq!(xml.matches("<w:sectPr>").count(), 3);
        assert!(xml.contains(r#"w:orient="landscape""#));
        assert!(xml.ends_with("</w:sectPr></w:body>"));
    }
}
