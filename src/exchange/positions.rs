//! How a source's selection positions are counted, found out rather than assumed.
//!
//! The standard counts Unicode code points with CRLF as two. NVivo for Windows counts UTF-16
//! code units (an emoji is two) and ATLAS.ti counts CRLF as one. behov keeps texts with LF
//! line ends and counts characters, so every position is converted: a convention is chosen
//! per source, the one under which every position lands on a character boundary inside the
//! text and every selection whose `name` gives its words selects exactly those words.

/// One way of counting positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Convention {
    pub utf16: bool,
    pub crlf_as_one: bool,
}

impl Convention {
    pub const STANDARD: Convention = Convention {
        utf16: false,
        crlf_as_one: false,
    };
    pub const ALL: [Convention; 4] = [
        Convention::STANDARD,
        Convention {
            utf16: false,
            crlf_as_one: true,
        },
        Convention {
            utf16: true,
            crlf_as_one: false,
        },
        Convention {
            utf16: true,
            crlf_as_one: true,
        },
    ];

    pub fn describe(self) -> &'static str {
        match (self.utf16, self.crlf_as_one) {
            (false, false) => "Unicode code points, CRLF as two (the standard)",
            (false, true) => "Unicode code points, CRLF as one (as ATLAS.ti counts)",
            (true, false) => "UTF-16 code units, CRLF as two (as NVivo for Windows counts)",
            (true, true) => "UTF-16 code units, CRLF as one",
        }
    }
}

/// A source text as behov keeps it (LF line ends), with where each position of a convention
/// falls in it.
pub struct Counted {
    pub text: String,
    /// For each convention, position → character index in `text`; `None` inside a
    /// character (half an emoji).
    maps: Vec<Vec<Option<usize>>>,
}

impl Counted {
    /// `raw` is the text as the file holds it, its BOM already removed.
    pub fn new(raw: &str) -> Counted {
        let mut text = String::with_capacity(raw.len());
        let mut maps: Vec<Vec<Option<usize>>> = vec![vec![Some(0)]; Convention::ALL.len()];
        let mut index = 0usize;
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            let crlf = c == '\r' && chars.peek() == Some(&'\n');
            if crlf {
                chars.next();
            }
            let c = if c == '\r' { '\n' } else { c };
            text.push(c);
            index += 1;
            for (k, conv) in Convention::ALL.iter().enumerate() {
                let map = &mut maps[k];
                if crlf && !conv.crlf_as_one {
                    // Between CR and LF: counted as after the line break.
                    map.push(Some(index));
                }
                if conv.utf16 && c.len_utf16() == 2 {
                    map.push(None);
                }
                map.push(Some(index));
            }
        }
        Counted { text, maps }
    }

    /// The character index of `position` under `conv`.
    pub fn index(&self, conv: Convention, position: usize) -> Option<usize> {
        let k = Convention::ALL.iter().position(|c| *c == conv)?;
        self.maps[k].get(position).copied().flatten()
    }

    /// Whether the conventions all agree for this text (no CRLF, no characters beyond the
    /// Basic Multilingual Plane), so the choice cannot matter.
    pub fn unambiguous(&self) -> bool {
        let first = &self.maps[0];
        self.maps.iter().all(|m| m == first)
    }
}

/// A selection to place: its positions and, when the file gives them, its words.
pub struct Wanted<'a> {
    pub start: usize,
    pub end: usize,
    pub name: Option<&'a str>,
}

/// Words compared as a reader would: line ends and runs of spaces aside.
fn same_words(a: &str, b: &str) -> bool {
    let mut x = a.split_whitespace();
    let mut y = b.split_whitespace();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// What became of choosing a convention for one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Every selection fits; `checked` says how many names confirmed it.
    Found {
        convention: Convention,
        checked: usize,
        ambiguous: bool,
    },
    /// No convention fits; the first selection (by index) that fails under the standard,
    /// and why.
    None { selection: usize, reason: String },
}

/// The character range of `w` under `conv`, if it fits.
pub fn place(counted: &Counted, conv: Convention, w: &Wanted) -> Option<(usize, usize)> {
    let start = counted.index(conv, w.start)?;
    let end = counted.index(conv, w.end)?;
    (start < end).then_some((start, end))
}

