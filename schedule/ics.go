package schedule

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
)

// PlayPath returns the web app's path that opens the player at what the
// schedule says to do: the routine, or a plan for its minutes and place.
func (s Schedule) PlayPath() string {
	if s.Routine != "" {
		return "/play/" + url.PathEscape(s.Routine)
	}
	eq := make([]string, len(s.Equipment))
	for i, q := range s.Equipment {
		eq[i] = string(q)
	}
	equipment := strings.Join(eq, ",")
	if equipment == "" {
		equipment = "none"
	}
	q := url.Values{"minutes": {fmt.Sprint(s.Minutes)}, "equipment": {equipment}, "floor": {fmt.Sprint(!s.NoFloor)}, "focus": {"balanced"}}
	return "/play/plan?" + q.Encode()
}

// Calendar is what an iCalendar file needs besides the schedule.
type Calendar struct {
	// Loc is the zone of the events. A zone with an IANA name gets a
	// VTIMEZONE built from Go's zone data; any other ("Local", "UTC"
	// included) writes floating times, which every calendar reads in the
	// zone it is in: 12:30 stays 12:30 wherever the person travels.
	Loc *time.Location
	// Floating writes floating times even when Loc has a name.
	Floating bool
	Now      time.Time     // when the file is written (DTSTAMP); the events start on or after its date
	Link     string        // the address that opens the player (base URL and PlayPath)
	Summary  string        // the events' title
	Text     string        // the events' description
	Alarm    string        // the reminder's text
	Duration time.Duration // how long each event lasts
	Version  string        // unhunch's version, for PRODID
}

