package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// importedSessions are n finished sessions, some starting at the same
// moment (their ids order them).
func importedSessions(n int, at time.Time) []*journal.Session {
	var out []*journal.Session
	for i := range n {
		start := at.Add(time.Duration(i/3) * time.Hour) // three at each moment
		end := start.Add(5 * time.Minute)
		pain := i % 11
		out = append(out, &journal.Session{ID: fmt.Sprintf("01IMPORT%018d", i), RoutineID: "quick-daily-reset", RoutineName: "Quick daily reset",
			Status: journal.Completed, StartedAt: start, EndedAt: &end, PainBefore: &pain, TimeScale: 1, PlannedExercises: 1,
			Exercises: []journal.Performance{{Index: 0, Attempt: 1, ExerciseID: "chin-tucks", Outcome: journal.Done, Seconds: 30,
				StartedAt: start, EndedAt: start.Add(30 * time.Second), Rating: journal.Right}}})
	}
	return out
}

// EachSession hands over every session, oldest first, each once, a page at
// a time (three pages here, with ties of start time across their edges),
// and only those since a time when asked.
func TestEachSession(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		ctx := context.Background()
		at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
		rec := store.Records{Pseudonym: "01PERSON0000000000000000000", Sessions: importedSessions(450, at)}
		if err := st.Import(ctx, rec); err != nil {
			t.Fatal(err)
		}
		all, err := st.Sessions(ctx, journal.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for i := len(all) - 1; i >= 0; i-- {
			want = append(want, all[i].ID)
		}
		var got []string
		if err := st.EachSession(ctx, journal.Filter{}, func(s *journal.Session) error {
			if len(s.Exercises) != 1 {
				t.Errorf("%s: %d exercises", s.ID, len(s.Exercises))
			}
			got = append(got, s.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sessions (-Sessions reversed +EachSession):\n%s", diff)
		}
		since := at.Add(100 * time.Hour)
		n := 0
		if err := st.EachSession(ctx, journal.Filter{Since: since}, func(s *journal.Session) error {
			if s.StartedAt.Before(since) {
				t.Errorf("%s started before %s", s.ID, since)
			}
			n++
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n != 450-300 {
			t.Errorf("%d sessions since hour 100, want 150", n)
		}
		stop := fmt.Errorf("enough")
		if err := st.EachSession(ctx, journal.Filter{}, func(*journal.Session) error { return stop }); err != stop {
			t.Errorf("the callback's error is not returned: %v", err)
		}
	})
}

// The pseudonym is made once and kept; an import is all or nothing, lists
// what collided, takes its pseudonym into an empty journal and refuses
// another person's records into a journal with records of its own.
func TestImport(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		st := open(t, e)
		ctx := context.Background()
		p1, err := st.Pseudonym(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p2, _ := st.Pseudonym(ctx); p1 == "" || p1 != p2 {
			t.Fatalf("pseudonym %q then %q", p1, p2)
		}
		at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
		rec := store.Records{Pseudonym: "01OTHER00000000000000000000", Sessions: importedSessions(5, at),
			Screenings: []safety.Screening{safety.NewScreening(at, map[string]bool{"fever": false})},
			PSFS:       []progress.PSFSRating{{At: at, Activity: "Reaching up", Score: 4}},
			States:     []journal.ExerciseState{{ExerciseID: "cat-cow", Excluded: true, Reason: "dizziness", Since: at}},
			Clearances: []safety.ConditionClearance{{ExerciseID: "back-extension", Condition: "pregnancy", At: at}}}
		rec.Screenings[0].ID = "01SCREEN000000000000000000"
		if err := st.Import(ctx, rec); err != nil {
			t.Fatal(err)
		}
		if p, _ := st.Pseudonym(ctx); p != rec.Pseudonym {
			t.Errorf("pseudonym %s after importing into an empty journal, want %s", p, rec.Pseudonym)
		}
		v, _ := st.Version(ctx)
		err = st.Import(ctx, rec)
		wantError(t, err, unhunch.EConflict, "nothing was imported: 7 of the bundle's records are already in this journal",
			"session 01IMPORT", "screening 01SCREEN", `functional scale score "Reaching up"`)
		if v2, _ := st.Version(ctx); v2 != v {
			t.Errorf("a refused import changed the journal (version %d to %d)", v, v2)
		}
		// A changed state collides; the same does not.
		rec2 := store.Records{Pseudonym: rec.Pseudonym, States: []journal.ExerciseState{{ExerciseID: "cat-cow", Avoided: true, Since: at}}}
		wantError(t, st.Import(ctx, rec2), unhunch.EConflict, "exercise set aside cat-cow")
		rec2.States = rec.States
		if err := st.Import(ctx, rec2); err != nil {
			t.Errorf("the same state again: %v", err)
		}
		rec3 := store.Records{Pseudonym: "01THIRD00000000000000000000", Sessions: importedSessions(1, at.AddDate(1, 0, 0))}
		rec3.Sessions[0].ID = "01FRESH000000000000000000"
		wantError(t, st.Import(ctx, rec3), unhunch.EConflict, "another person's records")
		// Bad values are refused before anything is written.
		bad := importedSessions(1, at.AddDate(2, 0, 0))
		bad[0].ID, bad[0].Status = "01BAD00000000000000000000", "paused"
		wantError(t, st.Import(ctx, store.Records{Pseudonym: rec.Pseudonym, Sessions: bad}), unhunch.EInvalid, "paused")
		sessions, _ := st.Sessions(ctx, journal.Filter{})
		if len(sessions) != 5 {
			t.Errorf("%d sessions, want the 5 imported", len(sessions))
		}
	})
}
