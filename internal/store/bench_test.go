package store_test

import (
	"context"
	"testing"

	"github.com/unhunch/unhunch/internal/pgtest"
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
