//! JSON for scripts: the summary's data as it is, ids included.

use crate::report::Summary;

/// The whole summary, or only the part named by a table id (`codes`, `groups`, …; see
/// `report::TABLES`; `null` for another id), pretty-printed with a trailing newline.
pub fn render(summary: &Summary, table: Option<&str>) -> String {
    let value = serde_json::to_value(summary).expect("summaries always serialise");
    let part = match table {
        // A programme's two tables are the two parts of its `programme` object.
        Some(id @ ("projects" | "differences")) => value
            .get("programme")
            .and_then(|p| p.get(id))
            .cloned()
            .unwrap_or_default(),
        Some(id) => value.get(id).cloned().unwrap_or_default(),
        None => value,
    };
    let mut text = serde_json::to_string_pretty(&part).expect("JSON values always serialise");
    text.push('\n');
    text
}
