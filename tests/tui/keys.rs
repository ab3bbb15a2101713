//! Key sequences in, state and files out: the router, and what a new user found.

use behov::model::{Gender, Lang, QuestionKind, Status};
use behov::store::settings::Settings;
use behov::tui::app::{App, Message, Overlay, Screen, update};
use behov::tui::keymap::{self, Context};
use behov::tui::router::{self, Route};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{ctrl, demo_app, keys, open_interview, reload, render, send};

/// An app in `context`, reached with keys as a user would.
fn app_in(dir: &std::path::Path, context: Context) -> App {
    if context == Context::Welcome {
        return App::new(Lang::En, Settings::default());
    }
    let mut app = demo_app(dir, Lang::En);
    app.settings.coder = "Tester".into();
    let path = match context {
        Context::Interviews | Context::Global => "",
        Context::InterviewFilter => "/",
        Context::Picker => "n",
        Context::Form => "n<Enter>",
        Context::Confirm => "d",
        Context::Capture => "<Enter>",
        Context::Editor => "<Enter><Enter>",
        Context::Codings => "<Enter>jjC",
        Context::CodePicker => "<Enter>c",
        Context::Respondents => "r",
        Context::Setup => "p",
        Context::Codebook => "2",
        Context::Retrieval => "2<Enter>",
        Context::Privacy => "P",
        Context::Agreement => "4a",
        Context::SearchBox => "3",
        Context::Search => "3<Esc>",
        Context::Summary => "4",
        Context::Drill => "4<Enter>",
        Context::Help => "?",
        Context::TooSmall | Context::Welcome | Context::Conflict => "",
        Context::Review => "i",
        Context::ReviewChooser => "i",
        Context::MergeCopy => "M",
    };
    keys(&mut app, path);
    if matches!(context, Context::Review | Context::ReviewChooser) {
        let transcript = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/import-examples/Mälarporten Science Park 2026-04-14 Teams.vtt");
        keys(&mut app, &format!("{}<Enter>", transcript.display()));
    }
    if context == Context::ReviewChooser {
        keys(&mut app, "a");
    }
    if context == Context::MergeCopy {
        let other = dir.join("colleague");
        behov::store::demo::install(&other).unwrap();
        keys(&mut app, &format!("{}<Enter>", other.display()));
    }
    if context == Context::Conflict {
        let session = app.session.as_mut().unwrap();
        let interview = session.interviews.listed()[0].id.clone();
        session.conflicts.push(behov::model::TextConflict {
            interview,
            question: Some("q01".into()),
            mine: "min text".into(),
            mine_codings: None,
            theirs: "filens text".into(),
        });
    }
    if context == Context::TooSmall {
        send(&mut app, Message::Resize(50, 12));
    }
    app
}

/// The key events a table entry is bound to.
fn events(key: &keymap::Key) -> KeyEvent {
    KeyEvent::new(key.0, key.1)
}

/// Every hint in every context's footer and help names keys that reach its action: the
/// router sends each of them to that action in that context, never to a text box or another
/// binding.
#[test]
fn every_hint_dispatches_to_its_action() {
    let dir = tempfile::tempdir().unwrap();
    for context in Context::ALL {
        if context == Context::Global {
            continue;
        }
        let app = app_in(&dir.path().join(format!("{context:?}")), context);
        assert_eq!(app.context(), context, "keys did not reach {context:?}");
        let global = if keymap::with_global(context) {
            keymap::bindings(Context::Global)
        } else {
            &[]
        };
        for binding in keymap::bindings(context).iter().chain(global) {
            let shown = keymap::help_lines(context, Lang::En)
                .iter()
                .chain(&keymap::footer(context, Lang::En))
                .any(|(label, _)| *label == binding.label);
            assert!(shown, "{context:?}: {} is in no hint", binding.label);
            for key in binding.keys {
                assert_eq!(
                    router::route(&app, &events(key)),
                    Route::Action(context, binding.action),
                    "{context:?}: the key {:?} of hint {}",
                    key.0,
                    binding.label
                );
            }
        }
    }
}

