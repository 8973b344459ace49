package person

import (
	"context"
	"slices"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/progress"
)

// State is what the journal says about the person, read once per command or request.
type State struct {
	Sessions []*journal.Session             // every session, most recent first
	Levels   map[string]*progress.Level     // each practised exercise's level
	SetAside map[string]store.ExerciseState // exercises kept out or avoided
}

// Load reads the person's sessions, levels and set-aside exercises.
func Load(ctx context.Context, st *store.Store, c *catalog.Catalog) (State, error) {
	sessions, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		return State{}, err
	}
	aside, err := st.ExerciseStates(ctx)
	if err != nil {
		return State{}, err
	}
	return State{Sessions: sessions, Levels: Levels(sessions, c), SetAside: aside}, nil
}

// PlanInputs returns what the planner takes from the journal: exercises set
// aside, current levels, and each exercise's most recent rating.
func (p State) PlanInputs() (avoid []string, levels map[string]dose.Amount, ratings map[string]journal.Rating) {
	for id, s := range p.SetAside {
		if s.Excluded || s.Avoided {
			avoid = append(avoid, id)
		}
	}
	slices.Sort(avoid)
	levels = map[string]dose.Amount{}
	for id, l := range p.Levels {
		levels[id] = l.Amount
	}
	ratings = map[string]journal.Rating{}
	latest := map[string]time.Time{}
	for _, s := range Practice(p.Sessions) {
		for _, e := range s.Exercises {
			if e.Rating != "" && !e.EndedAt.Before(latest[e.ExerciseID]) {
				ratings[e.ExerciseID], latest[e.ExerciseID] = e.Rating, e.EndedAt
			}
		}
	}
	return avoid, levels, ratings
}

// Personalise adds what the journal knows to a plan request: exercises set
// aside after a stop or avoided, the person's levels (unless atStart) and
// their latest ratings.
func (p State) Personalise(c *catalog.Catalog, req *planner.Request, atStart bool) {
	avoid, levels, ratings := p.PlanInputs()
	for _, id := range avoid {
		if _, known := c.Exercise(id); known && !slices.Contains(req.Avoid, id) {
			req.Avoid = append(req.Avoid, id)
		}
	}
	if !atStart {
		req.Levels = levels
	}
	req.Ratings = ratings
}
