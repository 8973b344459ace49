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
	areas      []uint64          // bitset over problem.areaIDs
	pos        uint16            // allowed positions, bit i for catalog.Positions[i]
	focus      Points
	pref       Points
	level      dose.Amount
	rungs      []rung // ascending work
	subs       []Substitution
	alone      Points // what it scores with nothing else: type, areas, focus, preference, top work
	nAreas     int
	restricted bool // some of its positions are on the floor and the floor is out
}

// problem is a request prepared for the search.
type problem struct {
	req      Request
	rules    timeline.Rules
	k        int   // most exercises
	budget   int64 // ms
	perEx    int64 // intro and staying-put setup of one exercise, ms
	finish   int64 // ms
	areaIDs  []string
	words    int         // uint64 words per area bitset
	all      []*cand     // every exercise the person can do, catalog order
	excluded []Exclusion // the rest, and why
	extra    [256]int64  // setup beyond staying put to visit a set of positions from the start, ms
	byExtra  []uint16    // position sets, cheapest first
	err      error       // a broken catalog entry
	order    map[*catalog.Exercise]int
}

func ms(d interface{ Milliseconds() int64 }) int64 { return d.Milliseconds() }

func newProblem(req Request, c *catalog.Catalog, rules timeline.Rules) *problem {
	p := &problem{
		req: req, rules: rules, k: MaxExercises(req.Minutes), budget: ms(req.Budget()),
		perEx: ms(rules.Intro) + ms(rules.SetupSame), finish: ms(rules.Finish),
		order: map[*catalog.Exercise]int{},
	}
	p.setupTable()
	areaIndex := map[string]int{}
	type pending struct {
		c     *cand
		areas []int
	}
	var list []pending
	for i, e := range c.Exercises() {
		p.order[e] = i
		if why, ok := req.KeptOut[e.ID]; ok {
			p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: KeptOut, Why: why})
			continue
		}
		if slices.Contains(req.Avoid, e.ID) {
			p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: Avoided})
			continue
		}
		var allowed []catalog.Position
		var mask uint16
		for _, pos := range e.Positions {
			if pos.Level() == catalog.LevelFloor && !req.Floor {
				continue
			}
			allowed = append(allowed, pos)
			mask |= 1 << slices.Index(catalog.Positions, pos)
		}
		if len(allowed) == 0 {
			p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: NeedsFloor})
			continue
		}
		subs, missing := substitutes(e, req.Equipment)
		if len(missing) > 0 {
			p.excluded = append(p.excluded, Exclusion{Exercise: e, Reason: NeedsThings, Missing: missing})
			continue
		}
		cd := &cand{ex: e, view: e, order: i, typ: slices.Index(catalog.Types, e.Type), pos: mask, subs: subs}
		if cd.typ < 0 {
			p.err = unhunch.Errorf(unhunch.EInternal, "%s", message.Text(message.PlanBrokenExercise, e.ID))
			return p
		}
		if len(allowed) < len(e.Positions) {
			v := *e
			v.Positions = allowed
			cd.view, cd.restricted = &v, true
		}
		cd.focus, cd.pref = preference(e, req)
		cd.level = levelOf(e, req)
		for _, a := range Ladder(e, cd.level) {
			w, err := rules.Work(timeline.Step{Exercise: e, Amount: a})
			if err != nil {
				p.err = err
				return p
			}
			if n := len(cd.rungs); n > 0 && cd.rungs[n-1].work == ms(w) {
				cd.rungs[n-1].amount = a // the same time: keep the fuller dose
				continue
			}
			cd.rungs = append(cd.rungs, rung{amount: a, work: ms(w)})
		}
		var idx []int
		for _, a := range Areas(e) {
			k, ok := areaIndex[a]
			if !ok {
				k = len(p.areaIDs)
				areaIndex[a] = k
				p.areaIDs = append(p.areaIDs, a)
			}
			idx = append(idx, k)
		}
		list = append(list, pending{cd, idx})
	}
	p.words = max(1, (len(p.areaIDs)+63)/64)
	for _, pd := range list {
		pd.c.areas = make([]uint64, p.words)
		for _, k := range pd.areas {
			pd.c.areas[k/64] |= 1 << (k % 64)
		}
		pd.c.nAreas = len(pd.areas)
		pd.c.alone = typeWeights[0] + areaWeight*Points(len(pd.areas)) + pd.c.focus + pd.c.pref + Points(pd.c.rungs[len(pd.c.rungs)-1].work)
		p.all = append(p.all, pd.c)
	}
	sortExclusions(p.excluded, p.order)
	return p
}

