//! The Codebook tab: the code tree with how much each code is used; add, edit, move, merge
//! and delete codes (undoable); Enter retrieves every passage coded with a code.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use crate::model::coding_ops::{self, Usage};
use crate::model::{Code, Lang, Localized, Project, parse_colour};
use crate::store::settings::Settings;
use crate::tui::cursor::Cursor;
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::screens::code_picker::{CodePicker, PickFor};
use crate::tui::screens::setup;
use crate::tui::session::Session;
use crate::tui::state::{Confirm, Ctx, Effect, FormPurpose, Outcome, Overlay, Screen, View};
use crate::tui::strings::{S, say};
use crate::tui::theme;
use crate::tui::undo::Step;

#[derive(Debug, Clone, Default)]
pub struct CodebookView {
    pub selected: usize,
    /// Count only this coder's codings.
    pub coder: Option<String>,
    usage: Option<(u64, Option<String>, HashMap<String, Usage>)>,
}

/// Colours offered to new codes, in turn.
const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

/// The codes in tree order: what the rows show.
fn rows(project: &Project) -> Vec<(usize, &Code)> {
    project.codebook.tree()
}

fn selected_code(cb: &CodebookView, project: &Project) -> Option<String> {
    rows(project).get(cb.selected).map(|(_, c)| c.id.clone())
}

/// "Behov › Finansiering": the label with its ancestors.
pub fn path_label(project: &Project, code: &Code, lang: Lang) -> String {
    let mut chain: Vec<&str> = project
        .codebook
        .ancestors(&code.id)
        .iter()
        .map(|c| c.label.get(lang))
        .collect();
    chain.reverse();
    chain.join(" › ")
}

/// The definition, include and exclude rules and example of a code, for side panels.
pub fn definition_lines(lang: Lang, code: &Code) -> Vec<Line<'static>> {
    let t = |key| say(lang, key);
    let mut lines = vec![Line::from(Span::styled(
        code.label.get(lang).to_string(),
        theme::code(&code.colour).add_modifier(Modifier::BOLD),
    ))];
    let mut add = |title: &str, text: &str| {
        if !text.is_empty() {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(title.to_string(), theme::dim())));
            lines.push(Line::from(text.to_string()));
        }
    };
    add(t(S::Definition), code.definition.get(lang));
    add(t(S::UseWhen), &code.include);
    add(t(S::DoNotUseWhen), &code.exclude);
    add(t(S::Example), &code.example);
    lines
}

impl CodebookView {
    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        let Some(project) = ctx.project() else {
            return Outcome::default();
        };
        let count = rows(project).len();
        let mut cursor = Cursor { at: self.selected };
        if cursor.apply(action, count, 10) {
            self.selected = cursor.at;
            return Outcome::default();
        }
        let selected = selected_code(self, project);
        match action {
            Action::Open => {
                if let Some(code) = selected {
                    return Outcome {
                        go: Some(Screen::Retrieval),
                        retrieve: Some(code),
                        ..Outcome::default()
                    };
                }
            }
            Action::CoderFilter => {
                let coders = ctx
                    .session
                    .as_deref()
                    .map_or_else(Vec::new, |s| s.interviews.kept_index().coders_in_use());
                self.coder = next_of(&coders, self.coder.as_ref());
            }
            Action::Undo => return ctx.undo(false),
            Action::Redo => return ctx.undo(true),
            Action::CoderName => {
                return Outcome::overlay(coder_form(ctx.settings, ctx.lang, None));
            }
            Action::MakeDefault => return Outcome::effects(vec![Effect::SaveDefaultCodebook]),
            Action::New
            | Action::NewChild
            | Action::Edit
            | Action::Move
            | Action::Merge
            | Action::Delete => {
                if let Some(refusal) = ctx.refuse_if_read_only() {
                    return refusal;
                }
                let overlay = match (action, selected) {
                    (Action::New, selected) => {
                        let parent =
                            selected.and_then(|id| project.codebook.code(&id)?.parent.clone());
                        code_form(ctx, None, parent)
                    }
                    (Action::NewChild, selected) => code_form(ctx, None, selected),
                    (Action::Edit, Some(id)) => code_form(ctx, Some(id), None),
                    (Action::Move, Some(id)) => {
                        Some(Overlay::CodePicker(CodePicker::new(PickFor::Parent {
                            code: id,
                        })))
                    }
                    (Action::Merge, Some(id)) => {
                        Some(Overlay::CodePicker(CodePicker::new(PickFor::MergeInto {
                            code: id,
                        })))
                    }
                    (Action::Delete, Some(id)) => confirm_delete(ctx, &id),
                    _ => None,
                };
                return overlay.map_or_else(Outcome::default, Outcome::overlay);
            }
            _ => {}
        }
        Outcome::default()
    }
}

