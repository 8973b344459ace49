package cli

import (
	"time"

	"context"
	"os"
	"path/filepath"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
)

// stateIfAny returns what the journal says about the person when a journal
// already exists (or --db names one), without creating one: showing a
// routine must not leave a journal behind. Without a journal it is empty.
func (a *app) stateIfAny(ctx context.Context, c *catalog.Catalog) (person.State, error) {
	if a.databaseURL() == "" {
		if _, err := os.Stat(filepath.Join(a.dataPath(), "unhunch.db")); err != nil {
			return person.State{}, nil
		}
	}
	// The journal the catalog's saved entries were read from, when the
	// command kept it (keepJournal), else a new opening, as openStore does.
	fresh := !a.journal.opened
	st, err := a.openJournal(ctx)
	defer a.closeJournal()
	if err != nil {
		return person.State{}, err
	}
	if st.ReadOnly() {
		// A reader cannot mark a session whose player died as
		// interrupted: when there may be one, open it as openStore does.
		active, err := st.HasActiveSessions(ctx)
		if err != nil {
			return person.State{}, err
		}
		if active {
			a.closeJournal()
			full, err := a.openStore(ctx)
			if err != nil {
				return person.State{}, err
			}
			defer full.Close()
			return person.Load(ctx, full, c, time.Now(), time.Local)
		}
	} else {
		if fresh && st.Created() {
			a.noteNewJournal(st)
		}
		if err := a.sweep(ctx, st); err != nil {
			return person.State{}, err
		}
	}
	// On a reader, a checkpoint Load would keep is not kept (it cannot
	// write): the next command that writes keeps it.
	return person.Load(ctx, st, c, time.Now(), time.Local)
}

// openJournal opens the journal once for the reads of one command: the
// saved catalog entries (addSaved) and then the person's state
// (stateIfAny), which opened it a second time (issue 16: opening it is
// most of what `routines show` costs with a journal), for reading only
// where it can (store.OpenReader). closeJournal closes it; so does the end
// of the command line's run.
func (a *app) openJournal(ctx context.Context) (*store.Store, error) {
	if !a.journal.opened {
		a.journal.st, a.journal.err = store.OpenReader(ctx, a.databaseURL(), a.dataPath())
		a.journal.opened = true
	}
	return a.journal.st, a.journal.err
}

// closeJournal closes what openJournal opened.
func (a *app) closeJournal() {
	if a.journal.st != nil {
		a.journal.st.Close()
	}
	a.journal = sharedJournal{}
}

// sharedJournal is the journal openJournal opened, or why it could not.
type sharedJournal struct {
	opened bool
	st     *store.Store
	err    error
}
