//! `behov import` as a user runs it: the examples onto a fresh demo copy, then coded, searched
//! and summarised; respondent lists; and every bad input with nothing written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use behov::model::{Span, coding_ops};
use behov::store::{self, Store};
use predicates::prelude::*;
use serde_json::Value;

fn behov(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("behov").unwrap();
    cmd.env("BEHOV_DATA", data).env_remove("BEHOV_PROJECT");
    cmd
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/import-examples");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn example(name_start: &str) -> PathBuf {
    examples()
        .into_iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(name_start)
        })
        .unwrap()
}

/// A fresh demo project in a temp folder.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    (dir, root)
}

/// Every file of the project but the derived `.behov` folder, with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().unwrap() == ".behov" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).unwrap()
}

fn passages(summary: &Value, code: &str) -> u64 {
    summary["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == code)
        .unwrap()["counts"]["passages"]
        .as_u64()
        .unwrap()
}

#[test]
fn the_examples_become_drafts_that_are_coded_searched_and_summarised() {
    let (dir, root) = demo();
    let before = json(
        &behov(dir.path())
            .args(["summary", "--status", "all", "--format", "json"])
            .arg(&root)
            .output()
            .unwrap()
            .stdout,
    );
    behov(dir.path())
        .arg("import")
        .arg("--project")
        .arg(&root)
        .args(examples())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Imported 4 interviews as drafts (i025, i026, i027, i028)",
        ));
    behov(dir.path()).arg("check").arg(&root).assert().success();

    let mut opened = Store::open(&root).unwrap();
    let project = &mut opened.project;
    let by_file = |p: &behov::model::Project, start: &str| {
        p.interviews
            .iter()
            .find(|i| i.source.as_ref().is_some_and(|s| s.file.starts_with(start)))
            .unwrap()
            .clone()
    };
    // The Teams interview: with Mälarporten (named in the file name), answers in place.
    let teams = by_file(project, "Mälarporten");
    assert_eq!(teams.respondents, ["r009"]);
    assert_eq!(teams.interviewer, "Maria Lind");
    assert_eq!(teams.date.to_string(), "2026-04-14");
    assert_eq!(teams.status, behov::model::Status::Draft);
    assert_eq!(teams.answers.len(), 12);
    let answer = |q: &str| teams.answer(q).unwrap().text.clone();
    assert!(answer("q01").contains("Mälarporten är en science park"));
    assert!(answer("q03").starts_with("Lina Strand: Jag kan börja."));
    assert!(answer("q09").contains("Erik Wallin: Långsiktighet"));
    assert!(answer("q07").contains("Energipriserna"));
    assert!(teams.notes.contains("spela in"));
    assert!(teams.answer("q04").unwrap().time.is_some());
    let source = teams.source.as_ref().unwrap();
    assert_eq!((source.format.as_str(), source.sha256.len()), ("vtt", 64));
    // The Word file's organisation is new; the Windows-1252 text is read as such.
    let word = by_file(project, "Företagsfabriken");
    assert_eq!(
        project.respondent(&word.respondents[0]).unwrap().name,
        "Företagsfabriken i Västmanland"
    );
    assert!(
        word.answer("q01")
            .unwrap()
            .text
            .contains("kooperativt företagshus i Västerås där vi hyr")
    );
    let text = by_file(project, "Västmanlands");
    assert_eq!(text.source.as_ref().unwrap().encoding, "Windows-1252");
    assert!(
        text.answer("q03")
            .unwrap()
            .text
            .contains("förpackningar och svinn")
    );

    // Code an answer and the part outside the guide, as a colleague would.
    let now = jiff::Timestamp::now();
    let mut coded = teams.clone();
    let q09 = coded.answer_mut("q09");
    coding_ops::toggle(&mut q09.codings, "roadmap", None, "maria", now);
    let notes_chars = coded.notes.chars().count();
    coding_ops::toggle(
        &mut coded.notes_codings,
        "regulation",
        Some(Span {
            start: 0,
            end: notes_chars.min(20),
        }),
        "maria",
        now,
    );
    coded.modified = now;
    opened.store.save_interview(&coded).unwrap();
    drop(opened);
    behov(dir.path()).arg("check").arg(&root).assert().success();

    let search = |query: &str| {
        json(
            &behov(dir.path())
                .args(["search", "--format", "json", "--project"])
                .arg(&root)
                .args(query.split(' '))
                .output()
                .unwrap()
                .stdout,
        )
    };
    let ids = |v: &Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&search("generalister")), [format!("{}/q09", teams.id)]);
    assert_eq!(
        ids(&search("code:roadmap generalister")),
        [format!("{}/q09", teams.id)]
    );
    assert_eq!(
        ids(&search("code:regulation inspelningen")),
        [format!("{}/notes", teams.id)]
    );
    assert!(
        ids(&search("laserskärare"))
            .iter()
            .any(|id| id.starts_with(&word.id))
    );

    let after = json(
        &behov(dir.path())
            .args(["summary", "--status", "all", "--format", "json"])
            // Imported interviews have no consent recorded yet: counted only when asked.
            .arg("--include-unconsented")
            .arg(&root)
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(
        passages(&after, "roadmap"),
        passages(&before, "roadmap") + 1
    );
    assert_eq!(
        passages(&after, "regulation"),
        passages(&before, "regulation") + 1
    );
    assert_eq!(
        after["coverage"]["interviews"].as_u64().unwrap(),
        before["coverage"]["interviews"].as_u64().unwrap() + 4
    );
}

