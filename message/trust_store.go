package message

// Keys of attempts, the journal lock, leases and checked restores (issue 12).
const (
	StoreAttemptSaved Key = "store.attempt_saved"
	WebLeaseBody      Key = "web.lease_body"
	FlagSweepEvery    Key = "flag.sweep_every"
	ServeBadSweep     Key = "serve.bad_sweep"
	CLINewJournal     Key = "cli.new_journal"

	StoreRestoring      Key = "store.restoring"
	StoreRestoreInUse   Key = "store.restore_in_use"
	StoreSomeProcess    Key = "store.some_process"
	StoreMoreProcesses  Key = "store.more_processes"
	StoreProcess        Key = "store.process"
	StoreProcessCommand Key = "store.process_command"

	StoreRestoreSchema     Key = "store.restore_schema"
	StoreSchemaExtra       Key = "store.schema_extra"
	StoreSchemaMissing     Key = "store.schema_missing"
	StoreSchemaNoColumn    Key = "store.schema_no_column"
	StoreSchemaColumn      Key = "store.schema_column"
	StoreSchemaExtraColumn Key = "store.schema_extra_column"
	StoreRestoreBadRow     Key = "store.restore_bad_row"
	StoreRowRule           Key = "store.row_rule"
	StoreRowNotWhole       Key = "store.row_not_whole"
	StoreRowNotText        Key = "store.row_not_text"
	StoreRowNotNumber      Key = "store.row_not_number"
	StoreRowNoParent       Key = "store.row_no_parent"
	WebBadAttempt          Key = "web.bad_attempt"
	CoachEndedUnsaved      Key = "coach.ended_unsaved"
	StartByCtrlC           Key = "start.by_ctrl_c"
	StartBySignal          Key = "start.by_signal"
	StartLeftBefore        Key = "start.left_before"
	StartLeftDuring        Key = "start.left_during"
)

var trustStoreWords = []entry{
	{CoachEndedUnsaved, "Session over, but %d of its writes to the journal failed (see above): those results are not in your journal."},
	{StartByCtrlC, "you left with Ctrl-C"},
	{StartBySignal, "a signal (%v) ended the coach"},
	{StartLeftBefore, "%s before the session began, so nothing of it was saved"},
	{StartLeftDuring, "%s: the session is saved as ended early, with every exercise up to that moment (the one under way as q saves it)"},
	{WebBadAttempt, "attempt %d is not a try number: the first try at an exercise is attempt 1, going back to it makes 2, and so on"},
	{CLINewJournal, "note: there was no journal at %s, so a new, empty one was made there. If you expected your sessions, check --data-dir, --db or UNHUNCH_DATA_DIR."},
	{StoreRestoring, "the journal %s is being restored from a backup by another unhunch, and was still locked after %v; try again in a moment"},
	{StoreRestoreInUse, "the journal is open in %s; restoring now would pull the journal from under it and lose what it saves next. Stop it first (Ctrl-C in its terminal, or let the session end), then restore again. Nothing was changed."},
	{StoreSomeProcess, "another unhunch process (a web server or a session being played)"},
	{StoreMoreProcesses, "and %d more"},
	{StoreProcess, "process %d"},
	{StoreProcessCommand, "process %d (%s)"},
	{StoreRestoreSchema, "%s is not an unhunch backup that can be trusted: %s. Nothing was changed; restore a backup made by 'unhunch backup'."},
	{StoreSchemaExtra, "it has %s named %q that a journal at schema version %d does not have"},
	{StoreSchemaMissing, "it lacks the %s %q that a journal at schema version %d has"},
	{StoreSchemaNoColumn, "its table %s lacks the column %s that a journal at schema version %d has"},
	{StoreSchemaColumn, "its column %s.%s is not declared as a journal at schema version %d declares it"},
	{StoreSchemaExtraColumn, "its table %s has a column %s that a journal at schema version %d does not have"},
	{"store.object.table", "table"},
	{"store.object.index", "index"},
	{"store.object.trigger", "trigger"},
	{"store.object.view", "view"},
	{"store.an_object.table", "a table"},
	{"store.an_object.index", "an index"},
	{"store.an_object.trigger", "a trigger"},
	{"store.an_object.view", "a view"},
	{StoreRestoreBadRow, "%s cannot be restored: in its table %s, row %d %s. Nothing was changed."},
	{StoreRowRule, "breaks a rule of the journal (%v)"},
	{StoreRowNotWhole, "has something other than a whole number in %s"},
	{StoreRowNotText, "has something other than plain text in %s"},
	{StoreRowNotNumber, "has something other than a number in %s"},
	{StoreRowNoParent, "belongs to a row of %s that is not there"},
	{FlagSweepEvery, "how often to mark as interrupted the sessions whose player is gone (tests)"},
	{ServeBadSweep, "--sweep-every %v must be more than 0"},
	{WebLeaseBody, "this route needs no body, and reads at most %d bytes of one"},
	{StoreAttemptSaved, "attempt %d at exercise %d of session %s is already saved, as %s; a saved result is never rewritten, so a new try needs a new attempt number (%d). Nothing was changed."},
}

func init() { table(trustStoreWords) }