/// Dispatching every binding of every context leaves a working interface: nothing panics,
/// and every action keeps the app in a context that has hints.
#[test]
fn every_binding_can_be_dispatched() {
    let dir = tempfile::tempdir().unwrap();
    for context in Context::ALL {
        if matches!(context, Context::Global) {
            continue;
        }
        for (n, binding) in keymap::bindings(context).iter().enumerate() {
            if binding.action == keymap::Action::Quit {
                continue;
            }
            let mut app = app_in(&dir.path().join(format!("{context:?}{n}")), context);
            // Effects are not performed: opening the demo would write to the user's folder.
            let _ = update(&mut app, Message::Key(events(&binding.keys[0])));
            assert!(!keymap::footer(app.context(), Lang::En).is_empty());
            render(&mut app, 80, 24);
        }
    }
}

#[test]
fn the_too_small_notice_swallows_everything_but_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    let count = reload(&app).interviews.len();
    send(&mut app, Message::Resize(50, 12));
    keys(&mut app, "dj<Enter>n1");
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Tabs);
    assert_eq!(reload(&app).interviews.len(), count);
    let text = format!("{}", render(&mut app, 50, 12).backend());
    assert!(text.contains("q avslutar"), "{text}");
    send(&mut app, Message::Resize(120, 40));
    assert_eq!(app.context(), Context::Interviews);
    send(&mut app, Message::Resize(50, 12));
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn f1_in_a_form_shows_help_and_keeps_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    keys(&mut app, "n<Enter>Ny Org");
    keys(&mut app, "<F1>");
    assert!(app.help);
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("next field"), "{text}");
    keys(&mut app, "<Esc>");
    assert!(!app.help);
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("the form was closed")
    };
    assert_eq!(form.value(0), "Ny Org");
}

/// The first scale question of the demo guide, and its position.
fn first_scale(app: &App) -> (usize, String) {
    let project = &app.session.as_ref().unwrap().project;
    let i = project
        .guide
        .questions
        .iter()
        .position(|q| matches!(q.kind, QuestionKind::Scale { .. }))
        .unwrap();
    (i, project.guide.questions[i].id.clone())
}

#[test]
fn digits_in_an_empty_comment_choose_the_scale_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    app.settings.interviewer = "Åsa Öberg".into();
    let (index, question) = first_scale(&app);
    // A new interview starts in the editor; Tab moves to the scale question still writing.
    keys(&mut app, "nköping<Enter><Enter>");
    assert!(app.capture.as_ref().unwrap().editing);
    keys(&mut app, &"<Tab>".repeat(index));
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("1–5 väljer värdet"), "{text}");
    keys(&mut app, "3");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let saved = reload(&app);
    let answer = saved.interview(&id).unwrap().answer(&question).unwrap();
    assert_eq!((answer.scale, answer.text.as_str()), (Some(3), ""));
    assert!(app.status.as_ref().unwrap().text.contains("värde 3"));
    // Once the comment has text, digits are text.
    keys(&mut app, "4 ggr<Esc>");
    let answer = reload(&app)
        .interview(&id)
        .unwrap()
        .answer(&question)
        .cloned();
    let answer = answer.unwrap();
    assert_eq!((answer.scale, answer.text.as_str()), (Some(4), " ggr"));
    keys(&mut app, "<Enter>5<Esc>");
    let answer = reload(&app)
        .interview(&id)
        .unwrap()
        .answer(&question)
        .cloned();
    assert_eq!(answer.unwrap().text, " ggr5");
}

#[test]
fn marking_an_interview_with_unanswered_questions_complete_asks() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    app.settings.interviewer = "Åsa".into();
    keys(&mut app, "nköping<Enter><Enter>Kort svar.<Esc>m");
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("11 of 12 questions are unanswered"), "{text}");
    let id = app.capture.as_ref().unwrap().interview.clone();
    keys(&mut app, "j<Enter>");
    assert_eq!(reload(&app).interview(&id).unwrap().status, Status::Draft);
    keys(&mut app, "m<Right><Enter>");
    assert_eq!(
        reload(&app).interview(&id).unwrap().status,
        Status::Complete
    );
    // Back to draft needs no question, and says what changed.
    keys(&mut app, "m");
    assert_eq!(reload(&app).interview(&id).unwrap().status, Status::Draft);
    assert!(app.status.as_ref().unwrap().text.contains("draft again"));
}

#[test]
fn a_new_interview_has_consent_not_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    app.settings.interviewer = "Åsa".into();
    keys(&mut app, "nköping<Enter>");
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("not recorded"), "{text}");
    keys(&mut app, "<Enter>");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let consent = reload(&app).interview(&id).unwrap().consent.clone();
    assert!(!consent.given && consent.date.is_none());
}

#[test]
fn guide_list_tells_similar_questions_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "<Enter>");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("Hur mogna … energiomställning"), "{text}");
    assert!(text.contains("Hur mogna … digitalisering"), "{text}");
}

