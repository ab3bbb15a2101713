//! Turns the Swedish lexicon's word list (`src/search/lexicon/sv.dic`, front-coded text) into
//! a sorted binary table that behov searches in place, so no process spends 0.1–0.2 s reading
//! 147,000 words into a hash map before it can analyse its first word (`behov search` is a
//! whole process per query).
//!
//! The table (`$OUT_DIR/lexicon.bin`, little-endian, read by `src/search/lexicon/table.rs`):
//! - `u32` number of flags, then each flag character as `u32`: flag *i* is bit *i* of a mask;
//! - `u32` number of distinct masks, then each mask as `u64`;
//! - `u32` number of words, then per word the `u16` index of its mask, then one `u32` offset
//!   per word and one past the end into the text that follows: the words in byte order.

use std::collections::HashMap;
use std::path::Path;

const LEXICON: &str = "src/search/lexicon";
/// Flags the program asks about by name get the lowest bits (see `lexicon.rs`).
const NAMED_FLAGS: [char; 6] = ['X', 'U', 'Y', 'Z', '¤', 'P'];

fn main() {
    let dic_path = Path::new(LEXICON).join("sv.dic");
    let aff_path = Path::new(LEXICON).join("sv.aff");
    println!("cargo:rerun-if-changed={}", dic_path.display());
    println!("cargo:rerun-if-changed={}", aff_path.display());
    println!("cargo:rerun-if-changed=build.rs");
    let dic = std::fs::read_to_string(&dic_path).expect("the lexicon's word list is readable");
    let aff = std::fs::read_to_string(&aff_path).expect("the lexicon's rules are readable");

    let mut flags: Vec<char> = NAMED_FLAGS.to_vec();
    for line in aff.lines().filter(|l| !l.starts_with('#')) {
        if let Some(flag) = line.chars().next() {
            add_flag(&mut flags, flag);
        }
    }

    // Front-coded: each line starts with how many characters it shares with the line before.
    let mut words: Vec<(String, u64)> = Vec::with_capacity(150_000);
    let mut previous = String::new();
    for line in dic.lines() {
        let shared_len = line.bytes().take_while(u8::is_ascii_digit).count();
        let shared: usize = line[..shared_len].parse().unwrap_or(0);
        let (rest, word_flags) = line[shared_len..]
            .split_once('/')
            .unwrap_or((&line[shared_len..], ""));
        let kept: String = previous.chars().take(shared).collect();
        previous = kept + rest;
        let mask = word_flags
            .chars()
            .fold(0, |mask, flag| mask | add_flag(&mut flags, flag));
        words.push((previous.clone(), mask));
    }
    // Byte order for the binary search; a word listed twice keeps its last flags.
    words.reverse();
    words.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    words.dedup_by(|later, earlier| later.0 == earlier.0);

    let mut masks: Vec<u64> = Vec::new();
    let mut mask_index: HashMap<u64, u16> = HashMap::new();
    let mut out: Vec<u8> = Vec::new();
    let put_u32 = |out: &mut Vec<u8>, n: usize| {
        out.extend_from_slice(&u32::try_from(n).expect("fits").to_le_bytes());
    };
    put_u32(&mut out, flags.len());
    for &flag in &flags {
        put_u32(&mut out, flag as usize);
    }
    let indices: Vec<u16> = words
        .iter()
        .map(|(_, mask)| {
            *mask_index.entry(*mask).or_insert_with(|| {
                masks.push(*mask);
                u16::try_from(masks.len() - 1).expect("fewer than 65,536 distinct masks")
            })
        })
        .collect();
    put_u32(&mut out, masks.len());
    for mask in &masks {
        out.extend_from_slice(&mask.to_le_bytes());
    }
    put_u32(&mut out, words.len());
    for index in indices {
        out.extend_from_slice(&index.to_le_bytes());
    }
    let mut offset = 0;
    for (word, _) in &words {
        put_u32(&mut out, offset);
        offset += word.len();
    }
    put_u32(&mut out, offset);
    for (word, _) in &words {
        out.extend_from_slice(word.as_bytes());
    }
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon.bin");
    std::fs::write(dest, out).expect("the lexicon table can be written");
}

/// The bit of `flag`, given the next free one if it has none yet.
fn add_flag(flags: &mut Vec<char>, flag: char) -> u64 {
    let bit = match flags.iter().position(|&f| f == flag) {
        Some(bit) => bit,
        None => {
            flags.push(flag);
            flags.len() - 1
        }
    };
    assert!(bit < 64, "the lexicon uses more than 64 flags");
    1 << bit
}
