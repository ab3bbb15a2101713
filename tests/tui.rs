//! The interface driven through `update` with key sequences, and its frames as snapshots.

use std::path::Path;

use behov::model::{Lang, Status};
use behov::store::settings::Settings;
use behov::tui::app::{App, Effect, Message, Screen, Tab, update};
use behov::tui::session::Session;
use behov::tui::{perform, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "tui/keys.rs"]
mod keys;

fn demo_app(dir: &Path, lang: Lang) -> App {
    let root = dir.join("demo");
    behov::store::demo::install(&root).unwrap();
    let opened = Session::open(&root, lang == Lang::Sv).unwrap();
    let mut app = App::new(lang, Settings::default());
    app.attach(opened.session, opened.notices);
    app
}

/// Sends one message and performs its effects (except writing the user's settings).
fn send(app: &mut App, message: Message) {
    for effect in update(app, message) {
        if effect != Effect::SaveSettings {
            perform(app, effect);
        }
    }
    behov::tui::settle(app);
}

fn key(app: &mut App, code: KeyCode) {
    send(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Types `keys` one character at a time; `<Enter>`, `<Esc>`, `<Tab>` and `<Down>` are keys.
fn keys(app: &mut App, keys: &str) {
    let mut rest = keys;
    while !rest.is_empty() {
        let named = [
            ("<Enter>", KeyCode::Enter),
            ("<Esc>", KeyCode::Esc),
            ("<Tab>", KeyCode::Tab),
            ("<Down>", KeyCode::Down),
            ("<Up>", KeyCode::Up),
            ("<Left>", KeyCode::Left),
            ("<Right>", KeyCode::Right),
            ("<BS>", KeyCode::Backspace),
            ("<F1>", KeyCode::F(1)),
            ("<PgDn>", KeyCode::PageDown),
            ("<Home>", KeyCode::Home),
            ("<Del>", KeyCode::Delete),
        ];
        if let Some((name, code)) = named.iter().find(|(n, _)| rest.starts_with(n)) {
            key(app, *code);
            rest = &rest[name.len()..];
        } else {
            let c = rest.chars().next().unwrap();
            key(app, KeyCode::Char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    send(app, Message::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    // One frame: the update fitted the editor to the layout already.
    terminal.draw(|frame| view::draw(app, frame)).unwrap();
    terminal
}

/// Opens an interview in the capture screen, as Enter on its row does.
fn open_interview(app: &mut App, id: &str) {
    use behov::tui::app::{OpenAnswer, Outcome, Target};
    app.apply(Outcome::open(OpenAnswer {
        interview: id.to_string(),
        target: Target::FirstUnanswered,
        back_to: (Screen::Tabs, Tab::Interviews),
        editing: false,
    }));
}

fn reload(app: &App) -> behov::model::Project {
    behov::store::Store::open_read_only(app.session.as_ref().unwrap().store.root())
        .unwrap()
        .project
}

#[test]
fn a_new_interview_is_recorded_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    // n, filter respondents by typing, Enter, interviewer, Enter.
    keys(&mut app, "nköping<Enter>");
    keys(&mut app, "Åsa Öberg<Enter>");
    assert_eq!(app.screen, Screen::Capture);
    assert!(
        app.capture.as_ref().unwrap().editing,
        "a new interview starts in the editor"
    );
    keys(
        &mut app,
        "Vi är tre på enheten, två arbetar med hållbarhet.<Tab>",
    );
    keys(&mut app, "Mest verkstadsindustri.<Esc>");
    // Scale questions are answered with a digit.
    keys(&mut app, "jjj3");
    // Marking it complete with questions unanswered asks first.
    keys(&mut app, "m<Right><Enter><Esc>");
    assert_eq!(app.screen, Screen::Tabs);

    let project = reload(&app);
    let interview = project
        .interviews
        .iter()
        .find(|i| i.interviewer == "Åsa Öberg")
        .expect("saved");
    assert_eq!(
        project
            .respondent(&interview.respondents[0])
            .unwrap()
            .attribute("municipality"),
        "Köping"
    );
    assert_eq!(
        interview.answer("q01").unwrap().text,
        "Vi är tre på enheten, två arbetar med hållbarhet."
    );
    assert_eq!(
        interview.answer("q02").unwrap().text,
        "Mest verkstadsindustri."
    );
    assert!(interview.answer("q04").is_none());
    assert_eq!(interview.answer("q05").unwrap().scale, Some(3));
    assert_eq!(interview.status, Status::Complete);
    assert_eq!(behov::model::validate(&project), vec![]);
}

#[test]
fn scale_and_choice_questions_take_digits() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    keys(&mut app, "n<Down><Enter>Maria<Enter><Esc>");
    // From q01, four steps down is q05 (maturity scale).
    keys(&mut app, "jjjj4");
    keys(&mut app, "jjjjj135");
    keys(&mut app, "j2");
    keys(&mut app, "q");
    let project = reload(&app);
    let interview = project.interviews.last().unwrap();
    assert_eq!(interview.answer("q05").unwrap().scale, Some(4));
    assert_eq!(
        interview.answer("q10").unwrap().choices,
        ["networks", "experts", "methods"]
    );
    assert_eq!(interview.answer("q11").unwrap().choices, ["in_progress"]);
}

#[test]
fn typed_text_goes_to_the_journal_before_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "<Enter><Enter>");
    let root = app.session.as_ref().unwrap().store.root().to_path_buf();
    let id = app.capture.as_ref().unwrap().interview.clone();
    let before = std::fs::read_to_string(root.join(format!("interviews/{id}.json"))).unwrap();
    keys(&mut app, " Tillägg: åäö.");
    let journal = std::fs::read_to_string(root.join(".behov/journal")).unwrap();
    // The answer's text as it was, then one entry per character.
    assert_eq!(
        journal.lines().count(),
        1 + " Tillägg: åäö.".chars().count()
    );
    assert_eq!(
        std::fs::read_to_string(root.join(format!("interviews/{id}.json"))).unwrap(),
        before,
        "not yet folded"
    );
    // Leaving the editor folds the text into the file and empties the journal.
    keys(&mut app, "<Esc>");
    assert!(
        std::fs::read_to_string(root.join(format!("interviews/{id}.json")))
            .unwrap()
            .contains("Tillägg: åäö.")
    );
    assert_eq!(
        std::fs::read_to_string(root.join(".behov/journal")).unwrap(),
        ""
    );
}

#[test]
fn editing_a_coded_answer_keeps_its_passages_on_their_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    let session = app.session.as_ref().unwrap();
    // Find a passage coding and remember the words it covers.
    let (interview, question, text) = session
        .whole()
        .interviews
        .iter()
        .find_map(|i| {
            i.answers.iter().find_map(|a| {
                let span = a.codings.iter().find_map(|c| c.span)?;
                Some((
                    i.id.clone(),
                    a.question.clone(),
                    span.slice(&a.text)?.to_string(),
                ))
            })
        })
        .expect("the demo has coded passages");
    let position = session.project.guide.position(&question).unwrap();
    open_interview(&mut app, &interview);
    app.capture.as_mut().unwrap().index = position;
    // Type at the very start of the answer.
    keys(&mut app, "<Enter>");
    send(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL)),
    );
    keys(&mut app, "Inledning på svenska: ÅÄÖ. <Esc>");
    let project = reload(&app);
    let answer = project
        .interview(&interview)
        .unwrap()
        .answer(&question)
        .unwrap();
    assert!(answer.text.starts_with("Inledning på svenska: ÅÄÖ. "));
    let moved = answer.codings.iter().find_map(|c| c.span).unwrap();
    assert_eq!(moved.slice(&answer.text).unwrap(), text);
}

