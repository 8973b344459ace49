package message

// Keys of the account of a session at its end (person.Recap), for the
// terminal coach and the web player.
const (
	RecapNoSession   Key = "recap.no_session"
	RecapOutcomeWhy  Key = "recap.outcome_why"
	RecapChangeWords Key = "recap.change"
	RecapChangeWhy   Key = "recap.change_why"
	RecapTitle       Key = "recap.title"
	RecapTime        Key = "recap.time"
	RecapTimeDemo    Key = "recap.time_demo"
	RecapDone        Key = "recap.done"
	RecapPain        Key = "recap.pain"
	RecapPainBefore  Key = "recap.pain_before"
	RecapPainAfter   Key = "recap.pain_after"
	RecapPainNone    Key = "recap.pain_none"
	RecapNext        Key = "recap.next"
	RecapNextSame    Key = "recap.next_same"
	RecapNextDemo    Key = "recap.next_demo"
	RecapKept        Key = "recap.kept"
	RecapUnsaved     Key = "recap.unsaved"
	RecapExercise    Key = "recap.exercise"
)

var recapWords = []entry{
	{RecapNoSession, "there is no session %q in the journal"},
	{RecapOutcomeWhy, "%s (%s)"},
	{RecapChangeWords, "%s: %s → %s"},
	{RecapChangeWhy, "%s (%s)"},
	{RecapTitle, "Your session: %s"},
	{RecapTime, "Time       %s of %s planned"},
	{RecapTimeDemo, "Time       %s of %s planned, played at %g× as a demo"},
	{RecapDone, "Done       %d of %d exercises"},
	{RecapPain, "Pain       %d before → %d after"},
	{RecapPainBefore, "Pain       %d before; none given after"},
	{RecapPainAfter, "Pain       %d after"},
	{RecapPainNone, "Pain       not given"},
	{RecapNext, "Next time"},
	{RecapNextSame, "Next time  the same doses: they grow a small step after two ratings of about right or too easy in a row."},
	{RecapNextDemo, "Next time  nothing changes: a demo never counts as practice."},
	{RecapKept, "Kept in your journal: %s"},
	{RecapUnsaved, "Some of it could not be saved (%d writes failed); what was saved is in your journal: %s"},
	{RecapExercise, "  %s: %s"},
}

func init() { table(recapWords) }
