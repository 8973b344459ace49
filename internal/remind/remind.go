// Package remind is `unhunch remind`: desktop reminders at the times of the
// person's schedule. It sends freedesktop notifications over D-Bus
// (org.freedesktop.Notifications) with the actions "Start now" and "Later"
// (snooze for schedule.Snooze), never in quiet hours, never once the day's
// practice is done, at most the number a day the person chose; without a
// notification service it rings the terminal bell and writes a line on
// stderr. What is decided is schedule.Decide's; this package only waits,
// asks and sends. The clock is injected (Clock), so tests move time.
package remind

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/unhunch/unhunch/schedule"
)

// Clock is the time as the runner sees it: the real clock, or a test's.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

// System is the real clock.
var System Clock = systemClock{}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Action is what the person chose on a reminder.
type Action string

// The actions of a reminder, as D-Bus action keys.
const (
	StartNow Action = "start"
	Later    Action = "later"
)

// Note is one reminder's words.
type Note struct {
	Summary string // the title
	Body    string // one or two plain sentences
	Start   string // the label of the "Start now" action
	Later   string // the label of the "Later" action
}

// Invoked is an action the person chose on the reminder with ID.
type Invoked struct {
	ID     uint32
	Action Action
}

// Notifier shows reminders.
type Notifier interface {
	// Notify shows n and returns its id.
	Notify(ctx context.Context, n Note) (uint32, error)
	// Actions delivers the actions chosen on reminders; nil when the
	// notifier has none (the terminal bell).
	Actions() <-chan Invoked
}

// Runner sends the reminders of a schedule as time passes.
type Runner struct {
	Clock Clock
	Loc   *time.Location // the person's zone: the schedule's wall clock is read in it
	// Schedule reads the schedule; it is read again at every wake, so a
	// change is followed within Poll.
	Schedule func(ctx context.Context) (schedule.Schedule, error)
	// Practised reports whether a session that counts was done on the
	// local day of at.
	Practised func(ctx context.Context, at time.Time) (bool, error)
	Notifier  Notifier
	// Words are the reminder's words for the schedule.
	Words func(sc schedule.Schedule) Note
	// Start opens the player at what the schedule says to do ("Start now").
	Start func(ctx context.Context, sc schedule.Schedule) error
	// Idle reads how long the session has been idle, for sitting
	// reminders (schedule.SittingMinutes); nil when it cannot be known.
	Idle func(ctx context.Context) (time.Duration, error)
	// SittingWords are a sitting reminder's words after minutes of activity.
	SittingWords func(minutes int) Note
	Log          io.Writer     // where problems are written; nil for nowhere
	Poll         time.Duration // the longest wait between looks at the schedule; 0 means a minute
	// Stale is how late an occurrence may be found (a laptop that slept
	// through it) and still be shown; 0 means ten minutes.
	Stale time.Duration
}

// Run sends reminders until ctx ends.
func (r *Runner) Run(ctx context.Context) error {
	poll, stale := r.Poll, r.Stale
	if poll <= 0 {
		poll = time.Minute
	}
	if stale <= 0 {
		stale = 10 * time.Minute
	}
	actions := r.Notifier.Actions()
	ours := map[uint32]schedule.Schedule{} // what each of our reminders starts
	var sitting schedule.Sitting
	sent := map[string]int{} // local date → reminders sent
	var snoozes []time.Time
	last := r.Clock.Now()
	for {
		sc, err := r.Schedule(ctx)
		if err != nil {
			r.logf("%v", err)
			sc = schedule.Schedule{}
		}
		now := r.Clock.Now()
		r.sit(ctx, sc, now, &sitting, ours)
		due, snoozed := sc.Next(last, r.Loc), false
		if len(snoozes) > 0 && (due.IsZero() || snoozes[0].Before(due)) {
			due, snoozed = snoozes[0], true
		}
		if wait := min(poll, due.Sub(now)); due.IsZero() || wait > 0 {
			if due.IsZero() {
				wait = poll
			}
			select {
			case <-ctx.Done():
				return nil
			case inv := <-actions:
				if what, ok := ours[inv.ID]; ok {
					snoozes = r.act(ctx, what, inv.Action, snoozes)
				}
				continue
			case <-r.Clock.After(wait):
			}
			now = r.Clock.Now()
			if due.IsZero() || now.Before(due) {
				last = maxTime(last, now)
				continue
			}
		}
		if snoozed {
			snoozes = snoozes[1:]
		} else {
			last = due
		}
		if now.Sub(due) > stale {
			continue // missed while the machine slept: the next one will do
		}
		day := due.In(r.Loc).Format(time.DateOnly)
		practised, err := r.Practised(ctx, due)
		if err != nil {
			r.logf("%v", err)
		}
		if sc.Decide(due, r.Loc, practised, sent[day]) != schedule.Send {
			continue
		}
		id, err := r.Notifier.Notify(ctx, r.Words(sc))
		if err != nil {
			r.logf("%v", err)
			continue
		}
		ours[id] = sc
		sent[day]++
	}
}

// sit takes a sample of the session's idle time for sitting reminders and
// suggests a desk routine when a stretch of activity calls for one (never
// in quiet hours).
func (r *Runner) sit(ctx context.Context, sc schedule.Schedule, now time.Time, s *schedule.Sitting, ours map[uint32]schedule.Schedule) {
	if r.Idle == nil || sc.SittingMinutes <= 0 || r.SittingWords == nil {
		*s = schedule.Sitting{}
		return
	}
	s.Every = time.Duration(sc.SittingMinutes) * time.Minute
	idle, err := r.Idle(ctx)
	if err != nil {
		r.logf("%v", err)
		return
	}
	if !s.Observe(now, idle) || sc.InQuiet(now, r.Loc) {
		return
	}
	id, err := r.Notifier.Notify(ctx, r.SittingWords(sc.SittingMinutes))
	if err != nil {
		r.logf("%v", err)
		return
	}
	ours[id] = sc.Desk()
}

// act carries out an action chosen on one of our reminders.
func (r *Runner) act(ctx context.Context, sc schedule.Schedule, a Action, snoozes []time.Time) []time.Time {
	switch a {
	case StartNow:
		if r.Start != nil {
			if err := r.Start(ctx, sc); err != nil {
				r.logf("%v", err)
			}
		}
	case Later:
		at := r.Clock.Now().Add(schedule.Snooze)
		snoozes = append(snoozes, at)
		for i := len(snoozes) - 1; i > 0 && snoozes[i].Before(snoozes[i-1]); i-- {
			snoozes[i], snoozes[i-1] = snoozes[i-1], snoozes[i]
		}
	}
	return snoozes
}

func (r *Runner) logf(format string, args ...any) {
	if r.Log != nil {
		fmt.Fprintf(r.Log, "unhunch remind: "+format+"\n", args...)
	}
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// Bell is the fallback without a notification service: the terminal bell
// and one line on w (stderr).
type Bell struct {
	W io.Writer
	n uint32
}

// Notify rings the bell and writes the reminder on one line.
func (b *Bell) Notify(_ context.Context, n Note) (uint32, error) {
	b.n++
	_, err := fmt.Fprintf(b.W, "\a%s: %s\n", n.Summary, n.Body)
	return b.n, err
}

// Actions is nil: a bell has no buttons.
func (b *Bell) Actions() <-chan Invoked { return nil }
