//! The same number reads the same everywhere: the demo's needs table and scale means rendered
//! as terminal text, Markdown, CSV for Excel and for scripts, the Word report and the
//! workbook, each parsed back and compared with the summary's own rounding.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use behov::model::{Lang, Status};
use behov::report::format::round;
use behov::report::render::csv::Dialect;
use behov::report::render::{self, Export, Format};
use behov::report::{self, Filter, Options, Summary};
use behov::store::Store;
use calamine::{Data, Reader, Xlsx};

fn demo() -> Summary {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let project = Store::open_read_only(&root).unwrap().project;
    let options = Options {
        filter: Filter {
            status: Some(Status::Complete),
            ..Filter::default()
        },
        by: Some("Kommun".into()),
        lang: Lang::Sv,
        ..Options::default()
    };
    report::summarise(&project, &options).unwrap()
}

fn bytes(summary: &Summary, format: Format, table: Option<&str>, csv: Dialect) -> Vec<u8> {
    let export = Export {
        format,
        table: table.map(String::from),
        csv,
    };
    render::export(summary, &export).unwrap()
}

/// A number as any format prints it: "13 %", "13", "3,5", "3.5".
fn number(text: &str) -> f64 {
    let clean: String = text
        .chars()
        .filter(|c| !matches!(c, '%' | '\u{a0}' | ' ' | '*'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    clean
        .parse()
        .unwrap_or_else(|_| panic!("'{text}' is not a number"))
}

/// A row label without its hierarchy marks: "– Rådgivning", "**Behov**", "  Rådgivning".
fn label(text: &str) -> String {
    text.trim()
        .trim_start_matches("– ")
        .trim_matches('*')
        .trim()
        .to_string()
}

/// The XML of one part of a zip package.
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// The text of every `<w:t>` inside `xml`, unescaped.
pub fn text_of(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        let Some(end) = piece.find("</w:t>") else {
            continue;
        };
        out.push_str(&piece[start + 1..end]);
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The cells of the `n`th table (0-based) of a Word document, row by row.
pub fn docx_table(document: &str, n: usize) -> Vec<Vec<String>> {
    let table = document.split("<w:tbl>").nth(n + 1).unwrap();
    let table = &table[..table.find("</w:tbl>").unwrap()];
    table
        .split("<w:tr>")
        .skip(1)
        .map(|row| row.split("<w:tc>").skip(1).map(text_of).collect())
        .collect()
}

/// Label → the share column's text, from rows of cells.
fn shares(rows: impl IntoIterator<Item = Vec<String>>, column: usize) -> BTreeMap<String, f64> {
    rows.into_iter()
        .filter(|r| r.len() > column)
        .map(|r| (label(&r[0]), number(&r[column])))
        .collect()
}

#[test]
fn every_format_shows_the_same_shares_and_means() {
    let s = demo();
    let expected: BTreeMap<String, f64> = s
        .codes
        .iter()
        .map(|r| (r.label.clone(), round(r.share * 100.0, 0)))
        .collect();
    assert!(expected.len() > 20);
    let none = Dialect::Excel;

    // Terminal table: columns two spaces apart (the NBSP inside "13 %" is not a gap).
    let text = String::from_utf8(bytes(&s, Format::Table, Some("codes"), none)).unwrap();
    let rows = text
        .lines()
        .skip_while(|l| !l.starts_with("Kod "))
        .skip(2)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            l.split("  ")
                .filter(|c| !c.trim().is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        });
    assert_eq!(shares(rows, 2), expected, "terminal");

    // Markdown.
    let text = String::from_utf8(bytes(&s, Format::Markdown, Some("codes"), none)).unwrap();
    let rows = text
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Kod") && !l.starts_with("| ---"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        });
    assert_eq!(shares(rows, 2), expected, "markdown");

    // CSV for a Swedish Excel, and for scripts.
    for (dialect, delimiter, skip) in [(Dialect::Excel, b';', 3), (Dialect::Rfc4180, b',', 0)] {
        let data = bytes(&s, Format::Csv, Some("codes"), dialect);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(&data[skip..]);
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>());
        assert_eq!(shares(rows, 2), expected, "{dialect:?}");
    }

    // The Word report's first table is the needs table.
    let docx = bytes(&s, Format::Docx, None, none);
    let document = part(&docx, "word/document.xml");
    let rows = docx_table(&document, 0).into_iter().skip(1);
    assert_eq!(shares(rows, 2), expected, "docx");

    // The workbook keeps exact values; its "0%" format shows them rounded half away from zero.
    let xlsx = bytes(&s, Format::Xlsx, None, none);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let range = book.worksheet_range("Behov och teman").unwrap();
    let shown: BTreeMap<String, f64> = range
        .rows()
        .skip(1)
        .filter_map(|r| match (&r[0], &r[2]) {
            (Data::String(l), Data::Float(v)) => Some((l.clone(), round(v * 100.0, 0))),
            _ => None,
        })
        .collect();
    assert_eq!(shown, expected, "xlsx");

    // Scale means: one decimal, "3,2" in Swedish text, 3.2 under Excel's "0.0".
    let means: Vec<f64> = s
        .scales
        .iter()
        .map(|q| round(q.all.mean.unwrap(), 1))
        .collect();
    let text = String::from_utf8(bytes(&s, Format::Markdown, Some("scales"), none)).unwrap();
    let md: Vec<f64> = text
        .lines()
        .filter(|l| l.contains(" | Alla | "))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            number(cells[cells.len() - 2])
        })
        .collect();
    assert_eq!(md, means, "markdown means");
    let text = String::from_utf8(bytes(&s, Format::Csv, Some("scales"), Dialect::Excel)).unwrap();
    let csv_means: Vec<f64> = text
        .lines()
        .filter(|l| l.contains(";Alla;"))
        .map(|l| {
            let cells: Vec<&str> = l.split(';').collect();
            number(cells[cells.len() - 2])
        })
        .collect();
    assert_eq!(csv_means, means, "csv means");
    // Word: a table per scale question, after the needs and split tables; "Alla" first.
    let docx_means: Vec<f64> = (0..s.scales.len())
        .map(|i| {
            let rows = docx_table(&document, 2 + i);
            let all = &rows[1];
            assert_eq!(all[0], "Alla");
            number(&all[all.len() - 2])
        })
        .collect();
    assert_eq!(docx_means, means, "docx means");
}
