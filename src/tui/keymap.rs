//! One table of key bindings per context: dispatch, the footer and the help overlay all read it,
//! so what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::strings::{S, say};
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
    /// The review of an imported transcript: turns move between questions.
    Review,
    /// Choosing the question a reviewed turn belongs to (or asks).
    ReviewChooser,
    /// The personal data found in the project's texts.
    Privacy,
    /// A colleague's copy about to be merged: what comes in, the conflicts to decide.
    MergeCopy,
    /// Agreement between coders and their disagreements.
    Agreement,
}

impl Context {
    /// Every context, for tests and tools that walk them all.
    pub const ALL: [Context; 27] = [
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
        Context::Review,
        Context::ReviewChooser,
        Context::Privacy,
        Context::MergeCopy,
        Context::Agreement,
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
    /// Erase a respondent everywhere (personal data).
    Erase,
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
    /// Start a follow-up of the selected interview in the next round.
    FollowUp,
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
    /// Puts the selected turn under a question chosen from a list.
    Assign,
    /// Marks the selected turn as the one asking a question chosen from a list.
    Asks,
    /// Puts the selected turn outside the guide.
    Outside,
    /// Agreement between coders (from the Summary tab).
    Agreement,
    /// Marks a disagreement between coders settled, or open again.
    Settle,
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
const fn shift_code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::SHIFT)
}

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        // A key written with Shift (Shift+↑) needs it; one written without takes it or not.
        if self.1.contains(KeyModifiers::SHIFT) && !event.modifiers.contains(KeyModifiers::SHIFT) {
            return false;
        }
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
    /// What the binding does; `None` for a key that shares the line of the one above it
    /// ("1–4": only the first names the four tabs).
    pub text: Option<S>,
    /// Shown in the footer (the most useful ones); all are in the help.
    pub footer: bool,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &'static str {
        self.text.map_or("", |key| say(lang, key))
    }
}

macro_rules! bind {
    ($label:literal, [$($key:expr),+], $action:expr, -, $footer:literal) => {
        Binding { keys: &[$($key),+], label: $label, action: $action, text: None, footer: $footer }
    };
    ($label:literal, [$($key:expr),+], $action:expr, $text:ident, $footer:literal) => {
        Binding { keys: &[$($key),+], label: $label, action: $action, text: Some(S::$text), footer: $footer }
    };
}

use Action::*;
use KeyCode::{
    BackTab, Down as KDown, End, Enter, Esc, F, Home, Left as KLeft, PageDown as KPageDown,
    PageUp as KPageUp, Right as KRight, Tab as KTab, Up as KUp,
};

#[rustfmt::skip]
const MOVE: [Binding; 4] = [
    bind!("↑↓/jk", [code(KUp), k('k')], Up, KeyMoveSelection, false),
    bind!("↑↓/jk", [code(KDown), k('j')], Down, KeyDown, false),
    bind!("PgUp/PgDn", [code(KPageUp), ctrl('u')], PageUp, KeyPageUpDown, false),
    bind!("PgUp/PgDn", [code(KPageDown), ctrl('d')], PageDown, KeyPageDown, false),
];

#[rustfmt::skip]
const TOP_BOTTOM: [Binding; 2] = [
    bind!("g/G", [code(Home), k('g')], Top, KeyFirstLast, false),
    bind!("g/G", [code(End), k('G')], Bottom, KeyLast, false),
];

#[rustfmt::skip]
const HELP: Binding = bind!("?", [k('?'), code(F(1))], Help, KeyHelp, true);

/// Help in a text box, where `?` is typed.
#[rustfmt::skip]
const F1_HELP: Binding = bind!("F1", [code(F(1))], Help, KeyHelp, false);

#[rustfmt::skip]
static GLOBAL: &[Binding] = &[
    bind!("1–4", [k('1')], Tab(0), KeyTabs, false),
    bind!("1–4", [k('2')], Tab(1), -, false),
    bind!("1–4", [k('3')], Tab(2), -, false),
    bind!("1–4", [k('4')], Tab(3), -, false),
    HELP,
    bind!("q", [k('q'), ctrl('c')], Quit, KeyQuit, true),
];

#[rustfmt::skip]
static WELCOME: &[Binding] = &[
    MOVE[0],
    MOVE[1],
    bind!("Enter", [code(Enter)], Open, KeyOpen, true),
    bind!("n", [k('n')], New, KeyNewProject, true),
    bind!("d", [k('d')], Demo, KeyOpenDemoProject, true),
    HELP,
    bind!("q", [k('q'), ctrl('c')], Quit, KeyQuit, true),
];

