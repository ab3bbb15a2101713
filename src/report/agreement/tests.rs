//! Agreement on whole projects: a tiny one computed by hand, bad input, and the demo.

use jiff::Timestamp;

use super::*;
use crate::model::{Answer, Coding, Consent, Interview, Mode, Span, Status};

fn close(figure: Figure, expected: f64) {
    let x = figure
        .value()
        .unwrap_or_else(|| panic!("{figure:?} has no value"));
    assert!((x - expected).abs() < 1e-6, "{x} is not {expected}");
}

fn coding(code: &str, coder: &str, span: Option<(usize, usize)>) -> Coding {
    Coding {
        code: code.into(),
        span: span.map(|(start, end)| Span { start, end }),
        coder: coder.into(),
        memo: String::new(),
        created: Timestamp::UNIX_EPOCH,
    }
}

/// One interview, answers of ten characters each, with the codings given per answer.
fn project(answers: Vec<Vec<Coding>>) -> Project {
    let mut project = demo();
    project.interviews = vec![Interview {
        id: "t1".into(),
        respondents: vec![],
        interviewer: "x".into(),
        date: "2026-01-01".parse().unwrap(),
        mode: Mode::Video,
        consent: Consent::default(),
        status: Status::Complete,
        answers: answers
            .into_iter()
            .enumerate()
            .map(|(i, codings)| Answer {
                codings,
                text: "0123456789".into(),
                ..Answer::new(&format!("q{:02}", i + 1))
            })
            .collect(),
        notes: String::new(),
        notes_codings: vec![],
        source: None,
        round: None,
        participants: vec![],
        created: Timestamp::UNIX_EPOCH,
        modified: Timestamp::UNIX_EPOCH,
    }];
    project
}

/// The demo project, read from the files embedded in the binary (no disk involved).
fn demo() -> Project {
    use crate::store::demo::FILES;
    let file = |name: &str| FILES.iter().find(|(n, _)| *n == name).unwrap().1;
    let mut project: Project = serde_json::from_str(file("project.json")).unwrap();
    project.codebook = serde_json::from_str(file("codebook.json")).unwrap();
    project.interviews = FILES
        .iter()
        .filter(|(n, _)| n.starts_with("interviews/"))
        .map(|(_, text)| serde_json::from_str(text).unwrap())
        .collect();
    project
}

fn run(project: &Project, options: &Options) -> Agreement {
    agreement(project, options).unwrap()
}

#[test]
fn identical_coding_agrees_fully() {
    let same = |code: &str, span| vec![coding(code, "a", span), coding(code, "b", span)];
    let p = project(vec![
        same("advice", Some((2, 6))),
        same("funding", None),
        [same("advice", None), same("roadmap", Some((0, 3)))].concat(),
    ]);
    let a = run(&p, &Options::default());
    assert_eq!(a.coders, vec!["a", "b"]);
    assert_eq!(a.codes.len(), 3);
    for f in a.codes.iter().map(|c| &c.figures).chain([&a.overall]) {
        assert_eq!(f.percent_characters, Figure::Value(1.0));
        assert_eq!(f.kappa_characters, Figure::Value(1.0));
        assert_eq!(f.kappa_answers, Figure::Value(1.0));
        assert_eq!(f.alpha_answers, Figure::Value(1.0));
        close(f.unitizing_alpha, 1.0);
    }
    assert!(a.disagreements.is_empty());
    assert_eq!((a.overall.answers, a.overall.characters), (3, 30));
}

/// Disjoint coding: a codes characters 0–5 of each answer with "advice", b characters 5–10.
/// Characters: both 0, a only 15, b only 15, neither 0 → p_o = 0, p_e = .5·.5 + .5·.5 = .5,
/// κ = (0 − .5) / .5 = −1. Answers: every answer has the code from both → no variation.
#[test]
fn disjoint_coding_is_at_most_zero() {
    let p = project(
        (0..3)
            .map(|_| {
                vec![
                    coding("advice", "a", Some((0, 5))),
                    coding("advice", "b", Some((5, 10))),
                ]
            })
            .collect(),
    );
    let a = run(&p, &Options::default());
    let f = &a.codes[0].figures;
    assert_eq!(f.percent_characters, Figure::Value(0.0));
    close(f.kappa_characters, -1.0);
    assert!(f.unitizing_alpha.value().unwrap() <= 0.0);
    assert_eq!(f.kappa_answers, Figure::Undefined(Why::NoVariation));
    assert_eq!(f.alpha_answers, Figure::Undefined(Why::NoVariation));
    assert_eq!(a.disagreements.len(), 3);
    assert_eq!(a.disagreements[0].kind, DisagreementKind::Passage);
    assert_eq!(a.disagreements[0].characters, 10);
    assert_eq!(a.disagreements[0].passages[0].text, "01234");
    // A coder's codes on an answer the other never coded are not compared.
    let mut p = p;
    p.interviews[0].answers[0]
        .codings
        .retain(|c| c.coder == "a");
    assert_eq!(run(&p, &Options::default()).overall.answers, 2);
}

