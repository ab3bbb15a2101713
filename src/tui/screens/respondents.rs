//! Respondents: the list, the form to add or edit one, and the picker for a new interview.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::model::{Gender, Lang, Person, Project, Respondent};
use crate::privacy::erase::{self, Target};
use crate::tui::cursor::Cursor;
use crate::tui::editor::{EditOp, edit_line};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::{Action, Context, hint_text};
use crate::tui::screens::interviews;
use crate::tui::state::{Confirm, Ctx, Effect, FormPurpose, Outcome, Overlay, Screen, View};
use crate::tui::strings::{S, say};
use crate::tui::theme;

#[derive(Debug, Clone, Default)]
pub struct RespondentList {
    pub cursor: Cursor,
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
        let needle = crate::tui::fuzzy::fold(&self.filter);
        let fold = crate::tui::fuzzy::fold;
        project
            .respondents
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || fold(&r.name).contains(&needle)
                    || r.attributes.values().any(|v| fold(v).contains(&needle))
            })
            .collect()
    }
}

impl RespondentList {
    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        let count = ctx.project().map_or(0, |p| p.respondents.len());
        if self.cursor.apply(action, count, 10) {
            return Outcome::default();
        }
        let editing = matches!(
            action,
            Action::New | Action::Edit | Action::Delete | Action::Erase
        );
        if editing && let Some(refusal) = ctx.refuse_if_read_only() {
            return refusal;
        }
        match action {
            Action::New => form(ctx, None, false).map_or_else(Outcome::default, Outcome::overlay),
            Action::Edit if count > 0 => form(ctx, Some(self.cursor.at), false)
                .map_or_else(Outcome::default, Outcome::overlay),
            Action::Delete if count > 0 => self.confirm_delete(ctx),
            Action::Erase if count > 0 => self.confirm_erase(ctx),
            Action::Back => Outcome::go(Screen::Tabs),
            _ => Outcome::default(),
        }
    }
}

/// An action in the picker of a new interview's respondent.
pub fn on_picker_action(mut picker: Picker, ctx: &mut Ctx, action: Action) -> Outcome {
    let Some(project) = ctx.project() else {
        return Outcome::default();
    };
    let matches: Vec<String> = picker
        .matches(project)
        .iter()
        .map(|r| r.id.clone())
        .collect();
    match action {
        Action::Back => return Outcome::default(),
        Action::Open => {
            return match picker.selected.checked_sub(1).and_then(|i| matches.get(i)) {
                Some(id) => Outcome::overlay(interviews::new_interview_form(
                    ctx.lang,
                    project,
                    &ctx.settings.interviewer,
                    id,
                )),
                None => form(ctx, None, true).map_or_else(Outcome::default, Outcome::overlay),
            };
        }
        Action::Up => picker.selected = picker.selected.saturating_sub(1),
        Action::Down => picker.selected = (picker.selected + 1).min(matches.len()),
        Action::PageUp => picker.selected = picker.selected.saturating_sub(10),
        Action::PageDown => picker.selected = (picker.selected + 10).min(matches.len()),
        _ => {}
    }
    Outcome::overlay(Overlay::Picker(picker))
}

/// Typing in the picker filters it; typing selects the first match, so Enter takes it.
pub fn on_picker_text(mut picker: Picker, ctx: &mut Ctx, op: &EditOp) -> Outcome {
    if edit_line(&mut picker.filter, op) {
        picker.selected = usize::from(!picker.filter.is_empty());
    }
    let count = ctx.project().map_or(0, |p| picker.matches(p).len());
    picker.selected = picker.selected.min(count);
    Outcome::overlay(Overlay::Picker(picker))
}

/// Name, role, gender, e-mail and phone of one contact person.
const PERSON_FIELDS: usize = 5;

const GENDERS: [Option<Gender>; 4] = [
    None,
    Some(Gender::Woman),
    Some(Gender::Man),
    Some(Gender::Other),
];

fn gender_names(lang: Lang) -> Vec<String> {
    [
        say(lang, S::Dash),
        say(lang, S::Woman),
        say(lang, S::Man),
        say(lang, S::Other),
    ]
    .map(str::to_string)
    .to_vec()
}

