package progress

import (
	"sort"
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
func Counts(s *journal.Session) bool { return CountsBrief(s.Brief()) }

// CountsBrief is Counts for a session's Brief.
func CountsBrief(b journal.Brief) bool { return !b.Demo && b.Done > 0 }

// Briefs returns the sessions' Briefs, in the same order.
func Briefs(sessions []*journal.Session) []journal.Brief {
	out := make([]journal.Brief, len(sessions))
	for i, s := range sessions {
		out[i] = s.Brief()
	}
	return out
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

// Day returns the local calendar date (in loc) that t falls on, at midnight.
func Day(t time.Time, loc *time.Location) time.Time { return day(t.In(loc)) }

// ComputeAdherence summarises the last n weeks up to now in loc. Streaks
// count calendar days with practice; today without practice yet does not
// break a streak that reached yesterday. Days are calendar dates, so
// daylight-saving changes and time zones never split or merge days.
func ComputeAdherence(sessions []*journal.Session, now time.Time, loc *time.Location, n, target int) Adherence {
	briefs := Briefs(sessions)
	days := PracticeDays(briefs, loc)
	a := Adherence{Target: target, Weeks: AdherenceWeeks(briefs, now, loc, n)}
	if a.Target <= 0 {
		a.Target = DefaultTarget
	}
	a.CurrentStreak, a.BestStreak = CurrentStreak(days, now.In(loc)), BestStreak(days)
	return a
}

// AdherenceWeeks returns the last n weeks up to now in loc, oldest first,
// from briefs: any sessions that include all those weeks' (others are
// left out), in any order.
func AdherenceWeeks(briefs []journal.Brief, now time.Time, loc *time.Location, n int) []WeekAdherence {
	now = now.In(loc)
	first := FirstWeek(now, n)
	weeks := make([]WeekAdherence, n)
	for i := range weeks {
		weeks[i].Start = first.AddDate(0, 0, 7*i)
	}
	for _, b := range briefs {
		if !CountsBrief(b) {
			continue
		}
		at := b.StartedAt.In(loc)
		ws := safety.WeekStart(at)
		for i := range weeks {
			if weeks[i].Start.Equal(ws) {
				w := &weeks[i]
				w.Sessions++
				w.Minutes += b.Seconds / 60
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
	return weeks
}

// FirstWeek returns the Monday that starts the first of the last n weeks up
// to t (in t's location).
func FirstWeek(t time.Time, n int) time.Time {
	return safety.WeekStart(t).AddDate(0, 0, -7*(n-1))
}

// PracticeDays returns the local days (in loc) on which a session that
// counts (CountsBrief) started.
func PracticeDays(briefs []journal.Brief, loc *time.Location) map[time.Time]bool {
	days := map[time.Time]bool{}
	for _, b := range briefs {
		if CountsBrief(b) {
			days[Day(b.StartedAt, loc)] = true
		}
	}
	return days
}

// BestStreak returns the longest run of consecutive days in days.
func BestStreak(days map[time.Time]bool) int {
	best := 0
	for d := range days {
		if days[d.AddDate(0, 0, -1)] {
			continue // not the start of a run
		}
		run := 0
		for x := d; days[x]; x = x.AddDate(0, 0, 1) {
			run++
		}
		best = max(best, run)
	}
	return best
}

// CurrentStreak returns the run of days in days that reaches today (the
// day of now, in now's location), or yesterday when today has no practice yet.
func CurrentStreak(days map[time.Time]bool, now time.Time) int {
	today := day(now)
	start := today
	if !days[today] {
		start = today.AddDate(0, 0, -1)
	}
	n := 0
	for x := start; days[x]; x = x.AddDate(0, 0, -1) {
		n++
	}
	return n
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
	return OutcomeOf(Briefs(sessions), now, loc)
}

// ShownWeeks is how many weeks of pain the outcome lists: the pain chart's
// span, up to the latest week with pain before a session. The baseline and
// the checkpoints look back to the first.
const ShownWeeks = 8

// OutcomeWindows returns the spans of time the pain outcome reads, given
// when the first and the latest real-time session with pain before started,
// in loc: the baseline week and the weeks to the last checkpoint, and the
// weeks shown up to the latest (which hold the weeks the trend reads).
// Sessions outside them change nothing (OutcomeOf).
func OutcomeWindows(first, last time.Time, loc *time.Location) [][2]time.Time {
	w0 := safety.WeekStart(first.In(loc))
	wl := safety.WeekStart(last.In(loc))
	return [][2]time.Time{
		{w0, w0.AddDate(0, 0, 7*CheckpointWeeks[len(CheckpointWeeks)-1])},
		{wl.AddDate(0, 0, -7*(ShownWeeks-1)), wl.AddDate(0, 0, 7)},
	}
}

// OutcomeOf is ComputeOutcome from briefs: any sessions (in any order) that
// include every session of OutcomeWindows; others are left out. Demos never
// count.
func OutcomeOf(briefs []journal.Brief, now time.Time, loc *time.Location) Outcome {
	o := Outcome{Sessions: []SessionPain{}, Weeks: []safety.Week{}, Checkpoints: []Checkpoint{}}
	var facts []safety.SessionFacts
	var pain []journal.Brief
	for _, b := range briefs {
		if b.Demo || (b.PainBefore == nil && b.PainAfter == nil) {
			continue
		}
		pain = append(pain, b)
		facts = append(facts, safety.SessionFacts{At: b.StartedAt, PainBefore: b.PainBefore, PainAfter: b.PainAfter})
	}
	weeks := safety.WeeklyPain(facts, loc)
	if len(weeks) == 0 {
		return o
	}
	shown := weeks[len(weeks)-1].Start.AddDate(0, 0, -7*(ShownWeeks-1))
	end := weeks[len(weeks)-1].Start.AddDate(0, 0, 7)
	sort.SliceStable(pain, func(i, j int) bool {
		if !pain[i].StartedAt.Equal(pain[j].StartedAt) {
			return pain[i].StartedAt.Before(pain[j].StartedAt)
		}
		return pain[i].ID < pain[j].ID
	})
	for _, b := range pain {
		if !b.StartedAt.Before(shown) && b.StartedAt.Before(end) {
			o.Sessions = append(o.Sessions, SessionPain{At: b.StartedAt, Before: b.PainBefore, After: b.PainAfter})
		}
	}
	for _, w := range weeks {
		if !w.Start.Before(shown) {
			o.Weeks = append(o.Weeks, w)
		}
	}
	o.Baseline, o.Latest = weeks[0].AvgPain, weeks[len(weeks)-1].AvgPain
	o.Change = o.Latest - o.Baseline
	o.Meaningful = safety.Meaningful(o.Baseline, o.Latest)
	o.Trend = safety.Trend(weeks)
	for _, k := range CheckpointWeeks {
		// Week k of the program is the k-th calendar week from the baseline week.
		target := weeks[0].Start.AddDate(0, 0, 7*(k-1))
		c := Checkpoint{Weeks: k, Due: target.AddDate(0, 0, 7)}
		c.Reached = !now.Before(c.Due)
		for _, w := range weeks {
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

// ComputePlanned counts, from the sessions' briefs (any that include the
// weeks it reads), the planned days (planned reports whether a
// weekday is in the schedule) from since to now in loc, at most the last
// n weeks as ComputeAdherence shows them. Days are calendar dates, so
// daylight-saving changes and time zones never split or merge them.
func ComputePlanned(briefs []journal.Brief, now, since time.Time, loc *time.Location, n int, planned func(time.Weekday) bool) Planned {
	now = now.In(loc)
	today := day(now)
	first := safety.WeekStart(now).AddDate(0, 0, -7*(n-1))
	if s := day(since.In(loc)); s.After(first) {
		first = s
	}
	practised := map[time.Time]bool{}
	for _, b := range briefs {
		if CountsBrief(b) {
			practised[day(b.StartedAt.In(loc))] = true
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
