//! One table of key bindings per context: dispatch, the footer and the help overlay all read it,
//! so what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::model::Lang;

/// Where the user is; each context has its own bindings. Every mode that takes keys is one:
/// screens, overlays, text boxes, the confirmation dialog and the too-small notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Welcome,
    Interviews,
    /// Typing the Interviews tab's filter.
    InterviewFilter,
    Capture,
    Editor,
    Respondents,
    Setup,
    /// A confirmation dialog: buttons, Cancel selected first.
    Confirm,
    Form,
    /// Choosing the respondent of a new interview, typing to filter.
    Picker,
    CodePicker,
    Codebook,
    Retrieval,
    Codings,
    Search,
    /// Typing in the Search tab's query box.
    SearchBox,
    Summary,
    Drill,
    Help,
    /// The terminal is below the minimum size: only quitting works.
    TooSmall,
    /// Two versions of one text: the user chooses which to keep.
    Conflict,
    /// The personal data found in the project's texts.
    Privacy,
}

impl Context {
    /// Every context, for tests and tools that walk them all.
    pub const ALL: [Context; 23] = [
        Context::Global,
        Context::Welcome,
        Context::Interviews,
        Context::InterviewFilter,
        Context::Capture,
        Context::Editor,
        Context::Respondents,
        Context::Setup,
        Context::Confirm,
        Context::Form,
        Context::Picker,
        Context::CodePicker,
        Context::Codebook,
        Context::Retrieval,
        Context::Codings,
        Context::Search,
        Context::SearchBox,
        Context::Summary,
        Context::Drill,
        Context::Help,
        Context::TooSmall,
        Context::Conflict,
        Context::Privacy,
    ];

    /// Whether a text box has the keys: keys not in the table are typed.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Context::InterviewFilter
                | Context::Editor
                | Context::Form
                | Context::Picker
                | Context::CodePicker
                | Context::SearchBox
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Tab(usize),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    New,
    Delete,
    Filter,
    SortNext,
    SortReverse,
    Respondents,
    Setup,
    Import,
    Demo,
    Back,
    Edit,
    NextQuestion,
    PrevQuestion,
    Value(u8),
    ClearValue,
    ToggleComplete,
    Details,
    MoveUp,
    MoveDown,
    Confirm,
    NextField,
    PrevField,
    Left,
    Right,
    SwitchList,
    Code,
    Codings,
    Undo,
    Redo,
    NewChild,
    Move,
    Merge,
    CoderFilter,
    AttributeFilter,
    CoderName,
    MakeDefault,
    ClearFilters,
    /// Empties a text box.
    ClearText,
    Group,
    StatusFilter,
    Pseudonyms,
    Export,
    /// The personal data found in the texts.
    Privacy,
    /// Marks a finding "not personal data".
    NotPersonal,
    /// Adds a found name to the project's pseudonym list.
    AddName,
    /// The n-th choice of a dialog's buttons.
    Choose(usize),
}

/// A key as written in the table. Letters match regardless of the Shift modifier the
/// terminal may report; Ctrl must match.
#[derive(Debug, Clone, Copy)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn k(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}
const fn ctrl_code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::CONTROL)
}

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        let mods = event.modifiers - KeyModifiers::SHIFT;
        let wanted = self.1 - KeyModifiers::SHIFT;
        match (self.0, event.code) {
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && mods == wanted,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub action: Action,
    pub sv: &'static str,
    pub en: &'static str,
    /// Shown in the footer (the most useful ones); all are in the help.
    pub footer: bool,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }
}

macro_rules! bind {
    ($label:literal, [$($key:expr),+], $action:expr, $sv:literal, $en:literal, $footer:literal) => {
        Binding { keys: &[$($key),+], label: $label, action: $action, sv: $sv, en: $en, footer: $footer }
    };
}

use Action::*;
use KeyCode::{
    BackTab, Down as KDown, End, Enter, Esc, F, Home, Left as KLeft, PageDown as KPageDown,
    PageUp as KPageUp, Right as KRight, Tab as KTab, Up as KUp,
};

