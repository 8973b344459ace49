package person

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

// OfflineGateFresh is how old a gate answer fetched online may be for a
// session to start offline on it (docs/safety.md, "Sessions started offline").
const OfflineGateFresh = 24 * time.Hour

// StartRequest asks to start a session: what every client (the terminal
// coach, the web player) knows when the person presses start.
type StartRequest struct {
	Routine    *catalog.Routine // a routine of the catalog, or the plan made for this start (PlanRoutine)
	ID         string           // a client-made session id; "" for one made when it is saved
	PainBefore *int             // nil when it is asked as the session begins (the terminal coach asks then)
	AtStart    bool             // everyone's starting doses instead of the person's levels
	TimeScale  float64          // how many times faster than real time it plays; anything but 1 is a demo
	Now        time.Time        // the clock of whoever decides: the process's, or the server's
	Offline    *Offline         // set when the player began the session while offline
	Played     []string         // the ids of the exercises the player says it plays, in order; nil: as prepared here
	Owner      string           // who plays it (journal.Session.Owner)
	ClientKey  string           // the start's idempotency key, "" for none
	Advice     message.Family   // the words of a refusal: message.GateAdvice (commands) or message.WebGateAdvice
	Location   *time.Location   // the person's time zone, for the notes' weeks
}

// Offline is how a player says it began a session while offline.
type Offline struct {
	StartedAt     time.Time // when the session began, on the player's clock
	GateCheckedAt time.Time // when the player last fetched the gate online
}

// Started is a session ready to play: the record to save as it begins, the
// routine prepared for the person and compiled, and what to tell them.
type Started struct {
	// Session is the record to save (journal.Store.StartSession): routine,
	// start, lease, pain before, planned time, exercises and their ids,
	// owner, idempotency key and time scale.
	Session  *journal.Session
	Routine  Routine            // the steps at the person's levels, and what was left out and why
	Timeline *timeline.Timeline // the steps compiled
	Decision safety.Decision    // the gate, which let the session start
	Notes    []string           // shown before the session: advice, cautions, what was left out, dose changes
	State    State              // what the journal said when the session was decided
}

// Start decides whether a session may start and prepares it: the one way a
// session starts, for every client. It reads what the journal says about
// the person (Load), runs the safety gate (as it stood when the player last
// saw it and when it began, for a session begun offline), keeps a start
// refused for pain of 8 or more as a session stopped the moment it began
// (so that the next one asks for new safety answers), leaves out what the
// person's stops, avoid list and conditions keep out, prepares the routine
// at the person's levels and compiles it. The returned session is not saved
// yet: the web saves it at once, the terminal coach when it begins to play.
func Start(ctx context.Context, j StartJournal, c *catalog.Catalog, req StartRequest) (Started, error) {
	if err := journal.CheckPain(req.PainBefore); err != nil {
		return Started{}, err
	}
	at := req.Now
	if o := req.Offline; o != nil {
		if err := checkOffline(o, req.Now); err != nil {
			return Started{}, err
		}
		at = o.StartedAt
	}
	loc := req.Location
	if loc == nil {
		loc = time.Local
	}
	p, err := Load(ctx, j, c, req.Now, loc)
	if err != nil {
		return Started{}, err
	}
	d, err := startGate(ctx, j, p, req, at)
	if err != nil {
		return Started{}, err
	}
	if d.Block == safety.PainTooHigh {
		// Kept as a session stopped before it began, so the next one asks
		// the safety questions again. A client hanging up
		// does not cancel it half-way.
		if _, err := RecordRefused(context.WithoutCancel(ctx), j, req.Routine, req.PainBefore, at, req.Owner, req.ClientKey); err != nil {
			return Started{}, err
		}
	}
	if err := Blocked(d, req.Advice); err != nil {
		return Started{}, err
	}
	prep, err := Prepare(c, req.Routine, p.Levels, p.Exclusions(), req.AtStart)
	if err != nil {
		return Started{}, err
	}
	tl, err := timeline.Compile(prep.Steps, timeline.DefaultRules)
	if err != nil {
		return Started{}, err
	}
	planned, err := plannedIDs(c, req.Routine, prep, req.Played)
	if err != nil {
		return Started{}, err
	}
	r := req.Routine
	sess := &journal.Session{ID: req.ID, RoutineID: r.ID, RoutineName: r.Name, StartedAt: at, SeenAt: req.Now,
		PainBefore: req.PainBefore, PlannedSeconds: tl.Duration.Seconds(), PlannedExercises: len(planned), PlannedIDs: planned,
		Owner: req.Owner, ClientKey: req.ClientKey, TimeScale: req.TimeScale}
	return Started{Session: sess, Routine: prep, Timeline: tl, Decision: d, Notes: StartNotes(d, prep, p, loc), State: p}, nil
}

