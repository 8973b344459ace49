package dose_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/dose"
)

func fields(ps []dose.Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Field)
	}
	return out
}

func intp(n int) *int { return &n }

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		d    dose.Dose
		want []string // fields with problems
	}{
		{"reps", dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 10, Max: 15}}, []string{}},
		{"reps with hold", dose.Dose{Mode: dose.Reps, Reps: dose.Fixed(10), Hold: dose.Fixed(5)}, []string{}},
		{"hold", dose.Dose{Mode: dose.Hold, Reps: dose.Fixed(2), Hold: dose.Range{Min: 20, Max: 30}}, []string{}},
		{"timed", dose.Dose{Mode: dose.Timed, Seconds: dose.Range{Min: 60, Max: 90}}, []string{}},
		{"breath", dose.Dose{Mode: dose.Breath, Reps: dose.Fixed(10)}, []string{}},
		{"poses with breaths", dose.Dose{Mode: dose.Reps, Reps: dose.Fixed(2), HoldBreaths: dose.Fixed(2),
			Poses: []dose.Pose{{Name: "W", Cue: "w"}, {Name: "Y", Cue: "y"}}}, []string{}},
		{"unknown mode", dose.Dose{Mode: "wiggle"}, []string{"mode"}},
		{"negative reps", dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: -1, Max: 5}}, []string{"reps.min"}},
		{"min over max", dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 15, Max: 10}}, []string{"reps"}},
		{"reps over cap", dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 10, Max: 25}}, []string{"reps.max"}},
		{"hold over cap", dose.Dose{Mode: dose.Hold, Hold: dose.Range{Min: 30, Max: 90}}, []string{"hold.max"}},
		{"hold on timed", dose.Dose{Mode: dose.Timed, Seconds: dose.Fixed(60), Hold: dose.Fixed(5)}, []string{"hold"}},
		{"timed without seconds", dose.Dose{Mode: dose.Timed}, []string{"seconds"}},
		{"timed with reps", dose.Dose{Mode: dose.Timed, Seconds: dose.Fixed(60), Reps: dose.Fixed(3)}, []string{"reps"}},
		{"hold mode without hold", dose.Dose{Mode: dose.Hold, Reps: dose.Fixed(2)}, []string{"hold"}},
		{"hold on breath", dose.Dose{Mode: dose.Breath, Reps: dose.Fixed(10), Hold: dose.Fixed(3)}, []string{"hold"}},
		{"both holds", dose.Dose{Mode: dose.Reps, Hold: dose.Fixed(3), HoldBreaths: dose.Fixed(2)}, []string{"hold_breaths"}},
		{"seconds on reps", dose.Dose{Mode: dose.Reps, Seconds: dose.Fixed(30)}, []string{"seconds"}},
		{"poses without hold", dose.Dose{Mode: dose.Reps, Poses: []dose.Pose{{Name: "W", Cue: "w"}}}, []string{"poses"}},
		{"pose without cue", dose.Dose{Mode: dose.Reps, Hold: dose.Fixed(3), Poses: []dose.Pose{{Name: "W"}}}, []string{"poses[0].cue"}},
		{"bad sides", dose.Dose{Mode: dose.Reps, Sides: "both"}, []string{"sides"}},
		{"bad first side", dose.Dose{Mode: dose.Reps, Sides: dose.Each, FirstSide: "up"}, []string{"first_side"}},
		{"negative rest", dose.Dose{Mode: dose.Hold, Hold: dose.Fixed(5), Rest: intp(-1)}, []string{"rest"}},
		{"bad tempo", dose.Dose{Mode: dose.Reps, Tempo: dose.Tempo{Rep: -2, Inhale: 45}}, []string{"tempo.rep", "tempo.inhale"}},
		{"zero sets min", dose.Dose{Mode: dose.Reps, Sets: dose.Range{Min: 0, Max: 2}}, []string{"sets.min"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fields(tt.d.Normalize().Validate())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProblemsHaveMessages(t *testing.T) {
	ps := dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 15, Max: 10}}.Validate()
	if len(ps) != 1 || ps[0].Message == "" || ps[0].Error() != "reps: "+ps[0].Message {
		t.Fatalf("got %#v", ps)
	}
}

