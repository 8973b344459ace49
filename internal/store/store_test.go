package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

func ptr[T any](v T) *T { return &v }

// perf returns an exercise outcome at index i of a session that started at start.
func perf(i int, id string, o journal.Outcome, start time.Time) journal.Performance {
	p := journal.Performance{
		Index: i, Attempt: 1, ExerciseID: id, Outcome: o,
		Amount:    dose.Amount{Reps: 10, Hold: 5},
		Seconds:   62.5,
		StartedAt: start.Add(time.Duration(i) * time.Minute), EndedAt: start.Add(time.Duration(i)*time.Minute + 62500*time.Millisecond),
	}
	if o == journal.Halted {
		p.StopReason = journal.Discomfort
	}
	if o == journal.Skipped {
		p.Seconds, p.Amount = 0, dose.Amount{}
		p.EndedAt = p.StartedAt
	}
	return p
}

// Start, record, rate, finish, read back: what is read is what was written.
func TestSessionLifecycle(t *testing.T) {
	type rating struct {
		index int
		r     journal.Rating
	}
	cases := []struct {
		name      string
		session   journal.Session
		exercises []journal.Performance
		ratings   []rating
		status    journal.Status
		painAfter *int
		reason    journal.StopReason
	}{{
		name: "completed",
		session: journal.Session{RoutineID: "quick-daily-reset", RoutineName: "Quick daily reset", StartedAt: base,
			PlannedSeconds: 264, PlannedExercises: 3, PainBefore: ptr(6), Owner: "pid:1@host", ClientKey: "k-1"},
		exercises: []journal.Performance{perf(0, "chin-tucks", journal.Done, base), perf(1, "scapular-squeezes", journal.Skipped, base),
			perf(2, "doorway-pec-stretch", journal.Done, base)},
		ratings:   []rating{{0, journal.TooEasy}, {2, journal.TooHard}},
		status:    journal.Completed,
		painAfter: ptr(4),
	}, {
		name:      "stopped for sharp pain, pain 0 and 10 at the edges",
		session:   journal.Session{RoutineID: "end-of-day-relief", StartedAt: base, PainBefore: ptr(10), PlannedExercises: 4},
		exercises: []journal.Performance{perf(0, "thoracic-extension", journal.Done, base), perf(1, "wall-angels", journal.Halted, base)},
		status:    journal.Stopped,
		painAfter: ptr(0),
		reason:    journal.SharpPain,
	}, {
		name:    "no exercises, no pain given, quit",
		session: journal.Session{RoutineID: "seven-in-seven", StartedAt: base.Add(123456789 * time.Microsecond)},
		status:  journal.Stopped,
	}}
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s := c.session
				created, err := st.StartSession(ctx, &s)
				if err != nil || !created {
					t.Fatalf("start: created %v, %v", created, err)
				}
				if len(s.ID) != 26 || s.Status != journal.Active || s.StartedAt.Location() != time.UTC {
					t.Fatalf("start did not fill in the session: %+v", s)
				}
				started, err := st.Session(ctx, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(&s, started); diff != "" {
					t.Errorf("active session read back (-want +got):\n%s", diff)
				}
				for _, p := range c.exercises {
					if err := st.RecordExercise(ctx, s.ID, p); err != nil {
						t.Fatalf("record %d: %v", p.Index, err)
					}
				}
				for _, r := range c.ratings {
					if err := st.RateExercise(ctx, s.ID, r.index, 0, r.r); err != nil {
						t.Fatalf("rate %d: %v", r.index, err)
					}
				}
				ended := base.Add(10 * time.Minute)
				if err := st.FinishSession(ctx, s.ID, c.status, ended, c.painAfter, c.reason); err != nil {
					t.Fatalf("finish: %v", err)
				}

				want := c.session
				want.ID, want.Status, want.StopReason, want.PainAfter = s.ID, c.status, c.reason, c.painAfter
				want.TimeScale = 1 // real time unless said otherwise
				want.StartedAt = c.session.StartedAt.Truncate(time.Millisecond).UTC()
				want.SeenAt = want.StartedAt // no lease renewed
				want.EndedAt = &ended
				want.Exercises = []journal.Performance{}
				for _, p := range c.exercises {
					for _, r := range c.ratings {
						if r.index == p.Index {
							p.Rating = r.r
						}
					}
					p.StartedAt, p.EndedAt = p.StartedAt.UTC(), p.EndedAt.UTC()
					want.Exercises = append(want.Exercises, p)
				}
				got, err := st.Session(ctx, s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(&want, got); diff != "" {
					t.Errorf("session read back (-want +got):\n%s", diff)
				}
				list, err := st.Sessions(ctx, journal.Filter{Limit: 1})
				if err != nil {
					t.Fatal(err)
				}
				if len(list) != 1 || list[0].ID != s.ID {
					t.Fatalf("the newest session is not the one just saved: %v", list)
				}
				if diff := cmp.Diff(&want, list[0]); diff != "" {
					t.Errorf("session listed (-want +got):\n%s", diff)
				}
			})
		}
	})
}

