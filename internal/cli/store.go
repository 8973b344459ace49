package cli

import (
	"context"

	"github.com/unhunch/unhunch/internal/store"
)

// openStore opens the journal (--db, UNHUNCH_DB, or SQLite in the data
// directory) and marks as interrupted every session whose player died
// without finishing it.
func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, a.databaseURL(), a.dataPath())
	if err != nil {
		return nil, err
	}
	if _, err := st.SweepInterrupted(ctx, store.OwnerAlive); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
