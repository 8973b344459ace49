package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

func TestScreeningsAndClearances(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		if got, err := st.Screenings(ctx); err != nil || len(got) != 0 {
			t.Fatalf("empty journal: %v, %v", got, err)
		}
		answers := map[string]bool{}
		for _, q := range safety.Questions {
			answers[q.ID] = q.ID == "age-onset"
		}
		first := safety.Screening{At: base, Answers: answers, Result: safety.Evaluate(answers)}
		if err := st.SaveScreening(ctx, &first); err != nil {
			t.Fatal(err)
		}
		clear := safety.Clearance(base.Add(time.Hour+1500*time.Microsecond), first)
		if err := st.SaveScreening(ctx, &clear); err != nil {
			t.Fatal(err)
		}
		got, err := st.Screenings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		clear.At = clear.At.Truncate(time.Millisecond)
		if diff := cmp.Diff([]safety.Screening{first, clear}, got); diff != "" {
			t.Errorf("screenings (-want +got):\n%s", diff)
		}
		// The gate reads them back the same way it would have read them before saving.
		if d := safety.Gate(base.Add(2*time.Hour), got, nil, nil); !d.OK() {
			t.Errorf("a cleared clinician flag should let the person start: %+v", d)
		}
		bad := safety.Screening{At: base, Result: safety.Result{Outcome: "maybe"}}
		if err := st.SaveScreening(ctx, &bad); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("a bad outcome: %v", err)
		}
	})
}

func TestExerciseStates(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		if err := st.Exclude(ctx, "bird-dog", "sharp-pain", base); err != nil {
			t.Fatal(err)
		}
		if err := st.Avoid(ctx, "childs-pose", base); err != nil {
			t.Fatal(err)
		}
		if err := st.Avoid(ctx, "bird-dog", base.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.Exclude(ctx, "bird-dog", "dizziness", base.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, err := st.ExerciseStates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]store.ExerciseState{
			"bird-dog":    {ExerciseID: "bird-dog", Excluded: true, Reason: "dizziness", Since: base.Add(2 * time.Hour), Avoided: true},
			"childs-pose": {ExerciseID: "childs-pose", Avoided: true, Since: base},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("states (-want +got):\n%s", diff)
		}
		if was, err := st.Enable(ctx, "bird-dog"); err != nil || !was {
			t.Fatalf("enable: %v, %v", was, err)
		}
		if was, err := st.Enable(ctx, "bird-dog"); err != nil || was {
			t.Fatalf("enabling twice: %v, %v", was, err)
		}
		got, _ = st.ExerciseStates(ctx)
		if _, ok := got["bird-dog"]; ok || len(got) != 1 {
			t.Errorf("after enable: %v", got)
		}
	})
}

// Every kind of write raises the journal's version; reads do not.
func TestVersionMovesWithEveryWrite(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		last, err := st.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		moved := func(what string) {
			t.Helper()
			v, err := st.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v <= last {
				t.Errorf("%s: version %d, was %d", what, v, last)
			}
			last = v
		}
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, Owner: "web"}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		moved("start")
		if err := st.RecordExercise(ctx, s.ID, perf(0, "chin-tucks", journal.Done, base)); err != nil {
			t.Fatal(err)
		}
		moved("record")
		g := st.NewGroup(store.DefaultGroupSize)
		if err := g.RecordExercise(ctx, s.ID, perf(1, "scapular-squeezes", journal.Done, base)); err != nil {
			t.Fatal(err)
		}
		g.Close()
		moved("group record")
		if err := st.RateExercise(ctx, s.ID, 0, 0, journal.Right); err != nil {
			t.Fatal(err)
		}
		moved("rate")
		if err := st.FinishSession(ctx, s.ID, journal.Completed, base.Add(time.Minute), ptr(2), ""); err != nil {
			t.Fatal(err)
		}
		moved("finish")
		sc := safety.Screening{At: base, Result: safety.Result{Outcome: safety.Clear}}
		if err := st.SaveScreening(ctx, &sc); err != nil {
			t.Fatal(err)
		}
		moved("screening")
		if err := st.Avoid(ctx, "bird-dog", base); err != nil {
			t.Fatal(err)
		}
		moved("avoid")
		if _, err := st.Enable(ctx, "bird-dog"); err != nil {
			t.Fatal(err)
		}
		moved("enable")
		if err := st.SavePSFS(ctx, base, map[string]int{"Driving": 4}); err != nil {
			t.Fatal(err)
		}
		moved("psfs")
		if _, err := st.Sessions(ctx, journal.Filter{}); err != nil {
			t.Fatal(err)
		}
		if v, _ := st.Version(ctx); v != last {
			t.Errorf("a read moved the version from %d to %d", last, v)
		}
		// A write that fails moves nothing.
		if err := st.RecordExercise(ctx, "no-such-session", perf(0, "chin-tucks", journal.Done, base)); err == nil {
			t.Fatal("recording for a missing session must fail")
		}
		if v, _ := st.Version(ctx); v != last {
			t.Errorf("a failed write moved the version from %d to %d", last, v)
		}
	})
}
