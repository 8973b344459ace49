// Package schedule is when a person means to practise: the days, the local
// wall-clock times, what to do then (a routine, or a plan of N minutes made at
// that moment for their place and equipment), quiet hours, "skip if already
// practised today" and the most reminders a day. It computes the next
// occurrences in any time zone, correctly across daylight-saving changes and
// moves between zones, decides whether a reminder is due, and writes the
// schedule as an iCalendar file (RFC 5545). No I/O and no clock reads: every
// time is an argument.
package schedule

import (
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

// Limits of a schedule.
const (
	MinMinutes = planner.MinMinutes // the shortest "plan N minutes"
	MaxMinutes = planner.MaxMinutes // the longest "plan N minutes"
	MaxTimes   = 12                 // the most times of day a schedule holds
	// Snooze is how long "Later" puts a reminder off.
	Snooze = 15 * time.Minute
)

// Schedule is one person's practice schedule. The zero value is no schedule.
type Schedule struct {
	Days      Days                `json:"days"`      // the days of the week it applies on
	Times     []Clock             `json:"times"`     // local wall-clock times, earliest first
	Routine   string              `json:"routine"`   // the routine to do; "" means a plan of Minutes
	Minutes   int                 `json:"minutes"`   // the minutes to plan for when Routine is ""
	NoFloor   bool                `json:"no_floor"`  // the person cannot get down on the floor there
	Equipment []catalog.Equipment `json:"equipment"` // what they have at hand there; empty for none
	Quiet     []Quiet             `json:"quiet"`     // hours when nothing reminds them
	// SkipIfPractised leaves out the day's reminders once a session was
	// completed that day.
	SkipIfPractised bool `json:"skip_if_practised"`
	// MaxPerDay is the most reminders a day, snoozes included; 0 means one
	// for each time.
	MaxPerDay int `json:"max_per_day"`
	// SittingMinutes suggests a short desk routine after this many
	// minutes of continuous activity at the computer; 0 is off.
	SittingMinutes int `json:"sitting_minutes"`
	// SetAt is when the schedule was saved (the journal fills it in);
	// adherence counts planned days from then.
	SetAt time.Time `json:"set_at,omitzero"`
}

// IsZero reports whether s is no schedule at all.
func (s Schedule) IsZero() bool { return s.Days == 0 && len(s.Times) == 0 }

// Validate reports the first thing wrong with s, in words that say what to do.
func (s Schedule) Validate() error {
	if s.Days == 0 {
		return unhunch.E(unhunch.EInvalid, message.ScheduleNoDays)
	}
	if len(s.Times) == 0 {
		return unhunch.E(unhunch.EInvalid, message.ScheduleNoTimes)
	}
	if len(s.Times) > MaxTimes {
		return unhunch.E(unhunch.EInvalid, message.ScheduleTooManyTimes, len(s.Times), MaxTimes)
	}
	for i, c := range s.Times {
		if !c.valid() {
			return unhunch.E(unhunch.EInvalid, message.ScheduleBadClock, c.String())
		}
		if i > 0 && s.Times[i-1] == c {
			return unhunch.E(unhunch.EInvalid, message.ScheduleTimeTwice, c.String())
		}
		if i > 0 && s.Times[i-1].minutes() > c.minutes() {
			return unhunch.E(unhunch.EInvalid, message.ScheduleTimesOrder)
		}
	}
	switch {
	case s.Routine != "" && s.Minutes != 0:
		return unhunch.E(unhunch.EInvalid, message.ScheduleRoutineOrMinutes)
	case s.Routine == "" && s.Minutes == 0:
		return unhunch.E(unhunch.EInvalid, message.ScheduleRoutineOrMinutes)
	case s.Routine == "" && (s.Minutes < MinMinutes || s.Minutes > MaxMinutes):
		return unhunch.E(unhunch.EInvalid, message.ScheduleBadMinutes, s.Minutes, MinMinutes, MaxMinutes)
	}
	for _, q := range s.Equipment {
		if !q.Known() {
			return unhunch.E(unhunch.EInvalid, message.ScheduleBadEquipment, string(q))
		}
	}
	for i, q := range s.Quiet {
		if !q.From.valid() || !q.To.valid() || q.From == q.To {
			return unhunch.E(unhunch.EInvalid, message.ScheduleBadQuiet, q.String())
		}
		for _, r := range s.Quiet[:i] {
			if q.Overlaps(r) {
				return unhunch.E(unhunch.EInvalid, message.ScheduleQuietOverlap, r.String(), q.String())
			}
		}
		for _, c := range s.Times {
			if q.Contains(c) {
				return unhunch.E(unhunch.EInvalid, message.ScheduleTimeInQuiet, c.String(), q.String())
			}
		}
	}
	if s.MaxPerDay < 0 {
		return unhunch.E(unhunch.EInvalid, message.ScheduleBadMax, s.MaxPerDay)
	}
	if s.SittingMinutes != 0 && (s.SittingMinutes < MinSitting || s.SittingMinutes > MaxSitting) {
		return unhunch.E(unhunch.EInvalid, message.ScheduleBadSitting, s.SittingMinutes, MinSitting, MaxSitting)
	}
	return nil
}

// PerDay returns the most reminders a day: MaxPerDay, or one per time.
func (s Schedule) PerDay() int {
	if s.MaxPerDay > 0 {
		return s.MaxPerDay
	}
	return len(s.Times)
}

// Planned reports whether day (any time of it, read in its own location) is
// a day the schedule applies on.
func (s Schedule) Planned(day time.Time) bool { return s.Days.Has(day.Weekday()) }

// Next returns the first occurrence strictly after after, as the wall clock
// reads in loc. A time that a daylight-saving change skips (02:30 on the
// night the clocks go forward) happens when the clocks jump; a time that
// happens twice (the night they go back) happens the first time only. The
// zero time means there is none (an empty schedule).
func (s Schedule) Next(after time.Time, loc *time.Location) time.Time {
	if s.Days == 0 || len(s.Times) == 0 {
		return time.Time{}
	}
	local := after.In(loc)
	y, m, d := local.Date()
	for i := range 8 {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, loc)
		if !s.Days.Has(day.Weekday()) {
			continue
		}
		for _, c := range s.Times {
			if t := At(day, c); t.After(after) {
				return t
			}
		}
	}
	return time.Time{}
}