#[test]
fn a_dry_run_shows_the_mapping_as_json_and_writes_nothing() {
    let (dir, root) = demo();
    let before = snapshot(&root);
    let out = behov(dir.path())
        .args(["import", "--dry-run", "--format", "json", "--project"])
        .arg(&root)
        .arg(example("intervju_sala"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(snapshot(&root), before);
    let v = json(&out);
    assert_eq!(v["dry_run"], true);
    let file = &v["files"][0];
    assert_eq!(file["format"], "srt");
    assert_eq!(file["respondent"]["id"], "r003");
    assert_eq!(file["questions"].as_array().unwrap().len(), 12);
    let q04 = file["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question"] == "q04")
        .unwrap();
    assert!(
        q04["asked"]
            .as_str()
            .unwrap()
            .starts_with("Och när det gäller hinder")
    );
    assert!(q04["confidence"].as_f64().unwrap() > 0.3);
    assert!(file["turns"][0]["place"] == "outside");
}

#[test]
fn a_folder_imports_each_transcript_and_a_second_import_is_skipped_by_checksum() {
    let (dir, root) = demo();
    let folder = dir.path().join("in");
    fs::create_dir(&folder).unwrap();
    fs::copy(
        example("Företagsfabriken"),
        folder.join("Företagsfabriken i Västmanland.docx"),
    )
    .unwrap();
    fs::copy(example("intervju_sala"), folder.join("sala.srt")).unwrap();
    fs::write(folder.join("notes.pdf"), b"%PDF-1.4").unwrap();
    behov(dir.path())
        .args([
            "import",
            "--interviewer",
            "Sara Nyberg",
            "--date",
            "2026-05-02",
            "--project",
        ])
        .arg(&root)
        .arg(&folder)
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 2 interviews"));
    let after_first = snapshot(&root);
    behov(dir.path())
        .args(["import", "--project"])
        .arg(&root)
        .arg(folder.join("sala.srt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "already imported as i026 (same checksum)",
        ))
        .stdout(predicate::str::contains("Nothing was imported."));
    assert_eq!(snapshot(&root), after_first);
    behov(dir.path())
        .args(["import", "--again", "--respondent", "r003", "--project"])
        .arg(&root)
        .arg(folder.join("sala.srt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Imported 1 interview as drafts (i027)",
        ));
    let project = Store::open_read_only(&root).unwrap().project;
    let first = project.interview("i026").unwrap();
    assert_eq!(
        (first.respondents[0].as_str(), first.interviewer.as_str()),
        ("r003", "Sara Nyberg")
    );
    assert_eq!(first.date.to_string(), "2026-05-02");
    let again = project.interview("i027").unwrap();
    assert_eq!(again.respondents, ["r003"]);
    assert_eq!(again.source, first.source);
}

#[test]
fn bad_input_gets_one_sentence_and_nothing_is_written() {
    let (dir, root) = demo();
    let before = snapshot(&root);
    let bad = dir.path().join("bad");
    fs::create_dir(&bad).unwrap();
    let mut zip_without_document = Vec::new();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut zip_without_document));
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hej").unwrap();
        z.finish().unwrap();
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "photo.docx",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "is not a Word document (.docx): it is not a zip archive",
        ),
        (
            "locked.docx",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0".to_vec(),
            "password-protected or encrypted",
        ),
        (
            "damaged.docx",
            b"PK\x03\x04garbage that is no zip".to_vec(),
            "the Word document is damaged",
        ),
        (
            "other.docx",
            zip_without_document,
            "has no word/document.xml",
        ),
        ("empty.txt", Vec::new(), "the file is empty"),
        ("blank.vtt", b"  \n\n ".to_vec(), "the file is empty"),
        (
            "program.txt",
            (0u8..=255).cycle().take(5000).collect(),
            "the file is not text",
        ),
        (
            "cues.vtt",
            b"no header\n\njust words\n".to_vec(),
            "the file is not WebVTT",
        ),
        (
            "subs.srt",
            b"1\nwhen\nhej\n".to_vec(),
            "the file is not SubRip",
        ),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
            "not a transcript behov reads",
        ),
    ];
    for (name, bytes, sentence) in cases {
        let path = bad.join(name);
        fs::write(&path, &bytes).unwrap();
        behov(dir.path())
            .args(["import", "--project"])
            .arg(&root)
            .arg(&path)
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(sentence)
                    .and(predicate::str::contains("nothing was imported from it")),
            );
        assert_eq!(snapshot(&root), before, "{name} changed the project");
    }
    // A file that is not there, and a folder without transcripts: usage errors.
    behov(dir.path())
        .args(["import", "--project"])
        .arg(&root)
        .arg(bad.join("missing.vtt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    let empty = dir.path().join("empty-folder");
    fs::create_dir(&empty).unwrap();
    behov(dir.path())
        .args(["import", "--project"])
        .arg(&root)
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no transcripts"));
    assert_eq!(snapshot(&root), before);
}

#[test]
fn a_broken_cue_is_skipped_and_named_and_the_rest_imported() {
    let (dir, root) = demo();
    let vtt = dir.path().join("Sala kommun.vtt");
    fs::write(
        &vtt,
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:05.000\n<v Maria>Vilka behov ser ni hos företagen när det gäller grön omställning?\n\n\
         2\n00:00:05.000 --> later\n<v Karin>Trasig.\n\n\
         3\n00:00:06.000 --> 00:00:09.000\n<v Karin>Rådgivning och en färdplan.\n",
    )
    .unwrap();
    behov(dir.path())
        .args(["import", "--project"])
        .arg(&root)
        .arg(&vtt)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "note: line 7: a cue without a valid time",
        ));
    let project = Store::open_read_only(&root).unwrap().project;
    let i = project.interview("i025").unwrap();
    assert_eq!(i.respondents, ["r003"]);
    assert_eq!(i.answer("q03").unwrap().text, "Rådgivning och en färdplan.");
}