#[rustfmt::skip]
const MOVE: [Binding; 4] = [
    bind!("↑↓/jk", [code(KUp), k('k')], Up, "flytta markeringen", "move the selection", false),
    bind!("↑↓/jk", [code(KDown), k('j')], Down, "ned", "down", false),
    bind!("PgUp/PgDn", [code(KPageUp), ctrl('u')], PageUp, "en sida upp/ned", "a page up/down", false),
    bind!("PgUp/PgDn", [code(KPageDown), ctrl('d')], PageDown, "sida ned", "page down", false),
];

#[rustfmt::skip]
const TOP_BOTTOM: [Binding; 2] = [
    bind!("g/G", [code(Home), k('g')], Top, "första/sista", "first/last", false),
    bind!("g/G", [code(End), k('G')], Bottom, "sista", "last", false),
];

#[rustfmt::skip]
const HELP: Binding = bind!("?", [k('?'), code(F(1))], Help, "hjälp", "help", true);

/// Help in a text box, where `?` is typed.
#[rustfmt::skip]
const F1_HELP: Binding = bind!("F1", [code(F(1))], Help, "hjälp", "help", false);

#[rustfmt::skip]
static GLOBAL: &[Binding] = &[
    bind!("1–4", [k('1')], Tab(0), "flik Intervjuer, Kodbok, Sök, Sammanställning", "tab Interviews, Codebook, Search, Summary", false),
    bind!("1–4", [k('2')], Tab(1), "", "", false),
    bind!("1–4", [k('3')], Tab(2), "", "", false),
    bind!("1–4", [k('4')], Tab(3), "", "", false),
    HELP,
    bind!("q", [k('q'), ctrl('c')], Quit, "avsluta", "quit", true),
];

#[rustfmt::skip]
static WELCOME: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    bind!("Enter", [code(Enter)], Open, "öppna", "open", true),
    bind!("n", [k('n')], New, "nytt projekt", "new project", true),
    bind!("d", [k('d')], Demo, "öppna demoprojektet", "open the demo project", true),
    HELP,
    bind!("q", [k('q'), ctrl('c')], Quit, "avsluta", "quit", true),
];

#[rustfmt::skip]
static INTERVIEWS: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, "öppna intervjun", "open the interview", true),
    bind!("n", [k('n')], New, "ny intervju", "new interview", true),
    bind!("/", [k('/')], Filter, "filtrera", "filter", true),
    bind!("s", [k('s')], SortNext, "sortera efter nästa kolumn", "sort by the next column", true),
    bind!("S", [k('S')], SortReverse, "vänd sorteringen", "reverse the sort", false),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, "radera intervjun", "delete the interview", false),
    bind!("r", [k('r')], Respondents, "respondenter", "respondents", true),
    bind!("p", [k('p')], Setup, "projekt: titel, guide, attribut", "project: title, guide, attributes", true),
    bind!("i", [k('i')], Import, "importera ett transkript", "import a transcript", false),
    bind!("P", [k('P')], Privacy, "personuppgifter i texterna", "personal data in the texts", false),
    bind!("Esc", [code(Esc)], Back, "rensa filtret", "clear the filter", false),
];

#[rustfmt::skip]
static CAPTURE: &[Binding] = &[
    bind!("↑↓/jk", [code(KUp), k('k')], PrevQuestion, "föregående/nästa fråga", "previous/next question", false),
    bind!("↑↓/jk", [code(KDown), k('j')], NextQuestion, "föregående/nästa fråga", "previous/next question", true),
    bind!("Tab", [code(KTab), ctrl_code(KDown)], NextQuestion, "nästa fråga", "next question", false),
    bind!("S-Tab", [code(BackTab), ctrl_code(KUp)], PrevQuestion, "föregående fråga", "previous question", false),
    bind!("Enter/i", [code(Enter), k('i')], Edit, "skriv svaret", "write the answer", true),
    bind!("c", [k('c')], Code, "koda svaret", "code the answer", true),
    bind!("C", [k('C')], Codings, "svarets kodningar och memon", "the answer's codings and memos", true),
    bind!("1–9", [k('1')], Value(1), "välj värde/alternativ 1–9", "choose value/option 1–9", true),
    bind!("1–9", [k('2')], Value(2), "", "", false),
    bind!("1–9", [k('3')], Value(3), "", "", false),
    bind!("1–9", [k('4')], Value(4), "", "", false),
    bind!("1–9", [k('5')], Value(5), "", "", false),
    bind!("1–9", [k('6')], Value(6), "", "", false),
    bind!("1–9", [k('7')], Value(7), "", "", false),
    bind!("1–9", [k('8')], Value(8), "", "", false),
    bind!("1–9", [k('9')], Value(9), "", "", false),
    bind!("0", [k('0')], ClearValue, "rensa värdet", "clear the value", false),
    bind!("u", [k('u')], Undo, "ångra kodning", "undo coding", false),
    bind!("Ctrl-r", [ctrl('r')], Redo, "gör om", "redo", false),
    bind!("e", [k('e')], Details, "intervjuns uppgifter", "interview details", true),
    bind!("m", [k('m')], ToggleComplete, "markera klar/utkast", "mark complete/draft", true),
    bind!("Esc/q", [code(Esc), k('q')], Back, "tillbaka", "back", true),
    HELP,
];

