//! How well transcripts are laid onto the guide: precision and recall of the question
//! assignment over the example transcripts in `data/import-examples`, where questions are
//! asked in other words and out of order.

use std::path::{Path, PathBuf};

use behov::import::{self, Place};
use behov::store::Store;

/// For each example, the start of every turn that asks a guide question, and the question.
const TRUTH: &[(&str, &[(&str, &str)])] = &[
    (
        "Mälarporten Science Park 2026-04-14 Teams.vtt",
        &[
            ("Kan ni börja med att berätta lite om Mälarporten", "q01"),
            ("Hur jobbar ni med hållbarhet och omställning", "q02"),
            ("Det gör vi. Vilka behov ser ni", "q03"),
            ("Ni är redan inne på er egen situation", "q09"),
            ("Vilka hinder stöter företagen på", "q04"),
            ("Jag skulle vilja att ni försöker sätta en siffra", "q05"),
            ("Och när det gäller cirkulära affärsmodeller?", "q06"),
            ("Energiomställningen då?", "q07"),
            ("Och sist digitaliseringen", "q08"),
            ("Bra. Jag hoppar lite i guiden nu.", "q11"),
            ("Vilka former av stöd skulle ni helst vilja se", "q10"),
            ("Tack. Finns det något mer ni vill ta upp", "q12"),
        ],
    ),
    (
        "Företagsfabriken i Västmanland.docx",
        &[
            ("Kan du börja med att berätta om Företagsfabriken", "q01"),
            ("Vilka behov ser du att företagen har", "q03"),
            (
                "Hur arbetar ni i dag med hållbar omställning i det stöd",
                "q02",
            ),
            ("Vad skulle ni som främjare behöva", "q09"),
            ("Vilka hinder möter företagen, och ni?", "q04"),
            ("Om du skulle gradera mognaden", "q05"),
            ("Och inom cirkulära affärsmodeller?", "q06"),
            ("Inom energiomställning?", "q07"),
            ("Digitalisering?", "q08"),
            ("Har ni en egen hållbarhetsstrategi?", "q11"),
            ("Vilka former av stöd från regionen", "q10"),
            ("Är det något mer du vill lyfta?", "q12"),
        ],
    ),
    (
        "intervju_sala_kommun_2026-04-20.srt",
        &[
            ("Om vi börjar med dig och näringslivskontoret", "q01"),
            ("Och när det gäller hinder", "q04"),
            ("Vilka behov ser du hos företagen", "q03"),
            ("Hur jobbar ni i dag med hållbarhet", "q02"),
            ("Vad skulle ni behöva för att kunna göra mer", "q09"),
            ("Om du skulle bedöma hur mogna", "q05"),
            ("Och inom cirkulära affärsmodeller?", "q06"),
            ("Energiomställningen då, hur långt", "q07"),
            ("Och digitaliseringen?", "q08"),
            ("Vilka former av stöd från regionen", "q10"),
            ("Har kommunen eller näringslivskontoret", "q11"),
            ("Något mer du vill lyfta innan vi avslutar?", "q12"),
        ],
    ),
    (
        "Västmanlands Livsmedelsförbund 2026-04-22.txt",
        &[
            ("Berätta kort om Livsmedelsförbundet", "q01"),
            ("Vilka behov ser ni hos företagen", "q03"),
            ("Hur arbetar ni i dag med hållbar omställning", "q02"),
            ("Vilka hinder möter företagen", "q04"),
            ("Hur mogna är företagen ni möter inom resurseffektiv", "q05"),
            ("Inom cirkulära affärsmodeller?", "q06"),
            ("Inom energiomställning?", "q07"),
            ("Och inom digitalisering?", "q08"),
            ("Vad behöver ni som främjare", "q09"),
            ("Vilka former av stöd från regionen", "q10"),
            ("Har er organisation en egen hållbarhetsstrategi?", "q11"),
            ("Är det något mer du vill lyfta", "q12"),
        ],
    ),
];

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/import-examples")
}

#[test]
fn questions_are_found_with_precision_and_recall_of_at_least_90_percent() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    let project = Store::open_read_only(&demo).unwrap().project;
    let (mut right, mut assigned, mut expected) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for (file, truth) in TRUTH {
        let bytes = std::fs::read(examples().join(file)).unwrap();
        let transcript = import::read(&bytes, file, None).unwrap();
        let mapping = import::map(&transcript, &project.guide, None);
        let (mut r, mut a) = (0, 0);
        for (turn, place) in transcript.turns.iter().zip(&mapping.places) {
            let want = truth
                .iter()
                .find(|(start, _)| turn.text.starts_with(start))
                .map(|(_, q)| *q);
            let got = match place {
                Place::Asks { question, .. } => Some(question.as_str()),
                _ => None,
            };
            if got.is_some() {
                a += 1;
            }
            if got.is_some() && got == want {
                r += 1;
            } else if got.is_some() || want.is_some() {
                report += &format!(
                    "  {file}: \"{}\" expected {want:?}, got {got:?}\n",
                    turn.text.chars().take(60).collect::<String>()
                );
            }
        }
        // Every expected turn exists in the transcript (the truth table is not stale).
        for (start, _) in *truth {
            assert!(
                transcript.turns.iter().any(|t| t.text.starts_with(start)),
                "{file}: no turn starts with {start:?}"
            );
        }
        println!(
            "{file}: {r} of {} questions right, {a} assigned",
            truth.len()
        );
        right += r;
        assigned += a;
        expected += truth.len();
    }
    let precision = right as f64 / assigned.max(1) as f64;
    let recall = right as f64 / expected as f64;
    println!(
        "question assignment over {} transcripts: precision {:.1} %, recall {:.1} %",
        TRUTH.len(),
        precision * 100.0,
        recall * 100.0
    );
    print!("{report}");
    assert!(precision >= 0.9 && recall >= 0.9, "misses:\n{report}");
}
