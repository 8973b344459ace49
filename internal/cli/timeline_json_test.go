package cli

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/timeline"
)

// writeTimelineJSON writes the very bytes writeJSON writes: for every
// built-in routine, as `routines show` and `plan` show them, and for
// timelines whose words encoding/json escapes (<, >, &, U+2028, quotes).
func TestTimelineJSONAsWriteJSON(t *testing.T) {
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		t.Fatal(issues)
	}
	c, _ := b.Build()
	check := func(name string, v any, tl *timeline.Segments) {
		t.Helper()
		var want, got bytes.Buffer
		if err := writeJSON(&want, v); err != nil {
			t.Fatal(err)
		}
		before := slices.Clone(*tl)
		if err := writeTimelineJSON(&got, v, tl); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), got.String()); diff != "" {
			t.Errorf("%s (-writeJSON +writeTimelineJSON):\n%s", name, diff)
		}
		if diff := cmp.Diff(before, *tl); diff != "" {
			t.Errorf("%s: the timeline changed:\n%s", name, diff)
		}
	}
	for _, r := range c.Routines() {
		cr, err := compileRoutine(c, r)
		if err != nil {
			t.Fatal(err)
		}
		shown := shownRoutine{Routine: api.NewRoutine(r, cr.steps, cr.tl, cr.fit), LeftOut: []string{}}
		check(r.ID, &shown, &shown.Timeline)
		plan := api.Plan{Routine: api.NewRoutine(r, cr.steps, cr.tl, cr.fit)}
		check(r.ID+" as a plan", &plan, &plan.Timeline)
	}
	odd := shownRoutine{Routine: api.Routine{ID: "odd", Name: `"timeline":[] <b> & co`, Timeline: timeline.Segments{
		{ExerciseID: "a&b", Cue: "hold <3 s> & breathe \u2028 \"out\" \\ é"},
		{ExerciseID: "c", Pose: "<pose>", Cue: "plain"},
	}}}
	check("escapes", &odd, &odd.Timeline)
	empty := shownRoutine{Routine: api.Routine{ID: "empty"}}
	check("no timeline", &empty, &empty.Timeline)
}

// writeRoutineJSON writes the very bytes writeJSON writes for
// `routines show --json`: every built-in routine's document, with no
// exercise left out and with exercises left out for each reason (the
// document's own encoder against encoding/json).
func TestRoutineJSONAsWriteJSON(t *testing.T) {
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		t.Fatal(issues)
	}
	c, _ := b.Build()
	lefts := map[string][]person.LeftOut{
		"none":  {},
		"nil":   nil,
		"three": {{ID: "a", Why: person.ForCondition, Conditions: []catalog.Condition{"osteoporosis", "<x&y>"}, Words: "not with <this> & that"}, {ID: "b", Why: person.ForStop, StopReason: "pain", Words: "stopped\nfor pain"}, {ID: "c", Why: "other", Words: ""}},
	}
	for _, r := range c.Routines() {
		cr, err := compileRoutine(c, r)
		if err != nil {
			t.Fatal(err)
		}
		for name, left := range lefts {
			shown := shownRoutine{Routine: api.NewRoutine(r, cr.steps, cr.tl, cr.fit), LeftOut: person.LeftOutIDs(left), LeftOutWhy: left}
			checkRoutineJSON(t, r.ID+", left out: "+name, &shown)
		}
	}
}

// Every field of the exercises left out is written by writeRoutineJSON:
// each filled with a value that omitempty keeps, the bytes must still be
// writeJSON's. A field added to person.LeftOut without its line fails here.
func TestRoutineJSONWritesEveryLeftOutField(t *testing.T) {
	var l person.LeftOut
	v := reflect.ValueOf(&l).Elem()
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			f.SetString("a <b> & \"c\" " + v.Type().Field(i).Name)
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 2, 2))
			for k := range 2 {
				f.Index(k).SetString("item <" + strconv.Itoa(k) + ">")
			}
		default:
			t.Fatalf("person.LeftOut.%s: a %s; teach this test (and writeRoutineJSON) about it", v.Type().Field(i).Name, f.Kind())
		}
	}
	shown := shownRoutine{Routine: api.Routine{ID: "r"}, LeftOut: []string{l.ID}, LeftOutWhy: []person.LeftOut{l, l}}
	checkRoutineJSON(t, "every field", &shown)
}

// checkRoutineJSON fails the test when writeRoutineJSON and writeJSON write
// shown differently.
func checkRoutineJSON(t *testing.T, name string, shown *shownRoutine) {
	t.Helper()
	var want, got bytes.Buffer
	if err := writeJSON(&want, shown); err != nil {
		t.Fatal(err)
	}
	if err := writeRoutineJSON(&got, shown); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.String(), got.String()); diff != "" {
		t.Errorf("%s (-writeJSON +writeRoutineJSON):\n%s", name, diff)
	}
}
