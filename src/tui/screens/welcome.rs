//! The welcome screen when no project is open: recent projects, the demo, a new project.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::store::settings::Settings;
use crate::tui::cursor::Cursor;
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::state::{Ctx, Effect, FormPurpose, Outcome, Overlay, View};
use crate::tui::strings::S;
use crate::tui::theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Recent(PathBuf),
    /// Any folder, typed.
    Folder,
    Demo,
    New,
}

#[derive(Debug, Clone, Default)]
pub struct Welcome {
    pub items: Vec<Item>,
    pub cursor: Cursor,
}

impl Welcome {
    pub fn new(settings: &Settings) -> Welcome {
        let mut items: Vec<Item> = settings
            .recent_projects()
            .into_iter()
            .map(Item::Recent)
            .collect();
        items.extend([Item::Demo, Item::Folder, Item::New]);
        Welcome {
            items,
            cursor: Cursor::default(),
        }
    }

    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        if self.cursor.apply(action, self.items.len(), 10) {
            return Outcome::default();
        }
        match action {
            Action::Demo => Outcome::effects(vec![Effect::OpenDemo]),
            Action::New => Outcome::overlay(new_project_form(ctx)),
            Action::Open => match self.items.get(self.cursor.at).cloned() {
                Some(Item::Recent(path)) => Outcome::effects(vec![Effect::OpenProject(path)]),
                Some(Item::Folder) => Outcome::overlay(folder_form(ctx)),
                Some(Item::Demo) => Outcome::effects(vec![Effect::OpenDemo]),
                Some(Item::New) => Outcome::overlay(new_project_form(ctx)),
                None => Outcome::default(),
            },
            _ => Outcome::default(),
        }
    }
}

fn new_project_form(ctx: &Ctx) -> Overlay {
    let form = Form::new(
        ctx.t(S::NewProject),
        vec![
            Field::text(ctx.t(S::Folder), "").with_hint(ctx.t(S::EGBehovRegion2026)),
            Field::text(ctx.t(S::ProjectTitle), ""),
        ],
    );
    Overlay::Form {
        purpose: FormPurpose::NewProject,
        form,
    }
}

fn folder_form(ctx: &Ctx) -> Overlay {
    let form = Form::new(
        ctx.t(S::OpenProject),
        vec![Field::text(ctx.t(S::Folder), "").with_hint(ctx.t(S::FolderProjectJson))],
    );
    Overlay::Form {
        purpose: FormPurpose::OpenFolder,
        form,
    }
}

/// A folder as typed: `~/` is the home folder.
fn folder(typed: &str) -> PathBuf {
    match typed.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(rest),
        None => PathBuf::from(typed),
    }
}

pub fn submit_folder(ctx: &Ctx, form: &Form) -> Result<Outcome, String> {
    let typed = form.value(0).trim();
    let dir = folder(typed);
    if typed.is_empty() || !dir.join(crate::store::PROJECT_FILE).is_file() {
        return Err(ctx.fill(S::NoProjectIn, &[("folder", &typed)]));
    }
    Ok(Outcome::effects(vec![Effect::OpenProject(dir)]))
}

pub fn submit_new_project(ctx: &Ctx, form: &Form) -> Result<Outcome, String> {
    let typed = form.value(0).trim();
    let title = form.value(1).trim();
    if typed.is_empty() {
        return Err(ctx.t(S::GiveFolderProject).into());
    }
    if title.is_empty() {
        return Err(ctx.t(S::GiveTitle).into());
    }
    Ok(Outcome::effects(vec![Effect::CreateProject {
        dir: folder(typed),
        title: title.to_string(),
    }]))
}

pub fn draw(welcome: &Welcome, view: &View, frame: &mut Frame, area: Rect) {
    let [head, list] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled("behov", theme::title())),
            Line::from(view.t(S::NeedsAnalysesTerminalInterviewCode)),
            Line::from(""),
            Line::from(Span::styled(view.t(S::ChooseEnter), theme::dim())),
        ]),
        head,
    );
    let height = list.height as usize;
    let offset = welcome.cursor.offset(height);
    let lines: Vec<Line> = welcome
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            let text = match item {
                Item::Recent(path) => format!("{}  {}", view.t(S::Open), path.display()),
                Item::Folder => view.t(S::OpenAnotherFolder).to_string(),
                Item::Demo => view.t(S::OpenDemoProject24Interviews).to_string(),
                Item::New => view.t(S::CreateNewProject).to_string(),
            };
            let selected = i == welcome.cursor.at;
            let line = Line::from(format!("{}{text}", if selected { "▶ " } else { "  " }));
            if selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
