//! Aligned plain-text tables for `behov summary` in a terminal. Widths are display widths of
//! whole strings, so å, ä, ö and wide characters line up.

use unicode_width::UnicodeWidthStr;

use super::cell_text;
use crate::model::Lang;
use crate::report::table::{Kind, Table, Value};
use crate::report::words;

/// Prose columns (quotes) wrap at this width.
const PROSE_WIDTH: usize = 60;

pub fn render(heading: &str, tables: &[Table], lang: Lang) -> String {
    let mut out = format!("{heading}\n{}\n", "═".repeat(heading.width()));
    for table in tables {
        out.push('\n');
        out.push_str(&section(table, lang));
    }
    out
}

pub fn section(table: &Table, lang: Lang) -> String {
    let mut out = format!("{}\n{}\n", table.title, "─".repeat(table.title.width()));
    if !table.note.is_empty() {
        for line in wrap(&table.note, 100) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push('\n');
    let shown = table.brief.unwrap_or(usize::MAX).min(table.rows.len());
    // Each cell as lines: prose wraps, everything else is one line.
    let cells: Vec<Vec<Vec<String>>> = table.rows[..shown]
        .iter()
        .map(|row| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, column)| {
                    let value = row.get(i).unwrap_or(&Value::Empty);
                    let text = match value {
                        Value::Label { text, depth, .. } => {
                            format!("{}{text}", "  ".repeat(*depth))
                        }
                        other => cell_text(other, lang),
                    };
                    if column.kind == Kind::Prose {
                        wrap(&text, PROSE_WIDTH)
                    } else {
                        vec![text]
                    }
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let body = cells
                .iter()
                .flat_map(|row| &row[i])
                .map(|line| line.width())
                .max()
                .unwrap_or(0);
            body.max(column.heading.width())
        })
        .collect();
    let line = |texts: &[&str]| -> String {
        let padded: Vec<String> = texts
            .iter()
            .zip(&table.columns)
            .zip(&widths)
            .map(|((text, column), &width)| {
                let pad = " ".repeat(width.saturating_sub(text.width()));
                if column.kind.is_numeric() {
                    format!("{pad}{text}")
                } else {
                    format!("{text}{pad}")
                }
            })
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let headings: Vec<&str> = table.columns.iter().map(|c| c.heading.as_str()).collect();
    out.push_str(&line(&headings));
    let rules: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    out.push_str(&line(&rules.iter().map(String::as_str).collect::<Vec<_>>()));
    for row in &cells {
        let height = row.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let texts: Vec<&str> = row
                .iter()
                .map(|lines| lines.get(k).map_or("", String::as_str))
                .collect();
            out.push_str(&line(&texts));
        }
    }
    if shown < table.rows.len() {
        out.push_str(&format!(
            "… {} {}\n",
            table.rows.len() - shown,
            words::more_rows(lang)
        ));
    }
    out
}

/// Words of `text` in lines of at most `width` columns; a longer word gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::table::Column;

    #[test]
    fn columns_line_up_by_display_width() {
        let table = Table {
            id: "codes",
            title: "Behov".into(),
            note: String::new(),
            columns: vec![
                Column::new("Kod", Kind::Text),
                Column::new("n", Kind::Count),
            ],
            rows: vec![
                vec![Value::text("Åtgärder"), Value::Count(12)],
                vec![Value::text("日本"), Value::Count(3)],
            ],
            brief: None,
        };
        let text = section(&table, Lang::Sv);
        let lines: Vec<&str> = text.lines().skip(3).collect();
        assert_eq!(
            lines,
            [
                "Kod        n",
                "────────  ──",
                "Åtgärder  12",
                "日本       3"
            ]
        );
    }

    #[test]
    fn prose_wraps_at_words() {
        assert_eq!(wrap("ett två tre fyra", 8), ["ett två", "tre fyra"]);
        assert_eq!(wrap("", 8), [""]);
    }
}