#[rustfmt::skip]
static EDITOR: &[Binding] = &[
    bind!("Esc", [code(Esc)], Back, "lämna texten", "leave the text", true),
    bind!("Ctrl-k", [ctrl('k')], Code, "koda markeringen eller svaret", "code the selection or the answer", true),
    bind!("Tab", [code(KTab), ctrl_code(KDown)], NextQuestion, "nästa fråga", "next question", true),
    bind!("S-Tab", [code(BackTab), ctrl_code(KUp)], PrevQuestion, "föregående fråga", "previous question", true),
    bind!("Ctrl-z", [ctrl('z')], Undo, "ångra skrivandet (ord för ord)", "undo typing (word by word)", false),
    bind!("Ctrl-y", [ctrl('y')], Redo, "gör om skrivandet", "redo typing", false),
    F1_HELP,
];

#[rustfmt::skip]
static RESPONDENTS: &[Binding] = &[
    MOVE[0], MOVE[1], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter), k('e')], Edit, "redigera", "edit", true),
    bind!("n", [k('n')], New, "ny respondent", "new respondent", true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, "radera", "delete", true),
    bind!("Esc/q", [code(Esc), k('q')], Back, "tillbaka", "back", true),
    HELP,
];

#[rustfmt::skip]
static PRIVACY: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, "öppna svaret", "open the answer", true),
    bind!("a", [k('a')], NotPersonal, "inte en personuppgift (kom ihåg)", "not personal data (remembered)", true),
    bind!("n", [k('n')], AddName, "lägg namnet i pseudonymlistan", "add the name to the pseudonym list", true),
    bind!("Esc/q", [code(Esc), k('q')], Back, "tillbaka", "back", true),
    HELP,
];

#[rustfmt::skip]
static SETUP: &[Binding] = &[
    MOVE[0], MOVE[1], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Tab", [code(KTab), code(BackTab)], SwitchList, "byt mellan frågor och attribut", "switch between questions and attributes", true),
    bind!("Enter", [code(Enter), k('e')], Edit, "redigera", "edit", true),
    bind!("a", [k('a'), k('n')], New, "lägg till", "add", true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, "ta bort", "remove", true),
    bind!("K/J", [k('K'), ctrl_code(KUp)], MoveUp, "flytta upp/ned", "move up/down", true),
    bind!("K/J", [k('J'), ctrl_code(KDown)], MoveDown, "flytta ned", "move down", false),
    bind!("v", [k('v')], Merge, "slå ihop två värden av attributet", "merge two values of the attribute", true),
    bind!("t", [k('t')], Details, "ändra projektets titel", "change the project title", true),
    bind!("Esc/q", [code(Esc), k('q')], Back, "tillbaka", "back", true),
    HELP,
];

#[rustfmt::skip]
static CONFIRM: &[Binding] = &[
    bind!("←→/Tab", [code(KLeft), k('h')], Left, "välj knapp", "choose a button", true),
    bind!("←→/Tab", [code(KRight), k('l')], Right, "välj knapp", "choose a button", false),
    bind!("←→/Tab", [code(KTab), code(BackTab)], NextField, "välj knapp", "choose a button", false),
    bind!("Enter", [code(Enter)], Confirm, "den valda knappen", "the chosen button", true),
    bind!("Esc", [code(Esc)], Back, "avbryt", "cancel", true),
];

