//! The interface in Swedish: one line per key of [`S`], grouped by screen. Padding spaces
//! at either end are part of the text (block titles are drawn as " Titel ").

use super::S;

pub(super) fn text(key: S) -> &'static str {
    match key {
        // view
        S::TabInterviews => "Intervjuer",
        S::TabCodebook => "Kodbok",
        S::TabSearch => "Sök",
        S::TabSummary => "Sammanställning",
        S::PlaceInterview => "› intervju",
        S::PlaceRespondents => "› respondenter",
        S::PlaceProject => "› projekt",
        S::PlaceCodedPassages => "› kodade passager",
        S::ReadOnlyBadge => "  SKRIVSKYDDAT",
        S::HelpThisScreen => "Den här vyn",
        S::HelpInTheText => "I texten",
        S::HelpEverythingIsKept => {
            "Allt du skriver sparas medan du skriver; du behöver aldrig spara."
        }
        S::HelpTitle => " Hjälp ",
        S::ButtonDelete => "Radera",
        S::ButtonRemove => "Ta bort",
        S::ButtonMerge => "Slå ihop",
        S::ButtonDeleteCode => "Ta bort",
        S::ButtonMarkComplete => "Markera klar",
        S::ButtonQuitAnyway => "Avsluta ändå",
        S::ButtonCancel => "Avbryt",
        S::ConfirmTitle => " Bekräfta ",
        // welcome
        S::NewProject => "Nytt projekt",
        S::Folder => "Mapp",
        S::EGBehovRegion2026 => "t.ex. ~/behov/vastmanland-2026",
        S::ProjectTitle => "Titel",
        S::OpenProject => "Öppna ett projekt",
        S::FolderProjectJson => "mappen med project.json",
        S::GiveFolderProject => "Ange en mapp för projektet.",
        S::GiveTitle => "Ange en titel.",
        S::NeedsAnalysesTerminalInterviewCode => {
            "Behovsanalyser i terminalen: intervjua, koda, sök och sammanställ."
        }
        S::ChooseEnter => "Välj med ↑↓ och Enter:",
        S::Open => "Öppna",
        S::OpenAnotherFolder => "Öppna en annan mapp…",
        S::OpenDemoProject24Interviews => "Öppna demoprojektet (24 intervjuer)",
        S::CreateNewProject => "Skapa ett nytt projekt…",
        // interviews
        S::NotRecorded => "inte registrerat",
        S::Given => "givet",
        S::Interviewer => "Intervjuare",
        S::Date => "Datum",
        S::Mode => "Form",
        S::Consent => "Samtycke",
        S::SayWhoInterviewing => "Ange vem som intervjuar.",
        S::NewInterview => "Ny intervju",
        S::InterviewWasDeleted => "Intervjun raderades.",
        S::FilterLabel => "Filter: ",
        S::NoInterviewsYetPressN => "Inga intervjuer ännu. Tryck n för att börja den första.",
        S::NoInterviewsMatchFilterEsc => "Inga intervjuer matchar filtret. Esc rensar det.",
        // capture
        S::AnswerHasNoCodingsYet => "Svaret har inga kodningar ännu: c kodar det.",
        S::ThisQuestionAnsweredTextPress => "Frågan besvaras med text: tryck Enter för att skriva.",
        S::ValueOutsideScale => "Värdet ligger utanför skalan.",
        S::ThereNoSuchOption => "Det finns inget sådant alternativ.",
        S::ConsentDate => "Samtycke datum",
        S::ConsentNote => "Samtycke notering",
        S::Organisations => "Organisationer",
        S::SeveralTableSeparate => "flera vid bordet: skilj med ;",
        S::InterviewDetails => "Intervjuns uppgifter",
        S::GiveLeastOneOrganisation => "Ange minst en organisation.",
        // capture/draw
        S::OutsideGuide => "Utanför guiden",
        S::WhatBelongsNoQuestionNotes => {
            "Det som inte hör till någon fråga: anteckningar, början av ett transkript, utvikningar. Kodas och söks som ett svar."
        }
        S::ConsentOn => "samtycke",
        S::ConsentGiven => "samtycke givet",
        S::ConsentNotRecorded => "samtycke inte registrerat",
        S::StateReadOnly => " · skrivskyddad",
        S::StateInJournal => " · i journalen",
        S::StateSaved => " · sparad",
        S::ValueLabel => "Värde: ",
        S::CodesLabel => "Koder: ",
        S::AnswerTitle => " Svar ",
        S::CommentTitle => " Kommentar ",
        S::OutsideGuideTitle => " Utanför guiden ",
        S::NoAnswerYet => "(inget svar ännu)",
        S::TypeDigitValueComment => "Skriv en siffra för värdet, eller en kommentar.",
        // capture/editing
        S::PressEnterWriteAnswerBefore => {
            "Tryck Enter för att skriva i svaret innan du klistrar in."
        }
        S::NoTypingRedo => "Inget skrivande att göra om.",
        S::NoTypingUndo => "Inget skrivande att ångra.",
        // capture/codings
        S::AnswerEmptyWriteFirst => "Svaret är tomt: skriv det först.",
        S::Memo => "Memo",
        S::RemovedCoding => "borttagen kodning",
        S::MemoChange => "memo",
        S::AnswersCodingsTitle => " Svarets kodningar ",
        S::WholeAnswer => "■ hela svaret",
        // code_picker
        S::CodePassageTitle => " Koda passagen ",
        S::CodeAnswerTitle => " Koda svaret ",
        S::MoveUnderTitle => " Flytta under… ",
        S::MergeIntoTitle => " Slå ihop med… ",
        S::FilterCodeTitle => " Filtrera på kod ",
        S::Recent => "  senast",
        S::TopLevel => "(översta nivån)",
        S::NoCodeMatches => "Ingen kod matchar.",
        // respondents
        S::Dash => "–",
        S::Woman => "kvinna",
        S::Man => "man",
        S::Other => "annat",
        S::Organisation => "Organisation",
        S::NewPersonalData => "ny; personuppgift",
        S::ClearNameRemove => "töm namnet för att ta bort",
        S::Role => "  Roll",
        S::Gender => "  Kön",
        S::EMail => "  E-post",
        S::Phone => "  Telefon",
        S::EditRespondent => "Redigera respondent",
        S::NewRespondent => "Ny respondent",
        S::GiveOrganisationsName => "Ange organisationens namn.",
        S::RespondentWasDeleted => "Respondenten raderades.",
        S::NoRespondentsYetPressN => "Inga respondenter ännu. Tryck n för att lägga till.",
        S::NewInterviewWhoInterviewedTitle => " Ny intervju: vem intervjuas? ",
        S::PickerNewRespondent => "+ Ny respondent…",
        // setup
        S::ProjectHeading => "Projektet",
        S::Description => "Beskrivning",
        S::TitleCannotEmpty => "Titeln får inte vara tom.",
        S::EditQuestion => "Redigera fråga",
        S::NewQuestion => "Ny fråga",
        S::QuestionSwedish => "Fråga (svenska)",
        S::QuestionEnglish => "Fråga (engelska)",
        S::HelpTextSv => "Hjälptext (sv)",
        S::HelpTextEn => "Hjälptext (en)",
        S::Kind => "Typ",
        S::Scale => "Skala",
        S::ScaleHint => "för skalfrågor, t.ex. 1-5",
        S::ScaleLabels => "Skalsteg",
        S::Separated => "åtskilda av ;",
        S::Options => "Alternativ",
        S::ChoiceQuestionsSeparated => "för valfrågor, åtskilda av ;",
        S::WriteQuestion => "Skriv frågan.",
        S::QuestionHasAnswersKindCannot => {
            "Frågan har svar: dess typ kan inte ändras. Lägg till en ny fråga i stället."
        }
        S::WriteScaleFromTo => "Skalan skrivs som från-till, t.ex. 1-5 (högst 10).",
        S::GiveOptionsSeparated => "Ange alternativen, åtskilda av ;.",
        S::EditAttribute => "Redigera attribut",
        S::NewAttribute => "Nytt attribut",
        S::NameSwedish => "Namn (svenska)",
        S::NameEnglish => "Namn (engelska)",
        S::AllowedValues => "Tillåtna värden",
        S::SeparatedEmptyAnyText => "åtskilda av ;, tomt = fri text",
        S::AttributeHasFewerThanTwo => "Attributet har färre än två värden att slå ihop.",
        S::TheValue => "Värdet",
        S::Becomes => "blir",
        S::ChooseTwoDifferentValues => "Välj två olika värden.",
        S::GiveAttributesName => "Ange attributets namn.",
        S::TChangesTheTitle => "   t ändrar titeln",
        S::InterviewGuideTitle => " Intervjuguide ",
        S::RespondentAttributesTitle => " Respondentattribut ",
        S::EmptyAdds => "(tom) a lägger till",
        // codebook
        S::Definition => "Definition",
        S::UseWhen => "Använd när",
        S::DoNotUseWhen => "Använd inte när",
        S::Example => "Exempel",
        S::WhoCodingNameStoredEvery => "Vem kodar? Namnet sparas på varje kodning",
        S::YourCoderName => "Ditt kodarnamn",
        S::Coder => "Kodare",
        S::StoredEveryCoding => "sparas på varje kodning",
        S::GiveName => "Ange ett namn.",
        S::NewCodeCode => "Ny kod, och koda med den",
        S::EditCode => "Redigera kod",
        S::NewCodeUnder => "Ny kod under",
        S::NewCode => "Ny kod",
        S::LabelSwedish => "Etikett (svenska)",
        S::LabelEnglish => "Etikett (engelska)",
        S::DefinitionSv => "Definition (sv)",
        S::DefinitionEn => "Definition (en)",
        S::Colour => "Färg",
        S::GiveSwedishLabel => "Ange en svensk etikett.",
        S::WriteColourRrggbbEG => "Färgen skrivs #rrggbb, t.ex. #d62728.",
        S::EditedCode => "ändrade kod",
        S::MovedCode => "flyttade kod",
        S::All => "alla",
        S::CodesCount => "koder",
        S::CountingCoder => "räknar kodare:",
        S::NoCoderNameYetK => "  ·  inget kodarnamn ännu (K)",
        S::YouCode => "du kodar som",
        S::CodeColumn => "Kod",
        S::PassagesColumn => "Passager",
        S::AnswersColumn => "Svar",
        S::RespondentsColumn => "Respondenter",
        S::EnterEveryPassageTitle => " Enter: alla passager ",
        // retrieval
        S::CoderF => "kodare (f):",
        S::Attribute => "attribut (a):",
        S::NoCodedPassagesTheseFilters => "Inga kodade passager med dessa filter.",
        S::QuestionPrefix => "F",
        S::OutsideGuideLower => "utanför guiden",
        // search
        S::SearchLabel => "Sök: ",
        S::SlashToType => "   (/ för att skriva)",
        S::FiltersLabel => "Filter: ",
        S::NoneF2CodeF3Attribute => "inga  (F2 kod · F3 attribut)",
        S::CodePrefix => "kod:",
        S::Notes => "Anteckningar",
        S::OpeningSearchIndex => "Öppnar sökindexet…",
        S::TypeWordsAllMustOccur => {
            "Skriv ord (alla måste finnas), \"en fras\", färdpl* för ordbörjan, OR, -ord; code:finansiering, type:inkubator."
        }
        S::DidYouMean => "Menade du:",
        S::NoteLabel => "Obs:",
        // summary
        S::ExportSummary => "Exportera sammanställningen",
        S::Format => "Format",
        S::File => "Fil",
        S::GiveFile => "Ange en fil.",
        S::NoneChosen => "ingen",
        S::ViewTab => "vy (Tab):",
        S::SplitG => "dela upp (g):",
        S::InterviewsS => "intervjuer (s):",
        S::CompleteOnly => "klara",
        S::NamesP => "namn (p):",
        S::Pseudonyms => "pseudonymer",
        S::Real => "riktiga",
        S::NoQuotesThisNeed => "Inga citat för detta behov.",
        S::Quotes => "Citat:",
        S::EveryPassage => "alla passager",
        S::PairsNeedsRaisedSameAnswer => "Par av behov som nämns i samma svar / samma intervju",
        S::AnswersLower => "svar",
        S::InterviewsLower => "intervjuer",
        S::Mean => "medel",
        S::Median => "median",
        S::EnterOpenAnswerEscCloseTitle => " ↑↓ · Enter öppna svaret · Esc stäng ",
        S::NoPassages => "Inga passager.",
        // conflict
        S::KeepBoth => "Behåll båda",
        S::KeepMine => "Behåll min",
        S::KeepFiles => "Behåll filens",
        S::YourVersionTitle => " Din version ",
        S::FilesVersionTitle => " Filens version ",
        S::QuestionLower => "fråga",
        S::NotesLower => "anteckningar",
        S::FileWasChangedOutsideBehov => {
            "Filen ändrades utanför behov (t.ex. git pull) medan du skrev. Välj vad som ska gälla; \"båda\" lägger din text efter filens."
        }
        // import
        S::ImportTranscript => "Importera ett transkript",
        S::DocxVttSrtTxtMd => ".docx, .vtt, .srt, .txt eller .md",
        S::ThereNoSuchFile => "Filen finns inte.",
        S::NothingWasImported => "Inget importerades.",
        // review
        S::ReviewImport => "Granska importen:",
        S::QuestionsFound => "frågor hittade",
        S::Turns => "repliker",
        S::WordsNeverChangeHereOnly => {
            "Orden ändras aldrig här, bara vilken fråga varje replik hör till."
        }
        S::GuideTitle => " Guiden ",
        S::TranscriptTitle => " Transkriptet ",
        S::UnknownSpeaker => "(okänd talare)",
        S::WhichQuestionDoesTurnAskTitle => " Vilken fråga ställer repliken? ",
        S::WhereDoesTurnBelongTitle => " Vart hör repliken? ",
        // counts (one, many) and sentences with values: {name} is filled in
        S::InterviewOne => "intervju",
        S::InterviewMany => "intervjuer",
        S::CompleteOne => "klar",
        S::CompleteMany => "klara",
        S::DraftOne => "utkast",
        S::DraftMany => "utkast",
        S::CodingOne => "kodning",
        S::CodingMany => "kodningar",
        S::RespondentOne => "respondent",
        S::RespondentMany => "respondenter",
        S::AnswerOne => "svar",
        S::AnswerMany => "svar",
        S::GuideAnswered => " Guide {answered}/{questions} besvarade ",
        S::QuestionOf => "Fråga {n} av {total}",
        S::DigitsChooseValue => " {range} väljer värdet ·{hint}",
        S::DigitsChooseOption => " {range} väljer alternativ ·{hint}",
        S::MoreAbove => " ↑ mer ovanför ",
        S::MoreLines => " ↓ {n} rader till ",
        S::TooSmall => {
            "Terminalen är för liten ({width}×{height}). behov behöver minst {min_width}×{min_height}. Förstora fönstret; q avslutar (allt är sparat)."
        }
        S::DraftsCounted => "{complete} klara, {drafts} utkast",
        S::DraftsLeftOut => "{complete} klara; {left_out} utkast ej medräknade",
        S::Coverage => {
            "{interviewed} av {respondents} organisationer intervjuade · {interviews} intervjuer ({drafts}) · {codings} kodningar"
        }
        S::ConflictTitle => " Två versioner av samma text ({n} av {total}) ",
        S::CodingsFrom => "{codings} hos {respondents}",
        S::IndexProgress => "Bygger sökindexet: {done} av {total} intervjuer…",
        S::SearchCounts => "{answers} hos {respondents} i {interviews}",
        S::BestShown => " (de {n} bästa visas)",
        S::NeedColumn => "Behov",
        S::OrgsColumn => "Org.",
        S::ShareColumn => "Andel",
        S::AllGroups => "Alla",
        // capture: status lines and questions
        S::ValueChosen => "värde {value}{label}",
        S::ValueCleared => "värdet rensat",
        S::NoOptionChosen => "inget alternativ valt",
        S::QuestionValue => "Fråga {n}: {value}.",
        S::MarkCompleteAnyway => {
            "{unanswered} av {questions} frågor är obesvarade. Markera intervjun som klar ändå?"
        }
        S::MarkedComplete => "Intervjun är markerad som klar.",
        S::DraftAgain => "Intervjun är ett utkast igen.",
        S::ChangedInterviewer => "intervjuare",
        S::ChangedDate => "datum",
        S::ChangedMode => "form",
        S::ChangedConsent => "samtycke",
        S::ChangedOrganisations => "organisationer",
        S::NothingChanged => "Inget ändrades.",
        S::ChangedThe => "Ändrade {what}.",
        S::NoRespondentCalled => "Ingen respondent heter \"{name}\"; lägg till den under r först.",
        S::FitsSeveralRespondents => "\"{name}\" passar flera respondenter; skriv hela namnet.",
        S::CodingWith => "kodning med {label}",
        S::ThePassage => "passagen",
        S::TheAnswer => "svaret",
        S::ThePartOutside => "delen utanför guiden",
        S::CodedWith => "Kodade {what} med {label} (u ångrar).",
        S::RemovedFrom => "Tog bort {label} från {what} (u ångrar).",
        S::PassageRemovedWithText => "{n} kodad passage togs bort tillsammans med sin text.",
        // undo, read-only, quitting
        S::NothingToRedo => "Inget att göra om.",
        S::NothingToUndo => "Inget att ångra.",
        S::Undid => "Ångrade: {label}.",
        S::Redid => "Gjorde om: {label}.",
        S::ReadOnlyBecause => "Skrivskyddat: {reason}.",
        S::QuitLosingCharacters => {
            "{n} tecken du skrivit kunde inte sparas (disken är full?) och finns bara i minnet. Frigör utrymme och vänta, eller avsluta ändå och förlora dem. Avsluta ändå?"
        }
        // welcome, interviews, respondents, summary, code picker: sentences with values
        S::NoProjectIn => "Det finns inget behov-projekt i \"{folder}\" (ingen project.json).",
        S::DeleteInterviewQuestion => {
            "Radera intervjun med {name} ({date}, {interviewer}) och dess {answers} och {codings}? Det går inte att ångra."
        }
        S::ContactPersonN => "Kontaktperson {n}",
        S::ContactPersonOne => "kontaktperson",
        S::ContactPersonMany => "kontaktpersoner",
        S::ItOne => "den",
        S::ItMany => "dem",
        S::RespondentHasInterviews => "{name} har {interviews}; radera {them} först.",
        S::DeleteRespondentQuestion => "Radera respondenten {name}? Det går inte att ångra.",
        S::DeleteRespondentWithPeople => {
            "Radera respondenten {name} och {people}? Det går inte att ångra."
        }
        S::RespondentsHeading => "Respondenter ({n})",
        S::SummaryFileName => "behovssammanstallning.xlsx",
        S::ExportFolderHint => "i {folder} om ingen mapp anges; filändelsen följer formatet",
        S::NewCodeNamed => "+ Ny kod «{label}»…",
        // codebook, setup, import: sentences with values (…One/…Many where the grammar follows the count)
        S::MergeCodesQuestion => {
            "Slå ihop \"{from}\" med \"{into}\"? {codings} flyttas till \"{into}\" och \"{from}\" tas bort. Det går att ångra med u."
        }
        S::DeleteCodeQuestion => "Ta bort koden \"{name}\" och dess {codings}?",
        S::SubcodesMoveUp => " Dess {n} underkoder flyttas upp en nivå.",
        S::MergedCodes => "slog ihop {from} med {into}",
        S::DeletedCode => "tog bort {label}",
        S::RemoveAttributeOne => {
            "Ta bort attributet \"{label}\"? 1 respondent har ett värde för det, som också tas bort."
        }
        S::RemoveAttributeMany => {
            "Ta bort attributet \"{label}\"? {n} respondenter har ett värde för det, som också tas bort."
        }
        S::RemoveQuestionUnanswered => "Ta bort frågan \"{text}\"? Den har inga svar.",
        S::RemoveQuestionAnswered => {
            "Frågan \"{text}\" har svar i {interviews}. Ta bort frågan och alla dess svar och kodningar?"
        }
        S::MergeValuesOf => "Slå ihop två värden av {attribute}",
        S::OrganisationOne => "organisation",
        S::OrganisationMany => "organisationer",
        S::ValueBecame => "«{from}» blev «{into}» hos {organisations}.",
        S::RespelledOne => "1 organisation fick värdets stavning i listan.",
        S::RespelledMany => "{n} organisationer fick värdets stavning i listan.",
        S::ImportedBefore => "Filen är redan importerad som {first}; Enter importerar den igen.",
        S::NothingImportedBecause => "{file}: {reason}; inget importerades.",
        S::ImportedAsDraft => "Importerade {id} som utkast.",
        // names of columns, kinds, statuses, modes and summary sections
        S::ColumnRespondent => "Respondent",
        S::ColumnType => "Typ",
        S::ColumnMunicipality => "Kommun",
        S::ColumnDate => "Datum",
        S::ColumnInterviewer => "Intervjuare",
        S::ColumnStatus => "Status",
        S::ColumnAnswers => "Svar",
        S::ColumnCodes => "Koder",
        S::KindOpen => "öppen",
        S::KindScale => "skala",
        S::KindSingleChoice => "ett val",
        S::KindMultipleChoice => "flera val",
        S::StatusDraft => "utkast",
        S::StatusComplete => "klar",
        S::ModeVideo => "video",
        S::ModeOnSite => "på plats",
        S::ModePhone => "telefon",
        S::SectionNeeds => "behov",
        S::SectionCoOccurrence => "samförekomst",
        S::SectionScales => "skalfrågor",
    }
}
