package journal_test

import (
	"testing"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/journal"
)

func TestCheckPlausible(t *testing.T) {
	start := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	now := start.Add(20 * time.Minute)
	p := func(from, to time.Duration, seconds float64) journal.Performance {
		return journal.Performance{StartedAt: start.Add(from), EndedAt: start.Add(to), Seconds: seconds}
	}
	cases := []struct {
		name  string
		p     journal.Performance
		scale float64
		ok    bool
	}{
		{"ordinary", p(time.Minute, 2*time.Minute, 55), 1, true},
		{"seconds as its times allow", p(time.Minute, 2*time.Minute, 61), 1, true},
		{"more seconds than its times", p(time.Minute, 2*time.Minute, 62), 1, false},
		{"a demo 100 times faster", p(time.Minute, time.Minute+time.Second, 100), 100, true},
		{"a clock a little behind", p(-4*time.Minute, -3*time.Minute, 60), 1, true},
		{"before the session", p(-6*time.Minute, -5*time.Minute, 60), 1, false},
		{"a clock a little ahead", p(22*time.Minute, 24*time.Minute, 60), 1, true},
		{"in the future", p(26*time.Minute, 27*time.Minute, 60), 1, false},
		{"1970", journal.Performance{StartedAt: time.Unix(0, 0), EndedAt: start, Seconds: 1}, 1, false},
		{"9999", journal.Performance{StartedAt: start, EndedAt: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}, 1, false},
		{"longer than an exercise can take", p(0, 2*time.Hour+time.Second, 60), 1, false},
		{"zero scale counts as 1", p(0, time.Minute, 61), 0, true},
	}
	for _, c := range cases {
		err := journal.CheckPlausible(c.p, start, now, c.scale)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.name, err, c.ok)
		}
		if err != nil && unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("%s: code %s", c.name, unhunch.ErrorCode(err))
		}
	}
	// A session many hours long, finished late with the clock right.
	late := start.Add(12 * time.Hour)
	if err := journal.CheckEnd(late, start, late); err != nil {
		t.Errorf("an end 12 h after the start: %v", err)
	}
	if err := journal.CheckEnd(start.Add(13*time.Hour), start, start.Add(13*time.Hour)); err == nil {
		t.Error("an end 13 h after the start was accepted")
	}
}