func TestAmounts(t *testing.T) {
	d := dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 10, Max: 15}, Hold: dose.Range{Min: 5, Max: 10}, Sets: dose.Range{Min: 1, Max: 2}}
	if diff := cmp.Diff(dose.Amount{Reps: 10, Hold: 5, Sets: 1}, d.Start()); diff != "" {
		t.Errorf("start (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(dose.Amount{Reps: 15, Hold: 10, Sets: 2}, d.Target()); diff != "" {
		t.Errorf("target (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(dose.Amount{Reps: 12, Hold: 5, Sets: 1}, d.Fill(dose.Amount{Reps: 12, Seconds: 40})); diff != "" {
		t.Errorf("fill (-want +got):\n%s", diff)
	}
	tests := []struct {
		name string
		a    dose.Amount
		want []string
	}{
		{"zero is the start", dose.Amount{}, []string{}},
		{"inside", dose.Amount{Reps: 15, Hold: 7, Sets: 2}, []string{}},
		{"too many reps", dose.Amount{Reps: 16}, []string{"reps"}},
		{"negative hold", dose.Amount{Hold: -5}, []string{"hold"}},
		{"seconds unused", dose.Amount{Seconds: 30}, []string{"seconds"}},
		{"breaths unused", dose.Amount{HoldBreaths: 2}, []string{"hold_breaths"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fields(d.CheckAmount(tt.a))); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		d          dose.Dose
		start, rng string
	}{
		{dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 10, Max: 15}, Hold: dose.Fixed(5)}, "10 reps, 5 s hold", "10–15 reps, 5 s hold"},
		{dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 10, Max: 15}}, "10 reps", "10–15 reps"},
		{dose.Dose{Mode: dose.Hold, Reps: dose.Range{Min: 2, Max: 3}, Hold: dose.Range{Min: 20, Max: 30}}, "2 × 20 s hold", "2–3 × 20–30 s hold"},
		{dose.Dose{Mode: dose.Hold, Hold: dose.Range{Min: 10, Max: 15}, Sides: dose.Each}, "10 s hold, each side", "10–15 s hold, each side"},
		{dose.Dose{Mode: dose.Timed, Seconds: dose.Range{Min: 60, Max: 90}}, "60 s", "60–90 s"},
		{dose.Dose{Mode: dose.Breath, Reps: dose.Fixed(10), Sets: dose.Range{Min: 1, Max: 2}}, "10 breaths in and out", "10 breaths in and out, 1–2 sets"},
		{dose.Dose{Mode: dose.Reps, Reps: dose.Range{Min: 2, Max: 5}, HoldBreaths: dose.Fixed(2),
			Poses: []dose.Pose{{Name: "W", Cue: "w"}, {Name: "Y", Cue: "y"}}}, "2 reps, W–Y, hold for 2 breaths each", "2–5 reps, W–Y, hold for 2 breaths each"},
		{dose.Dose{Mode: dose.Reps, Reps: dose.Fixed(8), Sides: dose.Alternate}, "8 reps, alternating sides", "8 reps, alternating sides"},
	}
	for _, tt := range tests {
		t.Run(tt.start, func(t *testing.T) {
			if got := tt.d.Describe(tt.d.Start()); got != tt.start {
				t.Errorf("Describe = %q, want %q", got, tt.start)
			}
			if got := tt.d.DescribeRange(); got != tt.rng {
				t.Errorf("DescribeRange = %q, want %q", got, tt.rng)
			}
		})
	}
}

func TestRangeYAML(t *testing.T) {
	tests := []struct {
		in      string
		want    dose.Range
		wantErr bool
	}{
		{"r: 10", dose.Fixed(10), false},
		{"r: {min: 8, max: 10}", dose.Range{Min: 8, Max: 10}, false},
		{"r: {min: 8}", dose.Fixed(8), false},
		{"r: {max: 9}", dose.Fixed(9), false},
		{"r: {}", dose.Range{}, true},
		{"r: ten", dose.Range{}, true},
		{"r: 2.5", dose.Range{}, true},
		{"r: {min: 1, most: 3}", dose.Range{}, true},
		{"r: {min: [1]}", dose.Range{}, true},
		{"r: [1, 2]", dose.Range{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var v struct{ R dose.Range }
			err := yaml.Unmarshal([]byte(tt.in), &v)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && v.R != tt.want {
				t.Errorf("got %+v, want %+v", v.R, tt.want)
			}
		})
	}
}

func TestTiming(t *testing.T) {
	d := dose.Dose{Mode: dose.Reps, Tempo: dose.Tempo{Rep: 6, Move: 2.5}, Rest: intp(0)}
	tm := d.Timing()
	if tm.Rep.Seconds() != 6 || tm.Move.Milliseconds() != 2500 || tm.Release.Seconds() != 2 || tm.Rest != 0 || tm.Breath.Seconds() != 5 {
		t.Errorf("timing = %+v", tm)
	}
	if got := (dose.Dose{Mode: dose.Hold}).Timing().Rest.Seconds(); got != 5 {
		t.Errorf("default rest = %v", got)
	}
}
