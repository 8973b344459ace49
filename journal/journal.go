// Package journal defines what unhunch remembers of each session a person
// does: when it ran, what happened to each
// exercise, pain before and after, ratings and stops. It holds the types, the
// rules for valid values, and the Store interface that internal/store
// implements on SQLite and PostgreSQL. It does no I/O.
package journal

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// Status is where a session stands.
type Status string

// Session statuses. Active is stored while a session runs; a session whose
// player died without finishing it is reported as Interrupted.
const (
	Active      Status = "active"
	Completed   Status = "completed"
	Stopped     Status = "stopped"
	Interrupted Status = "interrupted"
)

// Outcome is what happened to one exercise of a session.
type Outcome string

// Exercise outcomes.
const (
	Done    Outcome = "done"
	Skipped Outcome = "skipped"
	Halted  Outcome = "stopped" // stopped with a reason
)

// StopReason is why a person stopped.
type StopReason string

// Stop reasons, in the order they are offered.
const (
	SharpPain   StopReason = "sharp-pain"
	Dizziness   StopReason = "dizziness"
	Tingling    StopReason = "tingling-numbness" // tingling or numbness (issue 11)
	Discomfort  StopReason = "discomfort"
	OtherReason StopReason = "other"
)

// StopReasons lists every stop reason in the order they are offered
// (sharp pain, dizziness, tingling or numbness, discomfort, other).
var StopReasons = []StopReason{SharpPain, Dizziness, Tingling, Discomfort, OtherReason}

// EndsSession reports whether stopping for this reason ends the whole
// session rather than only the exercise: sharp pain, dizziness, and tingling
// or numbness. The safety rules for these reasons (set
// aside, re-screen due, advice shown) are in package safety.
func (r StopReason) EndsSession() bool { return r == SharpPain || r == Dizziness || r == Tingling }

// Rating is how an exercise felt.
type Rating string

// Ratings.
const (
	TooEasy Rating = "easy"
	Right   Rating = "right"
	TooHard Rating = "hard"
)

// Ratings lists every rating.
var Ratings = []Rating{TooEasy, Right, TooHard}

// Session is one performance of a routine.
type Session struct {
	ID             string     `json:"id"`
	RoutineID      string     `json:"routine_id"`
	RoutineName    string     `json:"routine_name"`
	Status         Status     `json:"status"`
	StartedAt      time.Time  `json:"started_at"`
	EndedAt        *time.Time `json:"ended_at"`        // nil while active; when interrupted, the last moment it was known to run
	PlannedSeconds float64    `json:"planned_seconds"` // the compiled timeline's length
	PainBefore     *int       `json:"pain_before"`     // 0–10, nil if not given
	PainAfter      *int       `json:"pain_after"`      // 0–10, nil if not given
	StopReason     StopReason `json:"stop_reason,omitempty"`
	Owner          string     `json:"-"` // who plays it: "pid:<n>@<host>" for the terminal, "web" for the browser
	ClientKey      string     `json:"-"` // an idempotency key from a client; unique when set
	// SeenAt is the last moment the player said it was still playing (its
	// lease, renewed every Renew); zero when unknown. A session whose
	// player has been silent for longer than Lease is interrupted.
	SeenAt    time.Time     `json:"-"`
	Exercises []Performance `json:"exercises"`

	// TimeScale is how many times faster than real time the session was
	// played (`--time-scale`); 1 is real time, and 0 in a session not yet
	// saved means 1. Demo is true when it is not 1: the store sets it from
	// TimeScale whenever it saves or reads a session.
	TimeScale float64 `json:"time_scale"`
	Demo      bool    `json:"demo"`

	// PlannedExercises is how many exercises the routine had when the
	// session started, so that completion never depends on today's
	// catalog; 0 if unknown.
	PlannedExercises int `json:"planned_exercises"`
	// PlannedIDs are the ids of those exercises, in order, when known: what
	// recorded exercises are checked against. Set when starting; the
	// journal keeps it for SessionHead.
	PlannedIDs []string `json:"-"`
}

