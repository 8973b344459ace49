package catalog

import (
	"slices"
	"strings"

	"github.com/unhunch/unhunch/message"
)

// Need is a piece of equipment some exercises need, with what can stand in
// for it in every one of them.
type Need struct {
	Equipment Equipment
	Or        []Equipment
}

// Met reports whether having have meets the need.
func (n Need) Met(have []Equipment) bool {
	if slices.Contains(have, n.Equipment) {
		return true
	}
	for _, q := range n.Or {
		if slices.Contains(have, q) {
			return true
		}
	}
	return false
}

// NeedsOf lists what the exercises need between them, each piece once, in
// the order of EquipmentIDs. What stands in for a piece is what stands in
// for it in every exercise that needs it. Optional equipment (a mat) is
// not a need.
func NeedsOf(list []*Exercise) []Need {
	or := map[Equipment][]Equipment{}
	needed := map[Equipment]bool{}
	for _, e := range list {
		for _, q := range e.Equipment {
			subs := e.Substitutes[q]
			if !needed[q] {
				needed[q], or[q] = true, slices.Clone(subs)
				continue
			}
			or[q] = slices.DeleteFunc(or[q], func(s Equipment) bool { return !slices.Contains(subs, s) })
		}
	}
	var out []Need
	for _, q := range EquipmentIDs {
		if needed[q] {
			out = append(out, Need{Equipment: q, Or: or[q]})
		}
	}
	return out
}

// Missing returns the needs that having have does not meet.
func Missing(needs []Need, have []Equipment) []Need {
	var out []Need
	for _, n := range needs {
		if !n.Met(have) {
			out = append(out, n)
		}
	}
	return out
}

// NeedsWords says needs in words: "foam roller (or rolled towel), chair",
// or "no equipment".
func NeedsWords(needs []Need) string {
	if len(needs) == 0 {
		return message.Text(message.WordNoEquipment)
	}
	parts := make([]string, len(needs))
	for i, n := range needs {
		parts[i] = message.EquipmentWords.Text(string(n.Equipment))
		if len(n.Or) > 0 {
			names := make([]string, len(n.Or))
			for j, s := range n.Or {
				names[j] = message.EquipmentWords.Text(string(s))
			}
			parts[i] = message.Text(message.WordOrAlso, parts[i], strings.Join(names, ", "))
		}
	}
	return strings.Join(parts, ", ")
}

// EquipmentWords says what the exercise needs, with what stands in:
// "foam roller (or rolled towel)", or "no equipment".
func (e *Exercise) EquipmentWords() string { return NeedsWords(NeedsOf([]*Exercise{e})) }

// PositionsWords says the positions the exercise is done in: "seated or
// standing".
func (e *Exercise) PositionsWords() string {
	words := make([]string, len(e.Positions))
	for i, p := range e.Positions {
		words[i] = message.PositionWords.Text(string(p))
	}
	return strings.Join(words, " "+message.Text(message.WordOr)+" ")
}
