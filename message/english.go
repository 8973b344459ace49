package message

// Keys of the catalog, dose and command-line foundation. Every key has an
// English entry; other files of this package add their own keys the same way.
const (
	Required Key = "required"

	DoseBadMode           Key = "dose.bad_mode"
	DoseNotPositive       Key = "dose.not_positive"
	DoseMinOverMax        Key = "dose.min_over_max"
	DoseOverCap           Key = "dose.over_cap"
	DoseHoldTwice         Key = "dose.hold_twice"
	DoseTimedNeedsSeconds Key = "dose.timed_needs_seconds"
	DoseNoHoldHere        Key = "dose.no_hold_here"
	DoseTimedNoReps       Key = "dose.timed_no_reps"
	DoseHoldNeedsHold     Key = "dose.hold_needs_hold"
	DoseSecondsOnlyTimed  Key = "dose.seconds_only_timed"
	DosePosesNeedHold     Key = "dose.poses_need_hold"
	DoseBadSides          Key = "dose.bad_sides"
	DoseBadFirstSide      Key = "dose.bad_first_side"
	DoseBadRest           Key = "dose.bad_rest"
	DoseBadTempo          Key = "dose.bad_tempo"
	AmountNotUsed         Key = "amount.not_used"
	AmountOutOfRange      Key = "amount.out_of_range"
	RangeNotNumber        Key = "range.not_number"
	RangeUnknownKey       Key = "range.unknown_key"
	RangeEmpty            Key = "range.empty"

	CatalogBadYAML            Key = "catalog.bad_yaml"
	CatalogEmptyFile          Key = "catalog.empty_file"
	CatalogNotMapping         Key = "catalog.not_mapping"
	CatalogUnknownField       Key = "catalog.unknown_field"
	CatalogNotList            Key = "catalog.not_list"
	CatalogExpected           Key = "catalog.expected"
	KindText                  Key = "kind.text"
	KindNumber                Key = "kind.number"
	KindYesNo                 Key = "kind.yes_no"
	KindMapping               Key = "kind.mapping"
	KindList                  Key = "kind.list"
	KindNothing               Key = "kind.nothing"
	CatalogWrongType          Key = "catalog.wrong_type"
	CatalogDuplicateID        Key = "catalog.duplicate_id"
	CatalogMissingExercise    Key = "catalog.missing_exercise"
	CatalogUnreadable         Key = "catalog.unreadable"
	CatalogBadID              Key = "catalog.bad_id"
	CatalogNeedsOne           Key = "catalog.needs_one"
	CatalogEmptyLine          Key = "catalog.empty_line"
	CatalogBadEquipment       Key = "catalog.bad_equipment"
	CatalogBadType            Key = "catalog.bad_type"
	CatalogBadDifficulty      Key = "catalog.bad_difficulty"
	CatalogBadPosition        Key = "catalog.bad_position"
	CatalogDuplicate          Key = "catalog.duplicate"
	CatalogSubstituteUnneeded Key = "catalog.substitute_unneeded"
	CatalogCueNeeded          Key = "catalog.cue_needed"
	CatalogBadPlaceholder     Key = "catalog.bad_placeholder"
	CatalogSidePlaceholder    Key = "catalog.side_placeholder"
	CatalogBadTimeBox         Key = "catalog.bad_time_box"
	CatalogAmount             Key = "catalog.amount"
	CatalogItemPosition       Key = "catalog.item_position"

	TimelineEmpty      Key = "timeline.empty"
	TimelineNoExercise Key = "timeline.no_exercise"
	TimelineNoPosition Key = "timeline.no_position"
	CueFinish          Key = "cue.finish"
	CueRest            Key = "cue.rest"
	CueSwitch          Key = "cue.switch"
	SideLeft           Key = "side.left"
	SideRight          Key = "side.right"

	ArgExerciseID        Key = "arg.exercise_id"
	ArgRoutineID         Key = "arg.routine_id"
	ArgFile              Key = "arg.file"
	CLIBrokenBuiltin     Key = "cli.broken_builtin"
	CLIConfigNotDir      Key = "cli.config_not_dir"
	CLIDidYouMean        Key = "cli.did_you_mean"
	CLISeeList           Key = "cli.see_list"
	CLIExercisesFooter   Key = "cli.exercises_footer"
	CLIFlagError         Key = "cli.flag_error"
	CLINeedOneArg        Key = "cli.need_one_arg"
	CLINoExercise        Key = "cli.no_exercise"
	CLINoRoutine         Key = "cli.no_routine"
	CLIRoutinesHeader    Key = "cli.routines_header"
	CLIRoutinesFooter    Key = "cli.routines_footer"
	CLISegmentsHeader    Key = "cli.segments_header"
	CLISegmentsHint      Key = "cli.segments_hint"
	CLIUsageError        Key = "cli.usage_error"
	CLIWarnSkipped       Key = "cli.warn_skipped"
	CountProblem         Key = "count.problem"
	CountProblems        Key = "count.problems"
	CountExercise        Key = "count.exercise"
	CountExercises       Key = "count.exercises"
	CountRoutine         Key = "count.routine"
	CountRoutines        Key = "count.routines"
	CheckExercise        Key = "check.exercise"
	CheckFailed          Key = "check.failed"
	CheckFits            Key = "check.fits"
	CheckOver            Key = "check.over"
	CheckIsDir           Key = "check.is_dir"
	CheckNoFile          Key = "check.no_file"
	CheckOK              Key = "check.ok"
	CheckRoutine         Key = "check.routine"
	CheckUnreadable      Key = "check.unreadable"
	FitSetup             Key = "fit.setup"
	FitReorder           Key = "fit.reorder"
	FitOrderBest         Key = "fit.order_best"
	FitStartDose         Key = "fit.start_dose"
	FitDrop              Key = "fit.drop"
	FlagConfigDir        Key = "flag.config_dir"
	FlagJSON             Key = "flag.json"
	FlagSegments         Key = "flag.segments"
	HelpCatalog          Key = "help.catalog"
	HelpCatalogCheck     Key = "help.catalog_check"
	HelpCatalogCheckLong Key = "help.catalog_check_long"
	HelpExerciseShow     Key = "help.exercise_show"
	HelpExercises        Key = "help.exercises"
	HelpRoot             Key = "help.root"
	HelpRootLong         Key = "help.root_long"
	HelpRoutineShow      Key = "help.routine_show"
	HelpRoutineShowLong  Key = "help.routine_show_long"
	HelpRoutines         Key = "help.routines"
	LabelAlso            Key = "label.also"
	LabelCautions        Key = "label.cautions"
	LabelCues            Key = "label.cues"
	LabelDoseRange       Key = "label.dose_range"
	LabelDoseStart       Key = "label.dose_start"
	LabelEquipment       Key = "label.equipment"
	LabelFinish          Key = "label.finish"
	LabelFrequency       Key = "label.frequency"
	LabelItem            Key = "label.item"
	LabelMistakes        Key = "label.mistakes"
	LabelOptional        Key = "label.optional"
	LabelPosition        Key = "label.position"
	LabelSource          Key = "label.source"
	LabelSteps           Key = "label.steps"
	LabelTakes           Key = "label.takes"
	LabelTargets         Key = "label.targets"
	LabelTimeline        Key = "label.timeline"
	LabelTotal           Key = "label.total"
	LabelType            Key = "label.type"
	TimelineTimed        Key = "timeline.timed"
	TimelineParts        Key = "timeline.parts"
	TimelineRep          Key = "timeline.rep"
	TimelineReps         Key = "timeline.reps"
	TimelineRestBetween  Key = "timeline.rest_between"
	WordNoEquipment      Key = "word.no_equipment"
	WordOr               Key = "word.or"

	DescHoldSeconds  Key = "desc.hold_seconds"
	DescHoldBreath   Key = "desc.hold_breath"
	DescHoldBreaths  Key = "desc.hold_breaths"
	DescSeconds      Key = "desc.seconds"
	DescBreathReps   Key = "desc.breath_reps"
	DescRepeatedHold Key = "desc.repeated_hold"
	DescRep          Key = "desc.rep"
	DescReps         Key = "desc.reps"
	DescPoses        Key = "desc.poses"
	DescSets         Key = "desc.sets"
	DescEachSide     Key = "desc.each_side"
	DescAlternate    Key = "desc.alternate"
)

