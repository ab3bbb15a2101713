//! The command line: clap subcommands for scripting, each a thin call into the library.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::model::{Lang, Status, validate};
use crate::report::{self, render};
use crate::search::{
    self, Access, Catalog, OnDisk, OpenReport, Progress, SearchIndex, SearchOptions, output,
};
use crate::store::{self, Store};
use crate::synth::Synth;

mod agreement;
mod exchange_import;
mod export;
mod import;
mod merge;
mod out;
mod privacy;
mod programme;

#[derive(Debug, Parser)]
#[command(
    name = "behov",
    version,
    about = "Needs-analysis interviews: capture, code, search and summarise"
)]
pub struct Cli {
    /// The project folder (instead of a bare DIR argument)
    #[arg(long, global = true, env = "BEHOV_PROJECT", value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Interface language: sv or en (default: from the locale)
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interface on a fresh copy of the built-in demo project
    Demo {
        /// Three demo regions and a programme.json, opened as one programme
        #[arg(long)]
        programme: bool,
    },
    /// Open the interface on a project (default: the last one opened)
    Open { dir: Option<PathBuf> },
    /// Create a project with the default interview guide and codebook
    New {
        dir: Option<PathBuf>,
        #[arg(long)]
        title: String,
    },
    /// Validate every file and reference; exit 1 if there are problems
    Check { dir: Option<PathBuf> },
    /// Needs-summary tables, in the terminal or as Markdown, CSV, JSON, XLSX or a Word report
    Summary(SummaryArgs),
    /// Agreement between coders per code and overall (percent, Cohen's κ, Krippendorff's α
    /// and unitizing α), with the answers and passages they disagree on
    Agreement(agreement::AgreementArgs),
    /// Rebuild the search index
    Index { dir: Option<PathBuf> },
    /// Search every answer and note: words, OR, -word, "a phrase", prefix*, code:C, type:kommun
    Search {
        /// The query (several words are joined; put -- before a query that starts with -)
        #[arg(required = true)]
        query: Vec<String>,
        /// Only answers coded with this code (or one below it)
        #[arg(long)]
        code: Option<String>,
        /// Only answers to this question (id or number)
        #[arg(long)]
        question: Option<String>,
        /// Only this respondent (id or words of the name)
        #[arg(long)]
        respondent: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Bring transcripts in as draft interviews laid onto the guide (docx, vtt, srt, txt, md;
    /// folders too), or a respondent list (--respondent-list FILE.xlsx|.csv)
    Import(import::ImportArgs),
    /// Write the project for NVivo, ATLAS.ti, MAXQDA or QualCoder: --format qdpx (REFI-QDA
    /// project) or qdc (codebook alone)
    Export(export::ExportArgs),
    /// Personal data: scan the texts, the register report, mark words, the pseudonym list,
    /// the retention date
    Privacy {
        #[command(subcommand)]
        command: privacy::PrivacyCommand,
    },
    /// Erase an organisation or a person from every file of the project (asks first)
    Erase(privacy::EraseArgs),
    /// Merge a colleague's copy of the project into this one: their new interviews,
    /// respondents, codes and codings; conflicts shown with both versions (--undo undoes it)
    Merge(merge::MergeArgs),
    /// One summary across projects that share a codebook: DIR... or a programme.json
    Programme(programme::ProgrammeArgs),
    /// Write a deterministic synthetic project for benchmarks
    Synth {
        #[arg(long)]
        interviews: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    pub dir: Option<PathBuf>,
    /// Split the needs and scale tables by this respondent attribute (type, municipality…)
    #[arg(long, value_name = "ATTRIBUTE")]
    pub by: Option<String>,
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Write to FILE instead of standard output (required for xlsx and docx); only a regular
    /// file or a new path, never a device, a pipe or a folder
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Let --out be a symbolic link, and write to the file it points to
    #[arg(long)]
    pub force_follow: bool,
    /// Only this table; csv holds one: by default the needs table, or the groups table with --by
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(report::TABLES))]
    pub table: Option<String>,
    /// Count only codings by this coder (repeat for several)
    #[arg(long = "coder", value_name = "NAME")]
    pub coders: Vec<String>,
    /// Which interviews count: complete ones (the default), drafts, or all
    #[arg(long, value_enum, default_value_t = StatusArg::Complete)]
    pub status: StatusArg,
    /// Only respondents with this attribute value; repeat: one attribute's values are
    /// alternatives, different attributes must all match
    #[arg(long = "where", value_name = "ATTRIBUTE=VALUE", value_parser = parse_condition)]
    pub conditions: Vec<(String, String)>,
    /// First interview date counted
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last interview date counted
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<Date>,
    /// Replace every person, organisation, phone number, e-mail address and identity number,
    /// in names and in quoted text, with a stable pseudonym ([person 3], [Organisation 7],
    /// [telefon]); the key stays in .behov/pseudonyms.json
    #[arg(long, alias = "pseudonyms")]
    pub pseudonymise: bool,
    /// Count interviews whose consent is not recorded as given (left out by default)
    #[arg(long)]
    pub include_unconsented: bool,
    /// CSV for Excel in the report's language (sv: `;`, decimal comma, BOM, CRLF), or RFC 4180
    /// for scripts (`,`, decimal point, no BOM)
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub csv: Option<CsvArg>,
    /// Quotes per code
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..=report::QUOTE_POOL as i64))]
    pub quotes: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Md,
    Csv,
    Json,
    Xlsx,
    Docx,
}

