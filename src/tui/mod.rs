//! The terminal interface: a thin layer over the library. `app` holds the state and `update`,
//! `view` draws it, and `run` is the small runner that owns the terminal and performs effects.

pub mod app;
pub mod cursor;
pub mod editor;
pub mod erase;
pub mod footer;
pub mod form;
pub mod fuzzy;
pub mod import_job;
pub mod keymap;
pub mod merge;
pub mod opening;
pub mod programme;
pub mod router;
pub mod screens;
pub mod search_worker;
pub mod session;
pub mod state;
pub mod strings;
pub mod theme;
pub mod typing;
pub mod undo;
pub mod view;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::failure::Failure;
use crate::model::Lang;
use crate::search::SearchOptions;
use crate::store::{self, Store, settings::Settings};
use app::{App, Effect, Message, update};
use opening::Opening;
use search_worker::{Job, Report};
use session::{ChangeOutcome, Session};
use strings::S;

/// How long the loop waits for input before a tick (folding and journal syncs are due then).
const TICK: Duration = Duration::from_millis(250);
/// How often a project being read is looked for.
const OPENING_TICK: Duration = Duration::from_millis(20);

/// The interface language: `--lang`, else Swedish when the locale is Swedish, else English.
pub fn language(choice: Option<Lang>) -> Lang {
    choice.unwrap_or_else(|| {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if locale.to_lowercase().starts_with("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    })
}

/// Starts the interface on `dir` (or the welcome screen) and returns when the user quits.
/// The interface needs a terminal; checked before anything is changed on disk.
pub fn require_terminal() -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::usage(
            "the interface needs a terminal on stdin and stdout; in scripts use the subcommands (behov check, behov synth, …)",
        ));
    }
    Ok(())
}

pub fn run(dir: Option<PathBuf>, lang: Option<Lang>) -> Result<ExitCode, Failure> {
    require_terminal()?;
    let lang = language(lang);
    let monochrome = take_no_color();
    let log_file = init_logging();
    let mut app = App::new(lang, Settings::load());
    if let Some(dir) = dir {
        start_opening(&mut app, &dir)?;
    }
    drive(app, monochrome, log_file)
}

/// The interface on the programme `listing` (its `programme.json` in `root`), read-only.
pub fn run_programme(
    root: &Path,
    listing: &store::programme::Listing,
    lang: Option<Lang>,
) -> Result<ExitCode, Failure> {
    require_terminal()?;
    let lang = language(lang);
    let monochrome = take_no_color();
    let log_file = init_logging();
    let mut app = App::new(lang, Settings::load());
    programme::open(&mut app, root, listing)?;
    drive(app, monochrome, log_file)
}

/// Runs the event loop on `app` in the terminal until the user quits or a signal comes.
fn drive(mut app: App, monochrome: bool, log_file: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let terminate = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&terminate)).map_err(|e| Failure {
            message: format!("could not listen for signals: {e}"),
            code: 1,
        })?;
    }
    let mut terminal = ratatui::try_init().map_err(|e| Failure {
        message: format!("could not set up the terminal: {e}"),
        code: 1,
    })?;
    install_panic_hook(log_file);
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &terminate, monochrome);
    restore_terminal();
    if let Err(e) = app.settings.save() {
        tracing::warn!("settings not saved: {e}");
    }
    result?;
    match left_unsaved(&app) {
        Some(sentence) => Err(Failure {
            message: sentence,
            code: 1,
        }),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// Whether `NO_COLOR` asks for no colours. behov then draws without colours itself and hides
/// the variable from crossterm, whose own handling writes an empty SGR sequence (`ESC[m`, a
/// full reset) for each colour, which would also wipe the bold and reverse video that mark
/// the selection.
fn take_no_color() -> bool {
    let set = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if set {
        // SAFETY: called at start-up, before behov starts any other thread.
        unsafe { std::env::remove_var("NO_COLOR") };
    }
    set
}

/// Drops every colour from a drawn frame, keeping bold, reverse video and underline.
pub fn strip_colours(buffer: &mut ratatui::buffer::Buffer) {
    for cell in buffer.content.iter_mut() {
        cell.fg = ratatui::style::Color::Reset;
        cell.bg = ratatui::style::Color::Reset;
    }
}

fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
}

fn init_logging() -> Option<PathBuf> {
    let dir = store::log_dir().ok()?;
    store::create_dir(&dir).ok()?;
    let appender = tracing_appender::rolling::never(&dir, "behov.log");
    let _ = tracing_subscriber::fmt()
        .with_writer(appender)
        .with_ansi(false)
        .try_init();
    Some(dir)
}