#[rustfmt::skip]
static INTERVIEWS: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, KeyOpenInterview, true),
    bind!("n", [k('n')], New, KeyNewInterview, true),
    bind!("/", [k('/')], Filter, KeyFilter, true),
    bind!("s", [k('s')], SortNext, KeySortNextColumn, true),
    bind!("S", [k('S')], SortReverse, KeyReverseSort, false),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, KeyDeleteInterview, false),
    bind!("r", [k('r')], Respondents, RespondentMany, true),
    bind!("p", [k('p')], Setup, KeyProjectTitleGuideAttributes, true),
    bind!("i", [k('i')], Import, KeyImportTranscript, false),
    bind!("P", [k('P')], Privacy, KeyPersonalDataTexts, false),
    bind!("M", [k('M')], Merge, KeyMergeCopy, false),
    bind!("f", [k('f')], FollowUp, KeyFollowUp, false),
    bind!("Esc", [code(Esc)], Back, KeyClearFilter, false),
];

#[rustfmt::skip]
static CAPTURE: &[Binding] = &[
    bind!("↑↓/jk", [code(KUp), k('k')], PrevQuestion, KeyPreviousNextQuestion, false),
    bind!("↑↓/jk", [code(KDown), k('j')], NextQuestion, KeyPreviousNextQuestion, true),
    bind!("Tab", [code(KTab), ctrl_code(KDown)], NextQuestion, KeyNextQuestion, false),
    bind!("S-Tab", [code(BackTab), ctrl_code(KUp)], PrevQuestion, KeyPreviousQuestion, false),
    bind!("Enter/i", [code(Enter), k('i')], Edit, KeyWriteAnswer, true),
    bind!("c", [k('c')], Code, KeyCodeAnswer, true),
    bind!("C", [k('C')], Codings, KeyAnswersCodingsMemos, true),
    bind!("1–9", [k('1')], Value(1), KeyChooseValueOption, true),
    bind!("1–9", [k('2')], Value(2), -, false),
    bind!("1–9", [k('3')], Value(3), -, false),
    bind!("1–9", [k('4')], Value(4), -, false),
    bind!("1–9", [k('5')], Value(5), -, false),
    bind!("1–9", [k('6')], Value(6), -, false),
    bind!("1–9", [k('7')], Value(7), -, false),
    bind!("1–9", [k('8')], Value(8), -, false),
    bind!("1–9", [k('9')], Value(9), -, false),
    bind!("0", [k('0')], ClearValue, KeyClearValue, false),
    bind!("u", [k('u')], Undo, KeyUndoCoding, false),
    bind!("Ctrl-r", [ctrl('r')], Redo, KeyRedo, false),
    bind!("e", [k('e')], Details, KeyInterviewDetails, true),
    bind!("m", [k('m')], ToggleComplete, KeyMarkCompleteDraft, true),
    bind!("Esc/q", [code(Esc), k('q')], Back, KeyBack, true),
    HELP,
];

#[rustfmt::skip]
static EDITOR: &[Binding] = &[
    bind!("Esc", [code(Esc)], Back, KeyLeaveText, true),
    bind!("Ctrl-k", [ctrl('k')], Code, KeyCodeSelectionAnswer, true),
    bind!("Tab", [code(KTab), ctrl_code(KDown)], NextQuestion, KeyNextQuestion, true),
    bind!("S-Tab", [code(BackTab), ctrl_code(KUp)], PrevQuestion, KeyPreviousQuestion, true),
    bind!("Ctrl-z", [ctrl('z')], Undo, KeyUndoTypingWordWord, false),
    bind!("Ctrl-y", [ctrl('y')], Redo, KeyRedoTyping, false),
    F1_HELP,
];

#[rustfmt::skip]
static RESPONDENTS: &[Binding] = &[
    MOVE[0], MOVE[1], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter), k('e')], Edit, KeyEdit, true),
    bind!("n", [k('n')], New, KeyNewRespondent, true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, KeyDelete, true),
    bind!("E", [k('E')], Erase, KeyEraseEverywhere, false),
    bind!("Esc/q", [code(Esc), k('q')], Back, KeyBack, true),
    HELP,
];

#[rustfmt::skip]
static PRIVACY: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, KeyOpenAnswer, true),
    bind!("a", [k('a')], NotPersonal, KeyNotPersonalDataRemembered, true),
    bind!("n", [k('n')], AddName, KeyAddNamePseudonymList, true),
    bind!("E", [k('E')], Erase, KeyErasePerson, false),
    bind!("Esc/q", [code(Esc), k('q')], Back, KeyBack, true),
    HELP,
];

