//! `behov import`: a 2-hour Teams transcript (about 20,000 words) read, laid onto the guide
//! and saved into the demo project (budget 100 ms), and a folder of 100 one-hour transcripts
//! (budget 5 s). Run with `cargo bench --bench import`. Times are wall time, writes and
//! fsyncs included, in a project folder under the system's temp directory.
//! `BEHOV_BENCH_TRANSCRIPTS=DIR` also writes the transcripts there, to time `behov import` on
//! them as a whole process.

use std::fmt::Write;
use std::time::Duration;

use behov::import::{self, Options};
use behov::model::Project;
use behov::store::{self, Store};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

/// Respondent talk: sentences recombined so no two answers are the same.
const SENTENCES: [&str; 12] = [
    "Vi ser att företagen behöver rådgivning som utgår från deras egen verksamhet",
    "många har börjat med energieffektivisering men vet inte hur de ska gå vidare",
    "finansieringen är ett hinder, särskilt för de minsta bolagen",
    "det saknas en tydlig färdplan för vem som gör vad i regionen",
    "nätverk där företagen lär av varandra fungerar bättre än stora seminarier",
    "vi skulle behöva tillgång till experter några timmar per företag",
    "kunderna ställer krav på klimatredovisning och leverantörerna hänger inte med",
    "digitaliseringen och omställningen hänger ihop eftersom man behöver data",
    "tillståndsprocesserna tar lång tid och då tar pengarna slut",
    "de cirkulära affärsmodellerna är fortfarande ovanliga i industrin",
    "projektfinansieringen gör att kompetensen försvinner när projektet tar slut",
    "det viktigaste är konkreta åtgärder som går att genomföra på måndag",
];

/// A Teams VTT of about `words` words: the guide's questions asked in turn, each answered by
/// two respondents at length.
fn transcript(project: &Project, words: usize, seed: usize) -> Vec<u8> {
    let mut out = String::from("WEBVTT\n\n");
    let (mut written, mut t, mut cue) = (0usize, 0u64, 0usize);
    let mut push = |out: &mut String, who: &str, text: &str, t: &mut u64| {
        let ms = text.split_whitespace().count() as u64 * 400;
        let _ = write!(
            out,
            "{seed}-{cue}\n{}:{}:{}.{:03} --> {}:{}:{}.{:03}\n<v {who}>{text}</v>\n\n",
            *t / 3_600_000,
            *t / 60_000 % 60,
            *t / 1000 % 60,
            *t % 1000,
            (*t + ms) / 3_600_000,
            (*t + ms) / 60_000 % 60,
            (*t + ms) / 1000 % 60,
            (*t + ms) % 1000,
        );
        *t += ms + 700;
        cue += 1;
    };
    let questions = &project.guide.questions;
    let per_question = words / questions.len();
    for (q, question) in questions.iter().enumerate() {
        push(
            &mut out,
            "Maria Lind",
            &format!("Okej. {}", question.text.sv),
            &mut t,
        );
        let mut said = 0;
        let mut k = q + seed;
        while said < per_question {
            let who = if k.is_multiple_of(3) {
                "Lina Strand"
            } else {
                "Erik Wallin"
            };
            let text = format!(
                "{}, och {}.",
                SENTENCES[k % SENTENCES.len()],
                SENTENCES[(k * 7 + 3) % SENTENCES.len()]
            );
            said += text.split_whitespace().count();
            push(&mut out, who, &text, &mut t);
            k += 1;
        }
        written += said;
    }
    assert!(written >= words * 9 / 10);
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    let project = Store::open_read_only(&root).unwrap().project;
    let two_hours = transcript(&project, 20_000, 0);
    let folder: Vec<(String, Vec<u8>)> = (0..100)
        .map(|n| {
            (
                format!("Mälarporten {n}.vtt"),
                transcript(&project, 10_000, n),
            )
        })
        .collect();
    // The same files for timing `behov import` as a whole process (README, Performance).
    if let Some(out) = std::env::var_os("BEHOV_BENCH_TRANSCRIPTS") {
        let out = std::path::Path::new(&out);
        std::fs::create_dir_all(out.join("folder")).unwrap();
        std::fs::write(out.join("Mälarporten 2h.vtt"), &two_hours).unwrap();
        for (name, bytes) in &folder {
            std::fs::write(out.join("folder").join(name), bytes).unwrap();
        }
    }
    println!(
        "2-hour transcript: {} KB; folder: 100 files, {} MB",
        two_hours.len() / 1000,
        folder.iter().map(|(_, b)| b.len()).sum::<usize>() / 1_000_000
    );
    let interviews = root.join(store::INTERVIEWS_DIR);
    let clean = || {
        for entry in std::fs::read_dir(&interviews).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.as_str() > "i024.json" {
                std::fs::remove_file(path).unwrap();
            }
        }
    };
    // Each run writes into a freshly opened project: the store remembers the files it wrote,
    // and these are removed between runs behind its back. The project opened in the setup is
    // the routine's own; the store is dropped (and its lock freed) when the routine ends.
    let fresh = || {
        clean();
        let opened = Store::open(&root).unwrap();
        (opened.store, opened.project)
    };

    let mut group = c.benchmark_group("import");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("2-hour transcript, mapped and saved", |b| {
        b.iter_batched(
            fresh,
            |(store, mut p)| {
                let plan = import::plan(
                    &p,
                    [("Mälarporten.vtt".to_string(), two_hours.clone())],
                    &Options::default(),
                    &[],
                    jiff::Timestamp::now(),
                );
                assert_eq!(plan.drafts[0].mapping.answers.len(), 12);
                import::apply(&store, &mut p, &plan).unwrap()
            },
            BatchSize::PerIteration,
        )
    });
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("folder of 100 one-hour transcripts", |b| {
        b.iter_batched(
            || (fresh(), folder.clone()),
            |((store, mut p), files)| {
                let plan =
                    import::plan(&p, files, &Options::default(), &[], jiff::Timestamp::now());
                assert_eq!(plan.to_write().count(), 100);
                import::apply(&store, &mut p, &plan).unwrap()
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
    clean();
}

criterion_group!(benches, bench);
criterion_main!(benches);
