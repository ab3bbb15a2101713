//! Turns one interview into index documents: one per answer, one for its notes, and a state
//! document recording which version of the interview file they came from.

use std::collections::BTreeSet;

use tantivy::TantivyDocument;

use crate::model::{Coding, Interview};

use super::catalog::Catalog;
use super::schema::{Fields, KIND_ANSWER, KIND_NOTES, KIND_STATE};

/// The id of an answer in search results: `interview/question`.
pub fn answer_id(interview: &str, question: &str) -> String {
    format!("{interview}/{question}")
}

/// The id of an interview's notes in search results.
pub fn notes_id(interview: &str) -> String {
    format!("{interview}/notes")
}

/// Every document of `interview`. `stamp` identifies the file version (see `state`).
pub fn documents(
    fields: &Fields,
    catalog: &Catalog,
    interview: &Interview,
    stamp: u64,
) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(interview.answers.len() + 2);
    for answer in interview
        .answers
        .iter()
        .filter(|a| !a.is_empty() || !a.codings.is_empty())
    {
        let mut doc = common(
            fields,
            catalog,
            interview,
            KIND_ANSWER,
            &answer_id(&interview.id, &answer.question),
        );
        doc.add_text(fields.question, &answer.question);
        add_codes(fields, catalog, &answer.codings, &mut doc);
        doc.add_text(fields.text, &answer.text);
        doc.add_text(fields.pairs, &answer.text);
        doc.add_text(fields.parts, &answer.text);
        docs.push(doc);
    }
    if !interview.notes.trim().is_empty() || !interview.notes_codings.is_empty() {
        let mut doc = common(
            fields,
            catalog,
            interview,
            KIND_NOTES,
            &notes_id(&interview.id),
        );
        add_codes(fields, catalog, &interview.notes_codings, &mut doc);
        doc.add_text(fields.text, &interview.notes);
        doc.add_text(fields.pairs, &interview.notes);
        doc.add_text(fields.parts, &interview.notes);
        docs.push(doc);
    }
    let mut state = TantivyDocument::new();
    state.add_text(fields.kind, KIND_STATE);
    state.add_text(fields.interview, &interview.id);
    state.add_u64(fields.stamp, stamp);
    docs.push(state);
    docs
}

fn common(
    fields: &Fields,
    catalog: &Catalog,
    interview: &Interview,
    kind: &str,
    id: &str,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.kind, kind);
    doc.add_text(fields.id, id);
    doc.add_text(fields.interview, &interview.id);
    doc.add_text(fields.date, interview.date.to_string());
    for respondent in &interview.respondents {
        doc.add_text(fields.respondent, respondent);
        if let Some(info) = catalog.respondent(respondent) {
            doc.add_text(fields.respondent_name, &info.name);
            for attribute in &info.attributes {
                doc.add_text(fields.attribute, attribute);
            }
        }
    }
    doc
}

fn add_codes(fields: &Fields, catalog: &Catalog, codings: &[Coding], doc: &mut TantivyDocument) {
    let direct: BTreeSet<&str> = codings.iter().map(|c| c.code.as_str()).collect();
    let lineage: BTreeSet<String> = direct.iter().flat_map(|c| catalog.lineage(c)).collect();
    for code in &lineage {
        doc.add_text(fields.code, code);
    }
    for code in direct {
        doc.add_text(fields.codes, code);
    }
}
