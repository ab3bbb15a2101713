//! Two coders, one binary decision per unit (a character, or an answer: coded with the code
//! or not): percent agreement and Cohen's κ.
//!
//! κ's chance term is Cohen's (1960): each coder's own marginals, `p_e = p_A·p_B +
//! (1 − p_A)(1 − p_B)`, where `p_A` is the share of units coder A coded. NVivo computes its
//! character-level κ this way ("expected frequency" from both coders' coded and not-coded
//! characters); QualCoder's pooled chance term differs and is not used.

use serde::Serialize;

use super::figure::{Figure, Why};

/// A 2 × 2 table of two coders' decisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Table2 {
    /// Coded by both.
    pub both: u64,
    /// Coded by the first coder only.
    pub first_only: u64,
    /// Coded by the second coder only.
    pub second_only: u64,
    /// Coded by neither.
    pub neither: u64,
}

impl Table2 {
    pub fn units(&self) -> u64 {
        self.both + self.first_only + self.second_only + self.neither
    }

    pub fn add(&mut self, other: &Table2) {
        self.both += other.both;
        self.first_only += other.first_only;
        self.second_only += other.second_only;
        self.neither += other.neither;
    }

    /// One unit: whether each coder coded it.
    pub fn count(&mut self, first: bool, second: bool) {
        match (first, second) {
            (true, true) => self.both += 1,
            (true, false) => self.first_only += 1,
            (false, true) => self.second_only += 1,
            (false, false) => self.neither += 1,
        }
    }

    /// Share of units both coders decided the same way.
    pub fn percent(&self) -> Figure {
        let n = self.units();
        if n == 0 {
            return Figure::Undefined(Why::NoUnits);
        }
        Figure::Value((self.both + self.neither) as f64 / n as f64)
    }

    /// Agreement expected by chance from each coder's marginals.
    pub fn expected(&self) -> Option<f64> {
        let n = self.units() as f64;
        if n == 0.0 {
            return None;
        }
        let first = (self.both + self.first_only) as f64 / n;
        let second = (self.both + self.second_only) as f64 / n;
        Some(first * second + (1.0 - first) * (1.0 - second))
    }

    /// Cohen's κ = (p_o − p_e) / (1 − p_e); undefined when p_e = 1 (both coders coded every
    /// unit, or none: there is no variation to agree on).
    pub fn kappa(&self) -> Figure {
        let (Figure::Value(observed), Some(expected)) = (self.percent(), self.expected()) else {
            return Figure::Undefined(Why::NoUnits);
        };
        cohen(observed, expected)
    }
}

/// Cohen's κ from the observed agreement and the agreement expected by chance.
pub fn cohen(observed: f64, expected: f64) -> Figure {
    Figure::one_minus(1.0 - observed, 1.0 - expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, within: f64) {
        assert!((a - b).abs() < within, "{a} is not {b}");
    }

    /// Cohen (1960), the worked example (a 3 × 3 table): p_o = .70, p_e = .41, κ = .492.
    #[test]
    fn cohen_1960() {
        close(cohen(0.70, 0.41).value().unwrap(), 0.492, 0.0005);
    }

    /// NVivo's documented example: 1,000 characters, 50 coded by both, 150 by one only, 800
    /// by neither: agreement (50 + 800) / 1000 = 85 %. With the 150 split 75/75, each coder
    /// coded 125: p_e = .125² + .875² = .78125, κ = (.85 − .78125) / .21875 = .3143.
    #[test]
    fn nvivo_characters() {
        let table = Table2 {
            both: 50,
            first_only: 75,
            second_only: 75,
            neither: 800,
        };
        assert_eq!(table.percent(), Figure::Value(0.85));
        close(table.kappa().value().unwrap(), 0.3143, 0.0001);
        // All 150 by one coder: p_A = .2, p_B = .05, p_e = .01 + .76 = .77, κ = .08 / .23.
        let lopsided = Table2 {
            both: 50,
            first_only: 150,
            second_only: 0,
            neither: 800,
        };
        assert_eq!(lopsided.percent(), Figure::Value(0.85));
        close(lopsided.kappa().value().unwrap(), 0.08 / 0.23, 1e-12);
    }

    #[test]
    fn identical_is_one_disjoint_is_at_most_zero_and_constant_is_no_variation() {
        let same = Table2 {
            both: 30,
            neither: 70,
            ..Table2::default()
        };
        assert_eq!(same.kappa(), Figure::Value(1.0));
        let disjoint = Table2 {
            first_only: 30,
            second_only: 20,
            neither: 50,
            ..Table2::default()
        };
        assert!(disjoint.kappa().value().unwrap() <= 0.0);
        let nothing = Table2 {
            neither: 100,
            ..Table2::default()
        };
        assert_eq!(nothing.percent(), Figure::Value(1.0));
        assert_eq!(nothing.kappa(), Figure::Undefined(Why::NoVariation));
        assert_eq!(Table2::default().kappa(), Figure::Undefined(Why::NoUnits));
    }
}
