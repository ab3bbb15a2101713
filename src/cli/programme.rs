//! `behov programme`: one summary across projects that share a codebook.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;

use super::{CsvArg, Failure, FormatArg, StatusArg, parse_condition, parse_date};
use crate::model::{Lang, Status};
use crate::report::{self, render};
use crate::store::{self, programme::Listing};

#[derive(Debug, clap::Args)]
pub struct ProgrammeArgs {
    /// The project folders, or one programme.json (or a folder holding one) that lists them
    #[arg(required = true, value_name = "DIR|PROGRAMME.json")]
    pub paths: Vec<PathBuf>,
    /// The programme's title (default: from programme.json, else the folder names)
    #[arg(long)]
    pub title: Option<String>,
    /// Split the needs and scale tables by this attribute: project (the default) or a
    /// respondent attribute every project has; `none` for no split
    #[arg(long, value_name = "project|ATTRIBUTE", default_value = report::PROJECT_ATTRIBUTE)]
    pub by: String,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE instead of standard output (required for xlsx and docx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Let --out be a symbolic link, and write to the file it points to
    #[arg(long)]
    pub force_follow: bool,
    /// Only this table; csv holds one: by default the groups table
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(report::TABLES))]
    pub table: Option<String>,
    /// Which interviews count: complete ones (the default), drafts, or all
    #[arg(long, value_enum, default_value_t = StatusArg::Complete)]
    pub status: StatusArg,
    /// Only respondents with this attribute value (project=NAME for some projects); repeat:
    /// one attribute's values are alternatives, different attributes must all match
    #[arg(long = "where", value_name = "ATTRIBUTE=VALUE", value_parser = parse_condition)]
    pub conditions: Vec<(String, String)>,
    /// First interview date counted
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last interview date counted
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<Date>,
    /// Replace names and numbers with stable pseudonyms, each project with its own key
    #[arg(long, alias = "pseudonyms")]
    pub pseudonymise: bool,
    /// Count interviews whose consent is not recorded as given (left out by default)
    #[arg(long)]
    pub include_unconsented: bool,
    /// CSV for Excel in the report's language, or RFC 4180 for scripts
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub csv: Option<CsvArg>,
    /// Quotes per code
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..=report::QUOTE_POOL as i64))]
    pub quotes: u8,
}

/// What the paths given name: one programme.json (or a folder with one and no project of its
/// own), or project folders.
pub(crate) fn listing(paths: &[PathBuf], title: Option<&str>) -> Result<Listing, Failure> {
    let file = match paths {
        [one] if one.is_file() => Some(one.clone()),
        [one] if is_programme_dir(one) => Some(one.join(store::programme::FILE)),
        _ => None,
    };
    match file {
        Some(file) => {
            let mut listing = store::programme::read(&file)?;
            if let Some(title) = title {
                listing.title = title.to_string();
            }
            Ok(listing)
        }
        None => {
            if let Some(file) = paths.iter().find(|p| p.is_file()) {
                return Err(Failure::usage(format!(
                    "{} is a file; give project folders, or one programme.json alone",
                    file.display()
                )));
            }
            Ok(store::programme::from_dirs(paths, title))
        }
    }
}

/// Whether `dir` is a programme's folder: a `programme.json` and no project of its own.
pub(crate) fn is_programme_dir(dir: &Path) -> bool {
    dir.join(store::programme::FILE).is_file() && !dir.join(store::PROJECT_FILE).exists()
}

/// The interface on the programme in `dir` (`behov open DIR`, `behov demo --programme`).
pub(crate) fn open(dir: &Path, lang: Option<Lang>) -> Result<ExitCode, Failure> {
    let listing = store::programme::read(&dir.join(store::programme::FILE))?;
    crate::tui::run_programme(dir, &listing, lang)
}

pub fn run(args: ProgrammeArgs, lang: Lang) -> Result<ExitCode, Failure> {
    let format = args.format.render();
    if args.out.is_none() && matches!(format, render::Format::Xlsx | render::Format::Docx) {
        return Err(Failure::usage(
            "a workbook or Word document cannot go to the terminal; say where with --out FILE",
        ));
    }
    if args.csv.is_some() && format != render::Format::Csv {
        return Err(Failure::usage("--csv only applies to --format csv"));
    }
    let out = super::out::Out::checked(args.out.clone(), args.force_follow)?;
    let listing = listing(&args.paths, args.title.as_deref())?;
    let opened = store::programme::open(&listing, args.pseudonymise, args.include_unconsented)?;
    for note in &opened.notes {
        eprintln!("behov: {note}");
    }
    let mut filter = report::Filter {
        status: match args.status {
            StatusArg::Complete => Some(Status::Complete),
            StatusArg::Draft => Some(Status::Draft),
            StatusArg::All => None,
        },
        from: args.from,
        to: args.to,
        ..report::Filter::default()
    };
    for (attribute, value) in args.conditions {
        filter
            .attributes
            .entry(attribute)
            .or_default()
            .insert(value);
    }
    let options = report::Options {
        filter,
        by: (args.by != "none").then_some(args.by),
        lang,
        pseudonyms: false,
        quotes: usize::from(args.quotes),
    };
    let summary = report::summarise_programme(&opened.programme, &options)?;
    let export = render::Export {
        format,
        table: args.table,
        csv: match args.csv {
            Some(CsvArg::Rfc4180) => render::csv::Dialect::Rfc4180,
            Some(CsvArg::Excel) | None => render::csv::Dialect::Excel,
        },
    };
    let bytes = render::export(&summary, &export)?;
    out.write(&bytes)
}
