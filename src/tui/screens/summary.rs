//! The Summary tab: the needs table (respondents per need, share with a bar), split by any
//! respondent attribute with one key, representative quotes for the selected need, drill from
//! any cell to the passages behind it, co-occurrence and scale questions, filters, export.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::model::{Lang, Status};
use crate::report::render::{Export, Format};
use crate::report::{self, Drill, Filter, Names, Options, Passage, Summary};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::screens::codebook::next_of;
use crate::tui::screens::needs_table::NeedsTable;
use crate::tui::session::Session;
use crate::tui::state::{
    Ctx, Effect, FormPurpose, OpenAnswer, Outcome, Overlay, Screen, Tab, Target, View,
};
use crate::tui::strings::S;
use crate::tui::theme;

/// What the Summary tab shows; Tab goes to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// Respondents per need, split by an attribute, with quotes.
    #[default]
    Needs,
    /// Pairs of needs raised together.
    CoOccurrence,
    /// The distributions of the scale questions.
    Scales,
    /// A programme's projects and how their codebooks differ.
    Programme,
}

impl Section {
    /// The section after this one; the programme section only in a programme.
    fn next(self, programme: bool) -> Section {
        match self {
            Section::Needs => Section::CoOccurrence,
            Section::CoOccurrence => Section::Scales,
            Section::Scales if programme => Section::Programme,
            Section::Scales | Section::Programme => Section::Needs,
        }
    }

    fn name(self) -> S {
        match self {
            Section::Needs => S::SectionNeeds,
            Section::CoOccurrence => S::SectionCoOccurrence,
            Section::Scales => S::SectionScales,
            Section::Programme => S::SectionProgramme,
        }
    }
}
const FORMATS: [(&str, Format); 5] = [
    ("xlsx", Format::Xlsx),
    ("docx", Format::Docx),
    ("md", Format::Markdown),
    ("csv", Format::Csv),
    ("json", Format::Json),
];

/// The exchange formats offered after the summary's own: a REFI-QDA project for NVivo,
/// ATLAS.ti, MAXQDA and QualCoder, and the codebook alone.
const EXCHANGE: [&str; 2] = ["qdpx", "qdc"];

#[derive(Default)]
pub struct SummaryView {
    pub section: Section,
    /// The attribute the needs are split by.
    pub by: Option<String>,
    pub coder: Option<String>,
    /// Count drafts too; by default only complete interviews count, as in report files.
    pub all_statuses: bool,
    pub pseudonyms: bool,
    pub selected: usize,
    /// 0 the whole row, n the nth group, for drilling.
    pub column: usize,
    summary: Option<(SummaryKey, Summary)>,
}

type SummaryKey = (u64, Option<String>, Option<String>, bool, bool, Lang);

/// A list of passages behind a summary cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillList {
    pub title: String,
    pub passages: Vec<Passage>,
    pub selected: usize,
}

impl SummaryView {
    fn filter(&self) -> Filter {
        Filter {
            coders: self.coder.iter().cloned().collect(),
            status: (!self.all_statuses).then_some(Status::Complete),
            ..Filter::default()
        }
    }

    fn options(&self, lang: Lang) -> Options {
        Options {
            filter: self.filter(),
            by: self.by.clone(),
            lang,
            pseudonyms: self.pseudonyms,
            quotes: 3,
        }
    }
}

impl SummaryView {
    /// Brings the summary up to date with the project (once per change, not per frame); an
    /// error is for the status line.
    pub fn refresh(&mut self, session: &mut Session, lang: Lang) -> Option<String> {
        let key: SummaryKey = (
            session.revision,
            self.by.clone(),
            self.coder.clone(),
            self.all_statuses,
            self.pseudonyms,
            lang,
        );
        if self.summary.as_ref().is_some_and(|(k, _)| *k == key) {
            return None;
        }
        // Counted from the summary index; only the quoted interviews are read.
        session.index();
        let quoted = session.interviews.quoted(&session.store);
        let index = session.interviews.kept_index();
        match report::summarise_quoting(&session.project, index, &quoted, &self.options(lang)) {
            Ok(mut summary) => {
                if let Some(info) = &session.programme {
                    report::attach_programme(info, &mut summary);
                }
                self.summary = Some((key, summary));
                None
            }
            Err(e) => {
                self.summary = None;
                Some(e.to_string())
            }
        }
    }

