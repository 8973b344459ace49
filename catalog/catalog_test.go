package catalog_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// The ids published so far, in their order: part of the public interface,
// so none may change or move. An exercise added to data/exercises comes
// after them and needs no change here.
var wantExercises = []string{
	"thoracic-foam-rolling", "childs-pose", "w-y-stretch", "seated-levator-scapulae-stretch",
	"back-extension", "bird-dog", "wall-angels", "thoracic-extension", "chin-tucks",
	"scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle",
}

func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatalf("built-in catalog: %v", err)
	}
	return c
}

func TestBuiltinExercises(t *testing.T) {
	c := builtin(t)
	var ids []string
	for _, e := range c.Exercises() {
		ids = append(ids, e.ID)
	}
	if len(ids) < len(wantExercises) {
		t.Fatalf("%d built-in exercises, but %d were published: %v", len(ids), len(wantExercises), ids)
	}
	if diff := cmp.Diff(wantExercises, ids[:len(wantExercises)]); diff != "" {
		t.Fatalf("exercise ids (-want +got):\n%s", diff)
	}
	checked := seedTitles(t, c)
	for _, e := range c.Exercises() {
		t.Run(e.ID, func(t *testing.T) {
			if e.Origin != catalog.BuiltinOrigin {
				t.Errorf("origin = %q", e.Origin)
			}
			if len(e.Aliases) == 0 || len(e.Targets) == 0 || len(e.Steps) < 3 || len(e.Mistakes) == 0 ||
				len(e.Cautions) == 0 || len(e.Cues.Form) == 0 || e.Purpose == "" {
				t.Errorf("an exercise record needs aliases, targets, steps, mistakes, cautions, form cues and a purpose: %+v", e)
			}
			if len(e.Source) == 0 {
				t.Fatal("no source")
			}
			for _, s := range e.Source {
				if s.Item < 1 || s.Title == "" {
					t.Errorf("source %+v needs a title and an item number", s)
				}
				if !checked[seedTitleHash(s.Seed, s.Title)] {
					t.Errorf("source %s %q is not among the titles checked against the seeds (%s): run %s", s.Seed, s.Title, seedTitleFile, regenerateSeeds)
				}
			}
			if !strings.HasPrefix(e.Cues.Intro, e.Name) {
				t.Errorf("intro cue %q should start with the name %q", e.Cues.Intro, e.Name)
			}
			if ps := e.Validate(); len(ps) > 0 {
				t.Errorf("problems: %v", ps)
			}
		})
	}
}

