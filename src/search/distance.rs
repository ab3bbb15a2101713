//! Edit distance between words, for typos: insertions, deletions, substitutions and swaps
//! of two neighbouring letters each count one (`färdpaln` is one from `färdplan`).

/// The distance between `a` and `b`, or `None` when it is more than `max`.
pub fn within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    // Three rows: two back (for swaps), one back, and the current one.
    let mut rows = vec![0usize; width * 3];
    for (j, cell) in rows[..width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur * width] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev * width + j] + 1)
                .min(rows[cur * width + j - 1] + 1)
                .min(rows[prev * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2 * width + j - 2] + 1);
            }
            rows[cur * width + j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
    }
    let d = rows[(a.len() % 3) * width + b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::within;

    fn d(a: &str, b: &str) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        within(&a, &b, 2)
    }

    #[test]
    fn typos_cost_one_each() {
        assert_eq!(d("rådgivning", "rådgivning"), Some(0));
        assert_eq!(d("rådgivnng", "rådgivning"), Some(1));
        assert_eq!(d("färdpaln", "färdplan"), Some(1));
        assert_eq!(d("strategy", "strategi"), Some(1));
        assert_eq!(d("experetr", "expert"), Some(2));
        assert_eq!(d("", "ab"), Some(2));
        assert_eq!(d("kund", "bidrag"), None);
    }
}