impl FormatArg {
    pub(crate) fn render(self) -> render::Format {
        match self {
            FormatArg::Table => render::Format::Table,
            FormatArg::Md => render::Format::Markdown,
            FormatArg::Csv => render::Format::Csv,
            FormatArg::Json => render::Format::Json,
            FormatArg::Xlsx => render::Format::Xlsx,
            FormatArg::Docx => render::Format::Docx,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Complete,
    Draft,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvArg {
    Excel,
    Rfc4180,
}

pub(crate) fn parse_condition(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((attribute, value)) if !attribute.trim().is_empty() => {
            Ok((attribute.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!("'{s}' is not ATTRIBUTE=VALUE, e.g. type=inkubator")),
    }
}

pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("'{s}' is not a language behov speaks; use sv or en"))
}

pub use crate::failure::Failure;

pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let project = cli.project.clone();
    match cli.command {
        None => crate::tui::run(project_or_last(project)?, cli.lang),
        Some(Command::Open { dir }) => match pick(dir, project)? {
            Some(dir) if programme::is_programme_dir(&dir) => programme::open(&dir, cli.lang),
            dir => crate::tui::run(project_or_last(dir)?, cli.lang),
        },
        Some(Command::Demo { programme: false }) => {
            crate::tui::require_terminal()?;
            let dir = store::data_dir()?.join("demo");
            store::demo::install(&dir)?;
            crate::tui::run(Some(dir), cli.lang)
        }
        Some(Command::Demo { programme: true }) => {
            crate::tui::require_terminal()?;
            let dir = store::data_dir()?.join("programme");
            store::demo::install_programme(&dir)?;
            programme::open(&dir, cli.lang)
        }
        Some(Command::Programme(args)) => {
            programme::run(args, cli.lang.unwrap_or_else(locale_lang))
        }
        Some(Command::New { dir, title }) => {
            let dir = pick(dir, project)?.ok_or_else(|| {
                Failure::usage("say where to create the project: behov new DIR --title T")
            })?;
            if title.trim().is_empty() {
                return Err(Failure::usage("the title is empty; give one with --title"));
            }
            Store::create(&dir, &store::defaults::project_for_user(title.trim())?)?;
            println!("Created project \"{}\" in {}", title.trim(), dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { dir }) => check(&require(pick(dir, project)?)?),
        Some(Command::Summary(args)) => {
            let dir = require(pick(args.dir.clone(), project)?)?;
            summary(&dir, args, cli.lang.unwrap_or_else(locale_lang))
        }
        Some(Command::Agreement(args)) => {
            let dir = require(pick(args.dir.clone(), project)?)?;
            agreement::run(&dir, args, cli.lang.unwrap_or_else(locale_lang))
        }
        Some(Command::Index { dir }) => index(&require(pick(dir, project)?)?),
        Some(Command::Search {
            query,
            code,
            question,
            respondent,
            limit,
            format,
        }) => {
            let filters = [
                ("code", code),
                ("question", question),
                ("respondent", respondent),
            ]
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_string(), v?)))
            .collect();
            let options = SearchOptions {
                limit: limit.max(1),
                counts: true,
                filters,
                ..SearchOptions::default()
            };
            search_project(
                &require(project)?,
                &query.join(" "),
                &options,
                format,
                cli.lang.unwrap_or_else(locale_lang),
            )
        }
        Some(Command::Import(args)) => import::run(&require(project)?, args),
        Some(Command::Export(args)) => {
            let dir = require(pick(args.dir.clone(), project)?)?;
            export::run(&dir, args, cli.lang.unwrap_or_else(locale_lang))
        }
        Some(Command::Privacy { command }) => {
            privacy::run(project, command, cli.lang.unwrap_or_else(locale_lang))
        }
        Some(Command::Erase(args)) => {
            let dir = require(pick(args.dir.clone(), project)?)?;
            privacy::erase_command(&dir, args)
        }
        Some(Command::Merge(args)) => merge::run(&require(project)?, args),
        Some(Command::Synth {
            interviews,
            out,
            seed,
        }) => synth(interviews, &out, seed),
    }
}

