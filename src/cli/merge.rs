//! `behov merge OTHER_DIR`: a colleague's copy merged into the project, shown first, asked
//! about, written as one change; `behov merge --undo` puts the files back.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::failure::Failure;
use crate::model::Keep;
use crate::model::merge::{self, ChangeKind, Conflict, Kind, Plan, Resolutions};
use crate::store::{self, Store, journal};

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The colleague's copy of the project (a folder, or a git checkout of another branch)
    #[arg(required_unless_present = "undo")]
    pub other: Option<PathBuf>,
    /// Show what would come in and the conflicts; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Merge without asking (conflicts must still be decided)
    #[arg(long)]
    pub yes: bool,
    /// Decide every conflict for this copy's version
    #[arg(long, conflicts_with_all = ["theirs", "both"])]
    pub mine: bool,
    /// Decide every conflict for the other copy's version
    #[arg(long, conflicts_with = "both")]
    pub theirs: bool,
    /// Keep both versions wherever that is possible (texts joined, ids renumbered)
    #[arg(long)]
    pub both: bool,
    /// Decide one conflict by the key shown in brackets: KEY=mine|theirs|both (repeat)
    #[arg(long = "keep", value_name = "KEY=CHOICE", value_parser = parse_keep)]
    pub keep: Vec<(String, Keep)>,
    /// Ignore a common ancestor found in git and compare the two copies only
    #[arg(long)]
    pub two_way: bool,
    /// Put back every file the last merge changed, as it was before
    #[arg(long, conflicts_with_all = ["other", "dry_run", "mine", "theirs", "both", "keep"])]
    pub undo: bool,
}

fn parse_keep(s: &str) -> Result<(String, Keep), String> {
    let (key, choice) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("'{s}' is not KEY=mine|theirs|both"))?;
    let keep = match choice.trim().to_lowercase().as_str() {
        "mine" | "min" => Keep::Mine,
        "theirs" | "deras" => Keep::Theirs,
        "both" | "båda" => Keep::Both,
        other => return Err(format!("'{other}' is not mine, theirs or both")),
    };
    Ok((key.trim().to_string(), keep))
}

