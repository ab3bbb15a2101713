//! What the Interviews list shows of each interview, read from the summary index: the
//! interface draws its first frame from the index kept in `.behov/` while the interview files
//! are still being read.

use jiff::civil::Date;

use super::Index;
use crate::model::{Interview, Status};

/// One interview as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    /// Respondent ids (those the project knows, when read from an index).
    pub respondents: Vec<String>,
    pub date: Date,
    pub interviewer: String,
    pub status: Status,
    /// Answers that hold something.
    pub answered: usize,
    pub codings: usize,
    /// The round the interview names (`None`: none, which is the project's first).
    pub round: Option<String>,
}

impl Listed {
    pub fn of(interview: &Interview) -> Listed {
        Listed {
            id: interview.id.clone(),
            respondents: interview.respondents.clone(),
            date: interview.date,
            interviewer: interview.interviewer.trim().to_string(),
            status: interview.status,
            answered: interview.answered(),
            codings: interview.coding_count(),
            round: interview.round.clone().filter(|r| !r.is_empty()),
        }
    }
}

impl Index {
    /// Every interview of the index, in the index's order.
    pub fn listed(&self) -> Vec<Listed> {
        self.rows
            .iter()
            .map(|row| Listed {
                id: row.id.clone(),
                respondents: row
                    .respondents
                    .iter()
                    .map(|&r| self.respondents[r as usize].clone())
                    .collect(),
                date: row.date,
                interviewer: self.interviewers[usize::from(row.interviewer)].clone(),
                status: row.status,
                answered: row.answers.iter().filter(|a| a.answered).count(),
                codings: row.codings.len(),
                round: (!row.round.is_empty()).then(|| row.round.clone()),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;
    use crate::synth::Synth;

    fn project() -> Project {
        let mut synth = Synth::new(7);
        let mut project = synth.project(4);
        project.interviews = (1..=9).map(|n| synth.interview(n, 4)).collect();
        project
    }

    #[test]
    fn the_index_lists_each_interview_as_the_interview_itself_does() {
        let project = project();
        let from_index = Index::new(&project).listed();
        let from_interviews: Vec<Listed> = project.interviews.iter().map(Listed::of).collect();
        assert_eq!(from_index, from_interviews);
        assert!(from_index.iter().any(|l| l.codings > 0));
        assert!(from_index.iter().any(|l| l.answered > 0));
    }

    #[test]
    fn a_respondent_the_project_does_not_know_is_left_out_of_the_index_list() {
        let mut project = project();
        project.interviews[0].respondents.push("nobody".into());
        let listed = Index::new(&project).listed();
        assert!(!listed[0].respondents.contains(&"nobody".to_string()));
        let known: Vec<String> = Listed::of(&project.interviews[0])
            .respondents
            .into_iter()
            .filter(|r| r != "nobody")
            .collect();
        assert_eq!(listed[0].respondents, known);
    }
}
