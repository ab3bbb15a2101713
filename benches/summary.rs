//! `behov summary` on a 1M-answer project (`behov synth --interviews 40000`: 40,000 interviews
//! × 25 answers, about 2M codings), once loaded. Budget: 100 ms for the whole summary.
//! Run with `cargo bench --bench summary`.
//!
//! Times are the CPU time of the benchmarking thread, not wall time: the machines this runs on
//! are shared, and a neighbour's build makes wall time several times longer than what the
//! summary costs. The summary is single-threaded, so on an idle machine the two agree.

use std::time::Duration;

use behov::model::{Lang, Project};
use behov::report::{self, Filter, Index, Options, Tally};
use behov::synth::Synth;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, criterion_group, criterion_main};

const INTERVIEWS: usize = 40_000;

/// The project `behov synth --interviews 40000` writes, built in memory.
fn project() -> Project {
    let mut synth = Synth::new(1);
    let respondents = INTERVIEWS.div_ceil(2);
    let mut project = synth.project(respondents);
    project.interviews = (1..=INTERVIEWS)
        .map(|n| synth.interview(n, respondents))
        .collect();
    project
}

/// CPU time of the calling thread.
struct ThreadTime;

fn thread_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant Linux supports.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread CPU clock is readable");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

impl Measurement for ThreadTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_time()
    }

    fn end(&self, start: Duration) -> Duration {
        thread_time() - start
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like wall time: its formatter prints them as ms, µs…
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

fn summary(c: &mut Criterion<ThreadTime>) {
    let project = project();
    let index = Index::new(&project);
    let options = Options {
        by: Some("type".into()),
        ..Options::default()
    };
    let mut group = c.benchmark_group("summary_1m_answers");
    group.sample_size(10);
    group.bench_function("whole summary by type", |b| {
        b.iter(|| report::summarise_with(&project, &index, &options).unwrap())
    });
    group.bench_function("tally only", |b| {
        b.iter(|| Tally::new(&project, &index, &Filter::default()))
    });
    let tally = Tally::new(&project, &index, &Filter::default());
    group.bench_function("regroup by municipality", |b| {
        b.iter(|| report::matrix(&project, &tally, "municipality", Lang::Sv).unwrap())
    });
    let mut edited = project.clone();
    edited.interviews[123].answers[0]
        .text
        .push_str(" Och finansiering.");
    edited.interviews[123].modified += jiff::SignedDuration::from_secs(1);
    group.bench_function("refresh after one edit", |b| {
        b.iter_batched(
            || index.clone(),
            |mut fresh| fresh.refresh(&edited),
            criterion::BatchSize::LargeInput,
        )
    });
    drop(edited);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("index from scratch", |b| b.iter(|| Index::new(&project)));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadTime);
    targets = summary
}
criterion_main!(benches);