/// On a panic: restore the terminal (ratatui's hook does raw mode and the alternate screen;
/// bracketed paste is ours), write the panic to a log file and say where it is.
fn install_panic_hook(log_dir: Option<PathBuf>) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic on a worker thread (the search index) is logged, and the interface goes on
        // in its terminal; only the interface's own thread ends behov.
        let interface = std::thread::current().name() == Some("main");
        if interface {
            let _ = execute!(std::io::stdout(), DisableBracketedPaste);
            ratatui::restore();
        }
        let backtrace = std::backtrace::Backtrace::force_capture();
        if let Some(dir) = &log_dir {
            let path = dir.join(format!("panic-{}.log", jiff::Timestamp::now().as_second()));
            if let Ok(mut file) = std::fs::File::create(&path) {
                let _ = writeln!(
                    file,
                    "{}\n\n{backtrace}",
                    crate::privacy::redact::panic_report(info)
                );
                if interface {
                    eprintln!(
                        "behov stopped because of a bug; the details are in {}. What you typed is in the project's journal and is recovered when you reopen it.",
                        path.display()
                    );
                }
            }
        }
        tracing::error!("panic: {}", crate::privacy::redact::panic_report(info));
        if interface {
            previous(info);
        }
    }));
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    terminate: &AtomicBool,
    monochrome: bool,
) -> Result<(), Failure> {
    let size = terminal.size().map_err(|e| Failure {
        message: format!("could not read the terminal size: {e}"),
        code: 1,
    })?;
    update(app, Message::Resize(size.width, size.height));
    let events = spawn_reader();
    let mut last_maintained = Instant::now();
    loop {
        // What the runner did since the update (a status line) may move the layout.
        app.fit();
        let drawn = terminal.draw(|frame| {
            view::draw(app, frame);
            if monochrome {
                strip_colours(frame.buffer_mut());
            }
        });
        // A terminal that is gone (closed window, lost SSH session) ends the session with
        // everything saved, whether it shows as a signal, a failed draw or a hung-up stdin.
        let message = if drawn.is_err() || terminate.load(Ordering::Relaxed) || input_hung_up() {
            Message::Terminate
        } else {
            // While a project is read, it is looked for often, so it shows as soon as it is.
            let wait = if app.opening.is_some() {
                OPENING_TICK
            } else {
                TICK
            };
            match events.recv_timeout(wait) {
                Ok(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => Message::Key(key),
                Ok(Ok(Event::Paste(text))) => Message::Paste(text),
                Ok(Ok(Event::Resize(w, h))) => Message::Resize(w, h),
                Ok(Ok(_)) => continue,
                Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Message::Terminate,
                Err(RecvTimeoutError::Timeout) => Message::Tick(Instant::now()),
            }
        };
        poll_opening(app, false);
        poll_search(app);
        poll_change(app, false);
        poll_import(app, false);
        let effects = update(app, message);
        for effect in effects {
            perform(app, effect);
        }
        if let Some(journal) = app.session.as_mut().and_then(|s| s.journal.as_mut())
            && let Err(e) = journal.sync_if_due()
        {
            app.error(e.to_string());
        }
        if last_maintained.elapsed() >= MAINTAIN_EVERY {
            maintain(app);
            last_maintained = Instant::now();
        }
        if app.quit {
            // A change being written is finished first (it would also be completed at the
            // next open, but the user is told now).
            settle(app);
        }
        app.guard_quit();
        if app.quit {
            return Ok(());
        }
    }
}

/// What is left unsaved when behov ends, as a sentence for stderr; `None` when all is saved.
pub fn left_unsaved(app: &App) -> Option<String> {
    let session = app.session.as_ref()?;
    let unwritten = session.unwritten_characters();
    if unwritten > 0 {
        return Some(format!(
            "{unwritten} characters typed could not be written to the disk and are lost"
        ));
    }
    (!session.unsaved.is_empty()).then(|| {
        let names: Vec<String> = session
            .unsaved
            .iter()
            .map(|id| session.interview_name(id))
            .collect();
        format!(
            "{} could not be saved; what was typed is in the project's journal and is recovered when you open the project again",
            names.join(", ")
        )
    })
}

/// Runs the Search tab's query; an empty query with no filters shows no results.
fn run_search(app: &mut App) {
    let Some(handle) = app.session.as_ref().and_then(|s| s.search_handle.clone()) else {
        return;
    };
    let view = &mut app.search;
    if view.query.trim().is_empty() && view.filters.is_empty() {
        view.results = None;
        return;
    }
    let options = SearchOptions {
        limit: screens::search::LIMIT,
        counts: true,
        filters: view.filters.clone(),
        ..SearchOptions::default()
    };
    match handle.search(&view.query, &options) {
        Ok(results) => {
            view.selected = view.selected.min(results.hits.len().saturating_sub(1));
            view.results = Some(results);
            view.failure = None;
        }
        Err(e) => view.failure = Some(e.to_string()),
    }
}

/// Passes what the search worker reported since the last turn of the loop through `update`,
/// and performs what that asks for.
pub fn poll_search(app: &mut App) {
    let Some(session) = app.session.as_ref() else {
        return;
    };
    let reports: Vec<Report> = session.search.reports.try_iter().collect();
    for report in reports {
        for effect in update(app, Message::Search(report)) {
            perform(app, effect);
        }
    }
}

/// Waits until the search index is open or has failed, taking in each report as it comes
/// (what `settle` is to a change of files, for the tests).
pub fn await_search(app: &mut App) {
    while !app.search.ready && app.search.failure.is_none() {
        let Some(report) = app
            .session
            .as_ref()
            .and_then(|s| s.search.reports.recv().ok())
        else {
            return;
        };
        for effect in update(app, Message::Search(report)) {
            perform(app, effect);
        }
    }
}

/// Reads terminal events on a thread of its own. On a closed terminal crossterm may spin
/// inside its read without returning (crossterm issue 793); with the reading here, the main
/// loop still sees the signal or the hang-up, saves, and exits.
fn spawn_reader() -> Receiver<std::io::Result<Event>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(event).is_err() || failed {
                break;
            }
        }
    });
    receiver
}

