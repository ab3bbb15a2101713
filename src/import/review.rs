//! Reviewing a mapping before it is accepted: moving the boundary between two questions by a
//! turn, putting a turn under another question or outside the guide, and undoing. Only the
//! places of turns change; the transcript's words never do.

use crate::model::Guide;

use super::Transcript;
use super::map::{Mapping, Place, recompose};

/// A mapping being reviewed, with its undo history.
#[derive(Debug, Clone)]
pub struct Review {
    pub transcript: Transcript,
    guide: Guide,
    mapping: Mapping,
    undo: Vec<Vec<Place>>,
}

impl Review {
    pub fn new(transcript: Transcript, mapping: Mapping, guide: &Guide) -> Review {
        Review {
            transcript,
            guide: guide.clone(),
            mapping,
            undo: Vec::new(),
        }
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    pub fn into_mapping(self) -> Mapping {
        self.mapping
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Puts `turn` under question `question` (`None`: outside the guide) as part of its
    /// answer. A turn that asked a question stops asking it.
    pub fn assign(&mut self, turn: usize, question: Option<&str>) {
        let place = match question {
            Some(q) => Place::Answers {
                question: q.to_string(),
            },
            None => Place::Outside,
        };
        self.set(vec![(turn, place)]);
    }

    /// Makes `turn` the one that asks `question` (confidence 1: a person said so); the turns
    /// after it up to the next asking turn become its answer.
    pub fn asks(&mut self, turn: usize, question: &str) {
        let mut changes = vec![(
            turn,
            Place::Asks {
                question: question.to_string(),
                confidence: 1.0,
            },
        )];
        for (i, place) in self.mapping.places.iter().enumerate().skip(turn + 1) {
            if matches!(place, Place::Asks { .. }) {
                break;
            }
            changes.push((
                i,
                Place::Answers {
                    question: question.to_string(),
                },
            ));
        }
        self.set(changes);
    }

    /// Moves the boundary above `turn` (between it and the turn before, which belong to
    /// different parts) so that `turn` joins the part above; with `down`, the boundary below
    /// it moves so that `turn` joins the part below. Returns whether anything moved.
    pub fn move_boundary(&mut self, turn: usize, down: bool) -> bool {
        let places = &self.mapping.places;
        let neighbour = if down { turn + 1 } else { turn.wrapping_sub(1) };
        let Some(other) = places.get(neighbour) else {
            return false;
        };
        if part(other) == part(&places[turn]) {
            return false;
        }
        let to = match part(other) {
            Some(q) => Place::Answers {
                question: q.to_string(),
            },
            None => Place::Outside,
        };
        self.set(vec![(turn, to)]);
        true
    }

    pub fn undo(&mut self) -> bool {
        let Some(places) = self.undo.pop() else {
            return false;
        };
        self.rebuild(places);
        true
    }

    fn set(&mut self, changes: Vec<(usize, Place)>) {
        let mut places = self.mapping.places.clone();
        let mut changed = false;
        for (turn, place) in changes {
            if let Some(slot) = places.get_mut(turn)
                && *slot != place
            {
                *slot = place;
                changed = true;
            }
        }
        if changed {
            self.undo.push(self.mapping.places.clone());
            self.rebuild(places);
        }
    }

    fn rebuild(&mut self, places: Vec<Place>) {
        self.mapping = recompose(
            &self.transcript,
            &self.guide,
            places,
            self.mapping.interviewer.clone(),
            self.mapping.participants.clone(),
        );
    }
}

/// The question a place belongs to, asking or answering (`None`: outside the guide).
pub fn part(place: &Place) -> Option<&str> {
    match place {
        Place::Asks { question, .. } | Place::Answers { question } => Some(question),
        Place::Outside => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Encoding, Format, Turn, map};
    use crate::model::{Localized, Question, QuestionKind};

    fn review() -> Review {
        let q = |id: &str, sv: &str| Question {
            id: id.into(),
            text: Localized::new(sv, ""),
            help: Localized::default(),
            kind: QuestionKind::Open,
        };
        let guide = Guide {
            questions: vec![
                q("q1", "Vilka behov ser ni hos företagen?"),
                q("q2", "Vilka hinder möter företagen?"),
            ],
        };
        let turns = [
            ("M", "Välkomna."),
            ("M", "Vilka behov ser ni hos företagen?"),
            ("A", "Rådgivning."),
            ("A", "Förresten, har ni parkering?"),
            ("M", "Vilka hinder möter företagen?"),
            ("A", "Tiden."),
        ];
        let transcript = Transcript {
            format: Format::Txt,
            encoding: Encoding::Utf8,
            turns: turns
                .iter()
                .map(|(w, t)| Turn::new(Some(w.to_string()), *t))
                .collect(),
            warnings: vec![],
        };
        let mapping = map(&transcript, &guide, None);
        Review::new(transcript, mapping, &guide)
    }

    fn answer(r: &Review, q: &str) -> String {
        r.mapping()
            .answers
            .iter()
            .find(|a| a.question == q)
            .map(|a| a.text.clone())
            .unwrap_or_default()
    }

    #[test]
    fn boundaries_move_turns_move_and_undo_restores() {
        let mut r = review();
        assert_eq!(
            answer(&r, "q1"),
            "Rådgivning.\n\nFörresten, har ni parkering?"
        );
        let words: Vec<String> = r.transcript.turns.iter().map(|t| t.text.clone()).collect();

        // The digression goes outside the guide.
        r.assign(3, None);
        assert_eq!(answer(&r, "q1"), "Rådgivning.");
        assert!(
            r.mapping()
                .outside
                .ends_with("Förresten, har ni parkering?")
        );

        // The boundary above it moves back up: it joins q1 again; then the one below it
        // moves down, and it joins q2.
        assert!(r.move_boundary(3, false));
        assert_eq!(
            answer(&r, "q1"),
            "Rådgivning.\n\nFörresten, har ni parkering?"
        );
        assert!(r.move_boundary(3, true));
        assert_eq!(answer(&r, "q2"), "Förresten, har ni parkering?\n\nTiden.");
        // Inside one part there is no boundary to move.
        assert!(!r.move_boundary(2, false));

        while r.undo() {}
        assert_eq!(
            answer(&r, "q1"),
            "Rådgivning.\n\nFörresten, har ni parkering?"
        );
        assert_eq!(answer(&r, "q2"), "Tiden.");
        assert!(!r.can_undo());

        // Another turn asks q2: the turns after it follow.
        r.asks(3, "q2");
        assert_eq!(answer(&r, "q1"), "Rådgivning.");
        assert_eq!(answer(&r, "q2"), "Tiden.");
        assert_eq!(r.mapping().answers[1].asked_by, [3, 4]);
        // The words are never changed.
        let after: Vec<String> = r.transcript.turns.iter().map(|t| t.text.clone()).collect();
        assert_eq!(after, words);
    }
}
