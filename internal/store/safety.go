package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
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
	if sc.Result.Conditions == nil {
		sc.Result.Conditions = []catalog.Condition{}
	}
	if !slices.Contains(safety.Outcomes, sc.Result.Outcome) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadScreening, sc.Result.Outcome)
	}
	for _, c := range sc.Result.Conditions {
		if !c.Known() {
			return unhunch.E(unhunch.EInvalid, message.CatalogBadCondition, c, catalog.ConditionList())
		}
	}
	if sc.QuestionSet < 0 {
		return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "question_set", sc.QuestionSet)
	}
	answers, err := json.Marshal(sc.Answers)
	if err != nil {
		return s.fail("encode screening answers", err)
	}
	flagged, err := json.Marshal(sc.Result.Flagged)
	if err != nil {
		return s.fail("encode screening flags", err)
	}
	conds, err := json.Marshal(sc.Result.Conditions)
	if err != nil {
		return s.fail("encode screening conditions", err)
	}
	clearing := 0
	if sc.Clearing {
		clearing = 1
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO screenings (id, at, answers, outcome, flagged, clearing, conditions, question_set, person_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, sc.ID, millis(sc.At), string(answers), string(sc.Result.Outcome), string(flagged), clearing,
			string(conds), sc.QuestionSet, account.PersonID(ctx))
		return err
	})
	return s.fail("save screening "+sc.ID, err)
}

// Screenings returns every screening and clearance, oldest first.
func (s *Store) Screenings(ctx context.Context) ([]safety.Screening, error) {
	rows, err := s.queryStmt(ctx, "SELECT "+screeningColumns+" FROM screenings WHERE person_id = $1 ORDER BY at, id", account.PersonID(ctx))
	if err != nil {
		return nil, s.fail("read screenings", err)
	}
	defer rows.Close()
	out := []safety.Screening{}
	for rows.Next() {
		sc, err := s.scanScreening(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, s.fail("read screenings", rows.Err())
}

// scanScreening reads a screening from a row of screeningColumns.
func (s *Store) scanScreening(rows *sql.Rows) (safety.Screening, error) {
	var (
		sc               safety.Screening
		at               int64
		answers, flagged string
		outcome, conds   string
		clearing         int
	)
	if err := rows.Scan(&sc.ID, &at, &answers, &outcome, &flagged, &clearing, &conds, &sc.QuestionSet); err != nil {
		return sc, s.fail("read screenings", err)
	}
	sc.At, sc.Result.Outcome, sc.Clearing = fromMillis(at), safety.Outcome(outcome), clearing == 1
	if err := json.Unmarshal([]byte(answers), &sc.Answers); err != nil {
		return sc, s.fail("decode screening "+sc.ID, err)
	}
	if err := json.Unmarshal([]byte(flagged), &sc.Result.Flagged); err != nil {
		return sc, s.fail("decode screening "+sc.ID, err)
	}
	if err := json.Unmarshal([]byte(conds), &sc.Result.Conditions); err != nil {
		return sc, s.fail("decode screening "+sc.ID, err)
	}
	if sc.Result.Conditions == nil {
		sc.Result.Conditions = []catalog.Condition{}
	}
	return sc, nil
}

// Exclude keeps an exercise out of automatic plans after a stop for reason.
func (s *Store) Exclude(ctx context.Context, exerciseID, reason string, at time.Time) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO exercise_states (exercise_id, excluded, reason, since, person_id) VALUES ($1, 1, $2, $3, $4)
			ON CONFLICT (person_id, exercise_id) DO UPDATE SET excluded = 1, reason = $2, since = $3`, exerciseID, reason, millis(at), account.PersonID(ctx))
		return err
	})
	return s.fail("set aside exercise "+exerciseID, err)
}

// Avoid puts an exercise on the person's avoid list.
func (s *Store) Avoid(ctx context.Context, exerciseID string, at time.Time) error {
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO exercise_states (exercise_id, avoided, since, person_id) VALUES ($1, 1, $2, $3)
			ON CONFLICT (person_id, exercise_id) DO UPDATE SET avoided = 1`, exerciseID, millis(at), account.PersonID(ctx))
		return err
	})
	return s.fail("avoid exercise "+exerciseID, err)
}

// Enable brings an exercise back: off the avoid list and no longer kept out.
// It reports whether the exercise had been set aside.
func (s *Store) Enable(ctx context.Context, exerciseID string) (bool, error) {
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM exercise_states WHERE exercise_id = $1 AND person_id = $2`, exerciseID, account.PersonID(ctx))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, s.fail("bring back exercise "+exerciseID, err)
}

// ExerciseStates returns every exercise set aside, by id.
func (s *Store) ExerciseStates(ctx context.Context) (map[string]journal.ExerciseState, error) {
	rows, err := s.queryStmt(ctx, `SELECT exercise_id, excluded, reason, since, avoided FROM exercise_states WHERE person_id = $1`, account.PersonID(ctx))
	if err != nil {
		return nil, s.fail("read exercise states", err)
	}
	defer rows.Close()
	out := map[string]journal.ExerciseState{}
	for rows.Next() {
		var (
			st                journal.ExerciseState
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

// ClearCondition records that a clinician said exercise exerciseID is right
// for the person despite condition c, at at.
func (s *Store) ClearCondition(ctx context.Context, exerciseID string, c catalog.Condition, at time.Time) error {
	if !c.Known() {
		return unhunch.E(unhunch.EInvalid, message.CatalogBadCondition, c, catalog.ConditionList())
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO condition_clearances (exercise_id, condition_id, at, person_id) VALUES ($1, $2, $3, $4)
			ON CONFLICT (person_id, exercise_id, condition_id) DO UPDATE SET at = $3`, exerciseID, string(c), millis(at), account.PersonID(ctx))
		return err
	})
	return s.fail("clear exercise "+exerciseID+" of "+string(c), err)
}

// WithdrawClearance takes back a clinician's clearance of an exercise for a
// condition. It reports whether there was one.
func (s *Store) WithdrawClearance(ctx context.Context, exerciseID string, c catalog.Condition) (bool, error) {
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM condition_clearances WHERE exercise_id = $1 AND condition_id = $2 AND person_id = $3`,
			exerciseID, string(c), account.PersonID(ctx))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, s.fail("withdraw the clearance of "+exerciseID, err)
}

// ConditionClearances returns every clinician's clearance of an exercise for
// a condition, by exercise and condition.
func (s *Store) ConditionClearances(ctx context.Context) ([]safety.ConditionClearance, error) {
	rows, err := s.queryStmt(ctx, `SELECT exercise_id, condition_id, at FROM condition_clearances WHERE person_id = $1 ORDER BY exercise_id, condition_id`,
		account.PersonID(ctx))
	if err != nil {
		return nil, s.fail("read clearances", err)
	}
	defer rows.Close()
	out := []safety.ConditionClearance{}
	for rows.Next() {
		var (
			c  safety.ConditionClearance
			at int64
		)
		if err := rows.Scan(&c.ExerciseID, &c.Condition, &at); err != nil {
			return nil, s.fail("read clearances", err)
		}
		c.At = fromMillis(at)
		out = append(out, c)
	}
	return out, s.fail("read clearances", rows.Err())
}
