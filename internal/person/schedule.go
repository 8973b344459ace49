package person

import (
	"time"

	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/schedule"
)

// WithSchedule adds practice against the schedule to the progress
// document (days planned and practised since the schedule was set, within
// the weeks progress shows, and the run of planned days practised), for
// the command line and the web alike. Without a schedule it adds nothing.
func WithSchedule(doc *api.Progress, briefs []journal.Brief, sc schedule.Schedule, now time.Time, loc *time.Location) {
	if sc.IsZero() {
		return
	}
	p := progress.ComputePlanned(briefs, now, sc.SetAt, loc, CalendarWeeks, sc.Days.Has)
	doc.Schedule = &p
}