    fn row_count(&self) -> usize {
        let Some((_, summary)) = &self.summary else {
            return 0;
        };
        match self.section {
            Section::Needs => summary.codes.len(),
            Section::CoOccurrence => summary.cooccurrence.pairs.len(),
            Section::Scales => summary.scales.len(),
            Section::Programme => summary
                .programme
                .as_ref()
                .map_or(0, |p| p.differences.len()),
        }
    }
}

pub fn on_action(view: &mut SummaryView, ctx: &mut Ctx, action: Action) -> Outcome {
    let count = view.row_count();
    let groups = view
        .summary
        .as_ref()
        .and_then(|(_, s)| s.groups.as_ref())
        .map_or(0, |m| m.groups.len());
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::default();
    };
    match action {
        Action::Up => view.selected = view.selected.saturating_sub(1),
        Action::Down => view.selected = (view.selected + 1).min(count.saturating_sub(1)),
        Action::PageUp => view.selected = view.selected.saturating_sub(10),
        Action::PageDown => view.selected = (view.selected + 10).min(count.saturating_sub(1)),
        Action::Left => view.column = view.column.saturating_sub(1),
        Action::Right => view.column = (view.column + 1).min(groups),
        Action::Group => {
            let mut attributes: Vec<String> = session
                .project
                .attributes
                .iter()
                .map(|a| a.id.clone())
                .collect();
            // The rounds split like an attribute, last, in a project that has them.
            if !session.project.rounds.is_empty() && !attributes.iter().any(|a| a == "round") {
                attributes.push("round".to_string());
            }
            view.by = next_of(&attributes, view.by.as_ref());
            // The first group is selected, so Enter at once shows whose words are behind it.
            view.column = usize::from(view.by.is_some());
        }
        Action::SwitchList => {
            view.section = view.section.next(session.programme.is_some());
            view.selected = 0;
        }
        Action::CoderFilter => {
            view.coder = next_of(
                &session.interviews.kept_index().coders_in_use(),
                view.coder.as_ref(),
            )
        }
        Action::StatusFilter => view.all_statuses = !view.all_statuses,
        Action::Pseudonyms => view.pseudonyms = !view.pseudonyms,
        Action::Open if view.section == Section::Needs => return drill(view, session),
        Action::Open => return Outcome::error(ctx.t(S::DrillOnlyInNeeds)),
        Action::Export if session.programme.is_some() => {
            return Outcome::error(ctx.t(S::ProgrammeExport));
        }
        Action::Export => return open_export(ctx),
        Action::Agreement => return Outcome::go(Screen::Agreement),
        _ => {}
    }
    Outcome::default()
}

/// The passages behind the selected cell, in an overlay.
fn drill(view: &SummaryView, session: &Session) -> Outcome {
    let Some((_, summary)) = &view.summary else {
        return Outcome::default();
    };
    let Some(row) = summary.codes.get(view.selected) else {
        return Outcome::default();
    };
    let group = summary
        .groups
        .as_ref()
        .filter(|_| view.column > 0)
        .and_then(|m| {
            m.groups
                .get(view.column - 1)
                .map(|g| (m.attribute.clone(), g.value.clone(), g.label.clone()))
        });
    let cell = Drill {
        code: row.id.clone(),
        group: group.as_ref().map(|(a, v, _)| (a.clone(), v.clone())),
        question: None,
    };
    let names = Names::new(&session.project, view.pseudonyms);
    let passages = report::passages(
        &session.project,
        session.interviews.kept_index(),
        &session.interviews.quoted(&session.store),
        &view.filter(),
        &cell,
        &names,
    );
    let title = match group {
        Some((_, _, label)) => format!(" {} · {label} ", row.label),
        None => format!(" {} ", row.label),
    };
    Outcome::overlay(Overlay::Drill(DrillList {
        title,
        passages,
        selected: 0,
    }))
}

