//! The workbook a civil servant pastes into a report: one sheet per table, a bold frozen
//! header row with filters, fitted column widths, counts as numbers and shares as percentages.

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use unicode_width::UnicodeWidthStr;

use crate::model::Lang;
use crate::report::Error;
use crate::report::table::{Kind, Table, Value};
use crate::report::{format, words};

use super::xlsx_charts;

/// Excel's limit for one cell, in UTF-16 code units; longer text continues in the cells below.
pub const CELL_LIMIT: usize = 32_767;

/// Widest fitted column, in characters; quotes get a wider, wrapped one.
const MAX_FIT: usize = 45;
const PROSE_WIDTH: f64 = 80.0;

pub fn render(title: &str, tables: &[Table], lang: Lang) -> Result<Vec<u8>, Error> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(title));
    let mut names: Vec<String> = Vec::new();
    for table in tables {
        let name = sheet_name(&table.title, &names);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        write_sheet(sheet, &name, table, lang)?;
        names.push(name);
    }
    Ok(workbook.save_to_buffer()?)
}

/// A column of the sheet: a table column, or one half of a count-with-share column.
struct SheetColumn {
    heading: String,
    kind: Kind,
    /// Widest cell below the header, in characters.
    widest: usize,
}

impl SheetColumn {
    fn new(heading: String, kind: Kind) -> SheetColumn {
        SheetColumn {
            heading,
            kind,
            widest: 0,
        }
    }

    /// The fitted width, in Excel's character units: the widest cell, or the header's longest
    /// word if that is wider (headers wrap), within bounds; quotes get a wide wrapped column.
    fn width(&self) -> f64 {
        if self.kind == Kind::Prose {
            return PROSE_WIDTH;
        }
        let word = self
            .heading
            .split_whitespace()
            .map(|w| w.width())
            .max()
            .unwrap_or(0);
        // Bold header text runs about a tenth wider.
        let header = (word as f64 * 1.1).ceil() as usize;
        (self.widest.max(header).clamp(4, MAX_FIT) + 2) as f64
    }
}

