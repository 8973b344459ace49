package api_test

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
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
		if got := timeline.AppendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// Every field of the routine document, at any depth, is written by
// AppendJSON: each is filled with a value that is not its zero value (so
// that omitempty keeps it), and the bytes must still be json.Marshal's. A
// field added to any of the document's types without its line in
// AppendJSON fails here.
func TestRoutineAppendJSONWritesEveryField(t *testing.T) {
	var r api.Routine
	fill(reflect.ValueOf(&r).Elem(), 0)
	want, err := json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("(-json.Marshal +AppendJSON):\n%s", diff)
	}
}

// fill sets v and everything in it to a value that is not zero: two
// elements in each list, words that need escaping in each string.
func fill(v reflect.Value, depth int) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		v.Set(reflect.ValueOf(time.Date(2026, 12, 1, 8, 0, 0, 5e8, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("a <b> & \"c\" é\n" + strings.Repeat("x", depth))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(3 + depth))
	case reflect.Float64:
		v.SetFloat(1.25 + float64(depth))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	default:
		panic("fill: no value for " + v.Type().String())
	}
}
