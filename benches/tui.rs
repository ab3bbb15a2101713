//! Interface performance on a large project (`behov synth --interviews 10000`): one frame of
//! the interviews table and of the capture screen at 120×40, and opening the project to its
//! first frame. Resident memory after opening is printed (criterion measures time only).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use behov::model::Lang;
use behov::store::{Store, settings::Settings};
use behov::synth::Synth;
use behov::tui::app::{App, Message, update};
use behov::tui::session::Session;
use behov::tui::view;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const INTERVIEWS: usize = 10_000;

fn project_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("behov-bench-tui-{INTERVIEWS}"));
    if !dir.join("project.json").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let mut synth = Synth::new(1);
        let respondents = INTERVIEWS / 2;
        let opened = Store::create(&dir, &synth.project(respondents)).unwrap();
        for n in 1..=INTERVIEWS {
            opened
                .store
                .save_interview(&synth.interview(n, respondents))
                .unwrap();
        }
    }
    dir
}

fn open(dir: &Path) -> App {
    let opened = Session::open(dir, true).unwrap();
    let mut app = App::new(Lang::Sv, Settings::default());
    app.attach(opened.session, opened.notices);
    update(&mut app, Message::Resize(120, 40));
    app
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| view::draw(app, f)).unwrap();
}

fn resident_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn benches(c: &mut Criterion) {
    let dir = project_dir();
    let mut group = c.benchmark_group("tui_10k_interviews");
    group.sample_size(10);
    group.bench_function("open_to_first_frame", |b| {
        b.iter(|| {
            let mut app = open(&dir);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            frame(&mut app, &mut terminal);
            black_box(app.interviews.rows.len())
        })
    });
    group.finish();

    let mut app = open(&dir);
    eprintln!(
        "resident memory with the {INTERVIEWS}-interview project open: {} MiB (peak {} MiB)",
        resident_kib("VmRSS:") / 1024,
        resident_kib("VmHWM:") / 1024
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("tui_10k_interviews_frame_120x40");
    group.bench_function("interviews_table", |b| {
        b.iter(|| {
            // Move the selection so every frame differs.
            update(
                &mut app,
                Message::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
            );
            frame(&mut app, &mut terminal)
        })
    });
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    frame(&mut app, &mut terminal);
    group.bench_function("capture_screen", |b| {
        b.iter(|| {
            update(
                &mut app,
                Message::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
            );
            frame(&mut app, &mut terminal)
        })
    });
    group.finish();
}

criterion_group!(tui, benches);
criterion_main!(tui);
