//! Every number of the small fixture project, worked out by hand (see fixture.rs for the data).

use behov::model::{Lang, Status};
use behov::report::{
    self, Counts, Drill, Error, Filter, Index, Names, Options, Summary, Tally, code_rows, matrix,
    passages, pseudonym_numbers,
};
use jiff::civil::Date;

use super::fixture::small_project;

fn summary(options: Options) -> Summary {
    report::summarise(&small_project(), &options).unwrap()
}

fn by_type() -> Options {
    Options {
        by: Some("type".into()),
        ..Options::default()
    }
}

fn counts(respondents: usize, interviews: usize, answers: usize, passages: usize) -> Counts {
    Counts {
        respondents,
        interviews,
        answers,
        passages,
    }
}

#[test]
fn coverage() {
    let c = summary(Options::default()).coverage;
    // r1–r5 all pass an empty filter; r4 is in no interview, so 4 were interviewed.
    assert_eq!((c.respondents, c.interviewed), (5, 4));
    // i1, i2, i3, i5 complete; i4 draft.
    assert_eq!((c.interviews, c.complete, c.drafts), (5, 4, 1));
    // 1 + 1 + 2 (i3 is r1 with r3) + 1 + 1.
    assert_eq!(c.participations, 6);
    // People of r1 (Anna ♀, Bo ♂), r2 (Cecilia ♀), r3 (Dan, not recorded); r5 has none.
    assert_eq!(c.people, 4);
    assert_eq!(
        (
            c.genders.women,
            c.genders.men,
            c.genders.other,
            c.genders.not_recorded
        ),
        (2, 1, 0, 1)
    );
    // Non-empty answers: i1 3, i2 2 (q3 is empty), i3 2, i4 2, i5 2.
    assert_eq!(c.answers, 11);
    // Answers with a known code: i1 q1, q3; i2 q1; i3 q1; i4 q1, q3; i5 q1.
    assert_eq!(c.coded_answers, 7);
    // i1 4 + i2 1 + i3 2 + i4 2 + i5 1 (the unknown code is skipped).
    assert_eq!(c.codings, 10);
    assert_eq!(
        (c.first, c.last),
        (
            Some(Date::constant(2026, 1, 10)),
            Some(Date::constant(2026, 3, 1))
        )
    );
    let types = &c.attributes[0];
    let split: Vec<(&str, usize)> = types
        .groups
        .iter()
        .map(|g| (g.label.as_str(), g.respondents))
        .collect();
    // Interviewed: r1, r2 kommun; r3 inkubator; r5 without a type (r4 was not interviewed).
    assert_eq!(
        split,
        [("kommun", 2), ("inkubator", 1), ("(uppgift saknas)", 1)]
    );
    assert_eq!(
        c.sentence(Lang::En),
        "4 organisations took part in 5 interviews (1 of them a draft), 6 participations in all. \
         4 registered contact people: 2 women, 1 man, 1 gender not recorded."
    );
    assert_eq!(
        c.sentence(Lang::Sv),
        "4 organisationer deltog i 5 intervjuer (varav 1 utkast), sammanlagt 6 deltaganden. \
         4 registrerade kontaktpersoner: 2 kvinnor, 1 man, 1 utan angivet kön."
    );
}

#[test]
fn needs_table_rolls_up_and_sorts_siblings_by_respondents() {
    let s = summary(Options::default());
    let rows: Vec<(&str, usize, Counts, f64)> = s
        .codes
        .iter()
        .map(|r| (r.id.as_str(), r.depth, r.counts, r.share))
        .collect();
    assert_eq!(
        rows,
        [
            // Own coding i4 q1 + advice 4 + funding 3 = 8 passages in answers i1–i5 q1;
            // respondents r1, r2, r3, r5: 4 of 4 interviewed.
            ("needs", 0, counts(4, 5, 5, 8), 1.0),
            // i1 q1 (anna span, erik whole), i2 q1, i3 q1: 4 passages, 3 answers, 3 interviews;
            // r1 (i1, i3), r2 (i2), r3 (i3): 3 of 4.
            ("advice", 1, counts(3, 3, 3, 4), 0.75),
            // Own i3 q1 + grants i1 q1, i5 q1: 3 passages; r1, r3: 2 of 4.
            ("funding", 1, counts(2, 3, 3, 3), 0.5),
            ("grants", 2, counts(2, 2, 2, 2), 0.5),
            // time in i1 q3 and i4 q3: r1, r5.
            ("barriers", 0, counts(2, 2, 2, 2), 0.5),
            ("time", 1, counts(2, 2, 2, 2), 0.5),
        ]
    );
    assert_eq!(s.codes[1].label, "Rådgivning");
    assert!(s.codes[0].has_children && !s.codes[1].has_children);
}

