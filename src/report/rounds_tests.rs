//! Rounds and participants with numbers worked out by hand.

use serde_json::{Value, json};

use super::{Options, summarise};
use crate::model::{Interview, Lang, Project};

/// Guide: q1 a maturity scale 1–5, q2 open. Rounds r1 "Nuläge", r2 "Uppföljning".
/// Organisations A, B, C, D; D has the contact person Lisa Holm (projektledare, woman).
fn project(interviews: Vec<Value>) -> Project {
    let mut project: Project = serde_json::from_value(json!({
        "schema_version": 1,
        "title": "Uppföljning",
        "guide": {"questions": [
            {"id": "q1", "text": {"sv": "Digitalisering", "en": "Digitalisation"},
             "kind": {"type": "scale", "min": 1, "max": 5}},
            {"id": "q2", "text": {"sv": "Behov", "en": "Needs"}, "kind": {"type": "open"}}
        ]},
        "attributes": [{"id": "type", "label": {"sv": "Typ", "en": "Type"}}],
        "respondents": [
            {"id": "A", "name": "Alfa AB", "attributes": {"type": "företag"}},
            {"id": "B", "name": "Beta AB", "attributes": {"type": "företag"}},
            {"id": "C", "name": "Gamma AB", "attributes": {"type": "kommun"}},
            {"id": "D", "name": "Delta AB", "attributes": {"type": "kommun"},
             "people": [{"name": "Lisa Holm", "role": "projektledare", "gender": "woman"}]}
        ],
        "rounds": [{"id": "r1", "name": "Nuläge"}, {"id": "r2", "name": "Uppföljning"}]
    }))
    .unwrap();
    project.codebook = serde_json::from_value(json!({"codes": [
        {"id": "advice", "label": {"sv": "Rådgivning", "en": "Advice"}, "colour": "#336699"}
    ]}))
    .unwrap();
    project.interviews = interviews
        .into_iter()
        .map(|v| serde_json::from_value::<Interview>(v).unwrap())
        .collect();
    project
}

/// An interview of `respondent` on `date` in `round` (`None`: the field left out) with the
/// maturity `value`, coded `advice` when `advice`, with `participants`.
fn interview(
    id: &str,
    respondent: &str,
    date: &str,
    round: Option<&str>,
    value: u8,
    advice: bool,
    participants: Value,
) -> Value {
    let codings = if advice {
        json!([{"code": "advice", "coder": "Maria", "created": "2026-01-01T00:00:00Z"}])
    } else {
        json!([])
    };
    let mut v = json!({
        "id": id, "respondents": [respondent], "interviewer": "Maria", "date": date,
        "mode": "video", "consent": {"given": true}, "status": "complete",
        "answers": [
            {"question": "q1", "text": "", "scale": value},
            {"question": "q2", "text": "Vi behöver råd.", "codings": codings}
        ],
        "participants": participants,
        "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z"
    });
    if let Some(round) = round {
        v["round"] = json!(round);
    }
    v
}

/// A and B and C in both rounds, D in the follow-up only. C has two follow-up interviews;
/// the later one (value 3) is its follow-up value.
fn followed_up() -> Project {
    let none = json!([]);
    project(vec![
        interview(
            "i1",
            "A",
            "2025-10-01",
            None,
            2,
            true,
            json!([{"name": "Anna Berg", "gender": "woman"}, {"name": "Olle Ek"}]),
        ),
        interview(
            "i2",
            "B",
            "2025-10-02",
            Some("r1"),
            3,
            false,
            json!([{"name": "Anna Berg"}]),
        ),
        interview("i3", "C", "2025-10-03", Some("r1"), 4, false, none.clone()),
        interview(
            "i4",
            "A",
            "2026-10-01",
            Some("r2"),
            4,
            true,
            json!([{"name": "anna  berg"}, {"name": "Per Ny", "role": "vd", "gender": "man"}]),
        ),
        interview("i5", "B", "2026-10-02", Some("r2"), 3, true, none.clone()),
        interview("i6", "C", "2026-10-20", Some("r2"), 3, false, none.clone()),
        interview("i7", "C", "2026-10-05", Some("r2"), 5, false, none),
        interview(
            "i8",
            "D",
            "2026-10-06",
            Some("r2"),
            5,
            false,
            json!([{"name": "Lisa Holm"}]),
        ),
    ])
}

