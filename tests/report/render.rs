//! The report files: Markdown tables that render, CSV that Excel reads safely, a workbook with
//! numbers as numbers, JSON for scripts.

use std::io::{Cursor, Read};

use behov::model::Lang;
use behov::report::render::csv::Dialect;
use behov::report::render::{self, Export, Format};
use behov::report::{self, Column, Kind, Options, Summary, Table, Value};
use calamine::{Data, Reader, Xlsx};

use super::fixture::small_project;

fn summary(lang: Lang) -> Summary {
    let options = Options {
        by: Some("type".into()),
        lang,
        ..Options::default()
    };
    report::summarise(&small_project(), &options).unwrap()
}

fn export(summary: &Summary, format: Format, table: Option<&str>, csv: Dialect) -> Vec<u8> {
    let export = Export {
        format,
        table: table.map(String::from),
        csv,
    };
    render::export(summary, &export).unwrap()
}

/// Cells of a Markdown table row: `|` not escaped by a backslash separates them.
fn cell_count(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count - 1
}

#[test]
fn markdown_tables_have_as_many_cells_in_every_row_as_in_the_header() {
    for lang in [Lang::Sv, Lang::En] {
        let text = String::from_utf8(export(
            &summary(lang),
            Format::Markdown,
            None,
            Dialect::Excel,
        ))
        .unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut tables = 0;
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].starts_with('|') {
                i += 1;
                continue;
            }
            tables += 1;
            let header = cell_count(lines[i]);
            assert!(lines[i + 1].starts_with("| ---"), "{}", lines[i + 1]);
            while i < lines.len() && lines[i].starts_with('|') {
                assert_eq!(cell_count(lines[i]), header, "{}", lines[i]);
                assert!(lines[i].ends_with(" |"), "{}", lines[i]);
                i += 1;
            }
        }
        // Overview, needs, per type, co-occurrence, scales, per question, quotes.
        assert_eq!(tables, 7);
    }
    let text = String::from_utf8(export(
        &summary(Lang::Sv),
        Format::Markdown,
        Some("codes"),
        Dialect::Excel,
    ))
    .unwrap();
    assert!(
        text.starts_with("# Behovssammanställning: Behovsanalys Testlän\n\n## Behov och teman\n"),
        "{text}"
    );
    assert!(
        text.contains("| **Behov** | 4 | 100 % | 5 | 5 | 8 | 3 | 4 | 2 | 4 |\n"),
        "{text}"
    );
    assert!(text.contains("| – – Bidrag | 2 | 50 % |"), "{text}");
}

#[test]
fn markdown_per_group_cells_carry_count_and_share() {
    let text = String::from_utf8(export(
        &summary(Lang::En),
        Format::Markdown,
        Some("groups"),
        Dialect::Excel,
    ))
    .unwrap();
    assert!(text.contains("## By organisation type\n"), "{text}");
    assert!(
        text.contains(
            "| Code | All (n=4) | kommun (n=2) | inkubator (n=1) | (not given) (n=1) |\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("| – Advice | 3 (75%) | 2 (100%) | 1 (100%) | 0 (0%) |\n"),
        "{text}"
    );
}

#[test]
fn csv_reads_back_with_swedish_letters_and_no_formulas() {
    let mut project = small_project();
    project.respondents[1].name = "+46 Köpings kommun".into();
    let options = Options {
        by: Some("type".into()),
        ..Options::default()
    };
    let s = report::summarise(&project, &options).unwrap();
    // For a Swedish Excel: BOM, semicolons, decimal commas, CRLF.
    let bytes = export(&s, Format::Csv, Some("codes"), Dialect::Excel);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "byte-order mark first");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(
        text.starts_with("Kod;Organisationer;Andel av intervjuade organisationer (%);"),
        "{text}"
    );
    assert!(text.contains("\r\n– Rådgivning;3;75;"), "{text}");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "CRLF only: {text}"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers[..6],
        [
            "Kod",
            "Organisationer",
            "Andel av intervjuade organisationer (%)",
            "Intervjuer",
            "Svar",
            "Passager"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][0], "– Rådgivning");
    assert_eq!((&rows[1][1], &rows[1][2]), ("3", "75"));
    assert_eq!(
        rows.iter().map(|r| r.len()).collect::<Vec<_>>(),
        vec![headers.len(); rows.len()]
    );
    let scales =
        String::from_utf8(export(&s, Format::Csv, Some("scales"), Dialect::Excel)).unwrap();
    assert!(
        scales.contains(";3,8;"),
        "decimal comma in a mean: {scales}"
    );

    // For scripts: commas, points, no BOM, CRLF, whatever the language.
    let bytes = export(&s, Format::Csv, Some("scales"), Dialect::Rfc4180);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("Fråga,Grupp,1,"), "{text}");
    assert!(text.contains(",3.8,"), "decimal point in a mean: {text}");
    assert!(text.ends_with("\r\n"));

    // Without --table, a summary with groups gives the groups table, a count and a share column each.
    let bytes = export(&s, Format::Csv, None, Dialect::Rfc4180);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers[..3], ["Kod", "Alla (n=4)", "Alla (n=4), andel (%)"]);
    assert_eq!(
        headers[7..],
        [
            "(uppgift saknas) (n=1)",
            "(uppgift saknas) (n=1), andel (%)"
        ]
    );

    let quotes =
        String::from_utf8(export(&s, Format::Csv, Some("quotes"), Dialect::Rfc4180)).unwrap();
    assert!(quotes.contains("'- Regler och tid."), "{quotes}");
    assert!(quotes.contains("'+46 Köpings kommun"), "{quotes}");
    assert!(quotes.contains("Åre Företagarna"), "{quotes}");
    assert!(!quotes.contains(",-") && !quotes.contains(",+"), "{quotes}");
}