#[rustfmt::skip]
static FORM: &[Binding] = &[
    bind!("Tab/↓", [code(KTab), code(KDown)], NextField, "nästa fält", "next field", true),
    bind!("S-Tab/↑", [code(BackTab), code(KUp)], PrevField, "föregående fält", "previous field", false),
    bind!("Enter", [code(Enter)], Confirm, "spara", "save", true),
    bind!("Esc", [code(Esc)], Back, "avbryt", "cancel", true),
    F1_HELP,
];

#[rustfmt::skip]
static PICKER: &[Binding] = &[
    bind!("↑↓", [code(KUp)], Up, "flytta markeringen", "move the selection", false),
    bind!("↑↓", [code(KDown), code(KTab)], Down, "ned", "down", false),
    bind!("PgUp/PgDn", [code(KPageUp)], PageUp, "en sida upp/ned", "a page up/down", false),
    bind!("PgUp/PgDn", [code(KPageDown)], PageDown, "sida ned", "page down", false),
    bind!("Enter", [code(Enter)], Open, "välj", "choose", true),
    bind!("Esc", [code(Esc)], Back, "avbryt", "cancel", true),
    F1_HELP,
];

#[rustfmt::skip]
static INTERVIEW_FILTER: &[Binding] = &[
    bind!("↑↓", [code(KUp)], Up, "flytta markeringen", "move the selection", false),
    bind!("↑↓", [code(KDown)], Down, "ned", "down", false),
    bind!("Enter", [code(Enter)], Confirm, "behåll filtret", "keep the filter", true),
    bind!("Esc", [code(Esc)], Back, "rensa filtret", "clear the filter", true),
    F1_HELP,
];

#[rustfmt::skip]
static SEARCH_BOX: &[Binding] = &[
    bind!("Enter", [code(Enter)], Open, "öppna svaret", "open the answer", true),
    bind!("↑↓", [code(KUp)], Up, "välj träff", "choose a hit", false),
    bind!("↑↓", [code(KDown)], Down, "ned", "down", false),
    bind!("F2", [code(F(2))], Code, "filtrera på kod", "filter by code", true),
    bind!("F3", [code(F(3))], AttributeFilter, "filtrera på attribut", "filter by attribute", true),
    bind!("F4", [code(F(4))], ClearFilters, "rensa filtren", "clear the filters", false),
    bind!("Ctrl-u", [ctrl('u')], ClearText, "töm sökrutan", "empty the search box", false),
    bind!("Esc", [code(Esc)], Back, "lämna sökrutan", "leave the search box", true),
    F1_HELP,
];

#[rustfmt::skip]
static HELP_OVERLAY: &[Binding] = &[
    bind!("Esc", [code(Esc), k('q'), k('?'), code(F(1)), code(Enter)], Back, "stäng hjälpen", "close the help", true),
];

#[rustfmt::skip]
static TOO_SMALL: &[Binding] = &[
    bind!("q", [k('q'), ctrl('c')], Quit, "avsluta (allt är sparat)", "quit (everything is kept)", true),
];

#[rustfmt::skip]
static SUMMARY: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3],
    bind!("g", [k('g')], Group, "dela upp efter nästa attribut", "split by the next attribute", true),
    bind!("←→", [code(KLeft), k('h')], Left, "välj kolumn (grupp)", "choose a column (group)", false),
    bind!("←→", [code(KRight), k('l')], Right, "välj kolumn (grupp)", "choose a column (group)", false),
    bind!("Enter", [code(Enter)], Open, "passagerna bakom cellen", "the passages behind the cell", true),
    bind!("Tab", [code(KTab), code(BackTab)], SwitchList, "byt vy: behov, samförekomst, skalfrågor", "switch view: needs, co-occurrence, scale questions", true),
    bind!("f", [k('f')], CoderFilter, "räkna en kodare / alla", "count one coder / all", false),
    bind!("s", [k('s')], StatusFilter, "bara klara intervjuer / alla", "complete interviews only / all", false),
    bind!("p", [k('p')], Pseudonyms, "pseudonymer / namn", "pseudonyms / names", false),
    bind!("x", [k('x')], Export, "exportera (xlsx, md, csv, json)", "export (xlsx, md, csv, json)", true),
];

