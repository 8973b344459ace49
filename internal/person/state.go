package person

import (
	"context"
	"slices"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// State is what the journal says about the person, read once per command or request.
type State struct {
	Sessions   []*journal.Session               // every session, most recent first
	Levels     map[string]*progress.Level       // each practised exercise's level
	SetAside   map[string]journal.ExerciseState // exercises kept out or avoided
	Screenings []safety.Screening               // every screening and clearance, oldest first
	Cleared    []safety.ConditionClearance      // exercises a clinician cleared of a condition
}

// Load reads the person's sessions, levels, set-aside exercises, screenings
// and clinicians' clearances.
func Load(ctx context.Context, st Reader, c *catalog.Catalog) (State, error) {
	sessions, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		return State{}, err
	}
	aside, err := st.ExerciseStates(ctx)
	if err != nil {
		return State{}, err
	}
	screenings, err := st.Screenings(ctx)
	if err != nil {
		return State{}, err
	}
	cleared, err := st.ConditionClearances(ctx)
	if err != nil {
		return State{}, err
	}
	return State{Sessions: sessions, Levels: Levels(sessions, c), SetAside: aside, Screenings: screenings, Cleared: cleared}, nil
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
