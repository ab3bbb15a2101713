//! Project set-up: the title, the interview guide, the respondent attributes and the rounds.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::{
    AttributeDef, ChoiceOption, Localized, Project, Question, QuestionKind, ScaleLabel,
};
use crate::tui::cursor::Cursor;
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::session::touch;
use crate::tui::state::{Confirm, Ctx, Effect, FormPurpose, Outcome, Overlay, Screen, View};
use crate::tui::strings::{S, count, fill};
use crate::tui::theme;

#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// false: the guide's questions; true: the attributes.
    pub attributes: bool,
    pub question: usize,
    pub attribute: usize,
    /// The rounds list has the keys (Tab goes questions → attributes → rounds).
    pub rounds: bool,
    pub round: usize,
}

/// The kinds of question, in the order of `kind_index`.
const KINDS: [S; 4] = [
    S::KindOpen,
    S::KindScale,
    S::KindSingleChoice,
    S::KindMultipleChoice,
];

fn kind_index(kind: &QuestionKind) -> usize {
    match kind {
        QuestionKind::Open => 0,
        QuestionKind::Scale { .. } => 1,
        QuestionKind::SingleChoice { .. } => 2,
        QuestionKind::MultipleChoice { .. } => 3,
    }
}

/// An id from a label: lower case ASCII, å/ä → a, ö → o, other signs → '_'.
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if c != '_' || !out.ends_with('_') {
            out.push(c);
        }
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() { "x".into() } else { out }
}

fn unique(base: String, taken: &[String]) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken.contains(id))
        .expect("unbounded")
}

/// How many interviews answer question `id` (counted from the summary index).
fn answers_to(ctx: &mut Ctx, id: &str) -> usize {
    let Some(session) = ctx.session.as_deref_mut() else {
        return 0;
    };
    session.index();
    crate::report::interviews_answering(&session.project, session.interviews.kept_index(), id)
}

impl Setup {
    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        match action {
            Action::SwitchList if self.attributes => {
                self.attributes = false;
                self.rounds = true;
                return Outcome::default();
            }
            Action::SwitchList if self.rounds => {
                self.rounds = false;
                return Outcome::default();
            }
            Action::Back | Action::SwitchList | Action::Merge | Action::Details => {}
            _ if self.rounds => {
                return super::setup_rounds::on_action(&mut self.round, ctx, action);
            }
            _ => {}
        }
        let Some(project) = ctx.project() else {
            return Outcome::default();
        };
        let count = if self.attributes {
            project.attributes.len()
        } else {
            project.guide.questions.len()
        };
        let selected = if self.attributes {
            &mut self.attribute
        } else {
            &mut self.question
        };
        let mut cursor = Cursor { at: *selected };
        if cursor.apply(action, count, 10) {
            *selected = cursor.at;
            return Outcome::default();
        }
        match action {
            Action::SwitchList => self.attributes = !self.attributes,
            Action::Back => return Outcome::go(Screen::Tabs),
            Action::Merge if self.attributes && count > 0 => {
                if let Some(refusal) = ctx.refuse_if_read_only() {
                    return refusal;
                }
                return match merge_values_form(ctx, self.attribute) {
                    Ok(form) => Outcome::overlay(form),
                    Err(text) => Outcome::error(text),
                };
            }
            Action::Edit
            | Action::New
            | Action::Details
            | Action::Delete
            | Action::MoveUp
            | Action::MoveDown => {
                if let Some(refusal) = ctx.refuse_if_read_only() {
                    return refusal;
                }
                return self.change(ctx, action, count);
            }
            _ => {}
        }
        Outcome::default()
    }

    fn change(&mut self, ctx: &mut Ctx, action: Action, count: usize) -> Outcome {
        let attributes = self.attributes;
        let index = if attributes {
            self.attribute
        } else {
            self.question
        };
        let form = match action {
            Action::Details => title_form(ctx),
            Action::New if attributes => attribute_form(ctx, None),
            Action::New => question_form(ctx, None),
            Action::Edit if count > 0 && attributes => attribute_form(ctx, Some(index)),
            Action::Edit if count > 0 => question_form(ctx, Some(index)),
            Action::Delete if count > 0 => confirm_remove(ctx, attributes, index),
            Action::MoveUp | Action::MoveDown if count > 1 => {
                let up = action == Action::MoveUp;
                let Some(session) = ctx.session.as_deref_mut() else {
                    return Outcome::default();
                };
                let target = if up {
                    index.checked_sub(1)
                } else {
                    Some(index + 1).filter(|t| *t < count)
                };
                let Some(target) = target else {
                    return Outcome::default();
                };
                if attributes {
                    session.project.attributes.swap(index, target);
                    self.attribute = target;
                } else {
                    session.project.guide.questions.swap(index, target);
                    self.question = target;
                }
                session.revision += 1;
                return Outcome::effects(vec![Effect::SaveProject]);
            }
            _ => None,
        };
        form.map_or_else(Outcome::default, Outcome::overlay)
    }

    pub fn remove_question(&mut self, ctx: &mut Ctx, index: usize) -> Outcome {
        let mut effects = ctx.fold_all();
        let Some(session) = ctx.session.as_deref_mut() else {
            return Outcome::effects(effects);
        };
        if index >= session.project.guide.questions.len() {
            return Outcome::effects(effects);
        }
        // Every interview is read for it; those whose answer goes are held until saved.
        let changed = session.change_whole(|project| {
            let removed = project.guide.questions.remove(index);
            let mut changed = Vec::new();
            for interview in &mut project.interviews {
                let before = interview.answers.len();
                interview.answers.retain(|a| a.question != removed.id);
                if interview.answers.len() != before {
                    touch(interview);
                    changed.push(interview.id.clone());
                }
            }
            changed
        });
        session.revision += 1;
        self.question = self
            .question
            .min(session.project.guide.questions.len().saturating_sub(1));
        effects.push(Effect::SaveChange {
            interviews: changed,
            codebook: false,
            project: true,
        });
        Outcome::effects(effects)
    }

    pub fn remove_attribute(&mut self, ctx: &mut Ctx, index: usize) -> Outcome {
        let Some(session) = ctx.session.as_deref_mut() else {
            return Outcome::default();
        };
        if index >= session.project.attributes.len() {
            return Outcome::default();
        }
        let removed = session.project.attributes.remove(index);
        for respondent in &mut session.project.respondents {
            respondent.attributes.remove(&removed.id);
        }
        session.revision += 1;
        self.attribute = self
            .attribute
            .min(session.project.attributes.len().saturating_sub(1));
        Outcome::effects(vec![Effect::SaveProject])
    }
}

