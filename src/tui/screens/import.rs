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

/// The form asking which transcript to import.
pub fn form(lang: Lang) -> Overlay {
    let t = |sv: &'static str, en: &'static str| if lang == Lang::Sv { sv } else { en };
    let form = Form::new(
        t("Importera ett transkript", "Import a transcript"),
        vec![Field::text(t("Fil", "File"), String::new()).with_hint(t(
            ".docx, .vtt, .srt, .txt eller .md",
            ".docx, .vtt, .srt, .txt or .md",
        ))],
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
    Ok(vec![Effect::ReadTranscript(path)])
}

/// Reads and maps the file, then opens the review screen (or says why it cannot).
pub fn read(app: &mut App, path: &std::path::Path) {
    let Some(session) = app.session.as_ref() else {
        return;
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
                draft.interview.interviewer = app.settings.interviewer.clone();
            }
            let screen = ReviewScreen::new(draft, &session.project.guide);
            if let Some(first) = &screen.draft.duplicate_of {
                let text = if app.sv() {
                    format!("Filen är redan importerad som {first}; Enter importerar den igen.")
                } else {
                    format!("The file was imported before as {first}; Enter imports it again.")
                };
                app.info(text);
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
