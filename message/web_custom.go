package message

// Keys of the web form that adds and edits your own exercises (issue 20).
const (
	FormTitleNew       Key = "form.title_new"
	FormTitleEdit      Key = "form.title_edit"
	FormIntro          Key = "form.intro"
	FormGroupAbout     Key = "form.group_about"
	FormGroupDose      Key = "form.group_dose"
	FormGroupHow       Key = "form.group_how"
	FormGroupPictures  Key = "form.group_pictures"
	FormName           Key = "form.name"
	FormID             Key = "form.id"
	FormIDHint         Key = "form.id_hint"
	FormPurpose        Key = "form.purpose"
	FormPurposeHint    Key = "form.purpose_hint"
	FormType           Key = "form.type"
	FormDifficulty     Key = "form.difficulty"
	FormPositions      Key = "form.positions"
	FormPositionsHint  Key = "form.positions_hint"
	FormEquipment      Key = "form.equipment"
	FormEquipmentHint  Key = "form.equipment_hint"
	FormMode           Key = "form.mode"
	FormModeHint       Key = "form.mode_hint"
	FormModeReps       Key = "form.mode_reps"
	FormModeHold       Key = "form.mode_hold"
	FormModeTimed      Key = "form.mode_timed"
	FormModeBreath     Key = "form.mode_breath"
	FormRepsMin        Key = "form.reps_min"
	FormRepsMax        Key = "form.reps_max"
	FormRepsHint       Key = "form.reps_hint"
	FormMaxHint        Key = "form.max_hint"
	FormHoldMin        Key = "form.hold_min"
	FormHoldMax        Key = "form.hold_max"
	FormHoldHint       Key = "form.hold_hint"
	FormSecondsMin     Key = "form.seconds_min"
	FormSecondsMax     Key = "form.seconds_max"
	FormSecondsHint    Key = "form.seconds_hint"
	FormSets           Key = "form.sets"
	FormSetsHint       Key = "form.sets_hint"
	FormSides          Key = "form.sides"
	FormSidesNone      Key = "form.sides_none"
	FormSidesEach      Key = "form.sides_each"
	FormSidesAlternate Key = "form.sides_alternate"
	FormSteps          Key = "form.steps"
	FormStepsHint      Key = "form.steps_hint"
	FormCueIntro       Key = "form.cue_intro"
	FormCueIntroHint   Key = "form.cue_intro_hint"
	FormCueSetup       Key = "form.cue_setup"
	FormCueSetupHint   Key = "form.cue_setup_hint"
	FormCueMove        Key = "form.cue_move"
	FormCueMoveHint    Key = "form.cue_move_hint"
	FormCueHold        Key = "form.cue_hold"
	FormCueHoldHint    Key = "form.cue_hold_hint"
	FormCueRelease     Key = "form.cue_release"
	FormCueReleaseHint Key = "form.cue_release_hint"
	FormCueInhale      Key = "form.cue_inhale"
	FormCueExhale      Key = "form.cue_exhale"
	FormCueBreathHint  Key = "form.cue_breath_hint"
	FormCautions       Key = "form.cautions"
	FormCautionsHint   Key = "form.cautions_hint"
	FormSource         Key = "form.source"
	FormSourceHint     Key = "form.source_hint"
	FormPictures       Key = "form.pictures"
	FormPicturesHint   Key = "form.pictures_hint"
	FormPictureAlt     Key = "form.picture_alt"
	FormDropPicture    Key = "form.drop_picture"
	FormSave           Key = "form.save"
	FormFix            Key = "form.fix"
	FormNotNumber      Key = "form.not_number"
	FormPicture        Key = "form.picture"
	FormNoPicture      Key = "form.no_picture"
	FormNoJournal      Key = "form.no_journal"
	FormAddOwn         Key = "form.add_own"
	FormEdit           Key = "form.edit"
	FormDelete         Key = "form.delete"
	FormSaved          Key = "form.saved"
	FormDeleted        Key = "form.deleted"
	FormReadOnly       Key = "form.read_only"
	FormYours          Key = "form.yours"
	FormSourceMine     Key = "form.source_mine"
)

