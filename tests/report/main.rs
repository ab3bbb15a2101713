//! Needs summaries: numbers worked out by hand, the renderers, the command line, the demo.

mod cli;
mod demo;
mod fixture;
mod formats;
mod numbers;
mod programme;
mod render;
