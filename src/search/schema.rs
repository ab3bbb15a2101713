//! The index schema: one document per answer, one per interview's notes, and one small
//! bookkeeping document per interview that records which version of its file was indexed.

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::analyzer;

/// Bumped whenever the schema or the analysis changes; an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// Values of the `kind` field.
pub const KIND_ANSWER: &str = "answer";
pub const KIND_NOTES: &str = "notes";
pub const KIND_STATE: &str = "state";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    /// `interview/question` for answers, `interview/notes` for notes.
    pub id: Field,
    pub interview: Field,
    pub question: Field,
    pub respondent: Field,
    /// Respondent names, folded, so `respondent:almi` finds "Almi Mälardalen".
    pub respondent_name: Field,
    /// `attribute=value`, lowercased and folded.
    pub attribute: Field,
    /// The codes on the answer and all their ancestors, for `code:` filters.
    pub code: Field,
    /// Only the codes applied to the answer, for display.
    pub codes: Field,
    pub date: Field,
    pub text: Field,
    /// Adjacent word pairs, stop words included, so a phrase is one posting list instead
    /// of a position check of every answer that has all its words.
    pub pairs: Field,
    /// Base forms of the words of compounds, for compound matches.
    pub parts: Field,

    /// On state documents: a hash of the interview file's size, mtime and inode.
    pub stamp: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Phrases are answered by the `pairs` field, so it alone keeps word positions.
    let indexed = |tokenizer: &str, record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(record),
        )
    };
    let counted = |tokenizer: &str| indexed(tokenizer, IndexRecordOption::WithFreqs);
    let name_indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer::FOLDED)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        interview: b.add_text_field("interview", STRING | STORED | FAST),
        question: b.add_text_field("question", STRING | STORED),
        respondent: b.add_text_field("respondent", STRING | STORED | FAST),
        respondent_name: b.add_text_field(
            "respondent_name",
            TextOptions::default().set_indexing_options(name_indexing),
        ),
        attribute: b.add_text_field("attribute", STRING),
        code: b.add_text_field("code", STRING),
        codes: b.add_text_field("codes", STORED),
        date: b.add_text_field("date", STRING | STORED),
        text: b.add_text_field("text", counted(analyzer::MAIN).set_stored()),
        pairs: b.add_text_field(
            "pairs",
            indexed(analyzer::PAIRS, IndexRecordOption::WithFreqsAndPositions),
        ),
        parts: b.add_text_field("parts", counted(analyzer::PARTS)),
        stamp: b.add_u64_field("stamp", FAST),
    };
    (b.build(), fields)
}
