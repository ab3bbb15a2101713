//! Markdown ready to paste into a report: a heading per table, its note, a pipe table.

use super::cell_text;
use crate::model::Lang;
use crate::report::table::{Table, Value};
use crate::report::words;

/// The document: `# heading`, then each table as a section.
pub fn render(heading: &str, tables: &[Table], lang: Lang) -> String {
    let mut out = format!("# {}\n", escape(heading));
    for table in tables {
        out.push('\n');
        out.push_str(&section(table, lang));
    }
    out
}

/// One table as `## title`, note and pipe table. Every row has as many cells as the header.
pub fn section(table: &Table, lang: Lang) -> String {
    let mut out = format!("## {}\n\n", escape(&table.title));
    if !table.note.is_empty() {
        out.push_str(&escape(&table.note));
        out.push_str("\n\n");
    }
    let headings: Vec<String> = table.columns.iter().map(|c| escape(&c.heading)).collect();
    out.push_str(&row(&headings));
    let rule: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            if c.kind.is_numeric() {
                "---:".to_string()
            } else {
                "---".to_string()
            }
        })
        .collect();
    out.push_str(&row(&rule));
    let shown = table.brief.unwrap_or(usize::MAX).min(table.rows.len());
    for cells in &table.rows[..shown] {
        let texts: Vec<String> = (0..table.columns.len())
            .map(|i| cell(cells.get(i).unwrap_or(&Value::Empty), lang))
            .collect();
        out.push_str(&row(&texts));
    }
    if shown < table.rows.len() {
        out.push_str(&format!(
            "\n*… {} {}.*\n",
            table.rows.len() - shown,
            words::more_rows(lang)
        ));
    }
    out
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn cell(value: &Value, lang: Lang) -> String {
    match value {
        Value::Label {
            text,
            depth: 0,
            strong: true,
        } => format!("**{}**", escape(text)),
        other => escape(&cell_text(other, lang)),
    }
}

/// Backslash-escapes what Markdown would read as table structure or emphasis; line breaks
/// become spaces so a cell stays on its row.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .flat_map(|w| std::iter::once(' ').chain(w.chars()))
        .skip(1)
    {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::table::{Column, Kind};

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(escape("a|b\nc  *d*"), "a\\|b c \\*d\\*");
        let table = Table {
            id: "codes",
            title: "T".into(),
            note: String::new(),
            columns: vec![
                Column::new("Kod", Kind::Text),
                Column::new("n", Kind::CountShare),
            ],
            rows: vec![
                vec![Value::text("x|y")],
                vec![
                    Value::text("z"),
                    Value::CountShare(2, 0.5),
                    Value::text("extra"),
                ],
            ],
            brief: None,
        };
        let text = section(&table, Lang::Sv);
        assert!(text.contains("| x\\|y |  |\n"), "{text}");
        assert!(text.contains("| z | 2 (50 %) |\n"), "{text}");
        assert!(text.contains("| --- | ---: |\n"));
    }
}
