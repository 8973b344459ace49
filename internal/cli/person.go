package cli

import (
	"time"

	"context"
	"os"
	"path/filepath"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
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
	st, err := a.openStore(ctx)
	if err != nil {
		return person.State{}, err
	}
	defer st.Close()
	return person.Load(ctx, st, c, time.Now(), time.Local)
}