fn workbook(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

/// The XML of the `n`th sheet (1-based), for what calamine does not read: panes and widths.
fn sheet_xml(bytes: &[u8], n: usize) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn xlsx_has_a_sheet_per_table_with_numbers_and_percentages() {
    let bytes = export(&summary(Lang::Sv), Format::Xlsx, None, Dialect::Excel);
    let mut book = workbook(bytes.clone());
    assert_eq!(
        book.sheet_names(),
        [
            "Översikt",
            "Behov och teman",
            "Per organisationstyp",
            "Samförekomst",
            "Skalfrågor",
            "Behov per fråga",
            "Citat"
        ]
    );

    let needs = book.worksheet_range("Behov och teman").unwrap();
    let at = |r: u32, c: u32| needs.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("Kod".into()));
    assert_eq!(
        at(0, 2),
        Data::String("Andel av intervjuade organisationer".into())
    );
    assert_eq!(at(1, 0), Data::String("Behov".into()));
    assert_eq!(at(1, 1), Data::Float(4.0));
    assert_eq!(at(2, 0), Data::String("Rådgivning".into()));
    assert_eq!(at(2, 2), Data::Float(0.75));
    // Per coder: anna's and erik's respondents and passages.
    assert_eq!(at(0, 6), Data::String("Organisationer (anna)".into()));
    assert_eq!((at(1, 6), at(1, 9)), (Data::Float(3.0), Data::Float(4.0)));

    let styles = book.worksheet_style("Behov och teman").unwrap();
    let format = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.number_format.clone())
            .map(|f| f.format_code)
    };
    assert_eq!(
        format(2, 2).as_deref(),
        Some("0%"),
        "shares are percentages"
    );
    assert_eq!(
        format(2, 1).as_deref(),
        Some("#,##0"),
        "counts are whole numbers"
    );
    let header = styles.get((0, 0)).unwrap();
    assert!(header.font.as_ref().unwrap().is_bold(), "bold header");
    let child = styles.get((2, 0)).unwrap();
    assert_eq!(
        child.alignment.as_ref().unwrap().indent,
        Some(1),
        "children indented"
    );

    let groups = book.worksheet_range("Per organisationstyp").unwrap();
    let at = |r: u32, c: u32| groups.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 3), Data::String("kommun (n=2)".into()));
    assert_eq!(at(0, 4), Data::String("kommun (n=2), andel".into()));
    assert_eq!((at(2, 3), at(2, 4)), (Data::Float(2.0), Data::Float(1.0)));

    let scales = book.worksheet_range("Skalfrågor").unwrap();
    let at = |r: u32, c: u32| scales.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    // Question, group, 1–5, answers, mean, median.
    assert_eq!(at(1, 1), Data::String("Alla".into()));
    assert_eq!(
        (at(1, 7), at(1, 8), at(1, 9)),
        (Data::Float(4.0), Data::Float(3.75), Data::Float(4.0))
    );
    assert_eq!(at(4, 8), Data::Empty, "no mean without answers");

    let quotes = book.worksheet_range("Citat").unwrap();
    let texts: Vec<String> = quotes.rows().map(|r| r[1].to_string()).collect();
    assert!(
        texts.contains(&"- Regler och tid.".to_string()),
        "text as it is: {texts:?}"
    );

    for n in 1..=7 {
        let xml = sheet_xml(&bytes, n);
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "sheet {n}: {xml}"
        );
        assert!(
            xml.contains("<cols>") && xml.contains("customWidth=\"1\""),
            "sheet {n} has fitted widths"
        );
        assert!(xml.contains("<autoFilter"), "sheet {n} has filters");
    }
}

