//! The welcome screen when no project is open: recent projects, the demo, a new project.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::store::settings::Settings;
use crate::tui::app::{App, Effect, FormPurpose, Overlay};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Recent(PathBuf),
    Demo,
    New,
}

#[derive(Debug, Clone, Default)]
pub struct Welcome {
    pub items: Vec<Item>,
    pub selected: usize,
}

impl Welcome {
    pub fn new(settings: &Settings) -> Welcome {
        let mut items: Vec<Item> = settings
            .recent_projects()
            .into_iter()
            .map(Item::Recent)
            .collect();
        items.push(Item::Demo);
        items.push(Item::New);
        Welcome { items, selected: 0 }
    }
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let count = app.welcome.items.len();
    match action {
        Action::Up => app.welcome.selected = app.welcome.selected.saturating_sub(1),
        Action::Down => app.welcome.selected = (app.welcome.selected + 1).min(count - 1),
        Action::Demo => return vec![Effect::OpenDemo],
        Action::New => open_new_project_form(app),
        Action::Open => match app.welcome.items.get(app.welcome.selected).cloned() {
            Some(Item::Recent(path)) => return vec![Effect::OpenProject(path)],
            Some(Item::Demo) => return vec![Effect::OpenDemo],
            Some(Item::New) => open_new_project_form(app),
            None => {}
        },
        _ => {}
    }
    Vec::new()
}

fn open_new_project_form(app: &mut App) {
    let form = Form::new(
        app.t("Nytt projekt", "New project"),
        vec![
            Field::text(app.t("Mapp", "Folder"), "")
                .with_hint(app.t("t.ex. ~/behov/vastmanland-2026", "e.g. ~/behov/region-2026")),
            Field::text(app.t("Titel", "Title"), ""),
        ],
    );
    app.overlay = Some(Overlay::Form {
        purpose: FormPurpose::NewProject,
        form,
    });
}

pub fn submit_new_project(app: &mut App, form: &Form) -> Result<Vec<Effect>, String> {
    let folder = form.value(0).trim();
    let title = form.value(1).trim();
    if folder.is_empty() {
        return Err(app
            .t(
                "Ange en mapp för projektet.",
                "Give a folder for the project.",
            )
            .into());
    }
    if title.is_empty() {
        return Err(app.t("Ange en titel.", "Give a title.").into());
    }
    let dir = match folder.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(rest),
        None => PathBuf::from(folder),
    };
    Ok(vec![Effect::CreateProject {
        dir,
        title: title.to_string(),
    }])
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let [head, list] = Layout::vertical([Constraint::Length(4), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled("behov", theme::title())),
            Line::from(app.t(
                "Behovsanalyser i terminalen: intervjua, koda, sök och sammanställ.",
                "Needs analyses in the terminal: interview, code, search and summarise.",
            )),
            Line::from(""),
            Line::from(Span::styled(
                app.t("Välj med ↑↓ och Enter:", "Choose with ↑↓ and Enter:"),
                theme::dim(),
            )),
        ]),
        head,
    );
    let lines: Vec<Line> = app
        .welcome
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let text = match item {
                Item::Recent(path) => format!("{}  {}", app.t("Öppna", "Open"), path.display()),
                Item::Demo => app
                    .t(
                        "Öppna demoprojektet (24 intervjuer)",
                        "Open the demo project (24 interviews)",
                    )
                    .to_string(),
                Item::New => app
                    .t("Skapa ett nytt projekt…", "Create a new project…")
                    .to_string(),
            };
            let marker = if i == app.welcome.selected {
                "▶ "
            } else {
                "  "
            };
            let line = Line::from(format!("{marker}{text}"));
            if i == app.welcome.selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
