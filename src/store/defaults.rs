//! The default codebook and interview guide, embedded in the binary so `behov new` works anywhere.

use std::path::PathBuf;

use super::{Error, Result, atomic, data_dir};
use crate::model::{Codebook, Project};

/// Where a user's own default codebook for new projects is kept.
const USER_CODEBOOK: &str = "default-codebook.json";

const CODEBOOK: &str = include_str!("../../codebook/needs.json");
const TEMPLATE: &str = include_str!("../../data/template/project.json");

/// The default needs codebook (from the Västmanland needs analysis, see DESIGN.md).
pub fn codebook() -> Codebook {
    serde_json::from_str(CODEBOOK).expect("the embedded codebook is checked by tests")
}

/// A new, empty project with the default guide, attributes and codebook.
pub fn project(title: &str) -> Project {
    let mut project: Project =
        serde_json::from_str(TEMPLATE).expect("the embedded template is checked by tests");
    project.title = title.to_string();
    project.codebook = codebook();
    project
}

/// A new project as this user starts them: with their own default codebook if they saved one
/// (from the Codebook tab), else the built-in one.
pub fn project_for_user(title: &str) -> Result<Project> {
    let mut project = project(title);
    if let Some(book) = user_codebook()? {
        project.codebook = book;
    }
    Ok(project)
}

fn user_codebook_path() -> Result<PathBuf> {
    Ok(data_dir()?.join(USER_CODEBOOK))
}

/// The user's own default codebook, if saved. A file that does not parse is an error with its
/// line, not silently ignored: new projects would otherwise quietly get another codebook.
pub fn user_codebook() -> Result<Option<Codebook>> {
    let path = user_codebook_path()?;
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::parse(&path, &e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Makes `book` the codebook of every new project this user creates.
pub fn save_user_codebook(book: &Codebook) -> Result<PathBuf> {
    let path = user_codebook_path()?;
    atomic::create_dir(path.parent().unwrap_or(&path))?;
    atomic::write(&path, super::to_json(book).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn defaults_are_valid() {
        let project = project("Test");
        assert_eq!(validate(&project), vec![]);
        assert!(project.guide.questions.len() >= 8);
        assert!(project.codebook.codes.len() >= 25);
    }
}
