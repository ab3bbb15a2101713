//! The real binary in a pseudo-terminal: typing, `kill -9`, SIGTERM, restoring the terminal.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

use common::loose_modes;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(project: &Path, data: &Path) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_behov"));
        cmd.args(["--lang", "en", "open"]);
        cmd.arg(project);
        cmd.env("BEHOV_DATA", data);
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(40).unwrap(),
            std::num::NonZero::new(120).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, raw_in) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buf[..n]);
                raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            writer,
            screen,
            raw,
            _master: pty.master,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `needle` (the program draws after every key it handles).
    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.text().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "screen never showed {needle:?}:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        self.child.wait().unwrap()
    }
}

impl Drop for Session {
    /// A failed test must not leave a behov running.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn demo(dir: &Path) -> PathBuf {
    let root = dir.join("demo");
    behov::store::demo::install(&root).unwrap();
    root
}

fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Starts a new interview with Sala and types `text` into the first answer.
fn type_new_interview(session: &mut Session, text: &str) {
    session.wait_for("24 interviews");
    session.send("n");
    session.wait_for("who is interviewed");
    session.send("sala");
    session.wait_for("Sala kommun");
    session.send("\r");
    session.wait_for("Interviewer");
    session.send("Åsa Öberg\r");
    session.wait_for("Question 1 of 12");
    for chunk in text.split_inclusive(' ') {
        session.send(chunk);
    }
    let tail: String = text.split_whitespace().last().unwrap().to_string();
    session.wait_for(&tail);
}

const TYPED: &str = "Företagen behöver rådgivning, en färdplan och finansiering – åäö ÅÄÖ klart";

fn all_files_parse(root: &Path) -> behov::model::Project {
    let opened = behov::store::Store::open_read_only(root).unwrap();
    assert!(opened.unreadable.is_empty(), "{:?}", opened.unreadable);
    opened.project
}

#[test]
fn kill_9_while_typing_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let mut session = Session::start(&root, dir.path());
    type_new_interview(&mut session, TYPED);
    signal(session.pid(), "KILL");
    session.wait_exit();

    // Every file still parses; the typing is in the journal, not yet in the interview file.
    let before = all_files_parse(&root);
    assert_eq!(before.interviews.len(), 25);
    // Reopening replays the journal and says so.
    let mut again = Session::start(&root, dir.path());
    again.wait_for("Recovered");
    again.send("q");
    again.wait_exit();
    let after = all_files_parse(&root);
    let interview = after
        .interviews
        .iter()
        .find(|i| i.interviewer == "Åsa Öberg")
        .unwrap();
    assert_eq!(interview.answer("q01").unwrap().text, TYPED);
    assert_eq!(behov::model::validate(&after), vec![]);
    // Everything the interface made (journal, search index, lock, logs) is private.
    let loose = loose_modes(dir.path());
    assert!(loose.is_empty(), "{loose:?}");
}

#[test]
fn pasted_text_is_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let mut session = Session::start(&root, dir.path());
    type_new_interview(&mut session, "Start");
    // A bracketed paste with CRLF, a lone CR and decomposed å (a + combining ring).
    session.send("\x1b[200~ rad ett\r\nrad tva\rra\u{30a}d\x1b[201~");
    session.wait_for("råd");
    session.send("\x1b");
    session.wait_for("Enter/i write the answer");
    session.send("q");
    session.wait_for("25 interviews");
    session.send("q");
    assert!(session.wait_exit().success());
    let project = all_files_parse(&root);
    let interview = project
        .interviews
        .iter()
        .find(|i| i.interviewer == "Åsa Öberg")
        .unwrap();
    assert_eq!(
        interview.answer("q01").unwrap().text,
        "Start rad ett\nrad tva\nråd"
    );
}

#[test]
fn code_an_answer_and_a_passage_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let mut session = Session::start(&root, dir.path());
    session.wait_for("24 interviews");
    // The first interview (Arboga), its first question; c opens the picker.
    session.send("\r");
    session.wait_for("Question 1 of 12");
    // The first coding asks who codes; Enter takes the suggested login name.
    session.send("c");
    session.wait_for("Who is coding");
    session.send("\r");
    session.wait_for("Code the answer");
    session.send("finans");
    session.wait_for("Needs › Funding");
    session.send("\r");
    session.wait_for("Coded the answer with Funding");
    // Into the text, to its start, select twelve characters with Shift+Right, Ctrl-K.
    session.send("\r");
    session.wait_for("Esc leave the text");
    session.send("\x1b[1;5H");
    for _ in 0..12 {
        session.send("\x1b[1;2C");
    }
    session.send("\x0b");
    session.wait_for("Code the passage");
    session.send("radgiv");
    session.wait_for("Needs › Advice");
    session.send("\r");
    session.wait_for("Coded the passage with Advice");
    session.send("\x1b");
    session.wait_for("Enter/i write the answer");
    session.send("q");
    session.wait_for("24 interviews");
    session.send("q");
    assert!(session.wait_exit().success());

    let project = all_files_parse(&root);
    let arboga = project.interviews.iter().find(|i| i.id == "i005").unwrap();
    let answer = arboga.answer("q01").unwrap();
    assert!(
        answer
            .codings
            .iter()
            .any(|c| c.code == "funding" && c.span.is_none())
    );
    let passage = answer
        .codings
        .iter()
        .find(|c| c.code == "advice" && c.span.is_some())
        .expect("passage coded");
    let expected: String = answer.text.chars().take(12).collect();
    assert_eq!(passage.span.unwrap().slice(&answer.text).unwrap(), expected);
    assert_eq!(behov::model::validate(&project), vec![]);
}

