package fhir_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/fhir"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// made is a journal whose sessions are made as they are read: n of them,
// one a day, each of seven exercises rated, with pain before and after.
type made struct {
	n     int
	watch func(i int) // called before session i is handed over
}

func (m made) Pseudonym(context.Context) (string, error) { return "01TESTPSEUDONYM0000000000", nil }
func (m made) ExerciseStates(context.Context) (map[string]journal.ExerciseState, error) {
	return map[string]journal.ExerciseState{}, nil
}
func (m made) Screenings(context.Context) ([]safety.Screening, error) { return nil, nil }
func (m made) ConditionClearances(context.Context) ([]safety.ConditionClearance, error) {
	return nil, nil
}
func (m made) PSFS(context.Context) ([]progress.PSFSRating, error) { return nil, nil }

var posture = []string{"thoracic-extension", "wall-angels", "chin-tucks", "scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle"}

func (m made) EachSession(_ context.Context, _ journal.Filter, fn func(*journal.Session) error) error {
	for i := range m.n {
		if m.watch != nil {
			m.watch(i)
		}
		if err := fn(madeSession(i)); err != nil {
			return err
		}
	}
	return nil
}

func madeSession(i int) *journal.Session {
	at := day0.AddDate(0, 0, i)
	end := at.Add(12 * time.Minute)
	before, after := 3+i%4, 2+i%4
	s := &journal.Session{ID: fmt.Sprintf("01SESSION%017d", i), RoutineID: "posture-support", RoutineName: "Posture support",
		Status: journal.Completed, StartedAt: at, EndedAt: &end, PlannedSeconds: 720, PlannedExercises: 7, TimeScale: 1,
		PainBefore: &before, PainAfter: &after}
	for k, id := range posture {
		e, _ := cat.Exercise(id)
		start := at.Add(time.Duration(k) * 100 * time.Second)
		s.Exercises = append(s.Exercises, journal.Performance{Index: k, Attempt: 1, ExerciseID: id, Outcome: journal.Done,
			Amount: e.Dose.Start(), Seconds: 95.5, StartedAt: start, EndedAt: start.Add(95500 * time.Millisecond), Rating: journal.Right})
	}
	return s
}

// heap returns the live heap after a collection.
func heap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// The export streams: the heap in use while the 4,000th session is
// written is the heap at the 500th, give or take a little (what grows with
// the journal is a number a week and each level's changes), though the
// bundle is over 20 MB.
func TestExportMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a bundle of 4,000 sessions")
	}
	var at500, at4000 uint64
	src := made{n: 4000, watch: func(i int) {
		switch i {
		case 500:
			at500 = heap()
		case 3999:
			at4000 = heap()
		}
	}}
	n := &counter{}
	if err := fhir.Export(context.Background(), n, src, cat, fhir.Options{Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	t.Logf("heap at session 500: %d KB; at 4,000: %d KB; bundle %d MB", at500>>10, at4000>>10, n.n>>20)
	if at4000 > at500+1<<20 {
		t.Errorf("the heap grew from %d KB to %d KB while the journal was read", at500>>10, at4000>>10)
	}
	if n.n < 20<<20 {
		t.Errorf("a bundle of %d bytes: the test measures too little", n.n)
	}
}

// counter counts what is written to it.
type counter struct{ n int }

func (c *counter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

var _ io.Writer = (*counter)(nil)

// BenchmarkExport2000 exports a journal of 2,000 sessions of posture
// support (seven exercises each) from SQLite, as `unhunch export --format
// fhir` does (docs/performance.md).
func BenchmarkExport2000(b *testing.B) {
	st, err := store.Open(ctx, "", b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rec := store.Records{Pseudonym: "01BENCHPSEUDONYM000000000"}
	for i := range 2000 {
		rec.Sessions = append(rec.Sessions, madeSession(i))
	}
	if err := st.Import(ctx, rec); err != nil {
		b.Fatal(err)
	}
	n := &counter{}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n.n = 0
		if err := fhir.Export(ctx, n, st, cat, fhir.Options{Location: time.UTC}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n.n)/(1<<20), "MB/bundle")
}

// BenchmarkExportMade exports 2,000 sessions made on the fly: the cost of
// the mapping and the JSON alone, without the database.
func BenchmarkExportMade(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := fhir.Export(ctx, io.Discard, made{n: 2000}, cat, fhir.Options{Location: time.UTC}); err != nil {
			b.Fatal(err)
		}
	}
}
