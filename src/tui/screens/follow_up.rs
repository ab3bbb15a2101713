//! Rounds and participants in the interview forms, and starting a follow-up interview from
//! an organisation's previous one.
//!
//! The two fields go last in the new-interview and details forms: the round (a choice, only
//! when the project has rounds) and the participants, typed as `Anna Berg (hållbarhetsstrateg,
//! kvinna); Per Ny (vd)`, with the organisation's contact people named in the hint so a name is
//! picked by typing it.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::model::{Gender, Interview, Lang, Participant, Project, Question, QuestionKind};
use crate::tui::form::{Field, Form};
use crate::tui::state::{Ctx, FormPurpose, Outcome, Overlay, View};
use crate::tui::strings::{S, fill, say};
use crate::tui::theme;

/// The longest previous answer shown beside a follow-up's, in characters.
const PREVIOUS_CHARS: usize = 240;

use super::interviews::{new_interview_form, respondent_names};

/// The round and participants fields for an interview with `respondents`, in `round` (`None`:
/// the first) with `participants`.
pub fn fields(
    lang: Lang,
    project: &Project,
    respondents: &[String],
    round: Option<&str>,
    participants: &[Participant],
) -> Vec<Field> {
    let mut fields = Vec::new();
    if !project.rounds.is_empty() {
        let names: Vec<String> = project.rounds.iter().map(|r| r.name.clone()).collect();
        let chosen = round
            .and_then(|id| project.rounds.iter().position(|r| r.id == id))
            .unwrap_or(0);
        fields.push(Field::choice(say(lang, S::RoundField), names, chosen).with_hint("←→"));
    }
    let contacts: Vec<&str> = respondents
        .iter()
        .filter_map(|id| project.respondent(id))
        .flat_map(|r| r.people.iter().map(|p| p.name.as_str()))
        .filter(|n| !n.trim().is_empty())
        .collect();
    let mut hint = say(lang, S::ParticipantsHint).to_string();
    if !contacts.is_empty() {
        hint = fill(
            lang,
            S::ContactPeopleAre,
            &[("names", &contacts.join(", "))],
        );
    }
    fields.push(
        Field::text(
            say(lang, S::ParticipantsField),
            format_participants(lang, participants),
        )
        .with_hint(hint),
    );
    fields
}

/// The round (`None`: the first, or none) and participants read back from the end of `form`.
/// A round left at the first stays `None` when it was, so an unchanged file stays unchanged.
/// A participant typed as the name of one of `respondents`' contact people gets the contact's
/// spelling, so "anna bergström" is Anna Bergström.
pub fn read(
    lang: Lang,
    project: &Project,
    form: &Form,
    was: Option<&str>,
    respondents: &[String],
) -> Result<(Option<String>, Vec<Participant>), String> {
    let n = form.fields.len();
    let mut participants = parse_participants(lang, form.value(n.saturating_sub(1)))?;
    for participant in &mut participants {
        let contact = respondents
            .iter()
            .filter_map(|id| project.respondent(id))
            .flat_map(|r| &r.people)
            .find(|p| participant.matches(p));
        if let Some(person) = contact {
            participant.name = person.name.clone();
        }
    }
    if project.rounds.is_empty() || n < 2 {
        return Ok((was.map(str::to_string), participants));
    }
    let chosen = form.fields[n - 2].chosen();
    let round = match project.rounds.get(chosen) {
        Some(_) if chosen == 0 && was.is_none() => None,
        Some(r) => Some(r.id.clone()),
        None => was.map(str::to_string),
    };
    Ok((round, participants))
}

fn gender_word(lang: Lang, gender: Gender) -> &'static str {
    match (lang, gender) {
        (Lang::Sv, Gender::Woman) => "kvinna",
        (Lang::Sv, Gender::Man) => "man",
        (Lang::Sv, Gender::Other) => "annat",
        (Lang::En, Gender::Woman) => "woman",
        (Lang::En, Gender::Man) => "man",
        (Lang::En, Gender::Other) => "other",
    }
}

/// A gender typed in either language.
fn gender_of(word: &str) -> Option<Gender> {
    match crate::model::value_key(word).as_str() {
        "kvinna" | "woman" | "k" | "f" => Some(Gender::Woman),
        "man" | "m" => Some(Gender::Man),
        "annat" | "other" | "annan" => Some(Gender::Other),
        _ => None,
    }
}