#[test]
fn bad_input_is_a_sentence_never_nan() {
    let one = project(vec![vec![coding("advice", "a", None)]]);
    let problem = agreement(&one, &Options::default()).unwrap_err();
    assert_eq!(problem, Problem::OneCoder(vec!["a".into()]));
    assert!(problem_sentence(&problem, Lang::En).contains("at least two coders"));
    assert!(problem_sentence(&problem, Lang::Sv).contains("minst två kodare"));

    let apart = project(vec![
        vec![coding("advice", "a", None)],
        vec![coding("advice", "b", None)],
    ]);
    assert_eq!(
        agreement(&apart, &Options::default()).unwrap_err(),
        Problem::NoOverlap(vec!["a".into(), "b".into()])
    );

    let both = project(vec![vec![
        coding("advice", "a", None),
        coding("advice", "b", None),
    ]]);
    let unknown = Options {
        coders: vec!["a".into(), "nobody".into()],
        ..Options::default()
    };
    assert!(matches!(
        agreement(&both, &unknown),
        Err(Problem::UnknownCoder(name, _)) if name == "nobody"
    ));
    let no_code = Options {
        code: Some("no_such_code".into()),
        ..Options::default()
    };
    assert_eq!(
        agreement(&both, &no_code).unwrap_err(),
        Problem::UnknownCode("no_such_code".into())
    );

    // A code of the codebook nobody used: every figure says so.
    let unused = Options {
        code: Some("funding".into()),
        ..Options::default()
    };
    let a = run(&both, &unused);
    assert!(!a.codes[0].used);
    assert_eq!(
        a.codes[0].figures.kappa_characters,
        Figure::Undefined(Why::NotUsed)
    );
    assert_eq!(a.overall.unitizing_alpha, Figure::Undefined(Why::NotUsed));

    // Zero variance: both coded every character of every answer.
    let a = run(&both, &Options::default());
    assert_eq!(a.overall.percent_characters, Figure::Value(1.0));
    assert_eq!(
        a.overall.kappa_characters,
        Figure::Undefined(Why::NoVariation)
    );
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
    assert!(method_sentence(&a, Lang::En).contains("no variation"));
}

#[test]
fn three_coders_get_alpha_with_missing_values_and_no_kappa() {
    let p = project(vec![
        vec![
            coding("advice", "a", None),
            coding("advice", "b", None),
            coding("advice", "c", None),
        ],
        vec![coding("advice", "a", None), coding("funding", "b", None)],
        vec![coding("funding", "a", None), coding("funding", "c", None)],
    ]);
    let a = run(&p, &Options::default());
    assert_eq!(a.coders.len(), 3);
    assert_eq!(
        a.overall.kappa_characters,
        Figure::Undefined(Why::TwoCodersOnly)
    );
    // advice: units (a, b, c) = (1, 1, 1), (1, 0, –), (0, –, 0). Coincidences: unit 1 has
    // 6 ordered pairs of weight 1/(3 − 1): o11 = 3; unit 2: o10 = o01 = 1; unit 3: o00 = 2.
    // n1 = 4, n0 = 3, n = 7; α = 1 − (n − 1)·o01 / (n1·n0) = 1 − 6/12 = 1/2.
    close(a.codes[0].figures.alpha_answers, 0.5);
    assert!(method_sentence(&a, Lang::Sv).contains("tre personer"));
}

