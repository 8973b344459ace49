package planner_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

var rules = timeline.DefaultRules

// doable returns e as the person can do it under req (positions off the
// floor only, when the floor is out), and whether they can do it at all.
// It is written apart from the planner, from the request's plain meaning.
func doable(e *catalog.Exercise, req planner.Request) (*catalog.Exercise, bool) {
	if _, kept := req.KeptOut[e.ID]; kept || slices.Contains(req.Avoid, e.ID) {
		return nil, false
	}
	for _, q := range e.Equipment {
		ok := slices.Contains(req.Equipment, q)
		for _, s := range e.Substitutes[q] {
			ok = ok || slices.Contains(req.Equipment, s)
		}
		if !ok {
			return nil, false
		}
	}
	if req.Floor {
		return e, true
	}
	v := *e
	v.Positions = nil
	for _, p := range e.Positions {
		if p.Level() != catalog.LevelFloor {
			v.Positions = append(v.Positions, p)
		}
	}
	return &v, len(v.Positions) > 0
}

// checkPlan asserts every hard constraint of a plan, by compiling it anew.
func checkPlan(t *testing.T, req planner.Request, c *catalog.Catalog, res planner.Result) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("request %+v: %s", req, fmt.Sprintf(format, args...))
	}
	n := len(res.Choices)
	if n == 0 || n > planner.MaxExercises(req.Minutes) {
		fail("%d exercises", n)
	}
	if res.Rounds < 1 || res.Rounds > planner.MaxRounds {
		fail("%d rounds", res.Rounds)
	}
	steps := res.Steps()
	// Every round is the first again: the same exercises, doses, positions.
	if len(steps) != n*res.Rounds {
		fail("%d steps for %d exercises in %d rounds", len(steps), n, res.Rounds)
	}
	for i, st := range steps {
		ch := res.Choices[i%n]
		round := 0
		if res.Rounds > 1 {
			round = i/n + 1
		}
		if st.Exercise != ch.Exercise || st.Amount != ch.Amount || st.Position != ch.Position || st.Round != round {
			fail("step %d is %+v; round %d of %s", i, st, round, ch.Exercise.ID)
		}
	}
	tl, err := timeline.Compile(steps, rules)
	if err != nil {
		fail("compile: %v", err)
	}
	if tl.Duration > req.Budget() || tl.Duration != res.Timeline.Duration {
		fail("compiles to %v, result says %v, budget %v", tl.Duration, res.Timeline.Duration, req.Budget())
	}
	seen := map[string]bool{}
	for _, ch := range res.Choices {
		e := ch.Exercise
		if seen[e.ID] {
			fail("%s twice", e.ID)
		}
		seen[e.ID] = true
		if slices.Contains(req.Avoid, e.ID) {
			fail("%s is avoided", e.ID)
		}
		if !slices.Contains(e.Positions, ch.Position) || (!req.Floor && ch.Position.Level() == catalog.LevelFloor) {
			fail("%s in position %s (floor %v)", e.ID, ch.Position, req.Floor)
		}
		for _, q := range e.Equipment {
			if slices.Contains(req.Equipment, q) {
				continue
			}
			i := slices.IndexFunc(ch.Substitutions, func(s planner.Substitution) bool { return s.Needs == q })
			if i < 0 || !slices.Contains(req.Equipment, ch.Substitutions[i].Uses) || !slices.Contains(e.Substitutes[q], ch.Substitutions[i].Uses) {
				fail("%s needs %s; substitutions %v; has %v", e.ID, q, ch.Substitutions, req.Equipment)
			}
		}
		if len(ch.Substitutions) > len(e.Equipment) {
			fail("%s: substitutions %v", e.ID, ch.Substitutions)
		}
		if ps := e.Dose.CheckAmount(ch.Amount); len(ps) > 0 {
			fail("%s: %v", e.ID, ps)
		}
		d := e.Dose.Normalize()
		start, level := d.Start(), d.Fill(req.Levels[e.ID])
		within := func(v, lo, hi int, r dose.Range) bool {
			return r.IsZero() || (v >= lo && v <= max(lo, min(hi, r.Max)))
		}
		a := ch.Amount
		if req.Easier[e.ID] { // the easier option, and nothing more
			if a != d.Easier() {
				fail("%s at %+v on the easier option %+v", e.ID, a, d.Easier())
			}
		} else if !within(a.Reps, start.Reps, level.Reps, d.Reps) || !within(a.Hold, start.Hold, level.Hold, d.Hold) ||
			!within(a.HoldBreaths, start.HoldBreaths, level.HoldBreaths, d.HoldBreaths) ||
			!within(a.Seconds, start.Seconds, level.Seconds, d.Seconds) || !within(a.Sets, start.Sets, level.Sets, d.Sets) {
			fail("%s at %+v: outside start %+v to level %+v", e.ID, a, start, level)
		}
		if ch.Why == "" {
			fail("%s has no reason", e.ID)
		}
	}
	// A plan under three quarters of the time says so, and why.
	if short := planner.Judge(tl.Duration, req.Budget()) == planner.Short; short != strings.Contains(strings.Join(res.Summary, "\n"), "less than three quarters") {
		fail("takes %v of %v; summary %q", tl.Duration, req.Budget(), res.Summary)
	}
	obj, _, err := planner.Evaluate(req, steps, rules)
	if err != nil {
		fail("evaluate: %v", err)
	}
	if diff := cmp.Diff(obj, res.Objective); diff != "" {
		fail("objective differs from Evaluate (-evaluate +result):\n%s", diff)
	}
	if !res.Proven {
		fail("not proven best after %d nodes", res.Nodes)
	}
}

