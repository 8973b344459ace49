// Package journal defines what unhunch remembers of each session a person
// does (PRODUCT.md §3 "Session"): when it ran, what happened to each
// exercise, pain before and after, ratings and stops. It holds the types, the
// rules for valid values, and the Store interface that internal/store
// implements on SQLite and PostgreSQL. It does no I/O.
package journal

import (
	"context"
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

// StopReason is why a person stopped (PRODUCT.md §5.2).
type StopReason string

// Stop reasons, in the order they are offered.
const (
	SharpPain   StopReason = "sharp-pain"
	Dizziness   StopReason = "dizziness"
	Discomfort  StopReason = "discomfort"
	OtherReason StopReason = "other"
)

// StopReasons lists every stop reason in the order they are offered.
var StopReasons = []StopReason{SharpPain, Dizziness, Discomfort, OtherReason}

// EndsSession reports whether stopping for this reason ends the whole
// session (sharp pain and dizziness, PRODUCT.md §5.2) rather than only the exercise.
func (r StopReason) EndsSession() bool { return r == SharpPain || r == Dizziness }

// Rating is how an exercise felt (PRODUCT.md §6).
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
	ID             string        `json:"id"`
	RoutineID      string        `json:"routine_id"`
	RoutineName    string        `json:"routine_name"`
	Status         Status        `json:"status"`
	StartedAt      time.Time     `json:"started_at"`
	EndedAt        *time.Time    `json:"ended_at"`        // nil while active; when interrupted, the last moment it was known to run
	PlannedSeconds float64       `json:"planned_seconds"` // the compiled timeline's length
	PainBefore     *int          `json:"pain_before"`     // 0–10, nil if not given
	PainAfter      *int          `json:"pain_after"`      // 0–10, nil if not given
	StopReason     StopReason    `json:"stop_reason,omitempty"`
	Owner          string        `json:"-"` // who plays it: "pid:<n>@<host>" for the terminal, "web" for the browser
	ClientKey      string        `json:"-"` // an idempotency key from a client; unique when set
	Exercises      []Performance `json:"exercises"`

	// PlannedExercises is how many exercises the routine had when the
	// session started, so that completion never depends on today's
	// catalog; 0 if unknown.
	PlannedExercises int `json:"planned_exercises"`
	// PlannedIDs are the ids of those exercises, in order, when known: what
	// recorded exercises are checked against. Set when starting; the
	// journal keeps it for SessionHead.
	PlannedIDs []string `json:"-"`
}

// Performance is what happened to one exercise of a session.
type Performance struct {
	Index      int         `json:"index"` // position in the routine, from 0
	ExerciseID string      `json:"exercise_id"`
	Outcome    Outcome     `json:"outcome"`
	StopReason StopReason  `json:"stop_reason,omitempty"`
	Amount     dose.Amount `json:"amount"` // what the timeline asked for
	Seconds    float64     `json:"seconds"`
	StartedAt  time.Time   `json:"started_at"`
	EndedAt    time.Time   `json:"ended_at"`
	Rating     Rating      `json:"rating,omitempty"`
}

// Filter selects sessions.
type Filter struct {
	Since time.Time // sessions started at or after; zero for all
	Limit int       // most recent first; 0 for no limit
}

// Store keeps sessions. Every write is durable when it returns: a session
// and each exercise outcome are saved the moment they happen.
type Store interface {
	// StartSession saves a new active session and sets its ID if empty.
	// With a ClientKey already used, it returns the existing session and
	// created=false, writing nothing.
	StartSession(ctx context.Context, s *Session) (created bool, err error)
	// RecordExercise saves (or, for the same index, replaces) one exercise's outcome.
	RecordExercise(ctx context.Context, sessionID string, p Performance) error
	// RateExercise saves a rating for the exercise at index.
	RateExercise(ctx context.Context, sessionID string, index int, r Rating) error
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
		return 0, unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.JournalBadPain, s))
	}
	return n, nil
}

// CheckPain returns an EInvalid error unless p is nil or within 0–10.
func CheckPain(p *int) error {
	if p != nil && (*p < MinPain || *p > MaxPain) {
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.JournalBadPain, strconv.Itoa(*p)))
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
	return "", unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.JournalBadStopReason, s))
}

// ParseRating reads a rating word: easy, right or hard.
func ParseRating(s string) (Rating, error) {
	for _, r := range Ratings {
		if string(r) == s {
			return r, nil
		}
	}
	return "", unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.JournalBadRating, s))
}

// DerivedStatus returns the status to show for s: an active session whose
// owner is no longer alive (alive reports on owners) is interrupted.
func DerivedStatus(s *Session, alive func(owner string) bool) Status {
	if s.Status == Active && (alive == nil || !alive(s.Owner)) {
		return Interrupted
	}
	return s.Status
}

// Completion returns the share of exercises done, 0–1.
func (s *Session) Completion(total int) float64 {
	if total == 0 {
		return 0
	}
	done := 0
	for _, p := range s.Exercises {
		if p.Outcome == Done {
			done++
		}
	}
	return float64(done) / float64(total)
}
