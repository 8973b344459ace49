package planner

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

// Points are the unit of the objective, kept in thousandths of a point so
// that one millisecond of exercise is worth exactly one: every sum is an
// exact integer and the same plan always scores the same.
type Points int64

// pt is one whole point.
const pt Points = 1000

// Float returns p in whole points.
func (p Points) Float() float64 { return float64(p) / float64(pt) }

// String renders p in whole points with up to three decimals.
func (p Points) String() string { return strconv.FormatFloat(p.Float(), 'f', -1, 64) }

// The weights of the objective; docs/planner.md explains each one.
var (
	// typeWeights[k] is what the (k+1)-th exercise of one type adds: the
	// first of a kind counts most, repeats count less and less.
	typeWeights = [...]Points{100 * pt, 50 * pt, 25 * pt, 10 * pt, 5 * pt}
	// ratingWeights is what the person's most recent rating adds.
	ratingWeights = map[journal.Rating]Points{journal.Right: 30 * pt, journal.TooEasy: 20 * pt, journal.TooHard: -80 * pt}
	// difficultyWeights prefers easier exercises, as the seeds advise for a start.
	difficultyWeights = map[catalog.Difficulty]Points{catalog.Easy: 10 * pt, catalog.Moderate: 0, catalog.Harder: -20 * pt}
)

const (
	areaWeight    = 30 * pt  // each target area the plan reaches
	focusWeight   = 100 * pt // each exercise that matches the focus: as much as a new type
	workWeight    = 1        // each millisecond of exercise: one point a second
	setupWeight   = 3        // each millisecond of setup beyond staying put: three points a second
	countPenalty  = 50 * pt  // each exercise beyond comfortable
	comfortable   = 4        // adherence falls once programs pass about four exercises
	maxExercises  = 7        // MaxExercises from 15 minutes: the seeds' 15-minute routine has seven
	maxTypeRepeat = len(typeWeights)
)

// The budgets a request may ask for, in minutes (plan --minutes 1 to 30).
const (
	MinMinutes = 1  // the shortest budget
	MaxMinutes = 30 // the longest budget
)

// MaxExercises returns the most distinct exercises a plan for the given
// minutes may hold: fewer when time is short, never more than seven.
func MaxExercises(minutes int) int {
	switch {
	case minutes <= 2:
		return 2
	case minutes <= 5:
		return 3
	case minutes <= 7:
		return 5
	case minutes <= 14:
		return 6
	}
	return maxExercises
}

// MaxRounds is the most times a plan goes through its exercises: once, or
// a second time at the same doses when one round leaves time unused. Doses
// never go above the person's level to fill the time: progression alone
// raises them.
const MaxRounds = 2

// Objective is a plan's score and its parts, in points; higher is better.
// Total is the sum of the other fields.
type Objective struct {
	Total      Points `json:"total"`
	Types      Points `json:"types"`      // coverage of exercise types
	Areas      Points `json:"areas"`      // coverage of target areas
	Focus      Points `json:"focus"`      // exercises that match the focus
	Preference Points `json:"preference"` // ratings and difficulty
	Time       Points `json:"time"`       // the time spent exercising
	Setup      Points `json:"setup"`      // position changes (zero or less)
	Count      Points `json:"count"`      // exercises beyond four (zero or less)
}

func (o *Objective) sum() {
	o.Total = o.Types + o.Areas + o.Focus + o.Preference + o.Time + o.Setup + o.Count
}

// focusWords lists the types and tags each focus favours.
var focusWords = sync.OnceValue(func() map[Focus][]string {
	return map[Focus][]string{
		Balanced: nil,
		Mobility: {string(catalog.Mobility), string(catalog.Stretch), "self-massage"},
		Strength: {string(catalog.Strengthen), string(catalog.Activation), "stability"},
		Posture:  {string(catalog.Posture), string(catalog.Activation)},
	}
})

// matchesFocus reports whether e's type or one of its tags is favoured by f.
func matchesFocus(e *catalog.Exercise, f Focus) bool {
	words := focusWords()[f]
	if slices.Contains(words, string(e.Type)) {
		return true
	}
	for _, t := range e.Tags {
		if slices.Contains(words, strings.ToLower(t)) {
			return true
		}
	}
	return false
}

