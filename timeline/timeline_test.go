package timeline_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func routineSteps(t testing.TB, c *catalog.Catalog, id string) []timeline.Step {
	t.Helper()
	r, ok := c.Routine(id)
	if !ok {
		t.Fatalf("no routine %s", id)
	}
	steps, err := timeline.FromRoutine(c, r)
	if err != nil {
		t.Fatal(err)
	}
	return steps
}

// checkInvariants asserts what every compiled timeline must satisfy.
func checkInvariants(t *testing.T, steps []timeline.Step, tl *timeline.Timeline) {
	t.Helper()
	var at time.Duration
	for i, s := range tl.Segments {
		if s.Start != at {
			t.Fatalf("segment %d starts at %v, want %v (contiguous from 0)", i, s.Start, at)
		}
		if s.Duration <= 0 && s.Phase != timeline.Rest {
			t.Fatalf("segment %d (%s) has duration %v", i, s.Phase, s.Duration)
		}
		if s.Duration%time.Millisecond != 0 {
			t.Fatalf("segment %d duration %v is not whole milliseconds", i, s.Duration)
		}
		if s.Cue == "" {
			t.Fatalf("segment %d (%s %s) has no cue", i, s.ExerciseID, s.Phase)
		}
		if strings.Contains(s.Cue, "{") {
			t.Fatalf("segment %d cue %q has an unfilled placeholder", i, s.Cue)
		}
		at += s.Duration
	}
	if at != tl.Duration {
		t.Fatalf("segments sum to %v, timeline says %v", at, tl.Duration)
	}
	if last := tl.Segments[len(tl.Segments)-1]; last.Phase != timeline.Finish {
		t.Fatalf("last segment is %s, want finish", last.Phase)
	}
	if len(tl.Exercises) != len(steps) {
		t.Fatalf("%d blocks for %d steps", len(tl.Exercises), len(steps))
	}
	var blockSum time.Duration
	for i, b := range tl.Exercises {
		e := steps[i].Exercise
		if b.ExerciseID != e.ID {
			t.Fatalf("block %d is %s, want %s", i, b.ExerciseID, e.ID)
		}
		blockSum += b.Duration
		segs := tl.Segments[b.First : b.First+b.Count]
		if segs[0].Phase != timeline.Intro || segs[1].Phase != timeline.Setup {
			t.Fatalf("%s starts with %s, %s; want intro, setup", e.ID, segs[0].Phase, segs[1].Phase)
		}
		a := e.Dose.Fill(steps[i].Amount)
		sides := map[dose.Side]int{}
		var hold time.Duration
		for _, s := range segs {
			if s.Exercise != i || s.ExerciseID != e.ID {
				t.Fatalf("segment of %s claims exercise %d %s", e.ID, s.Exercise, s.ExerciseID)
			}
			if s.Phase == timeline.Hold {
				hold += s.Duration
			}
			if s.Phase == timeline.Move || s.Phase == timeline.BreatheIn || s.Phase == timeline.Hold {
				sides[s.Side]++
			}
		}
		switch e.Sides() {
		case dose.Each, dose.Alternate:
			if sides[dose.Left] == 0 || sides[dose.Right] == 0 || sides[dose.Left] != sides[dose.Right] || sides[dose.None] != 0 {
				t.Fatalf("%s is two-sided but its work by side is %v", e.ID, sides)
			}
		default:
			if sides[dose.Left]+sides[dose.Right] != 0 {
				t.Fatalf("%s has no sides but its work by side is %v", e.ID, sides)
			}
		}
		// The time held is exactly what the amount asks for.
		perHold := time.Duration(a.Hold) * time.Second
		if a.HoldBreaths > 0 {
			perHold = time.Duration(a.HoldBreaths) * e.Dose.Timing().Breath
		}
		holds := a.Reps * a.Sets * max(1, len(e.Dose.Poses))
		if e.Sides() != dose.NoSides {
			holds *= 2
		}
		if e.Dose.HasHold() && hold != time.Duration(holds)*perHold {
			t.Fatalf("%s holds for %v, want %d × %v", e.ID, hold, holds, perHold)
		}
	}
	if blockSum+tl.Segments[len(tl.Segments)-1].Duration != tl.Duration {
		t.Fatalf("blocks sum to %v plus finish, timeline is %v", blockSum, tl.Duration)
	}
}

