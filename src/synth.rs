//! Deterministic synthetic projects for benchmarks (`behov synth`).
//!
//! Answers are drawn from a Swedish vocabulary of the guide's and codebook's domain with a
//! Zipf-like word distribution, so index sizes, posting lists and snippets behave like real
//! text. The same seed always gives the same project, byte for byte.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

use crate::model::{
    Answer, AttributeDef, Coding, Consent, Guide, Interview, Localized, Mode, Project, Question,
    QuestionKind, Respondent, Span, Status,
};
use crate::store::defaults;

/// Answers per interview, as the benchmarks in the issues assume.
pub const QUESTIONS: usize = 25;

/// SplitMix64: tiny, fast, and stable forever (a crate's generator may change between
/// versions, and synthetic projects must stay identical for benchmark comparisons).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }

    pub fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }
}

/// Samples ranks with probability ∝ 1/rank^s.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("non-empty");
        let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|&c| c < x)
            .min(self.cumulative.len() - 1)
    }
}

/// Most frequent first: function words, then the domain's nouns, verbs and adjectives in
/// several inflected forms, as interview transcripts have them.
const VOCABULARY: &str = "och att det i som en på är för med vi de har till inte av om kan man ett så \
    behöver företagen också mer vill när eller från där vara hur vad finns blir alla många något ju \
    hållbar omställning företag stöd behov rådgivning kompetens finansiering färdplan nätverk \
    region kommunen främjare insatser konkreta experter energi produktion hållbarhet utveckling \
    tydlig tydligare styrning metodstöd utbildning incitament cirkulära affärsmodeller digitalisering \
    resurseffektiv småföretag industrin tillverkande mognad strategi vision kultur struktur \
    företagens behovet behoven färdplanen färdplaner färdplanerna nätverken nätverket experterna \
    rådgivare rådgivningen kompetensen finansieringen stödet insatsen hållbara hållbart \
    omställningen regionen kommuner kommunerna samverkan samarbete dialog forum mötesplatser \
    energiomställning elektrifiering förnybar solceller vätgas biogas fossilfri klimat utsläpp \
    koldioxid avfall återbruk återvinning material råvaror leverantörer kunder upphandling krav \
    lagar regler tillstånd målkonflikter tid pengar resurser brist saknas svårt enkelt möjligheter \
    affärsnytta lönsamhet konkurrenskraft export marknad investeringar bidrag lån riskkapital \
    projektmedel ansökan programmet projekt pilot test verktyg metoder mallar mätning uppföljning \
    handlingsplan mål delmål steg långsiktig kortsiktig tre år arbetar jobbar träffar möter \
    pratar frågar efterfrågar saknar tycker tror ser märker upplever kommer behövs fungerar \
    ledning styrelse medarbetare personal chefer ägare entreprenörer startups inkubatorn \
    science park lärosätet universitetet forskare studenter länsstyrelsen energikontoret \
    handelskammaren branschorganisationen näringslivskontoret Västerås Köping Sala Fagersta \
    Arboga Hallstahammar gjuteri verkstad livsmedel skog jordbruk logistik transporter handel \
    besöksnäring turism bygg fastigheter vatten el värme ånga effektivisering besparing kostnader \
    priser elpriset osäkerhet risk trygghet förtroende relationer kontakt personlig tillgänglig \
    snabbt långsamt ofta sällan alltid aldrig kanske egentligen faktiskt verkligen nog typ \
    bra dåligt stor liten små stora viktigt viktiga svåra enkla nya gamla goda konkret praktiskt";

