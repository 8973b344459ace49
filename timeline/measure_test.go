package timeline_test

import (
	"math/rand/v2"
	"testing"

	"github.com/unhunch/unhunch/timeline"
)

// Measure must say exactly what Compile's timeline says of its length and
// setup, and fail where Compile fails: the fit report relies on it for
// every figure it gives (random routines with rounds, every mode and
// sides option, and every built-in routine).
func TestMeasureMatchesCompile(t *testing.T) {
	c := builtinWithExtras(t)
	rules := timeline.DefaultRules
	check := func(name string, steps []timeline.Step) {
		t.Helper()
		tl, cerr := timeline.Compile(steps, rules)
		d, setup, merr := timeline.Measure(steps, rules)
		if (cerr == nil) != (merr == nil) {
			t.Fatalf("%s: Compile error %v, Measure error %v", name, cerr, merr)
		}
		if cerr != nil {
			if cerr.Error() != merr.Error() {
				t.Fatalf("%s: Compile error %q, Measure error %q", name, cerr, merr)
			}
			return
		}
		if d != tl.Duration || setup != tl.SetupTotal() {
			t.Fatalf("%s: Measure %v (setup %v), Compile %v (setup %v)", name, d, setup, tl.Duration, tl.SetupTotal())
		}
	}
	for _, r := range c.Routines() {
		steps, err := timeline.FromRoutine(c, r)
		if err != nil {
			t.Fatal(err)
		}
		check(r.ID, steps)
	}
	rng := rand.New(rand.NewPCG(16, 3))
	for i := range 1000 {
		steps := randomSteps(rng, c, 1+rng.IntN(8))
		if i%3 == 0 { // a second round of the same exercises
			n := len(steps)
			for k := range n {
				steps[k].Round = 1
				second := steps[k]
				second.Round = 2
				steps = append(steps, second)
			}
		}
		check("random", steps)
	}
	check("no steps", nil)
	e, _ := c.Exercise("chin-tucks")
	bad := timeline.Step{Exercise: e, Amount: e.Dose.Target()}
	bad.Amount.Reps = 99
	check("amount out of range", []timeline.Step{bad})
}
