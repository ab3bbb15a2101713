//! The query language, parsed leniently: every input gives a query, and whatever could not be
//! understood is reported as a note instead of an error.
//!
//! ```text
//! finansiering färdplan        both words (AND is the default)
//! finansiering OR bidrag       either (ELLER works too); OR binds tighter than AND
//! -bidrag, NOT bidrag          without (INTE works too)
//! "konkreta insatser"          a phrase (also ”…”, “…”, „…“ and «…»)
//! färdpl*                      words starting with färdpl
//! rådgivnng~, ~1, ~2           words within 2 (1, 2) typos of rådgivnng
//! (a OR b) c                   grouping
//! code:finansiering            a filter: code, question, respondent, date, interview, or any
//! type:"science park"          respondent attribute; values may be quoted or end in *
//! ```

use super::note::Note;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word as typed (the analyzer decides what it becomes).
    Word(String),
    /// A word prefix, without the `*`.
    Prefix(String),
    /// A word with typos allowed, without the `~`: every indexed word within `distance`.
    Fuzzy {
        word: String,
        distance: usize,
    },
    Phrase(String),
    Filter {
        key: String,
        value: String,
        prefix: bool,
    },
    /// Alternatives joined by OR.
    Or(Vec<Node>),
    /// A parenthesised group of clauses, all required.
    Group(Vec<Clause>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub node: Node,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub clauses: Vec<Clause>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    Minus,
    Or,
    Not,
    And,
    Phrase(String),
    Word(String),
    Filter {
        key: String,
        value: String,
        prefix: bool,
    },
}

pub fn parse(input: &str) -> Parsed {
    let mut notes = Vec::new();
    let toks = lex(input, &mut notes);
    let mut parser = Parser {
        toks,
        pos: 0,
        notes,
    };
    let mut clauses = parser.sequence(0);
    // `sequence` stops only at the end at depth 0, so nothing is left over.
    clauses.retain(|c| !is_empty(&c.node));
    Parsed {
        clauses,
        notes: parser.notes,
    }
}

fn is_empty(node: &Node) -> bool {
    match node {
        Node::Group(clauses) => clauses.is_empty(),
        Node::Or(nodes) => nodes.is_empty(),
        _ => false,
    }
}

/// Splits the input into tokens. A `-` counts as negation only at the start of a word, so
/// `e-post` stays one word.
/// Parentheses nested deeper than this are ignored (with a note): the parser and the query
/// builder recurse per level, and a pasted wall of `(` must not overflow the stack.
pub const MAX_DEPTH: usize = 32;

fn lex(input: &str, notes: &mut Vec<Note>) -> Vec<Tok> {
    let chars: Vec<char> = input.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    // Open groups kept, and open groups ignored for being too deep.
    let (mut depth, mut ignored) = (0usize, 0usize);
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            if depth < MAX_DEPTH {
                depth += 1;
                toks.push(Tok::Open);
            } else {
                if ignored == 0 && !notes.contains(&Note::TooDeep) {
                    notes.push(Note::TooDeep);
                }
                ignored += 1;
            }
            i += 1;
        } else if c == ')' {
            if ignored > 0 {
                ignored -= 1;
            } else {
                depth = depth.saturating_sub(1);
                toks.push(Tok::Close);
            }
            i += 1;
        } else if is_quote(c) {
            let (text, next) = quoted(&chars, i, notes);
            toks.push(Tok::Phrase(text));
            i = next;
        } else if c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != '-')
        {
            toks.push(Tok::Minus);
            i += 1;
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')')
                && !is_quote(chars[i])
            {
                if chars[i] == ':' && i > start && chars.get(i + 1).is_some_and(|c| is_quote(*c)) {
                    i += 1;
                    break;
                }
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word.ends_with(':') && chars.get(i).is_some_and(|c| is_quote(*c)) {
                let (value, next) = quoted(&chars, i, notes);
                i = next;
                let key = word.trim_end_matches(':').to_string();
                let prefix = value.ends_with('*');
                toks.push(Tok::Filter {
                    key,
                    value: value.trim_end_matches('*').to_string(),
                    prefix,
                });
                continue;
            }
            toks.push(match word.as_str() {
                "OR" | "ELLER" => Tok::Or,
                "NOT" | "INTE" => Tok::Not,
                "AND" | "OCH" => Tok::And,
                _ => match word.split_once(':') {
                    Some((key, value)) if is_key(key) && !value.is_empty() => {
                        let prefix = value.ends_with('*');
                        Tok::Filter {
                            key: key.to_string(),
                            value: value.trim_end_matches('*').to_string(),
                            prefix,
                        }
                    }
                    _ => Tok::Word(word),
                },
            });
        }
    }
    toks
}

