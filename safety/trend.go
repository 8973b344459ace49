package safety

import (
	"sort"
	"time"
)

// Week is one calendar week (Monday to Sunday, in the person's time zone)
// of sessions with a pain rating before them.
type Week struct {
	Start    time.Time `json:"start"`    // Monday 00:00 local
	Sessions int       `json:"sessions"` // sessions with a pain rating before
	AvgPain  float64   `json:"avg_pain"` // their average pain before
}

// WeekStart returns the Monday 00:00 of t's week in t's location. It uses
// calendar dates, so weeks with a daylight-saving change are still whole weeks.
func WeekStart(t time.Time) time.Time {
	y, m, d := t.Date()
	wd := (int(t.Weekday()) + 6) % 7 // Monday = 0
	return time.Date(y, m, d-wd, 0, 0, 0, 0, t.Location())
}

// WeeklyPain averages the pain reported before sessions week by week, oldest
// first, in loc. Pain before a session is the measure because it shows how
// the back is between sessions, not the minutes after stretching.
func WeeklyPain(sessions []SessionFacts, loc *time.Location) []Week {
	sums := map[time.Time]*Week{}
	var total = map[time.Time]int{}
	for _, s := range sessions {
		if s.PainBefore == nil {
			continue
		}
		ws := WeekStart(s.At.In(loc))
		w := sums[ws]
		if w == nil {
			w = &Week{Start: ws}
			sums[ws] = w
		}
		w.Sessions++
		total[ws] += *s.PainBefore
	}
	out := make([]Week, 0, len(sums))
	for ws, w := range sums {
		w.AvgPain = float64(total[ws]) / float64(w.Sessions)
		out = append(out, *w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// Advice is what the pain trend calls for.
type Advice string

// Trend advice, each with words in the message table under "trend.<advice>".
const (
	NoAdvice      Advice = ""
	Worsening     Advice = "worsening"      // weekly average up 2 points or 30% from the first week; source: NRSChange, Seed001Guide
	NoImprovement Advice = "no-improvement" // 4 or more weeks of regular practice without a meaningful change; source: NRSChange, Seed001Guide
)

// Meaningful reports whether a change from baseline to now is clinically
// meaningful: at least 2 points or 30% of the baseline (source: NRSChange).
func Meaningful(baseline, now float64) bool {
	d := now - baseline
	if d < 0 {
		d = -d
	}
	return d >= 2 || (baseline > 0 && d >= 0.3*baseline)
}

// Regular practice, for the no-improvement rule: at least this many sessions
// in a week (at least 3–4 days a week to begin).
const RegularSessions = 3

// ImprovementWeeks is how long regular practice must go without a
// meaningful change before advising a clinician (4–6 weeks;
// unhunch uses the earlier end so nobody waits longer than needed).
const ImprovementWeeks = 4

// TrendResult is the pain trend against the first week's baseline.
type TrendResult struct {
	Advice   Advice  `json:"advice"`
	Baseline float64 `json:"baseline"` // the first week's average
	Latest   float64 `json:"latest"`   // the latest week's average
	Weeks    int     `json:"weeks"`    // weeks from the baseline week to the latest, inclusive
}

// Trend reads weekly pain (oldest first, as WeeklyPain returns it). It
// advises a clinician when pain is worsening, or when four or more weeks of
// regular practice have not brought a meaningful improvement.
func Trend(weeks []Week) TrendResult {
	if len(weeks) == 0 {
		return TrendResult{}
	}
	first, last := weeks[0], weeks[len(weeks)-1]
	r := TrendResult{Baseline: first.AvgPain, Latest: last.AvgPain,
		Weeks: int(last.Start.Sub(first.Start).Hours()/(24*7)+0.5) + 1}
	if len(weeks) < 2 {
		return r
	}
	if last.AvgPain > first.AvgPain && Meaningful(first.AvgPain, last.AvgPain) {
		r.Advice = Worsening
		return r
	}
	if r.Weeks >= ImprovementWeeks && !Meaningful(first.AvgPain, last.AvgPain) && regular(weeks, last.Start) {
		r.Advice = NoImprovement
	}
	return r
}

// regular reports whether the person practised regularly: at least
// RegularSessions in three of the four weeks up to and including last.
func regular(weeks []Week, last time.Time) bool {
	n := 0
	for _, w := range weeks {
		if last.Sub(w.Start) < 4*7*24*time.Hour && w.Sessions >= RegularSessions {
			n++
		}
	}
	return n >= 3
}