var webCustomWords = []entry{
	{FormTitleNew, "Add your own exercise"},
	{FormTitleEdit, "Change %s"},
	{FormIntro, "Add an exercise you were given, by a physiotherapist or from a book, so that you can play it in routines with the others. Each box says what it takes; the same checks apply as to the built-in exercises."},
	{FormGroupAbout, "What it is"},
	{FormGroupDose, "How much"},
	{FormGroupHow, "How to do it"},
	{FormGroupPictures, "Pictures"},
	{FormName, "Name"},
	{FormID, "Short id"},
	{FormIDHint, "Lower-case letters and digits joined by hyphens, such as towel-stretch. Leave it empty to make one from the name. It cannot be changed later."},
	{FormPurpose, "What it is for"},
	{FormPurposeHint, "One line, such as: eases a stiff upper back."},
	{FormType, "Kind of exercise"},
	{FormDifficulty, "How demanding"},
	{FormPositions, "Positions"},
	{FormPositionsHint, "At least one. The first one ticked is where it starts."},
	{FormEquipment, "What you need"},
	{FormEquipmentHint, "Tick everything it needs; none is fine."},
	{FormMode, "How it is done"},
	{FormModeHint, "Repetitions may have a hold; a hold needs a hold time; timed needs seconds; breathing has no hold."},
	{FormModeReps, "repetitions"},
	{FormModeHold, "a hold, repeated"},
	{FormModeTimed, "timed, continuous movement"},
	{FormModeBreath, "breaths, in and out"},
	{FormRepsMin, "Repetitions to start with"},
	{FormRepsMax, "Repetitions to build up to"},
	{FormRepsHint, "1 to %d a set; per side when done on each side."},
	{FormMaxHint, "No fewer than the start; leave it empty to stay at the start."},
	{FormHoldMin, "Seconds to hold at first"},
	{FormHoldMax, "Seconds to hold at most"},
	{FormHoldHint, "1 to %d seconds; for repetitions with a hold, or a hold."},
	{FormSecondsMin, "Seconds to start with"},
	{FormSecondsMax, "Seconds to build up to"},
	{FormSecondsHint, "Only for timed exercises: 1 to %d seconds."},
	{FormSets, "Sets"},
	{FormSetsHint, "1 to %d, with a short rest between; leave it empty for one."},
	{FormSides, "Sides"},
	{FormSidesNone, "both sides together"},
	{FormSidesEach, "one side, then the other"},
	{FormSidesAlternate, "sides take turns"},
	{FormSteps, "Steps"},
	{FormStepsHint, "One short sentence a line, in order."},
	{FormCueIntro, "Spoken first"},
	{FormCueIntroHint, "Names the exercise, such as: towel stretch."},
	{FormCueSetup, "Getting into position"},
	{FormCueSetupHint, "Spoken while you get ready."},
	{FormCueMove, "Each movement"},
	{FormCueMoveHint, "Needed for repetitions, holds and timed exercises."},
	{FormCueHold, "While holding"},
	{FormCueHoldHint, "Needed when there is a hold."},
	{FormCueRelease, "Coming out of the hold"},
	{FormCueReleaseHint, "Needed when there is a hold."},
	{FormCueInhale, "Breathing in"},
	{FormCueExhale, "Breathing out"},
	{FormCueBreathHint, "Needed for breathing exercises."},
	{FormCautions, "When to skip it or stop"},
	{FormCautionsHint, "At least one line, such as: stop if it causes sharp pain."},
	{FormSource, "Where it came from"},
	{FormSourceHint, "Such as: from my physiotherapist, a book's title, or a link."},
	{FormPictures, "Add pictures"},
	{FormPicturesHint, "Up to %d in all: PNG, JPEG or WebP, 2 MB each at most. They are stored without their metadata, such as where a photo was taken."},
	{FormPictureAlt, "Picture %d of %s"},
	{FormDropPicture, "Remove picture %d"},
	{FormSave, "Save exercise"},
	{FormFix, "Some answers need another look; each one says what to change."},
	{FormNotNumber, "%q is not a whole number above 0"},
	{FormPicture, "Picture %d: %s"},
	{FormNoPicture, "exercise %s has no picture %s"},
	{FormNoJournal, "this journal cannot keep exercises of your own"},
	{FormAddOwn, "Add your own"},
	{FormEdit, "Change this exercise"},
	{FormDelete, "Delete this exercise"},
	{FormSaved, "Saved. It is in the library, and you can put it in routines."},
	{FormDeleted, "Deleted."},
	{FormReadOnly, "This exercise comes from a file in your settings folder (%s); change it there."},
	{FormYours, "Yours"},
	{FormSourceMine, "%s"},
}

func init() { table(webCustomWords) }

// Keys of the page that exports and imports your own exercises.
const (
	ShareTitle       Key = "share.title"
	ShareExportH     Key = "share.export_h"
	ShareExportIntro Key = "share.export_intro"
	ShareExport      Key = "share.export"
	ShareImportH     Key = "share.import_h"
	ShareImportIntro Key = "share.import_intro"
	ShareProblems    Key = "share.problems"
	ShareRename      Key = "share.rename"
	ShareFile        Key = "share.file"
	ShareImport      Key = "share.import"
	ShareNoFile      Key = "share.no_file"
	ShareLink        Key = "share.link"
)

