//! Plain text and Markdown transcripts (and the text of Word documents): turns written
//! `Name: text`, `Name (00:01:02): text`, `[00:01:02] Name: text`, or a `Name 00:01:02`
//! heading with the speech below it (Teams' transcript saved as Word). Lines without a label
//! continue the turn above. A file without any labels is read as paragraphs, one turn each.

use super::{Turn, speaker};

/// The turns of normalised text.
pub fn read(text: &str) -> Vec<Turn> {
    let labelled = text.lines().any(|l| {
        let l = strip_markdown(l);
        split_turn(l).is_some()
    });
    if labelled {
        by_label(text)
    } else {
        by_paragraph(text)
    }
}

/// A line that starts a turn: (speaker, start, the text on the line).
fn split_turn(line: &str) -> Option<(&str, Option<u64>, &str)> {
    if let Some((name, at)) = speaker::heading(line) {
        return Some((name, Some(at), ""));
    }
    let label = speaker::split(line);
    Some((label.speaker?, label.start_ms, label.rest))
}

fn by_label(text: &str) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    for line in text.lines() {
        let line = strip_markdown(line);
        if line.is_empty() {
            continue;
        }
        match split_turn(line) {
            Some((name, start_ms, rest)) => turns.push(Turn {
                speaker: Some(name.to_string()),
                start_ms,
                end_ms: None,
                text: rest.to_string(),
            }),
            None => match turns.last_mut() {
                Some(turn) => {
                    if !turn.text.is_empty() {
                        turn.text.push('\n');
                    }
                    turn.text.push_str(line);
                }
                None => turns.push(Turn::new(None, line)),
            },
        }
    }
    // A turn's end is the next turn's start, where the file gives times.
    for i in 1..turns.len() {
        if turns[i - 1].start_ms.is_some() {
            turns[i - 1].end_ms = turns[i].start_ms;
        }
    }
    turns
}

fn by_paragraph(text: &str) -> Vec<Turn> {
    let mut turns = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(strip_markdown) {
        if line.is_empty() {
            if !current.is_empty() {
                turns.push(Turn::new(None, std::mem::take(&mut current)));
            }
            continue;
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        turns.push(Turn::new(None, current));
    }
    turns
}

/// A line without Markdown heading marks, list bullets and quote marks.
fn strip_markdown(line: &str) -> &str {
    line.trim()
        .trim_start_matches('#')
        .trim_start_matches('>')
        .trim_start_matches(['-', '*'].as_slice())
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(text: &str) -> Vec<(Option<String>, Option<u64>, String)> {
        read(text)
            .into_iter()
            .map(|t| (t.speaker, t.start_ms, t.text))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn labelled_lines_and_continuations() {
        let text = "Intervju med Sala kommun\n\nMaria (00:00:05): Hur arbetar ni?\n\n\
            Karin (00:00:09): Vi har en plan.\nOch en budget.\n[00:01:00] Maria: Tack.\n";
        assert_eq!(
            turns(text),
            [
                (None, None, "Intervju med Sala kommun".into()),
                (s("Maria"), Some(5_000), "Hur arbetar ni?".into()),
                (
                    s("Karin"),
                    Some(9_000),
                    "Vi har en plan.\nOch en budget.".into()
                ),
                (s("Maria"), Some(60_000), "Tack.".into()),
            ]
        );
        assert_eq!(read(text)[2].end_ms, Some(60_000));
    }

    #[test]
    fn teams_headings_and_markdown() {
        let text = "Maria Lind   0:00:03\nVälkomna.\n\nPeter Holm   0:00:10\nTack.\n";
        assert_eq!(
            turns(text),
            [
                (s("Maria Lind"), Some(3_000), "Välkomna.".into()),
                (s("Peter Holm"), Some(10_000), "Tack.".into()),
            ]
        );
        assert_eq!(
            turns("# Intervju\n\n**Maria:** Hej.\n- **Peter:** Hej hej.\n")[1..],
            [
                (s("Maria"), None, "Hej.".into()),
                (s("Peter"), None, "Hej hej.".into())
            ]
        );
    }

    #[test]
    fn unlabelled_text_is_paragraphs() {
        assert_eq!(
            turns("Vad behöver ni?\n\nVi behöver råd\noch pengar.\n"),
            [
                (None, None, "Vad behöver ni?".into()),
                (None, None, "Vi behöver råd\noch pengar.".into()),
            ]
        );
    }
}
