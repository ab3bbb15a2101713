//! Reading and mapping a transcript on a thread of its own, so a long file (tens of
//! megabytes take seconds) never freezes the interface, which shows how far it has come.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::import::{self, Draft, Options, Step};
use crate::model::Project;

/// A transcript being read and laid onto the guide.
pub struct ImportJob {
    /// The project the draft is for: a result for another project is dropped.
    pub root: PathBuf,
    pub file: PathBuf,
    receiver: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
}

enum Report {
    Progress(Step),
    Done(Result<Box<Draft>, String>),
}

/// What the job has to say since it was last asked.
pub enum Polled {
    Progress(Step),
    Done(Result<Box<Draft>, String>),
}

impl ImportJob {
    /// Starts reading `file` for the project of the folder `root`, whose `outline` is what
    /// drafting needs of it (`import::outline`: no answers).
    pub fn start(
        root: &Path,
        outline: Project,
        file: &Path,
        options: Options,
        reserved: Vec<String>,
    ) -> ImportJob {
        let (sender, receiver) = channel();
        let path = file.to_path_buf();
        let thread = std::thread::spawn(move || {
            let name = path.to_string_lossy().into_owned();
            let drafted = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    let progress_sender = sender.clone();
                    import::draft_with(
                        &outline,
                        &name,
                        &bytes,
                        &options,
                        &reserved,
                        jiff::Timestamp::now(),
                        &mut |step| {
                            let _ = progress_sender.send(Report::Progress(step));
                        },
                    )
                    .map(Box::new)
                    .map_err(|e| e.to_string())
                });
            let _ = sender.send(Report::Done(drafted));
        });
        ImportJob {
            root: root.to_path_buf(),
            file: file.to_path_buf(),
            receiver,
            thread: Some(thread),
        }
    }

    /// The result once it is there, else the latest progress (`None` when nothing new);
    /// `block` waits for at least one report.
    pub fn poll(&mut self, block: bool) -> Option<Polled> {
        let mut latest = None;
        loop {
            let next = if block && latest.is_none() {
                self.receiver.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                self.receiver.try_recv()
            };
            match next {
                Ok(Report::Progress(step)) => latest = Some(Polled::Progress(step)),
                Ok(Report::Done(result)) => {
                    if let Some(thread) = self.thread.take() {
                        let _ = thread.join();
                    }
                    return Some(Polled::Done(result));
                }
                Err(TryRecvError::Empty) => return latest,
                // The thread ended without a word: it panicked.
                Err(TryRecvError::Disconnected) => {
                    return Some(Polled::Done(Err(
                        "the file could not be read (an internal error; see the log)".into(),
                    )));
                }
            }
        }
    }
}
