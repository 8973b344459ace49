package message

// Keys of the journal's storage and the commands that read it.
const (
	FlagDataDir     Key = "flag.data_dir"
	FlagDB          Key = "flag.db"
	FlagSince       Key = "flag.since"
	FlagBackupForce Key = "flag.backup_force"

	// What is wrong with a value given to the store.
	StoreMissing           Key = "store.missing"
	StoreTooLong           Key = "store.too_long"
	StoreBadText           Key = "store.bad_text"
	StoreNewNotActive      Key = "store.new_not_active"
	StoreNewHasEnd         Key = "store.new_has_end"
	StoreBadNumber         Key = "store.bad_number"
	StoreBadIndex          Key = "store.bad_index"
	StoreBadOutcome        Key = "store.bad_outcome"
	StoreStopNeedsReason   Key = "store.stop_needs_reason"
	StoreReasonWithoutStop Key = "store.reason_without_stop"
	StoreBadTimes          Key = "store.bad_times"
	StoreBadEndStatus      Key = "store.bad_end_status"
	StoreNoSession         Key = "store.no_session"
	StoreNoExercise        Key = "store.no_exercise"
	StoreSessionExists     Key = "store.session_exists"
	StoreBadScreening      Key = "store.bad_screening"
	StoreBadActivity       Key = "store.bad_activity"
	StoreBadScore          Key = "store.bad_score"

	// What is wrong with the database itself.
	StoreBadURL        Key = "store.bad_url"
	StoreDirNotDir     Key = "store.dir_not_dir"
	StoreDirCreate     Key = "store.dir_create"
	StoreDirReadOnly   Key = "store.dir_read_only"
	StoreFileReadOnly  Key = "store.file_read_only"
	StoreCannotOpen    Key = "store.cannot_open"
	StoreLocked        Key = "store.locked"
	StoreNotJournal    Key = "store.not_journal"
	StoreWhyNotSQLite  Key = "store.why_not_sqlite"
	StoreWhyFolder     Key = "store.why_folder"
	StoreWhyNoTables   Key = "store.why_no_tables"
	StoreForeignSQLite Key = "store.foreign_sqlite"
	StoreForeignPG     Key = "store.foreign_pg"
	StoreNewer         Key = "store.newer"
	StoreDiskFull      Key = "store.disk_full"
	StoreIO            Key = "store.io"
	StorePGBadURL      Key = "store.pg_bad_url"
	StorePGUnreachable Key = "store.pg_unreachable"
	StorePGLogin       Key = "store.pg_login"
	StorePGNoDatabase  Key = "store.pg_no_database"
	StorePGReadOnly    Key = "store.pg_read_only"
	StorePGFailed      Key = "store.pg_failed"
	StoreCanceled      Key = "store.canceled"

	// Backups.
	StoreBackupPostgres   Key = "store.backup_postgres"
	StoreBackupExists     Key = "store.backup_exists"
	StoreBackupNoDir      Key = "store.backup_no_dir"
	StoreBackupIsJournal  Key = "store.backup_is_journal"
	StoreBackupIsDir      Key = "store.backup_is_dir"
	StoreBackupFailed     Key = "store.backup_failed"
	StoreRestoreMissing   Key = "store.restore_missing"
	StoreRestoreNotBackup Key = "store.restore_not_backup"
	StoreRestoreDamaged   Key = "store.restore_damaged"
	StoreRestoreNewer     Key = "store.restore_newer"
	StoreRestoreLive      Key = "store.restore_live"
	StoreRestoreIsJournal Key = "store.restore_is_journal"
	StoreRestoreFailed    Key = "store.restore_failed"

	// The history, backup and restore commands.
	HelpHistory          Key = "help.history"
	HelpHistoryLong      Key = "help.history_long"
	HelpBackup           Key = "help.backup"
	HelpBackupLong       Key = "help.backup_long"
	HelpRestore          Key = "help.restore"
	HelpRestoreLong      Key = "help.restore_long"
	ArgBackupFile        Key = "arg.backup_file"
	CLIBadDate           Key = "cli.bad_date"
	CLIHistoryNone       Key = "cli.history_none"
	CLIHistoryNoneSince  Key = "cli.history_none_since"
	CLIHistoryTimeLayout Key = "cli.history_time_layout"
	CLIHistoryWhen       Key = "cli.history_when"
	CLIHistoryRoutine    Key = "cli.history_routine"
	CLIHistoryTook       Key = "cli.history_took"
	CLIHistoryDone       Key = "cli.history_done"
	CLIHistoryPain       Key = "cli.history_pain"
	CLIHistoryStatus     Key = "cli.history_status"
	CLIHistoryDoneOf     Key = "cli.history_done_of"
	CLIHistoryNoValue    Key = "cli.history_no_value"
	CLIHistoryStopped    Key = "cli.history_stopped"
	CLIHistoryEnded      Key = "cli.history_ended"
	CLIHistoryFooter     Key = "cli.history_footer"
	CLIBackupDone        Key = "cli.backup_done"
	CLIRestoreDone       Key = "cli.restore_done"
	CLIRestoreKept       Key = "cli.restore_kept"
	CLIRestoreNoOld      Key = "cli.restore_no_old"
	CountSession         Key = "count.session"
	CountSessions        Key = "count.sessions"

	StatusActive      Key = "status.active"
	StatusCompleted   Key = "status.completed"
	StatusStopped     Key = "status.stopped"
	StatusInterrupted Key = "status.interrupted"
)

