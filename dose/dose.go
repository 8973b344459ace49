// Package dose describes how an exercise is performed: its mode, the ranges of
// repetitions, holds, seconds and sets a person may be given, sides, tempo and
// rest; and the concrete Amount a person is actually doing today.
//
// It is plain data and rules, with no I/O. The timeline package turns a dose
// into timed segments; this package only says what is allowed.
package dose

import (
	"fmt"
	"slices"
	"time"

	"github.com/unhunch/unhunch/message"
)

// Mode is how an exercise's work is structured.
type Mode string

// The dose modes of PRODUCT.md §3.
const (
	Reps   Mode = "reps"   // slow repetitions, each optionally held
	Hold   Mode = "hold"   // one held position, repeated with a rest between
	Timed  Mode = "timed"  // continuous movement for a number of seconds
	Breath Mode = "breath" // repetitions paced by breathing in and out
)

// Modes lists every mode in a stable order.
var Modes = []Mode{Reps, Hold, Timed, Breath}

// Sides says whether and how an exercise is done on each side of the body.
type Sides string

// The ways an exercise can treat sides.
const (
	NoSides   Sides = "none"      // symmetrical: done once
	Each      Sides = "each"      // all of one side, then all of the other
	Alternate Sides = "alternate" // sides take turns every repetition
)

// Side is one side of the body.
type Side string

// The two sides; None marks a segment that has no side.
const (
	None  Side = ""
	Right Side = "right"
	Left  Side = "left"
)

// Other returns the opposite side, or None for None.
func (s Side) Other() Side {
	switch s {
	case Right:
		return Left
	case Left:
		return Right
	}
	return None
}

// Caps from PRODUCT.md §6: progression never goes beyond these.
const (
	MaxHoldSeconds = 60 // longest hold a dose may reach
	MaxReps        = 20 // most repetitions per set a dose may reach
	MaxSets        = 5  // most sets a dose may reach
	MaxSeconds     = 600
	MaxBreaths     = 10
)

// Default timings from PRODUCT.md §4, in seconds. Tempo overrides the first
// seven per exercise; rest has its own field.
const (
	DefaultRep     = 4.0 // one slow repetition without a hold
	DefaultMove    = 2.0 // moving into a held position
	DefaultRelease = 2.0 // coming out of a held position
	DefaultInhale  = 3.0 // breathing in, in breath-paced repetitions
	DefaultExhale  = 3.0 // breathing out, in breath-paced repetitions
	DefaultBreath  = 5.0 // one breath, when a hold is counted in breaths
	DefaultSwitch  = 3.0 // changing sides
	DefaultRest    = 5   // between repeated holds and between sets
)

// Range is an inclusive range of whole numbers. Its low end is the starting
// dose and its high end the target before progression goes further. The zero
// Range means "not used".
type Range struct {
	Min int `json:"min" yaml:"min"` // starting value
	Max int `json:"max" yaml:"max"` // target value
}

// Fixed returns the Range holding exactly n.
func Fixed(n int) Range { return Range{Min: n, Max: n} }

// IsZero reports whether the range is unused.
func (r Range) IsZero() bool { return r.Min == 0 && r.Max == 0 }

// Contains reports whether n lies within the range.
func (r Range) Contains(n int) bool { return n >= r.Min && n <= r.Max }

// String renders the range as "8" or "8–10".
func (r Range) String() string {
	if r.Min == r.Max {
		return fmt.Sprint(r.Min)
	}
	return fmt.Sprintf("%d–%d", r.Min, r.Max)
}

// Tempo overrides the default timings of one exercise, in seconds. Zero means
// the default.
type Tempo struct {
	Rep     float64 `json:"rep,omitempty" yaml:"rep,omitempty"`         // one repetition without a hold
	Move    float64 `json:"move,omitempty" yaml:"move,omitempty"`       // moving into a hold
	Release float64 `json:"release,omitempty" yaml:"release,omitempty"` // coming out of a hold
	Inhale  float64 `json:"inhale,omitempty" yaml:"inhale,omitempty"`   // breathing in
	Exhale  float64 `json:"exhale,omitempty" yaml:"exhale,omitempty"`   // breathing out
	Breath  float64 `json:"breath,omitempty" yaml:"breath,omitempty"`   // one breath of a hold counted in breaths
	Switch  float64 `json:"switch,omitempty" yaml:"switch,omitempty"`   // changing sides
}

