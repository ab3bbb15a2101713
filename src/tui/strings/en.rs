//! The interface in English: one line per key of [`S`], grouped by screen. Padding spaces
//! at either end are part of the text (block titles are drawn as " Titel ").

use super::S;

pub(super) fn text(key: S) -> &'static str {
    match key {
        // view
        S::TabInterviews => "Interviews",
        S::TabCodebook => "Codebook",
        S::TabSearch => "Search",
        S::TabSummary => "Summary",
        S::PlaceInterview => "› interview",
        S::PlaceRespondents => "› respondents",
        S::PlaceProject => "› project",
        S::PlaceCodedPassages => "› coded passages",
        S::ReadOnlyBadge => "  READ-ONLY",
        S::HelpThisScreen => "This screen",
        S::HelpInTheText => "In the text",
        S::HelpEverythingIsKept => {
            "Everything you type is kept as you type; there is no need to save."
        }
        S::HelpTitle => " Help ",
        S::ButtonDelete => "Delete",
        S::ButtonRemove => "Remove",
        S::ButtonMerge => "Merge",
        S::ButtonDeleteCode => "Delete",
        S::ButtonMarkComplete => "Mark complete",
        S::ButtonQuitAnyway => "Quit anyway",
        S::ButtonCancel => "Cancel",
        S::ConfirmTitle => " Confirm ",
        // welcome
        S::NewProject => "New project",
        S::Folder => "Folder",
        S::EGBehovRegion2026 => "e.g. ~/behov/region-2026",
        S::ProjectTitle => "Title",
        S::OpenProject => "Open a project",
        S::FolderProjectJson => "the folder with project.json",
        S::GiveFolderProject => "Give a folder for the project.",
        S::GiveTitle => "Give a title.",
        S::NeedsAnalysesTerminalInterviewCode => {
            "Needs analyses in the terminal: interview, code, search and summarise."
        }
        S::ChooseEnter => "Choose with ↑↓ and Enter:",
        S::Open => "Open",
        S::OpenAnotherFolder => "Open another folder…",
        S::OpenDemoProject24Interviews => "Open the demo project (24 interviews)",
        S::CreateNewProject => "Create a new project…",
        // interviews
        S::NotRecorded => "not recorded",
        S::Given => "given",
        S::Interviewer => "Interviewer",
        S::Date => "Date",
        S::Mode => "Mode",
        S::Consent => "Consent",
        S::SayWhoInterviewing => "Say who is interviewing.",
        S::NewInterview => "New interview",
        S::InterviewWasDeleted => "The interview was deleted.",
        S::FilterLabel => "Filter: ",
        S::NoInterviewsYetPressN => "No interviews yet. Press n to start the first one.",
        S::NoInterviewsMatchFilterEsc => "No interviews match the filter. Esc clears it.",
        // capture
        S::AnswerHasNoCodingsYet => "The answer has no codings yet: c codes it.",
        S::ThisQuestionAnsweredTextPress => {
            "This question is answered in text: press Enter to write."
        }
        S::ValueOutsideScale => "The value is outside the scale.",
        S::ThereNoSuchOption => "There is no such option.",
        S::ConsentDate => "Consent date",
        S::ConsentNote => "Consent note",
        S::Organisations => "Organisations",
        S::SeveralTableSeparate => "several at the table: separate with ;",
        S::InterviewDetails => "Interview details",
        S::GiveLeastOneOrganisation => "Give at least one organisation.",
        // capture/draw
        S::OutsideGuide => "Outside the guide",
        S::WhatBelongsNoQuestionNotes => {
            "What belongs to no question: notes, the start of a transcript, digressions. Coded and searched like an answer."
        }
        S::ConsentOn => "consent",
        S::ConsentGiven => "consent given",
        S::ConsentNotRecorded => "consent not recorded",
        S::StateReadOnly => " · read-only",
        S::StateInJournal => " · in the journal",
        S::StateSaved => " · saved",
        S::ValueLabel => "Value: ",
        S::CodesLabel => "Codes: ",
        S::AnswerTitle => " Answer ",
        S::CommentTitle => " Comment ",
        S::OutsideGuideTitle => " Outside the guide ",
        S::NoAnswerYet => "(no answer yet)",
        S::TypeDigitValueComment => "Type a digit for the value, or a comment.",
        // capture/editing
        S::PressEnterWriteAnswerBefore => "Press Enter to write in the answer before pasting.",
        S::NoTypingRedo => "No typing to redo.",
        S::NoTypingUndo => "No typing to undo.",
        // capture/codings
        S::AnswerEmptyWriteFirst => "The answer is empty: write it first.",
        S::Memo => "Memo",
        S::RemovedCoding => "removed coding",
        S::MemoChange => "memo",
        S::AnswersCodingsTitle => " The answer's codings ",
        S::WholeAnswer => "■ whole answer",
        // code_picker
        S::CodePassageTitle => " Code the passage ",
        S::CodeAnswerTitle => " Code the answer ",
        S::MoveUnderTitle => " Move under… ",
        S::MergeIntoTitle => " Merge into… ",
        S::FilterCodeTitle => " Filter by code ",
        S::Recent => "  recent",
        S::TopLevel => "(top level)",
        S::NoCodeMatches => "No code matches.",
        // respondents
        S::Dash => "–",
        S::Woman => "woman",
        S::Man => "man",
        S::Other => "other",
        S::Organisation => "Organisation",
        S::NewPersonalData => "new; personal data",
        S::ClearNameRemove => "clear the name to remove",
        S::Role => "  Role",
        S::Gender => "  Gender",
        S::EMail => "  E-mail",
        S::Phone => "  Phone",
        S::EditRespondent => "Edit respondent",
        S::NewRespondent => "New respondent",
        S::GiveOrganisationsName => "Give the organisation's name.",
        S::RespondentWasDeleted => "The respondent was deleted.",
        S::NoRespondentsYetPressN => "No respondents yet. Press n to add one.",
        S::NewInterviewWhoInterviewedTitle => " New interview: who is interviewed? ",
        S::PickerNewRespondent => "+ New respondent…",
        // setup
        S::ProjectHeading => "The project",
        S::Description => "Description",
        S::TitleCannotEmpty => "The title cannot be empty.",
        S::EditQuestion => "Edit question",
        S::NewQuestion => "New question",
        S::QuestionSwedish => "Question (Swedish)",
        S::QuestionEnglish => "Question (English)",
        S::HelpTextSv => "Help text (sv)",
        S::HelpTextEn => "Help text (en)",
        S::Kind => "Kind",
        S::Scale => "Scale",
        S::ScaleHint => "for scale questions, e.g. 1-5",
        S::ScaleLabels => "Scale labels",
        S::Separated => "separated by ;",
        S::Options => "Options",
        S::ChoiceQuestionsSeparated => "for choice questions, separated by ;",
        S::WriteQuestion => "Write the question.",
        S::QuestionHasAnswersKindCannot => {
            "The question has answers: its kind cannot change. Add a new question instead."
        }
        S::WriteScaleFromTo => "Write the scale as from-to, e.g. 1-5 (at most 10).",
        S::GiveOptionsSeparated => "Give the options, separated by ;.",
        S::EditAttribute => "Edit attribute",
        S::NewAttribute => "New attribute",
        S::NameSwedish => "Name (Swedish)",
        S::NameEnglish => "Name (English)",
        S::AllowedValues => "Allowed values",
        S::SeparatedEmptyAnyText => "separated by ;, empty = any text",
        S::AttributeHasFewerThanTwo => "The attribute has fewer than two values to merge.",
        S::TheValue => "The value",
        S::Becomes => "becomes",
        S::ChooseTwoDifferentValues => "Choose two different values.",
        S::GiveAttributesName => "Give the attribute's name.",
        S::TChangesTheTitle => "   t changes the title",
        S::InterviewGuideTitle => " Interview guide ",
        S::RespondentAttributesTitle => " Respondent attributes ",
        S::EmptyAdds => "(empty) a adds",
        // codebook
        S::Definition => "Definition",
        S::UseWhen => "Use when",
        S::DoNotUseWhen => "Do not use when",
        S::Example => "Example",
        S::WhoCodingNameStoredEvery => "Who is coding? The name is stored on every coding",
        S::YourCoderName => "Your coder name",
        S::Coder => "Coder",
        S::StoredEveryCoding => "stored on every coding",
        S::GiveName => "Give a name.",
        S::NewCodeCode => "New code, and code with it",
        S::EditCode => "Edit code",
        S::NewCodeUnder => "New code under",
        S::NewCode => "New code",
        S::LabelSwedish => "Label (Swedish)",
        S::LabelEnglish => "Label (English)",
        S::DefinitionSv => "Definition (sv)",
        S::DefinitionEn => "Definition (en)",
        S::Colour => "Colour",
        S::GiveSwedishLabel => "Give a Swedish label.",
        S::WriteColourRrggbbEG => "Write the colour as #rrggbb, e.g. #d62728.",
        S::EditedCode => "edited a code",
        S::MovedCode => "moved a code",
        S::All => "all",
        S::CodesCount => "codes",
        S::CountingCoder => "counting coder:",
        S::NoCoderNameYetK => "  ·  no coder name yet (K)",
        S::YouCode => "you code as",
        S::CodeColumn => "Code",
        S::PassagesColumn => "Passages",
        S::AnswersColumn => "Answers",
        S::RespondentsColumn => "Respondents",
        S::EnterEveryPassageTitle => " Enter: every passage ",
        // retrieval
        S::CoderF => "coder (f):",
        S::Attribute => "attribute (a):",
        S::NoCodedPassagesTheseFilters => "No coded passages with these filters.",
        S::QuestionPrefix => "Q",
        S::OutsideGuideLower => "outside the guide",
        // search
        S::SearchLabel => "Search: ",
        S::SlashToType => "   (/ to type)",
        S::FiltersLabel => "Filters: ",
        S::NoneF2CodeF3Attribute => "none  (F2 code · F3 attribute)",
        S::CodePrefix => "code:",
        S::Notes => "Notes",
        S::OpeningSearchIndex => "Opening the search index…",
        S::TypeWordsAllMustOccur => {
            "Type words (all must occur), \"a phrase\", färdpl* for word starts, OR, -word; code:funding, type:inkubator."
        }
        S::DidYouMean => "Did you mean:",
        S::NoteLabel => "Note:",
        // summary
        S::ExportSummary => "Export the summary",
        S::Format => "Format",
        S::File => "File",
        S::GiveFile => "Give a file.",
        S::NoneChosen => "none",
        S::ViewTab => "view (Tab):",
        S::SplitG => "split by (g):",
        S::InterviewsS => "interviews (s):",
        S::CompleteOnly => "complete",
        S::NamesP => "names (p):",
        S::Pseudonyms => "pseudonyms",
        S::Real => "real",
        S::NoQuotesThisNeed => "No quotes for this need.",
        S::Quotes => "Quotes:",
        S::EveryPassage => "every passage",
        S::PairsNeedsRaisedSameAnswer => {
            "Pairs of needs raised in the same answer / the same interview"
        }
        S::AnswersLower => "answers",
        S::InterviewsLower => "interviews",
        S::Mean => "mean",
        S::Median => "median",
        S::EnterOpenAnswerEscCloseTitle => " ↑↓ · Enter open the answer · Esc close ",
        S::NoPassages => "No passages.",
        // conflict
        S::KeepBoth => "Keep both",
        S::KeepMine => "Keep mine",
        S::KeepFiles => "Keep the file's",
        S::YourVersionTitle => " Your version ",
        S::FilesVersionTitle => " The file's version ",
        S::QuestionLower => "question",
        S::NotesLower => "notes",
        S::FileWasChangedOutsideBehov => {
            "The file was changed outside behov (a git pull, say) while you typed. Choose what to keep; \"both\" puts your text after the file's."
        }
        // import
        S::ImportTranscript => "Import a transcript",
        S::DocxVttSrtTxtMd => ".docx, .vtt, .srt, .txt or .md",
        S::ThereNoSuchFile => "There is no such file.",
        S::NothingWasImported => "Nothing was imported.",
        // review
        S::ReviewImport => "Review the import:",
        S::QuestionsFound => "questions found",
        S::Turns => "turns",
        S::WordsNeverChangeHereOnly => {
            "The words never change here, only which question each turn belongs to."
        }
        S::GuideTitle => " The guide ",
        S::TranscriptTitle => " The transcript ",
        S::UnknownSpeaker => "(unknown speaker)",
        S::WhichQuestionDoesTurnAskTitle => " Which question does the turn ask? ",
        S::WhereDoesTurnBelongTitle => " Where does the turn belong? ",
        // counts (one, many) and sentences with values: {name} is filled in
        S::InterviewOne => "interview",
        S::InterviewMany => "interviews",
        S::CompleteOne => "complete",
        S::CompleteMany => "complete",
        S::DraftOne => "draft",
        S::DraftMany => "drafts",
        S::CodingOne => "coding",
        S::CodingMany => "codings",
        S::RespondentOne => "respondent",
        S::RespondentMany => "respondents",
        S::AnswerOne => "answer",
        S::AnswerMany => "answers",
        S::GuideAnswered => " Guide {answered}/{questions} answered ",
        S::QuestionOf => "Question {n} of {total}",
        S::DigitsChooseValue => " {range} chooses the value ·{hint}",
        S::DigitsChooseOption => " {range} chooses an option ·{hint}",
        S::MoreAbove => " ↑ more above ",
        S::MoreLines => " ↓ {n} more lines ",
        S::TooSmall => {
            "The terminal is too small ({width}×{height}). behov needs at least {min_width}×{min_height}. Enlarge the window; q quits (everything is kept)."
        }
        S::DraftsCounted => "{complete} complete, {drafts} drafts",
        S::DraftsLeftOut => "{complete} complete; {left_out} drafts not counted",
        S::Coverage => {
            "{interviewed} of {respondents} organisations interviewed · {interviews} interviews ({drafts}) · {codings} codings"
        }
        S::ConflictTitle => " Two versions of the same text ({n} of {total}) ",
        S::CodingsFrom => "{codings} from {respondents}",
        S::IndexProgress => "Building the search index: {done} of {total} interviews…",
        S::SearchCounts => "{answers} from {respondents} in {interviews}",
        S::BestShown => " (the best {n} shown)",
        S::NeedColumn => "Need",
        S::OrgsColumn => "Org.",
        S::ShareColumn => "Share",
        S::AllGroups => "All",
        // capture: status lines and questions
        S::ValueChosen => "value {value}{label}",
        S::ValueCleared => "value cleared",
        S::NoOptionChosen => "no option chosen",
        S::QuestionValue => "Question {n}: {value}.",
        S::MarkCompleteAnyway => {
            "{unanswered} of {questions} questions are unanswered. Mark the interview complete anyway?"
        }
        S::MarkedComplete => "The interview is marked complete.",
        S::DraftAgain => "The interview is a draft again.",
        S::ChangedInterviewer => "interviewer",
        S::ChangedDate => "date",
        S::ChangedMode => "mode",
        S::ChangedConsent => "consent",
        S::ChangedOrganisations => "organisations",
        S::NothingChanged => "Nothing changed.",
        S::ChangedThe => "Changed the {what}.",
        S::NoRespondentCalled => "No respondent is called \"{name}\"; add it under r first.",
        S::FitsSeveralRespondents => "\"{name}\" fits several respondents; write the whole name.",
        S::CodingWith => "coding with {label}",
        S::ThePassage => "the passage",
        S::TheAnswer => "the answer",
        S::ThePartOutside => "the part outside the guide",
        S::CodedWith => "Coded {what} with {label} (u undoes).",
        S::RemovedFrom => "Removed {label} from {what} (u undoes).",
        S::PassageRemovedWithText => "{n} coded passage was removed with its text.",
        // undo, read-only, quitting
        S::NothingToRedo => "Nothing to redo.",
        S::NothingToUndo => "Nothing to undo.",
        S::Undid => "Undid: {label}.",
        S::Redid => "Redid: {label}.",
        S::ReadOnlyBecause => "Read-only: {reason}.",
        S::QuitLosingCharacters => {
            "{n} characters you typed could not be saved (is the disk full?) and are only in memory. Free some space and wait, or quit anyway and lose them. Quit anyway?"
        }
        // welcome, interviews, respondents, summary, code picker: sentences with values
        S::NoProjectIn => "There is no behov project in \"{folder}\" (no project.json).",
        S::DeleteInterviewQuestion => {
            "Delete the interview with {name} ({date}, {interviewer}) and its {answers} and {codings}? This cannot be undone."
        }
        S::ContactPersonN => "Contact person {n}",
        S::ContactPersonOne => "contact person",
        S::ContactPersonMany => "contact people",
        S::ItOne => "it",
        S::ItMany => "them",
        S::RespondentHasInterviews => "{name} has {interviews}; delete {them} first.",
        S::DeleteRespondentQuestion => "Delete the respondent {name}? This cannot be undone.",
        S::DeleteRespondentWithPeople => {
            "Delete the respondent {name} and {people}? This cannot be undone."
        }
        S::RespondentsHeading => "Respondents ({n})",
        S::SummaryFileName => "needs-summary.xlsx",
        S::ExportFolderHint => {
            "in {folder} unless a folder is given; the extension follows the format"
        }
        S::NewCodeNamed => "+ New code «{label}»…",
        // codebook, setup, import: sentences with values (…One/…Many where the grammar follows the count)
        S::MergeCodesQuestion => {
            "Merge \"{from}\" into \"{into}\"? {codings} move to \"{into}\" and \"{from}\" is removed. u undoes it."
        }
        S::DeleteCodeQuestion => "Delete the code \"{name}\" and its {codings}?",
        S::SubcodesMoveUp => " Its {n} subcodes move up a level.",
        S::MergedCodes => "merged {from} into {into}",
        S::DeletedCode => "deleted {label}",
        S::RemoveAttributeOne => {
            "Remove the attribute \"{label}\"? 1 respondent has a value for it, which is removed too."
        }
        S::RemoveAttributeMany => {
            "Remove the attribute \"{label}\"? {n} respondents have a value for it, which is removed too."
        }
        S::RemoveQuestionUnanswered => "Remove the question \"{text}\"? It has no answers.",
        S::RemoveQuestionAnswered => {
            "The question \"{text}\" has answers in {interviews}. Remove it with all its answers and codings?"
        }
        S::MergeValuesOf => "Merge two values of {attribute}",
        S::OrganisationOne => "organisation",
        S::OrganisationMany => "organisations",
        S::ValueBecame => "\"{from}\" became \"{into}\" for {organisations}.",
        S::RespelledOne => "1 organisation now has the value as the list spells it.",
        S::RespelledMany => "{n} organisations now have the value as the list spells it.",
        S::ImportedBefore => "The file was imported before as {first}; Enter imports it again.",
        S::NothingImportedBecause => "{file}: {reason}; nothing was imported.",
        S::ImportedAsDraft => "Imported {id} as a draft.",
        // names of columns, kinds, statuses, modes and summary sections
        S::ColumnRespondent => "Respondent",
        S::ColumnType => "Type",
        S::ColumnMunicipality => "Municipality",
        S::ColumnDate => "Date",
        S::ColumnInterviewer => "Interviewer",
        S::ColumnStatus => "Status",
        S::ColumnAnswers => "Answers",
        S::ColumnCodes => "Codes",
        S::KindOpen => "open",
        S::KindScale => "scale",
        S::KindSingleChoice => "single choice",
        S::KindMultipleChoice => "multiple choice",
        S::StatusDraft => "draft",
        S::StatusComplete => "complete",
        S::ModeVideo => "video",
        S::ModeOnSite => "on site",
        S::ModePhone => "phone",
        S::SectionNeeds => "needs",
        S::SectionCoOccurrence => "co-occurrence",
        S::SectionScales => "scale questions",
    }
}