// Performance is what happened to one attempt at one exercise of a
// session. A saved performance is a fact that is never rewritten: going back
// to an exercise and ending it again makes a new attempt beside it.
type Performance struct {
	Index      int         `json:"index"`   // position in the routine, from 0
	Attempt    int         `json:"attempt"` // 1 for the first time the exercise ended in this session, 2 after going back to it, …
	ExerciseID string      `json:"exercise_id"`
	Outcome    Outcome     `json:"outcome"`
	StopReason StopReason  `json:"stop_reason,omitempty"`
	Amount     dose.Amount `json:"amount"` // what the timeline asked for
	Seconds    float64     `json:"seconds"`
	StartedAt  time.Time   `json:"started_at"`
	EndedAt    time.Time   `json:"ended_at"`
	Rating     Rating      `json:"rating,omitempty"`
}

// Leases: a player renews its session's lease every Renew while the
// session runs; a session whose player has been silent for longer than
// Lease counts as interrupted (the player's process died, the browser tab
// was closed, the machine slept). The lease allows for browsers, which run
// the timers of a hidden tab as rarely as once a minute.
const (
	Renew = 30 * time.Second
	Lease = 3 * time.Minute
)

// Lapsed reports whether an active session's lease ran out before now: its
// player last said it was playing more than Lease ago. Without a renewal on
// record, the session's start stands for one.
func (s *Session) Lapsed(now time.Time) bool {
	seen := s.SeenAt
	if seen.IsZero() {
		seen = s.StartedAt
	}
	return s.Status == Active && now.Sub(seen) > Lease
}

// Filter selects sessions.
type Filter struct {
	Since time.Time // sessions started at or after; zero for all
	Limit int       // most recent first; 0 for no limit
	// Before is a page's cursor: the id of the last session of the page
	// before it, so that only sessions listed after that one (older, by
	// start then id) are selected; "" for the first page.
	Before string
}

// Brief is a session without its exercises, with their totals: what
// adherence and the pain outcome read of each session.
type Brief struct {
	ID         string
	StartedAt  time.Time
	PainBefore *int
	PainAfter  *int
	Demo       bool
	Done       int     // attempts done, at any exercise, every attempt counted
	Seconds    float64 // seconds spent in all its attempts
}

// Brief returns the session's Brief, its totals summed from its exercises
// in order (the journal keeps the same totals as each exercise is saved).
func (s *Session) Brief() Brief {
	b := Brief{ID: s.ID, StartedAt: s.StartedAt, PainBefore: s.PainBefore, PainAfter: s.PainAfter, Demo: s.IsDemo()}
	for _, p := range s.Exercises {
		if p.Outcome == Done {
			b.Done++
		}
		b.Seconds += p.Seconds
	}
	return b
}

// Checkpoint is a summary the journal keeps of every session ordered before
// a watermark (by start, then id): readers take it and replay only the
// sessions from the watermark on, so that what they read does not grow with
// the journal. State is not the journal's to read: package person writes it
// and reads it back. Basis names what State was worked out with (the
// catalog's doses, the time zone): a reader with another basis ignores it.
// Every write to a session ordered before the watermark drops the
// checkpoint in its own transaction.
type Checkpoint struct {
	ThroughAt time.Time // the watermark's start; zero: no checkpoint
	ThroughID string    // the watermark's id
	Basis     string
	State     []byte
}

// Covers reports whether the checkpoint holds a session that started at at
// with id id: whether it is ordered before the watermark.
func (c Checkpoint) Covers(at time.Time, id string) bool {
	if c.ThroughAt.IsZero() {
		return false
	}
	a, b := at.UnixMilli(), c.ThroughAt.UnixMilli()
	return a < b || (a == b && id < c.ThroughID)
}

// Store keeps sessions. Every write is durable when it returns: a session
// and each exercise outcome are saved the moment they happen.
type Store interface {
	// StartSession saves a new active session and sets its ID if empty.
	// With a ClientKey already used, it returns the existing session and
	// created=false, writing nothing.
	StartSession(ctx context.Context, s *Session) (created bool, err error)
	// RecordExercise saves one attempt at an exercise. The same attempt
	// sent again with the same content changes nothing; with different
	// content it is refused (EConflict): a saved outcome is never rewritten.
	RecordExercise(ctx context.Context, sessionID string, p Performance) error
	// RateExercise saves a rating for one attempt at the exercise at index;
	// attempt 0 means its latest attempt.
	RateExercise(ctx context.Context, sessionID string, index, attempt int, r Rating) error
	// FinishSession ends a session with status, end time, pain after and the
	// reason it stopped, if it did.
	FinishSession(ctx context.Context, id string, status Status, endedAt time.Time, painAfter *int, reason StopReason) error
	// Session returns one session with its exercises, or an ENotFound error.
	Session(ctx context.Context, id string) (*Session, error)
	// Sessions returns sessions with their exercises, most recent first.
	Sessions(ctx context.Context, f Filter) ([]*Session, error)
	// Close releases the store.
	Close() error
}

