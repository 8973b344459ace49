package cli

import (
	"context"
	"os"
	"path/filepath"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// levelsIfAny returns the person's levels when a journal already exists
// (or --db names one), without creating one: showing a routine must not
// leave a journal behind. atStart skips the journal.
func (a *app) levelsIfAny(ctx context.Context, c *catalog.Catalog) (map[string]*progress.Level, error) {
	if a.databaseURL() == "" {
		if _, err := os.Stat(filepath.Join(a.dataPath(), "unhunch.db")); err != nil {
			return nil, nil
		}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sessions, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		return nil, err
	}
	return person.Levels(sessions, c), nil
}
