//! Personal data in the project's texts: every name, phone number, e-mail address and
//! identity number found, with the interview, the question and the words around it. A finding
//! can be marked "not personal data" (remembered in the pseudonym key) or its name added to
//! the project's pseudonym list; Enter opens the answer where it is.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::{Consent, Lang, value_key};
use crate::privacy::scan::{self, Field as Place, Hit};
use crate::privacy::{Key, Kind};
use crate::tui::cursor::Cursor;
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::state::{Confirm, Ctx, OpenAnswer, Outcome, Overlay, Screen, Tab, Target, View};
use crate::tui::strings::{S, fill, say};
use crate::tui::theme;

#[derive(Debug, Clone, Default)]
pub struct PrivacyView {
    pub cursor: Cursor,
    pub hits: Vec<Hit>,
    /// Bumped when the key changes, so the findings are made again.
    generation: u64,
    built_for: Option<(u64, u64)>,
}

impl PrivacyView {
    /// Finds the personal data again when the project or the key changed since.
    /// Every interview is read for it (the project's own, changed in memory, where held).
    pub fn refresh(&mut self, session: &crate::tui::session::Session) {
        let stamp = (session.revision, self.generation);
        if self.built_for != Some(stamp) {
            let key = Key::load(session.store.root()).unwrap_or_default();
            self.hits = scan::scan(&session.whole(), &key);
            crate::tui::search_worker::release_freed_memory();
            self.cursor.clamp(self.hits.len());
            self.built_for = Some(stamp);
        }
    }

    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        let page = usize::from(ctx.size.1.saturating_sub(6)).max(1);
        if self.cursor.apply(action, self.hits.len(), page) {
            return Outcome::default();
        }
        let Some(hit) = self.hits.get(self.cursor.at).cloned() else {
            return match action {
                Action::Back => Outcome::go(Screen::Tabs),
                _ => Outcome::default(),
            };
        };
        match action {
            Action::Back => Outcome::go(Screen::Tabs),
            Action::Open => Outcome::open(OpenAnswer {
                interview: hit.interview.clone(),
                target: match (&hit.question, hit.field) {
                    (Some(q), Place::Answer) => Target::Question {
                        id: q.clone(),
                        at: Some(hit.at),
                    },
                    (Some(q), _) => Target::Question {
                        id: q.clone(),
                        at: None,
                    },
                    (None, Place::Notes) => Target::Notes { at: hit.at },
                    (None, _) => Target::FirstUnanswered,
                },
                back_to: (Screen::Privacy, Tab::Interviews),
                editing: false,
            }),
            Action::NotPersonal if hit.person.is_some() => {
                Outcome::error(ctx.fill(S::KnownPersonAlwaysReplaced, &[("name", &hit.text)]))
            }
            Action::NotPersonal => self.change_key(ctx, &hit, |key| {
                key.not_personal.insert(value_key(&hit.text));
            }),
            Action::AddName if hit.kind == Kind::Name => self.change_key(ctx, &hit, |key| {
                let name = hit.text.trim_end_matches(['s', '\'', '’']).to_string();
                let name = if hit.person.is_some() || name.is_empty() {
                    hit.text.clone()
                } else {
                    name
                };
                if !key.names.iter().any(|n| value_key(n) == value_key(&name)) {
                    key.names.push(name);
                }
            }),
            Action::AddName => Outcome::error(ctx.t(S::OnlyNamesToPseudonymList)),
            Action::Erase if hit.kind == Kind::Name => {
                if let Some(refusal) = ctx.refuse_if_read_only() {
                    return refusal;
                }
                confirm_erase(ctx, hit.person.clone().unwrap_or(hit.text))
            }
            Action::Erase => Outcome::error(ctx.t(S::EraseOnlyNames)),
            _ => Outcome::default(),
        }
    }

    /// Changes the pseudonym key: a file of a few hundred bytes in `.behov/`, written at once
    /// (atomically, merged with what is on disk) so the list is drawn without the finding.
    fn change_key(&mut self, ctx: &mut Ctx, hit: &Hit, change: impl FnOnce(&mut Key)) -> Outcome {
        if let Some(refusal) = ctx.refuse_if_read_only() {
            return refusal;
        }
        let lang = ctx.lang;
        let Some(session) = ctx.session.as_deref() else {
            return Outcome::default();
        };
        let root = session.store.root();
        let mut key = match Key::load(root) {
            Ok(key) => key,
            Err(e) => return Outcome::error(e.to_string()),
        };
        change(&mut key);
        if let Err(e) = key.save(root) {
            return Outcome::error(e.to_string());
        }
        self.generation += 1;
        let marked_allowed = key.not_personal.contains(&value_key(&hit.text));
        let said = if marked_allowed {
            S::NotPersonalInProject
        } else {
            S::OnPseudonymList
        };
        let text = fill(lang, said, &[("text", &hit.text)]);
        Outcome::info(text)
    }
}

