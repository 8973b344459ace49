// Package progress turns a person's journal into what they need to see:
// each exercise's current dose, moved by small safe steps
// from their ratings and pain; adherence (sessions a week, streaks, minutes);
// the pain outcome against the first week's baseline; and the 2- and 6-week
// checkpoints. It is pure: it reads sessions and the catalog, and the caller
// passes the time and the time zone.
package progress

import (
	"sort"
	"sync"
	"time"

	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// Why says why a dose changed.
type Why string

// Reasons for a change of dose, with words in the message
// table under "why.<reason>".
const (
	RatedEasyTwice    Why = "easy-twice"    // two ratings of easy or right in a row, no pain rise
	RatedHard         Why = "hard"          // rated too hard: one step back
	RatedHardAtStart  Why = "hard-at-start" // rated too hard at the starting dose: the easier option
	PainRoseInSession Why = "pain-rose"     // pain rose 2 or more: one step back, progression holds
)

// Change is one move of an exercise's dose.
type Change struct {
	At         time.Time   `json:"at"`
	From       dose.Amount `json:"from"`
	To         dose.Amount `json:"to"`
	Why        Why         `json:"why"`
	FromEasier bool        `json:"from_easier,omitempty"` // From was the easier option
	ToEasier   bool        `json:"to_easier,omitempty"`   // To is the easier option
}

// Down reports whether the change made the exercise easier.
func (c Change) Down() bool {
	if c.ToEasier != c.FromEasier {
		return c.ToEasier
	}
	return c.To.Reps+c.To.Hold+c.To.HoldBreaths+c.To.Seconds+c.To.Sets < c.From.Reps+c.From.Hold+c.From.HoldBreaths+c.From.Seconds+c.From.Sets
}

// Level is an exercise's current dose and how it got there.
type Level struct {
	ExerciseID string      `json:"exercise_id"`
	Amount     dose.Amount `json:"amount"`
	// Easier is true on the easier option below the starting dose, after a
	// "too hard" rating at the start (dose.Dose.Easier and Variant).
	Easier  bool     `json:"easier,omitempty"`
	Changes []Change `json:"changes"` // oldest first
	// Streak counts the ratings of easy or right in a row since the last
	// change: kept with a level that is carried over (Replay).
	Streak int `json:"streak,omitempty"`
}

// Doses looks up each exercise's dose by id.
type Doses func(id string) (dose.Dose, bool)

// Levels replays the journal (any order) and returns each rated or
// practised exercise's current level. Rules:
//   - everyone starts at the low end of every range;
//   - after two ratings in a row of "easy" or "right" with no pain rise in
//     those sessions, the exercise moves up one small step, and the streak
//     starts again; at most one exercise moves up per session (the one rated
//     easiest, then the first in the routine), so progress is one exercise
//     at a time;
//   - "hard" moves it one step back; at the starting dose, to the easier
//     option below it (a variant such as seated cat-cow or a towel for the
//     roller, else fewer repetitions or a shorter hold), where a further
//     "hard" leaves it; two ratings of easy or right bring it back to the
//     starting dose (docs/safety.md, "Progression");
//   - a pain rise of 2 or more in a session moves every exercise done in it
//     one step back and clears every streak (progression holds);
//   - doses stay within the exercise's ranges, whose tops are capped at 60 s
//     holds and 20 reps by the catalog;
//   - a demo (a session played faster or slower than real time) moves nothing;
//   - an exercise done in several rounds of one session counts once, with
//     its least favourable rating (practised).
func Levels(sessions []*journal.Session, doses Doses) map[string]*Level {
	levels := map[string]*Level{}
	for _, s := range Ordered(sessions) {
		Replay(levels, s, doses)
	}
	return levels
}

// Replayer moves levels one session at a time, in Levels' order, for a
// reader that streams sessions (oldest first) instead of holding them all.
type Replayer struct {
	doses  Doses
	levels map[string]*Level
}

// NewReplayer starts a replay with every exercise at its starting dose.
func NewReplayer(doses Doses) *Replayer {
	return &Replayer{doses: doses, levels: map[string]*Level{}}
}

// Add moves the levels by session s, the next in Levels' order.
func (r *Replayer) Add(s *journal.Session) { Replay(r.levels, s, r.doses) }

// Levels returns each exercise's level after the sessions added so far.
func (r *Replayer) Levels() map[string]*Level { return r.levels }

// Ordered returns sessions in the order Levels replays them: by start,
// then by id.
func Ordered(sessions []*journal.Session) []*journal.Session {
	ordered := append([]*journal.Session(nil), sessions...)
	sort.SliceStable(ordered, func(i, j int) bool {
		a, b := ordered[i], ordered[j]
		if !a.StartedAt.Equal(b.StartedAt) {
			return a.StartedAt.Before(b.StartedAt)
		}
		return a.ID < b.ID
	})
	return ordered
}

// Replay moves levels (each practised exercise's level, by id, as Levels
// returns them) by one more session, the next in Levels' order: replaying
// sessions one at a time from any levels gives what Levels gives for all of
// them. levels is changed in place.
func Replay(levels map[string]*Level, s *journal.Session, doses Doses) {
	if s.IsDemo() {
		return
	}
	get := func(id string) (*Level, dose.Dose, bool) {
		d, ok := doses(id)
		if !ok {
			return nil, dose.Dose{}, false
		}
		l := levels[id]
		if l == nil {
			l = &Level{ExerciseID: id, Amount: d.Start(), Changes: []Change{}}
			levels[id] = l
		}
		return l, d, true
	}
	rose := safety.PainRoseAfter(s.PainBefore, s.PainAfter)
	at := s.StartedAt
	if s.EndedAt != nil {
		at = *s.EndedAt
	}
	var candidates []*Level
	candidateRating := map[*Level]journal.Rating{}
	// The last attempt at each exercise counts: going back to redo or
	// abandon an exercise takes the earlier attempt's place here. An
	// exercise done in several rounds counts once (practised).
	for _, p := range practised(s) {
		l, d, ok := get(p.ExerciseID)
		if !ok {
			continue
		}
		if rose {
			l.move(d, at, -1, PainRoseInSession)
			continue
		}
		switch p.Rating {
		case journal.TooHard:
			if !l.move(d, at, -1, RatedHard) {
				l.ease(d, at)
			}
		case journal.TooEasy, journal.Right:
			l.Streak++
			if l.Streak >= 2 {
				candidates = append(candidates, l)
				candidateRating[l] = p.Rating
			}
		}
	}
	if rose {
		for _, l := range levels {
			l.Streak = 0
		}
		return
	}
	// One exercise at a time: the easiest-rated first, then routine order.
	sort.SliceStable(candidates, func(i, j int) bool {
		return candidateRating[candidates[i]] == journal.TooEasy && candidateRating[candidates[j]] != journal.TooEasy
	})
	for _, l := range candidates {
		d, _ := doses(l.ExerciseID)
		if l.move(d, at, +1, RatedEasyTwice) {
			break
		}
	}
}

// ratingRank orders ratings from the least favourable: a rating of "too
// hard" in any round of a session outweighs one of "right", which
// outweighs "too easy"; no rating counts for nothing.
var ratingRank = sync.OnceValue(func() map[journal.Rating]int {
	return map[journal.Rating]int{journal.TooHard: 0, journal.Right: 1, journal.TooEasy: 2, "": 3}
})

// practised returns the exercises done in a session, once each, in the
// order first done: the last attempt at each of the routine's exercises
// (Session.Final) that was done, an exercise done in several rounds (a
// plan's second round, docs/planner.md) counting once, with its least
// favourable rating. One session is one step of practice, however many
// rounds it has.
func practised(s *journal.Session) []journal.Performance {
	var out []journal.Performance
	at := map[string]int{}
	for _, p := range s.Final() {
		if p.Outcome != journal.Done {
			continue
		}
		if i, ok := at[p.ExerciseID]; ok {
			if ratingRank()[p.Rating] < ratingRank()[out[i].Rating] {
				out[i].Rating = p.Rating
			}
			continue
		}
		at[p.ExerciseID] = len(out)
		out = append(out, p)
	}
	return out
}

// move steps the level by dir (+1 up, -1 down) and records why; it reports
// whether the dose changed. Any move restarts the rating streak. Up from
// the easier option is back to the starting dose; down never goes below
// the starting dose (ease does, after a "too hard" rating).
func (l *Level) move(d dose.Dose, at time.Time, dir int, why Why) bool {
	l.Streak = 0
	if l.Easier {
		if dir < 0 {
			return false
		}
		start := d.Start()
		l.Changes = append(l.Changes, Change{At: at, From: l.Amount, To: start, Why: why, FromEasier: true})
		l.Amount, l.Easier = start, false
		return true
	}
	next := Step(d, l.Amount, dir)
	if next == l.Amount {
		return false
	}
	l.Changes = append(l.Changes, Change{At: at, From: l.Amount, To: next, Why: why})
	l.Amount = next
	return true
}

// ease moves a level at the starting dose to the easier option below it,
// after a "too hard" rating there; on the easier option already, it stays.
func (l *Level) ease(d dose.Dose, at time.Time) {
	if l.Easier || d.Fill(l.Amount) != d.Start() {
		return
	}
	easier := d.Easier()
	l.Changes = append(l.Changes, Change{At: at, From: l.Amount, To: easier, Why: RatedHardAtStart, ToEasier: true})
	l.Amount, l.Easier = easier, true
}

// Step returns the amount one small step up (dir > 0) or down (dir < 0)
// from a within dose d's ranges, or a unchanged at the end of the ranges.
// Up: repetitions first (two at a time when the range spans four or more,
// else one), then the hold (two seconds, or one breath), then timed seconds
// (ten), then sets; for an exercise done as one or two long holds
// (d.HoldFirst), the hold comes before the repetitions. Down undoes in the
// reverse order.
func Step(d dose.Dose, a dose.Amount, dir int) dose.Amount {
	d = d.Normalize()
	a = d.Fill(a)
	type field struct {
		v    *int
		r    dose.Range
		size int
	}
	repStep := 1
	if d.Reps.Max-d.Reps.Min >= 4 {
		repStep = 2
	}
	fields := []field{
		{&a.Reps, d.Reps, repStep},
		{&a.Hold, d.Hold, 2},
		{&a.HoldBreaths, d.HoldBreaths, 1},
		{&a.Seconds, d.Seconds, 10},
		{&a.Sets, d.Sets, 1},
	}
	if d.HoldFirst() {
		fields[0], fields[1] = fields[1], fields[0]
	}
	if dir > 0 {
		for _, f := range fields {
			if !f.r.IsZero() && *f.v < f.r.Max {
				*f.v = min(*f.v+f.size, f.r.Max)
				return a
			}
		}
		return a
	}
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		if !f.r.IsZero() && *f.v > f.r.Min {
			*f.v = max(*f.v-f.size, f.r.Min)
			return a
		}
	}
	return a
}