const TOPICS: [(&str, &str); QUESTIONS] = [
    (
        "er organisation och era uppdrag",
        "your organisation and its mission",
    ),
    (
        "hållbar omställning i ert stöd i dag",
        "the sustainable transition in your support today",
    ),
    (
        "företagens behov av rådgivning",
        "companies' need for advice",
    ),
    (
        "konkreta insatser som fungerat",
        "concrete actions that have worked",
    ),
    (
        "varför företagen ska ställa om",
        "why companies should make the transition",
    ),
    (
        "behovet av en regional färdplan",
        "the need for a regional roadmap",
    ),
    (
        "er egen kompetensutveckling",
        "your own competence development",
    ),
    ("tillgången till experter", "access to experts"),
    (
        "utbildning för företag och främjare",
        "training for companies and support organisations",
    ),
    ("nätverk och dialogforum", "networks and dialogue forums"),
    ("metodstöd och verktyg", "method support and tools"),
    ("styrning och uppdrag", "governance and mandates"),
    ("finansiering av omställningen", "funding of the transition"),
    ("incitament för företagen", "incentives for companies"),
    (
        "hållbarhetssäkrade stödinsatser",
        "sustainability-proofed support schemes",
    ),
    ("resurseffektiv produktion", "resource-efficient production"),
    ("cirkulära affärsmodeller", "circular business models"),
    ("energiomställningen", "the energy transition"),
    ("digitaliseringen", "digitalisation"),
    ("målkonflikter", "goal conflicts"),
    ("lagar och regler", "laws and regulations"),
    ("brist på tid och pengar", "lack of time and money"),
    ("er organisations mognad", "your organisation's readiness"),
    ("samverkan i regionen", "collaboration in the region"),
    (
        "övrigt som ni vill lyfta",
        "anything else you want to raise",
    ),
];

const TYPES: [&str; 8] = [
    "näringslivskontor",
    "inkubator",
    "science park",
    "industriutvecklingscentrum",
    "handelskammare",
    "lärosäte",
    "energikontor",
    "branschorganisation",
];

const MUNICIPALITIES: [&str; 16] = [
    "Västerås",
    "Köping",
    "Sala",
    "Fagersta",
    "Arboga",
    "Hallstahammar",
    "Kungsör",
    "Norberg",
    "Surahammar",
    "Skinnskatteberg",
    "Eskilstuna",
    "Örebro",
    "Uppsala",
    "Enköping",
    "Karlskoga",
    "Lindesberg",
];

/// Builds projects for one seed; interviews are produced one at a time so a million answers
/// never need to be in memory at once.
pub struct Synth {
    rng: Rng,
    words: Vec<&'static str>,
    zipf: Zipf,
    codes: Vec<String>,
    code_zipf: Zipf,
}

impl Synth {
    pub fn new(seed: u64) -> Synth {
        let words: Vec<&str> = VOCABULARY.split_whitespace().collect();
        let codes: Vec<String> = defaults::codebook()
            .codes
            .iter()
            .filter(|c| c.parent.is_some())
            .map(|c| c.id.clone())
            .collect();
        Synth {
            rng: Rng::new(seed),
            zipf: Zipf::new(words.len(), 1.07),
            code_zipf: Zipf::new(codes.len(), 0.8),
            words,
            codes,
        }
    }

    /// The project without interviews: 25 questions, default codebook, `respondents` respondents.
    pub fn project(&mut self, respondents: usize) -> Project {
        let mut project = defaults::project("Syntetiskt projekt");
        project.guide = Guide {
            questions: TOPICS
                .iter()
                .enumerate()
                .map(|(i, (sv, en))| Question {
                    id: format!("q{:02}", i + 1),
                    text: Localized::new(
                        format!("Berätta om {sv}."),
                        format!("Tell us about {en}."),
                    ),
                    help: Localized::default(),
                    kind: QuestionKind::Open,
                })
                .collect(),
        };
        project
            .attributes
            .retain(|a: &AttributeDef| a.id == "type" || a.id == "municipality");
        project.respondents = (1..=respondents)
            .map(|n| {
                let kind = TYPES[self.rng.below(TYPES.len())];
                let place = MUNICIPALITIES[self.rng.below(MUNICIPALITIES.len())];
                Respondent {
                    id: format!("r{n:06}"),
                    name: format!("{} {place} {n}", capitalise(kind)),
                    attributes: [("municipality", place), ("type", kind)]
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                    people: Vec::new(),
                }
            })
            .collect();
        project
    }

