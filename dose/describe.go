package dose

import (
	"strconv"
	"strings"

	"github.com/unhunch/unhunch/message"
)

// Describe says in a few words what amount a asks for under this dose, such
// as "10 reps, 5 s hold" or "2 × 20 s hold, each side".
func (d Dose) Describe(a Amount) string {
	d = d.Normalize()
	a = d.Fill(a)
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	return d.describe(num(a.Reps), num(a.Hold), num(a.HoldBreaths), num(a.Seconds), num(a.Sets))
}

// DescribeRange says in a few words what the dose allows, such as
// "10–15 reps, 5 s hold".
func (d Dose) DescribeRange() string {
	d = d.Normalize()
	rng := func(r Range) string {
		if r.IsZero() {
			return ""
		}
		return r.String()
	}
	return d.describe(rng(d.Reps), rng(d.Hold), rng(d.HoldBreaths), rng(d.Seconds), rng(d.Sets))
}

// describe builds the words from each field already rendered as a number or
// a range; "" means the field is not used.
func (d Dose) describe(reps, hold, breaths, seconds, sets string) string {
	var parts []string
	holdText := ""
	switch {
	case hold != "":
		holdText = message.Text(message.DescHoldSeconds, hold)
	case breaths == "1":
		holdText = message.Text(message.DescHoldBreath)
	case breaths != "":
		holdText = message.Text(message.DescHoldBreaths, breaths)
	}
	switch d.Mode {
	case Timed:
		parts = append(parts, message.Text(message.DescSeconds, seconds))
	case Breath:
		parts = append(parts, message.Text(message.DescBreathReps, reps))
	case Hold:
		if reps != "1" {
			parts = append(parts, message.Text(message.DescRepeatedHold, reps, holdText))
		} else {
			parts = append(parts, holdText)
		}
	case Reps:
		if reps == "1" {
			parts = append(parts, message.Text(message.DescRep))
		} else {
			parts = append(parts, message.Text(message.DescReps, reps))
		}
		if len(d.Poses) > 0 {
			names := make([]string, len(d.Poses))
			for i, p := range d.Poses {
				names[i] = p.Name
			}
			parts = append(parts, message.Text(message.DescPoses, strings.Join(names, "–"), holdText))
		} else if holdText != "" {
			parts = append(parts, holdText)
		}
	}
	if sets != "1" && sets != "" {
		parts = append(parts, message.Text(message.DescSets, sets))
	}
	switch d.Sides {
	case Each:
		parts = append(parts, message.Text(message.DescEachSide))
	case Alternate:
		parts = append(parts, message.Text(message.DescAlternate))
	}
	return strings.Join(parts, ", ")
}
