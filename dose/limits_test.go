package dose_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/dose"
)

// Tempo timings below their minimum or above 30 s are problems, at the
// bounds they are fine, and zero means the default.
func TestTempoLimits(t *testing.T) {
	for _, l := range dose.TempoLimits {
		for _, tc := range []struct {
			v    float64
			want []string
		}{
			{0, []string{}},
			{l.Min, []string{}},
			{l.Max, []string{}},
			{l.Min / 2, []string{"tempo." + l.Name}},
			{0.01, []string{"tempo." + l.Name}},
			{-1, []string{"tempo." + l.Name}},
			{l.Max + 0.5, []string{"tempo." + l.Name}},
			{math.NaN(), []string{"tempo." + l.Name}},
		} {
			d := dose.Dose{Mode: dose.Reps, Reps: dose.Fixed(5)}
			// Set the one field by its YAML name.
			set := map[string]*float64{"rep": &d.Tempo.Rep, "move": &d.Tempo.Move, "release": &d.Tempo.Release,
				"inhale": &d.Tempo.Inhale, "exhale": &d.Tempo.Exhale, "breath": &d.Tempo.Breath, "switch": &d.Tempo.Switch}
			*set[l.Name] = tc.v
			if diff := cmp.Diff(tc.want, fields(d.Validate())); diff != "" {
				t.Errorf("tempo.%s = %g (-want +got):\n%s", l.Name, tc.v, diff)
			}
		}
	}
}

// A zero written in a file is refused where it is written, with its node.
func TestZeroWritten(t *testing.T) {
	for _, src := range []string{
		"{mode: reps, reps: 0}",
		"{mode: reps, reps: 5, sets: 0}",
		"{mode: hold, hold: {min: 0, max: 3}}",
		"{mode: reps, reps: 5, tempo: {rep: 0}}",
		"{mode: reps, reps: -2}",
	} {
		var d dose.Dose
		err := yaml.Unmarshal([]byte(src), &d)
		var ne *dose.NodeError
		if !errors.As(err, &ne) || ne.Node == nil {
			t.Errorf("%s: error %v, want a NodeError", src, err)
		}
	}
	var d dose.Dose
	if err := yaml.Unmarshal([]byte("{mode: reps, reps: 1, sets: 1, rest: 0, tempo: {rep: 1}}"), &d); err != nil {
		t.Errorf("the least values: %v", err)
	}
}