#[test]
fn xlsx_continues_text_beyond_the_cell_limit_in_the_cells_below() {
    let long = "å".repeat(40_000);
    let table = Table {
        id: "quotes",
        title: "Citat".into(),
        note: String::new(),
        columns: vec![
            Column::new("Citat", Kind::Prose),
            Column::new("Antal", Kind::Count),
        ],
        rows: vec![
            vec![Value::text(long.clone()), Value::Count(1)],
            vec![Value::text("nästa"), Value::Count(2)],
        ],
        brief: None,
    };
    let bytes = render::xlsx::render("T", &[table], Lang::Sv).unwrap();
    let mut book = workbook(bytes);
    let range = book.worksheet_range("Citat").unwrap();
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let (Data::String(first), Data::String(rest)) = (at(1, 0), at(2, 0)) else {
        panic!("text in two cells");
    };
    assert_eq!(first.chars().count(), 32_767);
    assert_eq!(first + &rest, long);
    assert_eq!(at(1, 1), Data::Float(1.0));
    assert_eq!(
        (at(3, 0), at(3, 1)),
        (Data::String("nästa".into()), Data::Float(2.0))
    );
}

#[test]
fn json_is_the_summary_data() {
    let s = summary(Lang::En);
    let all: serde_json::Value =
        serde_json::from_slice(&export(&s, Format::Json, None, Dialect::Excel)).unwrap();
    assert_eq!(all["title"], "Behovsanalys Testlän");
    assert_eq!(all["lang"], "en");
    assert_eq!(all["coverage"]["participations"], 6);
    assert_eq!(all["codes"][1]["id"], "advice");
    assert_eq!(all["codes"][1]["share"], 0.75);
    assert_eq!(all["groups"]["groups"][2]["value"], "");
    let codes: serde_json::Value =
        serde_json::from_slice(&export(&s, Format::Json, Some("codes"), Dialect::Excel)).unwrap();
    assert_eq!(codes, all["codes"]);
}

#[test]
fn terminal_tables_open_with_the_coverage_sentence() {
    let text = String::from_utf8(export(
        &summary(Lang::En),
        Format::Table,
        Some("coverage"),
        Dialect::Excel,
    ))
    .unwrap();
    assert!(
        text.starts_with("Needs summary: Behovsanalys Testlän\n═"),
        "{text}"
    );
    assert!(
        text.contains("4 organisations took part in 5 interviews"),
        "{text}"
    );
    let drafts = text
        .lines()
        .find(|l| l.contains("of which drafts"))
        .unwrap();
    assert!(
        drafts.starts_with("  of which drafts  ") && drafts.ends_with(" 1"),
        "{drafts}"
    );
}

