//! Merging a colleague's copy from the interface: `M` on the Interviews tab asks for the
//! folder, the runner reads it (and the common ancestor in git) and opens this screen, which
//! shows what comes in and lists every conflict with both versions; each is decided with
//! m (mine), t (theirs) or b (both), and Enter writes the merge as one change. Nothing is
//! written while a conflict is undecided; Esc leaves without writing.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::model::merge::{self, ChangeKind, Conflict, Kind, Plan, Refusal, Resolutions};
use crate::model::{Keep, Lang, Project};
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::state::{Ctx, Effect, FormPurpose, Outcome, Overlay, View};
use crate::tui::strings::{S, say};
use crate::tui::theme;

/// The choices of `Action::Choose(n)`, in the order of the conflict screen's buttons.
const CHOICES: [Keep; 3] = [Keep::Both, Keep::Mine, Keep::Theirs];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeScreen {
    pub other: PathBuf,
    /// This project with every interview, read for the merge and dropped with the screen.
    pub mine: Project,
    theirs: Project,
    base: Option<Project>,
    /// The git commit of the ancestor, when there is one.
    commit: Option<String>,
    resolutions: Resolutions,
    pub plan: Plan,
    /// The conflict shown.
    selected: usize,
}

impl MergeScreen {
    /// The plan for merging `theirs` into `mine`, nothing decided yet.
    pub fn new(
        mine: Project,
        other: PathBuf,
        theirs: Project,
        ancestor: Option<(Project, String)>,
    ) -> Result<MergeScreen, Refusal> {
        let (base, commit) = match ancestor {
            Some((p, c)) => (Some(p), Some(c)),
            None => (None, None),
        };
        let resolutions = Resolutions::default();
        let plan = merge::merge(base.as_ref(), &mine, &theirs, &resolutions)?;
        Ok(MergeScreen {
            other,
            mine,
            theirs,
            base,
            commit,
            resolutions,
            plan,
            selected: 0,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.plan.changes.is_empty() && self.plan.conflicts.is_empty()
    }

    fn decide(&mut self, keep: Keep) -> Result<(), Refusal> {
        let Some(conflict) = self.plan.conflicts.get(self.selected) else {
            return Ok(());
        };
        self.resolutions.by_key.insert(conflict.key.clone(), keep);
        self.plan = merge::merge(
            self.base.as_ref(),
            &self.mine,
            &self.theirs,
            &self.resolutions,
        )?;
        // On to the next undecided conflict.
        if let Some(next) = (0..self.plan.conflicts.len())
            .map(|i| (self.selected + i) % self.plan.conflicts.len())
            .find(|&i| self.plan.conflicts[i].keep.is_none())
        {
            self.selected = next;
        }
        Ok(())
    }
}

/// The form asking for the colleague's folder.
pub fn form(lang: Lang) -> Overlay {
    let form = Form::new(
        say(lang, S::MergeFormTitle),
        vec![
            Field::text(say(lang, S::Folder), String::new())
                .with_hint(say(lang, S::MergeFolderHint)),
        ],
    );
    Overlay::Form {
        purpose: FormPurpose::MergeCopy,
        form,
    }
}

pub fn submit(ctx: &Ctx, form: &Form) -> Result<Outcome, String> {
    let path = PathBuf::from(form.value(0).trim());
    if !path.is_dir() {
        return Err(ctx.t(S::MergeNoFolder).into());
    }
    Ok(Outcome::effects(vec![Effect::PlanMerge(path)]))
}

pub fn on_action(screen: &mut Option<MergeScreen>, ctx: &mut Ctx, action: Action) -> Outcome {
    let Some(state) = screen.as_mut() else {
        return Outcome::default();
    };
    let count = state.plan.conflicts.len();
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(count.saturating_sub(1)),
        Action::Choose(n) if n < CHOICES.len() => {
            let keep = CHOICES[n];
            let Some(conflict) = state.plan.conflicts.get(state.selected) else {
                return Outcome::default();
            };
            if keep == Keep::Both && !conflict.kind.can_keep_both() {
                return Outcome::error(ctx.t(S::MergeNoBoth));
            }
            if let Err(refusal) = state.decide(keep) {
                return Outcome::error(refusal.to_string());
            }
        }
        Action::Confirm => {
            let open = state.plan.unresolved();
            if open > 0 {
                let conflicts = ctx.count(open, S::ConflictOne, S::ConflictMany);
                return Outcome::error(ctx.fill(S::MergeOpenLeft, &[("conflicts", &conflicts)]));
            }
            return Outcome::effects(vec![Effect::ApplyMerge]);
        }
        Action::Back => {
            *screen = None;
            return Outcome::info(ctx.t(S::MergeCancelled));
        }
        _ => {}
    }
    Outcome::default()
}

fn kind_text(kind: Kind) -> S {
    match kind {
        Kind::Text => S::MergeKindText,
        Kind::Details => S::MergeKindDetails,
        Kind::Codings => S::MergeKindCodings,
        Kind::SameInterviewId => S::MergeKindSameInterviewId,
        Kind::SameRespondentId => S::MergeKindSameRespondentId,
        Kind::SameCodeId => S::MergeKindSameCodeId,
        Kind::Code => S::MergeKindCode,
        Kind::Respondent => S::MergeKindRespondent,
        Kind::Round => S::MergeKindRound,
        Kind::DeletedHere => S::MergeKindDeletedHere,
        Kind::DeletedThere => S::MergeKindDeletedThere,
    }
}

fn decision(view: &View, c: &Conflict) -> &'static str {
    match c.keep {
        None => view.t(S::MergeUndecided),
        Some(Keep::Mine) => view.t(S::MergeDecidedMine),
        Some(Keep::Theirs) => view.t(S::MergeDecidedTheirs),
        Some(Keep::Both) => view.t(S::MergeDecidedBoth),
    }
}

