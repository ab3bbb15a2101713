//! One writer per project: an exclusive advisory lock on `.behov/lock`.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::{Error, LOCAL_DIR, LOCK_FILE, Result, atomic};

/// Held for as long as a project is open for writing; the OS releases it if the process dies,
/// so a crash never leaves a project locked.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the project's lock, or `Ok(None)` if another process holds it.
    pub fn try_acquire(root: &Path) -> Result<Option<Lock>> {
        let dir = root.join(LOCAL_DIR);
        atomic::create_dir(&dir)?;
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {
                // The pid helps a user find the other process; failing to write it is harmless.
                let _ = file
                    .set_len(0)
                    .and_then(|_| writeln!(file, "{}", std::process::id()));
                Ok(Some(Lock { _file: file }))
            }
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}
