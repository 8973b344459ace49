package planner

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

// solve runs the search and builds the result; ok is false when nothing fits.
func (p *problem) solve() (res Result, ok bool, err error) {
	if p.err != nil {
		return Result{}, false, p.err
	}
	s := p.search()
	if !s.found {
		return Result{}, false, nil
	}
	res, err = p.result(s)
	return res, err == nil, err
}

// result orders the best set to cut setup, pins each exercise's position,
// compiles it, scores it with Evaluate and explains it.
func (p *problem) result(s *search) (Result, error) {
	doses := s.doses()
	picked := make([]*cand, len(s.bestSet))
	amounts := map[*cand]dose.Amount{}
	for i, j := range s.bestSet {
		picked[i] = s.c[j]
		amounts[s.c[j]] = doses[i].amount
	}
	// Reorder keeps the given order among equally quick ones: start from
	// standing, then seated, then floor, in catalog order.
	slices.SortStableFunc(picked, func(a, b *cand) int {
		return cmp.Or(cmp.Compare(lowest(a.pos), lowest(b.pos)), cmp.Compare(a.order, b.order))
	})
	var steps []timeline.Step
	var order []int
	if s.bestR == 1 {
		steps, order = p.orderOnce(picked, amounts)
	} else {
		steps, order = p.orderRounds(picked, amounts, s.bestR)
	}
	choices := make([]Choice, len(steps))
	for i, k := range order {
		c := picked[k]
		steps[i] = timeline.Step{Exercise: c.ex, Amount: amounts[c], Position: steps[i].Position}
		choices[i] = Choice{Exercise: c.ex, Amount: c.ex.Dose.Fill(amounts[c]), Level: c.level, Position: steps[i].Position, Substitutions: c.subs}
	}
	res := Result{Choices: choices, Rounds: s.bestR}
	obj, tl, err := Evaluate(p.req, res.Steps(), p.rules)
	if err != nil {
		return Result{}, err
	}
	if obj.Total != s.best || tl.Duration > p.req.Budget() {
		return Result{}, unhunch.E(unhunch.EInternal, message.PlanDisagree, obj.Total, s.best, clock(tl.Duration))
	}
	res = Result{
		Request: p.req, Choices: choices, Rounds: s.bestR, Timeline: tl, Objective: obj, Excluded: p.excluded,
		Proven: s.done, Nodes: s.nodes, Doable: len(p.all), Fitting: s.fitting, Candidates: len(s.c),
	}
	restricted, easier := map[*catalog.Exercise]bool{}, map[*catalog.Exercise]bool{}
	for _, c := range picked {
		restricted[c.ex], easier[c.ex] = c.restricted, c.easier
	}
	p.explain(&res, restricted, easier, s)
	return res, nil
}

// orderOnce orders the exercises of a plan of one round: the least setup,
// standing, then seated, then floor, and within one position loosening up
// before working when that is no slower. It returns the steps, positions
// pinned, and for each the index into picked.
func (p *problem) orderOnce(picked []*cand, amounts map[*cand]dose.Amount) ([]timeline.Step, []int) {
	steps := make([]timeline.Step, len(picked))
	for i, c := range picked {
		steps[i] = timeline.Step{Exercise: c.view, Amount: amounts[c]}
	}
	order := ReorderByLevel(steps, p.rules)
	steps = Apply(steps, order)
	positions := p.rules.Positions(steps)
	for i := range steps {
		steps[i].Position = positions[i]
	}
	// In one position, loosen up before working; keep that when no slower.
	idx := make([]int, len(steps))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(positionRank(positions[a]), positionRank(positions[b])),
			cmp.Compare(typeRank()[steps[a].Exercise.Type], typeRank()[steps[b].Exercise.Type]))
	})
	if sorted := Apply(steps, idx); setupOf(sorted, p.rules) <= setupOf(steps, p.rules) {
		steps = sorted
		order = permute(order, idx)
	}
	return steps, order
}

// orderRounds orders the exercises of a plan gone through r times, in the
// same order each time, with the least setup (see roundOrder). It returns
// one round's steps, positions pinned, and for each the index into picked.
func (p *problem) orderRounds(picked []*cand, amounts map[*cand]dose.Amount, r int) ([]timeline.Step, []int) {
	masks := make([]uint16, len(picked))
	types := make([]catalog.Type, len(picked))
	for i, c := range picked {
		masks[i], types[i] = c.pos, c.ex.Type
	}
	order, pos := roundOrder(p.tours[r], p.rules, masks, types)
	steps := make([]timeline.Step, len(picked))
	for i, k := range order {
		steps[i] = timeline.Step{Exercise: picked[k].ex, Amount: amounts[picked[k]], Position: pos[i]}
	}
	return steps, order
}

