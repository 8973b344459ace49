package message

// Keys of the planner and the plan command.
const (
	PlanBadRules          Key = "plan.bad_rules"
	PlanBadMinutes        Key = "plan.bad_minutes"
	PlanBadEquipment      Key = "plan.bad_equipment"
	PlanBadFocus          Key = "plan.bad_focus"
	PlanNoExercise        Key = "plan.no_exercise"
	PlanNothingFits       Key = "plan.nothing_fits"
	PlanNothingFitsDetail Key = "plan.nothing_fits_detail"
	PlanNothingPossible   Key = "plan.nothing_possible"
	PlanQuickest          Key = "plan.quickest"
	PlanMinute            Key = "plan.minute"
	PlanMinutes           Key = "plan.minutes"
	PlanBrokenExercise    Key = "plan.broken_exercise"
	PlanDisagree          Key = "plan.disagree"

	PlanTypeMobility   Key = "plan.type.mobility"
	PlanTypeStretch    Key = "plan.type.stretch"
	PlanTypeActivation Key = "plan.type.activation"
	PlanTypeStrengthen Key = "plan.type.strengthen"
	PlanTypePosture    Key = "plan.type.posture"

	PlanWhyNewFor      Key = "plan.why.new_for"
	PlanWhyNew         Key = "plan.why.new"
	PlanWhyMoreFor     Key = "plan.why.more_for"
	PlanWhyMore        Key = "plan.why.more"
	PlanWhyFocus       Key = "plan.why.focus"
	PlanWhyRatedRight  Key = "plan.why.rated_right"
	PlanWhyRatedEasy   Key = "plan.why.rated_easy"
	PlanWhyRatedHard   Key = "plan.why.rated_hard"
	PlanWhyStartDose   Key = "plan.why.start_dose"
	PlanWhyAtLevel     Key = "plan.why.at_level"
	PlanWhyEased       Key = "plan.why.eased"
	PlanWhySubstitute  Key = "plan.why.substitute"
	PlanWhyAnyChair    Key = "plan.why.any_chair"
	PlanWhyNoFloor     Key = "plan.why.no_floor"
	PlanAnd            Key = "plan.and"
	PlanSeconds        Key = "plan.seconds"
	PlanOneExercise    Key = "plan.one_exercise"
	PlanExercises      Key = "plan.exercises"
	PlanSummaryTakes   Key = "plan.summary.takes"
	PlanSummaryCap     Key = "plan.summary.cap"
	PlanSummaryEarly   Key = "plan.summary.early"
	PlanSummaryAvoided Key = "plan.summary.avoided"
	PlanSummaryNoFloor Key = "plan.summary.no_floor"
	PlanSummaryNoThing Key = "plan.summary.no_things"
	PlanSummaryUnprove Key = "plan.summary.unproven"

	HelpPlan            Key = "help.plan"
	HelpPlanLong        Key = "help.plan_long"
	FlagMinutes         Key = "flag.minutes"
	FlagEquipment       Key = "flag.equipment"
	FlagNoFloor         Key = "flag.no_floor"
	FlagFocus           Key = "flag.focus"
	FlagAvoid           Key = "flag.avoid"
	FlagSave            Key = "flag.save"
	FlagForce           Key = "flag.plan_force"
	FlagReorder         Key = "flag.reorder"
	CLIPlanNeedMinutes  Key = "cli.plan.need_minutes"
	CLIPlanFlag         Key = "cli.plan.flag"
	CLIPlanNoneAlone    Key = "cli.plan.none_alone"
	CLIPlanName         Key = "cli.plan.name"
	CLIPlanDescription  Key = "cli.plan.description"
	CLIPlanOrigin       Key = "cli.plan.origin"
	CLIPlanWhy          Key = "cli.plan.why"
	CLIPlanScore        Key = "cli.plan.score"
	CLIPlanKeepHint     Key = "cli.plan.keep_hint"
	CLIPlanSaved        Key = "cli.plan.saved"
	CLIPlanClosest      Key = "cli.plan.closest"
	CLIPlanClosestFloor Key = "cli.plan.closest_floor"
	CLIPlanNoConfig     Key = "cli.plan.no_config"
	CLIPlanWrite        Key = "cli.plan.write"
	CLIPlanNotLoaded    Key = "cli.plan.not_loaded"
	CLIPlanSaveBuiltin  Key = "cli.plan.save_builtin"
	CLIPlanSaveTaken    Key = "cli.plan.save_taken"
	CLIPlanSaveExists   Key = "cli.plan.save_exists"
	CLIPlanFileHeader   Key = "cli.plan.file_header"
	CLIPlanReorderAlone Key = "cli.plan.reorder_alone"
	CLIPlanReorderNone  Key = "cli.plan.reorder_none"
	CLIPlanReordered    Key = "cli.plan.reordered"
)

