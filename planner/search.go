package planner

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

// The search (docs/planner.md, "How the search works"). Times are whole
// milliseconds held in int64, so that a millisecond of work is exactly one
// Points unit and every comparison is exact.

// nodeLimit caps the sets of exercises one search looks at. No request on
// the built-in or the benchmark catalogs comes near it; past it the search
// stops and the result says it is not proven best.
const nodeLimit = 2_000_000

// rung is one dose the search may give an exercise, with its work time.
type rung struct {
	amount dose.Amount
	work   int64 // ms
}

// cand is an exercise the person can do, prepared for the search.
type cand struct {
	ex         *catalog.Exercise
	view       *catalog.Exercise // ex with only the allowed positions, if that differs
	order      int               // index in the catalog: the last tie-break
	typ        int               // index in catalog.Types
	areas      []uint64          // bitset over Index.areaIDs (shared with the index: never written)
	pos        uint16            // allowed positions, bit i for catalog.Positions[i]
	focus      Points
	pref       Points
	level      dose.Amount
	rungs      []rung // ascending work
	subs       []Substitution
	alone      Points // what it scores with nothing else: type, areas, focus, preference, top work
	nAreas     int
	restricted bool // some of its positions are on the floor and the floor is out
	easier     bool // on the easier option (Request.Easier)
}

// problem is a request prepared for the search.
type problem struct {
	req      Request
	rules    timeline.Rules
	k        int                   // most exercises
	budget   int64                 // ms
	perEx    int64                 // intro and staying-put setup of one exercise, ms
	finish   int64                 // ms
	nAreas   int                   // the areas the exercises the person can do reach together
	words    int                   // uint64 words per area bitset
	all      []*cand               // every exercise the person can do, catalog order
	excluded []Exclusion           // the rest, and why
	rounds   int                   // the most rounds a plan for this request may go through: 1, or MaxRounds when some exercise fits that often
	tours    [MaxRounds + 1]*tours // tours[r]: the least setup of going r times through each set of positions
	err      error                 // a broken catalog entry
	order    map[*catalog.Exercise]int
}

func ms(d interface{ Milliseconds() int64 }) int64 { return d.Milliseconds() }

// newProblem prepares req for the search on x's catalog: only what depends
// on the request is done here; the rest x did once.
func newProblem(req Request, x *Index) *problem {
	rules := x.rules
	p := &problem{
		req: req, rules: rules, k: MaxExercises(req.Minutes), budget: ms(req.Budget()),
		perEx: ms(rules.Intro) + ms(rules.SetupSame), finish: ms(rules.Finish),
		order: x.order, rounds: 1, words: x.words,
	}
	p.tours[1] = x.once
	slab := make([]cand, 0, len(x.ex)) // one allocation for every candidate; never grows
	for i := range x.ex {
		in := &x.ex[i]
		e := in.e
		if why, ok := req.KeptOut[e.ID]; ok {
			p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: KeptOut, Why: why})
			continue
		}
		if slices.Contains(req.Avoid, e.ID) {
			p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: Avoided})
			continue
		}
		allowed, mask := e.Positions, in.pos
		if !req.Floor {
			allowed, mask = in.offFloor, in.offMask
		}
		if len(allowed) == 0 {
			p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: NeedsFloor})
			continue
		}
		var subs []Substitution
		if len(e.Equipment) > 0 {
			var missing []catalog.Equipment
			if subs, missing = substitutes(e, req.Equipment); len(missing) > 0 {
				p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: NeedsThings, Missing: missing})
				continue
			}
		}
		restricted := len(allowed) < len(e.Positions)
		easier := req.Easier[e.ID]
		if easier {
			var pinned bool
			allowed, mask, subs, pinned = easierOption(e, req.Equipment, allowed, mask, subs)
			restricted = restricted && !pinned // the easier way says why it is done there
		}
		slab = append(slab, cand{ex: e, view: e, order: i, typ: in.typ, pos: mask, subs: subs, easier: easier})
		cd := &slab[len(slab)-1]
		if cd.typ < 0 {
			p.err = unhunch.E(unhunch.EInternal, message.PlanBrokenExercise, e.ID)
			return p
		}
		if len(allowed) < len(e.Positions) {
			if in.offView != nil && slices.Equal(allowed, in.offFloor) {
				cd.view = in.offView
			} else {
				v := *e
				v.Positions = allowed
				cd.view = &v
			}
			cd.restricted = restricted
		}
		if in.focus[slices.Index(Focuses, req.focus())] {
			cd.focus = focusWeight
		}
		cd.pref = difficultyWeights[e.Difficulty] + ratingWeights[req.Ratings[e.ID]]
		_, levelled := req.Levels[e.ID]
		switch {
		case easier: // the easier amount and nothing else: more is what was too hard
			cd.level = e.Dose.Normalize().Easier()
			cd.rungs, p.err = ladderRungs(e, []dose.Amount{cd.level}, rules)
		case levelled:
			cd.level = levelOf(e, req)
			cd.rungs, p.err = ladderRungs(e, Ladder(e, cd.level), rules)
		default: // at the starting dose: the index has its ladder
			cd.level, cd.rungs, p.err = in.level0, in.rungs0, in.err0
		}
		if p.err != nil {
			return p
		}
		cd.areas, cd.nAreas = in.areas, in.nAreas
		cd.alone = typeWeights[0] + areaWeight*Points(in.nAreas) + cd.focus + cd.pref + Points(cd.rungs[len(cd.rungs)-1].work)
		p.all = append(p.all, cd)
	}
	p.nAreas = areaCount(p.all, p.words)
	sortExclusions(p.excluded, p.order)
	var used uint16 // the positions any exercise here can be done in
	for _, c := range p.all {
		used |= c.pos
	}
	for _, c := range p.all {
		if p.budget-p.finish-MaxRounds*(p.perEx+c.rungs[0].work) >= p.extraOf(c.pos) {
			// This exercise alone fits MaxRounds times: staying put
			// between rounds, its setup is only the way to it.
			p.rounds = MaxRounds
			p.tours[MaxRounds] = x.rounds(used)
			break
		}
	}
	return p
}

// tours holds, for plans that go r times through their exercises in one
// order, the least setup beyond staying put (SetupSame each time) of
// visiting every set of positions, starting where the routine starts. With
// SetupSame <= SetupNear <= SetupFloor the cheapest order does each
// position's exercises together in each round, so such a routine's least
// setup is r*len(steps)*SetupSame plus extra of the positions it uses
// (docs/planner.md proves it; the tests compare it with exhaustive orders).
type tours struct {
	r       int
	extra   [256]int64 // extra[u]: for the set of positions u (bits of catalog.Positions), ms
	byExtra []uint16   // every position set, cheapest first
}

// allPositions is the set of every position.
var allPositions = uint16(1)<<len(catalog.Positions) - 1