// Facts that the content must keep.
func TestBuiltinFacts(t *testing.T) {
	c := builtin(t)
	tests := []struct {
		id        string
		positions []catalog.Position
		equipment []catalog.Equipment
		typ       catalog.Type
		sides     dose.Sides
		mode      dose.Mode
		start     dose.Amount
	}{
		{"thoracic-foam-rolling", []catalog.Position{catalog.FloorBack}, []catalog.Equipment{catalog.FoamRoller}, catalog.Mobility, dose.NoSides, dose.Timed, dose.Amount{Seconds: 60, Sets: 1}},
		{"childs-pose", []catalog.Position{catalog.FloorKneeling}, []catalog.Equipment{}, catalog.Stretch, dose.NoSides, dose.Hold, dose.Amount{Reps: 3, Hold: 5, Sets: 1}},
		{"w-y-stretch", []catalog.Position{catalog.Standing}, []catalog.Equipment{}, catalog.Activation, dose.NoSides, dose.Reps, dose.Amount{Reps: 2, HoldBreaths: 2, Sets: 1}},
		{"seated-levator-scapulae-stretch", []catalog.Position{catalog.Seated}, []catalog.Equipment{catalog.Chair}, catalog.Stretch, dose.Each, dose.Hold, dose.Amount{Reps: 1, Hold: 10, Sets: 1}},
		{"back-extension", []catalog.Position{catalog.FloorFront}, []catalog.Equipment{catalog.Pillow}, catalog.Strengthen, dose.NoSides, dose.Reps, dose.Amount{Reps: 8, Hold: 5, Sets: 1}},
		{"bird-dog", []catalog.Position{catalog.FloorHandsKnees}, []catalog.Equipment{}, catalog.Strengthen, dose.Each, dose.Hold, dose.Amount{Reps: 1, Hold: 10, Sets: 1}},
		{"wall-angels", []catalog.Position{catalog.StandingWall}, []catalog.Equipment{catalog.Wall}, catalog.Mobility, dose.NoSides, dose.Reps, dose.Amount{Reps: 10, Sets: 1}},
		{"thoracic-extension", []catalog.Position{catalog.FloorBack}, []catalog.Equipment{catalog.FoamRoller}, catalog.Mobility, dose.NoSides, dose.Reps, dose.Amount{Reps: 8, Hold: 3, Sets: 1}},
		{"chin-tucks", []catalog.Position{catalog.Seated, catalog.Standing}, []catalog.Equipment{}, catalog.Posture, dose.NoSides, dose.Reps, dose.Amount{Reps: 10, Hold: 5, Sets: 1}},
		{"scapular-squeezes", []catalog.Position{catalog.Seated, catalog.Standing}, []catalog.Equipment{}, catalog.Strengthen, dose.NoSides, dose.Reps, dose.Amount{Reps: 10, Hold: 5, Sets: 1}},
		{"doorway-pec-stretch", []catalog.Position{catalog.StandingDoorway}, []catalog.Equipment{catalog.Doorway}, catalog.Stretch, dose.NoSides, dose.Hold, dose.Amount{Reps: 2, Hold: 20, Sets: 1}},
		{"cat-cow", []catalog.Position{catalog.FloorHandsKnees, catalog.Seated}, []catalog.Equipment{}, catalog.Mobility, dose.NoSides, dose.Breath, dose.Amount{Reps: 10, Sets: 1}},
		{"thread-the-needle", []catalog.Position{catalog.FloorHandsKnees}, []catalog.Equipment{}, catalog.Stretch, dose.Each, dose.Hold, dose.Amount{Reps: 1, Hold: 20, Sets: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e, ok := c.Exercise(tt.id)
			if !ok {
				t.Fatal("missing")
			}
			got := []any{e.Positions, e.Equipment, e.Type, e.Sides(), e.Dose.Mode, e.Dose.Start()}
			want := []any{tt.positions, tt.equipment, tt.typ, tt.sides, tt.mode, tt.start}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	te, _ := c.Exercise("thoracic-extension")
	if diff := cmp.Diff([]catalog.Equipment{catalog.Towel}, te.Substitutes[catalog.FoamRoller]); diff != "" {
		t.Errorf("a towel stands in for the roller in thoracic extension (-want +got):\n%s", diff)
	}
}

func TestBuiltinRoutines(t *testing.T) {
	c := builtin(t)
	want := []struct {
		id        string
		box       int
		exercises []string
	}{
		{"seven-in-seven", 420, wantExercises[:7]},
		{"quick-daily-reset", 300, []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}},
		{"end-of-day-relief", 600, []string{"thoracic-extension", "wall-angels", "cat-cow", "thread-the-needle"}},
		{"posture-support", 900, []string{"thoracic-extension", "wall-angels", "chin-tucks", "scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle"}},
	}
	if len(c.Routines()) != len(want) {
		t.Fatalf("%d routines, want %d", len(c.Routines()), len(want))
	}
	for i, w := range want {
		r := c.Routines()[i]
		var ids []string
		for _, it := range r.Exercises {
			ids = append(ids, it.ID)
		}
		if r.ID != w.id || r.TimeBoxSeconds != w.box || !slices.Equal(ids, w.exercises) {
			t.Errorf("routine %d = %s %d %v, want %s %d %v", i, r.ID, r.TimeBoxSeconds, ids, w.id, w.box, w.exercises)
		}
	}
}

// A small valid exercise used as the base of bad-input cases.
const goodExercise = `exercises:
  - id: neck-roll
    name: Neck roll
    purpose: Loosens the neck.
    type: mobility
    difficulty: easy
    positions: [seated]
    equipment: []
    dose:
      mode: reps
      reps: {min: 5, max: 8}
    steps: [Sit tall., Roll slowly.]
    cues:
      intro: Neck roll.
      setup: Sit tall.
      move: Roll slowly.
    cautions: [Stop if you feel dizzy.]
`

func TestAddReportsWhereAndWhat(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		lines []int    // expected issue lines
		field []string // expected issue fields
		words string   // a phrase the first message contains
	}{
		{"valid", goodExercise, nil, nil, ""},
		{"malformed yaml", "exercises:\n  - id: x\n    name: [unclosed\n", []int{3}, []string{""}, "not valid YAML"},
		{"duplicate key", strings.Replace(goodExercise, "    type: mobility\n", "    type: mobility\n    type: stretch\n", 1), []int{6}, []string{"type"}, "already defined at line 5"},
		{"empty", "", []int{0}, []string{""}, "empty"},
		{"not a mapping", "- a\n- b\n", []int{1}, []string{""}, "mapping"},
		{"unknown top key", "exercise:\n  - id: x\n", []int{1}, []string{"exercise"}, "unknown field"},
		{"unknown field", strings.Replace(goodExercise, "      reps: {min: 5, max: 8}", "      reps: {min: 5, max: 8}\n      hld: 5", 1), []int{12}, []string{"dose.hld"}, `unknown field "hld"`},
		{"unknown field in range", strings.Replace(goodExercise, "{min: 5, max: 8}", "{min: 5, most: 8}", 1), []int{11}, []string{"dose.reps.most"}, "unknown field"},
		{"wrong type", strings.Replace(goodExercise, "positions: [seated]", "positions: seated", 1), []int{7}, []string{"positions"}, "expected a list, not the text `seated`"},
		{"misindented", strings.Replace(goodExercise, "    difficulty: easy", "  difficulty: easy", 1), []int{6}, []string{""}, "not valid YAML"},
		{"number expected", strings.Replace(goodExercise, "{min: 5, max: 8}", "abc", 1), []int{11}, []string{"dose.reps"}, "not a whole number"},
		{"negative reps", strings.Replace(goodExercise, "{min: 5, max: 8}", "{min: -2, max: 8}", 1), []int{11}, []string{"dose.reps.min"}, "at least 1"},
		{"min over max", strings.Replace(goodExercise, "{min: 5, max: 8}", "{min: 9, max: 8}", 1), []int{11}, []string{"dose.reps"}, "more than max"},
		{"hold on timed", strings.Replace(goodExercise, "      mode: reps\n      reps: {min: 5, max: 8}", "      mode: timed\n      seconds: 60\n      hold: 5", 1), []int{12}, []string{"dose.hold"}, "no hold"},
		{"bad id", strings.Replace(goodExercise, "id: neck-roll", "id: Neck Roll", 1), []int{2}, []string{"id"}, "lower-case"},
		{"duplicate id in file", goodExercise + strings.TrimPrefix(goodExercise, "exercises:\n"), []int{18}, []string{"id"}, "already used"},
		{"duplicate of built-in", strings.Replace(goodExercise, "id: neck-roll", "id: chin-tucks", 1), []int{2}, []string{"id"}, "already used"},
		{"bad position", strings.Replace(goodExercise, "[seated]", "[sofa]", 1), []int{7}, []string{"positions[0]"}, "unknown position"},
		{"bad equipment", strings.Replace(goodExercise, "equipment: []", "equipment: [kettlebell]", 1), []int{8}, []string{"equipment[0]"}, "unknown equipment"},
		{"missing cue", strings.Replace(goodExercise, "      move: Roll slowly.\n", "", 1), []int{14}, []string{"cues.move"}, "needs this cue"},
		{"bad placeholder", strings.Replace(goodExercise, "move: Roll slowly.", "move: Roll {sideways}.", 1), []int{16}, []string{"cues.move"}, "placeholder"},
		{"side placeholder without sides", strings.Replace(goodExercise, "move: Roll slowly.", "move: Roll {side}.", 1), []int{16}, []string{"cues.move"}, "sides"},
		{"no cautions", strings.Replace(goodExercise, "    cautions: [Stop if you feel dizzy.]\n", "", 1), []int{2}, []string{"cautions"}, "at least one"},
		{"unsuitable for a known condition", goodExercise + "    unsuitable_for:\n      - {condition: osteoporosis, source: My physio}\n", nil, nil, ""},
		{"unknown condition", goodExercise + "    unsuitable_for:\n      - condition: broken-heart\n        source: My physio\n", []int{19}, []string{"unsuitable_for[0].condition"}, `unknown condition "broken-heart"; use one of: pregnancy, pregnancy-after-12-weeks, osteoporosis`},
		{"condition without a source", goodExercise + "    unsuitable_for:\n      - condition: pregnancy\n", []int{19}, []string{"unsuitable_for[0].source"}, "required"},
		{"condition twice", goodExercise + "    unsuitable_for:\n      - {condition: pregnancy, source: a}\n      - {condition: pregnancy, source: b}\n", []int{20}, []string{"unsuitable_for[1].condition"}, `"pregnancy" is listed twice`},
		{"condition misspelt field", goodExercise + "    unsuitable_for:\n      - {conditon: pregnancy, source: a}\n", []int{19}, []string{"unsuitable_for[0].conditon"}, "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := catalog.NewBuilder()
			if is := catalog.AddBuiltin(b); len(is) > 0 {
				t.Fatal(is)
			}
			issues := b.Add("mine.yaml", "mine.yaml", []byte(tt.file))
			var lines []int
			var fields []string
			for _, is := range issues {
				lines = append(lines, is.Line)
				fields = append(fields, is.Field)
				if is.File != "mine.yaml" || !strings.HasPrefix(is.Error(), "mine.yaml") {
					t.Errorf("issue %q does not name the file", is.Error())
				}
			}
			if diff := cmp.Diff(tt.lines, lines); diff != "" {
				t.Errorf("lines (-want +got):\n%s\nissues: %v", diff, issues)
			}
			if diff := cmp.Diff(tt.field, fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s\nissues: %v", diff, issues)
			}
			if tt.words != "" && len(issues) > 0 && !strings.Contains(issues[0].Message, tt.words) {
				t.Errorf("message %q lacks %q", issues[0].Message, tt.words)
			}
		})
	}
}

