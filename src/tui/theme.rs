//! Styles. Every distinction that matters is made without colour too (reverse video, bold,
//! underline, markers), so the interface works with `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use crate::model::parse_colour;

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn key() -> Style {
    Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn info() -> Style {
    Style::new().fg(Color::Green)
}

/// A code's colour from the codebook, or the default text colour if it is not a colour.
pub fn code(colour: &str) -> Style {
    match parse_colour(colour) {
        Some((r, g, b)) => Style::new().fg(Color::Rgb(r, g, b)),
        None => Style::new(),
    }
}

/// A coded passage in answer text: underlined, so it shows without colour.
pub fn passage(colour: &str) -> Style {
    code(colour).add_modifier(Modifier::UNDERLINED)
}
