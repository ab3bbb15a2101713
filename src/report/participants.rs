//! The people who took part in the interviews, as distinct from the contact people
//! registered on an organisation: Reglab's "130 unika deltagare från 33 organisationer som
//! deltog 278 gånger; 48 kvinnor och 36 män".

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::coverage::Genders;
use super::tally::Tally;
use super::{format, words};
use crate::model::{Gender, Lang, Participant, Project, value_key};

/// Unique participants with one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleCount {
    /// The role as first written; "(not given)" in the report language for none.
    pub role: String,
    pub people: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participants {
    /// Different people: one person in five interviews counts once.
    pub unique: usize,
    /// Organisations the participants came from.
    pub organisations: usize,
    /// Person × interview: one person in five interviews counts five times.
    pub participations: usize,
    /// Counted interviews that record who took part.
    pub interviews: usize,
    /// Unique participants by gender.
    pub genders: Genders,
    /// Unique participants by role, most people first; without a role last.
    pub roles: Vec<RoleCount>,
}

/// What is known of one unique person.
#[derive(Default)]
struct Person {
    role: String,
    gender: Option<Gender>,
    /// Role and gender of the matching contact person, used where no interview gives them.
    contact_role: String,
    contact_gender: Option<Gender>,
}

/// The participants of the counted interviews; `None` when none records who took part.
///
/// A participant is the contact person of the same name (case, accents and spaces aside) at
/// one of the interview's organisations; else a person of the interview's first organisation.
/// A person is the same person across interviews by organisation and name. Role and gender
/// are those recorded in an interview, else those of the contact person.
pub fn participants(project: &Project, tally: &Tally, lang: Lang) -> Option<Participants> {
    if tally.participants.is_empty() {
        return None;
    }
    let mut people: HashMap<(usize, String), Person> = HashMap::new();
    let mut seen: HashSet<(usize, usize, String)> = HashSet::new();
    let mut interviews: HashSet<usize> = HashSet::new();
    // Unique people in the order first met, so role spellings are the first written.
    let mut order: Vec<(usize, String)> = Vec::new();
    for (position, row) in &tally.participants {
        let respondents = tally.respondents_of(*position);
        let recorded = Participant {
            name: row.name.clone(),
            ..Participant::default()
        };
        let contact = respondents.iter().find_map(|&r| {
            project.respondents[r]
                .people
                .iter()
                .find(|p| recorded.matches(p))
                .map(|p| (r, p))
        });
        let Some(organisation) = contact.map(|(r, _)| r).or(respondents.first().copied()) else {
            continue;
        };
        let key = (organisation, value_key(&row.name));
        if !seen.insert((*position, key.0, key.1.clone())) {
            continue;
        }
        interviews.insert(*position);
        let person = people.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Person::default()
        });
        if person.role.is_empty() {
            person.role = row.role.clone();
        }
        person.gender = person.gender.or(row.gender);
        if let Some((_, p)) = contact {
            person.contact_role = p.role.trim().to_string();
            person.contact_gender = p.gender;
        }
    }
    let mut genders = Genders::default();
    let mut roles: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut organisations: HashSet<usize> = HashSet::new();
    for key in &order {
        let person = &people[key];
        organisations.insert(key.0);
        match person.gender.or(person.contact_gender) {
            Some(Gender::Woman) => genders.women += 1,
            Some(Gender::Man) => genders.men += 1,
            Some(Gender::Other) => genders.other += 1,
            None => genders.not_recorded += 1,
        }
        let role = if person.role.is_empty() {
            &person.contact_role
        } else {
            &person.role
        };
        roles
            .entry(value_key(role))
            .or_insert_with(|| (role.clone(), 0))
            .1 += 1;
    }
    let mut roles: Vec<RoleCount> = roles
        .into_iter()
        .map(|(key, (role, people))| RoleCount {
            role: if key.is_empty() {
                words::not_given(lang).to_string()
            } else {
                role
            },
            people,
        })
        .collect();
    let not_given = words::not_given(lang);
    roles.sort_by(|a, b| {
        (a.role == not_given)
            .cmp(&(b.role == not_given))
            .then(b.people.cmp(&a.people))
            .then_with(|| a.role.cmp(&b.role))
    });
    Some(Participants {
        unique: order.len(),
        organisations: organisations.len(),
        participations: seen.len(),
        interviews: interviews.len(),
        genders,
        roles,
    })
}

impl Participants {
    /// Seed 002's sentence: "130 unika deltagare från 33 organisationer som deltog 278
    /// gånger; 48 kvinnor och 36 män."
    pub fn sentence(&self, lang: Lang) -> String {
        let n = |x: usize| format::count(x, lang);
        let plural = |x: usize, one: &str, many: &str| {
            format!("{} {}", n(x), if x == 1 { one } else { many })
        };
        let g = &self.genders;
        let sv = lang == Lang::Sv;
        let mut parts: Vec<String> = Vec::new();
        for (count, one, many) in [
            (
                g.women,
                if sv { "kvinna" } else { "woman" },
                if sv { "kvinnor" } else { "women" },
            ),
            (g.men, "man", if sv { "män" } else { "men" }),
            (
                g.other,
                if sv {
                    "med annat kön"
                } else {
                    "of other gender"
                },
                if sv {
                    "med annat kön"
                } else {
                    "of other gender"
                },
            ),
            (
                g.not_recorded,
                if sv {
                    "utan angivet kön"
                } else {
                    "without recorded gender"
                },
                if sv {
                    "utan angivet kön"
                } else {
                    "without recorded gender"
                },
            ),
        ] {
            if count > 0 {
                parts.push(plural(count, one, many));
            }
        }
        let and = if sv { " och " } else { " and " };
        let genders = match parts.len() {
            0 => String::new(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{}{and}{last}", parts.join(", "))
            }
        };
        if sv {
            format!(
                "{} från {} som deltog {}; {genders}.",
                plural(self.unique, "unik deltagare", "unika deltagare"),
                plural(self.organisations, "organisation", "organisationer"),
                plural(self.participations, "gång", "gånger"),
            )
        } else {
            format!(
                "{} from {} who took part {}; {genders}.",
                plural(self.unique, "unique participant", "unique participants"),
                plural(self.organisations, "organisation", "organisations"),
                plural(self.participations, "time", "times"),
            )
        }
    }
}
