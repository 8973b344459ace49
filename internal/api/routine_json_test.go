package api_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

// Routine.AppendJSON writes the very bytes json.Marshal writes: for every
// built-in routine at its own amounts, at the top of every range, against
// a time box it overruns (drop savings, reordering), with levels, easier
// options and pictures, with nothing in its lists, and with words that
// encoding/json escapes.
func TestRoutineAppendJSONAsMarshal(t *testing.T) {
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		t.Fatal(issues)
	}
	c, _ := b.Build()
	check := func(name string, r *api.Routine) {
		t.Helper()
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.AppendJSON([]byte("x"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff("x"+string(want), string(got)); diff != "" {
			t.Errorf("%s (-json.Marshal +AppendJSON):\n%s", name, diff)
		}
	}
	doc := func(r *catalog.Routine, steps []timeline.Step, box time.Duration) api.Routine {
		t.Helper()
		tl, err := timeline.Compile(steps, timeline.DefaultRules)
		if err != nil {
			t.Fatal(err)
		}
		fit, err := planner.CheckFit(steps, box, timeline.DefaultRules)
		if err != nil {
			t.Fatal(err)
		}
		return api.NewRoutine(r, steps, tl, fit)
	}
	for _, r := range c.Routines() {
		steps, err := timeline.FromRoutine(c, r)
		if err != nil {
			t.Fatal(err)
		}
		d := doc(r, steps, time.Duration(r.TimeBoxSeconds)*time.Second)
		check(r.ID, &d)

		top := make([]timeline.Step, len(steps))
		for i, st := range steps {
			top[i] = st
			top[i].Amount = st.Exercise.Dose.Target()
		}
		d = doc(r, top, time.Minute)
		if len(d.Fit.DropSavings) == 0 && len(steps) > 1 {
			t.Errorf("%s over a minute: no drop savings to check", r.ID)
		}
		check(r.ID+" at the top, in a minute", &d)

		for i := range d.Exercises {
			x := &d.Exercises[i]
			x.Level = &api.LevelChange{From: x.Dose, Why: "easy-twice", At: time.Date(2026, 11, 30, 7, 5, 9, 123456789, time.FixedZone("", 3600))}
			x.Easier = "the easier one <b> & \"quoted\""
			x.Pictures = []string{"/pictures/1?a=b&c=d", "/pictures/2"}
			x.Frames = nil
		}
		check(r.ID+" with levels", &d)
	}
	odd := api.Routine{
		ID: "odd", Name: "tab\there, new\nline, \r\b\f\x01\x1f, <b> & \u2028\u2029 é \xff \\ \"q\"",
		Description: "", TimeBoxLabel: "a <label>", Frequency: "daily & more",
		DurationSeconds: 1e-7, Origin: "x.yaml",
		Source:    []catalog.Source{{Seed: "s", Title: "t"}, {Seed: "s2", Title: "t2", Item: 3}},
		Exercises: []api.RoutineExercise{{ID: "e", Dose: api.Amount{Mode: "hold", HoldBreaths: 3}, DurationSeconds: 1e21, SetupSeconds: -0.25, StartMS: -5}},
		Fit: api.FitReport{Verdict: planner.Over, SpareSeconds: -12.5, ReorderedIDs: []string{"b", "a"}, StartDoseSeconds: 123456789.125,
			DropSavings: []api.DropFit{{ID: "a", SavesSeconds: 1.5e-9}}, TargetDoseSeconds: math.MaxFloat64, ReorderSavingsSeconds: math.SmallestNonzeroFloat64},
		Timeline: timeline.Segments{{ExerciseID: "a&b", Cue: "hold <3 s> & breathe \u2028 \"out\" \\ é"}},
	}
	check("odd", &odd)
	check("empty", &api.Routine{})
	empty := api.Routine{Source: []catalog.Source{}, Exercises: []api.RoutineExercise{}, Fit: api.FitReport{ReorderedIDs: []string{}, DropSavings: []api.DropFit{}}}
	check("empty lists", &empty)

	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		bad := api.Routine{DurationSeconds: f}
		if _, err := json.Marshal(&bad); err == nil {
			t.Fatalf("json.Marshal took %v", f)
		}
		if _, err := bad.AppendJSON(nil); err == nil {
			t.Errorf("AppendJSON took %v; json.Marshal refuses it", f)
		}
	}
}

// FuzzAppendJSONString: AppendJSONString writes any string as
// encoding/json does.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "<>&", "\u2028\u2029", "\xff\xfe", "\t\n\r\b\f\x00\x7f", `"\`, "é漢字🙂"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := api.AppendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