#[rustfmt::skip]
static SETUP: &[Binding] = &[
    MOVE[0], MOVE[1], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Tab", [code(KTab), code(BackTab)], SwitchList, KeySwitchBetweenQuestionsAttributes, true),
    bind!("Enter", [code(Enter), k('e')], Edit, KeyEdit, true),
    bind!("a", [k('a'), k('n')], New, KeyAdd, true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, KeyRemove, true),
    bind!("K/J", [k('K'), ctrl_code(KUp)], MoveUp, KeyMoveUpDown, true),
    bind!("K/J", [k('J'), ctrl_code(KDown)], MoveDown, KeyMoveDown, false),
    bind!("v", [k('v')], Merge, KeyMergeTwoValuesAttribute, true),
    bind!("t", [k('t')], Details, KeyChangeProjectTitle, true),
    bind!("Esc/q", [code(Esc), k('q')], Back, KeyBack, true),
    HELP,
];

#[rustfmt::skip]
static CONFIRM: &[Binding] = &[
    bind!("←→/Tab", [code(KLeft), k('h')], Left, KeyChooseButton, true),
    bind!("←→/Tab", [code(KRight), k('l')], Right, KeyChooseButton, false),
    bind!("←→/Tab", [code(KTab), code(BackTab)], NextField, KeyChooseButton, false),
    bind!("Enter", [code(Enter)], Confirm, KeyChosenButton, true),
    bind!("Esc", [code(Esc)], Back, KeyCancel, true),
];

#[rustfmt::skip]
static FORM: &[Binding] = &[
    bind!("Tab/↓", [code(KTab), code(KDown)], NextField, KeyNextField, true),
    bind!("S-Tab/↑", [code(BackTab), code(KUp)], PrevField, KeyPreviousField, false),
    bind!("Enter", [code(Enter)], Confirm, KeySave, true),
    bind!("Esc", [code(Esc)], Back, KeyCancel, true),
    F1_HELP,
];

#[rustfmt::skip]
static PICKER: &[Binding] = &[
    bind!("↑↓", [code(KUp)], Up, KeyMoveSelection, false),
    bind!("↑↓", [code(KDown), code(KTab)], Down, KeyDown, false),
    bind!("PgUp/PgDn", [code(KPageUp)], PageUp, KeyPageUpDown, false),
    bind!("PgUp/PgDn", [code(KPageDown)], PageDown, KeyPageDown, false),
    bind!("Enter", [code(Enter)], Open, KeyChoose, true),
    bind!("Esc", [code(Esc)], Back, KeyCancel, true),
    F1_HELP,
];

#[rustfmt::skip]
static INTERVIEW_FILTER: &[Binding] = &[
    bind!("↑↓", [code(KUp)], Up, KeyMoveSelection, false),
    bind!("↑↓", [code(KDown)], Down, KeyDown, false),
    bind!("Enter", [code(Enter)], Confirm, KeyKeepFilter, true),
    bind!("Esc", [code(Esc)], Back, KeyClearFilter, true),
    F1_HELP,
];

#[rustfmt::skip]
static SEARCH_BOX: &[Binding] = &[
    bind!("Enter", [code(Enter)], Open, KeyOpenAnswer, true),
    bind!("↑↓", [code(KUp)], Up, KeyChooseHit, false),
    bind!("↑↓", [code(KDown)], Down, KeyDown, false),
    bind!("F2", [code(F(2))], Code, KeyFilterCode, true),
    bind!("F3", [code(F(3))], AttributeFilter, KeyFilterAttribute, true),
    bind!("F4", [code(F(4))], ClearFilters, KeyClearFilters, false),
    bind!("Ctrl-u", [ctrl('u')], ClearText, KeyEmptySearchBox, false),
    bind!("Esc", [code(Esc)], Back, KeyLeaveSearchBox, true),
    F1_HELP,
];

#[rustfmt::skip]
static HELP_OVERLAY: &[Binding] = &[
    bind!("Esc", [code(Esc), k('q'), k('?'), code(F(1)), code(Enter)], Back, KeyCloseHelp, true),
];

#[rustfmt::skip]
static TOO_SMALL: &[Binding] = &[
    bind!("q", [k('q'), ctrl('c')], Quit, KeyQuitEverythingKept, true),
];

