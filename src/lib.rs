//! behov: needs-analysis interviews in the terminal.
//!
//! `model` is the vocabulary, `store` the project folder on disk, `search` the full-text
//! index, `report` the needs summaries, `synth` synthetic projects for benchmarks; `cli` and
//! `tui` are thin layers over them.

pub mod cli;
pub mod exchange;
pub mod failure;
pub mod import;
pub mod model;
pub mod privacy;
pub mod report;
pub mod search;
pub mod store;
pub mod synth;
pub mod tui;
pub mod words;
