//! The search index on a worker thread: opened (or rebuilt, with progress) when a project
//! opens, then kept in sync with every save. Messages that arrive together are applied and
//! committed once, so a burst of saves costs one commit and an edit is searchable as soon as
//! the queue drains.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::model::{Interview, Project};
use crate::search::{Access, OpenReport, Progress, SearchHandle, SearchIndex};

/// What the interface tells the worker.
pub enum Job {
    Interview(Box<Interview>),
    Removed(String),
    Project(Box<Project>),
}

/// What the worker tells the interface.
pub enum Report {
    Progress(Progress),
    Ready(SearchHandle, OpenReport),
    Failed(String),
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Report::Progress(p) => f.debug_tuple("Progress").field(p).finish(),
            Report::Ready(_, report) => f.debug_tuple("Ready").field(report).finish(),
            Report::Failed(e) => f.debug_tuple("Failed").field(e).finish(),
        }
    }
}

pub struct SearchWorker {
    jobs: Sender<Job>,
    pub reports: Receiver<Report>,
    thread: std::thread::JoinHandle<()>,
}

impl SearchWorker {
    /// Starts the worker on the project at `root`, so opening the interface does not wait for
    /// the index. It reads project.json and the changed interview files; only when every
    /// interview must be indexed again does it read the whole project, and drops that copy
    /// once the index is open.
    pub fn start(root: PathBuf, read_only: bool) -> SearchWorker {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (report_tx, reports) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let access = if read_only {
                Access::ReadOnly
            } else {
                Access::Write
            };
            // An index that only lacks changed interviews is opened from their files alone;
            // one to build anew is built from the files a batch at a time, so the interface's
            // copy of the project is the only one in memory. Only a read-only index, kept in
            // memory, is made from a whole copy of the project.
            let outline = crate::store::load_outline(&root).map_err(crate::search::Error::from);
            let from_files = |outline: &Project| {
                SearchIndex::open_files(&root, outline, access).and_then(|opened| match opened {
                    Some(opened) => Ok(Some(opened)),
                    None if access == Access::Write => {
                        let progress_tx = report_tx.clone();
                        let (built, _) =
                            SearchIndex::rebuild_from_files(&root, outline, &mut |p| {
                                let _ = progress_tx.send(Report::Progress(p));
                            })?;
                        drop(built);
                        SearchIndex::open_files(&root, outline, access)
                    }
                    None => Ok(None),
                })
            };
            let opened = match outline.and_then(|outline| from_files(&outline)) {
                Ok(Some(opened)) => Ok(opened),
                Ok(None) | Err(_) => {
                    let project = match crate::store::load(&root) {
                        Ok((project, _)) => project,
                        Err(e) => {
                            let _ = report_tx.send(Report::Failed(e.to_string()));
                            return;
                        }
                    };
                    let progress_tx = report_tx.clone();
                    let opened = SearchIndex::open(&root, &project, access, &mut |p| {
                        let _ = progress_tx.send(Report::Progress(p));
                    });
                    drop(project);
                    release_freed_memory();
                    opened
                }
            };
            serve(opened, &job_rx, &report_tx, Some(&root));
        });
        SearchWorker {
            jobs,
            reports,
            thread,
        }
    }

    /// Starts the worker on a programme's combined `project`: indexed in memory (a programme
    /// has no index of its own on disk, and the projects' indexes are never written from
    /// here), so one search covers every project.
    pub fn start_programme(root: PathBuf, project: Project) -> SearchWorker {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (report_tx, reports) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let progress_tx = report_tx.clone();
            let opened = SearchIndex::open(&root, &project, Access::ReadOnly, &mut |p| {
                let _ = progress_tx.send(Report::Progress(p));
            });
            drop(project);
            serve(opened, &job_rx, &report_tx, None);
        });
        SearchWorker {
            jobs,
            reports,
            thread,
        }
    }

    /// Ends the worker once its queue is applied and waits until it has let go of the index
    /// (its writer holds the index's lock), for work that replaces the index.
    pub fn stop(self) {
        drop(self.jobs);
        let _ = self.thread.join();
    }

    /// Queues a change; the worker is gone only if it failed, which was already reported.
    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(job);
    }
}

/// Reports the opened index, then applies the jobs sent until the interface lets go.
/// `root`: the project folder whose interview files are indexed again when the codebook or
/// respondents change (the interface sends the project without its interviews).
fn serve(
    opened: crate::search::Result<(SearchIndex, OpenReport)>,
    job_rx: &Receiver<Job>,
    report_tx: &Sender<Report>,
    root: Option<&std::path::Path>,
) {
    let mut index = match opened {
        Ok((index, report)) => {
            let _ = report_tx.send(Report::Ready(index.handle(), report));
            index
        }
        Err(e) => {
            let _ = report_tx.send(Report::Failed(e.to_string()));
            return;
        }
    };
    while let Ok(first) = job_rx.recv() {
        let mut result = apply(&mut index, first, root);
        while let (Ok(()), Ok(next)) = (&result, job_rx.try_recv()) {
            result = apply(&mut index, next, root);
        }
        if let Err(e) = result.and_then(|()| index.commit().map(|_| ())) {
            tracing::error!("search index: {e}");
            let _ = report_tx.send(Report::Failed(e.to_string()));
        }
    }
}

fn apply(
    index: &mut SearchIndex,
    job: Job,
    root: Option<&std::path::Path>,
) -> crate::search::Result<()> {
    match job {
        Job::Interview(interview) => index.update_interview(&interview),
        Job::Removed(id) => index.remove_interview(&id),
        Job::Project(project) => {
            let again = index.update_project(&project)?;
            if let (true, true, Some(root)) = (again, project.interviews.is_empty(), root) {
                // Codes' labels and respondents' names are in every document: each interview
                // file is read and indexed again, one at a time. Interviews changed in memory
                // follow when they are saved.
                for id in crate::store::interview_ids(root)? {
                    if let Ok(Some(interview)) = crate::store::read_interview(root, &id) {
                        index.update_interview(&interview)?;
                    }
                }
            }
            Ok(())
        }
    }
}

/// Hands freed memory back to the operating system: the worker's copy of the project, or the
/// interviews an operation over all of them read. glibc keeps memory freed by a thread in
/// that thread's arena, so without this a large project would stay resident for the rest of
/// the session.
pub(crate) fn release_freed_memory() {
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only returns free heap pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
