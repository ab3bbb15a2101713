//! Respondents: the list, the form to add or edit one, and the picker for a new interview.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::model::{Person, Project, Respondent};
use crate::tui::app::{App, Effect, FormPurpose, Overlay, Screen, refuse_if_read_only};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::screens::interviews;
use crate::tui::theme;

#[derive(Debug, Clone, Default)]
pub struct RespondentList {
    pub selected: usize,
}

/// Choosing who a new interview is with: type to filter; the first line creates a new one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub filter: String,
    /// 0 is "new respondent", then the matches.
    pub selected: usize,
}

impl Picker {
    pub fn matches<'a>(&self, project: &'a Project) -> Vec<&'a Respondent> {
        let needle = self.filter.to_lowercase();
        project
            .respondents
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || r.name.to_lowercase().contains(&needle)
                    || r.attributes
                        .values()
                        .any(|v| v.to_lowercase().contains(&needle))
            })
            .collect()
    }
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let count = app
        .session
        .as_ref()
        .map(|s| s.project.respondents.len())
        .unwrap_or(0);
    match action {
        Action::Up => app.respondents.selected = app.respondents.selected.saturating_sub(1),
        Action::Down => {
            app.respondents.selected = (app.respondents.selected + 1).min(count.saturating_sub(1))
        }
        Action::Top => app.respondents.selected = 0,
        Action::Bottom => app.respondents.selected = count.saturating_sub(1),
        Action::New => {
            if let Some(refusal) = refuse_if_read_only(app) {
                return refusal;
            }
            open_form(app, None, false);
        }
        Action::Edit if count > 0 => {
            if let Some(refusal) = refuse_if_read_only(app) {
                return refusal;
            }
            open_form(app, Some(app.respondents.selected), false);
        }
        Action::Back => app.screen = Screen::Tabs,
        _ => {}
    }
    Vec::new()
}

pub fn on_picker_key(app: &mut App, mut picker: Picker, key: KeyEvent) -> Vec<Effect> {
    let Some(session) = &app.session else {
        return Vec::new();
    };
    let matches: Vec<String> = picker
        .matches(&session.project)
        .iter()
        .map(|r| r.id.clone())
        .collect();
    match key.code {
        KeyCode::Esc => return Vec::new(),
        KeyCode::Enter => {
            match picker.selected.checked_sub(1).and_then(|i| matches.get(i)) {
                Some(id) => interviews::open_new_form(app, id),
                None => open_form(app, None, true),
            }
            return Vec::new();
        }
        KeyCode::Up => picker.selected = picker.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Tab => picker.selected = (picker.selected + 1).min(matches.len()),
        KeyCode::Backspace => {
            picker.filter.pop();
            picker.selected = usize::from(!picker.filter.is_empty());
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            picker.filter.push(c);
            // Typing selects the first match, so Enter takes it.
            picker.selected = 1;
        }
        _ => {}
    }
    let count = picker
        .matches(&app.session.as_ref().expect("checked").project)
        .len();
    picker.selected = picker.selected.min(count);
    app.overlay = Some(Overlay::Picker(picker));
    Vec::new()
}

const PERSON_FIELDS: usize = 4;

/// Opens the respondent form: name, each attribute, and a contact person.
pub fn open_form(app: &mut App, index: Option<usize>, then_interview: bool) {
    let Some(session) = &app.session else { return };
    let project = &session.project;
    let existing = index.and_then(|i| project.respondents.get(i));
    let mut fields = vec![Field::text(
        app.t("Organisation", "Organisation"),
        existing.map(|r| r.name.clone()).unwrap_or_default(),
    )];
    for attribute in &project.attributes {
        let value = existing
            .map(|r| r.attribute(&attribute.id).to_string())
            .unwrap_or_default();
        fields.push(
            Field::text(attribute.label.get(app.lang).to_string(), value)
                .with_hint(attribute.values.join(", ")),
        );
    }
    let person = existing
        .and_then(|r| r.people.first())
        .cloned()
        .unwrap_or_default();
    fields.push(
        Field::text(app.t("Kontaktperson", "Contact person"), person.name)
            .with_hint(app.t("personuppgift", "personal data")),
    );
    fields.push(Field::text(app.t("Roll", "Role"), person.role));
    fields.push(Field::text(app.t("E-post", "E-mail"), person.email));
    fields.push(Field::text(app.t("Telefon", "Phone"), person.phone));
    let title = if existing.is_some() {
        app.t("Redigera respondent", "Edit respondent")
    } else {
        app.t("Ny respondent", "New respondent")
    };
    app.overlay = Some(Overlay::Form {
        purpose: FormPurpose::Respondent {
            index,
            then_interview,
        },
        form: Form::new(title, fields),
    });
}

