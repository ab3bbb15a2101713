//! WebVTT: Teams (`<v Name>` voice tags, cue ids, unpadded times such as `0:0:5.320`), Zoom
//! (`Name: text` in the cue) and Whisper (no speaker). A broken cue is skipped with a warning
//! naming its line; the rest of the file is still read.

use super::decode::normalise;
use super::{Error, Result, Turn, join_cues, speaker, time};

/// The turns of a WebVTT file and warnings about skipped cues.
pub fn read(text: &str) -> Result<(Vec<Turn>, Vec<String>)> {
    let mut warnings = Vec::new();
    let mut cues = Vec::new();
    let mut header = false;
    for (line_no, block) in blocks(text) {
        let first = block[0].trim();
        if line_no == 1 && first.starts_with("WEBVTT") {
            header = true;
            continue;
        }
        if first.starts_with("NOTE") || first == "STYLE" || first == "REGION" {
            continue;
        }
        match cue(&block) {
            Some(turns) => cues.extend(turns),
            None => warnings.push(format!(
                "line {line_no}: a cue without a valid time (start --> end) was skipped"
            )),
        }
    }
    if !header && cues.is_empty() {
        return Err(Error::NotVtt(
            "the file is not WebVTT: it does not start with WEBVTT and has no cues".into(),
        ));
    }
    if !header {
        warnings.insert(
            0,
            "the file does not start with WEBVTT; its cues were read anyway".into(),
        );
    }
    Ok((join_cues(cues), warnings))
}

/// The blank-line separated blocks of `text`, each with the number of its first line.
pub fn blocks(text: &str) -> Vec<(usize, Vec<&str>)> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push((start, std::mem::take(&mut current)));
            }
        } else {
            if current.is_empty() {
                start = i + 1;
            }
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push((start, current));
    }
    out
}

/// The timing line's start and end: `start --> end [settings]`.
pub fn timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    let (start, end) = (time::parse(start)?, time::parse(end)?);
    Some((start, end.max(start)))
}

/// One cue's turns (several when the speaker changes inside it), or `None` if it has no
/// valid timing line.
fn cue(block: &[&str]) -> Option<Vec<Turn>> {
    let at = block.iter().position(|l| l.contains("-->"))?;
    let (start, end) = timing(block[at])?;
    let mut turns: Vec<Turn> = Vec::new();
    let mut voice: Option<String> = None;
    for line in &block[at + 1..] {
        let (tagged, plain) = strip_tags(line);
        if tagged.is_some() {
            voice = tagged;
        }
        let (who, words) = match &voice {
            Some(v) => (Some(v.clone()), plain),
            None => {
                let label = speaker::split(&plain);
                (label.speaker.map(str::to_string), label.rest.to_string())
            }
        };
        let words = normalise(words.trim());
        if words.is_empty() {
            continue;
        }
        match turns.last_mut() {
            Some(last) if last.speaker == who || who.is_none() => {
                last.text.push(' ');
                last.text.push_str(&words);
            }
            _ => turns.push(Turn {
                speaker: who,
                start_ms: Some(start),
                end_ms: Some(end),
                text: words,
            }),
        }
    }
    Some(turns)
}

/// A cue line without its tags and with entities decoded, and the speaker of a `<v Name>` tag.
fn strip_tags(line: &str) -> (Option<String>, String) {
    let mut voice = None;
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if let Some(name) = tag.strip_prefix('v').filter(|t| t.starts_with([' ', '.'])) {
            // `<v Name>` or `<v.loud Name>`: the classes end at the first space.
            let name = name.split_once(' ').map_or("", |(_, n)| n).trim();
            if !name.is_empty() {
                voice = Some(entities(name));
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    (voice, entities(&out))
}

fn entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&lrm;", "")
        .replace("&rlm;", "")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers(turns: &[Turn]) -> Vec<(Option<&str>, &str)> {
        turns
            .iter()
            .map(|t| (t.speaker.as_deref(), t.text.as_str()))
            .collect()
    }

    #[test]
    fn teams_voice_tags_cue_ids_and_unpadded_times() {
        let text = "WEBVTT\n\n\
            9f1c2a3e-1/12-0\n0:0:5.320 --> 0:0:9.100\n<v Maria Lind>Hur arbetar ni</v>\n\n\
            9f1c2a3e-1/13-0\n0:0:9.100 --> 0:0:10.5\n<v Maria Lind>med hållbarhet?</v>\n\n\
            9f1c2a3e-1/14-0\n0:0:11.000 --> 0:0:20.000\n<v Anna Berg>Vi har &amp; gör <i>mycket</i>.</v>\n";
        let (turns, warnings) = read(text).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(
            speakers(&turns),
            [
                (Some("Maria Lind"), "Hur arbetar ni med hållbarhet?"),
                (Some("Anna Berg"), "Vi har & gör mycket."),
            ]
        );
        assert_eq!(
            (turns[0].start_ms, turns[0].end_ms),
            (Some(5_320), Some(10_500))
        );
    }

    #[test]
    fn zoom_names_and_whisper_without_speakers() {
        let zoom = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nMaria Lind: Välkomna.\n\n\
            2\n00:00:04.000 --> 00:00:08.000\nPeter Holm: Tack.\n";
        let (turns, _) = read(zoom).unwrap();
        assert_eq!(
            speakers(&turns),
            [
                (Some("Maria Lind"), "Välkomna."),
                (Some("Peter Holm"), "Tack.")
            ]
        );
        let whisper = "WEBVTT\n\n00:00.000 --> 00:03.000\nVilka behov ser ni\n\n\
            00:03.000 --> 00:05.000\nhos företagen?\n\n00:05.000 --> 00:09.000\nRådgivning.\n";
        let (turns, _) = read(whisper).unwrap();
        assert_eq!(
            speakers(&turns),
            [
                (None, "Vilka behov ser ni hos företagen?"),
                (None, "Rådgivning.")
            ]
        );
    }

    #[test]
    fn broken_cues_are_skipped_and_named() {
        let text = "WEBVTT\n\n1\n00:00:01.000 --> soon\nTrasig.\n\nNOTE en kommentar\n\n\
            2\n00:00:02.000 --> 00:00:03.000\n<v Anna>Hel.\n";
        let (turns, warnings) = read(text).unwrap();
        assert_eq!(speakers(&turns), [(Some("Anna"), "Hel.")]);
        assert_eq!(
            warnings,
            ["line 3: a cue without a valid time (start --> end) was skipped"]
        );
        assert!(matches!(
            read("Bara text\n\nutan tider\n"),
            Err(Error::NotVtt(_))
        ));
    }
}
