//! `behov privacy scan|report|allow|name|retain` and `behov erase`: personal data found,
//! registered, marked, and erased.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use jiff::civil::Date;

use super::{Failure, Format, parse_date};
use crate::model::{Lang, value_key};
use crate::privacy::erase::{self, Target};
use crate::privacy::settings::Settings;
use crate::privacy::{Key, register, scan};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Every name, phone number, e-mail address and identity number in the texts, with the
    /// interview, the question and the words around it
    Scan {
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// What personal data the project holds, for the register of processing
    Report {
        dir: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Mark a word or number as not personal data (scan and pseudonymising leave it)
    Allow {
        #[arg(required = true)]
        word: Vec<String>,
    },
    /// Add a person's name to the project's pseudonym list (found and replaced everywhere)
    Name {
        #[arg(required = true)]
        name: Vec<String>,
    },
    /// Set the date by which the project's personal data is erased (behov check warns after)
    Retain {
        #[arg(value_parser = parse_date)]
        date: Date,
    },
}

#[derive(Debug, clap::Args)]
pub struct EraseArgs {
    pub dir: Option<PathBuf>,
    /// The organisation to erase, by id or name: its contact people, its interviews (its
    /// words and name in group interviews)
    #[arg(long, conflicts_with = "person", required_unless_present = "person")]
    pub respondent: Option<String>,
    /// The person to erase, by name: contact details, their words, every mention
    #[arg(long)]
    pub person: Option<String>,
    /// Erase without asking (for scripts)
    #[arg(long)]
    pub yes: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(
    project: Option<PathBuf>,
    command: PrivacyCommand,
    lang: Lang,
) -> Result<ExitCode, Failure> {
    match command {
        PrivacyCommand::Scan { dir, format } => {
            let dir = super::require(super::pick(dir, project)?)?;
            scan_project(&dir, format, lang)
        }
        PrivacyCommand::Report { dir, format } => {
            let dir = super::require(super::pick(dir, project)?)?;
            report(&dir, format, lang)
        }
        PrivacyCommand::Allow { word } => {
            let dir = super::require(project)?;
            let word = word.join(" ");
            edit_key(&dir, |key| {
                key.not_personal.insert(value_key(&word));
            })?;
            println!(
                "'{word}' is not personal data in this project: scan and pseudonymising leave it"
            );
            Ok(ExitCode::SUCCESS)
        }
        PrivacyCommand::Name { name } => {
            let dir = super::require(project)?;
            let name = name.join(" ");
            edit_key(&dir, |key| {
                if !key.names.iter().any(|n| value_key(n) == value_key(&name)) {
                    key.names.push(name.trim().to_string());
                }
            })?;
            println!("'{name}' is on the project's pseudonym list");
            Ok(ExitCode::SUCCESS)
        }
        PrivacyCommand::Retain { date } => {
            let dir = super::require(project)?;
            Store::open_read_only(&dir)?;
            let mut settings = Settings::load(&dir)?;
            settings.retention = Some(date);
            settings.save(&dir)?;
            println!(
                "The project's personal data is to be erased by {date}; behov check warns after that day"
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn edit_key(dir: &Path, change: impl FnOnce(&mut Key)) -> Result<(), Failure> {
    Store::open_read_only(dir)?;
    let mut key = Key::load(dir)?;
    change(&mut key);
    key.save(dir)?;
    Ok(())
}

fn scan_project(dir: &Path, format: Format, lang: Lang) -> Result<ExitCode, Failure> {
    let opened = Store::open_read_only(dir)?;
    let key = Key::load(dir)?;
    let hits = scan::scan(&opened.project, &key);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let value = serde_json::json!({
                "findings": hits,
                "counts": scan::counts(&hits)
                    .into_iter()
                    .map(|(k, n)| (k.label(Lang::En).replace(' ', "_"), n))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            });
            let _ = writeln!(out, "{value:#}");
        }
        Format::Text => {
            let guide = &opened.project.guide;
            for h in &hits {
                let place = match &h.question {
                    Some(q) => match guide.questions.iter().position(|x| x.id == *q) {
                        Some(n) => format!(
                            "{} {}",
                            if lang == Lang::Sv {
                                "fråga"
                            } else {
                                "question"
                            },
                            n + 1
                        ),
                        None => q.clone(),
                    },
                    None => match h.field {
                        scan::Field::Consent => (if lang == Lang::Sv {
                            "samtycke"
                        } else {
                            "consent"
                        })
                        .into(),
                        _ => (if lang == Lang::Sv {
                            "utanför guiden"
                        } else {
                            "outside the guide"
                        })
                        .into(),
                    },
                };
                let _ = writeln!(
                    out,
                    "{} {:<16} {:<14} …{}[{}]{}…",
                    h.interview,
                    place,
                    h.kind.label(lang),
                    h.before,
                    h.text,
                    h.after
                );
            }
            let counts: Vec<String> = scan::counts(&hits)
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| format!("{n} {}", k.label(lang)))
                .collect();
            eprintln!(
                "{} {}{}",
                hits.len(),
                if lang == Lang::Sv { "fynd" } else { "findings" },
                if counts.is_empty() {
                    String::new()
                } else {
                    format!(": {}", counts.join(", "))
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(dir: &Path, format: Format, lang: Lang) -> Result<ExitCode, Failure> {
    let opened = Store::open_read_only(dir)?;
    let key = Key::load(dir)?;
    let settings = Settings::load(dir)?;
    let today = jiff::Zoned::now().date();
    let r = register::register(&opened.project, &key, &settings, today);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let _ = writeln!(out, "{:#}", serde_json::json!(r));
        }
        Format::Text => {
            let _ = write!(out, "{}", register::text(&r, lang));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn erase_command(dir: &Path, args: EraseArgs) -> Result<ExitCode, Failure> {
    let target = match (args.respondent, args.person) {
        (Some(r), None) => Target::Respondent(r),
        (None, Some(p)) => Target::Person(p),
        _ => {
            return Err(Failure::usage(
                "say whom to erase: --respondent ID|NAME or --person NAME",
            ));
        }
    };
    // Refused before anything is opened for writing.
    if !args.yes && !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "erasing cannot be undone and there is no terminal to confirm it; add --yes to erase from a script",
        ));
    }
    let mut opened = erase::open(dir)?;
    let key = Key::load(dir)?;
    let plan = erase::plan(&opened.project, &key, &target)
        .map_err(|message| Failure { message, code: 1 })?;
    let r = &plan.receipt;
    if !args.yes {
        eprintln!("This erases from {} (it cannot be undone):", dir.display());
        describe(&mut std::io::stderr(), r);
        eprint!("Erase? Type yes to erase: ");
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim().to_lowercase().as_str(), "yes" | "ja") {
            eprintln!("Nothing was erased.");
            return Ok(ExitCode::from(1));
        }
    }
    let receipt = erase::apply(&mut opened, plan)?;
    match args.format {
        Format::Json => println!("{:#}", serde_json::json!(receipt)),
        Format::Text => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "Erased from {}:", dir.display());
            describe(&mut out, &receipt);
            let _ = writeln!(
                out,
                "  the search index was rebuilt from the new files and the old one deleted; the journal was emptied"
            );
            if receipt.traces.is_empty() {
                let _ = writeln!(
                    out,
                    "Every file under the project, .behov/ included, was searched afterwards: no trace of the erased names, e-mail addresses or phone numbers."
                );
            }
        }
    }
    if receipt.traces.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(Failure {
            message: format!(
                "erased, but these files still hold an erased name or number: {}",
                receipt
                    .traces
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            code: 1,
        })
    }
}

fn describe(out: &mut dyn Write, r: &erase::Receipt) {
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    let _ = writeln!(out, "  who: {}", r.target);
    if !r.respondents_removed.is_empty() {
        let _ = writeln!(
            out,
            "  organisation removed from project.json: {}",
            list(&r.respondents_removed)
        );
    }
    let _ = writeln!(
        out,
        "  contact people removed at: {}",
        list(&r.people_removed)
    );
    let _ = writeln!(out, "  interviews deleted: {}", list(&r.interviews_deleted));
    let _ = writeln!(out, "  interviews changed: {}", list(&r.interviews_changed));
    let _ = writeln!(
        out,
        "  {} turns they spoke removed, {} mentions replaced by {}, {} codings on removed text removed",
        r.turns_removed,
        r.mentions_replaced,
        erase::ERASED,
        r.codings_removed
    );
    let _ = writeln!(
        out,
        "  pseudonym key entries removed: {}",
        r.key_entries_removed
    );
    if r.damaged_journal_lines_removed > 0 {
        let _ = writeln!(
            out,
            "  lines of damaged journal copies removed: {}",
            r.damaged_journal_lines_removed
        );
    }
}
