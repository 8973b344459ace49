package cli

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// personState is what the journal says about the person, read once per command.
type personState struct {
	sessions []*journal.Session
	levels   map[string]*progress.Level
	setAside map[string]store.ExerciseState
}

// loadPerson reads the person's sessions, levels and set-aside exercises.
func loadPerson(ctx context.Context, st *store.Store, c *catalog.Catalog) (personState, error) {
	sessions, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		return personState{}, err
	}
	aside, err := st.ExerciseStates(ctx)
	if err != nil {
		return personState{}, err
	}
	return personState{sessions: sessions, levels: person.Levels(sessions, c), setAside: aside}, nil
}

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

// planInputs returns what the planner takes from the journal: exercises set
// aside, current levels, and each exercise's most recent rating.
func (p personState) planInputs() (avoid []string, levels map[string]dose.Amount, ratings map[string]journal.Rating) {
	for id, s := range p.setAside {
		if s.Excluded || s.Avoided {
			avoid = append(avoid, id)
		}
	}
	levels = map[string]dose.Amount{}
	for id, l := range p.levels {
		levels[id] = l.Amount
	}
	ratings = map[string]journal.Rating{}
	var latest = map[string]time.Time{}
	for _, s := range p.sessions {
		for _, e := range s.Exercises {
			if e.Rating != "" && !e.EndedAt.Before(latest[e.ExerciseID]) {
				ratings[e.ExerciseID], latest[e.ExerciseID] = e.Rating, e.EndedAt
			}
		}
	}
	return avoid, levels, ratings
}