func TestRoutinesResolvedAtBuild(t *testing.T) {
	tests := []struct {
		name    string
		routine string
		line    int
		field   string
	}{
		{"missing exercise", "      - chin-tucks\n      - no-such-thing\n", 7, "exercises[1].id"},
		{"amount outside range", "      - {id: chin-tucks, reps: 30}\n", 6, "exercises[0].reps"},
		{"amount not used", "      - {id: chin-tucks, seconds: 30}\n", 6, "exercises[0].seconds"},
		{"position not allowed", "      - {id: chin-tucks, position: floor-back}\n", 6, "exercises[0].position"},
		{"round going back", "      - {id: chin-tucks, round: 2}\n      - {id: chin-tucks, round: 1}\n", 7, "exercises[1].round"},
		{"round of none after two", "      - {id: chin-tucks, round: 2}\n      - chin-tucks\n", 7, "exercises[1].round"},
		{"round too high", "      - {id: chin-tucks, round: 10}\n", 6, "exercises[0].round"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "routines:\n  - id: mine\n    name: Mine\n    time_box_seconds: 300\n    exercises:\n" + tt.routine
			b := catalog.NewBuilder()
			catalog.AddBuiltin(b)
			if is := b.Add("r.yaml", "r.yaml", []byte(file)); len(is) > 0 {
				t.Fatalf("add: %v", is)
			}
			c, issues := b.Build()
			if len(issues) != 1 || issues[0].Line != tt.line || issues[0].Field != tt.field || issues[0].File != "r.yaml" {
				t.Fatalf("issues = %v, want one at line %d field %s", issues, tt.line, tt.field)
			}
			if _, ok := c.Routine("mine"); ok {
				t.Error("a routine with problems must be left out")
			}
			if len(c.Routines()) != 4 {
				t.Errorf("built-in routines must still load, got %d", len(c.Routines()))
			}
		})
	}
}