#[test]
fn deleting_asks_first_and_names_the_interview() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let count = app.session.as_ref().unwrap().interviews.len();
    keys(&mut app, "d");
    let frame = render(&mut app, 120, 40);
    let text = format!("{}", frame.backend());
    assert!(text.contains("Delete the interview with Arboga"), "{text}");
    assert!(
        text.contains("[ Cancel ]") && text.contains("[ Delete ]"),
        "{text}"
    );
    // No movement key, no "yes" letter confirms; Enter on the default button cancels.
    keys(&mut app, "jyk <Down><Enter>");
    assert!(app.overlay.is_none());
    assert_eq!(reload(&app).interviews.len(), count);
    // Esc cancels too, after choosing the action.
    keys(&mut app, "d<Right><Esc>");
    assert!(app.overlay.is_none());
    assert_eq!(reload(&app).interviews.len(), count);
    // Choosing the action's button and pressing Enter deletes.
    keys(&mut app, "d<Right><Enter>");
    assert_eq!(reload(&app).interviews.len(), count - 1);
}

#[test]
fn filter_and_sort_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "/utkast<Enter>");
    assert_eq!(app.interviews.rows.len(), 2);
    keys(&mut app, "<Esc>");
    assert_eq!(app.interviews.rows.len(), 24);
    // Sort by codings (column 8), descending: the most coded first.
    keys(&mut app, "sssssssS");
    let counts: Vec<usize> = app
        .interviews
        .rows
        .iter()
        .map(|r| r.cells[7].parse().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn a_second_instance_is_read_only_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let first = demo_app(dir.path(), Lang::En);
    let root = first.session.as_ref().unwrap().store.root().to_path_buf();
    let opened = Session::open(&root, false).unwrap();
    let mut second = App::new(Lang::En, Settings::default());
    second.attach(opened.session, opened.notices);
    let text = format!("{}", render(&mut second, 120, 40).backend());
    assert!(text.contains("READ-ONLY"), "{text}");
    assert!(
        text.contains("another behov has the project open"),
        "{text}"
    );
    keys(&mut second, "n");
    assert!(
        second.overlay.is_none(),
        "no new interview on a read-only project"
    );
    assert!(second.status.as_ref().unwrap().text.contains("Read-only"));
}

