package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/pgtest"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// snapshot is the content of every file in a folder, to show that a refused
// open left it as it was.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// sameFiles fails the test unless dir holds exactly the files of before.
func sameFiles(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	after := snapshot(t, dir)
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s appeared", name)
		}
	}
}

// journalWithSessions makes a closed SQLite journal in a new data folder
// holding n sessions, and returns the folder.
func journalWithSessions(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base.Add(time.Duration(i) * time.Hour), PainBefore: ptr(i % 11)}
		if _, err := st.StartSession(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		for j := range 3 {
			if err := st.RecordExercise(context.Background(), s.ID, perf(j, "chin-tucks", journal.Done, s.StartedAt)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A file that is not an unhunch journal is refused, unchanged, with words
// that say what to do.
func TestOpenRefusesWhatIsNotAJournal(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, path string)
		code  unhunch.Code
		words []string
	}{{
		name: "random bytes",
		setup: func(t *testing.T, path string) {
			b := make([]byte, 8192)
			rand.Read(b)
			os.WriteFile(path, b, 0o600)
		},
		code:  unhunch.EInvalid,
		words: []string{"is not an unhunch journal, or it is damaged", "not an SQLite database", "Nothing was changed", "unhunch restore"},
	}, {
		name: "a short text file",
		setup: func(t *testing.T, path string) {
			os.WriteFile(path, []byte("hello\n"), 0o600)
		},
		code:  unhunch.EInvalid,
		words: []string{"not an SQLite database"},
	}, {
		name: "another program's SQLite database",
		setup: func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')"); err != nil {
				t.Fatal(err)
			}
		},
		code:  unhunch.EInvalid,
		words: []string{"is a database of another program", "Nothing was changed", "--data-dir"},
	}, {
		name: "a journal from a newer unhunch",
		setup: func(t *testing.T, path string) {
			dir := filepath.Dir(path)
			openAt(t, "", dir).Close()
			db := raw(t, "", dir)
			if _, err := db.Exec(fmt.Sprintf("INSERT INTO %s (version_id, is_applied) VALUES (%d, true)",
				store.VersionTable, store.SchemaVersion()+1)); err != nil {
				t.Fatal(err)
			}
			db.Close()
		},
		code:  unhunch.EConflict,
		words: []string{"written by a newer unhunch", fmt.Sprintf("journal version %d", store.SchemaVersion()+1), "upgrade unhunch"},
	}, {
		name: "a journal missing its tables",
		setup: func(t *testing.T, path string) {
			dir := filepath.Dir(path)
			openAt(t, "", dir).Close()
			db := raw(t, "", dir)
			if _, err := db.Exec("DROP TABLE performances"); err != nil {
				t.Fatal(err)
			}
			db.Close()
		},
		code:  unhunch.EInvalid,
		words: []string{"no unhunch sessions table"},
	}, {
		name: "a folder where the journal should be",
		setup: func(t *testing.T, path string) {
			os.Mkdir(path, 0o700)
		},
		code:  unhunch.EInvalid,
		words: []string{"it is a folder"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, store.FileName)
			c.setup(t, path)
			before := snapshot(t, dir)
			_, err := store.Open(context.Background(), "", dir)
			wantError(t, err, c.code, append(c.words, path)...)
			sameFiles(t, dir, before)
		})
	}
}

