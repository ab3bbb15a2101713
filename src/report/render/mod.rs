//! Summaries as report files: Markdown, CSV, JSON, XLSX, and aligned text for the terminal.

pub mod csv;
mod export;
pub mod json;
pub mod markdown;
pub mod terminal;
pub mod xlsx;

pub use export::{Export, Format, export, heading};

use super::table::Value;
use super::words;
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
        Value::Count(n) => n.to_string(),
        Value::Share(s) => words::percent(*s, lang),
        Value::Decimal(x) => words::decimal(*x, lang),
        Value::CountShare(n, s) => format!("{n} ({})", words::percent(*s, lang)),
    }
}
