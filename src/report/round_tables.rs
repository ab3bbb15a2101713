//! The tables of rounds and participants, laid out like the rest (see `tables`).

use super::Summary;
use super::rounds::text as t;
use super::rounds::{Rounds, round_word};
use super::table::{Column, Kind, Table, Value};
use super::words as w;
use crate::model::Lang;

/// Rows for the coverage table: the people who took part, under the registered contact
/// people, so the two are not taken for each other.
pub(crate) fn participant_rows(s: &Summary, lang: Lang) -> Vec<Vec<Value>> {
    let Some(p) = &s.coverage.participants else {
        return Vec::new();
    };
    let label = |text: &str, depth: usize| Value::Label {
        text: text.to_string(),
        depth,
        strong: false,
    };
    let mut rows = vec![
        vec![
            label(w::unique_participants(lang), 0),
            Value::Count(p.unique),
        ],
        vec![
            label(w::participant_organisations(lang), 1),
            Value::Count(p.organisations),
        ],
    ];
    let g = &p.genders;
    for (n, word) in [
        (g.women, w::women(lang)),
        (g.men, w::men(lang)),
        (g.other, w::other_gender(lang)),
        (g.not_recorded, w::gender_not_recorded(lang)),
    ] {
        rows.push(vec![label(word, 1), Value::Count(n)]);
    }
    rows.push(vec![
        label(w::participant_times(lang), 0),
        Value::Count(p.participations),
    ]);
    rows.push(vec![
        Value::Label {
            text: w::participant_roles(lang).to_string(),
            depth: 0,
            strong: true,
        },
        Value::Empty,
    ]);
    for role in &p.roles {
        rows.push(vec![label(&role.role, 1), Value::Count(role.people)]);
    }
    rows
}

/// The rounds, and the change between them, when the project has rounds.
pub(crate) fn round_tables(s: &Summary, lang: Lang) -> Vec<Table> {
    let Some(r) = &s.rounds else {
        return Vec::new();
    };
    let mut out = vec![rounds(r, lang)];
    if !r.changes.is_empty() {
        out.push(changes(r, lang));
        out.push(moves(r, lang));
    }
    out
}

fn rounds(r: &Rounds, lang: Lang) -> Table {
    Table {
        id: "rounds",
        title: t::rounds_title(lang).to_string(),
        note: String::new(),
        columns: vec![
            Column::new(round_word(lang), Kind::Text),
            Column::new(t::period(lang), Kind::Text),
            Column::new(w::interviews(lang), Kind::Count),
            Column::new(w::organisations(lang), Kind::Count),
        ],
        rows: r
            .rounds
            .iter()
            .map(|round| {
                vec![
                    Value::text(&round.name),
                    Value::text(&round.period),
                    Value::Count(round.interviews),
                    Value::Count(round.organisations),
                ]
            })
            .collect(),
        brief: None,
    }
}

fn changes(r: &Rounds, lang: Lang) -> Table {
    let sentences: Vec<String> = r.changes.iter().map(|c| c.sentence(lang)).collect();
    let decimal = |x: Option<f64>| x.map_or(Value::Empty, Value::Decimal);
    Table {
        id: "changes",
        title: t::change_title(lang).to_string(),
        note: format!("{} {}", t::rounds_note(lang), sentences.join(" ")),
        columns: vec![
            Column::new(w::question(lang), Kind::Text),
            Column::new(t::from_round(lang), Kind::Text),
            Column::new(t::to_round(lang), Kind::Text),
            Column::new(t::in_both(lang), Kind::Count),
            Column::new(t::up(lang), Kind::Count),
            Column::new(t::same(lang), Kind::Count),
            Column::new(t::down(lang), Kind::Count),
            Column::new(t::mean_from(lang), Kind::Decimal),
            Column::new(t::mean_to(lang), Kind::Decimal),
            Column::new(t::mean_change(lang), Kind::Decimal),
            Column::new(t::left_out(lang), Kind::Count),
        ],
        rows: r
            .changes
            .iter()
            .map(|c| {
                vec![
                    Value::text(&c.text),
                    Value::text(&c.from_round),
                    Value::text(&c.to_round),
                    Value::Count(c.organisations),
                    Value::Count(c.up),
                    Value::Count(c.same),
                    Value::Count(c.down),
                    decimal(c.mean_from),
                    decimal(c.mean_to),
                    decimal(c.mean_change),
                    Value::Count(c.left_out),
                ]
            })
            .collect(),
        brief: None,
    }
}

fn moves(r: &Rounds, lang: Lang) -> Table {
    let mut rows = Vec::new();
    for c in &r.changes {
        for m in &c.moves {
            rows.push(vec![
                Value::text(&c.text),
                Value::text(&c.from_round),
                Value::text(&c.to_round),
                Value::text(&m.organisation),
                Value::Count(usize::from(m.from)),
                Value::Count(usize::from(m.to)),
                Value::Decimal(f64::from(m.to) - f64::from(m.from)),
            ]);
        }
    }
    Table {
        id: "moves",
        title: t::moves_title(lang).to_string(),
        note: t::moves_note(lang).to_string(),
        columns: vec![
            Column::new(w::question(lang), Kind::Text),
            Column::new(t::from_round(lang), Kind::Text),
            Column::new(t::to_round(lang), Kind::Text),
            Column::new(w::organisation(lang), Kind::Text),
            Column::new(t::before(lang), Kind::Count),
            Column::new(t::after(lang), Kind::Count),
            Column::new(t::change(lang), Kind::Decimal),
        ],
        rows,
        brief: Some(40),
    }
}
