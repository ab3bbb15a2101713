//! Every write, fsync and rename of the store goes through here, so tests can make the disk
//! fill up after a number of bytes, a rename fail or an fsync fail, and check that nothing
//! typed or saved is lost. Faults are per thread: a test injects them into the thread that
//! drives the store, and other tests running beside it are untouched. Without an injected
//! fault these are the plain system calls.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// What should fail, counted from the moment the plan is injected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The disk is full once this many more bytes are written: the write that crosses the
    /// limit writes what fits, then fails with "no space left on device".
    pub disk_full_after: Option<u64>,
    /// Renames fail after this many more succeed.
    pub rename_fails_after: Option<u32>,
    /// fsyncs fail after this many more succeed.
    pub fsync_fails_after: Option<u32>,
    /// New files cannot be created in the project's folders, as in a folder the user may
    /// not write (which a test run as root cannot make with permissions).
    pub folders_read_only: bool,
}

thread_local! {
    static PLAN: RefCell<Option<Plan>> = const { RefCell::new(None) };
}

/// Injects `plan` into this thread until the guard is dropped.
pub fn inject(plan: Plan) -> Guard {
    PLAN.with(|p| *p.borrow_mut() = Some(plan));
    Guard(())
}

/// Frees the disk, so to speak: removes the injected faults of this thread.
pub fn clear() {
    PLAN.with(|p| *p.borrow_mut() = None);
}

/// Removes the injected faults when dropped.
#[must_use]
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        clear();
    }
}

fn disk_full() -> io::Error {
    io::Error::from(io::ErrorKind::StorageFull)
}

/// `write_all`, with the disk filling up where a plan says so.
pub fn write_all(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    let allowed = PLAN.with(|p| {
        let mut plan = p.borrow_mut();
        let budget = plan.as_mut()?.disk_full_after.as_mut()?;
        let allowed = (*budget).min(bytes.len() as u64);
        *budget -= allowed;
        Some(allowed as usize)
    });
    match allowed {
        Some(n) if n < bytes.len() => {
            file.write_all(&bytes[..n])?;
            Err(disk_full())
        }
        _ => file.write_all(bytes),
    }
}

/// Counts one use of a countdown fault; true when this use must fail.
fn trips(select: fn(&mut Plan) -> &mut Option<u32>) -> bool {
    PLAN.with(|p| {
        let mut plan = p.borrow_mut();
        let Some(left) = plan.as_mut().and_then(|plan| select(plan).as_mut()) else {
            return false;
        };
        if *left == 0 {
            true
        } else {
            *left -= 1;
            false
        }
    })
}

/// `sync_all` of a file or folder.
pub fn sync(file: &File) -> io::Result<()> {
    if trips(|p| &mut p.fsync_fails_after) {
        return Err(io::Error::other("fsync failed (injected)"));
    }
    file.sync_all()
}

/// `sync_data` of a file.
pub fn sync_data(file: &File) -> io::Result<()> {
    if trips(|p| &mut p.fsync_fails_after) {
        return Err(io::Error::other("fsync failed (injected)"));
    }
    file.sync_data()
}

/// Creates a new file, as the check whether a folder can be written does.
pub fn create_new(path: &Path) -> io::Result<File> {
    if PLAN.with(|p| p.borrow().as_ref().is_some_and(|p| p.folders_read_only)) {
        return Err(io::Error::from(io::ErrorKind::PermissionDenied));
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    if trips(|p| &mut p.rename_fails_after) {
        return Err(io::Error::other("rename failed (injected)"));
    }
    std::fs::rename(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disk_fills_after_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let mut file = File::create(&path).unwrap();
        let _guard = inject(Plan {
            disk_full_after: Some(5),
            ..Plan::default()
        });
        write_all(&mut file, b"abc").unwrap();
        let err = write_all(&mut file, b"defg").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&path).unwrap(), b"abcde");
        clear();
        write_all(&mut file, b"h").unwrap();
    }

    #[test]
    fn renames_fail_after_the_count() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "x").unwrap();
        let _guard = inject(Plan {
            rename_fails_after: Some(1),
            ..Plan::default()
        });
        rename(&a, &b).unwrap();
        assert!(rename(&b, &a).is_err());
        assert!(b.exists());
    }
}