pub fn submit(
    app: &mut App,
    index: Option<usize>,
    then_interview: bool,
    form: &Form,
) -> Result<Vec<Effect>, String> {
    let name = form.value(0).trim().to_string();
    if name.is_empty() {
        return Err(app
            .t(
                "Ange organisationens namn.",
                "Give the organisation's name.",
            )
            .into());
    }
    let Some(session) = app.session.as_mut() else {
        return Ok(Vec::new());
    };
    let project = &mut session.project;
    let person_at = 1 + project.attributes.len();
    let value = |i: usize| form.value(i).trim().to_string();
    // Values as the project spells them, so a different case or missing accent does not
    // become a group of its own.
    let attributes = project
        .attributes
        .iter()
        .enumerate()
        .map(|(n, a)| {
            (
                a.id.clone(),
                a.spelling(&project.respondents, &value(1 + n)),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let person = Person {
        name: value(person_at),
        role: value(person_at + 1),
        email: value(person_at + 2),
        phone: value(person_at + 3),
        gender: None,
    };
    debug_assert_eq!(form.fields.len(), person_at + PERSON_FIELDS);
    let id = match index.and_then(|i| project.respondents.get_mut(i)) {
        Some(respondent) => {
            respondent.name = name;
            respondent.attributes = attributes;
            let gender = respondent.people.first().and_then(|p| p.gender);
            match (respondent.people.first_mut(), person.name.is_empty()) {
                (Some(first), false) => *first = Person { gender, ..person },
                (Some(_), true) => {
                    respondent.people.remove(0);
                }
                (None, false) => respondent.people.push(person),
                (None, true) => {}
            }
            respondent.id.clone()
        }
        None => {
            let id = Project::next_id("r", project.respondents.iter().map(|r| r.id.as_str()));
            project.respondents.push(Respondent {
                id: id.clone(),
                name,
                attributes,
                people: if person.name.is_empty() {
                    Vec::new()
                } else {
                    vec![person]
                },
            });
            app.respondents.selected = project.respondents.len() - 1;
            id
        }
    };
    session.revision += 1;
    if then_interview {
        interviews::open_new_form(app, &id);
    }
    Ok(vec![Effect::SaveProject])
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(session) = &app.session else { return };
    let project = &session.project;
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let title = if app.sv() {
        format!("Respondenter ({})", project.respondents.len())
    } else {
        format!("Respondents ({})", project.respondents.len())
    };
    frame.render_widget(Paragraph::new(Span::styled(title, theme::title())), head);
    let height = list.height as usize;
    let offset = (app.respondents.selected + 1).saturating_sub(height.max(1));
    let lines: Vec<Line> = project
        .respondents
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, r)| {
            let interviews = project
                .interviews
                .iter()
                .filter(|iv| iv.respondents.contains(&r.id))
                .count();
            let attributes: Vec<&str> = r.attributes.values().map(String::as_str).collect();
            let marker = if i == app.respondents.selected {
                "▶ "
            } else {
                "  "
            };
            let line = Line::from(vec![
                Span::raw(format!("{marker}{}  ", r.name)),
                Span::styled(attributes.join(" · "), theme::dim()),
                Span::styled(
                    if app.sv() {
                        format!("  {interviews} intervju(er)")
                    } else {
                        format!("  {interviews} interview(s)")
                    },
                    theme::dim(),
                ),
            ]);
            if i == app.respondents.selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t(
                "Inga respondenter ännu. Tryck n för att lägga till.",
                "No respondents yet. Press n to add one.",
            ))
            .style(theme::dim()),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}

pub fn draw_picker(app: &App, picker: &Picker, frame: &mut Frame, area: Rect) {
    let Some(session) = &app.session else { return };
    let matches = picker.matches(&session.project);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(app.t(
            " Ny intervju: vem intervjuas? ",
            " New interview: who is interviewed? ",
        ))
        .title_bottom(app.t(
            " skriv för att filtrera · ↑↓ · Enter välj · Esc avbryt ",
            " type to filter · ↑↓ · Enter choose · Esc cancel ",
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(app.t("Filter: ", "Filter: "), theme::dim()),
            Span::raw(picker.filter.clone()),
            Span::raw("▏"),
        ]),
        Line::from(""),
    ];
    let height = inner.height.saturating_sub(2) as usize;
    let offset = (picker.selected + 1).saturating_sub(height.max(1));
    let new_line = std::iter::once(app.t("+ Ny respondent…", "+ New respondent…").to_string());
    let names = matches.iter().map(|r| {
        let attributes: Vec<&str> = r.attributes.values().map(String::as_str).collect();
        format!("{}  ({})", r.name, attributes.join(", "))
    });
    for (i, text) in new_line.chain(names).enumerate().skip(offset).take(height) {
        let selected = i == picker.selected;
        let line = Line::from(format!("{}{text}", if selected { "▶ " } else { "  " }));
        lines.push(if selected {
            line.style(theme::selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
