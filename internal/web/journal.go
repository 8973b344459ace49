package web

import (
	"context"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// Journal is everything the web server reads and writes in the journal:
// what person needs (starts, screenings, clearances, set-aside exercises),
// and the server's own (sessions by id or key, ratings and finishes,
// leases, the journal's version). `unhunch serve` hands it the store
// (*store.Store); a handler test that is not about the database hands it a
// fake that embeds Journal and answers only what the test calls.
type Journal interface {
	person.StartJournal
	person.ProgressReader
	person.ScreeningStore
	person.ConditionClearer
	person.Excluder
	person.ExerciseRecorder
	ScheduleJournal

	// Session returns one session with its exercises, or an ENotFound error.
	Session(ctx context.Context, id string) (*journal.Session, error)
	// Sessions returns a page of sessions with their exercises, most recent first.
	Sessions(ctx context.Context, f journal.Filter) ([]*journal.Session, error)
	// Screening returns one screening or clearance by id, and whether there is one.
	Screening(ctx context.Context, id string) (safety.Screening, bool, error)
	// SessionByClientKey returns the session started with an idempotency key, or nil.
	SessionByClientKey(ctx context.Context, key string) (*journal.Session, error)
	// Head returns a session's row without its exercises, or an ENotFound error.
	Head(ctx context.Context, id string) (store.SessionHead, error)
	// RateExercise saves a rating of an attempt (0: the latest) at an exercise.
	RateExercise(ctx context.Context, sessionID string, index, attempt int, r journal.Rating) error
	// Avoid puts an exercise on the person's avoid list.
	Avoid(ctx context.Context, exerciseID string, at time.Time) error
	// Enable brings an exercise back, and says whether it was set aside.
	Enable(ctx context.Context, exerciseID string) (bool, error)
	// WithdrawClearance withdraws a clinician's clearance, and says whether there was one.
	WithdrawClearance(ctx context.Context, exerciseID string, c catalog.Condition) (bool, error)
	// Renew renews a session's lease; MarkInterrupted ends it as interrupted.
	Renew(ctx context.Context, id string, at time.Time) error
	MarkInterrupted(ctx context.Context, id string, at time.Time) error
	// SweepInterrupted marks as interrupted the sessions whose player is
	// gone, every person's.
	SweepInterrupted(ctx context.Context, alive func(owner string) bool, now time.Time) (int, error)
	// Version is the journal version of the person ctx names, raised by
	// every write to their journal; LocalWrite is what this process knows
	// of its own writes to a person's journal (see Server.version).
	Version(ctx context.Context) (int64, error)
	LocalWrite(person string) store.LocalWrite
	// Engine names the database: "sqlite" or "postgres".
	Engine() string
}

// The store is a journal for the web server.
var _ Journal = (*store.Store)(nil)