#[test]
fn a_full_disk_leaves_the_project_as_it_was() {
    let (_dir, root) = demo();
    let before = snapshot(&root);
    let mut opened = Store::open(&root).unwrap();
    let files = [example("Företagsfabriken"), example("Mälarporten")]
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(p).unwrap(),
            )
        })
        .collect::<Vec<_>>();
    let plan = behov::import::plan(
        &opened.project,
        files,
        &behov::import::Options::default(),
        &[],
        jiff::Timestamp::now(),
    );
    assert_eq!(plan.to_write().count(), 2);
    for after in [0, 5_000, 40_000] {
        let _fault = store::fault::inject(store::fault::Plan {
            disk_full_after: Some(after),
            ..Default::default()
        });
        let mut project = opened.project.clone();
        assert!(behov::import::apply(&opened.store, &mut project, &plan).is_err());
        assert_eq!(
            project, opened.project,
            "the project in memory is unchanged too"
        );
        assert_eq!(snapshot(&root), before, "disk full after {after} bytes");
    }
    let written = behov::import::apply(&opened.store, &mut opened.project, &plan).unwrap();
    assert_eq!(written, ["i025", "i026"]);
}

#[test]
fn respondent_lists_add_and_update_without_duplicates() {
    let (dir, root) = demo();
    let csv = dir.path().join("aktörer.csv");
    fs::write(
        &csv,
        "Organisation;Kommun;Organisationstyp;Antal anställda\n\
         Sala kommun, näringslivskontoret;Sala;näringslivskontor;3\n\
         Företagsfabriken i Västmanland;Västerås;kooperativ utveckling;2\n",
    )
    .unwrap();
    let before = snapshot(&root);
    behov(dir.path())
        .args(["import", "--dry-run", "--respondent-list"])
        .arg(&csv)
        .arg("--project")
        .arg(&root)
        .assert()
        .success()
        .stdout(predicate::str::contains("new attribute antal_anstallda"))
        .stdout(predicate::str::contains(
            "+ r025 Företagsfabriken i Västmanland",
        ))
        .stdout(predicate::str::contains(
            "Dry run: 1 new, 1 updated, 0 unchanged",
        ));
    assert_eq!(snapshot(&root), before);

    // The same list as a workbook, for real, twice.
    let xlsx = dir.path().join("aktörer.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["Namn", "Kommun", "Organisationstyp", "Antal anställda"],
        [
            "Sala kommun, näringslivskontoret",
            "Sala",
            "näringslivskontor",
            "3",
        ],
        [
            "Företagsfabriken i Västmanland",
            "Västerås",
            "kooperativ utveckling",
            "2",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    for _ in 0..2 {
        behov(dir.path())
            .args(["import", "--respondent-list"])
            .arg(&xlsx)
            .arg("--project")
            .arg(&root)
            .assert()
            .success();
    }
    let project = Store::open_read_only(&root).unwrap().project;
    assert_eq!(project.respondents.len(), 25);
    let new = project.respondent("r025").unwrap();
    assert_eq!(new.attribute("type"), "kooperativ utveckling");
    assert_eq!(
        project
            .respondent("r003")
            .unwrap()
            .attribute("antal_anstallda"),
        "3"
    );
    behov(dir.path()).arg("check").arg(&root).assert().success();
}
