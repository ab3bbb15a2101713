//! The Interviews tab: every interview in a table, sorted and filtered as you type.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row as TableRow, Table};

use crate::model::{Consent, Interview, Lang, Mode, Project, Respondent, Status};
use crate::report::Listed;
use crate::tui::cursor::Cursor;
use crate::tui::editor::{EditOp, edit_line};
use crate::tui::form::{Field, Form};
use crate::tui::fuzzy::fold;
use crate::tui::keymap::Action;
use crate::tui::screens::respondents;
use crate::tui::session::Session;
use crate::tui::state::{
    Confirm, Ctx, Effect, FormPurpose, OpenAnswer, Outcome, Overlay, Screen, Tab, Target, View,
};
use crate::tui::strings::{S, fill, say};
use crate::tui::theme;

pub const COLUMNS: usize = 8;
const HEADERS: [S; COLUMNS] = [
    S::ColumnRespondent,
    S::ColumnType,
    S::ColumnMunicipality,
    S::ColumnDate,
    S::ColumnInterviewer,
    S::ColumnStatus,
    S::ColumnAnswers,
    S::ColumnCodes,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub cells: [String; COLUMNS],
    answered: usize,
    codings: usize,
}

#[derive(Debug, Clone, Default)]
pub struct InterviewList {
    pub cursor: Cursor,
    pub offset: usize,
    pub sort: usize,
    pub descending: bool,
    pub filter: String,
    pub filtering: bool,
    /// The visible rows, sorted and filtered; rebuilt only when their inputs change.
    pub rows: Vec<Row>,
    built_for: Option<(u64, String, usize, bool, Lang)>,
}

impl InterviewList {
    pub fn refresh(&mut self, session: &Session, lang: Lang) {
        let key = (
            session.revision,
            self.filter.clone(),
            self.sort,
            self.descending,
            lang,
        );
        if self.built_for.as_ref() == Some(&key) {
            return;
        }
        let listed = session.interviews.listed().iter().cloned();
        self.arrange(&session.project, listed, lang);
        self.built_for = Some(key);
    }

    /// The list of the interviews `listed` of `project` (whose own interviews may not be
    /// read yet), as the user last sorted it: what the first frame shows while a large
    /// project is read.
    pub fn preview(project: &Project, listed: &[Listed], lang: Lang, settings: &Self) -> Self {
        let mut list = InterviewList {
            sort: settings.sort,
            descending: settings.descending,
            ..InterviewList::default()
        };
        list.arrange(project, listed.iter().cloned(), lang);
        list
    }

    /// Rows of `listed`, filtered and sorted, the selection kept on the same interview.
    fn arrange(&mut self, project: &Project, listed: impl Iterator<Item = Listed>, lang: Lang) {
        let keep = self.rows.get(self.cursor.at).map(|r| r.id.clone());
        // Accents are optional, as in search: "vasteras" finds Västerås.
        let needle = fold(&self.filter);
        let respondents = project.respondents_by_id();
        let questions = project.guide.questions.len();
        let mut rows: Vec<Row> = listed
            .map(|i| row(&respondents, questions, &i, lang))
            .filter(|r| needle.is_empty() || r.cells.iter().any(|c| fold(c).contains(&needle)))
            .collect();
        let column = self.sort;
        match column {
            6 => rows.sort_by(|a, b| a.answered.cmp(&b.answered).then_with(|| a.id.cmp(&b.id))),
            7 => rows.sort_by(|a, b| a.codings.cmp(&b.codings).then_with(|| a.id.cmp(&b.id))),
            // Each row's key is lowered once, not twice per comparison: 10,000 rows.
            _ => rows.sort_by_cached_key(|r| (r.cells[column].to_lowercase(), r.id.clone())),
        }
        if self.descending {
            rows.reverse();
        }
        self.cursor.at = keep
            .and_then(|id| rows.iter().position(|r| r.id == id))
            .unwrap_or(self.cursor.at)
            .min(rows.len().saturating_sub(1));
        self.rows = rows;
    }

