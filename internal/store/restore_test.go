package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// craft copies a good backup to name and runs stmts on the copy, as someone
// editing it with the sqlite3 shell would: foreign keys off, and (with
// noChecks) CHECK constraints ignored.
func craft(t *testing.T, good []byte, name string, noChecks bool, stmts ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, good, 0o600); err != nil {
		t.Fatal(err)
	}
	dsn := "file:" + p + "?_pragma=foreign_keys(0)"
	if noChecks {
		dsn += "&_pragma=ignore_check_constraints(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// A backup is one file: fold the log in.
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	return p
}

// Issue 12, item 3: restore accepted crafted files. Each is refused now,
// saying what is wrong, and the journal stays exactly as it was; after
// every refusal the journal is still read without trouble.
func TestRestoreRefusesCraftedFiles(t *testing.T) {
	ctx := context.Background()
	st := openAt(t, "", journalWithSessions(t, 3))
	goodPath := filepath.Join(t.TempDir(), "good.db")
	if _, err := st.Backup(ctx, goodPath, false); err != nil {
		t.Fatal(err)
	}
	st.Close()
	good, err := os.ReadFile(goodPath)
	if err != nil {
		t.Fatal(err)
	}
	version := fmt.Sprint(store.SchemaVersion())
	cases := []struct {
		name     string
		noChecks bool
		stmts    []string
		words    []string
	}{
		{name: "a trigger that deletes every session on the next insert",
			stmts: []string{"CREATE TRIGGER wipe AFTER INSERT ON sessions BEGIN DELETE FROM sessions; END"},
			words: []string{`a trigger named "wipe" that a journal at schema version ` + version + ` does not have`}},
		{name: "a trigger that aborts every insert",
			stmts: []string{"CREATE TRIGGER refuse BEFORE INSERT ON performances BEGIN SELECT RAISE(ABORT, 'no'); END"},
			words: []string{`a trigger named "refuse"`}},
		{name: "a view",
			stmts: []string{"CREATE VIEW everything AS SELECT * FROM sessions"},
			words: []string{`a view named "everything"`}},
		{name: "a table of another program",
			stmts: []string{"CREATE TABLE notes (body TEXT)"},
			words: []string{`a table named "notes"`}},
		{name: "a sessions table missing a column",
			stmts: []string{"ALTER TABLE sessions DROP COLUMN owner"},
			words: []string{"its table sessions lacks the column owner that a journal at schema version " + version + " has"}},
		{name: "a column more",
			stmts: []string{"ALTER TABLE sessions ADD COLUMN extra TEXT"},
			words: []string{"its table sessions has a column extra"}},
		{name: "version rows older than the tables",
			stmts: []string{fmt.Sprintf("DELETE FROM %s WHERE version_id > 2", store.VersionTable)},
			words: []string{`that a journal at schema version 2 does not have`}},
		{name: "an index dropped",
			stmts: []string{"DROP INDEX sessions_by_start"},
			words: []string{`lacks the index "sessions_by_start"`}},
		{name: "a pain score of 99, past the CHECK rule", noChecks: true,
			stmts: []string{"UPDATE sessions SET pain_before = 99 WHERE rowid = 2"},
			words: []string{"in its table sessions, row 2 breaks a rule of the journal", "CHECK constraint failed", "pain_before"}},
		{name: "an unknown status", noChecks: true,
			stmts: []string{"UPDATE sessions SET status = 'paused' WHERE rowid = 1"},
			words: []string{"in its table sessions, row 1 breaks a rule of the journal"}},
		{name: "an exercise of a session that is not there",
			stmts: []string{"UPDATE performances SET session_id = 'nobody' WHERE rowid = 4"},
			words: []string{"in its table performances, row 4 belongs to a row of sessions that is not there"}},
		{name: "text where a time belongs",
			stmts: []string{"UPDATE sessions SET started_at = 'yesterday' WHERE rowid = 3"},
			words: []string{"in its table sessions, row 3 has something other than a whole number in started_at"}},
		{name: "terminal control characters in a name",
			stmts: []string{"UPDATE sessions SET routine_name = 'x' || char(27) || '[2J' WHERE rowid = 1"},
			words: []string{"row 1 has something other than plain text in routine_name"}},
	}
	dir := journalWithSessions(t, 2)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			from := craft(t, good, "crafted.db", c.noChecks, c.stmts...)
			before := snapshot(t, dir)
			_, err := store.Restore(ctx, from, dir)
			wantError(t, err, unhunch.EInvalid, append(c.words, from, "Nothing was changed")...)
			sameFiles(t, dir, before)
			if got := all(t, dir); len(got) != 2 {
				t.Errorf("the journal has %d sessions after the refusal, want 2", len(got))
			}
		})
	}
	// The good backup still restores, with every row.
	res, err := store.Restore(ctx, goodPath, dir)
	if err != nil || res.Sessions != 3 {
		t.Fatalf("restore the good backup: %+v, %v", res, err)
	}
	if got := all(t, dir); len(got) != 3 || len(got[0].Exercises) != 3 {
		t.Errorf("restored %d sessions", len(got))
	}
}

// A backup from an older unhunch (schema version 4: before attempts and
// leases) restores into the current schema: every row kept, every exercise
// its first attempt.
func TestRestoreAnOlderBackup(t *testing.T) {
	ctx := context.Background()
	old := filepath.Join(t.TempDir(), "v4.db")
	db, err := sql.Open("sqlite", "file:"+old+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	p, err := goose.NewProvider(goose.DialectSQLite3, db, os.DirFS("migrations"), goose.WithTableName(store.VersionTable))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 4); err != nil {
		t.Fatal(err)
	}
	start := base.UnixMilli()
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO sessions (id, routine_id, status, started_at, ended_at, pain_before) VALUES ('s1', 'quick-daily-reset', 'completed', %d, %d, 4)`, start, start+60000),
		fmt.Sprintf(`INSERT INTO performances (session_id, idx, exercise_id, outcome, started_at, ended_at, rating) VALUES ('s1', 0, 'chin-tucks', 'done', %d, %d, 'easy')`, start, start+30000),
		fmt.Sprintf(`INSERT INTO psfs_ratings (at, activity, score) VALUES (%d, 'reading', 6)`, start),
		"UPDATE journal_version SET v = 17",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	dir := filepath.Join(t.TempDir(), "data")
	if _, err := store.Restore(ctx, old, dir); err != nil {
		t.Fatalf("restore a version 4 backup: %v", err)
	}
	st := openAt(t, "", dir)
	s, err := st.Session(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Exercises) != 1 || s.Exercises[0].Attempt != 1 || s.Exercises[0].Rating != journal.TooEasy || *s.PainBefore != 4 ||
		!s.EndedAt.Equal(base.Add(time.Minute)) {
		t.Errorf("restored %+v", s)
	}
	if r, err := st.PSFS(ctx); err != nil || len(r) != 1 || r[0].Score != 6 {
		t.Errorf("functional scale: %+v, %v", r, err)
	}
	if v, err := st.Version(ctx); err != nil || v != 17 {
		t.Errorf("journal version %d, %v", v, err)
	}
	// Written by this build, the restored journal backs up and restores again.
	again := filepath.Join(t.TempDir(), "again.db")
	if _, err := st.Backup(ctx, again, false); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := store.Restore(ctx, again, dir); err != nil {
		t.Errorf("restore the restored journal's backup: %v", err)
	}
}
