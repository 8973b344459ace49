package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// painChart draws pain before each session (dots) and the weekly average
// (a line), 0 to 10, as an SVG the server writes: no script needed.
func painChart(o progress.Outcome, w, h int) template.HTML {
	if len(o.Sessions) == 0 {
		return template.HTML(`<p class="muted">` + template.HTMLEscapeString(message.Text(message.WebNoPain)) + `</p>`)
	}
	const left, right, top, bottom = 28, 8, 8, 22
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
	span := last.Sub(first)
	if span < 24*time.Hour {
		span = 24 * time.Hour
	}
	x := func(t time.Time) float64 { return float64(left) + pw*float64(t.Sub(first))/float64(span) }
	y := func(p float64) float64 { return float64(top) + ph*(1-p/10) }
	var b strings.Builder
	label := message.Text(message.WebPainChartLabel, len(o.Sessions), o.Latest)
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s">`, w, h, template.HTMLEscapeString(label))
	for _, p := range []int{0, 5, 10} {
		fmt.Fprintf(&b, `<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/><text class="axis" x="%d" y="%.1f">%d</text>`,
			left, w-right, y(float64(p)), y(float64(p)), left-6, y(float64(p))+4, p)
	}
	fmt.Fprintf(&b, `<text class="axis" x="%d" y="%d" text-anchor="start">%s</text>`, left, h-4, first.Format("2 Jan"))
	fmt.Fprintf(&b, `<text class="axis" x="%d" y="%d" text-anchor="end">%s</text>`, w-right, h-4, last.Format("2 Jan"))
	if len(o.Weeks) > 1 {
		var pts []string
		for _, wk := range o.Weeks {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(wk.Start.Add(84*time.Hour)), y(wk.AvgPain)))
		}
		fmt.Fprintf(&b, `<polyline class="trend" points="%s"/>`, strings.Join(pts, " "))
	}
	for _, s := range o.Sessions {
		if s.Before == nil {
			continue
		}
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="3"><title>%s</title></circle>`, x(s.At), y(float64(*s.Before)),
			template.HTMLEscapeString(message.Text(message.WebPainDot, s.At.Format("2 Jan"), *s.Before)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// calendarChart draws the practice calendar: a row per week (oldest first),
// a square per day, filled on days with practice.
func calendarChart(a progress.Adherence, today time.Time) template.HTML {
	const cell, gap, left, top = 26, 4, 62, 18
	w := left + 7*(cell+gap)
	h := top + len(a.Weeks)*(cell+gap)
	days := 0
	for _, wk := range a.Weeks {
		days += wk.Days
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart calendar" viewBox="0 0 %d %d" role="img" aria-label="%s">`, w, h,
		template.HTMLEscapeString(message.Text(message.WebCalendarLabel, days, len(a.Weeks))))
	for d, name := range strings.Split(message.Text(message.WebWeekdays), " ") {
		fmt.Fprintf(&b, `<text class="axis" x="%d" y="12" text-anchor="middle">%s</text>`, left+d*(cell+gap)+cell/2, template.HTMLEscapeString(name))
	}
	for i, wk := range a.Weeks {
		yy := top + i*(cell+gap)
		fmt.Fprintf(&b, `<text class="axis" x="0" y="%d" text-anchor="start">%s</text>`, yy+cell/2+4, wk.Start.Format("2 Jan"))
		for d, practised := range wk.Practice {
			date := wk.Start.AddDate(0, 0, d)
			class, word := "day", message.Text(message.WebDayRest)
			switch {
			case date.After(today):
				class, word = "day future", message.Text(message.WebDayAhead)
			case practised:
				class, word = "day done", message.Text(message.WebDayDone)
			}
			fmt.Fprintf(&b, `<rect class="%s" x="%d" y="%d" width="%d" height="%d" rx="4"><title>%s: %s</title></rect>`,
				class, left+d*(cell+gap), yy, cell, cell, date.Format("Mon 2 Jan"), template.HTMLEscapeString(word))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// splitParas splits a text into paragraphs at blank lines.
func splitParas(s string) []string { return strings.Split(s, "\n\n") }
