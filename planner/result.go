package planner

import (
	"cmp"
	"slices"
	"strings"
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
			cmp.Compare(typeRank[steps[a].Exercise.Type], typeRank[steps[b].Exercise.Type]))
	})
	if sorted := Apply(steps, idx); setupOf(sorted, p.rules) <= setupOf(steps, p.rules) {
		steps = sorted
		order = permute(order, idx)
	}
	choices := make([]Choice, len(steps))
	for i, k := range order {
		c := picked[k]
		steps[i] = timeline.Step{Exercise: c.ex, Amount: amounts[c], Position: steps[i].Position}
		choices[i] = Choice{Exercise: c.ex, Amount: c.ex.Dose.Fill(amounts[c]), Level: c.level, Position: steps[i].Position, Substitutions: c.subs}
	}
	obj, tl, err := Evaluate(p.req, steps, p.rules)
	if err != nil {
		return Result{}, err
	}
	if obj.Total != s.best || tl.Duration > p.req.Budget() {
		return Result{}, unhunch.Errorf(unhunch.EInternal, "%s", message.Text(message.PlanDisagree, obj.Total, s.best, clock(tl.Duration)))
	}
	res := Result{
		Request: p.req, Choices: choices, Timeline: tl, Objective: obj, Excluded: p.excluded,
		Proven: s.done, Nodes: s.nodes, Doable: len(p.all), Fitting: s.fitting, Candidates: len(s.c),
	}
	restricted := map[*catalog.Exercise]bool{}
	for _, c := range picked {
		restricted[c.ex] = c.restricted
	}
	p.explain(&res, restricted)
	return res, nil
}

// positionRank orders positions standing, then seated, then floor.
func positionRank(p catalog.Position) int {
	return int(p.Level())*len(catalog.Positions) + slices.Index(catalog.Positions, p)
}

// typeRank is the order of types within one position: mobility,
// stretching, posture, activation, strengthening.
var typeRank = map[catalog.Type]int{catalog.Mobility: 0, catalog.Stretch: 1, catalog.Posture: 2, catalog.Activation: 3, catalog.Strengthen: 4}

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
var typeWords = map[catalog.Type]message.Key{
	catalog.Mobility:   message.PlanTypeMobility,
	catalog.Stretch:    message.PlanTypeStretch,
	catalog.Activation: message.PlanTypeActivation,
	catalog.Strengthen: message.PlanTypeStrengthen,
	catalog.Posture:    message.PlanTypePosture,
}

// explain writes each choice's Why and the plan's Summary.
func (p *problem) explain(res *Result, restricted map[*catalog.Exercise]bool) {
	seenType := map[catalog.Type]bool{}
	for i := range res.Choices {
		ch := &res.Choices[i]
		e := ch.Exercise
		var areas []string
		for _, a := range Areas(e) {
			areas = append(areas, AreaName(a))
		}
		what := message.Text(typeWords[e.Type])
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
		parts = append(parts, doseWhy(e, ch.Amount, ch.Level))
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
	res.Summary = p.summary(res)
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
func (p *problem) summary(res *Result) []string {
	tl := res.Timeline
	n := len(res.Choices)
	out := []string{message.Text(message.PlanSummaryTakes, clock(tl.Duration), minutesWords(p.req.Minutes),
		message.Count(n, message.PlanOneExercise, message.PlanExercises), span(tl.SetupTotal()))}
	if n == p.k {
		out = append(out, message.Text(message.PlanSummaryCap, p.k, minutesWords(p.req.Minutes)))
	}
	atLevel := true
	for _, ch := range res.Choices {
		atLevel = atLevel && ch.Amount == ch.Level
	}
	if atLevel && p.req.Budget()-tl.Duration >= time.Minute {
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

func equipmentName(q catalog.Equipment) string {
	return message.Text(message.Key("equipment." + string(q)))
}

func positionName(p catalog.Position) string {
	return message.Text(message.Key("position." + string(p)))
}

// listWords joins words as "a, b and c".
func listWords(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " " + message.Text(message.PlanAnd) + " " + ws[len(ws)-1]
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
