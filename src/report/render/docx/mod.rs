//! The Word report: a draft a civil servant edits rather than writes. Title, method, coverage,
//! the needs table with a bar chart, the split table with `--by`, scale questions as tables
//! with charts, each need with its definition and quotes, and the codebook as an appendix.
//!
//! Written as WordprocessingML by hand and zipped with the `zip` crate the workbook writer
//! already uses: the report needs paragraphs, tables, pictures and two page orientations,
//! which is a few hundred lines of XML, not a document model (the maintained `docx-rs` would
//! add its own dependency tree for the same output).

mod body;
mod package;

use body::{Body, Orientation, Run};

use super::chart::{self, Bar, Stack};
use super::export::heading;
use crate::model::Lang;
use crate::report::table::{Column, Kind, Table, Value};
use crate::report::{Error, Summary, format, tables};

/// Split tables with more groups than this go on landscape pages.
const PORTRAIT_GROUPS: usize = 4;

pub fn render(summary: &Summary) -> Result<Vec<u8>, Error> {
    let lang = summary.lang;
    let sv = lang == Lang::Sv;
    let t = |s: &'static str, e: &'static str| if sv { s } else { e };
    let all = tables(summary);
    let table = |id: &str| all.iter().find(|t| t.id == id);
    let mut body = Body::new();
    let mut numbers = Numbers::default();
    let title = heading(summary);
    body.text(Some("Title"), &title);

    body.heading(1, t("Metod och underlag", "Method and material"));
    body.text(None, &method_paragraph(summary));
    body.text(None, &summary.coverage.sentence(lang));
    let counted = tables::counted(summary, lang);
    if !counted.is_empty() {
        body.text(None, &counted);
    }

    // A programme: its projects, and every difference between them as a sentence.
    if let (Some(projects), Some(p)) = (table("projects"), summary.programme.as_ref()) {
        body.heading(1, &projects.title);
        body.text(Some("Caption"), &numbers.table(lang, &projects.title));
        body.table(projects, lang, None);
        body.text(Some("Note"), &projects.note);
        if let Some(differences) = table("differences") {
            body.heading(2, &differences.title);
            for d in &p.differences {
                body.text(None, &d.sentence(lang));
            }
            if p.differences.is_empty() {
                body.text(
                    None,
                    &crate::report::render::cell_text(&differences.rows[0][0], lang),
                );
            }
            body.text(Some("Note"), &differences.note);
        }
    }

    if let Some(codes) = table("codes") {
        body.heading(1, t("Behov", "Needs"));
        let n = summary.coverage.interviewed;
        let caption = numbers.table(
            lang,
            &format!(
                "{} (n = {})",
                t(
                    "Organisationer som uttryckt behovet, av de intervjuade organisationerna",
                    "Organisations that expressed the need, of the organisations interviewed"
                ),
                format::count(n, lang)
            ),
        );
        body.text(Some("Caption"), &caption);
        body.table(&needs_columns(codes), lang, None);
        body.text(Some("Note"), &codes.note);
        let bars: Vec<Bar> = summary
            .codes
            .iter()
            .map(|r| Bar {
                label: r.label.clone(),
                depth: r.depth,
                share: r.share,
                text: format::percent(r.share, lang),
            })
            .collect();
        let axis = [0.0, 0.25, 0.5, 0.75, 1.0].map(|s| format::percent(s, lang));
        let picture = chart::bars(&bars, [&axis[0], &axis[1], &axis[2], &axis[3], &axis[4]]);
        body.picture(&picture, &alt_text(&bars, lang));
        body.text(
            Some("Caption"),
            &numbers.figure(
                lang,
                t(
                    "Andel av de intervjuade organisationerna som uttryckt behovet.",
                    "Share of the organisations interviewed that expressed the need.",
                ),
            ),
        );
    }

    if let (Some(groups), Some(m)) = (table("groups"), summary.groups.as_ref()) {
        let wide = m.groups.len() > PORTRAIT_GROUPS;
        if wide {
            body.section(Orientation::Landscape);
        }
        body.heading(1, &groups.title);
        let caption = numbers.table(
            lang,
            &format!(
                "{} {}",
                t(
                    "Organisationer som uttryckt behovet, och deras andel av gruppen,",
                    "Organisations that expressed the need, and their share of the group,"
                ),
                groups.title.to_lowercase()
            ),
        );
        body.text(Some("Caption"), &caption);
        let size = if m.groups.len() > 8 { Some(14) } else { None };
        body.table(groups, lang, size);
        body.text(Some("Note"), &groups.note);
        body.section(Orientation::Portrait);
    }

    if !summary.scales.is_empty() {
        body.heading(1, t("Skalfrågor", "Scale questions"));
        for scale in &summary.scales {
            body.heading(2, &scale.text);
            let low = scale.min;
            let mut columns = vec![Column::new(t("Grupp", "Group"), Kind::Text)];
            // Values as headings; what they mean is said under the table and in the legend.
            let values: Vec<String> = (0..scale.labels.len())
                .map(|k| (usize::from(low) + k).to_string())
                .collect();
            columns.extend(values.iter().map(|v| Column::new(v.clone(), Kind::Count)));
            let meanings: Vec<String> = values
                .iter()
                .zip(&scale.labels)
                .filter(|(_, label)| !label.is_empty())
                .map(|(v, label)| format!("{v} = {label}"))
                .collect();
            columns.push(Column::new(t("Svar", "Answers"), Kind::Count));
            columns.push(Column::new(t("Medelvärde", "Mean"), Kind::Decimal));
            columns.push(Column::new(t("Median", "Median"), Kind::Decimal));
            let everyone = (t("Alla", "All").to_string(), &scale.all);
            let rows: Vec<(String, &crate::report::Distribution)> = std::iter::once(everyone)
                .chain(
                    scale
                        .groups
                        .iter()
                        .map(|g| (g.group.label.clone(), &g.distribution)),
                )
                .collect();
            let table = Table {
                id: "scales",
                title: scale.text.clone(),
                note: String::new(),
                columns,
                rows: rows
                    .iter()
                    .map(|(label, d)| {
                        let mut row = vec![Value::text(label)];
                        row.extend(d.counts.iter().map(|&c| Value::Count(c)));
                        row.push(Value::Count(d.n));
                        row.push(d.mean.map_or(Value::Empty, Value::Decimal));
                        row.push(d.median.map_or(Value::Empty, Value::Decimal));
                        row
                    })
                    .collect(),
                brief: None,
            };
            body.text(
                Some("Caption"),
                &numbers.table(
                    lang,
                    &format!(
                        "{}: {}",
                        t("Svar per skalsteg", "Answers per scale value"),
                        scale.text
                    ),
                ),
            );
            body.table(&table, lang, None);
            if !meanings.is_empty() {
                body.text(Some("Note"), &format!("{}.", meanings.join(", ")));
            }
            let stacks: Vec<Stack> = rows
                .iter()
                .map(|(label, d)| Stack {
                    label: format!("{label} (n = {})", d.n),
                    counts: d.counts.clone(),
                })
                .collect();
            let legend: Vec<String> = values
                .iter()
                .zip(&scale.labels)
                .map(|(v, label)| format!("{v} {label}").trim_end().to_string())
                .collect();
            let alt = rows
                .iter()
                .map(|(label, d)| {
                    let counts: Vec<String> = d.counts.iter().map(|c| c.to_string()).collect();
                    format!("{label}: {}", counts.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ");
            body.picture(&chart::stacked(&stacks, &legend), &alt);
            body.text(
                Some("Caption"),
                &numbers.figure(
                    lang,
                    &format!(
                        "{}: {}",
                        t(
                            "Svar per skalsteg och grupp",
                            "Answers per scale value and group"
                        ),
                        scale.text
                    ),
                ),
            );
        }
    }

    change_between_rounds(&mut body, &mut numbers, summary, &all);
    needs_one_by_one(&mut body, summary);
    appendix(&mut body, summary);

    let (xml, pictures) = body.finish();
    package::package(&title, lang, &xml, &pictures)
}

/// The change between rounds: the table, the sentences a report quotes, and organisations
/// that moved down, stayed and moved up as a stacked bar per question.
fn change_between_rounds(body: &mut Body, numbers: &mut Numbers, summary: &Summary, all: &[Table]) {
    let lang = summary.lang;
    let (Some(table), Some(rounds)) = (
        all.iter().find(|t| t.id == "changes"),
        summary.rounds.as_ref(),
    ) else {
        return;
    };
    body.heading(1, &table.title);
    for change in &rounds.changes {
        body.text(None, &change.sentence(lang));
    }
    body.text(Some("Caption"), &numbers.table(lang, &table.title));
    body.table(table, lang, Some(14));
    let texts: Vec<&str> = rounds.changes.iter().map(|c| c.text.as_str()).collect();
    let labels = distinct_ends(&texts);
    let several_pairs = rounds
        .changes
        .iter()
        .any(|c| c.to_round != rounds.changes[0].to_round);
    let stacks: Vec<Stack> = rounds
        .changes
        .iter()
        .zip(labels)
        .map(|(c, label)| Stack {
            // With three rounds or more a question has a bar per pair: name the later round.
            label: if several_pairs {
                format!("{label}, {} (n = {})", c.to_round, c.organisations)
            } else {
                format!("{label} (n = {})", c.organisations)
            },
            counts: vec![c.down, c.same, c.up],
        })
        .collect();
    let legend: Vec<String> = [6, 5, 4]
        .iter()
        .map(|&i| table.columns[i].heading.clone())
        .collect();
    let alt = rounds
        .changes
        .iter()
        .map(|c| format!("{}: {}, {}, {}", c.text, c.down, c.same, c.up))
        .collect::<Vec<_>>()
        .join("; ");
    body.picture(&chart::stacked(&stacks, &legend), &alt);
    let words = if lang == Lang::Sv {
        "Organisationer som gått ned, ligger kvar och gått upp"
    } else {
        "Organisations that moved down, stayed and moved up"
    };
    body.text(Some("Caption"), &numbers.figure(lang, words));
}

/// Chart labels for questions that begin alike ("Hur mogna är företagen ni möter inom …"):
/// the words they share at the start give way to "…", so the cut label still tells them apart.
fn distinct_ends(texts: &[&str]) -> Vec<String> {
    let words: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let shared = (0..shortest)
        .take_while(|&i| words.iter().all(|w| w[i] == words[0][i]))
        .count();
    // One question, or nothing shared: the whole text; never a label of nothing but "…".
    if texts.len() < 2 || shared < 2 || shared == shortest {
        return texts.iter().map(|t| t.to_string()).collect();
    }
    words
        .iter()
        .map(|w| format!("… {}", w[shared..].join(" ")))
        .collect()
}

/// The needs table without per-coder columns, which belong in the workbook, not in a report.
fn needs_columns(codes: &Table) -> Table {
    let keep = codes.columns.len().min(6);
    Table {
        columns: codes.columns[..keep].to_vec(),
        rows: codes
            .rows
            .iter()
            .map(|r| r.iter().take(keep).cloned().collect())
            .collect(),
        ..codes.clone()
    }
}

/// Running numbers of tables and figures: "Tabell 2. …", "Figur 1. …".
#[derive(Default)]
struct Numbers {
    tables: usize,
    figures: usize,
}

impl Numbers {
    fn table(&mut self, lang: Lang, text: &str) -> String {
        self.tables += 1;
        let word = if lang == Lang::Sv { "Tabell" } else { "Table" };
        format!("{word} {}. {text}", self.tables)
    }

    fn figure(&mut self, lang: Lang, text: &str) -> String {
        self.figures += 1;
        let word = if lang == Lang::Sv { "Figur" } else { "Figure" };
        format!("{word} {}. {text}", self.figures)
    }
}

/// "A, B och C".
fn join(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let and = if lang == Lang::Sv { "och" } else { "and" };
            format!("{} {and} {last}", rest.join(", "))
        }
    }
}

fn method_paragraph(summary: &Summary) -> String {
    let lang = summary.lang;
    let c = &summary.coverage;
    let m = &summary.method;
    let count = |n: usize| format::count(n, lang);
    let codes = m.codebook.len();
    let mut s = if lang == Lang::Sv {
        format!(
            "Underlaget är {} intervjuer med {} organisationer",
            count(c.interviews),
            count(c.interviewed)
        )
    } else {
        format!(
            "The material is {} interviews with {} organisations",
            count(c.interviews),
            count(c.interviewed)
        )
    };
    if let (Some(first), Some(last)) = (c.first, c.last) {
        s += &if lang == Lang::Sv {
            format!(", genomförda {first} – {last}")
        } else {
            format!(", held {first} to {last}")
        };
    }
    if !m.interviewers.is_empty() {
        s += &if lang == Lang::Sv {
            format!(" av {}", join(&m.interviewers, lang))
        } else {
            format!(" by {}", join(&m.interviewers, lang))
        };
    }
    s.push('.');
    s += &if lang == Lang::Sv {
        format!(
            " Intervjuerna följde en intervjuguide med {} frågor, varav {} skalfrågor.",
            m.questions, m.scale_questions
        )
    } else {
        format!(
            " The interviews followed a guide of {} questions, {} of them scale questions.",
            m.questions, m.scale_questions
        )
    };
    let coders = join(&summary.coders, lang);
    s += &match (lang, coders.is_empty()) {
        (Lang::Sv, false) => format!(
            " Svaren kodades av {coders} mot en kodbok med {codes} behov och teman (bilaga)."
        ),
        (Lang::Sv, true) => {
            format!(" Svaren kodas mot en kodbok med {codes} behov och teman (bilaga).")
        }
        (Lang::En, false) => format!(
            " The answers were coded by {coders} against a codebook of {codes} needs and themes (appendix)."
        ),
        (Lang::En, true) => format!(
            " The answers are coded against a codebook of {codes} needs and themes (appendix)."
        ),
    };
    s += if lang == Lang::Sv {
        " En organisation räknas för ett behov när behovet kodats i något av dess svar; en kodning av ett underbehov räknas också för behovet ovanför."
    } else {
        " An organisation counts for a need when the need was coded in any of its answers; a coding of a sub-need also counts for the need above it."
    };
    s
}

/// The chart's numbers as text, for screen readers and for anyone who cannot see colour.
fn alt_text(bars: &[Bar], lang: Lang) -> String {
    let head = if lang == Lang::Sv {
        "Stapeldiagram, andel organisationer per behov: "
    } else {
        "Bar chart, share of organisations per need: "
    };
    let items: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.text))
        .collect();
    format!("{head}{}", items.join("; "))
}