// Between returns every occurrence in (from, to], in order.
func (s Schedule) Between(from, to time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	for t := s.Next(from, loc); !t.IsZero() && !t.After(to); t = s.Next(t, loc) {
		out = append(out, t)
	}
	return out
}

// At returns the instant on day's date (in day's location) when the wall
// clock reads c: when the clocks jump over c, the instant of the jump; when
// they read c twice, the first.
func At(day time.Time, c Clock) time.Time {
	loc := day.Location()
	y, m, d := day.Date()
	t := time.Date(y, m, d, c.Hour, c.Minute, 0, 0, loc)
	if h, mi, _ := t.Clock(); h == c.Hour && mi == c.Minute {
		// The clocks may have read c before, in the zone before this one.
		start, _ := t.ZoneBounds()
		if !start.IsZero() {
			_, before := start.Add(-time.Second).Zone()
			_, now := t.Zone()
			if before > now {
				if e := t.Add(-time.Duration(before-now) * time.Second); e.Before(start) {
					if h, mi, _ := e.Clock(); h == c.Hour && mi == c.Minute {
						return e
					}
				}
			}
		}
		return t
	}
	// In a gap: the jump is a bound of the zone Go chose, the nearer one.
	start, end := t.ZoneBounds()
	switch {
	case start.IsZero():
		return end
	case end.IsZero():
		return start
	case t.Sub(start) <= end.Sub(t):
		return start
	default:
		return end
	}
}

// InQuiet reports whether t falls in quiet hours, by the wall clock in loc.
func (s Schedule) InQuiet(t time.Time, loc *time.Location) bool {
	l := t.In(loc)
	c := Clock{Hour: l.Hour(), Minute: l.Minute()}
	for _, q := range s.Quiet {
		if q.Contains(c) {
			return true
		}
	}
	return false
}

