//! SubRip (`.srt`, as Whisper and subtitle tools write it): numbered cues, `00:01:02,500 -->
//! 00:01:05,000`, text lines that may start with `Name:`.

use super::vtt::{blocks, timing};
use super::{Error, Result, Turn, decode::normalise, join_cues, speaker};

pub fn read(text: &str) -> Result<(Vec<Turn>, Vec<String>)> {
    let mut warnings = Vec::new();
    let mut cues = Vec::new();
    for (line_no, block) in blocks(text) {
        let Some(at) = block.iter().position(|l| l.contains("-->")) else {
            warnings.push(format!("line {line_no}: a cue without a time was skipped"));
            continue;
        };
        let Some((start, end)) = timing(block[at]) else {
            warnings.push(format!(
                "line {}: a cue with an unreadable time was skipped",
                line_no + at
            ));
            continue;
        };
        let mut who = None;
        let mut words = String::new();
        for line in &block[at + 1..] {
            let plain = strip_tags(line);
            let label = speaker::split(&plain);
            if label.speaker.is_some() && words.is_empty() {
                who = label.speaker.map(str::to_string);
            }
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(if words.is_empty() {
                label.rest
            } else {
                line.trim()
            });
        }
        cues.push(Turn {
            speaker: who,
            start_ms: Some(start),
            end_ms: Some(end),
            text: normalise(words.trim()),
        });
    }
    if cues.is_empty() {
        return Err(Error::NotVtt(
            "the file is not SubRip: it has no cues with times (start --> end)".into(),
        ));
    }
    Ok((join_cues(cues), warnings))
}

/// Whether text starts like a SubRip file: a cue number, then a timing line.
pub fn looks_like(text: &str) -> bool {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim();
    !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && lines.next().is_some_and(|l| timing(l).is_some())
}

/// Removes `<i>`, `<b>`, `<font …>` and `{\an8}` style tags.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut skip: Option<char> = None;
    for c in line.chars() {
        match (skip, c) {
            (None, '<') => skip = Some('>'),
            (None, '{') => skip = Some('}'),
            (Some(end), c) if c == end => skip = None,
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whisper_srt_with_crlf_and_comma_times() {
        let text = "1\r\n00:00:00,000 --> 00:00:04,200\r\nVälkommen, vi börjar med er organisation.\r\n\r\n\
            2\r\n00:00:04,200 --> 00:00:09,000\r\n<i>Vi är sju personer</i>\r\npå enheten.\r\n";
        let text = normalise(text);
        assert!(looks_like(&text));
        let (turns, warnings) = read(&text).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[1].text, "Vi är sju personer på enheten.");
        assert_eq!(
            (turns[1].start_ms, turns[1].end_ms),
            (Some(4_200), Some(9_000))
        );
    }

    #[test]
    fn speakers_in_srt_and_broken_cues() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nMaria: Hur?\n\n2\nbroken\nx\n\n\
            3\n00:00:03,000 --> 00:00:04,000\nAnna: Så här.\n";
        let (turns, warnings) = read(text).unwrap();
        assert_eq!(turns[0].speaker.as_deref(), Some("Maria"));
        assert_eq!(turns[1].text, "Så här.");
        assert_eq!(warnings, ["line 5: a cue without a time was skipped"]);
    }
}
