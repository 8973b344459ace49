package message

// Keys of what routines and exercises need, for the command line and the
// web app alike.
const (
	WordOrAlso Key = "word.or_also"
)

var needsWords = []entry{
	{WordOrAlso, "%s (or %s)"},
}

func init() { table(needsWords) }

var needsWords2 = []entry{
	{TypeWords.Of("mobility"), "mobility"},
	{TypeWords.Of("stretch"), "stretch"},
	{TypeWords.Of("activation"), "activation"},
	{TypeWords.Of("strengthen"), "strengthening"},
	{TypeWords.Of("posture"), "posture"},
	{LevelWords.Of("easy"), "easy"},
	{LevelWords.Of("moderate"), "moderate"},
	{LevelWords.Of("harder"), "harder"},
	{FocusWords.Of("balanced"), "a balanced mix"},
	{FocusWords.Of("mobility"), "mostly mobility and stretching"},
	{FocusWords.Of("strength"), "mostly strength"},
	{FocusWords.Of("posture"), "mostly posture"},
}

func init() { table(needsWords2) }

// Keys of the person's own dose on the command line.
const (
	CLIDoseYours   Key = "cli.dose.yours"
	CLIDoseStart   Key = "cli.dose.start"
	CLIDoseEasier  Key = "cli.dose.easier"
	PageDoseEasier Key = "page.dose.easier"
	CLIStepsIn     Key = "cli.steps_in"
	LabelDoseYours Key = "label.dose_yours"
)

var needsWords3 = []entry{
	{CLIDoseYours, "your dose %s (starts at %s)"},
	{CLIDoseStart, "starts at %s"},
	{CLIDoseEasier, "your dose: the easier way, %s"},
	{PageDoseEasier, "Your dose: the easier way, %s"},
	{CLIStepsIn, "How to do it, %s"},
	{LabelDoseYours, "Your dose"},
}

func init() { table(needsWords3) }

// Keys of what routines need, on the command line.
const (
	CLIRoutinesNeed Key = "cli.routines.need"
	CLIRoutineNeeds Key = "cli.routine.needs"
)

var needsWords4 = []entry{
	{CLIRoutinesNeed, "What each needs:"},
	{CLIRoutineNeeds, "Needs: %s."},
}

func init() { table(needsWords4) }

// Keys of a plan's description in words.
const (
	PlanDescFloor   Key = "plan.desc.floor"
	PlanDescNoFloor Key = "plan.desc.no_floor"
	FlagExplain     Key = "flag.explain"
)

var needsWords5 = []entry{
	{PlanDescFloor, "the floor included"},
	{PlanDescNoFloor, "off the floor"},
	{FlagExplain, "also print the planner's score (docs/planner.md)"},
}

func init() { table(needsWords5) }