// newTours computes the tours of r rounds under rules, for the sets of
// positions within the set within (allPositions for all).
func newTours(rules timeline.Rules, r int, within uint16) *tours {
	t := &tours{r: r}
	if r == 1 {
		t.once(rules)
		within = allPositions
	} else {
		t.rounds(rules, within)
	}
	t.byExtra = make([]uint16, 0, 1<<bits.OnesCount16(within))
	for m := within; m != 0; m = (m - 1) & within {
		t.byExtra = append(t.byExtra, m)
	}
	slices.Reverse(t.byExtra) // ascending, so ties keep the smaller set first
	slices.SortStableFunc(t.byExtra, func(a, b uint16) int { return cmp.Compare(t.extra[a], t.extra[b]) })
	return t
}

// setupCost returns the setup beyond staying put between two positions, ms.
func setupCost(rules timeline.Rules, a, b catalog.Position) int64 {
	return ms(rules.SetupTime(a, b)) - ms(rules.SetupSame)
}

// once fills extra for one round: a Held–Karp pass over the positions.
func (t *tours) once(rules timeline.Rules) {
	n := len(catalog.Positions)
	w := func(a, b catalog.Position) int64 { return setupCost(rules, a, b) }
	const inf = int64(1) << 60
	// dp[mask][last]: least cost to visit mask, ending at position last.
	dp := make([][]int64, 1<<n)
	for m := range dp {
		dp[m] = make([]int64, n)
		for i := range dp[m] {
			dp[m][i] = inf
		}
	}
	for i, pos := range catalog.Positions {
		dp[1<<i][i] = w(rules.StartsFrom, pos)
	}
	for m := 1; m < 1<<n; m++ {
		best := inf
		for last := range n {
			c := dp[m][last]
			if c == inf {
				continue
			}
			best = min(best, c)
			for next := range n {
				if m&(1<<next) != 0 {
					continue
				}
				if v := c + w(catalog.Positions[last], catalog.Positions[next]); v < dp[m|1<<next][next] {
					dp[m|1<<next][next] = v
				}
			}
		}
		t.extra[m] = best
	}
}

// rounds fills extra for t.r rounds and the sets of positions within the
// set within: each round visits each position once (docs/planner.md proves
// that enough), so a tour is a path p1…pk: the way to p1, r times the
// path, and r-1 times back from pk to p1.
func (t *tours) rounds(rules timeline.Rules, within uint16) {
	n := len(catalog.Positions)
	var w [8][8]int64
	var from [8]int64
	for i, a := range catalog.Positions {
		from[i] = setupCost(rules, rules.StartsFrom, a)
		for j, b := range catalog.Positions {
			w[i][j] = setupCost(rules, a, b)
		}
	}
	const inf = int64(1) << 60
	r := int64(t.r)
	best := &t.extra
	for m := range best {
		best[m] = inf
	}
	best[0] = 0
	// The sets within, ascending, so that each comes after its subsets.
	var sets []int
	for m := int(within); m != 0; m = (m - 1) & int(within) {
		sets = append(sets, m)
	}
	slices.Reverse(sets)
	// path[m][last]: the shortest path from first through the set m, ending at last.
	path := make([][8]int64, 1<<n)
	for first := range n {
		if within&(1<<first) == 0 {
			continue
		}
		for _, m := range sets {
			path[m] = [8]int64{inf, inf, inf, inf, inf, inf, inf, inf}
		}
		path[1<<first][first] = 0
		for _, m := range sets {
			if m&(1<<first) == 0 {
				continue
			}
			for last := range n {
				c := path[m][last]
				if c == inf {
					continue
				}
				if v := from[first] + r*c + (r-1)*w[last][first]; v < best[m] {
					best[m] = v
				}
				for next := range n {
					if m&(1<<next) == 0 && int(within)&(1<<next) != 0 {
						if v := c + w[last][next]; v < path[m|1<<next][next] {
							path[m|1<<next][next] = v
						}
					}
				}
			}
		}
	}
}

// cover returns the cheapest set of positions that has one for each of the
// exercises whose allowed positions are masks, and its setup beyond
// staying put: the least a plan of these exercises can have.
func (t *tours) cover(masks []uint16) (uint16, int64) {
next:
	for _, u := range t.byExtra {
		for _, m := range masks {
			if u&m == 0 {
				continue next
			}
		}
		return u, t.extra[u]
	}
	return 0, 0 // no masks
}

// cover is tours.cover for r rounds.
func (p *problem) cover(r int, masks []uint16) (uint16, int64) { return p.tours[r].cover(masks) }

// minExtra is the setup of cover.
func (p *problem) minExtra(r int, masks []uint16) int64 {
	_, e := p.cover(r, masks)
	return e
}

// extraOf is minExtra for one exercise, once through.
func (p *problem) extraOf(mask uint16) int64 { return p.minExtra(1, []uint16{mask}) }

// avail returns the time left for work in a plan of n exercises, once
// through, with the given setup beyond staying put.
func (p *problem) avail(n int, extra int64) int64 {
	return p.budget - p.finish - int64(n)*p.perEx - extra
}

// dominates reports whether a can take b's place in any plan without
// lowering its score or lengthening it: same type, every area and allowed
// position of b, and for each dose of b one no longer whose score makes up
// for any time it gives back, in each of r rounds (a loss of time counts r
// times, so the condition for r rounds implies the one for fewer).
func dominates(a, b *cand, r int) bool {
	if a.typ != b.typ || a.pos&b.pos != b.pos {
		return false
	}
	for w := range a.areas {
		if b.areas[w]&^a.areas[w] != 0 {
			return false
		}
	}
	pa, pb := a.focus+a.pref, b.focus+b.pref
	i := -1
	for _, rb := range b.rungs {
		for i+1 < len(a.rungs) && a.rungs[i+1].work <= rb.work {
			i++
		}
		if i < 0 || pa+Points(int64(r)*a.rungs[i].work) < pb+Points(int64(r)*rb.work) {
			return false
		}
	}
	return true
}

// reduce returns the candidates a search must consider: those that fit
// alone, less each one that k others dominate (docs/planner.md: such an
// exercise can always be swapped for one of them), best alone first.
func (p *problem) reduce() (keep []*cand, fitting int) {
	var fit []*cand
	for _, c := range p.all {
		if p.avail(1, p.extraOf(c.pos)) >= c.rungs[0].work {
			fit = append(fit, c)
		}
	}
	byType := make([][]*cand, len(catalog.Types))
	for _, c := range fit {
		byType[c.typ] = append(byType[c.typ], c)
	}
	for _, c := range fit {
		n := 0
		for _, a := range byType[c.typ] {
			if a == c || !dominates(a, c, p.rounds) || (dominates(c, a, p.rounds) && c.order < a.order) {
				continue
			}
			if n++; n >= p.k {
				break
			}
		}
		if n < p.k {
			keep = append(keep, c)
		}
	}
	slices.SortStableFunc(keep, func(a, b *cand) int { return cmp.Or(cmp.Compare(b.alone, a.alone), cmp.Compare(a.order, b.order)) })
	return keep, len(fit)
}

