//! Coded-passage retrieval: every passage coded with a code (or its subcodes), with the
//! respondent, the question and the text; filter by coder and respondent attribute; Enter
//! opens the answer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::model::Project;
use crate::model::coding_ops::{self, RetrieveFilter, Retrieved};
use crate::tui::cursor::Cursor;
use crate::tui::keymap::Action;
use crate::tui::screens::codebook::{self, next_of};
use crate::tui::screens::interviews;
use crate::tui::state::{Ctx, OpenAnswer, Outcome, Screen, Tab, Target, View};
use crate::tui::strings::S;
use crate::tui::theme;

#[derive(Debug, Clone, Default)]
pub struct RetrievalView {
    pub code: String,
    pub filter: RetrieveFilter,
    pub cursor: Cursor,
    pub hits: Vec<Retrieved>,
    built_for: Option<(u64, RetrieveFilter, String)>,
}

impl RetrievalView {
    /// Finds the passages again when the project changed: from the interviews the summary
    /// index says have the code, read one at a time and dropped after.
    pub fn refresh(&mut self, session: &mut crate::tui::session::Session) {
        let key = (session.revision, self.filter.clone(), self.code.clone());
        if self.built_for.as_ref() != Some(&key) {
            session.index();
            let coded = crate::report::interviews_coded(
                &session.project,
                session.interviews.kept_index(),
                &self.code,
            );
            let mut hits = Vec::new();
            session.each_alone(&coded, |part| {
                hits.extend(coding_ops::retrieve(part, &self.code, &self.filter));
            });
            self.hits = hits;
            self.cursor.clamp(self.hits.len());
            self.built_for = Some(key);
        }
    }
}

impl RetrievalView {
    /// The passages of `code`, from the start.
    pub fn for_code(code: &str) -> RetrievalView {
        RetrievalView {
            code: code.to_string(),
            ..RetrievalView::default()
        }
    }
}

/// Every (attribute, value) pair respondents have, for cycling the attribute filter.
fn attribute_values(project: &Project) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = project
        .respondents
        .iter()
        .flat_map(|r| r.attributes.iter().map(|(k, v)| (k.clone(), v.clone())))
        .collect();
    pairs.sort_by_key(|(k, v)| {
        (
            project.attributes.iter().position(|a| &a.id == k),
            v.clone(),
        )
    });
    pairs.dedup();
    pairs
}

impl RetrievalView {
    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        let Some(project) = ctx.project() else {
            return Outcome::default();
        };
        if self.cursor.apply(action, self.hits.len(), 5) {
            return Outcome::default();
        }
        match action {
            Action::CoderFilter => {
                let coders = ctx
                    .session
                    .as_deref()
                    .map_or_else(Vec::new, |s| s.interviews.kept_index().coders_in_use());
                self.filter.coder = next_of(&coders, self.filter.coder.as_ref());
            }
            Action::AttributeFilter => {
                let pairs = attribute_values(project);
                let current = self
                    .filter
                    .attribute
                    .as_ref()
                    .and_then(|a| pairs.iter().position(|p| p == a));
                self.filter.attribute = match current {
                    None => pairs.first().cloned(),
                    Some(i) => pairs.get(i + 1).cloned(),
                };
            }
            Action::Open => {
                if let Some(hit) = self.hits.get(self.cursor.at) {
                    return Outcome::open(OpenAnswer {
                        interview: hit.interview.clone(),
                        target: match &hit.question {
                            Some(id) => Target::Question {
                                id: id.clone(),
                                at: hit.span.map(|s| s.start),
                            },
                            None => Target::Notes {
                                at: hit.span.map_or(0, |s| s.start),
                            },
                        },
                        back_to: (Screen::Retrieval, Tab::Codebook),
                        editing: false,
                    });
                }
            }
            Action::Back => {
                // The passages of a code used everywhere are many: not kept behind the tabs.
                *self = RetrievalView::default();
                crate::tui::search_worker::release_freed_memory();
                return Outcome {
                    go: Some(Screen::Tabs),
                    tab: Some(Tab::Codebook),
                    ..Outcome::default()
                };
            }
            _ => {}
        }
        Outcome::default()
    }
}

