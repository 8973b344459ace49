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
)

func init() {
	add(map[Key]string{
		PlanBadRules:          "the planner needs setup times where staying put is quickest and the floor slowest, and a known starting position",
		PlanBadMinutes:        "a plan needs from %[2]d to %[3]d minutes, not %[1]d",
		PlanBadEquipment:      "unknown equipment %q; use one or more of %s, or none",
		PlanBadFocus:          "unknown focus %q; use one of %s",
		PlanNoExercise:        "there is no exercise %q to avoid",
		PlanNothingFits:       "nothing fits in %s",
		PlanNothingFitsDetail: "nothing fits in %s: %s.",
		PlanNothingPossible:   "no exercise can be done with this equipment and place, or every one is avoided",
		PlanQuickest:          "the quickest exercise you can do here, %s, takes %s on its own (introduction, getting into position and the finish included)",
		PlanMinute:            "1 minute",
		PlanMinutes:           "%d minutes",
		PlanBrokenExercise:    "exercise %s has a type the planner does not know; please report this bug",
		PlanDisagree:          "the planner's plan scores %v by the objective but %v by its search (it takes %s); please report this bug",

		PlanTypeMobility:   "mobility",
		PlanTypeStretch:    "stretching",
		PlanTypeActivation: "muscle activation",
		PlanTypeStrengthen: "strengthening",
		PlanTypePosture:    "posture work",

		PlanWhyNewFor:      "adds %s for the %s",
		PlanWhyNew:         "adds %s",
		PlanWhyMoreFor:     "more %s, reaching the %s",
		PlanWhyMore:        "more %s",
		PlanWhyFocus:       "suits your %s focus",
		PlanWhyRatedRight:  "you rated it about right",
		PlanWhyRatedEasy:   "you found it easy",
		PlanWhyRatedHard:   "you found it hard last time",
		PlanWhyStartDose:   "at the starting dose",
		PlanWhyAtLevel:     "at your current level",
		PlanWhyEased:       "eased from your level (%s) to fit the time",
		PlanWhySubstitute:  "a %s in place of a %s",
		PlanWhyAnyChair:    "any chair will do: sit near its front edge, clear of the back rest",
		PlanWhyNoFloor:     "%s, since the floor is out",
		PlanAnd:            "and",
		PlanSeconds:        "%d s",
		PlanOneExercise:    "1 exercise",
		PlanExercises:      "%d exercises",
		PlanSummaryTakes:   "It takes %s of your %s: %s, %s of it getting into position.",
		PlanSummaryCap:     "At most %d exercises for %s: short plans are easier to keep doing.",
		PlanSummaryEarly:   "It ends early because every dose stays at your current level; it will grow as you progress.",
		PlanSummaryAvoided: "Left out as asked: %s.",
		PlanSummaryNoFloor: "Left out, needing the floor: %s.",
		PlanSummaryNoThing: "Left out, needing what you do not have: %s.",
		PlanSummaryUnprove: "The search stopped early, so this is the best plan it found, not one proven best.",

		// Looked up by id: area.<id>, the areas of planner.Areas.
		Key("area.neck"):            "neck",
		Key("area.shoulders"):       "shoulders",
		Key("area.shoulder-blades"): "shoulder blades",
		Key("area.chest"):           "chest",
		Key("area.upper-back"):      "upper back",
		Key("area.mid-back"):        "mid back",
		Key("area.lower-back"):      "lower back",
		Key("area.trunk"):           "trunk",
	})
}