// search is one branch-and-bound run over subsets of the candidates, with
// the doses of each subset chosen exactly from their reachable work sums.
type search struct {
	p       *problem
	c       []*cand
	r       int // the rounds of the plans this pass looks at
	nodes   int
	done    bool // false when it stopped at its limit
	limit   int  // the most nodes: nodeLimit, less while lns looks around
	fitting int  // candidates that fit alone, before dominance

	found   bool
	probing bool // push keeps no plan: polish is looking around
	best    Points
	bestSet []int // indices into c
	bestSum int64 // the work time of one round of the best plan, ms
	bestR   int   // the rounds of the best plan

	// Per depth d (d exercises chosen), the state of the current set.
	set       []int
	typeCount []int
	covered   [][]uint64
	covers    [][]uint16 // covers[d]: the position sets with a position for each of the set's exercises, cheapest first
	sums      []sumSet   // the work times the set's doses can add up to, within the time
	typePts   []Points
	areaPts   []Points
	prefPts   []Points // focus and preference
	extra     []int64
	ub        [][]Points // ub[d][k]: bound on any plan adding items of live[d+1][k:] to the set
	st, vs    [][]Points // per depth, beside live[d+1]: an item's gain, and with its longest dose
	fr, dl    [][]Points // per depth, beside live[d+1]: an item's fresh areas, and the setup it forces, ms
	kept      []tops     // kept[d]: the best figures over the node's list, as its parent counted them
	recs      [][]tops   // recs[d]: the best figures over the end of live[d+1], each time they changed from the back
	recAt     [][]int    // recAt[d][k]: the record of recs[d] over live[d+1][k+1:], or -1
	ib        [][]Points // per depth, beside live[d+1]: a bound on any plan holding the item (when the best was found)
	sv, ss    [][]Points // per depth, beside live[d+1]: the most of vs and st over the items from there on
	sub       int        // the depth a search of part of the space starts at (lns): no parent's figures above it
	live      [][]int    // live[d]: the candidates the nodes at depth d choose among

	unit int64 // every work time is a multiple of it, ms

	// The candidates' fields the bound reads, laid out flat for speed.
	typ     []int
	area1   []uint64 // the area bitset when it is one word
	pp      []Points // focus and preference
	minWork []int64
	maxWork []int64
	pos     []uint16 // allowed positions

	// delta[m]: the setup an item of positions m forces on the set of the
	// node being bounded, when deltaAt[m] is that node's gen.
	delta   [256]int64
	deltaAt [256]int
	avd     [256][maxExercises + 1]Points // avd[m][t]: the work of every round for t more items with the setup delta[m] forces, when avdAt[m] is gen
	avdAt   [256]int
	gen     int
	sufV    []Points // sufV[j]: the most any of c[j:] adds alone, longest dose in every round included
	sufS    []Points // sufS[j]: the same without the work
}

// availR returns the time left for the work of a plan of n exercises gone
// through in s.r rounds, with the given setup beyond staying put.
func (s *search) availR(n int, extra int64) int64 {
	p := s.p
	return p.budget - p.finish - int64(s.r)*int64(n)*p.perEx - extra
}

// perRound returns the most work one round may hold when avail is left
// for the work of every round: a multiple of s.unit, as every work time
// and every sum of them is (docs/planner.md, "How the search works", step
// 4: the bounds never count time no choice of doses can fill).
func (s *search) perRound(avail int64) int64 {
	if avail < 0 {
		return -1
	}
	return avail / int64(s.r) / s.unit * s.unit
}

func (p *problem) search() *search {
	s := &search{p: p, done: true, limit: nodeLimit}
	s.c, s.fitting = p.reduce()
	k := p.k
	s.set = make([]int, k)
	s.typeCount = make([]int, len(catalog.Types))
	s.covers = make([][]uint16, k+1)
	for d := range s.covers {
		s.covers[d] = make([]uint16, 0, 255)
	}
	s.covered = make([][]uint64, k+1)
	s.sums = make([]sumSet, k+1)
	s.unit = workUnit(s.c)
	nbits := int(p.budget/s.unit) + 1
	s.ub = make([][]Points, k+1)
	for d := range k + 1 {
		s.covered[d] = make([]uint64, p.words)
		s.sums[d] = make(sumSet, nbits/64+1)
		s.ub[d] = make([]Points, len(s.c))
		s.st = append(s.st, make([]Points, len(s.c)))
		s.vs = append(s.vs, make([]Points, len(s.c)))
		s.fr = append(s.fr, make([]Points, len(s.c)))
		s.dl = append(s.dl, make([]Points, len(s.c)))
		s.ib = append(s.ib, make([]Points, len(s.c)))
		s.sv = append(s.sv, make([]Points, len(s.c)))
		s.ss = append(s.ss, make([]Points, len(s.c)))
		s.kept = append(s.kept, tops{})
		s.recs = append(s.recs, nil)
		s.recAt = append(s.recAt, make([]int, len(s.c)))
		s.live = append(s.live, make([]int, 0, len(s.c)))
	}
	s.sums[0][0] = 1 // nothing chosen: zero work
	s.typePts = make([]Points, k+1)
	s.areaPts = make([]Points, k+1)
	s.prefPts = make([]Points, k+1)
	s.extra = make([]int64, k+1)
	s.flat()
	s.sufV = make([]Points, len(s.c)+1)
	s.sufS = make([]Points, len(s.c)+1)
	// One pass for each number of rounds, fewest first: a plan of more
	// rounds wins only by scoring strictly more (ties go to more
	// exercises, fewer rounds).
	for r := 1; r <= p.rounds && s.done; r++ {
		s.run(r)
	}
	return s
}

// flat lays out the candidates' fields the bound reads, in the order of c.
func (s *search) flat() {
	s.typ, s.area1, s.pp, s.minWork, s.maxWork, s.pos = s.typ[:0], s.area1[:0], s.pp[:0], s.minWork[:0], s.maxWork[:0], s.pos[:0]
	for _, c := range s.c {
		s.typ = append(s.typ, c.typ)
		s.pos = append(s.pos, c.pos)
		s.area1 = append(s.area1, c.areas[0])
		s.pp = append(s.pp, c.focus+c.pref)
		s.minWork = append(s.minWork, c.rungs[0].work)
		s.maxWork = append(s.maxWork, c.rungs[len(c.rungs)-1].work)
	}
}

// reorder sorts the candidates best alone first for plans of r rounds,
// where the longest dose counts r times, keeping the best plan so far.
func (s *search) reorder(r int) {
	best := make([]*cand, len(s.bestSet))
	for i, j := range s.bestSet {
		best[i] = s.c[j]
	}
	alone := func(c *cand) Points { return c.alone + Points(int64(r-1)*c.rungs[len(c.rungs)-1].work) }
	slices.SortStableFunc(s.c, func(a, b *cand) int { return cmp.Or(cmp.Compare(alone(b), alone(a)), cmp.Compare(a.order, b.order)) })
	for i, c := range best {
		s.bestSet[i] = slices.Index(s.c, c)
	}
	s.flat()
}

