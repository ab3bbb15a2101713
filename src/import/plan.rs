//! What an import writes: for each file, a draft interview (and the respondent it belongs
//! to, created if new) decided without touching the project, so a dry run shows exactly what
//! `apply` would write.

use jiff::Timestamp;
use jiff::civil::Date;
use sha2::{Digest, Sha256};

use crate::model::{
    Answer, Codebook, Consent, Interview, Mode, Person, Project, Respondent, Source, Status,
};
use crate::store::{self, Batch, Store};

use super::{Format, Mapping, Result, Transcript, map_with, read};

/// Choices the user made for every file of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// A respondent id or name; a name no respondent has creates one.
    pub respondent: Option<String>,
    pub interviewer: Option<String>,
    pub date: Option<Date>,
    /// Read every file as this format instead of by its extension.
    pub format: Option<Format>,
    /// Import a file again even if an interview was already made from the same bytes.
    pub again: bool,
}

/// Whom an imported interview is with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A respondent already in the project, and why it was chosen.
    Existing { id: String, because: &'static str },
    /// A new respondent (named by `--respondent` or by the file name).
    New(Respondent),
}

/// One file ready to be imported.
#[derive(Debug, Clone)]
pub struct Draft {
    pub file: String,
    pub transcript: Transcript,
    pub mapping: Mapping,
    pub who: Who,
    /// Speakers to add to the respondent's people (not yet there by name).
    pub new_people: Vec<String>,
    pub interview: Interview,
    /// The interview made earlier from the same bytes, when there is one.
    pub duplicate_of: Option<String>,
}

/// Everything an import of several files would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub drafts: Vec<Draft>,
    /// Files that cannot be imported, with the one-sentence reason.
    pub failed: Vec<(String, String)>,
}

impl Plan {
    /// The drafts `apply` writes: not those already imported, unless asked to.
    pub fn to_write(&self) -> impl Iterator<Item = &Draft> {
        self.drafts.iter().filter(|d| d.duplicate_of.is_none())
    }
}

/// Reads and maps every file and decides what each would add to `project`. Files are given as
/// (file name, bytes). `reserved` are interview ids that must not be used (unreadable files).
pub fn plan(
    project: &Project,
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
    options: &Options,
    reserved: &[String],
    now: Timestamp,
) -> Plan {
    plan_with(project, files, options, reserved, now, &mut |_, _| {})
}

/// [`plan`], telling `progress` which file (counted from 0) has come how far.
pub fn plan_with(
    project: &Project,
    files: impl IntoIterator<Item = (String, Vec<u8>)>,
    options: &Options,
    reserved: &[String],
    now: Timestamp,
    progress: &mut dyn FnMut(usize, Step),
) -> Plan {
    let mut plan = Plan::default();
    // Later drafts must see the ids, respondents and checksums of earlier ones.
    let mut scratch = outline(project);
    for (n, (file, bytes)) in files.into_iter().enumerate() {
        match draft_with(
            &scratch,
            &file,
            &bytes,
            options,
            reserved,
            now,
            &mut |step| progress(n, step),
        ) {
            Ok(d) => {
                if d.duplicate_of.is_none() {
                    if let Who::New(r) = &d.who {
                        scratch.respondents.push(r.clone());
                    }
                    scratch.interviews.push(d.interview.clone());
                }
                plan.drafts.push(d);
            }
            Err(e) => plan.failed.push((file, e.to_string())),
        }
    }
    plan
}

/// What drafting needs of a project: the guide, the respondents, and each interview's id and
/// source without its text (a copy of every answer of a large project would cost more than
/// the import itself).
pub fn outline(project: &Project) -> Project {
    Project {
        schema_version: project.schema_version,
        title: project.title.clone(),
        description: String::new(),
        guide: project.guide.clone(),
        attributes: project.attributes.clone(),
        respondents: project.respondents.clone(),
        rounds: project.rounds.clone(),
        codebook: Codebook::default(),
        interviews: project.interviews.iter().map(slim).collect(),
    }
}

