package person

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// RecapReader is what the recap reads of the journal (LoadRecap).
type RecapReader interface {
	// Session returns one session with its exercises (ENotFound: none).
	Session(ctx context.Context, id string) (*journal.Session, error)
	// Checkpoint returns the summary the journal keeps of the sessions
	// before its watermark (journal.Checkpoint); zero when there is none.
	Checkpoint(ctx context.Context) (journal.Checkpoint, error)
	// SessionsFrom returns the sessions ordered at or after (at, id), with
	// their exercises (every session for a zero at).
	SessionsFrom(ctx context.Context, at time.Time, id string) ([]*journal.Session, error)
}

// LoadRecap gives the account of session id at its end (Recap), reading
// only what it needs (issue 16): the session, the journal's checkpoint and
// the sessions after it. A recap is asked for when a session ends, days
// before the session is folded into the checkpoint (FoldAfter), so each
// level with and without it is the checkpoint's replayed with the
// sessions after it, with and without this one. The recap of a session the
// checkpoint already holds, or of a journal without one, reads every
// session, as Recap does.
func LoadRecap(ctx context.Context, st RecapReader, c *catalog.Catalog, id string) (api.Recap, error) {
	s, err := st.Session(ctx, id)
	if unhunch.ErrorCode(err) == unhunch.ENotFound {
		return api.Recap{}, unhunch.E(unhunch.ENotFound, message.RecapNoSession, id).Wrap(err)
	}
	if err != nil {
		return api.Recap{}, err
	}
	cp, err := st.Checkpoint(ctx)
	if err != nil {
		return api.Recap{}, err
	}
	base, ok := checkpointLevels(cp, c)
	if !ok || cp.Covers(s.StartedAt, s.ID) {
		base, cp = map[string]*progress.Level{}, journal.Checkpoint{}
	}
	recent, err := st.SessionsFrom(ctx, cp.ThroughAt, cp.ThroughID)
	if err != nil {
		return api.Recap{}, err
	}
	i := slices.IndexFunc(recent, func(r *journal.Session) bool { return r.ID == id })
	if i < 0 {
		// Never so: the session is ordered after the watermark.
		recent, i = append(recent, s), len(recent)
	}
	s = recent[i]
	doses := Doses(c)
	before, after := cloneLevels(base), cloneLevels(base)
	for _, r := range progress.Ordered(recent) {
		if r.ID != id {
			progress.Replay(before, r, doses)
		}
		progress.Replay(after, r, doses)
	}
	return recapOf(s, c, before, after), nil
}

// checkpointLevels returns the levels a checkpoint keeps when they were
// worked out with c's doses (levels do not depend on the time zone), and
// false otherwise.
func checkpointLevels(cp journal.Checkpoint, c *catalog.Catalog) (map[string]*progress.Level, bool) {
	if cp.ThroughAt.IsZero() || !strings.HasPrefix(cp.Basis, dosesKey(c)+" ") {
		return nil, false
	}
	var h struct {
		Levels map[string]*progress.Level `json:"levels"`
	}
	if err := json.Unmarshal(cp.State, &h); err != nil || h.Levels == nil {
		return nil, false
	}
	for id, l := range h.Levels {
		if l == nil || l.ExerciseID != id {
			return nil, false
		}
	}
	return h.Levels, true
}

// cloneLevels returns a copy of levels that Replay can change without
// changing levels.
func cloneLevels(levels map[string]*progress.Level) map[string]*progress.Level {
	out := make(map[string]*progress.Level, len(levels))
	for id, l := range levels {
		cl := *l
		cl.Changes = append([]progress.Change{}, l.Changes...)
		out[id] = &cl
	}
	return out
}

// Recap gives the account of session id at its end from the journal's
// sessions, every one of them: what was done, the time, pain before and
// after, and the doses that move next time because of it (each exercise's
// level worked out with and without this session, by the same rules as
// every start), so the terminal and the browser say the same. LoadRecap
// gives the same from the journal, reading only what it needs.
func Recap(sessions []*journal.Session, c *catalog.Catalog, id string) (api.Recap, error) {
	i := slices.IndexFunc(sessions, func(s *journal.Session) bool { return s.ID == id })
	if i < 0 {
		return api.Recap{}, unhunch.E(unhunch.ENotFound, message.RecapNoSession, id)
	}
	without := slices.Delete(slices.Clone(sessions), i, i+1)
	return recapOf(sessions[i], c, Levels(without, c), Levels(sessions, c)), nil
}

// recapOf is the recap of session s, with each exercise's level before
// and after it.
func recapOf(s *journal.Session, c *catalog.Catalog, before, after map[string]*progress.Level) api.Recap {
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
	return r
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
