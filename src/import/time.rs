//! Timestamps as transcripts write them: `00:01:02.500` (WebVTT), `00:01:02,500` (SubRip),
//! Teams' unpadded `0:0:5.320`, and `01:02` or `1:02:03` in text transcripts.

/// Milliseconds of a timestamp `[h:]m:s[.fff|,fff]`, or `None` if it is not one.
pub fn parse(s: &str) -> Option<u64> {
    let s = s.trim();
    let (clock, fraction) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let fields: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&fields.len()) {
        return None;
    }
    let mut seconds = 0u64;
    for (i, field) in fields.iter().enumerate() {
        if field.is_empty() || field.len() > 3 || !field.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = field.parse().ok()?;
        // Minutes and seconds below the hour field stay below 60.
        if i > 0 && value >= 60 {
            return None;
        }
        seconds = seconds * 60 + value;
    }
    let millis = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.len() <= 3 && f.bytes().all(|b| b.is_ascii_digit()) => {
            let padded = format!("{f:0<3}");
            padded.parse::<u64>().ok()?
        }
        Some(_) => return None,
    };
    Some(seconds * 1000 + millis)
}

/// `h:mm:ss` for people reading a mapping.
pub fn show(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_transcripts_write_times() {
        assert_eq!(parse("00:01:02.500"), Some(62_500));
        assert_eq!(parse("00:01:02,5"), Some(62_500));
        assert_eq!(parse("0:0:5.320"), Some(5_320));
        assert_eq!(parse("01:02"), Some(62_000));
        assert_eq!(parse("1:02:03"), Some(3_723_000));
        assert_eq!(parse(" 12:00.04 "), Some(720_040));
        for bad in [
            "",
            "12",
            "1:2:3:4",
            "00:61:00",
            "aa:bb",
            "00:01:02.1234",
            "1:-2",
            "::",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(show(3_723_999), "1:02:03");
    }
}