// Pose is one held shape within a repetition that moves through several, such
// as the W and the Y of the W–Y stretch.
type Pose struct {
	Name string `json:"name" yaml:"name"` // short label, e.g. "W"
	Cue  string `json:"cue" yaml:"cue"`   // spoken when moving into this shape
}

// Dose is how an exercise may be performed.
type Dose struct {
	Mode        Mode   `json:"mode" yaml:"mode"`
	Reps        Range  `json:"reps,omitzero" yaml:"reps,omitempty"`                 // per set, per side
	Hold        Range  `json:"hold_seconds,omitzero" yaml:"hold,omitempty"`         // seconds per hold
	HoldBreaths Range  `json:"hold_breaths,omitzero" yaml:"hold_breaths,omitempty"` // a hold counted in breaths
	Seconds     Range  `json:"seconds,omitzero" yaml:"seconds,omitempty"`           // timed mode only
	Sets        Range  `json:"sets,omitzero" yaml:"sets,omitempty"`
	Sides       Sides  `json:"sides" yaml:"sides,omitempty"`
	FirstSide   Side   `json:"first_side,omitempty" yaml:"first_side,omitempty"`
	Rest        *int   `json:"rest_seconds,omitempty" yaml:"rest,omitempty"` // nil means DefaultRest
	Tempo       Tempo  `json:"tempo,omitzero" yaml:"tempo,omitempty"`
	Poses       []Pose `json:"poses,omitempty" yaml:"poses,omitempty"`
	// Variant is the easier way offered after a "too hard" rating at the
	// starting dose, when the exercise has one (a seated cat-cow, a towel
	// for the roller); without one, the easier option is Easier's amount.
	Variant *Variant `json:"easier,omitempty" yaml:"easier,omitempty"`
}

// Variant is an easier way to do an exercise at its starting dose: in
// another of its positions, or with a substitute for its equipment. The
// catalog checks that the exercise has that position or substitute.
type Variant struct {
	Position string `json:"position,omitempty" yaml:"position,omitempty"` // e.g. "seated"
	Use      string `json:"use,omitempty" yaml:"use,omitempty"`           // equipment used instead, e.g. "towel"
}

// Normalize fills the defaults a dose file may leave out: one rep, one set,
// no sides, the right side first.
func (d Dose) Normalize() Dose {
	if d.Reps.IsZero() && d.Mode != Timed {
		d.Reps = Fixed(1)
	}
	if d.Sets.IsZero() {
		d.Sets = Fixed(1)
	}
	if d.Sides == "" {
		d.Sides = NoSides
	}
	if d.FirstSide == None && d.Sides != NoSides {
		d.FirstSide = Right
	}
	return d
}

// HasHold reports whether each repetition is held.
func (d Dose) HasHold() bool { return !d.Hold.IsZero() || !d.HoldBreaths.IsZero() }

// RestSeconds returns the rest between repeated holds and between sets.
func (d Dose) RestSeconds() int {
	if d.Rest == nil {
		return DefaultRest
	}
	return *d.Rest
}

// Timing returns the exercise's timings with defaults filled in.
func (d Dose) Timing() Timing {
	pick := func(v, def float64) time.Duration {
		if v == 0 {
			v = def
		}
		return time.Duration(v*1000+0.5) * time.Millisecond
	}
	t := d.Tempo
	return Timing{
		Rep:     pick(t.Rep, DefaultRep),
		Move:    pick(t.Move, DefaultMove),
		Release: pick(t.Release, DefaultRelease),
		Inhale:  pick(t.Inhale, DefaultInhale),
		Exhale:  pick(t.Exhale, DefaultExhale),
		Breath:  pick(t.Breath, DefaultBreath),
		Switch:  pick(t.Switch, DefaultSwitch),
		Rest:    time.Duration(d.RestSeconds()) * time.Second,
	}
}

