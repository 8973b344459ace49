package message

// Keys of attempts, the journal lock, leases and checked restores (issue 12).
const (
	StoreAttemptSaved Key = "store.attempt_saved"
	CLINewJournal     Key = "cli.new_journal"
	WebBadAttempt     Key = "web.bad_attempt"
	CoachEndedUnsaved Key = "coach.ended_unsaved"
	StartByCtrlC      Key = "start.by_ctrl_c"
	StartBySignal     Key = "start.by_signal"
	StartLeftBefore   Key = "start.left_before"
	StartLeftDuring   Key = "start.left_during"
)

func init() {
	add(map[Key]string{
		CoachEndedUnsaved: "Session over, but %d of its writes to the journal failed (see above): those results are not in your journal.",
		StartByCtrlC:      "you left with Ctrl-C",
		StartBySignal:     "a signal (%v) ended the coach",
		StartLeftBefore:   "%s before the session began, so nothing of it was saved",
		StartLeftDuring:   "%s: the session is saved as ended early, with every exercise up to that moment (the one under way as q saves it)",
		WebBadAttempt:     "attempt %d is not a try number: the first try at an exercise is attempt 1, going back to it makes 2, and so on",
		CLINewJournal:     "note: there was no journal at %s, so a new, empty one was made there. If you expected your sessions, check --data-dir, --db or UNHUNCH_DATA_DIR.",
		StoreAttemptSaved: "attempt %d at exercise %d of session %s is already saved, as %s; a saved result is never rewritten, so a new try needs a new attempt number (%d). Nothing was changed.",
	})
}
