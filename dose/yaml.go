package dose

import (
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/message"
)

// UnmarshalYAML reads a range written as a number (10) or as {min: 8, max: 10}.
func (r *Range) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		v, err := strconv.Atoi(n.Value)
		if err != nil {
			return fmt.Errorf("line %d: %s", n.Line, message.Text(message.RangeNotNumber, n.Value))
		}
		if err := CheckWritten(n, v); err != nil {
			return err
		}
		*r = Fixed(v)
		return nil
	case yaml.MappingNode:
		var out Range
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			num, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				return fmt.Errorf("line %d: %s", v.Line, message.Text(message.RangeNotNumber, v.Value))
			}
			if err := CheckWritten(v, num); err != nil {
				return err
			}
			switch k.Value {
			case "min":
				out.Min = num
			case "max":
				out.Max = num
			default:
				return fmt.Errorf("line %d: %s", k.Line, message.Text(message.RangeUnknownKey, k.Value))
			}
			seen[k.Value] = true
		}
		switch {
		case !seen["min"] && !seen["max"]:
			return fmt.Errorf("line %d: %s", n.Line, message.Text(message.RangeEmpty))
		case !seen["max"]:
			out.Max = out.Min
		case !seen["min"]:
			out.Min = out.Max
		}
		*r = out
		return nil
	}
	return fmt.Errorf("line %d: %s", n.Line, message.Text(message.RangeNotNumber, n.Value))
}