/// Each need: how many expressed it, its definition, and what they said.
fn needs_one_by_one(body: &mut Body, summary: &Summary) {
    let lang = summary.lang;
    let sv = lang == Lang::Sv;
    body.heading(
        1,
        if sv {
            "Behoven ett och ett"
        } else {
            "The needs one by one"
        },
    );
    let n = summary.coverage.interviewed;
    for row in &summary.codes {
        body.heading(if row.depth == 0 { 2 } else { 3 }, &row.label);
        if let Some(entry) = summary.method.codebook.iter().find(|e| e.id == row.id)
            && !entry.definition.is_empty()
        {
            body.paragraph(None, &[Run::Italic(&entry.definition)]);
        }
        let count = if sv {
            format!(
                "Uttryckt av {} av {} intervjuade organisationer ({}).",
                format::count(row.counts.respondents, lang),
                format::count(n, lang),
                format::percent(row.share, lang)
            )
        } else {
            format!(
                "Expressed by {} of {} organisations interviewed ({}).",
                format::count(row.counts.respondents, lang),
                format::count(n, lang),
                format::percent(row.share, lang)
            )
        };
        body.text(None, &count);
        // A parent's quotes are its children's, which follow under their own headings.
        if row.has_children {
            continue;
        }
        let quotes = summary
            .quotes
            .iter()
            .find(|q| q.id == row.id)
            .map_or(&[][..], |q| &q.quotes[..]);
        for quote in quotes {
            let (open, close) = if sv { ("”", "”") } else { ("“", "”") };
            let text = format!("{open}{}{close}", quote.text);
            let by = match &quote.group {
                Some(group) => format!(" – {}, {group}", quote.respondent),
                None => format!(" – {}", quote.respondent),
            };
            body.paragraph(Some("Quote"), &[Run::Plain(&text), Run::Plain(&by)]);
        }
    }
}

