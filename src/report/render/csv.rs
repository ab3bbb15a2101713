//! CSV: one table per file, UTF-8, for Excel and for scripts.
//!
//! Shares are written as percentages with one decimal ("83.3") under a heading ending in
//! "(%)"; counts as plain integers. A count-with-share column becomes two columns.

use crate::model::Lang;
use crate::report::Error;
use crate::report::table::{Kind, Table, Value};
use crate::report::words;

/// The byte-order mark that makes Excel read a CSV file as UTF-8 rather than Windows-1252.
const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn render(table: &Table, lang: Lang, bom: bool) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(BOM);
    }
    let mut writer = csv::Writer::from_writer(out);
    let mut headings = Vec::new();
    for column in &table.columns {
        match column.kind {
            Kind::Share => headings.push(format!("{} (%)", column.heading)),
            Kind::CountShare => {
                headings.push(column.heading.clone());
                headings.push(format!("{}, {} (%)", column.heading, words::share(lang)));
            }
            _ => headings.push(column.heading.clone()),
        }
    }
    writer.write_record(headings.iter().map(|h| safe(h)))?;
    for row in &table.rows {
        let mut record: Vec<String> = Vec::with_capacity(headings.len());
        for (i, column) in table.columns.iter().enumerate() {
            let value = row.get(i).unwrap_or(&Value::Empty);
            match (column.kind, value) {
                (Kind::CountShare, Value::CountShare(n, s)) => {
                    record.push(n.to_string());
                    record.push(percent(*s));
                }
                (Kind::CountShare, _) => {
                    record.push(String::new());
                    record.push(String::new());
                }
                _ => record.push(cell(value)),
            }
        }
        writer.write_record(&record)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Csv(e.into_error().into()))
}

fn percent(share: f64) -> String {
    format!("{:.1}", (share * 1000.0).round() / 10.0)
}

fn cell(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(s) => safe(s),
        Value::Label { text, depth, .. } => safe(&super::indented(text, *depth)),
        Value::Count(n) => n.to_string(),
        Value::Share(s) => percent(*s),
        Value::Decimal(x) => format!("{:.2}", (x * 100.0).round() / 100.0),
        Value::CountShare(n, s) => format!("{n} ({})", percent(*s)),
    }
}

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading apostrophe, which Excel shows as text and hides.
pub fn safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        assert_eq!(safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe("+46 70"), "'+46 70");
        assert_eq!(safe("-1"), "'-1");
        assert_eq!(safe("@x"), "'@x");
        assert_eq!(safe("Åre"), "Åre");
        assert_eq!(safe("– barn"), "– barn");
    }
}