#[rustfmt::skip]
static DRILL: &[Binding] = &[
    MOVE[0], MOVE[1],
    bind!("Enter", [code(Enter)], Open, "öppna svaret", "open the answer", true),
    bind!("Esc", [code(Esc), k('q')], Back, "stäng", "close", true),
    HELP,
];

#[rustfmt::skip]
static SEARCH: &[Binding] = &[
    bind!("/", [k('/'), k('i')], Filter, "skriv i sökrutan", "type in the search box", true),
    MOVE[0], MOVE[1],
    bind!("Enter", [code(Enter)], Open, "öppna svaret", "open the answer", true),
    bind!("c/F2", [k('c'), code(F(2))], Code, "filtrera på kod", "filter by code", true),
    bind!("a/F3", [k('a'), code(F(3))], AttributeFilter, "filtrera på attribut (bläddra)", "filter by attribute (cycle)", true),
    bind!("x/F4", [k('x'), code(F(4))], ClearFilters, "rensa filtren", "clear the filters", false),
];

#[rustfmt::skip]
static CODEBOOK: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, "alla passager med koden", "every passage with the code", true),
    bind!("a", [k('a')], New, "ny kod", "new code", true),
    bind!("A", [k('A')], NewChild, "ny underkod", "new subcode", false),
    bind!("e", [k('e')], Edit, "redigera koden", "edit the code", true),
    bind!("m", [k('m')], Move, "flytta under en annan kod", "move under another code", false),
    bind!("M", [k('M')], Merge, "slå ihop med en annan kod", "merge into another code", true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, "ta bort koden", "delete the code", false),
    bind!("f", [k('f')], CoderFilter, "räkna en kodare / alla", "count one coder / all", false),
    bind!("K", [k('K')], CoderName, "ditt kodarnamn", "your coder name", false),
    bind!("D", [k('D')], MakeDefault, "använd kodboken för nya projekt", "use this codebook for new projects", false),
    bind!("u", [k('u')], Undo, "ångra", "undo", true),
    bind!("Ctrl-r", [ctrl('r')], Redo, "gör om", "redo", false),
];

#[rustfmt::skip]
static RETRIEVAL: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, "öppna svaret", "open the answer", true),
    bind!("f", [k('f')], CoderFilter, "filtrera på kodare", "filter by coder", true),
    bind!("a", [k('a')], AttributeFilter, "filtrera på attribut", "filter by attribute", true),
    bind!("Esc/q", [code(Esc), k('q')], Back, "tillbaka till kodboken", "back to the codebook", true),
    HELP,
];

#[rustfmt::skip]
static CODINGS: &[Binding] = &[
    MOVE[0], MOVE[1],
    bind!("Enter", [code(Enter)], Edit, "skriv memo", "write a memo", true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, "ta bort kodningen", "remove the coding", true),
    bind!("u", [k('u')], Undo, "ångra", "undo", true),
    bind!("Ctrl-r", [ctrl('r')], Redo, "gör om", "redo", false),
    bind!("Esc", [code(Esc)], Back, "stäng", "close", true),
    HELP,
];

#[rustfmt::skip]
static CONFLICT: &[Binding] = &[
    bind!("←", [code(KLeft), k('h'), code(BackTab)], Left, "föregående val", "previous choice", false),
    bind!("→", [code(KeyCode::Right), k('l'), code(KeyCode::Tab)], Right, "nästa val", "next choice", false),
    bind!("Enter", [code(Enter)], Confirm, "bekräfta det valda", "confirm the selected choice", true),
    bind!("↑", [code(KeyCode::Up), k('k')], Up, "rulla texterna uppåt", "scroll the texts up", false),
    bind!("↓", [code(KDown), k('j')], Down, "rulla texterna nedåt", "scroll the texts down", false),
    bind!("1", [k('1')], Choose(0), "behåll båda (din text efter filens)", "keep both (your text after the file's)", true),
    bind!("2", [k('2')], Choose(1), "behåll din version", "keep your version", true),
    bind!("3", [k('3')], Choose(2), "behåll filens version", "keep the file's version", true),
];

