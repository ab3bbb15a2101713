//! The Search tab: type and see matching answers at once, with highlighted snippets,
//! respondent, question and codes; filter by code or attribute without typing syntax; Enter
//! opens the answer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::{Lang, Project};
use crate::search::{Progress, SearchResults};
use crate::tui::editor::{EditOp, edit_line};
use crate::tui::keymap::Action;
use crate::tui::screens::code_picker::{CodePicker, PickFor};
use crate::tui::screens::codebook::next_of;
use crate::tui::screens::interviews;
use crate::tui::search_worker::Report;
use crate::tui::state::{Ctx, Effect, OpenAnswer, Outcome, Overlay, Screen, Tab, Target, View};
use crate::tui::strings::{S, fill};
use crate::tui::theme;

/// How many hits a search shows.
pub const LIMIT: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct SearchView {
    pub query: String,
    /// Keys go into the query (the tab opens this way, so a word can be typed at once).
    pub typing: bool,
    pub selected: usize,
    /// (field, value) filters chosen with keys: `code`, or an attribute id.
    pub filters: Vec<(String, String)>,
    pub results: Option<SearchResults>,
    /// The index's state: building (with progress), or why it cannot be used.
    pub progress: Option<Progress>,
    pub failure: Option<String>,
    pub ready: bool,
}

impl SearchView {
    fn set_filter(&mut self, field: &str, value: Option<String>) {
        self.filters.retain(|(f, _)| f != field);
        if let Some(value) = value {
            self.filters.push((field.to_string(), value));
        }
        self.selected = 0;
    }
}

/// The longest query the box takes, in characters: longer pastes are cut, with a note.
pub const MAX_QUERY: usize = 1_000;

impl SearchView {
    /// What the search worker reported: progress, the open index (the query runs at once),
    /// or why the index cannot be used.
    pub fn on_report(&mut self, ctx: &mut Ctx, report: Report) -> Outcome {
        match report {
            Report::Progress(p) => self.progress = Some(p),
            Report::Ready(handle, _) => {
                if let Some(session) = ctx.session.as_deref_mut() {
                    session.search_handle = Some(handle);
                }
                self.ready = true;
                return Outcome::effects(vec![Effect::RunSearch]);
            }
            Report::Failed(e) => self.failure = Some(e),
        }
        Outcome::default()
    }

    /// The Search tab was opened: the query takes the keys at once.
    pub fn enter(&mut self) -> Outcome {
        self.typing = true;
        Outcome::effects(vec![Effect::RunSearch])
    }

    /// An action while the query box has the keys.
    pub fn on_box_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Back => self.typing = false,
            Action::Open => return self.open_selected(),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected += 1,
            Action::Code | Action::AttributeFilter | Action::ClearFilters => {
                return self.on_action(ctx, action);
            }
            Action::ClearText => {
                self.query.clear();
                return Outcome::effects(vec![Effect::RunSearch]);
            }
            _ => {}
        }
        self.clamp();
        Outcome::default()
    }

    /// Typing in the query box searches at once; the query is cut at [`MAX_QUERY`]
    /// characters, with a note.
    pub fn on_box_text(&mut self, lang: Lang, op: &EditOp) -> Outcome {
        let op = match op {
            EditOp::Insert(text) => {
                let room = MAX_QUERY.saturating_sub(self.query.chars().count());
                let taken: String = text.chars().take(room).collect();
                if taken.chars().count() < text.chars().count() {
                    edit_line(&mut self.query, &EditOp::Insert(taken));
                    self.selected = 0;
                    let note = fill(lang, S::QueryCut, &[("n", &MAX_QUERY)]);
                    return Outcome::error(note).with_effects(vec![Effect::RunSearch]);
                }
                op
            }
            _ => op,
        };
        if edit_line(&mut self.query, op) {
            self.selected = 0;
            return Outcome::effects(vec![Effect::RunSearch]);
        }
        Outcome::default()
    }

    fn clamp(&mut self) {
        let count = self.results.as_ref().map_or(0, |r| r.hits.len());
        self.selected = self.selected.min(count.saturating_sub(1));
    }
}

