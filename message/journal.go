package message

// Keys of the journal: sessions, pain, ratings and stops.
const (
	JournalBadPain       Key = "journal.bad_pain"
	JournalBadStopReason Key = "journal.bad_stop_reason"
	JournalBadRating     Key = "journal.bad_rating"
)

var journalWords = []entry{
	{JournalBadPain, "pain %q is not a whole number from 0 (none) to 10 (worst imaginable)"},
	{JournalBadStopReason, "stop reason %q is not one of %s"},
	{JournalBadRating, "rating %q is not one of easy, right, hard"},
}

func init() { table(journalWords) }
