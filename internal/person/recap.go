package person

import (
	"slices"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// Recap gives the account of session id at its end from the journal's
// sessions: what was done, the time, pain before and after, and the doses
// that move next time because of it (each exercise's level worked out with
// and without this session, by the same rules as every start), so the
// terminal and the browser say the same.
func Recap(sessions []*journal.Session, c *catalog.Catalog, id string) (api.Recap, error) {
	i := slices.IndexFunc(sessions, func(s *journal.Session) bool { return s.ID == id })
	if i < 0 {
		return api.Recap{}, unhunch.E(unhunch.ENotFound, message.RecapNoSession, id)
	}
	s := sessions[i]
	r := api.Recap{SessionID: s.ID, RoutineName: s.RoutineName, Status: s.Status, StopReason: s.StopReason,
		PlannedSeconds: s.PlannedSeconds, Done: s.Done(), Planned: s.PlannedExercises, PainBefore: s.PainBefore,
		PainAfter: s.PainAfter, Demo: s.IsDemo(), TimeScale: s.TimeScale, Exercises: []api.RecapExercise{}, Changes: []api.RecapChange{}}
	for _, p := range s.Exercises {
		r.Seconds += p.Seconds
	}
	for _, p := range s.Final() {
		words := message.OutcomeWords.Text(string(p.Outcome))
		if p.StopReason != "" {
			words = message.Text(message.RecapOutcomeWhy, words, message.StopWords.Text(string(p.StopReason)))
		}
		r.Exercises = append(r.Exercises, api.RecapExercise{ID: p.ExerciseID, Name: exerciseName(c, p.ExerciseID),
			Outcome: p.Outcome, OutcomeWords: words, StopReason: p.StopReason, Rating: p.Rating})
	}
	without := slices.Delete(slices.Clone(sessions), i, i+1)
	before, after := Levels(without, c), Levels(sessions, c)
	seen := map[string]bool{}
	for _, p := range s.Final() {
		if seen[p.ExerciseID] {
			continue
		}
		seen[p.ExerciseID] = true
		e, ok := c.Exercise(p.ExerciseID)
		if !ok {
			continue
		}
		was, now := levelWords(e, before[e.ID]), levelWords(e, after[e.ID])
		if was == now {
			continue
		}
		why := ""
		if lv := after[e.ID]; lv != nil && len(lv.Changes) > 0 {
			why = string(lv.Changes[len(lv.Changes)-1].Why)
		}
		words := message.Text(message.RecapChangeWords, e.Name, was, now)
		if why != "" {
			words = message.Text(message.RecapChangeWhy, words, message.WhyWords.Text(why))
		}
		r.Changes = append(r.Changes, api.RecapChange{ID: e.ID, Name: e.Name, From: was, To: now, Why: why, Words: words})
	}
	return r, nil
}

// levelWords says the dose of e at level lv (nil: the starting dose).
func levelWords(e *catalog.Exercise, lv *progress.Level) string {
	if w := EasierWords(e, lv); w != "" {
		return w
	}
	if lv == nil {
		return e.Dose.Describe(e.Dose.Start())
	}
	return e.Dose.Describe(lv.Amount)
}

// exerciseName is the name of exercise id, or the id when the catalog no
// longer has it.
func exerciseName(c *catalog.Catalog, id string) string {
	if e, ok := c.Exercise(id); ok {
		return e.Name
	}
	return id
}
