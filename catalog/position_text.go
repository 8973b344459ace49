package catalog

import (
	"fmt"
	"slices"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// InPosition is how an exercise is done in some of its positions, where
// that differs in words from the exercise's own steps and cues: seated
// cat-cow is set up on a chair, not on hands and knees. The timeline
// compiler speaks the cues of the position a step is done in, and pages and
// the command line show its steps, so what a person hears and reads always
// matches the figure they see.
type InPosition struct {
	Positions []Position `json:"positions" yaml:"positions"`
	// Steps, when given, replace the exercise's steps in these positions.
	Steps []string `json:"steps,omitempty" yaml:"steps,omitempty"`
	// Cues: each cue given replaces the exercise's cue of the same name
	// (form lines replace the form lines as a whole).
	Cues Cues `json:"cues" yaml:"cues,omitempty"`
}

// inPosition returns the words for position p ("" for the first
// position), or nil when the exercise's own words serve it.
func (e *Exercise) inPosition(p Position) *InPosition {
	if p == "" && len(e.Positions) > 0 {
		p = e.Positions[0]
	}
	for i := range e.InPositions {
		if slices.Contains(e.InPositions[i].Positions, p) {
			return &e.InPositions[i]
		}
	}
	return nil
}

// StepsFor returns the steps of the exercise done in position p ("" for
// its first position).
func (e *Exercise) StepsFor(p Position) []string {
	if in := e.inPosition(p); in != nil && len(in.Steps) > 0 {
		return in.Steps
	}
	return e.Steps
}

// CuesFor returns the cues of the exercise done in position p ("" for its
// first position): its own, with those the position replaces.
func (e *Exercise) CuesFor(p Position) Cues {
	c := e.Cues
	in := e.inPosition(p)
	if in == nil {
		return c
	}
	o := in.Cues
	for _, f := range []struct{ to, from *string }{
		{&c.Intro, &o.Intro}, {&c.Setup, &o.Setup}, {&c.Move, &o.Move}, {&c.Hold, &o.Hold},
		{&c.Release, &o.Release}, {&c.Inhale, &o.Inhale}, {&c.Exhale, &o.Exhale}, {&c.Switch, &o.Switch},
	} {
		if *f.from != "" {
			*f.to = *f.from
		}
	}
	if len(o.Form) > 0 {
		c.Form = o.Form
	}
	return c
}

// WordPositions lists the positions whose steps or cues differ from the
// first position's, after the first position itself: one entry for each
// distinct set of words, in the order of the exercise's positions. An
// exercise whose words are the same in every position lists only its first.
func (e *Exercise) WordPositions() []Position {
	var out []Position
	var seen []*InPosition
	for _, p := range e.Positions {
		in := e.inPosition(p)
		if len(out) > 0 && (in == nil || slices.Contains(seen, in)) {
			continue
		}
		seen = append(seen, in)
		out = append(out, p)
	}
	return out
}

func (e *Exercise) validateInPositions(ps *problems, d dose.Dose) {
	for i := range e.InPositions {
		in := &e.InPositions[i]
		f := fmt.Sprintf("in_positions[%d]", i)
		if len(in.Positions) == 0 {
			ps.add(f+".positions", message.CatalogNeedsOne)
		}
		for j, p := range in.Positions {
			pf := fmt.Sprintf("%s.positions[%d]", f, j)
			switch {
			case !slices.Contains(e.Positions, p):
				ps.add(pf, message.CatalogItemPosition, e.ID, p, joinPositions(e.Positions))
			case e.inPosition(p) != in:
				ps.add(pf, message.CatalogDuplicate, p)
			}
		}
		if len(in.Steps) > 0 {
			checkList(ps, f+".steps", in.Steps)
		}
		if len(in.Steps) == 0 && in.Cues.empty() {
			ps.add(f, message.CatalogInPositionEmpty)
		}
		checkCueText(ps, f+".cues", in.Cues, d)
	}
}

// empty reports whether c says nothing.
func (c Cues) empty() bool {
	return c.Intro == "" && c.Setup == "" && c.Move == "" && c.Hold == "" && c.Release == "" &&
		c.Inhale == "" && c.Exhale == "" && c.Switch == "" && len(c.Form) == 0
}
