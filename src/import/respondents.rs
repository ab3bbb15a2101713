//! Respondent lists from Excel (xlsx, xls, ods) or CSV: a header row, one column the
//! organisation's name, the others matched to the project's attribute definitions by id or
//! label (columns that match none become new attributes), and contact-person columns.
//! Existing respondents are matched by name and updated, never duplicated.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::Reader;

use crate::model::{AttributeDef, Localized, Person, Project, Respondent};
use crate::store::{self, Store};

use super::decode::decode;
use super::{Error, Result};

/// What a list does to one respondent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListChange {
    Add(Respondent),
    /// An existing respondent: (attribute or field, old value, new value) for each change.
    Update {
        id: String,
        name: String,
        changes: Vec<(String, String, String)>,
    },
    Unchanged {
        id: String,
        name: String,
    },
}

/// Everything a respondent list would change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListPlan {
    /// Columns that match no attribute and become new ones.
    pub new_attributes: Vec<AttributeDef>,
    pub changes: Vec<ListChange>,
    /// Rows skipped or merged, one sentence each.
    pub warnings: Vec<String>,
    /// The project's respondents and attributes after the change.
    respondents: Vec<Respondent>,
    attributes: Vec<AttributeDef>,
}

/// The cells of the first sheet of a workbook, or of a CSV file (separator `;`, `,` or tab,
/// whichever the header uses most), as text.
pub fn read_table(bytes: &[u8], name: &str) -> Result<Vec<Vec<String>>> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("xlsx" | "xlsm" | "xls" | "ods") => {
            let mut book =
                calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
                    Error::Table(format!(
                        "the workbook cannot be read ({e}); save it again as .xlsx"
                    ))
                })?;
            let range = book
                .worksheet_range_at(0)
                .ok_or_else(|| Error::Table("the workbook has no sheets".into()))?
                .map_err(|e| Error::Table(format!("the first sheet cannot be read ({e})")))?;
            Ok(range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| c.to_string().trim().to_string())
                        .collect()
                })
                .collect())
        }
        Some("csv" | "txt" | "tsv") => {
            let (text, _) = decode(bytes)?;
            let header = text.lines().next().unwrap_or("");
            let separator = [b';', b',', b'\t']
                .into_iter()
                .max_by_key(|&s| header.bytes().filter(|&b| b == s).count())
                .unwrap_or(b';');
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(separator)
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            reader
                .records()
                .map(|r| {
                    r.map(|r| r.iter().map(|c| c.trim().to_string()).collect())
                        .map_err(|e| Error::Table(format!("the CSV cannot be read ({e})")))
                })
                .collect()
        }
        _ => Err(Error::Table(format!(
            "'{name}' is not a respondent list behov reads; use .xlsx, .xls, .ods or .csv"
        ))),
    }
}

/// A column's role in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Name,
    Attribute(String),
    Person(PersonField),
    Ignored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PersonField {
    Name,
    Role,
    Email,
    Phone,
}