// setupTable fills extra and byExtra: for every set of positions, the least
// setup beyond staying put (SetupSame each time) to visit them all, starting
// where the routine starts. With SetupSame <= SetupNear <= SetupFloor the
// cheapest order does each position's exercises together, so a routine's
// least setup is len(steps)*SetupSame plus extra of the positions it uses
// (docs/planner.md proves it; the tests compare it with Reorder).
func (p *problem) setupTable() {
	n := len(catalog.Positions)
	w := func(a, b catalog.Position) int64 { return ms(p.rules.SetupTime(a, b)) - ms(p.rules.SetupSame) }
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
		dp[1<<i][i] = w(p.rules.StartsFrom, pos)
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
		p.extra[m] = best
	}
	p.byExtra = make([]uint16, 0, 1<<n)
	for m := 1; m < 1<<n; m++ {
		p.byExtra = append(p.byExtra, uint16(m))
	}
	slices.SortStableFunc(p.byExtra, func(a, b uint16) int { return cmp.Compare(p.extra[a], p.extra[b]) })
}

// minExtra returns the least setup beyond staying put for exercises whose
// allowed positions are masks: the cheapest set of positions that has one
// for each of them.
func (p *problem) minExtra(masks []uint16) int64 {
next:
	for _, u := range p.byExtra {
		for _, m := range masks {
			if u&m == 0 {
				continue next
			}
		}
		return p.extra[u]
	}
	return 0 // no masks
}

// extraOf is minExtra for one exercise.
func (p *problem) extraOf(mask uint16) int64 { return p.minExtra([]uint16{mask}) }

// avail returns the time left for work in a plan of n exercises with the
// given setup beyond staying put.
func (p *problem) avail(n int, extra int64) int64 {
	return p.budget - p.finish - int64(n)*p.perEx - extra
}

