//! Rounds: the needs and scale questions per round, and how each organisation interviewed in
//! two rounds moved on the scale questions between them (Industry In West's maturity
//! follow-up: what matters is the change).

use serde::Serialize;

use super::format;
use super::grouping::Group;
use super::matrix::Matrix;
use super::names::Names;
use super::tally::Tally;
use crate::model::{Lang, Project, QuestionKind, value_key};

/// What a user may type for `--by` to group by round, when no attribute has that name.
const ROUND_NAMES: [&str; 5] = ["round", "rounds", "omgång", "omgångar", "omgang"];

/// Whether `name` asks for the rounds rather than an attribute.
pub(crate) fn is_round_name(name: &str) -> bool {
    let key = value_key(name);
    ROUND_NAMES.iter().any(|n| value_key(n) == key)
}

/// The attribute name of the `--by round` matrix (and of a drill into one of its cells).
pub(crate) const ROUND_GROUP: &str = "round";

/// Whether a matrix or drill group named `attribute` is the rounds, not an attribute.
pub(crate) fn is_round_group(project: &Project, attribute: &str) -> bool {
    attribute == ROUND_GROUP
        && !project.rounds.is_empty()
        && project.attributes.iter().all(|a| a.id != attribute)
}

/// "Omgång" / "Round": the heading of the round column and the `--by round` table.
pub fn round_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Omgång",
        Lang::En => "Round",
    }
}

/// The rounds with counted interviews, each as a group of the organisations interviewed in
/// it, with the round's position in `project.rounds`. Rounds without interviews are left
/// out, as empty attribute groups are.
pub(crate) fn round_groups(project: &Project, tally: &Tally) -> Vec<(usize, Group)> {
    project
        .rounds
        .iter()
        .enumerate()
        .filter_map(|(k, round)| {
            let members = tally.round_interviewed.get(k)?;
            (members.len() > 0).then(|| {
                (
                    k,
                    Group {
                        value: round.id.clone(),
                        label: round.name.clone(),
                        respondents: members.len(),
                    },
                )
            })
        })
        .collect()
}

/// The needs per round: in each round, the organisations that expressed each need among
/// those interviewed in that round. Unlike an attribute, one organisation is in several
/// rounds, so the counts come from the round's own interviews.
pub fn round_matrix(project: &Project, tally: &Tally, lang: Lang) -> Matrix {
    let groups = round_groups(project, tally);
    let sizes: Vec<usize> = groups.iter().map(|(_, g)| g.respondents).collect();
    let rows = super::matrix::rows(project, tally, lang, &sizes, |g, i| {
        tally.round_codes[groups[g].0][i].len()
    });
    let respondents = tally.interviewed.len();
    Matrix {
        attribute: ROUND_GROUP.to_string(),
        label: round_word(lang).to_string(),
        respondents,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
        rows,
    }
}

/// One round as counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundCount {
    pub id: String,
    pub name: String,
    /// The period as the project gives it ("2025-09-01–2025-11-30"), empty without one.
    pub period: String,
    pub interviews: usize,
    pub organisations: usize,
}

/// How one organisation moved on one scale question between two rounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub organisation: String,
    pub from: u8,
    pub to: u8,
}

/// The change on one scale question between two rounds, over the organisations with a value
/// in both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub question: String,
    pub text: String,
    pub from_round: String,
    pub to_round: String,
    /// Organisations with a value in both rounds.
    pub organisations: usize,
    pub up: usize,
    pub same: usize,
    pub down: usize,
    /// Mean of (later − earlier) over those organisations; `None` when there are none.
    pub mean_change: Option<f64>,
    pub mean_from: Option<f64>,
    pub mean_to: Option<f64>,
    /// Organisations with a value in only one of the two rounds: not in the change.
    pub left_out: usize,
    /// Per organisation, in the order of the project's respondents.
    pub moves: Vec<Move>,
}

/// Rounds and change, present when the project has rounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rounds {
    pub rounds: Vec<RoundCount>,
    /// Per scale question, per pair of consecutive rounds that both have interviews.
    pub changes: Vec<Change>,
}