#[test]
fn project_setup_adds_and_removes_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    keys(&mut app, "pa");
    keys(&mut app, "Hur ser ni på vätgas?<Enter>");
    let project = reload(&app);
    assert_eq!(project.guide.questions.len(), 13);
    assert_eq!(project.guide.questions[12].text.sv, "Hur ser ni på vätgas?");
    // Removing a question with answers says how many and asks first.
    keys(&mut app, "ggd");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("has answers in"), "{text}");
    keys(&mut app, "<Right><Enter>");
    let project = reload(&app);
    assert_eq!(project.guide.questions.len(), 12);
    assert!(project.interviews.iter().all(|i| i.answer("q01").is_none()));
    assert_eq!(behov::model::validate(&project), vec![]);
}

#[test]
fn help_lists_the_bindings_of_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    keys(&mut app, "?");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    for expected in [
        "new interview",
        "filter",
        "sort by the next column",
        "respondents",
        "quit",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from help:\n{text}"
        );
    }
}

#[test]
fn snapshots_of_each_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("interviews_{w}x{h}"),
            render(&mut app, w, h).backend()
        );
    }
    keys(&mut app, "<Enter>jj");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("capture_{w}x{h}"), render(&mut app, w, h).backend());
    }
    keys(&mut app, "jj");
    insta::assert_snapshot!("capture_scale_120x40", render(&mut app, 120, 40).backend());
    keys(&mut app, "?");
    insta::assert_snapshot!("capture_help_80x24", render(&mut app, 80, 24).backend());
    keys(&mut app, "<Esc><Esc>r");
    insta::assert_snapshot!("respondents_80x24", render(&mut app, 80, 24).backend());
    keys(&mut app, "<Esc>p");
    insta::assert_snapshot!("setup_120x40", render(&mut app, 120, 40).backend());
    insta::assert_snapshot!("too_small", render(&mut app, 50, 12).backend());
    let mut welcome = App::new(Lang::En, Settings::default());
    insta::assert_snapshot!("welcome_80x24", render(&mut welcome, 80, 24).backend());
}