// dominates reports whether a can take b's place in any plan without
// lowering its score or lengthening it: same type, every area and allowed
// position of b, and for each dose of b one no longer whose score makes up
// for any time it gives back.
func dominates(a, b *cand) bool {
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
		if i < 0 || pa+Points(a.rungs[i].work) < pb+Points(rb.work) {
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
			if a == c || !dominates(a, c) || (dominates(c, a) && c.order < a.order) {
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
	nodes   int
	done    bool // false when it stopped at nodeLimit
	fitting int  // candidates that fit alone, before dominance

	found   bool
	best    Points
	bestSet []int // indices into c
	bestSum int64 // the work time of the best plan, ms

	// Per depth d (d exercises chosen), the state of the current set.
	set       []int
	typeCount []int
	covered   [][]uint64
	masks     []uint16
	sums      []sumSet // the work times the set's doses can add up to, within the time
	typePts   []Points
	areaPts   []Points
	prefPts   []Points // focus and preference
	extra     []int64
	ub        [][]Points // ub[d][i]: bound on any plan adding items of the node's list[i:] to the set
	st, vs    [][]Points // per depth and list position: an item's gain, and with its longest dose
	useful    [][]bool   // per depth and list position: could the item be in a better plan
	live      [][]int    // live[d]: the candidates the nodes at depth d choose among
	topV      []Points
	topS      []Points

	unit int64 // every work time is a multiple of it, ms

	// The candidates' fields the bound reads, laid out flat for speed.
	typ     []int
	area1   []uint64 // the area bitset when it is one word
	pp      []Points // focus and preference
	minWork []int64
	maxWork []int64
	sufV    []Points // sufV[j]: the most any of c[j:] adds alone, longest dose included
	sufS    []Points // sufS[j]: the same without the work
}

func (p *problem) search() *search {
	s := &search{p: p, done: true}
	s.c, s.fitting = p.reduce()
	k := p.k
	s.set = make([]int, k)
	s.typeCount = make([]int, len(catalog.Types))
	s.masks = make([]uint16, k+1)
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
		s.useful = append(s.useful, make([]bool, len(s.c)))
		s.live = append(s.live, make([]int, 0, len(s.c)))
	}
	s.sums[0][0] = 1 // nothing chosen: zero work
	s.typePts = make([]Points, k+1)
	s.areaPts = make([]Points, k+1)
	s.prefPts = make([]Points, k+1)
	s.extra = make([]int64, k+1)
	s.topV = make([]Points, 0, k)
	s.topS = make([]Points, 0, k)
	for _, c := range s.c {
		s.typ = append(s.typ, c.typ)
		s.area1 = append(s.area1, c.areas[0])
		s.pp = append(s.pp, c.focus+c.pref)
		s.minWork = append(s.minWork, c.rungs[0].work)
		s.maxWork = append(s.maxWork, c.rungs[len(c.rungs)-1].work)
	}
	s.sufV = make([]Points, len(s.c)+1)
	s.sufS = make([]Points, len(s.c)+1)
	s.sufV[len(s.c)], s.sufS[len(s.c)] = minusInf, minusInf
	for j := len(s.c) - 1; j >= 0; j-- {
		alone := typeWeights[0] + areaWeight*Points(s.c[j].nAreas) + s.pp[j]
		s.sufS[j] = max(s.sufS[j+1], alone)
		s.sufV[j] = max(s.sufV[j+1], alone+Points(s.maxWork[j]))
	}
	s.greedy()
	s.improve()
	for j := range s.c {
		s.live[0] = append(s.live[0], j)
	}
	s.node(0, s.live[0], 0)
	return s
}

// greedy finds a good first plan, so that the bounds prune from the start:
// it adds, one at a time, the candidate that makes the best plan with those
// already chosen. push records each plan it scores.
func (s *search) greedy() {
	used := make([]bool, len(s.c))
	d := 0
	for ; d < s.p.k; d++ {
		bestJ, bestV := -1, minusInf
		for j := range s.c {
			if used[j] || !s.push(d, j) {
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
	live := s.live[d+1]
	q := 0
	for i := from; i < len(list); i++ {
		if s.found && s.ub[d][i] <= s.best {
			return
		}
		j := list[i]
		for q < len(live) && live[q] <= j {
			q++
		}
		if !s.useful[d][i] {
			continue
		}
		if s.nodes++; s.nodes > nodeLimit {
			s.done = false
			return
		}
		if !s.push(d, j) {
			continue
		}
		s.node(d+1, live, q)
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
	p := s.p
	minS, maxS := s.sums[d].min()*s.unit, s.sums[d].max()*s.unit
	avail := p.avail(d+1, s.extra[d])
	base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d]) + countPoints(d+1)
	for j := range s.c {
		if skip[j] || minS+s.minWork[j] > avail {
			continue
		}
		if base+s.gain(d, j)+min(Points(maxS+s.maxWork[j]), Points(avail)) <= s.best {
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
	minS, maxS := s.sums[d].min()*s.unit, s.sums[d].max()*s.unit
	avail := p.avail(d+1, s.extra[d])
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
		if s.found && base+min(Points(maxS)+s.sufV[j], Points(avail)+s.sufS[j]) <= s.best {
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
		if s.found && base+st+min(Points(maxS+s.maxWork[j]), Points(avail)) <= s.best {
			continue
		}
		if s.nodes++; s.nodes > nodeLimit {
			s.done = false
			return
		}
		if s.push(d, j) {
			s.typeCount[s.typ[j]]--
		}
	}
}

// insertTop keeps top, of capacity k, as the largest values seen, descending.
func insertTop(top []Points, k int, v Points) []Points {
	if len(top) < k {
		top = append(top, v)
	} else if v <= top[k-1] {
		return top
	}
	i := len(top) - 1
	for ; i > 0 && top[i-1] < v; i-- {
		top[i] = top[i-1]
	}
	top[i] = v
	return top
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

// bounds fills ub[d][i] for i >= from: an upper bound on the score of any
// plan that adds one to k-d more items from list[i:] to the current set.
// Each item's gain is bounded by what it would add alone to the current set
// (coverage only shrinks as more is chosen); the work time is bounded both
// by the items' longest doses and by the time left. It also marks, in
// useful[d], the items that could be part of a better plan at all, with the
// best others beside them, and lists them in live[d+1] for the children.
func (s *search) bounds(d int, list []int, from int) {
	p := s.p
	r := p.k - d
	minS, maxS := s.sums[d].min()*s.unit, s.sums[d].max()*s.unit
	avail1 := p.avail(d+1, s.extra[d])
	base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d])
	cov := s.covered[d]
	var typeGain [8]Points
	for t, n := range s.typeCount {
		if n < maxTypeRepeat {
			typeGain[t] = typeWeights[n]
		}
	}
	// For t more items: the time left for all the work, and base plus the
	// count penalty.
	var availT, baseT [maxExercises + 1]Points
	for t := 1; t <= r; t++ {
		availT[t] = Points(p.avail(d+t, s.extra[d]))
		baseT[t] = base + countPoints(d+t)
	}
	topV, topS := s.topV[:0], s.topS[:0]
	oneWord := s.p.words == 1
	ub := minusInf
	st, vs, fits := s.st[d], s.vs[d], s.useful[d]
	for i := len(list) - 1; i >= from; i-- {
		j := list[i]
		fits[i] = minS+s.minWork[j] <= avail1
		if fits[i] {
			var fresh int
			if oneWord {
				fresh = bits.OnesCount64(s.area1[j] &^ cov[0])
			} else {
				for w, a := range s.c[j].areas {
					fresh += bits.OnesCount64(a &^ cov[w])
				}
			}
			st[i] = typeGain[s.typ[j]] + areaWeight*Points(fresh) + s.pp[j]
			vs[i] = st[i] + Points(s.maxWork[j])
			changed := false
			if len(topS) < r || st[i] > topS[r-1] {
				topS, changed = insertTop(topS, r, st[i]), true
			}
			if len(topV) < r || vs[i] > topV[r-1] {
				topV, changed = insertTop(topV, r, vs[i]), true
			}
			if changed {
				ub = minusInf
				var cumV, cumS Points
				for t := range len(topV) {
					cumV += topV[t]
					cumS += topS[t]
					ub = max(ub, baseT[t+1]+min(cumV+Points(maxS), cumS+availT[t+1]))
				}
			}
		}
		s.ub[d][i] = ub
	}
	s.topV, s.topS = topV, topS
	// An item is useful if a plan holding it, with the best others of the
	// suffix beside it (itself perhaps among them: a looser bound), could
	// beat the best plan.
	live := s.live[d+1][:0]
	for i := from; i < len(list); i++ {
		if fits[i] && s.found {
			best := minusInf
			var cumV, cumS Points
			for t := 1; t <= r; t++ {
				best = max(best, baseT[t]+min(vs[i]+cumV+Points(maxS), st[i]+cumS+availT[t]))
				if t-1 < len(topV) {
					cumV += topV[t-1]
					cumS += topS[t-1]
				}
			}
			fits[i] = best > s.best
		}
		if fits[i] {
			live = append(live, list[i])
		}
	}
	s.live[d+1] = live
}

// push adds c[j] to the current set of d exercises if some choice of doses
// still fits, scores the new set, and keeps it if it is the best so far.
func (s *search) push(d, j int) bool {
	p, c := s.p, s.c[j]
	s.masks[d] = c.pos
	extra := p.minExtra(s.masks[:d+1])
	avail := p.avail(d+1, extra)
	if avail < 0 || !s.sums[d+1].shiftOr(s.sums[d], c.rungs, s.unit, avail/s.unit) {
		return false
	}
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
	if v := s.value(d + 1); !s.found || v > s.best {
		s.found, s.best, s.bestSum = true, v, s.sums[d+1].max()*s.unit
		s.bestSet = slices.Clone(s.set[:d+1])
	}
	return true
}

// value returns the score of the current set of d exercises, at the doses
// whose work fills the most of the time left.
func (s *search) value(d int) Points {
	sum := s.sums[d].max() * s.unit
	return s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d]) + Points(sum) + countPoints(d)
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
