//! Erasing an organisation everywhere from the interface. The project is closed around it —
//! typed text folded into its files first, the search worker stopped — so nothing of the
//! erased stays in memory, the journal, an undo step or the index, and it is opened again
//! from the new files.

use super::app::App;
use super::session::Session;
use super::state::Screen;
use super::strings::S;
use crate::failure::Failure;
use crate::privacy::erase::{self, Receipt, Target};
use crate::store;

/// Performs the erasure the user confirmed and says what it did on the status line.
pub fn erase(app: &mut App, target: Target) -> store::Result<()> {
    let Some(session) = app.session.as_ref() else {
        return Ok(());
    };
    if session.read_only() {
        app.error(app.t(S::EraseReadOnly).to_string());
        return Ok(());
    }
    let root = session.store.root().to_path_buf();
    let name = match &target {
        Target::Respondent(id) => session
            .project
            .respondent(id)
            .map_or_else(|| id.clone(), |r| r.name.clone()),
        Target::Person(name) => name.clone(),
    };
    for effect in app.fold_all() {
        super::perform(app, effect);
    }
    super::settle(app);
    if app
        .session
        .as_ref()
        .is_some_and(|s| s.unwritten_characters() > 0)
    {
        app.error(app.t(S::EraseUnsaved).to_string());
        return Ok(());
    }
    if let Some(session) = app.session.take() {
        session.close();
    }
    let erased = run(&root, &target);
    let reopened = Session::open(&root, app.sv())?;
    app.attach(reopened.session, reopened.notices);
    // Back where the erasure was asked for, its list made again from the new files.
    app.screen = match target {
        Target::Respondent(_) => Screen::Respondents,
        Target::Person(_) => Screen::Privacy,
    };
    app.refresh();
    match erased {
        Ok(receipt) if receipt.traces.is_empty() => {
            let text = app.fill(
                S::Erased,
                &[
                    ("name", &name),
                    (
                        "deleted",
                        &super::strings::count(
                            app.lang,
                            receipt.interviews_deleted.len(),
                            S::InterviewOne,
                            S::InterviewMany,
                        ),
                    ),
                    (
                        "changed",
                        &super::strings::count(
                            app.lang,
                            receipt.interviews_changed.len(),
                            S::InterviewOne,
                            S::InterviewMany,
                        ),
                    ),
                ],
            );
            app.info(text);
        }
        Ok(receipt) => {
            let files: Vec<String> = receipt
                .traces
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            let text = app.fill(
                S::ErasedWithTraces,
                &[("name", &name), ("files", &files.join(", "))],
            );
            app.error(text);
        }
        Err(failure) => app.error(failure.message),
    }
    Ok(())
}

/// The erasure on the closed project, as `behov erase` does it.
fn run(root: &std::path::Path, target: &Target) -> Result<Receipt, Failure> {
    let mut opened = erase::open(root)?;
    let key = crate::privacy::Key::load(root)?;
    let plan = erase::plan(&opened.project, &key, target)
        .map_err(|message| Failure { message, code: 1 })?;
    erase::apply(&mut opened, plan)
}
