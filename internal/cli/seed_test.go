package cli_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// seedSession is a session for journal-seed to save: journal.Session's
// JSON, with its owner, which that JSON leaves out.
type seedSession struct {
	journal.Session
	// Owner is "dead" (a process that has ended), "live" (a process that
	// runs: pid 1), or an owner as saved.
	Owner string `json:"owner"`
}

// seedJournal is the script program journal-seed:
//
//	exec journal-seed DATA_DIR FILE
//
// saves the sessions of the JSON array in FILE to the SQLite journal in
// DATA_DIR through the store, as the player would: start, each exercise,
// then the finish (unless the status is active). There is no player yet
// to make sessions for the history, backup and restore scripts.
//
//	exec journal-seed -newer DATA_DIR
//
// marks that journal as written by a newer unhunch (one schema version up).
//
//	exec journal-seed -lock DATA_DIR READY &name&
//
// holds that journal locked, as another program might, and creates the
// file READY once it does; it runs until killed.
//
//	exec journal-seed -wait READY
//
// waits for the file READY to appear (for at most a minute).
//
//	exec journal-seed -sql DB_FILE SCRIPT
//
// runs the SQL statements of SCRIPT (separated by ";" at the end of a
// line) on the SQLite file DB_FILE as a hand edit would: foreign keys off
// and CHECK rules ignored. It crafts journals and backups unhunch would
// never write.
func seedJournal() int {
	var err error
	switch {
	case len(os.Args) == 3 && os.Args[1] == "-newer":
		err = markNewer(os.Args[2])
	case len(os.Args) == 4 && os.Args[1] == "-lock":
		err = holdLock(os.Args[2], os.Args[3])
	case len(os.Args) == 3 && os.Args[1] == "-wait":
		err = waitFor(os.Args[2])
	case len(os.Args) == 4 && os.Args[1] == "-sql":
		err = runSQL(os.Args[2], os.Args[3])
	case len(os.Args) == 3:
		err = seed(os.Args[1], os.Args[2])
	default:
		fmt.Fprintln(os.Stderr, "usage: journal-seed DATA_DIR FILE | -newer DATA_DIR | -lock DATA_DIR READY | -wait READY | -sql DB_FILE SCRIPT")
		return 2
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "journal-seed:", err)
		return 1
	}
	return 0
}

// rawJournal opens the SQLite journal in dir directly, with extra DSN
// parameters, bypassing the store.
func rawJournal(dir, params string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?"+params)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func runSQL(file, script string) error {
	b, err := os.ReadFile(script)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=foreign_keys(0)&_pragma=ignore_check_constraints(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range strings.Split(string(b), ";\n") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		if _, err := db.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	_, err = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

func markNewer(dir string) error {
	db, err := rawJournal(dir, "")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf("INSERT INTO unhunch_schema_version (version_id, is_applied) VALUES (%d, true)", store.SchemaVersion()+1))
	return err
}

func holdLock(dir, ready string) error {
	db, err := rawJournal(dir, "_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return err
	}
	defer db.Close()
	// In exclusive locking mode the first write takes a lock that lasts
	// as long as the connection.
	if _, err := db.Exec("UPDATE sessions SET routine_name = routine_name"); err != nil {
		return err
	}
	if err := os.WriteFile(ready, nil, 0o600); err != nil {
		return err
	}
	for {
		time.Sleep(time.Hour) // until killed
	}
}

func waitFor(file string) error {
	for range 6000 {
		if _, err := os.Stat(file); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("%s did not appear", file)
}

func seed(dir, file string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var list []seedSession
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		return err
	}
	defer st.Close()
	_, host, _ := strings.Cut(store.ThisOwner(), "@")
	for _, ss := range list {
		s := ss.Session
		switch ss.Owner {
		case "dead":
			cmd := exec.Command("true")
			if err := cmd.Run(); err != nil {
				return err
			}
			s.Owner = fmt.Sprintf("pid:%d@%s", cmd.Process.Pid, host)
		case "live":
			s.Owner = "pid:1@" + host
			s.SeenAt = time.Now() // its player renews its lease
		default:
			s.Owner = ss.Owner
		}
		exercises, status, ended, after, reason := s.Exercises, s.Status, s.EndedAt, s.PainAfter, s.StopReason
		s.Exercises, s.Status, s.EndedAt, s.PainAfter, s.StopReason = nil, "", nil, nil, ""
		if _, err := st.StartSession(ctx, &s); err != nil {
			return err
		}
		for _, p := range exercises {
			if err := st.RecordExercise(ctx, s.ID, p); err != nil {
				return err
			}
		}
		if status != journal.Active && status != "" {
			if ended == nil {
				return fmt.Errorf("session %s: a finished session needs ended_at", s.ID)
			}
			if err := st.FinishSession(ctx, s.ID, status, *ended, after, reason); err != nil {
				return err
			}
		}
	}
	fmt.Printf("seeded %d sessions\n", len(list))
	return nil
}