#[test]
fn no_color_keeps_the_selection_visible() {
    use ratatui::style::{Color, Modifier};
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let mut terminal = render(&mut app, 120, 40);
    terminal
        .draw(|frame| {
            view::draw(&app, frame);
            behov::tui::strip_colours(frame.buffer_mut());
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // The selected row is still in reverse video.
    let row = (0..40)
        .find(|y| buffer[(0, *y)].symbol() == "▶")
        .expect("a selection marker");
    assert!(buffer[(10, row)].modifier.contains(Modifier::REVERSED));
}

fn ctrl(app: &mut App, c: char) {
    send(
        app,
        Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn shift(app: &mut App, code: KeyCode) {
    send(app, Message::Key(KeyEvent::new(code, KeyModifiers::SHIFT)));
}

fn coder_app(dir: &Path) -> App {
    let mut app = demo_app(dir, Lang::Sv);
    app.settings.coder = "åsa".into();
    app
}

#[test]
fn code_an_answer_and_a_passage_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coder_app(dir.path());
    // The first interview, first question: c, type to filter (without å), Enter.
    keys(&mut app, "<Enter>c");
    let picker = format!("{}", render(&mut app, 120, 40).backend());
    insta::assert_snapshot!("code_picker_120x40", picker);
    keys(&mut app, "radgiv<Enter>");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let project = reload(&app);
    let answer = project.interview(&id).unwrap().answer("q01").unwrap();
    assert!(
        answer
            .codings
            .iter()
            .any(|c| c.code == "advice" && c.span.is_none() && c.coder == "åsa")
    );
    // A passage: into the editor, to the start, select two words with Shift+Ctrl-free moves.
    keys(&mut app, "<Enter>");
    send(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL)),
    );
    for _ in 0..6 {
        shift(&mut app, KeyCode::Right);
    }
    ctrl(&mut app, 'k');
    keys(&mut app, "finans<Enter><Esc>");
    let project = reload(&app);
    let answer = project.interview(&id).unwrap().answer("q01").unwrap();
    let passage = answer
        .codings
        .iter()
        .find(|c| c.code == "funding")
        .expect("passage coded");
    assert_eq!(
        passage.span.unwrap().slice(&answer.text).unwrap(),
        &answer.text[..answer.text.char_indices().nth(6).unwrap().0]
    );
    // The same code again on the same passage removes it; u brings it back.
    assert_eq!(
        app.recent_codes.first().map(String::as_str),
        Some("funding")
    );
    keys(&mut app, "u");
    let project = reload(&app);
    assert!(
        !project
            .interview(&id)
            .unwrap()
            .answer("q01")
            .unwrap()
            .codings
            .iter()
            .any(|c| c.code == "funding")
    );
    ctrl(&mut app, 'r');
    let project = reload(&app);
    assert!(
        project
            .interview(&id)
            .unwrap()
            .answer("q01")
            .unwrap()
            .codings
            .iter()
            .any(|c| c.code == "funding")
    );
    assert_eq!(behov::model::validate(&project), vec![]);
}

#[test]
fn a_memo_on_a_coding() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = coder_app(dir.path());
    keys(
        &mut app,
        "<Enter>jjC<Enter>Viktigt citat för rapporten.<Enter><Esc>",
    );
    let id = app.capture.as_ref().unwrap().interview.clone();
    let project = reload(&app);
    let answer = project.interview(&id).unwrap().answer("q03").unwrap();
    assert_eq!(answer.codings[0].memo, "Viktigt citat för rapporten.");
}

