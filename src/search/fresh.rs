//! What the last search that found the index up to date saw: the interview files in the
//! folder and the stamp of each as the index holds it, tied to the index's `meta.json` and to
//! the folder's own stamp. While neither changed, the next search need not list the folder
//! nor read the index's record of 40,000 files: it `stat`s the files it was told of and
//! compares. A file added, removed or renamed changes the folder's stamp; a commit changes
//! `meta.json`; either sends the search the long way, which writes a new record.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::store::{self, INTERVIEWS_DIR, LOCAL_DIR, Stamp};

use super::catalog::Fnv;
use super::index::index_dir;

const FILE: &str = "search-fresh";
const HEADER: &str = "behov search-fresh 2";

/// A folder changed this recently may change again within the same tick of the file system's
/// clock without its stamp changing, so its listing is not recorded (as git treats a "racily
/// clean" file).
const SETTLED: Duration = Duration::from_secs(2);

/// What a record says besides the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    /// A hash of the index's `meta.json` when the record was made.
    pub meta: u64,
    /// The `interviews` folder's stamp (fingerprint) before it was listed.
    pub folder: u64,
    /// The stamps of `project.json` and `codebook.json` as read (`store::Light::stamps`)…
    pub project: (u64, u64),
    /// …and the fingerprint of the catalog made of them.
    pub fingerprint: u64,
}

/// A record as read: the ids are kept as spans of the file's text, so that reading 40,000 of
/// them is one allocation, not 40,000.
#[derive(Debug)]
pub struct Fresh {
    pub head: Head,
    text: String,
    spans: Vec<std::ops::Range<usize>>,
    /// The stamp number the index held of each file, as the files had then.
    pub stamps: Vec<u64>,
}

/// The hash of the index's `meta.json`, which every commit and every rebuild changes.
pub fn meta_hash(root: &Path) -> Option<u64> {
    let bytes = std::fs::read(index_dir(root).join("meta.json")).ok()?;
    let mut hash = Fnv::new();
    hash.bytes(&bytes);
    Some(hash.finish())
}

/// The stamp of the `interviews` folder, when it is old enough to be trusted to change
/// with the next file added, removed or renamed.
pub fn settled_folder(root: &Path) -> Option<u64> {
    let stamp = Stamp::of(&root.join(INTERVIEWS_DIR)).ok()??;
    let (_, (secs, nanos), _) = stamp.size_mtime_inode();
    let modified = SystemTime::UNIX_EPOCH
        + Duration::from_secs(u64::try_from(secs).ok()?)
        + Duration::from_nanos(u64::try_from(nanos).ok()?);
    let age = SystemTime::now().duration_since(modified).ok()?;
    (age >= SETTLED).then(|| stamp.fingerprint())
}

/// The folder's stamp now, settled or not: what a kept record is compared with.
pub fn folder(root: &Path) -> Option<u64> {
    Some(Stamp::of(&root.join(INTERVIEWS_DIR)).ok()??.fingerprint())
}

impl Fresh {
    /// The record kept in `.behov/`, if there is a readable one. Whether it still holds is
    /// for the caller to check against [`folder`] and [`meta_hash`].
    pub fn load(root: &Path) -> Option<Fresh> {
        let text = std::fs::read_to_string(root.join(LOCAL_DIR).join(FILE)).ok()?;
        let (first, rest) = text.split_once('\n')?;
        let mut numbers = first
            .strip_prefix(HEADER)?
            .strip_prefix(' ')?
            .split(' ')
            .map(|n| n.parse::<u64>().ok());
        let mut number = || numbers.next().flatten();
        let head = Head {
            meta: number()?,
            folder: number()?,
            project: (number()?, number()?),
            fingerprint: number()?,
        };
        // Every line ends in a newline, so the spans are exact offsets into `text`.
        let rest = rest.strip_suffix('\n').unwrap_or(rest);
        let lines = rest
            .split('\n')
            .take(if rest.is_empty() { 0 } else { usize::MAX });
        let mut spans = Vec::with_capacity(lines.clone().count());
        let mut stamps = Vec::with_capacity(spans.capacity());
        let mut at = first.len() + 1;
        for line in lines {
            let (id, stamp) = line.split_once('\t')?;
            spans.push(at..at + id.len());
            stamps.push(stamp.parse().ok()?);
            at += line.len() + 1;
        }
        Some(Fresh {
            head,
            text,
            spans,
            stamps,
        })
    }

    /// The interview ids of the record, in its order.
    pub fn ids(&self) -> Vec<&str> {
        self.spans.iter().map(|r| &self.text[r.clone()]).collect()
    }
}

/// Keeps a record of `ids` and the stamps the index holds of them. It is derived data: a
/// failure to write it costs the next search time, nothing else, so it is not reported.
pub fn save(root: &Path, head: Head, ids: &[String], stamps: &[u64]) {
    let Head {
        meta,
        folder,
        project,
        fingerprint,
    } = head;
    let mut text = format!(
        "{HEADER} {meta} {folder} {} {} {fingerprint}\n",
        project.0, project.1
    );
    for (id, stamp) in ids.iter().zip(stamps) {
        text.push_str(id);
        text.push('\t');
        text.push_str(&stamp.to_string());
        text.push('\n');
    }
    let dir = root.join(LOCAL_DIR);
    if dir.is_dir() {
        let _ = store::write_atomic(&dir.join(FILE), text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_and_a_damaged_one_not_at_all() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir(root.join(LOCAL_DIR)).unwrap();
        let head = Head {
            meta: 7,
            folder: 9,
            project: (3, 4),
            fingerprint: 5,
        };
        save(root, head, &["i001".into(), "i002".into()], &[11, 12]);
        let fresh = Fresh::load(root).unwrap();
        assert_eq!(fresh.head, head);
        assert_eq!(fresh.ids(), ["i001", "i002"]);
        assert_eq!(fresh.stamps, [11, 12]);
        let path = root.join(LOCAL_DIR).join(FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        for damaged in [
            text.replace("\t12", "\tx"),
            text.replace("\t12", ""),
            text.replace("search-fresh 2", "search-fresh 3"),
            text.replace("search-fresh 2", "search-fresh 20"),
            text.replace(" 4 5\n", " 4\n"),
            text.replace('\n', "\r\n"),
            String::new(),
        ] {
            std::fs::write(&path, damaged).unwrap();
            assert!(Fresh::load(root).is_none());
        }
    }
}
