//! Reviewing an imported transcript before it becomes an interview: the transcript beside the
//! guide, which turns went to which question and how sure the match is; keys move a boundary
//! by a turn, put a turn under another question or outside the guide, and undo; Enter imports.
//! Nothing here changes the transcript's words.
//!
//! A self-contained screen: its own state, its keymap contexts (`Review`, and
//! `ReviewChooser` while a question is chosen; bindings and descriptions live in `keymap`),
//! `on_action(action) -> Outcome` and `view`. The application only opens it, routes the
//! actions and acts on the outcome.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::import::{Draft, Place, Review, Who, part, show_time};
use crate::model::{Guide, Lang, Project};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::strings::{S, say};
use crate::tui::theme;

/// What the application does after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// Import the interview as reviewed.
    Accept,
    /// Leave without importing.
    Cancel,
}

/// Choosing a question for the selected turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chooser {
    /// The turn asks the chosen question (else it answers it).
    asks: bool,
    /// 0 is "outside the guide" (only when assigning), then the questions.
    selected: usize,
}

pub struct ReviewScreen {
    pub draft: Draft,
    review: Review,
    guide: Guide,
    selected: usize,
    chooser: Option<Chooser>,
    /// Rows of the transcript list in the layout, for paging.
    page: usize,
    /// The respondent's name, and whether the import creates it.
    respondent: (String, bool),
}

impl ReviewScreen {
    pub fn new(draft: Draft, project: &Project) -> ReviewScreen {
        let guide = &project.guide;
        let respondent = match &draft.who {
            Who::Existing { id, .. } => (
                project
                    .respondent(id)
                    .map_or_else(|| id.clone(), |r| r.name.clone()),
                false,
            ),
            Who::New(r) => (r.name.clone(), true),
        };
        let review = Review::new(draft.transcript.clone(), draft.mapping.clone(), guide);
        ReviewScreen {
            draft,
            review,
            guide: guide.clone(),
            selected: 0,
            chooser: None,
            page: 10,
            respondent,
        }
    }

    /// The draft with the reviewed mapping, to import.
    pub fn into_draft(self) -> Draft {
        let mut draft = self.draft;
        draft.set_mapping(self.review.into_mapping());
        draft
    }

    /// The keymap context the screen is in: choosing a question, or the transcript.
    pub fn context(&self) -> Context {
        if self.chooser.is_some() {
            Context::ReviewChooser
        } else {
            Context::Review
        }
    }

    /// Performs an action of the screen's keymap context.
    pub fn on_action(&mut self, action: Action) -> Outcome {
        if let Some(chooser) = self.chooser {
            self.choose(chooser, action);
            return Outcome::Continue;
        }
        let turns = self.review.transcript.turns.len();
        let last = turns.saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(self.page),
            Action::PageDown => self.selected = (self.selected + self.page).min(last),
            Action::MoveUp => {
                self.review.move_boundary(self.selected, false);
            }
            Action::MoveDown => {
                self.review.move_boundary(self.selected, true);
            }
            Action::Assign => {
                let current = part(&self.review.mapping().places[self.selected])
                    .and_then(|q| self.guide.position(q))
                    .map_or(0, |p| p + 1);
                self.chooser = Some(Chooser {
                    asks: false,
                    selected: current,
                });
            }
            Action::Asks => {
                self.chooser = Some(Chooser {
                    asks: true,
                    selected: 1,
                })
            }
            Action::Outside => self.review.assign(self.selected, None),
            Action::Undo => {
                self.review.undo();
            }
            Action::Confirm => return Outcome::Accept,
            Action::Back => return Outcome::Cancel,
            _ => {}
        }
        Outcome::Continue
    }

    fn choose(&mut self, mut chooser: Chooser, action: Action) {
        let count = self.guide.questions.len() + 1;
        let first = usize::from(chooser.asks);
        match action {
            Action::Up => chooser.selected = chooser.selected.saturating_sub(1).max(first),
            Action::Down => chooser.selected = (chooser.selected + 1).min(count - 1),
            Action::Back => {
                self.chooser = None;
                return;
            }
            Action::Confirm => {
                let question = chooser
                    .selected
                    .checked_sub(1)
                    .map(|q| self.guide.questions[q].id.clone());
                match (chooser.asks, question) {
                    (true, Some(q)) => self.review.asks(self.selected, &q),
                    (_, q) => self.review.assign(self.selected, q.as_deref()),
                }
                self.chooser = None;
                return;
            }
            _ => {}
        }
        self.chooser = Some(chooser);
    }

    pub fn selected(&self) -> usize {
        self.selected
    }
}