/// The head: where from, how, what comes in, how many conflicts.
fn head(state: &MergeScreen, view: &View) -> Vec<Line<'static>> {
    let plan = &state.plan;
    let how = match &state.commit {
        Some(commit) => view.fill(
            S::MergeThreeWay,
            &[("commit", &&commit[..commit.len().min(10)])],
        ),
        None => view.t(S::MergeTwoWay).to_string(),
    };
    let mut lines = vec![Line::styled(how, theme::dim())];
    if state.is_empty() {
        lines.push(Line::from(view.t(S::MergeNothing)));
        return lines;
    }
    if !plan.changes.is_empty() {
        let counted = [
            (S::MergeNewInterviews, plan.count(ChangeKind::NewInterview)),
            (
                S::MergeNewRespondents,
                plan.count(ChangeKind::NewRespondent),
            ),
            (S::MergeNewCodes, plan.count(ChangeKind::NewCode)),
            (S::MergeCoderCodings, plan.count(ChangeKind::Codings)),
        ];
        let other = plan.changes.len() - counted.iter().map(|(_, n)| n).sum::<usize>();
        let list: Vec<String> = counted
            .into_iter()
            .chain(std::iter::once((S::MergeOtherChanges, other)))
            .filter(|(_, n)| *n > 0)
            .map(|(label, n)| format!("{}: {n}", view.t(label)))
            .collect();
        lines.push(Line::from(
            view.fill(S::MergeIncoming, &[("list", &list.join(", "))]),
        ));
    }
    if !plan.conflicts.is_empty() {
        let style = if plan.unresolved() > 0 {
            theme::error()
        } else {
            theme::info()
        };
        lines.push(Line::styled(
            view.fill(
                S::MergeConflictCount,
                &[("n", &plan.conflicts.len()), ("open", &plan.unresolved())],
            ),
            style,
        ));
    }
    lines
}

fn change_line(c: &merge::Change) -> String {
    let mark = match c.kind {
        ChangeKind::NewInterview
        | ChangeKind::NewRespondent
        | ChangeKind::NewCode
        | ChangeKind::NewAttribute
        | ChangeKind::NewRound => "+",
        ChangeKind::RemovedInterview | ChangeKind::RemovedRespondent | ChangeKind::RemovedCode => {
            "−"
        }
        _ => "~",
    };
    match c.kind {
        ChangeKind::Codings => format!("{mark} {} (+{} −{})", c.subject, c.added, c.removed),
        _ => format!("{mark} {}", c.subject),
    }
}

