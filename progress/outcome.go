package progress

import (
	"time"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// Targets: once a day, and at least three days a week to begin.
const (
	DefaultTarget = 7 // sessions a week
	MinimumDays   = 3 // days a week that count as regular practice
)

// Counts reports whether a session counts as practice: played in real time
// (a demo never counts) with at least one exercise done.
func Counts(s *journal.Session) bool {
	if s.IsDemo() {
		return false
	}
	for _, p := range s.Exercises {
		if p.Outcome == journal.Done {
			return true
		}
	}
	return false
}

// Minutes is how long a session's exercises took, in minutes: what a week's
// minutes of practice add up (for sessions that count as practice).
func Minutes(s *journal.Session) float64 {
	m := 0.0
	for _, p := range s.Exercises {
		m += p.Seconds / 60
	}
	return m
}

// WeekAdherence is one week's practice.
type WeekAdherence struct {
	Start    time.Time `json:"start"` // Monday 00:00 local
	Sessions int       `json:"sessions"`
	Days     int       `json:"days"` // distinct days with practice
	Minutes  float64   `json:"minutes"`
	Practice [7]bool   `json:"practice"` // Monday first: a day with practice
}

// Adherence is practice against the target.
type Adherence struct {
	Target        int             `json:"target_per_week"`
	Weeks         []WeekAdherence `json:"weeks"` // oldest first, the last n weeks up to now
	CurrentStreak int             `json:"current_streak_days"`
	BestStreak    int             `json:"best_streak_days"`
}

// day returns t's local calendar date at midnight.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// ComputeAdherence summarises the last n weeks up to now in loc. Streaks
// count calendar days with practice; today without practice yet does not
// break a streak that reached yesterday. Days are calendar dates, so
// daylight-saving changes and time zones never split or merge days.
func ComputeAdherence(sessions []*journal.Session, now time.Time, loc *time.Location, n, target int) Adherence {
	if target <= 0 {
		target = DefaultTarget
	}
	now = now.In(loc)
	first := safety.WeekStart(now).AddDate(0, 0, -7*(n-1))
	weeks := make([]WeekAdherence, n)
	for i := range weeks {
		weeks[i].Start = first.AddDate(0, 0, 7*i)
	}
	days := map[time.Time]bool{}
	for _, s := range sessions {
		if !Counts(s) {
			continue
		}
		at := s.StartedAt.In(loc)
		d := day(at)
		days[d] = true
		ws := safety.WeekStart(at)
		for i := range weeks {
			if weeks[i].Start.Equal(ws) {
				w := &weeks[i]
				w.Sessions++
				w.Minutes += Minutes(s)
				w.Practice[(int(at.Weekday())+6)%7] = true
			}
		}
	}
	for i := range weeks {
		for _, p := range weeks[i].Practice {
			if p {
				weeks[i].Days++
			}
		}
	}
	a := Adherence{Target: target, Weeks: weeks}
	// Best streak over every day practised; current streak back from today.
	for d := range days {
		if days[d.AddDate(0, 0, -1)] {
			continue // not the start of a run
		}
		run := 0
		for x := d; days[x]; x = x.AddDate(0, 0, 1) {
			run++
		}
		a.BestStreak = max(a.BestStreak, run)
	}
	today := day(now)
	start := today
	if !days[today] {
		start = today.AddDate(0, 0, -1)
	}
	for x := start; days[x]; x = x.AddDate(0, 0, -1) {
		a.CurrentStreak++
	}
	return a
}

// SessionPain is one session's pain before and after.
type SessionPain struct {
	At     time.Time `json:"at"`
	Before *int      `json:"before"`
	After  *int      `json:"after"`
}

// Checkpoint is the change in pain at a fixed point of the program.
type Checkpoint struct {
	Weeks      int       `json:"weeks"` // 2 or 6
	Due        time.Time `json:"due"`
	Reached    bool      `json:"reached"`
	Average    float64   `json:"average"`    // the week's average pain before
	Change     float64   `json:"change"`     // from the baseline; negative is better
	Meaningful bool      `json:"meaningful"` // 2 points or 30%
}

// Outcome is the pain story: per session, per week, and against the baseline.
type Outcome struct {
	Sessions    []SessionPain      `json:"sessions"`
	Weeks       []safety.Week      `json:"weeks"`
	Baseline    float64            `json:"baseline"` // the first week's average pain before
	Latest      float64            `json:"latest"`
	Change      float64            `json:"change"` // latest - baseline; negative is better
	Meaningful  bool               `json:"meaningful"`
	Checkpoints []Checkpoint       `json:"checkpoints"`
	Trend       safety.TrendResult `json:"trend"`
}

// CheckpointWeeks are when the program looks back.
var CheckpointWeeks = []int{2, 6}

// ComputeOutcome reads pain from the journal at now in loc. Demos are left
// out: the outcome is the story of real practice.
func ComputeOutcome(sessions []*journal.Session, now time.Time, loc *time.Location) Outcome {
	o := Outcome{Sessions: []SessionPain{}, Checkpoints: []Checkpoint{}}
	var facts []safety.SessionFacts
	for _, s := range sessions {
		if s.IsDemo() || (s.PainBefore == nil && s.PainAfter == nil) {
			continue
		}
		o.Sessions = append(o.Sessions, SessionPain{At: s.StartedAt, Before: s.PainBefore, After: s.PainAfter})
		facts = append(facts, safety.FactsOf(s))
	}
	o.Weeks = safety.WeeklyPain(facts, loc)
	if len(o.Weeks) == 0 {
		o.Weeks = []safety.Week{}
		return o
	}
	o.Baseline, o.Latest = o.Weeks[0].AvgPain, o.Weeks[len(o.Weeks)-1].AvgPain
	o.Change = o.Latest - o.Baseline
	o.Meaningful = safety.Meaningful(o.Baseline, o.Latest)
	o.Trend = safety.Trend(o.Weeks)
	for _, k := range CheckpointWeeks {
		// Week k of the program is the k-th calendar week from the baseline week.
		target := o.Weeks[0].Start.AddDate(0, 0, 7*(k-1))
		c := Checkpoint{Weeks: k, Due: target.AddDate(0, 0, 7)}
		c.Reached = !now.Before(c.Due)
		for _, w := range o.Weeks {
			if !w.Start.After(target) {
				c.Average = w.AvgPain // the latest week at or before week k
			}
		}
		c.Change = c.Average - o.Baseline
		c.Meaningful = safety.Meaningful(o.Baseline, c.Average)
		o.Checkpoints = append(o.Checkpoints, c)
	}
	return o
}

// Planned is practice against a schedule: of the days it planned, how many
// had practice, and the run of planned days practised.
type Planned struct {
	Since     time.Time `json:"since"`          // the first day counted: the schedule's start or the window's, local midnight
	Days      int       `json:"days_planned"`   // planned days up to yesterday, and today once practised
	Practised int       `json:"days_practised"` // of those, days with practice
	Extra     int       `json:"days_extra"`     // days with practice the schedule did not plan
	// Streak is the planned days practised in a row back from the last
	// one: days the schedule leaves free neither break nor add to it, and
	// today without practice yet does not break it.
	Streak int `json:"streak_planned_days"`
}

// ComputePlanned counts the planned days (planned reports whether a
// weekday is in the schedule) from since to now in loc, at most the last
// n weeks as ComputeAdherence shows them. Days are calendar dates, so
// daylight-saving changes and time zones never split or merge them.
func ComputePlanned(sessions []*journal.Session, now, since time.Time, loc *time.Location, n int, planned func(time.Weekday) bool) Planned {
	now = now.In(loc)
	today := day(now)
	first := safety.WeekStart(now).AddDate(0, 0, -7*(n-1))
	if s := day(since.In(loc)); s.After(first) {
		first = s
	}
	practised := map[time.Time]bool{}
	for _, s := range sessions {
		if Counts(s) {
			practised[day(s.StartedAt.In(loc))] = true
		}
	}
	p := Planned{Since: first}
	for d := first; !d.After(today); d = d.AddDate(0, 0, 1) {
		switch {
		case !planned(d.Weekday()):
			if practised[d] {
				p.Extra++
			}
		case d.Equal(today) && !practised[d]:
		default:
			p.Days++
			if practised[d] {
				p.Practised++
			}
		}
	}
	for d := today; !d.Before(first); d = d.AddDate(0, 0, -1) {
		if !planned(d.Weekday()) || (d.Equal(today) && !practised[d]) {
			continue
		}
		if !practised[d] {
			break
		}
		p.Streak++
	}
	return p
}

// PractisedOn reports whether a session that counts started on at's local
// date in loc: what "already practised today" means for reminders.
func PractisedOn(sessions []*journal.Session, at time.Time, loc *time.Location) bool {
	d := day(at.In(loc))
	for _, s := range sessions {
		if Counts(s) && day(s.StartedAt.In(loc)).Equal(d) {
			return true
		}
	}
	return false
}