// A client re-sending what it already sent changes nothing.
func TestResendIsIdempotent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		p0 := perf(0, "chin-tucks", journal.Done, base)
		for range 3 {
			if err := st.RecordExercise(ctx, s.ID, p0); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.RateExercise(ctx, s.ID, 0, 0, journal.Right); err != nil {
			t.Fatal(err)
		}
		// The same attempt again, after its rating: nothing changes.
		if err := st.RecordExercise(ctx, s.ID, p0); err != nil {
			t.Fatal(err)
		}
		p0.Rating = journal.Right
		got, err := st.Session(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]journal.Performance{p0}, got.Exercises); diff != "" {
			t.Errorf("after re-sends (-want +got):\n%s", diff)
		}
		end := base.Add(time.Minute)
		for range 2 {
			if err := st.FinishSession(ctx, s.ID, journal.Stopped, end, ptr(3), journal.Dizziness); err != nil {
				t.Fatal(err)
			}
		}
		got, err = st.Session(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Exercises[0].Rating != journal.Right || got.Status != journal.Stopped || *got.PainAfter != 3 || len(got.Exercises) != 1 {
			t.Errorf("after re-sent finish: %+v", got)
		}
	})
}

// Issue 12, item 1: a saved outcome is a fact. Going back to an exercise is
// a new attempt beside it; the same attempt with other content is refused
// and changes nothing; ratings go to the attempt named (or the latest).
func TestAttemptsAreNeverRewritten(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, PlannedExercises: 3}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		stopped := perf(1, "scapular-squeezes", journal.Halted, base) // discomfort
		if err := st.RecordExercise(ctx, s.ID, stopped); err != nil {
			t.Fatal(err)
		}
		// What going back and quitting sent before attempts: the same index,
		// skipped. As attempt 1 it must not replace the stop.
		skipped := perf(1, "scapular-squeezes", journal.Skipped, base.Add(time.Minute))
		err := st.RecordExercise(ctx, s.ID, skipped)
		wantError(t, err, unhunch.EConflict, "attempt 1 at exercise 1", "already saved, as stopped (discomfort)", "attempt number (2)")
		skipped.Attempt = 2
		if err := st.RecordExercise(ctx, s.ID, skipped); err != nil {
			t.Fatal(err)
		}
		done := perf(1, "scapular-squeezes", journal.Done, base.Add(2*time.Minute))
		done.Attempt = 3
		if err := st.RecordExercise(ctx, s.ID, done); err != nil {
			t.Fatal(err)
		}
		// Attempt 0 from an older caller is attempt 1: the stop, unchanged.
		old := stopped
		old.Attempt = 0
		if err := st.RecordExercise(ctx, s.ID, old); err != nil {
			t.Fatalf("re-sent stop as attempt 0: %v", err)
		}
		if err := st.RateExercise(ctx, s.ID, 1, 0, journal.TooEasy); err != nil { // the latest: attempt 3
			t.Fatal(err)
		}
		if err := st.RateExercise(ctx, s.ID, 1, 2, journal.TooHard); err != nil {
			t.Fatal(err)
		}
		wantError(t, st.RateExercise(ctx, s.ID, 1, 4, journal.Right), unhunch.ENotFound, "no exercise at position 1")
		wantError(t, st.RateExercise(ctx, s.ID, 1, -1, journal.Right), unhunch.EInvalid, "attempt")
		bad := done
		bad.Attempt = -1
		wantError(t, st.RecordExercise(ctx, s.ID, bad), unhunch.EInvalid, "attempt")

		got, err := st.Session(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		skipped.Rating, done.Rating = journal.TooHard, journal.TooEasy
		want := []journal.Performance{stopped, skipped, done}
		for i := range want {
			want[i].StartedAt, want[i].EndedAt = want[i].StartedAt.UTC(), want[i].EndedAt.UTC()
		}
		if diff := cmp.Diff(want, got.Exercises); diff != "" {
			t.Errorf("attempts (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]journal.Performance{want[2]}, got.Final()); diff != "" {
			t.Errorf("final attempts (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]journal.Performance{want[0]}, got.Stops()); diff != "" {
			t.Errorf("stops (-want +got):\n%s", diff)
		}
		if got.Done() != 1 {
			t.Errorf("done %d, want 1", got.Done())
		}
	})
}