/// The label of a place: `F3 ?` for the turn asking question 3 (with the match's
/// confidence), `F3` for its answer, `–` outside the guide.
fn place_label(guide: &Guide, place: &Place, lang: Lang) -> String {
    let q = say(lang, S::QuestionPrefix);
    let number = |id: &str| guide.position(id).map_or(0, |p| p + 1);
    match place {
        Place::Asks {
            question,
            confidence,
        } => format!("{q}{}? {:>3.0}%", number(question), confidence * 100.0),
        Place::Answers { question } => format!("{q}{}", number(question)),
        Place::Outside => "–".to_string(),
    }
}

/// Whom, when and by whom the interview is, and who is added as contact people: what
/// accepting writes besides the answers.
fn who_line(state: &ReviewScreen, lang: Lang) -> String {
    let interview = &state.draft.interview;
    let (name, new) = &state.respondent;
    let mut line = format!(
        "{}: {name}{} · {} · {}: {}",
        say(lang, S::ReviewWith),
        if *new {
            say(lang, S::NewRespondentMark)
        } else {
            ""
        },
        interview.date,
        say(lang, S::InterviewerLower),
        if interview.interviewer.is_empty() {
            say(lang, S::UnknownPerson)
        } else {
            interview.interviewer.as_str()
        },
    );
    if !state.draft.new_people.is_empty() {
        line += &format!(
            " · {}: {}",
            say(lang, S::NewContactPeople),
            state.draft.new_people.join(", ")
        );
    }
    line
}

/// A guide label that fits: where questions start alike ("How mature … energy?") and the
/// room is short, the words that tell it apart are kept ("… energy?").
fn telling(label: &str, room: usize) -> &str {
    match label.split_once(" … ") {
        Some((_, tail)) if label.width() > room => {
            let start = label.len() - tail.len() - "… ".len();
            &label[start..]
        }
        _ => label,
    }
}

