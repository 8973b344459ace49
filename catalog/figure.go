package catalog

import (
	"fmt"
	"slices"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/message"
)

// The illustration types and their checks live in package figure, which
// knows nothing of catalog; catalog holds the illustrations of each exercise
// (one for every position, and others for particular positions) and runs
// figure's checks as part of Exercise.Validate, adding the rules that need
// the exercise: the figure shows the equipment it needs, and a figure for a
// position names one of the exercise's positions.

// PositionIllustration is an exercise's figure for some of its positions:
// cat-cow seated on a chair, chin tucks standing.
type PositionIllustration struct {
	Positions           []Position `json:"positions" yaml:"positions"`
	figure.Illustration `yaml:",inline"`
}

// IllustrationFor returns the figure of the exercise done in position p (""
// for its first position): the one for that position, else the one for
// every position, else nil.
func (e *Exercise) IllustrationFor(p Position) *figure.Illustration {
	if p == "" && len(e.Positions) > 0 {
		p = e.Positions[0]
	}
	for i := range e.Illustrations {
		if slices.Contains(e.Illustrations[i].Positions, p) {
			return &e.Illustrations[i].Illustration
		}
	}
	return e.Illustration
}

// Figure returns what package figure needs to draw the exercise in its
// first position.
func (e *Exercise) Figure() figure.Subject { return e.FigureFor("") }

// FigureFor returns what package figure needs to draw the exercise in
// position p ("" for its first position).
func (e *Exercise) FigureFor(p Position) figure.Subject {
	if p == "" && len(e.Positions) > 0 {
		p = e.Positions[0]
	}
	return figure.Subject{ID: e.ID, Name: e.Name, Illustration: e.IllustrationFor(p), Dose: e.Dose,
		Variant: message.PositionWords.Text(string(p))}
}

// FigurePositions lists, for each distinct figure the exercise has, the
// first position it is drawn for: one entry per figure, in the order of the
// exercise's positions. It is empty when the exercise has no figure.
func (e *Exercise) FigurePositions() []Position {
	var out []Position
	var seen []*figure.Illustration
	for _, p := range e.Positions {
		il := e.IllustrationFor(p)
		if il == nil || slices.Contains(seen, il) {
			continue
		}
		seen = append(seen, il)
		out = append(out, p)
	}
	return out
}

// HasFigure reports whether the exercise has a figure in any position.
func (e *Exercise) HasFigure() bool { return e.Illustration != nil || len(e.Illustrations) > 0 }

func (e *Exercise) validateIllustrations(ps *problems, d dose.Dose) {
	if e.Illustration != nil {
		e.validateIllustration(ps, "illustration", e.Illustration, d)
	}
	for i := range e.Illustrations {
		pi := &e.Illustrations[i]
		f := fmt.Sprintf("illustrations[%d]", i)
		if len(pi.Positions) == 0 {
			ps.add(f+".positions", message.CatalogNeedsOne)
		}
		for j, p := range pi.Positions {
			pf := fmt.Sprintf("%s.positions[%d]", f, j)
			switch {
			case !slices.Contains(e.Positions, p):
				ps.add(pf, message.CatalogItemPosition, e.ID, p, joinPositions(e.Positions))
			case e.IllustrationFor(p) != &pi.Illustration:
				ps.add(pf, message.CatalogDuplicate, p)
			}
		}
		e.validateIllustration(ps, f, &pi.Illustration, d)
	}
}

func (e *Exercise) validateIllustration(ps *problems, field string, il *figure.Illustration, d dose.Dose) {
	for _, p := range il.Validate(d) {
		*ps = append(*ps, dose.Problem{Field: field + "." + p.Field, Message: p.Message})
	}
	for _, need := range e.Equipment {
		shown := il.HasProp(figure.PropKind(need))
		for _, sub := range e.Substitutes[need] {
			shown = shown || il.HasProp(figure.PropKind(sub))
		}
		if !shown && slices.Contains(figure.PropKinds, figure.PropKind(need)) {
			ps.add(field+".props", message.FigureNeedsEquipment, message.PropWords.Text(string(need)))
		}
	}
}
