package catalog_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/figure"
)

// customExercise is a custom file with one exercise and an illustration;
// ILLUSTRATION is replaced by each test's keyframes, from line 20. The
// wall's face is 12 units behind the standing figure's centre line: the
// back of its head, of radius 11.5, is 0.5 from it.
const customExercise = `exercises:
  - id: my-angels
    name: My angels
    purpose: Arms up and down against a wall.
    type: mobility
    difficulty: easy
    positions: [standing-wall]
    equipment: [wall]
    dose: {mode: reps, reps: 10}
    steps: [Stand with your back to the wall., Slide your arms up and down.]
    cues: {intro: My angels., setup: Back to the wall., move: Slide up and down.}
    cautions: [Stop if your shoulder hurts.]
    illustration:
      view: side
      base: standing
      props: [floor, {kind: wall, x: -12}]
      contacts:
        - {part: head, on: wall}
      keyframes:
ILLUSTRATION`

func addCustom(t *testing.T, keyframes string) []catalog.Issue {
	t.Helper()
	b := catalog.NewBuilder()
	if issues := catalog.AddBuiltin(b); len(issues) > 0 {
		t.Fatal(issues)
	}
	return b.Add("mine.yaml", "mine.yaml", []byte(strings.Replace(customExercise, "ILLUSTRATION", keyframes, 1)))
}

