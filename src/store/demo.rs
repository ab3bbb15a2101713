//! The demo project, embedded in the binary so `behov demo` works from anywhere.

use std::path::Path;

use super::{Error, Result, atomic};

macro_rules! demo_files {
    ($(#[$doc:meta])* $const:ident, $folder:literal: $($name:literal),* $(,)?) => {
        $(#[$doc])*
        pub const $const: &[(&str, &str)] = &[
            ("project.json", include_str!(concat!("../../data/", $folder, "/project.json"))),
            ("codebook.json", include_str!(concat!("../../data/", $folder, "/codebook.json"))),
            $((concat!("interviews/", $name, ".json"), include_str!(concat!("../../data/", $folder, "/interviews/", $name, ".json"))),)*
        ];
    };
}

demo_files!(
    /// Every file of `data/demo`, as (path inside the project, contents).
    FILES, "demo":
    "i001", "i002", "i003", "i004", "i005", "i006", "i007", "i008", "i009", "i010", "i011", "i012",
    "i013", "i014", "i015", "i016", "i017", "i018", "i019", "i020", "i021", "i022", "i023", "i024",
);

demo_files!(
    /// The second project of the demo programme (`data/demo-gavleborg`).
    GAVLEBORG, "demo-gavleborg":
    "g001", "g002", "g003", "g004", "g005", "g006", "g007",
);

demo_files!(
    /// The third project of the demo programme (`data/demo-jonkoping`), with a follow-up round.
    JONKOPING, "demo-jonkoping":
    "j001", "j002", "j003", "j004", "j005", "j006", "j101", "j103", "j104", "j105",
);

/// A project's embedded files: (path inside the project, contents).
pub type Files = &'static [(&'static str, &'static str)];

/// The demo programme's projects: (folder, name in the tables, files).
pub const PROGRAMME: [(&str, &str, Files); 3] = [
    ("vastmanland", "Region Västmanland", FILES),
    ("gavleborg", "Region Gävleborg", GAVLEBORG),
    ("jonkoping", "Region Jönköpings län", JONKOPING),
];

/// The demo programme's title.
pub const PROGRAMME_TITLE: &str = "Vägar till hållbar regional utveckling (demo)";

/// Writes a fresh copy of the demo into `dir`, replacing an earlier copy there, unless
/// another behov has that copy open.
pub fn install(dir: &Path) -> Result<()> {
    install_files(dir, FILES)
}

/// Writes a fresh copy of the demo programme into `dir`: its three projects in folders of
/// their own and `programme.json`, unless another behov has one of them open.
pub fn install_programme(dir: &Path) -> Result<()> {
    // Every project is checked before any is replaced, so a refusal changes nothing.
    for (folder, _, _) in PROGRAMME {
        let project = dir.join(folder);
        if project.join(super::PROJECT_FILE).exists()
            && super::Lock::try_acquire(&project)?.is_none()
        {
            return Err(open_elsewhere(&project));
        }
    }
    for (folder, _, files) in PROGRAMME {
        install_files(&dir.join(folder), files)?;
    }
    let listing = super::programme::ProgrammeFile {
        title: PROGRAMME_TITLE.to_string(),
        projects: PROGRAMME
            .iter()
            .map(|(folder, name, _)| super::programme::Entry::Named {
                path: folder.to_string(),
                name: name.to_string(),
            })
            .collect(),
    };
    super::programme::write(dir, &listing)
}

fn open_elsewhere(dir: &Path) -> Error {
    Error::Invalid(format!(
        "the demo ({}) is open in another behov; close that one first, since the demo starts from a fresh copy",
        dir.display()
    ))
}

fn install_files(dir: &Path, files: Files) -> Result<()> {
    if dir.join(super::PROJECT_FILE).exists() {
        let Some(_held) = super::Lock::try_acquire(dir)? else {
            return Err(open_elsewhere(dir));
        };
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    } else if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    for (name, contents) in files {
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
    fn every_file_of_the_demo_folders_is_embedded() {
        for (folder, files) in [
            ("demo", FILES),
            ("demo-gavleborg", GAVLEBORG),
            ("demo-jonkoping", JONKOPING),
        ] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data")
                .join(folder)
                .join("interviews");
            let on_disk = std::fs::read_dir(root).unwrap().count();
            assert_eq!(files.len(), on_disk + 2, "{folder}");
        }
    }

    #[test]
    fn the_programme_demo_is_three_projects_and_a_listing() {
        let dir = tempfile::tempdir().unwrap();
        install_programme(dir.path()).unwrap();
        let listing = crate::store::programme::read(&dir.path().join("programme.json")).unwrap();
        let names: Vec<&str> = listing.projects.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Region Västmanland",
                "Region Gävleborg",
                "Region Jönköpings län"
            ]
        );
        for p in &listing.projects {
            assert!(p.dir.join("project.json").is_file());
        }
    }

    #[test]
    fn a_programme_demo_open_elsewhere_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        install_programme(dir.path()).unwrap();
        let held = crate::store::Lock::try_acquire(&dir.path().join("jonkoping"))
            .unwrap()
            .unwrap();
        let marker = dir.path().join("vastmanland/marker");
        std::fs::write(&marker, "kept").unwrap();
        let err = install_programme(dir.path()).unwrap_err().to_string();
        assert!(err.contains("open in another behov"), "{err}");
        assert!(marker.exists(), "nothing replaced before the refusal");
        drop(held);
    }
}