#[test]
fn every_funding_passage_in_one_step_and_into_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "2");
    insta::assert_snapshot!("codebook_120x40", render(&mut app, 120, 40).backend());
    insta::assert_snapshot!("codebook_80x24", render(&mut app, 80, 24).backend());
    let funding = app
        .session
        .as_ref()
        .unwrap()
        .project
        .codebook
        .tree()
        .iter()
        .position(|(_, c)| c.id == "funding")
        .unwrap();
    app.codebook.selected = funding;
    keys(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Retrieval);
    let project = &app.session.as_ref().unwrap().whole();
    assert_eq!(
        app.retrieval.hits.len(),
        behov::model::coding_ops::coding_count(project, "funding")
    );
    insta::assert_snapshot!("retrieval_120x40", render(&mut app, 120, 40).backend());
    // Filter by coder, then open the answer behind the first hit.
    keys(&mut app, "f");
    assert!(
        app.retrieval
            .hits
            .iter()
            .all(|h| Some(&h.coder) == app.retrieval.filter.coder.as_ref())
    );
    keys(&mut app, "f");
    let first = app.retrieval.hits[0].clone();
    keys(&mut app, "<Enter>");
    let capture = app.capture.as_ref().unwrap();
    assert_eq!(
        (
            capture.interview.as_str(),
            app.session.as_ref().unwrap().project.guide.questions[capture.index]
                .id
                .as_str()
        ),
        (first.interview.as_str(), first.question.as_deref().unwrap())
    );
    keys(&mut app, "<Esc>");
    assert_eq!(app.screen, Screen::Retrieval);
}

#[test]
fn merge_two_codes_and_undo_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let before = reload(&app);
    keys(&mut app, "2");
    let incentives = before
        .codebook
        .tree()
        .iter()
        .position(|(_, c)| c.id == "incentives")
        .unwrap();
    app.codebook.selected = incentives;
    keys(&mut app, "Mfunding<Enter>");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("codings move to \"Funding\""), "{text}");
    keys(&mut app, "<Right><Enter>");
    let merged = reload(&app);
    assert!(merged.codebook.code("incentives").is_none());
    assert_eq!(behov::model::validate(&merged), vec![]);
    keys(&mut app, "u");
    let undone = reload(&app);
    assert_eq!(undone.codebook, before.codebook);
    let codings = |p: &behov::model::Project| {
        p.interviews
            .iter()
            .map(|i| {
                i.answers
                    .iter()
                    .map(|a| a.codings.clone())
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(codings(&undone), codings(&before));
}

#[test]
fn add_edit_and_delete_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    keys(&mut app, "2A");
    keys(&mut app, "Vätgas<Tab>Hydrogen<Enter>");
    let project = reload(&app);
    let code = project.codebook.code("vatgas").expect("added");
    assert_eq!(code.parent.as_deref(), Some("needs"));
    assert_eq!(behov::model::validate(&project), vec![]);
    // Deleting asks first and says how many codings go.
    let roadmap = project
        .codebook
        .tree()
        .iter()
        .position(|(_, c)| c.id == "roadmap")
        .unwrap();
    app.codebook.selected = roadmap;
    keys(&mut app, "d");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    let count = behov::model::coding_ops::coding_count(&project, "roadmap");
    assert!(text.contains(&format!("its {count} codings")), "{text}");
    keys(&mut app, "<Right><Enter>");
    assert!(reload(&app).codebook.code("roadmap").is_none());
    keys(&mut app, "u");
    assert_eq!(
        behov::model::coding_ops::coding_count(&reload(&app), "roadmap"),
        count
    );
}

/// Waits for the search worker to open the index (it runs beside the interface).
fn wait_for_search(app: &mut App) {
    behov::tui::await_search(app);
    assert!(app.search.ready, "{:?}", app.search.failure);
}

#[test]
fn search_finds_finansiering_in_two_keys_and_opens_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    wait_for_search(&mut app);
    // "3" opens the tab with the cursor in the search box; the word; Enter opens the answer.
    keys(&mut app, "3finansiering");
    let results = app.search.results.clone().expect("results");
    assert!(
        results.counts.unwrap().answers >= 10,
        "{:?}",
        results.counts
    );
    assert!(
        results
            .hits
            .iter()
            .all(|h| !h.snippet.highlights.is_empty())
    );
    insta::assert_snapshot!("search_120x40", render(&mut app, 120, 40).backend());
    let first = results.hits[0].clone();
    keys(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Capture);
    let capture = app.capture.as_ref().unwrap();
    assert_eq!(capture.interview, first.interview);
    keys(&mut app, "<Esc>");
    assert_eq!((app.screen, app.tab), (Screen::Tabs, Tab::Search));
    // Plural and definite forms: färdplaner finds answers that say färdplan.
    keys(&mut app, "<Esc>/");
    for _ in 0.."finansiering".len() {
        keys(&mut app, "<BS>");
    }
    keys(&mut app, "färdplaner");
    assert!(app.search.results.as_ref().unwrap().counts.unwrap().answers >= 10);
}

