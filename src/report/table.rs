//! A rendered-agnostic table: what every output format draws, so the Markdown, CSV, XLSX and
//! terminal versions of a summary always hold the same rows and columns.

/// What a column holds, which decides alignment and how spreadsheets store it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Long free text (quotes): wrapped in the terminal and in spreadsheets.
    Prose,
    Count,
    Share,
    Decimal,
    /// An agreement coefficient (κ, α): two decimals.
    Coefficient,
    /// A count with its share: one cell in text formats ("4 (80 %)"), two in spreadsheets.
    CountShare,
}

impl Kind {
    pub fn is_numeric(self) -> bool {
        !matches!(self, Kind::Text | Kind::Prose)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub heading: String,
    pub kind: Kind,
}

impl Column {
    pub fn new(heading: impl Into<String>, kind: Kind) -> Column {
        Column {
            heading: heading.into(),
            kind,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A row label in a hierarchy: indented by `depth`, and `strong` for a parent row.
    Label {
        text: String,
        depth: usize,
        strong: bool,
    },
    Count(usize),
    Share(f64),
    Decimal(f64),
    Coefficient(f64),
    CountShare(usize, f64),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Stable name: `--table` takes it, and JSON keys and file names use it.
    pub id: &'static str,
    pub title: String,
    /// A sentence saying what the numbers are (denominators, roll-up).
    pub note: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
    /// Text formats show only this many rows (with a line saying how many more there are);
    /// spreadsheets and JSON always have all.
    pub brief: Option<usize>,
}
