//! Finds the line of a value in a JSON text from its path, so problems found after parsing
//! (an unknown code, a bad span) can still be reported as `file:line`.

use crate::model::PathSeg;

/// The 1-based line where the value at `path` starts; if the path does not exist, the line of
/// its longest existing prefix.
pub fn line_of(text: &str, path: &[PathSeg]) -> usize {
    (0..=path.len())
        .rev()
        .find_map(|n| {
            let mut cursor = Cursor {
                bytes: text.as_bytes(),
                pos: 0,
                line: 1,
            };
            cursor.find(&path[..n])
        })
        .unwrap_or(1)
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if self.peek() == Some(b'\n') {
            self.line += 1;
        }
        self.pos += 1;
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.bump();
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Reads a string and returns it decoded (escapes included, via serde_json).
    fn string(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return None;
        }
        self.bump();
        loop {
            match self.peek()? {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b'"' => {
                    self.bump();
                    break;
                }
                _ => self.bump(),
            }
        }
        serde_json::from_slice(&self.bytes[start..self.pos]).ok()
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.bump();
                if self.eat(close) {
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                    }
                    self.skip_value()?;
                    if self.eat(close) {
                        return Some(());
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            _ => {
                while matches!(self.peek(), Some(b) if !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    self.bump();
                }
                Some(())
            }
        }
    }

    fn find(&mut self, path: &[PathSeg]) -> Option<usize> {
        self.skip_ws();
        let Some((first, rest)) = path.split_first() else {
            return Some(self.line);
        };
        match (self.peek()?, first) {
            (b'{', PathSeg::Key(key)) => {
                self.bump();
                loop {
                    if self.eat(b'}') {
                        return None;
                    }
                    let name = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    if &name == key {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.eat(b',');
                }
            }
            (b'[', PathSeg::Index(index)) => {
                self.bump();
                for i in 0.. {
                    if self.eat(b']') {
                        return None;
                    }
                    if i == *index {
                        return self.find(rest);
                    }
                    self.skip_value()?;
                    self.eat(b',');
                }
                None
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> PathSeg {
        PathSeg::Key(k.into())
    }

    const TEXT: &str = r#"{
  "codes": [
    {
      "id": "a",
      "label": { "sv": "Råd \"x\"", "en": "[Advice]" }
    },
    {
      "id": "b",
      "parent": "rad"
    }
  ]
}
"#;

    #[test]
    fn finds_nested_values() {
        assert_eq!(
            line_of(TEXT, &[key("codes"), PathSeg::Index(1), key("parent")]),
            9
        );
        assert_eq!(
            line_of(
                TEXT,
                &[key("codes"), PathSeg::Index(0), key("label"), key("en")]
            ),
            5
        );
        assert_eq!(line_of(TEXT, &[key("codes"), PathSeg::Index(1)]), 7);
    }

    #[test]
    fn falls_back_to_the_longest_prefix() {
        assert_eq!(
            line_of(TEXT, &[key("codes"), PathSeg::Index(1), key("colour")]),
            7
        );
        assert_eq!(line_of(TEXT, &[key("nothing")]), 1);
        assert_eq!(line_of("not json", &[key("x")]), 1);
    }
}