// Timing is a dose's tempo and rest as durations, defaults filled in.
type Timing struct {
	Rep, Move, Release, Inhale, Exhale, Breath, Switch, Rest time.Duration
}

// Amount is what a person actually does: one value from each range the dose uses.
type Amount struct {
	Reps        int `json:"reps,omitempty" yaml:"reps,omitempty"`
	Hold        int `json:"hold_seconds,omitempty" yaml:"hold,omitempty"`
	HoldBreaths int `json:"hold_breaths,omitempty" yaml:"hold_breaths,omitempty"`
	Seconds     int `json:"seconds,omitempty" yaml:"seconds,omitempty"`
	Sets        int `json:"sets,omitempty" yaml:"sets,omitempty"`
}

// Start returns the starting amount: the low end of every range.
func (d Dose) Start() Amount {
	d = d.Normalize()
	return Amount{Reps: d.Reps.Min, Hold: d.Hold.Min, HoldBreaths: d.HoldBreaths.Min, Seconds: d.Seconds.Min, Sets: d.Sets.Min}
}

// Target returns the high end of every range.
func (d Dose) Target() Amount {
	d = d.Normalize()
	return Amount{Reps: d.Reps.Max, Hold: d.Hold.Max, HoldBreaths: d.HoldBreaths.Max, Seconds: d.Seconds.Max, Sets: d.Sets.Max}
}

// HoldFirst reports whether the exercise is done as one or two long holds
// (hold mode, starting at one or two repetitions): progression lengthens
// the hold before it adds a repetition. Static stretches work through the
// time held, 10–30 s at a time, repeated to build up about a minute (ACSM,
// Garber et al. 2011; docs/safety.md, "Progression").
func (d Dose) HoldFirst() bool {
	d = d.Normalize()
	return d.Mode == Hold && d.Reps.Min <= 2
}

// Easier returns the amount of the easier option below the starting dose,
// offered after a "too hard" rating at the start (docs/safety.md,
// "Progression"). With a Variant it is the starting dose itself (the
// variant is what is easier). Otherwise the first thing progression would
// raise is cut to three quarters of its start, rounded down (at least 1,
// and something always changes): the hold of a long-hold exercise, the
// seconds of a timed one, else the repetitions, or the hold when a single
// repetition cannot be cut.
func (d Dose) Easier() Amount {
	d = d.Normalize()
	a := d.Start()
	if d.Variant != nil {
		return a
	}
	cut := func(v *int) bool {
		if *v <= 1 {
			return false
		}
		*v = max(1, min(*v*3/4, *v-1))
		return true
	}
	switch {
	case d.HoldFirst() && cut(&a.Hold):
	case d.Mode == Timed && cut(&a.Seconds):
	case cut(&a.Reps):
	case cut(&a.Hold):
	case cut(&a.HoldBreaths):
	}
	return a
}

// Fill returns a with every field it leaves at zero taken from the starting
// amount, and fields the dose does not use cleared.
func (d Dose) Fill(a Amount) Amount {
	s := d.Start()
	pick := func(v, start int) int {
		if start == 0 {
			return 0
		}
		if v == 0 {
			return start
		}
		return v
	}
	return Amount{
		Reps:        pick(a.Reps, s.Reps),
		Hold:        pick(a.Hold, s.Hold),
		HoldBreaths: pick(a.HoldBreaths, s.HoldBreaths),
		Seconds:     pick(a.Seconds, s.Seconds),
		Sets:        pick(a.Sets, s.Sets),
	}
}

