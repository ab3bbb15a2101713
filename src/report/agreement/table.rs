//! The agreement as tables, which the terminal, CSV and XLSX renderers draw like a summary.

use super::{Agreement, DisagreementKind, Figure, Figures, Level, Why};
use crate::model::Lang;
use crate::report::table::{Column, Kind, Table, Value};

fn t(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

fn cell(figure: Figure, kind: Kind, lang: Lang) -> Value {
    match (figure, kind) {
        (Figure::Value(x), Kind::Share) => Value::Share(x),
        (Figure::Value(x), _) => Value::Coefficient(x),
        (Figure::Undefined(why), _) => Value::text(why.mark(lang)),
    }
}

fn row(label: Value, f: &Figures, level: Level, lang: Lang) -> Vec<Value> {
    vec![
        label,
        Value::Count(f.answers),
        Value::Count(f.characters),
        cell(f.percent(level), Kind::Share, lang),
        cell(f.kappa(level), Kind::Coefficient, lang),
        cell(f.alpha_answers, Kind::Coefficient, lang),
        cell(f.unitizing_alpha, Kind::Coefficient, lang),
    ]
}

/// The figures per code and overall, then the disagreements; `brief` shortens each passage
/// to [`BRIEF_PASSAGE`] characters, for the terminal (files have them whole).
pub fn tables(a: &Agreement, lang: Lang, brief: bool) -> Vec<Table> {
    vec![figures_table(a, lang), disagreement_table(a, lang, brief)]
}

/// Characters of a passage the terminal table shows.
pub const BRIEF_PASSAGE: usize = 90;

fn shorten(text: &str, brief: bool) -> String {
    if brief && text.chars().count() > BRIEF_PASSAGE {
        let head: String = text.chars().take(BRIEF_PASSAGE).collect();
        format!("{}…", head.trim_end())
    } else {
        text.to_string()
    }
}

fn figures_table(a: &Agreement, lang: Lang) -> Table {
    let level = a.level;
    let (percent, kappa) = match level {
        Level::Character => (
            t(lang, "Överensstämmelse, tecken", "Agreement, characters"),
            t(lang, "κ tecken", "κ characters"),
        ),
        Level::Answer => (
            t(lang, "Överensstämmelse, svar", "Agreement, answers"),
            t(lang, "κ svar", "κ answers"),
        ),
    };
    let columns = vec![
        Column::new(t(lang, "Kod", "Code"), Kind::Text),
        Column::new(t(lang, "Svar", "Answers"), Kind::Count),
        Column::new(t(lang, "Tecken", "Characters"), Kind::Count),
        Column::new(percent, Kind::Share),
        Column::new(kappa, Kind::Coefficient),
        Column::new(t(lang, "α svar", "α answers"), Kind::Coefficient),
        Column::new("uα", Kind::Coefficient),
    ];
    let mut rows: Vec<Vec<Value>> = a
        .codes
        .iter()
        .map(|c| row(Value::text(&c.label), &c.figures, level, lang))
        .collect();
    if a.codes.len() != 1 {
        let all = Value::Label {
            text: t(lang, "Alla koder", "All codes").to_string(),
            depth: 0,
            strong: true,
        };
        rows.push(row(all, &a.overall, level, lang));
    }
    let mut note = vec![super::method_sentence(a, lang)];
    note.push(match lang {
        Lang::Sv => format!(
            "Kodare: {}. Svar: de som minst två av kodarna kodade; tecken: texten i de svar alla kodade. κ: Cohens kappa med slumpens överensstämmelse från båda kodarnas andelar kodat och inte kodat (som NVivo). α: Krippendorffs α (nominal) på svarsnivå, kod finns eller inte. uα: Krippendorffs unitizing α på tecknen. «Alla koder» lägger samman koderna som någon använde.",
            a.coders.join(", ")
        ),
        Lang::En => format!(
            "Coders: {}. Answers: those at least two of the coders coded; characters: the text of the answers all coded. κ: Cohen's kappa with chance agreement from both coders' shares coded and not coded (as NVivo). α: Krippendorff's α (nominal) at answer level, code present or not. uα: Krippendorff's unitizing α on the characters. \"All codes\" pools the codes anyone used.",
            a.coders.join(", ")
        ),
    });
    let mut reasons: Vec<Why> = Vec::new();
    for c in a.codes.iter().map(|c| &c.figures).chain([&a.overall]) {
        for f in [
            c.percent(level),
            c.kappa(level),
            c.alpha_answers,
            c.unitizing_alpha,
        ] {
            if let Figure::Undefined(why) = f
                && !reasons.contains(&why)
            {
                reasons.push(why);
            }
        }
    }
    for why in reasons {
        note.push(format!("{}: {}.", why.mark(lang), why.sentence(lang)));
    }
    if a.unused > 0 {
        note.push(match lang {
            Lang::Sv => format!(
                "{} koder i kodboken användes inte av någon i dessa svar och är utelämnade.",
                a.unused
            ),
            Lang::En => format!(
                "{} codes of the codebook were used by nobody in these answers and are left out.",
                a.unused
            ),
        });
    }
    Table {
        id: "agreement",
        title: t(
            lang,
            "Överensstämmelse mellan kodare",
            "Agreement between coders",
        )
        .to_string(),
        note: note.join(" "),
        columns,
        rows,
        brief: None,
    }
}

/// Every disagreement, one row each, the coders' passages side by side.
fn disagreement_table(a: &Agreement, lang: Lang, brief: bool) -> Table {
    let mut columns = vec![
        Column::new(t(lang, "Intervju", "Interview"), Kind::Text),
        Column::new(t(lang, "Respondent", "Respondent"), Kind::Text),
        Column::new(t(lang, "Fråga", "Question"), Kind::Text),
        Column::new(t(lang, "Kod", "Code"), Kind::Text),
        Column::new(t(lang, "Skillnad", "Difference"), Kind::Text),
        Column::new(t(lang, "Tecken", "Characters"), Kind::Count),
    ];
    for coder in &a.coders {
        columns.push(Column::new(coder.clone(), Kind::Prose));
    }
    columns.push(Column::new(t(lang, "Avgjord", "Settled"), Kind::Text));
    let rows = a
        .disagreements
        .iter()
        .map(|d| {
            let mut row = vec![
                Value::text(&d.interview),
                Value::text(&d.respondent),
                Value::text(match d.number {
                    Some(n) => n.to_string(),
                    None => t(lang, "utanför guiden", "outside the guide").to_string(),
                }),
                Value::text(&d.label),
                Value::text(match d.kind {
                    DisagreementKind::Presence => t(lang, "kod eller inte", "code or not"),
                    DisagreementKind::Passage => t(lang, "olika stycken", "different passages"),
                }),
                Value::Count(d.characters),
            ];
            for coder in &a.coders {
                row.push(match d.passages.iter().find(|p| &p.coder == coder) {
                    None => {
                        Value::text(t(lang, "(kodade inte svaret)", "(did not code the answer)"))
                    }
                    Some(p) if p.spans.is_empty() => Value::text("–"),
                    Some(p) => Value::text(format!("«{}»", shorten(&p.text, brief))),
                });
            }
            row.push(Value::text(if d.settled {
                t(lang, "ja", "yes")
            } else {
                ""
            }));
            row
        })
        .collect();
    let settled = a.disagreements.iter().filter(|d| d.settled).count();
    Table {
        id: "disagreements",
        title: t(lang, "Oenigheter", "Disagreements").to_string(),
        note: match lang {
            Lang::Sv => format!(
                "{} oenigheter, varav {settled} avgjorda. «–»: kodaren kodade svaret men inte med koden.",
                a.disagreements.len()
            ),
            Lang::En => format!(
                "{} disagreements, {settled} of them settled. \"–\": the coder coded the answer, but not with the code.",
                a.disagreements.len()
            ),
        },
        columns,
        rows,
        brief: None,
    }
}