/// An action in the list of passages behind a cell: Enter opens the answer in the capture
/// screen, and Esc there comes back to the Summary tab.
pub fn on_drill_action(mut list: DrillList, action: Action) -> Outcome {
    match action {
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::Down => {
            list.selected = (list.selected + 1).min(list.passages.len().saturating_sub(1))
        }
        Action::Back => return Outcome::default(),
        Action::Open | Action::Edit => {
            let Some(p) = list.passages.get(list.selected) else {
                return Outcome::default();
            };
            let at = p.span.map(|s| s.start);
            let target = match &p.question {
                Some(id) => Target::Question { id: id.clone(), at },
                None => Target::Notes {
                    at: at.unwrap_or(0),
                },
            };
            return Outcome::open(OpenAnswer {
                interview: p.interview.clone(),
                target,
                back_to: (Screen::Tabs, Tab::Summary),
                editing: false,
            });
        }
        _ => {}
    }
    Outcome::overlay(Overlay::Drill(list))
}

fn open_export(ctx: &Ctx) -> Outcome {
    if ctx.session.is_none() {
        return Outcome::default();
    }
    let name = ctx.t(S::SummaryFileName);
    // A bare name is written to the folder behov was started from, never into the project
    // (or the demo's copy in behov's own data folder), where nobody looks for a report.
    let here = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let form = Form::new(
        ctx.t(S::ExportSummary),
        vec![
            Field::choice(
                ctx.t(S::Format),
                FORMATS
                    .iter()
                    .map(|(n, _)| n.to_string())
                    .chain(EXCHANGE.iter().map(|n| n.to_string()))
                    .collect(),
                0,
            )
            .with_hint("←→"),
            Field::text(ctx.t(S::File), name)
                .with_hint(ctx.fill(S::ExportFolderHint, &[("folder", &here)])),
        ],
    );
    Outcome::overlay(Overlay::Form {
        purpose: FormPurpose::Export,
        form,
    })
}

pub fn submit_export(view: &SummaryView, ctx: &Ctx, form: &Form) -> Result<Outcome, String> {
    let chosen = form.fields[0]
        .chosen()
        .min(FORMATS.len() + EXCHANGE.len() - 1);
    if let Some(extension) = chosen.checked_sub(FORMATS.len()).map(|i| EXCHANGE[i]) {
        return submit_exchange(view, ctx, form, extension);
    }
    let (extension, format) = FORMATS[chosen];
    let Some((path, prepared)) = prepare(view, ctx, form, extension, true)? else {
        return Ok(Outcome::default());
    };
    let mut options = view.options(ctx.lang);
    options.pseudonyms = false;
    let mut summary = report::summarise(&prepared.project, &options).map_err(|e| e.to_string())?;
    summary.pseudonyms = prepared.pseudonymised;
    let summary = &summary;
    let export = Export {
        format,
        table: None,
        // The same bytes as `behov summary --format csv` in this language.
        csv: report::render::csv::Dialect::Excel,
    };
    let bytes = report::render::export(summary, &export).map_err(|e| e.to_string())?;
    Ok(Outcome::effects(vec![Effect::WriteFile { path, bytes }]))
}

/// A REFI-QDA project (the interviews and codings the summary counts, by its coder and status
/// choices) or the codebook alone, as `behov export` writes them.
fn submit_exchange(
    view: &SummaryView,
    ctx: &Ctx,
    form: &Form,
    extension: &str,
) -> Result<Outcome, String> {
    let Some((path, prepared)) = prepare(view, ctx, form, extension, false)? else {
        return Ok(Outcome::default());
    };
    let bytes = if extension == "qdc" {
        crate::exchange::qdc(&prepared.project)
    } else {
        let options = crate::exchange::Options {
            filter: view.filter(),
            lang: ctx.lang,
        };
        crate::exchange::qdpx(&prepared.project, &options).map(|(bytes, _)| bytes)
    }
    .map_err(|e| e.to_string())?;
    Ok(Outcome::effects(vec![Effect::WriteFile { path, bytes }]))
}

/// The file an export goes to and the project as `behov summary`/`export` write it:
/// interviews without recorded consent left out, and everything pseudonymised with `p` (or,
/// for a `report`, when a consent forbids attributing quotes). `None` without a project.
fn prepare(
    view: &SummaryView,
    ctx: &Ctx,
    form: &Form,
    extension: &str,
    report: bool,
) -> Result<Option<(PathBuf, crate::privacy::pseudonymise::Prepared)>, String> {
    let path = PathBuf::from(form.value(1).trim()).with_extension(extension);
    if path.file_name().is_none() {
        return Err(ctx.t(S::GiveFile).into());
    }
    let Some(session) = ctx.session.as_deref() else {
        return Ok(None);
    };
    // Every interview is read for the file and dropped once it is made.
    let (prepared, _, _) = crate::privacy::pseudonymise::for_export(
        &session.whole(),
        session.store.root(),
        crate::privacy::pseudonymise::Options {
            pseudonymise: view.pseudonyms,
            without_consent: false,
        },
        report,
    );
    Ok(Some((path, prepared)))
}