fn clip(text: &str, width: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.width() <= width {
        return flat;
    }
    let mut out = String::new();
    for c in flat.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The screen's rows: head, the guide beside the transcript, the selected turn, the footer.
fn areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(5),
        Constraint::Length(5),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The guide and the transcript, side by side.
fn columns(body: Rect) -> [Rect; 2] {
    let guide_width = (body.width / 3).clamp(24, 44);
    Layout::horizontal([Constraint::Length(guide_width), Constraint::Min(20)]).areas(body)
}

impl ReviewScreen {
    /// Pages by as many turns as the transcript shows when drawn in `area` (in the update;
    /// drawing only reads the state).
    pub fn fit(&mut self, area: Rect) {
        let [_, transcript] = columns(areas(area)[1]);
        self.page = usize::from(transcript.height.saturating_sub(2)).max(1);
    }
}

pub fn view(state: &ReviewScreen, lang: Lang, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let mapping = state.review.mapping();
    let found = mapping
        .answers
        .iter()
        .filter(|a| !a.asked_by.is_empty())
        .count();
    let [head, body, detail, footer] = areas(area);
    let title = format!(
        "{} {} · {} {found}/{} · {} {}",
        say(lang, S::ReviewImport),
        state.draft.file.rsplit(['/', '\\']).next().unwrap_or(""),
        say(lang, S::QuestionsFound),
        state.guide.questions.len(),
        state.review.transcript.turns.len(),
        say(lang, S::Turns),
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(clip(&title, usize::from(head.width)), theme::title()),
            Line::from(clip(&who_line(state, lang), usize::from(head.width))),
            Line::styled(say(lang, S::WordsNeverChangeHereOnly), theme::dim()),
        ]),
        head,
    );
    let [left, right] = columns(body);

    // The guide: each question with its match.
    let selected_part = part(&mapping.places[state.selected]).map(str::to_string);
    let inner = usize::from(left.width.saturating_sub(2));
    let mut items = vec![ListItem::new(Line::from(format!(
        "  – {} ({})",
        say(lang, S::OutsideGuideLower),
        mapping
            .places
            .iter()
            .filter(|p| **p == Place::Outside)
            .count()
    )))];
    let texts: Vec<&str> = state
        .guide
        .questions
        .iter()
        .map(|q| q.text.get(lang))
        .collect();
    let labels = super::capture::guide_labels(&texts);
    for (n, q) in state.guide.questions.iter().enumerate() {
        let answer = mapping.answers.iter().find(|a| a.question == q.id);
        let mark = match answer {
            Some(a) if !a.asked_by.is_empty() => "✓",
            Some(_) => "·",
            None => " ",
        };
        let tail = answer.map_or(String::new(), |a| {
            if a.asked_by.is_empty() {
                format!(" ({})", a.turns.len())
            } else {
                format!(" {:.0}% ({})", a.confidence * 100.0, a.turns.len())
            }
        });
        let room = inner.saturating_sub(tail.width() + 6);
        let text = clip(telling(&labels[n], room), room);
        // Matches line up at the right, whatever the question's length.
        let pad = " ".repeat(room.saturating_sub(text.width()));
        let line = format!(
            "{}{mark}{:>2} {text}{pad}{tail}",
            if selected_part.as_deref() == Some(q.id.as_str()) {
                "▶"
            } else {
                " "
            },
            n + 1,
        );
        items.push(ListItem::new(line));
    }
    frame.render_widget(
        List::new(items).block(
            Block::default()
                .borders(Borders::ALL)
                .title(say(lang, S::GuideTitle)),
        ),
        left,
    );

    // The transcript: every turn with its time, speaker and place.
    let inner = usize::from(right.width.saturating_sub(2));
    // Columns only as wide as what they hold: a Whisper file has neither speakers nor, in
    // plain text, times, and its words get the room.
    let turns = &state.review.transcript.turns;
    let who_width = turns
        .iter()
        .filter_map(|t| t.speaker.as_deref())
        .map(|s| s.width().min(16))
        .max()
        .unwrap_or(0);
    let timed = turns.iter().any(|t| t.start_ms.is_some());
    let items: Vec<ListItem> = state
        .review
        .transcript
        .turns
        .iter()
        .zip(&mapping.places)
        .enumerate()
        .map(|(i, (turn, place))| {
            let mut head = format!(
                "{}{:<9} ",
                if i == state.selected { "▶" } else { " " },
                place_label(&state.guide, place, lang)
            );
            if timed {
                let at = turn.start_ms.map_or(String::new(), show_time);
                head += &format!("{at:>7} ");
            }
            if who_width > 0 {
                let who = clip(turn.speaker.as_deref().unwrap_or(""), who_width);
                head += &format!("{who}{} ", " ".repeat(who_width - who.width()));
            }
            let text = clip(&turn.text, inner.saturating_sub(head.width()));
            let style = if matches!(place, Place::Asks { .. }) {
                theme::title()
            } else {
                ratatui::style::Style::new()
            };
            ListItem::new(Line::from(vec![Span::raw(head), Span::styled(text, style)]))
        })
        .collect();
    let mut list_state = ListState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(
        List::new(items)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(say(lang, S::TranscriptTitle)),
            )
            .highlight_style(theme::selected()),
        right,
        &mut list_state,
    );

    // The selected turn in full.
    let turn = &state.review.transcript.turns[state.selected];
    frame.render_widget(
        Paragraph::new(turn.text.as_str())
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP).title(format!(
                " {}{} ",
                match (&turn.speaker, who_width) {
                    (Some(name), _) => format!("{name} "),
                    (None, 0) => String::new(),
                    (None, _) => format!("{} ", say(lang, S::UnknownSpeaker)),
                },
                place_label(&state.guide, &mapping.places[state.selected], lang)
            ))),
        detail,
    );

    // The footer, from the keymap of the context the keys go to.
    let hints = keymap::footer(state.context(), lang);
    frame.render_widget(
        Paragraph::new(crate::tui::footer::line(hints, footer.width)),
        footer,
    );

    if let Some(chooser) = state.chooser {
        draw_chooser(state, chooser, lang, frame, area);
    }
}

