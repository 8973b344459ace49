// Package person gathers what unhunch knows of the person from the journal
// and applies the domain rules to it: whether a session may start (safety),
// which exercises are set aside, each exercise's current level (progress),
// and the steps of a routine at those levels. The command line and the web
// server both call it, so their rules are the same by construction.
package person

import (
	"context"
	"slices"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// Facts turns journal sessions into what the safety rules read, with every
// stop of each session.
func Facts(sessions []*journal.Session) []safety.SessionFacts {
	out := make([]safety.SessionFacts, len(sessions))
	for i, s := range sessions {
		out[i] = safety.FactsOf(s)
	}
	return out
}

// Gate decides whether a session may start at now, with the pain reported
// now (nil if not asked yet), from the screenings the gate rests on and the
// sessions since the last one (GateReader). It is the one place the safety
// gate is put together from the journal: every client, and every page that
// shows the gate, calls it (or State.Gate, or GateAt).
func Gate(screenings []safety.Screening, since []safety.SessionFacts, now time.Time, painNow *int) safety.Decision {
	return safety.Gate(now, screenings, since, painNow)
}

// GateAt reads the journal and decides whether a session could start at t
// with the pain reported then: the gate as it stood at t, from the
// screenings made by then and the sessions started before it. It is how a
// session started offline is checked when it arrives later.
func GateAt(ctx context.Context, st GateReader, t time.Time, painNow *int) (safety.Decision, error) {
	screenings, since, err := gateInputs(ctx, st, t, t)
	if err != nil {
		return safety.Decision{}, err
	}
	return Gate(screenings, since, t, painNow), nil
}

// GateNow reads the journal and decides whether a session may start at now
// (the pain not asked yet), with the screenings the decision rests on (for
// GateValidUntil).
func GateNow(ctx context.Context, st GateReader, now time.Time) (safety.Decision, []safety.Screening, error) {
	screenings, since, err := gateInputs(ctx, st, now, time.Time{})
	if err != nil {
		return safety.Decision{}, nil, err
	}
	return Gate(screenings, since, now, nil), screenings, nil
}

// Gate is the gate at now for the person, with the pain reported now.
func (p State) Gate(now time.Time, painNow *int) safety.Decision {
	return Gate(p.Screenings, p.Since, now, painNow)
}

// Advice returns the words for a gate decision that blocks: what to do,
// with the command to type.
func Advice(d safety.Decision) string { return advice(message.GateAdvice, d) }

// WebAdvice is Advice with the browser's way to act instead of the command.
func WebAdvice(d safety.Decision) string { return advice(message.WebGateAdvice, d) }

// advice says what to do about d in the words of family f.
func advice(f message.Family, d safety.Decision) string {
	return f.Text(string(d.Block), adviceArgs(d)...)
}

// adviceArgs are what the advice for d is filled in with: what called for
// new answers, for a re-screen.
func adviceArgs(d safety.Decision) []any {
	if d.Block == safety.Rescreen {
		return []any{message.TriggerWords.Text(string(d.Trigger))}
	}
	return nil
}

// Blocked returns the error for a decision that blocks, or nil: EBlocked,
// saying what to do in the words of family f (message.GateAdvice for the
// command line, message.WebGateAdvice for the browser).
func Blocked(d safety.Decision, f message.Family) error {
	if d.OK() {
		return nil
	}
	return unhunch.E(unhunch.EBlocked, f.Of(string(d.Block)), adviceArgs(d)...)
}

// Trend returns the pain trend over sessions (the whole journal) in loc,
// demos left out: they are not practice.
func Trend(sessions []*journal.Session, loc *time.Location) safety.TrendResult {
	return TrendOf(progress.Briefs(sessions), loc)
}

// Practice returns the sessions that are not demos, in the same order.
func Practice(sessions []*journal.Session) []*journal.Session {
	out := make([]*journal.Session, 0, len(sessions))
	for _, s := range sessions {
		if !s.IsDemo() {
			out = append(out, s)
		}
	}
	return out
}

// TrendAdvice returns the words for a trend that calls for a clinician, or "".
func TrendAdvice(t safety.TrendResult) string {
	switch t.Advice {
	case safety.Worsening:
		return message.Text(message.TrendWorsening, t.Baseline, t.Latest)
	case safety.NoImprovement:
		return message.Text(message.TrendNoImprovement, t.Weeks, t.Baseline, t.Latest)
	}
	return ""
}

// Doses looks exercises' doses up in a catalog.
func Doses(c *catalog.Catalog) progress.Doses {
	return func(id string) (dose.Dose, bool) {
		e, ok := c.Exercise(id)
		if !ok {
			return dose.Dose{}, false
		}
		return e.Dose, true
	}
}

// Levels returns each practised exercise's current level.
func Levels(sessions []*journal.Session, c *catalog.Catalog) map[string]*progress.Level {
	return progress.Levels(sessions, Doses(c))
}

// Routine is a routine made ready for this person.
type Routine struct {
	Steps   []timeline.Step
	Levels  []*progress.Level // the level used for each step, nil at the starting dose
	LeftOut []LeftOut         // exercises left out for the person, and why
}

// Prepare returns a routine's steps for the person: amounts the routine
// gives are kept (a prescription or a plan); otherwise the person's level,
// or the starting dose when atStart. Exercises that x keeps out (stopped for
// a safety reason, avoided, or unsuitable with a condition from the safety
// answers) are left out.
func Prepare(c *catalog.Catalog, r *catalog.Routine, levels map[string]*progress.Level, x Exclusions, atStart bool) (Routine, error) {
	steps, err := timeline.FromRoutine(c, r)
	if err != nil {
		return Routine{}, err
	}
	var out Routine
	for i, st := range steps {
		id := st.Exercise.ID
		if l, ok := x.Of(st.Exercise); ok {
			if !slices.ContainsFunc(out.LeftOut, func(o LeftOut) bool { return o.ID == id }) {
				out.LeftOut = append(out.LeftOut, l)
			}
			continue
		}
		var lv *progress.Level
		if r.Exercises[i].Amount == (dose.Amount{}) && !atStart {
			if l, ok := levels[id]; ok && len(l.Changes) > 0 {
				st.Amount, lv = l.Amount, l
				if p := easierPosition(st.Exercise, l); p != "" {
					st.Position = p // the easier way, e.g. seated cat-cow
				}
			}
		}
		out.Steps = append(out.Steps, st)
		out.Levels = append(out.Levels, lv)
	}
	if len(out.Steps) == 0 {
		return out, unhunch.E(unhunch.EBlocked, message.PersonAllSetAside, r.ID)
	}
	return out, nil
}

// FirstTimes returns the exercises among steps the person has never done
// in real time (done: History.Done; a demo does not count).
func FirstTimes(steps []timeline.Step, done map[string]bool) []*catalog.Exercise {
	var out []*catalog.Exercise
	seen := map[string]bool{}
	for _, st := range steps {
		if id := st.Exercise.ID; !done[id] && !seen[id] {
			out = append(out, st.Exercise)
			seen[id] = true
		}
	}
	return out
}

// StateOf is what Load reads, worked out from every session (most recent
// first, or any order), screening and clearance of a journal in loc: for
// tests, and for comparing with what Load reads.
func StateOf(sessions []*journal.Session, screenings []safety.Screening, aside map[string]journal.ExerciseState,
	cleared []safety.ConditionClearance, c *catalog.Catalog, loc *time.Location) State {
	h := Summed(sessions, c, loc)
	return State{History: h, Recent: sessions, Levels: h.Levels, SetAside: aside, Screenings: screenings, Cleared: cleared,
		Since: Facts(sessions), Pain: progress.Briefs(sessions), Location: loc}
}
