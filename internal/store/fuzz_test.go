package store_test

import (
	"context"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// Any session id, whatever its bytes, is found or not found on both
// engines: never an internal error (PostgreSQL refuses NUL and invalid
// UTF-8 outright). Any outcome is saved or refused with a code that says
// why, never half-saved.
func FuzzSessionIDsAndOutcomes(f *testing.F) {
	for _, s := range []string{"", "\x00", "\xff\xfe", "01M80MR60SH4PJABDEAVJ5CG4D", "a b", "é", "\x1b[31m"} {
		f.Add(s, 0, 10, 30.0)
	}
	f.Add("", 2147483648, 2147483648, 1e300)
	f.Add("", -1, -1, -1.0)
	type eng struct {
		name string
		st   *store.Store
		sid  string
	}
	var engines []eng
	for _, e := range []engine{sqliteEng, postgresEng} {
		if e.name == "postgres" && (pg.skip != "" || pg.base == "") {
			continue // no server here (a fuzzing worker starts none)
		}
		url, dir := e.fresh(f)
		st, err := store.Open(context.Background(), url, dir)
		if err != nil {
			f.Fatal(err)
		}
		f.Cleanup(func() { st.Close() })
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, Owner: store.WebOwner, PlannedExercises: 3}
		if _, err := st.StartSession(context.Background(), s); err != nil {
			f.Fatal(err)
		}
		engines = append(engines, eng{e.name, st, s.ID})
	}
	f.Fuzz(func(t *testing.T, id string, index, reps int, seconds float64) {
		ctx := context.Background()
		for _, e := range engines {
			if _, err := e.st.Session(ctx, id); err != nil && unhunch.ErrorCode(err) != unhunch.ENotFound {
				t.Fatalf("%s: Session(%q): %v", e.name, id, err)
			}
			if err := e.st.RateExercise(ctx, id, index, 0, journal.Right); err != nil &&
				unhunch.ErrorCode(err) != unhunch.ENotFound && unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Fatalf("%s: RateExercise(%q, %d): %v", e.name, id, index, err)
			}
			p := groupPerformance(0, "chin-tucks")
			p.Index, p.Amount.Reps, p.Seconds, p.ExerciseID = index, reps, seconds, "chin-tucks"+id
			err := e.st.RecordExercise(ctx, e.sid, p)
			// EConflict: an earlier input saved this attempt with other
			// content, and a saved outcome is never rewritten.
			if c := unhunch.ErrorCode(err); err != nil && c != unhunch.EInvalid && c != unhunch.EConflict {
				t.Fatalf("%s: RecordExercise(index %d, reps %d, seconds %g, id %q): %v (%s)", e.name, index, reps, seconds, id, err, c)
			}
		}
	})
}
