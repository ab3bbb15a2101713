//! Report errors, each one sentence the user can act on.

use jiff::civil::Date;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the project has no attribute '{attribute}'; use one of: {}", list(.known))]
    UnknownAttribute {
        attribute: String,
        known: Vec<String>,
    },
    #[error("attribute '{attribute}' has no value '{value}'; values are: {}", list(.known))]
    UnknownValue {
        attribute: String,
        value: String,
        known: Vec<String>,
    },
    #[error("no coding in the project is by coder '{coder}'; coders are: {}", list(.known))]
    UnknownCoder { coder: String, known: Vec<String> },
    #[error("the period {from} to {to} is empty: --from comes after --to")]
    EmptyPeriod { from: Date, to: Date },
    #[error("there is no table '{table}'; tables are: {}", crate::report::TABLES.join(", "))]
    UnknownTable { table: String },
    #[error(
        "the project has no rounds to group by; add them under the project's setup (F2 in the interface) or to project.json"
    )]
    NoRounds,
    #[error("the groups table needs a grouping attribute: add --by ATTRIBUTE")]
    NoGrouping,
    #[error("the project's guide has no scale questions, so there is no scales table")]
    NoScales,
    #[error("the projects and differences tables belong to a programme: use behov programme")]
    NoProgramme,
    #[error("the workbook could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the Word document could not be written: {0}")]
    Docx(#[from] zip::result::ZipError),
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] csv::Error),
}

impl Error {
    /// Whether the error is in what the user asked for (exit 2) rather than in doing it.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::UnknownAttribute { .. }
                | Error::UnknownValue { .. }
                | Error::UnknownCoder { .. }
                | Error::EmptyPeriod { .. }
                | Error::UnknownTable { .. }
                | Error::NoGrouping
                | Error::NoRounds
                | Error::NoScales
                | Error::NoProgramme
        )
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".to_string()
    } else {
        items.join(", ")
    }
}