#[test]
fn a_long_answer_opens_at_its_start_with_a_scroll_marker() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let long: String = (1..=60).map(|n| format!("Rad {n}.\n")).collect();
    let session = app.session.as_mut().unwrap();
    let first = session.interviews.listed()[0].id.clone();
    let question = session.project.guide.questions[0].id.clone();
    let interview = session.interview_mut(&first).unwrap();
    interview.answer_mut(&question).text = long;
    session.revision += 1;
    open_interview(&mut app, &first);
    app.capture.as_mut().unwrap().index = 0;
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("Rad 1."), "{text}");
    assert!(text.contains("more lines"), "{text}");
    // Writing continues at the end.
    keys(&mut app, "<Enter>");
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("Rad 60."), "{text}");
    assert!(text.contains("more above"), "{text}");
}

#[test]
fn ctrl_z_and_ctrl_y_undo_typing_by_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    app.settings.interviewer = "Åsa".into();
    keys(&mut app, "nköping<Enter><Enter>tre saker");
    ctrl(&mut app, 'z');
    keys(&mut app, "<Esc>");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let text = |app: &App| {
        reload(app)
            .interview(&id)
            .unwrap()
            .answer("q01")
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(text(&app), "tre ");
    keys(&mut app, "<Enter>");
    ctrl(&mut app, 'y');
    keys(&mut app, "<Esc>");
    assert_eq!(text(&app), "tre saker");
}

#[test]
fn the_code_picker_creates_a_missing_code_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    app.settings.coder = "åsa".into();
    keys(&mut app, "<Enter>cVätgas");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("+ Ny kod «Vätgas»…"), "{text}");
    keys(&mut app, "<PgDn><PgDn><PgDn><Enter>");
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("no code form")
    };
    assert_eq!(form.value(0), "Vätgas");
    keys(&mut app, "<Enter>");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let project = reload(&app);
    let code = project
        .codebook
        .codes
        .iter()
        .find(|c| c.label.sv == "Vätgas")
        .expect("the code was created");
    let answer = project.interview(&id).unwrap().answer("q01").unwrap();
    assert!(
        answer
            .codings
            .iter()
            .any(|c| c.code == code.id && c.coder == "åsa")
    );
    assert_eq!(behov::model::validate(&project), vec![]);
}

#[test]
fn the_coder_name_is_asked_at_the_first_coding() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    assert!(app.settings.coder.is_empty());
    keys(&mut app, "<Enter>c");
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("the coder name was not asked")
    };
    assert!(form.title.contains("Who is coding"), "{}", form.title);
    keys(&mut app, "<Home>");
    for _ in 0..40 {
        keys(&mut app, "<Del>");
    }
    keys(&mut app, "Maria Lind<Enter>");
    assert_eq!(app.settings.coder, "Maria Lind");
    keys(&mut app, "radgiv<Enter>");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let project = reload(&app);
    let answer = project.interview(&id).unwrap().answer("q01").unwrap();
    assert!(answer.codings.iter().any(|c| c.coder == "Maria Lind"));
}

#[test]
fn respondents_are_edited_with_all_contact_people_and_deleted_when_unused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    let attributes = app.session.as_ref().unwrap().project.attributes.len();
    // A respondent with interviews is not deleted; the refusal says how many.
    keys(&mut app, "rd");
    assert!(app.overlay.is_none());
    let refusal = app.status.as_ref().unwrap().text.clone();
    assert!(refusal.contains("1 intervju;"), "{refusal}");
    // A new one with two contact people.
    keys(&mut app, "nTestorganisationen");
    keys(&mut app, &"<Tab>".repeat(attributes + 1));
    keys(
        &mut app,
        "Eva Ek<Tab>vd<Tab><Right><Tab>eva@example.se<Tab>070-1<Tab><Enter>",
    );
    let project = reload(&app);
    let created = project.respondents.last().unwrap().clone();
    assert_eq!(created.name, "Testorganisationen");
    assert_eq!(created.people.len(), 1);
    assert_eq!(created.people[0].gender, Some(Gender::Woman));
    assert_eq!(created.people[0].email, "eva@example.se");
    // Edit: the second person goes in the empty block after the first.
    keys(&mut app, "<Enter>");
    keys(&mut app, &"<Tab>".repeat(attributes + 1 + 5));
    keys(
        &mut app,
        "Per Berg<Tab>ordförande<Tab><Right><Right><Enter>",
    );
    let people = reload(&app).respondents.last().unwrap().people.clone();
    assert_eq!(people.len(), 2);
    assert_eq!(
        (people[1].name.as_str(), people[1].gender),
        ("Per Berg", Some(Gender::Man))
    );
    // Deleting asks, naming the contact people; Cancel is the default.
    keys(&mut app, "d");
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("2 kontaktpersoner"), "{text}");
    keys(&mut app, "<Enter>");
    assert_eq!(reload(&app).respondents.len(), project.respondents.len());
    keys(&mut app, "d<Right><Enter>");
    let after = reload(&app);
    assert_eq!(after.respondents.len(), project.respondents.len() - 1);
    assert_eq!(behov::model::validate(&after), vec![]);
}