/// Straight quotes and the Swedish (and German, French) typographic ones. Any of them
/// closes a phrase that any of them opened: `”…”` is as common in Swedish as `“…”`.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// The text between the quote at `start` and the next quote (or the end, with a note).
fn quoted(chars: &[char], start: usize, notes: &mut Vec<Note>) -> (String, usize) {
    let mut i = start + 1;
    while i < chars.len() && !is_quote(chars[i]) {
        i += 1;
    }
    let text: String = chars[start + 1..i].iter().collect();
    if i >= chars.len() {
        notes.push(Note::UnclosedQuote);
        (text, i)
    } else {
        (text, i + 1)
    }
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    notes: Vec<Note>,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn bump(&mut self) -> Option<Tok> {
        let tok = self.toks.get(self.pos).cloned();
        self.pos += 1;
        tok
    }

    /// Clauses until `)` (inside a group) or the end.
    fn sequence(&mut self, depth: usize) -> Vec<Clause> {
        let mut clauses = Vec::new();
        loop {
            match self.peek() {
                None => {
                    if depth > 0 {
                        self.notes.push(Note::UnclosedParenthesis);
                    }
                    return clauses;
                }
                Some(Tok::Close) => {
                    self.bump();
                    if depth > 0 {
                        return clauses;
                    }
                    self.notes.push(Note::StrayParenthesis);
                }
                Some(Tok::And) => {
                    self.bump();
                }
                Some(Tok::Or) => {
                    self.bump();
                    self.notes.push(Note::DanglingOr);
                }
                _ => {
                    if let Some(clause) = self.clause(depth) {
                        clauses.push(clause);
                    }
                }
            }
        }
    }

    fn clause(&mut self, depth: usize) -> Option<Clause> {
        let mut negated = false;
        while matches!(self.peek(), Some(Tok::Minus | Tok::Not)) {
            self.bump();
            negated = !negated;
        }
        let Some(first) = self.unit(depth) else {
            if negated {
                self.notes.push(Note::DanglingNot);
            }
            return None;
        };
        let mut alternatives = vec![first];
        while self.peek() == Some(&Tok::Or) {
            self.bump();
            while matches!(self.peek(), Some(Tok::Minus | Tok::Not)) {
                self.bump();
                self.notes.push(Note::NegationInOr);
            }
            match self.unit(depth) {
                Some(node) => alternatives.push(node),
                None => self.notes.push(Note::DanglingOr),
            }
        }
        let node = if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Or(alternatives)
        };
        Some(Clause { negated, node })
    }

    /// One word, phrase, filter or group; `None` at `)`, an operator or the end.
    fn unit(&mut self, depth: usize) -> Option<Node> {
        match self.peek()? {
            Tok::Open => {
                self.bump();
                Some(Node::Group(self.sequence(depth + 1)))
            }
            Tok::Phrase(_) | Tok::Word(_) | Tok::Filter { .. } => match self.bump()? {
                Tok::Phrase(text) => Some(Node::Phrase(text)),
                Tok::Word(word) => Some(word_node(word, &mut self.notes)),
                Tok::Filter { key, value, prefix } => Some(Node::Filter { key, value, prefix }),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A bare word: a prefix if it ends in `*`, typos allowed if it ends in `~`, `~1` or `~2`;
/// other `*` are treated as spaces.
fn word_node(word: String, notes: &mut Vec<Note>) -> Node {
    if let Some((body, distance)) = fuzzy(&word) {
        return Node::Fuzzy {
            word: body.to_string(),
            distance,
        };
    }
    let body = word.trim_end_matches('*');
    if body.contains('*') {
        notes.push(Note::InnerWildcard(word.clone()));
        return Node::Phrase(body.replace('*', " "));
    }
    if body.len() < word.len() {
        if body.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            notes.push(Note::ShortPrefix(word.clone()));
            return Node::Group(Vec::new());
        }
        return Node::Prefix(body.to_string());
    }
    Node::Word(word)
}

/// `word~` (1 typo for words of up to 4 letters, else 2), `word~1`, `word~2`.
fn fuzzy(word: &str) -> Option<(&str, usize)> {
    let (body, distance) = match word.rsplit_once('~')? {
        (body, "") => (body, if body.chars().count() <= 4 { 1 } else { 2 }),
        (body, "1") => (body, 1),
        (body, "2") => (body, 2),
        _ => return None,
    };
    (body.chars().filter(|c| c.is_alphanumeric()).count() >= 2).then_some((body, distance))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Clause {
        Clause {
            negated: false,
            node: Node::Word(w.into()),
        }
    }

    fn not(node: Node) -> Clause {
        Clause {
            negated: true,
            node,
        }
    }

    #[test]
    fn words_are_all_required() {
        let p = parse("finansiering  färdplan");
        assert_eq!(p.clauses, [word("finansiering"), word("färdplan")]);
        assert!(p.notes.is_empty());
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let p = parse("a b OR c ELLER d e");
        assert_eq!(p.clauses.len(), 3);
        assert_eq!(
            p.clauses[1].node,
            Node::Or(vec![
                Node::Word("b".into()),
                Node::Word("c".into()),
                Node::Word("d".into())
            ])
        );
    }

    #[test]
    fn negation_by_minus_not_and_inte() {
        let p = parse("a -b NOT c INTE d e-post");
        assert_eq!(
            p.clauses,
            [
                word("a"),
                not(Node::Word("b".into())),
                not(Node::Word("c".into())),
                not(Node::Word("d".into())),
                word("e-post")
            ]
        );
    }

    #[test]
    fn phrases_prefixes_and_filters() {
        let p =
            parse(r#""konkreta insatser" färdpl* code:fin type:"Science Park" respondent:alm*"#);
        assert_eq!(p.clauses[0].node, Node::Phrase("konkreta insatser".into()));
        assert_eq!(p.clauses[1].node, Node::Prefix("färdpl".into()));
        assert_eq!(
            p.clauses[2].node,
            Node::Filter {
                key: "code".into(),
                value: "fin".into(),
                prefix: false
            }
        );
        assert_eq!(
            p.clauses[3].node,
            Node::Filter {
                key: "type".into(),
                value: "Science Park".into(),
                prefix: false
            }
        );
        assert_eq!(
            p.clauses[4].node,
            Node::Filter {
                key: "respondent".into(),
                value: "alm".into(),
                prefix: true
            }
        );
        assert!(p.notes.is_empty());
    }

    #[test]
    fn swedish_quotes_make_phrases_and_tilde_allows_typos() {
        for input in [
            "”konkreta insatser”",
            "“konkreta insatser”",
            "„konkreta insatser“",
            "\"konkreta insatser”",
        ] {
            assert_eq!(
                parse(input).clauses[0].node,
                Node::Phrase("konkreta insatser".into()),
                "{input}"
            );
        }
        assert_eq!(
            parse("type:”science park”").clauses[0].node,
            Node::Filter {
                key: "type".into(),
                value: "science park".into(),
                prefix: false
            }
        );
        assert_eq!(
            parse("rådgivnng~ kund~ stöd~1")
                .clauses
                .iter()
                .map(|c| c.node.clone())
                .collect::<Vec<_>>(),
            [
                Node::Fuzzy {
                    word: "rådgivnng".into(),
                    distance: 2
                },
                Node::Fuzzy {
                    word: "kund".into(),
                    distance: 1
                },
                Node::Fuzzy {
                    word: "stöd".into(),
                    distance: 1
                },
            ]
        );
        assert_eq!(parse("a~3").clauses[0].node, Node::Word("a~3".into()));
    }

    #[test]
    fn groups_nest() {
        let p = parse("(a OR b) -(c d)");
        assert_eq!(p.clauses.len(), 2);
        assert!(p.clauses[1].negated);
        assert_eq!(p.clauses[1].node, Node::Group(vec![word("c"), word("d")]));
    }

    #[test]
    fn syntax_errors_become_notes() {
        let cases: [(&str, Note); 8] = [
            ("\"open phrase", Note::UnclosedQuote),
            ("(a b", Note::UnclosedParenthesis),
            ("a b)", Note::StrayParenthesis),
            ("OR a", Note::DanglingOr),
            ("a OR", Note::DanglingOr),
            ("a NOT", Note::DanglingNot),
            ("a OR -b", Note::NegationInOr),
            ("f*", Note::ShortPrefix("f*".into())),
        ];
        for (input, note) in cases {
            let p = parse(input);
            assert!(p.notes.contains(&note), "{input}: {:?}", p.notes);
        }
    }

    #[test]
    fn a_wall_of_parentheses_is_cut_at_the_depth_limit() {
        let query = format!("{}bidrag{}", "(".repeat(100_000), ")".repeat(100_000));
        let parsed = parse(&query);
        assert!(parsed.notes.contains(&Note::TooDeep));
        let mut node = &parsed.clauses[0].node;
        let mut levels = 0;
        while let Node::Group(inner) = node {
            levels += 1;
            node = &inner[0].node;
        }
        assert_eq!(levels, MAX_DEPTH);
        assert_eq!(node, &Node::Word("bidrag".into()));
        let unclosed = parse(&"(".repeat(100_000));
        assert!(unclosed.notes.contains(&Note::TooDeep));
    }

    #[test]
    fn nothing_crashes_the_parser() {
        for input in [
            "",
            " ",
            "\"",
            "((((",
            "))))",
            "-",
            "- -",
            "*",
            "**",
            ":",
            "a:",
            ":b",
            "OR OR",
            "\"\"",
            "-\"\"",
            "(-)",
            "x:\"",
            "å*ö*",
            "NOT NOT a",
        ] {
            let _ = parse(input);
        }
        assert_eq!(parse("NOT NOT a").clauses, [word("a")]);
        assert_eq!(parse("a:").clauses, [word("a:")]);
        assert_eq!(parse("å*ö").notes, [Note::InnerWildcard("å*ö".into())]);
    }
}
