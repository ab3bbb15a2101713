//! Reading a `.qdpx` archive safely: every name is checked before anything is unpacked, and
//! what is unpacked is limited in total, whatever the archive claims its sizes are.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::{Error, Result};

/// The most a `.qdpx` may unpack to: far above any real project's texts (a 2-hour
/// transcript is about 100 kB), far below what a zip bomb would need to hurt.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

pub struct Archive {
    zip: ZipArchive<Cursor<Vec<u8>>>,
    /// Lowercased name → (name as stored, index).
    names: BTreeMap<String, (String, usize)>,
    /// Bytes that may still be unpacked.
    budget: u64,
}

impl Archive {
    /// Opens `bytes` as a zip and checks every entry's name. `limit` is the most that may be
    /// unpacked ([`MAX_UNPACKED`] outside tests).
    pub fn open(bytes: Vec<u8>, limit: u64) -> Result<Archive> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::Invalid(format!(
                "the file is not a REFI-QDA project: it is not a zip archive ({e})"
            ))
        })?;
        let mut names = BTreeMap::new();
        for i in 0..zip.len() {
            let file = zip.by_index_raw(i).map_err(|e| {
                Error::Invalid(format!(
                    "the archive is damaged: entry {i} cannot be read ({e})"
                ))
            })?;
            let name = file
                .name()
                .map_err(|e| Error::Invalid(format!("the archive is damaged ({e})")))?
                .into_owned();
            let leaves = file.enclosed_name().is_none()
                || name.split(['/', '\\']).any(|part| part == "..")
                || name.starts_with('/')
                || name.starts_with('\\');
            if leaves {
                return Err(Error::Invalid(format!(
                    "the archive holds the path {name}, which leads out of the archive; behov unpacks nothing from such a file"
                )));
            }
            if file.is_symlink() {
                return Err(Error::Invalid(format!(
                    "the archive holds {name} as a symbolic link; behov unpacks nothing from such a file"
                )));
            }
            if !file.is_dir() {
                names.insert(name.to_lowercase(), (name, i));
            }
        }
        Ok(Archive {
            zip,
            names,
            budget: limit,
        })
    }

    /// Names of the entries, as stored.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.values().map(|(n, _)| n.as_str())
    }

    /// The stored name of `name`, compared without case (`Sources/` and `sources/`).
    pub fn find(&self, name: &str) -> Option<&str> {
        self.names
            .get(&name.to_lowercase())
            .map(|(n, _)| n.as_str())
    }

    /// Unpacks `name` (exact or without case), counting it against the limit.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>> {
        let (stored, index) = self
            .names
            .get(&name.to_lowercase())
            .cloned()
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "the archive has no file {name}, though the project refers to it"
                ))
            })?;
        let file = self.zip.by_index(index).map_err(|e| {
            Error::Invalid(format!("{stored} in the archive cannot be unpacked ({e})"))
        })?;
        let mut data = Vec::new();
        // Read one byte past the budget: a size that lies is caught as surely as one that
        // tells the truth.
        file.take(self.budget + 1)
            .read_to_end(&mut data)
            .map_err(|e| Error::Invalid(format!("{stored} in the archive is damaged ({e})")))?;
        let used = data.len() as u64;
        if used > self.budget {
            return Err(Error::Invalid(format!(
                "the archive unpacks to more than {} MB, more than any project's texts; it is refused as a possible zip bomb",
                MAX_UNPACKED.max(1) / (1024 * 1024)
            )));
        }
        self.budget -= used;
        Ok(data)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn names_are_found_without_case_and_paths_out_are_refused() {
        let mut a = Archive::open(zip_of(&[("Sources/A.txt", b"hej")]), 100).unwrap();
        assert_eq!(a.find("sources/a.txt"), Some("Sources/A.txt"));
        assert_eq!(a.read("sources/A.TXT").unwrap(), b"hej");
        assert!(a.read("nope").is_err());
        for evil in ["../evil.txt", "sources/../../evil.txt", "/etc/passwd"] {
            let err = Archive::open(zip_of(&[(evil, b"x")]), 100)
                .err()
                .unwrap()
                .to_string();
            assert!(err.contains("leads out of the archive"), "{evil}: {err}");
        }
        let err = Archive::open(b"PK not really".to_vec(), 100)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("not a zip archive"), "{err}");
    }

    #[test]
    fn unpacking_beyond_the_limit_is_refused() {
        let zeros = vec![0u8; 64 * 1024];
        let mut a =
            Archive::open(zip_of(&[("a.txt", &zeros), ("b.txt", &zeros)]), 100_000).unwrap();
        a.read("a.txt").unwrap();
        let err = a.read("b.txt").unwrap_err().to_string();
        assert!(err.contains("zip bomb"), "{err}");
    }
}
