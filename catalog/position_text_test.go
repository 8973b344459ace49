package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
)

// An exercise done in more than one position says, in each, how to get
// into that position: its setup cue and its first step are its own, and
// neither offers the other position ("or sit on a chair"), so the words a
// person hears and reads match the figure drawn for the position (issue 14).
func TestEveryPositionHasItsOwnWords(t *testing.T) {
	c := builtin(t)
	several := 0
	for _, e := range c.Exercises() {
		if len(e.Positions) < 2 {
			continue
		}
		several++
		setups, firsts := map[string]catalog.Position{}, map[string]catalog.Position{}
		for _, p := range e.Positions {
			cues, steps := e.CuesFor(p), e.StepsFor(p)
			if q, ok := setups[cues.Setup]; ok {
				t.Errorf("%s: %s and %s share the setup cue %q", e.ID, q, p, cues.Setup)
			}
			if q, ok := firsts[steps[0]]; ok {
				t.Errorf("%s: %s and %s share the first step %q", e.ID, q, p, steps[0])
			}
			setups[cues.Setup], firsts[steps[0]] = p, p
			for _, text := range append([]string{cues.Setup}, steps...) {
				if strings.Contains(text, " or sit") || strings.Contains(text, "Sit or stand") || strings.Contains(text, "If the floor is not an option") {
					t.Errorf("%s in %s offers another position: %q", e.ID, p, text)
				}
			}
		}
		if got := e.WordPositions(); !slices.Equal(got, e.Positions) {
			t.Errorf("%s: WordPositions = %v, want every position %v", e.ID, got, e.Positions)
		}
	}
	if several < 3 {
		t.Fatalf("only %d exercises are done in several positions; the test no longer looks at them", several)
	}
	e, _ := c.Exercise("cat-cow")
	if got := e.CuesFor(catalog.Seated).Setup; !strings.Contains(got, "chair") {
		t.Errorf("seated cat-cow sets up with %q", got)
	}
	if got := e.CuesFor(""); got.Setup != e.CuesFor(catalog.FloorHandsKnees).Setup || got.Inhale != e.Cues.Inhale {
		t.Errorf("CuesFor(\"\") = %+v, want the first position's", got)
	}
}

// Words for a position name one of the exercise's positions, once, and say
// something; their cues are checked as the exercise's are.
func TestInPositionChecks(t *testing.T) {
	src := strings.Replace(customExercise, "    positions: [standing-wall]", "    positions: [standing-wall, seated]", 1)
	src = strings.Replace(src, "ILLUSTRATION", `        - {name: down, joints: {}}
        - {name: up, joints: {shoulder_l: 170}}
    in_positions:
      - positions: [floor-back, seated]
        cues: {setup: "Sit tall, {side} arm ready."}
      - positions: [seated]
        steps: [Sit tall.]
      - positions: [standing-wall]
`, 1)
	got := catalog.NewBuilder().Add("mine.yaml", "mine.yaml", []byte(src))
	var fields []string
	for _, is := range got {
		fields = append(fields, is.Field+": "+is.Message)
	}
	want := []string{
		`in_positions[0].positions[0]: my-angels cannot be done in position "floor-back"; use one of: standing-wall, seated`,
		`in_positions[0].cues.setup: ` + message.Text(message.CatalogSidePlaceholder, "{side}"),
		`in_positions[1].positions[0]: "seated" is listed twice`,
		`in_positions[2]: ` + message.Text(message.CatalogInPositionEmpty),
	}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
