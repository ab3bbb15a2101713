//! Sentences: the one for a report's method section, and the one that says why there is no
//! figure at all.

use super::{Agreement, Figure, Level, Problem};
use crate::model::Lang;
use crate::report::format;

/// "κ = 0,81 över 5 intervjuer kodade av två personer (…)": the overall figure with its n,
/// ready for the method section.
pub fn method_sentence(a: &Agreement, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let two = a.coders.len() == 2;
    let people = people(a.coders.len(), lang);
    let interviews = match (a.interviews, sv) {
        (1, true) => "1 intervju".to_string(),
        (n, true) => format!("{n} intervjuer"),
        (1, false) => "1 interview".to_string(),
        (n, false) => format!("{n} interviews"),
    };
    let o = &a.overall;
    let alpha = match o.alpha_answers {
        Figure::Value(x) => format!("α = {}", format::coefficient(x, lang)),
        Figure::Undefined(why) => format!("α: {}", why.sentence(lang)),
    };
    let used = a.codes.iter().filter(|c| c.used).count();
    let codes = match lang {
        Lang::Sv => crate::words::plural(used, "kod", "koder"),
        Lang::En => crate::words::plural(used, "code", "codes"),
    };
    let (head, how) = if two {
        let level = match (a.level, sv) {
            (Level::Character, true) => "Cohens κ på teckennivå",
            (Level::Answer, true) => "Cohens κ på svarsnivå",
            (Level::Character, false) => "Cohen's κ at character level",
            (Level::Answer, false) => "Cohen's κ at answer level",
        };
        let head = match o.kappa(a.level) {
            Figure::Value(x) => format!("κ = {}", format::coefficient(x, lang)),
            Figure::Undefined(why) => format!("κ: {}", why.sentence(lang)),
        };
        (head, level)
    } else {
        (
            alpha.clone(),
            if sv {
                "Krippendorffs α på svarsnivå"
            } else {
                "Krippendorff's α at answer level"
            },
        )
    };
    let extra = if two {
        if sv {
            format!("; Krippendorffs {alpha} på svarsnivå")
        } else {
            format!("; Krippendorff's {alpha} at answer level")
        }
    } else {
        String::new()
    };
    let answers = format::count(o.answers, lang);
    let chars = format::count(o.characters, lang);
    if sv {
        format!(
            "{head} över {interviews} kodade av {people} ({answers} svar, {chars} tecken, {codes}; {how}{extra})."
        )
    } else {
        format!(
            "{head} over {interviews} coded by {people} ({answers} answers, {chars} characters, {codes}; {how}{extra})."
        )
    }
}

fn people(n: usize, lang: Lang) -> String {
    const SV: [&str; 9] = [
        "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
    ];
    const EN: [&str; 9] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let word = n.checked_sub(2).and_then(|i| match lang {
        Lang::Sv => SV.get(i),
        Lang::En => EN.get(i),
    });
    match (word, lang) {
        (Some(w), Lang::Sv) => format!("{w} personer"),
        (Some(w), Lang::En) => format!("{w} people"),
        (None, Lang::Sv) => format!("{n} personer"),
        (None, Lang::En) => format!("{n} people"),
    }
}

/// Why no agreement can be computed, as a sentence the user can act on.
pub fn problem_sentence(problem: &Problem, lang: Lang) -> String {
    let list = |names: &[String]| {
        if names.is_empty() {
            match lang {
                Lang::Sv => "ingen".to_string(),
                Lang::En => "nobody".to_string(),
            }
        } else {
            names.join(", ")
        }
    };
    match (problem, lang) {
        (Problem::OneCoder(names), Lang::Sv) => format!(
            "Överensstämmelse jämför minst två kodare, och här finns bara {}. Välj två med --coders A,B, eller låt en kollega koda samma intervjuer (eller sammanfoga hennes kopia).",
            list(names)
        ),
        (Problem::OneCoder(names), Lang::En) => format!(
            "Agreement compares at least two coders, and there is only {}. Choose two with --coders A,B, or have a colleague code the same interviews (or merge their copy).",
            list(names)
        ),
        (Problem::UnknownCoder(name, known), Lang::Sv) => format!(
            "Ingen kodare heter «{name}» i projektet; kodarna är: {}.",
            list(known)
        ),
        (Problem::UnknownCoder(name, known), Lang::En) => format!(
            "No coder is called \"{name}\" in the project; the coders are: {}.",
            list(known)
        ),
        (Problem::UnknownCode(code), Lang::Sv) => format!(
            "Koden «{code}» finns inte i kodboken och ingen har kodat med den; se koderna med behov summary."
        ),
        (Problem::UnknownCode(code), Lang::En) => format!(
            "The code \"{code}\" is not in the codebook and nobody coded with it; see the codes with behov summary."
        ),
        (Problem::NoOverlap(names), Lang::Sv) => format!(
            "{} har inte kodat något av samma svar, så det finns inget att jämföra. Låt dem koda några gemensamma intervjuer.",
            list(names)
        ),
        (Problem::NoOverlap(names), Lang::En) => format!(
            "{} have not coded any of the same answers, so there is nothing to compare. Have them code some interviews in common.",
            list(names)
        ),
    }
}
