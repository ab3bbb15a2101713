//! The interview guide: the ordered questions asked in every interview.

use serde::{Deserialize, Serialize};

use super::Localized;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Guide {
    pub questions: Vec<Question>,
}

impl Guide {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id; answers refer to it, so it never changes when the text is edited.
    pub id: String,
    pub text: Localized,
    /// Guidance for the interviewer, shown beside the answer editor.
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub help: Localized,
    pub kind: QuestionKind,
}

/// How a question is answered. Every kind also accepts free text, so a comment is never lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    Open,
    /// A scale such as maturity 1–5, each level with a label.
    Scale {
        min: u8,
        max: u8,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        labels: Vec<ScaleLabel>,
    },
    SingleChoice {
        options: Vec<ChoiceOption>,
    },
    MultipleChoice {
        options: Vec<ChoiceOption>,
    },
}

impl QuestionKind {
    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                options
            }
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLabel {
    pub value: u8,
    pub label: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Localized,
}
