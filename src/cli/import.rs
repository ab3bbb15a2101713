//! `behov import`: transcripts as draft interviews, and respondent lists.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::{Value, json};

use super::{Failure, Format, parse_date};
use crate::import::{self, Draft, ListChange, ListPlan, Place, Plan, Who};
use crate::model::Project;
use crate::store::{Opened, Store};
use crate::words::plural;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Transcript files, or folders of them; or REFI-QDA files from NVivo, ATLAS.ti, MAXQDA or
    /// QualCoder (.qdpx projects, .qdc codebooks)
    #[arg(value_name = "FILE", required_unless_present = "respondent_list")]
    pub files: Vec<PathBuf>,
    /// The respondent (id or name) of every file; a new name creates the respondent
    /// (default: the one named in the file name, or whose people speak in it)
    #[arg(long, value_name = "NAME|ID")]
    pub respondent: Option<String>,
    /// The interviewer's name (default: the speaker who asks the guide's questions)
    #[arg(long, value_name = "NAME")]
    pub interviewer: Option<String>,
    /// The interview date (default: a date in the file name, else today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// Read the files as this format instead of by their extension
    #[arg(long = "as", value_enum, default_value_t = AsArg::Auto)]
    pub read_as: AsArg,
    /// Show what would be imported, and how the transcript maps onto the guide; write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Import a file again although an interview was already made from the same file
    #[arg(long)]
    pub again: bool,
    /// Add or update respondents from a list (.xlsx, .xls, .ods or .csv with a header row)
    #[arg(long, value_name = "FILE")]
    pub respondent_list: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AsArg {
    Auto,
    Docx,
    Vtt,
    Srt,
    Txt,
}

/// Files larger than this show progress even when they are the only one.
const BIG_FILE: u64 = 5_000_000;

pub fn run(dir: &Path, args: ImportArgs) -> Result<ExitCode, Failure> {
    if super::exchange_import::wanted(&args.files)? {
        return super::exchange_import::run(dir, &args.files, args.dry_run, args.format);
    }
    let mut opened = open(dir, args.dry_run)?;
    let mut out = std::io::stdout().lock();
    let mut report = serde_json::Map::new();
    let mut failed = false;
    if let Some(list) = &args.respondent_list {
        let bytes = read(list)?;
        let rows = import::read_table(&bytes, &list.to_string_lossy())
            .map_err(|e| file_failure(list, e))?;
        let plan = import::plan_list(&opened.project, &rows).map_err(|e| file_failure(list, e))?;
        if !args.dry_run {
            import::apply_list(&opened.store, &mut opened.project, &plan)?;
        }
        match args.format {
            Format::Text => {
                let _ = write!(out, "{}", list_text(list, &plan, args.dry_run));
            }
            Format::Json => {
                report.insert("respondent_list".into(), list_json(&plan));
            }
        }
    }
    if !args.files.is_empty() {
        let files = collect(&args.files)?;
        let options = import::Options {
            respondent: args.respondent.clone(),
            interviewer: args.interviewer.clone(),
            date: args.date,
            format: match args.read_as {
                AsArg::Auto => None,
                AsArg::Docx => Some(import::Format::Docx),
                AsArg::Vtt => Some(import::Format::Vtt),
                AsArg::Srt => Some(import::Format::Srt),
                AsArg::Txt => Some(import::Format::Txt),
            },
            again: args.again,
        };
        let total = files.len();
        let tty = std::io::stderr().is_terminal();
        let mut read_failed = Vec::new();
        // Progress goes to a terminal only, and only when there is something to wait for.
        let show = tty && (total > 1 || files.iter().any(|f| size_of(f) > BIG_FILE));
        // Files are read one at a time as the plan takes them, so only one file's bytes are
        // held at once; the one being mapped is named in the progress line.
        let current = std::cell::RefCell::new(String::new());
        let contents = files.iter().filter_map(|path| match std::fs::read(path) {
            Ok(bytes) => {
                let name = path.to_string_lossy().into_owned();
                current.replace(name.clone());
                Some((name, bytes))
            }
            Err(e) => {
                read_failed.push((path.display().to_string(), e.to_string()));
                None
            }
        });
        let mut last = (usize::MAX, usize::MAX);
        let mut progress = |n: usize, step: import::Step| {
            if !show {
                return;
            }
            let percent = match step {
                import::Step::Reading => 0,
                import::Step::Mapping(done, all) => done * 100 / all.max(1),
            };
            if (n, percent) != last {
                last = (n, percent);
                eprint!(
                    "\rimporting {}/{total}: {} {percent} %\x1b[K",
                    n + 1,
                    current.borrow()
                );
            }
        };
        let reserved: Vec<String> = opened.store.reserved_ids().map(str::to_string).collect();
        let mut plan = import::plan_with(
            &opened.project,
            contents,
            &options,
            &reserved,
            Timestamp::now(),
            &mut progress,
        );
        if show {
            eprintln!();
        }
        plan.failed.extend(read_failed);
        let written = if args.dry_run {
            Vec::new()
        } else {
            import::apply(&opened.store, &mut opened.project, &plan)?
        };
        failed = !plan.failed.is_empty();
        match args.format {
            Format::Text => {
                let _ = write!(out, "{}", plan_text(&opened.project, &plan));
                for (file, error) in &plan.failed {
                    eprintln!("behov: {file}: {error}; nothing was imported from it");
                }
                let _ = writeln!(out, "{}", closing(&plan, &written, args.dry_run));
            }
            Format::Json => {
                report.insert("files".into(), plan_json(&opened.project, &plan));
                report.insert(
                    "failed".into(),
                    plan.failed
                        .iter()
                        .map(|(file, error)| json!({ "file": file, "error": error }))
                        .collect(),
                );
                report.insert("written".into(), json!(written));
            }
        }
    }
    if args.format == Format::Json {
        report.insert("dry_run".into(), json!(args.dry_run));
        let _ = writeln!(out, "{:#}", Value::Object(report));
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn open(dir: &Path, dry_run: bool) -> Result<Opened, Failure> {
    if dry_run {
        return Ok(Store::open_read_only(dir)?);
    }
    let opened = Store::open(dir)?;
    if opened.store.is_read_only() {
        return Err(Failure {
            message: format!(
                "another behov has {} open; close it to import (or look first with --dry-run)",
                dir.display()
            ),
            code: 1,
        });
    }
    Ok(opened)
}

fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure {
        message: format!("{}: {e}", path.display()),
        code: 1,
    })
}

