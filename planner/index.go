package planner

import (
	"math/bits"
	"slices"
	"sync/atomic"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/timeline"
)

// Index is a catalog prepared for planning under one set of timing rules:
// what depends on the catalog alone (each exercise's type, positions and
// areas, the doses and work times of a person at the starting dose, the
// least setup of every set of positions) is worked out once, so that each
// plan does only what depends on its request. A server keeps one beside
// its catalog (docs/planner.md, "The prepared catalog"). It is safe for
// concurrent use.
type Index struct {
	c       *catalog.Catalog
	rules   timeline.Rules
	ex      []indexed
	order   map[*catalog.Exercise]int
	areaIDs []string
	words   int    // uint64 words per area bitset
	once    *tours // one round, every position
	// twice[u]: the tours of MaxRounds rounds within the positions u,
	// made when a plan first needs them.
	twice [256]atomic.Pointer[tours]
}

// indexed is one exercise of an Index: what a request does not change.
type indexed struct {
	e        *catalog.Exercise
	typ      int                // index in catalog.Types, -1 for a type the planner does not know
	pos      uint16             // every position, bit i for catalog.Positions[i]
	offFloor []catalog.Position // its positions off the floor
	offMask  uint16             // those as bits
	offView  *catalog.Exercise  // e with only offFloor, when some are on the floor and some not
	areas    []uint64           // bitset over Index.areaIDs
	nAreas   int
	focus    [4]bool // matchesFocus for each of Focuses
	level0   dose.Amount
	rungs0   []rung // the ladder of a person at the starting dose (level0)
	err0     error  // why rungs0 could not be made
}

// NewIndex prepares c for plans timed by rules. Building it costs about as
// much as one plan's set-up; it is worth keeping for as long as c is the
// catalog (a custom exercise makes a new catalog, and so a new index).
func NewIndex(c *catalog.Catalog, rules timeline.Rules) *Index {
	x := &Index{c: c, rules: rules, order: map[*catalog.Exercise]int{}}
	x.once = newTours(rules, 1, allPositions)
	all := c.Exercises()
	x.ex = make([]indexed, len(all))
	areaIndex := map[string]int{}
	idx := make([][]int, len(all))
	for i, e := range all {
		x.order[e] = i
		in := &x.ex[i]
		in.e = e
		in.typ = slices.Index(catalog.Types, e.Type)
		for _, pos := range e.Positions {
			bit := uint16(1) << slices.Index(catalog.Positions, pos)
			in.pos |= bit
			if pos.Level() != catalog.LevelFloor {
				in.offFloor = append(in.offFloor, pos)
				in.offMask |= bit
			}
		}
		if n := len(in.offFloor); n > 0 && n < len(e.Positions) {
			v := *e
			v.Positions = in.offFloor
			in.offView = &v
		}
		for k, f := range Focuses {
			in.focus[k] = matchesFocus(e, f)
		}
		in.level0 = levelOf(e, Request{})
		in.rungs0, in.err0 = ladderRungs(e, Ladder(e, in.level0), rules)
		for _, a := range Areas(e) {
			k, ok := areaIndex[a]
			if !ok {
				k = len(x.areaIDs)
				areaIndex[a] = k
				x.areaIDs = append(x.areaIDs, a)
			}
			idx[i] = append(idx[i], k)
		}
	}
	x.words = max(1, (len(x.areaIDs)+63)/64)
	words := make([]uint64, x.words*len(all)) // one allocation for every bitset
	for i := range x.ex {
		in := &x.ex[i]
		in.areas, words = words[:x.words:x.words], words[x.words:]
		for _, k := range idx[i] {
			in.areas[k/64] |= 1 << (k % 64)
		}
		in.nAreas = len(idx[i])
	}
	return x
}

// Catalog returns the catalog the index was made from.
func (x *Index) Catalog() *catalog.Catalog { return x.c }

// Rules returns the timing rules the index was made for.
func (x *Index) Rules() timeline.Rules { return x.rules }

// Plan is the package's Plan on the index's catalog and rules: the same
// plan, without redoing the work that depends on the catalog alone.
func (x *Index) Plan(req Request) (Result, error) {
	if err := req.Check(x.c); err != nil {
		return Result{}, err
	}
	if err := checkRules(x.rules); err != nil {
		return Result{}, err
	}
	return plan(req, x)
}

// rounds returns the tours of MaxRounds rounds within the positions used.
func (x *Index) rounds(used uint16) *tours {
	if t := x.twice[used].Load(); t != nil {
		return t
	}
	t := newTours(x.rules, MaxRounds, used)
	x.twice[used].CompareAndSwap(nil, t) // another plan may have made the same
	return x.twice[used].Load()
}

// ladderRungs returns the rungs of ladder for e, each with its work time
// (timeline.Rules.Work), one per distinct time: of doses that take the
// same time, the fuller (later) one.
func ladderRungs(e *catalog.Exercise, ladder []dose.Amount, rules timeline.Rules) ([]rung, error) {
	var rungs []rung
	for _, a := range ladder {
		w, err := rules.Work(timeline.Step{Exercise: e, Amount: a})
		if err != nil {
			return nil, err
		}
		if n := len(rungs); n > 0 && rungs[n-1].work == ms(w) {
			rungs[n-1].amount = a // the same time: keep the fuller dose
			continue
		}
		rungs = append(rungs, rung{amount: a, work: ms(w)})
	}
	return rungs, nil
}

// areaCount returns how many areas the exercises cs reach together.
func areaCount(cs []*cand, words int) int {
	n := 0
	for w := range words {
		var u uint64
		for _, c := range cs {
			u |= c.areas[w]
		}
		n += bits.OnesCount64(u)
	}
	return n
}
