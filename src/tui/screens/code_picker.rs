//! The code picker: the codebook as a tree with colours, filtered as you type (Swedish and
//! English labels and definitions, å/ä/ö typed or not), recently used codes first, and the
//! highlighted code's definition beside the list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::model::coding_ops;
use crate::model::{Code, Project, Span};
use crate::tui::editor::{EditOp, edit_line};
use crate::tui::fuzzy;
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::screens::codebook;
use crate::tui::state::View;
use crate::tui::strings::S;
use crate::tui::theme;

/// What the chosen code is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// Apply to (or remove from) an answer, or a passage of it.
    Answer {
        interview: String,
        question: String,
        span: Option<Span>,
    },
    /// The new parent of a code (the first item is the top level).
    Parent { code: String },
    /// The code that another is merged into.
    MergeInto { code: String },
    /// A code to filter search results by.
    SearchCode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodePicker {
    pub filter: String,
    pub selected: usize,
    pub purpose: PickFor,
}

/// One line of the picker: a code (or, for `Parent`, the top level as `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub code: Option<String>,
    pub depth: usize,
    pub recent: bool,
    /// "+ Ny kod «…»": creates a code named as typed and applies it.
    pub create: bool,
}

impl CodePicker {
    pub fn new(purpose: PickFor) -> CodePicker {
        CodePicker {
            filter: String::new(),
            selected: 0,
            purpose,
        }
    }

    /// The lines to show: recent codes and the tree when nothing is typed, else the matches
    /// best first.
    pub fn items(&self, project: &Project, recent: &[String]) -> Vec<Item> {
        let book = &project.codebook;
        let excluded: Vec<String> = match &self.purpose {
            PickFor::Parent { code } => coding_ops::subtree(book, code).into_iter().collect(),
            PickFor::MergeInto { code } => vec![code.clone()],
            PickFor::Answer { .. } | PickFor::SearchCode => Vec::new(),
        };
        let allowed = |c: &Code| !excluded.contains(&c.id);
        let mut items = Vec::new();
        if matches!(self.purpose, PickFor::Parent { .. }) && self.filter.is_empty() {
            items.push(Item {
                code: None,
                depth: 0,
                recent: false,
                create: false,
            });
        }
        if self.filter.is_empty() {
            if matches!(self.purpose, PickFor::Answer { .. }) {
                items.extend(
                    recent
                        .iter()
                        .filter(|id| book.code(id).is_some())
                        .take(5)
                        .map(|id| Item {
                            code: Some(id.clone()),
                            depth: 0,
                            recent: true,
                            create: false,
                        }),
                );
            }
            items.extend(
                book.tree()
                    .into_iter()
                    .filter(|(_, c)| allowed(c))
                    .map(|(depth, c)| Item {
                        code: Some(c.id.clone()),
                        depth,
                        recent: false,
                        create: false,
                    }),
            );
            return items;
        }
        let mut scored: Vec<(i32, &Code)> = book
            .codes
            .iter()
            .filter(|c| allowed(c))
            .filter_map(|c| {
                let label = [&c.label.sv, &c.label.en]
                    .iter()
                    .filter_map(|t| fuzzy::score(&self.filter, t))
                    .max()
                    .map(|s| s * 2);
                // Definitions match only as whole substrings: scattered letters across a
                // sentence match almost anything.
                let definition = [&c.definition.sv, &c.definition.en, &c.include]
                    .iter()
                    .filter_map(|t| fuzzy::score(&self.filter, t))
                    .filter(|s| *s >= fuzzy::SUBSTRING)
                    .max();
                Some((label.max(definition)?, c))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.label.sv.cmp(&b.1.label.sv)));
        items.extend(scored.into_iter().map(|(_, c)| Item {
            code: Some(c.id.clone()),
            depth: 0,
            recent: false,
            create: false,
        }));
        // Coding an answer never stops at a missing code: the last line creates it.
        if matches!(self.purpose, PickFor::Answer { .. }) && !self.filter.trim().is_empty() {
            items.push(Item {
                code: None,
                depth: 0,
                recent: false,
                create: true,
            });
        }
        items
    }
}

