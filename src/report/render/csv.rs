//! CSV: one table per file, for Excel by default and in RFC 4180 for scripts.
//!
//! Excel reads a CSV file in the reader's locale: a Swedish Excel splits fields at `;`, reads
//! "3,5" as a number and needs a byte-order mark to see UTF-8 (else å, ä, ö are mangled). So
//! the Excel dialect writes `;` and decimal commas in Swedish (`,` and points in English), a
//! BOM and CRLF line ends. The RFC 4180 dialect writes `,`, points, CRLF and no BOM, whatever
//! the language. Numbers carry the digits of `report::format`; shares are percentages under a
//! heading ending in "(%)", and a count-with-share column becomes two columns.

use crate::model::Lang;
use crate::report::Error;
use crate::report::format;
use crate::report::table::{Kind, Table, Value};
use crate::report::words;

/// The byte-order mark that makes Excel read a CSV file as UTF-8 rather than Windows-1252.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Who the file is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Opens in columns in Excel of the report's language.
    #[default]
    Excel,
    /// Commas, decimal points, no BOM: for scripts.
    Rfc4180,
}

impl Dialect {
    /// The field separator and the language numbers are written in.
    fn marks(self, lang: Lang) -> (u8, Lang) {
        match (self, lang) {
            (Dialect::Excel, Lang::Sv) => (b';', Lang::Sv),
            (Dialect::Excel, Lang::En) | (Dialect::Rfc4180, _) => (b',', Lang::En),
        }
    }
}

pub fn render(table: &Table, lang: Lang, dialect: Dialect) -> Result<Vec<u8>, Error> {
    let (delimiter, numbers) = dialect.marks(lang);
    let mut out = Vec::new();
    if dialect == Dialect::Excel {
        out.extend_from_slice(BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
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
                    record.push(format::percent_number(*s, numbers));
                }
                (Kind::CountShare, _) => {
                    record.push(String::new());
                    record.push(String::new());
                }
                _ => record.push(cell(value, numbers)),
            }
        }
        writer.write_record(&record)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Csv(e.into_error().into()))
}

/// One cell; counts without thousands separators, which Excel would read as text.
fn cell(value: &Value, numbers: Lang) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(s) => safe(s),
        Value::Label { text, depth, .. } => safe(&super::indented(text, *depth)),
        Value::Count(n) => n.to_string(),
        Value::Share(s) => format::percent_number(*s, numbers),
        Value::Decimal(x) => format::decimal(*x, numbers),
        Value::Coefficient(x) => format::coefficient(*x, numbers),
        Value::CountShare(n, s) => format!("{n} ({})", format::percent_number(*s, numbers)),
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