pub fn draw(view: &SummaryView, ui: &View, frame: &mut Frame, area: Rect) {
    let Some(session) = ui.session else { return };
    let Some((_, summary)) = &view.summary else {
        return;
    };
    let head_height = if area.width < 120 { 5 } else { 3 };
    let [head, body] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(1)]).areas(area);
    let c = &summary.coverage;
    // Drafts are either counted or, by default, said to be left out.
    let drafts = match c.drafts_left_out {
        0 => ui.fill(
            S::DraftsCounted,
            &[("complete", &c.complete), ("drafts", &c.drafts)],
        ),
        n => ui.fill(
            S::DraftsLeftOut,
            &[("complete", &c.complete), ("left_out", &n)],
        ),
    };
    let coverage = ui.fill(
        S::Coverage,
        &[
            ("interviewed", &c.interviewed),
            ("respondents", &c.respondents),
            ("interviews", &c.interviews),
            ("drafts", &drafts),
            ("codings", &c.codings),
        ],
    );
    let all = ui.t(S::All).to_string();
    let by = view
        .by
        .as_ref()
        .and_then(|id| session.project.attributes.iter().find(|a| &a.id == id))
        .map(|a| a.label.get(ui.lang).to_string())
        .or_else(|| {
            (view.by.as_deref() == Some("round")).then(|| report::round_word(ui.lang).to_string())
        })
        .unwrap_or_else(|| ui.t(S::NoneChosen).to_string());
    let settings = format!(
        "{} {}  ·  {} {by}  ·  {} {}  ·  {} {}  ·  {} {}",
        ui.t(S::ViewTab),
        ui.t(view.section.name()),
        ui.t(S::SplitG),
        ui.t(S::CoderF),
        view.coder.clone().unwrap_or(all.clone()),
        ui.t(S::InterviewsS),
        if view.all_statuses {
            ui.t(S::All)
        } else {
            ui.t(S::CompleteOnly)
        },
        ui.t(S::NamesP),
        if view.pseudonyms {
            ui.t(S::Pseudonyms)
        } else {
            ui.t(S::Real)
        },
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(coverage, theme::title())),
            Line::from(Span::styled(settings, theme::dim())),
        ])
        .wrap(Wrap { trim: true }),
        head,
    );
    match view.section {
        Section::Needs => draw_needs(view, ui, summary, frame, body),
        Section::CoOccurrence => draw_pairs(view, ui, summary, frame, body),
        Section::Scales => draw_scales(view, ui, summary, frame, body),
        Section::Programme => super::programme::draw(view.selected, ui, summary, frame, body),
    }
}

fn draw_needs(view: &SummaryView, ui: &View, summary: &Summary, frame: &mut Frame, area: Rect) {
    let quotes_height = (area.height / 3).clamp(4, 12);
    let [table, quotes] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(quotes_height)]).areas(area);
    NeedsTable {
        summary,
        selected: view.selected,
        column: view.column,
        lang: ui.lang,
    }
    .draw(frame, table);
    let selected = summary.codes.get(view.selected);
    let mut quote_lines = Vec::new();
    if let Some(q) = selected.and_then(|row| summary.quotes.iter().find(|q| q.id == row.id)) {
        for quote in &q.quotes {
            let group = quote
                .group
                .as_ref()
                .map(|g| format!(", {g}"))
                .unwrap_or_default();
            quote_lines.push(Line::from(vec![
                Span::raw(format!("«{}» ", quote.text)),
                Span::styled(format!("— {}{group}", quote.respondent), theme::dim()),
            ]));
        }
    }
    if quote_lines.is_empty() {
        quote_lines.push(Line::from(Span::styled(
            ui.t(S::NoQuotesThisNeed),
            theme::dim(),
        )));
    }
    let title = match selected {
        Some(row) => format!(
            " {} {} · Enter: {} ",
            ui.t(S::Quotes),
            row.label,
            ui.t(S::EveryPassage)
        ),
        None => String::new(),
    };
    frame.render_widget(
        Paragraph::new(quote_lines)
            .wrap(Wrap { trim: true })
            .block(Block::new().borders(Borders::TOP).title(title)),
        quotes,
    );
}