/// The rounds of `project` as counted in `tally`, with the change between each pair of
/// consecutive rounds; `None` for a project without rounds.
pub fn rounds(project: &Project, tally: &Tally, names: &Names, lang: Lang) -> Option<Rounds> {
    if project.rounds.is_empty() {
        return None;
    }
    let mut interviews = vec![0; project.rounds.len()];
    for &k in &tally.round_of {
        if let Some(n) = interviews.get_mut(k) {
            *n += 1;
        }
    }
    let counts = project
        .rounds
        .iter()
        .enumerate()
        .map(|(k, round)| RoundCount {
            id: round.id.clone(),
            name: round.name.clone(),
            period: match (round.start, round.end) {
                (None, None) => String::new(),
                (start, end) => format!(
                    "{}–{}",
                    start.map(|d| d.to_string()).unwrap_or_default(),
                    end.map(|d| d.to_string()).unwrap_or_default()
                ),
            },
            interviews: interviews[k],
            organisations: tally.round_interviewed[k].len(),
        })
        .collect();
    let present: Vec<usize> = (0..project.rounds.len())
        .filter(|&k| interviews[k] > 0)
        .collect();
    let mut changes = Vec::new();
    for (q, question) in project.guide.questions.iter().enumerate() {
        let QuestionKind::Scale { min, max, .. } = question.kind else {
            continue;
        };
        let values = latest_values(project, tally, q, min, max);
        for pair in present.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            changes.push(change(project, names, &values, a, b, lang, question));
        }
    }
    Some(Rounds {
        rounds: counts,
        changes,
    })
}

/// `[respondent][round]`: the respondent's value on scale question `q` in each round, from
/// its latest interview in that round with a value (of the same date, the later in the
/// project's order).
fn latest_values(
    project: &Project,
    tally: &Tally,
    q: usize,
    min: u8,
    max: u8,
) -> Vec<Vec<Option<(jiff::civil::Date, u8)>>> {
    let mut values = vec![vec![None; project.rounds.len()]; project.respondents.len()];
    for v in tally
        .scale_values
        .iter()
        .filter(|v| v.question == q && (min..=max).contains(&v.value))
    {
        let Some(&k) = tally.round_of.get(v.interview) else {
            continue;
        };
        if k >= project.rounds.len() {
            continue;
        }
        let date = tally.dates[v.interview];
        for &r in tally.respondents_of(v.interview) {
            let slot = &mut values[r][k];
            if slot.is_none_or(|(seen, _)| seen <= date) {
                *slot = Some((date, v.value));
            }
        }
    }
    values
}

fn change(
    project: &Project,
    names: &Names,
    values: &[Vec<Option<(jiff::civil::Date, u8)>>],
    a: usize,
    b: usize,
    lang: Lang,
    question: &crate::model::Question,
) -> Change {
    let mut moves = Vec::new();
    let mut left_out = 0;
    for (r, per_round) in values.iter().enumerate() {
        match (per_round[a], per_round[b]) {
            (Some((_, from)), Some((_, to))) => moves.push((r, from, to)),
            (None, None) => {}
            _ => left_out += 1,
        }
    }
    let n = moves.len();
    let mean = |f: &dyn Fn(&(usize, u8, u8)) -> f64| {
        (n > 0).then(|| moves.iter().map(f).sum::<f64>() / n as f64)
    };
    Change {
        question: question.id.clone(),
        text: question.text.get(lang).to_string(),
        from_round: project.rounds[a].name.clone(),
        to_round: project.rounds[b].name.clone(),
        organisations: n,
        up: moves.iter().filter(|m| m.2 > m.1).count(),
        same: moves.iter().filter(|m| m.2 == m.1).count(),
        down: moves.iter().filter(|m| m.2 < m.1).count(),
        mean_change: mean(&|m| f64::from(m.2) - f64::from(m.1)),
        mean_from: mean(&|m| f64::from(m.1)),
        mean_to: mean(&|m| f64::from(m.2)),
        left_out,
        moves: moves
            .iter()
            .map(|&(r, from, to)| Move {
                organisation: names.get(r).into_owned(),
                from,
                to,
            })
            .collect(),
    }
}

