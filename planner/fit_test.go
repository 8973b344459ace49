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
