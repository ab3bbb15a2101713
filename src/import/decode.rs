//! Bytes to normalised text: the encoding is detected from a byte-order mark or from whether
//! the bytes are valid UTF-8, and reported, so a Windows-1252 file is never read as something
//! else silently. Text is then normalised as typed text is: NFC, `\n` line endings, no BOM and
//! no control characters other than line breaks and tabs.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use super::{Error, Result};

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Windows-1252, the Western European code page of older Word and Notepad exports.
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text of `bytes` and the encoding it was read in. Bytes that are neither Unicode with a
/// BOM, nor UTF-8, nor plausible Windows-1252 text are refused as binary.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding)> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), Encoding::Utf8)
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        (text.into_owned(), Encoding::Windows1252)
    };
    if looks_binary(&text) {
        return Err(Error::Binary);
    }
    Ok((normalise(&text), encoding))
}

fn utf8(bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::Binary)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<std::result::Result<String, _>>()
        .map_err(|_| Error::Binary)
}

/// Text with NUL bytes or many other control characters came from a binary file (Windows-1252
/// decodes any byte, so this is what tells an image from a text).
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    control * 20 > total
}

/// NFC, `\n` for every line ending (CRLF, CR, U+2028), no BOM, no control characters except
/// line breaks and tabs (a form feed or vertical tab becomes a line break).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.nfc().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{b}' | '\u{c}' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            '\u{feff}' | '\u{200b}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_names_each_encoding() {
        let text = "Färdplan för åtgärder\r\n";
        let (t, e) = decode(text.as_bytes()).unwrap();
        assert_eq!((t.as_str(), e), ("Färdplan för åtgärder\n", Encoding::Utf8));

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).unwrap().1, Encoding::Utf8Bom);
        assert!(!decode(&bom).unwrap().0.contains('\u{feff}'));

        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), (t.clone(), Encoding::Utf16Le));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), (t.clone(), Encoding::Utf16Be));

        // "Färdplan för åtgärder" as Windows-1252: ä = E4, ö = F6, å = E5.
        let cp1252 = b"F\xE4rdplan f\xF6r \xE5tg\xE4rder\r\n";
        assert_eq!(decode(cp1252).unwrap(), (t, Encoding::Windows1252));
    }

    #[test]
    fn normalises_like_typed_text() {
        // NFD å (a + ring), CR line endings, a BOM inside, a bell and a zero-width space.
        let nfd = "a\u{30a}tga\u{308}rd\rrad\u{feff}\u{7}två\u{200b}";
        assert_eq!(normalise(nfd), "åtgärd\nradtvå");
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(matches!(decode(png), Err(Error::Binary)));
        let noise: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        assert!(matches!(decode(&noise), Err(Error::Binary)));
    }
}
