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
use crate::report::{self, Drill, Filter, Index, Names, Options, Passage, Summary};
use crate::tui::app::{App, Effect, FormPurpose, Overlay};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::screens::capture;
use crate::tui::screens::codebook::next_of;
use crate::tui::screens::needs_table::NeedsTable;
use crate::tui::theme;

const VIEWS_SV: [&str; 3] = ["behov", "samförekomst", "skalfrågor"];
const VIEWS_EN: [&str; 3] = ["needs", "co-occurrence", "scale questions"];
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
    /// 0 needs, 1 co-occurrence, 2 scale questions.
    pub view: usize,
    /// The attribute the needs are split by.
    pub by: Option<String>,
    pub coder: Option<String>,
    /// Count drafts too; by default only complete interviews count, as in report files.
    pub all_statuses: bool,
    pub pseudonyms: bool,
    pub selected: usize,
    /// 0 the whole row, n the nth group, for drilling.
    pub column: usize,
    index: Option<(u64, Index)>,
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

/// Brings the summary up to date with the project (once per change, not per frame).
pub fn refresh(app: &mut App) {
    let Some(session) = &app.session else { return };
    let project = &session.project;
    let view = &mut app.summary;
    match &mut view.index {
        Some((revision, index)) if *revision != session.revision => {
            index.refresh(project);
            *revision = session.revision;
        }
        Some(_) => {}
        None => view.index = Some((session.revision, Index::new(project))),
    }
    let key: SummaryKey = (
        session.revision,
        view.by.clone(),
        view.coder.clone(),
        view.all_statuses,
        view.pseudonyms,
        app.lang,
    );
    if view.summary.as_ref().is_some_and(|(k, _)| *k == key) {
        return;
    }
    let index = &view.index.as_ref().expect("built above").1;
    match report::summarise_with(project, index, &view.options(app.lang)) {
        Ok(summary) => view.summary = Some((key, summary)),
        Err(e) => {
            view.summary = None;
            app.status = Some(crate::tui::app::Status {
                text: e.to_string(),
                error: true,
            });
        }
    }
}

fn row_count(app: &App) -> usize {
    let Some((_, summary)) = &app.summary.summary else {
        return 0;
    };
    match app.summary.view {
        0 => summary.codes.len(),
        1 => summary.cooccurrence.pairs.len(),
        _ => summary.scales.len(),
    }
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let count = row_count(app);
    let groups = app
        .summary
        .summary
        .as_ref()
        .and_then(|(_, s)| s.groups.as_ref())
        .map_or(0, |m| m.groups.len());
    let Some(session) = &app.session else {
        return Vec::new();
    };
    let view = &mut app.summary;
    match action {
        Action::Up => view.selected = view.selected.saturating_sub(1),
        Action::Down => view.selected = (view.selected + 1).min(count.saturating_sub(1)),
        Action::PageUp => view.selected = view.selected.saturating_sub(10),
        Action::PageDown => view.selected = (view.selected + 10).min(count.saturating_sub(1)),
        Action::Left => view.column = view.column.saturating_sub(1),
        Action::Right => view.column = (view.column + 1).min(groups),
        Action::Group => {
            let attributes: Vec<String> = session
                .project
                .attributes
                .iter()
                .map(|a| a.id.clone())
                .collect();
            view.by = next_of(&attributes, view.by.as_ref());
            // The first group is selected, so Enter at once shows whose words are behind it.
            view.column = usize::from(view.by.is_some());
        }
        Action::SwitchList => {
            view.view = (view.view + 1) % 3;
            view.selected = 0;
        }
        Action::CoderFilter => {
            view.coder = next_of(
                &crate::model::coding_ops::coders(&session.project),
                view.coder.as_ref(),
            )
        }
        Action::StatusFilter => view.all_statuses = !view.all_statuses,
        Action::Pseudonyms => view.pseudonyms = !view.pseudonyms,
        Action::Open if view.view == 0 => drill(app),
        Action::Export => open_export(app),
        _ => {}
    }
    Vec::new()
}

