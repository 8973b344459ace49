package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// openStore opens the journal (--db, UNHUNCH_DB, or SQLite in the data
// directory) and marks as interrupted every session whose player died
// without finishing it or stopped renewing its lease.
func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, a.databaseURL(), a.dataPath())
	if err != nil {
		return nil, err
	}
	if st.Created() {
		a.noteNewJournal(st)
	}
	if err := a.sweep(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// noteNewJournal says where the journal just made is: a mistyped
// --data-dir must not look like a journal that lost everything.
func (a *app) noteNewJournal(st *store.Store) {
	note := message.Text(message.CLINewJournal, st.Where())
	if isTerminal(a.env.Stderr) {
		note = wrap(note, "", "") // whole words at a terminal; one line in a log
	}
	fmt.Fprintln(a.env.Stderr, note)
}

// sweep marks as interrupted every session whose player died without
// finishing it or stopped renewing its lease.
func (a *app) sweep(ctx context.Context, st *store.Store) error {
	_, err := st.SweepInterrupted(ctx, store.OwnerAlive, time.Now())
	return err
}
