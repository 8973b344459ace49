package catalog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/unhunch/unhunch/message"
)

// Condition is a health condition that keeps some exercises out of every
// routine, plan and start while the rest go on (the safety answers'
// "condition" outcome). A screening answer sets it (package safety); each
// exercise names the conditions it is unsuitable for, with the source of
// that rule, and a clinician can clear one exercise of one condition.
type Condition string

// The conditions of the public interface (catalog files, the API, the CLI).
const (
	Pregnancy       Condition = "pregnancy"                // any stage: nothing lying face down
	PregnancyLater  Condition = "pregnancy-after-12-weeks" // after the first trimester: nothing lying on the back either
	Osteoporosis    Condition = "osteoporosis"             // osteoporosis, fragile bones or long-term steroid tablets
	ChestSurgery    Condition = "chest-surgery"            // heart, chest, breastbone or breast, in the last 3 months
	ShoulderSurgery Condition = "shoulder-surgery"         // a shoulder, in the last 3 months
)

// Conditions lists every condition, in the order they are shown.
var Conditions = []Condition{Pregnancy, PregnancyLater, Osteoporosis, ChestSurgery, ShoulderSurgery}

// Known reports whether c is one of Conditions.
func (c Condition) Known() bool { return slices.Contains(Conditions, c) }

// Words names the condition in plain words, for sentences such as "left out
// because of …".
func (c Condition) Words() string { return message.ConditionWords.Text(string(c)) }

// ParseCondition reads a condition id and reports whether it is known.
func ParseCondition(s string) (Condition, bool) {
	c := Condition(s)
	return c, c.Known()
}

// ConditionList lists the condition ids, comma-separated, for messages.
func ConditionList() string {
	s := make([]string, len(Conditions))
	for i, c := range Conditions {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Unsuitable names a condition that keeps an exercise out, and where that
// rule comes from.
type Unsuitable struct {
	Condition Condition `json:"condition" yaml:"condition"`
	Source    string    `json:"source" yaml:"source"` // the guidance the rule rests on, in a few words
}

// UnsuitableWith reports whether the exercise is kept out for condition c.
func (e *Exercise) UnsuitableWith(c Condition) bool {
	return slices.ContainsFunc(e.UnsuitableFor, func(u Unsuitable) bool { return u.Condition == c })
}

// validateUnsuitable checks the unsuitable_for list: known conditions, each
// once, each with a source.
func (e *Exercise) validateUnsuitable(ps *problems) {
	for i, u := range e.UnsuitableFor {
		f := fmt.Sprintf("unsuitable_for[%d]", i)
		switch {
		case u.Condition == "":
			ps.add(f+".condition", message.Required)
		case !u.Condition.Known():
			ps.add(f+".condition", message.CatalogBadCondition, u.Condition, ConditionList())
		case slices.IndexFunc(e.UnsuitableFor, func(o Unsuitable) bool { return o.Condition == u.Condition }) < i:
			ps.add(f+".condition", message.CatalogDuplicate, u.Condition)
		}
		checkText(ps, f+".source", u.Source)
	}
}
