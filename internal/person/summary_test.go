package person_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // a zone with daylight saving on every machine

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/journaltest"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/pgtest"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// openStore opens a new journal: SQLite, or a new PostgreSQL database.
func openStore(t testing.TB, engine string) *store.Store {
	t.Helper()
	url, dir := "", filepath.Join(t.TempDir(), "data")
	if engine == "postgres" {
		url = pgtest.Database(t)
	}
	st, err := store.Open(context.Background(), url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// engines are the engines a test runs on: PostgreSQL too unless -short.
func engines() []string {
	if testing.Short() {
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// Issue 16: Load reads a checkpoint and the few sessions after it, and
// what it says of the person is what every session of the journal says,
// summed from nothing (person.StateOf), and what the rules did before
// summaries (progress.Levels, the latest rating of each exercise, the
// exercises done, each routine's last start, the streaks over every day).
// Sessions arrive as they do in use and as they should not: late ratings,
// finishes and outcomes to sessions already summed, sessions started
// offline in the past, demos, stops, the clock moving on, in a zone with
// daylight saving.
func TestLoadIsTheWholeJournal(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			for seed := range uint64(3) {
				t.Run(fmt.Sprint(seed), func(t *testing.T) { loadIsTheWholeJournal(t, engine, seed) })
			}
		})
	}
}

func loadIsTheWholeJournal(t *testing.T, engine string, seed uint64) {
	ctx := context.Background()
	c := builtin(t)
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, engine)
	rng := rand.New(rand.NewPCG(seed, 7))
	now := time.Date(2026, 3, 20, 8, 0, 0, 0, time.UTC) // daylight saving starts on the 29th
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = false
	}
	var sessions []*journal.Session
	routines := c.Routines()
	checkpoints, dropped := 0, 0
	hadCheckpoint := false
	for step := range 260 {
		switch x := rng.IntN(20); {
		case x < 6: // a session now, or started offline up to ten days ago
			r := routines[rng.IntN(len(routines))]
			at := now
			if rng.IntN(6) == 0 {
				at = now.Add(-time.Duration(rng.IntN(240)) * time.Hour)
			}
			pain := rng.IntN(8)
			s := &journal.Session{RoutineID: r.ID, RoutineName: r.Name, StartedAt: at, PainBefore: &pain, Owner: store.WebOwner,
				PlannedExercises: len(r.Exercises)}
			if rng.IntN(8) == 0 {
				s.PainBefore = nil
			}
			if rng.IntN(10) == 0 {
				s.TimeScale = 30
			}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			sessions = append(sessions, s)
			for i, it := range r.Exercises {
				if rng.IntN(5) == 0 {
					break // the rest come later, or never
				}
				record(t, st, rng, s, i, it.ID, 1)
			}
		case x < 9 && len(sessions) > 0: // an outcome, a retry, late
			s := sessions[rng.IntN(len(sessions))]
			r, _ := c.Routine(s.RoutineID)
			i := rng.IntN(len(r.Exercises))
			record(t, st, rng, s, i, r.Exercises[i].ID, 1+rng.IntN(2))
		case x < 11 && len(sessions) > 0: // a rating, late
			s := sessions[rng.IntN(len(sessions))]
			r, _ := c.Routine(s.RoutineID)
			err := st.RateExercise(ctx, s.ID, rng.IntN(len(r.Exercises)), 0, journal.Ratings[rng.IntN(3)])
			if err != nil && !isNotFound(err) {
				t.Fatal(err)
			}
		case x < 14 && len(sessions) > 0: // a finish, with pain after
			s := sessions[rng.IntN(len(sessions))]
			pain := rng.IntN(11)
			if err := st.FinishSession(ctx, s.ID, journal.Completed, s.StartedAt.Add(10*time.Minute), &pain, ""); err != nil {
				t.Fatal(err)
			}
		case x < 15:
			sc := safety.NewScreening(now.Add(-time.Duration(rng.IntN(48))*time.Hour), answers)
			if err := st.SaveScreening(ctx, &sc); err != nil {
				t.Fatal(err)
			}
		case x < 16 && len(sessions) > 0: // the player left or came back
			s := sessions[rng.IntN(len(sessions))]
			st.MarkInterrupted(ctx, s.ID, s.StartedAt.Add(5*time.Minute))
			if rng.IntN(2) == 0 {
				st.Renew(ctx, s.ID, s.StartedAt.Add(6*time.Minute))
			}
		case x < 17:
			at := now.Add(-time.Duration(rng.IntN(100000)) * time.Second) // any order
			if err := st.SavePSFS(ctx, at, map[string]int{"Driving": rng.IntN(11), "Reaching": rng.IntN(11)}); err != nil && !isInvalid(err) {
				t.Fatal(err)
			}
		default:
			now = now.Add(time.Duration(2+rng.IntN(30)) * time.Hour)
		}
		cp, err := st.Checkpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if hadCheckpoint && cp.ThroughAt.IsZero() {
			dropped++
		}
		if step%3 != 0 {
			hadCheckpoint = !cp.ThroughAt.IsZero()
			continue
		}
		sameAsTheWholeJournal(t, st, c, now, loc)
		after, err := st.Checkpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !after.ThroughAt.Equal(cp.ThroughAt) && !after.ThroughAt.IsZero() {
			checkpoints++
		}
		hadCheckpoint = !after.ThroughAt.IsZero()
	}
	if checkpoints < 5 || dropped < 2 {
		t.Errorf("checkpoints kept %d, dropped %d: the test did not exercise them", checkpoints, dropped)
	}
}

