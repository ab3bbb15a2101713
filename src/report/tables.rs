//! A summary laid out as tables with headings in the report language.

use super::Summary;
use super::table::{Column, Kind, Table, Value};
use super::words as w;
use crate::model::Lang;

/// The ids of every table, in report order. `groups` exists only with a grouping attribute,
/// `projects` and `differences` only in a programme, `rounds`, `changes` and `moves` only in a
/// project with rounds.
pub const TABLES: [&str; 12] = [
    "projects",
    "differences",
    "coverage",
    "codes",
    "groups",
    "cooccurrence",
    "scales",
    "rounds",
    "changes",
    "moves",
    "questions",
    "quotes",
];

/// Pairs shown in text formats; a codebook of 30 codes has hundreds.
const BRIEF_PAIRS: usize = 20;

/// Every table of `summary`, in report order.
pub fn tables(summary: &Summary) -> Vec<Table> {
    let lang = summary.lang;
    let mut out = Vec::new();
    if let Some(p) = &summary.programme {
        out.push(super::programme_tables::projects(p, lang));
        out.push(super::programme_tables::differences(p, lang));
    }
    out.push(coverage(summary, lang));
    out.push(codes(summary, lang));
    out.extend(groups(summary, lang));
    out.push(cooccurrence(summary, lang));
    if !summary.scales.is_empty() {
        out.push(scales(summary, lang));
    }
    out.extend(super::round_tables::round_tables(summary, lang));
    out.push(questions(summary, lang));
    out.push(quotes(summary, lang));
    out
}

fn label(text: &str, depth: usize, strong: bool) -> Value {
    Value::Label {
        text: text.to_string(),
        depth,
        strong,
    }
}

fn coverage(s: &Summary, lang: Lang) -> Table {
    let c = &s.coverage;
    let mut rows = vec![
        vec![
            label(w::respondents_in_project(lang), 0, false),
            Value::Count(c.respondents),
        ],
        vec![
            label(w::interviewed(lang), 0, false),
            Value::Count(c.interviewed),
        ],
        vec![
            label(w::interviews(lang), 0, false),
            Value::Count(c.interviews),
        ],
        vec![
            label(w::of_which_complete(lang), 1, false),
            Value::Count(c.complete),
        ],
        vec![
            label(w::of_which_drafts(lang), 1, false),
            Value::Count(c.drafts),
        ],
        vec![
            label(w::participations(lang), 0, false),
            Value::Count(c.participations),
        ],
        vec![
            label(w::contact_people(lang), 0, false),
            Value::Count(c.people),
        ],
    ];
    if c.people > 0 {
        let g = &c.genders;
        for (n, word) in [
            (g.women, w::women(lang)),
            (g.men, w::men(lang)),
            (g.other, w::other_gender(lang)),
            (g.not_recorded, w::gender_not_recorded(lang)),
        ] {
            rows.push(vec![label(word, 1, false), Value::Count(n)]);
        }
    }
    rows.extend(super::round_tables::participant_rows(s, lang));
    rows.push(vec![
        label(w::answers(lang), 0, false),
        Value::Count(c.answers),
    ]);
    rows.push(vec![
        label(w::coded_answers(lang), 0, false),
        Value::Count(c.coded_answers),
    ]);
    rows.push(vec![
        label(w::codings(lang), 0, false),
        Value::Count(c.codings),
    ]);
    rows.push(vec![
        label(w::coders(lang), 0, false),
        Value::text(s.coders.join(", ")),
    ]);
    if let (Some(first), Some(last)) = (c.first, c.last) {
        rows.push(vec![
            label(w::first_interview(lang), 0, false),
            Value::text(first.to_string()),
        ]);
        rows.push(vec![
            label(w::last_interview(lang), 0, false),
            Value::text(last.to_string()),
        ]);
    }
    for split in &c.attributes {
        rows.push(vec![label(&split.label, 0, true), Value::Empty]);
        for g in &split.groups {
            rows.push(vec![label(&g.label, 1, false), Value::Count(g.respondents)]);
        }
    }
    let mut note = format!("{} {}", c.sentence(lang), counted(s, lang))
        .trim_end()
        .to_string();
    let selection = selection(s, lang);
    if !selection.is_empty() {
        note = format!("{note} {}: {selection}.", w::filter(lang));
    }
    Table {
        id: "coverage",
        title: w::overview(lang).to_string(),
        note,
        columns: vec![
            Column::new(w::measure(lang), Kind::Text),
            Column::new(w::value(lang), Kind::Count),
        ],
        rows,
        brief: None,
    }
}