// run searches the plans of r rounds, keeping the best plan so far.
func (s *search) run(r int) {
	s.r = r
	s.covers[0] = append(s.covers[0][:0], s.p.tours[r].byExtra...)
	if r > 1 {
		s.reorder(r)
	}
	s.sufV[len(s.c)], s.sufS[len(s.c)] = minusInf, minusInf
	for j := len(s.c) - 1; j >= 0; j-- {
		alone := typeWeights[0] + areaWeight*Points(s.c[j].nAreas) + s.pp[j]
		s.sufS[j] = max(s.sufS[j+1], alone)
		s.sufV[j] = max(s.sufV[j+1], alone+Points(int64(r)*s.maxWork[j]))
	}
	greedy := s.greedy()
	s.improve()
	s.live[0] = s.live[0][:0]
	for j := range s.c {
		s.live[0] = append(s.live[0], j)
	}
	// A better first plan sets a floor: the search below then looks only
	// for plans that score at least as much. It is looked for only when
	// the bound at the root keeps many candidates alive (a long search
	// ahead; never on the built-in catalog): by climbing from the greedy
	// plan and from the best plan so far (polish), then by searching
	// exactly for the best way to refill two or three places of it (lns).
	// None of the plans they score is recorded, so the search returns the
	// plan it returned without them: the first of the highest score in its
	// order (docs/planner.md, "How the search works", step 5). Theirs is
	// kept only should the search stop at the node limit before finding one.
	floor, floorSet, floorSum := minusInf, []int(nil), int64(0)
	if s.found {
		s.bounds(0, s.live[0], 0)
		if len(s.live[1]) >= polishFrom {
			alive := slices.Clone(s.live[1])
			floor, floorSet, floorSum = s.polish(greedy, alive)
			if v, set, sum := s.polish(s.bestSet, alive); v > floor {
				floor, floorSet, floorSum = v, set, sum
			}
			if floorSet != nil {
				floor, floorSet, floorSum = s.lns(floor, floorSet, floorSum, alive)
			}
		}
	}
	raised := floor > s.best
	if raised {
		s.best = floor - 1 // push records only plans that score more
	}
	s.node(0, s.live[0], 0)
	if raised && s.best == floor-1 {
		// Nothing recorded since the floor was set: the search stopped at
		// the node limit (the plan that set it is in the space).
		s.best, s.bestSet, s.bestSum, s.bestR = floor, floorSet, floorSum, r
	}
}

// polishFrom is the fewest candidates the root of a pass must keep alive
// for a better first plan to be looked for; below it the search is short.
const polishFrom = 64

// lnsEach and lnsTotal cap the sets one refill, and all of them in a pass,
// look at: a better first plan only pays while it is quick to find.
const lnsEach, lnsTotal = 50, 500

// polish climbs from the set start (indices into c; those that no longer
// fit are left out) through plans of s.r rounds, each step the best of
// adding an exercise of alive, dropping one, or swapping one for another
// of alive (the candidates the bound at the root keeps alive), and
// returns the best plan it reached: its score, set and work per round.
// Nothing it scores is recorded as the best plan.
func (s *search) polish(start, alive []int) (Points, []int, int64) {
	s.probing = true
	defer func() { s.probing = false }()
	in := make([]bool, len(s.c))
	var cur []int
	d := 0
	for _, j := range start {
		if d < s.p.k && s.push(d, j) {
			cur = append(cur, j)
			in[j] = true
			d++
		}
	}
	if d == 0 {
		s.unpush(cur)
		return minusInf, nil, 0
	}
	v, sum := s.value(d), s.sums[d].max()*s.unit
	s.unpush(cur)
	members := make([]int, 0, s.p.k)
	for range 50 {
		// The best move: drop cur[drop] (-1: none), then add add (-1: none).
		bestV, drop, add, bestSum := v, -2, -1, int64(0)
		for i := -1; i < len(cur); i++ {
			members = members[:0]
			for x, j := range cur {
				if x != i {
					members = append(members, j)
				}
			}
			n := 0
			for _, j := range members {
				if !s.push(n, j) {
					break
				}
				n++
			}
			if n == len(members) {
				if i >= 0 && n > 0 {
					if w := s.value(n); w > bestV {
						bestV, drop, add, bestSum = w, i, -1, s.sums[n].max()*s.unit
					}
				}
				if n < s.p.k {
					if j, w, sm := s.bestAdd(n, alive, in, bestV); j >= 0 {
						bestV, drop, add, bestSum = w, i, j, sm
					}
				}
			}
			s.unpush(members[:n])
		}
		if drop == -2 {
			break
		}
		if drop >= 0 {
			in[cur[drop]] = false
			cur = slices.Delete(cur, drop, drop+1)
		}
		if add >= 0 {
			in[add] = true
			cur = append(cur, add)
		}
		v, sum = bestV, bestSum
	}
	return v, cur, sum
}

// lns takes two members at a time out of the plan set (score v, work per
// round sum), then three, and searches exactly for the best way to refill
// their places from alive (the candidates the bound at the root keeps
// alive: only they can be in a plan better than the best so far), back to
// two after each better plan, each refill capped at lnsEach sets and all
// at lnsTotal. It returns the best plan it reached, if better than both v
// and the best so far, else the plan it was given. Nothing it scores is
// recorded as the best plan.
func (s *search) lns(v Points, set []int, sum int64, alive []int) (Points, []int, int64) {
	found, best, bestSet, bestSum, bestR, done := s.found, s.best, s.bestSet, s.bestSum, s.bestR, s.done
	stop := min(nodeLimit, s.nodes+lnsTotal)
	in := make([]bool, len(s.c))
	list := make([]int, 0, len(alive))
	for fr := 2; fr <= 3 && s.nodes < stop; {
		improved := false
		n := len(set)
		if fr > n {
			break
		}
		// every subset of fr members to free, as a bitmask over set
		for mask := 0; mask < 1<<n && !improved; mask++ {
			if bits.OnesCount(uint(mask)) != fr {
				continue
			}
			clear(in)
			d := 0
			ok := true
			for x, j := range set {
				in[j] = true
				if mask&(1<<x) != 0 {
					continue
				}
				if !s.push(d, j) {
					ok = false
					break
				}
				d++
			}
			if ok {
				list = list[:0]
				for _, j := range alive {
					if !in[j] {
						list = append(list, j)
					}
				}
				s.found, s.best, s.bestSet = true, max(v, best), nil
				s.limit, s.sub = min(stop, s.nodes+lnsEach), d
				s.node(d, list, 0)
				s.done, s.limit, s.sub = true, nodeLimit, 0
				if s.bestSet != nil {
					v, set, sum = s.best, s.bestSet, s.bestSum
					improved = true
				}
			}
			// undo the pushes of the fixed members
			for x := 0; x < d; x++ {
				s.typeCount[s.typ[s.set[x]]]--
			}
		}
		if improved {
			fr = 2
		} else {
			fr++
		}
	}
	s.found, s.best, s.bestSet, s.bestSum, s.bestR, s.done = found, best, bestSet, bestSum, bestR, done
	return v, set, sum
}