// record saves an outcome of exercise id at index i of s, attempt n.
func record(t *testing.T, st *store.Store, rng *rand.Rand, s *journal.Session, i int, id string, n int) {
	t.Helper()
	p := journal.Performance{Index: i, Attempt: n, ExerciseID: id, Outcome: journal.Done, Seconds: float64(30 + rng.IntN(60)),
		StartedAt: s.StartedAt.Add(time.Duration(i) * time.Minute), EndedAt: s.StartedAt.Add(time.Duration(i+1) * time.Minute)}
	switch rng.IntN(8) {
	case 0:
		p.Outcome, p.Seconds = journal.Skipped, 1
	case 1:
		p.Outcome, p.StopReason = journal.Halted, journal.Discomfort
	}
	if p.Outcome == journal.Done && rng.IntN(3) > 0 {
		p.Rating = journal.Ratings[rng.IntN(3)]
	}
	if rng.IntN(4) == 0 {
		p.StartedAt, p.EndedAt = s.StartedAt, s.StartedAt.Add(time.Minute) // attempts ending together
	}
	err := st.RecordExercise(context.Background(), s.ID, p)
	if err != nil && !isConflict(err) {
		t.Fatal(err)
	}
}

func isNotFound(err error) bool { return unhunch.ErrorCode(err) == unhunch.ENotFound }
func isInvalid(err error) bool  { return unhunch.ErrorCode(err) == unhunch.EInvalid } // the same moment twice

func isConflict(err error) bool { return unhunch.ErrorCode(err) == unhunch.EConflict }