fn write_sheet(sheet: &mut Worksheet, name: &str, table: &Table, lang: Lang) -> Result<(), Error> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDD_EB_F7))
        .set_border_bottom(FormatBorder::Thin);
    let top = Format::new().set_align(FormatAlign::Top);
    let count = top.clone().set_num_format(format::XLSX_COUNT);
    let share = top.clone().set_num_format(format::XLSX_SHARE);
    let decimal = top.clone().set_num_format(format::XLSX_DECIMAL);
    let coefficient = top.clone().set_num_format(format::XLSX_COEFFICIENT);
    let prose = top.clone().set_text_wrap();

    let mut columns = Vec::new();
    for column in &table.columns {
        if column.kind == Kind::CountShare {
            columns.push(SheetColumn::new(column.heading.clone(), Kind::Count));
            columns.push(SheetColumn::new(
                format!("{}, {}", column.heading, words::share(lang)),
                Kind::Share,
            ));
        } else {
            columns.push(SheetColumn::new(column.heading.clone(), column.kind));
        }
    }
    for (c, column) in columns.iter().enumerate() {
        write_text(sheet, 0, col(c), &column.heading, &header)?;
    }
    let mut r: u32 = 1;
    let mut rows_at = Some(Vec::with_capacity(table.rows.len()));
    for row in &table.rows {
        let mut c = 0;
        let mut height = 1;
        // Wrapped lines of the row's longest prose cell: not every program grows a row for
        // wrapped text on opening, so its height is set.
        let mut wrapped = 1;
        for (i, column) in table.columns.iter().enumerate() {
            let value = row.get(i).unwrap_or(&Value::Empty);
            let (x, y) = (col(c), r);
            let mut shown = 0;
            match value {
                Value::Empty => {}
                Value::Count(n) => {
                    sheet.write_number_with_format(y, x, *n as f64, &count)?;
                    shown = digits(*n);
                }
                Value::Share(s) => {
                    sheet.write_number_with_format(y, x, *s, &share)?;
                    shown = 4;
                }
                Value::Decimal(d) => {
                    sheet.write_number_with_format(y, x, *d, &decimal)?;
                    shown = 4;
                }
                Value::Coefficient(d) => {
                    sheet.write_number_with_format(y, x, *d, &coefficient)?;
                    shown = 5;
                }
                Value::CountShare(n, s) => {
                    sheet.write_number_with_format(y, x, *n as f64, &count)?;
                    sheet.write_number_with_format(y, x + 1, *s, &share)?;
                    shown = digits(*n);
                    let half = &mut columns[c + 1];
                    half.widest = half.widest.max(4);
                }
                Value::Text(text) => {
                    let format = if column.kind == Kind::Prose {
                        wrapped = wrapped.max(lines(text, PROSE_WIDTH - 2.0));
                        &prose
                    } else {
                        &top
                    };
                    height = height.max(write_text(sheet, y, x, text, format)?);
                    shown = text.width();
                }
                Value::Label {
                    text,
                    depth,
                    strong,
                } => {
                    // Excel indents only left-aligned text.
                    let mut format = top
                        .clone()
                        .set_align(FormatAlign::Left)
                        .set_indent(u8::try_from(*depth).unwrap_or(u8::MAX));
                    if *strong {
                        format = format.set_bold();
                    }
                    height = height.max(write_text(sheet, y, x, text, &format)?);
                    // An indent level is about three characters wide.
                    shown = text.width() + 3 * depth;
                }
            }
            columns[c].widest = columns[c].widest.max(shown);
            c += if column.kind == Kind::CountShare {
                2
            } else {
                1
            };
        }
        if wrapped > 1 && height == 1 {
            sheet.set_row_height(r, 15.0 * wrapped as f64)?;
        }
        match &mut rows_at {
            Some(at) if height == 1 => at.push(r),
            _ => rows_at = None,
        }
        r += height;
    }
    let mut at = Vec::with_capacity(table.columns.len());
    let mut c = 0;
    for column in &table.columns {
        at.push(col(c));
        c += if column.kind == Kind::CountShare {
            2
        } else {
            1
        };
    }
    let layout = xlsx_charts::Layout {
        sheet: name,
        columns: at,
        right: col(c),
        rows: rows_at,
    };
    xlsx_charts::add(sheet, table, &layout)?;
    sheet.set_freeze_panes(1, 0)?;
    let last = col(columns.len().saturating_sub(1));
    sheet.autofilter(0, 0, r - 1, last)?;
    for (c, column) in columns.iter().enumerate() {
        sheet.set_column_width(col(c), column.width())?;
    }
    // Not every program grows a row for wrapped text on opening: size the header's.
    let lines = columns
        .iter()
        .map(|c| lines(&c.heading, c.width() - 2.0))
        .max()
        .unwrap_or(1);
    sheet.set_row_height(0, 15.0 * lines as f64)?;
    // Below the table, merged across it and wrapped, so it neither runs off the page nor
    // widens a column; Excel does not grow a merged row, so its height is set here.
    if !table.note.is_empty() {
        let note = Format::new()
            .set_italic()
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        if last == 0 {
            write_text(sheet, r + 1, 0, &table.note, &note)?;
        } else {
            sheet.merge_range(r + 1, 0, r + 1, last, &table.note, &note)?;
        }
        let per_line = columns
            .iter()
            .map(SheetColumn::width)
            .sum::<f64>()
            .max(20.0);
        let lines = (table.note.width() as f64 / per_line).ceil().max(1.0);
        sheet.set_row_height(r + 1, 15.0 * lines)?;
    }
    // On paper: the table (and its note) without the chart beside it, A4, one page across
    // and as many down as it takes, the header on each.
    sheet.set_print_area(0, 0, r + 1, last)?;
    sheet.set_paper_size(9);
    if columns.len() > 6 {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Lines that `text` wraps to at `width` characters (bold, so a tenth wider), word by word.
fn lines(text: &str, width: f64) -> usize {
    let mut lines = 1;
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = word.width() as f64 * 1.1;
        if used > 0.0 && used + 1.0 + w > width {
            lines += 1;
            used = w;
        } else {
            used += if used > 0.0 { 1.0 + w } else { w };
        }
    }
    lines
}

/// Characters of a whole number as "#,##0" shows it.
fn digits(n: usize) -> usize {
    let d = n.to_string().len();
    d + (d - 1) / 3
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