// The hard constraints hold for thousands of random requests, on the
// built-in catalog and on random ones; a request that fails fails only
// because nothing fits, and then nothing does.
func TestPlanHardConstraints(t *testing.T) {
	if testing.Short() {
		t.Skip("property test skipped under -short")
	}
	rng := rand.New(rand.NewPCG(3, 14))
	builtin := builtin(t)
	cats := []*catalog.Catalog{builtin}
	for range 20 {
		cats = append(cats, randomCatalog(t, rng, 5+rng.IntN(25), true))
	}
	fitted, empty := 0, 0
	for i := range 3000 {
		c := cats[i%len(cats)]
		minutes := 1 + rng.IntN(30)
		if i%4 == 0 {
			minutes = 1 + rng.IntN(2)
		}
		req := randomRequest(rng, c, minutes, rng.IntN(5))
		res, err := planner.Plan(req, c, rules)
		if err != nil {
			nf, ok := planner.AsNothingFits(err)
			if !ok || unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Fatalf("request %+v: %v", req, err)
			}
			// Nothing fits: no single exercise the person can do fits alone.
			for _, e := range c.Exercises() {
				v, ok := doable(e, req)
				if !ok {
					continue
				}
				tl, err := timeline.Compile([]timeline.Step{{Exercise: v}}, rules)
				if err != nil {
					t.Fatal(err)
				}
				if tl.Duration <= req.Budget() {
					t.Fatalf("request %+v: nothing fits, yet %s alone takes %v", req, e.ID, tl.Duration)
				}
				if tl.Duration < nf.QuickestTakes {
					t.Fatalf("%s alone takes %v, less than the quickest %v", e.ID, tl.Duration, nf.QuickestTakes)
				}
			}
			if nf.Closest != nil {
				checkPlan(t, nf.Closest.Request, c, *nf.Closest)
			}
			empty++
			continue
		}
		checkPlan(t, req, c, res)
		again, err := planner.Plan(req, c, rules)
		if err != nil || !cmp.Equal(res.Items(), again.Items()) || res.Objective != again.Objective || !cmp.Equal(res.Summary, again.Summary) {
			t.Fatalf("request %+v: not deterministic", req)
		}
		fitted++
	}
	if fitted < 2000 || empty < 10 {
		t.Errorf("%d plans, %d with nothing fitting: the requests do not cover both", fitted, empty)
	}
}

// space is every plan of the search space (docs/planner.md) for one
// request at every budget: subsets of at most MaxExercises(30) exercises
// the person can do, each at a dose of its ladder, once in the quickest
// order or twice in the quickest order for two rounds. best[m] is the
// highest objective among those that fit m minutes and have at most
// MaxExercises(m) exercises; ok[m] says whether any does.
type space struct {
	best  [planner.MaxMinutes + 1]planner.Points
	ok    [planner.MaxMinutes + 1]bool
	plans int
}

func (s *space) add(n int, d time.Duration, v planner.Points) {
	s.plans++
	for m := planner.MinMinutes; m <= planner.MaxMinutes; m++ {
		if n <= planner.MaxExercises(m) && d <= time.Duration(m)*time.Minute && (!s.ok[m] || v > s.best[m]) {
			s.best[m], s.ok[m] = v, true
		}
	}
}