fn confirm_remove(ctx: &mut Ctx, attributes: bool, index: usize) -> Option<Overlay> {
    let answers = match ctx.project()?.guide.questions.get(index) {
        Some(q) if !attributes => answers_to(ctx, &q.id.clone()),
        _ => 0,
    };
    let project = ctx.project()?;
    let (what, question) = if attributes {
        let attribute = project.attributes.get(index)?;
        let used = project
            .respondents
            .iter()
            .filter(|r| !r.attribute(&attribute.id).is_empty())
            .count();
        let label = attribute.label.get(ctx.lang);
        let key = if used == 1 {
            S::RemoveAttributeOne
        } else {
            S::RemoveAttributeMany
        };
        let question = ctx.fill(key, &[("label", &label), ("n", &used)]);
        (Confirm::RemoveAttribute(index), question)
    } else {
        let q = project.guide.questions.get(index)?;

        let text = q.text.get(ctx.lang);
        let question = match answers {
            0 => ctx.fill(S::RemoveQuestionUnanswered, &[("text", &text)]),
            n => ctx.fill(
                S::RemoveQuestionAnswered,
                &[
                    ("text", &text),
                    (
                        "interviews",
                        &ctx.count(n, S::InterviewOne, S::InterviewMany),
                    ),
                ],
            ),
        };
        (Confirm::RemoveQuestion(index), question)
    };
    Some(Overlay::confirm(what, question))
}

fn title_form(ctx: &Ctx) -> Option<Overlay> {
    let project = ctx.project()?;
    let form = Form::new(
        ctx.t(S::ProjectHeading),
        vec![
            Field::text(ctx.t(S::ProjectTitle), project.title.clone()),
            Field::text(ctx.t(S::Description), project.description.clone()),
        ],
    );
    Some(Overlay::Form {
        purpose: FormPurpose::ProjectTitle,
        form,
    })
}

pub fn submit_title(ctx: &mut Ctx, form: &Form) -> Result<Outcome, String> {
    let title = form.value(0).trim().to_string();
    if title.is_empty() {
        return Err(ctx.t(S::TitleCannotEmpty).into());
    }
    let Some(session) = ctx.session.as_deref_mut() else {
        return Ok(Outcome::default());
    };
    session.project.title = title;
    session.project.description = form.value(1).trim().to_string();
    session.revision += 1;
    Ok(Outcome::effects(vec![Effect::SaveProject]))
}