    pub fn selected_id(&self) -> Option<&str> {
        self.rows.get(self.cursor.at).map(|r| r.id.as_str())
    }
}

/// The names of an interview's respondents, joined.
pub fn respondent_names(project: &Project, interview: &Interview) -> String {
    names_of(&interview.respondents, |id| project.respondent(id))
}

/// The names of a listed interview's respondents, joined.
pub fn listed_names(project: &Project, interview: &Listed) -> String {
    names_of(&interview.respondents, |id| project.respondent(id))
}

/// The names of respondents `ids` as `find` gives them (ids of unknown ones), joined.
fn names_of<'a>(ids: &'a [String], find: impl Fn(&str) -> Option<&'a Respondent>) -> String {
    ids.iter()
        .map(|id| find(id).map_or(id.as_str(), |r| r.name.as_str()))
        .collect::<Vec<_>>()
        .join(" + ")
}

pub fn status_text(status: Status, lang: Lang) -> &'static str {
    say(
        lang,
        match status {
            Status::Draft => S::StatusDraft,
            Status::Complete => S::StatusComplete,
        },
    )
}

pub fn mode_text(mode: Mode, lang: Lang) -> &'static str {
    say(
        lang,
        match mode {
            Mode::Video => S::ModeVideo,
            Mode::OnSite => S::ModeOnSite,
            Mode::Phone => S::ModePhone,
        },
    )
}

/// One table row; `respondents` by id (one map for all rows: a scan per row is quadratic).
fn row(
    respondents: &HashMap<&str, &Respondent>,
    questions: usize,
    interview: &Listed,
    lang: Lang,
) -> Row {
    let first = interview
        .respondents
        .first()
        .and_then(|id| respondents.get(id.as_str()).copied());
    let attribute = |key: &str| {
        first
            .map(|r| r.attribute(key).to_string())
            .unwrap_or_default()
    };
    let (answered, codings) = (interview.answered, interview.codings);
    Row {
        id: interview.id.clone(),
        cells: [
            names_of(&interview.respondents, |id| respondents.get(id).copied()),
            attribute("type"),
            attribute("municipality"),
            interview.date.to_string(),
            interview.interviewer.clone(),
            status_text(interview.status, lang).to_string(),
            format!("{answered}/{questions}"),
            codings.to_string(),
        ],
        answered,
        codings,
    }
}

impl InterviewList {
    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Outcome {
        let page = ctx.size.1.saturating_sub(8).max(1) as usize;
        if self.cursor.apply(action, self.rows.len(), page) {
            return Outcome::default();
        }
        if matches!(
            action,
            Action::New | Action::Delete | Action::Import | Action::Merge | Action::FollowUp
        ) && let Some(refusal) = ctx.refuse_if_read_only()
        {
            return refusal;
        }
        match action {
            Action::Filter => self.filtering = true,
            Action::Back => self.filter.clear(),
            Action::SortNext => self.sort = (self.sort + 1) % COLUMNS,
            Action::SortReverse => self.descending = !self.descending,
            Action::Open => {
                if let Some(id) = self.selected_id() {
                    return Outcome::open(OpenAnswer {
                        interview: id.to_string(),
                        target: Target::FirstUnanswered,
                        back_to: (Screen::Tabs, Tab::Interviews),
                        editing: false,
                    });
                }
            }
            Action::New => {
                return Outcome::overlay(Overlay::Picker(respondents::Picker::default()));
            }
            Action::Delete => return self.confirm_delete(ctx),
            Action::FollowUp => {
                let selected = self.selected_id().map(str::to_string);
                if let (Some(id), Some(session)) = (&selected, ctx.session.as_deref_mut()) {
                    session.load(id);
                }
                let previous = selected
                    .as_deref()
                    .and_then(|id| ctx.session.as_deref()?.interview(id));
                if let Some(previous) = previous {
                    return super::follow_up::follow_up_form(ctx, previous);
                }
            }
            Action::Import => return Outcome::overlay(super::import::form(ctx.lang)),
            Action::Merge => return Outcome::overlay(super::merge::form(ctx.lang)),
            Action::Respondents => return Outcome::go(Screen::Respondents),
            Action::Privacy => return Outcome::go(Screen::Privacy),
            Action::Setup => return Outcome::go(Screen::Setup),
            _ => {}
        }
        Outcome::default()
    }