fn draw_pairs(view: &SummaryView, ui: &View, summary: &Summary, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::from(Span::styled(
        ui.t(S::PairsNeedsRaisedSameAnswer),
        theme::title(),
    ))];
    let height = area.height.saturating_sub(1) as usize;
    let offset = (view.selected + 1).saturating_sub(height.max(1));
    for (i, pair) in summary
        .cooccurrence
        .pairs
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
    {
        let text = format!(
            "{} {} + {}: {} {}, {} {}",
            if i == view.selected { "▶" } else { " " },
            pair.a.label,
            pair.b.label,
            pair.answers,
            ui.t(S::AnswersLower),
            pair.interviews,
            ui.t(S::InterviewsLower)
        );
        let line = Line::from(text);
        lines.push(if i == view.selected {
            line.style(theme::selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_scales(view: &SummaryView, ui: &View, summary: &Summary, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    let fmt = |v: Option<f64>| v.map_or("–".to_string(), |x| report::format::decimal(x, ui.lang));
    for (i, scale) in summary.scales.iter().enumerate().skip(view.selected) {
        let style = if i == view.selected {
            theme::selected()
        } else {
            theme::title()
        };
        lines.push(Line::from(Span::styled(scale.text.clone(), style)));
        let most = scale.all.counts.iter().copied().max().unwrap_or(0).max(1);
        for (k, count) in scale.all.counts.iter().enumerate() {
            let value = scale.min as usize + k;
            let label = scale.labels.get(k).cloned().unwrap_or_default();
            lines.push(Line::from(format!(
                "  {value} {label:<22} {} {count}",
                "█".repeat(count * 30 / most)
            )));
        }
        let mut summary_line = format!(
            "  {} {}  {} {}  n = {}",
            ui.t(S::Mean),
            fmt(scale.all.mean),
            ui.t(S::Median),
            fmt(scale.all.median),
            scale.all.n
        );
        for g in &scale.groups {
            summary_line.push_str(&format!(
                "  ·  {}: {}",
                g.group.label,
                fmt(g.distribution.mean)
            ));
        }
        lines.push(Line::from(Span::styled(summary_line, theme::dim())));
        // The change between rounds, as the report says it.
        let changes = summary.rounds.iter().flat_map(|r| &r.changes);
        for change in changes.filter(|c| c.question == scale.question) {
            lines.push(Line::from(format!("  {}", change.sentence(ui.lang))));
        }
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

pub fn draw_drill(ui: &View, list: &DrillList, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(list.title.clone())
        .title_bottom(ui.t(S::EnterOpenAnswerEscCloseTitle));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    let visible = (inner.height as usize / 3).max(1);
    let offset = (list.selected + 1).saturating_sub(visible);
    let project = ui.session.map(|s| &s.project);
    for (i, p) in list.passages.iter().enumerate().skip(offset).take(visible) {
        let question = project
            .and_then(|pr| {
                Some((
                    pr.guide.position(p.question.as_deref()?)? + 1,
                    pr.guide
                        .question(p.question.as_deref()?)?
                        .text
                        .get(ui.lang)
                        .to_string(),
                ))
            })
            .map(|(n, text)| {
                format!(
                    "{}{n} {}",
                    ui.t(S::QuestionPrefix),
                    text.chars().take(60).collect::<String>()
                )
            })
            .unwrap_or_else(|| match &p.question {
                Some(q) => q.clone(),
                None => ui.t(S::OutsideGuideLower).to_string(),
            });
        let head = Line::from(format!(
            "{}{} · {question} · {}",
            if i == list.selected { "▶ " } else { "  " },
            p.attribution,
            p.coder
        ));
        lines.push(if i == list.selected {
            head.style(theme::selected())
        } else {
            head.style(theme::title())
        });
        lines.push(Line::from(format!("    {}", p.text)));
        lines.push(Line::from(""));
    }
    if list.passages.is_empty() {
        lines.push(Line::from(ui.t(S::NoPassages)));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