// preference returns the points e earns on its own: focus, rating, difficulty.
func preference(e *catalog.Exercise, req Request) (focus, pref Points) {
	if matchesFocus(e, req.focus()) {
		focus = focusWeight
	}
	pref = difficultyWeights[e.Difficulty] + ratingWeights[req.Ratings[e.ID]]
	return focus, pref
}

// typePoints returns what n exercises of one type add together.
func typePoints(n int) Points {
	var p Points
	for k := range min(n, maxTypeRepeat) {
		p += typeWeights[k]
	}
	return p
}

// areaOf maps the target names of the built-in catalog to the areas the
// planner counts. Targets it does not know are areas of their own.
var areaOf = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"neck": "neck", "side of the neck": "neck", "deep neck flexors": "neck",
		"levator scapulae": "neck", "upper trapezius": "neck",
		"shoulders": "shoulders", "front of the shoulders": "shoulders", "back of the shoulder": "shoulders",
		"rhomboids": "shoulder-blades", "middle trapezius": "shoulder-blades", "lower trapezius": "shoulder-blades",
		"trapezius": "shoulder-blades", "top of the shoulder blade": "shoulder-blades",
		"chest": "chest", "pectoralis major": "chest", "pectoralis minor": "chest",
		"upper back": "upper-back", "thoracic spine": "upper-back",
		"mid back": "mid-back", "spinal extensors": "mid-back", "latissimus dorsi": "mid-back",
		"lower back":      "lower-back",
		"deep abdominals": "trunk", "glutes": "trunk",
	}
})

// Areas returns the target areas an exercise reaches, each once, in the
// order its targets name them. Known areas are ids such as "upper-back";
// a target the planner does not know is an area of its own, written
// "target:" followed by the target in lower case.
func Areas(e *catalog.Exercise) []string {
	var out []string
	for _, t := range e.Targets {
		t = strings.ToLower(strings.TrimSpace(t))
		a, ok := areaOf()[t]
		if !ok {
			a = "target:" + t
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// AreaIDs returns every area id the planner knows, each once, sorted: the
// values of message.AreaWords.
func AreaIDs() []string {
	var out []string
	for _, a := range areaOf() {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// AreaName returns an area of Areas in words.
func AreaName(area string) string {
	if t, ok := strings.CutPrefix(area, "target:"); ok {
		return t
	}
	return message.AreaWords.Text(area)
}

// Evaluate compiles steps in the order given and scores them for req. It is
// the objective's definition (docs/planner.md): Plan's search computes the
// same figures piece by piece, and the tests hold the two equal. Every
// figure comes from the compiled timeline, which it also returns. An
// exercise that comes back (a second round) adds its time and setup again;
// its type, areas, focus, preference and place in the count, only once.
func Evaluate(req Request, steps []timeline.Step, rules timeline.Rules) (Objective, *timeline.Timeline, error) {
	if err := checkRules(rules); err != nil {
		return Objective{}, nil, err
	}
	tl, err := timeline.Compile(steps, rules)
	if err != nil {
		return Objective{}, nil, err
	}
	var o Objective
	types := map[catalog.Type]int{}
	areas := map[string]bool{}
	seen := map[string]bool{}
	for i, st := range steps {
		b := tl.Exercises[i]
		o.Time += workWeight * Points((b.Duration - rules.Intro - b.Setup).Milliseconds())
		o.Setup -= setupWeight * Points((b.Setup - rules.SetupSame).Milliseconds())
		e := st.Exercise
		if seen[e.ID] {
			continue // a later round: its time counts, its kind and areas only once
		}
		seen[e.ID] = true
		types[e.Type]++
		for _, a := range Areas(e) {
			areas[a] = true
		}
		focus, pref := preference(e, req)
		o.Focus += focus
		o.Preference += pref
	}
	for _, n := range types {
		o.Types += typePoints(n)
	}
	o.Areas = areaWeight * Points(len(areas))
	o.Count = -countPenalty * Points(max(0, len(seen)-comfortable))
	o.sum()
	return o, tl, nil
}

// checkRules refuses setup times the planner's exact search does not cover:
// it relies on staying put being quickest and the floor slowest.
func checkRules(r timeline.Rules) error {
	if r.SetupSame < 0 || r.SetupSame > r.SetupNear || r.SetupNear > r.SetupFloor || !r.StartsFrom.Known() {
		return unhunch.E(unhunch.EInvalid, message.PlanBadRules)
	}
	return nil
}