// unpush undoes the type counts of pushing set.
func (s *search) unpush(set []int) {
	for _, j := range set {
		s.typeCount[s.typ[j]]--
	}
}

// bestAdd returns the candidate of alive not in skip that, added to the current set
// of d exercises, scores the most above above, with that score and the
// work per round; -1 if none scores more.
func (s *search) bestAdd(d int, alive []int, skip []bool, above Points) (int, Points, int64) {
	r := Points(s.r)
	minS, maxS := s.sums[d].min()*s.unit, s.sums[d].max()*s.unit
	avail := s.perRound(s.availR(d+1, s.extra[d]))
	base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d]) + countPoints(d+1)
	bestJ, bestSum := -1, int64(0)
	for _, j := range alive {
		if skip[j] || minS+s.minWork[j] > avail {
			continue
		}
		if base+s.gain(d, j)+r*min(Points(maxS+s.maxWork[j]), Points(avail)) <= above {
			continue
		}
		if s.push(d, j) {
			s.typeCount[s.typ[j]]--
			if v := s.value(d + 1); v > above {
				bestJ, above, bestSum = j, v, s.sums[d+1].max()*s.unit
			}
		}
	}
	return bestJ, above, bestSum
}

// greedy finds a good first plan, so that the bounds prune from the start:
// it adds, one at a time, the candidate that makes the best plan with those
// already chosen. push records each plan it scores.
func (s *search) greedy() []int {
	used := make([]bool, len(s.c))
	r := Points(s.r)
	d := 0
	for ; d < s.p.k; d++ {
		bestJ, bestV := -1, minusInf
		// A candidate whose exact gain, with the most work that could fit,
		// cannot beat the best of this step is not pushed: it would not be
		// chosen, nor recorded (the best of the step already was).
		maxS := s.sums[d].max() * s.unit
		avail := s.perRound(s.availR(d+1, s.extra[d]))
		base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d]) + countPoints(d+1)
		for j := range s.c {
			if used[j] || (bestJ >= 0 && base+s.gain(d, j)+r*min(Points(maxS+s.maxWork[j]), Points(avail)) <= bestV) || !s.push(d, j) {
				continue
			}
			s.typeCount[s.typ[j]]--
			if v := s.value(d + 1); v > bestV {
				bestJ, bestV = j, v
			}
		}
		if bestJ < 0 {
			break
		}
		s.push(d, bestJ)
		used[bestJ] = true
	}
	for i := range d {
		s.typeCount[s.typ[s.set[i]]]--
	}
	return slices.Clone(s.set[:d])
}

const minusInf = Points(-1) << 62

func countPoints(n int) Points { return -countPenalty * Points(max(0, n-comfortable)) }

// node tries every way to add one more candidate from list[from:] (indices
// into c, ascending) to the current set of d exercises, most promising
// first, while the bound says something better may be there. Its children
// choose only among the candidates the bound keeps alive.
func (s *search) node(d int, list []int, from int) {
	if d == s.p.k {
		return
	}
	if d == s.p.k-1 {
		s.last(d, list, from)
		return
	}
	s.bounds(d, list, from)
	// The children choose among the items the bound keeps alive after
	// their own, in order: live[k+1:] for the child holding live[k].
	live, ub, ib := s.live[d+1], s.ub[d], s.ib[d]
	for k, j := range live {
		if s.found && ub[k] <= s.best {
			return
		}
		if s.found && ib[k] <= s.best {
			continue // beaten since the bound was taken
		}
		if s.nodes++; s.nodes > s.limit {
			s.done = false
			return
		}
		if !s.push(d, j) {
			continue
		}
		if x := s.recAt[d][k]; x >= 0 {
			s.kept[d+1] = s.recs[d][x]
		} else {
			s.kept[d+1] = tops{}
		}
		s.node(d+1, live, k+1)
		s.typeCount[s.c[j].typ]--
		if !s.done {
			return
		}
	}
}

// improve swaps exercises of the best plan so far for others, and adds
// one where there is room, while that makes it better: a better first plan
// lets the bounds prune more. push records each plan it scores.
func (s *search) improve() {
	for range 20 {
		cur := slices.Clone(s.bestSet)
		before := s.best
		in := make([]bool, len(s.c))
		for _, j := range cur {
			in[j] = true
		}
		// try evaluates each candidate not in the plan after the given
		// members, which must fit together.
		try := func(members []int) {
			d := 0
			for _, j := range members {
				if !s.push(d, j) {
					break
				}
				d++
			}
			if d == len(members) && d < s.p.k {
				s.tryEach(d, in)
			}
			for _, j := range members[:d] {
				s.typeCount[s.typ[j]]--
			}
		}
		try(cur)
		for i := range cur {
			try(slices.Delete(slices.Clone(cur), i, i+1))
			if s.best > before {
				break
			}
		}
		if s.best == before {
			return
		}
	}
}

// tryEach scores the current set of d exercises with each candidate not in
// skip added, where the exact gain says it might beat the best plan.
func (s *search) tryEach(d int, skip []bool) {
	r := Points(s.r)
	minS, maxS := s.sums[d].min()*s.unit, s.sums[d].max()*s.unit
	avail := s.perRound(s.availR(d+1, s.extra[d]))
	base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d]) + countPoints(d+1)
	for j := range s.c {
		if skip[j] || minS+s.minWork[j] > avail {
			continue
		}
		if base+s.gain(d, j)+r*min(Points(maxS+s.maxWork[j]), Points(avail)) <= s.best {
			continue
		}
		if s.push(d, j) {
			s.typeCount[s.typ[j]]--
		}
	}
}

// gain returns what c[j] adds to the current set of d exercises in type and
// area coverage, focus and preference: everything but work and setup.
func (s *search) gain(d, j int) Points {
	var g Points
	if n := s.typeCount[s.typ[j]]; n < maxTypeRepeat {
		g = typeWeights[n]
	}
	fresh := 0
	for w, a := range s.c[j].areas {
		fresh += bits.OnesCount64(a &^ s.covered[d][w])
	}
	return g + areaWeight*Points(fresh) + s.pp[j]
}