    fn confirm_delete(&self, ctx: &Ctx) -> Outcome {
        let Some(project) = ctx.project() else {
            return Outcome::default();
        };
        let Some(session) = ctx.session.as_deref() else {
            return Outcome::default();
        };
        let Some(interview) = self
            .selected_id()
            .and_then(|id| session.interviews.listed_one(id))
        else {
            return Outcome::default();
        };
        let name = names_of(&interview.respondents, |id| project.respondent(id));
        let question = ctx.fill(
            S::DeleteInterviewQuestion,
            &[
                ("name", &name),
                ("date", &interview.date),
                ("interviewer", &interview.interviewer),
                (
                    "answers",
                    &ctx.count(interview.answered, S::AnswerOne, S::AnswerMany),
                ),
                (
                    "codings",
                    &ctx.count(interview.codings, S::CodingOne, S::CodingMany),
                ),
            ],
        );
        Outcome::overlay(Overlay::confirm(
            Confirm::DeleteInterview(interview.id.clone()),
            question,
        ))
    }

    /// Deletes an interview the user confirmed.
    pub fn delete(&mut self, ctx: &mut Ctx, id: &str) -> Outcome {
        let done = ctx.t(S::InterviewWasDeleted);
        let Some(session) = ctx.session.as_deref_mut() else {
            return Outcome::default();
        };
        session.interviews.forget(id);
        session.unsaved.remove(id);
        session.revision += 1;
        Outcome::effects(vec![Effect::DeleteInterview(id.to_string())]).with_info(done)
    }

    /// An action while the filter is typed: Enter keeps it, Esc clears it.
    pub fn on_filter_action(&mut self, action: Action) -> Outcome {
        if self.cursor.apply(action, self.rows.len(), 10) {
            return Outcome::default();
        }
        match action {
            Action::Back => {
                self.filter.clear();
                self.filtering = false;
            }
            Action::Confirm => self.filtering = false,
            _ => {}
        }
        Outcome::default()
    }

    pub fn on_filter_text(&mut self, op: &EditOp) -> Outcome {
        edit_line(&mut self.filter, op);
        Outcome::default()
    }
}

/// The four fields every interview form starts with: interviewer, date, mode, consent.
pub fn session_fields(
    lang: Lang,
    interviewer: &str,
    date: Date,
    mode: Mode,
    consent: bool,
) -> Vec<Field> {
    let modes: Vec<String> = Mode::ALL
        .iter()
        .map(|m| mode_text(*m, lang).to_string())
        .collect();
    let mode_index = Mode::ALL.iter().position(|m| *m == mode).unwrap_or(0);
    // Consent is recorded when it is given: a new interview starts as "not recorded".
    let consent_values = vec![
        say(lang, S::NotRecorded).to_string(),
        say(lang, S::Given).to_string(),
    ];
    vec![
        Field::text(say(lang, S::Interviewer), interviewer),
        Field::text(say(lang, S::Date), date.to_string()).with_hint(say(lang, S::DateFormat)),
        Field::choice(say(lang, S::Mode), modes, mode_index).with_hint("←→"),
        Field::choice(say(lang, S::Consent), consent_values, usize::from(consent)).with_hint("←→"),
    ]
}

