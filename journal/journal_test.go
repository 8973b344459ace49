package journal_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/journal"
)

// The last attempt at each exercise is what counts for levels and
// completion; every stop stays visible.
func TestFinalAttempts(t *testing.T) {
	p := func(i, a int, o journal.Outcome) journal.Performance {
		q := journal.Performance{Index: i, Attempt: a, Outcome: o}
		if o == journal.Halted {
			q.StopReason = journal.Discomfort
		}
		return q
	}
	cases := []struct {
		name      string
		exercises []journal.Performance
		final     []journal.Performance
		done      int
		stops     int
	}{
		{"none", nil, nil, 0, 0},
		{"one each", []journal.Performance{p(0, 1, journal.Done), p(1, 1, journal.Skipped)},
			[]journal.Performance{p(0, 1, journal.Done), p(1, 1, journal.Skipped)}, 1, 0},
		{"stopped, then done", []journal.Performance{p(0, 1, journal.Halted), p(0, 2, journal.Done)},
			[]journal.Performance{p(0, 2, journal.Done)}, 1, 1},
		{"done, then abandoned", []journal.Performance{p(0, 1, journal.Done), p(0, 2, journal.Skipped)},
			[]journal.Performance{p(0, 2, journal.Skipped)}, 0, 0},
		{"out of order", []journal.Performance{p(2, 2, journal.Done), p(1, 1, journal.Halted), p(2, 1, journal.Halted)},
			[]journal.Performance{p(1, 1, journal.Halted), p(2, 2, journal.Done)}, 1, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &journal.Session{Exercises: c.exercises}
			if diff := cmp.Diff(c.final, s.Final()); diff != "" {
				t.Errorf("Final (-want +got):\n%s", diff)
			}
			if s.Done() != c.done || len(s.Stops()) != c.stops {
				t.Errorf("done %d, stops %d; want %d, %d", s.Done(), len(s.Stops()), c.done, c.stops)
			}
			if got, want := s.Completion(2), min(float64(c.done)/2, 1); got != want {
				t.Errorf("completion %v, want %v", got, want)
			}
		})
	}
}
