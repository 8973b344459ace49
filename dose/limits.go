package dose

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/message"
)

// TempoLimit is the shortest and longest a tempo timing may be, in seconds,
// with its default. The minimums keep every timing something a person can
// follow: a repetition done in a hundredth of a second is a typing mistake,
// not a dose (docs/catalog.md).
type TempoLimit struct {
	Name     string      // the YAML key under tempo
	Min, Max float64     // inclusive bounds, seconds
	Default  float64     // used when the key is left out
	What     message.Key // what the timing is, in words ("a rep")
}

// TempoLimits lists the limits of every tempo timing, in the order of Tempo's fields.
var TempoLimits = []TempoLimit{
	{"rep", 1, 30, DefaultRep, message.TempoRep},
	{"move", 0.5, 30, DefaultMove, message.TempoMove},
	{"release", 0.5, 30, DefaultRelease, message.TempoRelease},
	{"inhale", 1, 30, DefaultInhale, message.TempoInhale},
	{"exhale", 1, 30, DefaultExhale, message.TempoExhale},
	{"breath", 2, 30, DefaultBreath, message.TempoBreath},
	{"switch", 1, 30, DefaultSwitch, message.TempoSwitch},
}

// values returns t's timings in the order of TempoLimits.
func (t Tempo) values() []float64 {
	return []float64{t.Rep, t.Move, t.Release, t.Inhale, t.Exhale, t.Breath, t.Switch}
}

// tempoProblem says what is wrong with v as the timing l, or "" if nothing.
// Zero means "the default" and is fine here; a zero written in a file is
// caught when it is read (Tempo.UnmarshalYAML).
func tempoProblem(l TempoLimit, v float64) string {
	switch {
	case v != v:
		return message.Text(message.DoseBadTempo, v)
	case v == 0:
		return ""
	case v < l.Min:
		return message.Text(message.DoseTempoShort, v, message.Text(l.What), l.Min, l.Max)
	case v > l.Max:
		return message.Text(message.DoseTempoLong, v, message.Text(l.What), l.Max, l.Min)
	}
	return ""
}

// NodeError is a problem with one node of a YAML document, found while
// decoding it. It keeps the node so that whoever decoded the document can
// name the field exactly, even when several fields share a line.
type NodeError struct {
	Node    *yaml.Node
	Message string
}

// Error renders the problem as "line N: message", as the YAML library does.
func (e *NodeError) Error() string { return fmt.Sprintf("line %d: %s", e.Node.Line, e.Message) }

// UnmarshalYAML reads a tempo, refusing a timing written as 0 (leaving the
// key out is how to ask for the default).
func (t *Tempo) UnmarshalYAML(n *yaml.Node) error {
	type plain Tempo
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			var f float64
			if v.Kind != yaml.ScalarNode || v.Decode(&f) != nil || f != 0 {
				continue
			}
			for _, l := range TempoLimits {
				if l.Name == k.Value {
					short := message.Text(message.DoseTempoShort, 0.0, message.Text(l.What), l.Min, l.Max)
					return &NodeError{Node: v, Message: message.Text(message.DoseTempoZero, short, l.Default)}
				}
			}
		}
	}
	*t = Tempo(p)
	return nil
}

// CheckWritten refuses a whole number written as zero or less in a file: in
// a dose or an amount, 0 would silently mean "not used" or "the default".
func CheckWritten(n *yaml.Node, v int) error {
	switch {
	case v == 0:
		return &NodeError{Node: n, Message: message.Text(message.DoseZeroWritten)}
	case v < 0:
		return &NodeError{Node: n, Message: message.Text(message.DoseNotPositive, v)}
	}
	return nil
}
