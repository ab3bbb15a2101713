//! The interface's words, one table per language: `sv.rs` and `en.rs` give every key of [`S`]
//! its text, so a translator works in one file, and a key left out of either does not compile.
//! Counts take the right form of the noun with [`plural`].

mod en;
mod sv;

use std::fmt::Display;

use crate::model::Lang;

/// Declares the keys and the list of them all (which the tests walk).
macro_rules! keys {
    ($($key:ident,)*) => {
        /// A piece of interface text; [`say`] gives it in a language. Keys are grouped by the
        /// screen that first uses them, in the same order in both language files.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S {
            $($key,)*
        }

        impl S {
            /// Every key, for the test that each has a text in both languages.
            #[cfg(test)]
            const ALL: &[S] = &[$(S::$key,)*];
        }
    };
}

keys! {
    // view
    TabInterviews,
    TabCodebook,
    TabSearch,
    TabSummary,
    PlaceInterview,
    PlaceRespondents,
    PlaceProject,
    PlaceCodedPassages,
    ReadOnlyBadge,
    HelpThisScreen,
    HelpInTheText,
    HelpEverythingIsKept,
    HelpTitle,
    ButtonDelete,
    ButtonRemove,
    ButtonMerge,
    ButtonDeleteCode,
    ButtonMarkComplete,
    ButtonQuitAnyway,
    ButtonErase,
    ButtonCancel,
    ConfirmTitle,
    // welcome
    NewProject,
    Folder,
    EGBehovRegion2026,
    ProjectTitle,
    OpenProject,
    FolderProjectJson,
    GiveFolderProject,
    GiveTitle,
    NeedsAnalysesTerminalInterviewCode,
    ChooseEnter,
    Open,
    OpenAnotherFolder,
    OpenDemoProject24Interviews,
    CreateNewProject,
    // interviews
    NotRecorded,
    Given,
    Interviewer,
    Date,
    Mode,
    Consent,
    SayWhoInterviewing,
    NewInterview,
    InterviewWasDeleted,
    FilterLabel,
    NoInterviewsYetPressN,
    NoInterviewsMatchFilterEsc,
    // capture
    AnswerHasNoCodingsYet,
    ThisQuestionAnsweredTextPress,
    ValueOutsideScale,
    ThereNoSuchOption,
    ConsentDate,
    ConsentNote,
    Organisations,
    SeveralTableSeparate,
    InterviewDetails,
    GiveLeastOneOrganisation,
    // capture/draw
    OutsideGuide,
    WhatBelongsNoQuestionNotes,
    ConsentOn,
    ConsentGiven,
    ConsentNotRecorded,
    StateReadOnly,
    StateInJournal,
    StateSaved,
    ValueLabel,
    CodesLabel,
    AnswerTitle,
    CommentTitle,
    OutsideGuideTitle,
    NoAnswerYet,
    TypeDigitValueComment,
    // capture/editing
    PressEnterWriteAnswerBefore,
    NoTypingRedo,
    NoTypingUndo,
    // capture/codings
    AnswerEmptyWriteFirst,
    Memo,
    RemovedCoding,
    MemoChange,
    AnswersCodingsTitle,
    WholeAnswer,
    // code_picker
    CodePassageTitle,
    CodeAnswerTitle,
    MoveUnderTitle,
    MergeIntoTitle,
    FilterCodeTitle,
    Recent,
    TopLevel,
    NoCodeMatches,
    // respondents
    Dash,
    Woman,
    Man,
    Other,
    Organisation,
    NewPersonalData,
    ClearNameRemove,
    Role,
    Gender,
    EMail,
    Phone,
    EditRespondent,
    NewRespondent,
    GiveOrganisationsName,
    RespondentWasDeleted,
    EraseRespondentQuestion,
    ErasePersonQuestion,
    EraseOnlyNames,
    EraseNothingToSay,
    Erased,
    ErasedWithTraces,
    EraseReadOnly,
    EraseUnsaved,
    NoRespondentsYetPressN,
    NewInterviewWhoInterviewedTitle,
    PickerNewRespondent,
    // setup
    ProjectHeading,
    Description,
    TitleCannotEmpty,
    EditQuestion,
    NewQuestion,
    QuestionSwedish,
    QuestionEnglish,
    HelpTextSv,
    HelpTextEn,
    Kind,
    Scale,
    ScaleHint,
    ScaleLabels,
    Separated,
    Options,
    ChoiceQuestionsSeparated,
    WriteQuestion,
    QuestionHasAnswersKindCannot,
    WriteScaleFromTo,
    GiveOptionsSeparated,
    EditAttribute,
    NewAttribute,
    NameSwedish,
    NameEnglish,
    AllowedValues,
    SeparatedEmptyAnyText,
    AttributeHasFewerThanTwo,
    TheValue,
    Becomes,
    ChooseTwoDifferentValues,
    GiveAttributesName,
    TChangesTheTitle,
    InterviewGuideTitle,
    RespondentAttributesTitle,
    EmptyAdds,
    // codebook
    Definition,
    UseWhen,
    DoNotUseWhen,
    Example,
    WhoCodingNameStoredEvery,
    YourCoderName,
    Coder,
    StoredEveryCoding,
    GiveName,
    NewCodeCode,
    EditCode,
    NewCodeUnder,
    NewCode,
    LabelSwedish,
    LabelEnglish,
    DefinitionSv,
    DefinitionEn,
    Colour,
    GiveSwedishLabel,
    WriteColourRrggbbEG,
    EditedCode,
    MovedCode,
    All,
    CodesCount,
    CountingCoder,
    NoCoderNameYetK,
    YouCode,
    CodeColumn,
    PassagesColumn,
    AnswersColumn,
    RespondentsColumn,
    EnterEveryPassageTitle,
    // retrieval
    CoderF,
    Attribute,
    NoCodedPassagesTheseFilters,
    QuestionPrefix,
    OutsideGuideLower,
    // search
    SearchLabel,
    SlashToType,
    FiltersLabel,
    NoneF2CodeF3Attribute,
    CodePrefix,
    Notes,
    OpeningSearchIndex,
    TypeWordsAllMustOccur,
    DidYouMean,
    NoteLabel,
    // summary
    ExportSummary,
    Format,
    File,
    GiveFile,
    NoneChosen,
    ViewTab,
    SplitG,
    InterviewsS,
    CompleteOnly,
    NamesP,
    Pseudonyms,
    Real,
    NoQuotesThisNeed,
    Quotes,
    EveryPassage,
    PairsNeedsRaisedSameAnswer,
    AnswersLower,
    InterviewsLower,
    Mean,
    Median,
    EnterOpenAnswerEscCloseTitle,
    NoPassages,
    // conflict
    KeepBoth,
    KeepMine,
    KeepFiles,
    YourVersionTitle,
    FilesVersionTitle,
    QuestionLower,
    NotesLower,
    FileWasChangedOutsideBehov,
    // import
    ImportTranscript,
    DocxVttSrtTxtMd,
    ThereNoSuchFile,
    NothingWasImported,
    // review
    ReviewImport,
    QuestionsFound,
    Turns,
    WordsNeverChangeHereOnly,
    GuideTitle,
    TranscriptTitle,
    UnknownSpeaker,
    WhichQuestionDoesTurnAskTitle,
    WhereDoesTurnBelongTitle,
    // counts (one, many) and sentences with values: {name} is filled in
    InterviewOne,
    InterviewMany,
    CompleteOne,
    CompleteMany,
    DraftOne,
    DraftMany,
    CodingOne,
    CodingMany,
    RespondentOne,
    RespondentMany,
    AnswerOne,
    AnswerMany,
    GuideAnswered,
    QuestionOf,
    DigitsChooseValue,
    DigitsChooseOption,
    MoreAbove,
    MoreLines,
    TooSmall,
    DraftsCounted,
    DraftsLeftOut,
    Coverage,
    ConflictTitle,
    CodingsFrom,
    IndexProgress,
    SearchCounts,
    BestShown,
    NeedColumn,
    OrgsColumn,
    ShareColumn,
    AllGroups,
    // capture: status lines and questions
    ValueChosen,
    ValueCleared,
    NoOptionChosen,
    QuestionValue,
    MarkCompleteAnyway,
    MarkedComplete,
    DraftAgain,
    ChangedInterviewer,
    ChangedDate,
    ChangedMode,
    ChangedConsent,
    ChangedOrganisations,
    NothingChanged,
    ChangedThe,
    NoRespondentCalled,
    FitsSeveralRespondents,
    CodingWith,
    ThePassage,
    TheAnswer,
    ThePartOutside,
    CodedWith,
    RemovedFrom,
    PassageRemovedWithText,
    // undo, read-only, quitting
    NothingToRedo,
    NothingToUndo,
    Undid,
    Redid,
    ReadOnlyBecause,
    QuitLosingCharacters,
    // welcome, interviews, respondents, summary, code picker: sentences with values
    NoProjectIn,
    DeleteInterviewQuestion,
    ContactPersonN,
    ContactPersonOne,
    ContactPersonMany,
    ItOne,
    ItMany,
    RespondentHasInterviews,
    DeleteRespondentQuestion,
    DeleteRespondentWithPeople,
    RespondentsHeading,
    SummaryFileName,
    ExportFolderHint,
    NewCodeNamed,
    // codebook, setup, import: sentences with values (…One/…Many where the grammar follows the count)
    MergeCodesQuestion,
    DeleteCodeQuestion,
    SubcodesMoveUp,
    MergedCodes,
    DeletedCode,
    RemoveAttributeOne,
    RemoveAttributeMany,
    RemoveQuestionUnanswered,
    RemoveQuestionAnswered,
    MergeValuesOf,
    OrganisationOne,
    OrganisationMany,
    ValueBecame,
    RespelledOne,
    RespelledMany,
    ImportedBefore,
    NothingImportedBecause,
    ImportedAsDraft,
    // names of columns, kinds, statuses, modes and summary sections
    ColumnRespondent,
    ColumnType,
    ColumnMunicipality,
    ColumnDate,
    ColumnInterviewer,
    ColumnStatus,
    ColumnAnswers,
    ColumnCodes,
    KindOpen,
    KindScale,
    KindSingleChoice,
    KindMultipleChoice,
    StatusDraft,
    StatusComplete,
    ModeVideo,
    ModeOnSite,
    ModePhone,
    SectionNeeds,
    SectionCoOccurrence,
    SectionScales,
    // the runner: saving, exports, maintenance
    SavedFile,
    DefaultCodebookSaved,
    CouldNotSave,
    DiskFull,
    OnlyInMemory,
    InTheJournal,
    SavingChange,
    FileOne,
    FileMany,
    ChangeSaved,
    ChangeNotSaved,
    UpdatedByHolder,
    SavedAgain,
    ChangeStillNotSaved,
    // opening a project: read-only, recovery after a crash
    ReadOnlyOpened,
    Recovered,
    JournalLinesDamaged,
    TypedInMissingFile,
    AnswersChangedAfterCrash,
    RecoveredNotSaved,
    // keys: what each binding does, as the footer and the help say it
    KeyMoveSelection,
    KeyDown,
    KeyPageUpDown,
    KeyPageDown,
    KeyFirstLast,
    KeyLast,
    KeyHelp,
    KeyTabs,
    KeyQuit,
    KeyOpen,
    KeyNewProject,
    KeyOpenDemoProject,
    KeyOpenInterview,
    KeyNewInterview,
    KeyFilter,
    KeySortNextColumn,
    KeyReverseSort,
    KeyDeleteInterview,
    KeyProjectTitleGuideAttributes,
    KeyImportTranscript,
    KeyClearFilter,
    KeyPreviousNextQuestion,
    KeyNextQuestion,
    KeyPreviousQuestion,
    KeyWriteAnswer,
    KeyCodeAnswer,
    KeyAnswersCodingsMemos,
    KeyChooseValueOption,
    KeyClearValue,
    KeyUndoCoding,
    KeyRedo,
    KeyInterviewDetails,
    KeyMarkCompleteDraft,
    KeyBack,
    KeyLeaveText,
    KeyCodeSelectionAnswer,
    KeyUndoTypingWordWord,
    KeyRedoTyping,
    KeyEdit,
    KeyNewRespondent,
    KeyDelete,
    KeyEraseEverywhere,
    KeyErasePerson,
    KeySwitchBetweenQuestionsAttributes,
    KeyAdd,
    KeyRemove,
    KeyMoveUpDown,
    KeyMoveDown,
    KeyMergeTwoValuesAttribute,
    KeyChangeProjectTitle,
    KeyChooseButton,
    KeyChosenButton,
    KeyCancel,
    KeyNextField,
    KeyPreviousField,
    KeySave,
    KeyChoose,
    KeyKeepFilter,
    KeyOpenAnswer,
    KeyChooseHit,
    KeyFilterCode,
    KeyFilterAttribute,
    KeyClearFilters,
    KeyEmptySearchBox,
    KeyLeaveSearchBox,
    KeyCloseHelp,
    KeyQuitEverythingKept,
    KeySplitNextAttribute,
    KeyChooseColumnGroup,
    KeyPassagesBehindCell,
    KeySwitchViewNeedsCoOccurrence,
    KeyCountOneCoderAll,
    KeyCompleteInterviewsOnlyAll,
    KeyPseudonymsNames,
    KeyExportXlsxMdCsvJson,
    KeyClose,
    KeyTypeSearchBox,
    KeyFilterAttributeCycle,
    KeyEveryPassageCode,
    KeyNewCode,
    KeyNewSubcode,
    KeyEditCode,
    KeyMoveUnderAnotherCode,
    KeyMergeIntoAnotherCode,
    KeyDeleteCode,
    KeyYourCoderName,
    KeyUseThisCodebookNewProjects,
    KeyUndo,
    KeyFilterCoder,
    KeyBackCodebook,
    KeyWriteMemo,
    KeyRemoveCoding,
    KeyPreviousChoice,
    KeyNextChoice,
    KeyConfirmSelectedChoice,
    KeyScrollTextsUp,
    KeyScrollTextsDown,
    KeyKeepBothYourTextAfter,
    KeyKeepYourVersion,
    KeyKeepFilesVersion,
    KeyImport,
    KeyToQuestion,
    KeyOutsideGuide,
    KeyPartAboveBelow,
    KeyPartBelow,
    KeyAsksQuestion,
    KeyPreviousTurn,
    KeyNextTurn,
    KeyReviewPageUp,
    KeyReviewPageDown,
    KeyChooseQuestion,
    KeyMoveCursorCtrlWord,
    KeyStartEndLineCtrlWhole,
    KeySelectText,
    KeyNewLine,
    KeyScaleChoiceQuestionCommentEmpty,
    KeyBackspaceDel,
    KeyDeleteCharacter,
    KeyMoveCursorChangeChoiceField,
    KeyLetters,
    KeyTypeSearch,
    KeyBackspace,
    // summary: Enter outside the needs view
    DrillOnlyInNeeds,
    // import: reading a transcript on a thread
    ImportAlreadyRunning,
    ReadingFile,
    LayingOntoGuide,
    // opening a large project
    OpeningReading,
    // dates and the search box
    DateFormat,
    NotADate,
    QueryCut,
    // import form
    ByExtension,
    RespondentField,
    ImportRespondentHint,
    ImportInterviewerHint,
    ImportDateHint,
    ReadAs,
    ImportDateInvalid,
    // privacy
    PlacePrivacy,
    // keys: what each binding does, as the footer and the help say it
    KeyPersonalDataTexts,
    KeyNotPersonalDataRemembered,
    KeyAddNamePseudonymList,
    // privacy: personal data in the texts, the scope of a consent
    KnownPersonAlwaysReplaced,
    OnlyNamesToPseudonymList,
    NotPersonalInProject,
    OnPseudonymList,
    PersonalDataFindings,
    NoPersonalDataFound,
    NotAsked,
    Yes,
    No,
    ConsentHow,
    ConsentHowHint,
    QuotesMayBeAttributed,
    QuotesHint,
    RecordingMayBeKept,
    // import review: whom the interview is with
    ReviewWith,
    NewRespondentMark,
    InterviewerLower,
    UnknownPerson,
    NewContactPeople,
    // rounds and participants (issue 15)
    RoundField,
    ParticipantsField,
    ParticipantsHint,
    ContactPeopleAre,
    NotAParticipantList,
    ChangedRound,
    ChangedParticipants,
    KeyFollowUp,
    FollowUpOf,
    NoRoundsForFollowUp,
    PreviousRound,
    PreviousNoAnswer,
    RoundsTitle,
    RoundName,
    RoundStart,
    RoundEnd,
    RoundNameHint,
    OptionalDate,
    GiveRoundName,
    RoundEndsBeforeStart,
    RoundInUse,
    RoundRemoved,
    // programme (issue 15): a programme opened read-only
    ProgrammeReadOnly,
    ProgrammeOpened,
    ProgrammeBadge,
    ProgrammeTabsOnly,
    ProgrammeExport,
    SectionProgramme,
    ProgrammeProjects,
    ProgrammeDifferences,
    ProgrammeNoDifferences,
    ProgrammeProjectLine,
    ProgrammeOwnCodes,
    // agreement between coders
    PlaceAgreement,
    KeyAgreementBetweenCoders,
    KeyAgreementOpen,
    KeyAgreementSwitch,
    KeyAgreementSettle,
    AgreementSettleWhere,
    AgreementSettled,
    AgreementReopened,
    AgreementCode,
    AgreementAnswers,
    AgreementDisagreementsShort,
    AgreementAllCodes,
    AgreementLevelCharacters,
    AgreementLevelAnswers,
    AgreementDisagreementsTitle,
    AgreementNoDisagreements,
    AgreementQuestionShort,
    AgreementOutsideShort,
    AgreementCodeOrNot,
    AgreementOtherPassages,
    AgreementDidNotCode,
    AgreementNotWithCode,
    AgreementCodedChars,
}