// ICS writes the schedule as an iCalendar file (RFC 5545): one repeating
// event per time of day (RRULE weekly on the schedule's days), each with a
// display alarm at its start and a link to the player.
func (s Schedule) ICS(cal Calendar) []byte {
	var b strings.Builder
	line := func(l string) { writeFolded(&b, l) }
	tzid := zoneName(cal.Loc)
	if cal.Floating {
		tzid = ""
	}
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//unhunch//unhunch " + cal.Version + "//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:unhunch")
	if tzid != "" {
		writeZone(&b, cal.Loc, tzid, cal.Now)
	}
	loc := cal.Loc
	if loc == nil {
		loc = time.UTC
	}
	var byDay []string
	for _, w := range s.Days.List() {
		byDay = append(byDay, icsDays[w])
	}
	stamp := cal.Now.UTC().Format("20060102T150405Z")
	minutes := max(1, int(cal.Duration.Round(time.Minute)/time.Minute))
	for _, c := range s.Times {
		// The first day on or after today that the schedule applies on.
		y, m, d := cal.Now.In(loc).Date()
		first := time.Date(y, m, d, 12, 0, 0, 0, loc)
		for !s.Days.Has(first.Weekday()) {
			first = first.AddDate(0, 0, 1)
		}
		start := fmt.Sprintf("%sT%02d%02d00", first.Format("20060102"), c.Hour, c.Minute)
		line("BEGIN:VEVENT")
		line(fmt.Sprintf("UID:schedule-%02d%02d@unhunch", c.Hour, c.Minute))
		line("DTSTAMP:" + stamp)
		if tzid != "" {
			line("DTSTART;TZID=" + tzid + ":" + start)
		} else {
			line("DTSTART:" + start)
		}
		line(fmt.Sprintf("DURATION:PT%dM", minutes))
		line("RRULE:FREQ=WEEKLY;BYDAY=" + strings.Join(byDay, ","))
		line("SUMMARY:" + escapeText(cal.Summary))
		line("DESCRIPTION:" + escapeText(cal.Text))
		if cal.Link != "" {
			line("URL:" + cal.Link)
		}
		line("TRANSP:TRANSPARENT")
		line("BEGIN:VALARM")
		line("ACTION:DISPLAY")
		line("DESCRIPTION:" + escapeText(cal.Alarm))
		line("TRIGGER:PT0S")
		line("END:VALARM")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

// zoneName returns loc's IANA name, or "" when it has none a calendar
// could know (Local, UTC, a fixed zone).
func zoneName(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	n := loc.String()
	if n == "Local" || n == "UTC" || !strings.Contains(n, "/") {
		return ""
	}
	return n
}

// writeZone writes a VTIMEZONE for loc: each period between the changes of
// offset from a year before now to five years after, as Go's zone data
// has them; one STANDARD period for a zone that never changes.
func writeZone(b *strings.Builder, loc *time.Location, tzid string, now time.Time) {
	line := func(l string) { writeFolded(b, l) }
	line("BEGIN:VTIMEZONE")
	line("TZID:" + tzid)
	from, until := now.AddDate(-1, 0, 0).In(loc), now.AddDate(5, 0, 0)
	wrote := false
	for t := from; ; {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.After(until) {
			break
		}
		// The change at end: from the offset before it to the next one.
		_, offFrom := end.Add(-time.Second).Zone()
		name, offTo := end.Zone()
		kind := "STANDARD"
		if end.IsDST() {
			kind = "DAYLIGHT"
		}
		line("BEGIN:" + kind)
		line("DTSTART:" + end.In(time.FixedZone("", offFrom)).Format("20060102T150405"))
		line("TZOFFSETFROM:" + offset(offFrom))
		line("TZOFFSETTO:" + offset(offTo))
		if name != "" {
			line("TZNAME:" + escapeText(name))
		}
		line("END:" + kind)
		wrote = true
		t = end
	}
	if !wrote {
		name, off := from.Zone()
		line("BEGIN:STANDARD")
		line("DTSTART:19700101T000000")
		line("TZOFFSETFROM:" + offset(off))
		line("TZOFFSETTO:" + offset(off))
		if name != "" {
			line("TZNAME:" + escapeText(name))
		}
		line("END:STANDARD")
	}
	line("END:VTIMEZONE")
}

// offset writes seconds east of UTC as ±HHMM.
func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// writeFolded writes one content line ending in CRLF, folded so that no
// line is longer than 75 octets, never inside a UTF-8 character (§3.1).
func writeFolded(b *strings.Builder, l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}

// NewCalendar fills in the words and the length of the events for s from
// the catalog: the routine's name and time box, or the plan's minutes. base
// is the web app's address ("http://127.0.0.1:8080"), for the player link.
func (s Schedule) NewCalendar(c *catalog.Catalog, loc *time.Location, now time.Time, base, version string) Calendar {
	cal := Calendar{Loc: loc, Now: now, Version: version, Alarm: message.Text(message.ICSAlarm),
		Summary: message.Text(message.ICSSummaryMinutes, s.Minutes), Duration: time.Duration(s.Minutes) * time.Minute}
	if s.Routine != "" {
		name, box := s.Routine, 10*time.Minute
		if r, ok := c.Routine(s.Routine); ok {
			name = r.Name
			if r.TimeBoxSeconds > 0 {
				box = time.Duration(r.TimeBoxSeconds) * time.Second
			}
		}
		cal.Summary, cal.Duration = message.Text(message.ICSSummaryRoutine, name), box
	}
	cal.Link = strings.TrimRight(base, "/") + s.PlayPath()
	cal.Text = message.Text(message.ICSDescription, cal.Link)
	return cal
}

// Reminder returns a reminder's title and text for s: the routine's name
// and about how long it takes, or the plan's minutes and place.
func (s Schedule) Reminder(c *catalog.Catalog) (title, body string) {
	title = message.Text(message.RemindSummary)
	switch {
	case s.Routine != "":
		name, minutes := s.Routine, 5
		if r, ok := c.Routine(s.Routine); ok {
			name = r.Name
			if r.TimeBoxSeconds > 0 {
				minutes = (r.TimeBoxSeconds + 59) / 60
			}
		}
		return title, message.Text(message.RemindBodyRoutine, name, minutes)
	case s.NoFloor:
		return title, message.Text(message.RemindBodyMinutesOff, s.Minutes)
	}
	return title, message.Text(message.RemindBodyMinutes, s.Minutes)
}
