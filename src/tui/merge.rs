//! The runner's side of merging a colleague's copy: reading it (IO) to open the merge screen,
//! and writing the merge. Typed text is folded into its files first, and the project is
//! closed and opened again around the write, so the search index, the journal and every view
//! start from the merged files.

use std::path::Path;

use super::app::App;
use super::screens::merge::MergeScreen;
use super::session::Session;
use super::strings::S;
use crate::store;

/// Reads the other copy and opens the merge screen, or says why it cannot.
pub fn plan(app: &mut App, other: &Path) -> store::Result<()> {
    let Some(session) = app.session.as_ref() else {
        return Ok(());
    };
    if session.read_only() {
        app.error(app.t(S::MergeReadOnly).to_string());
        return Ok(());
    }
    let root = session.store.root().to_path_buf();
    for effect in app.fold_all() {
        super::perform(app, effect);
    }
    super::settle(app);
    let theirs = store::merge::read_other(&root, other)?;
    let ancestor = store::merge::ancestor(&root, other);
    let Some(session) = app.session.as_ref() else {
        return Ok(());
    };
    // Every interview is read for the merge and held by its screen until it is written.
    match MergeScreen::new(session.whole(), other.to_path_buf(), theirs, ancestor) {
        Ok(screen) => app.merge = Some(screen),
        Err(refusal) => app.error(refusal.to_string()),
    }
    Ok(())
}

/// Writes the merge on the screen as one change and opens the project again from the files.
pub fn apply(app: &mut App) -> store::Result<()> {
    let (Some(screen), Some(session)) = (app.merge.take(), app.session.as_ref()) else {
        return Ok(());
    };
    let root = session.store.root().to_path_buf();
    let receipt = store::merge::apply(
        &session.store,
        &screen.mine,
        &screen.plan.project,
        &screen.other,
    )?;
    if let Some(session) = app.session.take() {
        session.close();
    }
    let reopened = Session::open(&root, app.sv())?;
    app.attach(reopened.session, reopened.notices);
    let files = super::strings::count(app.lang, receipt.files, S::FileOne, S::FileMany);
    let text = app.fill(S::MergeDone, &[("files", &files)]);
    app.info(text);
    Ok(())
}
