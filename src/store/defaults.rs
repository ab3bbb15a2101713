//! The default codebook and interview guide, embedded in the binary so `behov new` works anywhere.

use crate::model::{Codebook, Project};

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
