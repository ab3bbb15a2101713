//! A figure of agreement, or the reason there is none: a coefficient is never NaN, and the
//! reason is a sentence the user can act on.

use serde::Serialize;

use crate::model::Lang;

/// A coefficient, or why it cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Value(f64),
    Undefined(Why),
}

/// Why a figure is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// No coder used the code in the answers compared.
    NotUsed,
    /// Every unit got the same value from every coder (all coded, or none): chance agreement
    /// is then complete and a chance-corrected coefficient is 0 / 0.
    NoVariation,
    /// Percent agreement and κ compare exactly two coders.
    TwoCodersOnly,
    /// No unit was coded by enough coders to compare (no text, or no shared answers).
    NoUnits,
}

impl Figure {
    pub fn value(self) -> Option<f64> {
        match self {
            Figure::Value(x) => Some(x),
            Figure::Undefined(_) => None,
        }
    }

    /// `1 - observed / expected` for a disagreement coefficient; no variation when nothing
    /// disagreement could be expected from.
    pub(super) fn one_minus(observed: f64, expected: f64) -> Figure {
        if expected <= 0.0 || !expected.is_finite() || !observed.is_finite() {
            Figure::Undefined(Why::NoVariation)
        } else {
            Figure::Value(1.0 - observed / expected)
        }
    }
}

impl Why {
    /// The sentence shown where the figure would be.
    pub fn sentence(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Why::NotUsed, Lang::Sv) => "ingen av kodarna använde koden i de svar de båda kodade",
            (Why::NotUsed, Lang::En) => "no coder used the code in the answers they both coded",
            (Why::NoVariation, Lang::Sv) => {
                "går inte att beräkna: alla enheter fick samma värde av alla kodare (ingen variation)"
            }
            (Why::NoVariation, Lang::En) => {
                "cannot be computed: every unit got the same value from every coder (no variation)"
            }
            (Why::TwoCodersOnly, Lang::Sv) => "jämför två kodare; välj två med --coders A,B",
            (Why::TwoCodersOnly, Lang::En) => "compares two coders; choose two with --coders A,B",
            (Why::NoUnits, Lang::Sv) => "inga svar att jämföra",
            (Why::NoUnits, Lang::En) => "no answers to compare",
        }
    }

    /// A short mark for a table cell, the sentence being in the table's note.
    pub fn mark(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Why::NotUsed, Lang::Sv) => "oanvänd",
            (Why::NotUsed, Lang::En) => "unused",
            (Why::NoVariation, Lang::Sv) => "ingen variation",
            (Why::NoVariation, Lang::En) => "no variation",
            (Why::TwoCodersOnly, Lang::Sv) => "två kodare",
            (Why::TwoCodersOnly, Lang::En) => "two coders",
            (Why::NoUnits, Lang::Sv) => "inga svar",
            (Why::NoUnits, Lang::En) => "no answers",
        }
    }
}