/// Chooses the convention for `wanted` in `counted`. `preferred` (from the program that wrote
/// the file) decides when several fit and no name tells them apart.
pub fn choose(counted: &Counted, wanted: &[Wanted], preferred: Convention) -> Choice {
    let fits = |conv: Convention| choose_single(counted, wanted, conv);
    let fitting: Vec<Convention> = Convention::ALL.into_iter().filter(|c| fits(*c)).collect();
    let checked = wanted.iter().filter(|w| w.name.is_some()).count();
    if fitting.is_empty() {
        let chars = counted.text.chars().count();
        for (i, w) in wanted.iter().enumerate() {
            let reason = match place(counted, Convention::STANDARD, w) {
                None if w.start >= w.end => {
                    format!("it ends ({}) where it starts ({})", w.end, w.start)
                }
                None => format!(
                    "positions {}–{} lie outside the text of {chars} characters, however they are counted",
                    w.start, w.end
                ),
                Some(_) => format!(
                    "its text \"{}\" is not at positions {}–{}, however they are counted",
                    w.name.unwrap_or_default(),
                    w.start,
                    w.end
                ),
            };
            let single = [Wanted {
                start: w.start,
                end: w.end,
                name: w.name,
            }];
            if !Convention::ALL
                .into_iter()
                .any(|c| choose_single(counted, &single, c))
            {
                return Choice::None {
                    selection: i,
                    reason,
                };
            }
        }
        return Choice::None {
            selection: 0,
            reason: "its selections fit no single way of counting positions".into(),
        };
    }
    let ambiguous = !counted.unambiguous() && checked == 0 && fitting.len() > 1;
    let convention = if fitting.contains(&preferred) {
        preferred
    } else {
        fitting[0]
    };
    Choice::Found {
        convention,
        checked,
        ambiguous,
    }
}

fn choose_single(counted: &Counted, wanted: &[Wanted], conv: Convention) -> bool {
    wanted.iter().all(|w| match place(counted, conv, w) {
        None => false,
        Some((s, e)) => w.name.is_none_or(|name| {
            let words: String = counted.text.chars().skip(s).take(e - s).collect();
            same_words(&words, name)
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(start: usize, end: usize, name: &str) -> Wanted<'_> {
        Wanted {
            start,
            end,
            name: Some(name),
        }
    }

    #[test]
    fn nvivo_counts_utf16_and_crlf_as_two() {
        // "Hej 😀\r\nVi behöver råd." : the emoji is two UTF-16 units, CRLF two positions.
        let counted = Counted::new("Hej 😀\r\nVi behöver råd.");
        assert_eq!(counted.text, "Hej 😀\nVi behöver råd.");
        // "behöver" starts at code point 9 (standard), UTF-16 unit 10.
        let wanted = [w(11, 18, "behöver")];
        let choice = choose(&counted, &wanted, Convention::STANDARD);
        assert_eq!(
            choice,
            Choice::Found {
                convention: Convention {
                    utf16: true,
                    crlf_as_one: false
                },
                checked: 1,
                ambiguous: false
            }
        );
        let (s, e) = place(
            &counted,
            Convention {
                utf16: true,
                crlf_as_one: false,
            },
            &wanted[0],
        )
        .unwrap();
        assert_eq!(
            counted.text.chars().skip(s).take(e - s).collect::<String>(),
            "behöver"
        );
    }

    #[test]
    fn atlas_counts_crlf_as_one_and_the_standard_is_kept_when_all_agree() {
        let counted = Counted::new("Rad ett\r\nRad två");
        let wanted = [w(8, 11, "Rad")];
        match choose(&counted, &wanted, Convention::STANDARD) {
            Choice::Found { convention, .. } => {
                assert!(convention.crlf_as_one && !convention.utf16)
            }
            other => panic!("{other:?}"),
        }
        let plain = Counted::new("Rad ett\nRad två");
        assert!(plain.unambiguous());
        assert!(matches!(
            choose(&plain, &[w(8, 11, "Rad")], Convention::STANDARD),
            Choice::Found {
                convention: Convention::STANDARD,
                ..
            }
        ));
    }

    #[test]
    fn a_wrong_name_or_a_position_outside_is_caught() {
        let counted = Counted::new("Vi behöver råd.");
        match choose(&counted, &[w(3, 10, "finansiering")], Convention::STANDARD) {
            Choice::None { reason, .. } => {
                assert!(reason.contains("is not at positions"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        match choose(&counted, &[w(3, 99, "x")], Convention::STANDARD) {
            Choice::None { reason, .. } => assert!(reason.contains("outside the text"), "{reason}"),
            other => panic!("{other:?}"),
        }
        // Half an emoji is no position.
        let emoji = Counted::new("😀a");
        let conv = Convention {
            utf16: true,
            crlf_as_one: false,
        };
        assert_eq!(emoji.index(conv, 1), None);
        assert_eq!(emoji.index(conv, 2), Some(1));
    }
}
