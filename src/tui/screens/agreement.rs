//! Agreement between coders (`k` on the Summary tab): the figures per code, and the answers
//! where the coders disagree with each coder's passages side by side. Enter opens the answer
//! in the capture screen; `s` records a disagreement as settled in `agreement.json`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::model::{Lang, NOTES, Project};
use crate::report::agreement::{
    self, Agreement, DisagreementKind, Figure, Figures, Options, Problem,
};
use crate::report::format;
use crate::tui::cursor::Cursor;
use crate::tui::keymap::Action;
use crate::tui::state::{Ctx, OpenAnswer, Outcome, Screen, Tab, Target, View};
use crate::tui::strings::S;
use crate::tui::theme;

/// Which list has the keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Figures,
    Disagreements,
}

#[derive(Debug, Clone, Default)]
pub struct AgreementView {
    pub pane: Pane,
    /// The selected code row (the last row is all codes).
    pub codes: Cursor,
    /// The selected disagreement among those shown.
    pub rows: Cursor,
    /// Disagreements of this code only; `None`: all.
    pub only: Option<String>,
    pub result: Option<Result<Agreement, Problem>>,
    /// Bumped when a disagreement is settled, so the list is marked again.
    generation: u64,
    /// The text of each part with a disagreement, by (interview, part): the interviews are
    /// read for the count and not kept.
    texts: std::collections::HashMap<(String, String), String>,
    built_for: Option<(u64, u64, Lang)>,
}

impl AgreementView {
    /// Computes the agreement again when the project or the settled record changed.
    /// Every interview is read for it (the project's own, changed in memory, where held).
    pub fn refresh(&mut self, session: &crate::tui::session::Session, lang: Lang) {
        let stamp = (session.revision, self.generation, lang);
        if self.built_for == Some(stamp) {
            return;
        }
        let root = session.store.root();
        let whole = session.whole();
        let project = &whole;
        let options = Options {
            lang,
            ..Options::default()
        };
        let mut result = agreement::agreement(project, &options);
        if let Ok(a) = result.as_mut() {
            a.mark_settled(&crate::store::settled::load(root).unwrap_or_default());
        }
        self.texts.clear();
        if let Ok(a) = &result {
            let by_id = project.interviews_by_id();
            for d in &a.disagreements {
                let part = d.question.as_deref().unwrap_or(NOTES);
                if let Some(interview) = by_id.get(d.interview.as_str()) {
                    self.texts.insert(
                        (d.interview.clone(), part.to_string()),
                        interview.text_of(part).to_string(),
                    );
                }
            }
        }
        self.result = Some(result);
        self.built_for = Some(stamp);
        drop(whole);
        crate::tui::search_worker::release_freed_memory();
        let (codes, rows) = (self.code_rows(), self.shown().len());
        self.codes.clamp(codes);
        self.rows.clamp(rows);
    }

    fn agreement(&self) -> Option<&Agreement> {
        self.result.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// Code rows: each code, then all codes.
    fn code_rows(&self) -> usize {
        self.agreement().map_or(0, |a| a.codes.len() + 1)
    }

    /// Indices of the disagreements shown (all, or those of one code).
    pub fn shown(&self) -> Vec<usize> {
        self.agreement().map_or_else(Vec::new, |a| {
            a.disagreements
                .iter()
                .enumerate()
                .filter(|(_, d)| self.only.as_ref().is_none_or(|c| &d.code == c))
                .map(|(i, _)| i)
                .collect()
        })
    }

    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        let page = usize::from(ctx.size.1.saturating_sub(8) / 2).max(1);
        let shown = self.shown();
        let moved = match self.pane {
            Pane::Figures => self.codes.apply(action, self.code_rows(), page),
            Pane::Disagreements => self.rows.apply(action, shown.len(), page),
        };
        if moved {
            return Outcome::default();
        }
        match (action, self.pane) {
            (Action::Back, Pane::Figures) => Outcome::go(Screen::Tabs),
            (Action::Back, Pane::Disagreements) => {
                self.pane = Pane::Figures;
                Outcome::default()
            }
            (Action::SwitchList, Pane::Figures) => {
                self.only = None;
                self.pane = Pane::Disagreements;
                self.rows = Cursor::default();
                Outcome::default()
            }
            (Action::SwitchList, Pane::Disagreements) => {
                self.pane = Pane::Figures;
                Outcome::default()
            }
            (Action::Open, Pane::Figures) => {
                let Some(a) = self.agreement() else {
                    return Outcome::default();
                };
                self.only = a.codes.get(self.codes.at).map(|c| c.code.clone());
                self.pane = Pane::Disagreements;
                self.rows = Cursor::default();
                Outcome::default()
            }
            (Action::Open, Pane::Disagreements) => self.open(&shown),
            (Action::Settle, Pane::Disagreements) => self.settle(ctx, &shown),
            (Action::Settle, Pane::Figures) => Outcome::error(ctx.t(S::AgreementSettleWhere)),
            _ => Outcome::default(),
        }
    }

