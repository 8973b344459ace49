package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// Pages of sessions follow one another by the last id of the page before,
// newest first, ties in start broken by id; an unknown cursor is not found.
func TestSessionsPages(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		var want []string // newest first
		for i := range 7 {
			at := base.AddDate(0, 0, i/2) // two sessions share each start
			s := &journal.Session{ID: fmt.Sprintf("01J0000000000000000000000%d", i), RoutineID: "r", StartedAt: at}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			want = append([]string{s.ID}, want...)
		}
		// Within a start, newest first means the higher id first.
		for i := 0; i+1 < len(want); i += 2 {
			if i+1 < len(want)-1 {
				want[i+1], want[i+2] = want[i+2], want[i+1]
			}
		}
		all, err := st.Sessions(ctx, journal.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, s := range all {
			ids = append(ids, s.ID)
		}
		var paged []string
		before := ""
		for range 10 {
			page, err := st.Sessions(ctx, journal.Filter{Limit: 3, Before: before})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range page {
				paged = append(paged, s.ID)
			}
			if len(page) < 3 {
				break
			}
			before = page[len(page)-1].ID
		}
		if diff := cmp.Diff(ids, paged); diff != "" {
			t.Errorf("pages (-all +paged):\n%s", diff)
		}
		_, err = st.Sessions(ctx, journal.Filter{Before: "01J00000000000000000000099"})
		wantError(t, err, unhunch.ENotFound)
	})
}

// Each session keeps the totals of its exercises as they are saved
// (attempts done, seconds), and restore works them out again from the rows,
// whatever a backup says.
func TestSessionTotals(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		s := &journal.Session{RoutineID: "r", StartedAt: base}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		demo := &journal.Session{RoutineID: "r", StartedAt: base.Add(time.Hour), TimeScale: 30}
		if _, err := st.StartSession(ctx, demo); err != nil {
			t.Fatal(err)
		}
		for _, p := range []journal.Performance{
			perf(0, "chin-tucks", journal.Done, base), perf(1, "cat-cow", journal.Skipped, base),
			perf(2, "wall-angels", journal.Halted, base), perf(0, "chin-tucks", journal.Done, base), // a re-send adds nothing
		} {
			if err := st.RecordExercise(ctx, s.ID, p); err != nil {
				t.Fatal(err)
			}
		}
		again := perf(0, "chin-tucks", journal.Done, base)
		again.Attempt = 2
		if err := st.RecordExercise(ctx, s.ID, again); err != nil {
			t.Fatal(err)
		}
		g := st.NewGroup(8)
		if err := g.RecordExercise(ctx, demo.ID, perf(0, "chin-tucks", journal.Done, demo.StartedAt)); err != nil {
			t.Fatal(err)
		}
		g.Close()
		briefs, err := st.Briefs(ctx, base, base.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		read, err := st.Session(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []journal.Brief{read.Brief()} // the demo is left out
		if diff := cmp.Diff(want, briefs); diff != "" || want[0].Done != 2 || want[0].Seconds != 3*62.5 {
			t.Errorf("briefs (-want +got):\n%s\n%+v", diff, want)
		}
	})
}