/// The values of `session_fields`, or why they cannot be saved.
pub fn read_session_fields(lang: Lang, form: &Form) -> Result<(String, Date, Mode, bool), String> {
    let interviewer = form.value(0).trim().to_string();
    if interviewer.is_empty() {
        return Err(say(lang, S::SayWhoInterviewing).into());
    }
    let date = parse_date(lang, form.value(1))?;
    let mode = Mode::ALL[form.fields[2].chosen().min(Mode::ALL.len() - 1)];
    Ok((interviewer, date, mode, form.fields[3].chosen() == 1))
}

/// The form for a new interview with `respondent`, by the last interviewer.
pub fn new_interview_form(
    lang: Lang,
    project: &Project,
    interviewer: &str,
    respondent: &str,
) -> Overlay {
    let mut fields = session_fields(lang, interviewer, today(), Mode::Video, false);
    let respondents = [respondent.to_string()];
    fields.extend(super::follow_up::fields(
        lang,
        project,
        &respondents,
        None,
        &[],
    ));
    let form = Form::new(say(lang, S::NewInterview), fields);
    Overlay::Form {
        purpose: FormPurpose::NewInterview {
            respondent: respondent.to_string(),
        },
        form,
    }
}

pub fn today() -> Date {
    jiff::Zoned::now().date()
}

pub fn parse_date(lang: Lang, text: &str) -> Result<Date, String> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| fill(lang, S::NotADate, &[("text", &text.trim())]))
}

pub fn submit_new(ctx: &mut Ctx, respondent: &str, form: &Form) -> Result<Outcome, String> {
    let (interviewer, date, mode, consent_given) = read_session_fields(ctx.lang, form)?;
    let Some(session) = ctx.session.as_deref_mut() else {
        return Ok(Outcome::default());
    };
    let respondents = [respondent.to_string()];
    let (round, participants) =
        super::follow_up::read(ctx.lang, &session.project, form, None, &respondents)?;
    let taken: Vec<String> = session
        .interviews
        .listed()
        .iter()
        .map(|i| i.id.clone())
        .chain(session.store.reserved_ids().map(str::to_string))
        .collect();
    let id = Project::next_id("i", taken.iter().map(String::as_str));
    let now = Timestamp::now();
    session.interviews.put_changed(Interview {
        id: id.clone(),
        respondents: vec![respondent.to_string()],
        interviewer: interviewer.clone(),
        date,
        mode,
        consent: Consent {
            given: consent_given,
            date: consent_given.then_some(date),
            note: String::new(),
            ..Consent::default()
        },
        status: Status::Draft,
        answers: Vec::new(),
        notes: String::new(),
        notes_codings: Vec::new(),
        source: None,
        round,
        participants,
        created: now,
        modified: now,
    });
    session.revision += 1;
    ctx.settings.interviewer = interviewer;
    let mut outcome = Outcome::open(OpenAnswer {
        interview: id.clone(),
        target: Target::FirstUnanswered,
        back_to: (Screen::Tabs, Tab::Interviews),
        editing: true,
    });
    outcome.effects = vec![Effect::SaveInterview(id), Effect::SaveSettings];
    Ok(outcome)
}

/// The head (title, filter) and the table of the tab drawn in `area`.
fn areas(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area)
}

impl InterviewList {
    /// Scrolls the table so the selected row is on screen when the tab is drawn in `area`
    /// (in the update; drawing only reads the offset).
    pub fn follow(&mut self, area: Rect) {
        let height = areas(area)[1].height.saturating_sub(1) as usize;
        if self.cursor.at < self.offset {
            self.offset = self.cursor.at;
        } else if height > 0 && self.cursor.at >= self.offset + height {
            self.offset = self.cursor.at + 1 - height;
        }
    }
}

pub fn draw(list: &InterviewList, app: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = app.session else { return };
    let project = &session.project;
    let listed = session.interviews.listed();
    let complete = listed
        .iter()
        .filter(|i| i.status == Status::Complete)
        .count();
    let head = Head {
        title: &project.title,
        total: listed.len(),
        complete,
    };
    draw_list(list, &head, app, frame, area);
}

