//! Importing a transcript from the interface: a file name is asked for, the file is read and
//! laid onto the guide (by the runner: it is IO), the review screen shows the result, and
//! accepting it adds the interview as a draft, saved as one change with any new respondent.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::review::{Outcome, ReviewScreen};
use crate::import::{self, Options};
use crate::model::Lang;
use crate::tui::app::{App, Effect, FormPurpose, Overlay};
use crate::tui::form::{Field, Form};
use crate::tui::import_job::ImportJob;

/// The form asking which transcript to import, with the command line's choices: whom it is
/// with, who interviewed, when, and how to read it. Empty fields are found in the file.
pub fn form(lang: Lang) -> Overlay {
    let t = |sv: &'static str, en: &'static str| if lang == Lang::Sv { sv } else { en };
    let formats = std::iter::once(t("efter filändelsen", "by the file's extension").to_string())
        .chain(import::Format::ALL.iter().map(|f| f.name().to_string()))
        .collect();
    let form = Form::new(
        t("Importera ett transkript", "Import a transcript"),
        vec![
            Field::text(t("Fil", "File"), String::new()).with_hint(t(
                ".docx, .vtt, .srt, .txt eller .md",
                ".docx, .vtt, .srt, .txt or .md",
            )),
            Field::text(t("Respondent", "Respondent"), String::new()).with_hint(t(
                "namn eller id; tomt: ur filnamnet eller talarna",
                "name or id; empty: from the file name or the speakers",
            )),
            Field::text(t("Intervjuare", "Interviewer"), String::new()).with_hint(t(
                "tomt: den som ställer guidens frågor",
                "empty: the one who asks the guide's questions",
            )),
            Field::text(t("Datum", "Date"), String::new()).with_hint(t(
                "ÅÅÅÅ-MM-DD; tomt: ur filnamnet, annars i dag",
                "YYYY-MM-DD; empty: from the file name, else today",
            )),
            Field::choice(t("Läs som", "Read as"), formats, 0),
        ],
    );
    Overlay::Form {
        purpose: FormPurpose::Import,
        form,
    }
}

pub fn submit(app: &App, form: &Form) -> Result<Vec<Effect>, String> {
    let path = PathBuf::from(form.value(0).trim());
    if !path.is_file() {
        return Err(app.t("Filen finns inte.", "There is no such file.").into());
    }
    let text = |i: usize| Some(form.value(i).trim().to_string()).filter(|v| !v.is_empty());
    let date = match text(3) {
        Some(d) => Some(d.parse().map_err(|_| {
            if app.sv() {
                format!("Datum: '{d}' är inte ett datum som ÅÅÅÅ-MM-DD.")
            } else {
                format!("Date: '{d}' is not a date of the form YYYY-MM-DD.")
            }
        })?),
        None => None,
    };
    let options = Options {
        respondent: text(1),
        interviewer: text(2),
        date,
        format: form.fields[4]
            .chosen()
            .checked_sub(1)
            .map(|i| import::Format::ALL[i]),
        again: false,
    };
    Ok(vec![Effect::ReadTranscript { path, options }])
}

/// Starts reading and mapping the file on a thread; the review screen opens when it is done.
pub fn start(app: &mut App, path: &std::path::Path, options: Options) {
    if app.importing.is_some() {
        app.error(app.t(
            "En fil läses redan in; vänta tills den är klar.",
            "A file is being read already; wait until it is done.",
        ));
        return;
    }
    let Some(session) = app.session.as_ref() else {
        return;
    };
    let reserved: Vec<String> = session.store.reserved_ids().map(str::to_string).collect();
    app.importing = Some(ImportJob::start(
        session.store.root(),
        &session.project,
        path,
        options,
        reserved,
    ));
    progress(app, import::Step::Reading);
}

/// Says on the status line how far the file being read has come.
pub fn progress(app: &mut App, step: import::Step) {
    let Some(job) = app.importing.as_ref() else {
        return;
    };
    let name = file_name(&job.file);
    let text = match (step, app.sv()) {
        (import::Step::Reading, true) => format!("Läser {name} …"),
        (import::Step::Reading, false) => format!("Reading {name}…"),
        (import::Step::Mapping(done, all), sv) => {
            let percent = done * 100 / all.max(1);
            if sv {
                format!("Lägger {name} på guiden: {percent} % …")
            } else {
                format!("Laying {name} onto the guide: {percent} %…")
            }
        }
    };
    app.info(text);
}

/// Opens the review screen with what the thread drafted (or says why it could not).
pub fn finished(app: &mut App, job: &ImportJob, drafted: Result<Box<import::Draft>, String>) {
    let Some(session) = app.session.as_ref() else {
        return;
    };
    // The user opened another project while the file was read.
    if session.store.root() != job.root {
        return;
    }
    let name = file_name(&job.file);
    match drafted {
        Ok(mut draft) => {
            // A transcript without speakers does not say who interviewed: the user did.
            if draft.interview.interviewer.is_empty() {
                draft.interview.interviewer = app.settings.interviewer.clone();
            }
            let screen = ReviewScreen::new(*draft, &session.project);
            if let Some(first) = &screen.draft.duplicate_of {
                let text = if app.sv() {
                    format!("Filen är redan importerad som {first}; Enter importerar den igen.")
                } else {
                    format!("The file was imported before as {first}; Enter imports it again.")
                };
                app.info(text);
            } else {
                app.status = None;
            }
            app.review = Some(screen);
        }
        Err(reason) => {
            let text = if app.sv() {
                format!("{name}: {reason}; inget importerades.")
            } else {
                format!("{name}: {reason}; nothing was imported.")
            };
            app.error(text);
        }
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Keys while the review screen is open.
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(mut screen) = app.review.take() else {
        return Vec::new();
    };
    match screen.update(key) {
        Outcome::Continue => {
            app.review = Some(screen);
            Vec::new()
        }
        Outcome::Cancel => {
            app.info(app.t("Inget importerades.", "Nothing was imported."));
            Vec::new()
        }
        Outcome::Accept => {
            let draft = screen.into_draft();
            let Some(session) = app.session.as_mut() else {
                return Vec::new();
            };
            let project_changed = import::add_to(&mut session.project, &[&draft]);
            let id = draft.interview.id.clone();
            let text = if app.sv() {
                format!("Importerade {id} som utkast.")
            } else {
                format!("Imported {id} as a draft.")
            };
            app.info(text);
            app.refresh();
            vec![Effect::SaveChange {
                interviews: vec![id],
                codebook: false,
                project: project_changed,
            }]
        }
    }
}