/// Every (attribute, value) pair the respondents have.
fn attribute_values(project: &Project) -> Vec<String> {
    let mut pairs: Vec<String> = project
        .respondents
        .iter()
        .flat_map(|r| r.attributes.iter().map(|(k, v)| format!("{k}\u{1f}{v}")))
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

impl SearchView {
    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::Filter | Action::Edit => self.typing = true,
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected += 1,
            Action::Open => return self.open_selected(),
            Action::Code => {
                return Outcome::overlay(Overlay::CodePicker(CodePicker::new(PickFor::SearchCode)));
            }
            Action::AttributeFilter => {
                let Some(project) = ctx.project() else {
                    return Outcome::default();
                };
                let pairs = attribute_values(project);
                let attribute_ids: Vec<String> =
                    project.attributes.iter().map(|a| a.id.clone()).collect();
                let current = self
                    .filters
                    .iter()
                    .find(|(f, _)| attribute_ids.contains(f))
                    .map(|(f, v)| format!("{f}\u{1f}{v}"));
                let next = next_of(&pairs, current.as_ref());
                self.filters.retain(|(f, _)| !attribute_ids.contains(f));
                if let Some((field, value)) = next.as_deref().and_then(|p| p.split_once('\u{1f}')) {
                    self.filters.push((field.to_string(), value.to_string()));
                }
                self.selected = 0;
                return Outcome::effects(vec![Effect::RunSearch]);
            }
            Action::ClearFilters => {
                self.filters.clear();
                return Outcome::effects(vec![Effect::RunSearch]);
            }
            _ => {}
        }
        self.clamp();
        Outcome::default()
    }

    /// The code picker chose a code to filter by.
    pub fn filter_by_code(&mut self, code: Option<String>) -> Outcome {
        self.set_filter("code", code);
        Outcome::effects(vec![Effect::RunSearch])
    }

    fn open_selected(&self) -> Outcome {
        let Some(hit) = self
            .results
            .as_ref()
            .and_then(|r| r.hits.get(self.selected))
        else {
            return Outcome::default();
        };
        let first_mark = hit.snippet.char_highlights().first().map_or(0, |r| r.start);
        let at = hit.snippet.start + first_mark;
        let target = match &hit.question {
            Some(question) => Target::Question {
                id: question.clone(),
                at: Some(at),
            },
            None => Target::Notes { at },
        };
        Outcome::open(OpenAnswer {
            interview: hit.interview.clone(),
            target,
            back_to: (Screen::Tabs, Tab::Search),
            editing: false,
        })
    }
}