var storeWords = []entry{
	{FlagDataDir, "journal directory (env UNHUNCH_DATA_DIR)"},
	{FlagDB, "postgres:// URL instead of SQLite (env UNHUNCH_DB)"},
	{FlagSince, "only sessions started on or after DATE (YYYY-MM-DD)"},
	{FlagBackupForce, "replace FILE if it already exists"},

	{StoreMissing, "%s is missing"},
	{StoreTooLong, "%s is longer than %d characters"},
	{StoreBadText, "%s holds control characters or broken text"},
	{StoreNewNotActive, "a new session is active, not %q"},
	{StoreNewHasEnd, "a new session cannot have an end, a pain-after rating or a stop reason yet"},
	{StoreBadNumber, "%s must be a number, 0 or more, not %v"},
	{StoreBadIndex, "exercise position %d must be 0 or more"},
	{StoreBadOutcome, "outcome %q is not one of done, skipped, stopped"},
	{StoreStopNeedsReason, "a stopped exercise needs a reason: sharp-pain, dizziness, tingling-numbness, discomfort or other"},
	{StoreReasonWithoutStop, "stop reason %q goes only with a stopped exercise or session"},
	{StoreBadTimes, "an exercise needs a start and an end time, and cannot end before it starts"},
	{StoreBadEndStatus, "a session ends as completed, stopped or interrupted, not %q"},
	{StoreNoSession, "there is no session %q in the journal"},
	{StoreNoExercise, "session %s has no exercise at position %d"},
	{StoreSessionExists, "a session with id %q is already in the journal"},
	{StoreBadActivity, "activity %q must be 1 to 200 characters"},
	{StoreBadScore, "%q: score %d is outside 0 (unable) to 10 (able as before)"},
	{StoreBadScreening, "screening outcome %q is not one of clear, caution, clinician, emergency"},

	{StoreBadURL, "%q is not a database unhunch can use: give a postgres:// URL with --db or UNHUNCH_DB, or leave both empty to keep the journal in the data folder (--data-dir)"},
	{StoreDirNotDir, "the data folder %s is a file, not a folder; choose another with --data-dir"},
	{StoreDirCreate, "cannot create the data folder %s (%v); choose another with --data-dir"},
	{StoreDirReadOnly, "the data folder %s is read-only: the journal and its -wal and -shm files are written there. Make the folder writable, or choose another with --data-dir."},
	{StoreFileReadOnly, "the journal %s is read-only; make it writable (chmod u+w), or choose another folder with --data-dir"},
	{StoreCannotOpen, "cannot open the journal %s (%v)"},
	{StoreLocked, "the journal %s is locked by another program and stayed locked for %s. Close that program or wait for it to finish, then try again."},
	{StoreNotJournal, "%s is not an unhunch journal, or it is damaged (%s). Nothing was changed. Restore a backup with 'unhunch restore FILE', or move this file away to start a new journal."},
	{StoreWhyNotSQLite, "it is not an SQLite database"},
	{StoreWhyFolder, "it is a folder"},
	{StoreWhyNoTables, "it has no unhunch sessions table"},
	{StoreForeignSQLite, "%s is a database of another program, not an unhunch journal. Nothing was changed. Choose another folder with --data-dir."},
	{StoreForeignPG, "the PostgreSQL database %s holds tables of another program and no unhunch journal. Nothing was changed. Give unhunch a database of its own (createdb unhunch) and name it in --db."},
	{StoreNewer, "the journal %s was written by a newer unhunch (journal version %d; this one knows up to %d). Nothing was changed: upgrade unhunch to use it."},
	{StoreDiskFull, "the disk holding the journal %s is full; free some space and try again"},
	{StoreIO, "could not read or write the journal %s (%v); check the disk"},
	{StorePGBadURL, "the --db value is not a PostgreSQL URL unhunch can read; write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE"},
	{StorePGUnreachable, "cannot reach the PostgreSQL server at %s: the server is not reachable (%s). Check that it is running and that --db or UNHUNCH_DB names the right host and port."},
	{StorePGLogin, "the PostgreSQL server at %s refused user %q (%s); check the user and password in --db or UNHUNCH_DB"},
	{StorePGNoDatabase, "the PostgreSQL server at %s has no database %q; create it (createdb %s) or fix --db"},
	{StorePGReadOnly, "the PostgreSQL server at %s only allows reading (is it a replica?); point --db at the primary server"},
	{StorePGFailed, "the PostgreSQL server at %s could not do it (%s); try again later"},
	{StoreCanceled, "stopped before the journal %s answered (%v)"},

	{StoreBackupPostgres, "backup and restore work on the SQLite journal; for PostgreSQL use pg_dump and pg_restore"},
	{StoreBackupExists, "%s already exists; choose another file name, or add --force to replace it"},
	{StoreBackupNoDir, "cannot write the backup %s: there is no folder %s"},
	{StoreBackupIsJournal, "%s is the journal itself; give the backup another name"},
	{StoreBackupIsDir, "%s is a folder; give a file name for the backup"},
	{StoreBackupFailed, "cannot write the backup %s (%v)"},
	{StoreRestoreMissing, "there is no file %s to restore from"},
	{StoreRestoreNotBackup, "%s is not an unhunch backup (%s). Nothing was changed."},
	{StoreRestoreDamaged, "%s is damaged and cannot be restored (integrity check: %s). Nothing was changed; try an older backup."},
	{StoreRestoreNewer, "%s was made by a newer unhunch (journal version %d; this one knows up to %d). Nothing was changed: upgrade unhunch first."},
	{StoreRestoreLive, "%s has changes in %s-wal that are not in the file itself: it is a journal in use, not a backup. Nothing was changed. Back it up with 'unhunch backup FILE' and restore that file."},
	{StoreRestoreIsJournal, "%s is the journal itself; there is nothing to restore"},
	{StoreRestoreFailed, "restoring %s failed (%v); the journal was not replaced"},

	{HelpHistory, "List your sessions: when, what, how long, pain and stops"},
	{HelpHistoryLong, "List your sessions, newest first: when each started (local time), the routine,\nhow long it took, how many of its exercises you did, pain before and after\n(0–10), how it ended, and every stop with its reason. A session whose player\nwas closed or killed shows as interrupted."},
	{HelpBackup, "Copy the journal to FILE, safely, even while it is in use"},
	{HelpBackupLong, "Copy the journal to FILE as one consistent SQLite file, even while a session\nis being saved. FILE must not exist yet, unless you add --force. For\nPostgreSQL, use pg_dump."},
	{HelpRestore, "Replace the journal with a backup, keeping the old one"},
	{HelpRestoreLong, "Replace the journal with the backup in FILE. FILE is checked first: an intact\nunhunch backup whose tables are exactly those unhunch makes (no triggers, views\nor anything else). Then its rows are copied one by one into a new journal, each\nchecked against the journal's rules. The journal it replaces is kept beside it\nas unhunch.db.bak-TIME, so nothing is lost. Stop 'unhunch serve' and any session\nfirst: restore refuses while another unhunch has the journal open. For\nPostgreSQL, use pg_restore."},
	{ArgBackupFile, "a backup file"},
	{CLIBadDate, "--since %q is not a date; write it as YYYY-MM-DD, for example 2026-11-01"},
	{CLIHistoryNone, "No sessions yet. Start one with: unhunch start ROUTINE (see unhunch routines)"},
	{CLIHistoryNoneSince, "No sessions since %s."},
	{CLIHistoryTimeLayout, "2006-01-02 15:04"},
	{CLIHistoryWhen, "WHEN"},
	{CLIHistoryRoutine, "ROUTINE"},
	{CLIHistoryTook, "TOOK"},
	{CLIHistoryDone, "DONE"},
	{CLIHistoryPain, "PAIN"},
	{CLIHistoryStatus, "STATUS"},
	{CLIHistoryDoneOf, "%d/%d"},
	{CLIHistoryNoValue, "–"},
	{CLIHistoryStopped, "stopped during %s: %s"},
	{CLIHistoryEnded, "stopped: %s"},
	{CLIHistoryFooter, "%s. Pain is 0 (none) to 10 (worst); --json gives every detail."},
	{CLIBackupDone, "Backed up the journal (%s) to %s"},
	{CLIRestoreDone, "Restored the journal (%s) from %s into %s"},
	{CLIRestoreKept, "The journal it replaced is kept as %s"},
	{CLIRestoreNoOld, "There was no journal there before, so nothing was replaced."},
	{CountSession, "1 session"},
	{CountSessions, "%d sessions"},

	{StatusActive, "running"},
	{StatusCompleted, "completed"},
	{StatusStopped, "stopped"},
	{StatusInterrupted, "interrupted"},
}

func init() { table(storeWords) }
