package timeline_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/timeline"
)

// Rules.Work must give exactly what Compile spends on each exercise's work,
// whatever comes before it and whatever position it is done in.
func TestWorkMatchesCompiledBlocks(t *testing.T) {
	c := builtinWithExtras(t)
	rules := timeline.DefaultRules
	rng := rand.New(rand.NewPCG(5, 8))
	for i := range 2000 {
		steps := randomSteps(rng, c, 1+rng.IntN(8))
		tl, err := timeline.Compile(steps, rules)
		if err != nil {
			t.Fatal(err)
		}
		for k, blk := range tl.Exercises {
			got, err := rules.Work(steps[k])
			if err != nil {
				t.Fatal(err)
			}
			if want := blk.Duration - rules.Intro - blk.Setup; got != want {
				t.Fatalf("case %d step %d (%s %+v): Work %v, compiled %v", i, k, steps[k].Exercise.ID, steps[k].Amount, got, want)
			}
		}
	}
}

func TestWorkRejectsWhatCompileRejects(t *testing.T) {
	c := builtin(t)
	e, _ := c.Exercise("chin-tucks")
	bad := []timeline.Step{
		{},
		{Exercise: e, Amount: e.Dose.Target()},
	}
	bad[1].Amount.Reps = 99
	for _, st := range bad {
		if _, err := timeline.DefaultRules.Work(st); err == nil {
			t.Errorf("Work(%+v) = nil error", st.Amount)
		}
	}
	if d, err := timeline.DefaultRules.Work(timeline.Step{Exercise: e}); err != nil || d != 90*time.Second {
		t.Errorf("chin tucks at the start: %v, %v; want 1:30", d, err)
	}
}

// builtinWithExtras is the built-in catalog with the test's extra exercises
// (extraExercises: every mode and sides option).
func builtinWithExtras(t *testing.T) *catalog.Catalog {
	t.Helper()
	b := catalog.NewBuilder()
	catalog.AddBuiltin(b)
	if is := b.Add("extra.yaml", "extra.yaml", []byte(extraExercises)); len(is) > 0 {
		t.Fatal(is)
	}
	c, is := b.Build()
	if len(is) > 0 {
		t.Fatal(is)
	}
	return c
}
