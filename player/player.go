// Package player plays a compiled timeline: it knows which segment is due at
// any moment, from absolute deadlines rather than counted ticks, and turns the
// person's controls (pause, resume, skip, back, stop with a reason, quit) into
// events for the journal. It decides no timing of its own: the timeline
// package did that. It does no I/O and reads no clock: every method takes the
// current time, so tests drive it with synthetic times and drivers (the
// terminal coach, the line printer) pass time.Now(), whose monotonic reading
// makes the deadlines immune to wall-clock changes.
package player

import (
	"time"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/timeline"
)

// State is what the player is doing.
type State int

// Player states.
const (
	Ready    State = iota // not started
	Playing               // time runs
	Paused                // time is frozen by the person
	Asking                // time is frozen while the person says why they stop
	Finished              // the session has ended
)

// Kind is the kind of an Event.
type Kind int

// Event kinds.
const (
	SegmentStart Kind = iota // a segment began: show and speak its cue
	Countdown                // 3, 2, 1 before a long segment ends
	ExerciseEnd              // an exercise finished, was skipped or was stopped
	SessionEnd               // the session ended
)

// Event is something the driver must act on: speak, draw, save.
type Event struct {
	Kind       Kind
	Due        time.Time          // when it was scheduled to happen
	Segment    int                // SegmentStart, Countdown: index into the timeline
	Count      int                // Countdown: 3, 2 or 1
	Exercise   int                // ExerciseEnd: index into Timeline.Exercises
	Attempt    int                // ExerciseEnd: 1 the first time this exercise ends, 2 after going back to it, …
	Outcome    journal.Outcome    // ExerciseEnd
	StopReason journal.StopReason // ExerciseEnd, SessionEnd: why it stopped
	Started    time.Time          // ExerciseEnd: when the exercise began
	Status     journal.Status     // SessionEnd
}

// countdownFrom is the shortest segment that gets a spoken 3-2-1 before it ends.
const countdownFrom = 6 * time.Second

// backGrace is how far into an exercise "back" restarts it rather than going
// to the previous one.
const backGrace = 3 * time.Second

// Player plays one timeline. The zero value is not usable; call New.
type Player struct {
	tl    *timeline.Timeline
	scale float64 // routine seconds per wall second

	state  State
	origin time.Time     // wall time of routine offset 0, pauses folded in
	frozen time.Duration // routine offset while not playing
	cur    int           // current segment; len(Segments) once past the end
	counts int           // countdown marks already given in the current segment

	blockStart []time.Time // wall time each exercise was (last) entered
	ends       []int       // how many times each exercise has ended: its attempts so far
	status     journal.Status
}

// New returns a player for tl that plays scale times faster than real time
// (1 for normal use; tests and demos use more). A scale ≤ 0 means 1.
func New(tl *timeline.Timeline, scale float64) *Player {
	if scale <= 0 {
		scale = 1
	}
	return &Player{tl: tl, scale: scale, blockStart: make([]time.Time, len(tl.Exercises)), ends: make([]int, len(tl.Exercises))}
}

// Timeline returns the timeline being played.
func (p *Player) Timeline() *timeline.Timeline { return p.tl }

// State returns what the player is doing.
func (p *Player) State() State { return p.state }

// Status returns how the session ended; "" until it has.
func (p *Player) Status() journal.Status { return p.status }

// Current returns the index of the segment playing, or len(Segments) once finished.
func (p *Player) Current() int { return p.cur }

// Offset returns the routine time at now.
func (p *Player) Offset(now time.Time) time.Duration {
	if p.state != Playing {
		return p.frozen
	}
	return time.Duration(float64(now.Sub(p.origin)) * p.scale)
}

// wall returns the wall time at which routine offset off is due.
func (p *Player) wall(off time.Duration) time.Time {
	return p.origin.Add(time.Duration(float64(off) / p.scale))
}

// Start begins playing at now and returns the first segment's event.
func (p *Player) Start(now time.Time) []Event {
	if p.state != Ready {
		return nil
	}
	p.state, p.origin = Playing, now
	return p.enter(0, now, nil)
}

