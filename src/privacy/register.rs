//! What personal data a project holds, for the organisation's register of processing (GDPR
//! art. 30): how many people and organisations, which fields, in which files, the findings in
//! the texts by kind, consent, and the retention date.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::settings::Settings;
use super::{Hit, Key, Kind, scan};
use crate::model::Project;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Register {
    pub title: String,
    pub organisations: usize,
    /// Contact people of the organisations.
    pub contact_people: usize,
    /// Which contact-person fields are filled in, and for how many people.
    pub contact_fields: BTreeMap<String, usize>,
    pub interviewers: usize,
    pub coders: usize,
    pub interviews: usize,
    pub consent_given: usize,
    pub consent_not_recorded: usize,
    /// Interviews whose consent says quotes may not be attributed.
    pub quotes_not_attributable: usize,
    /// Interviews imported from a transcript file (its name is kept).
    pub imported: usize,
    /// Findings in the texts, by kind (`privacy scan` lists them).
    pub findings: BTreeMap<Kind, usize>,
    /// Interviews with at least one finding.
    pub interviews_with_findings: usize,
    pub retention: Option<Date>,
    pub retention_passed: bool,
    pub purpose: String,
    pub legal_basis: String,
    pub controller: String,
    /// Names on the project's pseudonym list and words marked "not personal data".
    pub pseudonym_list: usize,
    pub marked_not_personal: usize,
    /// Where the data lives, file by file.
    pub locations: Vec<(String, String)>,
}

pub fn register(project: &Project, key: &Key, settings: &Settings, today: Date) -> Register {
    let hits: Vec<Hit> = scan(project, key);
    let mut findings = BTreeMap::new();
    for h in &hits {
        *findings.entry(h.kind).or_insert(0) += 1;
    }
    let mut with: Vec<&str> = hits.iter().map(|h| h.interview.as_str()).collect();
    with.dedup();
    let people: Vec<&crate::model::Person> =
        project.respondents.iter().flat_map(|r| &r.people).collect();
    let mut contact_fields = BTreeMap::new();
    for (field, count) in [
        ("name", people.iter().filter(|p| !p.name.is_empty()).count()),
        ("role", people.iter().filter(|p| !p.role.is_empty()).count()),
        (
            "email",
            people.iter().filter(|p| !p.email.is_empty()).count(),
        ),
        (
            "phone",
            people.iter().filter(|p| !p.phone.is_empty()).count(),
        ),
        (
            "gender",
            people.iter().filter(|p| p.gender.is_some()).count(),
        ),
    ] {
        contact_fields.insert(field.to_string(), count);
    }
    let mut interviewers: Vec<&str> = project
        .interviews
        .iter()
        .map(|i| i.interviewer.trim())
        .filter(|i| !i.is_empty())
        .collect();
    interviewers.sort();
    interviewers.dedup();
    let coders = crate::model::coding_ops::coders(project).len();
    let locations = vec![
        (
            "project.json".into(),
            "organisations and their contact people (name, role, e-mail, phone, gender)".into(),
        ),
        (
            "interviews/*.json".into(),
            "answers and notes (may name people), interviewer, participants (name, role, gender), coders, consent, transcript file name".into(),
        ),
        (
            ".behov/journal".into(),
            "text typed since the last save (emptied when saved)".into(),
        ),
        (
            ".behov/index/".into(),
            "the search index: every word of the answers and notes".into(),
        ),
        (
            ".behov/pseudonyms.json".into(),
            "the pseudonym key: which person and organisation each pseudonym stands for".into(),
        ),
    ];
    Register {
        title: project.title.clone(),
        organisations: project.respondents.len(),
        contact_people: people.len(),
        contact_fields,
        interviewers: interviewers.len(),
        coders,
        interviews: project.interviews.len(),
        consent_given: project
            .interviews
            .iter()
            .filter(|i| i.consent.given)
            .count(),
        consent_not_recorded: project
            .interviews
            .iter()
            .filter(|i| !i.consent.given)
            .count(),
        quotes_not_attributable: project
            .interviews
            .iter()
            .filter(|i| i.consent.quotes == Some(false))
            .count(),
        imported: project
            .interviews
            .iter()
            .filter(|i| i.source.is_some())
            .count(),
        findings,
        interviews_with_findings: with.len(),
        retention: settings.retention,
        retention_passed: settings.retention.is_some_and(|d| d < today),
        purpose: settings.purpose.clone(),
        legal_basis: settings.legal_basis.clone(),
        controller: settings.controller.clone(),
        pseudonym_list: key.names.len(),
        marked_not_personal: key.not_personal.len(),
        locations,
    }
}

/// The register as text for a person (Swedish or English).
pub fn text(r: &Register, lang: crate::model::Lang) -> String {
    use crate::model::Lang;
    let sv = lang == Lang::Sv;
    let t = |s: &'static str, e: &'static str| if sv { s } else { e };
    let mut out = String::new();
    let mut line = |k: &str, v: String| out.push_str(&format!("{k:<34} {v}\n"));
    line(t("Projekt", "Project"), r.title.clone());
    line(
        t("Personuppgiftsansvarig", "Controller"),
        or_unset(&r.controller, sv),
    );
    line(t("Ändamål", "Purpose"), or_unset(&r.purpose, sv));
    line(
        t("Rättslig grund", "Legal basis"),
        or_unset(&r.legal_basis, sv),
    );
    line(
        t("Gallras senast", "Retained until"),
        match r.retention {
            Some(d) if r.retention_passed => format!("{d} ({})", t("passerat", "passed")),
            Some(d) => d.to_string(),
            None => t("inte angivet", "not set").into(),
        },
    );
    line(
        t("Organisationer", "Organisations"),
        r.organisations.to_string(),
    );
    line(
        t("Kontaktpersoner", "Contact people"),
        format!(
            "{} ({})",
            r.contact_people,
            r.contact_fields
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    line(t("Intervjuare", "Interviewers"), r.interviewers.to_string());
    line(t("Kodare", "Coders"), r.coders.to_string());
    line(
        t("Intervjuer", "Interviews"),
        format!(
            "{} ({} {}, {} {}, {} {})",
            r.interviews,
            r.consent_given,
            t("med samtycke", "with consent"),
            r.consent_not_recorded,
            t("utan registrerat samtycke", "without recorded consent"),
            r.quotes_not_attributable,
            t("citat får inte tillskrivas", "quotes not attributable")
        ),
    );
    line(
        t("Importerade utskrifter", "Imported transcripts"),
        r.imported.to_string(),
    );
    let findings = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "{} {}",
                k.label(lang),
                r.findings.get(k).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    line(
        t("Personuppgifter i texterna", "Personal data in the texts"),
        format!(
            "{findings} ({} {})",
            r.interviews_with_findings,
            t("intervjuer", "interviews")
        ),
    );
    line(
        t(
            "Pseudonymlista / ej personuppgift",
            "Pseudonym list / not personal",
        ),
        format!("{} / {}", r.pseudonym_list, r.marked_not_personal),
    );
    out.push_str(&format!(
        "\n{}\n",
        t("Var uppgifterna finns:", "Where the data is:")
    ));
    for (file, what) in &r.locations {
        out.push_str(&format!("  {file:<24} {what}\n"));
    }
    out
}

fn or_unset(s: &str, sv: bool) -> String {
    if s.trim().is_empty() {
        if sv { "inte angivet" } else { "not set" }.to_string()
    } else {
        s.to_string()
    }
}
