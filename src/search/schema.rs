//! The index schema: one document per answer, one per interview's notes, and one small
//! bookkeeping document per interview that records which version of its file was indexed.

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::analyzer;

/// Bumped whenever the schema or the analysis changes; an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

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
    pub folded: Field,
    /// Consecutive word pairs, so a phrase is one posting list instead of a position check
    /// of every answer that has all its words.
    pub pairs: Field,
    /// On state documents: a hash of the interview file's size, mtime and inode.
    pub stamp: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_options = |tokenizer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let name_indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer::FOLDED)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let pair_indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer::PAIRS)
        .set_index_option(IndexRecordOption::WithFreqs);
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
        text: b.add_text_field("text", text_options(analyzer::MAIN, true)),
        folded: b.add_text_field("folded", text_options(analyzer::FOLDED, false)),
        pairs: b.add_text_field(
            "pairs",
            TextOptions::default().set_indexing_options(pair_indexing),
        ),
        stamp: b.add_u64_field("stamp", FAST),
    };
    (b.build(), fields)
}