/// A bare DIR and `--project` mean the same; giving both, differently, is a mistake.
fn pick(dir: Option<PathBuf>, project: Option<PathBuf>) -> Result<Option<PathBuf>, Failure> {
    match (dir, project) {
        (Some(a), Some(b)) if a != b => Err(Failure::usage(format!(
            "two projects given ({} and --project {}); give one",
            a.display(),
            b.display()
        ))),
        (a, b) => Ok(a.or(b)),
    }
}

fn require(dir: Option<PathBuf>) -> Result<PathBuf, Failure> {
    dir.ok_or_else(|| {
        Failure::usage("say which project: give DIR or --project DIR (or set BEHOV_PROJECT)")
    })
}

fn project_or_last(dir: Option<PathBuf>) -> Result<Option<PathBuf>, Failure> {
    match dir {
        Some(dir) => Ok(Some(dir)),
        None => Ok(store::settings::Settings::load()
            .recent_projects()
            .into_iter()
            .next()),
    }
}

fn check(dir: &Path) -> Result<ExitCode, Failure> {
    let opened = Store::open_read_only(dir)?;
    for notice in &opened.notices {
        eprintln!("note: {notice}");
    }
    let mut out = std::io::stdout().lock();
    let mut count = opened.unreadable.len();
    for err in &opened.unreadable {
        let _ = writeln!(out, "{err}");
    }
    let problems = validate(&opened.project);
    count += problems.len();
    for problem in &problems {
        let _ = writeln!(out, "{}", store::describe(dir, problem));
    }
    let settings = crate::privacy::settings::Settings::load(dir)?;
    if let Some(warning) = settings.retention_warning(jiff::Zoned::now().date()) {
        count += 1;
        let _ = writeln!(
            out,
            "{}: {warning}",
            dir.join(crate::privacy::settings::FILE).display()
        );
    }
    let p = &opened.project;
    if count == 0 {
        let _ = writeln!(
            out,
            "{}: no problems ({} interviews, {} respondents, {} questions, {} codes)",
            dir.display(),
            p.interviews.len(),
            p.respondents.len(),
            p.guide.questions.len(),
            p.codebook.codes.len()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "{}: {count} problem{} found",
            dir.display(),
            if count == 1 { "" } else { "s" }
        );
        Ok(ExitCode::from(1))
    }
}

