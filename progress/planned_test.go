package progress_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// Issue 19, item 5: days planned against days practised, and a streak that
// counts the planned days (a free weekend never breaks a weekday streak).
// The span crosses Europe's change back to winter time (25 October 2026).
func TestComputePlanned(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	weekdays := func(w time.Weekday) bool { return w != time.Saturday && w != time.Sunday }
	at := func(y int, m time.Month, d, h int) *journal.Session {
		s := &journal.Session{StartedAt: time.Date(y, m, d, h, 30, 0, 0, loc), Status: journal.Completed}
		s.Exercises = []journal.Performance{{ExerciseID: "chin-tucks", Outcome: journal.Done, Seconds: 60}}
		return s
	}
	demo := at(2026, 10, 21, 12)
	demo.TimeScale = 10
	// Mon 19 Oct to Thu 29 Oct 2026: planned Mon–Fri.
	sessions := []*journal.Session{
		at(2026, 10, 19, 12), // Mon
		demo,                 // Wed, a demo: never counts
		at(2026, 10, 22, 0),  // Thu, just after midnight
		at(2026, 10, 23, 23), // Fri, just before midnight
		at(2026, 10, 24, 10), // Sat: extra
		at(2026, 10, 26, 12), // Mon, after the change
		at(2026, 10, 27, 12), // Tue
	}
	since := time.Date(2026, 10, 19, 9, 0, 0, 0, loc)
	for _, tc := range []struct {
		name string
		now  time.Time
		want progress.Planned
	}{
		{"Wednesday, not yet practised", time.Date(2026, 10, 28, 9, 0, 0, 0, loc), progress.Planned{
			Since: time.Date(2026, 10, 19, 0, 0, 0, 0, loc), Days: 7, Practised: 5, Extra: 1, Streak: 4}},
		{"Wednesday, practised", time.Date(2026, 10, 28, 20, 0, 0, 0, loc), progress.Planned{
			Since: time.Date(2026, 10, 19, 0, 0, 0, 0, loc), Days: 8, Practised: 6, Extra: 1, Streak: 5}},
		{"Thursday, Wednesday missed", time.Date(2026, 10, 29, 9, 0, 0, 0, loc), progress.Planned{
			Since: time.Date(2026, 10, 19, 0, 0, 0, 0, loc), Days: 8, Practised: 5, Extra: 1, Streak: 0}},
	} {
		s := sessions
		if tc.name == "Wednesday, practised" {
			s = append(s[:len(s):len(s)], at(2026, 10, 28, 18))
		}
		got := progress.ComputePlanned(progress.Briefs(s), tc.now, since, loc, 8, weekdays)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	// The window bounds the count when the schedule is older than it.
	got := progress.ComputePlanned(nil, time.Date(2026, 10, 29, 9, 0, 0, 0, loc), time.Time{}, loc, 1, weekdays)
	if got.Since != time.Date(2026, 10, 26, 0, 0, 0, 0, loc) || got.Days != 3 {
		t.Errorf("one week's window: %+v", got)
	}
}