/// A signal while typing: everything typed is folded into the file, the journal is empty,
/// the terminal is handed back, and the exit is clean.
fn signal_while_typing_saves_and_exits(name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let mut session = Session::start(&root, dir.path());
    type_new_interview(&mut session, TYPED);
    signal(session.pid(), name);
    assert!(session.wait_exit().success());
    // Folded into the file itself, without any replay.
    let project = all_files_parse(&root);
    let interview = project
        .interviews
        .iter()
        .find(|i| i.interviewer == "Åsa Öberg")
        .unwrap();
    assert_eq!(interview.answer("q01").unwrap().text, TYPED);
    assert_eq!(
        std::fs::read_to_string(root.join(".behov/journal")).unwrap(),
        ""
    );
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).to_string();
    assert!(raw.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(raw.contains("\x1b[?2004l"), "bracketed paste not disabled");
}

#[test]
fn sigterm_while_typing_saves_and_exits() {
    signal_while_typing_saves_and_exits("TERM");
}

/// What the kernel sends when the window or the SSH session closes.
#[test]
fn sighup_while_typing_saves_and_exits() {
    signal_while_typing_saves_and_exits("HUP");
}

fn git(root: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_git_checkout_under_the_running_interface_is_merged_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    std::fs::write(root.join(".gitignore"), ".behov/\n").unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "demo"]);
    // A colleague's branch: every interview's last answer rewritten.
    git(&root, &["checkout", "-q", "-b", "colleague"]);
    let project = all_files_parse(&root);
    for mut interview in project.interviews {
        interview.answer_mut("q12").text = "Kollegans nya svar.".into();
        interview.modified = jiff::Timestamp::now();
        std::fs::write(
            root.join(format!("interviews/{}.json", interview.id)),
            behov::store::to_json(&interview),
        )
        .unwrap();
    }
    git(&root, &["commit", "-q", "-am", "colleague"]);
    git(&root, &["checkout", "-q", "main"]);

    let mut session = Session::start(&root, dir.path());
    session.wait_for("24 interviews");
    session.send("\r");
    session.wait_for("Question 1 of 12");
    session.send("\r");
    session.send(" Mitt tillägg");
    session.wait_for("Mitt tillägg");
    // The colleague's version arrives while the answer is being typed.
    git(&root, &["checkout", "colleague", "--", "interviews"]);
    session.send("\x1b");
    session.wait_for("changed by another program");
    session.send("q");
    session.send("q");
    assert!(session.wait_exit().success());
    let project = all_files_parse(&root);
    let merged = project
        .interviews
        .iter()
        .find(|i| {
            i.answer("q01")
                .is_some_and(|a| a.text.ends_with(" Mitt tillägg"))
        })
        .expect("what was typed is saved");
    assert_eq!(merged.answer("q12").unwrap().text, "Kollegans nya svar.");
    assert!(
        project
            .interviews
            .iter()
            .all(|i| i.answer("q12").unwrap().text == "Kollegans nya svar."),
        "no interview was saved over the colleague's version"
    );
}

#[test]
fn a_teams_transcript_is_imported_from_the_interface() {
    let dir = tempfile::tempdir().unwrap();
    let root = demo(dir.path());
    let vtt = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/import-examples/Mälarporten Science Park 2026-04-14 Teams.vtt");
    let mut session = Session::start(&root, dir.path());
    session.wait_for("24 interviews");
    session.send("i");
    session.wait_for("Import a transcript");
    session.send(&vtt.display().to_string());
    session.send("\r");
    session.wait_for("Review the import");
    session.wait_for("questions found 12/12");
    session.send("\r");
    session.wait_for("Imported i025 as a draft");
    session.wait_for("25 interviews");
    session.send("q");
    assert!(session.wait_exit().success());

    let project = all_files_parse(&root);
    let imported = project.interviews.iter().find(|i| i.id == "i025").unwrap();
    assert_eq!(imported.status, behov::model::Status::Draft);
    assert!(
        imported
            .source
            .as_ref()
            .unwrap()
            .file
            .ends_with("Teams.vtt")
    );
    assert_eq!(
        imported
            .answers
            .iter()
            .filter(|a| !a.text.is_empty())
            .count(),
        12
    );
    assert_eq!(behov::model::validate(&project), vec![]);
}
