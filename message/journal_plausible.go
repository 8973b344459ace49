package message

// Keys of the plausibility checks on what a player reports (journal.CheckPlausible).
const (
	JournalBeforeStart    Key = "journal.before_start"
	JournalInFuture       Key = "journal.in_future"
	JournalAfterSpan      Key = "journal.after_span"
	JournalExerciseSpan   Key = "journal.exercise_span"
	JournalTooManySeconds Key = "journal.too_many_seconds"
)

var journalPlausibleWords = []entry{
	{JournalBeforeStart, "%s is before the session started (%s); check the device's clock"},
	{JournalInFuture, "%s is in the future; check the device's clock"},
	{JournalAfterSpan, "%s is more than %s after the session started; a session cannot last that long"},
	{JournalExerciseSpan, "an exercise cannot take %s; at most %s"},
	{JournalTooManySeconds, "%g seconds is more than the exercise's own start and end times allow (%.0f)"},
}

func init() { table(journalPlausibleWords) }
