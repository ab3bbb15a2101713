//! A programme in the interface: its projects combined, read-only, with the Search and
//! Summary tabs across all of them.

use std::path::Path;

use super::app::{App, Tab};
use super::session::Session;
use super::strings::S;
use crate::report::PROJECT_ATTRIBUTE;
use crate::store::{self, programme::Listing};

/// Opens the programme `listing` (its `programme.json` in `root`) in `app`: on the Summary
/// tab, split by project.
pub fn open(app: &mut App, root: &Path, listing: &Listing) -> store::Result<()> {
    let opened = store::programme::open(listing, false, false)?;
    let projects = opened.programme.info.projects.len();
    let differences = opened.programme.info.differences.len();
    let reason = app.t(S::ProgrammeReadOnly).to_string();
    let session = Session::for_programme(root, opened.programme, reason);
    app.attach(session, opened.notes);
    app.tab = Tab::Summary;
    app.summary.by = Some(PROJECT_ATTRIBUTE.to_string());
    if app.status.is_none() {
        let text = app.fill(
            S::ProgrammeOpened,
            &[("projects", &projects), ("differences", &differences)],
        );
        app.info(text);
    }
    app.refresh();
    Ok(())
}

/// Whether the open session is a programme, which has only the Search and Summary tabs.
pub fn is_programme(app: &App) -> bool {
    app.session.as_ref().is_some_and(|s| s.programme.is_some())
}

/// The tabs a programme has.
pub const TABS: [Tab; 2] = [Tab::Search, Tab::Summary];