// inRounds returns steps gone through in rounds: one round in the order
// that is quickest for that (ReorderRounds, checked against every order by
// TestReorderRoundsMatchesExhaustiveSearch), positions pinned, repeated.
func inRounds(steps []timeline.Step, rounds int) []timeline.Step {
	order, pos := planner.ReorderRounds(steps, rounds, rules)
	return repeat(steps, order, pos, rounds)
}

// repeat returns steps in the given order and positions, rounds times.
func repeat(steps []timeline.Step, order []int, pos []catalog.Position, rounds int) []timeline.Step {
	out := make([]timeline.Step, 0, rounds*len(order))
	for r := 1; r <= rounds; r++ {
		for i, k := range order {
			st := steps[k]
			st.Position, st.Round = pos[i], r
			out = append(out, st)
		}
	}
	return out
}

// twiceAtLeast returns the least that going twice through the exercises of
// tl can take: their intros and work twice, the least setup each time, and
// the finish.
func twiceAtLeast(tl *timeline.Timeline) time.Duration {
	d := rules.Finish
	for _, b := range tl.Exercises {
		d += 2 * (b.Duration - b.Setup + rules.SetupSame)
	}
	return d
}

// exhaustive enumerates the whole space for req (its Minutes ignored),
// compiling every plan and scoring it with Evaluate.
func exhaustive(t *testing.T, req planner.Request, c *catalog.Catalog) *space {
	t.Helper()
	var views []*catalog.Exercise
	var ladders [][]dose.Amount
	for _, e := range c.Exercises() {
		if v, ok := doable(e, req); ok {
			views = append(views, v)
			ladders = append(ladders, planner.Ladder(e, req.Levels[e.ID]))
		}
	}
	s := &space{}
	var subset []int
	var walk func(from int)
	walk = func(from int) {
		if len(subset) > 0 {
			steps := make([]timeline.Step, len(subset))
			for i, k := range subset {
				steps[i] = timeline.Step{Exercise: views[k]}
			}
			order := planner.Reorder(steps, rules)
			order2, pos2 := planner.ReorderRounds(steps, 2, rules) // positions only: the same for any doses
			var doses func(i int)
			doses = func(i int) {
				if i == len(order) {
					o, tl, err := planner.Evaluate(req, planner.Apply(steps, order), rules)
					if err != nil {
						t.Fatal(err)
					}
					s.add(len(steps), tl.Duration, o.Total)
					if twiceAtLeast(tl) > time.Duration(planner.MaxMinutes)*time.Minute {
						return
					}
					o, tl, err = planner.Evaluate(req, repeat(steps, order2, pos2, 2), rules)
					if err != nil {
						t.Fatal(err)
					}
					s.add(len(steps), tl.Duration, o.Total)
					return
				}
				for _, a := range ladders[subset[order[i]]] {
					steps[order[i]].Amount = a
					doses(i + 1)
				}
			}
			doses(0)
		}
		if len(subset) == planner.MaxExercises(planner.MaxMinutes) {
			return
		}
		for k := from; k < len(views); k++ {
			subset = append(subset, k)
			walk(k + 1)
			subset = subset[:len(subset)-1]
		}
	}
	walk(0)
	return s
}

// compare asserts that Plan finds the best objective of the space at every
// budget, and fails exactly where the space has nothing.
func compare(t *testing.T, req planner.Request, c *catalog.Catalog, s *space) {
	t.Helper()
	for m := planner.MinMinutes; m <= planner.MaxMinutes; m++ {
		req.Minutes = m
		res, err := planner.Plan(req, c, rules)
		switch {
		case err != nil && s.ok[m]:
			t.Fatalf("request %+v: %v; exhaustive search finds %v", req, err, s.best[m])
		case err != nil:
			if _, ok := planner.AsNothingFits(err); !ok {
				t.Fatalf("request %+v: %v", req, err)
			}
		case !s.ok[m]:
			t.Fatalf("request %+v: planner finds %v where exhaustive search finds nothing", req, res.Objective.Total)
		case res.Objective.Total != s.best[m]:
			t.Fatalf("request %+v: planner %v (%v), exhaustive search %v", req, res.Objective.Total, res.Items(), s.best[m])
		}
	}
}

