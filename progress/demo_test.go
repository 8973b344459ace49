package progress_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// demo marks a session as played at time scale x.
func demo(s *journal.Session, x float64) *journal.Session {
	s.TimeScale, s.Demo = x, journal.DemoScale(x)
	return s
}

// A session played with --time-scale other than 1 is a demo: it never moves
// levels, streaks, adherence, minutes or the pain outcome (issue 11).
// Each case compares the journal with and without demos.
func TestDemosNeverCount(t *testing.T) {
	real := []*journal.Session{
		session(0, ptr(5), ptr(4), "chin-tucks", "easy"),
		session(1, ptr(5), ptr(4), "chin-tucks", "right"),
	}
	demos := []*journal.Session{
		demo(session(2, ptr(2), ptr(1), "chin-tucks", "easy"), 30),  // would be a third easy rating, a new day and lower pain
		demo(session(3, ptr(2), ptr(1), "chin-tucks", "easy"), 30),  // and a second step up
		demo(session(3, ptr(9), ptr(9), "chin-tucks", "hard"), 0.5), // slower than real time is a demo too
		demo(session(4, ptr(2), ptr(6), "scapular-squeezes", "easy", "chin-tucks", "easy"), 2),
	}
	all := append(append([]*journal.Session{}, real...), demos...)

	for _, s := range demos {
		if progress.Counts(s) {
			t.Errorf("demo at %v counts as practice", s.TimeScale)
		}
	}
	for _, s := range real {
		if !progress.Counts(s) {
			t.Error("a real session must count")
		}
	}

	levels := func(ss []*journal.Session) map[string]levelAt {
		out := map[string]levelAt{}
		for id, l := range progress.Levels(ss, doses(t)) {
			out[id] = levelAt{l.Amount.Reps, len(l.Changes)}
		}
		return out
	}
	if diff := cmp.Diff(levels(real), levels(all)); diff != "" {
		t.Errorf("demos moved levels (-real +with demos):\n%s", diff)
	}

	now := day0.AddDate(0, 0, 5)
	if diff := cmp.Diff(progress.ComputeAdherence(real, now, time.UTC, 2, 0), progress.ComputeAdherence(all, now, time.UTC, 2, 0)); diff != "" {
		t.Errorf("demos moved adherence, streaks or minutes (-real +with demos):\n%s", diff)
	}
	if diff := cmp.Diff(progress.ComputeOutcome(real, now, time.UTC), progress.ComputeOutcome(all, now, time.UTC)); diff != "" {
		t.Errorf("demos moved the pain outcome (-real +with demos):\n%s", diff)
	}
}

type levelAt struct{ Reps, Changes int }
