//! Search results for the command line: readable text for a terminal, JSON for scripts.

use std::fmt::Write;

use serde_json::{Value, json};

use crate::model::Lang;
use crate::words::plural;

use std::collections::HashMap;

use super::{OpenReport, SearchResults};

/// How marked words are shown in text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// Bold, for a terminal.
    Bold,
    /// `[word]`, for pipes and files.
    Brackets,
}

/// One block per hit: respondent, question and date, then the snippet; a count at the end.
/// `names` maps respondent ids to names (those of the hits at least).
pub fn text(
    results: &SearchResults,
    names: &HashMap<String, String>,
    lang: Lang,
    marks: Marks,
) -> String {
    let sv = lang == Lang::Sv;
    let (open, close) = match marks {
        Marks::Bold => ("\x1b[1m", "\x1b[0m"),
        Marks::Brackets => ("[", "]"),
    };
    let mut out = String::new();
    for hit in &results.hits {
        let names: Vec<&str> = hit
            .respondents
            .iter()
            .map(|id| names.get(id).map_or(id.as_str(), String::as_str))
            .collect();
        let place = match &hit.question {
            Some(q) => format!("{} {q}", if sv { "fråga" } else { "question" }),
            None => (if sv { "anteckningar" } else { "notes" }).to_string(),
        };
        let _ = writeln!(
            out,
            "{} · {place} · {} · {}",
            names.join(", "),
            hit.date,
            hit.interview
        );
        let s = &hit.snippet;
        let _ = writeln!(
            out,
            "  {}{}{}",
            if s.before { "…" } else { "" },
            s.marked(open, close),
            if s.after { "…" } else { "" }
        );
        let compounds: Vec<&str> = s.compounds.iter().map(|r| &s.text[r.clone()]).collect();
        if !compounds.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                if sv { "sammansatt ord" } else { "compound" },
                compounds.join(", ")
            );
        }
        if !hit.codes.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                if sv { "koder" } else { "codes" },
                hit.codes.join(", ")
            );
        }
        out.push('\n');
    }
    if let Some(better) = results.suggestions.first() {
        let _ = writeln!(
            out,
            "{} {better}?",
            if sv { "Menade du:" } else { "Did you mean:" }
        );
    }
    match (&results.counts, sv) {
        (Some(c), true) => {
            let _ = writeln!(
                out,
                "{} från {} i {}",
                plural(c.answers, "svar", "svar"),
                plural(c.respondents, "respondent", "respondenter"),
                plural(c.interviews, "intervju", "intervjuer")
            );
        }
        (Some(c), false) => {
            let _ = writeln!(
                out,
                "{} from {} in {}",
                plural(c.answers, "answer", "answers"),
                plural(c.respondents, "respondent", "respondents"),
                plural(c.interviews, "interview", "interviews")
            );
        }
        (None, _) => {}
    }
    if results
        .counts
        .is_some_and(|c| c.answers > results.hits.len())
    {
        let shown = results.hits.len();
        let _ = writeln!(
            out,
            "{}",
            if sv {
                format!("(de {shown} bästa visas; --limit visar fler)")
            } else {
                format!("(the best {shown} are shown; --limit shows more)")
            }
        );
    }
    out
}

/// The whole result as JSON: ids, score, snippet with character ranges of the marks (and of
/// the compound matches among them), which fields matched (`text` exact, `folded` only
/// without accents, `compound` as part of a compound), and suggested corrections.
pub fn json(
    query: &str,
    results: &SearchResults,
    names: &HashMap<String, String>,
    report: &OpenReport,
    lang: Lang,
) -> Value {
    let hits: Vec<Value> = results
        .hits
        .iter()
        .map(|hit| {
            let mut matched = Vec::new();
            if hit.matched.text {
                matched.push("text");
            }
            if hit.matched.folded {
                matched.push("folded");
            }
            if hit.matched.compound {
                matched.push("compound");
            }
            let names: Vec<&str> = hit.respondents.iter().filter_map(|id| names.get(id).map(String::as_str)).collect();
            json!({
                "id": hit.id,
                "kind": if hit.question.is_some() { "answer" } else { "notes" },
                "interview": hit.interview,
                "question": hit.question,
                "respondents": hit.respondents,
                "respondent_names": names,
                "codes": hit.codes,
                "date": hit.date,
                "score": hit.score,
                "snippet": {
                    "text": hit.snippet.text,
                    "highlights": hit.snippet.char_highlights().iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                    "compounds": hit.snippet.char_compounds().iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
                    "start": hit.snippet.start,
                    "before": hit.snippet.before,
                    "after": hit.snippet.after,
                },
                "matched": matched,
            })
        })
        .collect();
    json!({
        "query": query,
        "counts": results.counts.map(|c| json!({
            "answers": c.answers,
            "respondents": c.respondents,
            "interviews": c.interviews,
        })),
        "notes": results.notes.iter().map(|n| n.text(lang)).collect::<Vec<_>>(),
        "suggestions": results.suggestions,
        "index": {
            "read_only": report.read_only,
            "in_memory": report.in_memory,
            "stale_interviews": report.stale,
        },
        "hits": hits,
    })
}
