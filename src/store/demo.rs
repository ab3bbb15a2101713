//! The demo project, embedded in the binary so `behov demo` works from anywhere.

use std::path::Path;

use super::{Error, Result, atomic};

macro_rules! demo_files {
    ($($name:literal),* $(,)?) => {
        /// Every file of `data/demo`, as (path inside the project, contents).
        pub const FILES: &[(&str, &str)] = &[
            ("project.json", include_str!("../../data/demo/project.json")),
            ("codebook.json", include_str!("../../data/demo/codebook.json")),
            $((concat!("interviews/", $name, ".json"), include_str!(concat!("../../data/demo/interviews/", $name, ".json"))),)*
        ];
    };
}

demo_files!(
    "i001", "i002", "i003", "i004", "i005", "i006", "i007", "i008", "i009", "i010", "i011", "i012",
    "i013", "i014", "i015", "i016", "i017", "i018", "i019", "i020", "i021", "i022", "i023", "i024",
);

/// Writes a fresh copy of the demo into `dir`, replacing an earlier copy there, unless
/// another behov has that copy open.
pub fn install(dir: &Path) -> Result<()> {
    if dir.join(super::PROJECT_FILE).exists() {
        let Some(_held) = super::Lock::try_acquire(dir)? else {
            return Err(Error::Invalid(format!(
                "the demo ({}) is open in another behov; close that one first, since the demo starts from a fresh copy",
                dir.display()
            )));
        };
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    } else if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    for (name, contents) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            atomic::create_dir(parent)?;
        }
        atomic::write(&path, contents.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_demo_folder_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/interviews");
        let on_disk = std::fs::read_dir(root).unwrap().count();
        assert_eq!(FILES.len(), on_disk + 2);
    }
}
