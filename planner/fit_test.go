package planner_test

import (
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

func TestJudge(t *testing.T) {
	m := time.Minute
	tests := []struct {
		d, box time.Duration
		want   planner.Verdict
	}{
		{4 * m, 0, planner.NoBox},
		{10 * m, 10 * m, planner.Fills},
		{7*m + 30*time.Second, 10 * m, planner.Fills}, // exactly three quarters
		{7*m + 29*time.Second, 10 * m, planner.Short},
		{4*m + 25*time.Second, 10 * m, planner.Short}, // end-of-day relief at the start: 44 %
		{4*m + 24*time.Second, 5 * m, planner.Fills},  // quick daily reset: 88 %
		{10*m + time.Millisecond, 10 * m, planner.Over},
	}
	for _, tt := range tests {
		if got := planner.Judge(tt.d, tt.box); got != tt.want {
			t.Errorf("Judge(%v, %v) = %q, want %q", tt.d, tt.box, got, tt.want)
		}
	}
}

// The seed routines, judged honestly against the articles' time boxes: what
// they take at the starting dose and at the top of every range.
func TestSeedRoutinesAgainstTheirBoxes(t *testing.T) {
	c := builtin(t)
	tests := []struct {
		id             string
		now, top       time.Duration
		verdict, atTop planner.Verdict
	}{
		{"seven-in-seven", 6*time.Minute + 58*time.Second, 12*time.Minute + 58*time.Second, planner.Fills, planner.Over},
		{"quick-daily-reset", 4*time.Minute + 24*time.Second, 8*time.Minute + 8*time.Second, planner.Fills, planner.Over},
		{"end-of-day-relief", 4*time.Minute + 25*time.Second, 7*time.Minute + 27*time.Second, planner.Short, planner.Short},
		{"posture-support", 8*time.Minute + 46*time.Second, 15*time.Minute + 32*time.Second, planner.Short, planner.Over},
	}
	for _, tt := range tests {
		r, _ := c.Routine(tt.id)
		f, err := planner.CheckFit(steps(t, c, tt.id), time.Duration(r.TimeBoxSeconds)*time.Second, timeline.DefaultRules)
		if err != nil {
			t.Fatal(err)
		}
		if f.Duration != tt.now || f.TargetDuration != tt.top || f.Verdict != tt.verdict || f.TargetVerdict != tt.atTop || !f.AtStart {
			t.Errorf("%s: now %v (%s), top %v (%s), at start %v; want %v (%s), %v (%s), true",
				tt.id, f.Duration, f.Verdict, f.TargetDuration, f.TargetVerdict, f.AtStart, tt.now, tt.verdict, tt.top, tt.atTop)
		}
		// A routine well short of its box is never called a fit.
		words := f.Words(r.TimeBoxLabel, func(i int) string { return steps(t, c, tt.id)[i].Exercise.Name })
		if f.Verdict == planner.Short && (strings.Contains(words, "fits") || !strings.Contains(words, "shorter than its time box")) {
			t.Errorf("%s: %q", tt.id, words)
		}
	}
}

// What the fit report says, for each verdict now and at the top.
func TestFitWords(t *testing.T) {
	c := builtin(t)
	s := steps(t, c, "end-of-day-relief")
	name := func(i int) string { return s[i].Exercise.Name }
	tests := []struct {
		box   time.Duration
		label string
		want  []string
	}{
		{10 * time.Minute, "10 minutes", []string{
			"It takes 4:25 at the starting dose.",
			"That is 5:35 shorter than its time box (10 minutes).",
			"As doses grow it takes longer: 7:27 with every dose at the top of its range, still 2:33 short of the box.",
			"Doses start low on purpose; unhunch never raises them to fill the time.",
		}},
		{5 * time.Minute, "5 minutes", []string{
			"It takes 4:25 at the starting dose.",
			"That fits its time box (5 minutes), with 35 s to spare.",
			"7:27 with every dose at the top of its range, 2:27 over the box",
		}},
		{4 * time.Minute, "", []string{
			"That is 25 s over its time box (4:00).",
			"Leaving out Thoracic extension over a roller would save 1:16.",
		}},
		{0, "", []string{"It takes 4:25 at the starting dose. It has no time box.", "up to 7:27 with every dose at the top of its range."}},
	}
	for _, tt := range tests {
		f, err := planner.CheckFit(s, tt.box, timeline.DefaultRules)
		if err != nil {
			t.Fatal(err)
		}
		got := f.Words(tt.label, name)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("box %v: %q\nlacks %q", tt.box, got, w)
			}
		}
		if tt.box != 10*time.Minute && strings.Contains(got, "never raises") {
			t.Errorf("box %v: the note on doses belongs only to a routine short of its box: %q", tt.box, got)
		}
	}
	// At a person's levels the figure is "today's doses", with the start beside it.
	up := append([]timeline.Step(nil), s...)
	up[1].Amount = dose.Amount{Reps: 12}
	f, err := planner.CheckFit(up, 10*time.Minute, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Words("10 minutes", name); f.AtStart || !strings.Contains(got, "It takes 4:33 at today's doses (4:25 at the starting dose).") {
		t.Errorf("at start %v: %q", f.AtStart, got)
	}
}