// Problem is one thing wrong with a dose, an amount or a catalog entry: the
// field it concerns (a dotted path such as "dose.hold.min") and a message for people.
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error renders the problem as "field: message".
func (p Problem) Error() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// Validate lists everything wrong with a dose, or nothing, after filling its
// defaults. Fields are reported relative to the dose ("hold.min").
func (d Dose) Validate() []Problem {
	d = d.Normalize()
	var ps []Problem
	add := func(field string, k message.Key, args ...any) {
		ps = append(ps, Problem{Field: field, Message: message.Text(k, args...)})
	}
	if !slices.Contains(Modes, d.Mode) {
		add("mode", message.DoseBadMode, d.Mode)
		return ps
	}
	ranges := []struct {
		name string
		r    Range
		max  int
	}{
		{"reps", d.Reps, MaxReps},
		{"hold", d.Hold, MaxHoldSeconds},
		{"hold_breaths", d.HoldBreaths, MaxBreaths},
		{"seconds", d.Seconds, MaxSeconds},
		{"sets", d.Sets, MaxSets},
	}
	for _, x := range ranges {
		switch {
		case x.r.IsZero():
		case x.r.Min < 1:
			add(x.name+".min", message.DoseNotPositive, x.r.Min)
		case x.r.Min > x.r.Max:
			add(x.name, message.DoseMinOverMax, x.r.Min, x.r.Max)
		case x.r.Max > x.max:
			add(x.name+".max", message.DoseOverCap, x.r.Max, x.max)
		}
	}
	if !d.Hold.IsZero() && !d.HoldBreaths.IsZero() {
		add("hold_breaths", message.DoseHoldTwice)
	}
	switch d.Mode {
	case Timed:
		if d.Seconds.IsZero() {
			add("seconds", message.DoseTimedNeedsSeconds)
		}
		if d.HasHold() {
			add("hold", message.DoseNoHoldHere, d.Mode)
		}
		if !d.Reps.IsZero() {
			add("reps", message.DoseTimedNoReps)
		}
	case Breath:
		if d.HasHold() {
			add("hold", message.DoseNoHoldHere, d.Mode)
		}
	case Hold:
		if !d.HasHold() {
			add("hold", message.DoseHoldNeedsHold)
		}
	}
	if d.Mode != Timed && !d.Seconds.IsZero() {
		add("seconds", message.DoseSecondsOnlyTimed)
	}
	if len(d.Poses) > 0 && !d.HasHold() {
		add("poses", message.DosePosesNeedHold)
	}
	if v := d.Variant; v != nil && (v.Position == "") == (v.Use == "") {
		add("easier", message.DoseVariantOne)
	}
	for i, p := range d.Poses {
		if p.Name == "" {
			add(fmt.Sprintf("poses[%d].name", i), message.Required)
		}
		if p.Cue == "" {
			add(fmt.Sprintf("poses[%d].cue", i), message.Required)
		}
	}
	switch d.Sides {
	case NoSides, Each, Alternate:
	default:
		add("sides", message.DoseBadSides, d.Sides)
	}
	switch d.FirstSide {
	case None, Right, Left:
	default:
		add("first_side", message.DoseBadFirstSide, d.FirstSide)
	}
	if d.Rest != nil && (*d.Rest < 0 || *d.Rest > 120) {
		add("rest", message.DoseBadRest, *d.Rest)
	}
	for i, v := range d.Tempo.values() {
		if msg := tempoProblem(TempoLimits[i], v); msg != "" {
			ps = append(ps, Problem{Field: "tempo." + TempoLimits[i].Name, Message: msg})
		}
	}
	return ps
}

// CheckAmount lists the ways a falls outside what the dose allows. Fields of a
// left at zero are fine: they mean "the starting value". The easier option
// below the starting dose (Easier) is allowed too.
func (d Dose) CheckAmount(a Amount) []Problem {
	if d.Fill(a) == d.Easier() {
		return nil
	}
	var ps []Problem
	check := func(field string, v int, r Range) {
		if v == 0 {
			return
		}
		if r.IsZero() {
			ps = append(ps, Problem{Field: field, Message: message.Text(message.AmountNotUsed, d.Mode)})
			return
		}
		if !r.Contains(v) {
			ps = append(ps, Problem{Field: field, Message: message.Text(message.AmountOutOfRange, v, r.String())})
		}
	}
	d = d.Normalize()
	check("reps", a.Reps, d.Reps)
	check("hold", a.Hold, d.Hold)
	check("hold_breaths", a.HoldBreaths, d.HoldBreaths)
	check("seconds", a.Seconds, d.Seconds)
	check("sets", a.Sets, d.Sets)
	return ps
}
