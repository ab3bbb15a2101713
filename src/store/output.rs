//! Files for people (`--out`, exports from the interface) are written only to a regular file
//! or a new path. An atomic write replaces whatever is at the path by renaming over it, so
//! pointed at `/dev/null`, a named pipe or a link it would replace the device, the pipe or the
//! link itself: those are refused with a sentence saying why.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use super::{Error, Result, atomic};

/// Whether a symbolic link at the output path may be followed (`--force-follow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Links {
    #[default]
    Refuse,
    Follow,
}

/// Checks `path` and returns where to write: the path itself, or with `Links::Follow` the
/// file a link points to.
pub fn check(path: &Path, links: Links) -> Result<PathBuf> {
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match links {
            Links::Refuse => {
                return Err(Error::Invalid(format!(
                    "{} is a symbolic link; behov does not replace links (give the file it points to, or add --force-follow to write there)",
                    path.display()
                )));
            }
            Links::Follow => atomic::resolve_link(path).map_err(|e| Error::io(path, e))?,
        },
        _ => path.to_path_buf(),
    };
    match fs::metadata(&target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(target),
        Err(e) => Err(Error::io(&target, e)),
        Ok(meta) => {
            let kind = meta.file_type();
            let what = if kind.is_file() {
                return Ok(target);
            } else if kind.is_dir() {
                "a folder; give a file name inside it"
            } else if kind.is_fifo() {
                "a named pipe, not a regular file; behov writes only to regular files"
            } else if kind.is_char_device() || kind.is_block_device() {
                "a device, not a regular file; behov writes only to regular files"
            } else if kind.is_socket() {
                "a socket, not a regular file; behov writes only to regular files"
            } else {
                "not a regular file; behov writes only to regular files"
            };
            Err(Error::Invalid(format!("{} is {what}", target.display())))
        }
    }
}

/// Writes a file for people atomically, after [`check`]: never onto a device, a pipe, a
/// folder or (unless followed) a link.
pub fn write(path: &Path, bytes: &[u8], links: Links) -> Result<PathBuf> {
    let target = check(path, links)?;
    atomic::write(&target, bytes)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn regular_and_new_files_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write(&path, b"a", Links::Refuse).unwrap();
        write(&path, b"b", Links::Refuse).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"b");
    }

    #[test]
    fn a_fifo_a_folder_and_a_link_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path and a mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = write(&fifo, b"x", Links::Refuse).unwrap_err().to_string();
        assert!(err.contains("named pipe"), "{err}");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

        let err = write(dir.path(), b"x", Links::Refuse)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a folder"), "{err}");

        let real = dir.path().join("real.csv");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.csv");
        symlink(&real, &link).unwrap();
        let err = write(&link, b"new", Links::Refuse).unwrap_err().to_string();
        assert!(err.contains("--force-follow"), "{err}");
        assert_eq!(fs::read(&real).unwrap(), b"old");
        write(&link, b"new", Links::Follow).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn dev_null_is_refused() {
        let err = check(Path::new("/dev/null"), Links::Follow)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a device"), "{err}");
    }
}
