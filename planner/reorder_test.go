package planner_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func steps(t testing.TB, c *catalog.Catalog, id string) []timeline.Step {
	t.Helper()
	r, _ := c.Routine(id)
	s, err := timeline.FromRoutine(c, r)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func setupOf(t testing.TB, s []timeline.Step) time.Duration {
	t.Helper()
	tl, err := timeline.Compile(s, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	return tl.SetupTotal()
}

// bruteForce returns the least setup time over every order.
func bruteForce(t testing.TB, s []timeline.Step) time.Duration {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	best := time.Duration(-1)
	var permute func(k int)
	permute = func(k int) {
		if k == len(idx) {
			if d := setupOf(t, planner.Apply(s, idx)); best < 0 || d < best {
				best = d
			}
			return
		}
		for i := k; i < len(idx); i++ {
			idx[k], idx[i] = idx[i], idx[k]
			permute(k + 1)
			idx[k], idx[i] = idx[i], idx[k]
		}
	}
	permute(0)
	return best
}

func TestReorderMatchesExhaustiveSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive test skipped under -short")
	}
	c := builtin(t)
	all := c.Exercises()
	rng := rand.New(rand.NewPCG(7, 11))
	cases := [][]timeline.Step{steps(t, c, "seven-in-seven"), steps(t, c, "posture-support")}
	for range 60 {
		n := 1 + rng.IntN(6)
		s := make([]timeline.Step, n)
		for i := range s {
			e := all[rng.IntN(len(all))]
			s[i] = timeline.Step{Exercise: e}
			if rng.IntN(4) == 0 {
				s[i].Position = e.Positions[rng.IntN(len(e.Positions))]
			}
		}
		cases = append(cases, s)
	}
	for i, s := range cases {
		order := planner.Reorder(s, timeline.DefaultRules)
		sorted := slices.Sorted(slices.Values(order))
		for k := range sorted {
			if sorted[k] != k {
				t.Fatalf("case %d: order %v is not a permutation", i, order)
			}
		}
		got := setupOf(t, planner.Apply(s, order))
		if want := bruteForce(t, s); got != want {
			t.Errorf("case %d: reordered setup %v, exhaustive best %v", i, got, want)
		}
	}
}

func TestReorderKeepsAnOptimalOriginalOrder(t *testing.T) {
	c := builtin(t)
	s := steps(t, c, "quick-daily-reset")
	if diff := cmp.Diff([]int{0, 1, 2}, planner.Reorder(s, timeline.DefaultRules)); diff != "" {
		t.Errorf("an order that is already best must stay (-want +got):\n%s", diff)
	}
}

func TestReorderManyStepsGroupsByLevel(t *testing.T) {
	c := builtin(t)
	var s []timeline.Step
	for _, e := range c.Exercises() {
		s = append(s, timeline.Step{Exercise: e})
	}
	s = append(s, s[:5]...) // 18 steps: beyond exhaustive search
	order := planner.Reorder(s, timeline.DefaultRules)
	if len(order) != len(s) {
		t.Fatalf("order has %d of %d steps", len(order), len(s))
	}
	pos := timeline.DefaultRules.Positions(planner.Apply(s, order))
	for i := 1; i < len(pos); i++ {
		if pos[i].Level() < pos[i-1].Level() {
			t.Fatalf("level goes back from %s to %s at %d", pos[i-1], pos[i], i)
		}
	}
	if setupOf(t, planner.Apply(s, order)) >= setupOf(t, s) {
		t.Error("grouping should cut setup time")
	}
}

