//! Who took part: organisations, interviews, people — the numbers a report opens with
//! ("130 unique participants from 33 organisations, 278 participations").

use jiff::civil::Date;
use serde::Serialize;

use super::grouping::{Group, groups};
use super::participants::{Participants, participants};
use super::tally::Tally;
use super::words;
use crate::model::{Gender, Lang, Project};

/// People by recorded gender: the contact people of the interviewed organisations, or the
/// unique participants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Genders {
    pub women: usize,
    pub men: usize,
    pub other: usize,
    pub not_recorded: usize,
}

/// The interviewed respondents split by one attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributeSplit {
    pub attribute: String,
    pub label: String,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Respondents in the project that pass the filter's attributes.
    pub respondents: usize,
    /// Of those, the organisations in at least one counted interview.
    pub interviewed: usize,
    pub interviews: usize,
    pub complete: usize,
    pub drafts: usize,
    /// Drafts not counted because only complete interviews count.
    pub drafts_left_out: usize,
    /// Interviews not counted because the chosen coders did not code them.
    pub uncoded_left_out: usize,
    /// Organisations summed over interviews: a group interview with three counts three.
    pub participations: usize,
    /// Contact people registered on the interviewed organisations, whether they took part
    /// or not.
    pub people: usize,
    pub genders: Genders,
    /// The people who took part, when interviews record them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<Participants>,
    /// Non-empty answers in the counted interviews.
    pub answers: usize,
    /// Answers with at least one counted coding.
    pub coded_answers: usize,
    pub codings: usize,
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// The interviewed organisations by each attribute of the project.
    pub attributes: Vec<AttributeSplit>,
}

pub fn coverage(project: &Project, tally: &Tally, lang: Lang) -> Coverage {
    let mut genders = Genders::default();
    let mut people = 0;
    for r in tally.interviewed.iter() {
        for person in &project.respondents[r].people {
            people += 1;
            match person.gender {
                Some(Gender::Woman) => genders.women += 1,
                Some(Gender::Man) => genders.men += 1,
                Some(Gender::Other) => genders.other += 1,
                None => genders.not_recorded += 1,
            }
        }
    }
    Coverage {
        respondents: tally.eligible.len(),
        interviewed: tally.interviewed.len(),
        interviews: tally.included.len(),
        complete: tally.complete,
        drafts: tally.drafts,
        drafts_left_out: tally.drafts_left_out,
        uncoded_left_out: tally.uncoded_left_out,
        participations: tally.respondents.len(),
        people,
        genders,
        participants: participants(project, tally, lang),
        answers: tally.answers,
        coded_answers: tally.coded_answers,
        codings: tally.codings,
        first: tally.first,
        last: tally.last,
        attributes: project
            .attributes
            .iter()
            .map(|a| AttributeSplit {
                attribute: a.id.clone(),
                label: a.label.get(lang).to_string(),
                groups: groups(project, tally, &a.id, lang)
                    .into_iter()
                    .map(|(g, _)| g)
                    .collect(),
            })
            .collect(),
    }
}

impl Coverage {
    /// The opening sentence of a report, e.g. "24 organisations took part in 26 interviews
    /// (2 of them drafts); 41 contact people: 20 women, 18 men, 3 not recorded."
    pub fn sentence(&self, lang: Lang) -> String {
        words::coverage_sentence(self, lang)
    }
}