// roundOrder orders exercises that may be done in the positions masks
// (bits of catalog.Positions) to go through them t.r times in one order with
// the least setup: the cheapest set of positions that has one for each
// (cover), visited once a round in the quickest tour (among equally quick
// tours, the one that goes standing, then seated, then floor), each
// exercise in the first position of the tour it can be done in, and within
// one position loosening up before working (by types), then in the given
// order. docs/planner.md ("Rounds") shows no order is quicker. It returns
// the order, as indices into masks, and the position of each in that order.
func roundOrder(t *tours, rules timeline.Rules, masks []uint16, types []catalog.Type) ([]int, []catalog.Position) {
	u, _ := t.cover(masks)
	var ps []int // indices into catalog.Positions, in the order of positionRank
	for i := range catalog.Positions {
		if u&(1<<i) != 0 {
			ps = append(ps, i)
		}
	}
	slices.SortStableFunc(ps, func(a, b int) int {
		return cmp.Compare(positionRank(catalog.Positions[a]), positionRank(catalog.Positions[b]))
	})
	tour := bestTour(rules, ps, t.r)
	at := make([]int, len(masks)) // the place in the tour each exercise is done at
	for i, m := range masks {
		at[i] = slices.IndexFunc(tour, func(q int) bool { return m&(1<<q) != 0 })
	}
	order := make([]int, len(masks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(at[a], at[b]), cmp.Compare(typeRank()[types[a]], typeRank()[types[b]]))
	})
	pos := make([]catalog.Position, len(order))
	for i, k := range order {
		pos[i] = catalog.Positions[tour[at[k]]]
	}
	return order, pos
}

// bestTour returns the positions ps (indices into catalog.Positions) in the
// order that is quickest to go through r times from the start, the first
// such order in the order of ps on a tie.
func bestTour(rules timeline.Rules, ps []int, r int) []int {
	var w [8][8]int64
	var from [8]int64
	for i, a := range catalog.Positions {
		from[i] = setupCost(rules, rules.StartsFrom, a)
		for j, b := range catalog.Positions {
			w[i][j] = setupCost(rules, a, b)
		}
	}
	var best []int
	bestCost := int64(-1)
	cur := make([]int, 0, len(ps))
	used := make([]bool, len(ps))
	var walk func(path int64)
	walk = func(path int64) {
		if len(cur) == len(ps) {
			first, last := cur[0], cur[len(cur)-1]
			cost := from[first] + int64(r)*path + int64(r-1)*w[last][first]
			if bestCost < 0 || cost < bestCost {
				best, bestCost = slices.Clone(cur), cost
			}
			return
		}
		for i, q := range ps {
			if !used[i] {
				step := int64(0)
				if len(cur) > 0 {
					step = w[cur[len(cur)-1]][q]
				}
				used[i] = true
				cur = append(cur, q)
				walk(path + step)
				cur = cur[:len(cur)-1]
				used[i] = false
			}
		}
	}
	walk(0)
	return best
}

// positionRank orders positions standing, then seated, then floor.
func positionRank(p catalog.Position) int {
	return int(p.Level())*len(catalog.Positions) + slices.Index(catalog.Positions, p)
}

// typeRank is the order of types within one position: mobility,
// stretching, posture, activation, strengthening.
var typeRank = sync.OnceValue(func() map[catalog.Type]int {
	return map[catalog.Type]int{catalog.Mobility: 0, catalog.Stretch: 1, catalog.Posture: 2, catalog.Activation: 3, catalog.Strengthen: 4}
})

// permute returns order rearranged by idx.
func permute(order, idx []int) []int {
	out := make([]int, len(idx))
	for i, k := range idx {
		out[i] = order[k]
	}
	return out
}

// lowest returns the lowest index in catalog.Positions among a mask's positions.
func lowest(mask uint16) int {
	for i := range catalog.Positions {
		if mask&(1<<i) != 0 {
			return i
		}
	}
	return len(catalog.Positions)
}

