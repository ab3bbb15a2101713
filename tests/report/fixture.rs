//! A small project whose every number the report tests work out by hand.
//!
//! Codebook (parents before children):
//!   needs ── advice
//!         └─ funding ── grants
//!   barriers ── time
//! Guide: q1 open (needs), q2 scale 1–5 (maturity), q3 open (barriers).
//! Respondents: r1 Västerås stad (kommun; Anna ♀, Bo ♂), r2 Köpings kommun (kommun; Cecilia ♀),
//!   r3 Inkubator Öst (inkubator; Dan, gender not recorded), r4 Science Park Sala (inkubator;
//!   never interviewed), r5 Åre Företagarna (no type).
//! Interviews (coders anna and erik):
//!   i1 2026-01-10 complete [r1]      q1 "Vi behöver råd. Och pengar till investeringar."
//!        advice span 0..15 (anna), grants span 16..46 (anna), advice whole (erik);
//!        q2 = 4; q3 "Tiden räcker inte." time (anna)
//!   i2 2026-01-20 complete [r2]      q1 "Rådgivning om färdplan." advice (anna); q2 = 2; q3 empty
//!   i3 2026-02-05 complete [r1, r3]  q1 "Finansiering är viktigast." funding, advice (erik); q2 = 5
//!   i4 2026-02-15 draft    [r5]      q1 "=SUM(A1) är inget svar." needs (anna);
//!        q3 "- Regler och tid." time (anna)
//!   i5 2026-03-01 complete [r3]      q2 = 4; q1 "Bidrag." grants (erik), unknown code (anna)

use behov::model::{
    Answer, AttributeDef, Code, Codebook, Coding, Consent, Gender, Guide, Interview, Localized,
    Mode, Person, Project, Question, QuestionKind, Respondent, SCHEMA_VERSION, ScaleLabel, Span,
    Status,
};
use jiff::Timestamp;
use jiff::civil::Date;

fn code(id: &str, parent: Option<&str>, sv: &str, en: &str) -> Code {
    Code {
        id: id.into(),
        parent: parent.map(Into::into),
        label: Localized::new(sv, en),
        definition: Localized::default(),
        include: String::new(),
        exclude: String::new(),
        example: String::new(),
        colour: "#336699".into(),
    }
}

fn respondent(
    id: &str,
    name: &str,
    attributes: &[(&str, &str)],
    people: Vec<Person>,
) -> Respondent {
    Respondent {
        id: id.into(),
        name: name.into(),
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        people,
    }
}

fn person(name: &str, gender: Option<Gender>) -> Person {
    Person {
        name: name.into(),
        gender,
        ..Person::default()
    }
}

fn coding(code: &str, coder: &str, span: Option<(usize, usize)>) -> Coding {
    Coding {
        code: code.into(),
        span: span.map(|(start, end)| Span { start, end }),
        coder: coder.into(),
        memo: String::new(),
        created: Timestamp::UNIX_EPOCH,
    }
}

fn answer(question: &str, text: &str, scale: Option<u8>, codings: Vec<Coding>) -> Answer {
    Answer {
        question: question.into(),
        text: text.into(),
        scale,
        choices: Vec::new(),
        codings,
        time: None,
    }
}

fn interview(
    id: &str,
    respondents: &[&str],
    date: Date,
    status: Status,
    answers: Vec<Answer>,
) -> Interview {
    Interview {
        id: id.into(),
        respondents: respondents.iter().map(|r| r.to_string()).collect(),
        interviewer: "Maria Lind".into(),
        date,
        mode: Mode::Video,
        consent: Consent {
            given: true,
            date: Some(date),
            note: String::new(),
            ..Consent::default()
        },
        status,
        answers,
        notes: String::new(),
        notes_codings: Vec::new(),
        source: None,
        round: None,
        participants: Vec::new(),
        created: Timestamp::UNIX_EPOCH,
        modified: Timestamp::UNIX_EPOCH,
    }
}

fn question(id: &str, sv: &str, en: &str, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        text: Localized::new(sv, en),
        help: Localized::default(),
        kind,
    }
}

