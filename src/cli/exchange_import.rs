//! `behov import FILE.qdpx|FILE.qdc`: projects and codebooks from other QDA software.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::Timestamp;
use serde_json::json;

use super::{Failure, Format};
use crate::exchange::{self, import::Plan};
use crate::model::Codebook;
use crate::store::{self, Store};

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

fn is_exchange(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("qdpx" | "qdc"))
}

/// Whether the files are REFI-QDA files; mixing them with transcripts is refused, since the
/// two imports write different things.
pub fn wanted(files: &[PathBuf]) -> Result<bool, Failure> {
    let exchange = files.iter().filter(|f| is_exchange(f)).count();
    if exchange > 0 && exchange < files.len() {
        return Err(Failure::usage(
            "import .qdpx and .qdc files on their own, not together with transcripts",
        ));
    }
    Ok(exchange > 0)
}

fn failure(path: &Path, message: impl std::fmt::Display) -> Failure {
    Failure {
        message: format!("{}: {message}", path.display()),
        code: 1,
    }
}

pub fn run(
    dir: &Path,
    files: &[PathBuf],
    dry_run: bool,
    format: Format,
) -> Result<ExitCode, Failure> {
    let mut out = std::io::stdout().lock();
    let mut reports = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| failure(file, e))?;
        let qdpx = extension(file).as_deref() == Some("qdpx");
        let exists = dir.join(store::PROJECT_FILE).is_file();
        let plan = if !exists && qdpx {
            // A new project: the default guide and attributes, the file's codes only.
            let mut base = store::defaults::project("");
            base.codebook = Codebook::default();
            let mut plan =
                exchange::import::plan_qdpx(bytes, &base, exchange::MAX_UNPACKED, Timestamp::now())
                    .map_err(|e| failure(file, e))?;
            plan.project.title = if plan.report.name.trim().is_empty() {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            } else {
                plan.report.name.trim().to_string()
            };
            if !dry_run {
                Store::create(dir, &plan.project)?;
            }
            plan
        } else {
            if !exists && !dir.exists() {
                return Err(failure(
                    dir,
                    "there is no project here; create one with behov new, or import a .qdpx to start one",
                ));
            }
            let mut opened = super::import::open(dir, dry_run)?;
            let plan = if qdpx {
                exchange::import::plan_qdpx(
                    bytes,
                    &opened.project,
                    exchange::MAX_UNPACKED,
                    Timestamp::now(),
                )
            } else {
                exchange::import::plan_qdc(&bytes, &file.to_string_lossy(), &opened.project)
            }
            .map_err(|e| failure(file, e))?;
            if !dry_run {
                exchange::import::apply(&opened.store, &mut opened.project, &plan)?;
            }
            plan
        };
        match format {
            Format::Text => {
                let _ = write!(out, "{}", text(file, dir, &plan, dry_run, qdpx));
            }
            Format::Json => reports.push(report_json(file, &plan)),
        }
    }
    if format == Format::Json {
        let value = json!({ "exchange": reports, "dry_run": dry_run });
        let _ = writeln!(out, "{value:#}");
    }
    Ok(ExitCode::SUCCESS)
}

fn text(file: &Path, dir: &Path, plan: &Plan, dry_run: bool, qdpx: bool) -> String {
    let r = &plan.report;
    let mut s = format!("{}", file.display());
    if !r.origin.is_empty() {
        s.push_str(&format!(" (written by {})", r.origin));
    }
    s.push('\n');
    for note in &r.dialect {
        s.push_str(&format!("  note: {note}\n"));
    }
    for skipped in &r.skipped {
        s.push_str(&format!("  skipped: {skipped}\n"));
    }
    let verb = if dry_run { "Would add" } else { "Added" };
    if qdpx {
        s.push_str(&format!(
            "{verb} {} interviews with {} codings ({} with a memo), {} new codes ({} already there), {} new respondents ({} already there) to {}\n",
            r.interviews,
            r.codings,
            r.memos,
            r.codes_new,
            r.codes_matched,
            r.respondents_new,
            r.respondents_matched,
            dir.display()
        ));
        if !r.coders.is_empty() {
            let coders: Vec<&str> = r.coders.iter().map(String::as_str).collect();
            s.push_str(&format!("Coders: {}\n", coders.join(", ")));
        }
    } else {
        s.push_str(&format!(
            "{verb} {} new codes to the codebook of {} ({} already there, matched by name)\n",
            r.codes_new,
            dir.display(),
            r.codes_matched
        ));
    }
    if dry_run {
        s.push_str("Nothing was written (dry run).\n");
    }
    s
}

fn report_json(file: &Path, plan: &Plan) -> serde_json::Value {
    let r = &plan.report;
    json!({
        "file": file.display().to_string(),
        "origin": r.origin,
        "dialect": r.dialect,
        "skipped": r.skipped,
        "interviews": plan.new_interviews.iter().map(|i| &i.id).collect::<Vec<_>>(),
        "codings": r.codings,
        "memos": r.memos,
        "codes_new": r.codes_new,
        "codes_matched": r.codes_matched,
        "respondents_new": r.respondents_new,
        "respondents_matched": r.respondents_matched,
        "coders": r.coders,
    })
}