    /// Interview number `n` (1-based) with one of `respondents` respondents.
    pub fn interview(&mut self, n: usize, respondents: usize) -> Interview {
        let start = Date::constant(2026, 1, 12);
        let date = start
            .checked_add((self.rng.below(120) as i64).days())
            .unwrap_or(start);
        let created = date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .checked_add(((9 * 3600 + self.rng.below(8 * 3600)) as i64).seconds())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let answers = (1..=QUESTIONS).map(|q| self.answer(q, created)).collect();
        Interview {
            id: format!("i{n:06}"),
            respondents: vec![format!("r{:06}", (n - 1) % respondents.max(1) + 1)],
            interviewer: ["Maria Lind", "Johan Ek", "Sara Nyberg"][self.rng.below(3)].to_string(),
            date,
            mode: Mode::ALL[self.rng.below(Mode::ALL.len())],
            consent: Consent {
                given: true,
                date: Some(date),
                note: String::new(),
                ..Consent::default()
            },
            status: if self.rng.below(20) == 0 {
                Status::Draft
            } else {
                Status::Complete
            },
            answers,
            notes: String::new(),
            notes_codings: Vec::new(),
            source: None,
            round: None,
            participants: Vec::new(),
            created,
            modified: created,
        }
    }

    fn answer(&mut self, question: usize, created: Timestamp) -> Answer {
        let target = self.rng.range(30, 150);
        let mut text = String::with_capacity(target * 8);
        let mut words = 0;
        while words < target {
            let sentence = self.rng.range(6, 18).min(target - words).max(1);
            for i in 0..sentence {
                let word = self.words[self.zipf.sample(&mut self.rng)];
                if i == 0 {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&capitalise(word));
                } else {
                    text.push(' ');
                    text.push_str(word);
                }
            }
            text.push('.');
            words += sentence;
        }
        let chars = text.chars().count();
        let codings = (0..self.rng.range(1, 3))
            .map(|_| {
                let code = self.codes[self.code_zipf.sample(&mut self.rng)].clone();
                let span = (self.rng.below(2) == 0).then(|| {
                    let start = self.rng.below(chars / 2);
                    Span {
                        start,
                        end: (start + self.rng.range(20, 120)).min(chars),
                    }
                });
                Coding {
                    code,
                    span,
                    coder: "synth".to_string(),
                    memo: String::new(),
                    created,
                }
            })
            .collect();
        Answer {
            question: format!("q{question:02}"),
            text,
            scale: None,
            choices: Vec::new(),
            codings,
            time: None,
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn same_seed_same_project() {
        let a = Synth::new(7).interview(1, 10);
        let b = Synth::new(7).interview(1, 10);
        assert_eq!(a, b);
        assert_ne!(a, Synth::new(8).interview(1, 10));
    }

    #[test]
    fn synthetic_projects_are_valid_and_shaped_as_promised() {
        let mut synth = Synth::new(1);
        let mut project = synth.project(5);
        project.interviews = (1..=20).map(|n| synth.interview(n, 5)).collect();
        assert_eq!(validate(&project), vec![]);
        let answers: Vec<&Answer> = project.interviews.iter().flat_map(|i| &i.answers).collect();
        assert_eq!(answers.len(), 20 * QUESTIONS);
        for answer in &answers {
            let words = answer.text.split_whitespace().count();
            assert!((30..=150).contains(&words), "{words} words");
        }
        let codings: usize = answers.iter().map(|a| a.codings.len()).sum();
        let mean = codings as f64 / answers.len() as f64;
        assert!(
            (1.7..=2.3).contains(&mean),
            "mean codings per answer {mean}"
        );
    }

    #[test]
    fn word_frequencies_fall_off_like_zipf() {
        let mut synth = Synth::new(3);
        let text: String = (0..200)
            .map(|_| synth.answer(1, Timestamp::UNIX_EPOCH).text + " ")
            .collect();
        let count = |w: &str| {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|t| t.eq_ignore_ascii_case(w))
                .count()
        };
        // "och" is rank 1, "att" rank 2, "hållbar" around rank 40.
        assert!(count("och") > count("att"));
        assert!(count("att") > 5 * count("hållbar"));
        assert!(count("hållbar") > 0);
    }
}
