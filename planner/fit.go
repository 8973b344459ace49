package planner

import (
	"cmp"
	"slices"
	"time"

	"github.com/unhunch/unhunch/timeline"
)

// Fit says whether a routine fits its time box and what would change that.
// Every figure comes from compiling a timeline; none is estimated.
type Fit struct {
	TimeBox  time.Duration // 0 when the routine has none
	Duration time.Duration // at the amounts given
	Setup    time.Duration // of which getting into position
	Fits     bool          // Duration <= TimeBox, or no time box

	Order          []int         // the order with the least setup (indices into the steps)
	OrderDuration  time.Duration // the duration in that order
	StartDuration  time.Duration // with every exercise at its starting dose
	TargetDuration time.Duration // with every exercise at the top of its ranges

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
func CheckFit(steps []timeline.Step, timeBox time.Duration, rules timeline.Rules) (Fit, error) {
	tl, err := timeline.Compile(steps, rules)
	if err != nil {
		return Fit{}, err
	}
	f := Fit{TimeBox: timeBox, Duration: tl.Duration, Setup: tl.SetupTotal()}
	f.Fits = timeBox == 0 || tl.Duration <= timeBox

	f.Order = Reorder(steps, rules)
	if f.OrderDuration, err = duration(Apply(steps, f.Order), rules); err != nil {
		return Fit{}, err
	}
	start := slices.Clone(steps)
	target := slices.Clone(steps)
	for i := range steps {
		start[i].Amount = steps[i].Exercise.Dose.Start()
		target[i].Amount = steps[i].Exercise.Dose.Target()
	}
	if f.StartDuration, err = duration(start, rules); err != nil {
		return Fit{}, err
	}
	if f.TargetDuration, err = duration(target, rules); err != nil {
		return Fit{}, err
	}
	if !f.Fits && len(steps) > 1 {
		for i := range steps {
			d, err := duration(slices.Delete(slices.Clone(steps), i, i+1), rules)
			if err != nil {
				return Fit{}, err
			}
			f.Drops = append(f.Drops, Drop{Index: i, Saves: tl.Duration - d})
		}
		slices.SortStableFunc(f.Drops, func(a, b Drop) int { return cmp.Compare(b.Saves, a.Saves) })
	}
	return f, nil
}

func duration(steps []timeline.Step, rules timeline.Rules) (time.Duration, error) {
	tl, err := timeline.Compile(steps, rules)
	if err != nil {
		return 0, err
	}
	return tl.Duration, nil
}