#[test]
fn per_coder() {
    let s = summary(Options::default());
    assert_eq!(s.coders, ["anna", "erik"]);
    let of = |id: &str| {
        s.codes
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .by_coder
            .clone()
    };
    // anna: advice i1 q1 + grants i1 q1 (same answer), advice i2 q1, needs i4 q1 → 4 passages in
    // 3 answers of 3 interviews, r1 r2 r5. erik: advice i1 q1, funding + advice i3 q1, grants
    // i5 q1 → 4 passages in 3 answers of 3 interviews, r1 (i1, i3) and r3 (i3, i5).
    assert_eq!(of("needs"), [counts(3, 3, 3, 4), counts(2, 3, 3, 4)]);
    assert_eq!(of("advice"), [counts(2, 2, 2, 2), counts(2, 2, 2, 2)]);
    assert_eq!(of("funding"), [counts(1, 1, 1, 1), counts(2, 2, 2, 2)]);
    assert_eq!(of("grants"), [counts(1, 1, 1, 1), counts(1, 1, 1, 1)]);
    assert_eq!(of("time"), [counts(2, 2, 2, 2), counts(0, 0, 0, 0)]);
}

#[test]
fn matrix_by_type() {
    let m = summary(by_type()).groups.unwrap();
    assert_eq!(m.label, "Organisationstyp");
    assert_eq!(m.respondents, 4);
    let groups: Vec<(&str, &str, usize)> = m
        .groups
        .iter()
        .map(|g| (g.value.as_str(), g.label.as_str(), g.respondents))
        .collect();
    // Listed values first, in the project's order, then respondents without a value.
    assert_eq!(
        groups,
        [
            ("kommun", "kommun", 2),
            ("inkubator", "inkubator", 1),
            ("", "(uppgift saknas)", 1)
        ]
    );
    let cells = |id: &str| -> Vec<(usize, f64)> {
        let row = m.rows.iter().find(|r| r.id == id).unwrap();
        std::iter::once(&row.total)
            .chain(&row.cells)
            .map(|c| (c.respondents, c.share))
            .collect()
    };
    // needs: r1 r2 | r3 | r5 — everyone in every group.
    assert_eq!(cells("needs"), [(4, 1.0), (2, 1.0), (1, 1.0), (1, 1.0)]);
    // advice: r1 r2 | r3 | none: 3 of 4 overall.
    assert_eq!(cells("advice"), [(3, 0.75), (2, 1.0), (1, 1.0), (0, 0.0)]);
    // funding: r1 (1 of 2 kommun) | r3.
    assert_eq!(cells("funding"), [(2, 0.5), (1, 0.5), (1, 1.0), (0, 0.0)]);
    // time: r1 | – | r5.
    assert_eq!(cells("time"), [(2, 0.5), (1, 0.5), (0, 0.0), (1, 1.0)]);
}

#[test]
fn regrouping_needs_no_new_tally() {
    let project = small_project();
    let tally = Tally::new(&project, &Index::new(&project), &Filter::default());
    let m = matrix(&project, &tally, "municipality", Lang::En).unwrap();
    let groups: Vec<(&str, usize)> = m
        .groups
        .iter()
        .map(|g| (g.label.as_str(), g.respondents))
        .collect();
    // No listed values: alphabetical, Swedish order (Å after Z): Köping r2, Västerås r1 r3, Åre r5.
    assert_eq!(groups, [("Köping", 1), ("Västerås", 2), ("Åre", 1)]);
    let advice = m.rows.iter().find(|r| r.id == "advice").unwrap();
    assert_eq!(
        advice
            .cells
            .iter()
            .map(|c| c.respondents)
            .collect::<Vec<_>>(),
        [1, 2, 0]
    );
    assert!(matches!(
        matrix(&project, &tally, "typ", Lang::En),
        Err(Error::UnknownAttribute { .. })
    ));
}

