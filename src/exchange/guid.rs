//! Stable GUIDs for exported items, derived from behov's own ids.
//!
//! NVivo, MAXQDA and ATLAS.ti identify everything by GUID. Deriving each GUID from what the
//! item is (its kind and behov id) instead of drawing a random one means a second export of
//! the same project carries the same GUIDs, so two exports diff cleanly and a suite can
//! recognise items it has seen before. The layout is a name-based UUID of version 8 (RFC 9562
//! section 5.8, "custom"): the first 16 bytes of SHA-256 over the name, with the version and
//! variant bits set.

use sha2::{Digest, Sha256};

/// The GUID of the item of `kind` named by `parts` (ids, in order). Parts are joined with a
/// separator that cannot occur in ids, so `("a", "bc")` and `("ab", "c")` differ.
pub fn derive(kind: &str, parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    hash.update(b"behov/");
    hash.update(kind.as_bytes());
    for part in parts {
        hash.update([0u8]);
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whether `s` is a GUID as the standard allows it: 8-4-4-4-12 hex digits, optionally in
/// braces.
pub fn is_valid(s: &str) -> bool {
    let inner = match s.strip_prefix('{') {
        Some(rest) => match rest.strip_suffix('}') {
            Some(inner) => inner,
            None => return false,
        },
        None => s,
    };
    let groups: Vec<&str> = inner.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// The GUID in one spelling (lowercase, no braces), so `{ABC…}` and `abc…` are the same item.
pub fn normalise(s: &str) -> String {
    s.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_item_gets_the_same_guid_and_others_differ() {
        let a = derive("code", &["advice"]);
        assert_eq!(a, derive("code", &["advice"]));
        assert_ne!(a, derive("code", &["roadmap"]));
        assert_ne!(a, derive("user", &["advice"]));
        assert_ne!(derive("x", &["a", "bc"]), derive("x", &["ab", "c"]));
        assert!(is_valid(&a), "{a}");
        assert_eq!(&a[14..15], "8", "version 8: {a}");
        assert!("89ab".contains(&a[19..20]), "RFC variant: {a}");
    }

    #[test]
    fn guid_patterns_of_the_schema() {
        assert!(is_valid("0E0F3B5C-1A2B-4C3D-8E9F-001122334455"));
        assert!(is_valid("{0e0f3b5c-1a2b-4c3d-8e9f-001122334455}"));
        assert!(!is_valid("{0e0f3b5c-1a2b-4c3d-8e9f-001122334455"));
        assert!(!is_valid("0e0f3b5c1a2b4c3d8e9f001122334455"));
        assert!(!is_valid("0e0f3b5c-1a2b-4c3d-8e9f-00112233445g"));
        assert_eq!(
            normalise("{0E0F3B5C-1A2B-4C3D-8E9F-001122334455}"),
            "0e0f3b5c-1a2b-4c3d-8e9f-001122334455"
        );
    }
}