fn file_failure(path: &Path, e: import::Error) -> Failure {
    Failure {
        message: format!("{}: {e}; nothing was changed", path.display()),
        code: 1,
    }
}

/// The files to import: each file given, and the transcripts in each folder given (by name,
/// hidden files and files of other kinds left out).
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| Failure {
                message: format!("{}: {e}", path.display()),
                code: 1,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    let name = p.file_name().unwrap_or_default().to_string_lossy();
                    !name.starts_with('.') && import::Format::from_extension(&name).is_some()
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Failure::usage(format!(
                    "{} holds no transcripts (.docx, .vtt, .srt, .txt, .md)",
                    path.display()
                )));
            }
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(Failure::usage(format!("{}: no such file", path.display())));
        }
    }
    Ok(out)
}

fn respondent_name<'a>(project: &'a Project, draft: &'a Draft) -> (&'a str, &'a str, String) {
    match &draft.who {
        Who::Existing { id, because } => (
            id,
            project.respondent(id).map_or("", |r| r.name.as_str()),
            (*because).to_string(),
        ),
        Who::New(r) => (&r.id, &r.name, "new respondent".to_string()),
    }
}

fn short(text: &str, chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= chars {
        flat
    } else {
        format!("{}…", flat.chars().take(chars - 1).collect::<String>())
    }
}

fn plan_text(project: &Project, plan: &Plan) -> String {
    let mut s = String::new();
    for d in &plan.drafts {
        let i = &d.interview;
        let (rid, rname, because) = respondent_name(project, d);
        s += &format!(
            "{} ({}{}): {} with {rname} ({rid}, {because}), {}, interviewer {}\n",
            d.file,
            d.transcript.format,
            if d.transcript.format == import::Format::Docx {
                String::new()
            } else {
                format!(", {}", d.transcript.encoding)
            },
            i.id,
            i.date,
            if i.interviewer.is_empty() {
                "unknown"
            } else {
                &i.interviewer
            },
        );
        if let Some(first) = &d.duplicate_of {
            s += &format!(
                "  already imported as {first} (same checksum): skipped; use --again to import it once more\n"
            );
            continue;
        }
        let outside = d
            .mapping
            .places
            .iter()
            .filter(|p| **p == Place::Outside)
            .count();
        s += &format!(
            "  {} turns · {} of {} questions found · {outside} turns outside the guide\n",
            d.transcript.turns.len(),
            d.mapping.answers.len(),
            project.guide.questions.len(),
        );
        if !d.mapping.participants.is_empty() {
            s += &format!("  participants: {}", d.mapping.participants.join(", "));
            if !d.new_people.is_empty() {
                s += &format!(" (new contact people: {})", d.new_people.join(", "));
            }
            s.push('\n');
        }
        for (n, q) in project.guide.questions.iter().enumerate() {
            let found = d.mapping.answers.iter().find(|a| a.question == q.id);
            let line = match found.and_then(|a| Some((a, *a.asked_by.first()?))) {
                Some((a, turn)) => {
                    let asked = &d.transcript.turns[turn];
                    let at = asked
                        .start_ms
                        .map(|t| format!(" {}", import::show_time(t)))
                        .unwrap_or_default();
                    format!(
                        "turn {}{at} \"{}\" ({:.0} %), {} turns",
                        turn + 1,
                        short(&asked.text, 50),
                        a.confidence * 100.0,
                        a.turns.len()
                    )
                }
                None => "not found".to_string(),
            };
            s += &format!("  {:>2} {:<42} ← {line}\n", n + 1, short(&q.text.sv, 42));
        }
        for w in &d.transcript.warnings {
            s += &format!("  note: {w}\n");
        }
    }
    s
}

