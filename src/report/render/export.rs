//! One call from a summary to the bytes of an output file, for the CLI and the TUI's export.

use super::{csv, docx, json, markdown, terminal, xlsx};
use crate::report::{Error, Summary, Table, tables, words};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned plain text for a terminal.
    Table,
    Markdown,
    Csv,
    Json,
    Xlsx,
    /// A Word report (`.docx`).
    Docx,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub format: Format,
    /// Only the table with this id (see `report::TABLES`). CSV holds one table, so without
    /// an id it is the needs table, or the groups table when the summary has groups.
    pub table: Option<String>,
    /// Who a CSV file is for: Excel in the summary's language, or scripts.
    pub csv: csv::Dialect,
}

/// The document heading: "Needs summary: <project title>".
pub fn heading(summary: &Summary) -> String {
    let word = words::summary_title(summary.lang);
    if summary.title.trim().is_empty() {
        word.to_string()
    } else {
        format!("{word}: {}", summary.title.trim())
    }
}

pub fn export(summary: &Summary, export: &Export) -> Result<Vec<u8>, Error> {
    let lang = summary.lang;
    let wanted = match (&export.table, export.format) {
        (Some(id), _) => Some(id.as_str()),
        (None, Format::Csv) => Some(if summary.groups.is_some() {
            "groups"
        } else {
            "codes"
        }),
        (None, _) => None,
    };
    if let Some(id) = wanted {
        if !crate::report::TABLES.contains(&id) {
            return Err(Error::UnknownTable {
                table: id.to_string(),
            });
        }
        if id == "groups" && summary.groups.is_none() {
            return Err(Error::NoGrouping);
        }
        if id == "scales" && summary.scales.is_empty() {
            return Err(Error::NoScales);
        }
        if matches!(id, "projects" | "differences") && summary.programme.is_none() {
            return Err(Error::NoProgramme);
        }
    }
    let chosen = || -> Vec<Table> {
        tables(summary)
            .into_iter()
            .filter(|t| wanted.is_none_or(|id| t.id == id))
            .collect()
    };
    let heading = heading(summary);
    Ok(match export.format {
        Format::Json => json::render(summary, wanted).into_bytes(),
        Format::Table => terminal::render(&heading, &chosen(), lang).into_bytes(),
        Format::Markdown => markdown::render(&heading, &chosen(), lang).into_bytes(),
        Format::Xlsx => xlsx::render(&heading, &chosen(), lang)?,
        Format::Docx => docx::render(summary)?,
        Format::Csv => {
            let table = chosen()
                .into_iter()
                .next()
                .ok_or_else(|| Error::UnknownTable {
                    table: wanted.unwrap_or_default().to_string(),
                })?;
            csv::render(&table, lang, export.csv)?
        }
    })
}
