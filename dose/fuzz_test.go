package dose_test

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/dose"
)

// A dose as written in a catalog file: reading it never panics, and a dose
// that reads and validates clean has a positive starting amount and timings
// a person can follow.
func FuzzDoseYAML(f *testing.F) {
	for _, s := range []string{
		"{mode: reps, reps: {min: 10, max: 15}, hold: 5}",
		"{mode: hold, reps: 3, hold: {min: 20, max: 30}, sides: each, rest: 10}",
		"{mode: timed, seconds: 60, tempo: {rep: 2}}",
		"{mode: breath, reps: 10, tempo: {inhale: 4, exhale: 6}}",
		"{mode: reps, reps: 0}", "{mode: reps, tempo: {rep: 0.01}}", "{mode: reps, reps: {min: 3}}",
		"{mode: reps, poses: [{name: W, cue: w}], hold_breaths: 2}", "reps: [1, 2]", "{mode: reps, reps: 99999999999999999999}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var d dose.Dose
		if err := yaml.Unmarshal([]byte(src), &d); err != nil {
			return
		}
		ps := d.Validate()
		d.CheckAmount(d.Target())
		d.Describe(d.Start())
		if len(ps) > 0 {
			return
		}
		start := d.Start()
		for _, v := range []int{start.Reps, start.Hold, start.HoldBreaths, start.Seconds, start.Sets} {
			if v < 0 {
				t.Fatalf("%s: a valid dose starts at %+v", src, start)
			}
		}
		if start.Sets < 1 {
			t.Fatalf("%s: a valid dose starts with %d sets", src, start.Sets)
		}
		tm := d.Timing()
		for _, x := range []int64{int64(tm.Rep), int64(tm.Move), int64(tm.Release), int64(tm.Inhale), int64(tm.Exhale), int64(tm.Breath), int64(tm.Switch)} {
			if x < 500e6 {
				t.Fatalf("%s: a valid dose times something at %d ns", src, x)
			}
		}
		if ps := d.CheckAmount(d.Start()); len(ps) > 0 {
			t.Fatalf("%s: the starting amount is outside the dose: %v", src, ps)
		}
	})
}
