package person

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
)

// What the whole journal says of the person, summed session by session
// (History), so that a request reads a summary and the few sessions after
// it instead of every session (issue 16). The journal keeps the summary of
// the sessions before a watermark as its checkpoint (journal.Checkpoint);
// Load adds the sessions after it, and moves the watermark forward when
// sessions are old enough that nothing is likely to change them
// (FoldAfter). A write to a session before the watermark drops the
// checkpoint in the same transaction (internal/store), so a checkpoint
// never holds a session as it no longer is; the next Load sums the whole
// journal again and keeps a new one. Summing sessions one at a time in the
// order the levels replay them (progress.Ordered) gives exactly what
// summing every session at once gives: History.Add is the only place that
// sums, from a checkpoint or from nothing.

// FoldAfter is how long after its start a session is summed into the
// journal's checkpoint: later writes to it (a rating sent late, the outbox
// of a device that was offline) drop the checkpoint, which is then worked
// out again from the whole journal.
const FoldAfter = 48 * time.Hour

// KeptChanges is how many of each exercise's level changes are kept: the
// most recent, which the progress document lists (the start notes and the
// routine documents read the last one).
const KeptChanges = 10

// Rated is a rating with the end of the attempt it was given for.
type Rated struct {
	Rating journal.Rating `json:"rating"`
	At     time.Time      `json:"at"`
}

// History is what every session of the journal says of the person, summed.
type History struct {
	Levels   map[string]*progress.Level `json:"levels"`   // each practised exercise's level, with its last KeptChanges changes
	Done     map[string]bool            `json:"done"`     // exercises done in real time at least once
	Ratings  map[string]Rated           `json:"ratings"`  // each exercise's most recent rating in real time
	Routines map[string]time.Time       `json:"routines"` // when each routine was last started in real time
	Sessions int                        `json:"sessions"` // every session, demos included
	Counted  int                        `json:"counted"`  // sessions that count as practice (progress.Counts)
	Demos    int                        `json:"demos"`
	First    time.Time                  `json:"first"`   // when the first session started (zero: none yet)
	Best     int                        `json:"best"`    // the longest run of days with practice
	RunEnd   string                     `json:"run_end"` // the last day with practice, "2006-01-02" in the zone summed in
	RunLen   int                        `json:"run_len"` // how many days with practice in a row end on RunEnd

	// days are the days with practice of the sessions added since the
	// history was last kept, with runEnd and runLen as they were then:
	// the current streak counts back over both (CurrentStreak).
	days    map[time.Time]bool
	keptEnd string
	keptLen int
	loc     *time.Location
}

// newHistory returns the history of no session, summing days in loc.
func newHistory(loc *time.Location) *History {
	return &History{Levels: map[string]*progress.Level{}, Done: map[string]bool{}, Ratings: map[string]Rated{},
		Routines: map[string]time.Time{}, days: map[time.Time]bool{}, loc: loc}
}

// Add sums one more session into the history: the next in the order the
// levels replay them (progress.Ordered).
func (h *History) Add(s *journal.Session, doses progress.Doses) {
	h.Sessions++
	if h.First.IsZero() {
		h.First = s.StartedAt
	}
	if s.IsDemo() {
		h.Demos++ // nothing else of a demo counts
		return
	}
	progress.Replay(h.Levels, s, doses)
	for _, l := range h.Levels {
		if n := len(l.Changes); n > KeptChanges {
			l.Changes = append([]progress.Change{}, l.Changes[n-KeptChanges:]...)
		}
	}
	if t, ok := h.Routines[s.RoutineID]; !ok || s.StartedAt.After(t) {
		h.Routines[s.RoutineID] = s.StartedAt
	}
	// The most recent rating of each exercise: the latest end; for attempts
	// that ended at the same moment, the one of the earliest session, then
	// the last in the session (State.PlanInputs has always read them so).
	best := map[string]Rated{}
	for _, p := range s.Exercises {
		if p.Outcome == journal.Done {
			h.Done[p.ExerciseID] = true
		}
		if p.Rating != "" {
			if b, ok := best[p.ExerciseID]; !ok || !p.EndedAt.Before(b.At) {
				best[p.ExerciseID] = Rated{p.Rating, p.EndedAt}
			}
		}
	}
	for id, r := range best {
		if b, ok := h.Ratings[id]; !ok || r.At.After(b.At) {
			h.Ratings[id] = r
		}
	}
	if !progress.Counts(s) {
		return
	}
	h.Counted++
	d := progress.Day(s.StartedAt, h.loc)
	h.days[d] = true
	key := d.Format(time.DateOnly)
	end, err := time.ParseInLocation(time.DateOnly, h.RunEnd, h.loc)
	switch {
	case key == h.RunEnd:
	case err == nil && d.Before(end):
		// A later session on an earlier day: only where a zone's clock
		// goes back across midnight. It can only lengthen the run back.
		if d.Equal(end.AddDate(0, 0, -h.RunLen)) {
			h.RunLen++
			h.Best = max(h.Best, h.RunLen)
		}
		return
	case err == nil && d.AddDate(0, 0, -1).Equal(end):
		h.RunLen++
	default:
		h.RunLen = 1
	}
	h.RunEnd = key
	h.Best = max(h.Best, h.RunLen)
}

