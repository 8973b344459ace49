package store_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// A group warms up before its first batch: with the warm-up no batch has
// to ready the statements (on PostgreSQL, the group's own connection and
// the batch statements on it) while its callers wait; without it, the
// first batch does.
func TestGroupWarmsUp(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		cases := []struct {
			name     string
			warmUp   bool
			wantCold bool
		}{
			{"with the warm-up", true, false},
			{"without", false, true},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				ctx := context.Background()
				st := open(t, e)
				s := &journal.Session{RoutineID: "r", Owner: store.WebOwner, StartedAt: base, PlannedExercises: 8}
				if _, err := st.StartSession(ctx, s); err != nil {
					t.Fatal(err)
				}
				restore := store.SetGroupWarmUp(c.warmUp)
				g := st.NewGroup(16)
				restore()
				<-g.Warmed()
				var wg sync.WaitGroup
				for i := range 8 {
					wg.Go(func() {
						if err := g.RecordExercise(ctx, s.ID, perf(i, "chin-tucks", journal.Done, base)); err != nil {
							t.Error(err)
						}
					})
				}
				wg.Wait()
				g.Close()
				if cold := g.ColdBatches(); (cold > 0) != c.wantCold {
					t.Errorf("%d cold batches, want some: %v", cold, c.wantCold)
				}
				got, err := st.Session(ctx, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Exercises) != 8 {
					t.Errorf("%d outcomes saved, want 8", len(got.Exercises))
				}
			})
		}
	})
}

// Warm prepares the head reads and, on PostgreSQL, leaves a pool of idle
// connections readied for them.
func TestWarmReadiesConnections(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		if err := st.Warm(context.Background()); err != nil {
			t.Fatal(err)
		}
		prepared := st.Prepared()
		for _, q := range store.HeadReadSQL {
			if !slices.Contains(prepared, q) {
				t.Errorf("not prepared: %s", q)
			}
		}
		if e.name != "postgres" {
			return
		}
		if idle := st.DB().Stats().Idle; idle < store.PGIdleConns {
			t.Errorf("%d idle connections after Warm, want %d", idle, store.PGIdleConns)
		}
	})
}

// On PostgreSQL a burst of head reads, many more than the pool keeps,
// runs on the connections Warm readied: none is opened beside them (and
// none is closed for being one too many in the pool when given back).
func TestHeadsUseReadyConnections(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		if e.name != "postgres" {
			t.Skip("SQLite's reads open no backend")
		}
		ctx := context.Background()
		st := open(t, e)
		s := &journal.Session{RoutineID: "r", Owner: store.WebOwner, StartedAt: base, PlannedExercises: 1}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := st.Warm(ctx); err != nil {
			t.Fatal(err)
		}
		before := st.DB().Stats()
		var most atomic.Int64
		sample := func() {
			n := int64(st.DB().Stats().OpenConnections)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
		}
		const readers = 200
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range readers {
			wg.Go(func() {
				<-start
				for range 3 {
					var err error
					switch i % 3 {
					case 0:
						_, err = st.Version(ctx)
					case 1:
						_, err = st.HasAccounts(ctx)
					default:
						_, err = st.Head(ctx, s.ID)
					}
					if err != nil {
						t.Error(err)
					}
					sample()
				}
			})
		}
		close(start)
		wg.Wait()
		after := st.DB().Stats()
		if m := most.Load(); m > int64(before.OpenConnections) {
			t.Errorf("%d connections open during the burst, %d before it", m, before.OpenConnections)
		}
		if after.OpenConnections != before.OpenConnections || after.MaxIdleClosed != before.MaxIdleClosed {
			t.Errorf("open %d → %d, closed as one too many %d → %d: the burst opened connections",
				before.OpenConnections, after.OpenConnections, before.MaxIdleClosed, after.MaxIdleClosed)
		}
		if before.OpenConnections < store.PGIdleConns {
			t.Errorf("%d connections after Warm, want %d", before.OpenConnections, store.PGIdleConns)
		}
	})
}
