package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// The journal as health records (issue 18): the pseudonym the records name
// the person by, the sessions read a page at a time for a streaming export,
// and an import of a whole journal's records in one transaction.

// Pseudonym returns the pseudonymous id the health records name the person
// ctx names by, making it (once, in its own write) the first time it is
// asked for.
func (s *Store) Pseudonym(ctx context.Context) (string, error) {
	var p string
	person := account.PersonID(ctx)
	err := s.db.QueryRowContext(ctx, `SELECT pseudonym FROM fhir_patient WHERE person_id = $1`, person).Scan(&p)
	if err == nil {
		return p, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", s.fail("read the records' pseudonym", err)
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO fhir_patient (person_id, pseudonym) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING`, person, NewID())
		return err
	})
	if err != nil {
		return "", s.fail("make the records' pseudonym", err)
	}
	err = s.db.QueryRowContext(ctx, `SELECT pseudonym FROM fhir_patient WHERE person_id = $1`, person).Scan(&p)
	return p, s.fail("read the records' pseudonym", err)
}

// sessionPage is how many sessions EachSession holds at a time.
const sessionPage = 200

// EachSession calls fn with each session f selects (f.Since; f.Limit is not
// used), oldest first, each with its exercises. It reads a page of
// sessions at a time, so that memory stays flat however long the journal;
// a session started meanwhile may or may not be among them.
func (s *Store) EachSession(ctx context.Context, f journal.Filter, fn func(*journal.Session) error) error {
	since := int64(math.MinInt64)
	if !f.Since.IsZero() {
		since = millis(f.Since)
	}
	after, afterID := int64(math.MinInt64), ""
	for {
		// The page starts at the later of since and the last page's end,
		// as the index's lower bound: each page is read from the index, not
		// from the journal's start (which made a long journal quadratic).
		list, err := s.query(ctx, `started_at >= $1 AND (started_at > $2 OR id > $3)`,
			"ORDER BY started_at, id LIMIT $4", max(since, after), after, afterID, sessionPage)
		if err != nil {
			return s.fail("read sessions", err)
		}
		slices.Reverse(list) // query gives the page newest first
		for _, sess := range list {
			if err := fn(sess); err != nil {
				return err
			}
		}
		if len(list) < sessionPage {
			return nil
		}
		last := list[len(list)-1]
		after, afterID = millis(last.StartedAt), last.ID
	}
}

// Records are a journal's records as an import brings them: everything the
// health records carry back.
type Records struct {
	Pseudonym  string
	Sessions   []*journal.Session
	States     []journal.ExerciseState
	Screenings []safety.Screening
	Clearances []safety.ConditionClearance
	PSFS       []progress.PSFSRating
}

// Import writes records into the journal in one transaction: all of them,
// or, when any is already there (a session or screening by its id, a
// functional scale score by its time and activity, an exercise's state or
// clearance that differs), none, with an EConflict error that lists them.
// Records of another person (another pseudonym) go only into a journal
// that holds none of its own.
func (s *Store) Import(ctx context.Context, rec Records) error {
	for _, sess := range rec.Sessions {
		if err := checkImported(sess); err != nil {
			return unhunch.Errorf(unhunch.EInvalid, "session %s: %w", sess.ID, err)
		}
	}
	for _, sc := range rec.Screenings {
		if err := checkText("screening id", sc.ID, maxIDLen, true); err != nil {
			return err
		}
		if !slices.Contains(safety.Outcomes, sc.Result.Outcome) || sc.QuestionSet < 0 || sc.At.IsZero() {
			return unhunch.E(unhunch.EInvalid, message.StoreBadScreening, sc.Result.Outcome)
		}
		for _, c := range sc.Result.Conditions {
			if !c.Known() {
				return unhunch.E(unhunch.EInvalid, message.CatalogBadCondition, c, catalog.ConditionList())
			}
		}
	}
	for _, r := range rec.PSFS {
		if strings.TrimSpace(r.Activity) != r.Activity || r.Activity == "" || len(r.Activity) > maxTextLen {
			return unhunch.E(unhunch.EInvalid, message.StoreBadActivity, r.Activity)
		}
		if r.Score < 0 || r.Score > 10 {
			return unhunch.E(unhunch.EInvalid, message.StoreBadScore, r.Activity, r.Score)
		}
	}
	for _, st := range rec.States {
		if err := checkText("exercise_id", st.ExerciseID, maxTextLen, true); err != nil {
			return err
		}
	}
	if err := checkText("pseudonym", rec.Pseudonym, maxIDLen, true); err != nil {
		return err
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := s.importPerson(ctx, tx, rec.Pseudonym); err != nil {
			return err
		}
		if err := collisions(ctx, tx, account.PersonID(ctx), rec); err != nil {
			return err
		}
		return importRows(ctx, tx, account.PersonID(ctx), rec)
	})
	var e *unhunch.Error
	if errors.As(err, &e) {
		return err
	}
	return s.fail("import records", err)
}

// checkImported checks a finished (or active) session as an import brings it.
func checkImported(sess *journal.Session) error {
	for _, f := range []struct {
		name, value string
		max         int
	}{{"id", sess.ID, maxIDLen}, {"routine_id", sess.RoutineID, maxTextLen}, {"routine_name", sess.RoutineName, maxTextLen}} {
		if err := checkText(f.name, f.value, f.max, f.name != "routine_name"); err != nil {
			return err
		}
	}
	if !slices.Contains([]journal.Status{journal.Active, journal.Completed, journal.Stopped, journal.Interrupted}, sess.Status) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadEndStatus, string(sess.Status))
	}
	if err := errors.Join(journal.CheckPain(sess.PainBefore), journal.CheckPain(sess.PainAfter)); err != nil {
		return err
	}
	if sess.StopReason != "" {
		if _, err := journal.ParseStopReason(string(sess.StopReason)); err != nil {
			return err
		}
	}
	if sess.StartedAt.IsZero() || (sess.EndedAt != nil && sess.EndedAt.Before(sess.StartedAt)) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadTimes)
	}
	if !nonNegative(sess.PlannedSeconds) || sess.PlannedExercises < 0 || !(sess.TimeScale > 0 && sess.TimeScale <= journal.MaxTimeScale) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "planned or time_scale", sess.PlannedSeconds)
	}
	seen := map[[2]int]bool{}
	for _, p := range sess.Exercises {
		if err := checkPerformance(p); err != nil {
			return err
		}
		if err := checkBounds(p); err != nil {
			return err
		}
		k := [2]int{p.Index, p.Attempt}
		if seen[k] {
			return unhunch.E(unhunch.EInvalid, message.StoreBadIndex, p.Index)
		}
		seen[k] = true
	}
	return nil
}

// importPerson takes the bundle's pseudonym: kept when the journal has
// the same, taken when it has none or holds no records yet; another
// person's records into a journal with records of its own are refused.
func (s *Store) importPerson(ctx context.Context, tx *sql.Tx, p string) error {
	var have string
	person := account.PersonID(ctx)
	err := tx.QueryRowContext(ctx, `SELECT pseudonym FROM fhir_patient WHERE person_id = $1`, person).Scan(&have)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO fhir_patient (person_id, pseudonym) VALUES ($1, $2)`, person, p)
		return err
	case err != nil:
		return err
	case have == p:
		return nil
	}
	var n int
	err = tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM sessions WHERE person_id = $1) + (SELECT COUNT(*) FROM screenings WHERE person_id = $1)
		+ (SELECT COUNT(*) FROM psfs_ratings WHERE person_id = $1) + (SELECT COUNT(*) FROM exercise_states WHERE person_id = $1)
		+ (SELECT COUNT(*) FROM condition_clearances WHERE person_id = $1)`, person).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return unhunch.E(unhunch.EConflict, message.ImportOther, p, have)
	}
	_, err = tx.ExecContext(ctx, `UPDATE fhir_patient SET pseudonym = $1 WHERE person_id = $2`, p, person)
	return err
}

// collisions returns an EConflict error naming the records already in
// person's journal, or nil. Sessions and screenings are also refused when
// their id is taken by anyone (their ids are the server's keys); the error
// says no more than that the id is taken.
func collisions(ctx context.Context, tx *sql.Tx, person string, rec Records) error {
	var found []string
	// note adds name to found when the query finds a row.
	note := func(name, q string, args ...any) error {
		var one int
		err := tx.QueryRowContext(ctx, q, args...).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		}
		found = append(found, name)
		return nil
	}
	for _, sess := range rec.Sessions {
		if err := note("session "+sess.ID, `SELECT 1 FROM sessions WHERE id = $1`, sess.ID); err != nil {
			return err
		}
	}
	for _, sc := range rec.Screenings {
		if err := note("screening "+sc.ID, `SELECT 1 FROM screenings WHERE id = $1`, sc.ID); err != nil {
			return err
		}
	}
	for _, r := range rec.PSFS {
		if err := note(fmt.Sprintf("functional scale score %q at %s", r.Activity, r.At.Format(time.RFC3339)),
			`SELECT 1 FROM psfs_ratings WHERE at = $1 AND activity = $2 AND person_id = $3`, millis(r.At), r.Activity, person); err != nil {
			return err
		}
	}
	for _, st := range rec.States {
		if err := note("exercise set aside "+st.ExerciseID,
			`SELECT 1 FROM exercise_states WHERE exercise_id = $1 AND person_id = $6 AND NOT (excluded = $2 AND reason = $3 AND since = $4 AND avoided = $5)`,
			st.ExerciseID, boolInt(st.Excluded), st.Reason, millis(st.Since), boolInt(st.Avoided), person); err != nil {
			return err
		}
	}
	for _, c := range rec.Clearances {
		if err := note("clearance of "+c.ExerciseID+" for "+string(c.Condition),
			`SELECT 1 FROM condition_clearances WHERE exercise_id = $1 AND condition_id = $2 AND at <> $3 AND person_id = $4`,
			c.ExerciseID, string(c.Condition), millis(c.At), person); err != nil {
			return err
		}
	}
	if len(found) == 0 {
		return nil
	}
	list := found
	if len(list) > 20 {
		list = append(list[:20:20], message.Text(message.ImportMore, len(found)-20))
	}
	return unhunch.E(unhunch.EConflict, message.ImportCollide, len(found), strings.Join(list, ", "))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// importRows writes every record as person's.
func importRows(ctx context.Context, tx *sql.Tx, person string, rec Records) error {
	for _, sess := range rec.Sessions {
		var ended any
		if sess.EndedAt != nil {
			ended = millis(*sess.EndedAt)
		}
		var seen any
		if !sess.SeenAt.IsZero() {
			seen = millis(sess.SeenAt)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, routine_id, routine_name, status, started_at, ended_at,
			planned_seconds, planned_exercises, pain_before, pain_after, stop_reason, owner, time_scale, seen_at, planned_ids, person_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			sess.ID, sess.RoutineID, sess.RoutineName, string(sess.Status), millis(sess.StartedAt), ended,
			sess.PlannedSeconds, sess.PlannedExercises, nullInt(sess.PainBefore), nullInt(sess.PainAfter), string(sess.StopReason),
			sess.Owner, sess.TimeScale, seen, strings.Join(sess.PlannedIDs, ","), person); err != nil {
			return err
		}
		for _, p := range sess.Exercises {
			if _, err := tx.ExecContext(ctx, recordSQL, recordArgs(sess.ID, person, p)...); err != nil {
				return err
			}
		}
	}
	for _, sc := range rec.Screenings {
		answers, err := json.Marshal(sc.Answers)
		if err != nil {
			return err
		}
		flagged, err := json.Marshal(sc.Result.Flagged)
		if err != nil {
			return err
		}
		conds, err := json.Marshal(sc.Result.Conditions)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO screenings (id, at, answers, outcome, flagged, clearing, conditions, question_set, person_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, sc.ID, millis(sc.At), string(answers), string(sc.Result.Outcome), string(flagged),
			boolInt(sc.Clearing), string(conds), sc.QuestionSet, person); err != nil {
			return err
		}
	}
	for _, r := range rec.PSFS {
		if _, err := tx.ExecContext(ctx, `INSERT INTO psfs_ratings (at, activity, score, person_id) VALUES ($1, $2, $3, $4)`, millis(r.At), r.Activity, r.Score, person); err != nil {
			return err
		}
	}
	for _, st := range rec.States {
		if _, err := tx.ExecContext(ctx, `INSERT INTO exercise_states (exercise_id, excluded, reason, since, avoided, person_id) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (person_id, exercise_id) DO NOTHING`, st.ExerciseID, boolInt(st.Excluded), st.Reason, millis(st.Since), boolInt(st.Avoided), person); err != nil {
			return err
		}
	}
	for _, c := range rec.Clearances {
		if !c.Condition.Known() {
			return unhunch.E(unhunch.EInvalid, message.CatalogBadCondition, c.Condition, catalog.ConditionList())
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO condition_clearances (exercise_id, condition_id, at, person_id) VALUES ($1, $2, $3, $4)
			ON CONFLICT (person_id, exercise_id, condition_id) DO NOTHING`, c.ExerciseID, string(c.Condition), millis(c.At), person); err != nil {
			return err
		}
	}
	return nil
}
