// Package planner builds and adjusts routines to fit the time and place a
// person has: only exercises they can do there, a balanced mix, few changes
// of position, doses within their ranges, each choice explained and the
// result provably best. It is pure: it reads the catalog and compiles
// timelines, and never does I/O.
package planner

import (
	"cmp"
	"math/bits"
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
	// Positions are numbered densely (the first is where the routine
	// starts), each step's positions are a bit set of those numbers, and the
	// setup times between them one flat table.
	pos := []catalog.Position{rules.StartsFrom}
	id := func(p catalog.Position) int {
		if i := slices.Index(pos, p); i >= 0 {
			return i
		}
		pos = append(pos, p)
		return len(pos) - 1
	}
	var candBuf [exactReorderLimit]uint32
	cands := candBuf[:n]
	for i, st := range steps {
		if st.Position != "" {
			cands[i] = 1 << id(st.Position)
			continue
		}
		for _, p := range st.Exercise.Positions {
			cands[i] |= 1 << id(p)
		}
	}
	np := len(pos)
	if np > 32 { // not catalog positions (there are eight): more than a bit set holds
		return groupByLevel(steps, rules)
	}
	setup := make([]time.Duration, np*np) // setup[q*np+p]: from p into q
	for q := range np {
		for p := range np {
			setup[q*np+p] = rules.SetupTime(pos[p], pos[q])
		}
	}
	full := 1<<n - 1
	// cost[mask*np+p]: least setup to do every step not in mask, starting in
	// p. Only the positions a state can be in are filled: where the routine
	// starts when no step is done, else one of the done steps' positions
	// (reach); no other entry is ever read.
	cost := make([]time.Duration, (full+1)*np)
	reach := make([]uint32, full+1)
	for mask := 1; mask <= full; mask++ {
		low := mask & -mask
		reach[mask] = reach[mask&^low] | cands[bits.TrailingZeros(uint(low))]
	}
	reach[0] = 1
	var bestBuf [32]time.Duration
	best := bestBuf[:np]
	for mask := full - 1; mask >= 0; mask-- {
		for p := range best {
			best[p] = -1
		}
		for left := full &^ mask; left != 0; left &= left - 1 {
			i := bits.TrailingZeros(uint(left))
			next := cost[(mask|1<<i)*np:][:np]
			for qs := cands[i]; qs != 0; qs &= qs - 1 {
				q := bits.TrailingZeros32(qs)
				rest, from := next[q], setup[q*np:][:np]
				for ps := reach[mask]; ps != 0; ps &= ps - 1 {
					p := bits.TrailingZeros32(ps)
					if c := from[p] + rest; best[p] < 0 || c < best[p] {
						best[p] = c
					}
				}
			}
		}
		copy(cost[mask*np:], best)
	}
	// The order: at each step the first step, in the order given, and the
	// first of its positions, in the order the step lists them, that keep
	// to the least setup.
	order := make([]int, 0, n)
	mask, p := 0, 0
	for mask != full {
		target := cost[mask*np+p]
	search:
		for left := full &^ mask; left != 0; left &= left - 1 {
			i := bits.TrailingZeros(uint(left))
			qs := steps[i].Exercise.Positions
			if steps[i].Position != "" {
				qs = []catalog.Position{steps[i].Position}
			}
			for _, qp := range qs {
				q := id(qp)
				if setup[q*np+p]+cost[(mask|1<<i)*np+q] == target {
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