// The checkpoint is kept only if nothing was written since the version it
// was worked out at; any write to a session it holds drops it, in the same
// transaction; writes to later sessions leave it.
func TestCheckpoint(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		var ids []string
		for d := range 3 {
			s := &journal.Session{RoutineID: "r", StartedAt: base.AddDate(0, 0, d)}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, s.ID)
		}
		cp := journal.Checkpoint{ThroughAt: base.AddDate(0, 0, 1), Basis: "b", State: []byte(`{"x":1}`)}
		keep := func() {
			t.Helper()
			v, err := st.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := st.SaveCheckpoint(ctx, v-1, cp); err != nil || ok {
				t.Fatalf("kept at an older version: %v %v", ok, err)
			}
			if ok, err := st.SaveCheckpoint(ctx, v, cp); err != nil || !ok {
				t.Fatalf("not kept: %v %v", ok, err)
			}
			if v2, _ := st.Version(ctx); v2 != v {
				t.Errorf("keeping a checkpoint moved the version %d → %d", v, v2)
			}
		}
		kept := func() bool {
			t.Helper()
			got, err := st.Checkpoint(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got.ThroughAt.IsZero() {
				return false
			}
			if diff := cmp.Diff(cp, got); diff != "" {
				t.Errorf("checkpoint (-saved +read):\n%s", diff)
			}
			return true
		}
		keep()
		if !kept() {
			t.Fatal("no checkpoint")
		}
		from, err := st.SessionsFrom(ctx, cp.ThroughAt, cp.ThroughID)
		if err != nil || len(from) != 2 || from[0].ID != ids[2] || from[1].ID != ids[1] {
			t.Fatalf("sessions from the watermark: %v %v", from, err)
		}
		// Writes to sessions after the watermark leave it.
		if err := st.RecordExercise(ctx, ids[2], perf(0, "chin-tucks", journal.Done, base)); err != nil {
			t.Fatal(err)
		}
		if err := st.FinishSession(ctx, ids[1], journal.Completed, base.AddDate(0, 0, 1).Add(time.Hour), ptr(3), ""); err != nil {
			t.Fatal(err)
		}
		if !kept() {
			t.Fatal("a write after the watermark dropped the checkpoint")
		}
		// Every kind of write to a session before it drops it.
		old := ids[0]
		for _, w := range []struct {
			name  string
			write func() error
		}{
			{"exercise", func() error { return st.RecordExercise(ctx, old, perf(1, "cat-cow", journal.Done, base)) }},
			{"rating", func() error { return st.RateExercise(ctx, old, 1, 0, journal.TooEasy) }},
			{"interrupt", func() error { return st.MarkInterrupted(ctx, old, base.Add(2*time.Minute)) }},
			{"renew", func() error { return st.Renew(ctx, old, base.Add(3*time.Minute)) }},
			{"finish", func() error { return st.FinishSession(ctx, old, journal.Completed, base.Add(time.Hour), ptr(2), "") }},
			{"start", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: "r", StartedAt: base.Add(-time.Hour)})
				return err
			}},
			{"group", func() error {
				g := st.NewGroup(4)
				defer g.Close()
				p := perf(1, "cat-cow", journal.Done, base)
				p.Attempt = 2
				return g.RecordExercise(ctx, old, p)
			}},
		} {
			keep()
			if err := w.write(); err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			if kept() {
				t.Errorf("%s of a session before the watermark left the checkpoint", w.name)
			}
		}
	})
}

// The gate's screenings: the last one and the clearances that bear on it,
// as of a moment; the gate decides on them as on every screening.
func TestGateScreenings(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		yes := func(ids ...string) map[string]bool {
			a := map[string]bool{}
			for _, q := range safety.Questions {
				a[q.ID] = false
			}
			for _, id := range ids {
				a[id] = true
			}
			return a
		}
		flag := ""
		for _, q := range safety.Questions {
			if q.Outcome == safety.Clinician {
				flag = q.ID
				break
			}
		}
		day := func(d int) time.Time { return base.AddDate(0, 0, d) }
		var saved []safety.Screening
		save := func(sc safety.Screening) {
			if err := st.SaveScreening(ctx, &sc); err != nil {
				t.Fatal(err)
			}
			saved = append(saved, sc)
		}
		save(safety.NewScreening(day(0), yes()))
		save(safety.NewScreening(day(10), yes(flag)))
		save(safety.Clearance(day(11), saved[1]))
		save(safety.NewScreening(day(20), yes(flag)))
		save(safety.Clearance(day(21), safety.NewScreening(day(21), yes()))) // clears nothing flagged
		save(safety.NewScreening(day(30), yes()))
		for d := -1; d <= 40; d++ {
			got, err := st.GateScreenings(ctx, day(d).Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			var all []safety.Screening
			for _, s := range saved {
				if !s.At.After(day(d).Add(time.Hour)) {
					all = append(all, s)
				}
			}
			for _, now := range []time.Time{day(d).Add(time.Hour), day(d).AddDate(0, 0, 3)} {
				want := safety.Gate(now, all, nil, nil)
				if diff := cmp.Diff(want, safety.Gate(now, got, nil, nil)); diff != "" {
					t.Errorf("day %d: gate (-every screening +the gate's):\n%s", d, diff)
				}
			}
			if d >= 22 && d < 30 && len(got) != 3 {
				t.Errorf("day %d: %d screenings read, want the last, the clearance that does not cover it, and the one that does", d, len(got))
			}
		}
		one, found, err := st.Screening(ctx, saved[2].ID)
		if err != nil || !found || !one.Clearing {
			t.Errorf("screening by id: %+v %v %v", one, found, err)
		}
		if _, found, err := st.Screening(ctx, "nope"); found || err != nil {
			t.Errorf("unknown screening: %v %v", found, err)
		}
	})
}