// A start sent twice with the same client key makes one session.
func TestClientKey(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		first := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, ClientKey: "tab-7f3a", Owner: "web", PainBefore: ptr(5)}
		if created, err := st.StartSession(ctx, first); err != nil || !created {
			t.Fatalf("first start: created %v, %v", created, err)
		}
		if err := st.RecordExercise(ctx, first.ID, perf(0, "chin-tucks", journal.Done, base)); err != nil {
			t.Fatal(err)
		}
		again := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base.Add(time.Second), ClientKey: "tab-7f3a", Owner: "web", PainBefore: ptr(5)}
		created, err := st.StartSession(ctx, again)
		if err != nil || created {
			t.Fatalf("second start: created %v, %v", created, err)
		}
		want, err := st.Session(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, again); diff != "" {
			t.Errorf("the second start did not return the first session (-want +got):\n%s", diff)
		}
		other := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, ClientKey: "tab-0000"}
		if created, err := st.StartSession(ctx, other); err != nil || !created || other.ID == first.ID {
			t.Fatalf("another key: created %v, id %s, %v", created, other.ID, err)
		}
		// The same ID without a key is a conflict, and writes nothing.
		dup := &journal.Session{ID: first.ID, RoutineID: "seven-in-seven", StartedAt: base}
		_, err = st.StartSession(ctx, dup)
		wantError(t, err, unhunch.EConflict, first.ID)
		all, err := st.Sessions(ctx, journal.Filter{})
		if err != nil || len(all) != 2 {
			t.Fatalf("sessions: %d, %v", len(all), err)
		}
	})
}

// Filters select by start time and count, newest first.
func TestSessionsFilter(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		var ids []string // oldest first
		for day := range 5 {
			s := &journal.Session{RoutineID: fmt.Sprintf("r%d", day), StartedAt: base.AddDate(0, 0, day)}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			for i := range day {
				if err := st.RecordExercise(ctx, s.ID, perf(i, "chin-tucks", journal.Done, s.StartedAt)); err != nil {
					t.Fatal(err)
				}
			}
			ids = append(ids, s.ID)
		}
		cases := []struct {
			name   string
			filter journal.Filter
			want   []string
		}{
			{"all", journal.Filter{}, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}},
			{"limit 2", journal.Filter{Limit: 2}, []string{ids[4], ids[3]}},
			{"since day 3 exactly", journal.Filter{Since: base.AddDate(0, 0, 3)}, []string{ids[4], ids[3]}},
			{"since just after day 3", journal.Filter{Since: base.AddDate(0, 0, 3).Add(time.Millisecond)}, []string{ids[4]}},
			{"since, in another zone", journal.Filter{Since: base.AddDate(0, 0, 2).In(time.FixedZone("x", 5*3600))}, []string{ids[4], ids[3], ids[2]}},
			{"since and limit", journal.Filter{Since: base.AddDate(0, 0, 1), Limit: 3}, []string{ids[4], ids[3], ids[2]}},
			{"since after all", journal.Filter{Since: base.AddDate(1, 0, 0)}, nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				list, err := st.Sessions(ctx, c.filter)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, s := range list {
					got = append(got, s.ID)
					if n := int(s.StartedAt.Sub(base).Hours() / 24); len(s.Exercises) != n {
						t.Errorf("session of day %d has %d exercises, want %d", n, len(s.Exercises), n)
					}
					for i, p := range s.Exercises {
						if p.Index != i {
							t.Errorf("exercises out of order: %v", s.Exercises)
						}
					}
				}
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	})
}

