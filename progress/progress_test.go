package progress_test

import (
	_ "time/tzdata" // zones on every machine: the time-zone tests never skip

	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

func doses(t *testing.T) progress.Doses {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return func(id string) (dose.Dose, bool) {
		e, ok := c.Exercise(id)
		if !ok {
			return dose.Dose{}, false
		}
		return e.Dose, true
	}
}

var day0 = time.Date(2026, 10, 5, 8, 0, 0, 0, time.UTC) // a Monday

func ptr(n int) *int { return &n }

// session builds a completed session on day d with pain and each exercise
// done and rated ("" for no rating).
func session(d int, before, after *int, rated ...string) *journal.Session {
	s := &journal.Session{StartedAt: day0.AddDate(0, 0, d), Status: journal.Completed, PainBefore: before, PainAfter: after}
	for i := 0; i+1 < len(rated); i += 2 {
		s.Exercises = append(s.Exercises, journal.Performance{Index: i / 2, ExerciseID: rated[i], Outcome: journal.Done,
			Rating: journal.Rating(rated[i+1]), Seconds: 90})
	}
	return s
}

// retried adds a second attempt with outcome o at the session's first exercise.
func retried(s *journal.Session, o journal.Outcome) *journal.Session {
	p := s.Exercises[0]
	s.Exercises[0].Attempt = 1
	p.Attempt, p.Outcome, p.Rating = 2, o, ""
	s.Exercises = append(s.Exercises, p)
	return s
}

// stoppedFirst puts a stopped first attempt before the session's first exercise.
func stoppedFirst(s *journal.Session) *journal.Session {
	p := s.Exercises[0]
	s.Exercises[0].Attempt = 2
	p.Attempt, p.Outcome, p.StopReason, p.Rating = 1, journal.Halted, journal.Discomfort, ""
	s.Exercises = append([]journal.Performance{p}, s.Exercises...)
	return s
}

func TestStep(t *testing.T) {
	c, _ := catalog.Builtin()
	get := func(id string) dose.Dose { e, _ := c.Exercise(id); return e.Dose }
	tests := []struct {
		id   string
		from dose.Amount
		dir  int
		want dose.Amount
	}{
		{"chin-tucks", dose.Amount{Reps: 10, Hold: 5, Sets: 1}, 1, dose.Amount{Reps: 12, Hold: 5, Sets: 1}},
		{"chin-tucks", dose.Amount{Reps: 14, Hold: 5, Sets: 1}, 1, dose.Amount{Reps: 15, Hold: 5, Sets: 1}},
		{"chin-tucks", dose.Amount{Reps: 15, Hold: 5, Sets: 1}, 1, dose.Amount{Reps: 15, Hold: 5, Sets: 1}}, // at the cap of its range
		{"scapular-squeezes", dose.Amount{Reps: 15, Hold: 5, Sets: 1}, 1, dose.Amount{Reps: 15, Hold: 7, Sets: 1}},
		{"scapular-squeezes", dose.Amount{Reps: 15, Hold: 7, Sets: 1}, -1, dose.Amount{Reps: 15, Hold: 5, Sets: 1}},
		{"scapular-squeezes", dose.Amount{Reps: 12, Hold: 5, Sets: 1}, -1, dose.Amount{Reps: 10, Hold: 5, Sets: 1}},
		{"scapular-squeezes", dose.Amount{Reps: 10, Hold: 5, Sets: 1}, -1, dose.Amount{Reps: 10, Hold: 5, Sets: 1}}, // never below the start
		{"back-extension", dose.Amount{Reps: 8, Hold: 5, Sets: 1}, 1, dose.Amount{Reps: 9, Hold: 5, Sets: 1}},       // a narrow range moves by one
		{"thoracic-foam-rolling", dose.Amount{Seconds: 60, Sets: 1}, 1, dose.Amount{Seconds: 70, Sets: 1}},
		{"w-y-stretch", dose.Amount{Reps: 5, HoldBreaths: 2, Sets: 1}, 1, dose.Amount{Reps: 5, HoldBreaths: 2, Sets: 1}},
		{"doorway-pec-stretch", dose.Amount{Reps: 3, Hold: 29, Sets: 1}, 1, dose.Amount{Reps: 3, Hold: 30, Sets: 1}},
	}
	for _, tt := range tests {
		if got := progress.Step(get(tt.id), tt.from, tt.dir); got != tt.want {
			t.Errorf("%s %+v step %d = %+v, want %+v", tt.id, tt.from, tt.dir, got, tt.want)
		}
	}
}

func TestLevels(t *testing.T) {
	tests := []struct {
		name     string
		sessions []*journal.Session
		want     map[string]int // exercise → reps now
		whys     map[string][]progress.Why
	}{
		{"no ratings: starting dose", []*journal.Session{session(0, ptr(4), ptr(3), "chin-tucks", "")},
			map[string]int{"chin-tucks": 10}, map[string][]progress.Why{"chin-tucks": nil}},
		{"one easy rating holds", []*journal.Session{session(0, ptr(4), ptr(3), "chin-tucks", "easy")},
			map[string]int{"chin-tucks": 10}, nil},
		{"two easy or right in a row: up one step", []*journal.Session{
			session(0, ptr(4), ptr(3), "chin-tucks", "easy"), session(1, ptr(4), ptr(3), "chin-tucks", "right")},
			map[string]int{"chin-tucks": 12}, map[string][]progress.Why{"chin-tucks": {progress.RatedEasyTwice}}},
		{"the streak restarts after a step", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy"), session(2, nil, nil, "chin-tucks", "easy")},
			map[string]int{"chin-tucks": 12}, nil},
		{"four in a row: two steps", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy"),
			session(2, nil, nil, "chin-tucks", "right"), session(3, nil, nil, "chin-tucks", "easy")},
			map[string]int{"chin-tucks": 14}, nil},
		{"a hard rating between breaks the run and steps back", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy"),
			session(2, nil, nil, "chin-tucks", "hard"), session(3, nil, nil, "chin-tucks", "easy")},
			map[string]int{"chin-tucks": 10}, map[string][]progress.Why{"chin-tucks": {progress.RatedEasyTwice, progress.RatedHard}}},
		{"a pain rise steps back and holds", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy"),
			session(2, ptr(3), ptr(5), "chin-tucks", "easy"), session(3, ptr(3), ptr(3), "chin-tucks", "easy")},
			map[string]int{"chin-tucks": 10}, map[string][]progress.Why{"chin-tucks": {progress.RatedEasyTwice, progress.PainRoseInSession}}},
		{"easy ratings in a painful session do not count", []*journal.Session{
			session(0, ptr(2), ptr(4), "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy")},
			map[string]int{"chin-tucks": 10}, nil},
		{"one exercise at a time: the easier-rated moves", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "right", "scapular-squeezes", "easy"),
			session(1, nil, nil, "chin-tucks", "right", "scapular-squeezes", "easy")},
			map[string]int{"chin-tucks": 10, "scapular-squeezes": 12}, nil},
		{"the other moves next time", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "right", "scapular-squeezes", "easy"),
			session(1, nil, nil, "chin-tucks", "right", "scapular-squeezes", "easy"),
			session(2, nil, nil, "chin-tucks", "right", "scapular-squeezes", "")},
			map[string]int{"chin-tucks": 12, "scapular-squeezes": 12}, nil},
		{"the last attempt counts: done and rated, then gone back to and skipped", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), retried(session(1, nil, nil, "chin-tucks", "right"), journal.Skipped)},
			map[string]int{"chin-tucks": 10}, nil},
		{"the last attempt counts: stopped, then done again", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), stoppedFirst(session(1, nil, nil, "chin-tucks", "right"))},
			map[string]int{"chin-tucks": 12}, nil},
		// Two rounds of one exercise in one session are one session's
		// practice of it: one rating toward the two in a row, one step
		// back for a pain rise, and the least favourable rating counts.
		{"two rounds rated easy count once", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy", "cat-cow", "", "chin-tucks", "easy", "cat-cow", "")},
			map[string]int{"chin-tucks": 10, "cat-cow": 10}, map[string][]progress.Why{"chin-tucks": nil}},
		{"a pain rise in two rounds steps back once", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy"),
			session(2, nil, nil, "chin-tucks", "easy"), session(3, nil, nil, "chin-tucks", "easy"),
			session(4, ptr(3), ptr(5), "chin-tucks", "", "chin-tucks", "")},
			map[string]int{"chin-tucks": 12}, map[string][]progress.Why{"chin-tucks": {progress.RatedEasyTwice, progress.RatedEasyTwice, progress.PainRoseInSession}}},
		{"hard in either round steps back", []*journal.Session{
			session(0, nil, nil, "chin-tucks", "easy"), session(1, nil, nil, "chin-tucks", "easy"),
			session(2, nil, nil, "chin-tucks", "easy", "chin-tucks", "hard")},
			map[string]int{"chin-tucks": 10}, map[string][]progress.Why{"chin-tucks": {progress.RatedEasyTwice, progress.RatedHard}}},
		{"order of the journal does not matter", []*journal.Session{
			session(1, nil, nil, "chin-tucks", "right"), session(0, nil, nil, "chin-tucks", "easy")},
			map[string]int{"chin-tucks": 12}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := progress.Levels(tt.sessions, doses(t))
			reps := map[string]int{}
			for id, l := range got {
				reps[id] = l.Amount.Reps
			}
			if diff := cmp.Diff(tt.want, reps); diff != "" {
				t.Errorf("reps (-want +got):\n%s", diff)
			}
			for id, whys := range tt.whys {
				var gotWhys []progress.Why
				for _, c := range got[id].Changes {
					gotWhys = append(gotWhys, c.Why)
				}
				if diff := cmp.Diff(whys, gotWhys); diff != "" {
					t.Errorf("%s reasons (-want +got):\n%s", id, diff)
				}
			}
		})
	}
}