pub fn draw(state: &MergeScreen, view: &View, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    // The folder's name: the whole path was typed a moment ago, and a long one would crowd
    // out the title at 80 columns.
    let name = state.other.file_name().map_or_else(
        || state.other.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let title = view.fill(S::MergeTitle, &[("other", &name)]);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let head = head(state, view);
    // Rows the head takes once wrapped, and a blank one.
    let width = usize::from(inner.width.max(1));
    let rows: usize = head.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let [top, rest] =
        Layout::vertical([Constraint::Length(rows as u16 + 1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), top);
    if state.plan.conflicts.is_empty() {
        let lines: Vec<Line> =
            std::iter::once(Line::styled(view.t(S::MergeChanges), theme::title()))
                .chain(
                    state
                        .plan
                        .changes
                        .iter()
                        .map(|c| Line::from(change_line(c))),
                )
                .collect();
        frame.render_widget(Paragraph::new(lines), rest);
        return;
    }
    let list_height = (state.plan.conflicts.len() as u16 + 1)
        .min(rest.height / 3)
        .max(2);
    let [list, versions] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(1)]).areas(rest);
    let first = state
        .selected
        .saturating_sub(usize::from(list_height.saturating_sub(2)));
    let mut lines = vec![Line::styled(view.t(S::MergeConflicts), theme::title())];
    for (i, c) in state.plan.conflicts.iter().enumerate().skip(first) {
        let text = format!(
            "{} [{}] {}: {}",
            if i == state.selected { "▶" } else { " " },
            decision(view, c),
            view.t(kind_text(c.kind)),
            c.subject
        );
        let style = if i == state.selected {
            theme::selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let Some(c) = state.plan.conflicts.get(state.selected) else {
        return;
    };
    let [mine, theirs] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(versions);
    let start = match (&c.mine, &c.theirs) {
        (Some(a), Some(b)) => difference_start(a, b),
        _ => 0,
    };
    for (area, label, text) in [
        (mine, S::MergeHere, &c.mine),
        (theirs, S::MergeThere, &c.theirs),
    ] {
        let text = match text.as_deref() {
            Some(text) if start > 0 => format!("… {}", tail(text, start)),
            Some(text) => text.to_string(),
            None => view.t(S::MergeDeleted).to_string(),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {} ", view.t(label)), theme::title()));
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
            area,
        );
    }
}

/// Characters of the two versions' shared beginning shown before where they differ.
const CONTEXT: usize = 60;

/// Where to start showing two versions so that their difference is on screen: a little before
/// the first character they differ in, at the start of a word; 0 when they differ early.
/// Two long answers often differ only in a sentence at the end.
fn difference_start(a: &str, b: &str) -> usize {
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    if same <= CONTEXT {
        return 0;
    }
    let from = same - CONTEXT;
    // Forward to the next word, so the view does not begin mid-word.
    a.chars()
        .enumerate()
        .skip(from)
        .take(CONTEXT)
        .find(|(_, c)| c.is_whitespace())
        .map_or(from, |(i, _)| i + 1)
}

/// `text` from character `start` on.
fn tail(text: &str, start: usize) -> &str {
    text.char_indices()
        .nth(start)
        .map_or("", |(byte, _)| &text[byte..])
}

#[cfg(test)]
mod difference_tests {
    use super::*;

    #[test]
    fn two_long_versions_are_shown_from_a_little_before_where_they_differ() {
        let shared = "Vi är sju personer på näringslivsenheten och möter ungefär 350 till 400 företag per år, mest genom företagsbesök.";
        let a = format!("{shared} Tillägg från Anna.");
        let b = format!("{shared} Tillägg från Björn.");
        let start = difference_start(&a, &b);
        assert!(start > 0);
        let (ta, tb) = (tail(&a, start), tail(&b, start));
        assert!(ta.ends_with("Tillägg från Anna.") && tb.ends_with("Tillägg från Björn."));
        assert!(
            ta.chars().count() <= CONTEXT + "Tillägg från Anna.".len(),
            "{ta}"
        );
        assert!(!ta.starts_with(' '), "starts at a word: {ta}");
    }

    #[test]
    fn versions_that_differ_early_are_shown_whole() {
        assert_eq!(difference_start("Kort svar.", "Ett annat svar."), 0);
        let long = "x".repeat(200);
        assert_eq!(
            difference_start(&format!("a{long}"), &format!("b{long}")),
            0
        );
    }
}