// last tries every way to add the last exercise a plan may have: each
// candidate's gain is known exactly, apart from the setup it may add, so no
// bound over several items is needed; the loop stops once even the best
// any remaining candidate could do alone cannot beat the best plan.
func (s *search) last(d int, list []int, from int) {
	p := s.p
	r := Points(s.r)
	minS, maxS := s.sums[d].min()*s.unit, s.sums[d].max()*s.unit
	avail := s.perRound(s.availR(d+1, s.extra[d]))
	base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d]) + countPoints(d+1)
	cov := s.covered[d]
	var typeGain [8]Points
	for t, n := range s.typeCount {
		if n < maxTypeRepeat {
			typeGain[t] = typeWeights[n]
		}
	}
	oneWord := p.words == 1
	for _, j := range list[from:] {
		if s.found && base+min(r*Points(maxS)+s.sufV[j], r*Points(avail)+s.sufS[j]) <= s.best {
			return
		}
		if minS+s.minWork[j] > avail {
			continue
		}
		var fresh int
		if oneWord {
			fresh = bits.OnesCount64(s.area1[j] &^ cov[0])
		} else {
			for w, a := range s.c[j].areas {
				fresh += bits.OnesCount64(a &^ cov[w])
			}
		}
		st := typeGain[s.typ[j]] + areaWeight*Points(fresh) + s.pp[j]
		if s.found && base+st+r*min(Points(maxS+s.maxWork[j]), Points(avail)) <= s.best {
			continue
		}
		if s.nodes++; s.nodes > s.limit {
			s.done = false
			return
		}
		if s.push(d, j) {
			s.typeCount[s.typ[j]]--
		}
	}
}

// sumSet is a set of work times, bit i standing for i units.
type sumSet []uint64

// shiftOr makes s the sums of one value of from and one rung's work, up to
// limit units, and reports whether there is any.
func (s sumSet) shiftOr(from sumSet, rungs []rung, unit, limit int64) bool {
	clear(s)
	top := min(int(limit/64), len(s)-1)
	for _, r := range rungs {
		k := r.work / unit
		if k > limit {
			break
		}
		words, shift := int(k/64), uint(k%64)
		for i := top; i >= words; i-- {
			v := from[i-words] << shift
			if shift > 0 && i-words > 0 {
				v |= from[i-words-1] >> (64 - shift)
			}
			s[i] |= v
		}
	}
	if rest := uint(limit%64) + 1; rest < 64 {
		s[top] &= 1<<rest - 1
	}
	for i := top; i >= 0; i-- {
		if s[i] != 0 {
			return true
		}
	}
	return false
}

// max returns the largest sum in the set, which must not be empty.
func (s sumSet) max() int64 {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] != 0 {
			return int64(i*64 + 63 - bits.LeadingZeros64(s[i]))
		}
	}
	return 0
}

// min returns the smallest sum in the set, which must not be empty.
func (s sumSet) min() int64 {
	for i, w := range s {
		if w != 0 {
			return int64(i*64 + bits.TrailingZeros64(w))
		}
	}
	return 0
}

// workUnit returns the greatest common divisor of every candidate's work
// times, in ms, so that sum sets count in units as coarse as possible.
func workUnit(cs []*cand) int64 {
	g := int64(0)
	for _, c := range cs {
		for _, r := range c.rungs {
			a, b := g, r.work
			for b != 0 {
				a, b = b, a%b
			}
			g = a
		}
	}
	return max(g, 1)
}

// tops keeps, over a list of items, the r largest of each figure the
// bounds sum: gain with the longest work (v), gain (s), focus and
// preference (p), fresh areas (f) and longest work (w), each descending.
type tops struct {
	r             int
	n             int // items kept so far, at most r
	v, s, p, f, w [maxExercises]Points
}

// put inserts x into the descending list l of n (at most r) values, keeping
// the r largest, and reports whether it changed anything.
func put(l *[maxExercises]Points, n, r int, x Points) bool {
	if n == r {
		if x <= l[r-1] {
			return false
		}
		n--
	}
	i := n
	for ; i > 0 && l[i-1] < x; i-- {
		l[i] = l[i-1]
	}
	l[i] = x
	return true
}

// beats reports whether an item's figures would change any list: add
// changes nothing for one that does not (a quick test, inlined, for the
// many items whose figures are all below the lists' last).
func (t *tops) beats(v, s, p, f, w Points) bool {
	k := t.r - 1
	return t.n <= k || v > t.v[k] || s > t.s[k] || p > t.p[k] || f > t.f[k] || w > t.w[k]
}

// add adds one item's figures, reporting whether any list changed.
func (t *tops) add(v, s, p, f, w Points) bool {
	c := put(&t.v, t.n, t.r, v)
	c = put(&t.s, t.n, t.r, s) || c
	c = put(&t.p, t.n, t.r, p) || c
	c = put(&t.f, t.n, t.r, f) || c
	c = put(&t.w, t.n, t.r, w) || c
	if t.n < t.r {
		t.n++
	}
	return c
}