fn summary(dir: &Path, args: SummaryArgs, lang: Lang) -> Result<ExitCode, Failure> {
    let format = args.format.render();
    if args.out.is_none() {
        match format {
            render::Format::Xlsx => {
                return Err(Failure::usage(
                    "an XLSX workbook cannot go to the terminal; say where with --out FILE.xlsx",
                ));
            }
            render::Format::Docx => {
                return Err(Failure::usage(
                    "a Word document cannot go to the terminal; say where with --out FILE.docx",
                ));
            }
            _ => {}
        }
    }
    let mut filter = report::Filter {
        coders: args.coders.into_iter().collect(),
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
        by: args.by,
        lang,
        pseudonyms: false,
        quotes: usize::from(args.quotes),
    };
    if args.csv.is_some() && format != render::Format::Csv {
        return Err(Failure::usage("--csv only applies to --format csv"));
    }
    let export = render::Export {
        format,
        table: args.table,
        csv: match args.csv {
            Some(CsvArg::Rfc4180) => render::csv::Dialect::Rfc4180,
            Some(CsvArg::Excel) | None => render::csv::Dialect::Excel,
        },
    };
    let out = out::Out::checked(args.out, args.force_follow)?;
    // Counted from the summary index kept in .behov/: only interview files changed since the
    // last summary are parsed, and the quoted ones. When consent leaves interviews out or the
    // report must be pseudonymised, the whole project is read and prepared as for an export.
    let project = store::load_outline(dir)?;
    // An unreadable key is an error here, as in `prepare_export`.
    crate::privacy::Key::load(dir)?;
    let (index, refreshed) = store::summary_index::summary_index(dir, &project)?;
    let as_counted = !args.pseudonymise
        && (args.include_unconsented || index.all_consented())
        && !index.any_unattributable();
    let (summary, unreadable) = if as_counted {
        let source = store::summary_index::QuotedFiles {
            root: dir,
            index: &index,
        };
        let summary = report::summarise_quoting(&project, &index, &source, &options)?;
        (summary, refreshed.unreadable)
    } else {
        drop(index);
        let opened = Store::open_read_only(dir)?;
        let prepared = prepare_export(
            dir,
            &opened.project,
            args.pseudonymise,
            args.include_unconsented,
            true,
        )?;
        let mut summary = report::summarise(&prepared.project, &options)?;
        summary.pseudonyms = prepared.pseudonymised;
        (summary, opened.unreadable.len())
    };
    if unreadable > 0 {
        eprintln!(
            "behov: {} not be read and {} left out; run behov check {} for details",
            crate::words::plural(unreadable, "interview file could", "interview files could"),
            if unreadable == 1 { "is" } else { "are" },
            dir.display()
        );
    }
    let bytes = render::export(&summary, &export)?;
    out.write(&bytes)
}

/// The project as an export is written from it: interviews without recorded consent left out
/// unless `include_unconsented`, and pseudonymised when asked for, or (for reports) when an
/// interview's consent says its quotes may not be attributed. Says on stderr what was done.
pub(crate) fn prepare_export(
    dir: &Path,
    project: &crate::model::Project,
    pseudonymise: bool,
    include_unconsented: bool,
    report: bool,
) -> Result<crate::privacy::Prepared, Failure> {
    use crate::privacy::pseudonymise as p;
    // An unreadable key is an error here, not a fresh start that would renumber everyone.
    crate::privacy::Key::load(dir)?;
    let options = p::Options {
        pseudonymise,
        without_consent: include_unconsented,
    };
    let (prepared, forced_by, unsaved) = p::for_export(project, dir, options, report);
    if !prepared.left_out.is_empty() {
        eprintln!(
            "behov: {} without recorded consent left out ({}); --include-unconsented counts them",
            crate::words::plural(prepared.left_out.len(), "interview", "interviews"),
            prepared.left_out.join(", ")
        );
    }
    if !forced_by.is_empty() {
        eprintln!(
            "behov: pseudonymised, because the consent of {} says quotes may not be attributed",
            forced_by.join(", ")
        );
    }
    if let Some(e) = unsaved {
        eprintln!(
            "behov: the pseudonym key could not be saved, so new pseudonyms may change next time: {e}"
        );
    }
    Ok(prepared)
}

