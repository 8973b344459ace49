package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// The charts are SVG the server writes (no script needed), drawn by the
// templates in templates/_charts.html from the figures worked out here:
// html/template escapes every word and number that goes into them.

// painChart is the pain chart: pain before each session (dots) and the
// weekly average (a line), 0 to 10.
type painChart struct {
	Empty        string // said instead of the chart when no session gave pain
	W, H         int
	Label        string // what the chart shows, for screen readers
	Left, Right  int    // where the plot starts and ends across
	AxisX, DateY int    // where the pain figures and the dates are written
	Grid         []painGridLine
	First, Last  string // the dates at either end
	Trend        string // the weekly averages as the points of a line; "" with fewer than two weeks
	Dots         []painDot
	Dot          float64 // a dot's radius
}

// painGridLine is one of the lines at pain 0, 5 and 10.
type painGridLine struct {
	Y, TextY string
	Pain     int
}

// painDot is one session's pain before it.
type painDot struct{ X, Y, Title string }

// newPainChart works out the pain chart of o in a box w by h.
func newPainChart(o progress.Outcome, w, h int) painChart {
	if len(o.Sessions) == 0 {
		return painChart{Empty: message.Text(message.WebNoPain)}
	}
	// Sized for a phone's width, so that its 13-unit text reads at about
	// 13 px there (the page draws it no wider than 26rem).
	const left, right, top, bottom = 30, 10, 10, 26
	c := painChart{W: w, H: h, Left: left, Right: w - right, AxisX: left - 6, DateY: h - 6, Dot: 4,
		Label: message.Text(message.WebPainChartLabel, len(o.Sessions), o.Latest)}
	pw, ph := float64(w-left-right), float64(h-top-bottom)
	first, last := o.Sessions[0].At, o.Sessions[0].At
	for _, s := range o.Sessions {
		if s.At.Before(first) {
			first = s.At
		}
		if s.At.After(last) {
			last = s.At
		}
	}
	for _, wk := range o.Weeks {
		if wk.Start.Before(first) {
			first = wk.Start
		}
	}
	span := max(last.Sub(first), 24*time.Hour)
	x := func(t time.Time) string {
		return fmt.Sprintf("%.1f", float64(left)+pw*float64(t.Sub(first))/float64(span))
	}
	y := func(p float64) float64 { return float64(top) + ph*(1-p/10) }
	for _, p := range []int{0, 5, 10} {
		c.Grid = append(c.Grid, painGridLine{Y: fmt.Sprintf("%.1f", y(float64(p))), TextY: fmt.Sprintf("%.1f", y(float64(p))+4), Pain: p})
	}
	c.First, c.Last = first.Format("2 Jan"), last.Format("2 Jan")
	if len(o.Weeks) > 1 {
		pts := make([]string, len(o.Weeks))
		for i, wk := range o.Weeks {
			pts[i] = x(wk.Start.Add(84*time.Hour)) + "," + fmt.Sprintf("%.1f", y(wk.AvgPain))
		}
		c.Trend = strings.Join(pts, " ")
	}
	for _, s := range o.Sessions {
		if s.Before != nil {
			c.Dots = append(c.Dots, painDot{X: x(s.At), Y: fmt.Sprintf("%.1f", y(float64(*s.Before))),
				Title: message.Text(message.WebPainDot, s.At.Format("2 Jan"), *s.Before)})
		}
	}
	return c
}

// calendarChart is the practice calendar: a row per week (oldest first), a
// square per day, filled on days with practice.
type calendarChart struct {
	W, H     int
	Cell     int
	HeadY    int // where the weekdays' names are written
	Label    string
	Weekdays []calendarLabel
	Weeks    []calendarWeek
}

// calendarLabel is a day's name over its column.
type calendarLabel struct {
	X    int
	Name string
}

// calendarWeek is one row: the week's date and its days.
type calendarWeek struct {
	TextY int
	Start string
	Days  []calendarDay
}

// calendarDay is one square: practised, rested, or still ahead.
type calendarDay struct {
	Class string
	X, Y  int
	Title string
}

// newCalendarChart works out the practice calendar of a up to today.
func newCalendarChart(a progress.Adherence, today time.Time) calendarChart {
	const cell, gap, left, top = 30, 4, 56, 22
	days := 0
	for _, wk := range a.Weeks {
		days += wk.Days
	}
	c := calendarChart{W: left + 7*(cell+gap), H: top + len(a.Weeks)*(cell+gap), Cell: cell, HeadY: 15,
		Label: message.Text(message.WebCalendarLabel, days, len(a.Weeks))}
	for d, name := range strings.Split(message.Text(message.WebWeekdays), " ") {
		c.Weekdays = append(c.Weekdays, calendarLabel{X: left + d*(cell+gap) + cell/2, Name: name})
	}
	for i, wk := range a.Weeks {
		yy := top + i*(cell+gap)
		row := calendarWeek{TextY: yy + cell/2 + 5, Start: wk.Start.Format("2 Jan")}
		for d, practised := range wk.Practice {
			date := wk.Start.AddDate(0, 0, d)
			class, word := "day", message.Text(message.WebDayRest)
			switch {
			case date.After(today):
				class, word = "day future", message.Text(message.WebDayAhead)
			case practised:
				class, word = "day done", message.Text(message.WebDayDone)
			}
			row.Days = append(row.Days, calendarDay{Class: class, X: left + d*(cell+gap), Y: yy, Title: date.Format("Mon 2 Jan") + ": " + word})
		}
		c.Weeks = append(c.Weeks, row)
	}
	return c
}

// splitParas splits a text into paragraphs at blank lines.
func splitParas(s string) []string { return strings.Split(s, "\n\n") }
