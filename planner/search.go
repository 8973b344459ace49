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
	ex      *catalog.Exercise
	view    *catalog.Exercise // ex with only the allowed positions, if that differs
	order   int               // index in the catalog: the last tie-break
	typ     int               // index in catalog.Types
	areas   []uint64          // bitset over problem.areaIDs
	pos     uint16            // allowed positions, bit i for catalog.Positions[i]
	focus   Points
	pref    Points
	level   dose.Amount
	rungs   []rung // ascending work
	subs    []Substitution
	alone   Points // what it scores with nothing else: type, areas, focus, preference, top work
	restrct bool   // some of its positions are on the floor and the floor is out
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
			cd.view, cd.restrct = &v, true
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
	sums      [][]int64 // reachable work sums within the time, ascending
	typePts   []Points
	areaPts   []Points
	prefPts   []Points // focus and preference
	extra     []int64
	ub        [][]Points // ub[d][j]: bound on any plan adding c[j:] items to the set
	topV      []Points
	topS      []Points
}

func (p *problem) search() *search {
	s := &search{p: p, done: true}
	s.c, s.fitting = p.reduce()
	k := p.k
	s.set = make([]int, k)
	s.typeCount = make([]int, len(catalog.Types))
	s.masks = make([]uint16, k+1)
	s.covered = make([][]uint64, k+1)
	s.sums = make([][]int64, k+1)
	s.ub = make([][]Points, k+1)
	for d := range k + 1 {
		s.covered[d] = make([]uint64, p.words)
		s.ub[d] = make([]Points, len(s.c))
	}
	s.sums[0] = []int64{0}
	s.typePts = make([]Points, k+1)
	s.areaPts = make([]Points, k+1)
	s.prefPts = make([]Points, k+1)
	s.extra = make([]int64, k+1)
	s.topV = make([]Points, 0, k)
	s.topS = make([]Points, 0, k)
	s.node(0, 0)
	return s
}

const minusInf = Points(-1) << 62

func countPoints(n int) Points { return -countPenalty * Points(max(0, n-comfortable)) }

// node tries every way to add one more candidate from c[start:] to the
// current set of d exercises, most promising first, while the bound says
// something better may be there.
func (s *search) node(d, start int) {
	if d == s.p.k {
		return
	}
	s.bounds(d, start)
	for j := start; j < len(s.c); j++ {
		if s.found && s.ub[d][j] <= s.best {
			return
		}
		if s.nodes++; s.nodes > nodeLimit {
			s.done = false
			return
		}
		if !s.push(d, j) {
			continue
		}
		s.node(d+1, j+1)
		s.typeCount[s.c[j].typ]--
		if !s.done {
			return
		}
	}
}

// insertTop keeps top, of capacity k, as the largest values seen, descending.
func insertTop(top []Points, k int, v Points) []Points {
	if len(top) == k {
		if v <= top[k-1] {
			return top
		}
		top = top[:k-1]
	}
	i, _ := slices.BinarySearchFunc(top, v, func(a, b Points) int { return cmp.Compare(b, a) })
	return slices.Insert(top, i, v)
}

// bounds fills ub[d][j] for j >= start: an upper bound on the score of any
// plan that adds one to k-d more items from c[j:] to the current set. Each
// item's gain is bounded by what it would add alone to the current set
// (coverage only shrinks as more is chosen); the work time is bounded both
// by the items' longest doses and by the time left.
func (s *search) bounds(d, start int) {
	p := s.p
	r := p.k - d
	sums := s.sums[d]
	minS, maxS := sums[0], sums[len(sums)-1]
	avail1 := p.avail(d+1, s.extra[d])
	base := s.typePts[d] + s.areaPts[d] + s.prefPts[d] - setupWeight*Points(s.extra[d])
	cov := s.covered[d]
	topV, topS := s.topV[:0], s.topS[:0]
	for j := len(s.c) - 1; j >= start; j-- {
		c := s.c[j]
		if minS+c.rungs[0].work <= avail1 {
			var st Points
			if n := s.typeCount[c.typ]; n < maxTypeRepeat {
				st = typeWeights[n]
			}
			fresh := 0
			for w, a := range c.areas {
				fresh += bits.OnesCount64(a &^ cov[w])
			}
			st += areaWeight*Points(fresh) + c.focus + c.pref
			topS = insertTop(topS, r, st)
			topV = insertTop(topV, r, st+Points(c.rungs[len(c.rungs)-1].work))
		}
		ub := minusInf
		var cumV, cumS Points
		for t := range len(topV) {
			cumV += topV[t]
			cumS += topS[t]
			work := min(cumV+Points(maxS), cumS+Points(p.avail(d+t+1, s.extra[d])))
			ub = max(ub, base+work+countPoints(d+t+1))
		}
		s.ub[d][j] = ub
	}
	s.topV, s.topS = topV, topS
}

// push adds c[j] to the current set of d exercises if some choice of doses
// still fits, scores the new set, and keeps it if it is the best so far.
func (s *search) push(d, j int) bool {
	p, c := s.p, s.c[j]
	s.masks[d] = c.pos
	extra := p.minExtra(s.masks[:d+1])
	avail := p.avail(d+1, extra)
	src := s.sums[d]
	dst := s.sums[d+1][:0]
	for _, a := range src {
		for _, r := range c.rungs {
			if a+r.work > avail {
				break
			}
			dst = append(dst, a+r.work)
		}
	}
	s.sums[d+1] = dst
	if len(dst) == 0 {
		return false
	}
	if len(src) > 1 && len(c.rungs) > 1 {
		slices.Sort(dst)
		s.sums[d+1] = slices.Compact(dst)
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
	sum := s.sums[d+1][len(s.sums[d+1])-1]
	v := s.typePts[d+1] + s.areaPts[d+1] + s.prefPts[d+1] - setupWeight*Points(extra) + Points(sum) + countPoints(d+1)
	if !s.found || v > s.best {
		s.found, s.best, s.bestSum = true, v, sum
		s.bestSet = slices.Clone(s.set[:d+1])
	}
	return true
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
