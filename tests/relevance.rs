//! The relevance set: over 150 queries on the demo's answers, each with the answers a Swedish
//! reader says must and must not come back (`tests/relevance/queries.txt`). Prints precision
//! and recall per category and holds search to its targets:
//! precision and recall ≥ 0.97 overall, compounds recall ≥ 0.9, typos corrected by the first
//! suggestion ≥ 0.8.
//!
//! `cargo test --test relevance -- --nocapture` shows the table and every miss.

use std::collections::{BTreeMap, HashSet};

use behov::search::{Access, SearchIndex, SearchOptions};
use behov::store::{self, Store};

const QUERIES: &str = include_str!("relevance/queries.txt");

/// One judged query.
struct Judged {
    category: String,
    query: String,
    must: HashSet<String>,
    maybe: HashSet<String>,
    suggest: Option<String>,
}

fn judged() -> Vec<Judged> {
    let mut out: Vec<Judged> = Vec::new();
    let mut category = String::new();
    for line in QUERIES.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            category = name.trim().to_string();
        } else if line.starts_with('#') || line.trim().is_empty() {
            continue;
        } else if let Some(rest) = line.strip_prefix("  ") {
            let (key, value) = rest.split_once(':').expect("key: value");
            let set = || value.split_whitespace().map(str::to_string).collect();
            let last = out.last_mut().expect("a query before its judgement");
            match key {
                "must" => last.must = set(),
                "maybe" => last.maybe = set(),
                "suggest" => last.suggest = Some(value.trim().to_string()),
                "not" | "why" => {}
                other => panic!("unknown key {other}"),
            }
        } else {
            out.push(Judged {
                category: category.clone(),
                query: line.to_string(),
                must: HashSet::new(),
                maybe: HashSet::new(),
                suggest: None,
            });
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    queries: usize,
    returned: usize,
    right: usize,
    relevant: usize,
    suggested: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        if self.returned == 0 {
            1.0
        } else {
            self.right as f64 / self.returned as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.relevant == 0 {
            1.0
        } else {
            self.right as f64 / self.relevant as f64
        }
    }

    fn add(&mut self, other: &Tally) {
        self.queries += other.queries;
        self.returned += other.returned;
        self.right += other.right;
        self.relevant += other.relevant;
        self.suggested += other.suggested;
    }
}

#[test]
fn search_meets_the_relevance_targets() {
    let set = judged();
    assert!(set.len() >= 150, "{} queries", set.len());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    store::demo::install(&root).unwrap();
    let opened = Store::open(&root).unwrap();
    let (index, _) = SearchIndex::open(&root, &opened.project, Access::Write, &mut |_| {}).unwrap();
    let all = SearchOptions {
        limit: 1000,
        ..SearchOptions::default()
    };

    let mut categories: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for j in &set {
        let results = index.search(&j.query, &all).unwrap();
        let tally = categories.entry(j.category.clone()).or_default();
        tally.queries += 1;
        if let Some(word) = &j.suggest {
            let first = results.suggestions.first();
            if first == Some(word) {
                tally.suggested += 1;
            } else {
                misses.push(format!("{}: suggested {first:?}, not {word}", j.query));
            }
            continue;
        }
        let ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
        let returned: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| !j.maybe.contains(*id))
            .collect();
        let right = returned.iter().filter(|id| j.must.contains(**id)).count();
        tally.returned += returned.len();
        tally.right += right;
        tally.relevant += j.must.len();
        let wrong: Vec<&str> = returned
            .iter()
            .copied()
            .filter(|id| !j.must.contains(*id))
            .collect();
        let mut missed: Vec<&str> = j
            .must
            .iter()
            .map(String::as_str)
            .filter(|id| !ids.contains(id))
            .collect();
        missed.sort();
        if !wrong.is_empty() || !missed.is_empty() {
            misses.push(format!(
                "[{}] {}: wrong {wrong:?}, missed {missed:?}",
                j.category, j.query
            ));
        }
    }

    let mut overall = Tally::default();
    println!("| category | queries | precision | recall |");
    println!("|---|--:|--:|--:|");
    for (name, t) in &categories {
        if name == "typos" {
            println!(
                "| {name} (first suggestion right) | {} | {:.2} | |",
                t.queries,
                t.suggested as f64 / t.queries as f64
            );
            continue;
        }
        overall.add(t);
        println!(
            "| {name} | {} | {:.3} | {:.3} |",
            t.queries,
            t.precision(),
            t.recall()
        );
    }
    println!(
        "| **all but typos** | {} | **{:.3}** | **{:.3}** |",
        overall.queries,
        overall.precision(),
        overall.recall()
    );
    for miss in &misses {
        println!("{miss}");
    }

    let typos = &categories["typos"];
    let compounds = &categories["compounds"];
    assert!(
        overall.precision() >= 0.97,
        "precision {:.3}",
        overall.precision()
    );
    assert!(overall.recall() >= 0.97, "recall {:.3}", overall.recall());
    assert!(
        compounds.recall() >= 0.9,
        "compounds recall {:.3}",
        compounds.recall()
    );
    let corrected = typos.suggested as f64 / typos.queries as f64;
    assert!(corrected >= 0.8, "typos corrected {corrected:.2}");
}
