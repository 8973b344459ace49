// Package planner builds and adjusts routines to fit the time and place a
// person has: only exercises they can do there, a balanced mix, few changes
// of position, doses within their ranges, each choice explained and the
// result provably best. It is pure: it reads the catalog and compiles
// timelines, and never does I/O.
package planner

import (
	"cmp"
	"slices"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/timeline"
)

// exactReorderLimit is the most steps Reorder searches exhaustively; above
// it, steps are grouped by level, which is close but not always optimal.
const exactReorderLimit = 15

// Reorder returns the indices of steps in the order that makes the routine's
// total setup time (getting into position) shortest, positions chosen as the
// timeline compiler chooses them. Among orders that tie it returns the one
// closest to the original: lexicographically smallest in original indices.
// With more than 15 steps it falls back to standing, then seated, then floor,
// keeping the original order within each position.
func Reorder(steps []timeline.Step, rules timeline.Rules) []int {
	n := len(steps)
	if n > exactReorderLimit {
		return groupByLevel(steps, rules)
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

// ReorderRounds returns the order of steps that makes going through them
// rounds times, in that one order each time and each step in one position
// throughout, take the least setup, and the position of each step in that
// order (a step's own position where it has one). It is exact at any size
// (docs/planner.md, "Rounds"): the cheapest set of positions that has one
// for every step, each visited once a round, in the quickest tour; among
// equally quick tours, standing, then seated, then floor; within one
// position, loosening up before working, then the order given.
func ReorderRounds(steps []timeline.Step, rounds int, rules timeline.Rules) ([]int, []catalog.Position) {
	masks := make([]uint16, len(steps))
	types := make([]catalog.Type, len(steps))
	for i, st := range steps {
		types[i] = st.Exercise.Type
		ps := st.Exercise.Positions
		if st.Position != "" {
			ps = []catalog.Position{st.Position}
		}
		for _, q := range ps {
			if k := slices.Index(catalog.Positions, q); k >= 0 {
				masks[i] |= 1 << k
			}
		}
		if masks[i] == 0 { // no position it can be done in: Compile refuses it anyway
			order := make([]int, len(steps))
			pos := make([]catalog.Position, len(steps))
			for k := range order {
				order[k], pos[k] = k, steps[k].Position
			}
			return order, pos
		}
	}
	var within uint16
	for _, m := range masks {
		within |= m
	}
	return roundOrder(newTours(rules, max(rounds, 1), within), rules, masks, types)
}

func groupByLevel(steps []timeline.Step, rules timeline.Rules) []int {
	positions := rules.Positions(steps)
	var order []int
	for _, lv := range []catalog.Level{catalog.LevelStanding, catalog.LevelSeated, catalog.LevelFloor} {
		for _, p := range catalog.Positions {
			if p.Level() != lv {
				continue
			}
			for i, q := range positions {
				if q == p {
					order = append(order, i)
				}
			}
		}
	}
	return order
}

// ReorderByLevel is Reorder, preferring among the quickest orders the one
// that goes standing, then seated, then floor, grouping each position: it
// sorts Reorder's result by the level and position each step is done in
// and keeps that when it is no slower.
func ReorderByLevel(steps []timeline.Step, rules timeline.Rules) []int {
	order := Reorder(steps, rules)
	ordered := Apply(steps, order)
	positions := rules.Positions(ordered)
	rank := func(p catalog.Position) int {
		return int(p.Level())*len(catalog.Positions) + slices.Index(catalog.Positions, p)
	}
	idx := make([]int, len(order))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(rank(positions[a]), rank(positions[b])) })
	sorted := make([]int, len(order))
	pinned := make([]timeline.Step, len(order))
	for i, k := range idx {
		sorted[i] = order[k]
		pinned[i] = ordered[k]
		pinned[i].Position = positions[k]
	}
	if setupOf(pinned, rules) <= setupOf(ordered, rules) {
		return sorted
	}
	return order
}

// setupOf returns the total setup time of steps in the given order, each
// in the position rules choose for it.
func setupOf(steps []timeline.Step, rules timeline.Rules) time.Duration {
	var d time.Duration
	prev := rules.StartsFrom
	for _, p := range rules.Positions(steps) {
		d += rules.SetupTime(prev, p)
		prev = p
	}
	return d
}

// Apply returns steps rearranged in the given order.
func Apply(steps []timeline.Step, order []int) []timeline.Step {
	out := make([]timeline.Step, len(order))
	for i, j := range order {
		out[i] = steps[j]
	}
	return out
}
