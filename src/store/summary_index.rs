//! The summary index kept in `.behov/summary-index`: what `behov summary` counts, saved
//! between runs with the stamp of the interview file each row was made from. A run reads this
//! one file, `stat`s every interview file and parses only those whose stamp changed, so a
//! summary of a million answers does not re-read a gigabyte of JSON. Derived data: when the
//! file is missing, damaged or of another format it is built again from the interview files,
//! never trusted.
//!
//! The file holds no text of the interviews, but it does hold ids (interview, respondent,
//! code, question) and the names of coders and interviewers.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::model::{Interview, Project};
use crate::report::{Index, Quoted};

use super::{LOCAL_DIR, Result, interview_ids, read_interview, stamps_of};

pub const SUMMARY_INDEX_FILE: &str = "summary-index";

pub fn summary_index_path(root: &Path) -> PathBuf {
    root.join(LOCAL_DIR).join(SUMMARY_INDEX_FILE)
}

/// What bringing the kept index up to date took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refreshed {
    /// Interview files parsed (changed, added, or all of them when the index was rebuilt).
    pub read: usize,
    /// The kept file was missing, damaged or of another format.
    pub rebuilt: bool,
    /// Interview files that could not be read and are not counted.
    pub unreadable: usize,
}

/// The summary index of the project at `root`, whose outline (`load_outline`: no interviews
/// in memory) is `project`, brought up to date with the interview files and saved back when
/// anything changed. A folder that cannot be written only costs the saving.
pub fn summary_index(root: &Path, project: &Project) -> Result<(Index, Refreshed)> {
    let path = summary_index_path(root);
    let kept = std::fs::read(&path)
        .ok()
        .and_then(|bytes| Index::from_bytes(&bytes));
    let rebuilt = kept.is_none();
    let (mut index, mut stamps) = kept.unwrap_or_else(|| (Index::new(project), Vec::new()));
    let files = interview_stamps(root)?;
    let read = index.refresh_files(&mut stamps, project, &files, &mut |ids| {
        read_in_parallel(root, ids)
    });
    if read > 0 || rebuilt {
        save(root, &index, &stamps);
    }
    let unreadable = files.len() - index.rows.len();
    Ok((
        index,
        Refreshed {
            read,
            rebuilt,
            unreadable,
        },
    ))
}

/// The kept summary index brought up to date only when that is cheap: `None` when it is
/// missing, damaged, of another format, or when more than `limit` interview files would have
/// to be read. What the interface draws its first frame from while it reads the interviews,
/// so that opening never reads them twice.
pub fn kept_fresh(root: &Path, project: &Project, limit: usize) -> Result<Option<Index>> {
    let Some((mut index, mut stamps)) = std::fs::read(summary_index_path(root))
        .ok()
        .and_then(|bytes| Index::from_bytes(&bytes))
    else {
        return Ok(None);
    };
    let files = interview_stamps(root)?;
    if index.stale(&stamps, project, &files) > limit {
        return Ok(None);
    }
    let read = index.refresh_files(&mut stamps, project, &files, &mut |ids| {
        read_in_parallel(root, ids)
    });
    if read > 0 {
        save(root, &index, &stamps);
    }
    Ok(Some(index))
}

/// Saves `index`, made from interview files with the stamp fingerprints `stamps` (one per
/// row). Derived data: a folder that cannot be written only costs the next run the reading.
pub fn save(root: &Path, index: &Index, stamps: &[u64]) {
    let saved = super::create_dir(&root.join(LOCAL_DIR))
        .and_then(|()| super::write_atomic(&summary_index_path(root), &index.to_bytes(stamps)));
    if let Err(e) = saved {
        tracing::warn!("the summary index could not be saved: {e}");
    }
}

/// Every interview file's id and stamp, in name order (the order the project is read in).
fn interview_stamps(root: &Path) -> Result<Vec<(String, u64)>> {
    let ids = interview_ids(root)?;
    let stamps = stamps_of(root, &ids, |stamp| stamp.map(|s| s.fingerprint()));
    Ok(ids
        .into_iter()
        .zip(stamps)
        .filter_map(|(id, stamp)| Some((id, stamp?)))
        .collect())
}

