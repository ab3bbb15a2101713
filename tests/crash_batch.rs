//! Crash safety of changes to many files: a child process renames a code everywhere (every
//! coding in every interview and the code in the codebook) back and forth, as a codebook merge
//! does, and is killed with SIGKILL at random moments. After every kill the project is opened
//! (which completes or undoes an interrupted change) and must be all-or-nothing: every coding
//! names the one code the codebook holds. The same harness against saving file by file must
//! catch a half-done change, which shows the harness can fail.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use behov::model::Project;
use behov::store::{Batch, Store};
use behov::synth::{Rng, Synth};

const MODE: &str = "BEHOV_BATCH_CHILD";
const ROOT: &str = "BEHOV_BATCH_ROOT";

/// A project of 20 interviews whose every coding names code "a", the codebook's only code.
fn make_project(root: &Path) {
    let mut synth = Synth::new(11);
    let mut project = synth.project(20);
    project.interviews = (1..=20).map(|n| synth.interview(n, 20)).collect();
    let mut code = project.codebook.codes[0].clone();
    code.id = "a".into();
    code.parent = None;
    project.codebook.codes = vec![code];
    for interview in &mut project.interviews {
        for answer in &mut interview.answers {
            for coding in &mut answer.codings {
                coding.code = "a".into();
            }
        }
    }
    Store::create(root, &project).unwrap();
}

/// Renames the code in memory: every coding and the codebook.
fn flip(project: &mut Project) -> Vec<String> {
    let next = if project.codebook.codes[0].id == "a" {
        "b"
    } else {
        "a"
    };
    project.codebook.codes[0].id = next.into();
    let mut changed = Vec::new();
    for interview in &mut project.interviews {
        let mut any = false;
        for coding in interview.answers.iter_mut().flat_map(|a| &mut a.codings) {
            coding.code = next.into();
            any = true;
        }
        if any {
            changed.push(interview.id.clone());
        }
    }
    changed
}

/// The child: flips the code forever, printing a line after each change is saved.
#[test]
fn batch_child() {
    let (Ok(mode), Ok(root)) = (std::env::var(MODE), std::env::var(ROOT)) else {
        return;
    };
    let opened = Store::open(Path::new(&root)).unwrap();
    let (store, mut project) = (opened.store, opened.project);
    for n in 1.. {
        let changed = flip(&mut project);
        match mode.as_str() {
            "batch" => {
                let mut batch = Batch::new();
                for id in &changed {
                    batch.interview(project.interview(id).unwrap().clone());
                }
                batch.codebook(project.codebook.clone());
                store.save_batch(&batch).unwrap();
            }
            _ => {
                for id in &changed {
                    store
                        .save_interview(project.interview(id).unwrap())
                        .unwrap();
                }
                store.save_codebook(&project.codebook).unwrap();
            }
        }
        println!("{n}");
    }
}

/// Opens the project (completing or undoing an interrupted change) and says whether it is
/// all-or-nothing, every coding naming the codebook's code, and whether opening had an
/// interrupted change to settle.
fn consistent(root: &Path) -> (bool, bool) {
    let opened = Store::open(root).unwrap();
    let project = opened.project;
    let code = &project.codebook.codes[0].id;
    let whole = project
        .interviews
        .iter()
        .flat_map(|i| &i.answers)
        .flat_map(|a| &a.codings)
        .all(|c| &c.code == code);
    (whole, !opened.notices.is_empty())
}

struct Outcome {
    kills: usize,
    broken: usize,
    /// Kills that interrupted a change, which opening then completed or undid.
    settled: usize,
}

/// One harness at a time: a child forked by one test shares, until it execs, the file of the
/// project lock another test's thread holds, which could make that test's child read-only.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn harness(mode: &str, kills: usize, stop_early: bool) -> Outcome {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    make_project(&root);
    let mut rng = Rng::new(0xba7c ^ mode.len() as u64);
    let mut outcome = Outcome {
        kills: 0,
        broken: 0,
        settled: 0,
    };
    for _ in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "batch_child",
                "--nocapture",
                "--test-threads=1",
                "--quiet",
            ])
            .env(MODE, mode)
            .env(ROOT, &root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        // Wait for one saved change, so the child is inside its loop, then kill it a random
        // moment later (a change takes a few milliseconds here).
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "the child stopped"
            );
            if line.trim().parse::<u32>().is_ok() {
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(30_000) as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        outcome.kills += 1;
        let (whole, settled) = consistent(&root);
        outcome.settled += usize::from(settled);
        if !whole {
            outcome.broken += 1;
            if stop_early {
                break;
            }
        }
    }
    outcome
}

#[test]
fn changes_of_many_files_are_all_or_nothing_under_sigkill() {
    let outcome = harness("batch", 100, false);
    eprintln!(
        "{} kills, {} of them during a change, {} half-done after reopening",
        outcome.kills, outcome.settled, outcome.broken
    );
    assert_eq!(outcome.kills, 100);
    assert_eq!(
        outcome.broken, 0,
        "a kill left a half-done change after reopening"
    );
    assert!(
        outcome.settled >= 10,
        "only {} kills interrupted a change",
        outcome.settled
    );
}

#[test]
fn the_harness_catches_saving_file_by_file() {
    let outcome = harness("files", 100, true);
    assert!(
        outcome.broken > 0,
        "the harness never saw a half-done change in {} kills",
        outcome.kills
    );
}
