//! The workbook a civil servant pastes into a report: one sheet per table, a bold frozen
//! header row with filters, fitted column widths, counts as numbers and shares as percentages.

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use crate::model::Lang;
use crate::report::Error;
use crate::report::table::{Kind, Table, Value};
use crate::report::words;

/// Excel's limit for one cell, in UTF-16 code units; longer text continues in the cells below.
pub const CELL_LIMIT: usize = 32_767;

/// Widest autofitted column, in pixels (about 45 characters); quotes get a wider, wrapped one.
const MAX_FIT_PIXELS: u32 = 320;
const PROSE_WIDTH: f64 = 80.0;

pub fn render(title: &str, tables: &[Table], lang: Lang) -> Result<Vec<u8>, Error> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(title));
    let mut names: Vec<String> = Vec::new();
    for table in tables {
        let name = sheet_name(&table.title, &names);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        names.push(name);
        write_sheet(sheet, table, lang)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A column of the sheet: a table column, or one half of a count-with-share column.
struct SheetColumn {
    heading: String,
    kind: Kind,
}

fn write_sheet(sheet: &mut Worksheet, table: &Table, lang: Lang) -> Result<(), Error> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDD_EB_F7))
        .set_border_bottom(FormatBorder::Thin);
    let top = Format::new().set_align(FormatAlign::Top);
    let count = top.clone().set_num_format("#,##0");
    let share = top.clone().set_num_format("0%");
    let decimal = top.clone().set_num_format("0.0");
    let prose = top.clone().set_text_wrap();

    let mut columns = Vec::new();
    for column in &table.columns {
        if column.kind == Kind::CountShare {
            columns.push(SheetColumn {
                heading: column.heading.clone(),
                kind: Kind::Count,
            });
            columns.push(SheetColumn {
                heading: format!("{}, {}", column.heading, words::share(lang)),
                kind: Kind::Share,
            });
        } else {
            columns.push(SheetColumn {
                heading: column.heading.clone(),
                kind: column.kind,
            });
        }
    }
    for (c, column) in columns.iter().enumerate() {
        write_text(sheet, 0, col(c), &column.heading, &header)?;
    }
    let mut r: u32 = 1;
    for row in &table.rows {
        let mut c = 0;
        let mut height = 1;
        for (i, column) in table.columns.iter().enumerate() {
            let value = row.get(i).unwrap_or(&Value::Empty);
            let (x, y) = (col(c), r);
            match value {
                Value::Empty => {}
                Value::Count(n) => {
                    sheet.write_number_with_format(y, x, *n as f64, &count)?;
                }
                Value::Share(s) => {
                    sheet.write_number_with_format(y, x, *s, &share)?;
                }
                Value::Decimal(d) => {
                    sheet.write_number_with_format(y, x, *d, &decimal)?;
                }
                Value::CountShare(n, s) => {
                    sheet.write_number_with_format(y, x, *n as f64, &count)?;
                    sheet.write_number_with_format(y, x + 1, *s, &share)?;
                }
                Value::Text(text) => {
                    let format = if column.kind == Kind::Prose {
                        &prose
                    } else {
                        &top
                    };
                    height = height.max(write_text(sheet, y, x, text, format)?);
                }
                Value::Label {
                    text,
                    depth,
                    strong,
                } => {
                    let mut format = top
                        .clone()
                        .set_indent(u8::try_from(*depth).unwrap_or(u8::MAX));
                    if *strong {
                        format = format.set_bold();
                    }
                    height = height.max(write_text(sheet, y, x, text, &format)?);
                }
            }
            c += if column.kind == Kind::CountShare {
                2
            } else {
                1
            };
        }
        r += height;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !columns.is_empty() {
        sheet.autofilter(0, 0, r - 1, col(columns.len() - 1))?;
    }
    sheet.set_autofit_max_width(MAX_FIT_PIXELS);
    sheet.autofit();
    for (c, column) in columns.iter().enumerate() {
        if column.kind == Kind::Prose {
            sheet.set_column_width(col(c), PROSE_WIDTH)?;
        }
    }
    // After autofit, so the note does not widen the first column.
    if !table.note.is_empty() {
        write_text(sheet, r + 1, 0, &table.note, &Format::new().set_italic())?;
    }
    Ok(())
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// Writes `text` at (row, col), continuing in the cells below when it exceeds Excel's cell
/// limit. Returns the number of rows used.
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<u32, Error> {
    let chunks = split(text, CELL_LIMIT);
    for (k, chunk) in chunks.iter().enumerate() {
        sheet.write_string_with_format(row + k as u32, col, *chunk, format)?;
    }
    Ok(chunks.len().max(1) as u32)
}

/// `text` in pieces of at most `limit` UTF-16 code units, cut between characters.
pub fn split(text: &str, limit: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units + c.len_utf16() > limit {
            pieces.push(&text[start..i]);
            start = i;
            units = 0;
        }
        units += c.len_utf16();
    }
    if start < text.len() || pieces.is_empty() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`, no leading or
/// trailing apostrophe, not equal (ignoring case) to one already used.
fn sheet_name(title: &str, used: &[String]) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean.chars().take(31).collect()
    };
    let taken = |name: &str| used.iter().any(|u| u.to_lowercase() == name.to_lowercase());
    let mut name = base.clone();
    let mut n = 2;
    while taken(&name) {
        let suffix = format!(" {n}");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_splits_between_characters() {
        let text = "å".repeat(5) + "😀";
        assert_eq!(split(&text, 3), ["ååå", "åå", "😀"]);
        assert_eq!(split("", 3), [""]);
        assert_eq!(split(&"a".repeat(CELL_LIMIT), CELL_LIMIT).len(), 1);
        assert_eq!(split(&"a".repeat(CELL_LIMIT + 1), CELL_LIMIT).len(), 2);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        assert_eq!(sheet_name("Per kommun/län", &[]), "Per kommun-län");
        let long = "Per organisationstyp och något mycket längre";
        let first = sheet_name(long, &[]);
        assert_eq!(first.chars().count(), 31);
        let second = sheet_name(long, std::slice::from_ref(&first));
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" 2"));
        assert_eq!(sheet_name("Citat", &["citat".to_string()]), "Citat 2");
    }
}
