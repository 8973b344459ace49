package person

import (
	"sort"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// CalendarWeeks is how many weeks of practice progress shows.
const CalendarWeeks = 8

// Progress assembles the progress document (adherence, pain outcome,
// levels, trend advice) from the journal, in loc. PSFS is left for the
// caller, which reads it from the store.
func Progress(sessions []*journal.Session, c *catalog.Catalog, now time.Time, loc *time.Location) api.Progress {
	doc := api.Progress{
		Today:     now.In(loc),
		Adherence: progress.ComputeAdherence(sessions, now, loc, CalendarWeeks, progress.DefaultTarget),
		Pain:      progress.ComputeOutcome(sessions, now, loc),
		Levels:    []api.ProgressLevel{},
		Sessions:  len(sessions),
	}
	for _, s := range sessions {
		if progress.Counts(s) {
			doc.Counted++
		}
		if s.IsDemo() {
			doc.Demos++
		}
	}
	doc.Advice = TrendAdvice(doc.Pain.Trend)
	levels := Levels(sessions, c)
	ids := make([]string, 0, len(levels))
	for id := range levels {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		l := levels[id]
		e, ok := c.Exercise(id)
		if !ok {
			continue
		}
		doc.Levels = append(doc.Levels, api.ProgressLevel{ExerciseID: id, Name: e.Name, Amount: l.Amount, Summary: e.Dose.Describe(l.Amount),
			Easier: EasierWords(e, l), Changes: l.Changes})
	}
	return doc
}
