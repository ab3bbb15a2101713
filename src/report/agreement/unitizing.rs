//! Krippendorff's unitizing α (uα) for one code: how well coders agree on *where* a code
//! applies in a continuous text, not only whether an answer has it.
//!
//! The formulation is Krippendorff's binary uα (*On the reliability of unitizing continuous
//! data*, Sociological Methodology 25, 1995; *Content Analysis*, 2nd ed., 2004, §12.4): the
//! continuum of length `L` (here the characters of the compared answers, end to end) is cut
//! by each of the `m` coders into sections (coded) and gaps (not coded).
//!
//! Observed disagreement: `uD_o = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m (m − 1) L²)` over ordered pairs
//! of coders, where for coder i's segment g (begin `b_g`, length `l_g`) and coder j's h:
//! two overlapping sections (`−l_g < b_g − b_h < l_h`) give `(b_g − b_h)² + (e_g − e_h)²`; a
//! section inside the other's gap gives the section's `l²`; anything else 0.
//!
//! Expected disagreement, over all `N_c` sections of all coders:
//! `uD_e = (2 / L) Σ_g [ (N_c − 1)/3 · (2l_g³ − 3l_g² + l_g) + l_g² Σ_{gaps h: l_h ≥ l_g}
//! (l_h − l_g + 1) ] / (mL (mL − 1) − Σ_g l_g (l_g − 1))`, and `uα = 1 − uD_o / uD_e`.
//!
//! This is the 1995/2004 coefficient (as in DKPro Statistics), not the 2016 revision
//! (Krippendorff, Mathet, Bouvry & Widlöcher), which differs for three or more coders.

use super::figure::Figure;
#[cfg(test)]
use super::figure::Why;

/// A coder's coded sections of the continuum, as `[start, end)`, sorted and not
/// overlapping one another.
pub type Sections = Vec<(u64, u64)>;

/// The two disagreements, kept apart so several codes can be summed into one figure.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Disagreement {
    pub observed: f64,
    pub expected: f64,
}

impl Disagreement {
    pub fn alpha(&self) -> Figure {
        Figure::one_minus(self.observed, self.expected)
    }
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    begin: u64,
    len: u64,
    coded: bool,
}

impl Segment {
    fn end(&self) -> u64 {
        self.begin + self.len
    }
}

/// The continuum `[0, length)` cut into one coder's sections and the gaps between them.
fn segments(sections: &Sections, length: u64) -> Vec<Segment> {
    let mut out = Vec::with_capacity(sections.len() * 2 + 1);
    let mut at = 0;
    for &(start, end) in sections {
        let (start, end) = (start.clamp(at, length), end.min(length));
        if end <= start {
            continue;
        }
        if start > at {
            out.push(Segment {
                begin: at,
                len: start - at,
                coded: false,
            });
        }
        out.push(Segment {
            begin: start,
            len: end - start,
            coded: true,
        });
        at = end;
    }
    if at < length {
        out.push(Segment {
            begin: at,
            len: length - at,
            coded: false,
        });
    }
    out
}

/// δ² of coder i's segment `g` against coder j's segment `h`.
fn distance(g: &Segment, h: &Segment) -> f64 {
    let (bg, bh) = (g.begin as f64, h.begin as f64);
    let (lg, lh) = (g.len as f64, h.len as f64);
    let shift = bg - bh;
    match (g.coded, h.coded) {
        (true, true) if -lg < shift && shift < lh => {
            shift * shift + (g.end() as f64 - h.end() as f64).powi(2)
        }
        (true, false) if lh - lg >= shift && shift >= 0.0 => lg * lg,
        (false, true) if lg - lh >= -shift && -shift >= 0.0 => lh * lh,
        _ => 0.0,
    }
}

