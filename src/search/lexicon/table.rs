//! The lexicon's word list as `build.rs` lays it out: sorted words searched in place with a
//! binary search, so using the lexicon costs no parsing and no allocation when a process
//! starts (see `build.rs` for the layout).

const TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.bin"));

/// Base forms with their flags as bit masks, straight from the bytes compiled into behov.
pub struct Words {
    flags: Vec<char>,
    masks: &'static [u8],
    mask_of: &'static [u8],
    offsets: &'static [u8],
    text: &'static [u8],
    len: usize,
}

fn u32_at(bytes: &[u8], at: usize) -> usize {
    let mut le = [0; 4];
    le.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(le) as usize
}

impl Words {
    /// Slices the table compiled into the binary (a handful of reads, no parsing).
    pub fn compiled() -> Words {
        let mut rest = TABLE;
        let mut take = |size: usize| {
            let (head, tail) = rest.split_at(size);
            rest = tail;
            head
        };
        let flag_count = u32_at(take(4), 0);
        let flags = (0..flag_count)
            .map(|_| char::from_u32(u32_at(take(4), 0) as u32).unwrap_or('\0'))
            .collect();
        let mask_count = u32_at(take(4), 0);
        let masks = take(8 * mask_count);
        let len = u32_at(take(4), 0);
        let mask_of = take(2 * len);
        let offsets = take(4 * (len + 1));
        let text = take(u32_at(offsets, 4 * len));
        Words {
            flags,
            masks,
            mask_of,
            offsets,
            text,
            len,
        }
    }

    /// The flag characters in bit order: flag `i` is bit `i` of every mask.
    pub fn flags(&self) -> &[char] {
        &self.flags
    }

    fn word(&self, i: usize) -> &'static [u8] {
        &self.text[u32_at(self.offsets, 4 * i)..u32_at(self.offsets, 4 * i + 4)]
    }

    /// The flags of `word` as bits, or `None` when it is no base form in the lexicon.
    pub fn get(&self, word: &str) -> Option<u64> {
        let wanted = word.as_bytes();
        let (mut low, mut high) = (0, self.len);
        while low < high {
            let mid = low + (high - low) / 2;
            match self.word(mid).cmp(wanted) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => {
                    let index = usize::from(u16::from_le_bytes([
                        self.mask_of[2 * mid],
                        self.mask_of[2 * mid + 1],
                    ]));
                    let mut le = [0; 8];
                    le.copy_from_slice(&self.masks[8 * index..8 * index + 8]);
                    return Some(u64::from_le_bytes(le));
                }
            }
        }
        None
    }

    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}
