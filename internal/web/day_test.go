package web_test

import (
	"testing"
	"time"
	_ "time/tzdata" // the zones below, wherever the test runs

	"github.com/unhunch/unhunch/internal/web"
)

// The local date pages are stamped with, kept for the day it holds, is
// the date time.Format writes at every moment: walking forward and back
// across midnights and summer-time changes, one of them at midnight
// (São Paulo, 2018, whose clocks went from 23:59:59 to 01:00).
func TestDayOfKeptForTheDay(t *testing.T) {
	for _, zone := range []string{"UTC", "Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe", "Pacific/Apia"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		e := newEnvWith(t, func(c *web.Config) { c.Location = loc })
		for _, start := range []time.Time{time.Date(2018, 11, 3, 20, 0, 0, 0, loc), time.Date(2026, 3, 28, 20, 0, 0, 0, loc),
			time.Date(2026, 10, 24, 20, 0, 0, 0, loc), time.Date(2011, 12, 29, 20, 0, 0, 0, loc)} {
			for _, step := range []time.Duration{17 * time.Minute, -23 * time.Minute, 59*time.Minute + 59*time.Second} {
				at := start
				for range 300 {
					if got, want := web.DayOf(e.srv, at), at.In(loc).Format("2006-01-02"); got != want {
						t.Fatalf("%s, %s: %s, want %s", zone, at.In(loc).Format(time.RFC3339), got, want)
					}
					at = at.Add(step)
				}
			}
		}
	}
}