/// Whether stdin, the terminal, has hung up.
fn input_hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a zero timeout; poll only writes `revents`.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready < 0 || fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Performs one effect; a failure becomes a sentence on the status line that says truthfully
/// where the user's text is: in the journal (safe, saved again soon) or only in memory.
pub fn perform(app: &mut App, effect: Effect) {
    // While a change of many files is written, other saves wait for it, so none of them can
    // be overtaken by the change's older copy of the same file.
    let writes = matches!(
        effect,
        Effect::SaveInterview(_)
            | Effect::SaveChange { .. }
            | Effect::DeleteInterview(_)
            | Effect::SaveProject
            | Effect::SaveCodebook
            | Effect::Resolve(_)
    );
    if writes && app.session.as_ref().is_some_and(Session::is_busy) {
        app.deferred.push(effect);
        return;
    }
    let mut about_typing = false;
    let result: store::Result<()> = match effect {
        Effect::OpenProject(dir) => open(app, &dir),
        Effect::CreateProject { dir, title } => store::defaults::project_for_user(&title)
            .and_then(|project| Store::create(&dir, &project))
            .and_then(|created| {
                drop(created);
                open(app, &dir)
            }),
        Effect::OpenDemo => store::data_dir().and_then(|data| {
            let dir = data.join("demo");
            app.session = None;
            store::demo::install(&dir)?;
            open(app, &dir)
        }),
        Effect::Journal(record) => {
            about_typing = true;
            match app.session.as_mut().and_then(|s| s.journal.as_mut()) {
                Some(journal) => journal.append(&record),
                None => Ok(()),
            }
        }
        Effect::SyncJournal => {
            about_typing = true;
            match app.session.as_mut().and_then(|s| s.journal.as_mut()) {
                Some(journal) => journal.flush().and_then(|()| journal.sync()),
                None => Ok(()),
            }
        }
        Effect::SaveInterview(id) => {
            about_typing = true;
            match app.session.as_mut() {
                Some(session) => session.save_interview(&id).map(|notice| {
                    if let Some(notice) = notice {
                        app.error(notice);
                    }
                }),
                None => Ok(()),
            }
        }
        Effect::SaveChange {
            interviews,
            codebook,
            project,
        } => match app.session.as_mut() {
            Some(session) => session.save_change(&interviews, codebook, project),
            None => Ok(()),
        },
        Effect::DeleteInterview(id) => app.session.as_ref().map_or(Ok(()), |s| {
            s.store.delete_interview(&id)?;
            s.search.send(Job::Removed(id));
            Ok(())
        }),
        Effect::SaveProject => app.session.as_ref().map_or(Ok(()), |s| {
            s.store.save_project(&s.project)?;
            s.search.send(Job::Project(Box::new(s.project.clone())));
            Ok(())
        }),
        Effect::SaveCodebook => app.session.as_ref().map_or(Ok(()), |s| {
            s.store.save_codebook(&s.project.codebook)?;
            s.search.send(Job::Project(Box::new(s.project.clone())));
            Ok(())
        }),
        Effect::SaveSettings => app.settings.save(),
        Effect::Erase(target) => erase::erase(app, target),
        Effect::ReadTranscript { path, options } => {
            let (importing, ctx) = router::split!(app.importing);
            let outcome = screens::import::start(importing, &ctx, &path, options);
            app.apply(outcome);
            Ok(())
        }
        Effect::PlanMerge(other) => merge::plan(app, &other),
        Effect::ApplyMerge => merge::apply(app),
        Effect::WriteFile { path, bytes } => path
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or(Ok(()), store::create_dir)
            .and_then(|()| store::output::write(&path, &bytes, store::output::Links::Refuse))
            .map(|written| {
                let text = app.fill(S::SavedFile, &[("path", &written.display())]);
                app.info(text);
            }),
        Effect::RunSearch => {
            run_search(app);
            Ok(())
        }
        Effect::Resolve(keep) => match app.session.as_mut() {
            Some(session) => session.resolve_first(keep),
            None => Ok(()),
        },
        Effect::SaveDefaultCodebook => match app.session.as_ref() {
            Some(session) => {
                store::defaults::save_user_codebook(&session.project.codebook).map(|path| {
                    let text = app.fill(S::DefaultCodebookSaved, &[("path", &path.display())]);
                    app.info(text);
                })
            }
            None => Ok(()),
        },
    };
    if let Err(e) = result {
        tracing::error!("{e}");
        let text = if about_typing {
            save_failure(app, &e)
        } else {
            app.fill(S::CouldNotSave, &[("error", &e)])
        };
        app.error(text);
    }
}