#[test]
fn a_typo_gets_a_suggestion_in_the_search_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    wait_for_search(&mut app);
    keys(&mut app, "3rådgivnng");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("Menade du: rådgivning?"), "{text}");
}

#[test]
fn filters_without_syntax_and_a_saved_edit_is_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    wait_for_search(&mut app);
    keys(&mut app, "3rådgivning<Esc>c");
    keys(&mut app, "finans<Enter>");
    let results = app.search.results.clone().unwrap();
    assert!(!results.hits.is_empty());
    assert!(
        results
            .hits
            .iter()
            .all(|h| h.codes.iter().any(|c| c == "funding")),
        "{:?}",
        results.hits
    );
    keys(&mut app, "x");
    // Write a new word into an answer, leave the editor (a save), and find it.
    keys(&mut app, "1<Enter><Enter> zebraflöde<Esc><Esc>3");
    ctrl(&mut app, 'u');
    keys(&mut app, "zebraflöde");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while app
        .search
        .results
        .as_ref()
        .is_none_or(|r| r.hits.is_empty())
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the saved edit never became searchable: {:?} {:?} {:?}",
            app.search.query,
            app.search.failure,
            app.search.results.as_ref().map(|r| r.notes.clone())
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        for effect in update(
            &mut app,
            Message::Key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE)),
        ) {
            perform(&mut app, effect);
        }
        keys(&mut app, "<BS>");
    }
    assert_eq!(app.search.results.as_ref().unwrap().hits.len(), 1);
}

#[test]
fn which_needs_did_the_municipalities_raise_and_in_whose_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    // Three keys: the Summary tab, split by organisation type, the passages behind the cell.
    keys(&mut app, "4");
    insta::assert_snapshot!("summary_120x40", render(&mut app, 120, 40).backend());
    keys(&mut app, "g");
    insta::assert_snapshot!("summary_by_type_80x24", render(&mut app, 80, 24).backend());
    keys(&mut app, "<Enter>");
    let Some(behov::tui::app::Overlay::Drill(list)) = &app.overlay else {
        panic!("no passages shown")
    };
    assert!(list.title.contains("näringslivskontor"), "{}", list.title);
    let project = &app.session.as_ref().unwrap().whole();
    assert!(!list.passages.is_empty());
    for passage in &list.passages {
        let interview = project.interview(&passage.interview).unwrap();
        assert!(
            interview
                .respondents
                .iter()
                .any(|r| project.respondent(r).unwrap().attribute("type") == "näringslivskontor")
        );
    }
    insta::assert_snapshot!("summary_drill_120x40", render(&mut app, 120, 40).backend());
    // Enter opens the answer; Esc comes back to the Summary tab.
    keys(&mut app, "<Enter>");
    assert_eq!(app.screen, Screen::Capture);
    keys(&mut app, "<Esc>");
    assert_eq!((app.screen, app.tab), (Screen::Tabs, Tab::Summary));
}