/// uα's disagreements for one code: `coders[i]` are coder i's sections of a continuum of
/// `length` characters.
pub fn disagreement(coders: &[Sections], length: u64) -> Option<Disagreement> {
    let m = coders.len();
    if m < 2 || length == 0 {
        return None;
    }
    let cut: Vec<Vec<Segment>> = coders.iter().map(|s| segments(s, length)).collect();
    let l = length as f64;

    // Only overlapping segments can disagree: walk j's segments alongside i's.
    let mut sum = 0.0;
    for (i, gs) in cut.iter().enumerate() {
        for (j, hs) in cut.iter().enumerate() {
            if i == j {
                continue;
            }
            let mut first = 0;
            for g in gs {
                while first < hs.len() && hs[first].end() <= g.begin {
                    first += 1;
                }
                for h in hs[first..].iter().take_while(|h| h.begin < g.end()) {
                    sum += distance(g, h);
                }
            }
        }
    }
    let observed = sum / ((m * (m - 1)) as f64 * l * l);

    let sections: Vec<f64> = cut
        .iter()
        .flatten()
        .filter(|s| s.coded)
        .map(|s| s.len as f64)
        .collect();
    let mut gaps: Vec<f64> = cut
        .iter()
        .flatten()
        .filter(|s| !s.coded)
        .map(|s| s.len as f64)
        .collect();
    gaps.sort_by(f64::total_cmp);
    // suffix[k]: sum of gaps[k..].
    let mut suffix = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        suffix[k] = suffix[k + 1] + gaps[k];
    }
    let n_c = sections.len() as f64;
    let mut numerator = 0.0;
    for &lg in &sections {
        let from = gaps.partition_point(|&gap| gap < lg);
        let longer = (gaps.len() - from) as f64;
        let room = suffix[from] - longer * (lg - 1.0);
        numerator += (n_c - 1.0) / 3.0 * (2.0 * lg.powi(3) - 3.0 * lg * lg + lg) + lg * lg * room;
    }
    let ml = m as f64 * l;
    let denominator = ml * (ml - 1.0) - sections.iter().map(|x| x * (x - 1.0)).sum::<f64>();
    let expected = 2.0 / l * numerator / denominator;
    Some(Disagreement { observed, expected })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// uα for one code.
    fn alpha(coders: &[Sections], length: u64) -> Figure {
        if coders.iter().all(|s| s.is_empty()) {
            return Figure::Undefined(Why::NotUsed);
        }
        disagreement(coders, length).map_or(Figure::Undefined(Why::NoUnits), |d| d.alpha())
    }

    fn close(figure: Figure, expected: f64) {
        let x = figure.value().unwrap();
        assert!((x - expected).abs() < 1e-9, "{x} is not {expected}");
    }

    /// By hand, L = 10, coder A codes [2, 6) (l = 4), coder B [3, 6) (l = 3).
    /// Observed: the two sections overlap: δ² = (2 − 3)² + (6 − 6)² = 1, no section lies
    /// inside a gap; both orders: 2; uD_o = 2 / (2 · 1 · 10²) = 0.01.
    /// Expected: N_c = 2; gaps A: 2, 4; B: 3, 4.
    ///   l = 4: (1/3)(2·64 − 3·16 + 4) = 28; gaps ≥ 4: 4, 4 → (1 + 1)·16 = 32; 60.
    ///   l = 3: (1/3)(2·27 − 3·9 + 3) = 10; gaps ≥ 3: 4, 3, 4 → (2 + 1 + 2)·9 = 45; 55.
    ///   (2/10)·115 = 23; denominator 20·19 − (4·3 + 3·2) = 362; uD_e = 23/362.
    /// uα = 1 − 0.01 · 362 / 23 = 1 − 3.62/23 = 0.842608…
    #[test]
    fn hand_computed_two_coders() {
        let a = vec![(2, 6)];
        let b = vec![(3, 6)];
        close(alpha(&[a, b], 10), 1.0 - 3.62 / 23.0);
    }

    /// Disjoint halves, L = 10: each section lies in the other's gap: 4 · 25 = 100;
    /// uD_o = 100 / 200 = 0.5. Expected: each l = 5: (1/3)(250 − 75 + 5) = 60 and gaps 5, 5
    /// → 2 · 25 = 50; (2/10) · 220 = 44; denominator 380 − 40 = 340; uα = 1 − 0.5·340/44.
    #[test]
    fn identical_is_one_disjoint_below_zero() {
        let a = vec![(0, 5)];
        close(alpha(&[a.clone(), a.clone()], 10), 1.0);
        let b = vec![(5, 10)];
        close(alpha(&[a, b], 10), 1.0 - 0.5 * 340.0 / 44.0);
        assert_eq!(
            alpha(&[vec![], vec![]], 10),
            Figure::Undefined(Why::NotUsed)
        );
        assert_eq!(alpha(&[vec![(0, 1)]], 10), Figure::Undefined(Why::NoUnits));
    }

    /// Three coders agreeing exactly is 1 too, and more sections do not break the walk.
    #[test]
    fn three_coders_many_sections() {
        let s = vec![(0, 3), (5, 9), (12, 20)];
        close(alpha(&[s.clone(), s.clone(), s], 25), 1.0);
    }
}