#[rustfmt::skip]
static SUMMARY: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3],
    bind!("g", [k('g')], Group, KeySplitNextAttribute, true),
    bind!("←→", [code(KLeft), k('h')], Left, KeyChooseColumnGroup, false),
    bind!("←→", [code(KRight), k('l')], Right, KeyChooseColumnGroup, false),
    bind!("Enter", [code(Enter)], Open, KeyPassagesBehindCell, true),
    bind!("Tab", [code(KTab), code(BackTab)], SwitchList, KeySwitchViewNeedsCoOccurrence, true),
    bind!("f", [k('f')], CoderFilter, KeyCountOneCoderAll, false),
    bind!("s", [k('s')], StatusFilter, KeyCompleteInterviewsOnlyAll, false),
    bind!("p", [k('p')], Pseudonyms, KeyPseudonymsNames, false),
    bind!("x", [k('x')], Export, KeyExportXlsxMdCsvJson, true),
    bind!("a", [k('a')], Agreement, KeyAgreementBetweenCoders, false),
];

// Agreement between coders.
#[rustfmt::skip]
static AGREEMENT: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, KeyAgreementOpen, true),
    bind!("Tab", [code(KTab), code(BackTab)], SwitchList, KeyAgreementSwitch, false),
    bind!("s", [k('s')], Settle, KeyAgreementSettle, true),
    bind!("Esc/q", [code(Esc), k('q')], Back, KeyBack, true),
    HELP,
];

#[rustfmt::skip]
static DRILL: &[Binding] = &[
    MOVE[0], MOVE[1],
    bind!("Enter", [code(Enter)], Open, KeyOpenAnswer, true),
    bind!("Esc", [code(Esc), k('q')], Back, KeyClose, true),
    HELP,
];

#[rustfmt::skip]
static SEARCH: &[Binding] = &[
    bind!("/", [k('/'), k('i')], Filter, KeyTypeSearchBox, true),
    MOVE[0], MOVE[1],
    bind!("Enter", [code(Enter)], Open, KeyOpenAnswer, true),
    bind!("c/F2", [k('c'), code(F(2))], Code, KeyFilterCode, true),
    bind!("a/F3", [k('a'), code(F(3))], AttributeFilter, KeyFilterAttributeCycle, true),
    bind!("x/F4", [k('x'), code(F(4))], ClearFilters, KeyClearFilters, false),
];

#[rustfmt::skip]
static CODEBOOK: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, KeyEveryPassageCode, true),
    bind!("a", [k('a')], New, KeyNewCode, true),
    bind!("A", [k('A')], NewChild, KeyNewSubcode, false),
    bind!("e", [k('e')], Edit, KeyEditCode, true),
    bind!("m", [k('m')], Move, KeyMoveUnderAnotherCode, false),
    bind!("M", [k('M')], Merge, KeyMergeIntoAnotherCode, true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, KeyDeleteCode, false),
    bind!("f", [k('f')], CoderFilter, KeyCountOneCoderAll, false),
    bind!("K", [k('K')], CoderName, KeyYourCoderName, false),
    bind!("D", [k('D')], MakeDefault, KeyUseThisCodebookNewProjects, false),
    bind!("u", [k('u')], Undo, KeyUndo, true),
    bind!("Ctrl-r", [ctrl('r')], Redo, KeyRedo, false),
];

#[rustfmt::skip]
static RETRIEVAL: &[Binding] = &[
    MOVE[0], MOVE[1], MOVE[2], MOVE[3], TOP_BOTTOM[0], TOP_BOTTOM[1],
    bind!("Enter", [code(Enter)], Open, KeyOpenAnswer, true),
    bind!("f", [k('f')], CoderFilter, KeyFilterCoder, true),
    bind!("a", [k('a')], AttributeFilter, KeyFilterAttribute, true),
    bind!("Esc/q", [code(Esc), k('q')], Back, KeyBackCodebook, true),
    HELP,
];

#[rustfmt::skip]
static CODINGS: &[Binding] = &[
    MOVE[0], MOVE[1],
    bind!("Enter", [code(Enter)], Edit, KeyWriteMemo, true),
    bind!("d", [k('d'), code(KeyCode::Delete)], Delete, KeyRemoveCoding, true),
    bind!("u", [k('u')], Undo, KeyUndo, true),
    bind!("Ctrl-r", [ctrl('r')], Redo, KeyRedo, false),
    bind!("Esc", [code(Esc)], Back, KeyClose, true),
    HELP,
];