#[test]
fn the_split_table_scrolls_sideways_to_the_selected_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    // By municipality: eleven groups, more than either width shows.
    keys(&mut app, "4gg");
    insta::assert_snapshot!("summary_split_80x24", render(&mut app, 80, 24).backend());
    keys(
        &mut app,
        "<Right><Right><Right><Right><Right><Right><Right><Right>",
    );
    insta::assert_snapshot!(
        "summary_split_scrolled_80x24",
        render(&mut app, 80, 24).backend()
    );
    insta::assert_snapshot!(
        "summary_split_scrolled_120x40",
        render(&mut app, 120, 40).backend()
    );
    // Enter opens the column marked on screen: the ninth municipality.
    keys(&mut app, "<Enter>");
    let Some(behov::tui::app::Overlay::Drill(list)) = &app.overlay else {
        panic!("no passages shown")
    };
    let project = &app.session.as_ref().unwrap().whole();
    let options = behov::report::Options {
        filter: behov::report::Filter {
            status: Some(behov::model::Status::Complete),
            ..Default::default()
        },
        by: Some("municipality".into()),
        ..Default::default()
    };
    let summary = behov::report::summarise(project, &options).unwrap();
    let ninth = &summary.groups.unwrap().groups[8].label;
    assert!(
        list.title.contains(ninth.as_str()),
        "{} / {ninth}",
        list.title
    );
}

#[test]
fn export_the_summary_from_the_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "4gx");
    let out = dir.path().join("rapport.xlsx");
    let Some(behov::tui::app::Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("no export form")
    };
    // By default a bare name: the folder behov was started from, not the project's folder.
    assert_eq!(form.fields[1].value, "behovssammanstallning.xlsx");
    form.fields[1].value = out.display().to_string();
    form.fields[1].cursor = form.fields[1].value.len();
    keys(&mut app, "<Enter>");
    let bytes = std::fs::read(&out).expect("written");
    assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip");
    assert!(app.status.as_ref().unwrap().text.contains("rapport.xlsx"));
}

/// Exports from the tab in `format` (its name in the form) to `out`.
fn export_from_the_tab(app: &mut App, format: &str, out: &Path) -> Vec<u8> {
    keys(app, "x");
    let Some(behov::tui::app::Overlay::Form { form, .. }) = &mut app.overlay else {
        panic!("no export form")
    };
    form.fields[0].value = format.to_string();
    form.fields[1].value = out.display().to_string();
    form.fields[1].cursor = form.fields[1].value.len();
    keys(app, "<Enter>");
    std::fs::read(out).expect("written")
}

#[test]
fn the_tab_exports_the_word_report_and_the_same_csv_as_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "4");
    let docx = export_from_the_tab(&mut app, "docx", &dir.path().join("rapport.docx"));
    assert_eq!(&docx[..2], b"PK", "a Word document is a zip");
    let csv = export_from_the_tab(&mut app, "csv", &dir.path().join("behov.csv"));
    let cli = assert_cmd::Command::cargo_bin("behov")
        .unwrap()
        .env("BEHOV_DATA", dir.path())
        .env_remove("BEHOV_PROJECT")
        .args(["summary", "--lang", "sv", "--format", "csv"])
        .arg(dir.path().join("demo"))
        .output()
        .unwrap();
    assert!(cli.status.success());
    assert_eq!(csv, cli.stdout);
    assert!(csv.starts_with("\u{feff}Kod;Organisationer;".as_bytes()));
}

#[test]
fn the_tab_exports_the_same_qdpx_and_qdc_as_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "4");
    let qdpx = export_from_the_tab(&mut app, "qdpx", &dir.path().join("projekt.qdpx"));
    let qdc = export_from_the_tab(&mut app, "qdc", &dir.path().join("koder.qdc"));
    let cli = |format: &str, out: &str| {
        let path = dir.path().join(out);
        let run = assert_cmd::Command::cargo_bin("behov")
            .unwrap()
            .env("BEHOV_DATA", dir.path())
            .env_remove("BEHOV_PROJECT")
            // The tab counts complete interviews unless told otherwise.
            .args([
                "export", "--lang", "sv", "--status", "complete", "--format", format,
            ])
            .arg("--out")
            .arg(&path)
            .arg(dir.path().join("demo"))
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
        std::fs::read(path).unwrap()
    };
    assert_eq!(qdpx, cli("qdpx", "cli.qdpx"));
    assert_eq!(qdc, cli("qdc", "cli.qdc"));
}