/// The next item after `current` in `list`, wrapping through `None` (all).
pub fn next_of(list: &[String], current: Option<&String>) -> Option<String> {
    match current.and_then(|c| list.iter().position(|x| x == c)) {
        None => list.first().cloned(),
        Some(i) => list.get(i + 1).cloned(),
    }
}

/// The coder-name form; with `then`, it is the first coding's question and the coding goes
/// on once the name is saved.
pub fn coder_form(settings: &Settings, lang: Lang, then: Option<PickFor>) -> Overlay {
    let t = |key| say(lang, key);
    let name = if settings.coder.trim().is_empty() {
        crate::store::settings::login_name().unwrap_or_default()
    } else {
        settings.coder.clone()
    };
    let title = if then.is_some() {
        t(S::WhoCodingNameStoredEvery)
    } else {
        t(S::YourCoderName)
    };
    let form = Form::new(
        title,
        vec![Field::text(t(S::Coder), name).with_hint(t(S::StoredEveryCoding))],
    );
    Overlay::Form {
        purpose: FormPurpose::CoderName { then },
        form,
    }
}

pub fn submit_coder(ctx: &mut Ctx, then: Option<PickFor>, form: &Form) -> Result<Outcome, String> {
    let name = form.value(0).trim().to_string();
    if name.is_empty() {
        return Err(ctx.t(S::GiveName).into());
    }
    ctx.settings.coder = name;
    let mut outcome = Outcome::effects(vec![Effect::SaveSettings]);
    outcome.overlay = then.map(|then| Overlay::CodePicker(CodePicker::new(then)));
    Ok(outcome)
}

/// The code form for a new code named `label`, opened from the code picker: when saved, the
/// code is applied where the picker was opened.
pub fn new_code_for(ctx: &Ctx, label: &str, then: PickFor) -> Option<Overlay> {
    let Some(Overlay::Form { mut form, .. }) = code_form(ctx, None, None) else {
        return None;
    };
    if let Some(field) = form.fields.first_mut() {
        field.value = label.to_string();
        field.cursor = field.value.len();
    }
    form.title = ctx.t(S::NewCodeCode).to_string();
    Some(Overlay::Form {
        purpose: FormPurpose::CodeThenApply(then),
        form,
    })
}

/// Saves the new code of `open_new_code_for`; returns its id for the router to apply.
pub fn save_new_code(
    cb: &mut CodebookView,
    ctx: &mut Ctx,
    form: &Form,
) -> Result<(String, Vec<Effect>), String> {
    save_code(cb, ctx, None, None, form)
}