// typeWords names what each type of exercise adds.
var typeWords = sync.OnceValue(func() map[catalog.Type]message.Key {
	return map[catalog.Type]message.Key{
		catalog.Mobility:   message.PlanTypeMobility,
		catalog.Stretch:    message.PlanTypeStretch,
		catalog.Activation: message.PlanTypeActivation,
		catalog.Strengthen: message.PlanTypeStrengthen,
		catalog.Posture:    message.PlanTypePosture,
	}
})

// explain writes each choice's Why and the plan's Summary.
func (p *problem) explain(res *Result, restricted, easier map[*catalog.Exercise]bool, s *search) {
	seenType := map[catalog.Type]bool{}
	for i := range res.Choices {
		ch := &res.Choices[i]
		e := ch.Exercise
		var areas []string
		for _, a := range Areas(e) {
			areas = append(areas, AreaName(a))
		}
		what := message.Text(typeWords()[e.Type])
		var lead string
		switch {
		case !seenType[e.Type] && len(areas) > 0:
			lead = message.Text(message.PlanWhyNewFor, what, listWords(areas))
		case !seenType[e.Type]:
			lead = message.Text(message.PlanWhyNew, what)
		case len(areas) > 0:
			lead = message.Text(message.PlanWhyMoreFor, what, listWords(areas))
		default:
			lead = message.Text(message.PlanWhyMore, what)
		}
		seenType[e.Type] = true
		parts := []string{lead}
		if matchesFocus(e, p.req.focus()) {
			parts = append(parts, message.Text(message.PlanWhyFocus, p.req.focus()))
		}
		switch p.req.Ratings[e.ID] {
		case journal.Right:
			parts = append(parts, message.Text(message.PlanWhyRatedRight))
		case journal.TooEasy:
			parts = append(parts, message.Text(message.PlanWhyRatedEasy))
		case journal.TooHard:
			parts = append(parts, message.Text(message.PlanWhyRatedHard))
		}
		if w := easierWords(e, *ch); easier[e] && w != "" {
			parts = append(parts, message.Text(message.PlanWhyEasier, w))
		} else {
			parts = append(parts, doseWhy(e, ch.Amount, ch.Level))
		}
		for _, sub := range ch.Substitutions {
			parts = append(parts, message.Text(message.PlanWhySubstitute, equipmentName(sub.Uses), equipmentName(sub.Needs)))
		}
		if slices.Contains(e.Equipment, catalog.Chair) {
			parts = append(parts, message.Text(message.PlanWhyAnyChair))
		}
		if restricted[e] {
			parts = append(parts, message.Text(message.PlanWhyNoFloor, positionName(ch.Position)))
		}
		ch.Why = upperFirst(strings.Join(parts, "; ")) + "."
	}
	res.Summary = p.summary(res, s)
}

// doseWhy says how the dose relates to the person's level.
func doseWhy(e *catalog.Exercise, a, level dose.Amount) string {
	start := e.Dose.Start()
	switch {
	case a == level && level == start:
		return message.Text(message.PlanWhyStartDose)
	case a == level:
		return message.Text(message.PlanWhyAtLevel)
	}
	return message.Text(message.PlanWhyEased, e.Dose.Describe(level))
}