#[test]
fn cooccurrence_as_applied() {
    let co = summary(Options::default()).cooccurrence;
    // Applied codes in needs-table order; barriers is never applied itself.
    let ids: Vec<&str> = co.codes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["needs", "advice", "funding", "grants", "time"]);
    // Answers: i1 q1 {advice, grants}, i1 q3 {time}, i2 q1 {advice}, i3 q1 {funding, advice},
    // i4 q1 {needs}, i4 q3 {time}, i5 q1 {grants}.
    assert_eq!(
        co.answers,
        [
            [1, 0, 0, 0, 0],
            [0, 3, 1, 1, 0],
            [0, 1, 1, 0, 0],
            [0, 1, 0, 2, 0],
            [0, 0, 0, 0, 2],
        ]
    );
    // Interviews: i1 {advice, grants, time}, i2 {advice}, i3 {funding, advice}, i4 {needs, time},
    // i5 {grants}.
    assert_eq!(
        co.interviews,
        [
            [1, 0, 0, 0, 1],
            [0, 3, 1, 1, 1],
            [0, 1, 1, 0, 0],
            [0, 1, 0, 2, 1],
            [1, 1, 0, 1, 2],
        ]
    );
    // Most shared interviews first, then most shared answers, then table order.
    let pairs: Vec<(&str, &str, u32, u32)> = co
        .pairs
        .iter()
        .map(|p| (p.a.id.as_str(), p.b.id.as_str(), p.answers, p.interviews))
        .collect();
    assert_eq!(
        pairs,
        [
            ("advice", "funding", 1, 1),
            ("advice", "grants", 1, 1),
            ("needs", "time", 0, 1),
            ("advice", "time", 0, 1),
            ("grants", "time", 0, 1),
        ]
    );
}

#[test]
fn scales_overall_and_per_group() {
    let scales = summary(by_type()).scales;
    assert_eq!(scales.len(), 1);
    let q2 = &scales[0];
    assert_eq!((q2.question.as_str(), q2.min, q2.max), ("q2", 1, 5));
    assert_eq!(q2.labels, ["Låg", "", "", "", "Hög"]);
    // Values 4 (i1), 2 (i2), 5 (i3), 4 (i5): mean 15 / 4 = 3.75; sorted 2 4 4 5, median 4.
    assert_eq!(q2.all.counts, [0, 1, 0, 2, 1]);
    assert_eq!(
        (q2.all.n, q2.all.mean, q2.all.median),
        (4, Some(3.75), Some(4.0))
    );
    let groups: Vec<&str> = q2.groups.iter().map(|g| g.group.label.as_str()).collect();
    assert_eq!(groups, ["kommun", "inkubator", "(uppgift saknas)"]);
    let of = |i: usize| {
        let d = &q2.groups[i].distribution;
        (d.counts.clone(), d.mean, d.median)
    };
    // kommun: i1 4 (r1), i2 2 (r2), i3 5 (r1): mean 11 / 3, median 4.
    assert_eq!(of(0), (vec![0, 1, 0, 1, 1], Some(11.0 / 3.0), Some(4.0)));
    // inkubator: i3 5 (r3), i5 4 (r3): mean 4.5, median between 4 and 5.
    assert_eq!(of(1), (vec![0, 0, 0, 1, 1], Some(4.5), Some(4.5)));
    // Without a type: r5 answered no scale question.
    assert_eq!(of(2), (vec![0, 0, 0, 0, 0], None, None));
}

#[test]
fn codes_per_question() {
    let qs = summary(Options::default()).questions;
    let of = |i: usize| -> (usize, Vec<(&str, usize, f64)>) {
        (
            qs[i].answered,
            qs[i]
                .codes
                .iter()
                .map(|c| (c.id.as_str(), c.answers, c.share))
                .collect(),
        )
    };
    // q1 is answered in all 5 interviews: needs in 5; advice in i1 i2 i3; funding in i1 (grants)
    // i3 i5 (grants); grants in i1 i5.
    assert_eq!(
        of(0),
        (
            5,
            vec![
                ("needs", 5, 1.0),
                ("advice", 3, 0.6),
                ("funding", 3, 0.6),
                ("grants", 2, 0.4)
            ]
        )
    );
    // q2 (scale): i1 i2 i3 i5 answered, nothing coded.
    assert_eq!(of(1), (4, vec![]));
    // q3: i1 and i4 answered (i2's is empty), both coded time.
    assert_eq!(of(2), (2, vec![("barriers", 2, 1.0), ("time", 2, 1.0)]));
}