/// `Anna Berg (hållbarhetsstrateg, kvinna); Per Ny`.
pub fn format_participants(lang: Lang, participants: &[Participant]) -> String {
    participants
        .iter()
        .map(|p| {
            let mut extra: Vec<&str> = Vec::new();
            if !p.role.is_empty() {
                extra.push(&p.role);
            }
            if let Some(g) = p.gender {
                extra.push(gender_word(lang, g));
            }
            if extra.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, extra.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The participants typed as `format_participants` writes them: within the brackets a gender
/// word (kvinna/man/annat, woman/man/other) is the gender and the rest is the role.
pub fn parse_participants(lang: Lang, text: &str) -> Result<Vec<Participant>, String> {
    let mut out = Vec::new();
    for item in text.split(';').map(str::trim).filter(|t| !t.is_empty()) {
        let refuse = || fill(lang, S::NotAParticipantList, &[("text", &item)]);
        let (name, inside) = match item.split_once('(') {
            Some((name, rest)) => {
                let inside = rest.strip_suffix(')').ok_or_else(refuse)?;
                if inside.contains('(') || inside.contains(')') {
                    return Err(refuse());
                }
                (name.trim(), inside)
            }
            None if item.contains(')') => return Err(refuse()),
            None => (item, ""),
        };
        if name.is_empty() {
            return Err(refuse());
        }
        let mut participant = Participant {
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            ..Participant::default()
        };
        let mut role: Vec<&str> = Vec::new();
        for part in inside.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match gender_of(part) {
                Some(g) if participant.gender.is_none() => participant.gender = Some(g),
                _ => role.push(part),
            }
        }
        participant.role = role.join(", ");
        out.push(participant);
    }
    Ok(out)
}

/// The form for a follow-up of `previous`: its organisation, the next round, the same
/// participants, by the user.
pub fn follow_up_form(ctx: &Ctx, previous: &Interview) -> Outcome {
    let Some(project) = ctx.project() else {
        return Outcome::default();
    };
    if project.rounds.is_empty() {
        return Outcome::error(ctx.t(S::NoRoundsForFollowUp));
    }
    let Some(respondent) = previous.respondents.first() else {
        return Outcome::default();
    };
    let round = project.next_round(previous).map(|r| r.id.clone());
    let Overlay::Form { purpose, mut form } =
        new_interview_form(ctx.lang, project, &ctx.settings.interviewer, respondent)
    else {
        return Outcome::default();
    };
    // new_interview_form gave the first round and no participants: the follow-up's instead.
    let keep = form.fields.len() - fields(ctx.lang, project, &[], None, &[]).len();
    form.fields.truncate(keep);
    form.fields.extend(fields(
        ctx.lang,
        project,
        &previous.respondents,
        round.as_deref(),
        &previous.participants,
    ));
    form.title = ctx.fill(
        S::FollowUpOf,
        &[("name", &respondent_names(project, previous))],
    );
    let FormPurpose::NewInterview { respondent } = purpose else {
        return Outcome::default();
    };
    Outcome::overlay(Overlay::Form {
        purpose: FormPurpose::NewInterview { respondent },
        form,
    })
}

/// The organisation's answer to `question` in the previous round, for capturing a follow-up
/// beside it: the value or choices, then the start of the text. Empty when `interview` is no
/// follow-up.
pub fn previous_lines(
    app: &View,
    session: &crate::tui::session::Session,
    interview: &Interview,
    question: &Question,
) -> Vec<Line<'static>> {
    let project = &session.project;
    // Held while the follow-up is on screen (see `Session::show`).
    let Some(previous) = session
        .interviews
        .previous(project, &interview.id)
        .and_then(|id| session.interview(id))
    else {
        return Vec::new();
    };
    let round = project.round_of(previous).map_or("", |r| r.name.as_str());
    let head = app.fill(
        S::PreviousRound,
        &[("round", &round), ("date", &previous.date)],
    );
    let answer = previous.answer(&question.id);
    let value = match (&question.kind, answer) {
        (QuestionKind::Scale { labels, .. }, Some(a)) => a
            .scale
            .map(|v| {
                let label = labels
                    .iter()
                    .find(|l| l.value == v)
                    .map_or("", |l| l.label.get(app.lang));
                format!("{v} {label}").trim_end().to_string()
            })
            .unwrap_or_default(),
        (
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options },
            Some(a),
        ) => options
            .iter()
            .filter(|o| a.choices.contains(&o.id))
            .map(|o| o.label.get(app.lang).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let text = answer.map_or("", |a| a.text.trim());
    let cut: String = text.chars().take(PREVIOUS_CHARS).collect();
    let mut shown = cut.split_whitespace().collect::<Vec<_>>().join(" ");
    if cut.len() < text.len() {
        shown.push('…');
    }
    let style = theme::dim().add_modifier(Modifier::ITALIC);
    let mut first = vec![Span::styled(head, style)];
    if value.is_empty() && shown.is_empty() {
        first.push(Span::styled(app.t(S::PreviousNoAnswer), style));
    } else if !value.is_empty() {
        first.push(Span::styled(format!("[{value}]"), theme::title()));
    }
    let mut lines = vec![Line::from(first)];
    if !shown.is_empty() {
        lines.push(Line::from(Span::styled(shown, style)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_read_back_as_written() {
        let typed = "Anna  Berg (hållbarhetsstrateg, kvinna); Per Ny (vd, Man);Kim;  ";
        let people = parse_participants(Lang::Sv, typed).unwrap();
        assert_eq!(people.len(), 3);
        assert_eq!(people[0].name, "Anna Berg");
        assert_eq!(people[0].role, "hållbarhetsstrateg");
        assert_eq!(people[0].gender, Some(Gender::Woman));
        assert_eq!(people[1].gender, Some(Gender::Man));
        assert_eq!((people[2].role.as_str(), people[2].gender), ("", None));
        let written = format_participants(Lang::Sv, &people);
        assert_eq!(
            written,
            "Anna Berg (hållbarhetsstrateg, kvinna); Per Ny (vd, man); Kim"
        );
        assert_eq!(parse_participants(Lang::En, &written).unwrap(), people);
        assert!(parse_participants(Lang::Sv, "Anna (vd").is_err());
        assert!(parse_participants(Lang::Sv, "(vd)").is_err());
        assert_eq!(parse_participants(Lang::Sv, " ; ").unwrap(), []);
    }
}