// Bad values are refused with a message, and nothing is written.
func TestInvalidInput(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		good := perf(0, "chin-tucks", journal.Done, base)
		if err := st.RecordExercise(ctx, s.ID, good); err != nil {
			t.Fatal(err)
		}
		before, err := st.Sessions(ctx, journal.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		with := func(f func(p *journal.Performance)) journal.Performance {
			p := good
			p.Index = 1
			f(&p)
			return p
		}
		cases := []struct {
			name  string
			call  func() error
			code  unhunch.Code
			words string
		}{
			{"pain before 11", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: "x", PainBefore: ptr(11)})
				return err
			}, unhunch.EInvalid, `pain "11" is not a whole number from 0`},
			{"pain before -1", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: "x", PainBefore: ptr(-1)})
				return err
			}, unhunch.EInvalid, `pain "-1"`},
			{"pain after 11", func() error { return st.FinishSession(ctx, s.ID, journal.Completed, base, ptr(11), "") }, unhunch.EInvalid, `pain "11"`},
			{"no routine", func() error { _, err := st.StartSession(ctx, &journal.Session{}); return err }, unhunch.EInvalid, "routine_id is missing"},
			{"routine id too long", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: string(make([]byte, 201))})
				return err
			}, unhunch.EInvalid, "routine_id"},
			{"control characters", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: "a\x00b"})
				return err
			}, unhunch.EInvalid, "control characters"},
			{"new session already completed", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: "x", Status: journal.Completed})
				return err
			}, unhunch.EInvalid, `not "completed"`},
			{"new session with an end", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: "x", EndedAt: &base})
				return err
			}, unhunch.EInvalid, "cannot have an end"},
			{"negative planned time", func() error {
				_, err := st.StartSession(ctx, &journal.Session{RoutineID: "x", PlannedSeconds: -1})
				return err
			}, unhunch.EInvalid, "planned_seconds"},
			{"unknown outcome", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.Outcome = "finished" }))
			}, unhunch.EInvalid, `outcome "finished"`},
			{"stopped without a reason", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.Outcome = journal.Halted }))
			}, unhunch.EInvalid, "needs a reason"},
			{"unknown stop reason", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.Outcome, p.StopReason = journal.Halted, "bored" }))
			}, unhunch.EInvalid, `stop reason "bored"`},
			{"reason on a done exercise", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.StopReason = journal.SharpPain }))
			}, unhunch.EInvalid, "only with a stopped"},
			{"unknown rating in a record", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.Rating = "meh" }))
			}, unhunch.EInvalid, `rating "meh"`},
			{"negative index", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.Index = -1 }))
			}, unhunch.EInvalid, "position -1"},
			{"no exercise id", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.ExerciseID = "" }))
			}, unhunch.EInvalid, "exercise_id is missing"},
			{"negative reps", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.Amount.Reps = -2 }))
			}, unhunch.EInvalid, "amount.reps"},
			{"ends before it starts", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.EndedAt = p.StartedAt.Add(-time.Second) }))
			}, unhunch.EInvalid, "cannot end before"},
			{"no times", func() error {
				return st.RecordExercise(ctx, s.ID, with(func(p *journal.Performance) { p.StartedAt = time.Time{} }))
			}, unhunch.EInvalid, "start and an end"},
			{"unknown rating", func() error { return st.RateExercise(ctx, s.ID, 0, 0, "meh") }, unhunch.EInvalid, `rating "meh"`},
			{"finish as active", func() error { return st.FinishSession(ctx, s.ID, journal.Active, base, nil, "") }, unhunch.EInvalid, `not "active"`},
			{"finish completed with a reason", func() error {
				return st.FinishSession(ctx, s.ID, journal.Completed, base, nil, journal.SharpPain)
			}, unhunch.EInvalid, "only with a stopped"},
			{"finish with unknown reason", func() error {
				return st.FinishSession(ctx, s.ID, journal.Stopped, base, nil, "tired")
			}, unhunch.EInvalid, `stop reason "tired"`},
			{"record into an unknown session", func() error { return st.RecordExercise(ctx, "nope", good) }, unhunch.ENotFound, `no session "nope"`},
			{"rate in an unknown session", func() error { return st.RateExercise(ctx, "nope", 0, 0, journal.Right) }, unhunch.ENotFound, `no session "nope"`},
			{"rate an exercise not saved", func() error { return st.RateExercise(ctx, s.ID, 5, 0, journal.Right) }, unhunch.ENotFound, "no exercise at position 5"},
			{"finish an unknown session", func() error { return st.FinishSession(ctx, "nope", journal.Completed, base, nil, "") }, unhunch.ENotFound, `no session "nope"`},
			{"read an unknown session", func() error { _, err := st.Session(ctx, "nope"); return err }, unhunch.ENotFound, `no session "nope"`},
			{"interrupt an unknown session", func() error { return st.MarkInterrupted(ctx, "nope", base) }, unhunch.ENotFound, `no session "nope"`},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				wantError(t, c.call(), c.code, c.words)
			})
		}
		after, err := st.Sessions(ctx, journal.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("refused calls changed the journal (-before +after):\n%s", diff)
		}
	})
}

