package person_test

import (
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// After "too hard" at the starting dose, a routine is prepared with each
// exercise's easier option, and the person is told what it is (issue 11).
func TestEasierOptionInRoutines(t *testing.T) {
	c := builtin(t)
	hard := &journal.Session{StartedAt: at, Status: journal.Completed, TimeScale: 1, Exercises: []journal.Performance{
		{Index: 0, ExerciseID: "thoracic-extension", Outcome: journal.Done, Rating: journal.TooHard},
		{Index: 1, ExerciseID: "wall-angels", Outcome: journal.Done, Rating: journal.TooHard},
		{Index: 2, ExerciseID: "cat-cow", Outcome: journal.Done, Rating: journal.TooHard},
		{Index: 3, ExerciseID: "thread-the-needle", Outcome: journal.Done, Rating: journal.Right},
	}}
	sessions := []*journal.Session{hard}
	levels := person.Levels(sessions, c)
	r, _ := c.Routine("end-of-day-relief")
	prep, err := person.Prepare(c, r, levels, person.Exclusions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		id       string
		reps     int
		position catalog.Position
		easier   string
	}
	want := []step{
		{"thoracic-extension", 8, "", "with a rolled towel in place of the foam roller"},
		{"wall-angels", 7, "", "7 reps instead of 10 reps"},
		{"cat-cow", 10, catalog.Seated, "seated instead of on hands and knees"},
		{"thread-the-needle", 1, "", ""},
	}
	for i, w := range want {
		st := prep.Steps[i]
		got := step{st.Exercise.ID, st.Exercise.Dose.Fill(st.Amount).Reps, st.Position, person.EasierWords(st.Exercise, prep.Levels[i])}
		if got != w {
			t.Errorf("step %d = %+v, want %+v", i, got, w)
		}
	}
	cr, err := person.Compile(prep.Steps, r)
	if err != nil {
		t.Fatalf("the easier options must compile: %v", err)
	}
	doc := person.Document(r, prep, cr)
	if doc.Exercises[2].Position != catalog.Seated || doc.Exercises[2].Easier != "seated instead of on hands and knees" || doc.Exercises[3].Easier != "" {
		t.Errorf("document: %+v", doc.Exercises)
	}
	notes := strings.Join(person.StartNotes(safety.Decision{}, prep, person.StateOf(sessions, nil, nil, nil, c, time.UTC), time.UTC), "\n")
	for _, s := range []string{
		"Cat-cow: the easier way for now, seated instead of on hands and knees, since you rated it too hard at the starting dose.",
		"Thoracic extension over a roller: the easier way for now, with a rolled towel in place of the foam roller,",
		"Wall angels: the easier way for now, 7 reps instead of 10 reps,",
		"Two ratings of easy or about right bring back the usual way.",
	} {
		if !strings.Contains(notes, s) {
			t.Errorf("start notes lack %q:\n%s", s, notes)
		}
	}
	// Two ratings of about right later: back to the usual way, and said so.
	for d := 1; d <= 2; d++ {
		sessions = append(sessions, &journal.Session{StartedAt: at.AddDate(0, 0, d), Status: journal.Completed, Exercises: []journal.Performance{
			{Index: 0, ExerciseID: "cat-cow", Outcome: journal.Done, Rating: journal.Right}}})
	}
	back := person.Levels(sessions, c)
	prep2, err := person.Prepare(c, r, back, person.Exclusions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if prep2.Steps[2].Position != "" || person.EasierWords(prep2.Steps[2].Exercise, prep2.Levels[2]) != "" {
		t.Errorf("cat-cow is still on its easier option: %+v", prep2.Steps[2])
	}
	notes = strings.Join(person.StartNotes(safety.Decision{}, prep2, person.StateOf(sessions, nil, nil, nil, c, time.UTC), time.UTC), "\n")
	if !strings.Contains(notes, "Cat-cow: back to the usual way, 10 breaths in and out (rated easy or right twice in a row).") {
		t.Errorf("start notes do not say cat-cow is back to the usual way:\n%s", notes)
	}
	sessions = sessions[:1]
	doc2 := person.Progress(sessions, c, at.AddDate(0, 0, 1), time.UTC)
	found := false
	for _, l := range doc2.Levels {
		if l.ExerciseID == "cat-cow" {
			found = l.Easier == "seated instead of on hands and knees"
		}
	}
	if !found {
		t.Errorf("progress levels do not say cat-cow is done seated: %+v", doc2.Levels)
	}
}