/// The demo: johan and maria both coded 14 answers of five interviews (i002, i007, i010,
/// i015, i019; q03, q12 and q09 or q04 in each, q03 + q12 only in i002), 5,502 characters:
/// i002 548 + 238, i007 469 + 513 + 311, i010 512 + 406 + 269, i015 507 + 388 + 286,
/// i019 440 + 360 + 255. (johan also coded i010 q02, which maria did not: not compared.)
#[test]
fn demo_figures_match_a_hand_computation() {
    let project = demo();
    let a = run(&project, &Options::default());
    assert_eq!(a.coders, vec!["johan", "maria"]);
    assert_eq!(a.interviews, 5);
    assert_eq!((a.overall.answers, a.overall.characters), (14, 5502));
    // 18 codes are used by someone in those answers.
    assert_eq!(a.codes.len(), 18);
    let code = |id: &str| &a.codes.iter().find(|c| c.code == id).unwrap().figures;

    // advice, answers: johan coded it in i002, i010, i015 q03 (whole answers); maria in
    // i002, i007, i010, i015, i019 q03. Both 3, maria only 2, neither 9 of 14.
    // p_o = 12/14; p_e = (3/14)(5/14) + (11/14)(9/14) = (15 + 99)/196 = 114/196;
    // κ = (168 − 114)/(196 − 114) = 54/82.
    close(code("advice").kappa_answers, 54.0 / 82.0);
    // advice, characters: johan 548 + 512 + 507 = 1,567; maria 77 + 85 + 100 + 96 + 77 =
    // 435, of which 77 + 100 + 96 = 273 inside johan's answers. Both 273, johan only 1,294,
    // maria only 162, neither 5,502 − 1,567 − 162 = 3,773. p_o = 4,046/5,502;
    // p_e = (1,567·435 + 3,935·5,067)/5,502² = (681,645 + 19,938,645)/30,272,004.
    let po = 4046.0 / 5502.0;
    let pe = (681_645.0 + 19_938_645.0) / 30_272_004.0;
    close(code("advice").percent_characters, po);
    close(code("advice").kappa_characters, (po - pe) / (1.0 - pe));
    // clarity: both coded i002 q12 whole: identical.
    assert_eq!(code("clarity").kappa_characters, Figure::Value(1.0));
    // regulation: only johan, i019 q04 [210, 259) (l = 49). On the continuum the answer
    // starts at 4,887 (the 11 answers before it and i019 q03), so the section is
    // [5,097, 5,146); johan's gaps 5,097 and 356, maria's one gap 5,502.
    // uD_o = (49² + 49²) / (2 · 5,502²) (the section lies in maria's gap, both orders);
    // uD_e = (2/5,502) · 49² · ((5,097 − 48) + (356 − 48) + (5,502 − 48))
    //        / (11,004 · 11,003 − 49 · 48)   (N_c − 1 = 0: no section-to-section term).
    let observed = 4802.0 / (2.0 * 5502.0 * 5502.0);
    let expected = 2.0 / 5502.0 * 2401.0 * 10_811.0 / (11_004.0 * 11_003.0 - 2352.0);
    close(
        code("regulation").unitizing_alpha,
        1.0 - observed / expected,
    );

    // Every code pooled, answers: johan put 19 (code, answer) pairs on the 14 answers, maria
    // 26; 9 agree (advice ×3, clarity, culture, governance, incentives, concrete_actions in
    // i002 q03, roadmap in i007 q03). Over 18 codes × 14 answers = 252 decisions: both 9,
    // johan only 10, maria only 17, neither 216.
    // p_o = 225/252; p_e = (19·26 + 233·226)/252² = 53,152/63,504.
    let po = 225.0 / 252.0;
    let pe = 53_152.0 / 63_504.0;
    close(a.overall.percent_answers, po);
    close(a.overall.kappa_answers, (po - pe) / (1.0 - pe));
    // α, two coders, no missing values: o01 = o10 = 10 + 17 = 27, o11 = 2·9 = 18,
    // o00 = 2·216 = 432; n1 = 45, n0 = 459, n = 504; α = 1 − 503·27 / (459·45).
    close(a.overall.alpha_answers, 1.0 - 503.0 * 27.0 / (459.0 * 45.0));

    let sv = method_sentence(&a, Lang::Sv);
    assert!(
        sv.starts_with("κ = 0,28 över 5 intervjuer kodade av två personer"),
        "{sv}"
    );
    let en = method_sentence(&a, Lang::En);
    assert!(
        en.starts_with("κ = 0.28 over 5 interviews coded by two people"),
        "{en}"
    );
    // Disagreements: the 10 + 17 (code, answer) pairs only one coder has, and 6 where both
    // used the code on different passages (advice in i002, i010, i015 q03 and culture,
    // governance: johan the whole answer, maria a passage; concrete_actions in i002 q03).
    assert_eq!(a.disagreements.len(), 33);
    let passages = a
        .disagreements
        .iter()
        .filter(|d| d.kind == DisagreementKind::Passage)
        .count();
    assert_eq!(passages, 6);
}