func TestCustomIllustration(t *testing.T) {
	const entry = "exercise my-angels"
	tests := []struct {
		name      string
		keyframes string
		want      []catalog.Issue
	}{
		{"valid", `
        - name: down
          joints: {shoulder_l: 10, shoulder_r: 10}
        - name: up
          joints: {shoulder_l: 170, shoulder_r: 170}
`, nil},
		{"an impossible joint angle", `
        - name: down
          joints: {shoulder_l: 10}
        - name: up
          joints:
            shoulder_l: 170
            elbow_l: 200
`, []catalog.Issue{{File: "mine.yaml", Line: 25, Entry: entry, Field: "illustration.keyframes[1].joints.elbow_l",
			Message: `200° is outside 0–150° (keyframe "up")`}}},
		{"a contact with a missing prop", `
        - name: down
          joints: {}
          contacts:
            - {part: forearms, on: doorway}
        - name: up
          joints: {shoulder_l: 170}
`, []catalog.Issue{{File: "mine.yaml", Line: 23, Entry: entry, Field: "illustration.keyframes[0].contacts[0].on",
			Message: "doorway is not among the illustration's props; add it to props"}}},
		// Bending forward 20° above the lower back swings the head (its
		// back 0.5 from the wall when standing) forward and away from the
		// wall; the arms are held so they do not swing back into it.
		{"a contact that does not hold", `
        - name: down
          joints: {}
        - name: lean
          joints: {midback: 20, shoulder_l: 20, shoulder_r: 20}
`, []catalog.Issue{{File: "mine.yaml", Line: 18, Entry: entry, Field: "illustration.contacts[0]",
			Message: `in keyframe "lean" the head does not touch the wall (15.8 away; at most 3 allowed)`}}},
		{"an unknown joint", `
        - name: down
          joints: {shoulder_l: 10}
        - name: up
          joints: {elbw_l: 90}
`, []catalog.Issue{{File: "mine.yaml", Line: 23, Entry: entry, Field: "illustration.keyframes[1].joints.elbw_l",
			Message: `"elbw_l" is not a joint; joints are: ` + strings.Join(jointNames(), ", ")}}},
		{"joints written as a list", `
        - name: down
          joints: [shoulder_l, 10]
        - name: up
          joints: {}
`, []catalog.Issue{{File: "mine.yaml", Line: 21, Entry: entry, Field: "illustration.keyframes[0].joints[1]",
			Message: "expected a mapping (key: value lines), not a list"}}},
		{"an angle in words", `
        - name: down
          joints: {shoulder_l: ninety}
        - name: up
          joints: {}
`, []catalog.Issue{{File: "mine.yaml", Line: 21, Entry: entry, Field: "illustration.keyframes[0].joints.shoulder_l",
			Message: "expected a number, not the text `ninety`"}}},
		{"an unknown keyframe field", `
        - name: down
          angles: {shoulder_l: 10}
        - name: up
          joints: {}
`, []catalog.Issue{{File: "mine.yaml", Line: 21, Entry: entry, Field: "illustration.keyframes[0].angles",
			Message: `unknown field "angles"; known fields are: contacts, joints, name, targets`}}},
		{"one keyframe", `
        - name: down
          joints: {}
`, []catalog.Issue{{File: "mine.yaml", Line: 20, Entry: entry, Field: "illustration.keyframes",
			Message: "an illustration needs 2 to 4 keyframes, not 1"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := addCustom(t, strings.TrimPrefix(tc.keyframes, "\n"))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// The figure must show the equipment the exercise needs, or something that
// can stand in for it.
func TestIllustrationShowsTheEquipment(t *testing.T) {
	src := strings.Replace(customExercise, "props: [floor, {kind: wall, x: -12}]", "props: [floor]", 1)
	src = strings.Replace(src, "      contacts:\n        - {part: head, on: wall}\n", "", 1)
	src = strings.Replace(src, "ILLUSTRATION", "        - {name: a, joints: {}}\n        - {name: b, joints: {}}\n", 1)
	b := catalog.NewBuilder()
	got := b.Add("mine.yaml", "mine.yaml", []byte(src))
	want := []catalog.Issue{{File: "mine.yaml", Line: 16, Entry: "exercise my-angels", Field: "illustration.props",
		Message: "the exercise needs a wall, but the illustration does not show one; add it (or what can stand in for it) to illustration.props"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A substitute stands in: thoracic-extension needs a foam roller or a towel.
	e, _ := builtin(t).Exercise("thoracic-extension")
	c := *e
	il := *e.Illustration
	il.Props = []figure.Prop{{Kind: figure.Towel, X: -30}}
	il.Contacts = nil
	c.Illustration = &il
	var fields []string
	for _, p := range c.Validate() {
		fields = append(fields, p.Field+": "+p.Message)
	}
	if len(fields) > 0 {
		t.Errorf("a towel in place of the foam roller: %v", fields)
	}
}

func TestIllustrationJSON(t *testing.T) {
	e, _ := builtin(t).Exercise("wall-angels")
	b, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"illustration":{"view":"front","base":"standing","props":[{"kind":"floor"},{"kind":"wall","x":-13}]`, `"keyframes":[{"name":"W","joints":{`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON has no %s:\n%s", want, b)
		}
	}
}

func jointNames() []string {
	s := make([]string, len(figure.Joints))
	for i, j := range figure.Joints {
		s[i] = string(j)
	}
	return s
}

// FuzzCustomIllustration loads a custom file whose illustration is
// arbitrary text: loading never panics, every issue names the file and says
// what is wrong, and an exercise that loads can be drawn.
func FuzzCustomIllustration(f *testing.F) {
	f.Add("        - name: down\n          joints: {shoulder_l: 10}\n        - name: up\n          joints: {shoulder_l: 170}\n")
	f.Add("        - name: down\n          joints: [1, 2]\n")
	f.Add("        - {name: a, joints: {elbow_l: .nan}, contacts: [{part: hands, on: wall}]}\n        - {name: b, joints: {knee_r: 1e400}}\n")
	f.Add("        - &x {name: a, joints: {neck: 10}}\n        - *x\n")
	f.Fuzz(func(t *testing.T, keyframes string) {
		b := catalog.NewBuilder()
		issues := b.Add("mine.yaml", "mine.yaml", []byte(strings.Replace(customExercise, "ILLUSTRATION", keyframes, 1)))
		for _, is := range issues {
			if is.File != "mine.yaml" || is.Message == "" {
				t.Fatalf("issue without file or message: %+v", is)
			}
		}
		c, _ := b.Build()
		for _, e := range c.Exercises() {
			if e.Illustration == nil {
				continue
			}
			if _, err := figure.Animated(e.Figure()); err != nil {
				t.Fatalf("an illustration that loaded cannot be drawn: %v", err)
			}
		}
	})
}

// An exercise done in more than one position has a figure for each: the
// chosen position picks it, and the first position is the default.
func TestIllustrationForPosition(t *testing.T) {
	c := builtin(t)
	base := func(id string, p catalog.Position) figure.Base {
		e, _ := c.Exercise(id)
		il := e.IllustrationFor(p)
		if il == nil {
			return "none"
		}
		return il.Base
	}
	positions := func(id string) []catalog.Position {
		e, _ := c.Exercise(id)
		return e.FigurePositions()
	}
	got := map[string]any{
		"cat-cow on hands and knees": base("cat-cow", catalog.FloorHandsKnees),
		"cat-cow seated":             base("cat-cow", catalog.Seated),
		"cat-cow by default":         base("cat-cow", ""),
		"chin-tucks seated":          base("chin-tucks", catalog.Seated),
		"chin-tucks standing":        base("chin-tucks", catalog.Standing),
		"scapular-squeezes standing": base("scapular-squeezes", catalog.Standing),
		"bird-dog seated (not done)": base("bird-dog", catalog.Seated),
		"cat-cow's figures":          positions("cat-cow"),
		"chin-tucks' figures":        positions("chin-tucks"),
		"bird-dog's figures":         positions("bird-dog"),
	}
	want := map[string]any{
		"cat-cow on hands and knees": figure.HandsKnees,
		"cat-cow seated":             figure.Seated,
		"cat-cow by default":         figure.HandsKnees,
		"chin-tucks seated":          figure.Seated,
		"chin-tucks standing":        figure.Standing,
		"scapular-squeezes standing": figure.Standing,
		// bird-dog has one figure, for every position it may be done in.
		"bird-dog seated (not done)": figure.HandsKnees,
		"cat-cow's figures":          []catalog.Position{catalog.FloorHandsKnees, catalog.Seated},
		"chin-tucks' figures":        []catalog.Position{catalog.Seated, catalog.Standing},
		"bird-dog's figures":         []catalog.Position{catalog.FloorHandsKnees},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("figures by position (-want +got):\n%s", diff)
	}
	e, _ := c.Exercise("cat-cow")
	if s := e.FigureFor(catalog.Seated); s.Illustration.Base != figure.Seated || s.Variant != "seated" {
		t.Errorf("FigureFor(seated) = %s %q", s.Illustration.Base, s.Variant)
	}
}

// A figure for a position names one of the exercise's positions, once.
func TestPositionIllustrationChecks(t *testing.T) {
	src := strings.Replace(customExercise, "ILLUSTRATION", `        - {name: down, joints: {}}
        - {name: up, joints: {shoulder_l: 170}}
    illustrations:
      - positions: [floor-back, standing-wall]
        view: front
        base: standing
        props: [floor, {kind: wall, x: -13}]
        keyframes:
          - {name: down, joints: {}}
          - {name: up, joints: {shoulder_out_l: 170}}
      - positions: [standing-wall]
        view: front
        base: standing
        props: [floor, {kind: wall, x: -13}]
        keyframes:
          - {name: down, joints: {}}
          - {name: up, joints: {shoulder_out_l: 170}}
`, 1)
	b := catalog.NewBuilder()
	got := b.Add("mine.yaml", "mine.yaml", []byte(src))
	want := []catalog.Issue{
		{File: "mine.yaml", Line: 23, Entry: "exercise my-angels", Field: "illustrations[0].positions[0]",
			Message: `my-angels cannot be done in position "floor-back"; use one of: standing-wall`},
		{File: "mine.yaml", Line: 30, Entry: "exercise my-angels", Field: "illustrations[1].positions[0]",
			Message: `"standing-wall" is listed twice`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
