//! `behov export`: the project for NVivo, ATLAS.ti, MAXQDA and QualCoder (REFI-QDA).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use jiff::civil::Date;

use super::{Failure, StatusArg, parse_condition, parse_date};
use crate::exchange::{self, Options};
use crate::model::{Lang, Status};
use crate::report::Filter;
use crate::store::{self, Store};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    pub dir: Option<PathBuf>,
    /// qdpx: the whole project (interviews, codes, codings, respondents, memos);
    /// qdc: the codebook alone
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (only a regular file or a new path)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Let --out be a symbolic link, and write to the file it points to
    #[arg(long)]
    pub force_follow: bool,
    /// Export only codings by this coder (repeat for several)
    #[arg(long = "coder", value_name = "NAME")]
    pub coders: Vec<String>,
    /// Export only complete interviews, or only drafts (default: all)
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only interviews with a respondent that has this attribute value (as in summary: id or
    /// label, case and accents aside)
    #[arg(long = "where", value_name = "ATTRIBUTE=VALUE", value_parser = parse_condition)]
    pub conditions: Vec<(String, String)>,
    /// First interview date exported
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last interview date exported
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<Date>,
    /// Replace every person, organisation, phone number, e-mail address and identity number
    /// with a stable pseudonym, in every text
    #[arg(long)]
    pub pseudonymise: bool,
    /// Export interviews whose consent is not recorded as given (left out by default)
    #[arg(long)]
    pub include_unconsented: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Qdpx,
    Qdc,
}

impl From<exchange::Error> for Failure {
    fn from(err: exchange::Error) -> Self {
        let code = match &err {
            exchange::Error::Filter(e) if e.is_usage() => 2,
            _ => 1,
        };
        Failure {
            message: err.to_string(),
            code,
        }
    }
}

pub fn run(dir: &Path, args: ExportArgs, lang: Lang) -> Result<ExitCode, Failure> {
    let links = if args.force_follow {
        store::output::Links::Follow
    } else {
        store::output::Links::Refuse
    };
    // Refused before any work, so a wrong --out costs nothing and changes nothing.
    store::output::check(&args.out, links)?;
    let opened = Store::open_read_only(dir)?;
    if !opened.unreadable.is_empty() {
        eprintln!(
            "behov: {} not be read and {} left out; run behov check {} for details",
            crate::words::plural(
                opened.unreadable.len(),
                "interview file could",
                "interview files could"
            ),
            if opened.unreadable.len() == 1 {
                "is"
            } else {
                "are"
            },
            dir.display()
        );
    }
    let prepared = super::prepare_export(
        dir,
        &opened.project,
        args.pseudonymise,
        args.include_unconsented,
        false,
    )?;
    let project = &prepared.project;
    let message = match args.format {
        ExportFormat::Qdc => {
            let bytes = exchange::qdc(project)?;
            store::output::write(&args.out, &bytes, links)?;
            format!(
                "Wrote the codebook ({} codes) to {}",
                project.codebook.codes.len(),
                args.out.display()
            )
        }
        ExportFormat::Qdpx => {
            let mut filter = Filter {
                coders: args.coders.into_iter().collect(),
                status: match args.status {
                    Some(StatusArg::Complete) => Some(Status::Complete),
                    Some(StatusArg::Draft) => Some(Status::Draft),
                    Some(StatusArg::All) | None => None,
                },
                from: args.from,
                to: args.to,
                ..Filter::default()
            };
            for (attribute, value) in args.conditions {
                filter
                    .attributes
                    .entry(attribute)
                    .or_default()
                    .insert(value);
            }
            let (bytes, counts) = exchange::qdpx(project, &Options { filter, lang })?;
            store::output::write(&args.out, &bytes, links)?;
            if counts.skipped > 0 {
                eprintln!(
                    "behov: {} coding(s) were left out because their code is missing or their passage lies outside the answer; run behov check {} for details",
                    counts.skipped,
                    dir.display()
                );
            }
            format!(
                "Wrote {} interviews, {} codes, {} codings, {} memos, {} respondents and {} coders to {}",
                counts.interviews,
                counts.codes,
                counts.codings,
                counts.memos,
                counts.respondents,
                counts.coders,
                args.out.display()
            )
        }
    };
    println!("{message}");
    Ok(ExitCode::SUCCESS)
}
