package planner

import (
	"cmp"
	"errors"
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

// Focus is what a plan leans toward, as a person asks for it.
type Focus string

// The focuses a request may ask for.
const (
	Balanced Focus = "balanced" // every type of work counts the same
	Mobility Focus = "mobility" // mobility, stretching and self-massage
	Strength Focus = "strength" // strengthening, activation and stability
	Posture  Focus = "posture"  // posture and activation
)

// Focuses lists every focus, the default first.
var Focuses = []Focus{Balanced, Mobility, Strength, Posture}

// Request is what a person asks the planner for: minutes, equipment at
// hand, whether the floor is possible, a focus and exercises to avoid.
type Request struct {
	Minutes   int                       // the time they have, 1–30
	Equipment []catalog.Equipment       // what they have at hand; empty for none
	Floor     bool                      // whether they can get down on the floor
	Focus     Focus                     // "" means Balanced
	Avoid     []string                  // exercise ids to leave out as the person asked (their avoid list)
	KeptOut   map[string]string         // exercise ids safety keeps out (a stop, a condition), with why in words
	Levels    map[string]dose.Amount    // their current dose per exercise; missing means the starting dose
	Ratings   map[string]journal.Rating // their most recent rating per exercise
	// Easier lists the exercises the person is on the easier option of
	// (progress.Level.Easier: rated too hard at the starting dose): the
	// plan gives that option, as a routine would (easierOption).
	Easier map[string]bool
}

func (r Request) focus() Focus {
	if r.Focus == "" {
		return Balanced
	}
	return r.Focus
}

// Budget returns the time the request allows.
func (r Request) Budget() time.Duration { return time.Duration(r.Minutes) * time.Minute }

// Check reports the first thing wrong with the request, naming it: minutes
// outside 1–30, unknown equipment or focus (EInvalid), or an exercise to
// avoid that c does not have (ENotFound).
func (r Request) Check(c *catalog.Catalog) error {
	if r.Minutes < MinMinutes || r.Minutes > MaxMinutes {
		return unhunch.E(unhunch.EInvalid, message.PlanBadMinutes, r.Minutes, MinMinutes, MaxMinutes)
	}
	for _, q := range r.Equipment {
		if !q.Known() {
			return unhunch.E(unhunch.EInvalid, message.PlanBadEquipment, q, equipmentList())
		}
	}
	if !slices.Contains(Focuses, r.focus()) {
		return unhunch.E(unhunch.EInvalid, message.PlanBadFocus, r.Focus, focusList())
	}
	for _, id := range r.Avoid {
		if _, ok := c.Exercise(id); !ok {
			return unhunch.E(unhunch.ENotFound, message.PlanNoExercise, id)
		}
	}
	return nil
}

func equipmentList() string {
	s := make([]string, len(catalog.EquipmentIDs))
	for i, q := range catalog.EquipmentIDs {
		s[i] = string(q)
	}
	return strings.Join(s, ", ")
}

func focusList() string {
	s := make([]string, len(Focuses))
	for i, f := range Focuses {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

// Substitution is one piece of equipment standing in for another.
type Substitution struct {
	Needs catalog.Equipment `json:"needs"` // what the exercise lists
	Uses  catalog.Equipment `json:"uses"`  // what the person has instead
}

// Choice is one exercise of a plan, as it will be done.
type Choice struct {
	Exercise      *catalog.Exercise
	Amount        dose.Amount      // every field the dose uses filled in
	Level         dose.Amount      // the person's level, within the dose's range
	Position      catalog.Position // the position it is done in
	Substitutions []Substitution   // equipment standing in for what it lists
	Why           string           // one line: why it is in the plan, at this dose
}

// Reason says why an exercise could not be part of any plan for a request.
type Reason string

// Reasons an exercise is left out before the search.
const (
	Avoided     Reason = "avoided"      // the request asked to avoid it
	KeptOut     Reason = "kept-out"     // safety keeps it out for this person (Request.KeptOut)
	NeedsFloor  Reason = "needs-floor"  // every position is on the floor and the floor is out
	NeedsThings Reason = "needs-things" // it needs equipment the person lacks, with no substitute
)

// Exclusion is an exercise left out before the search, and why.
type Exclusion struct {
	Exercise *catalog.Exercise
	Reason   Reason
	Missing  []catalog.Equipment // for NeedsThings: what is lacking
	Why      string              // for KeptOut: why, in words
}

// Result is the best plan for a request, explained.
type Result struct {
	Request   Request
	Choices   []Choice           // in the order to do them, each once: Steps repeats them for every round
	Timeline  *timeline.Timeline // the compiled plan; Duration <= the budget
	Objective Objective          // its score, equal to Evaluate of its steps
	Summary   []string           // lines about the plan as a whole
	Excluded  []Exclusion        // exercises no plan for this request could use
	Rounds    int                // how many times the plan goes through Choices, in order: 1 or 2
	Proven    bool               // the search finished, so no plan in the search space scores higher
	Nodes     int                // sets of exercises the search looked at

	Doable     int // exercises the person can do here
	Fitting    int // of those, the ones that fit the minutes alone
	Candidates int // of those, the ones left after dominance, which the search considered
}

// Steps returns the plan as timeline steps, positions and amounts fixed:
// the choices in order, once for each round, each step of a plan of two
// rounds numbered with its round.
func (r Result) Steps() []timeline.Step {
	steps := make([]timeline.Step, 0, len(r.Choices)*max(r.Rounds, 1))
	for round := range max(r.Rounds, 1) {
		for _, ch := range r.Choices {
			steps = append(steps, timeline.Step{Exercise: ch.Exercise, Amount: ch.Amount, Position: ch.Position, Round: roundNumber(round, r.Rounds)})
		}
	}
	return steps
}

// Items returns the plan as the entries of a catalog routine, every round
// written out.
func (r Result) Items() []catalog.Item {
	items := make([]catalog.Item, 0, len(r.Choices)*max(r.Rounds, 1))
	for round := range max(r.Rounds, 1) {
		for _, ch := range r.Choices {
			items = append(items, catalog.Item{ID: ch.Exercise.ID, Amount: ch.Amount, Position: ch.Position, Round: roundNumber(round, r.Rounds)})
		}
	}
	return items
}

// roundNumber is the Round of a step in the 0-based round i of a plan of
// the given rounds: 0 (no rounds) for a plan that goes through once.
func roundNumber(i, rounds int) int {
	if rounds <= 1 {
		return 0
	}
	return i + 1
}

// NothingFits is the cause of Plan's error when no plan fits the minutes:
// what the quickest possible exercise takes, and the closest plan that fits
// with more minutes or, failing that, with the floor allowed.
type NothingFits struct {
	Minutes  int
	Quickest *catalog.Exercise // nil when no exercise at all can be done here
	// QuickestTakes is the quickest exercise alone as a routine: intro,
	// setup, work at the starting dose and finish.
	QuickestTakes time.Duration
	Closest       *Result // nil when there is none
}

// Error describes the problem in words.
func (n *NothingFits) Error() string {
	return message.Text(message.PlanNothingFits, minutesWords(n.Minutes))
}

// minutesWords renders a number of minutes: "1 minute", "5 minutes".
func minutesWords(m int) string { return message.Count(m, message.PlanMinute, message.PlanMinutes) }

// Plan returns the best plan for req from c's exercises, timed by rules: the
// highest-scoring routine (docs/planner.md) that compiles to no more than
// req.Minutes and holds only exercises the person can do, none avoided, at
// doses between the starting dose and their level. It is deterministic.
//
// It fails with EInvalid or ENotFound for a bad request (see Request.Check),
// and with EInvalid wrapping a *NothingFits when nothing fits.
//
// Each call prepares c first; a caller that plans many times on one
// catalog keeps an Index (NewIndex) and calls its Plan instead.
func Plan(req Request, c *catalog.Catalog, rules timeline.Rules) (Result, error) {
	if err := req.Check(c); err != nil {
		return Result{}, err
	}
	if err := checkRules(rules); err != nil {
		return Result{}, err
	}
	return plan(req, NewIndex(c, rules))
}

// plan is Plan on x's catalog and rules, for a request and rules already
// checked.
func plan(req Request, x *Index) (Result, error) {
	p := newProblem(req, x)
	res, ok, err := p.solve()
	if err != nil {
		return Result{}, err
	}
	if ok {
		return res, nil
	}
	nf := &NothingFits{Minutes: req.Minutes}
	nf.Quickest, nf.QuickestTakes = p.quickest()
	if cl, ok := closest(req, x); ok {
		nf.Closest = &cl
	}
	msg := message.Text(message.PlanNothingFitsDetail, minutesWords(req.Minutes), p.detail(nf))
	return Result{}, &unhunch.Error{Code: unhunch.EInvalid, Message: msg, Err: nf}
}

// closest returns the plan for the fewest extra minutes that fits, or, if
// no budget up to 30 minutes does and the floor was out, with the floor.
func closest(req Request, x *Index) (Result, bool) {
	try := func(r Request) (Result, bool) {
		for m := r.Minutes; m <= MaxMinutes; m++ {
			r.Minutes = m
			if res, ok, err := newProblem(r, x).solve(); err == nil && ok {
				return res, true
			}
		}
		return Result{}, false
	}
	more := req
	more.Minutes++
	if more.Minutes <= MaxMinutes {
		if res, ok := try(more); ok {
			return res, true
		}
	}
	if !req.Floor {
		floor := req
		floor.Floor = true
		return try(floor)
	}
	return Result{}, false
}

// AsNothingFits returns the *NothingFits in err's chain, if any.
func AsNothingFits(err error) (*NothingFits, bool) {
	var nf *NothingFits
	ok := errors.As(err, &nf)
	return nf, ok
}

// quickest returns the exercise that, alone, makes the shortest routine, and
// that routine's duration; nil when no exercise can be done at all.
func (p *problem) quickest() (*catalog.Exercise, time.Duration) {
	var best *catalog.Exercise
	var bestD time.Duration
	for _, cd := range p.all {
		d := p.rules.Finish + p.rules.Intro + p.rules.SetupSame + time.Duration(p.extraOf(cd.pos)+cd.rungs[0].work)*time.Millisecond
		if best == nil || d < bestD {
			best, bestD = cd.ex, d
		}
	}
	return best, bestD
}

// detail says, after "nothing fits in N minutes", why.
func (p *problem) detail(nf *NothingFits) string {
	if nf.Quickest == nil {
		return message.Text(message.PlanNothingPossible)
	}
	return message.Text(message.PlanQuickest, nf.Quickest.Name, clock(nf.QuickestTakes))
}

// clock renders a duration as m:ss.
func clock(d time.Duration) string { return timeline.String(d) }

// levelOf returns the person's level for e, within the dose's range: missing
// fields are the starting dose, and values outside the range are moved to
// its nearest end.
func levelOf(e *catalog.Exercise, req Request) dose.Amount {
	d := e.Dose.Normalize()
	a := d.Fill(req.Levels[e.ID])
	clamp := func(v int, r dose.Range) int {
		if r.IsZero() {
			return 0
		}
		return min(max(v, r.Min), r.Max)
	}
	return dose.Amount{
		Reps: clamp(a.Reps, d.Reps), Hold: clamp(a.Hold, d.Hold), HoldBreaths: clamp(a.HoldBreaths, d.HoldBreaths),
		Seconds: clamp(a.Seconds, d.Seconds), Sets: clamp(a.Sets, d.Sets),
	}
}

// maxRungs is the most doses the search tries per exercise.
const maxRungs = 5

// Ladder returns the doses the planner may give e for a person at level: up
// to five, evenly spaced from the starting dose to the level (both ends
// included), every field moved in proportion and rounded down. A level
// outside the dose's range counts as its nearest end.
func Ladder(e *catalog.Exercise, level dose.Amount) []dose.Amount {
	d := e.Dose.Normalize()
	s := d.Start()
	l := levelOf(e, Request{Levels: map[string]dose.Amount{e.ID: level}})
	span := max(l.Reps-s.Reps, l.Hold-s.Hold, l.HoldBreaths-s.HoldBreaths, l.Seconds-s.Seconds, l.Sets-s.Sets)
	steps := min(span, maxRungs-1)
	if steps <= 0 {
		return []dose.Amount{s}
	}
	out := make([]dose.Amount, 0, steps+1)
	at := func(from, to, k int) int { return from + (to-from)*k/steps }
	for k := range steps + 1 {
		out = append(out, dose.Amount{
			Reps: at(s.Reps, l.Reps, k), Hold: at(s.Hold, l.Hold, k), HoldBreaths: at(s.HoldBreaths, l.HoldBreaths, k),
			Seconds: at(s.Seconds, l.Seconds, k), Sets: at(s.Sets, l.Sets, k),
		})
	}
	return out
}

// easierOption narrows how e may be done to its easier way, for a person
// on the easier option (Request.Easier; dose.Variant; docs/safety.md,
// "Progression"): in the variant's position when the person may use it
// (seated cat-cow), with the variant's equipment in place of what it
// stands in for when they have it (a rolled towel for the foam roller),
// as a routine of theirs would (person.Prepare). It returns the positions
// allowed (also as bits of catalog.Positions), the substitutions, and
// whether the position is now the variant's.
func easierOption(e *catalog.Exercise, have []catalog.Equipment, allowed []catalog.Position, mask uint16, subs []Substitution) ([]catalog.Position, uint16, []Substitution, bool) {
	v := e.Dose.Variant
	if v == nil {
		return allowed, mask, subs, false
	}
	pinned := false
	if p := catalog.Position(v.Position); p != "" && slices.Contains(allowed, p) {
		allowed, mask, pinned = []catalog.Position{p}, 1<<slices.Index(catalog.Positions, p), true
	}
	if q := catalog.Equipment(v.Use); q != "" && slices.Contains(have, q) {
		var out []Substitution
		for _, need := range e.Equipment {
			switch i := slices.IndexFunc(subs, func(s Substitution) bool { return s.Needs == need }); {
			case slices.Contains(e.Substitutes[need], q):
				out = append(out, Substitution{Needs: need, Uses: q})
			case i >= 0:
				out = append(out, subs[i])
			}
		}
		subs = out
	}
	return allowed, mask, subs, pinned
}

// easierWords says what the easier option of e is in a plan whose choice
// is ch: the way it is done (its position or equipment) when the plan
// does it that way, else the easier amount against the starting dose.
func easierWords(e *catalog.Exercise, ch Choice) string {
	if v := e.Dose.Variant; v != nil {
		if v.Position != "" && ch.Position == catalog.Position(v.Position) && len(e.Positions) > 0 {
			return message.Text(message.EasierPosition, message.PositionWords.Text(v.Position), message.PositionWords.Text(string(e.Positions[0])))
		}
		for _, s := range ch.Substitutions {
			if string(s.Uses) == v.Use {
				return message.Text(message.EasierUse, message.EquipmentWords.Text(v.Use), message.EquipmentWords.Text(string(s.Needs)))
			}
		}
		return "" // the easier way is not possible here: the usual way at the starting dose
	}
	return message.Text(message.EasierAmount, e.Dose.Describe(ch.Amount), e.Dose.Describe(e.Dose.Start()))
}

// substitutes returns what stands in for e's equipment given what the person
// has, or the items nothing stands in for.
func substitutes(e *catalog.Exercise, have []catalog.Equipment) (subs []Substitution, missing []catalog.Equipment) {
	for _, q := range e.Equipment {
		if slices.Contains(have, q) {
			continue
		}
		found := false
		for _, s := range e.Substitutes[q] {
			if slices.Contains(have, s) {
				subs = append(subs, Substitution{Needs: q, Uses: s})
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, q)
		}
	}
	return subs, missing
}

// sortExclusions orders exclusions by reason, then catalog order.
func sortExclusions(ex []Exclusion, order map[*catalog.Exercise]int) {
	rank := map[Reason]int{KeptOut: 0, Avoided: 1, NeedsFloor: 2, NeedsThings: 3}
	slices.SortStableFunc(ex, func(a, b Exclusion) int {
		return cmp.Or(cmp.Compare(rank[a.Reason], rank[b.Reason]), cmp.Compare(order[a.Exercise], order[b.Exercise]))
	})
}