    fn open(&self, shown: &[usize]) -> Outcome {
        let Some(d) = shown
            .get(self.rows.at)
            .and_then(|&i| self.agreement()?.disagreements.get(i))
        else {
            return Outcome::default();
        };
        // At the first character the coders disagree on.
        let at = d
            .passages
            .iter()
            .flat_map(|p| p.spans.first())
            .map(|s| s.start)
            .min();
        let target = match &d.question {
            Some(q) => Target::Question { id: q.clone(), at },
            None => Target::Notes {
                at: at.unwrap_or(0),
            },
        };
        Outcome::open(OpenAnswer {
            interview: d.interview.clone(),
            target,
            back_to: (Screen::Agreement, Tab::Summary),
            editing: false,
        })
    }

    /// Records the selected disagreement as settled (or open again): read, changed and
    /// written atomically at once, so a colleague's settled ones on disk are kept.
    fn settle(&mut self, ctx: &mut Ctx, shown: &[usize]) -> Outcome {
        if let Some(refusal) = ctx.refuse_if_read_only() {
            return refusal;
        }
        let Some(d) = shown
            .get(self.rows.at)
            .and_then(|&i| self.agreement()?.disagreements.get(i))
            .cloned()
        else {
            return Outcome::default();
        };
        let Some(session) = ctx.session.as_deref() else {
            return Outcome::default();
        };
        let root = session.store.root();
        let mut settled = match crate::store::settled::load(root) {
            Ok(s) => s,
            Err(e) => return Outcome::error(e.to_string()),
        };
        let now = settled.toggle(d.key(), &ctx.settings.coder, jiff::Timestamp::now());
        if let Err(e) = crate::store::settled::save(root, &settled) {
            return Outcome::error(e.to_string());
        }
        self.generation += 1;
        let said = if now {
            S::AgreementSettled
        } else {
            S::AgreementReopened
        };
        Outcome::info(ctx.fill(said, &[("code", &d.label), ("interview", &d.interview)]))
    }
}

fn figure(f: Figure, lang: Lang, share: bool) -> String {
    match f {
        Figure::Value(x) if share => format::percent(x, lang),
        Figure::Value(x) => format::coefficient(x, lang),
        Figure::Undefined(why) => why.mark(lang).to_string(),
    }
}

pub fn draw(view: &AgreementView, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let a = match &view.result {
        Some(Ok(a)) => a,
        Some(Err(problem)) => {
            let text = agreement::problem_sentence(problem, app.lang);
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
            return;
        }
        None => return,
    };
    match view.pane {
        Pane::Figures => draw_figures(view, a, app, frame, area),
        Pane::Disagreements => draw_disagreements(view, a, &session.project, app, frame, area),
    }
}