/// Reads `ids` on every core; unreadable files are `None` (`behov check` names them).
fn read_in_parallel(root: &Path, ids: &[&str]) -> Vec<Option<Interview>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = ids.len().div_ceil(threads).max(16);
    std::thread::scope(|scope| {
        let workers: Vec<_> = ids
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|id| read_interview(root, id).ok().flatten())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("reading does not panic"))
            .collect()
    })
}

/// The quoted interviews of a summary counted from a kept index, read from their files.
pub struct QuotedFiles<'a> {
    pub root: &'a Path,
    pub index: &'a Index,
}

impl Quoted for QuotedFiles<'_> {
    fn interview(&self, row: usize) -> Option<Cow<'_, Interview>> {
        let id = self.index.id(row)?;
        read_interview(self.root, id).ok().flatten().map(Cow::Owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{self, Options, Summary};
    use crate::store::{Store, interview_file, load, load_outline, to_json};
    use crate::synth::Synth;
    use std::fs;

    const RESPONDENTS: usize = 5;

    fn kept_summary(root: &Path) -> (Summary, Refreshed) {
        let project = load_outline(root).unwrap();
        let (index, refreshed) = summary_index(root, &project).unwrap();
        let source = QuotedFiles {
            root,
            index: &index,
        };
        let summary =
            report::summarise_quoting(&project, &index, &source, &Options::default()).unwrap();
        (summary, refreshed)
    }

    fn fresh_summary(root: &Path) -> Summary {
        let (project, _) = load(root).unwrap();
        report::summarise(&project, &Options::default()).unwrap()
    }

    fn write(root: &Path, interview: &Interview) {
        fs::write(interview_file(root, &interview.id), to_json(interview)).unwrap();
    }

    /// What `git checkout` does to a file: new contents of the same size, the old modification
    /// time put back, and a new inode.
    fn checkout(root: &Path, interview: &Interview) {
        let path = interview_file(root, &interview.id);
        let old = fs::metadata(&path).unwrap();
        let bytes = to_json(interview);
        assert_eq!(bytes.len() as u64, old.len(), "same size");
        let temp = path.with_extension("checkout");
        fs::write(&temp, bytes).unwrap();
        fs::File::options()
            .write(true)
            .open(&temp)
            .unwrap()
            .set_modified(old.modified().unwrap())
            .unwrap();
        fs::rename(&temp, &path).unwrap();
    }

    fn project_dir() -> (tempfile::TempDir, PathBuf, Synth) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let mut synth = Synth::new(11);
        let mut project = synth.project(RESPONDENTS);
        project.interviews = (1..=8).map(|n| synth.interview(n, RESPONDENTS)).collect();
        drop(Store::create(&root, &project).unwrap());
        (dir, root, synth)
    }

    #[test]
    fn the_kept_index_counts_as_a_fresh_summary_after_random_edits() {
        let (_dir, root, mut synth) = project_dir();
        let (first, refreshed) = kept_summary(&root);
        assert!(refreshed.rebuilt);
        assert_eq!(refreshed.read, 8);
        assert_eq!(first, fresh_summary(&root));
        let (_, again) = kept_summary(&root);
        assert_eq!((again.read, again.rebuilt), (0, false), "nothing changed");

        let mut seed: u64 = 0x5eed;
        let mut next_new = 100;
        for step in 0..40 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let pick = (seed >> 33) as usize;
            let ids = interview_ids(&root).unwrap();
            let id = &ids[pick % ids.len()];
            let mut interview = read_interview(&root, id).unwrap().unwrap();
            let expected_reads = match (seed >> 20) % 5 {
                0 if ids.len() > 2 => {
                    fs::remove_file(interview_file(&root, id)).unwrap();
                    0
                }
                1 => {
                    next_new += 1;
                    write(&root, &synth.interview(next_new, RESPONDENTS));
                    1
                }
                2 => {
                    // Same size, same modification time, new inode: only the stamp tells.
                    interview.date = interview.date.tomorrow().unwrap();
                    checkout(&root, &interview);
                    1
                }
                3 => {
                    let answer = pick % interview.answers.len();
                    interview.answers[answer].codings.clear();
                    write(&root, &interview);
                    1
                }
                _ => {
                    interview.status = match interview.status {
                        crate::model::Status::Draft => crate::model::Status::Complete,
                        crate::model::Status::Complete => crate::model::Status::Draft,
                    };
                    interview.interviewer = format!("Kodare {step}");
                    write(&root, &interview);
                    1
                }
            };
            let (kept, refreshed) = kept_summary(&root);
            assert_eq!(refreshed.read, expected_reads, "step {step}");
            assert!(!refreshed.rebuilt, "step {step}");
            assert_eq!(kept, fresh_summary(&root), "step {step}");
        }
    }

    #[test]
    fn a_damaged_or_newer_kept_index_is_built_again() {
        let (_dir, root, _) = project_dir();
        let (expected, _) = kept_summary(&root);
        let path = summary_index_path(&root);
        let bytes = fs::read(&path).unwrap();

        let mut damaged = bytes.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0xff;
        fs::write(&path, &damaged).unwrap();
        let (summary, refreshed) = kept_summary(&root);
        assert!(refreshed.rebuilt);
        assert_eq!(summary, expected);

        // A newer behov's format: its number follows the 20-byte header.
        let mut newer = bytes.clone();
        newer[20..24].copy_from_slice(&99u32.to_le_bytes());
        fs::write(&path, &newer).unwrap();
        let (summary, refreshed) = kept_summary(&root);
        assert!(refreshed.rebuilt);
        assert_eq!(summary, expected);

        fs::write(&path, b"").unwrap();
        assert!(kept_summary(&root).1.rebuilt);
        fs::remove_file(&path).unwrap();
        assert!(kept_summary(&root).1.rebuilt);
        assert_eq!(fs::read(&path).unwrap(), bytes, "written again as it was");
    }

    #[test]
    fn a_new_code_counts_every_interview_again() {
        let (_dir, root, _) = project_dir();
        kept_summary(&root);
        let mut codebook: crate::model::Codebook =
            serde_json::from_str(&fs::read_to_string(root.join("codebook.json")).unwrap()).unwrap();
        let mut first = codebook.codes[0].clone();
        first.id = "first".into();
        codebook.codes.insert(0, first);
        fs::write(root.join("codebook.json"), to_json(&codebook)).unwrap();
        let (summary, refreshed) = kept_summary(&root);
        assert_eq!(refreshed.read, 8);
        assert_eq!(summary, fresh_summary(&root));
    }

    fn listed_fresh(root: &Path) -> Vec<crate::report::Listed> {
        let (project, _) = load(root).unwrap();
        project
            .interviews
            .iter()
            .map(crate::report::Listed::of)
            .collect()
    }

    #[test]
    fn the_first_frame_index_is_used_only_when_it_is_kept_and_cheap_to_refresh() {
        let (_dir, root, mut synth) = project_dir();
        let outline = load_outline(&root).unwrap();
        assert!(
            kept_fresh(&root, &outline, 100).unwrap().is_none(),
            "none kept"
        );

        kept_summary(&root);
        let index = kept_fresh(&root, &outline, 0)
            .unwrap()
            .expect("kept and fresh");
        assert_eq!(index.listed(), listed_fresh(&root));

        // Two files changed and one added: read within a limit of three, refused below it.
        for id in ["i000002", "i000005"] {
            let mut interview = read_interview(&root, id).unwrap().unwrap();
            interview.interviewer = "Ny intervjuare".into();
            write(&root, &interview);
        }
        write(&root, &synth.interview(50, RESPONDENTS));
        assert!(kept_fresh(&root, &outline, 2).unwrap().is_none());
        let index = kept_fresh(&root, &outline, 3)
            .unwrap()
            .expect("three to read");
        assert_eq!(index.listed(), listed_fresh(&root));
        assert!(
            index
                .listed()
                .iter()
                .any(|l| l.interviewer == "Ny intervjuare"),
            "the changed files were read"
        );
        // What was read is saved: nothing is left to read.
        assert!(kept_fresh(&root, &outline, 0).unwrap().is_some());

        fs::remove_file(interview_file(&root, "i000003")).unwrap();
        let index = kept_fresh(&root, &outline, 0)
            .unwrap()
            .expect("a deletion reads nothing");
        assert_eq!(index.listed(), listed_fresh(&root));
    }
}