// A journal damaged inside (its header intact) opens, and reading the
// damaged part says so instead of returning wrong data.
func TestDamagedJournal(t *testing.T) {
	dir := journalWithSessions(t, 200)
	path := filepath.Join(dir, store.FileName)
	var root, pageSize int64
	db := raw(t, "", dir)
	if err := db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'performances'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := bytes.Repeat([]byte{0xA5}, int(pageSize))
	if _, err := f.WriteAt(junk, (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
	f.Close()

	st := openAt(t, "", dir)
	_, err = st.Sessions(context.Background(), journal.Filter{})
	wantError(t, err, unhunch.EInvalid, path, "is not an unhunch journal, or it is damaged", "unhunch restore")
}

// A journal locked by another program for longer than the busy timeout
// gives a clear error, on open and on a write; nothing is lost.
func TestLockedJournal(t *testing.T) {
	defer store.SetBusyTimeout(200 * time.Millisecond)()
	ctx := context.Background()

	t.Run("another program is writing", func(t *testing.T) {
		dir := journalWithSessions(t, 1)
		st := openAt(t, "", dir)
		other, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		tx, err := other.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec("UPDATE sessions SET routine_name = 'locked'"); err != nil {
			t.Fatal(err)
		}
		s := &journal.Session{RoutineID: "quick-daily-reset"}
		_, err = st.StartSession(ctx, s)
		wantError(t, err, unhunch.EUnavailable, "is locked by another program", "200ms", "try again")
		// Reading still works while another program writes (WAL).
		if list, err := st.Sessions(ctx, journal.Filter{}); err != nil || len(list) != 1 {
			t.Fatalf("read during the lock: %d sessions, %v", len(list), err)
		}
		tx.Rollback()
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatalf("once the lock is gone: %v", err)
		}
	})

	t.Run("another program holds the file exclusively", func(t *testing.T) {
		dir := journalWithSessions(t, 1)
		other, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?_pragma=locking_mode(EXCLUSIVE)")
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		other.SetMaxOpenConns(1)
		if _, err := other.Exec("UPDATE sessions SET routine_name = 'mine'"); err != nil {
			t.Fatal(err)
		}
		_, err = store.Open(ctx, "", dir)
		wantError(t, err, unhunch.EUnavailable, "is locked by another program")
		other.Close()
		st := openAt(t, "", dir)
		if list, err := st.Sessions(ctx, journal.Filter{}); err != nil || len(list) != 1 || list[0].RoutineName != "mine" {
			t.Fatalf("after the lock: %v, %v", list, err)
		}
	})
}

// Read-only folders and files give a clear error. Root ignores
// permissions, so when the tests run as root the open happens in a child
// process running as nobody.
func TestReadOnlyJournal(t *testing.T) {
	// own makes path writable by the child (or not).
	own := func(t *testing.T, path string, writable bool) {
		t.Helper()
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if info.IsDir() {
			mode = 0o755
		}
		if unprivileged() {
			if !writable {
				mode &^= 0o222
			}
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
			return
		}
		uid := 0
		if writable {
			uid = nobody
		}
		if err := os.Chown(path, uid, uid); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
	}
	// journal makes a closed journal with one session in dir.
	journal := func(t *testing.T, dir string) {
		t.Helper()
		st, err := store.Open(context.Background(), "", dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.StartSession(context.Background(), &journal.Session{RoutineID: "chin-tucks-only"}); err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	// Each setup prepares a folder under tmp and returns the data folder to open.
	cases := []struct {
		name  string
		setup func(t *testing.T, tmp string) string
		code  unhunch.Code
		words []string
	}{{
		name: "writable: the child can open and write",
		setup: func(t *testing.T, tmp string) string {
			dir := filepath.Join(tmp, "data")
			journal(t, dir)
			own(t, dir, true)
			own(t, filepath.Join(dir, store.FileName), true)
			return dir
		},
	}, {
		name: "read-only folder, no journal yet",
		setup: func(t *testing.T, tmp string) string {
			dir := filepath.Join(tmp, "data")
			os.Mkdir(dir, 0o755)
			own(t, dir, false)
			return dir
		},
		code:  unhunch.EUnavailable,
		words: []string{"the data folder", "is read-only", "--data-dir"},
	}, {
		name: "read-only folder holding a writable journal",
		setup: func(t *testing.T, tmp string) string {
			dir := filepath.Join(tmp, "data")
			journal(t, dir)
			own(t, filepath.Join(dir, store.FileName), true)
			own(t, dir, false)
			return dir
		},
		code:  unhunch.EUnavailable,
		words: []string{"the data folder", "is read-only"},
	}, {
		name: "read-only journal in a writable folder",
		setup: func(t *testing.T, tmp string) string {
			dir := filepath.Join(tmp, "data")
			journal(t, dir)
			own(t, dir, true)
			own(t, filepath.Join(dir, store.FileName), false)
			return dir
		},
		code:  unhunch.EUnavailable,
		words: []string{"the journal", "is read-only", "chmod u+w"},
	}, {
		name: "the folder cannot be made",
		setup: func(t *testing.T, tmp string) string {
			parent := filepath.Join(tmp, "locked")
			os.Mkdir(parent, 0o755)
			own(t, parent, false)
			return filepath.Join(parent, "data")
		},
		code:  unhunch.EUnavailable,
		words: []string{"cannot create the data folder", "permission denied"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := c.setup(t, sharedTempDir(t))
			before := map[string][]byte{}
			if _, err := os.Stat(dir); err == nil {
				before = snapshot(t, dir)
			}
			res := runOpenChild(t, dir)
			t.Logf("child: %s: %s", res.Code, res.Message)
			if c.code == "" {
				if res.Code != "" {
					t.Fatalf("child failed: %s: %s", res.Code, res.Message)
				}
				return
			}
			if res.Code != c.code {
				t.Fatalf("child got %q (%s), want %s", res.Code, res.Message, c.code)
			}
			for _, w := range append(c.words, dir) {
				if !strings.Contains(res.Message, w) {
					t.Errorf("message %q does not say %q", res.Message, w)
				}
			}
			if _, err := os.Stat(dir); err == nil {
				sameFiles(t, dir, before)
			}
		})
	}
}

// PostgreSQL problems say which server and what to do, and never echo a password.
func TestPostgresProblems(t *testing.T) {
	ctx := context.Background()
	const secret = "s3cret-pw"
	closed := pgtest.FreePort()
	cases := []struct {
		name  string
		url   string
		code  unhunch.Code
		words []string
	}{
		{"nothing listens on the port", fmt.Sprintf("postgres://unhunch:%s@127.0.0.1:%d/journal?sslmode=disable", secret, closed),
			unhunch.EUnavailable, []string{fmt.Sprintf("127.0.0.1:%d", closed), "the server is not reachable (connection refused)", "UNHUNCH_DB"}},
		{"not a URL pgx can read", "postgres://unhunch:" + secret + "@127.0.0.1:notaport/journal",
			unhunch.EInvalid, []string{"not a PostgreSQL URL", "postgres://USER:PASSWORD@HOST:PORT/DATABASE"}},
		{"another kind of database", "mysql://unhunch:" + secret + "@127.0.0.1/journal",
			unhunch.EInvalid, []string{"not a database unhunch can use", "mysql://unhunch:xxxxx@127.0.0.1/journal"}},
		{"a file path", "/tmp/journal.db", unhunch.EInvalid, []string{`"/tmp/journal.db" is not a database unhunch can use`, "--data-dir"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := store.Open(ctx, c.url, t.TempDir())
			wantError(t, err, c.code, c.words...)
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the message shows the password: %v", err)
			}
		})
	}
	t.Run("postgres", func(t *testing.T) {
		pgtest.ServerURL(t) // skips (or fails) here when there is no server
		t.Run("no such database", func(t *testing.T) {
			_, err := store.Open(ctx, pgURL(t, "nope"), "")
			wantError(t, err, unhunch.EInvalid, `has no database "nope"`, "createdb nope")
		})
		t.Run("another program's tables", func(t *testing.T) {
			url := pgtest.Database(t)
			if _, err := raw(t, url, "").Exec("CREATE TABLE recipes (name TEXT)"); err != nil {
				t.Fatal(err)
			}
			_, err := store.Open(ctx, url, "")
			wantError(t, err, unhunch.EInvalid, "holds tables of another program", "Nothing was changed")
			var n int
			raw(t, url, "").QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&n)
			if n != 1 {
				t.Errorf("the database now has %d tables", n)
			}
		})
		t.Run("a journal from a newer unhunch", func(t *testing.T) {
			url := pgtest.Database(t)
			openAt(t, url, "").Close()
			if _, err := raw(t, url, "").Exec(fmt.Sprintf("INSERT INTO %s (version_id, is_applied) VALUES (%d, true)",
				store.VersionTable, store.SchemaVersion()+1)); err != nil {
				t.Fatal(err)
			}
			_, err := store.Open(ctx, url, "")
			wantError(t, err, unhunch.EConflict, "written by a newer unhunch")
		})
		t.Run("backups are pg_dump's job", func(t *testing.T) {
			st := open(t, postgresEng)
			_, err := st.Backup(ctx, filepath.Join(t.TempDir(), "b.db"), false)
			wantError(t, err, unhunch.EInvalid, "pg_dump")
		})
	})
}
