//! A file's stamp: what `stat` says about it. Two equal stamps mean the file was not replaced
//! or written in between, which is how a save notices that someone else (a `git pull`, a
//! colleague's copy, another program) changed a file since behov read it.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Size, modification and change time and inode. `git checkout` of a file with the same size
/// and modification time still gives a new inode and change time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    ino: u64,
    dev: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (following links), or `None` when there is none.
    pub fn of(path: &Path) -> std::io::Result<Option<Stamp>> {
        match std::fs::metadata(path) {
            Ok(meta) => Ok(Some(Stamp::from_metadata(&meta))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The stamp as one number that stays the same across runs and builds (FNV-1a over its
    /// fields), for derived data in `.behov/` that records which version of a file it holds.
    pub fn fingerprint(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for n in [
            self.len,
            self.mtime.0 as u64,
            self.mtime.1 as u64,
            self.ctime.0 as u64,
            self.ctime.1 as u64,
            self.ino,
            self.dev,
        ] {
            for byte in n.to_le_bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    }

    /// Size, modification time (seconds, nanoseconds) and inode: what the search index keeps
    /// of a file's stamp.
    pub fn size_mtime_inode(&self) -> (u64, (i64, i64), u64) {
        (self.len, self.mtime, self.ino)
    }

    /// The stamp of `name` in the open folder `dir`: a `stat` relative to the folder, which
    /// spares the kernel walking the whole path again for each of 40,000 files.
    pub fn in_dir(dir: &std::fs::File, name: &str) -> Option<Stamp> {
        use std::os::fd::AsRawFd;
        let name = std::ffi::CString::new(name).ok()?;
        let mut st = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: `dir` is an open folder, `name` a NUL-terminated string, and `st` is only
        // read after fstatat reported that it filled it.
        let st = unsafe {
            if libc::fstatat(dir.as_raw_fd(), name.as_ptr(), st.as_mut_ptr(), 0) != 0 {
                return None;
            }
            st.assume_init()
        };
        Some(Stamp {
            len: st.st_size as u64,
            mtime: (st.st_mtime, st.st_mtime_nsec),
            ctime: (st.st_ctime, st.st_ctime_nsec),
            ino: st.st_ino,
            dev: st.st_dev,
        })
    }

    pub fn from_metadata(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_file_has_another_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, "same").unwrap();
        let first = Stamp::of(&path).unwrap().unwrap();
        assert_eq!(Stamp::of(&path).unwrap(), Some(first));
        // Same size, same contents, but a new file in its place.
        let other = dir.path().join("b.json");
        std::fs::write(&other, "same").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert_ne!(Stamp::of(&path).unwrap(), Some(first));
        let folder = std::fs::File::open(dir.path()).unwrap();
        assert_eq!(Stamp::in_dir(&folder, "a.json"), Stamp::of(&path).unwrap());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(Stamp::in_dir(&folder, "a.json"), None);
        assert_eq!(Stamp::of(&path).unwrap(), None);
    }
}