/// What `rows` (a header row first) would change in `project`.
pub fn plan_list(project: &Project, rows: &[Vec<String>]) -> Result<ListPlan> {
    let Some(header_at) = rows.iter().position(|r| r.iter().any(|c| !c.is_empty())) else {
        return Err(Error::Table("the list is empty".into()));
    };
    let header = &rows[header_at];
    let mut attributes = project.attributes.clone();
    let mut new_attributes = Vec::new();
    let mut columns: Vec<Column> = header
        .iter()
        .map(|h| column(h, &attributes))
        .collect::<Vec<_>>();
    if !columns.contains(&Column::Name) {
        match columns.iter().position(|c| matches!(c, Column::Ignored)) {
            Some(first) => columns[first] = Column::Name,
            None => {
                return Err(Error::Table(
                    "no column holds the organisations' names: name one \"Namn\" or \"Organisation\"".into(),
                ));
            }
        }
    }
    for (i, c) in columns.iter_mut().enumerate() {
        let label = header[i].trim();
        if *c == Column::Ignored && !label.is_empty() {
            let def = AttributeDef {
                id: slug(label),
                label: Localized::new(label, ""),
                values: Vec::new(),
            };
            if !attributes.iter().any(|a| a.id == def.id) {
                attributes.push(def.clone());
                new_attributes.push(def.clone());
            }
            *c = Column::Attribute(def.id);
        }
    }
    let mut respondents = project.respondents.clone();
    let mut changes: Vec<ListChange> = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (n, row) in rows.iter().enumerate().skip(header_at + 1) {
        if row.iter().all(|c| c.is_empty()) {
            continue;
        }
        let cell = |want: &Column| {
            columns
                .iter()
                .position(|c| c == want)
                .and_then(|i| row.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let name = cell(&Column::Name);
        if name.is_empty() {
            warnings.push(format!(
                "row {}: no organisation name, so the row was skipped",
                n + 1
            ));
            continue;
        }
        let key = super::plan::loose_key(name);
        if let Some(first) = seen.insert(key.clone(), n + 1) {
            warnings.push(format!(
                "row {}: '{name}' is also on row {first}; the later row's values are used",
                n + 1
            ));
        }
        let index = match respondents
            .iter()
            .position(|r| super::plan::loose_key(&r.name) == key)
        {
            Some(i) => i,
            None => {
                respondents.push(Respondent {
                    id: Project::next_id("r", respondents.iter().map(|r| r.id.as_str())),
                    name: name.to_string(),
                    attributes: BTreeMap::new(),
                    people: Vec::new(),
                });
                respondents.len() - 1
            }
        };
        let r = &mut respondents[index];
        let mut person = Person::default();
        let mut diff = Vec::new();
        for (i, c) in columns.iter().enumerate() {
            let value = row.get(i).map(|s| s.trim()).unwrap_or("");
            match c {
                Column::Attribute(id) if !value.is_empty() => {
                    let old = r.attribute(id).to_string();
                    if old != value {
                        diff.push((id.clone(), old, value.to_string()));
                        r.attributes.insert(id.clone(), value.to_string());
                    }
                }
                Column::Person(field) => {
                    let slot = match field {
                        PersonField::Name => &mut person.name,
                        PersonField::Role => &mut person.role,
                        PersonField::Email => &mut person.email,
                        PersonField::Phone => &mut person.phone,
                    };
                    *slot = value.to_string();
                }
                _ => {}
            }
        }
        if !person.name.is_empty() {
            match r.people.iter_mut().find(|p| p.name == person.name) {
                Some(p) => {
                    for (field, old, new) in [
                        ("role", &mut p.role, &person.role),
                        ("email", &mut p.email, &person.email),
                        ("phone", &mut p.phone, &person.phone),
                    ] {
                        if !new.is_empty() && old != new {
                            diff.push((
                                format!("{} {field}", person.name),
                                old.clone(),
                                new.clone(),
                            ));
                            *old = new.clone();
                        }
                    }
                }
                None => {
                    diff.push(("contact".into(), String::new(), person.name.clone()));
                    r.people.push(person);
                }
            }
        }
        let is_new = index >= project.respondents.len();
        let change = if is_new {
            ListChange::Add(r.clone())
        } else if diff.is_empty() {
            ListChange::Unchanged {
                id: r.id.clone(),
                name: r.name.clone(),
            }
        } else {
            ListChange::Update {
                id: r.id.clone(),
                name: r.name.clone(),
                changes: diff,
            }
        };
        // A name met again replaces its earlier change.
        let same = |c: &ListChange| match c {
            ListChange::Add(x) => x.id == r.id,
            ListChange::Update { id, .. } | ListChange::Unchanged { id, .. } => *id == r.id,
        };
        match changes.iter_mut().find(|c| same(c)) {
            Some(earlier) => *earlier = merge(earlier.clone(), change),
            None => changes.push(change),
        }
    }
    Ok(ListPlan {
        new_attributes,
        changes,
        warnings,
        respondents,
        attributes,
    })
}

/// A later row's change for the same respondent, keeping the earlier row's differences.
fn merge(earlier: ListChange, later: ListChange) -> ListChange {
    match (earlier, later) {
        (ListChange::Update { changes: mut a, .. }, ListChange::Update { id, name, changes }) => {
            a.extend(changes);
            ListChange::Update {
                id,
                name,
                changes: a,
            }
        }
        (earlier @ ListChange::Update { .. }, ListChange::Unchanged { .. }) => earlier,
        (_, later) => later,
    }
}

impl ListPlan {
    /// Whether applying the plan changes anything.
    pub fn changes_anything(&self) -> bool {
        !self.new_attributes.is_empty()
            || self
                .changes
                .iter()
                .any(|c| !matches!(c, ListChange::Unchanged { .. }))
    }
}

/// Writes the list's changes to project.json in one atomic write.
pub fn apply_list(store: &Store, project: &mut Project, plan: &ListPlan) -> store::Result<()> {
    if !plan.changes_anything() {
        return Ok(());
    }
    let mut next = project.clone();
    next.respondents = plan.respondents.clone();
    next.attributes = plan.attributes.clone();
    store.save_project(&next)?;
    *project = next;
    Ok(())
}

fn column(header: &str, attributes: &[AttributeDef]) -> Column {
    let key = super::plan::loose_key(header);
    if let Some(a) = attributes.iter().find(|a| {
        super::plan::loose_key(&a.id) == key
            || super::plan::loose_key(&a.label.sv) == key
            || (!a.label.en.is_empty() && super::plan::loose_key(&a.label.en) == key)
    }) {
        return Column::Attribute(a.id.clone());
    }
    match key.as_str() {
        "namn"
        | "name"
        | "organisation"
        | "organisationens namn"
        | "organization"
        | "respondent"
        | "aktor"
        | "organisationsnamn" => Column::Name,
        "kontaktperson" | "kontakt" | "contact" | "contact person" => {
            Column::Person(PersonField::Name)
        }
        "roll" | "role" | "titel" | "title" => Column::Person(PersonField::Role),
        "e post" | "epost" | "email" | "e mail" | "mejl" => Column::Person(PersonField::Email),
        "telefon" | "phone" | "tel" | "mobil" => Column::Person(PersonField::Phone),
        _ => Column::Ignored,
    }
}

/// An attribute id from a column label: `Antal anställda` → `antal_anstallda`.
fn slug(label: &str) -> String {
    super::plan::loose_key(label).replace(' ', "_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::defaults;

    fn rows(text: &str) -> Vec<Vec<String>> {
        read_table(text.as_bytes(), "list.csv").unwrap()
    }

    #[test]
    fn columns_match_attributes_and_names_are_never_duplicated() {
        let mut project = defaults::project("Test");
        project.attributes = vec![AttributeDef {
            id: "municipality".into(),
            label: Localized::new("Kommun", "Municipality"),
            values: vec![],
        }];
        project.respondents = vec![Respondent {
            id: "r001".into(),
            name: "Almi Mälardalen".into(),
            attributes: [("municipality".to_string(), "Västerås".to_string())].into(),
            people: vec![],
        }];
        let list = rows(
            "Organisation;Kommun;Antal anställda;Kontaktperson;E-post\n\
             almi malardalen;Eskilstuna;40;Eva Ek;eva@example.se\n\
             Sala kommun;Sala;;;\n\
             ;Köping;;;\n\
             Sala kommun;Sala;12;;\n",
        );
        let plan = plan_list(&project, &list).unwrap();
        assert_eq!(plan.new_attributes.len(), 1);
        assert_eq!(plan.new_attributes[0].id, "antal_anstallda");
        assert_eq!(plan.changes.len(), 2, "{:?}", plan.changes);
        match &plan.changes[0] {
            ListChange::Update { id, changes, .. } => {
                assert_eq!(id, "r001");
                assert!(changes.contains(&(
                    "municipality".into(),
                    "Västerås".into(),
                    "Eskilstuna".into()
                )));
            }
            other => panic!("{other:?}"),
        }
        match &plan.changes[1] {
            ListChange::Add(r) => {
                assert_eq!((r.id.as_str(), r.name.as_str()), ("r002", "Sala kommun"));
                assert_eq!(r.attribute("antal_anstallda"), "12");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(plan.warnings.len(), 2, "{:?}", plan.warnings);
        assert_eq!(plan.respondents.len(), 2);
        assert_eq!(plan.respondents[0].people[0].email, "eva@example.se");

        // Applied once more, the same list changes nothing but the duplicate-row values.
        project.respondents = plan.respondents.clone();
        project.attributes = plan.attributes.clone();
        let again = plan_list(&project, &list).unwrap();
        assert!(again.new_attributes.is_empty());
        assert_eq!(again.respondents.len(), 2);
    }
}