pub fn draw(retrieval: &RetrievalView, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let view = retrieval;
    let Some(code) = project.codebook.code(&view.code) else {
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let respondents: std::collections::BTreeSet<&str> = view
        .hits
        .iter()
        .filter_map(|h| session.interviews.listed_one(&h.interview))
        .flat_map(|i| i.respondents.iter().map(String::as_str))
        .collect();
    let all = app.t(S::All).to_string();
    let attribute = view
        .filter
        .attribute
        .as_ref()
        .map(|(k, v)| {
            let label = project
                .attributes
                .iter()
                .find(|a| &a.id == k)
                .map(|a| a.label.get(app.lang))
                .unwrap_or(k);
            format!("{label} = {v}")
        })
        .unwrap_or_else(|| all.clone());
    let summary = app.fill(
        S::CodingsFrom,
        &[
            (
                "codings",
                &app.count(view.hits.len(), S::CodingOne, S::CodingMany),
            ),
            (
                "respondents",
                &app.count(respondents.len(), S::RespondentOne, S::RespondentMany),
            ),
        ],
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("■ ", theme::code(&code.colour)),
                Span::styled(
                    codebook::path_label(project, code, app.lang),
                    theme::title(),
                ),
                Span::styled(format!("  {summary}"), theme::dim()),
            ]),
            Line::from(Span::styled(
                format!(
                    "{} {}   {} {}",
                    app.t(S::CoderF),
                    view.filter.coder.clone().unwrap_or_else(|| all.clone()),
                    app.t(S::Attribute),
                    attribute
                ),
                theme::dim(),
            )),
        ]),
        head,
    );
    if view.hits.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t(S::NoCodedPassagesTheseFilters)).style(theme::dim()),
            body,
        );
        return;
    }
    // Each hit: a heading line and up to three lines of text.
    let per_hit = 5usize;
    let visible = (body.height as usize / per_hit).max(1);
    let offset = view.cursor.offset(visible);
    let mut lines: Vec<Line> = Vec::new();
    let width = body.width.saturating_sub(4).max(10) as usize;
    for (i, hit) in view.hits.iter().enumerate().skip(offset).take(visible) {
        let selected = i == view.cursor.at;
        let interview = session.interviews.listed_one(&hit.interview);
        let who = interview
            .map(|iv| interviews::listed_names(project, iv))
            .unwrap_or_default();
        let number = project
            .guide
            .position(hit.question.as_deref().unwrap_or_default())
            .map(|p| p + 1)
            .unwrap_or(0);
        // The question is shortened so the heading stays on one line.
        let room = width
            .saturating_sub(who.chars().count() + hit.coder.chars().count() + 16)
            .max(12);
        let question: String = project
            .guide
            .question(hit.question.as_deref().unwrap_or_default())
            .map(|q| {
                let text = q.text.get(app.lang);
                if text.chars().count() > room {
                    format!("{}…", text.chars().take(room - 1).collect::<String>())
                } else {
                    text.to_string()
                }
            })
            .unwrap_or_default();
        let sub = project
            .codebook
            .code(&hit.code)
            .filter(|c| c.id != view.code)
            .map(|c| format!(" [{}]", c.label.get(app.lang)))
            .unwrap_or_default();
        let place = match hit.question {
            Some(_) => format!("{}{number} {question}", app.t(S::QuestionPrefix)),
            None => app.t(S::OutsideGuideLower).to_string(),
        };
        let heading = format!("{}{who} · {place}", if selected { "▶ " } else { "  " });
        let heading = Line::from(vec![
            Span::raw(heading),
            Span::styled(format!(" · {}{sub}", hit.coder), theme::dim()),
        ]);
        lines.push(if selected {
            heading.style(theme::selected())
        } else {
            heading.style(theme::title())
        });
        let mark = if hit.span.is_some() { "¶" } else { "■" };
        let text = format!("{mark} {}", hit.text.replace('\n', " "));
        let wrapped = crate::tui::editor::wrap(&text, width);
        for (n, row) in wrapped.iter().take(3).enumerate() {
            let mut s = text[row.start..row.end].to_string();
            if n == 2 && wrapped.len() > 3 {
                s.push('…');
            }
            lines.push(Line::from(Span::styled(
                format!("    {s}"),
                theme::code(&code.colour),
            )));
        }
        if !hit.memo.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("    memo: {}", hit.memo),
                theme::dim(),
            )));
        }
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}