// On the built-in catalog, for every budget and every combination of
// equipment and floor, the planner's objective equals exhaustive search.
func TestPlanMatchesExhaustiveSearchOnBuiltin(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive test skipped under -short")
	}
	c := builtin(t)
	all := c.Exercises()
	// Every subset's compiled duration and score, once with the floor and
	// once without (multi-position exercises then stay off the floor). Those
	// do not depend on the equipment, which only decides which subsets count.
	type scored struct {
		members uint32
		n       int
		d       time.Duration
		v       planner.Points
	}
	var byFloor [2][]scored
	for f, floor := range []bool{false, true} {
		req := planner.Request{Floor: floor, Equipment: catalog.EquipmentIDs}
		var walk func(from int, members uint32, steps []timeline.Step)
		walk = func(from int, members uint32, steps []timeline.Step) {
			if len(steps) > 0 {
				order := planner.Reorder(steps, rules)
				o, tl, err := planner.Evaluate(req, planner.Apply(steps, order), rules)
				if err != nil {
					t.Fatal(err)
				}
				byFloor[f] = append(byFloor[f], scored{members, len(steps), tl.Duration, o.Total})
				if twiceAtLeast(tl) <= time.Duration(planner.MaxMinutes)*time.Minute {
					o, tl, err = planner.Evaluate(req, inRounds(steps, 2), rules)
					if err != nil {
						t.Fatal(err)
					}
					byFloor[f] = append(byFloor[f], scored{members, len(steps), tl.Duration, o.Total})
				}
			}
			if len(steps) == planner.MaxExercises(planner.MaxMinutes) {
				return
			}
			for k := from; k < len(all); k++ {
				if v, ok := doable(all[k], req); ok {
					walk(k+1, members|1<<k, append(steps, timeline.Step{Exercise: v}))
				}
			}
		}
		walk(0, 0, nil)
	}
	combos := 0
	for mask := range 1 << len(catalog.EquipmentIDs) {
		var have []catalog.Equipment
		for i, q := range catalog.EquipmentIDs {
			if mask&(1<<i) != 0 {
				have = append(have, q)
			}
		}
		for f, floor := range []bool{false, true} {
			req := planner.Request{Equipment: have, Floor: floor}
			var can uint32
			for k, e := range all {
				if _, ok := doable(e, req); ok {
					can |= 1 << k
				}
			}
			s := &space{}
			for _, p := range byFloor[f] {
				if p.members&^can == 0 {
					s.add(p.n, p.d, p.v)
				}
			}
			compare(t, req, c, s)
			combos++
		}
	}
	if combos != 256 {
		t.Fatalf("%d combinations", combos)
	}
}

// With levels, ratings and a focus, on the built-in catalog.
func TestPlanMatchesExhaustiveSearchWithLevelsAndRatings(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive test skipped under -short")
	}
	c := builtin(t)
	rng := rand.New(rand.NewPCG(21, 4))
	for range 12 {
		req := randomRequest(rng, c, 0, 3)
		compare(t, req, c, exhaustive(t, req, c))
	}
}

// On random catalogs of up to 15 exercises, near-copies included (so that
// some exercises dominate others), with random requests.
func TestPlanMatchesExhaustiveSearchOnRandomCatalogs(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive test skipped under -short")
	}
	rng := rand.New(rand.NewPCG(8, 99))
	plans := 0
	for i := range 30 {
		n := 2 + i%14
		c := randomCatalog(t, rng, n, true)
		req := randomRequest(rng, c, 0, 2+rng.IntN(2))
		s := exhaustive(t, req, c)
		plans += s.plans
		compare(t, req, c, s)
	}
	if plans < 20000 {
		t.Errorf("only %d plans compared; the catalogs are too small to prove much", plans)
	}
}

// Dominance leaves exercises out of the search only when that is safe; the
// exhaustive tests prove it is, provided it happens in them.
func TestDominanceHappensInTheExhaustiveTests(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive test skipped under -short")
	}
	rng := rand.New(rand.NewPCG(8, 99))
	reduced := 0
	for i := range 30 {
		c := randomCatalog(t, rng, 2+i%14, true)
		req := randomRequest(rng, c, 0, 2+rng.IntN(2))
		for m := 1; m <= 30; m++ {
			req.Minutes = m
			if res, err := planner.Plan(req, c, rules); err == nil && res.Candidates < res.Fitting {
				reduced++
			}
		}
	}
	if reduced == 0 {
		t.Error("no plan had an exercise dominated away")
	}
}

