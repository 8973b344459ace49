package catalog_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/unhunch/unhunch/catalog"
)

// plainExercise is a valid exercise with one line to replace.
const plainExercise = `exercises:
  - id: plain
    name: Plain
    purpose: Loosens the neck.
    type: mobility
    difficulty: easy
    positions: [seated]
    dose: {mode: reps, reps: 5}
    steps: [Sit tall.]
    cues: {intro: "a", setup: "b", move: "c"}
    cautions: [Stop if dizzy.]
`

// Every control character in catalog text is a problem at its line and
// field, and no issue prints one raw.
func TestControlCharacters(t *testing.T) {
	tests := []struct {
		name, from, to string
		line           int
		field          string
	}{
		{"escape in a name", `name: Plain`, `name: "\e[31mRed"`, 3, "name"},
		{"window title in a cue", `intro: "a"`, `intro: "\e]0;owned\a"`, 10, "cues.intro"},
		{"bell", `purpose: Loosens the neck.`, `purpose: "Ding\a"`, 4, "purpose"},
		{"right-to-left override", `steps: [Sit tall.]`, "steps: [Sit \u202etall.]", 9, "steps[0]"},
		{"left-to-right isolate", `steps: [Sit tall.]`, "steps: [Sit \u2066tall.]", 9, "steps[0]"},
		{"carriage return", `steps: [Sit tall.]`, `steps: ["Sit\rtall."]`, 9, "steps[0]"},
		{"C1 control", `name: Plain`, `name: "Pl\u009bain"`, 3, "name"},
		{"in a key", `purpose: Loosens the neck.`, "purpose: x\n    \"\\e[2J\": y", 5, `\u001b[2J`},
		{"in the id", `id: plain`, `id: "pl\e[0main"`, 2, "id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(plainExercise, tc.from, tc.to, 1)
			b := catalog.NewBuilder()
			issues := b.Add("mine.yaml", "mine.yaml", []byte(src))
			if len(issues) != 1 {
				t.Fatalf("%d issues, want 1: %v", len(issues), issues)
			}
			is := issues[0]
			if is.Line != tc.line || is.Field != tc.field || !strings.Contains(is.Message, "control character") {
				t.Errorf("issue %+v, want line %d field %q about a control character", is, tc.line, tc.field)
			}
			if strings.ContainsFunc(is.Error(), func(r rune) bool {
				return unicode.IsControl(r) || r == 0x202e || r == 0x2066
			}) {
				t.Errorf("the issue prints a control character: %q", is.Error())
			}
			if c, _ := b.Build(); len(c.Exercises()) != 0 {
				t.Errorf("the exercise was kept")
			}
		})
	}
	// Tabs and newlines are ordinary text.
	src := strings.Replace(plainExercise, `purpose: Loosens the neck.`, "purpose: \"Loosens\\tthe\\nneck.\"", 1)
	if issues := catalog.NewBuilder().Add("mine.yaml", "mine.yaml", []byte(src)); len(issues) != 0 {
		t.Errorf("tab and newline: %v", issues)
	}
}

// A file name or top-level key with control characters is escaped in issues.
func TestIssuePrintsNoControls(t *testing.T) {
	issues := catalog.NewBuilder().Add("evil\x1b[2J.yaml", "x", []byte("\"\\e]0;t\\a\": []\n"))
	if len(issues) == 0 {
		t.Fatal("no issue")
	}
	for _, is := range issues {
		if strings.ContainsFunc(is.Error(), unicode.IsControl) {
			t.Errorf("issue prints a control character: %q", is.Error())
		}
	}
}