fn question_form(ctx: &Ctx, index: Option<usize>) -> Option<Overlay> {
    let session = ctx.session.as_deref()?;
    let existing = index.and_then(|i| session.project.guide.questions.get(i));
    let kinds: Vec<String> = KINDS.iter().map(|k| ctx.t(*k).to_string()).collect();
    let kind = existing.map(|q| kind_index(&q.kind)).unwrap_or(0);
    let (range, levels) = match existing.map(|q| &q.kind) {
        Some(QuestionKind::Scale { min, max, labels }) => (
            format!("{min}-{max}"),
            labels
                .iter()
                .map(|l| l.label.sv.clone())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => ("1-5".to_string(), String::new()),
    };
    let options = existing
        .map(|q| {
            q.kind
                .options()
                .iter()
                .map(|o| o.label.sv.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default();
    let text = |f: fn(&Question) -> &Localized, sv: bool| {
        existing
            .map(|q| if sv { f(q).sv.clone() } else { f(q).en.clone() })
            .unwrap_or_default()
    };
    let form = Form::new(
        if existing.is_some() {
            ctx.t(S::EditQuestion)
        } else {
            ctx.t(S::NewQuestion)
        },
        vec![
            Field::text(ctx.t(S::QuestionSwedish), text(|q| &q.text, true)),
            Field::text(ctx.t(S::QuestionEnglish), text(|q| &q.text, false)),
            Field::text(ctx.t(S::HelpTextSv), text(|q| &q.help, true)),
            Field::text(ctx.t(S::HelpTextEn), text(|q| &q.help, false)),
            Field::choice(ctx.t(S::Kind), kinds, kind).with_hint("←→"),
            Field::text(ctx.t(S::Scale), range).with_hint(ctx.t(S::ScaleHint)),
            Field::text(ctx.t(S::ScaleLabels), levels).with_hint(ctx.t(S::Separated)),
            Field::text(ctx.t(S::Options), options).with_hint(ctx.t(S::ChoiceQuestionsSeparated)),
        ],
    );
    Some(Overlay::Form {
        purpose: FormPurpose::Question(index),
        form,
    })
}

fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn submit_question(
    setup: &mut Setup,
    ctx: &mut Ctx,
    index: Option<usize>,
    form: &Form,
) -> Result<Outcome, String> {
    let sv_text = form.value(0).trim().to_string();
    if sv_text.is_empty() {
        return Err(ctx.t(S::WriteQuestion).into());
    }
    let kind_choice = form.fields[4].chosen();
    let answered = match index.and_then(|i| ctx.project()?.guide.questions.get(i)) {
        Some(q) => answers_to(ctx, &q.id.clone()),
        None => 0,
    };
    let Some(session) = ctx.session.as_deref() else {
        return Ok(Outcome::default());
    };
    let project = &session.project;
    let existing = index.and_then(|i| project.guide.questions.get(i));
    if let Some(q) = existing
        && kind_index(&q.kind) != kind_choice
        && answered > 0
    {
        return Err(ctx.t(S::QuestionHasAnswersKindCannot).into());
    }
    let kind = match kind_choice {
        0 => QuestionKind::Open,
        1 => {
            let range = form.value(5).trim().replace('–', "-");
            let parsed = range.split_once('-').and_then(|(a, b)| {
                Some((a.trim().parse::<u8>().ok()?, b.trim().parse::<u8>().ok()?))
            });
            let Some((min, max)) = parsed.filter(|(a, b)| a < b && *b <= 10) else {
                return Err(ctx.t(S::WriteScaleFromTo).into());
            };
            let labels = split_list(form.value(6))
                .into_iter()
                .zip(min..=max)
                .map(|(label, value)| ScaleLabel {
                    value,
                    label: Localized::new(label, ""),
                })
                .collect();
            QuestionKind::Scale { min, max, labels }
        }
        n => {
            let labels = split_list(form.value(7));
            if labels.is_empty() {
                return Err(ctx.t(S::GiveOptionsSeparated).into());
            }
            let old = existing
                .map(|q| q.kind.options().to_vec())
                .unwrap_or_default();
            let mut taken: Vec<String> = Vec::new();
            let options: Vec<ChoiceOption> = labels
                .into_iter()
                .map(|label| {
                    // An unchanged label keeps its id, so existing answers keep their meaning.
                    let option = match old.iter().find(|o| o.label.sv == label) {
                        Some(o) => o.clone(),
                        None => ChoiceOption {
                            id: unique(slug(&label), &taken),
                            label: Localized::new(label, ""),
                        },
                    };
                    taken.push(option.id.clone());
                    option
                })
                .collect();
            if n == 2 {
                QuestionKind::SingleChoice { options }
            } else {
                QuestionKind::MultipleChoice { options }
            }
        }
    };
    let question = Question {
        id: match existing {
            Some(q) => q.id.clone(),
            None => Project::next_id("q", project.guide.questions.iter().map(|q| q.id.as_str())),
        },
        text: Localized::new(sv_text, form.value(1).trim()),
        help: Localized::new(form.value(2).trim(), form.value(3).trim()),
        kind,
    };
    let session = ctx.session.as_deref_mut().expect("checked above");
    let questions = &mut session.project.guide.questions;
    match index.filter(|i| *i < questions.len()) {
        Some(i) => questions[i] = question,
        None => {
            questions.push(question);
            setup.question = questions.len() - 1;
        }
    }
    session.revision += 1;
    Ok(Outcome::effects(vec![Effect::SaveProject]))
}

fn attribute_form(ctx: &Ctx, index: Option<usize>) -> Option<Overlay> {
    let session = ctx.session.as_deref()?;
    let existing = index.and_then(|i| session.project.attributes.get(i));
    let form = Form::new(
        if existing.is_some() {
            ctx.t(S::EditAttribute)
        } else {
            ctx.t(S::NewAttribute)
        },
        vec![
            Field::text(
                ctx.t(S::NameSwedish),
                existing.map(|a| a.label.sv.clone()).unwrap_or_default(),
            ),
            Field::text(
                ctx.t(S::NameEnglish),
                existing.map(|a| a.label.en.clone()).unwrap_or_default(),
            ),
            Field::text(
                ctx.t(S::AllowedValues),
                existing.map(|a| a.values.join("; ")).unwrap_or_default(),
            )
            .with_hint(ctx.t(S::SeparatedEmptyAnyText)),
        ],
    );
    Some(Overlay::Form {
        purpose: FormPurpose::Attribute(index),
        form,
    })
}

/// The form that makes one value of an attribute another (Kungsör into Köping), offering
/// the values in use and allowed.
fn merge_values_form(ctx: &Ctx, index: usize) -> Result<Overlay, String> {
    let attribute = ctx
        .session
        .as_deref()
        .and_then(|s| Some((s.project.attributes.get(index)?, &s.project.respondents)));
    let Some((attribute, respondents)) = attribute else {
        return Err(String::new());
    };
    let values = attribute.known_values(respondents);
    if values.len() < 2 {
        return Err(ctx.t(S::AttributeHasFewerThanTwo).into());
    }
    let title = ctx.fill(
        S::MergeValuesOf,
        &[("attribute", &attribute.label.get(ctx.lang))],
    );
    let form = Form::new(
        title,
        vec![
            Field::choice(ctx.t(S::TheValue), values.clone(), 0).with_hint("←→"),
            Field::choice(ctx.t(S::Becomes), values, 1).with_hint("←→"),
        ],
    );
    Ok(Overlay::Form {
        purpose: FormPurpose::MergeValues(index),
        form,
    })
}

/// Gives every respondent with the first value of the form the second.
pub fn submit_merge_values(ctx: &mut Ctx, index: usize, form: &Form) -> Result<Outcome, String> {
    let (from, into) = (form.value(0).to_string(), form.value(1).to_string());
    if crate::model::value_key(&from) == crate::model::value_key(&into) {
        return Err(ctx.t(S::ChooseTwoDifferentValues).into());
    }
    let lang = ctx.lang;
    let Some(session) = ctx.session.as_deref_mut() else {
        return Ok(Outcome::default());
    };
    let project = &mut session.project;
    let Some(attribute) = project.attributes.get_mut(index) else {
        return Ok(Outcome::default());
    };
    let changed = attribute.merge_values(&mut project.respondents, &from, &into);
    session.revision += 1;
    let organisations = count(lang, changed, S::OrganisationOne, S::OrganisationMany);
    let text = fill(
        lang,
        S::ValueBecame,
        &[
            ("from", &from),
            ("into", &into),
            ("organisations", &organisations),
        ],
    );
    Ok(Outcome::effects(vec![Effect::SaveProject]).with_info(text))
}

pub fn submit_attribute(
    setup: &mut Setup,
    ctx: &mut Ctx,
    index: Option<usize>,
    form: &Form,
) -> Result<Outcome, String> {
    let sv = form.value(0).trim().to_string();
    if sv.is_empty() {
        return Err(ctx.t(S::GiveAttributesName).into());
    }
    let Some(session) = ctx.session.as_deref_mut() else {
        return Ok(Outcome::default());
    };
    let attributes = &mut session.project.attributes;
    let label = Localized::new(sv.clone(), form.value(1).trim());
    let values = split_list(form.value(2));
    let mut respelled = 0;
    match index.and_then(|i| attributes.get_mut(i)) {
        Some(attribute) => {
            attribute.label = label;
            attribute.values = values;
            // Listing a value merges the respondents' other spellings of it into it.
            respelled = attribute.respell(&mut session.project.respondents);
        }
        None => {
            let taken: Vec<String> = attributes.iter().map(|a| a.id.clone()).collect();
            attributes.push(AttributeDef {
                id: unique(slug(&sv), &taken),
                label,
                values,
            });
            setup.attribute = attributes.len() - 1;
        }
    }
    session.revision += 1;
    let outcome = Outcome::effects(vec![Effect::SaveProject]);
    if respelled > 0 {
        let key = if respelled == 1 {
            S::RespelledOne
        } else {
            S::RespelledMany
        };
        let text = ctx.fill(key, &[("n", &respelled)]);
        return Ok(outcome.with_info(text));
    }
    Ok(outcome)
}

pub fn draw(setup: &Setup, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(project.title.clone(), theme::title()),
            Span::styled(app.t(S::TChangesTheTitle), theme::dim()),
        ])),
        head,
    );
    let [guide, right] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(body);
    let [attributes, rounds] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(right);
    let kinds = KINDS.map(|k| app.t(k));
    let question_lines: Vec<(String, String)> = project
        .guide
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            (
                format!(
                    "{:>2} {:<10} {}",
                    i + 1,
                    kinds[kind_index(&q.kind)],
                    q.text.get(app.lang)
                ),
                String::new(),
            )
        })
        .collect();
    draw_list(
        app,
        frame,
        guide,
        app.t(S::InterviewGuideTitle),
        &question_lines,
        setup.question,
        !setup.attributes,
    );
    let attribute_lines: Vec<(String, String)> = project
        .attributes
        .iter()
        .map(|a| {
            (
                a.label.get(app.lang).to_string(),
                format!("  {}", a.values.join(", ")),
            )
        })
        .collect();
    draw_list(
        app,
        frame,
        attributes,
        app.t(S::RespondentAttributesTitle),
        &attribute_lines,
        setup.attribute,
        setup.attributes,
    );
    let per_round = crate::report::interviews_per_round(project, session.interviews.kept_index());
    let round_lines = super::setup_rounds::lines(
        |n| app.count(n, S::InterviewOne, S::InterviewMany),
        project,
        &per_round,
    );
    draw_list(
        app,
        frame,
        rounds,
        &format!(" {} ", app.t(S::RoundsTitle)),
        &round_lines,
        setup.round,
        setup.rounds,
    );
}

fn draw_list(
    app: &View,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    items: &[(String, String)],
    selected: usize,
    focused: bool,
) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(title)
        .border_style(if focused { theme::key() } else { theme::dim() });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let offset = (selected + 1).saturating_sub(height.max(1));
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (text, note))| {
            let is_selected = focused && i == selected;
            let line = Line::from(vec![
                Span::raw(format!("{}{text} ", if is_selected { "▶ " } else { "  " })),
                Span::styled(
                    note.clone(),
                    if is_selected {
                        Style::new()
                    } else {
                        theme::dim()
                    },
                ),
            ]);
            if is_selected {
                line.style(theme::selected())
            } else {
                line.style(Style::new())
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t(S::EmptyAdds)).style(theme::dim()),
            inner,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Förändringsförmåga"), "forandringsformaga");
        assert_eq!(slug("Nätverk & dialog!"), "natverk_dialog");
        assert_eq!(slug("!!!"), "x");
        assert_eq!(unique("a".into(), &["a".into(), "a_2".into()]), "a_3");
    }
}
