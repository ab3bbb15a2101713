//! Crash safety of saves: a child process saves a large project file in a loop and is killed
//! with SIGKILL at random moments. After every kill the file must parse and hold at least the
//! last save the child acknowledged. The same harness run against a plain `std::fs::write`
//! saver must catch corruption, which shows the harness can fail.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use behov::model::Project;
use behov::store::{self, write_atomic};
use behov::synth::Rng;

const MODE: &str = "BEHOV_CRASH_CHILD";
const FILE: &str = "BEHOV_CRASH_FILE";
const MARK: &str = "save 000000000";

/// A project file of a few megabytes whose title carries a nine-digit save counter.
fn large_project_json() -> Vec<u8> {
    let mut synth = behov::synth::Synth::new(5);
    let mut project = synth.project(20_000);
    project.title = MARK.to_string();
    store::to_json(&project).into_bytes()
}

/// The child: saves forever, printing each counter once the save has returned. It starts from
/// the file the parent left (always sound), so starting up costs no time.
#[test]
fn crash_child() {
    let (Ok(mode), Ok(file)) = (std::env::var(MODE), std::env::var(FILE)) else {
        return;
    };
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes
        .windows(MARK.len() - 9)
        .position(|w| w == &MARK.as_bytes()[..5])
        .unwrap()
        + 5;
    let first: u32 = std::str::from_utf8(&bytes[at..at + 9])
        .unwrap()
        .parse()
        .unwrap();
    for n in first + 1.. {
        bytes[at..at + 9].copy_from_slice(format!("{n:09}").as_bytes());
        match mode.as_str() {
            "atomic" => write_atomic(Path::new(&file), &bytes).unwrap(),
            _ => std::fs::write(&file, &bytes).unwrap(),
        }
        println!("{n}");
    }
}

struct Outcome {
    corrupt: usize,
    lost: usize,
    kills: usize,
}

/// Runs `kills` child lives in `mode`, stopping early at the first corruption if `stop_early`.
fn harness(mode: &str, kills: usize, stop_early: bool, max_pause_us: usize) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.json");
    std::fs::write(&file, large_project_json()).unwrap();
    let mut rng = Rng::new(0x5eed ^ mode.len() as u64);
    let mut outcome = Outcome {
        corrupt: 0,
        lost: 0,
        kills: 0,
    };
    for _ in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child",
                "--nocapture",
                "--test-threads=1",
                "--quiet",
            ])
            .env(MODE, mode)
            .env(FILE, &file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut acknowledged = 0u32;
        // Let it acknowledge 1–3 saves (so it is inside its loop), then kill it a random
        // moment later. Lines that are not numbers are the test runner's own.
        let wanted = rng.range(1, 3);
        let mut seen = 0;
        let mut line = String::new();
        while seen < wanted {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "the child stopped"
            );
            if let Ok(n) = line.trim().parse::<u32>() {
                acknowledged = acknowledged.max(n);
                seen += 1;
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(max_pause_us) as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        for line in rest.lines() {
            acknowledged = acknowledged.max(line.trim().parse().unwrap_or(0));
        }
        outcome.kills += 1;
        let bytes = std::fs::read(&file).unwrap();
        match serde_json::from_slice::<Project>(&bytes) {
            Ok(project) => {
                let saved: u32 = project.title[5..].parse().unwrap();
                if saved < acknowledged {
                    outcome.lost += 1;
                }
            }
            Err(_) => {
                outcome.corrupt += 1;
                if stop_early {
                    break;
                }
                // Start the next life from a sound file.
                std::fs::write(&file, large_project_json()).unwrap();
            }
        }
    }
    outcome
}

#[test]
fn atomic_saves_survive_sigkill() {
    let outcome = harness("atomic", 100, false, 20_000);
    assert_eq!(outcome.kills, 100);
    assert_eq!(
        outcome.corrupt, 0,
        "a killed save left a file that does not parse"
    );
    assert_eq!(outcome.lost, 0, "an acknowledged save was lost");
}

#[test]
fn the_harness_catches_a_plain_write() {
    let outcome = harness("plain", 100, true, 5_000);
    assert!(
        outcome.corrupt > 0,
        "the harness never saw the torn file a plain write leaves in {} kills",
        outcome.kills
    );
}