#[test]
fn the_interview_filter_shows_at_80x24_and_ignores_accents() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "/vasteras");
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("Filter: vasteras"), "{text}");
    assert!(!app.interviews.rows.is_empty());
    assert!(
        app.interviews
            .rows
            .iter()
            .all(|r| r.cells.iter().any(|c| c.contains("Västerås")))
    );
}

#[test]
fn stray_digits_outside_the_editor_say_what_they_did() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let (index, question) = first_scale(&app);
    keys(&mut app, "<Enter>");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let before = reload(&app);
    // On an open question a digit changes nothing and says why.
    keys(&mut app, "gg5");
    assert_eq!(reload(&app).interview(&id), before.interview(&id));
    assert!(app.status.as_ref().unwrap().error);
    keys(&mut app, &"j".repeat(index));
    keys(&mut app, "2");
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with(&format!("Question {}: value 2", index + 1)),
        "{status}"
    );
    let answer = reload(&app)
        .interview(&id)
        .unwrap()
        .answer(&question)
        .cloned();
    assert_eq!(answer.unwrap().scale, Some(2));
}

#[test]
fn swedish_counts_use_the_singular_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    keys(&mut app, "r");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("1 intervju"), "{text}");
    assert!(!text.contains("intervju(er)"), "{text}");
}

#[test]
fn the_codings_overlay_undoes_with_u_as_it_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    app.settings.coder = "Tester".into();
    keys(&mut app, "<Enter>jjC");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let before = reload(&app).interview(&id).unwrap().clone();
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("u undo"), "{text}");
    keys(&mut app, "du");
    assert_eq!(reload(&app).interview(&id).unwrap().answers, before.answers);
}

#[test]
fn route_types_into_text_boxes_and_commands_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(matches!(
        router::route(&app, &q),
        Route::Action(Context::Interviews, _)
    ));
    keys(&mut app, "/");
    assert!(matches!(
        router::route(&app, &q),
        Route::Text(Context::InterviewFilter, _)
    ));
}

#[test]
fn interview_details_take_several_organisations_and_say_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    keys(&mut app, "<Enter>e");
    keys(&mut app, &"<Tab>".repeat(6));
    keys(&mut app, "; vasteras stad<Enter>");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let project = reload(&app);
    let interview = project.interview(&id).unwrap();
    assert_eq!(interview.respondents.len(), 2, "{:?}", app.status);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Changed the organisations."
    );
    assert_eq!(behov::model::validate(&project), vec![]);
    keys(&mut app, "e<Enter>");
    assert_eq!(app.status.as_ref().unwrap().text, "Nothing changed.");
    // A name that is no respondent keeps the form open and says so.
    keys(&mut app, "e");
    keys(&mut app, &"<Tab>".repeat(6));
    keys(&mut app, "; Okänd AB<Enter>");
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("the form closed")
    };
    assert!(form.error.as_ref().unwrap().contains("Okänd AB"));
}

#[test]
fn the_welcome_screen_lists_recent_projects_and_opens_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    behov::store::demo::install(&root).unwrap();
    let mut settings = Settings::default();
    settings.remember(&root);
    let mut app = App::new(Lang::En, settings);
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("Open  /"), "{text}");
    assert!(text.contains("Open another folder"), "{text}");
    // A folder without a project is refused in the form; the project's folder opens.
    keys(&mut app, "jj<Enter>");
    keys(&mut app, &format!("{}<Enter>", dir.path().display()));
    let Some(Overlay::Form { form, .. }) = &app.overlay else {
        panic!("the form closed")
    };
    assert!(form.error.as_ref().unwrap().contains("no project.json"));
    keys(&mut app, "<Esc><Enter>");
    keys(&mut app, &format!("{}<Enter>", root.display()));
    assert_eq!(app.screen, Screen::Tabs);
    let opened = app.session.as_ref().unwrap().store.root().to_path_buf();
    assert_eq!(opened.canonicalize().unwrap(), root.canonicalize().unwrap());
}