fn draw_figures(view: &AgreementView, a: &Agreement, app: &View, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let sentence = agreement::method_sentence(a, lang);
    let head_lines = if area.width < 100 { 3 } else { 2 };
    let [head, table] =
        Layout::vertical([Constraint::Length(head_lines + 1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(sentence, theme::title())).wrap(Wrap { trim: true }),
        head,
    );
    let level = a.level;
    let width = usize::from(table.width);
    let name_width = width.saturating_sub(2 + 6 + 6 + 7 + 7 + 7 + 7).clamp(8, 40);
    let row = |marker: &str, name: &str, cells: [String; 6]| {
        let name: String = name.chars().take(name_width).collect();
        format!(
            "{marker}{name:<name_width$}{:>6}{:>6}{:>7}{:>7}{:>7}{:>7}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
        )
    };
    let header = row(
        "  ",
        app.t(S::AgreementCode),
        [
            app.t(S::AgreementAnswers).to_string(),
            app.t(S::AgreementDisagreementsShort).to_string(),
            "%".to_string(),
            "κ".to_string(),
            "α".to_string(),
            "uα".to_string(),
        ],
    );
    let cells = |f: &Figures, n: usize| {
        [
            f.answers.to_string(),
            n.to_string(),
            figure(f.percent(level), lang, true),
            figure(f.kappa(level), lang, false),
            figure(f.alpha_answers, lang, false),
            figure(f.unitizing_alpha, lang, false),
        ]
    };
    let count = |code: Option<&str>| {
        a.disagreements
            .iter()
            .filter(|d| code.is_none_or(|c| d.code == c))
            .count()
    };
    let mut rows: Vec<String> = a.codes.iter().map(|c| c.label.clone()).collect();
    rows.push(app.t(S::AgreementAllCodes).to_string());
    // The codes scroll between the header and the "all codes" row, which stays in view.
    let height = usize::from(table.height).saturating_sub(3);
    let offset = view
        .codes
        .offset(height)
        .min(a.codes.len().saturating_sub(height));
    let visible = (offset..a.codes.len()).take(height).chain([a.codes.len()]);
    let mut lines = vec![Line::styled(header, theme::title())];
    for i in visible {
        let name = &rows[i];
        let (figures, n) = match a.codes.get(i) {
            Some(c) => (&c.figures, count(Some(&c.code))),
            None => (&a.overall, count(None)),
        };
        let selected = i == view.codes.at;
        let marker = if selected { "▶ " } else { "  " };
        let text = row(marker, name, cells(figures, n));
        let style = if selected {
            theme::selected()
        } else if i == a.codes.len() {
            theme::title()
        } else {
            Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    let level_note = match level {
        agreement::Level::Character => app.t(S::AgreementLevelCharacters),
        agreement::Level::Answer => app.t(S::AgreementLevelAnswers),
    };
    lines.push(Line::styled(level_note, theme::dim()));
    frame.render_widget(Paragraph::new(lines), table);
}

fn draw_disagreements(
    view: &AgreementView,
    a: &Agreement,
    project: &Project,
    app: &View,
    frame: &mut Frame,
    area: Rect,
) {
    let shown = view.shown();
    let settled = shown
        .iter()
        .filter(|&&i| a.disagreements[i].settled)
        .count();
    let title = app.fill(
        S::AgreementDisagreementsTitle,
        &[("n", &shown.len()), ("settled", &settled)],
    );
    let title = match view
        .only
        .as_deref()
        .and_then(|c| a.codes.iter().find(|x| x.code == c))
    {
        Some(code) => format!("{title} · {}", code.label),
        None => title,
    };
    if shown.is_empty() {
        let lines = vec![
            Line::styled(title, theme::title()),
            Line::raw(app.t(S::AgreementNoDisagreements)),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let list_height = (area.height / 3).max(3);
    let [head, list, sides] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(list_height),
        Constraint::Min(3),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(Span::styled(title, theme::title())), head);

    let height = usize::from(list.height);
    let offset = view.rows.offset(height);
    let width = usize::from(list.width);
    let lines: Vec<Line> = shown
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(row, &i)| {
            let d = &a.disagreements[i];
            let selected = row == view.rows.at;
            let marker = if selected { "▶" } else { " " };
            let done = if d.settled { "✓" } else { " " };
            let place = match d.number {
                Some(n) => format!("{} {n}", app.t(S::AgreementQuestionShort)),
                None => app.t(S::AgreementOutsideShort).to_string(),
            };
            let kind = match d.kind {
                DisagreementKind::Presence => app.t(S::AgreementCodeOrNot),
                DisagreementKind::Passage => app.t(S::AgreementOtherPassages),
            };
            let text = format!(
                "{marker}{done} {:<5} {:<6} {:<24} {kind}  {}",
                d.interview,
                place,
                d.label.chars().take(24).collect::<String>(),
                d.respondent
            );
            let text: String = text.chars().take(width).collect();
            if selected {
                Line::styled(text, theme::selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);

    let Some(d) = shown.get(view.rows.at).map(|&i| &a.disagreements[i]) else {
        return;
    };
    let part = d.question.as_deref().unwrap_or(NOTES);
    let text = view
        .texts
        .get(&(d.interview.clone(), part.to_string()))
        .map_or("", String::as_str);
    let colour = project
        .codebook
        .code(&d.code)
        .map_or("", |c| c.colour.as_str());
    // Both sides start a little before the first passage either coder marked.
    let first = d
        .passages
        .iter()
        .flat_map(|p| p.spans.first())
        .map(|s| s.start)
        .min()
        .unwrap_or(0);
    let start = first.saturating_sub(40);
    let columns = Layout::horizontal(vec![Constraint::Fill(1); a.coders.len()])
        .spacing(2)
        .split(sides);
    for (coder, column) in a.coders.iter().zip(columns.iter()) {
        let passage = d.passages.iter().find(|p| &p.coder == coder);
        let note = match passage {
            None => app.t(S::AgreementDidNotCode).to_string(),
            Some(p) if p.spans.is_empty() => app.t(S::AgreementNotWithCode).to_string(),
            Some(p) => {
                let chars: usize = p.spans.iter().map(|s| s.len()).sum();
                app.fill(S::AgreementCodedChars, &[("n", &chars)])
            }
        };
        let block = Block::default()
            .borders(Borders::TOP)
            .title(format!(" {coder}: {note} "));
        let spans = passage.map_or(&[][..], |p| p.spans.as_slice());
        let mut pieces = Vec::new();
        if start > 0 {
            pieces.push(Span::styled("…", theme::dim()));
        }
        let mut run = String::new();
        let mut inside = false;
        for (at, ch) in text.chars().enumerate().skip(start) {
            let coded = spans.iter().any(|s| s.start <= at && at < s.end);
            if coded != inside && !run.is_empty() {
                pieces.push(piece(std::mem::take(&mut run), inside, colour));
            }
            inside = coded;
            run.push(ch);
        }
        if !run.is_empty() {
            pieces.push(piece(run, inside, colour));
        }
        frame.render_widget(
            Paragraph::new(Line::from(pieces))
                .block(block)
                .wrap(Wrap { trim: false }),
            *column,
        );
    }
}

/// A run of answer text: a coder's passage underlined and reversed (seen without colour).
fn piece(text: String, coded: bool, colour: &str) -> Span<'static> {
    if coded {
        Span::styled(
            text,
            theme::passage(colour).add_modifier(ratatui::style::Modifier::REVERSED),
        )
    } else {
        Span::raw(text)
    }
}
