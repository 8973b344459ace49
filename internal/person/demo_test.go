package person_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// Demos (sessions played with --time-scale other than 1) never count: not in
// the pain trend, not as having done an exercise (its cautions are shown
// again the first real time), not as ratings for plans, and not as practice
// in the progress document, which counts them apart (issue 11).
func TestDemosDoNotCountForThePerson(t *testing.T) {
	c := builtin(t)
	pain := func(n int) *int { return &n }
	var real, all []*journal.Session
	for w := range 3 {
		s := &journal.Session{StartedAt: at.AddDate(0, 0, 7*w), PainBefore: pain(4), Status: journal.Completed,
			Exercises: []journal.Performance{{ExerciseID: "chin-tucks", Outcome: journal.Done, Rating: journal.Right, Seconds: 60, EndedAt: at.AddDate(0, 0, 7*w)}}}
		real = append(real, s)
		d := &journal.Session{StartedAt: at.AddDate(0, 0, 7*w+1), PainBefore: pain(4 + 3*w), Status: journal.Completed, TimeScale: 30, Demo: true,
			Exercises: []journal.Performance{
				{ExerciseID: "chin-tucks", Outcome: journal.Done, Rating: journal.TooHard, Seconds: 60, EndedAt: at.AddDate(0, 0, 7*w+1)},
				{ExerciseID: "cat-cow", Outcome: journal.Done, Rating: journal.TooEasy, Seconds: 60, EndedAt: at.AddDate(0, 0, 7*w+1)},
			}}
		all = append(all, s, d)
	}
	if tr := person.Trend(all, time.UTC); tr.Advice != safety.NoAdvice {
		t.Errorf("a demo's pain moved the trend: %+v", tr)
	}
	r, _ := c.Routine("end-of-day-relief")
	prep, err := person.Prepare(c, r, nil, person.Exclusions{}, true)
	if err != nil {
		t.Fatal(err)
	}
	var first []string
	for _, e := range person.FirstTimes(prep.Steps, person.Summed(all, c, time.UTC).Done) {
		first = append(first, e.ID)
	}
	if diff := cmp.Diff([]string{"thoracic-extension", "wall-angels", "cat-cow", "thread-the-needle"}, first); diff != "" {
		t.Errorf("done only in a demo still counts as a first time (-want +got):\n%s", diff)
	}
	_, _, ratings := person.StateOf(all, nil, nil, nil, c, time.UTC).PlanInputs()
	if diff := cmp.Diff(map[string]journal.Rating{"chin-tucks": journal.Right}, ratings); diff != "" {
		t.Errorf("ratings for plans (-want +got):\n%s", diff)
	}
	now := at.AddDate(0, 0, 21)
	doc, want := person.Progress(all, c, now, time.UTC), person.Progress(real, c, now, time.UTC)
	if doc.Sessions != 6 || doc.Counted != 3 || doc.Demos != 3 {
		t.Errorf("sessions %d, practised %d, demos %d; want 6, 3, 3", doc.Sessions, doc.Counted, doc.Demos)
	}
	if diff := cmp.Diff(want.Adherence, doc.Adherence); diff != "" {
		t.Errorf("adherence (-real +with demos):\n%s", diff)
	}
	if diff := cmp.Diff(want.Levels, doc.Levels); diff != "" {
		t.Errorf("levels (-real +with demos):\n%s", diff)
	}
}
