package figure_test

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/figure"
)

// standing returns a valid side-view illustration: standing, then raising
// the right arm forward, feet on the floor.
func standing() *figure.Illustration {
	return &figure.Illustration{
		View:     figure.Side,
		Base:     figure.Standing,
		Props:    []figure.Prop{{Kind: figure.Floor}, {Kind: figure.Wall, X: -12}},
		Contacts: []figure.Contact{{Part: "feet", On: figure.Floor}},
		Keyframes: []figure.Keyframe{
			{Name: "stand", Joints: map[figure.Joint]float64{}},
			{Name: "reach", Joints: map[figure.Joint]float64{"shoulder_r": 90}},
		},
	}
}

func TestValidate(t *testing.T) {
	reps := dose.Dose{Mode: dose.Reps, Reps: dose.Fixed(10)}
	wy := dose.Dose{Mode: dose.Reps, Reps: dose.Fixed(2), HoldBreaths: dose.Fixed(2),
		Poses: []dose.Pose{{Name: "W", Cue: "w"}, {Name: "Y", Cue: "y"}}}
	breath := dose.Dose{Mode: dose.Breath, Reps: dose.Fixed(10)}
	tests := []struct {
		name   string
		dose   dose.Dose
		change func(il *figure.Illustration)
		want   []dose.Problem
	}{
		{"valid", reps, func(*figure.Illustration) {}, nil},
		{"unknown view", reps, func(il *figure.Illustration) { il.View = "diagonal" },
			[]dose.Problem{{Field: "view", Message: `"diagonal" is not a view; use one of: side, front, back, top`}}},
		{"unknown base", reps, func(il *figure.Illustration) { il.Base = "floating" },
			[]dose.Problem{{Field: "base", Message: `"floating" is not a pose base; use one of: standing, seated, kneeling, hands-knees, lying-back, lying-front`}}},
		{"the view beside is the same view", reps, func(il *figure.Illustration) { il.Beside = figure.Side },
			[]dose.Problem{{Field: "beside", Message: "beside shows the side view again; choose another view or leave beside out"}}},
		{"unknown prop, twice a prop, a position that is not a number", reps, func(il *figure.Illustration) {
			il.Props = append(il.Props, figure.Prop{Kind: "trampoline"}, figure.Prop{Kind: figure.Wall, X: math.NaN()})
		}, []dose.Problem{
			{Field: "props[2].kind", Message: `"trampoline" is not a prop; use one of: floor, wall, doorway, chair, foam-roller, towel, pillow, mat`},
			{Field: "props[3].kind", Message: "wall is listed twice; list each prop once"},
			{Field: "props[3].x", Message: "NaN is not a usable position; use a number from -400 to 400"},
		}},
		{"anchor", reps, func(il *figure.Illustration) { il.Anchor = &figure.Anchor{Point: "tail", X: 0, Y: -4} },
			[]dose.Problem{
				{Field: "anchor.point", Message: `"tail" is not a point of the body; use one of: hips, sacrum, chest, neck_base, neck, head, nose, shoulder_l, shoulder_r, armpit_l, armpit_r, blade_l, blade_r, elbow_l, elbow_r, wrist_l, wrist_r, fingers_l, fingers_r, hip_l, hip_r, knee_l, knee_r, ankle_l, ankle_r, heel_l, heel_r, toe_l, toe_r`},
				{Field: "anchor.y", Message: "-4 is not a usable height; use a number from 0 to 400"},
			}},
		{"one keyframe", reps, func(il *figure.Illustration) { il.Keyframes = il.Keyframes[:1] },
			[]dose.Problem{{Field: "keyframes", Message: "an illustration needs 2 to 4 keyframes, not 1"}}},
		{"keyframe names", reps, func(il *figure.Illustration) {
			il.Keyframes[1].Name = "stand"
			il.Keyframes = append(il.Keyframes, figure.Keyframe{Name: " "})
		}, []dose.Problem{
			{Field: "keyframes[1].name", Message: `keyframe name "stand" is used twice`},
			{Field: "keyframes[2].name", Message: "is required"},
		}},
		{"impossible and unknown joints", reps, func(il *figure.Illustration) {
			il.Keyframes[1].Joints = map[figure.Joint]float64{"elbow_l": 200, "elbow": 10, "knee_r": math.Inf(1), "hip_r": -31}
		}, []dose.Problem{
			{Field: "keyframes[1].joints.elbow", Message: `"elbow" is not a joint; joints are: ` + strings.Join(jointNames(), ", ")},
			{Field: "keyframes[1].joints.elbow_l", Message: `200° is outside 0–150° (keyframe "reach")`},
			{Field: "keyframes[1].joints.hip_r", Message: `-31° is outside -30–140° (keyframe "reach")`},
			{Field: "keyframes[1].joints.knee_r", Message: "+Inf is not a number of degrees"},
		}},
		{"ranges are the same from every view", reps, func(il *figure.Illustration) {
			il.View = figure.Front
			il.Props = nil
			il.Keyframes[1].Joints = map[figure.Joint]float64{"shoulder_out_r": -50, "elbow_r": 120}
		}, []dose.Problem{
			{Field: "keyframes[1].joints.shoulder_out_r", Message: `-50° is outside -45–180° (keyframe "reach")`},
		}},
		{"contact names", reps, func(il *figure.Illustration) {
			il.Contacts = []figure.Contact{{Part: "tail", On: figure.Floor}, {Part: "hands", On: figure.Chair}, {Part: "hands", On: "sofa"}}
		}, []dose.Problem{
			{Field: "contacts[0].part", Message: `"tail" is not a part of the body; use one of: head, neck, upper_back, mid_back, lower_back, back, hips, shoulder_l, shoulder_r, upper_arm_l, upper_arm_r, elbow_l, elbow_r, forearm_l, forearm_r, hand_l, hand_r, thigh_l, thigh_r, knee_l, knee_r, shin_l, shin_r, foot_l, foot_r, shoulders, upper_arms, elbows, forearms, hands, thighs, knees, shins, feet`},
			{Field: "contacts[1].on", Message: "chair is not among the illustration's props; add it to props"},
			{Field: "contacts[2].on", Message: `"sofa" is not a prop; use one of: floor, wall, doorway, chair, foam-roller, towel, pillow, mat`},
		}},
		{"a contact that does not hold", reps, func(il *figure.Illustration) {
			// The wall moved back to 20 behind the ankle: the back of the
			// upper back, at the bottom of its segment, is 11.75 behind.
			il.Props[1].X = -20
			il.Keyframes[0].Contacts = []figure.Contact{{Part: "upper_back", On: figure.Wall}}
		}, []dose.Problem{
			{Field: "keyframes[0].contacts[0]", Message: `in keyframe "stand" the upper back does not touch the wall (8.2 away; at most 3 allowed)`},
		}},
		{"a plural contact checks both sides", reps, func(il *figure.Illustration) {
			il.Keyframes[1].Contacts = []figure.Contact{{Part: "hands", On: figure.Floor}}
		}, []dose.Problem{
			// The hanging left hand's fingertips are about 77.6 up, its tip
			// 2.5 thick; the right arm is raised level with the shoulder,
			// 146.6 up, the wrist end of the hand 3.3 thick.
			{Field: "keyframes[1].contacts[0]", Message: `in keyframe "reach" the left hand does not touch the floor (75.1 away; at most 3 allowed)`},
			{Field: "keyframes[1].contacts[0]", Message: `in keyframe "reach" the right hand does not touch the floor (143.3 away; at most 3 allowed)`},
		}},
		{"below the floor", reps, func(il *figure.Illustration) {
			// The ankle stays put, 8 up; pointing the foot 50° down sends the
			// toes into the floor.
			il.Keyframes[1].Joints = map[figure.Joint]float64{"ankle_r": -50}
		}, []dose.Problem{
			{Field: "keyframes[1]", Message: `in keyframe "reach" the right foot goes 9.6 below the floor`},
		}},
		{"through a solid prop", reps, func(il *figure.Illustration) {
			// A pillow, 12 high, under the feet: the bottom of the shins
			// (8 up, 3.7 thick) sink 7.7 into it, 3.7 more than a pillow's
			// give. Both legs are there; the left, listed first, is reported.
			il.Props = append(il.Props, figure.Prop{Kind: figure.Pillow})
		}, []dose.Problem{
			{Field: "keyframes[0]", Message: `in keyframe "stand" the left shin goes 3.6 into the pillow`},
			{Field: "keyframes[1]", Message: `in keyframe "reach" the left shin goes 3.6 into the pillow`},
		}},
		{"poses must be the keyframes", wy, func(il *figure.Illustration) {
			il.Keyframes = append(il.Keyframes, figure.Keyframe{Name: "Y"})
			il.Keyframes[1].Name = "X"
		}, []dose.Problem{
			{Field: "keyframes", Message: "the keyframes must be a start and then the dose's poses in order (…, W, Y); found stand, X, Y"},
		}},
		{"breathing needs 2 or 3 keyframes", breath, func(il *figure.Illustration) {
			for _, n := range []string{"a", "b"} {
				il.Keyframes = append(il.Keyframes, figure.Keyframe{Name: n})
			}
		}, []dose.Problem{
			{Field: "keyframes", Message: "a breath-paced exercise needs 2 or 3 keyframes (start, breathing in, breathing out), not 4"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			il := standing()
			tc.change(il)
			if diff := cmp.Diff(tc.want, il.Validate(tc.dose)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func jointNames() []string {
	s := make([]string, len(figure.Joints))
	for i, j := range figure.Joints {
		s[i] = string(j)
	}
	return s
}

// FuzzIllustration decodes arbitrary YAML as an illustration, checks it,
// and draws it: nothing panics, and whatever is drawn is well-formed SVG
// with no NaN or infinity, however wild the numbers.
func FuzzIllustration(f *testing.F) {
	for _, e := range builtins(f) {
		b, err := yaml.Marshal(e.Illustration)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	f.Add([]byte("view: front\nbase: seated\nkeyframes: [{name: a, joints: {neck: 1e308, head: -1e308}}, {name: b}]\n"), uint8(1))
	f.Add([]byte("view: side\nbase: lying-back\nanchor: {point: toe_l, x: .nan, y: .inf}\nprops: [chair, {kind: towel, x: -1e9}]\nkeyframes: [{name: a}, {name: a}]\n"), uint8(2))
	f.Add([]byte("view: back\nbase: standing\nkeyframes: []\n"), uint8(3))
	doses := []dose.Dose{
		{Mode: dose.Reps, Reps: dose.Fixed(10)},
		{Mode: dose.Hold, Hold: dose.Fixed(20), Reps: dose.Fixed(2), Sides: dose.Each},
		{Mode: dose.Breath, Reps: dose.Fixed(10)},
		{Mode: dose.Timed, Seconds: dose.Fixed(60)},
		{Mode: dose.Reps, Reps: dose.Fixed(2), HoldBreaths: dose.Fixed(2), Poses: []dose.Pose{{Name: "W"}, {Name: "Y"}}},
	}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		var il figure.Illustration
		if err := yaml.Unmarshal(data, &il); err != nil {
			return
		}
		d := doses[int(which)%len(doses)]
		problems := il.Validate(d)
		for _, p := range problems {
			if p.Field == "" || p.Message == "" {
				t.Fatalf("problem without field or message: %+v", p)
			}
		}
		s := figure.Subject{ID: "fuzz", Name: "Fuzz <&>", Illustration: &il, Dose: d}
		svg, err := figure.Animated(s)
		if err != nil {
			if len(problems) == 0 {
				t.Fatalf("a valid illustration cannot be drawn: %v", err)
			}
			return
		}
		checkSVG(t, "animated", svg)
		stills, err := figure.Stills(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range stills {
			checkSVG(t, "still", b)
		}
	})
}
