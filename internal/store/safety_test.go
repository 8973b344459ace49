package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
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
			answers[q.ID] = q.ID == "age-onset" || q.ID == "osteoporosis"
		}
		first := safety.NewScreening(base, answers)
		if first.Result.Outcome != safety.Clinician || len(first.Result.Conditions) != 1 {
			t.Fatalf("screening %+v", first)
		}
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
		bad = safety.Screening{At: base, Result: safety.Result{Outcome: safety.Condition, Conditions: []catalog.Condition{"flu"}}}
		if err := st.SaveScreening(ctx, &bad); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("a bad condition: %v", err)
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
		if err := st.ClearCondition(ctx, "thoracic-extension", catalog.Osteoporosis, base); err != nil {
			t.Fatal(err)
		}
		moved("clear a condition")
		if _, err := st.WithdrawClearance(ctx, "thoracic-extension", catalog.Osteoporosis); err != nil {
			t.Fatal(err)
		}
		moved("withdraw a clearance")
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

// A clinician's clearance of one exercise for one condition is kept,
// replaced and withdrawn.
func TestConditionClearances(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		if got, err := st.ConditionClearances(ctx); err != nil || len(got) != 0 {
			t.Fatalf("empty: %v, %v", got, err)
		}
		for _, c := range []struct {
			id   string
			cond catalog.Condition
			at   time.Time
		}{{"thoracic-extension", catalog.Osteoporosis, base}, {"back-extension", catalog.Pregnancy, base}, {"thoracic-extension", catalog.Osteoporosis, base.Add(time.Hour)}} {
			if err := st.ClearCondition(ctx, c.id, c.cond, c.at); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.ClearCondition(ctx, "back-extension", "flu", base); unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Errorf("an unknown condition: %v", err)
		}
		got, err := st.ConditionClearances(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []safety.ConditionClearance{{ExerciseID: "back-extension", Condition: catalog.Pregnancy, At: base},
			{ExerciseID: "thoracic-extension", Condition: catalog.Osteoporosis, At: base.Add(time.Hour)}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("clearances (-want +got):\n%s", diff)
		}
		if was, err := st.WithdrawClearance(ctx, "back-extension", catalog.Pregnancy); err != nil || !was {
			t.Errorf("withdraw: %v, %v", was, err)
		}
		if was, err := st.WithdrawClearance(ctx, "back-extension", catalog.Pregnancy); err != nil || was {
			t.Errorf("withdraw twice: %v, %v", was, err)
		}
	})
}

// Screenings saved before the questions changed (schema 4) are read back as
// question set 1, and the gate asks for the questions again (issue 11).
func TestOldScreeningsNeedARescreen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		db := raw(t, url, dir)
		dialect := goose.DialectSQLite3
		if url != "" {
			dialect = goose.DialectPostgres
		}
		p, err := goose.NewProvider(dialect, db, os.DirFS("migrations"), goose.WithTableName(store.VersionTable))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.UpTo(ctx, 4); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO screenings (id, at, answers, outcome, flagged, clearing)
			VALUES ('old', $1, '{"chest-pain": false, "bone-fragility": false}', 'clear', '[]', 0)`, base.UnixMilli()); err != nil {
			t.Fatal(err)
		}
		db.Close()
		st := openAt(t, url, dir)
		got, err := st.Screenings(ctx)
		if err != nil || len(got) != 1 {
			t.Fatalf("screenings %v, %v", got, err)
		}
		if got[0].QuestionSet != 1 || got[0].Result.Outcome != safety.Clear || got[0].Result.Conditions == nil {
			t.Errorf("old screening read back as %+v", got[0])
		}
		if d := safety.Gate(base.Add(time.Hour), got, nil, nil); d.Block != safety.QuestionsChanged {
			t.Errorf("gate on an old screening: %+v", d)
		}
		// A screening under today's questions may start; one with a condition keeps it.
		a := map[string]bool{"pregnant": true}
		sc := safety.NewScreening(base.Add(2*time.Hour), a)
		if err := st.SaveScreening(ctx, &sc); err != nil {
			t.Fatal(err)
		}
		got, _ = st.Screenings(ctx)
		if d := safety.Gate(base.Add(3*time.Hour), got, nil, nil); !d.OK() || !cmp.Equal(d.Conditions, []catalog.Condition{catalog.Pregnancy}) {
			t.Errorf("gate on a new screening: %+v", d)
		}
	})
}