pub fn bindings(context: Context) -> &'static [Binding] {
    match context {
        Context::Global => GLOBAL,
        Context::Welcome => WELCOME,
        Context::Interviews => INTERVIEWS,
        Context::Capture => CAPTURE,
        Context::Editor => EDITOR,
        Context::Respondents => RESPONDENTS,
        Context::Setup => SETUP,
        Context::Confirm => CONFIRM,
        Context::Form => FORM,
        Context::Picker | Context::CodePicker => PICKER,
        Context::InterviewFilter => INTERVIEW_FILTER,
        Context::SearchBox => SEARCH_BOX,
        Context::Help => HELP_OVERLAY,
        Context::TooSmall => TOO_SMALL,
        Context::Summary => SUMMARY,
        Context::Drill => DRILL,
        Context::Codebook => CODEBOOK,
        Context::Retrieval => RETRIEVAL,
        Context::Codings => CODINGS,
        Context::Search => SEARCH,
        Context::Conflict => CONFLICT,
        Context::Privacy => PRIVACY,
    }
}

/// Whether the global bindings (tabs, quit) apply on top of a context. Text input and modal
/// screens take every key themselves.
pub fn with_global(context: Context) -> bool {
    matches!(
        context,
        Context::Interviews | Context::Summary | Context::Codebook | Context::Search
    )
}

/// The action bound to `event` in `context` (and the global table where it applies).
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    let own = bindings(context).iter();
    let global = if with_global(context) {
        bindings(Context::Global)
    } else {
        &[]
    };
    own.chain(global.iter())
        .find(|b| b.keys.iter().any(|key| key.matches(event)))
        .map(|b| b.action)
}

/// The keys a text box takes as typing, for the help: they are not looked up in the table.
pub fn typing_help(context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    let sv = lang == Lang::Sv;
    let pick = |a: &'static str, b: &'static str| if sv { a } else { b };
    match context {
        Context::Editor => vec![
            (
                "←→ ↑↓",
                pick(
                    "flytta markören (Ctrl+←→ ord för ord)",
                    "move the cursor (Ctrl+←→ by word)",
                ),
            ),
            (
                "Home/End",
                pick(
                    "radens början/slut (Ctrl: hela texten)",
                    "start/end of the line (Ctrl: whole text)",
                ),
            ),
            ("Shift+pil", pick("markera text", "select text")),
            ("Enter", pick("ny rad", "new line")),
            (
                "1–9",
                pick(
                    "skal- eller valfråga med tom kommentar: välj värdet",
                    "scale or choice question, comment empty: choose the value",
                ),
            ),
            (
                pick("Backsteg/Del", "Backspace/Del"),
                pick("radera tecken", "delete a character"),
            ),
        ],
        Context::Form => vec![
            (
                "←→",
                pick(
                    "flytta markören, eller byt värde i ett valfält",
                    "move the cursor, or change a choice field",
                ),
            ),
            (
                pick("Backsteg/Del", "Backspace/Del"),
                pick("radera tecken", "delete a character"),
            ),
        ],
        Context::InterviewFilter | Context::Picker | Context::CodePicker | Context::SearchBox => {
            vec![
                (
                    pick("bokstäver", "letters"),
                    pick("skriv för att söka", "type to search"),
                ),
                (
                    pick("Backsteg", "Backspace"),
                    pick("radera tecken", "delete a character"),
                ),
            ]
        }
        _ => Vec::new(),
    }
}

/// The hints of `actions` in `context`, as one line for a widget's border.
pub fn hint_for(context: Context, actions: &[Action], lang: Lang) -> String {
    let hints: Vec<String> = actions
        .iter()
        .filter_map(|a| bindings(context).iter().find(|b| b.action == *a))
        .map(|b| format!("{} {}", b.label, b.describe(lang)))
        .collect();
    format!(" {} ", hints.join(" · "))
}

