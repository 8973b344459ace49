package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// SaveScreening saves a screening (or a clinician's clearance), filling in
// its ID and time when they are empty.
func (s *Store) SaveScreening(ctx context.Context, sc *safety.Screening) error {
	if sc.ID == "" {
		sc.ID = NewID()
	}
	if sc.At.IsZero() {
		sc.At = time.Now()
	}
	sc.At = fromMillis(millis(sc.At))
	if sc.Answers == nil {
		sc.Answers = map[string]bool{}
	}
	if sc.Result.Flagged == nil {
		sc.Result.Flagged = []string{}
	}
	switch sc.Result.Outcome {
	case safety.Clear, safety.Caution, safety.Clinician, safety.Emergency:
	default:
		return invalid(message.StoreBadScreening, sc.Result.Outcome)
	}
	answers, err := json.Marshal(sc.Answers)
	if err != nil {
		return s.fail("encode screening answers", err)
	}
	flagged, err := json.Marshal(sc.Result.Flagged)
	if err != nil {
		return s.fail("encode screening flags", err)
	}
	clearing := 0
	if sc.Clearing {
		clearing = 1
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO screenings (id, at, answers, outcome, flagged, clearing)
			VALUES ($1, $2, $3, $4, $5, $6)`, sc.ID, millis(sc.At), string(answers), string(sc.Result.Outcome), string(flagged), clearing)
		return err
	})
	return s.fail("save screening "+sc.ID, err)
}

// Screenings returns every screening and clearance, oldest first.
func (s *Store) Screenings(ctx context.Context) ([]safety.Screening, error) {
	rows, err := s.queryStmt(ctx, `SELECT id, at, answers, outcome, flagged, clearing FROM screenings ORDER BY at, id`)
	if err != nil {
		return nil, s.fail("read screenings", err)
	}
	defer rows.Close()
	out := []safety.Screening{}
	for rows.Next() {
		var (
			sc               safety.Screening
			at               int64
			answers, flagged string
			outcome          string
			clearing         int
		)
		if err := rows.Scan(&sc.ID, &at, &answers, &outcome, &flagged, &clearing); err != nil {
			return nil, s.fail("read screenings", err)
		}
		sc.At, sc.Result.Outcome, sc.Clearing = fromMillis(at), safety.Outcome(outcome), clearing == 1
		if err := json.Unmarshal([]byte(answers), &sc.Answers); err != nil {
			return nil, s.fail("decode screening "+sc.ID, err)
		}
		if err := json.Unmarshal([]byte(flagged), &sc.Result.Flagged); err != nil {
			return nil, s.fail("decode screening "+sc.ID, err)
		}
		out = append(out, sc)
	}
	return out, s.fail("read screenings", rows.Err())
}

// ExerciseState is whether an exercise is set aside: kept out after a stop
// for sharp pain or dizziness, or on the person's own avoid list.
type ExerciseState struct {
	ExerciseID string    `json:"exercise_id"`
	Excluded   bool      `json:"excluded"`
	Reason     string    `json:"reason,omitempty"`
	Since      time.Time `json:"since"`
	Avoided    bool      `json:"avoided"`
}

// Exclude keeps an exercise out of automatic plans after a stop for reason.
func (s *Store) Exclude(ctx context.Context, exerciseID, reason string, at time.Time) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO exercise_states (exercise_id, excluded, reason, since) VALUES ($1, 1, $2, $3)
			ON CONFLICT (exercise_id) DO UPDATE SET excluded = 1, reason = $2, since = $3`, exerciseID, reason, millis(at))
		return err
	})
	return s.fail("set aside exercise "+exerciseID, err)
}

// Avoid puts an exercise on the person's avoid list.
func (s *Store) Avoid(ctx context.Context, exerciseID string, at time.Time) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO exercise_states (exercise_id, avoided, since) VALUES ($1, 1, $2)
			ON CONFLICT (exercise_id) DO UPDATE SET avoided = 1`, exerciseID, millis(at))
		return err
	})
	return s.fail("avoid exercise "+exerciseID, err)
}

// Enable brings an exercise back: off the avoid list and no longer kept out.
// It reports whether the exercise had been set aside.
func (s *Store) Enable(ctx context.Context, exerciseID string) (bool, error) {
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM exercise_states WHERE exercise_id = $1`, exerciseID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, s.fail("bring back exercise "+exerciseID, err)
}

// ExerciseStates returns every exercise set aside, by id.
func (s *Store) ExerciseStates(ctx context.Context) (map[string]ExerciseState, error) {
	rows, err := s.queryStmt(ctx, `SELECT exercise_id, excluded, reason, since, avoided FROM exercise_states`)
	if err != nil {
		return nil, s.fail("read exercise states", err)
	}
	defer rows.Close()
	out := map[string]ExerciseState{}
	for rows.Next() {
		var (
			st                ExerciseState
			excluded, avoided int
			since             int64
		)
		if err := rows.Scan(&st.ExerciseID, &excluded, &st.Reason, &since, &avoided); err != nil {
			return nil, s.fail("read exercise states", err)
		}
		st.Excluded, st.Avoided, st.Since = excluded == 1, avoided == 1, fromMillis(since)
		out[st.ExerciseID] = st
	}
	return out, s.fail("read exercise states", rows.Err())
}
