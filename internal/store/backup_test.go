package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// all returns every session of the journal at dir.
func all(t *testing.T, dir string) []*journal.Session {
	t.Helper()
	st := openAt(t, "", dir)
	list, err := st.Sessions(context.Background(), journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	return list
}

// Back up, change the journal, restore: the journal is the backup again,
// and the journal it replaced is kept, whole.
func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := journalWithSessions(t, 5)
	st := openAt(t, "", dir)
	backup := filepath.Join(t.TempDir(), "journal backup #1.db")
	n, err := st.Backup(ctx, backup, false)
	if err != nil || n != 5 {
		t.Fatalf("backup: %d sessions, %v", n, err)
	}
	if info, err := os.Stat(backup); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v (want mode 0600)", info, err)
	}
	backedUp, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// After the backup: a new session, and a change to an old one.
	later := &journal.Session{RoutineID: "seven-in-seven", StartedAt: base.AddDate(0, 1, 0)}
	if _, err := st.StartSession(ctx, later); err != nil {
		t.Fatal(err)
	}
	if err := st.FinishSession(ctx, backedUp[0].ID, journal.Completed, base.AddDate(0, 0, 1), ptr(2), ""); err != nil {
		t.Fatal(err)
	}
	current, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// A copy of the journal as a crash would leave it: the changes are
	// still only in its -wal.
	crashed := t.TempDir()
	for _, name := range []string{store.FileName, store.FileName + "-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == store.FileName+"-wal" && len(b) == 0 {
			t.Fatal("the -wal is empty; the test would prove nothing")
		}
		os.WriteFile(filepath.Join(crashed, name), b, 0o600)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	for _, dir := range []string{dir, crashed} {
		res, err := store.Restore(ctx, backup, dir)
		if err != nil {
			t.Fatalf("restore: %v", err)
		}
		if res.Sessions != 5 || res.Path != filepath.Join(dir, store.FileName) ||
			!strings.HasPrefix(filepath.Base(res.Kept), store.FileName+".bak-20") {
			t.Errorf("restore said %+v", res)
		}
		if diff := cmp.Diff(backedUp, all(t, dir)); diff != "" {
			t.Errorf("restored journal differs from the backup (-backup +restored):\n%s", diff)
		}
		// The journal that was replaced is kept, complete: open a copy of it.
		keptDir := t.TempDir()
		for _, suffix := range []string{"", "-wal"} {
			if b, err := os.ReadFile(res.Kept + suffix); err == nil {
				os.WriteFile(filepath.Join(keptDir, store.FileName+suffix), b, 0o600)
			}
		}
		if diff := cmp.Diff(current, all(t, keptDir)); diff != "" {
			t.Errorf("the kept journal lost something (-before restore +kept):\n%s", diff)
		}
	}
	res, err := store.Restore(ctx, backup, dir)
	if err != nil {
		t.Fatal(err)
	}
	// A second restore in the same second keeps the first one's result too.
	res2, err := store.Restore(ctx, backup, dir)
	if err != nil || res2.Kept == res.Kept {
		t.Fatalf("second restore: %+v, %v", res2, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(res.Path + suffix); err == nil {
			t.Errorf("%s left behind", suffix)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".restore-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// A journal restored into a data folder that has none yet.
func TestRestoreIntoEmptyFolder(t *testing.T) {
	ctx := context.Background()
	st := openAt(t, "", journalWithSessions(t, 3))
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := st.Backup(ctx, backup, false); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "new", "data")
	res, err := store.Restore(ctx, backup, dir)
	if err != nil || res.Kept != "" || res.Sessions != 3 {
		t.Fatalf("restore: %+v, %v", res, err)
	}
	if got := all(t, dir); len(got) != 3 {
		t.Errorf("restored %d sessions", len(got))
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("data folder: %v, %v (want 0700)", info, err)
	}
}

// Backups are taken while the journal is in use, and never replace a file
// unless asked.
func TestBackup(t *testing.T) {
	ctx := context.Background()
	dir := journalWithSessions(t, 2)
	st := openAt(t, "", dir)
	out := t.TempDir()

	t.Run("while another program writes", func(t *testing.T) {
		other, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		tx, err := other.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.Exec("DELETE FROM performances"); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(out, "online.db")
		if n, err := st.Backup(ctx, path, false); err != nil || n != 2 {
			t.Fatalf("backup: %d, %v", n, err)
		}
		tx.Rollback()
		restored := t.TempDir()
		if _, err := store.Restore(ctx, path, restored); err != nil {
			t.Fatal(err)
		}
		for _, s := range all(t, restored) {
			if len(s.Exercises) != 3 {
				t.Errorf("the backup has %d exercises of a session; the uncommitted delete leaked in", len(s.Exercises))
			}
		}
	})

	existing := filepath.Join(out, "existing.db")
	os.WriteFile(existing, []byte("precious"), 0o600)
	cases := []struct {
		name      string
		path      string
		overwrite bool
		code      unhunch.Code
		words     []string
	}{
		{"an existing file", existing, false, unhunch.EConflict, []string{"already exists", "--force"}},
		{"a folder", out, true, unhunch.EInvalid, []string{"is a folder"}},
		{"into a folder that does not exist", filepath.Join(out, "nope", "b.db"), false, unhunch.EInvalid, []string{"there is no folder"}},
		{"over the journal itself", filepath.Join(dir, store.FileName), true, unhunch.EInvalid, []string{"is the journal itself"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := st.Backup(ctx, c.path, c.overwrite)
			wantError(t, err, c.code, append(c.words, c.path)...)
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "precious" {
		t.Errorf("a refused backup changed the existing file")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	t.Run("--force replaces", func(t *testing.T) {
		if n, err := st.Backup(ctx, existing, true); err != nil || n != 2 {
			t.Fatalf("backup: %d, %v", n, err)
		}
		if b, _ := os.ReadFile(existing); !bytes.HasPrefix(b, []byte("SQLite format 3\x00")) {
			t.Errorf("the file was not replaced by a backup")
		}
	})
}

// Restore checks its source before it touches anything: a file that is not
// a usable backup is refused, and the data folder stays exactly as it was.
func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	good := filepath.Join(src, "good.db")
	st := openAt(t, "", journalWithSessions(t, 200))
	if _, err := st.Backup(ctx, good, false); err != nil {
		t.Fatal(err)
	}
	st.Close()
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A journal made by a newer unhunch, a journal missing a table, and
	// another program's database.
	sqlFile := func(name string, stmts ...string) string {
		p := write(name, goodBytes)
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, q := range stmts {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	newer := sqlFile("newer.db", fmt.Sprintf("INSERT INTO %s (version_id, is_applied) VALUES (%d, true)", store.VersionTable, store.SchemaVersion()+1))
	noTable := sqlFile("no-table.db", "DROP TABLE performances")
	foreign := filepath.Join(src, "foreign.db")
	if db, err := sql.Open("sqlite", foreign); err == nil {
		db.Exec("CREATE TABLE recipes (name TEXT)")
		db.Close()
	}
	// A backup with one page overwritten in the middle.
	damaged := append([]byte(nil), goodBytes...)
	copy(damaged[len(damaged)/2/4096*4096:], bytes.Repeat([]byte{0xA5}, 4096))
	noise := make([]byte, 16384)
	rand.Read(noise)
	// A live journal, with changes still in its -wal.
	liveDir := journalWithSessions(t, 1)
	liveSt := openAt(t, "", liveDir)
	if _, err := liveSt.StartSession(ctx, &journal.Session{RoutineID: "x", StartedAt: base}); err != nil {
		t.Fatal(err)
	}

	dir := journalWithSessions(t, 2)
	cases := []struct {
		name  string
		from  string
		code  unhunch.Code
		words []string
	}{
		{"random bytes", write("noise.db", noise), unhunch.EInvalid, []string{"is not an unhunch backup", "not an SQLite database", "Nothing was changed"}},
		{"a text file", write("notes.txt", []byte("remember to stretch\n")), unhunch.EInvalid, []string{"not an SQLite database"}},
		{"an empty file", write("empty.db", nil), unhunch.EInvalid, []string{"not an SQLite database"}},
		{"another program's database", foreign, unhunch.EInvalid, []string{"no unhunch sessions table"}},
		{"a journal missing a table", noTable, unhunch.EInvalid, []string{"no unhunch sessions table"}},
		{"a damaged backup", write("damaged.db", damaged), unhunch.EInvalid, []string{"is damaged and cannot be restored", "try an older backup"}},
		{"from a newer unhunch", newer, unhunch.EConflict, []string{"made by a newer unhunch", "upgrade unhunch first"}},
		{"a file that does not exist", filepath.Join(src, "missing.db"), unhunch.ENotFound, []string{"there is no file"}},
		{"a folder", src, unhunch.EInvalid, []string{"it is a folder"}},
		{"a journal in use", filepath.Join(liveDir, store.FileName), unhunch.EInvalid, []string{"-wal", "a journal in use"}},
		{"the journal itself", filepath.Join(dir, store.FileName), unhunch.EInvalid, []string{"is the journal itself"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, dir)
			_, err := store.Restore(ctx, c.from, dir)
			wantError(t, err, c.code, append(c.words, c.from)...)
			sameFiles(t, dir, before)
		})
	}
	if got := all(t, dir); len(got) != 2 {
		t.Errorf("the journal has %d sessions after the refusals, want 2", len(got))
	}

	t.Run("while the journal is open", func(t *testing.T) {
		inUse := journalWithSessions(t, 1)
		open := openAt(t, "", inUse) // this process holds the lock now
		before := snapshot(t, inUse)
		_, err := store.Restore(ctx, good, inUse)
		wantError(t, err, unhunch.EConflict, "the journal is open in process "+strconv.Itoa(os.Getpid()), "Nothing was changed")
		sameFiles(t, inUse, before)
		open.Close()
		if _, err := store.Restore(ctx, good, inUse); err != nil {
			t.Errorf("restore once the journal is closed: %v", err)
		}
	})
}

// Backups and restores leave the journal file private to its owner.
func TestJournalIsPrivate(t *testing.T) {
	dir := journalWithSessions(t, 1)
	for _, p := range []string{dir, filepath.Join(dir, store.FileName)} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v; others can read it", p, info.Mode().Perm())
		}
	}
}