func TestAdherenceAcrossWeeksAndTimeZones(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err) // time/tzdata is built in: never skipped for want of zone files
	}
	// Practice at 23:30 New York time, which is the next day in UTC, on
	// Oct 30 – Nov 4 2026 (clocks go back on Nov 1), then a gap, then Nov 8–9.
	var ss []*journal.Session
	for _, d := range []int{30, 31, 32, 33, 34, 35, 39, 40} {
		at := time.Date(2026, 10, d, 23, 30, 0, 0, ny)
		ss = append(ss, &journal.Session{StartedAt: at.UTC(), Exercises: []journal.Performance{{Outcome: journal.Done, Seconds: 120}}})
	}
	// An interrupted session with nothing done does not count.
	ss = append(ss, &journal.Session{StartedAt: time.Date(2026, 11, 10, 9, 0, 0, 0, ny), Status: journal.Interrupted,
		Exercises: []journal.Performance{{Outcome: journal.Skipped, Seconds: 3}}})
	now := time.Date(2026, 11, 10, 12, 0, 0, 0, ny) // Tuesday; no practice yet today
	a := progress.ComputeAdherence(ss, now, ny, 3, 0)
	if a.Target != progress.DefaultTarget || len(a.Weeks) != 3 {
		t.Fatalf("adherence %+v", a)
	}
	// Weeks start Mon Oct 26, Nov 2, Nov 9 (local).
	gotDays := []int{a.Weeks[0].Days, a.Weeks[1].Days, a.Weeks[2].Days}
	if diff := cmp.Diff([]int{3, 4, 1}, gotDays); diff != "" {
		t.Errorf("days a week (-want +got):\n%s\n%+v", diff, a.Weeks)
	}
	if a.Weeks[0].Start.Day() != 26 || a.Weeks[2].Start.Day() != 9 {
		t.Errorf("week starts %v, %v", a.Weeks[0].Start, a.Weeks[2].Start)
	}
	if a.BestStreak != 6 || a.CurrentStreak != 2 {
		t.Errorf("streaks best %d current %d, want 6 and 2", a.BestStreak, a.CurrentStreak)
	}
	if a.Weeks[1].Minutes != 8 {
		t.Errorf("minutes %v", a.Weeks[1].Minutes)
	}
}