#[test]
fn a_read_only_instance_follows_what_the_holder_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = demo_app(dir.path(), Lang::En);
    first.settings.interviewer = "Åsa".into();
    let root = first.session.as_ref().unwrap().store.root().to_path_buf();
    let opened = behov::tui::session::Session::open(&root, false).unwrap();
    let mut second = App::new(Lang::En, Settings::default());
    second.attach(opened.session, opened.notices);
    assert!(second.session.as_ref().unwrap().read_only());
    let count = second.session.as_ref().unwrap().interviews.len();
    // The holder records a new interview and types an answer.
    keys(&mut first, "nköping<Enter><Enter>Nytt svar.<Esc>");
    let id = first.capture.as_ref().unwrap().interview.clone();
    behov::tui::maintain(&mut second);
    let project = &second.session.as_ref().unwrap().whole();
    assert_eq!(project.interviews.len(), count + 1);
    assert_eq!(
        project.interview(&id).unwrap().answer("q01").unwrap().text,
        "Nytt svar."
    );
    let status = second.status.as_ref().unwrap().text.clone();
    assert!(status.contains("Updated: 1 interview changed"), "{status}");
    // The table shows it without any key.
    send(&mut second, Message::Resize(120, 40));
    assert_eq!(second.interviews.rows.len(), count + 1);
}

#[test]
fn two_values_of_an_attribute_merge_into_one_on_the_project_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::Sv);
    // Project screen, the attributes, the municipality: v offers the values in use.
    keys(&mut app, "p<Tab>jv");
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    let text = format!("{}", render(&mut app, 80, 24).backend());
    assert!(text.contains("Slå ihop två värden av Kommun"), "{text}");
    // Arboga, Fagersta, Hallstahammar, Köping, Kungsör…: Kungsör becomes Köping.
    keys(
        &mut app,
        "<Right><Right><Right><Right><Tab><Right><Right><Enter>",
    );
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("«Kungsör» blev «Köping» hos 1 organisation"),
        "{status}"
    );
    let project = reload(&app);
    let count = |v: &str| {
        project
            .respondents
            .iter()
            .filter(|r| r.attribute("municipality") == v)
            .count()
    };
    assert_eq!((count("Kungsör"), count("Köping")), (0, 3));
    // The same value twice is refused, and the form stays.
    keys(&mut app, "v<Tab><Left><Enter>");
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
}

#[test]
fn allowed_values_are_offered_as_a_choice_in_the_respondent_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    // A new respondent: the organisation type lists its allowed values, chosen with →.
    keys(&mut app, "rnKlimatkollen<Tab><Right><Right><Enter>");
    let project = reload(&app);
    let created = project.respondents.last().unwrap();
    assert_eq!(created.name, "Klimatkollen");
    assert_eq!(created.attribute("type"), "inkubator");
}

#[test]
fn the_part_outside_the_guide_is_coded_like_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path(), Lang::En);
    app.settings.coder = "Tester".into();
    keys(&mut app, "<Enter>");
    let questions = reload(&app).guide.questions.len();
    keys(&mut app, &"k".repeat(questions));
    keys(&mut app, &"j".repeat(questions));
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("Outside the guide"), "{text}");
    keys(&mut app, "<Enter> Ring Anna om finansieringen.<Esc>");
    keys(&mut app, "cFunding<Enter>");
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("the part outside the guide"), "{status}");
    let id = app.capture.as_ref().unwrap().interview.clone();
    let project = reload(&app);
    let interview = project.interview(&id).unwrap();
    assert!(interview.notes.ends_with(" Ring Anna om finansieringen."));
    assert_eq!(interview.notes_codings.len(), 1);
    assert_eq!(interview.notes_codings[0].code, "funding");
    // The codings overlay lists it, and undo takes it away again.
    keys(&mut app, "C");
    let text = format!("{}", render(&mut app, 120, 40).backend());
    assert!(text.contains("Funding"), "{text}");
    keys(&mut app, "<Esc>u");
    assert!(
        reload(&app)
            .interview(&id)
            .unwrap()
            .notes_codings
            .is_empty()
    );
    assert_eq!(behov::model::validate(&reload(&app)), vec![]);
}
