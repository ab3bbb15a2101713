//! behov's search on a synthetic project, through the same API the interface uses: index
//! build throughput, then p50/p99 latency of queries that return the top 20 with snippets.
//! `bench/search.sh` runs it beside SQLite FTS5 and ripgrep; alone:
//!
//! ```text
//! behov synth --interviews 4000 --out /tmp/synth-4000
//! cargo bench --bench search -- /tmp/synth-4000 [ITERATIONS]
//! ```
//!
//! Not criterion: the targets are percentiles over many runs of different queries on a
//! project built outside the harness, which criterion's statistics do not report. Lines
//! starting with `RESULT` are read by `bench/compare.py`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use behov::search::{Access, SearchIndex, SearchOptions, index_dir};
use behov::store::Store;

/// (name, query) — the same five in `bench/compare.py`.
const QUERIES: [(&str, &str); 5] = [
    ("one term", "finansiering"),
    ("two terms", "finansiering färdplan"),
    ("phrase", "\"konkreta insatser\""),
    ("prefix", "färdpl*"),
    ("filtered", "finansiering code:funding"),
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench search -- PROJECT_DIR [ITERATIONS]");
        std::process::exit(2);
    };
    let iterations: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(500);

    let started = Instant::now();
    behov::search::load_lexicon();
    println!(
        "read the Swedish lexicon in {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let started = Instant::now();
    let opened = Store::open(&dir).expect("the project opens");
    let loading = started.elapsed();
    let answers: usize = opened.project.interviews.iter().map(|i| i.answered()).sum();

    let started = Instant::now();
    let (mut index, report) = SearchIndex::open(&dir, &opened.project, Access::Write, &mut |_| {})
        .expect("the index opens");
    if report.rebuilt.is_none() {
        index
            .rebuild(&opened.project, &mut |_| {})
            .expect("the index rebuilds");
    }
    let build = started.elapsed();
    let rate = answers as f64 / build.as_secs_f64();
    println!(
        "built the index of {answers} answers in {:.1} s: {rate:.0} answers/s (reading the JSON took {:.1} s more); index size {} MB",
        build.as_secs_f64(),
        loading.as_secs_f64(),
        dir_size(&index_dir(&dir)) / 1_000_000
    );
    println!("RESULT build {rate:.0}");

    let handle = index.handle();
    for (name, query) in QUERIES {
        for counts in [false, true] {
            let options = SearchOptions {
                counts,
                ..SearchOptions::default()
            };
            let runs = if counts { iterations / 5 } else { iterations }.max(10);
            for _ in 0..runs / 10 {
                handle.search(query, &options).expect("search");
            }
            let mut times: Vec<Duration> = Vec::with_capacity(runs);
            let mut hits = 0;
            for _ in 0..runs {
                let started = Instant::now();
                let results = handle.search(query, &options).expect("search");
                times.push(started.elapsed());
                hits = results.hits.len();
                assert!(results.hits.iter().all(|h| !h.snippet.text.is_empty()));
            }
            times.sort();
            let p50 = ms(times[times.len() / 2]);
            let p99 = ms(times[(times.len() * 99 / 100).min(times.len() - 1)]);
            let label = if counts { "behov+counts" } else { "behov" };
            println!(
                "{label:>13} {name:<10} p50 {p50:>8.3} ms  p99 {p99:>8.3} ms  ({hits} hits, {runs} runs)"
            );
            println!(
                "RESULT {label} {} {p50:.4} {p99:.4}",
                name.replace(' ', "_")
            );
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
