//! The settled disagreements between coders, `agreement.json` in the project folder: read
//! when the agreement is shown, written atomically when the team settles one.

use std::path::Path;

use super::{Error, Result};
use crate::report::agreement::{SETTLED_FILE, Settled};

/// The record, or an empty one when the project has none yet. A file that does not parse is
/// an error with its line, and is never overwritten.
pub fn load(root: &Path) -> Result<Settled> {
    let path = root.join(SETTLED_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::parse(&path, &e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settled::default()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

pub fn save(root: &Path, settled: &Settled) -> Result<()> {
    super::write_atomic(&root.join(SETTLED_FILE), super::to_json(settled).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_a_damaged_file_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Settled::default());
        let mut s = Settled::default();
        s.toggle(
            ("i002", Some("q03"), "advice"),
            "maria",
            jiff::Timestamp::UNIX_EPOCH,
        );
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()).unwrap(), s);
        let path = dir.path().join(SETTLED_FILE);
        std::fs::write(&path, "{\"settled\": [").unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("agreement.json"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"settled\": [");
    }
}