impl Change {
    /// The change as a sentence for the report, e.g. "Från Nulägesmätning 2025 till
    /// Uppföljning 2026, ”Digitalisering”: 4 organisationer intervjuades i båda; 2 steg upp, 1 låg
    /// kvar och 1 gick ned, i snitt +0,5 steg (från 2,3 till 2,8). 1 organisation deltog
    /// bara i en av omgångarna och ingår inte."
    pub fn sentence(&self, lang: Lang) -> String {
        let sv = lang == Lang::Sv;
        let count = |n: usize, one: &str, many: &str| {
            format!(
                "{} {}",
                format::count(n, lang),
                if n == 1 { one } else { many }
            )
        };
        let mut s = if sv {
            format!(
                "Från {} till {}, ”{}”: ",
                self.from_round, self.to_round, self.text
            )
        } else {
            format!(
                "From {} to {}, “{}”: ",
                self.from_round, self.to_round, self.text
            )
        };
        match (self.mean_change, self.mean_from, self.mean_to) {
            (Some(change), Some(from), Some(to)) => {
                let signed = |x: f64| {
                    let text = format::decimal(x.abs(), lang);
                    if format::round(x, 1) > 0.0 {
                        format!("+{text}")
                    } else if format::round(x, 1) < 0.0 {
                        format!("−{text}")
                    } else {
                        text
                    }
                };
                s += &if sv {
                    format!(
                        "{} intervjuades i båda; {} steg upp, {} låg kvar och {} gick ned, i snitt {} steg (från {} till {}).",
                        count(self.organisations, "organisation", "organisationer"),
                        self.up,
                        self.same,
                        self.down,
                        signed(change),
                        format::decimal(from, lang),
                        format::decimal(to, lang)
                    )
                } else {
                    format!(
                        "{} interviewed in both; {} moved up, {} stayed and {} moved down, {} steps on average (from {} to {}).",
                        count(self.organisations, "organisation", "organisations"),
                        self.up,
                        self.same,
                        self.down,
                        signed(change),
                        format::decimal(from, lang),
                        format::decimal(to, lang)
                    )
                };
            }
            _ => {
                s += if sv {
                    "ingen organisation har ett värde i båda omgångarna."
                } else {
                    "no organisation has a value in both rounds."
                };
            }
        }
        if self.left_out > 0 {
            s += &if sv {
                format!(
                    " {} bara i en av omgångarna och ingår inte.",
                    count(self.left_out, "organisation finns", "organisationer finns")
                )
            } else {
                format!(
                    " {} in only one of the rounds and {} not included.",
                    count(self.left_out, "organisation is", "organisations are"),
                    if self.left_out == 1 { "is" } else { "are" }
                )
            };
        }
        s
    }
}

/// The words of the round tables, in one place with the rest of this module's.
pub(crate) mod text {
    use crate::model::Lang;
    use crate::report::words::words;

    words! {
        rounds_title: "Omgångar", "Rounds";
        change_title: "Förändring mellan omgångar", "Change between rounds";
        before: "Före", "Before";
        after: "Efter", "After";
        period: "Period", "Period";
        from_round: "Från", "From";
        to_round: "Till", "To";
        in_both: "Organisationer i båda", "Organisations in both";
        up: "Upp", "Up";
        same: "Samma", "Same";
        down: "Ned", "Down";
        mean_change: "Förändring i snitt", "Mean change";
        mean_from: "Medel före", "Mean before";
        mean_to: "Medel efter", "Mean after";
        left_out: "Bara i en omgång", "In one round only";
        rounds_note: "Förändringen räknas per organisation mellan två på varandra följande omgångar, på organisationens senaste värde i varje omgång; organisationer som bara finns i en av omgångarna ingår inte.", "Change is counted per organisation between two consecutive rounds, on the organisation's latest value in each round; organisations in only one of the rounds are not included.";
        moves_title: "Förändring per organisation", "Change per organisation";
        change: "Förändring", "Change";
        moves_note: "Skalvärdet i varje omgång för organisationer intervjuade i båda.", "The scale value in each round for organisations interviewed in both.";
    }
}
