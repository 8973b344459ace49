package store_test

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/pgtest"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// forEachEngineB runs f as a sub-benchmark on SQLite and on PostgreSQL.
func forEachEngineB(b *testing.B, f func(b *testing.B, e engine)) {
	for _, e := range []engine{sqliteEng, postgresEng} {
		b.Run(e.name, func(b *testing.B) {
			if e.name == "postgres" {
				pgtest.ServerURL(b) // skips (or fails) here when there is no server
			}
			f(b, e)
		})
	}
}

// BenchmarkRecordExercise measures journal writes per second: one
// exercise outcome saved (durably) per operation, one writer.
func BenchmarkRecordExercise(b *testing.B) {
	forEachEngineB(b, func(b *testing.B, e engine) {
		ctx := context.Background()
		st := open(b, e)
		s := &journal.Session{RoutineID: "posture-support", StartedAt: base}
		if _, err := st.StartSession(ctx, s); err != nil {
			b.Fatal(err)
		}
		i := 0
		for b.Loop() {
			if err := st.RecordExercise(ctx, s.ID, childPerformance(i)); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
	})
}

// BenchmarkRecordExerciseParallel is the same with several writers at
// once, each on a session of its own, as a server would see them.
func BenchmarkRecordExerciseParallel(b *testing.B) {
	forEachEngineB(b, func(b *testing.B, e engine) {
		ctx := context.Background()
		st := open(b, e)
		b.SetParallelism(4) // 4 × GOMAXPROCS writers
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			s := &journal.Session{RoutineID: "posture-support", StartedAt: base}
			if _, err := st.StartSession(ctx, s); err != nil {
				b.Error(err)
				return
			}
			i := 0
			for pb.Next() {
				if err := st.RecordExercise(ctx, s.ID, childPerformance(i)); err != nil {
					b.Error(err)
					return
				}
				i++
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
	})
}

// BenchmarkSessions reads a year of daily sessions, five exercises each,
// as `unhunch history` does: one query for all of them.
func BenchmarkSessions(b *testing.B) {
	forEachEngineB(b, func(b *testing.B, e engine) {
		ctx := context.Background()
		st := open(b, e)
		for day := range 365 {
			s := &journal.Session{RoutineID: "posture-support", StartedAt: base.AddDate(0, 0, day)}
			if _, err := st.StartSession(ctx, s); err != nil {
				b.Fatal(err)
			}
			for i := range 5 {
				if err := st.RecordExercise(ctx, s.ID, childPerformance(i)); err != nil {
					b.Fatal(err)
				}
			}
		}
		for b.Loop() {
			list, err := st.Sessions(ctx, journal.Filter{})
			if err != nil || len(list) != 365 {
				b.Fatalf("%d sessions, %v", len(list), err)
			}
		}
	})
}

// BenchmarkGroup records outcomes through a Group from 50 writers at once,
// each on a session of its own, as the server does under load (issue 16:
// 50 connections); on PostgreSQL once outcome by outcome (a savepoint
// each) and once with the batch statements, in the same run. It reports
// writes a second and the 99th percentile of a writer's wait.
func BenchmarkGroup(b *testing.B) {
	forEachEngineB(b, func(b *testing.B, e engine) {
		modes := []bool{true}
		if e.name == "postgres" {
			modes = []bool{false, true}
		}
		for _, batched := range modes {
			name := "batched"
			if !batched {
				name = "one-by-one"
			}
			b.Run(name, func(b *testing.B) {
				defer store.SetGroupBatches(batched)()
				ctx := context.Background()
				st := open(b, e)
				g := st.NewGroup(store.DefaultGroupSize)
				defer g.Close()
				var mu sync.Mutex
				var waits []time.Duration
				b.SetParallelism(max(1, 50/runtime.GOMAXPROCS(0)))
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					s := &journal.Session{RoutineID: "posture-support", StartedAt: base}
					if _, err := st.StartSession(ctx, s); err != nil {
						b.Error(err)
						return
					}
					var mine []time.Duration
					i := 0
					for pb.Next() {
						t0 := time.Now()
						if err := g.RecordExercise(ctx, s.ID, childPerformance(i)); err != nil {
							b.Error(err)
							return
						}
						mine = append(mine, time.Since(t0))
						i++
					}
					mu.Lock()
					waits = append(waits, mine...)
					mu.Unlock()
				})
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
				if len(waits) > 0 {
					slices.Sort(waits)
					b.ReportMetric(float64(waits[len(waits)*99/100].Microseconds())/1000, "p99-ms")
				}
			})
		}
	})
}