#[rustfmt::skip]
static CONFLICT: &[Binding] = &[
    bind!("←", [code(KLeft), k('h'), code(BackTab)], Left, KeyPreviousChoice, false),
    bind!("→", [code(KeyCode::Right), k('l'), code(KeyCode::Tab)], Right, KeyNextChoice, false),
    bind!("Enter", [code(Enter)], Confirm, KeyConfirmSelectedChoice, true),
    bind!("↑", [code(KeyCode::Up), k('k')], Up, KeyScrollTextsUp, false),
    bind!("↓", [code(KDown), k('j')], Down, KeyScrollTextsDown, false),
    bind!("1", [k('1')], Choose(0), KeyKeepBothYourTextAfter, true),
    bind!("2", [k('2')], Choose(1), KeyKeepYourVersion, true),
    bind!("3", [k('3')], Choose(2), KeyKeepFilesVersion, true),
];

/// A colleague's copy: each conflict decided, then merged or cancelled.
#[rustfmt::skip]
static MERGE_COPY: &[Binding] = &[
    MOVE[0], MOVE[1],
    bind!("m", [k('m')], Choose(1), KeyMergeKeepMine, true),
    bind!("t", [k('t')], Choose(2), KeyMergeKeepTheirs, true),
    bind!("b", [k('b')], Choose(0), KeyMergeKeepBoth, true),
    bind!("Enter", [code(Enter)], Confirm, KeyMergeApply, true),
    bind!("Esc", [code(Esc)], Back, KeyMergeCancel, false),
    HELP,
];

/// Shift+↑/↓ come before ↑/↓: a binding without Shift also takes the key with it.
#[rustfmt::skip]
static REVIEW: &[Binding] = &[
    // Help first: the footer keeps what fits, and at 80 columns the last hints go.
    bind!("F1", [code(F(1))], Help, KeyHelp, true),
    bind!("Enter", [code(Enter)], Confirm, KeyImport, true),
    bind!("Esc", [code(Esc)], Back, KeyCancel, true),
    bind!("a", [k('a')], Assign, KeyToQuestion, true),
    bind!("o", [k('o')], Outside, KeyOutsideGuide, true),
    bind!("K/J", [k('K'), shift_code(KUp)], MoveUp, KeyPartAboveBelow, true),
    bind!("K/J", [k('J'), shift_code(KDown)], MoveDown, KeyPartBelow, false),
    bind!("f", [k('f')], Asks, KeyAsksQuestion, true),
    bind!("u", [k('u')], Undo, KeyUndo, true),
    bind!("↑/k", [code(KUp), k('k')], Up, KeyPreviousTurn, false),
    bind!("↓/j", [code(KDown), k('j')], Down, KeyNextTurn, false),
    bind!("PgUp", [code(KPageUp)], PageUp, KeyReviewPageUp, false),
    bind!("PgDn", [code(KPageDown)], PageDown, KeyReviewPageDown, false),
];

#[rustfmt::skip]
static REVIEW_CHOOSER: &[Binding] = &[
    bind!("↑↓/jk", [code(KUp), k('k')], Up, KeyChooseQuestion, true),
    bind!("↑↓/jk", [code(KDown), k('j')], Down, KeyDown, false),
    bind!("Enter", [code(Enter)], Confirm, KeyChoose, true),
    bind!("Esc", [code(Esc)], Back, KeyCancel, true),
    F1_HELP,
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
        Context::Review => REVIEW,
        Context::ReviewChooser => REVIEW_CHOOSER,
        Context::Privacy => PRIVACY,
        Context::MergeCopy => MERGE_COPY,
        Context::Agreement => AGREEMENT,
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
    match context {
        Context::Editor => vec![
            ("←→ ↑↓", say(lang, S::KeyMoveCursorCtrlWord)),
            ("Home/End", say(lang, S::KeyStartEndLineCtrlWhole)),
            ("Shift+pil", say(lang, S::KeySelectText)),
            ("Enter", say(lang, S::KeyNewLine)),
            ("1–9", say(lang, S::KeyScaleChoiceQuestionCommentEmpty)),
            (
                say(lang, S::KeyBackspaceDel),
                say(lang, S::KeyDeleteCharacter),
            ),
        ],
        Context::Form => vec![
            ("←→", say(lang, S::KeyMoveCursorChangeChoiceField)),
            (
                say(lang, S::KeyBackspaceDel),
                say(lang, S::KeyDeleteCharacter),
            ),
        ],
        Context::InterviewFilter | Context::Picker | Context::CodePicker | Context::SearchBox => {
            vec![
                (say(lang, S::KeyLetters), say(lang, S::KeyTypeSearch)),
                (say(lang, S::KeyBackspace), say(lang, S::KeyDeleteCharacter)),
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