// The gate's facts of sessions between two moments, newest first, with
// every stop; the pain record's ends; the functional scale's first and
// latest score of each activity, kept as ratings are saved.
func TestGateFactsPainAndPSFS(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		if _, _, ok, err := st.PainEnds(ctx); ok || err != nil {
			t.Fatalf("pain ends of an empty journal: %v %v", ok, err)
		}
		var sessions []*journal.Session
		for d, pain := range []*int{nil, ptr(4), ptr(6), nil} {
			s := &journal.Session{RoutineID: "r", StartedAt: base.AddDate(0, 0, d), PainBefore: pain}
			if d == 3 {
				s.TimeScale, s.PainBefore = 30, ptr(9) // a demo's pain is not the record's
			}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			sessions = append(sessions, s)
		}
		stop := perf(1, "cat-cow", journal.Halted, base)
		stop.StopReason = journal.SharpPain
		for _, p := range []journal.Performance{perf(0, "chin-tucks", journal.Halted, base), stop} {
			if err := st.RecordExercise(ctx, sessions[1].ID, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.FinishSession(ctx, sessions[1].ID, journal.Stopped, base.AddDate(0, 0, 1), ptr(7), journal.SharpPain); err != nil {
			t.Fatal(err)
		}
		facts, err := st.GateFacts(ctx, base, base.AddDate(0, 0, 3))
		if err != nil {
			t.Fatal(err)
		}
		var want []safety.SessionFacts
		for _, id := range []string{sessions[2].ID, sessions[1].ID} {
			s, err := st.Session(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, safety.FactsOf(s))
		}
		if diff := cmp.Diff(want, facts); diff != "" {
			t.Errorf("facts (-want +got):\n%s", diff)
		}
		first, last, ok, err := st.PainEnds(ctx)
		if err != nil || !ok || !first.Equal(base.AddDate(0, 0, 1)) || !last.Equal(base.AddDate(0, 0, 2)) {
			t.Errorf("pain ends %v %v %v %v", first, last, ok, err)
		}
		at := func(d int) time.Time { return base.AddDate(0, 0, d) }
		for _, r := range []struct {
			d      int
			scores map[string]int
		}{
			{14, map[string]int{"Driving": 5}}, {0, map[string]int{"Reaching": 3, "Driving": 4, "Sleeping": 6}}, {14, map[string]int{"Reaching": 6}},
		} {
			if err := st.SavePSFS(ctx, at(r.d), r.scores); err != nil {
				t.Fatal(err)
			}
		}
		ratings, err := st.PSFS(ctx)
		if err != nil {
			t.Fatal(err)
		}
		acts, lastRated, err := st.PSFSActivities(ctx)
		if err != nil {
			t.Fatal(err)
		}
		now := at(20)
		if diff := cmp.Diff(progress.SummarisePSFS(ratings, now), progress.PSFSOf(acts, lastRated, now)); diff != "" {
			t.Errorf("functional scale (-every rating +kept):\n%s", diff)
		}
	})
}

// Restore takes none of a backup's summaries: it works them out again from
// the rows it copied, and keeps no checkpoint.
func TestRestoreWorksOutSummaries(t *testing.T) {
	ctx := context.Background()
	dir := journalWithSessions(t, 2)
	src := openAt(t, "", dir)
	if _, err := src.SaveCheckpoint(ctx, mustVersion(t, src), journal.Checkpoint{ThroughAt: base.AddDate(1, 0, 0), Basis: "b", State: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	if err := src.SavePSFS(ctx, base, map[string]int{"Driving": 4}); err != nil {
		t.Fatal(err)
	}
	want, err := src.Briefs(ctx, base.AddDate(-1, 0, 0), base.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	wantActs, _, err := src.PSFSActivities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	goodPath := filepath.Join(t.TempDir(), "good.db")
	if _, err := src.Backup(ctx, goodPath, false); err != nil {
		t.Fatal(err)
	}
	src.Close()
	good, err := os.ReadFile(goodPath)
	if err != nil {
		t.Fatal(err)
	}
	// A backup whose summaries lie (CHECK rules aside, as a hand edit could).
	backup := craft(t, good, "lies.db", true,
		"UPDATE sessions SET done_attempts = -1, practice_seconds = 12345",
		"UPDATE psfs_activities SET first_score = 10, latest_score = 0")
	if _, err := store.Restore(ctx, backup, dir); err != nil {
		t.Fatal(err)
	}
	st := openAt(t, "", dir)
	got, err := st.Briefs(ctx, base.AddDate(-1, 0, 0), base.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("totals after restore (-before +after):\n%s", diff)
	}
	acts, _, err := st.PSFSActivities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantActs, acts); diff != "" {
		t.Errorf("functional scale after restore (-before +after):\n%s", diff)
	}
	if cp, err := st.Checkpoint(ctx); err != nil || !cp.ThroughAt.IsZero() {
		t.Errorf("restore kept the backup's checkpoint: %+v %v", cp, err)
	}
}

// mustVersion returns the journal's version.
func mustVersion(t *testing.T, st *store.Store) int64 {
	t.Helper()
	v, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}