// enter makes segment i current, emitting its start and, when it begins a
// new exercise, recording when that exercise was entered.
func (p *Player) enter(i int, now time.Time, evs []Event) []Event {
	prev := p.block()
	p.cur, p.counts = i, 0
	if i >= len(p.tl.Segments) {
		return evs
	}
	s := p.tl.Segments[i]
	due := p.wall(s.Start)
	if p.state != Playing {
		due = now
	}
	if s.Exercise >= 0 && (s.Exercise != prev || i == p.tl.Exercises[s.Exercise].First) {
		p.blockStart[s.Exercise] = due
	}
	return append(evs, Event{Kind: SegmentStart, Due: due, Segment: i})
}

// Update advances to now and returns what became due, in order.
func (p *Player) Update(now time.Time) []Event {
	if p.state != Playing {
		return nil
	}
	// Deadlines are compared as wall times, exactly as NextDue computes
	// them, so a driver that wakes at NextDue always makes progress.
	reached := func(off time.Duration) bool { return !now.Before(p.wall(off)) }
	var evs []Event
	for p.cur < len(p.tl.Segments) {
		s := p.tl.Segments[p.cur]
		if reached(s.End()) {
			p.counts = 3 // a segment already over needs no countdown
		}
		if s.Duration >= countdownFrom {
			for p.counts < 3 && reached(s.End()-time.Duration(3-p.counts)*time.Second) {
				at := s.End() - time.Duration(3-p.counts)*time.Second
				evs = append(evs, Event{Kind: Countdown, Due: p.wall(at), Segment: p.cur, Count: 3 - p.counts})
				p.counts++
			}
		}
		if !reached(s.End()) {
			break
		}
		next := p.cur + 1
		if s.Exercise >= 0 && (next == len(p.tl.Segments) || p.tl.Segments[next].Exercise != s.Exercise) {
			evs = append(evs, p.exerciseEnd(s.Exercise, journal.Done, "", p.wall(s.End())))
		}
		if next == len(p.tl.Segments) {
			p.cur = next
			return append(evs, p.finish(journal.Completed, "", p.wall(s.End())))
		}
		evs = p.enter(next, now, evs)
	}
	return evs
}

// exerciseEnd ends exercise block with outcome o. Each end is a new
// attempt: going back over an exercise never takes back what was recorded.
func (p *Player) exerciseEnd(block int, o journal.Outcome, r journal.StopReason, at time.Time) Event {
	p.ends[block]++
	return Event{Kind: ExerciseEnd, Due: at, Exercise: block, Attempt: p.ends[block], Outcome: o, StopReason: r, Started: p.blockStart[block]}
}

func (p *Player) finish(status journal.Status, r journal.StopReason, at time.Time) Event {
	p.frozen = p.Offset(at)
	p.state, p.status = Finished, status
	return Event{Kind: SessionEnd, Due: at, Status: status, StopReason: r}
}

// NextDue returns the wall time of the next event, so a driver can sleep
// exactly until then; false when nothing is scheduled (paused, finished).
func (p *Player) NextDue() (time.Time, bool) {
	if p.state != Playing || p.cur >= len(p.tl.Segments) {
		return time.Time{}, false
	}
	s := p.tl.Segments[p.cur]
	at := s.End()
	if s.Duration >= countdownFrom && p.counts < 3 {
		at = s.End() - time.Duration(3-p.counts)*time.Second
	}
	return p.wall(at), true
}

// Pause freezes time at now.
func (p *Player) Pause(now time.Time) {
	if p.state == Playing {
		p.frozen, p.state = p.Offset(now), Paused
	}
}

// Resume lets time run again from where it was frozen.
func (p *Player) Resume(now time.Time) {
	if p.state == Paused || p.state == Asking {
		p.state = Playing
		p.origin = now.Add(-time.Duration(float64(p.frozen) / p.scale))
	}
}

// Toggle pauses a playing player and resumes a paused one.
func (p *Player) Toggle(now time.Time) {
	switch p.state {
	case Playing:
		p.Pause(now)
	case Paused:
		p.Resume(now)
	}
}

// seek moves playback to routine offset off at now, keeping the state.
func (p *Player) seek(off time.Duration, now time.Time, evs []Event) []Event {
	p.frozen = off
	p.origin = now.Add(-time.Duration(float64(off) / p.scale))
	return p.enter(p.tl.At(off), now, evs)
}

// block returns the exercise playing, or -1 during the finish.
func (p *Player) block() int {
	if p.cur >= len(p.tl.Segments) {
		return -1
	}
	return p.tl.Segments[p.cur].Exercise
}