fn code_form(ctx: &Ctx, id: Option<String>, parent: Option<String>) -> Option<Overlay> {
    let session = ctx.session.as_deref()?;
    let book = &session.project.codebook;
    let existing = id.as_deref().and_then(|id| book.code(id));
    let colour = existing
        .map(|c| c.colour.clone())
        .unwrap_or_else(|| PALETTE[book.codes.len() % PALETTE.len()].to_string());
    let get = |f: fn(&Code) -> String| existing.map(f).unwrap_or_default();
    let parent_label = parent
        .as_deref()
        .and_then(|p| book.code(p))
        .map(|p| p.label.get(ctx.lang).to_string());
    let title = match (existing, parent_label) {
        (Some(_), _) => ctx.t(S::EditCode).to_string(),
        (None, Some(p)) => format!("{} {p}", ctx.t(S::NewCodeUnder)),
        (None, None) => ctx.t(S::NewCode).to_string(),
    };
    let form = Form::new(
        title,
        vec![
            Field::text(ctx.t(S::LabelSwedish), get(|c| c.label.sv.clone())),
            Field::text(ctx.t(S::LabelEnglish), get(|c| c.label.en.clone())),
            Field::text(ctx.t(S::DefinitionSv), get(|c| c.definition.sv.clone())),
            Field::text(ctx.t(S::DefinitionEn), get(|c| c.definition.en.clone())),
            Field::text(ctx.t(S::UseWhen), get(|c| c.include.clone())),
            Field::text(ctx.t(S::DoNotUseWhen), get(|c| c.exclude.clone())),
            Field::text(ctx.t(S::Example), get(|c| c.example.clone())),
            Field::text(ctx.t(S::Colour), colour).with_hint("#rrggbb"),
        ],
    );
    Some(Overlay::Form {
        purpose: FormPurpose::Code { id, parent },
        form,
    })
}

pub fn submit_code(
    cb: &mut CodebookView,
    ctx: &mut Ctx,
    id: Option<String>,
    parent: Option<String>,
    form: &Form,
) -> Result<Outcome, String> {
    save_code(cb, ctx, id, parent, form).map(|(_, effects)| Outcome::effects(effects))
}

/// Saves a code from its form; returns its id.
fn save_code(
    cb: &mut CodebookView,
    ctx: &mut Ctx,
    id: Option<String>,
    parent: Option<String>,
    form: &Form,
) -> Result<(String, Vec<Effect>), String> {
    let sv = form.value(0).trim().to_string();
    if sv.is_empty() {
        return Err(ctx.t(S::GiveSwedishLabel).into());
    }
    let colour = form.value(7).trim().to_lowercase();
    if parse_colour(&colour).is_none() {
        return Err(ctx.t(S::WriteColourRrggbbEG).into());
    }
    let label = ctx.t(S::EditedCode);
    let Some(session) = ctx.session.as_deref_mut() else {
        return Ok((String::new(), Vec::new()));
    };
    let step = Step::capture(&session.project, label, true, std::iter::empty());
    let book = &mut session.project.codebook;
    let fill = |code: &mut Code| {
        code.label = Localized::new(sv.clone(), form.value(1).trim());
        code.definition = Localized::new(form.value(2).trim(), form.value(3).trim());
        code.include = form.value(4).trim().to_string();
        code.exclude = form.value(5).trim().to_string();
        code.example = form.value(6).trim().to_string();
        code.colour = colour.clone();
    };
    let saved = match id
        .as_deref()
        .and_then(|id| book.codes.iter_mut().find(|c| c.id == id))
    {
        Some(code) => {
            fill(code);
            code.id.clone()
        }
        None => {
            let taken: Vec<String> = book.codes.iter().map(|c| c.id.clone()).collect();
            let new_id = {
                let base = setup::slug(&sv);
                if taken.contains(&base) {
                    (2..)
                        .map(|n| format!("{base}_{n}"))
                        .find(|c| !taken.contains(c))
                        .expect("unbounded")
                } else {
                    base
                }
            };
            let mut code = Code {
                id: new_id.clone(),
                parent,
                label: Localized::default(),
                definition: Localized::default(),
                include: String::new(),
                exclude: String::new(),
                example: String::new(),
                colour: String::new(),
            };
            fill(&mut code);
            book.codes.push(code);
            let position = session
                .project
                .codebook
                .tree()
                .iter()
                .position(|(_, c)| c.id == new_id);
            cb.selected = position.unwrap_or(0);
            new_id
        }
    };
    record(ctx, step);
    Ok((saved, vec![Effect::SaveCodebook]))
}

fn record(ctx: &mut Ctx, step: Step) {
    ctx.history.record(step);
    if let Some(session) = ctx.session.as_deref_mut() {
        session.revision += 1;
    }
}