/// `E` on a name: erasing the person everywhere, asking with what goes and what changes.
fn confirm_erase(ctx: &Ctx, name: String) -> Outcome {
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::default();
    };
    let key = match Key::load(session.store.root()) {
        Ok(key) => key,
        Err(e) => return Outcome::error(e.to_string()),
    };
    let target = crate::privacy::erase::Target::Person(name.clone());
    let plan = match crate::privacy::erase::plan(&session.whole(), &key, &target) {
        Ok(plan) => plan,
        Err(reason) => return Outcome::error(reason),
    };
    let r = &plan.receipt;
    let list = |ids: &[String]| {
        if ids.is_empty() {
            ctx.t(S::EraseNothingToSay).to_string()
        } else {
            ids.join(", ")
        }
    };
    let question = ctx.fill(
        S::ErasePersonQuestion,
        &[
            ("name", &name),
            ("people", &list(&r.people_removed)),
            ("turns", &r.turns_removed),
            ("changed", &list(&r.interviews_changed)),
        ],
    );
    Outcome::overlay(Overlay::confirm(Confirm::ErasePerson(name), question))
}

pub fn draw(view: &PrivacyView, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let counts: Vec<String> = scan::counts(&view.hits)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {}", k.label(app.lang)))
        .collect();
    let title = app.fill(S::PersonalDataFindings, &[("n", &view.hits.len())]);
    let title = if counts.is_empty() {
        format!("{title})")
    } else {
        format!("{title}: {})", counts.join(", "))
    };
    frame.render_widget(Paragraph::new(Span::styled(title, theme::title())), head);
    if view.hits.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t(S::NoPersonalDataFound)).style(theme::dim()),
            list,
        );
        return;
    }
    let height = list.height as usize;
    let offset = view.cursor.offset(height);
    let width = usize::from(list.width);
    let lines: Vec<Line> = view
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, h)| {
            let place = match (&h.question, h.field) {
                (_, Place::Consent) => app.t(S::ConsentOn).to_string(),
                (Some(q), _) => project
                    .guide
                    .questions
                    .iter()
                    .position(|x| x.id == *q)
                    .map_or_else(
                        || q.clone(),
                        |n| format!("{} {}", app.t(S::QuestionLower), n + 1),
                    ),
                (None, _) => app.t(S::OutsideGuideLower).to_string(),
            };
            let selected = i == view.cursor.at;
            let marker = if selected { "▶ " } else { "  " };
            let lead = format!(
                "{marker}{:<5} {:<15} {:<14} ",
                h.interview,
                place,
                h.kind.label(app.lang)
            );
            let room = width.saturating_sub(lead.chars().count() + h.text.chars().count() + 2);
            let before: String = {
                let n = h.before.chars().count();
                h.before.chars().skip(n.saturating_sub(room / 2)).collect()
            };
            let after: String = h.after.chars().take(room - room / 2).collect();
            let line = Line::from(vec![
                Span::raw(lead),
                Span::styled(format!("…{before}"), theme::dim()),
                Span::styled(h.text.clone(), theme::title()),
                Span::styled(format!("{after}…"), theme::dim()),
            ]);
            if selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// The scope of a consent in the interview details form (after its other fields): how it was
/// given, whether quotes may be attributed, whether the recording may be kept.
pub fn consent_fields(lang: Lang, consent: &Consent) -> Vec<Field> {
    let t = |key| say(lang, key).to_string();
    let answers = || vec![t(S::NotAsked), t(S::Yes), t(S::No)];
    let chosen = |v: Option<bool>| match v {
        None => 0,
        Some(true) => 1,
        Some(false) => 2,
    };
    vec![
        Field::text(t(S::ConsentHow), consent.how.clone()).with_hint(t(S::ConsentHowHint)),
        Field::choice(
            t(S::QuotesMayBeAttributed),
            answers(),
            chosen(consent.quotes),
        )
        .with_hint(t(S::QuotesHint)),
        Field::choice(
            t(S::RecordingMayBeKept),
            answers(),
            chosen(consent.recording),
        )
        .with_hint("←→"),
    ]
}

/// Reads the fields of [`consent_fields`], which start at `first` in `form`.
pub fn read_consent_fields(form: &Form, first: usize, consent: &mut Consent) {
    if form.fields.len() < first + 3 {
        return;
    }
    let answer = |i: usize| match form.fields[i].chosen() {
        1 => Some(true),
        2 => Some(false),
        _ => None,
    };
    consent.how = form.value(first).trim().to_string();
    consent.quotes = answer(first + 1);
    consent.recording = answer(first + 2);
}