// Pain is a numeric pain rating, 0 (none) to 10 (worst imaginable).
const (
	MinPain = 0
	MaxPain = 10
)

// ParsePain reads a pain rating typed by a person: a whole number 0–10.
func ParsePain(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < MinPain || n > MaxPain {
		return 0, unhunch.E(unhunch.EInvalid, message.JournalBadPain, s)
	}
	return n, nil
}

// CheckPain returns an EInvalid error unless p is nil or within 0–10.
func CheckPain(p *int) error {
	if p != nil && (*p < MinPain || *p > MaxPain) {
		return unhunch.E(unhunch.EInvalid, message.JournalBadPain, strconv.Itoa(*p))
	}
	return nil
}

// ParseStopReason reads a stop reason by its id.
func ParseStopReason(s string) (StopReason, error) {
	for _, r := range StopReasons {
		if string(r) == s {
			return r, nil
		}
	}
	ids := make([]string, len(StopReasons))
	for i, r := range StopReasons {
		ids[i] = string(r)
	}
	return "", unhunch.E(unhunch.EInvalid, message.JournalBadStopReason, s, strings.Join(ids, ", "))
}

// ParseRating reads a rating word: easy, right or hard.
func ParseRating(s string) (Rating, error) {
	for _, r := range Ratings {
		if string(r) == s {
			return r, nil
		}
	}
	return "", unhunch.E(unhunch.EInvalid, message.JournalBadRating, s)
}

// DerivedStatus returns the status to show for s: an active session whose
// owner is no longer alive (alive reports on owners) is interrupted.
func DerivedStatus(s *Session, alive func(owner string) bool) Status {
	if s.Status == Active && (alive == nil || !alive(s.Owner)) {
		return Interrupted
	}
	return s.Status
}

// MaxTimeScale is the fastest a session may be played, as `--time-scale` allows.
const MaxTimeScale = 1000

// DemoScale reports whether a session played at time scale x is a demo:
// anything but real time (1; 0 stands for 1).
func DemoScale(x float64) bool { return x != 0 && x != 1 }

// IsDemo reports whether s was played faster or slower than real time: a
// demo is kept and shown as one, but never counts as practice, never moves
// a level, a streak, adherence, minutes or the pain outcome.
func (s *Session) IsDemo() bool { return s.Demo || DemoScale(s.TimeScale) }

// Completion returns the share of exercises done, 0–1, counting each
// exercise's last attempt (Final).
func (s *Session) Completion(total int) float64 {
	if total <= 0 {
		return 0
	}
	return min(float64(s.Done())/float64(total), 1)
}

// Done counts the exercises whose last attempt was done.
func (s *Session) Done() int {
	n := 0
	for _, p := range s.Final() {
		if p.Outcome == Done {
			n++
		}
	}
	return n
}

// Final returns the last attempt at each exercise of the session, in
// routine order: what counts for levels and completion. Earlier attempts
// stay in Exercises, and every stop among them still counts for safety.
func (s *Session) Final() []Performance {
	var out []Performance
	for _, p := range s.Exercises {
		i := slices.IndexFunc(out, func(q Performance) bool { return q.Index == p.Index })
		switch {
		case i < 0:
			out = append(out, p)
		case p.Attempt >= out[i].Attempt:
			out[i] = p
		}
	}
	slices.SortStableFunc(out, func(a, b Performance) int { return a.Index - b.Index })
	return out
}

// Stops returns every attempt of the session that was stopped with a
// reason, in the order they are kept: none is hidden by a later attempt.
func (s *Session) Stops() []Performance {
	var out []Performance
	for _, p := range s.Exercises {
		if p.Outcome == Halted {
			out = append(out, p)
		}
	}
	return out
}

// ExerciseState is whether an exercise is set aside: kept out after a stop
// for sharp pain, dizziness, or tingling or numbness, or on the person's own avoid list.
type ExerciseState struct {
	ExerciseID string    `json:"exercise_id"`
	Excluded   bool      `json:"excluded"`
	Reason     string    `json:"reason,omitempty"`
	Since      time.Time `json:"since"`
	Avoided    bool      `json:"avoided"`
}