#[test]
fn export_refuses_what_it_cannot_do() {
    let plain = report::summarise(&small_project(), &Options::default()).unwrap();
    let fail = |format, table: Option<&str>| {
        render::export(
            &plain,
            &Export {
                format,
                table: table.map(String::from),
                csv: Dialect::Excel,
            },
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        fail(Format::Markdown, Some("groups")),
        "the groups table needs a grouping attribute: add --by ATTRIBUTE"
    );
    assert!(fail(Format::Csv, Some("tabell")).starts_with("there is no table 'tabell'"));
}

#[test]
fn docx_is_a_word_package_with_headings_tables_and_charts() {
    use super::formats::{docx_table, part, text_of};
    for (lang, headings) in [
        (
            Lang::Sv,
            [
                "Metod och underlag",
                "Behov",
                "Per organisationstyp",
                "Skalfrågor",
                "Behoven ett och ett",
                "Bilaga: Kodbok",
            ],
        ),
        (
            Lang::En,
            [
                "Method and material",
                "Needs",
                "By organisation type",
                "Scale questions",
                "The needs one by one",
                "Appendix: Codebook",
            ],
        ),
    ] {
        let bytes = export(&summary(lang), Format::Docx, None, Dialect::Excel);
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
        for name in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/media/chart1.png",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        let mut png = Vec::new();
        zip.by_name("word/media/chart1.png")
            .unwrap()
            .read_to_end(&mut png)
            .unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let rels = part(&bytes, "word/_rels/document.xml.rels");
        assert!(rels.contains(r#"Id="rIdPicture1""#) && rels.contains("media/chart1.png"));
        assert!(part(&bytes, "[Content_Types].xml").contains(r#"Extension="png""#));

        let document = part(&bytes, "word/document.xml");
        let found: Vec<String> = document
            .split(r#"<w:pStyle w:val="Heading1"/>"#)
            .skip(1)
            .map(|p| text_of(&p[..p.find("</w:p>").unwrap()]))
            .collect();
        assert_eq!(found, headings, "{lang:?}");
        // Every picture is referenced from the body, with its numbers as alternative text.
        assert_eq!(
            document.matches("r:embed=\"rIdPicture").count(),
            names
                .iter()
                .filter(|n| n.starts_with("word/media/"))
                .count()
        );
        assert!(document.contains("descr=\""));

        let needs = docx_table(&document, 0);
        let sv = lang == Lang::Sv;
        assert_eq!(
            needs[0][..3],
            if sv {
                [
                    "Kod",
                    "Organisationer",
                    "Andel av intervjuade organisationer",
                ]
            } else {
                [
                    "Code",
                    "Organisations",
                    "Share of organisations interviewed",
                ]
            }
        );
        let advice = if sv { "Rådgivning" } else { "Advice" };
        let row = needs.iter().find(|r| r[0] == advice).unwrap();
        assert_eq!(row[1..3], ["3", if sv { "75\u{a0}%" } else { "75%" }]);
        let groups = docx_table(&document, 1);
        assert_eq!(groups[0][1], if sv { "Alla (n=4)" } else { "All (n=4)" });
        assert!(document.contains(r#"<w:tblHeader/>"#), "header rows repeat");
    }
}

#[test]
fn docx_survives_text_that_is_not_xml() {
    let mut project = small_project();
    project.title = "Behov & <tillväxt> \"2026\"\u{1}".into();
    let s = report::summarise(&project, &Options::default()).unwrap();
    let bytes = export(&s, Format::Docx, None, Dialect::Excel);
    let document = super::formats::part(&bytes, "word/document.xml");
    assert!(document.contains("Behov &amp; &lt;tillväxt&gt; &quot;2026&quot;"));
    assert!(!document.contains('\u{1}'));
}

#[test]
fn xlsx_draws_native_charts_beside_the_needs_split_and_scale_tables() {
    let bytes = export(&summary(Lang::Sv), Format::Xlsx, None, Dialect::Excel);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
    let charts: Vec<String> = zip
        .file_names()
        .map(|n| n.unwrap().to_string())
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    // Needs, per type, and the one scale question.
    assert_eq!(charts.len(), 3, "{charts:?}");
    let mut xml = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let needs = xml("xl/charts/chart1.xml");
    assert!(needs.contains("<c:barDir val=\"bar\"/>"), "{needs}");
    assert!(needs.contains("'Behov och teman'!$C$2:$C$"), "{needs}");
    let groups = xml("xl/charts/chart2.xml");
    assert!(
        groups.contains("'Per organisationstyp'!$E$2:$E$"),
        "{groups}"
    );
    let scales = xml("xl/charts/chart3.xml");
    assert!(
        scales.contains("<c:grouping val=\"percentStacked\"/>"),
        "{scales}"
    );
}