/// Opens the respondent form: name, each attribute, and every contact person with an empty
/// one after them to add another. Clearing a person's name removes the person.
pub fn form(ctx: &Ctx, index: Option<usize>, then_interview: bool) -> Option<Overlay> {
    let session = ctx.session.as_deref()?;
    let project = &session.project;
    let existing = index.and_then(|i| project.respondents.get(i));
    let mut fields = vec![Field::text(
        ctx.t(S::Organisation),
        existing.map(|r| r.name.clone()).unwrap_or_default(),
    )];
    for attribute in &project.attributes {
        let value = existing
            .map(|r| r.attribute(&attribute.id).to_string())
            .unwrap_or_default();
        let label = attribute.label.get(ctx.lang).to_string();
        if attribute.values.is_empty() {
            fields.push(Field::text(label, value));
        } else {
            // Allowed values are offered as a choice (the current value kept if it is not
            // among them, so opening the form never changes it).
            let mut options = vec![String::new()];
            options.extend(attribute.values.iter().cloned());
            if !options.contains(&value) {
                options.push(value.clone());
            }
            let chosen = options.iter().position(|o| *o == value).unwrap_or(0);
            fields.push(Field::choice(label, options, chosen).with_hint("←→"));
        }
    }
    let people = existing.map(|r| r.people.clone()).unwrap_or_default();
    for (n, person) in people.into_iter().chain([Person::default()]).enumerate() {
        let label = ctx.fill(S::ContactPersonN, &[("n", &(n + 1))]);
        let hint = if person.name.is_empty() {
            ctx.t(S::NewPersonalData)
        } else {
            ctx.t(S::ClearNameRemove)
        };
        fields.push(Field::text(label, person.name).with_hint(hint));
        fields.push(Field::text(ctx.t(S::Role), person.role));
        let gender = GENDERS
            .iter()
            .position(|g| *g == person.gender)
            .unwrap_or(0);
        fields
            .push(Field::choice(ctx.t(S::Gender), gender_names(ctx.lang), gender).with_hint("←→"));
        fields.push(Field::text(ctx.t(S::EMail), person.email));
        fields.push(Field::text(ctx.t(S::Phone), person.phone));
    }
    let title = if existing.is_some() {
        ctx.t(S::EditRespondent)
    } else {
        ctx.t(S::NewRespondent)
    };
    Some(Overlay::Form {
        purpose: FormPurpose::Respondent {
            index,
            then_interview,
        },
        form: Form::new(title, fields),
    })
}

pub fn submit(
    list: &mut RespondentList,
    ctx: &mut Ctx,
    index: Option<usize>,
    then_interview: bool,
    form: &Form,
) -> Result<Outcome, String> {
    let name = form.value(0).trim().to_string();
    if name.is_empty() {
        return Err(ctx.t(S::GiveOrganisationsName).into());
    }
    let lang = ctx.lang;
    let interviewer = ctx.settings.interviewer.clone();
    let Some(session) = ctx.session.as_deref_mut() else {
        return Ok(Outcome::default());
    };
    let project = &mut session.project;
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
    let first_person = 1 + project.attributes.len();
    let people: Vec<Person> = (first_person..form.fields.len())
        .step_by(PERSON_FIELDS)
        .map(|at| Person {
            name: value(at),
            role: value(at + 1),
            gender: GENDERS[form.fields.get(at + 2).map_or(0, |f| f.chosen()).min(3)],
            email: value(at + 3),
            phone: value(at + 4),
        })
        .filter(|p| !p.name.is_empty())
        .collect();
    let id = match index.and_then(|i| project.respondents.get_mut(i)) {
        Some(respondent) => {
            respondent.name = name;
            respondent.attributes = attributes;
            respondent.people = people;
            respondent.id.clone()
        }
        None => {
            let id = Project::next_id("r", project.respondents.iter().map(|r| r.id.as_str()));
            project.respondents.push(Respondent {
                id: id.clone(),
                name,
                attributes,
                people,
            });
            list.cursor.at = project.respondents.len() - 1;
            id
        }
    };
    session.revision += 1;
    let mut outcome = Outcome::effects(vec![Effect::SaveProject]);
    if then_interview {
        outcome.overlay = Some(interviews::new_interview_form(
            lang,
            &session.project,
            &interviewer,
            &id,
        ));
    }
    Ok(outcome)
}

/// `d`: asks before deleting a respondent, naming its contact people; refuses while
/// interviews are with it, since they would lose who they were with.
impl RespondentList {
    fn confirm_delete(&self, ctx: &Ctx) -> Outcome {
        let Some(session) = ctx.session.as_deref() else {
            return Outcome::default();
        };
        let project = &session.project;
        let Some(respondent) = project.respondents.get(self.cursor.at) else {
            return Outcome::default();
        };
        let interviews = session
            .interviews
            .listed()
            .iter()
            .filter(|i| i.respondents.contains(&respondent.id))
            .count();
        let people = respondent.people.len();
        if interviews > 0 {
            let them = if interviews == 1 { S::ItOne } else { S::ItMany };
            return Outcome::error(ctx.fill(
                S::RespondentHasInterviews,
                &[
                    ("name", &respondent.name),
                    (
                        "interviews",
                        &ctx.count(interviews, S::InterviewOne, S::InterviewMany),
                    ),
                    ("them", &ctx.t(them)),
                ],
            ));
        }
        let question = match people {
            0 => ctx.fill(S::DeleteRespondentQuestion, &[("name", &respondent.name)]),
            n => ctx.fill(
                S::DeleteRespondentWithPeople,
                &[
                    ("name", &respondent.name),
                    (
                        "people",
                        &ctx.count(n, S::ContactPersonOne, S::ContactPersonMany),
                    ),
                ],
            ),
        };
        Outcome::overlay(Overlay::confirm(
            Confirm::DeleteRespondent(respondent.id.clone()),
            question,
        ))
    }
}

