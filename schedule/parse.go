package schedule

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// Clock is a local wall-clock time of day, to the minute.
type Clock struct {
	Hour   int // 0–23
	Minute int // 0–59
}

func (c Clock) valid() bool { return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60 }

func (c Clock) minutes() int { return c.Hour*60 + c.Minute }

// String writes c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// MarshalText writes c as HH:MM.
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads c as ParseClock does.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ParseClock reads a 24-hour time: H:MM or HH:MM, 00:00 to 23:59.
func ParseClock(s string) (Clock, error) {
	t := strings.TrimSpace(s)
	h, m, ok := strings.Cut(t, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !digits(h) || !digits(m) {
		return Clock{}, unhunch.E(unhunch.EInvalid, message.ScheduleClockForm, s)
	}
	hour, _ := strconv.Atoi(h)
	minute, _ := strconv.Atoi(m)
	c := Clock{Hour: hour, Minute: minute}
	if !c.valid() {
		return Clock{}, unhunch.E(unhunch.EInvalid, message.ScheduleBadClock, s)
	}
	return c, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ParseClocks reads a comma-separated list of times, sorts them and refuses
// one given twice.
func ParseClocks(s string) ([]Clock, error) {
	var out []Clock
	for _, f := range strings.Split(s, ",") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		c, err := ParseClock(f)
		if err != nil {
			return nil, err
		}
		if slices.Contains(out, c) {
			return nil, unhunch.E(unhunch.EInvalid, message.ScheduleTimeTwice, c.String())
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, unhunch.E(unhunch.EInvalid, message.ScheduleNoTimes)
	}
	slices.SortFunc(out, func(a, b Clock) int { return a.minutes() - b.minutes() })
	return out, nil
}

// Days is a set of weekdays: bit d is time.Weekday d.
type Days uint8

// Weekdays is Monday to Friday; EveryDay is all seven days.
const (
	Weekdays Days = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	Weekend  Days = 1<<time.Saturday | 1<<time.Sunday
	EveryDay Days = Weekdays | Weekend
)

// dayNames are the short names, Sunday first as time.Weekday counts.
var dayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// icsDays are the days as RFC 5545 writes them.
var icsDays = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// Has reports whether w is in the set.
func (d Days) Has(w time.Weekday) bool { return d&(1<<w) != 0 }

// List returns the days in the set, Monday first.
func (d Days) List() []time.Weekday {
	var out []time.Weekday
	for i := range 7 {
		if w := time.Weekday((i + 1) % 7); d.Has(w) {
			out = append(out, w)
		}
	}
	return out
}

// Names returns the short names of the days in the set, Monday first.
func (d Days) Names() []string {
	var out []string
	for _, w := range d.List() {
		out = append(out, dayNames[w])
	}
	return out
}

// String writes the set as ParseDays reads it: runs of three days or more
// as ranges ("mon-fri,sun").
func (d Days) String() string {
	list := d.List()
	var parts []string
	for i := 0; i < len(list); {
		j := i
		for j+1 < len(list) && (int(list[j])+1)%7 == int(list[j+1]) {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, dayNames[list[i]]+"-"+dayNames[list[j]])
		default:
			for k := i; k <= j; k++ {
				parts = append(parts, dayNames[list[k]])
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// MarshalJSON writes the days as a list of short names, Monday first.
func (d Days) MarshalJSON() ([]byte, error) {
	names := d.Names()
	if names == nil {
		names = []string{}
	}
	return json.Marshal(names)
}

// UnmarshalJSON reads a list of day names or ranges.
func (d *Days) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return unhunch.E(unhunch.EInvalid, message.ScheduleDaysForm, string(b))
	}
	v, err := ParseDays(strings.Join(names, ","))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDays reads days of the week: names ("mon", "monday"), ranges that
// may wrap the week ("mon-fri", "fri-mon"), "weekdays", "weekends" and
// "daily", separated by commas. An empty list is refused.
func ParseDays(s string) (Days, error) {
	var d Days
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "":
			continue
		case "weekdays":
			d |= Weekdays
			continue
		case "weekends", "weekend":
			d |= Weekend
			continue
		case "daily", "every-day", "everyday", "all":
			d |= EveryDay
			continue
		}
		from, to, isRange := strings.Cut(f, "-")
		a, ok := day(from)
		if !ok {
			return 0, unhunch.E(unhunch.EInvalid, message.ScheduleBadDay, strings.TrimSpace(from))
		}
		b := a
		if isRange {
			if b, ok = day(to); !ok {
				return 0, unhunch.E(unhunch.EInvalid, message.ScheduleBadDay, strings.TrimSpace(to))
			}
		}
		for w := a; ; w = (w + 1) % 7 {
			d |= 1 << w
			if w == b {
				break
			}
		}
	}
	if d == 0 {
		return 0, unhunch.E(unhunch.EInvalid, message.ScheduleNoDays)
	}
	return d, nil
}

// day reads one day's name: its first three letters or all of it.
func day(s string) (time.Weekday, bool) {
	s = strings.TrimSpace(s)
	for i, n := range dayNames {
		full := strings.ToLower(time.Weekday(i).String())
		if s == n || s == full {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// Quiet is a span of quiet hours, From up to (not including) To by the wall
// clock; it runs past midnight when To is earlier than From.
type Quiet struct {
	From Clock
	To   Clock
}

// String writes q as HH:MM-HH:MM.
func (q Quiet) String() string { return q.From.String() + "-" + q.To.String() }

// MarshalText writes q as HH:MM-HH:MM.
func (q Quiet) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// UnmarshalText reads q as ParseQuiet does.
func (q *Quiet) UnmarshalText(b []byte) error {
	v, err := ParseQuiet(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// ParseQuiet reads quiet hours: HH:MM-HH:MM, which may run past midnight.
func ParseQuiet(s string) (Quiet, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return Quiet{}, unhunch.E(unhunch.EInvalid, message.ScheduleQuietForm, s)
	}
	a, err := ParseClock(from)
	if err != nil {
		return Quiet{}, err
	}
	b, err := ParseClock(to)
	if err != nil {
		return Quiet{}, err
	}
	if a == b {
		return Quiet{}, unhunch.E(unhunch.EInvalid, message.ScheduleBadQuiet, s)
	}
	return Quiet{From: a, To: b}, nil
}

// ParseQuiets reads a comma-separated list of quiet hours and refuses two
// that overlap.
func ParseQuiets(s string) ([]Quiet, error) {
	var out []Quiet
	for _, f := range strings.Split(s, ",") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		q, err := ParseQuiet(f)
		if err != nil {
			return nil, err
		}
		for _, r := range out {
			if q.Overlaps(r) {
				return nil, unhunch.E(unhunch.EInvalid, message.ScheduleQuietOverlap, r.String(), q.String())
			}
		}
		out = append(out, q)
	}
	return out, nil
}

// Contains reports whether the wall-clock time c is in the quiet hours.
func (q Quiet) Contains(c Clock) bool {
	m, a, b := c.minutes(), q.From.minutes(), q.To.minutes()
	if a < b {
		return m >= a && m < b
	}
	return m >= a || m < b
}

// Overlaps reports whether q and r share a minute.
func (q Quiet) Overlaps(r Quiet) bool {
	// Either span's start lies in the other, or they do not meet at all.
	return q.Contains(r.From) || r.Contains(q.From)
}
