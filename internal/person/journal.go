package person

import (
	"context"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/schedule"
)

// What person needs of the journal, one small interface for each use, so
// that every function asks for no more than it uses and a test can hand it
// a fake instead of a database. The journal (*store.Store) is all of them;
// the command line and the web server pass it in.

// GateReader is what the safety gate reads: the screenings it rests on and
// the sessions since the last one.
type GateReader interface {
	// GateScreenings returns the last screening made by asOf and the
	// clearances that bear on it, oldest first (store.GateScreenings).
	GateScreenings(ctx context.Context, asOf time.Time) ([]safety.Screening, error)
	// GateFacts returns what the safety rules need of each session started
	// after after and before before (zero: any time), most recent first.
	GateFacts(ctx context.Context, after, before time.Time) ([]safety.SessionFacts, error)
}

// TrendReader is what the pain trend reads: when the pain record begins and
// ends, and the sessions of a few weeks.
type TrendReader interface {
	// PainEnds returns when the first and the latest real-time session with
	// pain before started; false when none has.
	PainEnds(ctx context.Context) (first, last time.Time, ok bool, err error)
	// Briefs returns the real-time sessions started from from up to to,
	// oldest first, without their exercises.
	Briefs(ctx context.Context, from, to time.Time) ([]journal.Brief, error)
}

// Reader is what person reads of the journal to know the person (Load).
// Each method is one question, answered from an index or a summary, so that
// what Load reads does not grow with the journal (issue 16).
type Reader interface {
	GateReader
	TrendReader
	// Version returns the journal version of the person ctx names, which
	// every write to their journal raises.
	Version(ctx context.Context) (int64, error)
	// Checkpoint returns the summary the journal keeps of the sessions
	// before its watermark (journal.Checkpoint); zero when there is none.
	Checkpoint(ctx context.Context) (journal.Checkpoint, error)
	// SaveCheckpoint keeps a new checkpoint if the journal is still at
	// version; it reports whether it did. A checkpoint changes nothing
	// anyone reads, only how much they read.
	SaveCheckpoint(ctx context.Context, version int64, cp journal.Checkpoint) (bool, error)
	// SessionsFrom returns the sessions ordered at or after (at, id), by
	// start then id, with their exercises, most recent first (every
	// session for a zero at).
	SessionsFrom(ctx context.Context, at time.Time, id string) ([]*journal.Session, error)
	// ExerciseStates returns the exercises set aside, by id.
	ExerciseStates(ctx context.Context) (map[string]journal.ExerciseState, error)
	// ConditionClearances returns the exercises a clinician cleared of a condition.
	ConditionClearances(ctx context.Context) ([]safety.ConditionClearance, error)
}

// ProgressReader is what the progress document reads besides Load's.
type ProgressReader interface {
	TrendReader
	// PSFSActivities returns each functional-scale activity's first and
	// latest score, and when the scale was last rated.
	PSFSActivities(ctx context.Context) ([]progress.PSFSActivity, time.Time, error)
	// Schedule returns the practice schedule, zero when none is set.
	Schedule(ctx context.Context) (schedule.Schedule, error)
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
	GateScreenings(ctx context.Context, asOf time.Time) ([]safety.Screening, error)
	SaveScreening(ctx context.Context, sc *safety.Screening) error
}

// ConditionClearer records that a clinician cleared an exercise of a condition.
type ConditionClearer interface {
	ClearCondition(ctx context.Context, exerciseID string, c catalog.Condition, at time.Time) error
}