/// The footer hints of `context` as one line for a widget's border: " Enter spara · Esc avbryt ".
pub fn hint_text(context: Context, lang: Lang) -> String {
    let typing = match context {
        Context::InterviewFilter | Context::Picker | Context::CodePicker | Context::SearchBox => {
            typing_help(context, lang)
                .into_iter()
                .take(1)
                .map(|(_, text)| ("", text))
                .collect()
        }
        _ => Vec::new(),
    };
    let hints: Vec<String> = typing
        .into_iter()
        .chain(footer(context, lang))
        .filter(|(_, text)| !text.is_empty())
        .map(|(key, text)| format!("{key} {text}").trim().to_string())
        .collect();
    format!(" {} ", hints.join(" · "))
}

/// The bindings to list in help: one line per label, in table order.
pub fn help_lines(context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    let global = if with_global(context) {
        bindings(Context::Global)
    } else {
        &[]
    };
    let mut lines: Vec<(&str, &str)> = Vec::new();
    for b in bindings(context).iter().chain(global) {
        let text = b.describe(lang);
        if text.is_empty() {
            continue;
        }
        if !lines.iter().any(|(label, _)| *label == b.label) {
            lines.push((b.label, text));
        }
    }
    lines
}

/// The footer hints: the bindings marked for it, one per label.
pub fn footer(context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    let global = if with_global(context) {
        bindings(Context::Global)
    } else {
        &[]
    };
    let mut hints: Vec<(&str, &str)> = Vec::new();
    // Help first: whatever else does not fit, the way to every binding always shows.
    let all = bindings(context).iter().chain(global);
    let (help, rest): (Vec<&Binding>, Vec<&Binding>) =
        all.filter(|b| b.footer).partition(|b| b.action == Help);
    for b in help.into_iter().chain(rest) {
        if !hints.iter().any(|(label, _)| *label == b.label) {
            hints.push((b.label, b.describe(lang)));
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn lookup_uses_the_context_then_global() {
        assert_eq!(lookup(Context::Interviews, &key('n')), Some(New));
        assert_eq!(lookup(Context::Interviews, &key('2')), Some(Tab(1)));
        assert_eq!(lookup(Context::Capture, &key('2')), Some(Value(2)));
        assert_eq!(lookup(Context::Editor, &key('q')), None);
        let shifted = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Interviews, &shifted), Some(SortReverse));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Interviews, &ctrl_c), Some(Quit));
    }

    #[test]
    fn every_context_has_help_in_both_languages() {
        for context in Context::ALL.into_iter().filter(|c| *c != Context::Global) {
            for lang in [Lang::Sv, Lang::En] {
                assert!(!help_lines(context, lang).is_empty(), "{context:?}");
                assert!(!footer(context, lang).is_empty(), "{context:?}");
            }
        }
    }

    /// A text box types every printable key: its table holds only keys that cannot be text.
    #[test]
    fn text_boxes_bind_no_printable_key() {
        for context in Context::ALL.into_iter().filter(|c| c.is_text()) {
            for binding in bindings(context) {
                for key in binding.keys {
                    let printable =
                        matches!(key.0, KeyCode::Char(_)) && !key.1.contains(KeyModifiers::CONTROL);
                    assert!(!printable, "{context:?} binds {:?}", key.0);
                }
            }
        }
    }

    /// No movement key confirms: the dialog's Enter acts on the chosen button only.
    #[test]
    fn movement_keys_never_confirm() {
        for c in ['j', 'k', 'y', 'n', ' '] {
            assert_ne!(lookup(Context::Confirm, &key(c)), Some(Confirm), "{c}");
        }
        for code in [KeyCode::Down, KeyCode::Up, KeyCode::PageDown] {
            let event = KeyEvent::new(code, KeyModifiers::NONE);
            assert_ne!(lookup(Context::Confirm, &event), Some(Confirm));
        }
    }

    #[test]
    fn the_too_small_notice_only_quits() {
        assert_eq!(lookup(Context::TooSmall, &key('q')), Some(Quit));
        for c in ['d', 'j', '1', 'n', 'm'] {
            assert_eq!(lookup(Context::TooSmall, &key(c)), None);
        }
    }
}
