//! The two tables only a programme summary has: its projects, and how their codebooks and
//! guides differ (a sentence each, so a difference is read, not hidden in a count).

use super::programme::ProgrammeInfo;
use super::table::{Column, Kind, Table, Value};
use crate::model::Lang;

fn word(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

pub(crate) fn projects(p: &ProgrammeInfo, lang: Lang) -> Table {
    let rows = p
        .projects
        .iter()
        .map(|m| {
            vec![
                Value::text(&m.name),
                Value::text(&m.title),
                Value::Count(m.respondents),
                Value::Count(m.interviews),
                Value::text(m.own_codes.join(", ")),
            ]
        })
        .collect();
    Table {
        id: "projects",
        title: word(lang, "Projekt i programmet", "Projects in the programme").to_string(),
        note: word(
            lang,
            "Projekten räknas tillsammans: koder matchas på id, och projektet är ett attribut (--by project). Egna koder är koder som inget annat projekt har.",
            "The projects are counted together: codes are matched by id, and the project is an attribute (--by project). Own codes are codes no other project has.",
        )
        .to_string(),
        columns: vec![
            Column::new(word(lang, "Projekt", "Project"), Kind::Text),
            Column::new(word(lang, "Titel", "Title"), Kind::Text),
            Column::new(word(lang, "Organisationer", "Organisations"), Kind::Count),
            Column::new(word(lang, "Intervjuer", "Interviews"), Kind::Count),
            Column::new(word(lang, "Egna koder", "Own codes"), Kind::Text),
        ],
        rows,
        brief: None,
    }
}

pub(crate) fn differences(p: &ProgrammeInfo, lang: Lang) -> Table {
    let mut rows: Vec<Vec<Value>> = p
        .differences
        .iter()
        .map(|d| vec![Value::Text(d.sentence(lang))])
        .collect();
    if rows.is_empty() {
        rows.push(vec![Value::text(word(
            lang,
            "Kodböckerna, guiderna och attributen är desamma i alla projekt.",
            "The codebooks, guides and attributes are the same in every project.",
        ))]);
    }
    Table {
        id: "differences",
        title: word(lang, "Skillnader mellan projekten", "Differences between the projects")
            .to_string(),
        note: word(
            lang,
            "En kod som bara finns i vissa kodböcker står på en egen rad med projekten inom parentes, och dess celler är tomma för projekt som saknar den.",
            "A code only some codebooks have is its own row with the projects in brackets, and its cells are blank for projects that lack it.",
        )
        .to_string(),
        columns: vec![Column::new(word(lang, "Skillnad", "Difference"), Kind::Prose)],
        rows,
        brief: None,
    }
}
