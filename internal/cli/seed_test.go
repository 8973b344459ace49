package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"

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

// seedJournal is the script command
//
//	exec journal-seed DATA_DIR FILE
//
// It saves the sessions of the JSON array in FILE to the SQLite journal in
// DATA_DIR through the store, as the player would: start, each exercise,
// then the finish (unless the status is active). There is no player yet
// to make sessions for the history, backup and restore scripts.
func seedJournal() int {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: journal-seed DATA_DIR FILE")
		return 2
	}
	if err := seed(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "journal-seed:", err)
		return 1
	}
	return 0
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
