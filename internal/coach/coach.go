// Package coach guides a person through a compiled routine in the terminal:
// a full-screen player with a big countdown, the cue, the
// progress of the exercise and the session and what comes next, driven by the
// keys space, n, b, s and q; or, without a terminal, one line per segment.
// Both drivers only play the timeline through package player and hand what
// happens to a Sink the moment it happens.
package coach

import (
	"time"

	"github.com/unhunch/unhunch/internal/voice"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/player"
	"github.com/unhunch/unhunch/timeline"
)

// Sink receives what happens during a session, as it happens, to save it.
type Sink interface {
	// Start is called once, when playing begins, with the pain given before.
	Start(at time.Time, painBefore *int) error
	// Exercise is called when an exercise ends (done, skipped or stopped).
	Exercise(ev player.Event) error
	// Finish is called when the session ends.
	Finish(ev player.Event) error
	// PainAfter is called when the person rates their pain after the session.
	PainAfter(pain int) error
	// Rate is called for each exercise the person rates at the end, with
	// the attempt rated: the exercise's latest attempt that was done.
	Rate(exercise, attempt int, r journal.Rating) error
}

// Options configure a coached session.
type Options struct {
	Title      string             // the routine's name
	Timeline   *timeline.Timeline // what to play
	Names      []string           // each exercise's name, by index into Timeline.Exercises
	Scale      float64            // time-scale: 1 is real time
	Voice      voice.Speaker      // where cues go; nil for silence
	Talking    bool               // Voice speaks words (else it only rings a bell)
	PainBefore *int               // already given (a flag); nil to ask
	PainAfter  *int               // already given (a flag); nil to ask
	Sink       Sink
	Now        func() time.Time // the clock; nil for time.Now
	// Notes are shown before the session: cautions for first-time
	// exercises, exercises left out, advice about the pain trend.
	Notes []string
	// PainCheck, when set, is asked about the pain given before: a non-empty
	// answer is advice not to exercise now; the coach shows
	// it, records the session as stopped, and ends.
	PainCheck func(pain *int) string
	// RatingsGiven skips the questions about each exercise at the end: the
	// ratings came with the command.
	RatingsGiven bool
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Result is how a coached session ended.
type Result struct {
	Status     journal.Status
	StopReason journal.StopReason
	Blocked    string  // advice given instead of the session, if PainCheck refused it
	SaveErrors []error // writes that failed; the session went on
	// CtrlC is set when the person left with Ctrl-C: what was under way
	// was saved as q saves it, and the coach ended at once.
	CtrlC bool
}

// endedLine is the last word on a session: how it ended and that it is
// saved, unless some of it could not be saved.
func endedLine(res Result) string {
	if n := len(res.SaveErrors); n > 0 {
		return message.Text(message.CoachEndedUnsaved, n)
	}
	return message.EndedWords.Text(string(res.Status))
}

// keepDone adds a done exercise to the list to rate, or replaces an earlier
// done attempt at the same exercise, in another round of tl or the same
// block: the latest one is rated, once (progress counts rounds as one).
func keepDone(list []player.Event, ev player.Event, tl *timeline.Timeline) []player.Event {
	id := tl.Exercises[ev.Exercise].ExerciseID
	for i, e := range list {
		if tl.Exercises[e.Exercise].ExerciseID == id {
			list[i] = ev
			return list
		}
	}
	return append(list, ev)
}

// announce hands an event's words to the voice: the cue when a segment
// starts, the numbers of a countdown; with only a bell, it rings when an
// exercise begins and at the end of a countdown.
func announce(o *Options, tl *timeline.Timeline, ev player.Event) {
	if o.Voice == nil {
		return
	}
	switch ev.Kind {
	case player.SegmentStart:
		s := tl.Segments[ev.Segment]
		if o.Talking {
			o.Voice.Say(s.Cue)
		} else if s.Phase == timeline.Intro || s.Phase == timeline.Finish {
			o.Voice.Say("")
		}
	case player.Countdown:
		if o.Talking {
			o.Voice.Say(itoa(ev.Count))
		} else if ev.Count == 1 {
			o.Voice.Say("")
		}
	}
}

func itoa(n int) string {
	if n >= 0 && n < 10 {
		return string(rune('0' + n))
	}
	return "?"
}