func TestPlanBadRequests(t *testing.T) {
	c := builtin(t)
	for _, tc := range []struct {
		name string
		req  planner.Request
		code unhunch.Code
		msg  string
	}{
		{"no minutes", planner.Request{}, unhunch.EInvalid, "a plan needs from 1 to 30 minutes, not 0"},
		{"31 minutes", planner.Request{Minutes: 31}, unhunch.EInvalid, "a plan needs from 1 to 30 minutes, not 31"},
		{"equipment", planner.Request{Minutes: 5, Equipment: []catalog.Equipment{"roller"}}, unhunch.EInvalid,
			`unknown equipment "roller"; use one or more of foam-roller, towel, wall, doorway, chair, pillow, mat, or none`},
		{"focus", planner.Request{Minutes: 5, Focus: "cardio"}, unhunch.EInvalid,
			`unknown focus "cardio"; use one of balanced, mobility, strength, posture`},
		{"avoid", planner.Request{Minutes: 5, Avoid: []string{"chin-tuck"}}, unhunch.ENotFound, `there is no exercise "chin-tuck" to avoid`},
		{"nothing fits", planner.Request{Minutes: 1}, unhunch.EInvalid,
			"nothing fits in 1 minute: the quickest exercise you can do here, W and Y stretch, takes 1:05 on its own (introduction, getting into position and the finish included)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := planner.Plan(tc.req, c, rules)
			if got := unhunch.ErrorCode(err); got != tc.code {
				t.Fatalf("code %q, want %q (%v)", got, tc.code, err)
			}
			if diff := cmp.Diff(tc.msg, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNothingFitsOffersTheClosestPlan(t *testing.T) {
	c := builtin(t)
	_, err := planner.Plan(planner.Request{Minutes: 1}, c, rules)
	nf, ok := planner.AsNothingFits(err)
	if !ok || nf.Closest == nil || nf.Quickest == nil {
		t.Fatalf("%v: %+v", err, nf)
	}
	if nf.Closest.Request.Minutes != 2 || nf.Closest.Request.Floor {
		t.Errorf("closest plan is for %+v; want 2 minutes, still without the floor", nf.Closest.Request)
	}
	if !errors.Is(err, nf) {
		t.Error("the error must wrap its *NothingFits")
	}

	// Only floor exercises left: the closest plan allows the floor.
	var avoid []string
	for _, e := range c.Exercises() {
		if !e.NeedsFloor() && e.ID != "cat-cow" {
			avoid = append(avoid, e.ID)
		}
	}
	_, err = planner.Plan(planner.Request{Minutes: 10, Avoid: append(avoid, "cat-cow")}, c, rules)
	nf, _ = planner.AsNothingFits(err)
	if nf == nil || nf.Quickest != nil || nf.Closest == nil || !nf.Closest.Request.Floor {
		t.Fatalf("%v: %+v", err, nf)
	}
	if err.Error() != "nothing fits in 10 minutes: no exercise can be done with this equipment and place, or every one is avoided." {
		t.Errorf("message %q", err)
	}

	// Everything avoided: nothing, and no closest plan either.
	var ids []string
	for _, e := range c.Exercises() {
		ids = append(ids, e.ID)
	}
	_, err = planner.Plan(planner.Request{Minutes: 10, Floor: true, Avoid: ids}, c, rules)
	if nf, _ = planner.AsNothingFits(err); nf == nil || nf.Closest != nil {
		t.Fatalf("%v: %+v", err, nf)
	}
}

// The five-minute desk plan: no floor, no equipment.
func TestDeskPlan(t *testing.T) {
	c := builtin(t)
	req := planner.Request{Minutes: 5}
	res, err := planner.Plan(req, c, rules)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID       string
		Position catalog.Position
		Why      string
	}
	var got []row
	for _, ch := range res.Choices {
		got = append(got, row{ch.Exercise.ID, ch.Position, ch.Why})
	}
	want := []row{
		{"cat-cow", catalog.Seated, "Adds mobility for the upper back, lower back and neck; at the starting dose; seated, since the floor is out."},
		{"chin-tucks", catalog.Seated, "Adds posture work for the neck and upper back; at the starting dose."},
		{"scapular-squeezes", catalog.Seated, "Adds strengthening for the shoulder blades and upper back; at the starting dose."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("desk plan (-want +got):\n%s", diff)
	}
	if res.Timeline.Duration != 4*time.Minute+31*time.Second {
		t.Errorf("takes %v", res.Timeline.Duration)
	}
	wantObj := planner.Objective{Total: 684000, Types: 300000, Areas: 120000, Preference: 30000, Time: 240000, Setup: -6000}
	if diff := cmp.Diff(wantObj, res.Objective); diff != "" {
		t.Errorf("objective (-want +got):\n%s", diff)
	}
}

// Exercises safety keeps out never appear in a plan, and the plan says why.
func TestKeptOut(t *testing.T) {
	c := builtin(t)
	req := planner.Request{Minutes: 5, KeptOut: map[string]string{"cat-cow": "because of X", "chin-tucks": "you stopped it"}, Avoid: []string{"scapular-squeezes"}}
	res, err := planner.Plan(req, c, rules)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, req, c, res)
	for _, ch := range res.Choices {
		if _, kept := req.KeptOut[ch.Exercise.ID]; kept || ch.Exercise.ID == "scapular-squeezes" {
			t.Errorf("plan has %s", ch.Exercise.ID)
		}
	}
	summary := strings.Join(res.Summary, "\n")
	for _, w := range []string{"Left out for your safety: Chin tucks (you stopped it), Cat-cow (because of X).", "Left out as asked: Scapular squeezes."} {
		if !strings.Contains(summary, w) {
			t.Errorf("summary lacks %q:\n%s", w, summary)
		}
	}
}

// Each part of the objective moves the plan the way it should.
func TestPreferences(t *testing.T) {
	c := builtin(t)
	ids := func(res planner.Result) []string {
		var out []string
		for _, ch := range res.Choices {
			out = append(out, ch.Exercise.ID)
		}
		return out
	}
	plan := func(req planner.Request) planner.Result {
		t.Helper()
		res, err := planner.Plan(req, c, rules)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	base := plan(planner.Request{Minutes: 5})
	if !slices.Contains(ids(base), "cat-cow") {
		t.Fatalf("base plan %v", ids(base))
	}
	// Rated hard: it gives way to another exercise.
	hard := plan(planner.Request{Minutes: 5, Ratings: map[string]journal.Rating{"cat-cow": journal.TooHard}})
	if slices.Contains(ids(hard), "cat-cow") {
		t.Errorf("cat-cow rated hard is still in %v", ids(hard))
	}
	// Rated right: the reason says so.
	right := plan(planner.Request{Minutes: 5, Ratings: map[string]journal.Rating{"chin-tucks": journal.Right}})
	i := slices.IndexFunc(right.Choices, func(ch planner.Choice) bool { return ch.Exercise.ID == "chin-tucks" })
	if i < 0 || right.Choices[i].Why != "Adds posture work for the neck and upper back; you rated it about right; at the starting dose." {
		t.Errorf("chin tucks rated right: %v", right.Items())
	}
	// A strength focus with a wall: strengthening and activation lead.
	strength := plan(planner.Request{Minutes: 5, Focus: planner.Strength, Equipment: []catalog.Equipment{catalog.Wall}})
	for _, ch := range strength.Choices {
		if ch.Exercise.Type == catalog.Mobility && !slices.Contains(ch.Exercise.Tags, "activation") {
			t.Errorf("strength focus picked %s", ch.Exercise.ID)
		}
	}
	// A towel stands in for the foam roller; any chair for a backless one.
	towel := plan(planner.Request{Minutes: 10, Floor: true, Focus: planner.Mobility, Equipment: []catalog.Equipment{catalog.Towel}})
	chair := plan(planner.Request{Minutes: 3, Equipment: []catalog.Equipment{catalog.Chair}})
	var sawTowel, sawChair bool
	for _, ch := range append(towel.Choices, chair.Choices...) {
		switch ch.Exercise.ID {
		case "thoracic-extension":
			sawTowel = cmp.Equal(ch.Substitutions, []planner.Substitution{{Needs: catalog.FoamRoller, Uses: catalog.Towel}}) &&
				strings.Contains(ch.Why, "a rolled towel in place of a foam roller")
		case "seated-levator-scapulae-stretch":
			sawChair = len(ch.Substitutions) == 0 && strings.Contains(ch.Why, "any chair will do")
		}
	}
	if !sawTowel || !sawChair {
		t.Errorf("towel %v in %v, chair %v in %v", sawTowel, ids(towel), sawChair, ids(chair))
	}
	// A level above the start is used when there is time, eased when not.
	lv := map[string]dose.Amount{"chin-tucks": {Reps: 15}, "scapular-squeezes": {Reps: 15, Hold: 10}, "cat-cow": {Reps: 15}}
	roomy := plan(planner.Request{Minutes: 10, Levels: lv})
	for _, ch := range roomy.Choices {
		if l, ok := lv[ch.Exercise.ID]; ok && ch.Amount.Reps != l.Reps {
			t.Errorf("10 minutes: %s at %+v, level %+v", ch.Exercise.ID, ch.Amount, l)
		}
	}
	tight := plan(planner.Request{Minutes: 5, Levels: lv})
	eased := 0
	for _, ch := range tight.Choices {
		if ch.Amount != ch.Level {
			eased++
			if !strings.Contains(ch.Why, "eased from your level") {
				t.Errorf("why: %q", ch.Why)
			}
		}
	}
	if eased == 0 {
		t.Errorf("5 minutes at high levels eased nothing: %v", tight.Items())
	}
}

func TestLadder(t *testing.T) {
	c := builtin(t)
	ex := func(id string) *catalog.Exercise {
		e, ok := c.Exercise(id)
		if !ok {
			t.Fatal(id)
		}
		return e
	}
	for _, tc := range []struct {
		id    string
		level dose.Amount
		want  []dose.Amount
	}{
		{"chin-tucks", dose.Amount{}, []dose.Amount{{Reps: 10, Hold: 5, Sets: 1}}},
		{"chin-tucks", dose.Amount{Reps: 12}, []dose.Amount{{Reps: 10, Hold: 5, Sets: 1}, {Reps: 11, Hold: 5, Sets: 1}, {Reps: 12, Hold: 5, Sets: 1}}},
		{"scapular-squeezes", dose.Amount{Reps: 15, Hold: 10}, []dose.Amount{
			{Reps: 10, Hold: 5, Sets: 1}, {Reps: 11, Hold: 6, Sets: 1}, {Reps: 12, Hold: 7, Sets: 1}, {Reps: 13, Hold: 8, Sets: 1}, {Reps: 15, Hold: 10, Sets: 1},
		}},
		{"scapular-squeezes", dose.Amount{Reps: 40, Hold: 2}, []dose.Amount{ // above and below the range: clamped
			{Reps: 10, Hold: 5, Sets: 1}, {Reps: 11, Hold: 5, Sets: 1}, {Reps: 12, Hold: 5, Sets: 1}, {Reps: 13, Hold: 5, Sets: 1}, {Reps: 15, Hold: 5, Sets: 1},
		}},
		{"thoracic-foam-rolling", dose.Amount{Seconds: 90}, []dose.Amount{{Seconds: 60, Sets: 1}, {Seconds: 67, Sets: 1}, {Seconds: 75, Sets: 1}, {Seconds: 82, Sets: 1}, {Seconds: 90, Sets: 1}}},
		{"w-y-stretch", dose.Amount{Reps: 3, HoldBreaths: 9}, []dose.Amount{{Reps: 2, HoldBreaths: 2, Sets: 1}, {Reps: 3, HoldBreaths: 2, Sets: 1}}},
	} {
		t.Run(fmt.Sprintf("%s %+v", tc.id, tc.level), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, planner.Ladder(ex(tc.id), tc.level)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestMaxExercises(t *testing.T) {
	got := map[int]int{}
	for m := 1; m <= 30; m++ {
		got[m] = planner.MaxExercises(m)
	}
	for m := 2; m <= 30; m++ {
		if got[m] < got[m-1] {
			t.Fatalf("cap falls from %d to %d at %d minutes", got[m-1], got[m], m)
		}
	}
	want := map[int]int{1: 2, 2: 2, 3: 3, 5: 3, 6: 5, 7: 5, 8: 6, 14: 6, 15: 7, 20: 7, 21: 7, 30: 7}
	for m, k := range want {
		if got[m] != k {
			t.Errorf("MaxExercises(%d) = %d, want %d", m, got[m], k)
		}
	}
}

func TestAreas(t *testing.T) {
	c := builtin(t)
	e, _ := c.Exercise("cat-cow")
	if diff := cmp.Diff([]string{"upper-back", "lower-back", "neck"}, planner.Areas(e)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	custom := &catalog.Exercise{Targets: []string{"Forearms", "neck", "forearms"}}
	if diff := cmp.Diff([]string{"target:forearms", "neck"}, planner.Areas(custom)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, e := range c.Exercises() {
		for _, a := range planner.Areas(e) {
			if name := planner.AreaName(a); name == "" || name[0] == '[' {
				t.Errorf("%s: area %s has no name", e.ID, a)
			}
		}
	}
}

func TestEvaluateRefusesRulesTheSearchDoesNotCover(t *testing.T) {
	c := builtin(t)
	e, _ := c.Exercise("chin-tucks")
	odd := rules
	odd.SetupSame = odd.SetupFloor + time.Second
	if _, _, err := planner.Evaluate(planner.Request{}, []timeline.Step{{Exercise: e}}, odd); unhunch.ErrorCode(err) != unhunch.EInvalid {
		t.Errorf("err = %v", err)
	}
	if _, err := planner.Plan(planner.Request{Minutes: 5}, c, odd); unhunch.ErrorCode(err) != unhunch.EInvalid {
		t.Errorf("err = %v", err)
	}
}

// An exercise a little shorter and easier than another can take its place
// in a plan of one round and still lose in two, where the time it gives
// back counts twice: dominance must hold for every round. Here three such
// near-copies would drop the longer one at five minutes (three places) if
// dominance counted one round only.
func TestDominanceCountsEveryRound(t *testing.T) {
	ex := func(id, difficulty string, reps int) string {
		return fmt.Sprintf(`  - id: %s
    name: %s
    purpose: Test.
    type: strengthen
    difficulty: %s
    targets: [rhomboids]
    positions: [seated]
    equipment: []
    dose: {mode: reps, reps: {min: %d, max: 15}, hold: {min: 5, max: 5}, sides: none}
    steps: [Do it.]
    cues: {intro: In., setup: Set., move: Move., hold: Hold., release: Let go.}
    cautions: [Stop if it hurts.]
`, id, id, difficulty, reps)
	}
	yaml := "exercises:\n" + ex("long", "moderate", 5) + ex("a", "easy", 4) + ex("b", "easy", 4) + ex("c", "easy", 4)
	cb := catalog.NewBuilder()
	if is := cb.Add("t.yaml", "t.yaml", []byte(yaml)); len(is) > 0 {
		t.Fatal(is)
	}
	c, is := cb.Build()
	if len(is) > 0 {
		t.Fatal(is)
	}
	req := planner.Request{Floor: true}
	compare(t, req, c, exhaustive(t, req, c))
	req.Minutes = 5
	res, err := planner.Plan(req, c, rules)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rounds != 2 || !slices.ContainsFunc(res.Choices, func(ch planner.Choice) bool { return ch.Exercise.ID == "long" }) {
		t.Errorf("5 minutes: %v in %d rounds; want the longer exercise, twice", res.Items(), res.Rounds)
	}
}

// A plan that cannot use three quarters of the time says plainly why, and
// one that goes through its exercises twice says so.
func TestPlansSayWhyTheyEndEarly(t *testing.T) {
	c := builtin(t)
	for _, tc := range []struct {
		name   string
		req    planner.Request
		rounds int
		want   []string
	}{
		{"15 minutes, everything", planner.Request{Minutes: 15, Equipment: catalog.EquipmentIDs, Floor: true}, 2, []string{
			"It takes 14:45 of your 15 minutes: 6 exercises, each done twice, 50 s of it getting into position.",
			"It goes through them twice, at the same doses: one round would leave 7:36 of your time unused, and no dose goes above your level to fill it.",
		}},
		{"20 minutes at a desk", planner.Request{Minutes: 20}, 2, []string{
			"It uses 10:59 of your 20 minutes (54%), less than three quarters: every exercise you can do here is in it (the floor or more equipment would allow others: see what was left out); it goes through them twice, the most a plan repeats them; and every dose stays at your level and grows only as you progress.",
		}},
		{"10 minutes, no equipment", planner.Request{Minutes: 10, Floor: true}, 1, []string{
			"It uses 7:14 of your 10 minutes (72%), less than three quarters: it already has the most exercises a plan of 10 minutes holds (6); going through them a second time would take 14:30; and every dose stays at your level and grows only as you progress.",
		}},
		{"30 minutes, everything", planner.Request{Minutes: 30, Equipment: catalog.EquipmentIDs, Floor: true}, 2, []string{
			"It uses 18:24 of your 30 minutes (61%), less than three quarters: it already has the most exercises a plan of 30 minutes holds (7); it goes through them twice, the most a plan repeats them; and every dose stays at your level and grows only as you progress.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := planner.Plan(tc.req, c, rules)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, tc.req, c, res)
			if res.Rounds != tc.rounds {
				t.Errorf("%d rounds, want %d", res.Rounds, tc.rounds)
			}
			for _, w := range tc.want {
				if !slices.Contains(res.Summary, w) {
					t.Errorf("summary lacks\n%s\nin\n%s", w, strings.Join(res.Summary, "\n"))
				}
			}
		})
	}
}