func init() { table(foundation) }

var foundation = []entry{
	{Required, "is required"},

	{DoseBadMode, "mode %q is not one of reps, hold, timed, breath"},
	{DoseNotPositive, "must be at least 1, not %d"},
	{DoseMinOverMax, "min %d is more than max %d; make min no larger than max"},
	{DoseOverCap, "max %d is beyond the safe cap of %d; lower it"},
	{DoseHoldTwice, "give the hold in seconds (hold) or in breaths (hold_breaths), not both"},
	{DoseTimedNeedsSeconds, "a timed exercise needs seconds, e.g. seconds: {min: 60, max: 90}"},
	{DoseNoHoldHere, "a %s exercise has no hold; remove it or use mode reps or hold"},
	{DoseTimedNoReps, "a timed exercise has no reps; give seconds instead"},
	{DoseHoldNeedsHold, "mode hold needs a hold in seconds (hold) or breaths (hold_breaths)"},
	{DoseSecondsOnlyTimed, "seconds is only for mode timed; use hold for held positions"},
	{DosePosesNeedHold, "poses are held shapes, so the dose needs a hold"},
	{DoseBadSides, "sides %q is not one of none, each, alternate"},
	{DoseBadFirstSide, "first_side %q is not right or left"},
	{DoseBadRest, "rest of %d s is outside 0–120 s"},
	{DoseBadTempo, "%g s is outside 0–30 s"},
	{AmountNotUsed, "this %s exercise does not use it; remove it"},
	{AmountOutOfRange, "%d is outside the allowed %s"},
	{RangeNotNumber, "%q is not a whole number; write a number like 10 or a range like {min: 8, max: 10}"},
	{RangeUnknownKey, "unknown key %q in a range; use min and max"},
	{RangeEmpty, "a range needs min, max or both"},

	{CatalogBadYAML, "this is not valid YAML (%s); check indentation and quoting"},
	{CatalogEmptyFile, "the file is empty; add an exercises: or routines: list"},
	{CatalogNotMapping, "the file must be a mapping with exercises: and/or routines: at the top"},
	{CatalogUnknownField, "unknown field %q; known fields are: %s"},
	{CatalogNotList, "must be a list of entries, each starting with \"- \""},
	{CatalogExpected, "expected %s, not %s `%s`"},
	{KindText, "the text"},
	{KindNumber, "a whole number"},
	{KindYesNo, "true or false"},
	{KindMapping, "a mapping (key: value lines)"},
	{KindList, "a list"},
	{KindNothing, "nothing"},
	{CatalogWrongType, "wrong kind of value: %s"},
	{CatalogDuplicateID, "id %q is already used (%s); choose another id"},
	{CatalogMissingExercise, "no exercise has id %q; run 'unhunch exercises' to see the ids"},
	{CatalogUnreadable, "cannot read: %v"},
	{CatalogBadID, "id %q must be lower-case letters and digits joined by single hyphens, at most 64 characters"},
	{CatalogNeedsOne, "needs at least one entry"},
	{CatalogEmptyLine, "is empty; write something or remove the line"},
	{CatalogBadEquipment, "unknown equipment %q; use one of: %s"},
	{CatalogBadType, "type %q is not one of mobility, stretch, activation, strengthen, posture"},
	{CatalogBadDifficulty, "difficulty %q is not one of easy, moderate, harder"},
	{CatalogBadPosition, "unknown position %q; use one of: %s"},
	{CatalogDuplicate, "%q is listed twice"},
	{CatalogSubstituteUnneeded, "%q is not in equipment, so it needs no substitute"},
	{CatalogCueNeeded, "a %s exercise needs this cue"},
	{CatalogBadPlaceholder, "unknown placeholder %s; use {side} or {other}"},
	{CatalogSidePlaceholder, "%s only makes sense when the dose has sides: each or alternate"},
	{CatalogBadTimeBox, "time box of %d s must be between 0 (none) and 10800"},
	{CatalogAmount, "%s: %s"},
	{CatalogItemPosition, "%s cannot be done in position %q; use one of: %s"},

	{TimelineEmpty, "a routine needs at least one exercise"},
	{TimelineNoExercise, "step %d names no exercise"},
	{TimelineNoPosition, "%s has no position to be done in"},
	{CueFinish, "That is the whole routine. Notice how your upper back feels now."},
	{CueRest, "Rest for a moment and breathe easily."},
	{CueSwitch, "Now the other side."},
	{SideLeft, "left"},
	{SideRight, "right"},

	{ArgExerciseID, "an exercise id"},
	{ArgRoutineID, "a routine id"},
	{ArgFile, "a file"},
	{CLIBrokenBuiltin, "the built-in catalog is broken (%s); please report this bug"},
	{CLIConfigNotDir, "is not a directory; custom catalog files go in a directory"},
	{CLIDidYouMean, "Did you mean %q?"},
	{CLISeeList, "Run '%s' to see them all."},
	{CLIExercisesFooter, "%d exercises. See one in full with: unhunch exercises show ID"},
	{CLIFlagError, "%s. See '%s --help'."},
	{CLINeedOneArg, "'%s' needs %s and got %d arguments; see '%s'"},
	{CLINoExercise, "there is no exercise %q."},
	{CLINoRoutine, "there is no routine %q."},
	{CLIRoutinesHeader, "ID\tNAME\tNOW\tBOX\tAGAINST BOX\tAT TOP\t"},
	{CLIRoutinesFooter, "NOW is at the starting dose (or the doses the routine sets), AT TOP with every dose at the top of its range, both computed from the routine's timeline. BOX is the time its source gives the routine; one that takes under three quarters of its box is short, not a fit. Doses start low and grow only as you progress, never to fill a box."},
	{CLISegmentsHeader, "   START     DUR  PHASE        SIDE  SET REP  CUE"},
	{CLISegmentsHint, "Every segment, with its cue: unhunch routines show %s --segments"},
	{CLIUsageError, "%s%sSee '%s --help'."},
	{CLIWarnSkipped, "warning: %s (left out; everything else loaded)"},
	{CountProblem, "1 problem"},
	{CountProblems, "%d problems"},
	{CountExercise, "1 exercise"},
	{CountExercises, "%d exercises"},
	{CountRoutine, "1 routine"},
	{CountRoutines, "%d routines"},
	{CheckExercise, "  exercise %s"},
	{CheckFailed, "%s has %s; fix them and run the check again"},
	{CheckFits, "(fits its %s time box)"},
	{CheckOver, "(over its %s time box)"},
	{CheckIsDir, "%s is a directory; give one YAML file"},
	{CheckNoFile, "there is no file %s; check the path"},
	{CheckOK, "%s: ok (%s, %s)"},
	{CheckRoutine, "  routine %s takes %s"},
	{CheckUnreadable, "cannot read %s: %v"},
	{FitSetup, "%s of it is getting into position."},
	{FitReorder, "Doing the same exercises in another order would save %s (%s): %s."},
	{FitOrderBest, "No other order would be quicker."},
	{FitStartDose, "At the starting dose it would take %s."},
	{FitDrop, "Leaving out %s would save %s."},
	{FlagConfigDir, "custom catalog files (env UNHUNCH_CONFIG_DIR)"},
	{FlagJSON, "print JSON for programs instead of text for people"},
	{FlagSegments, "list every segment of the timeline with its cue"},
	{HelpCatalog, "Work with your own exercise and routine files"},
	{HelpCatalogCheck, "Check a custom exercise or routine file"},
	{HelpCatalogCheckLong, "Check a custom exercise or routine YAML file against the built-in catalog and your other files.\nEvery problem is reported as file:line: entry: field: what is wrong. The file format is described in docs/catalog.md."},
	{HelpExerciseShow, "Show one exercise: steps, cues, mistakes, cautions and source"},
	{HelpExercises, "List the exercises"},
	{HelpRoot, "Short, safe routines for postural upper-back pain"},
	{HelpRootLong, "unhunch coaches you through short, safe stretching and strengthening routines\nfor postural upper-back pain, and shows you whether they help. It gives general\nexercise guidance; it is not a diagnosis. Stop at sharp pain, dizziness,\ntingling or numbness, or discomfort.\n\nStart with:  unhunch routines"},
	{HelpRoutineShow, "Show one routine: its exercises, doses, total time and timeline"},
	{HelpRoutineShowLong, "Show one routine: each exercise with its dose and computed duration, the total, whether it fits\nits time box and what would change that, and its timeline."},
	{HelpRoutines, "List the routines with their computed durations"},
	{LabelAlso, "Also called: %s"},
	{LabelCautions, "Take care"},
	{LabelCues, "What you will hear"},
	{LabelDoseRange, "Dose"},
	{LabelDoseStart, "Starts at"},
	{LabelEquipment, "Equipment"},
	{LabelFinish, "Finish"},
	{LabelFrequency, "How often: %s"},
	{LabelItem, "item %d"},
	{LabelMistakes, "Common mistakes"},
	{LabelOptional, "Helpful"},
	{LabelPosition, "Position"},
	{LabelSource, "Source"},
	{LabelSteps, "How to do it"},
	{LabelTakes, "%s with intro and setup"},
	{LabelTargets, "Targets"},
	{LabelTimeline, "Timeline"},
	{LabelTotal, "Total"},
	{LabelType, "Type"},
	{TimelineTimed, "continuous"},
	{TimelineParts, "%d parts of %s, each with its own cue"},
	{TimelineRep, "1 rep"},
	{TimelineReps, "%d reps"},
	{TimelineRestBetween, "%s rest between"},
	{WordNoEquipment, "no equipment"},
	{WordOr, "or"},

	// Looked up by id: position.<id>, equipment.<id>, phase.<phase>, side.short.<side>.
	{Key("position.standing"), "standing"},
	{Key("position.standing-wall"), "standing at a wall"},
	{Key("position.standing-doorway"), "in a doorway"},
	{Key("position.seated"), "seated"},
	{Key("position.floor-back"), "lying on your back"},
	{Key("position.floor-front"), "lying face down"},
	{Key("position.floor-kneeling"), "kneeling"},
	{Key("position.floor-hands-knees"), "on hands and knees"},
	{Key("equipment.foam-roller"), "foam roller"},
	{Key("equipment.towel"), "rolled towel"},
	{Key("equipment.wall"), "wall"},
	{Key("equipment.doorway"), "doorway"},
	{Key("equipment.chair"), "chair"},
	{Key("equipment.pillow"), "pillow"},
	{Key("equipment.mat"), "mat"},
	{Key("phase.intro"), "intro"},
	{Key("phase.setup"), "setup"},
	{Key("phase.move"), "move"},
	{Key("phase.hold"), "hold"},
	{Key("phase.release"), "release"},
	{Key("phase.breathe-in"), "breathe in"},
	{Key("phase.breathe-out"), "breathe out"},
	{Key("phase.switch-sides"), "switch sides"},
	{Key("phase.rest"), "rest"},
	{Key("phase.finish"), "finish"},
	{Key("side.short.right"), "right"},
	{Key("side.short.left"), "left"},

	{DescHoldSeconds, "%s s hold"},
	{DescHoldBreath, "hold for 1 breath"},
	{DescHoldBreaths, "hold for %s breaths"},
	{DescSeconds, "%s s"},
	{DescBreathReps, "%s breaths in and out"},
	{DescRepeatedHold, "%s × %s"},
	{DescRep, "1 rep"},
	{DescReps, "%s reps"},
	{DescPoses, "%s, %s each"},
	{DescSets, "%s sets"},
	{DescEachSide, "each side"},
	{DescAlternate, "alternating sides"},
}