var webCustomWords2 = []entry{
	{ShareTitle, "Share your exercises"},
	{ShareExportH, "Download yours"},
	{ShareExportIntro, "You have %s and %s of your own. Download them as one file to keep or to give to someone; with pictures it is a zip."},
	{ShareExport, "Download the file"},
	{ShareImportH, "Add from a file"},
	{ShareImportIntro, "Choose a file someone gave you, or one you downloaded here. It is checked first: if anything in it is wrong, nothing is added and you see every problem."},
	{ShareProblems, "Nothing was added. Here is what needs changing:"},
	{ShareRename, "%s is already taken; add it as"},
	{ShareFile, "File (.yaml or .zip)"},
	{ShareImport, "Check and add"},
	{ShareNoFile, "choose a file to add"},
	{ShareLink, "Share or add from a file"},
}

func init() { table(webCustomWords2) }

// Keys of the routine builder.
const (
	BuilderTitle         Key = "builder.title"
	BuilderIntro         Key = "builder.intro"
	BuilderName          Key = "builder.name"
	BuilderMinutes       Key = "builder.minutes"
	BuilderMinutesHint   Key = "builder.minutes_hint"
	BuilderRow           Key = "builder.row"
	BuilderExercise      Key = "builder.exercise"
	BuilderNone          Key = "builder.none"
	BuilderReps          Key = "builder.reps"
	BuilderHold          Key = "builder.hold"
	BuilderSeconds       Key = "builder.seconds"
	BuilderSets          Key = "builder.sets"
	BuilderPosition      Key = "builder.position"
	BuilderFirstPosition Key = "builder.first_position"
	BuilderAmountHint    Key = "builder.amount_hint"
	BuilderCheck         Key = "builder.check"
	BuilderSave          Key = "builder.save"
	BuilderUseOrder      Key = "builder.use_order"
	BuilderTakes         Key = "builder.takes"
	BuilderOrder         Key = "builder.order"
	BuilderBadMinutes    Key = "builder.bad_minutes"
	BuilderNoExercises   Key = "builder.no_exercises"
	BuilderAdd           Key = "builder.add"
	BuilderDelete        Key = "builder.delete"
)

var webCustomWords3 = []entry{
	{BuilderTitle, "Build your own routine"},
	{BuilderIntro, "Choose exercises, built-in or your own, in the order you want to do them. Leave an amount empty to start at the exercise's starting dose. Check it to see how long it takes and whether another order saves time, then save it."},
	{BuilderName, "Name"},
	{BuilderMinutes, "Time you have, in minutes"},
	{BuilderMinutesHint, "Optional, 1 to 60: the routine is checked against it."},
	{BuilderRow, "Exercise %d"},
	{BuilderExercise, "Exercise"},
	{BuilderNone, "none"},
	{BuilderReps, "Repetitions"},
	{BuilderHold, "Hold, seconds"},
	{BuilderSeconds, "Seconds"},
	{BuilderSets, "Sets"},
	{BuilderPosition, "Position"},
	{BuilderFirstPosition, "its usual one"},
	{BuilderAmountHint, "Each amount must be one the exercise allows, within its range; the check says which."},
	{BuilderCheck, "Check the time"},
	{BuilderSave, "Save routine"},
	{BuilderUseOrder, "Use this order"},
	{BuilderTakes, "It takes %s."},
	{BuilderOrder, "A quicker order, with fewer changes of position: %s (saves %s)."},
	{BuilderBadMinutes, "%q is not a number of minutes from 1 to 60"},
	{BuilderNoExercises, "choose at least one exercise"},
	{BuilderAdd, "Build your own"},
	{BuilderDelete, "Delete this routine"},
}

func init() { table(webCustomWords3) }

// Keys of the figure chosen as a starting point.
const (
	FormFigure        Key = "form.figure"
	FormFigureHint    Key = "form.figure_hint"
	FormFigureNone    Key = "form.figure_none"
	FormFigureKeep    Key = "form.figure_keep"
	FormFigureFrom    Key = "form.figure_from"
	FormFigureUnknown Key = "form.figure_unknown"
)

var webCustomWords4 = []entry{
	{FormFigure, "Drawn figure"},
	{FormFigureHint, "Optional: start from the figure of a built-in exercise that moves the same way. It must suit this exercise's position, equipment and dose; if not, this box says why."},
	{FormFigureNone, "no figure"},
	{FormFigureKeep, "keep its figure"},
	{FormFigureFrom, "the figure of %s"},
	{FormFigureUnknown, "%q is not a built-in exercise with a figure"},
}

func init() { table(webCustomWords4) }

// FormBreaksRoutine says an edit would leave out a routine that uses the exercise.
const FormBreaksRoutine Key = "form.breaks_routine"

var webCustomWords5 = []entry{
	{FormBreaksRoutine, "This change would leave your routine %s out (%s). Change the routine first, or keep what it needs."},
}

func init() { table(webCustomWords5) }