/// `E`: erasing a respondent everywhere (a data subject's request), asking with the list of
/// what goes and what changes, worked out as the erasure itself will.
impl RespondentList {
    fn confirm_erase(&self, ctx: &Ctx) -> Outcome {
        let Some(session) = ctx.session.as_deref() else {
            return Outcome::default();
        };
        let project = &session.project;
        let Some(respondent) = project.respondents.get(self.cursor.at) else {
            return Outcome::default();
        };
        let key = match crate::privacy::Key::load(session.store.root()) {
            Ok(key) => key,
            Err(e) => return Outcome::error(e.to_string()),
        };
        let target = Target::Respondent(respondent.id.clone());
        // Every interview is read for it and dropped once the question is asked.
        let plan = match erase::plan(&session.whole(), &key, &target) {
            Ok(plan) => plan,
            Err(reason) => return Outcome::error(reason),
        };
        let r = &plan.receipt;
        let list = |ids: &[String], one: S, many: S| {
            if ids.is_empty() {
                ctx.t(S::EraseNothingToSay).to_string()
            } else {
                format!("{} ({})", ctx.count(ids.len(), one, many), ids.join(", "))
            }
        };
        let question = ctx.fill(
            S::EraseRespondentQuestion,
            &[
                ("name", &respondent.name),
                (
                    "deleted",
                    &list(&r.interviews_deleted, S::InterviewOne, S::InterviewMany),
                ),
                (
                    "changed",
                    &list(&r.interviews_changed, S::InterviewOne, S::InterviewMany),
                ),
                (
                    "people",
                    &ctx.count(
                        respondent.people.len(),
                        S::ContactPersonOne,
                        S::ContactPersonMany,
                    ),
                ),
            ],
        );
        Outcome::overlay(Overlay::confirm(
            Confirm::EraseRespondent(respondent.id.clone()),
            question,
        ))
    }
}

pub fn delete(list: &mut RespondentList, ctx: &mut Ctx, id: &str) -> Outcome {
    let done = ctx.t(S::RespondentWasDeleted);
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    // Checked again: an interview may have been added since the question was asked.
    if session
        .interviews
        .listed()
        .iter()
        .any(|i| i.respondents.iter().any(|r| r == id))
    {
        return Outcome::default();
    }
    session.project.respondents.retain(|r| r.id != id);
    session.revision += 1;
    let count = session.project.respondents.len();
    list.cursor.clamp(count);
    Outcome::effects(vec![Effect::SaveProject]).with_info(done)
}

pub fn draw(respondents: &RespondentList, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let title = app.fill(S::RespondentsHeading, &[("n", &project.respondents.len())]);
    frame.render_widget(Paragraph::new(Span::styled(title, theme::title())), head);
    let height = list.height as usize;
    let offset = respondents.cursor.offset(height);
    let lines: Vec<Line> = project
        .respondents
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, r)| {
            let interviews = session
                .interviews
                .listed()
                .iter()
                .filter(|iv| iv.respondents.contains(&r.id))
                .count();
            let attributes: Vec<&str> = r.attributes.values().map(String::as_str).collect();
            let marker = if i == respondents.cursor.at {
                "▶ "
            } else {
                "  "
            };
            let line = Line::from(vec![
                Span::raw(format!("{marker}{}  ", r.name)),
                Span::styled(attributes.join(" · "), theme::dim()),
                Span::styled(
                    format!(
                        "  {}",
                        app.count(interviews, S::InterviewOne, S::InterviewMany)
                    ),
                    theme::dim(),
                ),
            ]);
            if i == respondents.cursor.at {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t(S::NoRespondentsYetPressN)).style(theme::dim()),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}

pub fn draw_picker(picker: &Picker, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let matches = picker.matches(&session.project);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(app.t(S::NewInterviewWhoInterviewedTitle))
        .title_bottom(hint_text(Context::Picker, app.lang));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(app.t(S::FilterLabel), theme::dim()),
            Span::raw(picker.filter.clone()),
            Span::raw("▏"),
        ]),
        Line::from(""),
    ];
    let height = inner.height.saturating_sub(2) as usize;
    let offset = (picker.selected + 1).saturating_sub(height.max(1));
    let new_line = std::iter::once(app.t(S::PickerNewRespondent).to_string());
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