#[test]
fn quotes_one_per_respondent_best_first() {
    let s = summary(Options::default());
    let of = |id: &str| -> Vec<(String, String, String)> {
        s.quotes
            .iter()
            .find(|q| q.id == id)
            .unwrap()
            .quotes
            .iter()
            .map(|q| (q.text.clone(), q.respondent.clone(), q.interview.clone()))
            .collect()
    };
    let q = |text: &str, who: &str, interview: &str| {
        (text.to_string(), who.to_string(), interview.to_string())
    };
    // advice candidates in order: i1 anna span (15 characters: score −135, r1), i1 erik whole
    // answer (48 bytes, in the 40–300 band: best, replaces r1's), i2 (25 bytes, −125, r2),
    // i3 (27 bytes, −123, but r1 already has a better one).
    assert_eq!(
        of("advice"),
        [
            q(
                "Vi behöver råd. Och pengar till investeringar.",
                "Västerås stad",
                "i1"
            ),
            q("Rådgivning om färdplan.", "Köpings kommun", "i2"),
        ]
    );
    // grants: i1's span "Och pengar till investeringar." (30 characters, −120), i5 (7 bytes, −143).
    assert_eq!(
        of("grants"),
        [
            q("Och pengar till investeringar.", "Västerås stad", "i1"),
            q("Bidrag.", "Inkubator Öst", "i5"),
        ]
    );
    // needs: r1's best is i1's whole answer; then i2 (−125), i4 (24 bytes, −126), i5 (−143):
    // three by default.
    let needs = of("needs");
    assert_eq!(needs.len(), 3);
    assert_eq!(
        needs[2],
        q("=SUM(A1) är inget svar.", "Åre Företagarna", "i4")
    );
    // funding: i1's grants span (−120, r1) beats i3's own coding (27 bytes, −123, also r1).
    assert_eq!(
        of("funding"),
        [
            q("Och pengar till investeringar.", "Västerås stad", "i1"),
            q("Bidrag.", "Inkubator Öst", "i5"),
        ]
    );
}

#[test]
fn pseudonyms_replace_names_everywhere() {
    let project = small_project();
    let s = summary(Options {
        pseudonyms: true,
        ..by_type()
    });
    let numbers = pseudonym_numbers(&project);
    let advice = &s.quotes.iter().find(|q| q.id == "advice").unwrap().quotes;
    assert_eq!(advice[0].respondent, format!("Organisation {}", numbers[0]));
    assert_eq!(advice[0].group.as_deref(), Some("kommun"));
    let json = serde_json::to_string(&s).unwrap();
    for r in &project.respondents {
        assert!(!json.contains(&r.name), "{} leaked", r.name);
    }
}

#[test]
fn filters() {
    let needs = |filter: Filter| {
        let s = summary(Options {
            filter,
            ..Options::default()
        });
        (
            s.coverage.interviews,
            s.coverage.interviewed,
            s.codes[0].counts,
            s.codes[0].share,
        )
    };
    // Coder erik: his 4 codings (i1 advice, i3 funding + advice, i5 grants); only the
    // interviews he coded count, so the share is of the 2 organisations in them.
    let erik = Filter {
        coders: ["erik".to_string()].into(),
        ..Filter::default()
    };
    assert_eq!(needs(erik), (3, 2, counts(2, 3, 3, 4), 1.0));
    // Complete only: i4 (r5's only interview) drops out; needs by r1 r2 r3 in 4 interviews.
    let complete = Filter {
        status: Some(Status::Complete),
        ..Filter::default()
    };
    assert_eq!(needs(complete), (4, 3, counts(3, 4, 4, 7), 1.0));
    // Kommun only: r1 r2; i3 counts for r1 alone; i4 and i5 drop out.
    let kommun = Filter {
        attributes: [("type".to_string(), ["kommun".to_string()].into())].into(),
        ..Filter::default()
    };
    assert_eq!(needs(kommun), (3, 2, counts(2, 3, 3, 6), 1.0));
    // 15 January to 15 February: i2, i3, i4.
    let period = Filter {
        from: Some(Date::constant(2026, 1, 15)),
        to: Some(Date::constant(2026, 2, 15)),
        ..Filter::default()
    };
    assert_eq!(needs(period), (3, 4, counts(4, 3, 3, 4), 1.0));
    // Respondents without a type: "" selects them.
    let untyped = Filter {
        attributes: [("type".to_string(), [String::new()].into())].into(),
        ..Filter::default()
    };
    assert_eq!(needs(untyped), (1, 1, counts(1, 1, 1, 1), 1.0));
}