/// What drafting needs of an interview: its id, source and who took part, without its text.
pub fn slim(i: &Interview) -> Interview {
    Interview {
        id: i.id.clone(),
        respondents: i.respondents.clone(),
        interviewer: String::new(),
        date: i.date,
        mode: i.mode,
        consent: Consent::default(),
        status: i.status,
        answers: Vec::new(),
        notes: String::new(),
        notes_codings: Vec::new(),
        source: i.source.clone(),
        round: i.round.clone(),
        participants: i.participants.clone(),
        created: i.created,
        modified: i.modified,
    }
}

/// How far drafting one file has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The file's text is being read into turns.
    Reading,
    /// Turns compared with the guide's questions, of all.
    Mapping(usize, usize),
}

/// One file as a draft interview of `project`.
pub fn draft(
    project: &Project,
    file: &str,
    bytes: &[u8],
    options: &Options,
    reserved: &[String],
    now: Timestamp,
) -> Result<Draft> {
    draft_with(project, file, bytes, options, reserved, now, &mut |_| {})
}

/// [`draft`], telling `progress` how far it has come (a long file takes seconds).
pub fn draft_with(
    project: &Project,
    file: &str,
    bytes: &[u8],
    options: &Options,
    reserved: &[String],
    now: Timestamp,
    progress: &mut dyn FnMut(Step),
) -> Result<Draft> {
    progress(Step::Reading);
    let transcript = read(bytes, file, options.format)?;
    let mapping = map_with(
        &transcript,
        &project.guide,
        options.interviewer.as_deref(),
        &mut |done, total| progress(Step::Mapping(done, total)),
    );
    let sha256 = hex(&Sha256::digest(bytes));
    let duplicate_of = if options.again {
        None
    } else {
        project
            .interviews
            .iter()
            .find(|i| i.source.as_ref().is_some_and(|s| s.sha256 == sha256))
            .map(|i| i.id.clone())
    };
    let who = choose_respondent(project, file, &mapping, options.respondent.as_deref());
    let known: Vec<&str> = match &who {
        Who::Existing { id, .. } => project
            .respondent(id)
            .map(|r| r.people.iter().map(|p| p.name.as_str()).collect())
            .unwrap_or_default(),
        Who::New(_) => Vec::new(),
    };
    let new_people = mapping
        .participants
        .iter()
        .filter(|p| !known.iter().any(|k| same_name(k, p)) && !is_role(p))
        .cloned()
        .collect();
    let id = Project::next_id(
        "i",
        project
            .interviews
            .iter()
            .map(|i| i.id.as_str())
            .chain(reserved.iter().map(String::as_str)),
    );
    let respondent_id = match &who {
        Who::Existing { id, .. } => id.clone(),
        Who::New(r) => r.id.clone(),
    };
    let date = options
        .date
        .or_else(|| date_in(file))
        .unwrap_or_else(|| now.to_zoned(jiff::tz::TimeZone::UTC).date());
    let interviewer = options
        .interviewer
        .clone()
        .or_else(|| mapping.interviewer.clone())
        .unwrap_or_default();
    let interview = Interview {
        id,
        respondents: vec![respondent_id],
        interviewer,
        date,
        mode: if transcript.format == Format::Vtt {
            Mode::Video
        } else {
            Mode::OnSite
        },
        consent: Consent::default(),
        status: Status::Draft,
        answers: answers(&mapping),
        notes: mapping.outside.clone(),
        notes_codings: Vec::new(),
        source: Some(Source {
            file: file_name(file).to_string(),
            sha256,
            format: transcript.format.name().to_string(),
            encoding: match transcript.format {
                Format::Docx => String::new(),
                _ => transcript.encoding.name().to_string(),
            },
        }),
        round: None,
        participants: Vec::new(),
        created: now,
        modified: now,
    };
    Ok(Draft {
        file: file.to_string(),
        transcript,
        mapping,
        who,
        new_people,
        interview,
        duplicate_of,
    })
}

/// Writes the plan as one change: every new interview, and the project file when respondents
/// or people were added. After a failure or a crash either all of it is written or none of it
/// is. Returns the ids of the interviews written.
pub fn apply(store: &Store, project: &mut Project, plan: &Plan) -> store::Result<Vec<String>> {
    let mut next = project.clone();
    let drafts: Vec<&Draft> = plan.to_write().collect();
    let respondents_changed = add_to(&mut next, &drafts);
    let mut batch = Batch::new();
    for d in &drafts {
        batch.interview(d.interview.clone());
    }
    if respondents_changed {
        batch.project(next.clone());
    }
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    store.save_batch(&batch)?;
    *project = next;
    Ok(drafts.iter().map(|d| d.interview.id.clone()).collect())
}

