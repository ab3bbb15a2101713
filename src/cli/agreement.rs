//! `behov agreement`: how far the coders agree, per code and overall, with the disagreements.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use crate::model::Lang;
use crate::report::agreement::{self, Level, Options};
use crate::report::render;
use crate::store::{self, Store};

#[derive(Debug, clap::Args)]
pub struct AgreementArgs {
    pub dir: Option<PathBuf>,
    /// The coders to compare, separated by commas (default: everyone who coded)
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    pub coders: Vec<String>,
    /// Only this code (its id)
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// The unit of percent agreement and κ: characters (as NVivo) or answers
    #[arg(long, value_enum, default_value_t = UnitArg::Character)]
    pub unit: UnitArg,
    #[arg(long, value_enum, default_value_t = AgreementFormat::Table)]
    pub format: AgreementFormat,
    /// csv holds one table: the figures (the default) or the disagreements
    #[arg(long, value_parser = ["agreement", "disagreements"])]
    pub table: Option<String>,
    /// Write to FILE instead of standard output (required for xlsx); only a regular file or
    /// a new path
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Let --out be a symbolic link, and write to the file it points to
    #[arg(long)]
    pub force_follow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Character,
    Answer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgreementFormat {
    Table,
    Json,
    Csv,
    Xlsx,
}

pub fn run(dir: &Path, args: AgreementArgs, lang: Lang) -> Result<ExitCode, Failure> {
    if args.format == AgreementFormat::Xlsx && args.out.is_none() {
        return Err(Failure::usage(
            "an XLSX workbook cannot go to the terminal; say where with --out FILE.xlsx",
        ));
    }
    if args.table.is_some() && args.format != AgreementFormat::Csv {
        return Err(Failure::usage("--table only applies to --format csv"));
    }
    let out = super::out::Out::checked(args.out.clone(), args.force_follow)?;
    let opened = Store::open_read_only(dir)?;
    if !opened.unreadable.is_empty() {
        eprintln!(
            "behov: {} could not be read and are left out; run behov check {} for details",
            crate::words::plural(opened.unreadable.len(), "interview file", "interview files"),
            dir.display()
        );
    }
    let options = Options {
        coders: args
            .coders
            .iter()
            .filter(|c| !c.trim().is_empty())
            .cloned()
            .collect(),
        code: args.code,
        level: match args.unit {
            UnitArg::Character => Level::Character,
            UnitArg::Answer => Level::Answer,
        },
        lang,
    };
    let mut result = agreement::agreement(&opened.project, &options).map_err(|p| Failure {
        message: agreement::problem_sentence(&p, lang),
        code: 1,
    })?;
    result.mark_settled(&store::settled::load(dir)?);
    let tables = agreement::tables(&result, lang, args.format == AgreementFormat::Table);
    let title = &opened.project.title;
    let bytes = match args.format {
        AgreementFormat::Table => render::terminal::render(title, &tables, lang).into_bytes(),
        AgreementFormat::Json => {
            /// The figures with the project's title and the method sentence first.
            #[derive(serde::Serialize)]
            struct Out<'a> {
                project: &'a str,
                sentence: String,
                #[serde(flatten)]
                agreement: &'a agreement::Agreement,
            }
            let out = Out {
                project: title,
                sentence: agreement::method_sentence(&result, lang),
                agreement: &result,
            };
            let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
            text.push('\n');
            text.into_bytes()
        }
        AgreementFormat::Csv => {
            let which = usize::from(args.table.as_deref() == Some("disagreements"));
            render::csv::render(&tables[which], lang, render::csv::Dialect::Excel)?
        }
        AgreementFormat::Xlsx => render::xlsx::render(title, &tables, lang)?,
    };
    out.write(&bytes)
}
