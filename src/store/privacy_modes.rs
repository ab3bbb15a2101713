//! Interviews are personal data: every file of a project is readable by its owner only (0600,
//! folders 0700). A project copied or unpacked with looser modes is made private when it is
//! opened for writing, and the user is told.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::{CODEBOOK_FILE, INTERVIEWS_DIR, LOCAL_DIR, PROJECT_FILE};

/// Tightens the modes of the project's files and folders (links are left alone); returns a
/// sentence when anything was changed.
pub fn tighten(root: &Path) -> Option<String> {
    let mut fixed = 0usize;
    fix(root, true, &mut fixed);
    for name in [PROJECT_FILE, CODEBOOK_FILE] {
        fix(&root.join(name), false, &mut fixed);
    }
    for dir in [INTERVIEWS_DIR, LOCAL_DIR] {
        walk(&root.join(dir), &mut fixed);
    }
    (fixed > 0).then(|| {
        format!(
            "{fixed} files or folders of the project could be read by other users; they are now private (files 0600, folders 0700)"
        )
    })
}

fn walk(dir: &Path, fixed: &mut usize) {
    fix(dir, true, fixed);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(&entry.path(), fixed),
            Ok(kind) if kind.is_file() => fix(&entry.path(), false, fixed),
            _ => {}
        }
    }
}

fn fix(path: &Path, is_dir: bool, fixed: &mut usize) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if meta.file_type().is_symlink() {
        return;
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        let private = if is_dir { 0o700 } else { mode & 0o700 | 0o600 };
        if fs::set_permissions(path, fs::Permissions::from_mode(private)).is_ok() {
            *fixed += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_modes_are_tightened_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("interviews")).unwrap();
        fs::create_dir_all(root.join(".behov/index")).unwrap();
        for (name, mode) in [
            ("project.json", 0o644),
            ("codebook.json", 0o600),
            ("interviews/i1.json", 0o664),
            (".behov/index/meta.json", 0o644),
        ] {
            let path = root.join(name);
            fs::write(&path, "{}").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        }
        for d in ["", "interviews", ".behov", ".behov/index"] {
            fs::set_permissions(root.join(d), fs::Permissions::from_mode(0o755)).unwrap();
        }
        let notice = tighten(root).unwrap();
        assert!(notice.starts_with("7 files"), "{notice}");
        for name in [
            "project.json",
            "interviews/i1.json",
            ".behov/index/meta.json",
        ] {
            let mode = fs::metadata(root.join(name)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{name}");
        }
        assert_eq!(tighten(root), None);
    }
}