func TestSeedRoutinesFitTheirBoxes(t *testing.T) {
	c := builtin(t)
	// Computed at the starting dose; figures quoted in README and docs.
	want := map[string]time.Duration{
		"seven-in-seven":    6*time.Minute + 58*time.Second,
		"quick-daily-reset": 4*time.Minute + 24*time.Second,
		"end-of-day-relief": 4*time.Minute + 25*time.Second,
		"posture-support":   8*time.Minute + 46*time.Second,
	}
	for _, r := range c.Routines() {
		t.Run(r.ID, func(t *testing.T) {
			steps := routineSteps(t, c, r.ID)
			tl, err := timeline.Compile(steps, timeline.DefaultRules)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, steps, tl)
			if tl.Duration != want[r.ID] {
				t.Errorf("takes %v, want %v", tl.Duration, want[r.ID])
			}
			if box := time.Duration(r.TimeBoxSeconds) * time.Second; tl.Duration > box {
				t.Errorf("takes %v, over its %v box", tl.Duration, box)
			}
		})
	}
}

// randomSteps picks n exercises from the catalog with random amounts inside
// their ranges and, sometimes, a pinned position.
func randomSteps(rng *rand.Rand, c *catalog.Catalog, n int) []timeline.Step {
	all := c.Exercises()
	steps := make([]timeline.Step, n)
	pick := func(r dose.Range) int {
		if r.IsZero() {
			return 0
		}
		return r.Min + rng.IntN(r.Max-r.Min+1)
	}
	for i := range steps {
		e := all[rng.IntN(len(all))]
		d := e.Dose
		steps[i] = timeline.Step{Exercise: e, Amount: dose.Amount{
			Reps: pick(d.Reps), Hold: pick(d.Hold), HoldBreaths: pick(d.HoldBreaths), Seconds: pick(d.Seconds), Sets: pick(d.Sets),
		}}
		if rng.IntN(3) == 0 {
			steps[i].Position = e.Positions[rng.IntN(len(e.Positions))]
		}
	}
	return steps
}

func TestPropertiesOnRandomRoutines(t *testing.T) {
	if testing.Short() {
		t.Skip("property test skipped under -short")
	}
	c := builtin(t)
	// Exercises with every mode and sides option, beyond the built-ins.
	extra := catalog.NewBuilder()
	catalog.AddBuiltin(extra)
	if is := extra.Add("extra.yaml", "extra.yaml", []byte(extraExercises)); len(is) > 0 {
		t.Fatal(is)
	}
	c2, is := extra.Build()
	if len(is) > 0 {
		t.Fatal(is)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		cat := c
		if i%2 == 1 {
			cat = c2
		}
		steps := randomSteps(rng, cat, 1+rng.IntN(10))
		tl, err := timeline.Compile(steps, timeline.DefaultRules)
		if err != nil {
			t.Fatalf("compile %d: %v", i, err)
		}
		checkInvariants(t, steps, tl)
		again, _ := timeline.Compile(steps, timeline.DefaultRules)
		if diff := cmp.Diff(tl, again); diff != "" {
			t.Fatalf("not deterministic:\n%s", diff)
		}
	}
}

const extraExercises = `exercises:
  - id: side-bend
    name: Side bend
    purpose: Test exercise with alternating sides and sets.
    type: stretch
    difficulty: easy
    positions: [standing, seated]
    equipment: []
    dose: {mode: reps, reps: {min: 4, max: 8}, sets: {min: 1, max: 3}, sides: alternate, first_side: left, tempo: {rep: 2.5}}
    steps: [Bend.]
    cues: {intro: Side bend., setup: Stand., move: "Bend to the {side}, away from the {other}."}
    cautions: [Stop at pain.]
  - id: arm-hold
    name: Arm hold
    purpose: Test exercise with held alternating sides and sets.
    type: strengthen
    difficulty: easy
    positions: [floor-front]
    equipment: [mat]
    dose: {mode: hold, hold: {min: 5, max: 12}, reps: {min: 1, max: 4}, sets: {min: 1, max: 2}, sides: alternate, rest: 0}
    steps: [Hold.]
    cues: {intro: Arm hold., setup: Lie down., move: "Lift your {side} arm.", hold: Hold., release: Lower.}
    cautions: [Stop at pain.]
  - id: breath-sets
    name: Breath sets
    purpose: Test breath mode with sets and sides.
    type: mobility
    difficulty: easy
    positions: [seated]
    equipment: []
    dose: {mode: breath, reps: {min: 3, max: 6}, sets: {min: 2, max: 3}, sides: each, tempo: {inhale: 4, exhale: 6}}
    steps: [Breathe.]
    cues: {intro: Breath sets., setup: Sit., inhale: In., exhale: Out., switch: Other side.}
    cautions: [Stop if dizzy.]
  - id: long-roll
    name: Long roll
    purpose: Test a timed exercise that does not split evenly.
    type: mobility
    difficulty: easy
    positions: [floor-back]
    equipment: [foam-roller]
    dose: {mode: timed, seconds: {min: 41, max: 97}, sets: {min: 1, max: 2}}
    steps: [Roll.]
    cues: {intro: Long roll., setup: Lie back., move: Roll., form: [Slowly., Breathe.]}
    cautions: [Stop at pain.]
`

