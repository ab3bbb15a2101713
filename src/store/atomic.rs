//! Crash-safe file writes: a reader sees the old file or the new one, never a torn mix.

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use super::{Error, Result, fault};

/// Suffix of temporary files; a crash can leave one behind, and opening the project removes it.
pub const TEMP_SUFFIX: &str = ".behov-tmp";

/// Writes `bytes` to `path` atomically and durably: temp file in the same folder (0600),
/// fsync, rename over the target, fsync the folder so the rename itself survives a power cut.
/// On any failure the temp file is removed and the previous `path` is untouched.
/// A symbolic link is written through: the file it points to gets the new contents and the
/// link stays a link (a project kept in a folder of links keeps its layout).
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = resolve_link(path).map_err(|e| Error::io(path, e))?;
    write_resolved(&target, bytes).map_err(|e| match e {
        Error::Io { source, .. } => Error::io(path, source),
        other => other,
    })
}

/// Where a chain of symbolic links at `path` ends (at most 40 links, as the kernel allows);
/// `path` itself when it is no link or does not exist.
pub fn resolve_link(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn write_resolved(path: &Path, bytes: &[u8]) -> Result<()> {
    // A bare file name ("needs.xlsx") has an empty parent: that is the current folder.
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}{TEMP_SUFFIX}", std::process::id()));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&temp)?;
        fault::write_all(&mut file, bytes)?;
        fault::sync(&file)?;
        fault::rename(&temp, path)?;
        sync_dir(dir)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::io(path, e)
    })
}

/// Makes a folder (and its parents) with mode 0700.
pub fn create_dir(path: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .map_err(|e| Error::io(path, e))
}

/// fsync of a folder, which makes renames and new entries in it durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    fault::sync(&File::open(dir)?)
}

/// Removes temp files left in `dir` by a crashed writer. Only called while holding the lock.
pub fn remove_leftovers(dir: &Path) -> Result<usize> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(TEMP_SUFFIX) {
            fs::remove_file(entry.path()).map_err(|e| Error::io(&entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_with_private_permissions_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write(&path, b"old").unwrap();
        // A folder where the temp file should go makes the write fail.
        let blocker = dir
            .path()
            .join(format!(".a.json.{}{TEMP_SUFFIX}", std::process::id()));
        fs::create_dir(&blocker).unwrap();
        assert!(write(&path, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn leftovers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(format!(".x.json.42{TEMP_SUFFIX}")), "half").unwrap();
        fs::write(dir.path().join("x.json"), "{}").unwrap();
        assert_eq!(remove_leftovers(dir.path()).unwrap(), 1);
        assert!(dir.path().join("x.json").exists());
    }
}
