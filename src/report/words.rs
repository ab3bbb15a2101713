//! Every word the report prints, in Swedish and English, and how numbers read in each.

use super::coverage::Coverage;
use crate::model::Lang;

/// Declares one function per word, giving it in a language (also used by other report
/// modules for words of their own).
macro_rules! words {
    ($($name:ident: $sv:literal, $en:literal;)*) => {
        $(
            pub fn $name(lang: Lang) -> &'static str {
                match lang {
                    Lang::Sv => $sv,
                    Lang::En => $en,
                }
            }
        )*
    };
}
pub(crate) use words;

words! {
    not_given: "(uppgift saknas)", "(not given)";
    outside_guide: "utanför guiden", "outside the guide";
    all: "Alla", "All";
    share: "andel", "share";
    overview: "Översikt", "Overview";
    measure: "Mått", "Measure";
    value: "Värde", "Value";
    respondents_in_project: "Organisationer i projektet", "Organisations in the project";
    interviewed: "Intervjuade organisationer", "Organisations interviewed";
    interviews: "Intervjuer", "Interviews";
    of_which_complete: "varav färdiga", "of which complete";
    of_which_drafts: "varav utkast", "of which drafts";
    participations: "Deltaganden (organisationer per intervju, summerat)", "Participations (organisations per interview, summed)";
    contact_people: "Registrerade kontaktpersoner (oavsett deltagande)", "Registered contact people (whether they took part or not)";
    // Participants (issue 15): the people who took part, not the registered contact people.
    unique_participants: "Unika deltagare", "Unique participants";
    participant_organisations: "Organisationer de kom från", "Organisations they came from";
    participant_times: "Deltaganden (person per intervju)", "Participations (person per interview)";
    participant_roles: "Deltagare per roll", "Participants by role";
    women: "kvinnor", "women";
    men: "män", "men";
    other_gender: "annat kön", "other gender";
    gender_not_recorded: "kön ej angivet", "gender not recorded";
    answers: "Svar", "Answers";
    coded_answers: "Kodade svar", "Coded answers";
    codings: "Kodningar", "Codings";
    coders: "Kodare", "Coders";
    first_interview: "Första intervju", "First interview";
    last_interview: "Senaste intervju", "Last interview";
    codes_title: "Behov och teman", "Needs and themes";
    code: "Kod", "Code";
    organisations: "Organisationer", "Organisations";
    share_of_organisations: "Andel av intervjuade organisationer", "Share of organisations interviewed";
    passages: "Passager", "Passages";
    codes_note: "Andel av de intervjuade organisationerna. En kodning av en underkod räknas också för dess överkoder.", "Share of the organisations interviewed. A coding of a child code also counts for its parents.";
    by: "Per", "By";
    groups_note: "Antal organisationer som uttryckt behovet, och deras andel av organisationerna i gruppen (n).", "Organisations that expressed the need, and their share of the organisations in the group (n).";
    cooccurrence_title: "Samförekomst", "Co-occurrence";
    code_a: "Kod A", "Code A";
    code_b: "Kod B", "Code B";
    same_answer: "Samma svar", "Same answer";
    same_interview: "Samma intervju", "Same interview";
    cooccurrence_note: "Par av koder som förekommer i samma svar eller samma intervju, som de tillämpats (utan överkoder).", "Pairs of codes found in the same answer or the same interview, as applied (without parent codes).";
    scales_title: "Skalfrågor", "Scale questions";
    question: "Fråga", "Question";
    group: "Grupp", "Group";
    mean: "Medelvärde", "Mean";
    median: "Median", "Median";
    scales_note: "Antal svar per skalsteg.", "Answers per scale value.";
    questions_title: "Behov per fråga", "Codes by question";
    share_of_answers: "Andel av frågans svar", "Share of the question's answers";
    quotes_title: "Citat", "Quotes";
    quote: "Citat", "Quote";
    organisation: "Organisation", "Organisation";
    interview: "Intervju", "Interview";
    quotes_note: "Kodade passager i hela meningar, högst en per organisation och kod.", "Coded passages as whole sentences, at most one per organisation and code.";
    summary_title: "Behovssammanställning", "Needs summary";
    filter: "Urval", "Selection";
    from: "från", "from";
    to: "till", "to";
    more_rows: "rader till finns i CSV, XLSX och JSON", "more rows are in CSV, XLSX and JSON";
}

/// "1 organisation" / "3 organisations".
fn count(n: usize, lang: Lang, one: &str, many: &str) -> String {
    let number = super::format::count(n, lang);
    format!("{number} {}", if n == 1 { one } else { many })
}

/// The coverage as one or two sentences for the top of a report.
pub fn coverage_sentence(c: &Coverage, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let orgs = if sv {
        count(c.interviewed, lang, "organisation", "organisationer")
    } else {
        count(c.interviewed, lang, "organisation", "organisations")
    };
    let interviews = if sv {
        count(c.interviews, lang, "intervju", "intervjuer")
    } else {
        count(c.interviews, lang, "interview", "interviews")
    };
    let mut s = if sv {
        format!("{orgs} deltog i {interviews}")
    } else {
        format!("{orgs} took part in {interviews}")
    };
    if c.drafts > 0 {
        s += &if sv {
            format!(" (varav {} utkast)", c.drafts)
        } else {
            format!(
                " ({} of them {})",
                c.drafts,
                if c.drafts == 1 { "a draft" } else { "drafts" }
            )
        };
    }
    s += &if sv {
        format!(
            ", sammanlagt {}.",
            count(c.participations, lang, "deltagande", "deltaganden")
        )
    } else {
        format!(
            ", {} in all.",
            count(c.participations, lang, "participation", "participations")
        )
    };
    if c.people > 0 {
        let g = &c.genders;
        let (woman, women, man, men, other, unknown) = if sv {
            (
                "kvinna",
                "kvinnor",
                "man",
                "män",
                "annat kön",
                "utan angivet kön",
            )
        } else {
            (
                "woman",
                "women",
                "man",
                "men",
                "other gender",
                "gender not recorded",
            )
        };
        let parts: Vec<String> = [
            (g.women, count(g.women, lang, woman, women)),
            (g.men, count(g.men, lang, man, men)),
            (g.other, format!("{} {other}", g.other)),
            (g.not_recorded, format!("{} {unknown}", g.not_recorded)),
        ]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(_, text)| text)
        .collect();
        let people = if sv {
            count(
                c.people,
                lang,
                "registrerad kontaktperson",
                "registrerade kontaktpersoner",
            )
        } else {
            count(
                c.people,
                lang,
                "registered contact person",
                "registered contact people",
            )
        };
        s += &format!(" {people}: {}.", parts.join(", "));
    }
    if let Some(p) = &c.participants {
        s += " ";
        s += &p.sentence(lang);
    }
    s
}
