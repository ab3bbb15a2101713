//! Id → index maps for the hot loop. A million answers carry two million code ids; std's
//! SipHash costs more than all the counting, and these keys are short and not attacker-chosen.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a multiply and an xor per byte, ideal for ids of a few bytes.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub type Lookup<'a> = HashMap<&'a str, usize, BuildHasherDefault<Fnv>>;

/// Maps each id to its position in `ids`; the first occurrence wins for a duplicate id.
pub fn index<'a>(ids: impl Iterator<Item = &'a str>) -> Lookup<'a> {
    let mut map = Lookup::default();
    for (i, id) in ids.enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_occurrence_wins() {
        let map = index(["a", "b", "a"].into_iter());
        assert_eq!(map["a"], 0);
        assert_eq!(map["b"], 1);
        assert_eq!(map.get("c"), None);
    }
}