/// Where typed text is after a failed write, said as it is.
fn save_failure(app: &App, e: &store::Error) -> String {
    let unwritten = app
        .session
        .as_ref()
        .map_or(0, Session::unwritten_characters);
    let full = matches!(
        e,
        store::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull
    );
    if unwritten > 0 {
        let cause = if full {
            app.t(S::DiskFull).to_string()
        } else {
            e.to_string()
        };
        app.fill(S::OnlyInMemory, &[("n", &unwritten), ("cause", &cause)])
    } else {
        app.fill(S::InTheJournal, &[("error", e)])
    }
}

/// Takes in how a change of many files is coming along (`block`: waits until it is done),
/// says so on the status line, and performs the saves that waited for it.
pub fn poll_change(app: &mut App, block: bool) {
    let Some(outcome) = app.session.as_mut().and_then(|s| s.poll_change(block)) else {
        return;
    };
    match outcome {
        ChangeOutcome::Progress(done, total) => {
            let text = app.fill(S::SavingChange, &[("done", &done), ("total", &total)]);
            app.info(text)
        }
        ChangeOutcome::Finished(Ok(files)) => {
            let files = strings::count(app.lang, files, S::FileOne, S::FileMany);
            let saved = app.fill(S::ChangeSaved, &[("files", &files)]);
            // What the action said stays, unless it was the progress of this change.
            let progress = app.t(S::SavingChange).split('{').next().unwrap_or_default();
            match app.status.as_ref() {
                Some(s) if !s.text.starts_with(progress) => {
                    let text = format!("{} {saved}", s.text);
                    let error = s.error;
                    if error {
                        app.error(text);
                    } else {
                        app.info(text);
                    }
                }
                _ => app.info(saved),
            }
            for effect in std::mem::take(&mut app.deferred) {
                perform(app, effect);
            }
        }
        ChangeOutcome::Finished(Err(e)) => {
            let text = app.fill(S::ChangeNotSaved, &[("error", &e)]);
            app.error(text);
            for effect in std::mem::take(&mut app.deferred) {
                perform(app, effect);
            }
        }
    }
}

/// Waits for a transcript being read, a change of many files being written, and everything
/// that waited for them.
pub fn settle(app: &mut App) {
    poll_opening(app, true);
    poll_import(app, true);
    while app.session.as_ref().is_some_and(Session::is_busy) {
        poll_change(app, true);
    }
}

