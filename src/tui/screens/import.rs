//! Importing a transcript from the interface: a file name is asked for, the file is read and
//! laid onto the guide (by the runner: it is IO), the review screen shows the result, and
//! accepting it adds the interview as a draft, saved as one change with any new respondent.

use std::path::PathBuf;

use super::review::{Outcome as Reviewed, ReviewScreen};
use crate::import::{self, Options};
use crate::model::Lang;
use crate::tui::form::{Field, Form};
use crate::tui::import_job::ImportJob;
use crate::tui::keymap::Action;
use crate::tui::state::{Ctx, Effect, FormPurpose, Outcome, Overlay};
use crate::tui::strings::{S, fill, say};

/// The form asking which transcript to import, with the command line's choices: whom it is
/// with, who interviewed, when, and how to read it. Empty fields are found in the file.
pub fn form(lang: Lang) -> Overlay {
    let t = |key| say(lang, key);
    let formats = std::iter::once(t(S::ByExtension).to_string())
        .chain(import::Format::ALL.iter().map(|f| f.name().to_string()))
        .collect();
    let form = Form::new(
        t(S::ImportTranscript),
        vec![
            Field::text(t(S::File), String::new()).with_hint(t(S::DocxVttSrtTxtMd)),
            Field::text(t(S::RespondentField), String::new()).with_hint(t(S::ImportRespondentHint)),
            Field::text(t(S::Interviewer), String::new()).with_hint(t(S::ImportInterviewerHint)),
            Field::text(t(S::Date), String::new()).with_hint(t(S::ImportDateHint)),
            Field::choice(t(S::ReadAs), formats, 0),
        ],
    );
    Overlay::Form {
        purpose: FormPurpose::Import,
        form,
    }
}

pub fn submit(ctx: &Ctx, form: &Form) -> Result<Outcome, String> {
    let path = PathBuf::from(form.value(0).trim());
    if !path.is_file() {
        return Err(ctx.t(S::ThereNoSuchFile).into());
    }
    let text = |i: usize| Some(form.value(i).trim().to_string()).filter(|v| !v.is_empty());
    let date = match text(3) {
        Some(d) => Some(
            d.parse()
                .map_err(|_| ctx.fill(S::ImportDateInvalid, &[("date", &d)]))?,
        ),
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
    Ok(Outcome::effects(vec![Effect::ReadTranscript {
        path,
        options,
    }]))
}

/// Starts reading and mapping the file on a thread; the review screen opens when it is done.
pub fn start(
    importing: &mut Option<ImportJob>,
    ctx: &Ctx,
    path: &std::path::Path,
    options: Options,
) -> Outcome {
    if importing.is_some() {
        return Outcome::error(ctx.t(S::ImportAlreadyRunning));
    }
    let Some(session) = ctx.session.as_deref() else {
        return Outcome::default();
    };
    let reserved: Vec<String> = session.store.reserved_ids().map(str::to_string).collect();
    // What drafting needs of every interview (ids, sources), read a file at a time.
    let mut outline = import::outline(&session.project);
    session
        .interviews
        .each(&session.store, |i| outline.interviews.push(import::slim(i)));
    let job = ImportJob::start(session.store.root(), outline, path, options, reserved);
    let text = progress(&job, ctx.lang, import::Step::Reading);
    *importing = Some(job);
    Outcome::info(text)
}

/// How far the file being read has come, for the status line.
pub fn progress(job: &ImportJob, lang: Lang, step: import::Step) -> String {
    let name = file_name(&job.file);
    match step {
        import::Step::Reading => fill(lang, S::ReadingFile, &[("file", &name)]),
        import::Step::Mapping(done, all) => {
            let percent = done * 100 / all.max(1);
            fill(
                lang,
                S::LayingOntoGuide,
                &[("file", &name), ("percent", &percent)],
            )
        }
    }
}

/// The review screen with what the thread drafted, or why it could not draft.
pub fn finished(
    ctx: &Ctx,
    job: &ImportJob,
    drafted: Result<Box<import::Draft>, String>,
) -> (Option<ReviewScreen>, Outcome) {
    let Some(session) = ctx.session.as_deref() else {
        return (None, Outcome::default());
    };
    // The user opened another project while the file was read.
    if session.store.root() != job.root {
        return (None, Outcome::default());
    }
    let name = file_name(&job.file);
    match drafted {
        Ok(mut draft) => {
            // A transcript without speakers does not say who interviewed: the user did.
            if draft.interview.interviewer.is_empty() {
                draft.interview.interviewer = ctx.settings.interviewer.clone();
            }
            let screen = ReviewScreen::new(*draft, &session.project);
            let outcome = match &screen.draft.duplicate_of {
                Some(first) => Outcome::info(ctx.fill(S::ImportedBefore, &[("first", first)])),
                None => Outcome::default(),
            };
            (Some(screen), outcome)
        }
        Err(reason) => (
            None,
            Outcome::error(ctx.fill(
                S::NothingImportedBecause,
                &[("file", &name), ("reason", &reason)],
            )),
        ),
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// An action of the review screen's keymap; accepting adds the interview, cancelling or
/// accepting closes the screen.
pub fn on_action(review: &mut Option<ReviewScreen>, ctx: &mut Ctx, action: Action) -> Outcome {
    let Some(mut screen) = review.take() else {
        return Outcome::default();
    };
    match screen.on_action(action) {
        Reviewed::Continue => {
            *review = Some(screen);
            Outcome::default()
        }
        Reviewed::Cancel => Outcome::info(ctx.t(S::NothingWasImported)),
        Reviewed::Accept => {
            let draft = screen.into_draft();
            let lang = ctx.lang;
            let Some(session) = ctx.session.as_deref_mut() else {
                return Outcome::default();
            };
            let project_changed = import::add_to(&mut session.project, &[&draft]);
            // The interview is held, not kept in the outline, until it is saved.
            for interview in std::mem::take(&mut session.project.interviews) {
                session.interviews.put_changed(interview);
            }
            session.revision += 1;
            let id = draft.interview.id.clone();
            let text = fill(lang, S::ImportedAsDraft, &[("id", &id)]);
            Outcome::effects(vec![Effect::SaveChange {
                interviews: vec![id],
                codebook: false,
                project: project_changed,
            }])
            .with_info(text)
        }
    }
}
