package planner

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

// Verdict is how a routine's duration compares with its time box.
type Verdict string

// Verdicts (docs/planner.md, "Time boxes"). A routine within its box but
// well short of it is Short, never a fit: taking 4:25 of a 10-minute box is
// not what the box promised.
const (
	NoBox Verdict = "none"  // the routine has no time box
	Fills Verdict = "fits"  // within the box and using at least FillShare of it
	Short Verdict = "short" // within the box but using less than FillShare of it
	Over  Verdict = "over"  // longer than the box
)

// FillShare is the least share of its time box a routine must take to be
// said to fit it: the same bar plans are held to (a plan uses at least three
// quarters of the time asked for).
const FillShare = 0.75

// Judge returns the verdict on duration d against time box box (0: none).
func Judge(d, box time.Duration) Verdict {
	switch {
	case box <= 0:
		return NoBox
	case d > box:
		return Over
	case 4*d < 3*box: // d < FillShare × box, in whole numbers
		return Short
	}
	return Fills
}

// Fit says whether a routine fits its time box and what would change that.
// Every figure comes from compiling a timeline; none is estimated.
type Fit struct {
	TimeBox  time.Duration // 0 when the routine has none
	Duration time.Duration // at the amounts given
	Setup    time.Duration // of which getting into position
	Fits     bool          // Duration <= TimeBox, or no time box: it may still be far shorter (see Verdict)
	Verdict  Verdict       // Duration against TimeBox
	AtStart  bool          // every step is at its starting dose
	Rounds   int           // how many times it goes through the same exercises in the same order (1 for most routines)

	Order          []int         // the order with the least setup (indices into the steps); with rounds, the same order in each
	OrderKnown     bool          // Order is the quickest: false for rounds that differ, whose order is left alone
	OrderDuration  time.Duration // the duration in that order
	StartDuration  time.Duration // with every exercise at its starting dose
	TargetDuration time.Duration // with every exercise at the top of its ranges
	TargetVerdict  Verdict       // TargetDuration against TimeBox: what growing doses lead to

	// Drops lists, longest first, what leaving out each exercise would save
	// (its whole block: intro, setup, work), for routines over their box.
	Drops []Drop
}

// Drop is the time saved by leaving one exercise out.
type Drop struct {
	Index int           // into the steps
	Saves time.Duration // compiled difference, setup changes included
}

// Reordered reports whether another order is shorter.
func (f Fit) Reordered() bool { return f.OrderDuration < f.Duration }

// CheckFit compiles steps several ways and reports how they fit timeBox.
// It never changes an amount to fill the box: Duration is the steps as given.
func CheckFit(steps []timeline.Step, timeBox time.Duration, rules timeline.Rules) (Fit, error) {
	total, setup, err := timeline.Measure(steps, rules)
	if err != nil {
		return Fit{}, err
	}
	f := Fit{TimeBox: timeBox, Duration: total, Setup: setup, AtStart: true}
	f.Fits = timeBox == 0 || total <= timeBox
	f.Verdict = Judge(total, timeBox)

	f.Rounds = timeline.Rounds(steps)
	n := len(steps)
	if f.Rounds == 1 {
		f.Order, f.OrderKnown = Reorder(steps, rules), true
	} else {
		n, f.Order, f.OrderKnown = reorderRounds(steps, f.Rounds, rules)
	}
	if inPlace(f.Order, len(steps)) {
		f.OrderDuration = total // the same steps: no need to measure them again
	} else if f.OrderDuration, err = duration(Apply(steps, f.Order), rules); err != nil {
		return Fit{}, err
	}
	start := slices.Clone(steps)
	target := slices.Clone(steps)
	for i := range steps {
		d := steps[i].Exercise.Dose
		start[i].Amount = d.Start()
		target[i].Amount = d.Target()
		if d.Fill(steps[i].Amount) != d.Start() {
			f.AtStart = false
		}
	}
	if f.AtStart {
		f.StartDuration = total // every amount fills to the start: the same timeline
	} else if f.StartDuration, err = duration(start, rules); err != nil {
		return Fit{}, err
	}
	if f.TargetDuration, err = duration(target, rules); err != nil {
		return Fit{}, err
	}
	f.TargetVerdict = Judge(f.TargetDuration, timeBox)
	if !f.Fits && n > 1 {
		// With rounds alike, leaving an exercise out leaves it out of each.
		for i := range n {
			var rest []timeline.Step
			for k, st := range steps {
				if k%n != i {
					rest = append(rest, st)
				}
			}
			d, err := duration(rest, rules)
			if err != nil {
				return Fit{}, err
			}
			f.Drops = append(f.Drops, Drop{Index: i, Saves: total - d})
		}
		slices.SortStableFunc(f.Drops, func(a, b Drop) int { return cmp.Compare(b.Saves, a.Saves) })
	}
	return f, nil
}