/// Which interviews were counted, in words for a table's note: "Only complete interviews are
/// counted; 2 drafts are not." and, under a coder filter, whose interviews the shares are of.
pub fn counted(s: &Summary, lang: Lang) -> String {
    let c = &s.coverage;
    let sv = lang == Lang::Sv;
    let mut parts = Vec::new();
    match s.filter.status {
        Some(crate::model::Status::Complete) => parts.push(match (sv, c.drafts_left_out) {
            (true, 0) => "Endast färdiga intervjuer räknas.".to_string(),
            (true, n) => format!("Endast färdiga intervjuer räknas; {n} utkast ej medräknade."),
            (false, 0) => "Only complete interviews are counted.".to_string(),
            (false, 1) => "Only complete interviews are counted; 1 draft is not.".to_string(),
            (false, n) => format!("Only complete interviews are counted; {n} drafts are not."),
        }),
        Some(crate::model::Status::Draft) => parts.push(
            if sv {
                "Endast utkast räknas."
            } else {
                "Only drafts are counted."
            }
            .to_string(),
        ),
        None if c.drafts > 0 => parts.push(if sv {
            format!("Utkast räknas med ({}).", c.drafts)
        } else {
            format!("Drafts are counted too ({}).", c.drafts)
        }),
        None => {}
    }
    if !s.filter.coders.is_empty() {
        let coders: Vec<&str> = s.filter.coders.iter().map(String::as_str).collect();
        let coders = coders.join(", ");
        parts.push(if sv {
            format!(
                "Endast kodningar av {coders}; andelarna gäller de {} intervjuer som kodats av dem ({} intervjuer utan deras kodningar ej medräknade).",
                c.interviews, c.uncoded_left_out
            )
        } else {
            format!(
                "Only codings by {coders}; shares are of the {} interviews they coded ({} interviews without their codings are not counted).",
                c.interviews, c.uncoded_left_out
            )
        });
    }
    parts.join(" ")
}

/// A table's note followed by what was counted.
fn with_counted(note: &str, s: &Summary, lang: Lang) -> String {
    let counted = counted(s, lang);
    if counted.is_empty() {
        note.to_string()
    } else {
        format!("{note} {counted}")
    }
}

/// The filter in words, empty when nothing is filtered.
fn selection(s: &Summary, lang: Lang) -> String {
    let f = &s.filter;
    let mut parts = Vec::new();
    if let Some(from) = f.from {
        parts.push(format!("{} {from}", w::from(lang)));
    }
    if let Some(to) = f.to {
        parts.push(format!("{} {to}", w::to(lang)));
    }
    for (attribute, values) in &f.attributes {
        let shown: Vec<&str> = values
            .iter()
            .map(|v| if v.is_empty() { w::not_given(lang) } else { v })
            .collect();
        parts.push(format!("{attribute} = {}", shown.join(" | ")));
    }
    parts.join("; ")
}

fn codes(s: &Summary, lang: Lang) -> Table {
    let mut columns = vec![
        Column::new(w::code(lang), Kind::Text),
        Column::new(w::organisations(lang), Kind::Count),
        Column::new(w::share_of_organisations(lang), Kind::Share),
        Column::new(w::interviews(lang), Kind::Count),
        Column::new(w::answers(lang), Kind::Count),
        Column::new(w::passages(lang), Kind::Count),
    ];
    // Per-coder columns only compare something when there are two coders or more; in a
    // programme each project has its own coders, and the projects are compared by --by project.
    let per_coder = s.coders.len() > 1 && s.programme.is_none();
    if per_coder {
        for coder in &s.coders {
            columns.push(Column::new(
                format!("{} ({coder})", w::organisations(lang)),
                Kind::Count,
            ));
            columns.push(Column::new(
                format!("{} ({coder})", w::passages(lang)),
                Kind::Count,
            ));
        }
    }
    let rows = s
        .codes
        .iter()
        .map(|r| {
            let mut row = vec![
                label(&r.label, r.depth, r.has_children),
                Value::Count(r.counts.respondents),
                Value::Share(r.share),
                Value::Count(r.counts.interviews),
                Value::Count(r.counts.answers),
                Value::Count(r.counts.passages),
            ];
            if per_coder {
                for c in &r.by_coder {
                    row.push(Value::Count(c.respondents));
                    row.push(Value::Count(c.passages));
                }
            }
            row
        })
        .collect();
    Table {
        id: "codes",
        title: w::codes_title(lang).to_string(),
        note: with_counted(w::codes_note(lang), s, lang),
        columns,
        rows,
        brief: None,
    }
}

/// "Organisation type" → "By organisation type".
fn by_title(attribute: &str, lang: Lang) -> String {
    let mut chars = attribute.chars();
    let lowered: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{} {lowered}", w::by(lang))
}

fn groups(s: &Summary, lang: Lang) -> Option<Table> {
    let m = s.groups.as_ref()?;
    let mut columns = vec![
        Column::new(w::code(lang), Kind::Text),
        Column::new(
            format!("{} (n={})", w::all(lang), m.respondents),
            Kind::CountShare,
        ),
    ];
    for g in &m.groups {
        columns.push(Column::new(
            format!("{} (n={})", g.label, g.respondents),
            Kind::CountShare,
        ));
    }
    let rows = m
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                label(&r.label, r.depth, r.has_children),
                Value::CountShare(r.total.respondents, r.total.share),
            ];
            row.extend(r.cells.iter().map(|c| {
                if c.absent {
                    Value::Empty
                } else {
                    Value::CountShare(c.respondents, c.share)
                }
            }));
            row
        })
        .collect();
    Some(Table {
        id: "groups",
        title: by_title(&m.label, lang),
        note: with_counted(w::groups_note(lang), s, lang),
        columns,
        rows,
        brief: None,
    })
}

