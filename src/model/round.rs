//! Rounds (baseline, follow-up 1, …) and the people who took part in an interview.
//!
//! Both are optional in the files: a project without rounds and an interview without
//! participants are written exactly as before these existed.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Gender, Interview, Person, Project, value_key};

/// A period in which interviews are made. The same organisation interviewed in two rounds
/// shows change, which is what a follow-up is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// Stable id that interviews refer to (`r1`, `r2`…); never changes when renamed.
    pub id: String,
    /// What the report calls it: "Nulägesmätning 2025", "Uppföljning 1".
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

/// A person who took part in an interview. Matched to the organisation's contact people by
/// name (see [`Participant::matches`]); someone not registered is still counted.
/// Every field is personal data.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

impl Participant {
    /// Whether `person` is this participant: the same name, ignoring case, accents and spaces.
    pub fn matches(&self, person: &Person) -> bool {
        let key = value_key(&self.name);
        !key.is_empty() && key == value_key(&person.name)
    }

    /// The participant as recorded for a contact person: the contact's role and gender where
    /// the interview leaves them out.
    pub fn from_person(person: &Person) -> Participant {
        Participant {
            name: person.name.clone(),
            role: person.role.clone(),
            gender: person.gender,
        }
    }
}

impl Project {
    pub fn round(&self, id: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id == id)
    }

    /// The round `interview` belongs to: the one it names, or the project's first when it
    /// names none (interviews made before rounds were defined are the baseline). `None` when
    /// the project has no rounds or the named one does not exist (`behov check` reports that).
    pub fn round_of(&self, interview: &Interview) -> Option<&Round> {
        match &interview.round {
            Some(id) => self.round(id),
            None => self.rounds.first(),
        }
    }

    /// The position of `interview`'s round in the project's order, for sorting and change.
    pub fn round_index(&self, interview: &Interview) -> Option<usize> {
        let round = self.round_of(interview)?;
        self.rounds.iter().position(|r| r.id == round.id)
    }

    /// What a follow-up is compared with: the latest interview with one of `interview`'s
    /// organisations in an earlier round (latest round, then date). `None` in a project
    /// without rounds, or for an interview of the first round.
    pub fn previous_interview(&self, interview: &Interview) -> Option<&Interview> {
        let round = self.round_index(interview)?;
        self.interviews
            .iter()
            .filter(|other| other.id != interview.id)
            .filter(|other| {
                other
                    .respondents
                    .iter()
                    .any(|r| interview.respondents.contains(r))
            })
            .filter_map(|other| Some((self.round_index(other)?, other)))
            .filter(|(k, _)| *k < round)
            .max_by(|(ka, a), (kb, b)| ka.cmp(kb).then(a.date.cmp(&b.date)).then(a.id.cmp(&b.id)))
            .map(|(_, other)| other)
    }

    /// The round a follow-up of `interview` belongs in: the one after `interview`'s, or its
    /// own when it is in the last.
    pub fn next_round(&self, interview: &Interview) -> Option<&Round> {
        let k = self.round_index(interview)?;
        self.rounds.get(k + 1).or(self.rounds.get(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interview_without_a_round_is_in_the_first() {
        let mut project: Project = serde_json::from_str(
            r#"{"schema_version":1,"title":"T","guide":{"questions":[]},
            "rounds":[{"id":"r1","name":"Nulägesmätning 2025","start":"2025-09-01","end":"2025-11-30"},
                      {"id":"r2","name":"Uppföljning 2026"}]}"#,
        )
        .unwrap();
        assert_eq!(project.rounds[0].start, Some(jiff::civil::date(2025, 9, 1)));
        let mut interview: Interview = serde_json::from_str(
            r#"{"id":"i001","respondents":["r001"],"interviewer":"Maria",
            "date":"2026-02-03","mode":"video","consent":{"given":true},"status":"draft",
            "created":"2026-02-03T10:00:00Z","modified":"2026-02-03T10:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(project.round_of(&interview).unwrap().id, "r1");
        interview.round = Some("r2".into());
        assert_eq!(project.round_index(&interview), Some(1));
        interview.round = Some("r9".into());
        assert_eq!(project.round_of(&interview), None);
        interview.round = Some("r2".into());
        let mut baseline = interview.clone();
        baseline.id = "i000".into();
        baseline.round = None;
        let mut earlier = baseline.clone();
        earlier.id = "i00a".into();
        earlier.date = jiff::civil::date(2025, 1, 1);
        let mut other = baseline.clone();
        other.id = "i00b".into();
        other.respondents = vec!["r002".into()];
        project.interviews = vec![earlier, baseline, other, interview.clone()];
        let previous = project.previous_interview(&interview).unwrap();
        assert_eq!(
            previous.id, "i000",
            "the latest of the earlier round, same organisation"
        );
        assert_eq!(project.previous_interview(previous), None);
        assert_eq!(project.next_round(previous).unwrap().id, "r2");
        assert_eq!(project.next_round(&interview).unwrap().id, "r2");
        project.rounds.clear();
        interview.round = None;
        assert_eq!(project.round_of(&interview), None);
        assert_eq!(project.previous_interview(&interview), None);
    }

    #[test]
    fn a_participant_is_a_contact_person_by_name_in_any_spelling() {
        let person = Person {
            name: "Åsa Lindén".into(),
            role: "vd".into(),
            gender: Some(Gender::Woman),
            ..Person::default()
        };
        let typed = Participant {
            name: " åsa linden".into(),
            ..Participant::default()
        };
        assert!(typed.matches(&person));
        assert!(!Participant::default().matches(&Person::default()));
        assert_eq!(
            Participant::from_person(&person).gender,
            Some(Gender::Woman)
        );
    }
}