var plannerWords = []entry{
	{PlanBadRules, "the planner needs setup times where staying put is quickest and the floor slowest, and a known starting position"},
	{PlanBadMinutes, "a plan needs from %[2]d to %[3]d minutes, not %[1]d"},
	{PlanBadEquipment, "unknown equipment %q; use one or more of %s, or none"},
	{PlanBadFocus, "unknown focus %q; use one of %s"},
	{PlanNoExercise, "there is no exercise %q to avoid"},
	{PlanNothingFits, "nothing fits in %s"},
	{PlanNothingFitsDetail, "nothing fits in %s: %s."},
	{PlanNothingPossible, "no exercise can be done with this equipment and place, or every one is avoided"},
	{PlanQuickest, "the quickest exercise you can do here, %s, takes %s on its own (introduction, getting into position and the finish included)"},
	{PlanMinute, "1 minute"},
	{PlanMinutes, "%d minutes"},
	{PlanBrokenExercise, "exercise %s has a type the planner does not know; please report this bug"},
	{PlanDisagree, "the planner's plan scores %v by the objective but %v by its search (it takes %s); please report this bug"},

	{PlanTypeMobility, "mobility"},
	{PlanTypeStretch, "stretching"},
	{PlanTypeActivation, "muscle activation"},
	{PlanTypeStrengthen, "strengthening"},
	{PlanTypePosture, "posture work"},

	{PlanWhyNewFor, "adds %s for the %s"},
	{PlanWhyNew, "adds %s"},
	{PlanWhyMoreFor, "more %s, for the %s"},
	{PlanWhyMore, "more %s"},
	{PlanWhyFocus, "suits your %s focus"},
	{PlanWhyRatedRight, "you rated it about right"},
	{PlanWhyRatedEasy, "you found it easy"},
	{PlanWhyRatedHard, "you found it hard last time"},
	{PlanWhyStartDose, "at the starting dose"},
	{PlanWhyAtLevel, "at your current level"},
	{PlanWhyEased, "eased from your level (%s) to fit the time"},
	{PlanWhySubstitute, "a %s in place of a %s"},
	{PlanWhyAnyChair, "any chair will do: sit near its front edge, clear of the back rest"},
	{PlanWhyNoFloor, "%s, since the floor is out"},
	{PlanAnd, "and"},
	{PlanSeconds, "%d s"},
	{PlanOneExercise, "1 exercise"},
	{PlanExercises, "%d exercises"},
	{PlanSummaryTakes, "It takes %s of your %s: %s, %s of it getting into position."},
	{PlanSummaryCap, "At most %d exercises for %s: short plans are easier to keep doing."},
	{PlanSummaryEarly, "It ends early because every dose stays at your current level; it will grow as you progress."},
	{PlanSummaryAvoided, "Left out as asked: %s."},
	{PlanSummaryNoFloor, "Left out, needing the floor: %s."},
	{PlanSummaryNoThing, "Left out, needing what you do not have: %s."},
	{PlanSummaryUnprove, "The search stopped early, so this is the best plan it found, not one proven best."},

	{HelpPlan, "Plan the best routine for your minutes, place and equipment"},
	{HelpPlanLong, "Plan a routine that fits the minutes you have, with only what you can do\n" +
		"there: the equipment at hand (--equipment, or none) and, with --no-floor,\n" +
		"nothing on the floor. Each choice is explained; docs/planner.md describes\n" +
		"how plans are scored. Keep a plan with --save NAME, then use it like any\n" +
		"routine.\n\n" +
		"With --reorder ROUTINE it only reorders an existing routine to cut the time\n" +
		"spent changing position, and says how much that saves."},
	{FlagMinutes, "the minutes you have, 1 to 30"},
	{FlagEquipment, "what you have, comma-separated, or none"},
	{FlagNoFloor, "nothing on the floor"},
	{FlagFocus, "balanced (default), mobility, strength or posture"},
	{FlagAvoid, "exercise ids to leave out, comma-separated"},
	{FlagSave, "keep the plan as routine NAME"},
	{FlagForce, "with --save, replace a plan of that name"},
	{FlagReorder, "only reorder routine ROUTINE"},
	{CLIPlanNeedMinutes, "say how many minutes you have with --minutes N (from %d to %d)"},
	{CLIPlanFlag, "%s: %s"},
	{CLIPlanNoneAlone, "--equipment none means nothing at all, so it cannot be listed with other equipment"},
	{CLIPlanName, "Plan for %s"},
	{CLIPlanDescription, "For %s with %s, %s; %s."},
	{CLIPlanOrigin, "unsaved plan"},
	{CLIPlanWhy, "Why these"},
	{CLIPlanScore, "Score %v: types %v, areas %v, focus %v, preference %v, time %v, setup %v, count %v (docs/planner.md)."},
	{CLIPlanKeepHint, "Keep it with --save NAME; then 'unhunch routines show NAME' shows it any time."},
	{CLIPlanSaved, "Saved as routine %s in %s. See it any time: unhunch routines show %s"},
	{CLIPlanClosest, "The closest plan that fits is for %s and takes %s: %s. Ask for it with: unhunch plan %s"},
	{CLIPlanClosestFloor, "Off the floor nothing fits in up to 30 minutes; with the floor, the closest plan is for %s and takes %s: %s. Ask for it with: unhunch plan %s"},
	{CLIPlanNoConfig, "--save needs a config directory: set XDG_CONFIG_HOME or HOME, or use --config-dir"},
	{CLIPlanWrite, "cannot save the plan: %v"},
	{CLIPlanNotLoaded, "the saved plan %s does not load back as a routine; please report this bug"},
	{CLIPlanSaveBuiltin, "--save %s: there is a built-in routine with that id; choose another name"},
	{CLIPlanSaveTaken, "--save %s: a routine with that id comes from %s; choose another name"},
	{CLIPlanSaveExists, "--save %s: a plan is already saved under that name in %s; add --force to replace it"},
	{CLIPlanFileHeader, "# A plan made by 'unhunch plan %s'. Edit it like any routine file (docs/catalog.md)."},
	{CLIPlanReorderAlone, "--reorder takes a routine as it is, so it cannot be used with %s"},
	{CLIPlanReorderNone, "%s is already in its quickest order (%s)."},
	{CLIPlanReordered, "Reordered from %s to cut position changes: %s becomes %s, saving %s."},

	// Looked up by id: area.<id>, the areas of planner.Areas.
	{Key("area.neck"), "neck"},
	{Key("area.shoulders"), "shoulders"},
	{Key("area.shoulder-blades"), "shoulder blades"},
	{Key("area.chest"), "chest"},
	{Key("area.upper-back"), "upper back"},
	{Key("area.mid-back"), "mid back"},
	{Key("area.lower-back"), "lower back"},
	{Key("area.trunk"), "trunk"},
}

func init() { table(plannerWords) }
