package journal

import (
	"fmt"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// Limits on the times a client reports for a session it plays. A player's
// clock is not the server's: times are compared with the session's start
// and with now allowing ClockSkew either way.
const (
	// MaxSessionSpan is how long after its start a session can still be
	// going, pauses included.
	MaxSessionSpan = 12 * time.Hour
	// MaxExerciseSpan is how long one exercise can take, pauses included.
	MaxExerciseSpan = 2 * time.Hour
	// ClockSkew is how far a player's clock may be from the server's.
	ClockSkew = 5 * time.Minute
)

// CheckPlausible returns an EInvalid error unless a recorded exercise fits
// the session it belongs to: it starts no earlier than the session
// (less ClockSkew), ends no later than MaxSessionSpan after it and not in
// the future (now plus ClockSkew), takes at most MaxExerciseSpan, and its
// seconds are no more than its own times allow (played scale times faster
// in a demo, plus a second for rounding).
func CheckPlausible(p Performance, sessionStart, now time.Time, scale float64) error {
	if err := checkWithin(p.StartedAt, sessionStart, now); err != nil {
		return err
	}
	if err := checkWithin(p.EndedAt, sessionStart, now); err != nil {
		return err
	}
	span := p.EndedAt.Sub(p.StartedAt)
	if span < 0 || span > MaxExerciseSpan {
		return implausible(message.JournalExerciseSpan, dur(span), dur(MaxExerciseSpan))
	}
	if scale <= 0 {
		scale = 1
	}
	if limit := span.Seconds()*scale + 1; p.Seconds > limit {
		return implausible(message.JournalTooManySeconds, p.Seconds, limit)
	}
	return nil
}

// CheckEnd returns an EInvalid error unless end is a plausible end for a
// session that started at sessionStart: not before it (less ClockSkew),
// within MaxSessionSpan of it, and not in the future.
func CheckEnd(end, sessionStart, now time.Time) error {
	return checkWithin(end, sessionStart, now)
}

// checkWithin checks one reported time t against the session's span.
func checkWithin(t, sessionStart, now time.Time) error {
	show := t.UTC().Format(time.RFC3339)
	switch {
	case t.Before(sessionStart.Add(-ClockSkew)):
		return implausible(message.JournalBeforeStart, show, sessionStart.UTC().Format(time.RFC3339))
	case t.After(now.Add(ClockSkew)):
		return implausible(message.JournalInFuture, show)
	case t.After(sessionStart.Add(MaxSessionSpan + ClockSkew)):
		return implausible(message.JournalAfterSpan, show, dur(MaxSessionSpan))
	}
	return nil
}

// implausible is the EInvalid error for a time or length that cannot be.
func implausible(k message.Key, args ...any) error {
	return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(k, args...))
}

// dur shows a duration in whole seconds, minutes or hours.
func dur(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%d h", int(d/time.Hour))
	case d%time.Minute == 0:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	}
	return d.Round(time.Second).String()
}
