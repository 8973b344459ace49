package safety_test

import (
	_ "time/tzdata" // zones on every machine: the time-zone tests never skip

	"math/rand/v2"
	"testing"
	"time"

	"github.com/unhunch/unhunch/safety"
)

// journal makes sessions on the given weekdays of each week for n weeks
// from start, with pain before given by pain(week, i).
func journal(start time.Time, weeks, perWeek int, pain func(week, i int) int) []safety.SessionFacts {
	var out []safety.SessionFacts
	for w := range weeks {
		for i := range perWeek {
			at := start.AddDate(0, 0, 7*w+i)
			p := pain(w, i)
			out = append(out, safety.SessionFacts{At: at, PainBefore: &p})
		}
	}
	return out
}

func TestTrend(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err) // time/tzdata is built in: never skipped for want of zone files
	}
	// Monday 6 October 2026, 18:00 in London; clocks go back on 25 October.
	start := time.Date(2026, 10, 5, 18, 0, 0, 0, london)
	noise := rand.New(rand.NewPCG(5, 6))
	tests := []struct {
		name    string
		weeks   int
		perWeek int
		pain    func(w, i int) int
		want    safety.Advice
	}{
		{"improving", 6, 4, func(w, _ int) int { return 6 - w }, safety.NoAdvice},
		{"flat for 4 weeks of regular practice", 4, 4, func(int, int) int { return 5 }, safety.NoImprovement},
		{"flat for 3 weeks is too soon", 3, 4, func(int, int) int { return 5 }, safety.NoAdvice},
		{"flat but irregular practice", 6, 2, func(int, int) int { return 5 }, safety.NoAdvice},
		{"worsening by 2 points", 3, 3, func(w, _ int) int { return 3 + w }, safety.Worsening},
		{"worsening by 30% of a low baseline", 2, 3, func(w, _ int) int { return 3 + w }, safety.Worsening},
		{"up by 1 from 6 is not meaningful", 2, 3, func(w, _ int) int { return 6 + w }, safety.NoAdvice},
		{"noisy but flat", 6, 5, func(int, int) int { return 4 + noise.IntN(3) - 1 }, safety.NoImprovement},
		{"noisy and improving", 6, 5, func(w, _ int) int { return max(0, 7-w+noise.IntN(3)-1) }, safety.NoAdvice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			weeks := safety.WeeklyPain(journal(start, tt.weeks, tt.perWeek, tt.pain), london)
			if len(weeks) != tt.weeks {
				t.Fatalf("%d weeks, want %d (a daylight-saving change must not split a week)", len(weeks), tt.weeks)
			}
			for _, w := range weeks {
				if w.Start.Weekday() != time.Monday || w.Start.Hour() != 0 || w.Sessions != tt.perWeek {
					t.Fatalf("week %+v", w)
				}
			}
			if got := safety.Trend(weeks); got.Advice != tt.want {
				t.Errorf("advice %q, want %q (%+v)", got.Advice, tt.want, got)
			}
		})
	}
}

func TestMeaningful(t *testing.T) {
	tests := []struct {
		from, to float64
		want     bool
	}{
		{6, 4, true}, {6, 5, false}, {3, 2, true}, {3, 2.2, false}, {0, 1, false}, {0, 2, true}, {5, 7, true},
	}
	for _, tt := range tests {
		if got := safety.Meaningful(tt.from, tt.to); got != tt.want {
			t.Errorf("Meaningful(%v, %v) = %v", tt.from, tt.to, got)
		}
	}
}

func TestWeekStartAcrossTimeZones(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	// Sunday 23:30 UTC is already Monday in Tokyo.
	utc := time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC)
	if got := safety.WeekStart(utc); got.Day() != 16 {
		t.Errorf("UTC week starts %v", got)
	}
	if got := safety.WeekStart(utc.In(tokyo)); got.Day() != 23 {
		t.Errorf("Tokyo week starts %v", got)
	}
}
