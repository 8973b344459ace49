package person

import (
	"context"
	"slices"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// State is what the journal says about the person, read once per command
// or request: summed over every session (History), with only the sessions
// and screenings each rule needs read as they are.
type State struct {
	History    *History                         // every session summed
	Recent     []*journal.Session               // the sessions not summed in the journal's checkpoint, most recent first
	Levels     map[string]*progress.Level       // each practised exercise's level (History.Levels)
	SetAside   map[string]journal.ExerciseState // exercises kept out or avoided
	Screenings []safety.Screening               // the last screening and the clearances that bear on it, oldest first
	Cleared    []safety.ConditionClearance      // exercises a clinician cleared of a condition
	Since      []safety.SessionFacts            // the sessions since the last screening, most recent first, while it can let a session start
	Pain       []journal.Brief                  // the sessions the pain trend reads (TrendOf)
	Location   *time.Location                   // the person's time zone
}

// sinceMargin is how much longer than a screening lasts (a week) Load reads
// the sessions after it: the gate asked a little later than Load ran still
// sees them.
const sinceMargin = 24 * time.Hour

// Load reads what the journal says about the person at now, in their time
// zone loc: its checkpoint and the sessions after it (summed into History),
// the exercises set aside, the screenings the gate rests on and the
// sessions since the last one, the weeks of pain the trend reads, and the
// clinicians' clearances. None of it grows with the journal. When sessions
// after the checkpoint are old enough (FoldAfter), it keeps a new
// checkpoint that sums them too.
func Load(ctx context.Context, st Reader, c *catalog.Catalog, now time.Time, loc *time.Location) (State, error) {
	if loc == nil {
		loc = time.Local
	}
	h, recent, err := loadHistory(ctx, st, c, now, loc)
	if err != nil {
		return State{}, err
	}
	p := State{History: h, Recent: recent, Levels: h.Levels, Location: loc}
	if p.Screenings, p.Since, err = gateInputs(ctx, st, now, time.Time{}); err != nil {
		return State{}, err
	}
	if p.Pain, err = trendBriefs(ctx, st, loc); err != nil {
		return State{}, err
	}
	if p.SetAside, err = st.ExerciseStates(ctx); err != nil {
		return State{}, err
	}
	if p.Cleared, err = st.ConditionClearances(ctx); err != nil {
		return State{}, err
	}
	return p, nil
}

// loadHistory sums the journal: the checkpoint (when it was summed with c's
// doses in loc) and the sessions after it. It keeps a new checkpoint when
// some of those are older than FoldAfter, if nothing was written meanwhile.
func loadHistory(ctx context.Context, st Reader, c *catalog.Catalog, now time.Time, loc *time.Location) (*History, []*journal.Session, error) {
	// The version first: if it has not moved when the new checkpoint is
	// saved, nothing read here had changed.
	version, err := st.Version(ctx)
	if err != nil {
		return nil, nil, err
	}
	cp, err := st.Checkpoint(ctx)
	if err != nil {
		return nil, nil, err
	}
	h, ok := fromCheckpoint(cp, c, loc)
	if !ok {
		h, cp = newHistory(loc), journal.Checkpoint{}
	}
	recent, err := st.SessionsFrom(ctx, cp.ThroughAt, cp.ThroughID)
	if err != nil {
		return nil, nil, err
	}
	ordered := progress.Ordered(recent)
	doses := Doses(c)
	cut := cutoff(now)
	n := 0
	for n < len(ordered) && ordered[n].StartedAt.Before(cut) {
		h.Add(ordered[n], doses)
		n++
	}
	if n > 0 && cut.After(cp.ThroughAt) {
		if next, err := checkpoint(h, c, cut); err == nil {
			// A checkpoint not kept (the journal moved, or cannot be
			// written) only means the next reader sums these again.
			st.SaveCheckpoint(context.WithoutCancel(ctx), version, next)
		}
	}
	h.keep()
	for _, s := range ordered[n:] {
		h.Add(s, doses)
	}
	return h, recent, nil
}

// gateInputs reads what the safety gate needs at t, of what was in the
// journal by t (before, when not zero, bounds the sessions: a session
// started offline is checked as the gate stood then): the screenings it
// rests on, and the sessions since the last one while it can still let a
// session start (a week, RescreenAfter: older, it blocks whatever came
// after).
func gateInputs(ctx context.Context, st GateReader, t, before time.Time) ([]safety.Screening, []safety.SessionFacts, error) {
	screenings, err := st.GateScreenings(ctx, t)
	if err != nil {
		return nil, nil, err
	}
	last := safety.LastScreening(screenings)
	if last == nil || t.Sub(last.At) > safety.RescreenAfter+sinceMargin {
		return screenings, nil, nil
	}
	since, err := st.GateFacts(ctx, last.At, before)
	return screenings, since, err
}

// trendBriefs reads the sessions the pain trend reads in loc: the first
// week with pain before a session, and the weeks up to the latest such
// week that the trend looks at (TrendOf).
func trendBriefs(ctx context.Context, st TrendReader, loc *time.Location) ([]journal.Brief, error) {
	first, last, ok, err := st.PainEnds(ctx)
	if err != nil || !ok {
		return nil, err
	}
	w0 := safety.WeekStart(first.In(loc))
	wl := safety.WeekStart(last.In(loc))
	return briefsIn(ctx, st, [][2]time.Time{
		{w0, w0.AddDate(0, 0, 7)},
		{wl.AddDate(0, 0, -7*safety.ImprovementWeeks), wl.AddDate(0, 0, 7)},
	})
}

// briefsIn reads the real-time sessions of the spans (which may overlap),
// each once, oldest first.
func briefsIn(ctx context.Context, st TrendReader, spans [][2]time.Time) ([]journal.Brief, error) {
	slices.SortFunc(spans, func(a, b [2]time.Time) int { return a[0].Compare(b[0]) })
	var merged [][2]time.Time
	for _, s := range spans {
		if n := len(merged); n > 0 && !s[0].After(merged[n-1][1]) {
			if s[1].After(merged[n-1][1]) {
				merged[n-1][1] = s[1]
			}
			continue
		}
		merged = append(merged, s)
	}
	if m, ok := st.(spansReader); ok {
		return m.BriefsIn(ctx, merged)
	}
	var out []journal.Brief
	for _, s := range merged {
		b, err := st.Briefs(ctx, s[0], s[1])
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}

// spansReader is a journal that reads the sessions of several spans of
// time at once (store.BriefsIn): one round trip for the first weeks of a
// long journal and its latest, as for a short one's (issue 16).
type spansReader interface {
	BriefsIn(ctx context.Context, spans [][2]time.Time) ([]journal.Brief, error)
}

// TrendOf is the pain trend of briefs in loc (demos left out): any sessions
// that include those of the first week with pain before a session and of
// the weeks up to the latest one that the trend reads, as Load reads them.
func TrendOf(briefs []journal.Brief, loc *time.Location) safety.TrendResult {
	var facts []safety.SessionFacts
	for _, b := range briefs {
		if !b.Demo {
			facts = append(facts, safety.SessionFacts{At: b.StartedAt, PainBefore: b.PainBefore, PainAfter: b.PainAfter})
		}
	}
	return safety.Trend(safety.WeeklyPain(facts, loc))
}

// Trend is the person's pain trend.
func (p State) Trend() safety.TrendResult { return TrendOf(p.Pain, p.location()) }

// location is the person's time zone.
func (p State) location() *time.Location {
	if p.Location == nil {
		return time.Local
	}
	return p.Location
}

// LoadTrend reads the pain trend alone, in loc.
func LoadTrend(ctx context.Context, st TrendReader, loc *time.Location) (safety.TrendResult, error) {
	briefs, err := trendBriefs(ctx, st, loc)
	return TrendOf(briefs, loc), err
}

// PlanInputs returns what the planner takes from the journal: exercises set
// aside, current levels, and each exercise's most recent rating.
func (p State) PlanInputs() (avoid []string, levels map[string]dose.Amount, ratings map[string]journal.Rating) {
	for id, s := range p.SetAside {
		if s.Excluded || s.Avoided {
			avoid = append(avoid, id)
		}
	}
	slices.Sort(avoid)
	levels = map[string]dose.Amount{}
	for id, l := range p.Levels {
		levels[id] = l.Amount
	}
	ratings = map[string]journal.Rating{}
	if p.History != nil {
		for id, r := range p.History.Ratings {
			ratings[id] = r.Rating
		}
	}
	return avoid, levels, ratings
}