fn drill(app: &mut App) {
    let Some(session) = &app.session else { return };
    let view = &app.summary;
    let Some((_, summary)) = &view.summary else {
        return;
    };
    let Some(row) = summary.codes.get(view.selected) else {
        return;
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
    let Some((_, index)) = &view.index else {
        return;
    };
    let names = Names::new(&session.project, view.pseudonyms);
    let passages = report::passages(&session.project, index, &view.filter(), &cell, &names);
    let title = match group {
        Some((_, _, label)) => format!(" {} · {label} ", row.label),
        None => format!(" {} ", row.label),
    };
    app.overlay = Some(Overlay::Drill(DrillList {
        title,
        passages,
        selected: 0,
    }));
}

pub fn on_drill_key(app: &mut App, mut list: DrillList, action: Option<Action>) -> Vec<Effect> {
    match action {
        Some(Action::Up) => list.selected = list.selected.saturating_sub(1),
        Some(Action::Down) => {
            list.selected = (list.selected + 1).min(list.passages.len().saturating_sub(1))
        }
        Some(Action::Back) => return Vec::new(),
        Some(Action::Open) | Some(Action::Edit) => {
            if let Some(p) = list.passages.get(list.selected) {
                capture::open_part(
                    app,
                    &p.interview,
                    p.question.as_deref(),
                    p.span.map(|s| s.start),
                );
                if let Some(c) = app.capture.as_mut() {
                    c.back_to = (crate::tui::app::Screen::Tabs, crate::tui::app::Tab::Summary);
                }
            }
            return Vec::new();
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Drill(list));
    Vec::new()
}

fn open_export(app: &mut App) {
    if app.session.is_none() {
        return;
    }
    let name = if app.sv() {
        "behovssammanstallning.xlsx"
    } else {
        "needs-summary.xlsx"
    };
    // A bare name is written to the folder behov was started from, never into the project
    // (or the demo's copy in behov's own data folder), where nobody looks for a report.
    let here = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let form = Form::new(
        app.t("Exportera sammanställningen", "Export the summary"),
        vec![
            Field::choice(
                app.t("Format", "Format"),
                FORMATS
                    .iter()
                    .map(|(n, _)| n.to_string())
                    .chain(EXCHANGE.iter().map(|n| n.to_string()))
                    .collect(),
                0,
            )
            .with_hint("←→"),
            Field::text(app.t("Fil", "File"), name).with_hint(if app.sv() {
                format!("i {here} om ingen mapp anges; filändelsen följer formatet")
            } else {
                format!("in {here} unless a folder is given; the extension follows the format")
            }),
        ],
    );
    app.overlay = Some(Overlay::Form {
        purpose: FormPurpose::Export,
        form,
    });
}

pub fn submit_export(app: &mut App, form: &Form) -> Result<Vec<Effect>, String> {
    let chosen = form.fields[0]
        .chosen()
        .min(FORMATS.len() + EXCHANGE.len() - 1);
    if let Some(extension) = chosen.checked_sub(FORMATS.len()).map(|i| EXCHANGE[i]) {
        return submit_exchange(app, form, extension);
    }
    let (extension, format) = FORMATS[chosen];
    let path = PathBuf::from(form.value(1).trim()).with_extension(extension);
    if path.file_name().is_none() {
        return Err(app.t("Ange en fil.", "Give a file.").into());
    }
    let Some(session) = &app.session else {
        return Ok(Vec::new());
    };
    // What `behov summary` writes: interviews without recorded consent left out, and
    // everything pseudonymised with `p` (or when a consent forbids attributing quotes).
    let (prepared, _, _) = crate::privacy::pseudonymise::for_export(
        &session.project,
        session.store.root(),
        crate::privacy::pseudonymise::Options {
            pseudonymise: app.summary.pseudonyms,
            without_consent: false,
        },
        true,
    );
    let mut options = app.summary.options(app.lang);
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
    Ok(vec![Effect::WriteFile { path, bytes }])
}

/// A REFI-QDA project (the interviews and codings the summary counts, by its coder and status
/// choices) or the codebook alone, as `behov export` writes them.
fn submit_exchange(app: &App, form: &Form, extension: &str) -> Result<Vec<Effect>, String> {
    let path = PathBuf::from(form.value(1).trim()).with_extension(extension);
    if path.file_name().is_none() {
        return Err(app.t("Ange en fil.", "Give a file.").into());
    }
    let Some(session) = &app.session else {
        return Ok(Vec::new());
    };
    let (prepared, _, _) = crate::privacy::pseudonymise::for_export(
        &session.project,
        session.store.root(),
        crate::privacy::pseudonymise::Options {
            pseudonymise: app.summary.pseudonyms,
            without_consent: false,
        },
        false,
    );
    let bytes = if extension == "qdc" {
        crate::exchange::qdc(&prepared.project)
    } else {
        let options = crate::exchange::Options {
            filter: app.summary.filter(),
            lang: app.lang,
        };
        crate::exchange::qdpx(&prepared.project, &options).map(|(bytes, _)| bytes)
    }
    .map_err(|e| e.to_string())?;
    Ok(vec![Effect::WriteFile { path, bytes }])
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(session) = &app.session else { return };
    let view = &app.summary;
    let Some((_, summary)) = &view.summary else {
        return;
    };
    let head_height = if area.width < 120 { 5 } else { 3 };
    let [head, body] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(1)]).areas(area);
    let c = &summary.coverage;
    // Drafts are either counted or, by default, said to be left out.
    let drafts = match (app.sv(), c.drafts_left_out) {
        (true, 0) => format!("{} klara, {} utkast", c.complete, c.drafts),
        (true, n) => format!("{} klara; {n} utkast ej medräknade", c.complete),
        (false, 0) => format!("{} complete, {} drafts", c.complete, c.drafts),
        (false, n) => format!("{} complete; {n} drafts not counted", c.complete),
    };
    let coverage = if app.sv() {
        format!(
            "{} av {} organisationer intervjuade · {} intervjuer ({drafts}) · {} kodningar",
            c.interviewed, c.respondents, c.interviews, c.codings
        )
    } else {
        format!(
            "{} of {} organisations interviewed · {} interviews ({drafts}) · {} codings",
            c.interviewed, c.respondents, c.interviews, c.codings
        )
    };
    let all = app.t("alla", "all").to_string();
    let by = view
        .by
        .as_ref()
        .and_then(|id| session.project.attributes.iter().find(|a| &a.id == id))
        .map(|a| a.label.get(app.lang).to_string())
        .unwrap_or_else(|| app.t("ingen", "none").to_string());
    let views = if app.sv() { VIEWS_SV } else { VIEWS_EN };
    let settings = format!(
        "{} {}  ·  {} {by}  ·  {} {}  ·  {} {}  ·  {} {}",
        app.t("vy (Tab):", "view (Tab):"),
        views[view.view],
        app.t("dela upp (g):", "split by (g):"),
        app.t("kodare (f):", "coder (f):"),
        view.coder.clone().unwrap_or(all.clone()),
        app.t("intervjuer (s):", "interviews (s):"),
        if view.all_statuses {
            app.t("alla", "all")
        } else {
            app.t("klara", "complete")
        },
        app.t("namn (p):", "names (p):"),
        if view.pseudonyms {
            app.t("pseudonymer", "pseudonyms")
        } else {
            app.t("riktiga", "real")
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
    match view.view {
        0 => draw_needs(app, summary, frame, body),
        1 => draw_pairs(app, summary, frame, body),
        _ => draw_scales(app, summary, frame, body),
    }
}

fn draw_needs(app: &App, summary: &Summary, frame: &mut Frame, area: Rect) {
    let view = &app.summary;
    let quotes_height = (area.height / 3).clamp(4, 12);
    let [table, quotes] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(quotes_height)]).areas(area);
    NeedsTable {
        summary,
        selected: view.selected,
        column: view.column,
        lang: app.lang,
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
            app.t("Inga citat för detta behov.", "No quotes for this need."),
            theme::dim(),
        )));
    }
    let title = match selected {
        Some(row) => format!(
            " {} {} · Enter: {} ",
            app.t("Citat:", "Quotes:"),
            row.label,
            app.t("alla passager", "every passage")
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

fn draw_pairs(app: &App, summary: &Summary, frame: &mut Frame, area: Rect) {
    let view = &app.summary;
    let mut lines = vec![Line::from(Span::styled(
        app.t(
            "Par av behov som nämns i samma svar / samma intervju",
            "Pairs of needs raised in the same answer / the same interview",
        ),
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
            app.t("svar", "answers"),
            pair.interviews,
            app.t("intervjuer", "interviews")
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

fn draw_scales(app: &App, summary: &Summary, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    let fmt =
        |v: Option<f64>| v.map_or("–".to_string(), |x| report::format::decimal(x, app.lang));
    for (i, scale) in summary.scales.iter().enumerate().skip(app.summary.selected) {
        let style = if i == app.summary.selected {
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
            app.t("medel", "mean"),
            fmt(scale.all.mean),
            app.t("median", "median"),
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
        lines.push(Line::from(""));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

pub fn draw_drill(app: &App, list: &DrillList, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(list.title.clone())
        .title_bottom(app.t(
            " ↑↓ · Enter öppna svaret · Esc stäng ",
            " ↑↓ · Enter open the answer · Esc close ",
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    let visible = (inner.height as usize / 3).max(1);
    let offset = (list.selected + 1).saturating_sub(visible);
    let project = app.session.as_ref().map(|s| &s.project);
    for (i, p) in list.passages.iter().enumerate().skip(offset).take(visible) {
        let question = project
            .and_then(|pr| {
                Some((
                    pr.guide.position(p.question.as_deref()?)? + 1,
                    pr.guide
                        .question(p.question.as_deref()?)?
                        .text
                        .get(app.lang)
                        .to_string(),
                ))
            })
            .map(|(n, text)| {
                format!(
                    "{}{n} {}",
                    app.t("F", "Q"),
                    text.chars().take(60).collect::<String>()
                )
            })
            .unwrap_or_else(|| match &p.question {
                Some(q) => q.clone(),
                None => app.t("utanför guiden", "outside the guide").to_string(),
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
        lines.push(Line::from(app.t("Inga passager.", "No passages.")));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