func TestSidesAndPlaceholders(t *testing.T) {
	c := builtin(t)
	e, _ := c.Exercise("seated-levator-scapulae-stretch")
	tl, err := timeline.Compile([]timeline.Step{{Exercise: e}}, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range tl.Segments {
		got = append(got, string(s.Phase)+":"+string(s.Side))
	}
	want := []string{
		"intro:", "setup:right", "move:right", "hold:right", "release:right",
		"switch-sides:left", "move:left", "hold:left", "release:left", "finish:",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("phases (-want +got):\n%s", diff)
	}
	if s := tl.Segments[2].Cue; !strings.Contains(s, "left armpit") {
		t.Errorf("right-side cue %q should turn toward the left armpit", s)
	}
	if s := tl.Segments[6].Cue; !strings.Contains(s, "right armpit") {
		t.Errorf("left-side cue %q should turn toward the right armpit", s)
	}
}

func TestSetupTimes(t *testing.T) {
	r := timeline.DefaultRules
	tests := []struct {
		from, to catalog.Position
		want     time.Duration
	}{
		{catalog.Standing, catalog.Standing, 3 * time.Second},
		{catalog.Standing, catalog.StandingWall, 5 * time.Second},
		{catalog.Standing, catalog.Seated, 5 * time.Second},
		{catalog.Seated, catalog.StandingDoorway, 5 * time.Second},
		{catalog.Standing, catalog.FloorBack, 10 * time.Second},
		{catalog.FloorHandsKnees, catalog.Seated, 10 * time.Second},
		{catalog.FloorBack, catalog.FloorHandsKnees, 5 * time.Second},
		{catalog.FloorFront, catalog.FloorFront, 3 * time.Second},
	}
	for _, tt := range tests {
		if got := r.SetupTime(tt.from, tt.to); got != tt.want {
			t.Errorf("%s → %s = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestPositionsMinimiseSetup(t *testing.T) {
	c := builtin(t)
	// After wall angels (standing at a wall), cat-cow could be seated (5 s) but
	// thread the needle follows on the floor, so hands and knees is quicker overall.
	steps := routineSteps(t, c, "end-of-day-relief")
	got := timeline.DefaultRules.Positions(steps)
	want := []catalog.Position{catalog.FloorBack, catalog.StandingWall, catalog.FloorHandsKnees, catalog.FloorHandsKnees}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
	cc, _ := c.Exercise("cat-cow")
	pinned := []timeline.Step{{Exercise: cc, Position: catalog.Seated}}
	if p := timeline.DefaultRules.Positions(pinned); p[0] != catalog.Seated {
		t.Errorf("a pinned position must be kept, got %s", p[0])
	}
}

// A second round of the same steps is compiled like any steps, each block
// numbered with its round; the first step of the round says so in its
// intro, and nothing else changes: a round takes what the same steps take.
func TestRounds(t *testing.T) {
	c := builtin(t)
	once := routineSteps(t, c, "quick-daily-reset")
	var twice []timeline.Step
	for r := 1; r <= 2; r++ {
		for _, st := range once {
			st.Round = r
			twice = append(twice, st)
		}
	}
	if timeline.Rounds(once) != 1 || timeline.Rounds(twice) != 2 {
		t.Fatalf("rounds %d, %d", timeline.Rounds(once), timeline.Rounds(twice))
	}
	a, err := timeline.Compile(once, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	b, err := timeline.Compile(twice, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, twice, b)
	n := len(once)
	for i, blk := range b.Exercises {
		if want := i/n + 1; blk.Round != want {
			t.Errorf("block %d is in round %d, want %d", i, blk.Round, want)
		}
	}
	for _, blk := range a.Exercises {
		if blk.Round != 1 {
			t.Errorf("a routine without rounds is all round 1, got %d", blk.Round)
		}
	}
	first := b.Segments[b.Exercises[n].First]
	want := message.Text(message.CueRound, 2, 2) + " " + once[0].Exercise.Cues.Intro
	if first.Phase != timeline.Intro || first.Cue != want {
		t.Errorf("round 2 begins with %s %q, want intro %q", first.Phase, first.Cue, want)
	}
	if b.Segments[b.Exercises[n+1].First].Cue != once[1].Exercise.Cues.Intro {
		t.Error("only the first step of a round announces it")
	}
	// The second round: the same blocks, from where the first ended.
	last := once[n-1].Exercise
	back := timeline.DefaultRules.SetupTime(a.Exercises[n-1].Position, a.Exercises[0].Position) - timeline.DefaultRules.SetupTime(timeline.DefaultRules.StartsFrom, a.Exercises[0].Position)
	if want := 2*a.Duration - timeline.DefaultRules.Finish + back; b.Duration != want {
		t.Errorf("twice takes %v, want %v (once %v, after %s)", b.Duration, want, a.Duration, last.ID)
	}
}

func TestCompileRejectsBadSteps(t *testing.T) {
	c := builtin(t)
	ct, _ := c.Exercise("chin-tucks")
	tests := []struct {
		name  string
		steps []timeline.Step
	}{
		{"no steps", nil},
		{"no exercise", []timeline.Step{{}}},
		{"reps above range", []timeline.Step{{Exercise: ct, Amount: dose.Amount{Reps: 40}}}},
		{"unused field", []timeline.Step{{Exercise: ct, Amount: dose.Amount{Seconds: 30}}}},
		{"position not allowed", []timeline.Step{{Exercise: ct, Position: catalog.FloorBack}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := timeline.Compile(tt.steps, timeline.DefaultRules); err == nil {
				t.Error("want an error")
			}
		})
	}
}

func TestAt(t *testing.T) {
	c := builtin(t)
	tl, _ := timeline.Compile(routineSteps(t, c, "quick-daily-reset"), timeline.DefaultRules)
	for i, s := range tl.Segments {
		if got := tl.At(s.Start); got != i {
			t.Fatalf("At(start of %d) = %d", i, got)
		}
		if got := tl.At(s.End() - time.Millisecond); got != i {
			t.Fatalf("At(end of %d - 1ms) = %d", i, got)
		}
	}
	if got := tl.At(tl.Duration); got != len(tl.Segments) {
		t.Fatalf("At(end) = %d", got)
	}
}

func TestGoldenQuickDailyReset(t *testing.T) {
	c := builtin(t)
	tl, err := timeline.Compile(routineSteps(t, c, "quick-daily-reset"), timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(tl.Segments, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "quick-daily-reset.json")
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./timeline -update to create it)", err)
	}
	if diff := cmp.Diff(string(bytes.TrimSpace(want)), string(got)); diff != "" {
		t.Errorf("timeline differs from %s (-want +got):\n%s", golden, diff)
	}
	var back []timeline.Segment
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tl.Segments, back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
}

func FuzzCompile(f *testing.F) {
	c, err := catalog.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte{0, 1, 2, 3}, uint8(10), uint8(5), uint8(1))
	f.Add([]byte{12, 12, 7}, uint8(0), uint8(0), uint8(0))
	f.Add([]byte{2, 3, 5, 8, 11}, uint8(255), uint8(255), uint8(9))
	f.Fuzz(func(t *testing.T, picks []byte, reps, hold, sets uint8) {
		if len(picks) > 40 {
			picks = picks[:40]
		}
		all := c.Exercises()
		steps := make([]timeline.Step, len(picks))
		for i, p := range picks {
			steps[i] = timeline.Step{Exercise: all[int(p)%len(all)], Amount: dose.Amount{Reps: int(reps) % 25, Hold: int(hold) % 70, Sets: int(sets) % 6}}
			if p&0x80 != 0 {
				steps[i].Position = catalog.Positions[int(p)%len(catalog.Positions)]
			}
		}
		tl, err := timeline.Compile(steps, timeline.DefaultRules)
		if err != nil {
			return // out-of-range amounts and positions are refused, never panic
		}
		checkInvariants(t, steps, tl)
	})
}

func BenchmarkCompile(b *testing.B) {
	c := builtin(b)
	for _, r := range c.Routines() {
		steps := routineSteps(b, c, r.ID)
		b.Run(r.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := timeline.Compile(steps, timeline.DefaultRules); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestPhasesHaveWords(t *testing.T) {
	for _, p := range []timeline.Phase{timeline.Intro, timeline.Setup, timeline.Move, timeline.Hold, timeline.Release,
		timeline.BreatheIn, timeline.BreatheOut, timeline.SwitchSides, timeline.Rest, timeline.Finish} {
		if !message.Has(message.PhaseWords.Of(string(p))) {
			t.Errorf("phase %s has no words", p)
		}
	}
}

func TestSegmentJSONMatchesEncodingJSON(t *testing.T) {
	tests := []timeline.Segment{
		{Start: 1500 * time.Millisecond, Duration: 2 * time.Second, Exercise: 3, ExerciseID: "w-y-stretch", Phase: timeline.Hold, Side: dose.Left, Set: 2, Rep: 4, Pose: "W", Cue: `Say "hi" \ back`},
		{Exercise: -1, Phase: timeline.Finish, Cue: "tab\tnewline\n nul\x00 sep\u2028 ünïcødé ✓ <b>&"},
		{Cue: "bad \xff byte"},
	}
	for _, s := range tests {
		got, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(got) {
			t.Fatalf("invalid JSON: %s", got)
		}
		var back timeline.Segment
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		want := s
		want.Cue = string([]rune(s.Cue))
		if diff := cmp.Diff(want, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
}

func FuzzSegmentJSON(f *testing.F) {
	f.Add("Hold \"it\"", int64(1500), "pose")
	f.Fuzz(func(t *testing.T, cue string, ms int64, pose string) {
		s := timeline.Segment{Start: time.Duration(ms) * time.Millisecond, Cue: cue, Pose: pose, Phase: timeline.Move}
		b, _ := s.MarshalJSON()
		var back timeline.Segment
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if back.Cue != string([]rune(cue)) {
			t.Fatalf("cue %q came back as %q", cue, back.Cue)
		}
	})
}

func TestSegmentsJSON(t *testing.T) {
	c := builtin(t)
	tl, _ := timeline.Compile(routineSteps(t, c, "seven-in-seven"), timeline.DefaultRules)
	whole, err := timeline.Segments(tl.Segments).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	each, err := json.Marshal(tl.Segments)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, each) {
		t.Error("the array encoding differs from encoding each segment")
	}
	if b, _ := timeline.Segments(nil).MarshalJSON(); string(b) != "[]" {
		t.Errorf("nil segments = %s, want []", b)
	}
}

// The cues follow the position a step is done in: seated cat-cow is set up
// on a chair, cat-cow on the floor on hands and knees, whether the position
// was pinned or chosen by the compiler (issue 14).
func TestCuesFollowThePosition(t *testing.T) {
	c := builtin(t)
	cc, _ := c.Exercise("cat-cow")
	tucks, _ := c.Exercise("chin-tucks")
	thread, _ := c.Exercise("thread-the-needle")
	tests := []struct {
		name      string
		steps     []timeline.Step
		index     int
		want, not string
	}{
		{"seated, pinned", []timeline.Step{{Exercise: cc, Position: catalog.Seated}}, 0, "chair", "hands and knees"},
		{"on the floor, pinned", []timeline.Step{{Exercise: cc, Position: catalog.FloorHandsKnees}}, 0, "hands and knees", "chair"},
		{"on the floor, chosen", []timeline.Step{{Exercise: cc}, {Exercise: thread}}, 0, "hands and knees", "chair"},
		{"seated, chosen", []timeline.Step{{Exercise: tucks}, {Exercise: cc}}, 1, "chair", "hands and knees"},
		{"chin tucks standing", []timeline.Step{{Exercise: tucks, Position: catalog.Standing}}, 0, "Stand tall", "Sit"},
		{"chin tucks seated", []timeline.Step{{Exercise: tucks, Position: catalog.Seated}}, 0, "Sit tall", "Stand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := timeline.Compile(tt.steps, timeline.DefaultRules)
			if err != nil {
				t.Fatal(err)
			}
			b := tl.Exercises[tt.index]
			setup := tl.Segments[b.First+1]
			if setup.Phase != timeline.Setup || !strings.Contains(setup.Cue, tt.want) || strings.Contains(setup.Cue, tt.not) {
				t.Errorf("%s in %s: %s cue %q, want one with %q and without %q", b.ExerciseID, b.Position, setup.Phase, setup.Cue, tt.want, tt.not)
			}
		})
	}
}
