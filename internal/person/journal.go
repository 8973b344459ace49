package person

import (
	"context"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// What person needs of the journal, one small interface for each use, so
// that every function asks for no more than it uses and a test can hand it
// a fake instead of a database. The journal (*store.Store) is all of them;
// the command line and the web server pass it in.

// Reader is what person reads of the journal to know the person (Load).
// Each method is one question; today the store answers them by reading every
// row, and it may answer them from indexes and kept summaries later without
// any caller of Load or Start changing.
type Reader interface {
	// Sessions returns sessions with their exercises, most recent first.
	Sessions(ctx context.Context, f journal.Filter) ([]*journal.Session, error)
	// ExerciseStates returns the exercises set aside, by id.
	ExerciseStates(ctx context.Context) (map[string]journal.ExerciseState, error)
	// Screenings returns every screening and clearance, oldest first.
	Screenings(ctx context.Context) ([]safety.Screening, error)
	// ConditionClearances returns the exercises a clinician cleared of a condition.
	ConditionClearances(ctx context.Context) ([]safety.ConditionClearance, error)
}

// SessionWriter saves the start and the end of a session.
type SessionWriter interface {
	// StartSession saves a new active session (see journal.Store).
	StartSession(ctx context.Context, s *journal.Session) (created bool, err error)
	// FinishSession ends a session.
	FinishSession(ctx context.Context, id string, status journal.Status, endedAt time.Time, painAfter *int, reason journal.StopReason) error
}

// StartJournal is what Start needs: the reads that decide and prepare a
// start, and the write that records a start refused for high pain.
type StartJournal interface {
	Reader
	SessionWriter
}

// ExerciseRecorder saves one exercise's outcome: the store itself, or its
// group committer.
type ExerciseRecorder interface {
	RecordExercise(ctx context.Context, sessionID string, p journal.Performance) error
}

// Excluder sets an exercise aside after a stop that calls for it.
type Excluder interface {
	Exclude(ctx context.Context, exerciseID, reason string, at time.Time) error
}

// ScreeningStore keeps screenings and clinicians' clearances.
type ScreeningStore interface {
	Screenings(ctx context.Context) ([]safety.Screening, error)
	SaveScreening(ctx context.Context, sc *safety.Screening) error
}

// ConditionClearer records that a clinician cleared an exercise of a condition.
type ConditionClearer interface {
	ClearCondition(ctx context.Context, exerciseID string, c catalog.Condition, at time.Time) error
}
