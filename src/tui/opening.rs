//! Opening a project behind its first frame. The interface first draws the Interviews list
//! from the summary index kept in `.behov/` (project.json, one file and a `stat` per
//! interview), opens the session on a thread (the journal replayed, the summary index brought
//! up to date: interviews are parsed only when opened, see `store::on_demand`), and takes
//! over when it is open. A project without a kept index has every interview file read once,
//! a batch at a time, to make one. Keys pressed meanwhile wait and are applied, in order, to
//! the project once it is open, so typing ahead does what it would have done.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::model::{Lang, Project, Status};
use crate::store::{self, summary_index};

use super::app::Message;
use super::screens::interviews::InterviewList;
use super::session::{OpenedSession, Session};

/// Interview files the first frame may read itself (changed since the index was kept);
/// with more, it shows only the project's title and the count, not reading anything twice.
const PREVIEW_READS: usize = 200;

/// A project being opened.
pub struct Opening {
    pub dir: PathBuf,
    /// The project without its interviews.
    pub outline: Project,
    /// Interview files in the folder.
    pub files: usize,
    /// The list as the kept index gives it, when one is kept and up to date enough.
    pub preview: Option<Preview>,
    /// Keys and pastes that arrived while the project was read.
    pub pending: Vec<Message>,
    done: Receiver<store::Result<OpenedSession>>,
}

pub struct Preview {
    pub list: InterviewList,
    pub complete: usize,
}

impl Opening {
    /// Reads what the first frame needs and starts reading the project. A folder that is no
    /// project, or one written by a newer behov, is refused here, before anything is drawn.
    pub fn start(dir: &Path, lang: Lang, list: &InterviewList) -> store::Result<Opening> {
        let outline = store::load_outline(dir)?;
        let files = store::interview_ids(dir)?.len();
        let preview = match summary_index::kept_fresh(dir, &outline, PREVIEW_READS) {
            Ok(Some(index)) => {
                let listed = index.listed();
                Some(Preview {
                    complete: listed
                        .iter()
                        .filter(|l| l.status == Status::Complete)
                        .count(),
                    list: InterviewList::preview(&outline, &listed, lang, list),
                })
            }
            Ok(None) => None,
            Err(e) => {
                tracing::warn!("no first frame from the summary index: {e}");
                None
            }
        };
        let (send, done) = mpsc::channel();
        let root = dir.to_path_buf();
        std::thread::spawn(move || {
            // Keeps the summary index for the next opening's first frame as it reads it.
            let _ = send.send(Session::open(&root, lang == Lang::Sv));
        });
        Ok(Opening {
            dir: dir.to_path_buf(),
            outline,
            files,
            preview,
            pending: Vec::new(),
            done,
        })
    }

    /// The opened project once it is read (`block`: waits for it).
    pub fn poll(&self, block: bool) -> Option<store::Result<OpenedSession>> {
        if block {
            return Some(self.done.recv().unwrap_or_else(|_| Err(gone(&self.dir))));
        }
        match self.done.try_recv() {
            Ok(opened) => Some(opened),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(gone(&self.dir))),
        }
    }
}

/// The reading thread ended without a word: it panicked (the panic is in the log).
fn gone(dir: &Path) -> store::Error {
    store::Error::io(
        dir,
        std::io::Error::other("reading the project stopped unexpectedly"),
    )
}