// Sessions whose player died become interrupted, ending when their last
// saved exercise did; live ones, the web's and other machines' stay active.
func TestSweepInterrupted(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		dead := deadOwner(t)
		start := func(owner string, exercises int) string {
			s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, Owner: owner}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			for i := range exercises {
				if err := st.RecordExercise(ctx, s.ID, perf(i, "chin-tucks", journal.Done, base)); err != nil {
					t.Fatal(err)
				}
			}
			return s.ID
		}
		died := start(dead, 2)
		diedEarly := start(dead, 0)
		live := start(store.ThisOwner(), 1)
		web := start("web", 0)
		remote := start("pid:1@another-machine", 0)
		finished := start(dead, 1)
		if err := st.FinishSession(ctx, finished, journal.Completed, base.Add(time.Hour), nil, ""); err != nil {
			t.Fatal(err)
		}

		n, err := st.SweepInterrupted(ctx, store.OwnerAlive, base.Add(time.Minute))
		if err != nil || n != 2 {
			t.Fatalf("swept %d, %v; want 2", n, err)
		}
		want := map[string]struct {
			status journal.Status
			ended  *time.Time
		}{
			died:      {journal.Interrupted, ptr(perf(1, "", journal.Done, base).EndedAt)},
			diedEarly: {journal.Interrupted, &base},
			live:      {journal.Active, nil},
			web:       {journal.Active, nil},
			remote:    {journal.Active, nil},
			finished:  {journal.Completed, ptr(base.Add(time.Hour))},
		}
		for id, w := range want {
			s, err := st.Session(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != w.status || !cmp.Equal(s.EndedAt, w.ended) {
				t.Errorf("session of %s: %s ended %v, want %s ended %v", s.Owner, s.Status, s.EndedAt, w.status, w.ended)
			}
		}
		if n, err := st.SweepInterrupted(ctx, store.OwnerAlive, base.Add(time.Minute)); err != nil || n != 0 {
			t.Errorf("a second sweep marked %d, %v", n, err)
		}
		// Interrupting a session that is no longer active changes nothing.
		if err := st.MarkInterrupted(ctx, finished, base); err != nil {
			t.Fatal(err)
		}
		if s, _ := st.Session(ctx, finished); s.Status != journal.Completed {
			t.Errorf("a finished session became %s", s.Status)
		}
		active, err := st.ActiveSessions(ctx)
		if err != nil || len(active) != 3 {
			t.Errorf("active sessions: %d, %v; want 3", len(active), err)
		}
	})
}

// The SQLite settings that make every saved write durable hold on every
// connection of the pool, not just the first.
func TestSQLiteSettings(t *testing.T) {
	st := open(t, sqliteEng)
	ctx := context.Background()
	want := map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000"}
	// Hold several connections at once, so that the pool has to open new ones.
	var conns []*sql.Conn
	for range 3 {
		c, err := st.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for pragma, w := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != w {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, pragma, got, w)
			}
		}
		c.Close()
	}
}

// Several processes opening a new journal at the same moment (a server and
// a terminal session, or several servers on one PostgreSQL) all get it,
// migrated once.
func TestConcurrentFirstOpen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		url, dir := e.fresh(t)
		const n = 6
		errs := make(chan error, n)
		stores := make(chan *store.Store, n)
		for range n {
			go func() {
				st, err := store.Open(context.Background(), url, dir)
				errs <- err
				stores <- st
			}()
		}
		for range n {
			if err := <-errs; err != nil {
				t.Errorf("open: %v (%v)", err, errors.Unwrap(err))
			}
			if st := <-stores; st != nil {
				st.Close()
			}
		}
		var versions int
		if err := raw(t, url, dir).QueryRow("SELECT COUNT(*) FROM " + store.VersionTable + " WHERE version_id > 0").Scan(&versions); err != nil {
			t.Fatal(err)
		}
		if versions != store.Migrations() {
			t.Errorf("%d migrations recorded, want %d", versions, store.Migrations())
		}
	})
}