// bounds lists in live[d+1] the items of list[from:] that could be part of
// a better plan at all, with the best others beside them, in order, and
// fills ub[d][k]: an upper bound on the score of any plan that adds one to
// k-d more items from live[d+1][k:] to the current set. The node's
// children choose among live[d+1] alone, so each item that cannot help is
// looked at once per node, not once per child.
//
// Two bounds are taken, the lower counting. By items: each item's gain is
// bounded by what it would add alone to the current set (coverage only
// shrinks as more is chosen), the work by the items' longest doses and by
// the time left. Apart: the types of t items add no more than the t best
// places left among the types' diminishing weights, their fresh areas no
// more than the areas left, and focus, preference and work no more than
// the t best of each. Items alike by the thousand, as in a large catalog,
// make the second close; the first is closer when the catalog is small.
// For a plan holding a given item, its own figures replace one of the
// best, and the setup its positions force on the set so far (no plan
// holding it has less) counts against it.
func (s *search) bounds(d int, list []int, from int) {
	p := s.p
	r := p.k - d
	rounds := Points(s.r)
	minS, maxS := s.sums[d].min()*s.unit, s.sums[d].max()*s.unit
	avail1 := s.perRound(s.availR(d+1, s.extra[d]))
	base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d])
	cov := s.covered[d]
	var typeGain [8]Points
	for t, n := range s.typeCount {
		if n < maxTypeRepeat {
			typeGain[t] = typeWeights[n]
		}
	}
	// For t more items: the most the work of every round may earn, base
	// plus the count penalty, and the most the types of t items may add.
	var availT, baseT, typeTop [maxExercises + 1]Points
	var availRaw [maxExercises + 1]int64 // the time left for the work of every round, before perRound
	for t := 1; t <= r; t++ {
		availRaw[t] = s.availR(d+t, s.extra[d])
		availT[t] = rounds * Points(s.perRound(availRaw[t]))
		baseT[t] = base + countPoints(d+t)
	}
	var slots [maxExercises]Points
	ns := 0
	for _, n := range s.typeCount {
		for k := n; k < min(n+r, maxTypeRepeat); k++ {
			if put(&slots, ns, r, typeWeights[k]) && ns < r {
				ns++
			}
		}
	}
	for t := 1; t <= r; t++ {
		typeTop[t] = typeTop[t-1]
		if t <= ns {
			typeTop[t] += slots[t-1]
		}
	}
	// withType[k][t]: the most the types of t items may add when one of
	// them is of type k; taken once an item of type k needs it (most nodes
	// have none).
	var withType [8][maxExercises + 1]Points
	var haveType [8]bool
	areasLeft := Points(p.nAreas) - s.areaPts[d]/areaWeight
	oneWord := s.p.words == 1
	// The items that fit are gathered first, with their figures, into
	// live[d+1] and the arrays beside it; each pass below keeps, in place,
	// only those still useful, so later passes scan shorter lists.
	live := s.live[d+1][:0]
	st, vs, fr, dl, ib := s.st[d], s.vs[d], s.fr[d], s.dl[d], s.ib[d]
	s.gen++ // a new node: forget the setups of the last (deltaAt)
	// The parent's best figures over this node's list (s.kept[d]) are at
	// least this node's own (coverage only grows, a type's weight only
	// falls), so a quick test against them settles most items before
	// they are counted among the best others.
	pre := s.found && d > s.sub
	preV, preS := minusInf, minusInf
	if pre {
		pt := &s.kept[d]
		var cumV, cumS Points
		for t := 1; t <= min(r, pt.n+1); t++ {
			preV = max(preV, baseT[t]+cumV+rounds*Points(maxS))
			preS = max(preS, baseT[t]+cumS+availT[t])
			if t <= pt.n {
				cumV, cumS = cumV+pt.v[t-1], cumS+pt.s[t-1]
			}
		}
	}
	all := tops{r: r}
	var psv, pss []Points // the parent's most over the items from i on
	if pre {
		psv, pss = s.sv[d-1][:len(list)], s.ss[d-1][:len(list)]
	}
	best0 := s.best
	for i := from; i < len(list); i++ {
		j := list[i]
		if pre && min(psv[i]+preV, pss[i]+preS) <= best0 {
			break
		}
		if minS+s.minWork[j] > avail1 {
			continue
		}
		var fresh int
		if oneWord {
			fresh = bits.OnesCount64(s.area1[j] &^ cov[0])
		} else {
			for w, a := range s.c[j].areas {
				fresh += bits.OnesCount64(a &^ cov[w])
			}
		}
		sj := typeGain[s.typ[j]] + areaWeight*Points(fresh) + s.pp[j]
		vj := sj + rounds*Points(s.maxWork[j])
		if pre && min(vj+preV, sj+preS) <= best0 {
			continue
		}
		n := len(live)
		live = append(live, j)
		fr[n], st[n], vs[n] = Points(fresh), sj, vj
		ib[n] = -minusInf // no bound yet: the passes take one once a plan is found
		if all.beats(vj, sj, s.pp[j], Points(fresh), Points(s.maxWork[j])) {
			all.add(vj, sj, s.pp[j], Points(fresh), Points(s.maxWork[j]))
		}
	}
	// An item is useful if a plan holding it, with the best others beside
	// it (itself perhaps among them: a looser bound), could beat the best
	// plan; once with the others among every item that fits, once more
	// among the useful ones.
	var saturated [maxExercises + 1]Points // for an item whose type adds nothing: the others' types
	for t := 1; t <= r; t++ {
		saturated[t] = typeTop[t-1]
	}
	rs := rounds * Points(maxS)
	// The setup of a plan is at least the most any of its items forces on
	// the set (a position set with a position for all of them has one for
	// each). So in the second pass an item that forces none is bounded
	// twice, the higher counting: with others among those that force none
	// too (zero, the best figures of the first pass's useful items that
	// force none), and with any others but the least setup any of them
	// forces (dmin).
	var zero tops
	zero.r = r
	dmin := Points(-1)
	var cumV0, cumS0, cumP0, cumF0, cumW0, avMin [maxExercises + 1]Points
	for pass := 0; pass < 2 && s.found; pass++ {
		// cum*[t]: the sums of the t best others.
		var cumV, cumS, cumP, cumF, cumW [maxExercises + 1]Points
		for t := 1; t <= all.n; t++ {
			cumV[t], cumS[t], cumP[t] = cumV[t-1]+all.v[t-1], cumS[t-1]+all.s[t-1], cumP[t-1]+all.p[t-1]
			cumF[t], cumW[t] = cumF[t-1]+all.f[t-1], cumW[t-1]+rounds*all.w[t-1]
		}
		split := pass == 1 && dmin > 0
		top0 := 0
		if split {
			for t := 1; t <= zero.n; t++ {
				cumV0[t], cumS0[t], cumP0[t] = cumV0[t-1]+zero.v[t-1], cumS0[t-1]+zero.s[t-1], cumP0[t-1]+zero.p[t-1]
				cumF0[t], cumW0[t] = cumF0[t-1]+zero.f[t-1], cumW0[t-1]+rounds*zero.w[t-1]
			}
			top0 = min(r, zero.n+1)
			for t := 1; t <= r; t++ {
				avMin[t] = rounds * Points(s.perRound(availRaw[t]-int64(dmin)))
			}
		}
		top := min(r, all.n+1) // t items need t-1 others
		// quickV, quickS: the first two bounds at their best over t, for a
		// quick test that settles most items that cannot help.
		quickV, quickS := minusInf, minusInf
		for t := 1; t <= top; t++ {
			quickV = max(quickV, baseT[t]+cumV[t-1]+rs)
			quickS = max(quickS, baseT[t]+cumS[t-1]+availT[t])
		}
		var kept tops
		kept.r = r
		n := 0
		for i, j := range live {
			q := min(vs[i]+quickV, st[i]+quickS)
			if pass == 0 {
				// The setup an item forces is never negative: the quick
				// test without it settles most items before it is looked up.
				if q <= s.best {
					continue
				}
				m := s.pos[j]
				if s.deltaAt[m] != s.gen {
					s.delta[m], s.deltaAt[m] = s.extraWith(d, m)-s.extra[d], s.gen
				}
				dl[i] = Points(s.delta[m])
			}
			if q-setupWeight*dl[i] <= s.best {
				continue
			}
			own := &withType[s.typ[j]]
			if s.typeCount[s.typ[j]] >= maxTypeRepeat {
				own = &saturated // its own type adds nothing
			} else if !haveType[s.typ[j]] {
				s.typesWith(s.typ[j], r, own)
				haveType[s.typ[j]] = true
			}
			best := minusInf
			pj, fj, wj, d := s.pp[j], fr[i], rs+rounds*Points(s.maxWork[j]), dl[i]
			m := s.pos[j]
			avd := &s.avd[m]
			if s.avdAt[m] != s.gen {
				// The work of every round with the setup it forces, in
				// whole units per round (perRound): not availT less the setup.
				for t := 1; t <= r; t++ {
					avd[t] = rounds * Points(s.perRound(availRaw[t]-s.delta[m]))
				}
				s.avdAt[m] = s.gen
			}
			if split && d == 0 {
				// Others that force no setup either, or any others and
				// at least dmin of setup (t >= 2: one of them forces it).
				for t := 1; t <= top0; t++ {
					av := avd[t]
					apart := own[t] + areaWeight*min(areasLeft, fj+cumF0[t-1]) + pj + cumP0[t-1] + min(wj+cumW0[t-1], av)
					b := baseT[t] + min(vs[i]+cumV0[t-1]+rs, st[i]+cumS0[t-1]+av, apart)
					best = max(best, b)
				}
				for t := 2; t <= top; t++ {
					av := avMin[t]
					apart := own[t] + areaWeight*min(areasLeft, fj+cumF[t-1]) + pj + cumP[t-1] + min(wj+cumW[t-1], av)
					b := baseT[t] - setupWeight*dmin + min(vs[i]+cumV[t-1]+rs, st[i]+cumS[t-1]+av, apart)
					best = max(best, b)
				}
			} else {
				for t := 1; t <= top; t++ {
					av := avd[t]
					apart := own[t] + areaWeight*min(areasLeft, fj+cumF[t-1]) + pj + cumP[t-1] + min(wj+cumW[t-1], av)
					b := baseT[t] - setupWeight*d + min(vs[i]+cumV[t-1]+rs, st[i]+cumS[t-1]+av, apart)
					best = max(best, b) // every t: ib keeps the whole bound
				}
			}
			if best > s.best {
				if pass == 0 {
					if d == 0 {
						zero.add(vs[i], st[i], pj, fj, Points(s.maxWork[j]))
					} else if dmin < 0 || d < dmin {
						dmin = d
					}
				}
				kept.add(vs[i], st[i], pj, fj, Points(s.maxWork[j]))
				live[n], st[n], vs[n], fr[n], dl[n], ib[n] = j, st[i], vs[i], fj, d, best
				n++
			}
		}
		live = live[:n]
		all = kept
	}
	s.live[d+1] = live
	// The bound on adding items of live[k:], for each k, from the back.
	suffix := tops{r: r}
	ub := minusInf
	recs, at := s.recs[d][:0], s.recAt[d]
	sv, ss := s.sv[d], s.ss[d]
	maxV, maxS2 := minusInf, minusInf
	for k := len(live) - 1; k >= 0; k-- {
		j := live[k]
		maxV, maxS2 = max(maxV, vs[k]), max(maxS2, st[k])
		sv[k], ss[k] = maxV, maxS2
		at[k] = len(recs) - 1 // the best figures over live[k+1:], for the child holding live[k]
		if suffix.beats(vs[k], st[k], s.pp[j], fr[k], Points(s.maxWork[j])) && suffix.add(vs[k], st[k], s.pp[j], fr[k], Points(s.maxWork[j])) {
			recs = append(recs, suffix)
			ub = minusInf
			var cumV, cumS, cumP, cumF, cumW Points
			for t := range suffix.n {
				cumV += suffix.v[t]
				cumS += suffix.s[t]
				cumP += suffix.p[t]
				cumF += suffix.f[t]
				cumW += suffix.w[t]
				byItem := min(cumV+rounds*Points(maxS), cumS+availT[t+1])
				apart := typeTop[t+1] + areaWeight*min(areasLeft, cumF) + cumP + min(rounds*(Points(maxS)+cumW), availT[t+1])
				ub = max(ub, baseT[t+1]+min(byItem, apart))
			}
		}
		s.ub[d][k] = ub
	}
	s.recs[d] = recs
}