fn closing(plan: &Plan, written: &[String], dry_run: bool) -> String {
    let ready = plan.to_write().count();
    let skipped = plan.drafts.len() - ready;
    let mut s = if dry_run {
        format!(
            "Dry run: {} would be imported; nothing was written.",
            plural(ready, "interview", "interviews")
        )
    } else if written.is_empty() {
        "Nothing was imported.".to_string()
    } else {
        format!(
            "Imported {} as drafts ({}); open them in behov to check the details and complete them.",
            plural(written.len(), "interview", "interviews"),
            written.join(", ")
        )
    };
    if skipped > 0 {
        s += &format!(
            " {} imported before and skipped.",
            plural(skipped, "file was", "files were")
        );
    }
    if !plan.failed.is_empty() {
        s += &format!(
            " {} not be read.",
            plural(plan.failed.len(), "file could", "files could")
        );
    }
    s
}

fn plan_json(project: &Project, plan: &Plan) -> Value {
    plan.drafts
        .iter()
        .map(|d| {
            let (rid, rname, because) = respondent_name(project, d);
            let turns = &d.transcript.turns;
            json!({
                "file": d.file,
                "format": d.transcript.format.name(),
                "encoding": d.transcript.encoding.name(),
                "warnings": d.transcript.warnings,
                "interview": d.interview.id,
                "duplicate_of": d.duplicate_of,
                "respondent": {
                    "id": rid,
                    "name": rname,
                    "new": matches!(d.who, Who::New(_)),
                    "because": because,
                },
                "date": d.interview.date.to_string(),
                "interviewer": d.interview.interviewer,
                "speaker_interviewer": d.mapping.interviewer,
                "participants": d.mapping.participants,
                "new_people": d.new_people,
                "questions": d.mapping.answers.iter().map(|a| json!({
                    "question": a.question,
                    "number": project.guide.position(&a.question).map(|p| p + 1),
                    "confidence": (a.confidence * 100.0).round() / 100.0,
                    "asked_by": a.asked_by,
                    "asked": a.asked_by.first().map(|&t| turns[t].text.as_str()),
                    "turns": a.turns,
                    "start_ms": a.time.map(|t| t.start_ms),
                    "end_ms": a.time.map(|t| t.end_ms),
                    "text": a.text,
                })).collect::<Vec<_>>(),
                "missing": project.guide.questions.iter()
                    .filter(|q| !d.mapping.answers.iter().any(|a| a.question == q.id))
                    .map(|q| q.id.as_str()).collect::<Vec<_>>(),
                "outside": d.mapping.outside,
                "turns": turns.iter().zip(&d.mapping.places).map(|(t, p)| json!({
                    "speaker": t.speaker,
                    "start_ms": t.start_ms,
                    "end_ms": t.end_ms,
                    "place": match p {
                        Place::Asks { question, confidence } => json!({
                            "asks": question, "confidence": (confidence * 100.0).round() / 100.0
                        }),
                        Place::Answers { question } => json!({ "answers": question }),
                        Place::Outside => json!("outside"),
                    },
                    "text": t.text,
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn list_text(path: &Path, plan: &ListPlan, dry_run: bool) -> String {
    let mut s = format!("{}:\n", path.display());
    for a in &plan.new_attributes {
        s += &format!("  new attribute {} (\"{}\")\n", a.id, a.label.sv);
    }
    let (mut added, mut updated, mut same) = (0, 0, 0);
    for c in &plan.changes {
        match c {
            ListChange::Add(r) => {
                added += 1;
                s += &format!("  + {} {}\n", r.id, r.name);
            }
            ListChange::Update { id, name, changes } => {
                updated += 1;
                let list: Vec<String> = changes
                    .iter()
                    .map(|(k, old, new)| {
                        if old.is_empty() {
                            format!("{k}: {new}")
                        } else {
                            format!("{k}: {old} → {new}")
                        }
                    })
                    .collect();
                s += &format!("  ~ {id} {name}: {}\n", list.join("; "));
            }
            ListChange::Unchanged { .. } => same += 1,
        }
    }
    for w in &plan.warnings {
        s += &format!("  note: {w}\n");
    }
    s += &format!(
        "{} {added} new, {updated} updated, {same} unchanged respondent(s){}\n",
        if dry_run { "Dry run:" } else { "Respondents:" },
        if dry_run {
            "; nothing was written."
        } else {
            "."
        }
    );
    s
}

fn list_json(plan: &ListPlan) -> Value {
    json!({
        "new_attributes": plan.new_attributes.iter().map(|a| json!({"id": a.id, "label": a.label.sv})).collect::<Vec<_>>(),
        "changes": plan.changes.iter().map(|c| match c {
            ListChange::Add(r) => json!({"add": r.id, "name": r.name, "attributes": r.attributes}),
            ListChange::Update { id, name, changes } => json!({
                "update": id,
                "name": name,
                "changes": changes.iter().map(|(k, old, new)| json!({"field": k, "old": old, "new": new})).collect::<Vec<_>>(),
            }),
            ListChange::Unchanged { id, name } => json!({"unchanged": id, "name": name}),
        }).collect::<Vec<_>>(),
        "warnings": plan.warnings,
    })
}
