//! Krippendorff's α for nominal data, any number of coders, missing values allowed: computed
//! from the coincidence matrix (Krippendorff, *Computing Krippendorff's Alpha-Reliability*,
//! 2011). A unit counts when at least two coders gave it a value; each of its `m_u` values is
//! paired with the `m_u − 1` others, each pair weighing `1 / (m_u − 1)`.

use std::collections::BTreeMap;

use super::figure::{Figure, Why};

/// α nominal and the number of pairable values it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alpha {
    pub alpha: Figure,
    /// Units with at least two values.
    pub units: usize,
    /// Values in those units (`n` of the coincidence matrix).
    pub values: usize,
}

/// `units[u][c]` is coder `c`'s value for unit `u`, `None` where the coder gave none.
pub fn nominal<V: Ord + Copy>(units: &[Vec<Option<V>>]) -> Alpha {
    // o[(c, k)]: coincidences of value c with value k.
    let mut coincidences: BTreeMap<(V, V), f64> = BTreeMap::new();
    let mut pairable = 0;
    let mut values = 0;
    for unit in units {
        let present: Vec<V> = unit.iter().flatten().copied().collect();
        let m = present.len();
        if m < 2 {
            continue;
        }
        pairable += 1;
        values += m;
        let weight = 1.0 / (m - 1) as f64;
        for (i, &c) in present.iter().enumerate() {
            for (j, &k) in present.iter().enumerate() {
                if i != j {
                    *coincidences.entry((c, k)).or_default() += weight;
                }
            }
        }
    }
    let alpha = if values == 0 {
        Figure::Undefined(Why::NoUnits)
    } else {
        let mut marginals: BTreeMap<V, f64> = BTreeMap::new();
        let mut disagreeing = 0.0;
        for (&(c, k), &o) in &coincidences {
            *marginals.entry(c).or_default() += o;
            if c != k {
                disagreeing += o;
            }
        }
        let n = values as f64;
        let same: f64 = marginals.values().map(|x| x * x).sum();
        // D_o = Σ_{c≠k} o_ck / n;  D_e = Σ_{c≠k} n_c·n_k / (n (n − 1)), where
        // Σ_{c≠k} n_c·n_k = n² − Σ_c n_c².
        let observed = disagreeing / n;
        let expected = (n * n - same) / (n * (n - 1.0));
        Figure::one_minus(observed, expected)
    };
    Alpha {
        alpha,
        units: pairable,
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `*` for a missing value, else a digit.
    fn matrix(rows: &[&str]) -> Vec<Vec<Option<u32>>> {
        let coders: Vec<Vec<Option<u32>>> = rows
            .iter()
            .map(|r| r.split_whitespace().map(|v| v.parse().ok()).collect())
            .collect();
        (0..coders[0].len())
            .map(|u| coders.iter().map(|c| c[u]).collect())
            .collect()
    }

    fn close(figure: Figure, expected: f64) {
        let x = figure.value().unwrap();
        assert!((x - expected).abs() < 0.0005, "{x} is not {expected}");
    }

    /// The computational example of Wikipedia's "Krippendorff's alpha": 3 coders, 15 units,
    /// missing values; nominal α = 0.691.
    #[test]
    fn wikipedia_three_coders_fifteen_units() {
        let data = matrix(&[
            "* * * * * 3 4 1 2 1 1 3 3 * 3",
            "1 * 2 1 3 3 4 3 * * * * * * *",
            "* * 2 1 3 4 4 * 2 1 1 3 3 * 4",
        ]);
        let a = nominal(&data);
        close(a.alpha, 0.691);
        // Units 1, 2 and 14 have fewer than two values.
        assert_eq!(a.units, 12);
    }

    /// Krippendorff (2011), 4 observers × 12 units with missing values: nominal α = .743.
    #[test]
    fn krippendorff_four_observers_twelve_units() {
        let data = matrix(&[
            "1 2 3 3 2 1 4 1 2 * * *",
            "1 2 3 3 2 2 4 1 2 5 * 3",
            "* 3 3 3 2 3 4 2 2 5 1 *",
            "1 2 3 3 2 4 4 1 2 5 1 *",
        ]);
        let a = nominal(&data);
        close(a.alpha, 0.743);
        assert_eq!((a.units, a.values), (11, 40));
    }

    #[test]
    fn identical_is_one_and_constant_data_is_no_variation() {
        let same = matrix(&["1 0 1 0", "1 0 1 0"]);
        assert_eq!(nominal(&same).alpha, Figure::Value(1.0));
        let disjoint = matrix(&["1 0 1 0", "0 1 0 1"]);
        assert!(nominal(&disjoint).alpha.value().unwrap() <= 0.0);
        let constant = matrix(&["1 1 1", "1 1 1"]);
        assert_eq!(
            nominal(&constant).alpha,
            Figure::Undefined(Why::NoVariation)
        );
        let lonely = matrix(&["1 * 1", "* 1 *"]);
        assert_eq!(nominal(&lonely).alpha, Figure::Undefined(Why::NoUnits));
    }
}
