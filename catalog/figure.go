package catalog

import (
	"slices"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/message"
)

// The illustration types and their checks live in package figure, which
// knows nothing of catalog; catalog holds an *figure.Illustration on each
// exercise and runs figure's checks as part of Exercise.Validate, adding the
// one rule that needs the exercise: the figure shows the equipment it needs.

// Figure returns what package figure needs to draw the exercise.
func (e *Exercise) Figure() figure.Subject {
	return figure.Subject{ID: e.ID, Name: e.Name, Illustration: e.Illustration, Dose: e.Dose}
}

func (e *Exercise) validateIllustration(ps *problems, d dose.Dose) {
	il := e.Illustration
	for _, p := range il.Validate(d) {
		*ps = append(*ps, dose.Problem{Field: "illustration." + p.Field, Message: p.Message})
	}
	for _, need := range e.Equipment {
		shown := il.HasProp(figure.PropKind(need))
		for _, sub := range e.Substitutes[need] {
			shown = shown || il.HasProp(figure.PropKind(sub))
		}
		if !shown && slices.Contains(figure.PropKinds, figure.PropKind(need)) {
			ps.add("illustration.props", message.FigureNeedsEquipment, message.PropWords.Text(string(need)))
		}
	}
}