// sameAsTheWholeJournal compares what Load reads with what every session
// of the journal says, and with the rules as they read every session.
func sameAsTheWholeJournal(t *testing.T, st *store.Store, c *catalog.Catalog, now time.Time, loc *time.Location) {
	t.Helper()
	ctx := context.Background()
	got, err := person.Load(ctx, st, c, now, loc)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	screenings, err := st.Screenings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := person.StateOf(all, screenings, got.SetAside, got.Cleared, c, loc)
	opts := []cmp.Option{cmpopts.EquateApprox(0, 1e-9), cmpopts.IgnoreUnexported(person.History{})}
	if diff := cmp.Diff(want.History, got.History, opts...); diff != "" {
		t.Fatalf("at %v: history (-every session +checkpoint and after):\n%s", now, diff)
	}
	if g, w := got.History.CurrentStreak(now), want.History.CurrentStreak(now); g != w {
		t.Fatalf("at %v: current streak %d, want %d", now, g, w)
	}
	if diff := cmp.Diff(want.Gate(now, nil), got.Gate(now, nil)); diff != "" {
		t.Fatalf("at %v: gate (-every session +since the screening):\n%s", now, diff)
	}
	if diff := cmp.Diff(want.Trend(), got.Trend()); diff != "" {
		t.Fatalf("at %v: trend (-every session +the weeks it reads):\n%s", now, diff)
	}
	// The rules as they read every session before the summaries.
	levels := progress.Levels(all, person.Doses(c))
	for id, l := range levels {
		g := got.Levels[id]
		if g == nil || g.Amount != l.Amount || g.Easier != l.Easier || g.Streak != l.Streak {
			t.Fatalf("at %v: level of %s %+v, want %+v", now, id, g, l)
		}
		n := min(len(l.Changes), person.KeptChanges)
		if diff := cmp.Diff(l.Changes[len(l.Changes)-n:], g.Changes, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("at %v: changes of %s (-replayed +kept):\n%s", now, id, diff)
		}
	}
	if len(levels) != len(got.Levels) {
		t.Fatalf("at %v: %d levels, want %d", now, len(got.Levels), len(levels))
	}
	ratings, latest, done, last := map[string]journal.Rating{}, map[string]time.Time{}, map[string]bool{}, map[string]time.Time{}
	for _, s := range person.Practice(all) {
		for _, e := range s.Exercises {
			if e.Rating != "" && !e.EndedAt.Before(latest[e.ExerciseID]) {
				ratings[e.ExerciseID], latest[e.ExerciseID] = e.Rating, e.EndedAt
			}
			if e.Outcome == journal.Done {
				done[e.ExerciseID] = true
			}
		}
		if t, ok := last[s.RoutineID]; !ok || s.StartedAt.After(t) {
			last[s.RoutineID] = s.StartedAt
		}
	}
	_, _, gotRatings := got.PlanInputs()
	if diff := cmp.Diff(ratings, gotRatings, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("at %v: ratings (-every session +summed):\n%s", now, diff)
	}
	if diff := cmp.Diff(done, got.History.Done, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("at %v: exercises done (-every session +summed):\n%s", now, diff)
	}
	if diff := cmp.Diff(last, got.History.Routines, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("at %v: routines' last start (-every session +summed):\n%s", now, diff)
	}
	days := progress.PracticeDays(progress.Briefs(all), loc)
	if b, cur := progress.BestStreak(days), progress.CurrentStreak(days, now.In(loc)); b != got.History.Best || cur != got.History.CurrentStreak(now) {
		t.Fatalf("at %v: streaks best %d current %d, want %d and %d", now, got.History.Best, got.History.CurrentStreak(now), b, cur)
	}
	// The recap of the latest sessions and of the first (which the
	// checkpoint holds): read as LoadRecap reads, and from every session.
	var ids []string
	for i, s := range all {
		if i < 3 || i == len(all)-1 {
			ids = append(ids, s.ID)
		}
	}
	for _, id := range ids {
		want, err := person.Recap(all, c, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := person.LoadRecap(ctx, st, c, id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Fatalf("at %v: recap of %s (-every session +what it reads):\n%s", now, id, diff)
		}
	}
	if _, err := person.LoadRecap(ctx, st, c, "no-such-session"); !isNotFound(err) {
		t.Fatalf("recap of an unknown session: %v, want ENotFound", err)
	}
	// The progress document: read as Load reads, and from every session.
	doc, err := person.LoadProgress(ctx, st, got, c, now, loc)
	if err != nil {
		t.Fatal(err)
	}
	full := person.Progress(all, c, now, loc)
	psfs, err := st.PSFS(ctx)
	if err != nil {
		t.Fatal(err)
	}
	full.PSFS = progress.SummarisePSFS(psfs, now)
	if diff := cmp.Diff(full, doc, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Fatalf("at %v: progress (-every session +what it reads):\n%s", now, diff)
	}
}

// counting is a journal that counts what each read returns.
type counting struct {
	*store.Store
	sessions, briefs, facts, screenings int
}

func (c *counting) SessionsFrom(ctx context.Context, at time.Time, id string) ([]*journal.Session, error) {
	l, err := c.Store.SessionsFrom(ctx, at, id)
	c.sessions += len(l)
	return l, err
}

func (c *counting) Briefs(ctx context.Context, from, to time.Time) ([]journal.Brief, error) {
	l, err := c.Store.Briefs(ctx, from, to)
	c.briefs += len(l)
	return l, err
}

func (c *counting) BriefsIn(ctx context.Context, spans [][2]time.Time) ([]journal.Brief, error) {
	l, err := c.Store.BriefsIn(ctx, spans)
	c.briefs += len(l)
	return l, err
}

func (c *counting) GateFacts(ctx context.Context, after, before time.Time) ([]safety.SessionFacts, error) {
	l, err := c.Store.GateFacts(ctx, after, before)
	c.facts += len(l)
	return l, err
}

func (c *counting) GateScreenings(ctx context.Context, asOf time.Time) ([]safety.Screening, error) {
	l, err := c.Store.GateScreenings(ctx, asOf)
	c.screenings += len(l)
	return l, err
}

// Issue 16: a start read the whole journal (person.Load read every
// session), so its cost grew with the journal. Now what a start and the
// progress document read is bounded by the weeks they look at, not by how
// long the journal is: the same on a journal of two months and of years.
func TestLoadReadsWhatItNeeds(t *testing.T) {
	ctx := context.Background()
	c := builtin(t)
	end := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	now := end.Add(9 * time.Hour)
	read := func(days int) counting {
		st := openStore(t, "sqlite")
		if _, err := journaltest.Write(ctx, st, c, end, days, 3); err != nil {
			t.Fatal(err)
		}
		// The first read of a journal without a checkpoint sums it all,
		// once, and keeps one.
		if _, err := person.Load(ctx, st, c, now, time.UTC); err != nil {
			t.Fatal(err)
		}
		n := counting{Store: st}
		p, err := person.Load(ctx, &n, c, now, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := person.LoadProgress(ctx, &n, p, c, now, time.UTC); err != nil {
			t.Fatal(err)
		}
		r, _ := c.Routine("posture-support")
		if _, err := person.Start(ctx, &n, c, person.StartRequest{Routine: r, Now: now, TimeScale: 1, Location: time.UTC}); err != nil {
			t.Fatal(err)
		}
		// The recap of the latest session.
		latest, err := st.Sessions(ctx, journal.Filter{Limit: 1})
		if err != nil || len(latest) != 1 {
			t.Fatal(latest, err)
		}
		if _, err := person.LoadRecap(ctx, &n, c, latest[0].ID); err != nil {
			t.Fatal(err)
		}
		return n
	}
	short, long := read(70), read(420)
	t.Logf("70 days: %+v; 420 days: %+v", short, long)
	// Two days since the checkpoint, three times (Load, Start and the
	// recap); a week of
	// sessions since the last screening, twice; the pain record's first
	// week and the weeks it shows (Load, twice: 1 + 5 weeks; the progress
	// document: 6 + 8 + 8 weeks), at most two sessions a day.
	bounds := counting{sessions: 2 * 2 * 3, facts: 2 * 7 * 2, screenings: 2 * 2, briefs: 2 * 7 * 2 * (6 + 6 + 8 + 8)}
	for _, n := range []counting{short, long} {
		if n.sessions > bounds.sessions || n.facts > bounds.facts || n.screenings > bounds.screenings || n.briefs > bounds.briefs {
			t.Errorf("read %+v; at most %+v", n, bounds)
		}
	}
}