/// Adds the drafts' interviews to `project` in memory, with their new respondents and contact
/// people. Returns whether the respondents changed (so project.json must be saved too).
pub fn add_to(project: &mut Project, drafts: &[&Draft]) -> bool {
    let before = project.respondents.clone();
    for d in drafts {
        let id = match &d.who {
            Who::New(r) => {
                if project.respondent(&r.id).is_none() {
                    project.respondents.push(r.clone());
                }
                r.id.clone()
            }
            Who::Existing { id, .. } => id.clone(),
        };
        if let Some(r) = project.respondents.iter_mut().find(|r| r.id == id) {
            for name in &d.new_people {
                if !r.people.iter().any(|p| same_name(&p.name, name)) {
                    r.people.push(Person {
                        name: name.clone(),
                        ..Person::default()
                    });
                }
            }
        }
        project.interviews.push(d.interview.clone());
    }
    project.respondents != before
}

impl Draft {
    /// Takes a reviewed mapping: the interview's answers and notes are made from it again.
    pub fn set_mapping(&mut self, mapping: Mapping) {
        self.interview.answers = answers(&mapping);
        self.interview.notes = mapping.outside.clone();
        self.mapping = mapping;
    }
}

fn answers(mapping: &Mapping) -> Vec<Answer> {
    mapping
        .answers
        .iter()
        .filter(|a| !a.text.is_empty())
        .map(|a| Answer {
            text: a.text.clone(),
            time: a.time,
            ..Answer::new(&a.question)
        })
        .collect()
}

/// The respondent: named by the user (id or name), else the one the file is named after, else
/// the one whose people speak in it, else a new one named after the file.
fn choose_respondent(project: &Project, file: &str, mapping: &Mapping, named: Option<&str>) -> Who {
    let new = |name: &str| {
        Who::New(Respondent {
            id: Project::next_id("r", project.respondents.iter().map(|r| r.id.as_str())),
            name: name.to_string(),
            attributes: Default::default(),
            people: Vec::new(),
        })
    };
    if let Some(named) = named.map(str::trim).filter(|n| !n.is_empty()) {
        return match find_respondent(project, named) {
            Some(id) => Who::Existing {
                id,
                because: "named with --respondent",
            },
            None => new(named),
        };
    }
    let proposed = respondent_from_file_name(file);
    if let Some(id) = proposed
        .as_deref()
        .and_then(|p| find_respondent(project, p))
    {
        return Who::Existing {
            id,
            because: "named in the file name",
        };
    }
    let speaking = project.respondents.iter().find(|r| {
        r.people
            .iter()
            .any(|p| mapping.participants.iter().any(|s| same_name(&p.name, s)))
    });
    if let Some(r) = speaking {
        return Who::Existing {
            id: r.id.clone(),
            because: "its contact people speak in the transcript",
        };
    }
    new(proposed.as_deref().unwrap_or("Okänd respondent"))
}

/// A respondent by id, by name (case and accents aside), or by the words of a name when only
/// one respondent has them all.
fn find_respondent(project: &Project, wanted: &str) -> Option<String> {
    if let Some(r) = project.respondent(wanted) {
        return Some(r.id.clone());
    }
    let key = loose_key(wanted);
    if let Some(r) = project
        .respondents
        .iter()
        .find(|r| loose_key(&r.name) == key)
    {
        return Some(r.id.clone());
    }
    let words: Vec<&str> = key.split_whitespace().collect();
    let mut hits = project.respondents.iter().filter(|r| {
        let name = loose_key(&r.name);
        let have: Vec<&str> = name.split_whitespace().collect();
        !words.is_empty() && words.iter().all(|w| have.contains(w))
    });
    match (hits.next(), hits.next()) {
        (Some(r), None) => Some(r.id.clone()),
        _ => None,
    }
}

