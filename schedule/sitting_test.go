package schedule_test

import (
	"testing"
	"time"

	"github.com/unhunch/unhunch/schedule"
)

// Sitting reminders: a suggestion after a stretch of activity; a break of
// two minutes or more starts the stretch again; off at 0.
func TestSitting(t *testing.T) {
	start := time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return start.Add(time.Duration(m) * time.Minute) }
	s := schedule.Sitting{Every: 30 * time.Minute}
	var got []int
	for m := 0; m <= 120; m++ {
		idle := 10 * time.Second
		switch {
		case m >= 40 && m < 45: // a five-minute break
			idle = time.Duration(m-39) * time.Minute
		case m == 80: // a pause of a minute is no break
			idle = time.Minute
		}
		if s.Observe(at(m), idle) {
			got = append(got, m)
		}
	}
	// 9:30; the break at 9:40–9:44 restarts the stretch at 9:45 (sampled
	// idle 0 at 9:45, activity from then), so 10:15 and 10:45.
	want := []int{30, 75, 105}
	if len(got) != len(want) {
		t.Fatalf("suggested at minutes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("suggested at minutes %v, want %v", got, want)
		}
	}
	off := schedule.Sitting{}
	for m := 0; m <= 300; m++ {
		if off.Observe(at(m), 0) {
			t.Fatal("a suggestion with sitting reminders off")
		}
	}
}
