//! The parts around the body that make a `.docx` package: content types, relationships,
//! styles, settings, the footer and the document properties, zipped.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::body::escape;
use crate::model::Lang;
use crate::report::Error;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Zips `body` (a `<w:body>` element) and its pictures into a Word document titled `title`.
pub fn package(
    title: &str,
    lang: Lang,
    body: &str,
    pictures: &[Vec<u8>],
) -> Result<Vec<u8>, Error> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut part = |name: &str, bytes: &[u8]| -> Result<(), Error> {
        zip.start_file(name, options)?;
        zip.write_all(bytes).map_err(zip::result::ZipError::from)?;
        Ok(())
    };
    part("[Content_Types].xml", content_types().as_bytes())?;
    part("_rels/.rels", package_relationships().as_bytes())?;
    part("docProps/core.xml", core(title, lang).as_bytes())?;
    part("docProps/app.xml", app().as_bytes())?;
    part("word/document.xml", document(body).as_bytes())?;
    part(
        "word/_rels/document.xml.rels",
        document_relationships(pictures.len()).as_bytes(),
    )?;
    part("word/styles.xml", styles(lang).as_bytes())?;
    part("word/settings.xml", settings().as_bytes())?;
    part("word/footer1.xml", footer().as_bytes())?;
    for (i, png) in pictures.iter().enumerate() {
        part(&format!("word/media/chart{}.png", i + 1), png)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        concat!(
            "{xml}",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Default Extension="png" ContentType="image/png"/>"#,
            r#"<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>"#,
            r#"<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/>"#,
            r#"<Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/>"#,
            r#"<Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/>"#,
            r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
            r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
            "</Types>"
        ),
        xml = XML,
        main = main
    )
}

fn package_relationships() -> String {
    format!(
        concat!(
            r#"{xml}<Relationships xmlns="{rels}">"#,
            r#"<Relationship Id="rId1" Type="{r}/officeDocument" Target="word/document.xml"/>"#,
            r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
            r#"<Relationship Id="rId3" Type="{r}/extended-properties" Target="docProps/app.xml"/>"#,
            "</Relationships>"
        ),
        xml = XML,
        rels = RELS,
        r = R
    )
}

fn document_relationships(pictures: usize) -> String {
    let mut out = format!(
        concat!(
            r#"{xml}<Relationships xmlns="{rels}">"#,
            r#"<Relationship Id="rIdStyles" Type="{r}/styles" Target="styles.xml"/>"#,
            r#"<Relationship Id="rIdSettings" Type="{r}/settings" Target="settings.xml"/>"#,
            r#"<Relationship Id="rIdFooter" Type="{r}/footer" Target="footer1.xml"/>"#,
        ),
        xml = XML,
        rels = RELS,
        r = R
    );
    for n in 1..=pictures {
        out.push_str(&format!(
            r#"<Relationship Id="rIdPicture{n}" Type="{R}/image" Target="media/chart{n}.png"/>"#
        ));
    }
    out.push_str("</Relationships>");
    out
}

fn language(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    }
}

/// Title and language; no dates, so the same summary gives the same bytes.
fn core(title: &str, lang: Lang) -> String {
    format!(
        concat!(
            "{xml}",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>behov</dc:creator><dc:language>{lang}</dc:language>",
            "</cp:coreProperties>"
        ),
        xml = XML,
        title = escape(title),
        lang = language(lang)
    )
}

fn app() -> String {
    format!(
        r#"{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>behov</Application></Properties>"#
    )
}

fn document(body: &str) -> String {
    format!(
        concat!(
            r#"{xml}<w:document xmlns:w="{w}" xmlns:r="{r}" "#,
            r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
            r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
            r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">{body}</w:document>"#
        ),
        xml = XML,
        w = W,
        r = R,
        body = body
    )
}

/// A compatibility mode of Word 2013 and later, so Word does not open the report in
/// compatibility mode.
fn settings() -> String {
    format!(
        concat!(
            r#"{xml}<w:settings xmlns:w="{w}"><w:defaultTabStop w:val="709"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            "</w:settings>"
        ),
        xml = XML,
        w = W
    )
}

/// The page number, centred.
fn footer() -> String {
    format!(
        concat!(
            r#"{xml}<w:ftr xmlns:w="{w}" xmlns:r="{r}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
            r#"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#
        ),
        xml = XML,
        w = W,
        r = R
    )
}

/// The report's styles: Word's built-in names (Title, Heading 1–3, Caption, Quote) so the
/// navigation pane, a table of contents and the user's own template pick them up.
fn styles(lang: Lang) -> String {
    let paragraph = |id: &str, name: &str, ppr: &str, rpr: &str, extra: &str| -> String {
        format!(
            concat!(
                r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>"#,
                r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>{extra}<w:qFormat/>"#,
                "<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
            ),
            id = id,
            name = name,
            ppr = ppr,
            rpr = rpr,
            extra = extra
        )
    };
    let heading = |level: u8, size: u32, before: u32| -> String {
        paragraph(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(
                r#"<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="80"/><w:outlineLvl w:val="{}"/>"#,
                level - 1
            ),
            &format!(
                r#"<w:rFonts w:ascii="Calibri Light" w:hAnsi="Calibri Light"/><w:b/><w:color w:val="1F4E79"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#
            ),
            r#"<w:uiPriority w:val="9"/>"#,
        )
    };
    let mut out = format!(
        concat!(
            r#"{xml}<w:styles xmlns:w="{w}"><w:docDefaults><w:rPrDefault><w:rPr>"#,
            r#"<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>"#,
            r#"<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/>"#,
            r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        ),
        xml = XML,
        w = W,
        lang = language(lang)
    );
    out += &paragraph(
        "Title",
        "Title",
        r#"<w:spacing w:after="240"/><w:contextualSpacing/>"#,
        r#"<w:rFonts w:ascii="Calibri Light" w:hAnsi="Calibri Light"/><w:color w:val="1F4E79"/><w:kern w:val="28"/><w:sz w:val="48"/><w:szCs w:val="48"/>"#,
        r#"<w:uiPriority w:val="10"/>"#,
    );
    out += &heading(1, 32, 360);
    out += &heading(2, 26, 240);
    out += &heading(3, 22, 200);
    out += &paragraph(
        "Caption",
        "caption",
        r#"<w:keepNext/><w:spacing w:before="120" w:after="80"/>"#,
        r#"<w:b/><w:color w:val="404040"/><w:sz w:val="20"/><w:szCs w:val="20"/>"#,
        r#"<w:uiPriority w:val="35"/>"#,
    );
    out += &paragraph(
        "Quote",
        "Quote",
        r#"<w:spacing w:before="60" w:after="120"/><w:ind w:left="567" w:right="567"/>"#,
        r#"<w:i/><w:color w:val="404040"/>"#,
        r#"<w:uiPriority w:val="29"/>"#,
    );
    out += &paragraph(
        "Note",
        "Table note",
        r#"<w:spacing w:before="60" w:after="200"/>"#,
        r#"<w:i/><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#,
        "",
    );
    out += &paragraph(
        "TableText",
        "Table text",
        r#"<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>"#,
        r#"<w:sz w:val="19"/><w:szCs w:val="19"/>"#,
        "",
    );
    out += &paragraph(
        "Figure",
        "Figure",
        r#"<w:keepNext/><w:spacing w:before="120" w:after="0"/>"#,
        "",
        "",
    );
    out.push_str("</w:styles>");
    out
}