/// The codebook with definitions and rules.
fn appendix(body: &mut Body, summary: &Summary) {
    let sv = summary.lang == Lang::Sv;
    body.heading(
        1,
        if sv {
            "Bilaga: Kodbok"
        } else {
            "Appendix: Codebook"
        },
    );
    for entry in &summary.method.codebook {
        let indent = "– ".repeat(entry.depth);
        let name = format!("{indent}{}", entry.label);
        let id = format!(" ({})", entry.id);
        body.paragraph(None, &[Run::Bold(&name), Run::Plain(&id)]);
        for (word, text) in [
            ("", &entry.definition),
            (
                if sv { "Används när: " } else { "Use when: " },
                &entry.include,
            ),
            (
                if sv {
                    "Används inte när: "
                } else {
                    "Do not use when: "
                },
                &entry.exclude,
            ),
            (if sv { "Exempel: " } else { "Example: " }, &entry.example),
        ] {
            if !text.trim().is_empty() {
                body.paragraph(Some("Note"), &[Run::Bold(word), Run::Plain(text)]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::distinct_ends;

    #[test]
    fn questions_that_begin_alike_are_labelled_by_how_they_end() {
        let texts = [
            "Hur mogna är företagen inom digitalisering?",
            "Hur mogna är företagen inom energiomställning?",
        ];
        assert_eq!(
            distinct_ends(&texts),
            ["… digitalisering?", "… energiomställning?"]
        );
        assert_eq!(distinct_ends(&texts[..1]), [texts[0]]);
        assert_eq!(distinct_ends(&["Mognad", "Mognad"]), ["Mognad", "Mognad"]);
    }
}
