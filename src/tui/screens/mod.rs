//! One module per screen, each with its state, its part of `update`, and its view.

pub mod agreement;
pub mod capture;
pub mod code_picker;
pub mod codebook;
pub mod conflict;
pub mod follow_up;
pub mod import;
pub mod interviews;
pub mod merge;
pub mod needs_table;
pub mod privacy;
pub mod programme;
pub mod respondents;
pub mod retrieval;
pub mod review;
pub mod search;
pub mod setup;
pub mod setup_rounds;
pub mod summary;
pub mod welcome;
