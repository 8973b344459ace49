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
		// A mistyped --data-dir must not look like a journal that lost
		// everything: say where the new one is.
		note := message.Text(message.CLINewJournal, st.Where())
		if isTerminal(a.env.Stderr) {
			note = wrap(note, "", "") // whole words at a terminal; one line in a log
		}
		fmt.Fprintln(a.env.Stderr, note)
	}
	if _, err := st.SweepInterrupted(ctx, store.OwnerAlive, time.Now()); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