fn draw_chooser(state: &ReviewScreen, chooser: Chooser, lang: Lang, frame: &mut Frame, area: Rect) {
    let height = (state.guide.questions.len() as u16 + 3).min(area.height);
    let width = area.width.min(70);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    let inner = usize::from(width.saturating_sub(4));
    let mut items = vec![ListItem::new(format!(
        "  – {}",
        say(lang, S::OutsideGuideLower)
    ))];
    for (n, q) in state.guide.questions.iter().enumerate() {
        items.push(ListItem::new(format!(
            "{:>3} {}",
            n + 1,
            clip(q.text.get(lang), inner.saturating_sub(4))
        )));
    }
    let title = if chooser.asks {
        say(lang, S::WhichQuestionDoesTurnAskTitle)
    } else {
        say(lang, S::WhereDoesTurnBelongTitle)
    };
    let mut list_state = ListState::default().with_selected(Some(chooser.selected));
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::default().borders(Borders::ALL).title(title))
            .highlight_style(theme::selected())
            .highlight_symbol("▶"),
        popup,
        &mut list_state,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::import::{self, Options};
    use crate::store::Store;

    fn screen() -> (ReviewScreen, crate::model::Project) {
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
        let project = Store::open_read_only(&demo).unwrap().project;
        let file = "Västmanlands Livsmedelsförbund 2026-04-22.txt";
        let bytes = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/import-examples")
                .join(file),
        )
        .unwrap();
        let draft = import::draft(
            &project,
            file,
            &bytes,
            &Options::default(),
            &[],
            jiff::Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        (ReviewScreen::new(draft, &project), project)
    }

    /// Keys (`jj<Enter>`) through the screen's keymap, as the router sends them; a key
    /// bound to nothing does nothing.
    fn press(s: &mut ReviewScreen, keys: &str) -> Outcome {
        let mut out = Outcome::Continue;
        for key in crate::tui::router::parse_keys(keys) {
            out = match keymap::lookup(s.context(), &key) {
                Some(action) => s.on_action(action),
                None => Outcome::Continue,
            };
        }
        out
    }

    fn draw(s: &ReviewScreen, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| view(s, Lang::Sv, f, f.area())).unwrap();
        terminal
    }

    #[test]
    fn snapshots_at_two_sizes() {
        let (mut s, _) = screen();
        press(&mut s, "jjjjj");
        insta::assert_snapshot!("review_120x36", draw(&s, 120, 36).backend());
        insta::assert_snapshot!("review_80x24", draw(&s, 80, 24).backend());
        press(&mut s, "a");
        insta::assert_snapshot!("review_chooser_80x24", draw(&s, 80, 24).backend());
    }

    #[test]
    fn keys_move_turns_and_the_words_never_change() {
        let (mut s, project) = screen();
        let words: Vec<String> = s
            .review
            .transcript
            .turns
            .iter()
            .map(|t| t.text.clone())
            .collect();
        let answer = |s: &ReviewScreen, q: &str| {
            s.review
                .mapping()
                .answers
                .iter()
                .find(|a| a.question == q)
                .map_or(String::new(), |a| a.text.clone())
        };
        // Turn 7 (Johanna on finance) answers q03; it goes outside the guide, then back.
        press(&mut s, "jjjjjjj");
        assert_eq!(s.selected(), 7);
        assert!(answer(&s, "q03").contains("finansiering"));
        press(&mut s, "o");
        assert!(!answer(&s, "q03").contains("finansiering"));
        assert!(s.review.mapping().outside.contains("finansiering"));
        press(&mut s, "u");
        assert!(answer(&s, "q03").contains("finansiering"));
        // Assign it to question 12 through the chooser (0 outside, 1…12), then undo.
        press(&mut s, "a");
        for _ in 0..9 {
            press(&mut s, "j");
        }
        press(&mut s, "<Enter>");
        assert!(answer(&s, "q12").contains("Sedan finansiering"));
        press(&mut s, "u");
        // Typing letters that are no command changes nothing, Esc leaves a chooser.
        press(&mut s, "xyzåäö");
        press(&mut s, "a<Esc>");
        let after: Vec<String> = s
            .review
            .transcript
            .turns
            .iter()
            .map(|t| t.text.clone())
            .collect();
        assert_eq!(after, words);
        // The boundary moves: turn 7 joins the part below (q02 is asked right after it).
        press(&mut s, "<S-Down>");
        assert!(answer(&s, "q02").starts_with("Sedan finansiering"));
        assert_eq!(press(&mut s, "<Enter>"), Outcome::Accept);
        let draft = s.into_draft();
        assert!(
            draft
                .interview
                .answer("q02")
                .unwrap()
                .text
                .starts_with("Sedan finansiering")
        );
        assert!(crate::model::validate(&project).is_empty());
        let (mut s, _) = screen();
        assert_eq!(press(&mut s, "<Esc>"), Outcome::Cancel);
    }
}