/// The language of the locale, for output that is read rather than parsed.
fn locale_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .and_then(|v| Lang::parse(&v))
        .unwrap_or(Lang::En)
}

/// Progress of a rebuild on stderr, only when someone is watching.
fn progress_printer() -> impl FnMut(Progress) {
    let tty = std::io::stderr().is_terminal();
    move |p: Progress| {
        if tty && p.total > 0 {
            eprint!("\rindexing {}/{} interviews", p.done, p.total);
            if p.done == p.total {
                eprintln!();
            }
        }
    }
}

fn index(dir: &Path) -> Result<ExitCode, Failure> {
    // Built from the interview files in batches: the project is never in memory all at once.
    let project = store::load_outline(dir)?;
    let Some(lock) = store::Lock::try_acquire(dir)? else {
        return Err(Failure {
            message: format!(
                "another behov holds {}, and it keeps the search index up to date; close it to rebuild the index here",
                dir.display()
            ),
            code: 1,
        });
    };
    let started = Instant::now();
    let (_, answers) = SearchIndex::rebuild_from_files(dir, &project, &mut progress_printer())?;
    drop(lock);
    println!(
        "Indexed {answers} answers from {} interviews in {:.1} s",
        store::interview_ids(dir)?.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn search_project(
    dir: &Path,
    query: &str,
    options: &SearchOptions,
    format: Format,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    let scan = {
        let root = dir.to_path_buf();
        std::thread::spawn(move || OnDisk::read_kept(&root))
    };
    let light = store::load_light(dir)?;
    // While the files are `stat`ed, search as if the index were up to date, as it nearly
    // always is; the answer is kept if it was.
    let guess = if search::names_respondents(query, options) {
        None
    } else {
        let catalog = Arc::new(Catalog::light(&light.project, 0));
        match SearchIndex::open_catalog(dir, catalog)? {
            Some(index) => {
                let results = index.search(query, options)?;
                let names = light.names(&shown(&results))?;
                Some((index, results, names))
            }
            None => None,
        }
    };
    let disk = scan.join().unwrap_or_else(|_| OnDisk::read(dir))?;
    if let (Some((mut index, results, names)), Some(fingerprint)) =
        (guess, disk.kept_fingerprint(light.stamps))
    {
        index.set_catalog(Arc::new(Catalog::light(&light.project, fingerprint)));
        let stale = index.stale_against(&disk)?;
        if stale.interviews.is_empty() && !stale.project {
            let report = OpenReport {
                read_only: true,
                ..OpenReport::default()
            };
            print_results(query, &results, &names, &report, format, lang);
            std::mem::forget((index, results, light, disk));
            return Ok(ExitCode::SUCCESS);
        }
    }
    let (index, report, light) = open_for_query(dir, query, options, light, disk)?;
    let results = index.search(query, options)?;
    let names: HashMap<String, String> = match &light {
        Some(light) => light.names(&shown(&results))?,
        None => shown(&results)
            .iter()
            .filter_map(|id| Some((id.to_string(), index.catalog().respondent(id)?.name.clone())))
            .collect(),
    };
    print_results(query, &results, &names, &report, format, lang);
    // The process ends here: freeing a national project's respondents and the index's
    // tables one by one would cost more than the search.
    std::mem::forget((index, results, light));
    Ok(ExitCode::SUCCESS)
}

/// The respondents the hits show.
fn shown(results: &search::SearchResults) -> HashSet<&str> {
    results
        .hits
        .iter()
        .flat_map(|h| h.respondents.iter().map(String::as_str))
        .collect()
}

fn print_results(
    query: &str,
    results: &search::SearchResults,
    names: &HashMap<String, String>,
    report: &OpenReport,
    format: Format,
    lang: Lang,
) {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json => {
            let value = output::json(query, results, names, report, lang);
            let _ = writeln!(out, "{value:#}");
        }
        Format::Text => {
            let marks = if std::io::stdout().is_terminal() {
                output::Marks::Bold
            } else {
                output::Marks::Brackets
            };
            let _ = write!(out, "{}", output::text(results, names, lang, marks));
            let _ = out.flush();
            if report.stale > 0 {
                eprintln!(
                    "note: another behov holds the project; {} changed interviews are searched as last indexed",
                    report.stale
                );
            }
            for note in &results.notes {
                eprintln!("note: {}", note.text(lang));
            }
        }
    }
    let _ = out.flush();
}

/// The index, up to date with the interview files where this process may update it, and
/// the project's outline when the catalog was made without the respondents.
///
/// Searching never holds the project and reads no interview file the index already has:
/// project.json for names and filters (`light`), the index for the rest, and one `stat` per
/// interview file (`disk`, read on its own thread meanwhile) to see what changed. What the
/// last search found up to date is kept in `.behov/search-fresh`; while it holds, the folder
/// is not listed, the index's record of each file is not read, and the respondents are not
/// built unless the query filters by them. Only when the index lacks changed interviews and
/// nobody else keeps it is the lock taken, for the update alone; the interviews are read only
/// when there is no index to trust or the respondents or codebook changed, so that every
/// interview is indexed again.
fn open_for_query(
    dir: &Path,
    query: &str,
    options: &SearchOptions,
    light: store::Light,
    disk: OnDisk,
) -> Result<(SearchIndex, OpenReport, Option<store::Light>), Failure> {
    let kept = disk
        .kept_fingerprint(light.stamps)
        .filter(|_| !search::names_respondents(query, options));
    let catalog = match kept {
        Some(fingerprint) => Catalog::light(&light.project, fingerprint),
        None => Catalog::of_thin(&light.thin()?),
    };
    // Respondents or codes changed since the index was written: every interview is due.
    let mut project_stale = false;
    if let Some(index) = SearchIndex::open_catalog(dir, Arc::new(catalog))? {
        let stale = index.stale_against(&disk)?;
        project_stale = stale.project;
        index.keep_fresh(&disk, &stale, light.stamps);
        let light = kept.map(|_| light);
        if !stale.project {
            let as_it_is = OpenReport {
                stale: stale.interviews.len(),
                read_only: true,
                ..OpenReport::default()
            };
            if stale.interviews.is_empty() {
                return Ok((index, as_it_is, light));
            }
            let Some(lock) = store::Lock::try_acquire(dir)? else {
                return Ok((index, as_it_is, light));
            };
            drop(index);
            let project = store::load_outline(dir)?;
            if let Some((mut updated, report)) =
                SearchIndex::open_files(dir, &project, Access::Write)?
            {
                updated.release_writer()?;
                drop(lock);
                return Ok((updated, report, None));
            }
        }
    }
    let opened = Store::open_read_only(dir)?;
    let (mut index, mut report) = SearchIndex::open(
        dir,
        &opened.project,
        Access::ReadOnly,
        &mut progress_printer(),
    )?;
    if (report.stale > 0 || report.in_memory || project_stale)
        && let Some(lock) = store::Lock::try_acquire(dir)?
    {
        let (mut updated, update) =
            SearchIndex::open(dir, &opened.project, Access::Write, &mut progress_printer())?;
        updated.release_writer()?;
        drop(lock);
        (index, report) = (updated, update);
    }
    Ok((index, report, None))
}

fn synth(interviews: usize, out: &Path, seed: u64) -> Result<ExitCode, Failure> {
    if interviews == 0 {
        return Err(Failure::usage("--interviews must be at least 1"));
    }
    let mut synth = Synth::new(seed);
    let respondents = interviews.div_ceil(2).max(1);
    let project = synth.project(respondents);
    let opened = Store::create(out, &project)?;
    for n in 1..=interviews {
        opened
            .store
            .save_interview(&synth.interview(n, respondents))?;
    }
    println!(
        "Wrote {interviews} interviews ({} answers) with {respondents} respondents to {}",
        interviews * crate::synth::QUESTIONS,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