// A routine may go through its exercises more than once: entries name
// their round (a saved plan of two rounds).
func TestRoutineRounds(t *testing.T) {
	file := "routines:\n  - id: twice\n    name: Twice\n    exercises:\n" +
		"      - {id: chin-tucks, round: 1}\n      - {id: cat-cow, round: 1}\n      - {id: chin-tucks, round: 2}\n      - {id: cat-cow, round: 2}\n"
	b := catalog.NewBuilder()
	catalog.AddBuiltin(b)
	if is := b.Add("r.yaml", "r.yaml", []byte(file)); len(is) > 0 {
		t.Fatalf("add: %v", is)
	}
	c, issues := b.Build()
	if len(issues) > 0 {
		t.Fatal(issues)
	}
	r, ok := c.Routine("twice")
	if !ok {
		t.Fatal("not loaded")
	}
	var rounds []int
	for _, it := range r.Exercises {
		rounds = append(rounds, it.Round)
	}
	if diff := cmp.Diff([]int{1, 1, 2, 2}, rounds); diff != "" {
		t.Errorf("rounds (-want +got):\n%s", diff)
	}
}

func TestBadEntryLeavesTheRest(t *testing.T) {
	good2 := strings.ReplaceAll(strings.TrimPrefix(goodExercise, "exercises:\n"), "neck-roll", "neck-roll-two")
	bad := strings.ReplaceAll(strings.TrimPrefix(goodExercise, "exercises:\n"), "mode: reps", "mode: wiggle")
	fsys := fstest.MapFS{
		"a.yaml":       {Data: []byte(goodExercise + bad + good2)},
		"b.yml":        {Data: []byte("exercises: [")},
		"notes.txt":    {Data: []byte("ignored")},
		"sub/c.yaml":   {Data: []byte("routines:\n  - id: mine\n    name: Mine\n    exercises: [neck-roll, neck-roll-two, chin-tucks]\n")},
		"sub/bad.yaml": {Data: []byte("routines:\n  - id: theirs\n    name: Theirs\n    exercises: [nope]\n")},
	}
	b := catalog.NewBuilder()
	catalog.AddBuiltin(b)
	issues := b.AddFS(fsys, "cfg")
	c, more := b.Build()
	issues = append(issues, more...)
	var files []string
	for _, is := range issues {
		files = append(files, is.File)
	}
	if diff := cmp.Diff([]string{"cfg/a.yaml", "cfg/b.yml", "cfg/sub/bad.yaml"}, files); diff != "" {
		t.Errorf("issue files (-want +got):\n%s\n%v", diff, issues)
	}
	for _, id := range []string{"neck-roll", "neck-roll-two", "chin-tucks"} {
		if _, ok := c.Exercise(id); !ok {
			t.Errorf("exercise %s should have loaded", id)
		}
	}
	if r, ok := c.Routine("mine"); !ok || r.Origin != "cfg/sub/c.yaml" {
		t.Errorf("routine mine = %+v, %v", r, ok)
	}
	if want := len(builtin(t).Exercises()) + 2; len(c.Exercises()) != want {
		t.Errorf("%d exercises, want %d: the built-ins and two of the person's", len(c.Exercises()), want)
	}
}