pub fn move_code(
    cb: &mut CodebookView,
    ctx: &mut Ctx,
    code: &str,
    parent: Option<String>,
) -> Outcome {
    let label = ctx.t(S::MovedCode);
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    if !coding_ops::can_move(&session.project.codebook, code, parent.as_deref()) {
        return Outcome::default();
    }
    let step = Step::capture(&session.project, label, true, std::iter::empty());
    if let Some(c) = session
        .project
        .codebook
        .codes
        .iter_mut()
        .find(|c| c.id == code)
    {
        c.parent = parent;
    }
    let position = session
        .project
        .codebook
        .tree()
        .iter()
        .position(|(_, c)| c.id == code);
    cb.selected = position.unwrap_or(0);
    record(ctx, step);
    Outcome::effects(vec![Effect::SaveCodebook])
}

fn label_of(ctx: &Ctx, id: &str) -> String {
    ctx.project()
        .and_then(|p| p.codebook.code(id))
        .map(|c| c.label.get(ctx.lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

pub fn confirm_merge(ctx: &mut Ctx, from: &str, into: &str) -> Option<Overlay> {
    let session = ctx.session.as_deref_mut()?;
    session.index();
    let count =
        crate::report::coding_count(&session.project, session.interviews.kept_index(), from);
    let (a, b) = (label_of(ctx, from), label_of(ctx, into));
    let question = ctx.fill(
        S::MergeCodesQuestion,
        &[
            ("from", &a),
            ("into", &b),
            ("codings", &ctx.count(count, S::CodingOne, S::CodingMany)),
        ],
    );
    Some(Overlay::confirm(
        Confirm::MergeCodes(from.to_string(), into.to_string()),
        question,
    ))
}

fn confirm_delete(ctx: &mut Ctx, id: &str) -> Option<Overlay> {
    let session = ctx.session.as_deref_mut()?;
    session.index();
    let count = crate::report::coding_count(&session.project, session.interviews.kept_index(), id);
    let children = session
        .project
        .codebook
        .codes
        .iter()
        .filter(|c| c.parent.as_deref() == Some(id))
        .count();
    let name = label_of(ctx, id);
    let mut question = ctx.fill(
        S::DeleteCodeQuestion,
        &[
            ("name", &name),
            ("codings", &ctx.count(count, S::CodingOne, S::CodingMany)),
        ],
    );
    if children > 0 {
        question.push_str(&ctx.fill(S::SubcodesMoveUp, &[("n", &children)]));
    }
    Some(Overlay::confirm(
        Confirm::DeleteCode(id.to_string()),
        question,
    ))
}

/// Runs a codebook action that may change codings everywhere, with an undo step covering
/// every answer it can touch.
fn change_everywhere(
    cb: &mut CodebookView,
    ctx: &mut Ctx,
    codes: &[&str],
    label: &str,
    action: impl FnOnce(&mut Project) -> Vec<String>,
) -> Vec<Effect> {
    let mut effects = ctx.fold_all();
    let Some(session) = ctx.session.as_deref_mut() else {
        return effects;
    };
    // Every interview is read for the change (one that renames a code everywhere), and
    // only those it changed are held afterwards, until saved.
    let mut step = None;
    let changed = session.change_whole(|project| {
        let targets = Step::answers_with(project, codes);
        step = Some(Step::capture(project, label, true, targets));
        let changed = action(project);
        let touched: std::collections::HashSet<&str> = changed.iter().map(String::as_str).collect();
        for interview in &mut project.interviews {
            if touched.contains(interview.id.as_str()) {
                crate::tui::session::touch(interview);
            }
        }
        changed
    });
    let step = step.expect("the change ran");
    effects.push(Effect::SaveChange {
        interviews: changed,
        codebook: true,
        project: false,
    });
    let len = rows(&session.project).len();
    cb.selected = cb.selected.min(len.saturating_sub(1));
    record(ctx, step);
    effects
}

pub fn merge(cb: &mut CodebookView, ctx: &mut Ctx, from: &str, into: &str) -> Outcome {
    let label = ctx.fill(
        S::MergedCodes,
        &[
            ("from", &label_of(ctx, from)),
            ("into", &label_of(ctx, into)),
        ],
    );
    let (from_id, into_id) = (from.to_string(), into.to_string());
    let effects = change_everywhere(cb, ctx, &[from], &label, |p| {
        coding_ops::merge(p, &from_id, &into_id)
    });
    Outcome::effects(effects).with_info(label)
}

pub fn delete(cb: &mut CodebookView, ctx: &mut Ctx, id: &str) -> Outcome {
    let label = ctx.fill(S::DeletedCode, &[("label", &label_of(ctx, id))]);
    let code = id.to_string();
    let effects = change_everywhere(cb, ctx, &[id], &label, |p| coding_ops::delete(p, &code));
    Outcome::effects(effects).with_info(label)
}

impl CodebookView {
    /// Counts the codes' use again when the project or the coder filter changed (in the
    /// update, once per change; drawing only reads the counts).
    pub fn refresh(&mut self, session: &mut Session) {
        let key = (session.revision, self.coder.clone());
        if self
            .usage
            .as_ref()
            .is_none_or(|(r, c, _)| (*r, c.clone()) != key)
        {
            session.index();
            let index = session.interviews.kept_index();
            let usage = crate::report::usage(&session.project, index, self.coder.as_deref());
            self.usage = Some((key.0, key.1, usage));
        }
    }
}

pub fn draw(view: &CodebookView, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let Some((_, _, usage)) = &view.usage else {
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let coder_filter = view
        .coder
        .clone()
        .unwrap_or_else(|| app.t(S::All).to_string());
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("{} {}", project.codebook.codes.len(), app.t(S::CodesCount)),
                theme::title(),
            ),
            Span::styled(
                format!("  ·  {} {}", app.t(S::CountingCoder), coder_filter),
                theme::dim(),
            ),
            Span::styled(
                if app.settings.coder.is_empty() {
                    app.t(S::NoCoderNameYetK).to_string()
                } else {
                    format!("  ·  {} {}", app.t(S::YouCode), app.settings.coder)
                },
                theme::dim(),
            ),
        ])),
        head,
    );
    let wide = area.width >= 100;
    let [table_area, detail_area] = Layout::horizontal([
        Constraint::Min(40),
        Constraint::Length(if wide { 40 } else { 0 }),
    ])
    .areas(body);
    let tree = rows(project);
    let height = table_area.height.saturating_sub(1) as usize;
    let offset = (view.selected + 1).saturating_sub(height.max(1));
    let header = Row::new([
        Cell::from(app.t(S::CodeColumn)),
        Cell::from(app.t(S::PassagesColumn)),
        Cell::from(app.t(S::AnswersColumn)),
        Cell::from(app.t(S::RespondentsColumn)),
    ])
    .style(theme::title());
    let table_rows: Vec<Row> = tree
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (depth, code))| {
            let u = usage.get(&code.id).copied().unwrap_or_default();
            let selected = i == view.selected;
            let name = Line::from(vec![
                Span::raw(if selected { "▶ " } else { "  " }),
                Span::raw("  ".repeat(*depth)),
                Span::styled("■ ", theme::code(&code.colour)),
                Span::raw(code.label.get(app.lang).to_string()),
            ]);
            let row = Row::new([
                Cell::from(name),
                Cell::from(u.passages.to_string()),
                Cell::from(u.answers.to_string()),
                Cell::from(u.respondents.to_string()),
            ]);
            if selected {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    frame.render_widget(
        Table::new(
            table_rows,
            [
                Constraint::Fill(1),
                Constraint::Length(9),
                Constraint::Length(7),
                Constraint::Length(12),
            ],
        )
        .header(header),
        table_area,
    );
    if wide && let Some((_, code)) = tree.get(view.selected) {
        frame.render_widget(
            Paragraph::new(definition_lines(app.lang, code))
                .wrap(Wrap { trim: true })
                .block(
                    Block::new()
                        .borders(Borders::LEFT)
                        .title(app.t(S::EnterEveryPassageTitle)),
                ),
            detail_area,
        );
    }
}
