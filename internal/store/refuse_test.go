package store_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// groupPerformance is a valid outcome at index i.
func groupPerformance(i int, exercise string) journal.Performance {
	start := base.Add(time.Duration(i) * time.Minute)
	return journal.Performance{Index: i, ExerciseID: exercise, Outcome: journal.Done, Seconds: 30,
		StartedAt: start, EndedAt: start.Add(30 * time.Second)}
}

// startSessions starts n sessions and returns their ids.
func startSessions(t *testing.T, st *store.Store, n int) []string {
	t.Helper()
	var ids []string
	for range n {
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, Owner: store.WebOwner, PlannedExercises: 3}
		if _, err := st.StartSession(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	return ids
}

// saveConcurrently saves valid outcomes (three for each session) and bad
// ones at once through g, and checks that every valid one was saved, every
// bad one refused with a code other than EInternal, and none partly.
func saveConcurrently(t *testing.T, st *store.Store, g *store.Group, ids []string, bad []func() error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan string, 1000)
	for _, id := range ids {
		for i := range 3 {
			wg.Go(func() {
				if err := g.RecordExercise(context.Background(), id, groupPerformance(i, "chin-tucks")); err != nil {
					errs <- fmt.Sprintf("valid %s/%d: %v (%s)", id, i, err, unhunch.ErrorCode(err))
				}
			})
		}
	}
	for j, f := range bad {
		wg.Go(func() {
			err := f()
			if c := unhunch.ErrorCode(err); c == "" || c == unhunch.EInternal || c == unhunch.EUnavailable {
				errs <- fmt.Sprintf("bad %d: %v (code %q), want a refusal", j, err, c)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	for _, id := range ids {
		s, err := st.Session(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Exercises) != 3 {
			t.Errorf("session %s has %d exercises, want 3", id, len(s.Exercises))
		}
	}
}

// Numbers beyond what every engine stores (PostgreSQL's INTEGER is 32 bits,
// SQLite's 64) and unreadable session ids are refused before they reach the
// group's transaction, with EInvalid or ENotFound: the 60 valid outcomes
// committed with them are all saved.
func TestGroupBadValueFailsAlone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		g := st.NewGroup(0)
		defer g.Close()
		ids := startSessions(t, st, 20)
		ctx := context.Background()
		with := func(id string, f func(p *journal.Performance)) func() error {
			return func() error {
				p := groupPerformance(0, "chin-tucks")
				f(&p)
				return g.RecordExercise(ctx, id, p)
			}
		}
		bad := []func() error{
			with(ids[0], func(p *journal.Performance) { p.Amount.Reps = 2147483648 }),
			with(ids[1], func(p *journal.Performance) { p.Amount = dose.Amount{Hold: math.MaxInt64} }),
			with(ids[2], func(p *journal.Performance) { p.Index = 2147483648 }),
			with(ids[3], func(p *journal.Performance) { p.Seconds = 1e300 }),
			with("bad\x00id", func(*journal.Performance) {}),
			with("\xff\xfe", func(*journal.Performance) {}),
			func() error { return st.RateExercise(ctx, ids[4], math.MaxInt64, 0, journal.TooEasy) },
			func() error { return st.RateExercise(ctx, ids[5], 2147483648, 0, journal.TooEasy) },
		}
		for range 3 {
			saveConcurrently(t, st, g, ids, bad)
		}
	})
}

// Whatever the database itself refuses (here a rule added for the test: a
// CHECK on PostgreSQL, a trigger on SQLite) fails that outcome alone, as a
// refusal, not the whole group.
func TestGroupDatabaseRefusalFailsAlone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		db := raw(t, url, dir)
		rule := `ALTER TABLE performances ADD CONSTRAINT test_refused CHECK (exercise_id <> 'refused-by-db')`
		if e.name == "sqlite" {
			rule = `CREATE TRIGGER test_refused BEFORE INSERT ON performances WHEN NEW.exercise_id = 'refused-by-db'
				BEGIN SELECT RAISE(ABORT, 'refused by a test rule'); END`
		}
		if _, err := db.Exec(rule); err != nil {
			t.Fatal(err)
		}
		g := st.NewGroup(0)
		defer g.Close()
		ids := startSessions(t, st, 20)
		var bad []func() error
		for i := range 4 {
			bad = append(bad, func() error {
				return g.RecordExercise(context.Background(), ids[i], groupPerformance(0, "refused-by-db"))
			})
		}
		for range 3 {
			saveConcurrently(t, st, g, ids, bad)
		}
	})
}

// Ids no session can have are not found on both engines, by every call
// that takes one; they never reach the database as an error.
func TestUnreadableIDsNotFound(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		ctx := context.Background()
		for _, id := range []string{"a\x00b", "\x00", "\xff", "\xc3\x28", "\x1b[31m", strings.Repeat("A", 65)} {
			_, err := st.Session(ctx, id)
			wantError(t, err, unhunch.ENotFound)
			_, err = st.Head(ctx, id)
			wantError(t, err, unhunch.ENotFound)
			wantError(t, st.RecordExercise(ctx, id, groupPerformance(0, "chin-tucks")), unhunch.ENotFound)
			wantError(t, st.RateExercise(ctx, id, 0, 0, journal.Right), unhunch.ENotFound)
			wantError(t, st.FinishSession(ctx, id, journal.Completed, base, nil, ""), unhunch.ENotFound)
			wantError(t, st.MarkInterrupted(ctx, id, base), unhunch.ENotFound)
			s, err := st.SessionByClientKey(ctx, id)
			if s != nil || err != nil {
				t.Errorf("client key %q: %v, %v; want none", id, s, err)
			}
		}
	})
}

// A session keeps the ids of the exercises it planned; Head returns them
// and its start, on both engines. A count that disagrees, or an id with a
// comma, is refused.
func TestPlannedIDsKept(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		ctx := context.Background()
		ids := []string{"chin-tucks", "doorway-pec-stretch"}
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, PlannedExercises: 2, PlannedIDs: ids, Owner: store.WebOwner}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		h, err := st.Head(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(h.PlannedIDs, " ") != "chin-tucks doorway-pec-stretch" || !h.StartedAt.Equal(base) || h.PlannedExercises != 2 {
			t.Errorf("head %+v", h)
		}
		old := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, PlannedExercises: 3}
		if _, err := st.StartSession(ctx, old); err != nil {
			t.Fatal(err)
		}
		if h, err := st.Head(ctx, old.ID); err != nil || h.PlannedIDs != nil {
			t.Errorf("a session without ids: %+v, %v", h, err)
		}
		for _, bad := range []*journal.Session{
			{RoutineID: "r", PlannedExercises: 3, PlannedIDs: ids},
			{RoutineID: "r", PlannedExercises: 1, PlannedIDs: []string{"a,b"}},
			{RoutineID: "r", PlannedExercises: 1, PlannedIDs: []string{""}},
		} {
			_, err := st.StartSession(ctx, bad)
			wantError(t, err, unhunch.EInvalid)
		}
	})
}
