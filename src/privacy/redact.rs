//! Log files and panic reports never hold interview text: a panic message from the standard
//! library can quote the string it failed on (`byte index 7 is not a char boundary; it is
//! inside 'ö' … of `Vi behöver…``), so whatever a message quotes is left out before it is
//! written anywhere.

/// `message` with everything between backticks or double quotes replaced by `[…]`.
pub fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push_str("[…]");
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None if matches!(c, '`' | '"' | '”' | '“') => {
                out.push(c);
                quote = Some(if c == '“' { '”' } else { c });
            }
            None => out.push(c),
        }
    }
    if quote.is_some() {
        out.push_str("[…]");
    }
    out
}

/// `message` with what it quotes in double quotes replaced by `"…"`: serde's messages quote
/// values that way (`invalid type: string "Vi behöver…"`) and names of fields and variants in
/// backticks, which stay.
pub fn values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    if inside {
        out.push('…');
    }
    out
}

/// A panic as it may be logged: where it happened and the redacted message.
pub fn panic_report(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let place = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_default();
    format!("panicked at {place}:\n{}", redact(&payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_is_left_out() {
        let message = "byte index 7 is not a char boundary; it is inside 'ö' (bytes 6..8) of `Vi behöver Anna`";
        let redacted = redact(message);
        assert!(!redacted.contains("Anna"), "{redacted}");
        assert!(redacted.starts_with("byte index 7 is not a char boundary"));
        assert_eq!(
            redact("left: \"Mikael är lots\" right: 3"),
            "left: \"[…]\" right: 3"
        );
        assert_eq!(redact("open `quote"), "open `[…]");
        assert_eq!(
            values("invalid type: string \"Anna sa nej\", expected u8"),
            "invalid type: string \"…\", expected u8"
        );
        assert_eq!(
            values("unknown variant `videoo`"),
            "unknown variant `videoo`"
        );
    }
}