#[test]
fn filters_naming_what_does_not_exist_are_refused() {
    let project = small_project();
    let refuse = |filter: Filter| {
        report::summarise(
            &project,
            &Options {
                filter,
                ..Options::default()
            },
        )
        .unwrap_err()
        .to_string()
    };
    let typo = Filter {
        attributes: [("typ".to_string(), ["kommun".to_string()].into())].into(),
        ..Filter::default()
    };
    assert_eq!(
        refuse(typo),
        "the project has no attribute 'typ'; use one of: type (Organisationstyp), municipality (Kommun)"
    );
    let coder = Filter {
        coders: ["sven".to_string()].into(),
        ..Filter::default()
    };
    assert_eq!(
        refuse(coder),
        "no coding in the project is by coder 'sven'; coders are: anna, erik"
    );
    let backwards = Filter {
        from: Some(Date::constant(2026, 3, 1)),
        to: Some(Date::constant(2026, 1, 1)),
        ..Filter::default()
    };
    assert!(refuse(backwards).contains("--from comes after --to"));
}

#[test]
fn drilling_into_a_cell_gives_the_passages_behind_its_number() {
    let project = small_project();
    let index = Index::new(&project);
    let names = Names::new(&project, false);
    let cell = Drill {
        code: "advice".into(),
        group: Some(("type".into(), "kommun".into())),
        question: None,
    };
    let found = passages(
        &project,
        &index,
        &project.interviews,
        &Filter::default(),
        &cell,
        &names,
    );
    let seen: Vec<(&str, &str, &str, &str)> = found
        .iter()
        .map(|p| {
            (
                p.interview.as_str(),
                p.coder.as_str(),
                p.attribution.as_str(),
                p.text.as_str(),
            )
        })
        .collect();
    // i3 is r1 with r3; only r1 is a kommun.
    assert_eq!(
        seen,
        [
            ("i1", "anna", "Västerås stad", "Vi behöver råd."),
            (
                "i1",
                "erik",
                "Västerås stad",
                "Vi behöver råd. Och pengar till investeringar."
            ),
            ("i2", "anna", "Köpings kommun", "Rådgivning om färdplan."),
            ("i3", "erik", "Västerås stad", "Finansiering är viktigast."),
        ]
    );
    // Its distinct respondents are the matrix cell: 2 kommuner.
    let mut who: Vec<usize> = found.iter().flat_map(|p| p.respondents.clone()).collect();
    who.sort();
    who.dedup();
    assert_eq!(who.len(), 2);
    // Parent codes take in their descendants' passages; a question narrows them.
    let funding_q1 = Drill {
        code: "funding".into(),
        group: None,
        question: Some("q1".into()),
    };
    let found = passages(
        &project,
        &index,
        &project.interviews,
        &Filter::default(),
        &funding_q1,
        &names,
    );
    let codes: Vec<&str> = found.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["grants", "funding", "grants"]);
    // A group interview is attributed to everyone at the table.
    assert_eq!(found[1].attribution, "Västerås stad, Inkubator Öst");
}

#[test]
fn a_passage_coded_twice_is_listed_once_with_both_coders() {
    let mut project = small_project();
    // i2's answer coded "advice" by anna: erik codes the same words too, with a memo.
    let answer = project.interviews[1]
        .answers
        .iter_mut()
        .find(|a| a.codings.iter().any(|c| c.code == "advice"))
        .unwrap();
    let mut twice = answer
        .codings
        .iter()
        .find(|c| c.code == "advice")
        .unwrap()
        .clone();
    twice.coder = "erik".into();
    twice.memo = "tydligt".into();
    answer.codings.push(twice);
    let index = Index::new(&project);
    let names = Names::new(&project, false);
    let cell = Drill {
        code: "advice".into(),
        group: None,
        question: None,
    };
    let found = passages(
        &project,
        &index,
        &project.interviews,
        &Filter::default(),
        &cell,
        &names,
    );
    let i2: Vec<(&str, &str)> = found
        .iter()
        .filter(|p| p.interview == "i2")
        .map(|p| (p.coder.as_str(), p.memo.as_str()))
        .collect();
    assert_eq!(i2, [("anna, erik", "tydligt")]);
}

#[test]
fn the_needs_table_alone_matches_the_summary() {
    let project = small_project();
    let tally = Tally::new(&project, &Index::new(&project), &Filter::default());
    assert_eq!(
        code_rows(&project, &tally, Lang::Sv),
        summary(Options::default()).codes
    );
}
