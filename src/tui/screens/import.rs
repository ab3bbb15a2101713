//! Importing a transcript from the interface: a file name is asked for, the file is read and
//! laid onto the guide (by the runner: it is IO), the review screen shows the result, and
//! accepting it adds the interview as a draft, saved as one change with any new respondent.

use std::path::PathBuf;

use super::review::{Outcome as Reviewed, ReviewScreen};
use crate::import::{self, Options};
use crate::model::Lang;
use crate::tui::form::{Field, Form};
use crate::tui::keymap::Action;
use crate::tui::state::{Ctx, Effect, FormPurpose, Outcome, Overlay};
use crate::tui::strings::{S, fill, say};

/// The form asking which transcript to import.
pub fn form(lang: Lang) -> Overlay {
    let t = |key| say(lang, key);
    let form = Form::new(
        t(S::ImportTranscript),
        vec![Field::text(t(S::File), String::new()).with_hint(t(S::DocxVttSrtTxtMd))],
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
    Ok(Outcome::effects(vec![Effect::ReadTranscript(path)]))
}

/// Reads and maps the file into the review screen to open, or says why it cannot.
pub fn read(ctx: &Ctx, path: &std::path::Path) -> (Option<ReviewScreen>, Outcome) {
    let Some(session) = ctx.session.as_deref() else {
        return (None, Outcome::default());
    };
    let name = path.to_string_lossy();
    let drafted = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            let reserved: Vec<String> = session.store.reserved_ids().map(str::to_string).collect();
            import::draft(
                &session.project,
                &name,
                &bytes,
                &Options::default(),
                &reserved,
                jiff::Timestamp::now(),
            )
            .map_err(|e| e.to_string())
        });
    match drafted {
        Ok(draft) => {
            let mut draft = draft;
            // A transcript without speakers does not say who interviewed: the user did.
            if draft.interview.interviewer.is_empty() {
                draft.interview.interviewer = ctx.settings.interviewer.clone();
            }
            let screen = ReviewScreen::new(draft, &session.project.guide);
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
