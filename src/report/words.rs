//! Every word the report prints, in Swedish and English, and how numbers read in each.

use super::coverage::Coverage;
use crate::model::Lang;

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
    contact_people: "Kontaktpersoner", "Contact people";
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
    respondents: "Respondenter", "Respondents";
    share_of_respondents: "Andel av respondenterna", "Share of respondents";
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
    respondent: "Respondent", "Respondent";
    interview: "Intervju", "Interview";
    quotes_note: "Kodade passager i hela meningar, högst en per organisation och kod.", "Coded passages as whole sentences, at most one per organisation and code.";
    summary_title: "Behovssammanställning", "Needs summary";
    filter: "Urval", "Selection";
    status_complete: "färdiga intervjuer", "complete interviews";
    status_draft: "utkast", "drafts";
    from: "från", "from";
    to: "till", "to";
    more_rows: "rader till finns i CSV, XLSX och JSON", "more rows are in CSV, XLSX and JSON";
}

/// A share as a whole percentage: "83 %" in Swedish, "83%" in English.
pub fn percent(share: f64, lang: Lang) -> String {
    let p = (share * 100.0).round();
    match lang {
        Lang::Sv => format!("{p:.0} %"),
        Lang::En => format!("{p:.0}%"),
    }
}

/// A decimal with one digit after the decimal comma (Swedish) or point (English).
pub fn decimal(x: f64, lang: Lang) -> String {
    // Rounded half away from zero first: format! alone rounds 2.25 to "2.2".
    let s = format!("{:.1}", (x * 10.0).round() / 10.0);
    match lang {
        Lang::Sv => s.replace('.', ","),
        Lang::En => s,
    }
}

/// "1 organisation" / "3 organisations".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The coverage as one or two sentences for the top of a report.
pub fn coverage_sentence(c: &Coverage, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let orgs = if sv {
        count(c.interviewed, "organisation", "organisationer")
    } else {
        count(c.interviewed, "organisation", "organisations")
    };
    let interviews = if sv {
        count(c.interviews, "intervju", "intervjuer")
    } else {
        count(c.interviews, "interview", "interviews")
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
            count(c.participations, "deltagande", "deltaganden")
        )
    } else {
        format!(
            ", {} in all.",
            count(c.participations, "participation", "participations")
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
            (g.women, count(g.women, woman, women)),
            (g.men, count(g.men, man, men)),
            (g.other, format!("{} {other}", g.other)),
            (g.not_recorded, format!("{} {unknown}", g.not_recorded)),
        ]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(_, text)| text)
        .collect();
        let people = if sv {
            count(c.people, "kontaktperson", "kontaktpersoner")
        } else {
            count(c.people, "contact person", "contact people")
        };
        s += &format!(" {people}: {}.", parts.join(", "));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_each_language_writes_them() {
        assert_eq!(percent(2.0 / 3.0, Lang::Sv), "67 %");
        assert_eq!(percent(0.125, Lang::En), "13%");
        assert_eq!(percent(0.0, Lang::En), "0%");
        assert_eq!(decimal(2.25, Lang::Sv), "2,3");
        assert_eq!(decimal(3.0, Lang::En), "3.0");
    }
}
