//! The common ancestor of two copies kept in git: the project as it was at the merge base of
//! this copy's `HEAD` and the other copy's. Found only when `git` is installed, both folders
//! are in git and this repository has the other copy's commit (a branch, a worktree, a
//! fetched clone); otherwise the merge is two-way.

use std::path::Path;
use std::process::Command;

use crate::model::{Codebook, Interview, Project};

/// `git -C dir args…`, its standard output when it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    output.status.success().then_some(output.stdout)
}

fn line(bytes: Vec<u8>) -> Option<String> {
    let text = String::from_utf8(bytes).ok()?;
    Some(text.trim_end_matches('\n').to_string())
}

/// The project at the merge base, with the commit it was read from; `None` when there is no
/// known common ancestor.
pub fn ancestor(mine: &Path, other: &Path) -> Option<(Project, String)> {
    let theirs = line(git(other, &["rev-parse", "HEAD"])?)?;
    let base = line(git(mine, &["merge-base", "HEAD", &theirs])?)?;
    let prefix = line(git(mine, &["rev-parse", "--show-prefix"])?)?;
    let show = |file: &str| git(mine, &["show", &format!("{base}:{prefix}{file}")]);
    let mut project: Project = serde_json::from_slice(&show(super::PROJECT_FILE)?).ok()?;
    project.codebook = show(super::CODEBOOK_FILE)
        .and_then(|b| serde_json::from_slice::<Codebook>(&b).ok())
        .unwrap_or_default();
    // The folder is named relative to `mine`, and listed with names from the repository's
    // root, which is what `git show` takes.
    let listing = git(
        mine,
        &[
            "ls-tree",
            "--full-name",
            "--name-only",
            &base,
            "--",
            &format!("{}/", super::INTERVIEWS_DIR),
        ],
    )?;
    for name in String::from_utf8_lossy(&listing).lines() {
        if !name.ends_with(".json") {
            continue;
        }
        let Some(bytes) = git(mine, &["show", &format!("{base}:{name}")]) else {
            continue;
        };
        if let Ok(interview) = serde_json::from_slice::<Interview>(&bytes) {
            project.interviews.push(interview);
        }
    }
    Some((project, base))
}