func TestExerciseJSONHasContractFields(t *testing.T) {
	c := builtin(t)
	e, _ := c.Exercise("chin-tucks")
	data, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"id":"chin-tucks"`, `"equipment":[]`, `"sides":"none"`, `"positions":["seated","standing"]`, `"dose":{`, `"source":[{`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("json lacks %s: %s", want, data)
		}
	}
}

func FuzzAdd(f *testing.F) {
	f.Add([]byte(goodExercise))
	f.Add([]byte("routines:\n  - id: r\n    name: R\n    exercises: [chin-tucks, {id: cat-cow, reps: 12}]\n"))
	f.Add([]byte("exercises:\n  - &a {id: x}\n  - *a\n"))
	f.Add([]byte("exercises: [{dose: {reps: {min: 1}, tempo: {rep: .nan}}}]"))
	for _, e := range []string{"01-thoracic-foam-rolling.yaml", "03-w-y-stretch.yaml", "13-thread-the-needle.yaml"} {
		if data, err := os.ReadFile(filepath.Join("data", "exercises", e)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b := catalog.NewBuilder()
		issues := b.Add("f.yaml", "f.yaml", data)
		c, more := b.Build()
		for _, is := range append(issues, more...) {
			if is.File != "f.yaml" || is.Message == "" {
				t.Fatalf("issue without file or message: %+v", is)
			}
		}
		for _, e := range c.Exercises() {
			if ps := e.Validate(); len(ps) > 0 {
				t.Fatalf("loaded an invalid exercise: %v", ps)
			}
		}
	})
}

// Lookups by id: positions and equipment have words for people.
func TestEveryIDHasWords(t *testing.T) {
	for _, p := range catalog.Positions {
		if !message.Has(message.PositionWords.Of(string(p))) {
			t.Errorf("position %s has no words", p)
		}
	}
	for _, q := range catalog.EquipmentIDs {
		if !message.Has(message.EquipmentWords.Of(string(q))) {
			t.Errorf("equipment %s has no words", q)
		}
	}
	for _, c := range catalog.Conditions {
		if !message.Has(message.ConditionWords.Of(string(c))) || strings.HasPrefix(c.Words(), "[") {
			t.Errorf("condition %s has no words", c)
		}
		if _, ok := catalog.ParseCondition(string(c)); !ok {
			t.Errorf("condition %s does not parse", c)
		}
	}
	if _, ok := catalog.ParseCondition("broken-heart"); ok {
		t.Error("an unknown condition parsed")
	}
}

// Every built-in rule that keeps an exercise out for a condition names its source.
func TestBuiltinUnsuitableHasSources(t *testing.T) {
	n := 0
	for _, e := range builtin(t).Exercises() {
		for _, u := range e.UnsuitableFor {
			n++
			if !u.Condition.Known() || len(strings.Fields(u.Source)) < 3 {
				t.Errorf("%s: unsuitable for %q with source %q", e.ID, u.Condition, u.Source)
			}
		}
	}
	if n == 0 {
		t.Fatal("no built-in exercise names a condition")
	}
}

func BenchmarkBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := catalog.Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	c := builtin(b)
	for b.Loop() {
		for _, e := range c.Exercises() {
			if ps := e.Validate(); len(ps) > 0 {
				b.Fatal(ps)
			}
		}
	}
}

// seedTitleFile lists, as hashes, every (seed, title) a built-in source
// names that was found in that seed article when it was last regenerated:
// the test reads no file outside the repository, and a source added since
// fails until it is checked against the seeds.
const seedTitleFile = "testdata/seed-titles.txt"

// regenerateSeeds is the command that checks sources against the seed
// articles again and rewrites the files made from them.
const regenerateSeeds = "go test ./catalog -run 'TestBuiltinExercises|TestSeedShingles' -seeds DIR (the folder of the seed articles)"

// seedTitleHash is how one (seed, title) is kept in seedTitleFile.
func seedTitleHash(seed, title string) string {
	sum := sha256.Sum256([]byte(seed + "\x00" + title))
	return hex.EncodeToString(sum[:8])
}

// seedTitles reads the checked (seed, title) hashes or, with -seeds,
// checks every source of c against the seed articles and writes them.
func seedTitles(t *testing.T, c *catalog.Catalog) map[string]bool {
	t.Helper()
	if *seedsDir != "" {
		var list []string
		for _, e := range c.Exercises() {
			for _, s := range e.Source {
				text, err := os.ReadFile(filepath.Join(*seedsDir, s.Seed))
				switch {
				case err != nil:
					t.Errorf("%s: source names seed %q: %v", e.ID, s.Seed, err)
				case !strings.Contains(string(text), s.Title):
					t.Errorf("%s: seed %s has no title %q", e.ID, s.Seed, s.Title)
				default:
					list = append(list, seedTitleHash(s.Seed, s.Title))
				}
			}
		}
		slices.Sort(list)
		list = slices.Compact(list)
		data := "# Every (seed, title) a built-in source names, found in that seed article (catalog/catalog_test.go).\n" +
			strings.Join(list, "\n") + "\n"
		if err := os.WriteFile(seedTitleFile, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(seedTitleFile)
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			set[line] = true
		}
	}
	return set
}