// Words says plainly, in a few sentences, what the routine takes now, how
// that compares with its time box (labelled label, or the box as m:ss),
// what it grows to as doses rise, and what would change it. name names the
// exercise of step i.
func (f Fit) Words(label string, name func(i int) string) string {
	if label == "" && f.TimeBox > 0 {
		label = clock(f.TimeBox)
	}
	var parts []string
	now := message.Text(message.FitNowStart, clock(f.Duration))
	if !f.AtStart {
		now = message.Text(message.FitNowLevels, clock(f.Duration), clock(f.StartDuration))
	}
	switch f.Verdict {
	case NoBox:
		parts = append(parts, now, message.Text(message.FitNoneBox))
	case Fills:
		parts = append(parts, now, message.Text(message.FitFills, label, span(f.TimeBox-f.Duration)))
	case Short:
		parts = append(parts, now, message.Text(message.FitShort, span(f.TimeBox-f.Duration), label))
	case Over:
		parts = append(parts, now, message.Text(message.FitOver, span(f.Duration-f.TimeBox), label))
	}
	if f.TargetDuration > f.Duration {
		top := clock(f.TargetDuration)
		switch f.TargetVerdict {
		case NoBox:
			parts = append(parts, message.Text(message.FitGrowsNoBox, top))
		case Short:
			parts = append(parts, message.Text(message.FitGrowsShort, top, span(f.TimeBox-f.TargetDuration)))
		case Fills:
			parts = append(parts, message.Text(message.FitGrowsWithin, top, span(f.TimeBox-f.TargetDuration)))
		case Over:
			parts = append(parts, message.Text(message.FitGrowsOver, top, span(f.TargetDuration-f.TimeBox)))
		}
	}
	if f.Verdict == Short {
		parts = append(parts, message.Text(message.FitNoFilling))
	}
	parts = append(parts, message.Text(message.FitSetup, span(f.Setup)))
	if f.Rounds > 1 {
		parts = append(parts, message.Text(message.FitRounds, f.Rounds))
	}
	n := len(f.Order) / max(f.Rounds, 1) // with rounds, name one round's order
	switch {
	case f.Reordered():
		names := make([]string, n)
		for i, j := range f.Order[:n] {
			names[i] = name(j)
		}
		parts = append(parts, message.Text(message.FitReorder, span(f.Duration-f.OrderDuration), clock(f.OrderDuration), strings.Join(names, ", ")))
	case f.OrderKnown:
		parts = append(parts, message.Text(message.FitOrderBest))
	}
	if !f.Fits {
		if f.StartDuration < f.Duration {
			parts = append(parts, message.Text(message.FitStartDose, clock(f.StartDuration)))
		}
		if len(f.Drops) > 0 {
			d := f.Drops[0]
			parts = append(parts, message.Text(message.FitDrop, name(d.Index), span(d.Saves)))
		}
	}
	return strings.Join(parts, " ")
}

// reorderRounds returns, for steps that go r times through the same
// exercises at the same amounts and positions, the number of steps in a
// round and the quickest order of the same kind: one round's order with
// the least setup (roundOrder), repeated in each. Rounds that differ keep
// their order, and known is false.
func reorderRounds(steps []timeline.Step, r int, rules timeline.Rules) (n int, order []int, known bool) {
	identity := func() (int, []int, bool) {
		order := make([]int, len(steps))
		for i := range order {
			order[i] = i
		}
		return len(steps), order, false
	}
	if len(steps)%r != 0 {
		return identity()
	}
	n = len(steps) / r
	for k, st := range steps {
		first := steps[k%n]
		if st.Exercise.ID != first.Exercise.ID || st.Amount != first.Amount || st.Position != first.Position || max(st.Round, 1) != k/n+1 {
			return identity()
		}
	}
	one, _ := ReorderRounds(steps[:n], r, rules)
	order = make([]int, 0, len(steps))
	for k := range r {
		for _, i := range one {
			order = append(order, k*n+i)
		}
	}
	return n, order, true
}

// duration is how long steps take, measured without building the timeline.
func duration(steps []timeline.Step, rules timeline.Rules) (time.Duration, error) {
	d, _, err := timeline.Measure(steps, rules)
	return d, err
}

// inPlace reports whether order is every one of n steps in its place.
func inPlace(order []int, n int) bool {
	if len(order) != n {
		return false
	}
	for i, j := range order {
		if i != j {
			return false
		}
	}
	return true
}