func TestOutcomeAndCheckpoints(t *testing.T) {
	var ss []*journal.Session
	// Pain before falls from 6 to 3 over six weeks, three sessions a week.
	for w := range 6 {
		for d := range 3 {
			ss = append(ss, session(7*w+d, ptr(6-w*3/5), ptr(5-w*3/5)))
		}
	}
	now := day0.AddDate(0, 0, 7*6+1)
	o := progress.ComputeOutcome(ss, now, time.UTC)
	if o.Baseline != 6 || o.Latest != 3 || o.Change != -3 || !o.Meaningful {
		t.Errorf("outcome baseline %v latest %v change %v meaningful %v", o.Baseline, o.Latest, o.Change, o.Meaningful)
	}
	if len(o.Checkpoints) != 2 || !o.Checkpoints[0].Reached || !o.Checkpoints[1].Reached {
		t.Fatalf("checkpoints %+v", o.Checkpoints)
	}
	if c := o.Checkpoints[0]; c.Weeks != 2 || c.Average != 6 || c.Meaningful {
		t.Errorf("2-week checkpoint %+v", c)
	}
	if c := o.Checkpoints[1]; c.Weeks != 6 || c.Average != 3 || !c.Meaningful || c.Change != -3 {
		t.Errorf("6-week checkpoint %+v", c)
	}
	if o.Trend.Advice != "" {
		t.Errorf("improving pain needs no advice, got %q", o.Trend.Advice)
	}
	early := progress.ComputeOutcome(ss[:3], day0.AddDate(0, 0, 3), time.UTC)
	if early.Checkpoints[0].Reached {
		t.Error("the 2-week checkpoint is not reached in week 1")
	}
}