func TestCheckFit(t *testing.T) {
	c := builtin(t)
	s := steps(t, c, "seven-in-seven")
	f, err := planner.CheckFit(s, 7*time.Minute, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Fits || f.Duration != 6*time.Minute+58*time.Second || f.Setup != 55*time.Second {
		t.Errorf("fit = %+v", f)
	}
	if !f.Reordered() || f.OrderDuration != 6*time.Minute+41*time.Second {
		t.Errorf("reordering seven-in-seven should save 17 s, got %v", f.Duration-f.OrderDuration)
	}
	if f.StartDuration != f.Duration || f.TargetDuration <= f.Duration {
		t.Errorf("start %v, target %v, at %v", f.StartDuration, f.TargetDuration, f.Duration)
	}
	if len(f.Drops) != 0 {
		t.Error("no drops are suggested for a routine that fits")
	}

	over, err := planner.CheckFit(s, 6*time.Minute, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	if over.Fits || len(over.Drops) != len(s) {
		t.Fatalf("over = %+v", over)
	}
	for i := 1; i < len(over.Drops); i++ {
		if over.Drops[i].Saves > over.Drops[i-1].Saves {
			t.Fatal("drops must be longest first")
		}
	}
	// Dropping the first suggestion really saves what it says.
	d := over.Drops[0]
	rest := slices.Delete(slices.Clone(s), d.Index, d.Index+1)
	tl, _ := timeline.Compile(rest, timeline.DefaultRules)
	if over.Duration-tl.Duration != d.Saves {
		t.Errorf("drop saves %v, compiled difference %v", d.Saves, over.Duration-tl.Duration)
	}
	if c.Exercises()[0].ID != "thoracic-foam-rolling" {
		t.Fatal("catalog order changed")
	}
}

func BenchmarkReorder(b *testing.B) {
	c := builtin(b)
	s := steps(b, c, "posture-support")
	for b.Loop() {
		planner.Reorder(s, timeline.DefaultRules)
	}
}

// roundsSetup returns the setup of going rounds times through the
// positions ps in order, from the rules' starting position: the sum the
// compiler makes, written out from its definition.
func roundsSetup(ps []catalog.Position, rounds int) time.Duration {
	r := timeline.DefaultRules
	var d time.Duration
	prev := r.StartsFrom
	for range rounds {
		for _, p := range ps {
			d += r.SetupTime(prev, p)
			prev = p
		}
	}
	return d
}

// bruteForceRounds returns the least setup over every order of s and every
// choice of positions (the same in each round), going through them rounds
// times.
func bruteForceRounds(s []timeline.Step, rounds int) time.Duration {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	best := time.Duration(-1)
	ps := make([]catalog.Position, len(s))
	var choose func(k int)
	choose = func(k int) { // positions for the steps in the order idx
		if k == len(idx) {
			if d := roundsSetup(ps, rounds); best < 0 || d < best {
				best = d
			}
			return
		}
		st := s[idx[k]]
		options := st.Exercise.Positions
		if st.Position != "" {
			options = []catalog.Position{st.Position}
		}
		for _, p := range options {
			ps[k] = p
			choose(k + 1)
		}
	}
	var permute func(k int)
	permute = func(k int) {
		if k == len(idx) {
			choose(0)
			return
		}
		for i := k; i < len(idx); i++ {
			idx[k], idx[i] = idx[i], idx[k]
			permute(k + 1)
			idx[k], idx[i] = idx[i], idx[k]
		}
	}
	permute(0)
	return best
}

// ReorderRounds is exact: no order and choice of positions, the same in
// every round, goes through the steps with less setup. This is what the
// planner's closed form for rounds (docs/planner.md, "Rounds") rests on.
func TestReorderRoundsMatchesExhaustiveSearch(t *testing.T) {
	c := builtin(t)
	rng := rand.New(rand.NewPCG(5, 17))
	cats := []*catalog.Catalog{c, randomCatalog(t, rng, 40, false)}
	cases := 0
	for i := range 240 {
		all := cats[i%2].Exercises()
		n := 1 + rng.IntN(6)
		s := make([]timeline.Step, n)
		for k, j := range rng.Perm(len(all))[:n] {
			e := all[j]
			s[k] = timeline.Step{Exercise: e}
			if rng.IntN(5) == 0 {
				s[k].Position = e.Positions[rng.IntN(len(e.Positions))]
			}
		}
		rounds := 1 + rng.IntN(3)
		order, pos := planner.ReorderRounds(s, rounds, timeline.DefaultRules)
		for k, j := range slices.Sorted(slices.Values(order)) {
			if k != j || len(order) != n {
				t.Fatalf("case %d: order %v is not a permutation", i, order)
			}
		}
		for k, j := range order {
			if st := s[j]; !slices.Contains(st.Exercise.Positions, pos[k]) || (st.Position != "" && st.Position != pos[k]) {
				t.Fatalf("case %d: %s in %s", i, st.Exercise.ID, pos[k])
			}
		}
		var all2 []timeline.Step
		for r := range rounds {
			for k, j := range order {
				st := s[j]
				st.Position, st.Round = pos[k], r+1
				all2 = append(all2, st)
			}
		}
		if got, want := setupOf(t, all2), bruteForceRounds(s, rounds); got != want {
			t.Errorf("case %d (%d rounds): setup %v, exhaustive best %v", i, rounds, got, want)
		}
		cases++
	}
	if cases < 200 {
		t.Fatal(cases)
	}
}
