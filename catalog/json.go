package catalog

import (
	"encoding/json"

	"github.com/unhunch/unhunch/dose"
)

// MarshalJSON writes the exercise with its sides at the top level, as the
// public interface promises, and empty lists as [] rather than null.
func (e *Exercise) MarshalJSON() ([]byte, error) {
	type plain Exercise
	c := *e
	c.fillEmpty()
	return json.Marshal(struct {
		*plain
		Sides dose.Sides `json:"sides"`
	}{(*plain)(&c), e.Sides()})
}

// fillEmpty replaces nil lists and maps with empty ones.
func (e *Exercise) fillEmpty() {
	for _, l := range []*[]string{&e.Aliases, &e.Targets, &e.Tags, &e.Steps, &e.Mistakes, &e.Cautions} {
		if *l == nil {
			*l = []string{}
		}
	}
	for _, l := range []*[]Equipment{&e.Equipment, &e.OptionalEquipment} {
		if *l == nil {
			*l = []Equipment{}
		}
	}
	if e.Substitutes == nil {
		e.Substitutes = map[Equipment][]Equipment{}
	}
	if e.Source == nil {
		e.Source = []Source{}
	}
	if e.UnsuitableFor == nil {
		e.UnsuitableFor = []Unsuitable{}
	}
}
