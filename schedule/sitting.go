package schedule

import "time"

// Sitting reminders (issue 19): after a stretch of continuous activity at
// the computer, a short desk routine is suggested. The activity comes from
// the session's idle time, sampled by the caller.
const (
	// MinSitting and MaxSitting bound the minutes of continuous activity
	// before a suggestion; 0 turns sitting reminders off.
	MinSitting = 20
	MaxSitting = 240
	// SittingBreak is the idle time that counts as a break: it starts the
	// stretch again.
	SittingBreak = 2 * time.Minute
	// DeskMinutes is the length of the desk routine suggested.
	DeskMinutes = 2
)

// Sitting follows one stretch of activity at the computer.
type Sitting struct {
	Every time.Duration // the stretch after which a break is suggested
	since time.Time     // when the current stretch began; zero in a break
}

// Observe takes one sample: at now the session had been idle for idle. It
// reports whether to suggest a break now; after a suggestion the stretch
// starts again, so the next comes Every later if the person carries on.
func (s *Sitting) Observe(now time.Time, idle time.Duration) bool {
	if s.Every <= 0 {
		return false
	}
	if idle >= SittingBreak {
		s.since = time.Time{}
		return false
	}
	if s.since.IsZero() {
		s.since = now.Add(-idle)
		return false
	}
	if now.Sub(s.since) >= s.Every {
		s.since = now
		return true
	}
	return false
}

// Desk is the schedule of a sitting reminder's routine: a plan of
// DeskMinutes off the floor with the schedule's equipment.
func (s Schedule) Desk() Schedule {
	return Schedule{Days: s.Days, Times: s.Times, Minutes: DeskMinutes, NoFloor: true, Equipment: s.Equipment}
}