pub fn draw(search: &SearchView, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let view = search;
    let [input, filters, status, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(1),
    ])
    .areas(area);
    let mut line = vec![
        Span::styled(app.t(S::SearchLabel), theme::title()),
        Span::raw(view.query.clone()),
    ];
    if view.typing {
        line.push(Span::styled("▏", theme::key()));
    } else {
        line.push(Span::styled(app.t(S::SlashToType), theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(line)), input);

    let mut chips = vec![Span::styled(app.t(S::FiltersLabel), theme::dim())];
    if view.filters.is_empty() {
        chips.push(Span::styled(app.t(S::NoneF2CodeF3Attribute), theme::dim()));
    }
    for (field, value) in &view.filters {
        let text = match field.as_str() {
            "code" => {
                let label = project
                    .codebook
                    .code(value)
                    .map(|c| c.label.get(app.lang).to_string())
                    .unwrap_or(value.clone());
                format!("[{} {label}]", app.t(S::CodePrefix))
            }
            attribute => {
                let label = project
                    .attributes
                    .iter()
                    .find(|a| a.id == attribute)
                    .map(|a| a.label.get(app.lang))
                    .unwrap_or(attribute);
                format!("[{label}: {value}]")
            }
        };
        chips.push(Span::styled(text, theme::title()));
        chips.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(chips)), filters);

    let status_lines = status_lines(view, app);
    frame.render_widget(Paragraph::new(status_lines), status);

    let Some(results) = &view.results else { return };
    let per_hit = 4usize;
    let visible = (body.height as usize / per_hit).max(1);
    let offset = (view.selected + 1).saturating_sub(visible);
    let mut lines: Vec<Line> = Vec::new();
    for (i, hit) in results.hits.iter().enumerate().skip(offset).take(visible) {
        let selected = i == view.selected;
        let interview = session.interviews.listed_one(&hit.interview);
        let mut who = interview
            .map(|iv| interviews::listed_names(project, iv))
            .unwrap_or_default();
        // In a programme every hit says which project it is from.
        if let Some(name) = session
            .programme
            .as_ref()
            .and_then(|p| p.project_of(&hit.interview))
        {
            who = format!("{name} · {who}");
        }
        let question = match &hit.question {
            Some(q) => {
                let number = project.guide.position(q).map_or(0, |p| p + 1);
                let text = project
                    .guide
                    .question(q)
                    .map(|q| q.text.get(app.lang).to_string())
                    .unwrap_or_default();
                format!("{}{number} {text}", app.t(S::QuestionPrefix))
            }
            None => app.t(S::Notes).to_string(),
        };
        let heading = Line::from(vec![
            Span::raw(if selected { "▶ " } else { "  " }),
            Span::styled(who, theme::title()),
            Span::styled(format!(" · {question} · {}", hit.date), theme::dim()),
        ]);
        lines.push(if selected {
            heading.style(theme::selected())
        } else {
            heading
        });
        let mut snippet = vec![
            Span::raw("    "),
            Span::raw(if hit.snippet.before { "…" } else { "" }),
        ];
        let mut at = 0;
        for range in &hit.snippet.highlights {
            snippet.push(Span::raw(hit.snippet.text[at..range.start].to_string()));
            snippet.push(Span::styled(
                hit.snippet.text[range.clone()].to_string(),
                theme::key().add_modifier(Modifier::UNDERLINED),
            ));
            at = range.end;
        }
        snippet.push(Span::raw(hit.snippet.text[at..].to_string()));
        if hit.snippet.after {
            snippet.push(Span::raw("…"));
        }
        lines.push(Line::from(snippet));
        let mut codes = vec![Span::raw("    ")];
        for id in &hit.codes {
            if let Some(code) = project.codebook.code(id) {
                codes.push(Span::styled(
                    format!("■ {}  ", code.label.get(app.lang)),
                    theme::code(&code.colour),
                ));
            }
        }
        if codes.len() > 1 {
            lines.push(Line::from(codes));
        }
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

fn status_lines(view: &SearchView, app: &View) -> Vec<Line<'static>> {
    if let Some(failure) = &view.failure {
        return vec![Line::from(Span::styled(failure.clone(), theme::error()))];
    }
    if !view.ready {
        let text = match view.progress {
            Some(p) => app.fill(S::IndexProgress, &[("done", &p.done), ("total", &p.total)]),
            None => app.t(S::OpeningSearchIndex).to_string(),
        };
        return vec![Line::from(Span::styled(text, theme::dim()))];
    }
    let Some(results) = &view.results else {
        return vec![Line::from(Span::styled(
            app.t(S::TypeWordsAllMustOccur),
            theme::dim(),
        ))];
    };
    let mut lines = Vec::new();
    let counts = results.counts.unwrap_or_default();
    let summary = app.fill(
        S::SearchCounts,
        &[
            (
                "answers",
                &app.count(counts.answers, S::AnswerOne, S::AnswerMany),
            ),
            (
                "respondents",
                &app.count(counts.respondents, S::RespondentOne, S::RespondentMany),
            ),
            (
                "interviews",
                &app.count(counts.interviews, S::InterviewOne, S::InterviewMany),
            ),
        ],
    );
    let shown = if results.hits.len() < counts.answers {
        app.fill(S::BestShown, &[("n", &results.hits.len())])
    } else {
        String::new()
    };
    lines.push(Line::from(Span::styled(
        format!("{summary}{shown}"),
        theme::title(),
    )));
    // The second line: a correction when a word found (almost) nothing, then the notes.
    let mut second = Vec::new();
    if let Some(better) = results.suggestions.first() {
        second.push(Span::styled(
            format!("{} {better}?  ", app.t(S::DidYouMean)),
            theme::title(),
        ));
    }
    if !results.notes.is_empty() {
        let notes: Vec<String> = results.notes.iter().map(|n| n.text(app.lang)).collect();
        second.push(Span::styled(
            format!("{} {}", app.t(S::NoteLabel), notes.join("; ")),
            theme::dim(),
        ));
    }
    if !second.is_empty() {
        lines.push(Line::from(second));
    }
    lines
}