/// What an action in the picker comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Still choosing.
    Open(CodePicker),
    Cancelled,
    /// A code (or, for `Parent`, the top level as `None`) for the purpose.
    Chosen(PickFor, Option<String>),
    /// "+ Ny kod «…»": create a code with this label, then use it for the purpose.
    Create(String, PickFor),
}

impl CodePicker {
    pub fn on_action(mut self, project: &Project, recent: &[String], action: Action) -> Pick {
        let items = self.items(project, recent);
        let last = items.len().saturating_sub(1);
        match action {
            Action::Back => return Pick::Cancelled,
            Action::Open => {
                return match items.get(self.selected) {
                    Some(item) if item.create => {
                        Pick::Create(self.filter.trim().to_string(), self.purpose)
                    }
                    Some(item) => Pick::Chosen(self.purpose, item.code.clone()),
                    None => Pick::Open(self),
                };
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            _ => {}
        }
        Pick::Open(self)
    }

    /// Typing filters the codes; the best match is selected.
    pub fn on_text(mut self, op: &EditOp) -> Pick {
        if edit_line(&mut self.filter, op) {
            self.selected = 0;
        }
        Pick::Open(self)
    }
}

pub fn draw(picker: &CodePicker, recent: &[String], app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let items = picker.items(project, recent);
    let title = match &picker.purpose {
        PickFor::Answer { span: Some(_), .. } => app.t(S::CodePassageTitle),
        PickFor::Answer { .. } => app.t(S::CodeAnswerTitle),
        PickFor::Parent { .. } => app.t(S::MoveUnderTitle),
        PickFor::MergeInto { .. } => app.t(S::MergeIntoTitle),
        PickFor::SearchCode => app.t(S::FilterCodeTitle),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(title)
        .title_bottom(hint_text(Context::CodePicker, app.lang));
    frame.render_widget(Clear, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [filter_area, body] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            TextSpan::styled(app.t(S::FilterLabel), theme::dim()),
            TextSpan::raw(picker.filter.clone()),
            TextSpan::raw("▏"),
        ])),
        filter_area,
    );
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    // Codes already on this answer (this passage, this coder) are ticked: Enter removes them.
    let applied: Vec<String> = match &picker.purpose {
        PickFor::Answer {
            interview,
            question,
            span,
        } => session
            .interview(interview)
            .and_then(|i| i.answer(question))
            .map(|a| {
                a.codings
                    .iter()
                    .filter(|c| c.span == *span && c.coder == app.settings.coder)
                    .map(|c| c.code.clone())
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let height = list.height as usize;
    let offset = (picker.selected + 1).saturating_sub(height.max(1));
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            let selected = i == picker.selected;
            let mut spans = vec![TextSpan::raw(if selected { "▶ " } else { "  " })];
            match item
                .code
                .as_deref()
                .and_then(|id| project.codebook.code(id))
            {
                Some(code) => {
                    spans.push(TextSpan::raw("  ".repeat(item.depth)));
                    spans.push(TextSpan::styled("■ ", theme::code(&code.colour)));
                    let label = if picker.filter.is_empty() || item.depth > 0 {
                        code.label.get(app.lang).to_string()
                    } else {
                        codebook::path_label(project, code, app.lang)
                    };
                    spans.push(TextSpan::raw(label));
                    if applied.contains(&code.id) {
                        spans.push(TextSpan::raw(" ✓"));
                    }
                    if item.recent {
                        spans.push(TextSpan::styled(app.t(S::Recent), theme::dim()));
                    }
                }
                None if item.create => spans.push(TextSpan::styled(
                    app.fill(S::NewCodeNamed, &[("label", &picker.filter.trim())]),
                    theme::key(),
                )),
                None => spans.push(TextSpan::raw(app.t(S::TopLevel))),
            }
            let line = Line::from(spans);
            if selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t(S::NoCodeMatches)).style(theme::dim()),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
    let code = items
        .get(picker.selected)
        .and_then(|i| i.code.as_deref())
        .and_then(|id| project.codebook.code(id));
    if let Some(code) = code {
        frame.render_widget(
            Paragraph::new(codebook::definition_lines(app.lang, code))
                .wrap(Wrap { trim: true })
                .block(Block::new().borders(Borders::LEFT)),
            detail,
        );
    }
}
