package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// Many concurrent outcomes through a Group: each is saved exactly once, one
// for an unknown session or rewriting a saved attempt is refused alone, a
// resend changes nothing, a cancelled
// caller's outcome is never written, and a closed group refuses.
func TestGroupCommit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		const sessions, per = 8, 12
		ids := make([]string, sessions)
		for i := range ids {
			s := &journal.Session{RoutineID: "r", Owner: store.WebOwner, StartedAt: base, PlannedExercises: per}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			ids[i] = s.ID
		}
		// A session with an outcome saved already, which a batch must not
		// rewrite: a different outcome for the same attempt is refused alone.
		other := &journal.Session{RoutineID: "r", Owner: store.WebOwner, StartedAt: base, PlannedExercises: 1}
		if _, err := st.StartSession(ctx, other); err != nil {
			t.Fatal(err)
		}
		if err := st.RecordExercise(ctx, other.ID, perf(0, "chin-tucks", journal.Halted, base)); err != nil {
			t.Fatal(err)
		}
		g := st.NewGroup(16)
		cases := []struct {
			name    string
			session string
			p       journal.Performance
			ctx     func() context.Context
			code    unhunch.Code
		}{
			{name: "unknown session", session: "nope", p: perf(0, "chin-tucks", journal.Done, base), code: unhunch.ENotFound},
			{name: "invalid outcome", session: ids[0], p: journal.Performance{Index: -1, ExerciseID: "x"}, code: unhunch.EInvalid},
			{name: "an attempt saved already, rewritten", session: other.ID, p: perf(0, "chin-tucks", journal.Skipped, base), code: unhunch.EConflict},
			{name: "an attempt saved already, re-sent", session: other.ID, p: perf(0, "chin-tucks", journal.Halted, base)},
			{name: "cancelled caller", session: ids[0], p: perf(per+1, "chin-tucks", journal.Done, base), ctx: func() context.Context {
				c, cancel := context.WithCancel(ctx)
				cancel()
				return c
			}, code: unhunch.EUnavailable},
		}
		var wg sync.WaitGroup
		errs := make(chan error, sessions*per*2)
		for _, id := range ids {
			for i := 0; i < per; i++ {
				for range 2 { // each outcome sent twice, as a client retrying
					wg.Add(1)
					go func() {
						defer wg.Done()
						if err := g.RecordExercise(ctx, id, perf(i, fmt.Sprintf("ex-%d", i), journal.Done, base)); err != nil {
							errs <- err
						}
					}()
				}
			}
		}
		for _, c := range cases {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cx := ctx
				if c.ctx != nil {
					cx = c.ctx()
				}
				err := g.RecordExercise(cx, c.session, c.p)
				if got := unhunch.ErrorCode(err); got != c.code {
					errs <- fmt.Errorf("%s: code %q, want %q (%v)", c.name, got, c.code, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		for _, id := range ids {
			s, err := st.Session(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Exercises) != per {
				t.Errorf("session %s has %d exercises, want %d", id, len(s.Exercises), per)
			}
			for i, p := range s.Exercises {
				if p.Index != i || p.ExerciseID != fmt.Sprintf("ex-%d", i) {
					t.Errorf("exercise %d saved as %d %s", i, p.Index, p.ExerciseID)
				}
			}
		}
		if s, err := st.Session(ctx, other.ID); err != nil || len(s.Exercises) != 1 || s.Exercises[0].Outcome != journal.Halted {
			t.Errorf("the saved stop was rewritten: %+v, %v", s, err)
		}
		g.Close()
		wantError(t, g.RecordExercise(ctx, ids[0], perf(0, "x", journal.Done, base)), unhunch.EUnavailable, "closing")
	})
}

// Head and SessionByClientKey read what StartSession wrote.
func TestWebReads(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		s := &journal.Session{RoutineID: "r", Owner: store.WebOwner, StartedAt: base, PlannedExercises: 3, ClientKey: "key-1"}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		h, err := st.Head(ctx, s.ID)
		if err != nil || h.Owner != store.WebOwner || h.PlannedExercises != 3 || h.Status != journal.Active {
			t.Errorf("Head = %+v, %v", h, err)
		}
		_, err = st.Head(ctx, "missing")
		wantError(t, err, unhunch.ENotFound, "missing")
		got, err := st.SessionByClientKey(ctx, "key-1")
		if err != nil || got == nil || got.ID != s.ID {
			t.Errorf("SessionByClientKey(key-1) = %v, %v", got, err)
		}
		if got, err := st.SessionByClientKey(ctx, "key-2"); err != nil || got != nil {
			t.Errorf("SessionByClientKey(key-2) = %v, %v; want none", got, err)
		}
	})
}