// typesWith sets out[t] to the most the types of t (at most r) more items
// may add to the current set when one of them is of type k, which must
// still add something.
func (s *search) typesWith(k, r int, out *[maxExercises + 1]Points) {
	var rest [maxExercises]Points
	nr := 0
	for k2, n2 := range s.typeCount {
		from := n2
		if k2 == k {
			from++
		}
		for x := from; x < min(from+r, maxTypeRepeat); x++ {
			if put(&rest, nr, r, typeWeights[x]) && nr < r {
				nr++
			}
		}
	}
	out[1] = typeWeights[s.typeCount[k]]
	for t := 2; t <= r; t++ {
		out[t] = out[t-1]
		if t-2 < nr {
			out[t] += rest[t-2]
		}
	}
}

// push adds c[j] to the current set of d exercises if some choice of doses
// still fits, scores the new set, and keeps it if it is the best so far.
func (s *search) push(d, j int) bool {
	c := s.c[j]
	extra := s.extraWith(d, c.pos)
	avail := s.perRound(s.availR(d+1, extra))
	if avail < 0 || !s.sums[d+1].shiftOr(s.sums[d], c.rungs, s.unit, avail/s.unit) {
		return false
	}
	next := s.covers[d+1][:0]
	for _, u := range s.covers[d] {
		if u&c.pos != 0 {
			next = append(next, u)
		}
	}
	s.covers[d+1] = next
	tc := s.typeCount[c.typ]
	s.typeCount[c.typ]++
	s.typePts[d+1] = s.typePts[d]
	if tc < maxTypeRepeat {
		s.typePts[d+1] += typeWeights[tc]
	}
	fresh := 0
	for w, a := range c.areas {
		s.covered[d+1][w] = s.covered[d][w] | a
		fresh += bits.OnesCount64(a &^ s.covered[d][w])
	}
	s.areaPts[d+1] = s.areaPts[d] + areaWeight*Points(fresh)
	s.prefPts[d+1] = s.prefPts[d] + c.focus + c.pref
	s.extra[d+1] = extra
	s.set[d] = j
	if v := s.value(d + 1); !s.probing && (!s.found || v > s.best) {
		s.found, s.best, s.bestSum, s.bestR = true, v, s.sums[d+1].max()*s.unit, s.r
		s.bestSet = slices.Clone(s.set[:d+1])
	}
	return true
}

// extraWith returns the least setup beyond staying put of the current set
// of d exercises with one more whose positions are mask: the cheapest of
// covers[d] that has one of them.
func (s *search) extraWith(d int, mask uint16) int64 {
	t := s.p.tours[s.r]
	for _, u := range s.covers[d] {
		if u&mask != 0 {
			return t.extra[u]
		}
	}
	return 1 << 40 // no position for it: never fits
}

// value returns the score of the current set of d exercises gone through
// s.r times, at the doses whose work fills the most of the time left.
func (s *search) value(d int) Points {
	sum := s.sums[d].max() * s.unit
	return s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d]) + Points(int64(s.r)*sum) + countPoints(d)
}

// doses returns, for the best set, one dose per exercise whose work adds
// up to the best sum: earlier exercises in search order keep the fuller
// dose when several choices reach it.
func (s *search) doses() []rung {
	out := make([]rung, len(s.bestSet))
	var pick func(i int, left int64) bool
	pick = func(i int, left int64) bool {
		if i == len(s.bestSet) {
			return left == 0
		}
		rs := s.c[s.bestSet[i]].rungs
		for k := len(rs) - 1; k >= 0; k-- {
			if rs[k].work <= left && pick(i+1, left-rs[k].work) {
				out[i] = rs[k]
				return true
			}
		}
		return false
	}
	pick(0, s.bestSum)
	return out
}