// Hold is why a reminder is not sent.
type Hold string

// Reasons for not sending a reminder; "" sends it.
const (
	Send       Hold = ""
	NotPlanned Hold = "not_planned" // no schedule, or not a day it applies on
	QuietHours Hold = "quiet"       // in the person's quiet hours
	Practised  Hold = "practised"   // today's practice is done
	Enough     Hold = "enough"      // the day's reminders are all used
)

// Decide says whether a reminder at at (read in loc) goes out, given whether
// a session was completed that local day and how many reminders went out
// that day already.
func (s Schedule) Decide(at time.Time, loc *time.Location, practisedToday bool, sentToday int) Hold {
	switch {
	case s.IsZero() || !s.Planned(at.In(loc)):
		return NotPlanned
	case s.InQuiet(at, loc):
		return QuietHours
	case s.SkipIfPractised && practisedToday:
		return Practised
	case sentToday >= s.PerDay():
		return Enough
	}
	return Send
}

// FitsRoutine reports whether every exercise of r can be done where the
// schedule says: without the floor, in a position off it; and, when the
// schedule lists equipment, with that equipment (or a substitute). A
// routine with no equipment listed is taken to be done where its
// equipment is (the person chose it). The error names the first that cannot.
func (s Schedule) FitsRoutine(r *catalog.Routine, c *catalog.Catalog) error {
	for _, it := range r.Exercises {
		e, ok := c.Exercise(it.ID)
		if !ok {
			return unhunch.E(unhunch.ENotFound, message.ScheduleRoutineGone, r.ID, it.ID)
		}
		if s.NoFloor && (e.NeedsFloor() || it.Position.Level() == catalog.LevelFloor) {
			return unhunch.E(unhunch.EInvalid, message.ScheduleRoutineFloor, r.ID, e.ID)
		}
		for _, q := range e.Equipment {
			if len(s.Equipment) == 0 || slices.Contains(s.Equipment, q) || slices.ContainsFunc(e.Substitutes[q], func(x catalog.Equipment) bool { return slices.Contains(s.Equipment, x) }) {
				continue
			}
			return unhunch.E(unhunch.EInvalid, message.ScheduleRoutineEquipment, r.ID, e.ID, string(q))
		}
	}
	return nil
}

// ParseEquipment reads a comma-separated equipment list; "none" or "" is none.
func ParseEquipment(list []string) ([]catalog.Equipment, error) {
	var out []catalog.Equipment
	for _, s := range list {
		for _, f := range strings.Split(s, ",") {
			f = strings.ToLower(strings.TrimSpace(f))
			q := catalog.Equipment(f)
			switch {
			case f == "" || f == "none":
			case !q.Known():
				return nil, unhunch.E(unhunch.EInvalid, message.ScheduleBadEquipment, f)
			case !slices.Contains(out, q):
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// Check is Validate and then what needs the catalog: the routine exists and
// fits the place (FitsRoutine), or the planner can make a plan of the
// minutes for that place. It is the one check before a schedule is saved,
// from the command line and the web alike.
func (s Schedule) Check(c *catalog.Catalog) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.Routine != "" {
		r, ok := c.Routine(s.Routine)
		if !ok {
			var ids []string
			for _, r := range c.Routines() {
				ids = append(ids, r.ID)
			}
			msg := message.Text(message.ScheduleUnknownRoutine, s.Routine)
			if near := message.Nearest(s.Routine, ids); near != "" {
				msg += ". " + message.Text(message.CLIDidYouMean, near)
			}
			return unhunch.Errorf(unhunch.ENotFound, "%s %s", msg, message.Text(message.CLISeeList, "unhunch routines"))
		}
		return s.FitsRoutine(r, c)
	}
	req := planner.Request{Minutes: s.Minutes, Floor: !s.NoFloor, Equipment: s.Equipment}
	if _, err := planner.Plan(req, c, timeline.DefaultRules); err != nil {
		return unhunch.E(unhunch.EInvalid, message.ScheduleNothingFits, s.Minutes, err.Error()).Wrap(err)
	}
	return nil
}