fn by_round(lang: Lang) -> super::Summary {
    let options = Options {
        by: Some("omgång".into()),
        lang,
        ..Options::default()
    };
    summarise(&followed_up(), &options).unwrap()
}

#[test]
fn change_per_organisation_leaves_out_one_round_only() {
    let s = by_round(Lang::Sv);
    let r = s.rounds.as_ref().unwrap();
    assert_eq!(
        r.rounds
            .iter()
            .map(|c| (c.interviews, c.organisations))
            .collect::<Vec<_>>(),
        [(3, 3), (5, 4)]
    );
    let [c] = r.changes.as_slice() else {
        panic!("one scale question, two rounds: one change")
    };
    // A 2 → 4 (up), B 3 → 3 (same), C 4 → 3 (down; its later follow-up counts, not the 5).
    assert_eq!((c.organisations, c.up, c.same, c.down), (3, 1, 1, 1));
    assert_eq!(c.left_out, 1, "D is in the follow-up only");
    // Mean change (2 + 0 − 1) / 3; before (2 + 3 + 4) / 3 = 3; after (4 + 3 + 3) / 3.
    assert!((c.mean_change.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(c.mean_from, Some(3.0));
    assert!((c.mean_to.unwrap() - 10.0 / 3.0).abs() < 1e-9);
    let moves: Vec<(&str, u8, u8)> = c
        .moves
        .iter()
        .map(|m| (m.organisation.as_str(), m.from, m.to))
        .collect();
    assert_eq!(
        moves,
        [("Alfa AB", 2, 4), ("Beta AB", 3, 3), ("Gamma AB", 4, 3)]
    );
    assert_eq!(
        c.sentence(Lang::Sv),
        "Från Nuläge till Uppföljning, ”Digitalisering”: 3 organisationer intervjuades i båda; \
         1 steg upp, 1 låg kvar och 1 gick ned, i snitt +0,3 steg (från 3,0 till 3,3). \
         1 organisation finns bara i en av omgångarna och ingår inte."
    );
    let en = by_round(Lang::En);
    assert_eq!(
        en.rounds.unwrap().changes[0].sentence(Lang::En),
        "From Nuläge to Uppföljning, “Digitalisation”: 3 organisations interviewed in both; \
         1 moved up, 1 stayed and 1 moved down, +0.3 steps on average (from 3.0 to 3.3). \
         1 organisation is in only one of the rounds and is not included."
    );
}

#[test]
fn by_round_splits_the_needs_and_the_scales_by_the_interviews_round() {
    let s = by_round(Lang::Sv);
    let m = s.groups.as_ref().unwrap();
    let groups: Vec<(&str, usize)> = m
        .groups
        .iter()
        .map(|g| (g.label.as_str(), g.respondents))
        .collect();
    assert_eq!(groups, [("Nuläge", 3), ("Uppföljning", 4)]);
    // Advice: A in the baseline (1 of 3); A and B in the follow-up (2 of 4).
    let advice: Vec<usize> = m.rows[0].cells.iter().map(|c| c.respondents).collect();
    assert_eq!(advice, [1, 2]);
    assert_eq!(m.rows[0].total.respondents, 2);
    let scale = &s.scales[0];
    // Baseline 2, 3, 4; follow-up 4, 3, 3, 5, 5 (every interview counts in the distribution).
    assert_eq!(scale.groups[0].distribution.counts, [0, 1, 1, 1, 0]);
    assert_eq!(scale.groups[1].distribution.counts, [0, 0, 2, 1, 2]);
    assert_eq!(scale.all.n, 8);
}

#[test]
fn a_person_counts_once_as_unique_and_once_per_interview_as_participation() {
    let s = by_round(Lang::Sv);
    let p = s.coverage.participants.as_ref().unwrap();
    // Alfa: Anna Berg (twice, spelled two ways), Olle Ek, Per Ny; Beta: another Anna Berg;
    // Delta: Lisa Holm, the contact person.
    assert_eq!((p.unique, p.organisations, p.participations), (5, 3, 6));
    assert_eq!(p.interviews, 4);
    // Women: Alfa's Anna (given in i1), Lisa (from the contact person). Man: Per. Without:
    // Olle and Beta's Anna.
    let g = p.genders;
    assert_eq!((g.women, g.men, g.other, g.not_recorded), (2, 1, 0, 2));
    let roles: Vec<(&str, usize)> = p
        .roles
        .iter()
        .map(|r| (r.role.as_str(), r.people))
        .collect();
    assert_eq!(
        roles,
        [("projektledare", 1), ("vd", 1), ("(uppgift saknas)", 3)]
    );
    assert_eq!(
        p.sentence(Lang::Sv),
        "5 unika deltagare från 3 organisationer som deltog 6 gånger; 2 kvinnor, 1 man och 2 utan angivet kön."
    );
    assert_eq!(
        p.sentence(Lang::En),
        "5 unique participants from 3 organisations who took part 6 times; 2 women, 1 man and 2 without recorded gender."
    );
}

#[test]
fn a_project_without_rounds_or_participants_has_neither() {
    let mut project = followed_up();
    project.rounds.clear();
    for i in &mut project.interviews {
        i.round = None;
        i.participants.clear();
    }
    let s = summarise(&project, &Options::default()).unwrap();
    assert!(s.rounds.is_none() && s.coverage.participants.is_none());
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("\"rounds\"") && !json.contains("\"participants\""));
    let asked = Options {
        by: Some("round".into()),
        ..Options::default()
    };
    let error = summarise(&project, &asked).unwrap_err();
    assert!(error.to_string().contains("no rounds"), "{error}");
}

/// Seed 002: "130 unika deltagare från 33 organisationer har deltagit 278 gånger", "48
/// kvinnor och 36 män". 130 people, person k at organisation k mod 33; everyone in two
/// interviews and the first 18 in a third (130 + 130 + 18 = 278); the first 48 women, the
/// next 36 men, the rest without a recorded gender.
#[test]
fn seed_002_sentence_on_a_project_of_the_same_shape() {
    let mut interviews = Vec::new();
    for (pass, people) in [(0, 130), (1, 130), (2, 18)] {
        for org in 0..33 {
            let participants: Vec<Value> = (0..people)
                .filter(|k| k % 33 == org)
                .map(|k| {
                    let gender = match k {
                        0..48 => json!("woman"),
                        48..84 => json!("man"),
                        _ => Value::Null,
                    };
                    json!({"name": format!("Person {k}"), "gender": gender})
                })
                .collect();
            if participants.is_empty() {
                continue;
            }
            let mut v = interview(
                &format!("i{pass}-{org}"),
                &format!("R{org}"),
                "2025-10-01",
                None,
                3,
                false,
                Value::Array(participants),
            );
            v["respondents"] = json!([format!("R{org}")]);
            interviews.push(v);
        }
    }
    let mut p = project(interviews);
    p.respondents = (0..33)
        .map(|org| crate::model::Respondent {
            id: format!("R{org}"),
            name: format!("Organisation {org}"),
            attributes: Default::default(),
            people: Vec::new(),
        })
        .collect();
    let s = summarise(&p, &Options::default()).unwrap();
    let participants = s.coverage.participants.unwrap();
    assert_eq!(
        participants.sentence(Lang::Sv),
        "130 unika deltagare från 33 organisationer som deltog 278 gånger; 48 kvinnor, 36 män och 46 utan angivet kön."
    );
}
