//! Summaries as report files: Markdown, CSV, JSON, XLSX, and aligned text for the terminal.

pub mod chart;
pub mod csv;
pub mod docx;
mod export;
pub mod json;
pub mod markdown;
mod png;
pub mod terminal;
pub mod xlsx;
mod xlsx_charts;

pub use export::{Export, Format, export, heading};

use super::format;
use super::table::Value;
use crate::model::Lang;

/// A row label as plain text: children marked with a dash per level, so the hierarchy
/// survives formats without indentation.
pub(crate) fn indented(text: &str, depth: usize) -> String {
    format!("{}{text}", "– ".repeat(depth))
}

/// A cell as text formats print it.
pub(crate) fn cell_text(value: &Value, lang: Lang) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(s) => s.clone(),
        Value::Label { text, depth, .. } => indented(text, *depth),
        Value::Count(n) => format::count(*n, lang),
        Value::Share(s) => format::percent(*s, lang),
        Value::Decimal(x) => format::decimal(*x, lang),
        Value::Coefficient(x) => format::coefficient(*x, lang),
        Value::CountShare(n, s) => format!(
            "{} ({})",
            format::count(*n, lang),
            format::percent(*s, lang)
        ),
    }
}