/// Takes in how the transcript being read is coming along (`block`: waits until it is done)
/// and opens the review screen with its result.
pub fn poll_import(app: &mut App, block: bool) {
    loop {
        let Some(job) = app.importing.as_mut() else {
            return;
        };
        match job.poll(block) {
            Some(import_job::Polled::Progress(step)) => {
                let text = screens::import::progress(job, app.lang, step);
                app.info(text);
                if !block {
                    return;
                }
            }
            Some(import_job::Polled::Done(result)) => {
                let job = app.importing.take().expect("an import job is running");
                let (review, outcome) = screens::import::finished(&app.ctx(), &job, result);
                // The progress line is done with; the outcome may say something instead.
                app.status = None;
                if review.is_some() {
                    app.review = review;
                }
                app.apply(outcome);
                return;
            }
            None => return,
        }
    }
}

/// How often the loop retries failed writes and looks for files changed by other programs.
const MAINTAIN_EVERY: Duration = Duration::from_secs(2);

/// What the loop does between keys: retries journal entries and saves that failed (a disk
/// that was full may have room again) and takes in interview files changed by others.
pub fn maintain(app: &mut App) {
    let lang = app.lang;
    let Some(session) = app.session.as_mut() else {
        return;
    };
    if session.read_only() {
        // A second instance follows what the holder saves.
        match session.refresh_read_only() {
            Ok(0) => {}
            Ok(n) => {
                let interviews = strings::count(lang, n, S::InterviewOne, S::InterviewMany);
                app.info(strings::fill(
                    lang,
                    S::UpdatedByHolder,
                    &[("interviews", &interviews)],
                ))
            }
            Err(e) => app.error(e.to_string()),
        }
        return;
    }
    if session.is_busy() {
        return;
    }
    let before = session.unwritten_characters();
    let flushed = session.journal.as_mut().map(|j| j.flush());
    let retried = session.retry_change();
    if before > 0 && matches!(flushed, Some(Ok(()))) {
        app.info(strings::fill(lang, S::SavedAgain, &[("n", &before)]));
    }
    if let Some(Err(e)) = retried {
        app.error(strings::fill(
            lang,
            S::ChangeStillNotSaved,
            &[("error", &e)],
        ));
    }
    let typing = app.last_edit.is_some();
    let Some(session) = app.session.as_mut() else {
        return;
    };
    if !typing && !session.unsaved.is_empty() {
        for effect in app.fold_all() {
            perform(app, effect);
        }
    }
    let Some(session) = app.session.as_mut() else {
        return;
    };
    match session.check_disk() {
        Ok(notices) if !notices.is_empty() => {
            let open = app.capture.as_ref().map(|c| c.interview.clone());
            if notices.iter().any(|(id, _)| Some(id) == open.as_ref())
                && let (Some(capture), Some(session)) = (app.capture.as_mut(), app.session.as_ref())
            {
                capture.text_reloaded(session);
            }
            let text: Vec<String> = notices.into_iter().map(|(_, n)| n).collect();
            app.error(text.join(" "));
        }
        Ok(_) => {}
        Err(e) => app.error(e.to_string()),
    }
}

fn open(app: &mut App, dir: &Path) -> store::Result<()> {
    if let Some(session) = app.session.take() {
        session.close();
    }
    start_opening(app, dir)
}

/// Starts reading the project at `dir` behind a first frame (see `opening`).
fn start_opening(app: &mut App, dir: &Path) -> store::Result<()> {
    let opening = Opening::start(dir, app.lang, &app.interviews)?;
    let interviews = strings::count(app.lang, opening.files, S::InterviewOne, S::InterviewMany);
    app.info(app.fill(S::OpeningReading, &[("interviews", &interviews)]));
    app.opening = Some(opening);
    Ok(())
}

/// Takes over the project once it is read (`block`: waits for it) and applies the keys
/// pressed meanwhile, in order.
pub fn poll_opening(app: &mut App, block: bool) {
    let Some(result) = app.opening.as_ref().and_then(|o| o.poll(block)) else {
        return;
    };
    let Some(opening) = app.opening.take() else {
        return;
    };
    match result {
        Ok(opened) => {
            app.attach(opened.session, opened.notices);
            for message in opening.pending {
                for effect in update(app, message) {
                    perform(app, effect);
                }
            }
        }
        Err(e) => {
            app.status = None;
            app.error(e.to_string());
        }
    }
}