func TestPSFS(t *testing.T) {
	at := func(d int) time.Time { return day0.AddDate(0, 0, d) }
	ratings := []progress.PSFSRating{
		{At: at(14), Activity: "Driving", Score: 5}, // out of order on purpose
		{At: at(0), Activity: "Reaching", Score: 3},
		{At: at(0), Activity: "Driving", Score: 4},
		{At: at(0), Activity: "Sleeping", Score: 6},
		{At: at(14), Activity: "Reaching", Score: 6},
	}
	p := progress.SummarisePSFS(ratings, at(20)) // activities in the order first named
	want := []progress.PSFSActivity{
		{Activity: "Reaching", First: 3, Latest: 6, LatestAt: at(14), Meaningful: true},
		{Activity: "Driving", First: 4, Latest: 5, LatestAt: at(14)},
		{Activity: "Sleeping", First: 6, Latest: 6, LatestAt: at(0)},
	}
	if diff := cmp.Diff(want, p.Activities); diff != "" {
		t.Errorf("activities (-want +got):\n%s", diff)
	}
	if p.Due || !p.Last.Equal(at(14)) {
		t.Errorf("due %v last %v", p.Due, p.Last)
	}
	if !progress.SummarisePSFS(ratings, at(28)).Due {
		t.Error("two weeks after the last rating, a new one is due")
	}
	if e := progress.SummarisePSFS(nil, at(0)); e.Due || len(e.Activities) != 0 {
		t.Errorf("empty: %+v", e)
	}
}
