//! The codebook: a tree of codes (needs, focus areas, barriers…) that answers are coded with.

use serde::{Deserialize, Serialize};

use super::Localized;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Codebook {
    pub codes: Vec<Code>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// Stable id; codings refer to it, so renaming a code never touches interviews.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub label: Localized,
    #[serde(default, skip_serializing_if = "Localized::is_empty")]
    pub definition: Localized,
    /// When to apply the code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub include: String,
    /// When not to apply it, even though it may look right.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exclude: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub example: String,
    /// `#rrggbb`.
    pub colour: String,
}

impl Codebook {
    pub fn code(&self, id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id == id)
    }

    pub fn children<'a>(&'a self, parent: Option<&'a str>) -> impl Iterator<Item = &'a Code> + 'a {
        self.codes
            .iter()
            .filter(move |c| c.parent.as_deref() == parent)
    }

    /// The chain from `id` up to its root, `id` first. Stops at a cycle or a missing parent.
    pub fn ancestors(&self, id: &str) -> Vec<&Code> {
        let mut chain: Vec<&Code> = Vec::new();
        let mut next = self.code(id);
        while let Some(code) = next {
            if chain.iter().any(|c| c.id == code.id) {
                break;
            }
            chain.push(code);
            next = code.parent.as_deref().and_then(|p| self.code(p));
        }
        chain
    }

    /// Codes in tree order (parents before children, siblings in file order) with their depth.
    pub fn tree(&self) -> Vec<(usize, &Code)> {
        fn walk<'a>(
            book: &'a Codebook,
            parent: Option<&str>,
            depth: usize,
            out: &mut Vec<(usize, &'a Code)>,
        ) {
            for code in book.codes.iter().filter(|c| c.parent.as_deref() == parent) {
                if out.iter().any(|(_, c)| c.id == code.id) {
                    continue;
                }
                out.push((depth, code));
                walk(book, Some(&code.id), depth + 1, out);
            }
        }
        let mut out = Vec::with_capacity(self.codes.len());
        walk(self, None, 0, &mut out);
        out
    }
}

/// Parses `#rrggbb` into its three channels.
pub fn parse_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(id: &str, parent: Option<&str>) -> Code {
        Code {
            id: id.into(),
            parent: parent.map(Into::into),
            label: Localized::new(id, ""),
            definition: Localized::default(),
            include: String::new(),
            exclude: String::new(),
            example: String::new(),
            colour: "#336699".into(),
        }
    }

    #[test]
    fn tree_orders_parents_before_children() {
        let book = Codebook {
            codes: vec![
                code("b1", Some("b")),
                code("a", None),
                code("b", None),
                code("a1", Some("a")),
            ],
        };
        let ids: Vec<_> = book
            .tree()
            .iter()
            .map(|(d, c)| format!("{d}{}", c.id))
            .collect();
        assert_eq!(ids, ["0a", "1a1", "0b", "1b1"]);
    }

    #[test]
    fn ancestors_stop_at_cycles() {
        let book = Codebook {
            codes: vec![code("a", Some("b")), code("b", Some("a"))],
        };
        assert_eq!(book.ancestors("a").len(), 2);
    }

    #[test]
    fn colours_parse() {
        assert_eq!(parse_colour("#ff8000"), Some((255, 128, 0)));
        assert_eq!(parse_colour("ff8000"), None);
        assert_eq!(parse_colour("#ff80"), None);
        assert_eq!(parse_colour("#ffå000"), None);
    }
}