/// The text of `key` in `lang`.
pub fn say(lang: Lang, key: S) -> &'static str {
    match lang {
        Lang::Sv => sv::text(key),
        Lang::En => en::text(key),
    }
}

/// The text of `key` in `lang` with each `{name}` replaced by the value given for it, so each
/// language orders the values as its grammar wants.
/// Values are put in once, in one pass: a value holding braces is never read as a name.
pub fn fill(lang: Lang, key: S, values: &[(&str, &dyn Display)]) -> String {
    let mut text = String::new();
    let mut rest = say(lang, key);
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .split_once('}')
            .and_then(|(name, _)| values.iter().find(|(n, _)| *n == name));
        match value {
            Some((name, value)) => {
                text.push_str(&value.to_string());
                rest = &after[name.len() + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// "1 intervju", "3 intervjuer" in `lang`, from the keys of the singular and plural nouns.
pub fn count(lang: Lang, count: usize, one: S, many: S) -> String {
    plural(count, say(lang, one), say(lang, many))
}

/// The count and the singular or plural form, shared with the command line.
pub use crate::words::plural;

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}`s of a text.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn both_languages_fill_in_the_same_values() {
        for key in S::ALL {
            assert_eq!(
                placeholders(say(Lang::Sv, *key)),
                placeholders(say(Lang::En, *key)),
                "{key:?}"
            );
        }
        let text = fill(Lang::En, S::QuestionOf, &[("n", &3), ("total", &12)]);
        assert_eq!(text, "Question 3 of 12");
        let braces = fill(Lang::Sv, S::MoreLines, &[("n", &"{n}")]);
        assert_eq!(braces, " ↓ {n} rader till ");
        assert_eq!(
            count(Lang::Sv, 1, S::InterviewOne, S::InterviewMany),
            "1 intervju"
        );
    }

    #[test]
    fn every_key_has_a_text_in_both_languages() {
        for key in S::ALL {
            for lang in [Lang::Sv, Lang::En] {
                assert!(!say(lang, *key).trim().is_empty(), "{key:?} in {lang:?}");
            }
        }
    }
}
