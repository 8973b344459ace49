package journal_test

import (
	"testing"
	"time"

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

// A lease lapses once its player has been silent for longer than Lease;
// the start stands for a renewal when none is on record.
func TestLapsed(t *testing.T) {
	start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		status journal.Status
		seen   time.Time
		now    time.Time
		want   bool
	}{
		{"just renewed", journal.Active, start.Add(time.Minute), start.Add(2 * time.Minute), false},
		{"silent exactly a lease", journal.Active, start, start.Add(journal.Lease), false},
		{"silent past the lease", journal.Active, start, start.Add(journal.Lease + time.Millisecond), true},
		{"no renewal on record: the start", journal.Active, time.Time{}, start.Add(journal.Lease + time.Second), true},
		{"finished sessions never lapse", journal.Completed, start, start.Add(24 * time.Hour), false},
		{"a renewal later than now", journal.Active, start.Add(time.Hour), start, false},
	}
	for _, c := range cases {
		s := &journal.Session{Status: c.status, StartedAt: start, SeenAt: c.seen}
		if got := s.Lapsed(c.now); got != c.want {
			t.Errorf("%s: lapsed %v, want %v", c.name, got, c.want)
		}
	}
}