// summary returns the lines about the plan as a whole.
func (p *problem) summary(res *Result, s *search) []string {
	tl := res.Timeline
	n := len(res.Choices)
	count := message.Count(n, message.PlanOneExercise, message.PlanExercises)
	if res.Rounds > 1 {
		count = message.Text(message.PlanTwice, count)
	}
	out := []string{message.Text(message.PlanSummaryTakes, clock(tl.Duration), minutesWords(p.req.Minutes), count, span(tl.SetupTotal()))}
	short := Judge(tl.Duration, p.req.Budget()) == Short
	if n == p.k && !short {
		out = append(out, message.Text(message.PlanSummaryCap, p.k, minutesWords(p.req.Minutes)))
	}
	if res.Rounds > 1 {
		once := p.rules.Finish
		for _, b := range tl.Exercises[:n] {
			once += b.Duration
		}
		out = append(out, message.Text(message.PlanSummaryRounds, span(p.req.Budget()-once)))
	}
	atLevel := true
	for _, ch := range res.Choices {
		atLevel = atLevel && ch.Amount == ch.Level
	}
	switch {
	case short:
		out = append(out, message.Text(message.PlanSummaryShort, clock(tl.Duration), minutesWords(p.req.Minutes),
			int(100*tl.Duration/p.req.Budget()), reasonWords(p.shortBecause(res, s, atLevel))))
	case atLevel && p.req.Budget()-tl.Duration >= time.Minute:
		out = append(out, message.Text(message.PlanSummaryEarly))
	}
	var kept, avoided, floor, things []string
	for _, x := range res.Excluded {
		switch x.Reason {
		case KeptOut:
			kept = append(kept, x.Exercise.Name+" ("+x.Why+")")
		case Avoided:
			avoided = append(avoided, x.Exercise.Name)
		case NeedsFloor:
			floor = append(floor, x.Exercise.Name)
		case NeedsThings:
			names := make([]string, len(x.Missing))
			for i, q := range x.Missing {
				names[i] = equipmentName(q)
			}
			things = append(things, x.Exercise.Name+" ("+strings.Join(names, ", ")+")")
		}
	}
	if len(kept) > 0 {
		out = append(out, message.Text(message.PlanSummaryKeptOut, strings.Join(kept, ", ")))
	}
	if len(avoided) > 0 {
		out = append(out, message.Text(message.PlanSummaryAvoided, strings.Join(avoided, ", ")))
	}
	if len(floor) > 0 {
		out = append(out, message.Text(message.PlanSummaryNoFloor, strings.Join(floor, ", ")))
	}
	if len(things) > 0 {
		out = append(out, message.Text(message.PlanSummaryNoThing, strings.Join(things, ", ")))
	}
	if !res.Proven {
		out = append(out, message.Text(message.PlanSummaryUnprove))
	}
	return out
}

// shortBecause says why a plan uses less than FillShare of the time asked
// for: what holds the number of exercises, the rounds and the doses back.
func (p *problem) shortBecause(res *Result, s *search, atLevel bool) []string {
	var why []string
	n := len(res.Choices)
	in := map[*catalog.Exercise]bool{}
	masks := make([]uint16, 0, n+1)
	for _, j := range s.bestSet {
		in[s.c[j].ex] = true
		masks = append(masks, s.c[j].pos)
	}
	switch {
	case n == len(p.all):
		key := message.PlanShortEvery
		if slices.ContainsFunc(p.excluded, func(x Exclusion) bool { return x.Reason == NeedsFloor || x.Reason == NeedsThings }) {
			key = message.PlanShortMore
		}
		why = append(why, message.Text(key))
	case n == p.k:
		why = append(why, message.Text(message.PlanShortCap, minutesWords(p.req.Minutes), p.k))
	default:
		// Another exercise, at its lowest dose, in every round: does it fit?
		r := int64(res.Rounds)
		fits := false
		for _, c := range p.all {
			if in[c.ex] {
				continue
			}
			_, extra := p.cover(res.Rounds, append(masks, c.pos))
			if p.finish+r*int64(n+1)*p.perEx+extra+r*(s.bestSum+c.rungs[0].work) <= p.budget {
				fits = true
				break
			}
		}
		if fits {
			why = append(why, message.Text(message.PlanShortNotWorth))
		} else {
			why = append(why, message.Text(message.PlanShortNoneFits, span(p.req.Budget()-res.Timeline.Duration)))
		}
	}
	if res.Rounds >= MaxRounds {
		why = append(why, message.Text(message.PlanShortTwice))
	} else if tl, err := timeline.Compile(Result{Choices: res.Choices, Rounds: res.Rounds + 1}.Steps(), p.rules); err == nil {
		why = append(why, message.Text(message.PlanShortNoSecond, clock(tl.Duration)))
	}
	if atLevel {
		why = append(why, message.Text(message.PlanShortLevel))
	} else {
		why = append(why, message.Text(message.PlanShortEased))
	}
	return why
}

func equipmentName(q catalog.Equipment) string {
	return message.EquipmentWords.Text(string(q))
}

func positionName(p catalog.Position) string {
	return message.PositionWords.Text(string(p))
}

// listWords joins words as "a, b and c".
func listWords(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " " + message.Text(message.PlanAnd) + " " + ws[len(ws)-1]
}

// reasonWords joins reasons that may hold commas as "a; b; and c".
func reasonWords(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], "; ") + "; " + message.Text(message.PlanAnd) + " " + ws[len(ws)-1]
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// span renders a duration briefly: "5 s", "1:30".
func span(d time.Duration) string {
	if d >= time.Minute {
		return clock(d)
	}
	return message.Text(message.PlanSeconds, int(d/time.Second))
}
