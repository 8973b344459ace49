package person

import (
	"context"
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
// levels, trend advice) from every session of the journal, in loc. PSFS is
// left for the caller, which reads it from the store. LoadProgress reads
// the same document from the journal without reading every session.
func Progress(sessions []*journal.Session, c *catalog.Catalog, now time.Time, loc *time.Location) api.Progress {
	return progressDoc(Summed(sessions, c, loc), progress.Briefs(sessions), c, now, loc)
}

// LoadProgress reads the progress document of the person p (as Load read
// them) at now, in loc: the weeks of sessions it shows and looks back on
// (without their exercises) and the functional scale's summary.
func LoadProgress(ctx context.Context, st ProgressReader, p State, c *catalog.Catalog, now time.Time, loc *time.Location) (api.Progress, error) {
	spans := [][2]time.Time{}
	first := progress.FirstWeek(now.In(loc), CalendarWeeks)
	spans = append(spans, [2]time.Time{first, first.AddDate(0, 0, 7*CalendarWeeks)})
	lo, hi, ok, err := st.PainEnds(ctx)
	if err != nil {
		return api.Progress{}, err
	}
	if ok {
		spans = append(spans, progress.OutcomeWindows(lo, hi, loc)...)
	}
	briefs, err := briefsIn(ctx, st, spans)
	if err != nil {
		return api.Progress{}, err
	}
	doc := progressDoc(p.History, briefs, c, now, loc)
	acts, last, err := st.PSFSActivities(ctx)
	if err != nil {
		return api.Progress{}, err
	}
	doc.PSFS = progress.PSFSOf(acts, last, now)
	sc, err := st.Schedule(ctx)
	if err != nil {
		return api.Progress{}, err
	}
	WithSchedule(&doc, briefs, sc, now, loc) // the briefs hold the calendar's weeks, which it reads
	return doc, nil
}

// progressDoc is the progress document from the person's history and the
// sessions of the weeks it reads (any that include them).
func progressDoc(h *History, briefs []journal.Brief, c *catalog.Catalog, now time.Time, loc *time.Location) api.Progress {
	doc := api.Progress{
		Today: progress.Day(now, loc),
		Adherence: progress.Adherence{Target: progress.DefaultTarget, Weeks: progress.AdherenceWeeks(briefs, now, loc, CalendarWeeks),
			CurrentStreak: h.CurrentStreak(now), BestStreak: h.Best},
		Pain:     progress.OutcomeOf(briefs, now, loc),
		Levels:   []api.ProgressLevel{},
		Sessions: h.Sessions,
		Counted:  h.Counted,
		Demos:    h.Demos,
	}
	doc.Advice = TrendAdvice(doc.Pain.Trend)
	ids := make([]string, 0, len(h.Levels))
	for id := range h.Levels {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		l := h.Levels[id]
		e, ok := c.Exercise(id)
		if !ok {
			continue
		}
		doc.Levels = append(doc.Levels, api.ProgressLevel{ExerciseID: id, Name: e.Name, Amount: l.Amount, Summary: e.Dose.Describe(l.Amount),
			Easier: EasierWords(e, l), Changes: l.Changes})
	}
	return doc
}