pub fn run(dir: &Path, args: MergeArgs) -> Result<ExitCode, Failure> {
    let mut opened = Store::open(dir)?;
    if let Some(reason) = opened.store.read_only_reason() {
        return Err(Failure {
            message: format!("nothing can be merged now: {reason}"),
            code: 1,
        });
    }
    journal::fold(&opened.store, &mut opened.project)?;
    if args.undo {
        let receipt = store::merge::undo(&opened.store)?;
        println!(
            "The last merge was undone: {} as before it.",
            crate::words::plural(receipt.files, "file is", "files are")
        );
        return Ok(ExitCode::SUCCESS);
    }
    let other = args
        .other
        .clone()
        .expect("clap requires OTHER_DIR without --undo");
    let theirs = store::merge::read_other(dir, &other)?;
    let ancestor = if args.two_way {
        None
    } else {
        store::merge::ancestor(dir, &other)
    };
    let mut resolutions = Resolutions {
        by_key: args.keep.iter().cloned().collect(),
        all: [
            (args.mine, Keep::Mine),
            (args.theirs, Keep::Theirs),
            (args.both, Keep::Both),
        ]
        .into_iter()
        .find_map(|(on, keep)| on.then_some(keep)),
    };
    let plan = merge::merge(
        ancestor.as_ref().map(|(p, _)| p),
        &opened.project,
        &theirs,
        &resolutions,
    )
    .map_err(|e| Failure {
        message: format!("{e}; nothing was merged"),
        code: 1,
    })?;
    let unknown: Vec<&String> = resolutions
        .by_key
        .keys()
        .filter(|k| !plan.conflicts.iter().any(|c| &c.key == *k))
        .collect();
    if !unknown.is_empty() {
        return Err(Failure::usage(format!(
            "--keep names no conflict of this merge: {}; the keys are shown in brackets by --dry-run",
            unknown
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    resolutions.by_key.clear();
    let mut out = std::io::stdout().lock();
    let how = match &ancestor {
        Some((_, commit)) => format!(
            "three-way, from their common ancestor in git (commit {})",
            &commit[..commit.len().min(10)]
        ),
        None => "two-way: no common ancestor is known".to_string(),
    };
    let _ = writeln!(
        out,
        "Merging {} into {} ({how}).",
        other.display(),
        dir.display()
    );
    describe(&mut out, &plan);
    if plan.changes.is_empty() && plan.conflicts.is_empty() {
        let _ = writeln!(out, "Nothing to merge: this copy already holds all of it.");
        return Ok(ExitCode::SUCCESS);
    }
    if args.dry_run {
        let _ = writeln!(out, "Dry run: nothing was written.");
        return Ok(ExitCode::SUCCESS);
    }
    let open = plan.unresolved();
    if open > 0 {
        return Err(Failure {
            message: format!(
                "{open} conflict{} not decided, so nothing was merged; decide each with --keep KEY=mine|theirs|both, or all with --mine, --theirs or --both",
                if open == 1 { " is" } else { "s are" }
            ),
            code: 1,
        });
    }
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(
                "there is no terminal to confirm the merge; add --yes to merge from a script (it can be undone with --undo)",
            ));
        }
        let _ = write!(out, "Merge? Type yes to merge: ");
        let _ = out.flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(
            answer.trim().to_lowercase().as_str(),
            "yes" | "y" | "ja" | "j"
        ) {
            let _ = writeln!(out, "Nothing was merged.");
            return Ok(ExitCode::from(1));
        }
    }
    let receipt = store::merge::apply(&opened.store, &opened.project, &plan.project, &other)?;
    let _ = writeln!(
        out,
        "Merged: {} written as one change. To undo: behov merge --undo --project {}",
        crate::words::plural(receipt.files, "file", "files"),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The plan as text: what comes in, counted and listed, then every conflict with both
/// versions and its key.
fn describe(out: &mut dyn Write, plan: &Plan) {
    let counted = [
        (ChangeKind::NewInterview, "new interview", "new interviews"),
        (
            ChangeKind::NewRespondent,
            "new respondent",
            "new respondents",
        ),
        (ChangeKind::NewCode, "new code", "new codes"),
        (
            ChangeKind::Codings,
            "coder's codings of an interview",
            "coders' codings of interviews",
        ),
        (
            ChangeKind::Interview,
            "interview changed",
            "interviews changed",
        ),
        (ChangeKind::Code, "code changed", "codes changed"),
        (
            ChangeKind::Respondent,
            "respondent changed",
            "respondents changed",
        ),
    ];
    let counts: Vec<String> = counted
        .iter()
        .filter_map(|(kind, one, many)| {
            let n = plan.count(*kind);
            (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
        })
        .collect();
    if !plan.changes.is_empty() {
        let _ = writeln!(
            out,
            "Comes in: {}.",
            if counts.is_empty() {
                format!("{} changes", plan.changes.len())
            } else {
                counts.join(", ")
            }
        );
        for change in &plan.changes {
            let _ = writeln!(out, "  {}", change_line(change));
        }
    }
    if !plan.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "Conflicts: {} ({} not decided).",
            plan.conflicts.len(),
            plan.unresolved()
        );
        for c in &plan.conflicts {
            conflict_lines(out, c);
        }
    }
}

fn change_line(c: &merge::Change) -> String {
    let s = &c.subject;
    match c.kind {
        ChangeKind::NewInterview => format!("+ interview {s} ({} codings)", c.added),
        ChangeKind::NewRespondent => format!("+ respondent {s}"),
        ChangeKind::NewCode => format!("+ code {s}"),
        ChangeKind::NewAttribute => format!("+ attribute {s}"),
        ChangeKind::NewRound => format!("+ round {s}"),
        ChangeKind::Round => format!("~ round {s}"),
        ChangeKind::Interview => format!("~ interview {s}: answers or details from their copy"),
        ChangeKind::Respondent => format!("~ respondent {s}"),
        ChangeKind::Code => format!("~ code {s}: their label, definition or rules"),
        ChangeKind::Attribute => format!("~ attribute {s}: {} allowed values added", c.added),
        ChangeKind::Codings => format!("~ codings {s}: +{} −{}", c.added, c.removed),
        ChangeKind::CodingOnWholeAnswer => format!(
            "~ coding {s}: its passage is no longer in the text, so it is kept on the whole answer"
        ),
        ChangeKind::RemovedInterview => format!("- interview {s} (deleted in their copy)"),
        ChangeKind::RemovedRespondent => format!("- respondent {s} (deleted in their copy)"),
        ChangeKind::RemovedCode => format!("- code {s} (deleted in their copy)"),
    }
}

/// What a conflict of `kind` is, as a phrase.
fn kind_phrase(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "answer written differently in the two copies",
        Kind::Details => "interview details differ",
        Kind::Codings => "a coder's codings differ and no date says which is newer",
        Kind::SameInterviewId => "one id, two different interviews",
        Kind::SameRespondentId => "one id, two different respondents",
        Kind::SameCodeId => "one id, two different codes",
        Kind::Code => "code changed in both copies",
        Kind::Respondent => "respondent changed in both copies",
        Kind::Round => "round changed in both copies",
        Kind::DeletedHere => "deleted here, changed or used in their copy",
        Kind::DeletedThere => "deleted in their copy, changed or used here",
    }
}

fn conflict_lines(out: &mut dyn Write, c: &Conflict) {
    let _ = writeln!(
        out,
        "  ! [{}] {}: {}",
        c.key,
        kind_phrase(c.kind),
        c.subject
    );
    for (label, text) in [("here ", &c.mine), ("there", &c.theirs)] {
        let text = text.as_deref().unwrap_or("(deleted)");
        for (n, line) in text.lines().enumerate() {
            let head = if n == 0 { label } else { "     " };
            let _ = writeln!(out, "      {head}: {line}");
        }
        if text.is_empty() {
            let _ = writeln!(out, "      {label}: (empty)");
        }
    }
    let decided = match c.keep {
        None if c.kind.can_keep_both() => "not decided (mine, theirs or both)",
        None => "not decided (mine or theirs)",
        Some(Keep::Mine) => "keep mine",
        Some(Keep::Theirs) => "keep theirs",
        Some(Keep::Both) => "keep both",
    };
    let _ = writeln!(out, "      → {decided}");
}