pub fn small_project() -> Project {
    let date = |m, d| Date::new(2026, m, d).unwrap();
    Project {
        schema_version: SCHEMA_VERSION,
        title: "Behovsanalys Testlän".into(),
        description: String::new(),
        guide: Guide {
            questions: vec![
                question(
                    "q1",
                    "Vilka behov ser ni?",
                    "What needs do you see?",
                    QuestionKind::Open,
                ),
                question(
                    "q2",
                    "Hur mogna är företagen?",
                    "How mature are the companies?",
                    QuestionKind::Scale {
                        min: 1,
                        max: 5,
                        labels: vec![
                            ScaleLabel {
                                value: 1,
                                label: Localized::new("Låg", "Low"),
                            },
                            ScaleLabel {
                                value: 5,
                                label: Localized::new("Hög", "High"),
                            },
                        ],
                    },
                ),
                question(
                    "q3",
                    "Vilka hinder finns?",
                    "What barriers are there?",
                    QuestionKind::Open,
                ),
            ],
        },
        attributes: vec![
            AttributeDef {
                id: "type".into(),
                label: Localized::new("Organisationstyp", "Organisation type"),
                values: vec!["kommun".into(), "inkubator".into()],
            },
            AttributeDef {
                id: "municipality".into(),
                label: Localized::new("Kommun", "Municipality"),
                values: Vec::new(),
            },
        ],
        respondents: vec![
            respondent(
                "r1",
                "Västerås stad",
                &[("type", "kommun"), ("municipality", "Västerås")],
                vec![
                    person("Anna", Some(Gender::Woman)),
                    person("Bo", Some(Gender::Man)),
                ],
            ),
            respondent(
                "r2",
                "Köpings kommun",
                &[("type", "kommun"), ("municipality", "Köping")],
                vec![person("Cecilia", Some(Gender::Woman))],
            ),
            respondent(
                "r3",
                "Inkubator Öst",
                &[("type", "inkubator"), ("municipality", "Västerås")],
                vec![person("Dan", None)],
            ),
            respondent(
                "r4",
                "Science Park Sala",
                &[("type", "inkubator"), ("municipality", "Sala")],
                Vec::new(),
            ),
            respondent(
                "r5",
                "Åre Företagarna",
                &[("municipality", "Åre")],
                Vec::new(),
            ),
        ],
        rounds: Vec::new(),
        codebook: Codebook {
            codes: vec![
                code("needs", None, "Behov", "Needs"),
                code("advice", Some("needs"), "Rådgivning", "Advice"),
                code("funding", Some("needs"), "Finansiering", "Funding"),
                code("grants", Some("funding"), "Bidrag", "Grants"),
                code("barriers", None, "Hinder", "Barriers"),
                code("time", Some("barriers"), "Tid", "Time"),
            ],
        },
        interviews: vec![
            interview(
                "i1",
                &["r1"],
                date(1, 10),
                Status::Complete,
                vec![
                    answer(
                        "q1",
                        "Vi behöver råd. Och pengar till investeringar.",
                        None,
                        vec![
                            coding("advice", "anna", Some((0, 15))),
                            coding("grants", "anna", Some((16, 46))),
                            coding("advice", "erik", None),
                        ],
                    ),
                    answer("q2", "", Some(4), Vec::new()),
                    answer(
                        "q3",
                        "Tiden räcker inte.",
                        None,
                        vec![coding("time", "anna", None)],
                    ),
                ],
            ),
            interview(
                "i2",
                &["r2"],
                date(1, 20),
                Status::Complete,
                vec![
                    answer(
                        "q1",
                        "Rådgivning om färdplan.",
                        None,
                        vec![coding("advice", "anna", None)],
                    ),
                    answer("q2", "", Some(2), Vec::new()),
                    answer("q3", "", None, Vec::new()),
                ],
            ),
            interview(
                "i3",
                &["r1", "r3"],
                date(2, 5),
                Status::Complete,
                vec![
                    answer(
                        "q1",
                        "Finansiering är viktigast.",
                        None,
                        vec![
                            coding("funding", "erik", None),
                            coding("advice", "erik", None),
                        ],
                    ),
                    answer("q2", "", Some(5), Vec::new()),
                ],
            ),
            interview(
                "i4",
                &["r5"],
                date(2, 15),
                Status::Draft,
                vec![
                    answer(
                        "q1",
                        "=SUM(A1) är inget svar.",
                        None,
                        vec![coding("needs", "anna", None)],
                    ),
                    answer(
                        "q3",
                        "- Regler och tid.",
                        None,
                        vec![coding("time", "anna", None)],
                    ),
                ],
            ),
            interview(
                "i5",
                &["r3"],
                date(3, 1),
                Status::Complete,
                vec![
                    answer("q2", "", Some(4), Vec::new()),
                    answer(
                        "q1",
                        "Bidrag.",
                        None,
                        vec![
                            coding("grants", "erik", None),
                            coding("nosuch", "anna", None),
                        ],
                    ),
                ],
            ),
        ],
    }
}