// Skip ends the current exercise as skipped and moves to the next one.
func (p *Player) Skip(now time.Time) []Event {
	b := p.block()
	if p.state == Finished || p.state == Ready || p.state == Asking || b < 0 {
		return nil
	}
	evs := []Event{p.exerciseEnd(b, journal.Skipped, "", now)}
	return p.seek(p.blockEnd(b), now, evs)
}

// blockEnd returns the routine offset where exercise b ends.
func (p *Player) blockEnd(b int) time.Duration {
	blk := p.tl.Exercises[b]
	return blk.Start + blk.Duration
}

// Back restarts the current exercise, or goes to the previous one when the
// current one began less than three seconds ago (in routine time).
func (p *Player) Back(now time.Time) []Event {
	if p.state == Finished || p.state == Ready || p.state == Asking {
		return nil
	}
	b := p.block()
	if b < 0 {
		b = len(p.tl.Exercises) - 1
	} else if p.Offset(now)-p.tl.Exercises[b].Start < backGrace && b > 0 {
		b--
	}
	return p.seek(p.tl.Exercises[b].Start, now, nil)
}

// AskStop freezes time while the person says why they stop.
func (p *Player) AskStop(now time.Time) {
	if p.state == Playing || p.state == Paused {
		p.frozen, p.state = p.Offset(now), Asking
	}
}

// CancelStop goes back to playing after AskStop.
func (p *Player) CancelStop(now time.Time) {
	if p.state == Asking {
		p.Resume(now)
	}
}

// Stop records the current exercise as stopped for reason. Sharp pain and
// dizziness end the session (PRODUCT.md §5.2); any other reason moves on to
// the next exercise.
func (p *Player) Stop(now time.Time, reason journal.StopReason) []Event {
	if p.state == Finished || p.state == Ready {
		return nil
	}
	b := p.block()
	var evs []Event
	if b >= 0 {
		evs = append(evs, p.exerciseEnd(b, journal.Halted, reason, now))
	}
	if reason.EndsSession() || b < 0 {
		return append(evs, p.finish(journal.Stopped, reason, now))
	}
	p.state = Playing
	return p.seek(p.blockEnd(b), now, evs)
}

// Quit ends the session early, keeping what was done: an exercise under way
// is recorded as skipped. Quitting during the finish completes the session.
func (p *Player) Quit(now time.Time) []Event {
	if p.state == Finished {
		return nil
	}
	if p.state == Ready {
		return []Event{p.finish(journal.Stopped, "", now)}
	}
	b := p.block()
	if b < 0 {
		return []Event{p.finish(journal.Completed, "", now)}
	}
	return []Event{p.exerciseEnd(b, journal.Skipped, "", now), p.finish(journal.Stopped, "", now)}
}

// Progress describes where playback stands, for drawing.
type Progress struct {
	Segment          int           // current segment index (len(Segments) when finished)
	SegmentLeft      time.Duration // routine time left in the segment
	ExerciseDone     float64       // 0–1 of the current exercise
	SessionDone      float64       // 0–1 of the whole timeline
	Elapsed, Total   time.Duration // routine time
	NextExercise     int           // index of the next exercise, -1 if none
	ExerciseNumber   int           // 1-based number of the current exercise, 0 at the finish
	ExercisesInTotal int
}

// Progress returns where playback stands at now.
func (p *Player) Progress(now time.Time) Progress {
	off := min(max(p.Offset(now), 0), p.tl.Duration)
	pr := Progress{Segment: p.cur, Elapsed: off, Total: p.tl.Duration, NextExercise: -1, ExercisesInTotal: len(p.tl.Exercises)}
	if p.tl.Duration > 0 {
		pr.SessionDone = float64(off) / float64(p.tl.Duration)
	}
	if p.cur >= len(p.tl.Segments) {
		pr.SessionDone = 1
		return pr
	}
	s := p.tl.Segments[p.cur]
	pr.SegmentLeft = max(s.End()-off, 0)
	if b := s.Exercise; b >= 0 {
		blk := p.tl.Exercises[b]
		pr.ExerciseDone = float64(off-blk.Start) / float64(blk.Duration)
		pr.ExerciseNumber = b + 1
		if b+1 < len(p.tl.Exercises) {
			pr.NextExercise = b + 1
		}
	}
	return pr
}