// A routine of rounds alike (a saved plan) is judged as one: the order it
// would propose is one round's, the same in each; dropping an exercise drops
// it from every round; rounds that differ get no claim about their order.
func TestCheckFitRounds(t *testing.T) {
	c := builtin(t)
	once := steps(t, c, "seven-in-seven")
	twice := func(s []timeline.Step) []timeline.Step {
		var out []timeline.Step
		for r := 1; r <= 2; r++ {
			for _, st := range s {
				st.Round = r
				out = append(out, st)
			}
		}
		return out
	}
	f, err := planner.CheckFit(twice(once), 20*time.Minute, rules)
	if err != nil {
		t.Fatal(err)
	}
	n := len(once)
	if f.Rounds != 2 || !f.OrderKnown || len(f.Order) != 2*n {
		t.Fatalf("fit %+v", f)
	}
	for i := n; i < 2*n; i++ {
		if f.Order[i] != f.Order[i-n]+n {
			t.Fatalf("order %v is not one round's, twice", f.Order)
		}
	}
	if !f.Reordered() {
		t.Error("seven-in-seven in its own order is not the quickest, twice through either")
	}
	if words := f.Words("20 minutes", func(i int) string { return once[i%n].Exercise.Name }); !strings.Contains(words, "It is 2 rounds of the same exercises") {
		t.Errorf("words: %s", words)
	}
	// Over the box: dropping an exercise drops it from both rounds.
	over, err := planner.CheckFit(twice(once), 10*time.Minute, rules)
	if err != nil {
		t.Fatal(err)
	}
	if len(over.Drops) != n {
		t.Fatalf("%d drops for %d exercises", len(over.Drops), n)
	}
	d := over.Drops[0]
	var rest []timeline.Step
	for i, st := range twice(once) {
		if i%n != d.Index {
			rest = append(rest, st)
		}
	}
	tl, _ := timeline.Compile(rest, rules)
	if over.Duration-tl.Duration != d.Saves {
		t.Errorf("drop saves %v, compiled difference %v", d.Saves, over.Duration-tl.Duration)
	}
	// Rounds that differ: no order proposed, and none claimed best.
	odd := twice(once)[:2*n-1]
	u, err := planner.CheckFit(odd, 0, rules)
	if err != nil {
		t.Fatal(err)
	}
	if u.OrderKnown || u.Reordered() || strings.Contains(u.Words("", func(i int) string { return odd[i].Exercise.Name }), "No other order") {
		t.Errorf("rounds that differ: %+v", u)
	}
}