// keep marks the history as kept: the days of the run that ends it stand
// for every day with practice before it (CurrentStreak).
func (h *History) keep() {
	h.keptEnd, h.keptLen, h.days = h.RunEnd, h.RunLen, map[time.Time]bool{}
}

// CurrentStreak returns the days with practice in a row that reach today
// (now's day in the history's zone), or yesterday when today has none yet.
func (h *History) CurrentStreak(now time.Time) int {
	days := maps.Clone(h.days)
	if days == nil {
		days = map[time.Time]bool{}
	}
	if end, err := time.ParseInLocation(time.DateOnly, h.keptEnd, h.loc); err == nil {
		for i := range h.keptLen {
			days[end.AddDate(0, 0, -i)] = true
		}
	}
	return progress.CurrentStreak(days, now.In(h.loc))
}

// clone returns a copy of h that Add can change without changing h.
func (h *History) clone() *History {
	c := *h
	c.Levels = make(map[string]*progress.Level, len(h.Levels))
	for id, l := range h.Levels {
		cl := *l
		cl.Changes = append([]progress.Change{}, l.Changes...)
		c.Levels[id] = &cl
	}
	c.Done, c.Ratings, c.Routines, c.days = maps.Clone(h.Done), maps.Clone(h.Ratings), maps.Clone(h.Routines), maps.Clone(h.days)
	return &c
}

// Summed returns the history of sessions (any order) from nothing, in loc:
// what a checkpoint and the sessions after it add up to.
func Summed(sessions []*journal.Session, c *catalog.Catalog, loc *time.Location) *History {
	h := newHistory(loc)
	doses := Doses(c)
	for _, s := range progress.Ordered(sessions) {
		h.Add(s, doses)
	}
	return h
}

// basis names what a history was summed with: the catalog's doses, and the
// time zone's offsets from the first session to the watermark (days with
// practice are days in that zone). A checkpoint with another basis is not
// used.
func basis(c *catalog.Catalog, loc *time.Location, from, to time.Time) string {
	return dosesKey(c) + " " + zoneKey(loc, from, to)
}

// doseKeys keeps dosesKey's answer for each catalog (catalogs never change).
var doseKeys sync.Map // *catalog.Catalog → string

// dosesKey is a digest of every exercise's dose in c: levels move within
// the doses, so levels summed with other doses are not the person's.
func dosesKey(c *catalog.Catalog) string {
	if k, ok := doseKeys.Load(c); ok {
		return k.(string)
	}
	h := sha256.New()
	for _, e := range c.Exercises() {
		b, _ := json.Marshal(e.Dose)
		fmt.Fprintf(h, "%s %s\n", e.ID, b)
	}
	k := hex.EncodeToString(h.Sum(nil)[:12])
	doseKeys.Store(c, k)
	return k
}

// zoneKey is a digest of loc's offsets from from to to: two zones with the
// same key put every moment in between on the same calendar day.
func zoneKey(loc *time.Location, from, to time.Time) string {
	h := sha256.New()
	t := from.In(loc)
	for range 100000 {
		_, off := t.Zone()
		_, end := t.ZoneBounds()
		fmt.Fprintf(h, "%d ", off)
		if end.IsZero() || !end.Before(to) {
			break
		}
		fmt.Fprintf(h, "@%d ", end.Unix())
		t = end
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// checkpoint is the journal's checkpoint of h: every session before
// through summed, in the basis of c and h's zone.
func checkpoint(h *History, c *catalog.Catalog, through time.Time) (journal.Checkpoint, error) {
	b, err := json.Marshal(h)
	if err != nil {
		return journal.Checkpoint{}, err
	}
	return journal.Checkpoint{ThroughAt: through, Basis: basis(c, h.loc, h.First, through), State: b}, nil
}

// fromCheckpoint returns the history a checkpoint keeps, if it was summed
// in the basis of c and loc, and false otherwise (the journal is then summed
// from its first session).
func fromCheckpoint(cp journal.Checkpoint, c *catalog.Catalog, loc *time.Location) (*History, bool) {
	if cp.ThroughAt.IsZero() {
		return nil, false
	}
	h := newHistory(loc)
	if err := json.Unmarshal(cp.State, h); err != nil {
		return nil, false
	}
	if h.Levels == nil || h.Done == nil || h.Ratings == nil || h.Routines == nil ||
		cp.Basis != basis(c, loc, h.First, cp.ThroughAt) {
		return nil, false
	}
	for id, l := range h.Levels {
		if l == nil || l.ExerciseID != id {
			return nil, false
		}
	}
	if h.RunEnd != "" {
		if _, err := time.ParseInLocation(time.DateOnly, h.RunEnd, loc); err != nil {
			return nil, false
		}
	}
	h.keep()
	return h, true
}

// cutoff is the watermark Load folds up to at now: sessions started before
// it are old enough to sum into the checkpoint (FoldAfter), to the
// millisecond the journal keeps.
func cutoff(now time.Time) time.Time {
	ms := now.Add(-FoldAfter).UnixMilli()
	return time.UnixMilli(ms).UTC()
}