/// The organisation a file is named after: `Almi Mälardalen.docx`,
/// `2026-02-03 intervju Sala kommun.vtt` → `Almi Mälardalen`, `Sala kommun`. Dates and words
/// such as "intervju" or "transkript" are left out.
pub fn respondent_from_file_name(file: &str) -> Option<String> {
    const NOISE: [&str; 12] = [
        "intervju",
        "intervjun",
        "interview",
        "transkript",
        "transkription",
        "transcript",
        "transcription",
        "utskrift",
        "teams",
        "zoom",
        "whisper",
        "med",
    ];
    let name = file_name(file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let words: Vec<&str> = stem
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !NOISE.contains(&w.to_lowercase().as_str()))
        .collect();
    let name = words.join(" ");
    let name = name.trim_matches([',', '.', ' ']);
    (!name.is_empty()).then(|| name.to_string())
}

/// A `YYYY-MM-DD` date in a file name.
fn date_in(file: &str) -> Option<Date> {
    let name = file_name(file);
    name.char_indices()
        .filter_map(|(i, _)| name.get(i..i + 10))
        .find_map(|s| s.parse::<Date>().ok())
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Lowercase, accents folded, punctuation as spaces: names compared the way people read them.
pub(super) fn loose_key(s: &str) -> String {
    let mut folded = String::new();
    for word in s
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c => c,
        }));
    }
    folded
}

/// Whether two person names are the same person as a transcript writes them: equal, or one is
/// the other's first name (`Anna` in a transcript, `Anna Bergström` in the project).
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (loose_key(a), loose_key(b));
    a == b || a.split(' ').next() == Some(b.as_str()) || b.split(' ').next() == Some(a.as_str())
}

/// Speaker labels that are roles, not names (`Intervjuare`, `Respondent 2`): no person to add.
fn is_role(name: &str) -> bool {
    let first = loose_key(name);
    let first = first.split(' ').next().unwrap_or("");
    matches!(
        first,
        "intervjuare"
            | "interviewer"
            | "respondent"
            | "speaker"
            | "talare"
            | "deltagare"
            | "okand"
            | "unknown"
    ) || name.chars().any(|c| c.is_ascii_digit())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respondents_are_proposed_from_file_names() {
        assert_eq!(
            respondent_from_file_name("/tmp/x/Almi Mälardalen.docx").as_deref(),
            Some("Almi Mälardalen")
        );
        assert_eq!(
            respondent_from_file_name("2026-02-03_intervju_Sala kommun.vtt").as_deref(),
            Some("Sala kommun")
        );
        assert_eq!(respondent_from_file_name("intervju-2026.txt"), None);
        assert_eq!(
            date_in("2026-02-03_intervju.vtt"),
            Some(jiff::civil::date(2026, 2, 3))
        );
        assert_eq!(date_in("intervju.vtt"), None);
    }

    #[test]
    fn names_match_loosely() {
        assert!(same_name("Anna Bergström", "anna bergstrom"));
        assert!(same_name("Anna Bergström", "Anna"));
        assert!(!same_name("Anna Bergström", "Anna Berg"));
        assert!(is_role("Intervjuare") && is_role("Speaker 2") && !is_role("Maria Lind"));
    }

    #[test]
    fn progress_is_told_in_order_and_ends_at_every_turn() {
        let project = crate::store::defaults::project("Test");
        let mut text = String::new();
        for q in &project.guide.questions {
            text += &format!(
                "Maria: {}\n\nAnna: Vi har funderat mycket på det.\n\n",
                q.text.sv
            );
        }
        let mut steps = Vec::new();
        let draft = draft_with(
            &project,
            "Sala kommun.txt",
            text.as_bytes(),
            &Options::default(),
            &[],
            Timestamp::UNIX_EPOCH,
            &mut |step| steps.push(step),
        )
        .unwrap();
        let turns = draft.transcript.turns.len();
        assert_eq!(steps.first(), Some(&Step::Reading));
        assert_eq!(steps.last(), Some(&Step::Mapping(turns, turns)));
        let done: Vec<usize> = steps[1..]
            .iter()
            .map(|s| match s {
                Step::Mapping(done, all) => {
                    assert_eq!(*all, turns);
                    *done
                }
                Step::Reading => panic!("reading after mapping began"),
            })
            .collect();
        assert!(done.windows(2).all(|w| w[0] <= w[1]), "{done:?}");
        assert!(done.len() > 2);
    }
}
