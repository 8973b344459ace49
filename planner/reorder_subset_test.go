package planner_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

// Reorder gives the very order the search over every subset of steps and
// every position gave before it filled only the positions a state can be
// in (subsetSearch, kept here as it was): the same least setup and the
// same choice among ties, on every built-in routine and on random ones of
// up to twelve steps with repeated exercises, fixed positions and other
// starting positions.
func TestReorderAsSubsetSearch(t *testing.T) {
	c := builtin(t)
	all := c.Exercises()
	type tc struct {
		steps []timeline.Step
		rules timeline.Rules
	}
	var cases []tc
	for _, r := range c.Routines() {
		cases = append(cases, tc{steps(t, c, r.ID), timeline.DefaultRules})
	}
	rng := rand.New(rand.NewPCG(16, 3))
	for range 400 {
		n := 1 + rng.IntN(12)
		s := make([]timeline.Step, n)
		for i := range s {
			if i > 0 && rng.IntN(4) == 0 {
				s[i] = s[rng.IntN(i)] // the same exercise again
				continue
			}
			e := all[rng.IntN(len(all))]
			s[i] = timeline.Step{Exercise: e}
			if rng.IntN(4) == 0 {
				s[i].Position = e.Positions[rng.IntN(len(e.Positions))]
			}
		}
		rules := timeline.DefaultRules
		if rng.IntN(3) == 0 {
			rules.StartsFrom = catalog.Positions[rng.IntN(len(catalog.Positions))]
		}
		cases = append(cases, tc{s, rules})
	}
	for i, k := range cases {
		want := subsetSearch(k.steps, k.rules)
		if diff := cmp.Diff(want, planner.Reorder(k.steps, k.rules)); diff != "" {
			t.Errorf("case %d (%d steps, from %s): (-subset search +Reorder):\n%s", i, len(k.steps), k.rules.StartsFrom, diff)
		}
	}
}

// subsetSearch is Reorder as it was before (2026-12-01): cost for every
// subset of steps done and every position numbered.
func subsetSearch(steps []timeline.Step, rules timeline.Rules) []int {
	n := len(steps)
	if n > 15 {
		panic("too many steps")
	}
	// Positions are indexed densely so states fit in a slice.
	index := map[catalog.Position]int{}
	var pos []catalog.Position
	id := func(p catalog.Position) int {
		if i, ok := index[p]; ok {
			return i
		}
		index[p] = len(pos)
		pos = append(pos, p)
		return len(pos) - 1
	}
	id(rules.StartsFrom)
	cands := make([][]int, n)
	for i, st := range steps {
		if st.Position != "" {
			cands[i] = []int{id(st.Position)}
			continue
		}
		for _, p := range st.Exercise.Positions {
			cands[i] = append(cands[i], id(p))
		}
	}
	np := len(pos)
	setup := make([][]time.Duration, np)
	for a := range np {
		setup[a] = make([]time.Duration, np)
		for b := range np {
			setup[a][b] = rules.SetupTime(pos[a], pos[b])
		}
	}
	full := 1<<n - 1
	// cost[mask*np+p]: least setup to do every step not in mask, starting in p.
	cost := make([]time.Duration, (full+1)*np)
	for mask := full - 1; mask >= 0; mask-- {
		for p := range np {
			best := time.Duration(-1)
			for i := range n {
				if mask&(1<<i) != 0 {
					continue
				}
				for _, q := range cands[i] {
					if c := setup[p][q] + cost[(mask|1<<i)*np+q]; best < 0 || c < best {
						best = c
					}
				}
			}
			cost[mask*np+p] = best
		}
	}
	order := make([]int, 0, n)
	mask, p := 0, 0
	for mask != full {
		target := cost[mask*np+p]
	search:
		for i := range n {
			if mask&(1<<i) != 0 {
				continue
			}
			for _, q := range cands[i] {
				if setup[p][q]+cost[(mask|1<<i)*np+q] == target {
					order = append(order, i)
					mask, p = mask|1<<i, q
					break search
				}
			}
		}
	}
	return order
}