fn cooccurrence(s: &Summary, lang: Lang) -> Table {
    let rows = s
        .cooccurrence
        .pairs
        .iter()
        .map(|p| {
            vec![
                Value::text(&p.a.label),
                Value::text(&p.b.label),
                Value::Count(p.answers as usize),
                Value::Count(p.interviews as usize),
            ]
        })
        .collect();
    Table {
        id: "cooccurrence",
        title: w::cooccurrence_title(lang).to_string(),
        note: w::cooccurrence_note(lang).to_string(),
        columns: vec![
            Column::new(w::code_a(lang), Kind::Text),
            Column::new(w::code_b(lang), Kind::Text),
            Column::new(w::same_answer(lang), Kind::Count),
            Column::new(w::same_interview(lang), Kind::Count),
        ],
        rows,
        brief: Some(BRIEF_PAIRS),
    }
}

fn scales(s: &Summary, lang: Lang) -> Table {
    let low = s.scales.iter().map(|q| q.min).min().unwrap_or(1);
    let high = s.scales.iter().map(|q| q.max).max().unwrap_or(low);
    let grouped = s.scales.iter().any(|q| !q.groups.is_empty());
    let mut columns = vec![Column::new(w::question(lang), Kind::Text)];
    if grouped {
        columns.push(Column::new(w::group(lang), Kind::Text));
    }
    columns.extend((low..=high).map(|v| Column::new(v.to_string(), Kind::Count)));
    columns.push(Column::new(w::answers(lang), Kind::Count));
    columns.push(Column::new(w::mean(lang), Kind::Decimal));
    columns.push(Column::new(w::median(lang), Kind::Decimal));
    let mut rows = Vec::new();
    for q in &s.scales {
        let all = std::iter::once((w::all(lang), &q.all));
        let groups = q
            .groups
            .iter()
            .map(|g| (g.group.label.as_str(), &g.distribution));
        for (group, d) in all.chain(groups) {
            let mut row = vec![Value::text(&q.text)];
            if grouped {
                row.push(Value::text(group));
            }
            row.extend((low..=high).map(|v| {
                if (q.min..=q.max).contains(&v) {
                    Value::Count(d.counts[usize::from(v - q.min)])
                } else {
                    Value::Empty
                }
            }));
            row.push(Value::Count(d.n));
            row.push(d.mean.map_or(Value::Empty, Value::Decimal));
            row.push(d.median.map_or(Value::Empty, Value::Decimal));
            rows.push(row);
        }
    }
    Table {
        id: "scales",
        title: w::scales_title(lang).to_string(),
        note: with_counted(w::scales_note(lang), s, lang),
        columns,
        rows,
        brief: None,
    }
}

fn questions(s: &Summary, lang: Lang) -> Table {
    let rows = s
        .questions
        .iter()
        .flat_map(|q| {
            q.codes.iter().map(move |c| {
                vec![
                    Value::text(&q.text),
                    Value::text(&c.label),
                    Value::Count(c.answers),
                    Value::Share(c.share),
                ]
            })
        })
        .collect();
    Table {
        id: "questions",
        title: w::questions_title(lang).to_string(),
        note: String::new(),
        columns: vec![
            Column::new(w::question(lang), Kind::Text),
            Column::new(w::code(lang), Kind::Text),
            Column::new(w::answers(lang), Kind::Count),
            Column::new(w::share_of_answers(lang), Kind::Share),
        ],
        rows,
        brief: None,
    }
}

fn quotes(s: &Summary, lang: Lang) -> Table {
    let grouped = s.groups.is_some();
    let mut columns = vec![
        Column::new(w::code(lang), Kind::Text),
        Column::new(w::quote(lang), Kind::Prose),
        Column::new(w::organisation(lang), Kind::Text),
    ];
    if grouped {
        columns.push(Column::new(w::group(lang), Kind::Text));
    }
    columns.push(Column::new(w::interview(lang), Kind::Text));
    columns.push(Column::new(w::question(lang), Kind::Text));
    let mut rows = Vec::new();
    for c in s.quotes.iter().filter(|c| !c.has_children) {
        for q in &c.quotes {
            let mut row = vec![
                Value::text(&c.label),
                Value::text(&q.text),
                Value::text(&q.respondent),
            ];
            if grouped {
                row.push(Value::text(q.group.clone().unwrap_or_default()));
            }
            row.push(Value::text(&q.interview));
            row.push(Value::text(
                q.question
                    .clone()
                    .unwrap_or_else(|| w::outside_guide(lang).to_string()),
            ));
            rows.push(row);
        }
    }
    Table {
        id: "quotes",
        title: w::quotes_title(lang).to_string(),
        note: w::quotes_note(lang).to_string(),
        columns,
        rows,
        brief: None,
    }
}