// startGate is the gate for a start: now, or, for a session begun offline,
// as it stood when the player last saw it (which must have let it start)
// and when the session began.
func startGate(ctx context.Context, st GateReader, p State, req StartRequest, at time.Time) (safety.Decision, error) {
	o := req.Offline
	if o == nil {
		return p.Gate(req.Now, req.PainBefore), nil
	}
	seen, err := GateAt(ctx, st, o.GateCheckedAt, nil)
	if err != nil {
		return seen, err
	}
	if !seen.OK() {
		return seen, unhunch.E(unhunch.EBlocked, message.WebOfflineBlocked, advice(req.Advice, seen))
	}
	return GateAt(ctx, st, at, req.PainBefore)
}

// checkOffline checks the times of a session started offline: it began
// after the player last saw the gate, not in the future, and on a gate
// answer fresh enough.
func checkOffline(o *Offline, now time.Time) error {
	switch {
	case o.StartedAt.IsZero() || o.GateCheckedAt.IsZero():
		return unhunch.E(unhunch.EInvalid, message.WebOfflineTimes)
	case o.StartedAt.After(now.Add(time.Minute)):
		return unhunch.E(unhunch.EInvalid, message.WebOfflineFuture, o.StartedAt.Format(time.RFC3339))
	case o.StartedAt.Before(o.GateCheckedAt):
		return unhunch.E(unhunch.EInvalid, message.WebOfflineOrder)
	case o.StartedAt.Sub(o.GateCheckedAt) > OfflineGateFresh:
		return unhunch.E(unhunch.EBlocked, message.WebOfflineStale, int(OfflineGateFresh/time.Hour))
	}
	return nil
}

// plannedIDs returns the ids of the exercises a session of r will play:
// those the player says it plays (played), or else the preparation here. A
// player's list must fit the routine: for a catalog routine its exercises in
// order with some left out (the device may have set some aside); for a
// plan, exercises of the catalog, each once in a round, in one or two rounds
// alike (planRounds).
func plannedIDs(c *catalog.Catalog, r *catalog.Routine, prep Routine, played []string) ([]string, error) {
	if played == nil {
		ids := make([]string, len(prep.Steps))
		for i, st := range prep.Steps {
			ids[i] = st.Exercise.ID
		}
		return ids, nil
	}
	if len(played) == 0 || len(played) > journal.MaxIndex+1 {
		return nil, unhunch.E(unhunch.EInvalid, message.WebPlayedNone)
	}
	for _, id := range played {
		if _, ok := c.Exercise(id); !ok {
			return nil, notRoutineOrder(r, played)
		}
	}
	if r.ID == "plan" {
		if !planRounds(played) {
			return nil, notRoutineOrder(r, played)
		}
		return played, nil
	}
	next := 0 // the routine's exercises not yet matched
	for _, id := range played {
		for next < len(r.Exercises) && r.Exercises[next].ID != id {
			next++
		}
		if next == len(r.Exercises) {
			return nil, notRoutineOrder(r, played)
		}
		next++
	}
	return played, nil
}

// planRounds reports whether played is a plan's exercises as the planner
// makes them: a round of distinct exercises, then at most MaxRounds-1 more
// rounds exactly alike (docs/planner.md, "Rounds").
func planRounds(played []string) bool {
	n := len(played)
	for i, id := range played {
		if slices.Contains(played[:i], id) {
			n = i
			break
		}
	}
	if len(played)%n != 0 || len(played)/n > planner.MaxRounds {
		return false
	}
	for i, id := range played {
		if id != played[i%n] {
			return false
		}
	}
	return true
}

// notRoutineOrder is the error for a player's list that does not fit r.
func notRoutineOrder(r *catalog.Routine, played []string) error {
	want := make([]string, len(r.Exercises))
	for i, it := range r.Exercises {
		want[i] = it.ID
	}
	return unhunch.E(unhunch.EInvalid, message.WebPlayedOrder, strings.Join(played, ", "), r.ID, strings.Join(want, ", "))
}