/// What the line above the table says of the project.
pub struct Head<'a> {
    pub title: &'a str,
    pub total: usize,
    pub complete: usize,
}

/// The tab as drawn from `list` and `head` alone: also the first frame of a project whose
/// interviews are still being read.
pub fn draw_list(list: &InterviewList, project: &Head, app: &View, frame: &mut Frame, area: Rect) {
    let [head, table_area] = areas(area);
    let head_line = vec![
        Span::styled(project.title.to_string(), theme::title()),
        Span::raw("  "),
        Span::styled(
            format!(
                "{} · {} · {}",
                app.count(project.total, S::InterviewOne, S::InterviewMany),
                app.count(project.complete, S::CompleteOne, S::CompleteMany),
                app.count(project.total - project.complete, S::DraftOne, S::DraftMany)
            ),
            theme::dim(),
        ),
    ];
    let filter_label = app.t(S::FilterLabel);
    let mut head_lines = vec![Line::from(head_line)];
    // The filter has a line of its own, so a long project title never hides it.
    if list.filtering || !list.filter.is_empty() {
        let mut filter_line = vec![
            Span::styled(filter_label, theme::dim()),
            Span::styled(list.filter.clone(), theme::key()),
        ];
        if list.filtering {
            filter_line.push(Span::raw("▏"));
        }
        filter_line.push(Span::styled(
            format!(
                "  {}",
                app.count(list.rows.len(), S::InterviewOne, S::InterviewMany)
            ),
            theme::dim(),
        ));
        head_lines.push(Line::from(filter_line));
    }
    frame.render_widget(Paragraph::new(head_lines), head);

    let wide = area.width >= 100;
    let shown: Vec<usize> = if wide {
        (0..COLUMNS).collect()
    } else {
        vec![0, 1, 3, 5, 6, 7]
    };
    let widths: Vec<Constraint> = shown
        .iter()
        .map(|c| match c {
            0 => Constraint::Fill(1),
            1 => Constraint::Length(if wide { 22 } else { 18 }),
            2 => Constraint::Length(13),
            3 => Constraint::Length(10),
            4 => Constraint::Length(14),
            5 => Constraint::Length(8),
            _ => Constraint::Length(7),
        })
        .collect();
    let headers = HEADERS.map(|key| app.t(key));
    let header = TableRow::new(shown.iter().map(|&c| {
        let arrow = if c == list.sort {
            if list.descending { " ▼" } else { " ▲" }
        } else {
            ""
        };
        Cell::from(format!("{}{arrow}", headers[c]))
    }))
    .style(theme::title());
    let height = table_area.height.saturating_sub(1) as usize;
    // Only the rows on screen are built: a table of 10,000 interviews costs one page.
    let rows: Vec<TableRow> = list
        .rows
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(height)
        .map(|(i, row)| {
            let cells = shown.iter().enumerate().map(|(n, &c)| {
                let text = if n == 0 {
                    format!(
                        "{}{}",
                        if i == list.cursor.at { "▶ " } else { "  " },
                        row.cells[c]
                    )
                } else {
                    row.cells[c].clone()
                };
                Cell::from(text)
            });
            let style = if i == list.cursor.at {
                theme::selected()
            } else {
                Default::default()
            };
            TableRow::new(cells).style(style)
        })
        .collect();
    if list.rows.is_empty() {
        let text = if project.total == 0 {
            app.t(S::NoInterviewsYetPressN)
        } else {
            app.t(S::NoInterviewsMatchFilterEsc)
        };
        frame.render_widget(
            Table::new(Vec::<TableRow>::new(), widths).header(header),
            table_area,
        );
        let [_, message] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(table_area);
        frame.render_widget(Paragraph::new(text).style(theme::dim()), message);
        return;
    }
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        table_area,
    );
}
