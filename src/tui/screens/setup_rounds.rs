//! The project's rounds in the set-up screen: baseline, follow-ups, each with a name and an
//! optional period, in order.

use jiff::civil::Date;

use crate::model::{Project, Round};
use crate::tui::cursor::Cursor;
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::session::touch;
use crate::tui::state::{Ctx, Effect, FormPurpose, Outcome, Overlay};
use crate::tui::strings::S;

use super::interviews::parse_date;

/// An action on the rounds list, whose selection is `selected`.
pub fn on_action(selected: &mut usize, ctx: &mut Ctx, action: Action) -> Outcome {
    let Some(project) = ctx.project() else {
        return Outcome::default();
    };
    let count = project.rounds.len();
    let mut cursor = Cursor { at: *selected };
    if cursor.apply(action, count, 10) {
        *selected = cursor.at;
        return Outcome::default();
    }
    if matches!(
        action,
        Action::New | Action::Edit | Action::Delete | Action::MoveUp | Action::MoveDown
    ) && let Some(refusal) = ctx.refuse_if_read_only()
    {
        return refusal;
    }
    match action {
        Action::New => Outcome::overlay(form(ctx, None)),
        Action::Edit if count > 0 => Outcome::overlay(form(ctx, Some(*selected))),
        Action::Delete if count > 0 => remove(selected, ctx),
        Action::MoveUp | Action::MoveDown if count > 1 => {
            let target = if action == Action::MoveUp {
                selected.checked_sub(1)
            } else {
                Some(*selected + 1).filter(|t| *t < count)
            };
            let Some(target) = target else {
                return Outcome::default();
            };
            let Some(session) = ctx.session.as_deref_mut() else {
                return Outcome::default();
            };
            // An interview without a round is in the first: name it before the first changes.
            // Every interview is read for it; those named are held until saved.
            let named = session.change_whole(name_first_round);
            session.project.rounds.swap(*selected, target);
            *selected = target;
            session.revision += 1;
            Outcome::effects(vec![Effect::SaveChange {
                interviews: named,
                codebook: false,
                project: true,
            }])
        }
        _ => Outcome::default(),
    }
}

/// Gives every interview without a round the first round's id, so reordering or removing
/// rounds never moves an interview silently. Returns the interviews changed.
fn name_first_round(project: &mut Project) -> Vec<String> {
    let Some(first) = project.rounds.first().map(|r| r.id.clone()) else {
        return Vec::new();
    };
    let mut changed = Vec::new();
    for interview in &mut project.interviews {
        if interview.round.is_none() {
            interview.round = Some(first.clone());
            touch(interview);
            changed.push(interview.id.clone());
        }
    }
    changed
}

/// Removes the selected round when no interview is in it; refuses otherwise, saying why.
fn remove(selected: &mut usize, ctx: &mut Ctx) -> Outcome {
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    session.index();
    let per_round =
        crate::report::interviews_per_round(&session.project, session.interviews.kept_index());
    let Some(project) = ctx.project() else {
        return Outcome::default();
    };
    let Some(round) = project.rounds.get(*selected) else {
        return Outcome::default();
    };
    let used = per_round.get(*selected).copied().unwrap_or(0);
    if used > 0 {
        let interviews = ctx.count(used, S::InterviewOne, S::InterviewMany);
        return Outcome::error(ctx.fill(
            S::RoundInUse,
            &[("name", &round.name), ("interviews", &interviews)],
        ));
    }
    let done = ctx.t(S::RoundRemoved);
    let Some(session) = ctx.session.as_deref_mut() else {
        return Outcome::default();
    };
    session.project.rounds.remove(*selected);
    *selected = (*selected).min(session.project.rounds.len().saturating_sub(1));
    session.revision += 1;
    Outcome::effects(vec![Effect::SaveProject]).with_info(done)
}

fn form(ctx: &Ctx, index: Option<usize>) -> Overlay {
    let existing = index.and_then(|i| ctx.project()?.rounds.get(i));
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let fields = vec![
        Field::text(
            ctx.t(S::RoundName),
            existing.map(|r| r.name.clone()).unwrap_or_default(),
        )
        .with_hint(ctx.t(S::RoundNameHint)),
        Field::text(ctx.t(S::RoundStart), date(existing.and_then(|r| r.start)))
            .with_hint(ctx.t(S::OptionalDate)),
        Field::text(ctx.t(S::RoundEnd), date(existing.and_then(|r| r.end)))
            .with_hint(ctx.t(S::OptionalDate)),
    ];
    Overlay::Form {
        purpose: FormPurpose::Round(index),
        form: Form::new(ctx.t(S::RoundsTitle), fields),
    }
}

/// Saves the round form: a new round last (id `r1`, `r2`…), or the round at `index` changed.
pub fn submit(ctx: &mut Ctx, index: Option<usize>, form: &Form) -> Result<Outcome, String> {
    let name = form
        .value(0)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return Err(ctx.t(S::GiveRoundName).into());
    }
    let optional = |text: &str| -> Result<Option<Date>, String> {
        match text.trim() {
            "" => Ok(None),
            text => parse_date(ctx.lang, text).map(Some),
        }
    };
    let start = optional(form.value(1))?;
    let end = optional(form.value(2))?;
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        return Err(ctx.t(S::RoundEndsBeforeStart).into());
    }
    let Some(session) = ctx.session.as_deref_mut() else {
        return Ok(Outcome::default());
    };
    let rounds = &mut session.project.rounds;
    match index.and_then(|i| rounds.get_mut(i)) {
        Some(round) => {
            round.name = name;
            round.start = start;
            round.end = end;
        }
        None => {
            // `r1`, `r2`… as the files name them by hand (not `r001`, which respondents use).
            let highest = rounds
                .iter()
                .filter_map(|r| r.id.strip_prefix('r')?.parse::<u32>().ok())
                .max()
                .unwrap_or(0);
            let id = format!("r{}", highest + 1);
            rounds.push(Round {
                id,
                name,
                start,
                end,
            });
        }
    }
    session.revision += 1;
    Ok(Outcome::effects(vec![Effect::SaveProject]))
}

/// The lines of the rounds list: the name, and the period and interviews beside it.
/// `per_round`: the interviews in each round.
pub fn lines(
    ctx_count: impl Fn(usize) -> String,
    project: &Project,
    per_round: &[usize],
) -> Vec<(String, String)> {
    project
        .rounds
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let period = match (r.start, r.end) {
                (None, None) => String::new(),
                (start, end) => format!(
                    " · {}–{}",
                    start.map(|d| d.to_string()).unwrap_or_default(),
                    end.map(|d| d.to_string()).unwrap_or_default()
                ),
            };
            (
                r.name.clone(),
                format!(
                    "  {}{period}",
                    ctx_count(per_round.get(k).copied().unwrap_or(0))
                ),
            )
        })
        .collect()
}
