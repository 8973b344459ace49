package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// Limits on text a client sends, so that a journal row stays small.
const (
	maxIDLen   = 64
	maxTextLen = 200
)

// StartSession saves s as a new active session. It fills in an ID when s has
// none, the start time (now) when it is zero, the lease's last renewal
// (SeenAt; the start when zero), and rounds both to the millisecond the
// journal keeps. With a ClientKey that an earlier session
// already used, it writes nothing, puts that session in *s and returns
// created=false: a client that sends the same start twice gets one session.
func (s *Store) StartSession(ctx context.Context, sess *journal.Session) (created bool, err error) {
	if err := checkNewSession(sess); err != nil {
		return false, err
	}
	if sess.ID == "" {
		sess.ID = NewID()
	}
	if sess.StartedAt.IsZero() {
		sess.StartedAt = time.Now()
	}
	sess.Status = journal.Active
	sess.StartedAt = fromMillis(millis(sess.StartedAt))
	if sess.SeenAt.IsZero() {
		sess.SeenAt = sess.StartedAt
	}
	sess.SeenAt = fromMillis(millis(sess.SeenAt))
	if sess.TimeScale == 0 {
		sess.TimeScale = 1
	}
	sess.Demo = journal.DemoScale(sess.TimeScale)
	if sess.Exercises == nil {
		sess.Exercises = []journal.Performance{}
	}
	var n int64
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = execDroppingCheckpoint(ctx, tx, sess.ID, `INSERT INTO sessions
			(id, routine_id, routine_name, status, started_at, planned_seconds, planned_exercises, pain_before, owner, client_key, time_scale, seen_at, planned_ids, person_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
			ON CONFLICT DO NOTHING`,
			sess.ID, sess.RoutineID, sess.RoutineName, string(journal.Active), millis(sess.StartedAt),
			sess.PlannedSeconds, sess.PlannedExercises, nullInt(sess.PainBefore), sess.Owner, nullString(sess.ClientKey), sess.TimeScale,
			millis(sess.SeenAt), strings.Join(sess.PlannedIDs, ","), account.PersonID(ctx))
		return err
	})
	if err != nil {
		return false, s.fail("save session "+sess.ID, err)
	}
	if n == 1 {
		return true, nil
	}
	// The ID or the client key is taken.
	if sess.ClientKey != "" {
		list, err := s.query(ctx, "client_key = $1", "", sess.ClientKey)
		if err != nil {
			return false, s.fail("read session with client key "+sess.ClientKey, err)
		}
		if len(list) == 1 {
			*sess = *list[0]
			return false, nil
		}
	}
	return false, unhunch.E(unhunch.EConflict, message.StoreSessionExists, sess.ID)
}

// RecordExercise saves one attempt at an exercise of a session (attempt 0
// is taken as 1). A saved outcome is a fact: the same attempt sent again
// with the same content changes nothing (a client may re-send after a
// timeout), and with different content it is refused with an EConflict
// error. Going back to an exercise is a new attempt.
func (s *Store) RecordExercise(ctx context.Context, sessionID string, p journal.Performance) error {
	if err := unknownID(sessionID); err != nil {
		return err
	}
	p, err := normalAttempt(p)
	if err != nil {
		return err
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		st, err := s.recordStmts(ctx)
		if err != nil {
			return err
		}
		return recordOne(ctx, tx, st.in(ctx, tx), sessionID, account.PersonID(ctx), p)
	})
	if err != nil && s.eng.isForeignKey(err) {
		return unhunch.E(unhunch.ENotFound, message.StoreNoSession, sessionID).Wrap(err)
	}
	return s.fail("save exercise "+sessionID+"/"+strconv.Itoa(p.Index), err)
}

// normalAttempt checks p and returns it with attempt 0 read as 1.
func normalAttempt(p journal.Performance) (journal.Performance, error) {
	if p.Attempt == 0 {
		p.Attempt = 1
	}
	return p, checkPerformance(p)
}

// recordSQL saves one attempt at an exercise unless that attempt is saved
// already; recordOne then compares the two. The foreign key on (person_id,
// session_id) refuses an attempt at another person's session.
const recordSQL = `INSERT INTO performances
	(session_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths, amount_seconds, sets,
	 seconds, started_at, ended_at, rating, person_id)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
	ON CONFLICT (session_id, idx, attempt) DO NOTHING`

// recordArgs are recordSQL's arguments for p, an attempt of person's.
func recordArgs(sessionID, person string, p journal.Performance) []any {
	return []any{sessionID, p.Index, p.Attempt, p.ExerciseID, string(p.Outcome), string(p.StopReason),
		p.Amount.Reps, p.Amount.Hold, p.Amount.HoldBreaths, p.Amount.Seconds, p.Amount.Sets,
		p.Seconds, millis(p.StartedAt), millis(p.EndedAt), string(p.Rating), person}
}

// totalsSQL adds a saved attempt to its session's totals (migration 9):
// attempts done and seconds spent, what adherence reads.
const totalsSQL = `UPDATE sessions SET done_attempts = done_attempts + $2, practice_seconds = practice_seconds + $3 WHERE id = $1 AND person_id = $4`

// dropCheckpointSQL drops person $2's checkpoint (journal.Checkpoint) when
// their session $1 is ordered before its watermark: the checkpoint
// summarised that session as it was, and it has just changed.
const dropCheckpointSQL = `DELETE FROM person_summary WHERE person_id = $2 AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = $1 AND s.person_id = $2
	AND (s.started_at < person_summary.through_at OR (s.started_at = person_summary.through_at AND s.id < person_summary.through_id)))`

// dropCheckpoint runs dropCheckpointSQL for the session id of the person
// ctx names in tx: every write to a session calls it in its own
// transaction.
func dropCheckpoint(ctx context.Context, tx *sql.Tx, id string) error {
	_, err := tx.ExecContext(ctx, dropCheckpointSQL, id, account.PersonID(ctx))
	return err
}

// execDroppingCheckpoint runs one statement that changes session id (of
// the person ctx names) and, when it changed a row, drops the person's
// checkpoint in the same transaction; it returns the rows changed.
func execDroppingCheckpoint(ctx context.Context, tx *sql.Tx, id, q string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return n, err
	}
	return n, dropCheckpoint(ctx, tx, id)
}

// recordStatements are the statements that save an attempt, prepared once
// per store: the insert, the session's totals and the checkpoint's drop.
type recordStatements struct{ insert, totals, drop *sql.Stmt }

// recordStmts returns the store's prepared recordStatements.
func (s *Store) recordStmts(ctx context.Context) (recordStatements, error) {
	var st recordStatements
	var err error
	if st.insert, err = s.stmt(ctx, recordSQL); err != nil {
		return st, err
	}
	if st.totals, err = s.stmt(ctx, totalsSQL); err != nil {
		return st, err
	}
	st.drop, err = s.stmt(ctx, dropCheckpointSQL)
	return st, err
}

// in returns the statements bound to tx.
func (st recordStatements) in(ctx context.Context, tx *sql.Tx) recordStatements {
	return recordStatements{tx.StmtContext(ctx, st.insert), tx.StmtContext(ctx, st.totals), tx.StmtContext(ctx, st.drop)}
}

// recordOne saves p, an attempt at person's session sessionID, in tx with
// st (prepared on tx), adds it to its session's totals and drops a
// checkpoint that holds the session. When the attempt is saved already it
// changes nothing: it returns nil if what is saved is what p says (a
// re-send), and an EConflict error if it differs. Another person's session
// is an ENotFound error, as a missing one.
func recordOne(ctx context.Context, tx *sql.Tx, st recordStatements, sessionID, person string, p journal.Performance) error {
	res, err := st.insert.ExecContext(ctx, recordArgs(sessionID, person, p)...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 1 {
		done := 0
		if p.Outcome == journal.Done {
			done = 1
		}
		if _, err := st.totals.ExecContext(ctx, sessionID, done, p.Seconds, person); err != nil {
			return err
		}
		_, err := st.drop.ExecContext(ctx, sessionID, person)
		return err
	}
	return compareSaved(ctx, tx, sessionID, person, p)
}

// rowQuerier runs a query that returns at most one row: a transaction or
// a connection.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// compareSaved compares p with the attempt saved already at person's
// session sessionID: nil if it is what p says (a re-send), an EConflict
// error if it differs, an ENotFound error if the attempt is saved at
// another person's session.
func compareSaved(ctx context.Context, q rowQuerier, sessionID, person string, p journal.Performance) error {
	var (
		saved           journal.Performance
		outcome, reason string
		start, end      int64
	)
	err := q.QueryRowContext(ctx, `SELECT exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths, amount_seconds, sets,
		seconds, started_at, ended_at FROM performances WHERE session_id = $1 AND idx = $2 AND attempt = $3 AND person_id = $4`,
		sessionID, p.Index, p.Attempt, person).Scan(&saved.ExerciseID, &outcome, &reason, &saved.Amount.Reps, &saved.Amount.Hold,
		&saved.Amount.HoldBreaths, &saved.Amount.Seconds, &saved.Amount.Sets, &saved.Seconds, &start, &end)
	if errors.Is(err, sql.ErrNoRows) {
		// The attempt is saved, at another person's session.
		return unhunch.E(unhunch.ENotFound, message.StoreNoSession, sessionID)
	}
	if err != nil {
		return err
	}
	if saved.ExerciseID == p.ExerciseID && outcome == string(p.Outcome) && reason == string(p.StopReason) &&
		saved.Amount == p.Amount && saved.Seconds == p.Seconds && start == millis(p.StartedAt) && end == millis(p.EndedAt) {
		return nil
	}
	said := message.OutcomeWords.Text(outcome)
	if reason != "" {
		said += " (" + message.StopWords.Text(reason) + ")"
	}
	return unhunch.E(unhunch.EConflict, message.StoreAttemptSaved, p.Attempt, p.Index, sessionID, said, p.Attempt+1)
}

// RateExercise saves how one attempt at the exercise at index felt;
// attempt 0 means the exercise's latest attempt.
func (s *Store) RateExercise(ctx context.Context, sessionID string, index, attempt int, r journal.Rating) error {
	if err := unknownID(sessionID); err != nil {
		return err
	}
	if err := checkIndex(index); err != nil {
		return err
	}
	if _, err := journal.ParseRating(string(r)); err != nil {
		return err
	}
	if attempt < 0 {
		return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "attempt", attempt)
	}
	if attempt > MaxAttempt {
		return unhunch.E(unhunch.EInvalid, message.StoreNumberTooLarge, "attempt", attempt, MaxAttempt)
	}
	q := "UPDATE performances SET rating = $4 WHERE session_id = $1 AND idx = $2 AND attempt = $3 AND person_id = $5"
	if attempt == 0 {
		q = `UPDATE performances SET rating = $4 WHERE session_id = $1 AND idx = $2 AND $3 = 0 AND person_id = $5 AND attempt =
			(SELECT MAX(attempt) FROM performances WHERE session_id = $1 AND idx = $2 AND person_id = $5)`
	}
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = execDroppingCheckpoint(ctx, tx, sessionID, q, sessionID, index, attempt, string(r), account.PersonID(ctx))
		return err
	})
	if err != nil {
		return s.fail("rate exercise "+sessionID+"/"+strconv.Itoa(index), err)
	}
	if n == 0 {
		if err := s.exists(ctx, sessionID); err != nil {
			return err
		}
		return unhunch.E(unhunch.ENotFound, message.StoreNoExercise, sessionID, index)
	}
	return nil
}

// FinishSession ends a session: completed, stopped (with the reason, if one
// was given) or interrupted, at endedAt (now if zero), with the pain after.
// Finishing again overwrites, so a re-sent finish is harmless.
func (s *Store) FinishSession(ctx context.Context, id string, status journal.Status, endedAt time.Time, painAfter *int, reason journal.StopReason) error {
	if err := unknownID(id); err != nil {
		return err
	}
	switch status {
	case journal.Completed, journal.Stopped, journal.Interrupted:
	default:
		return unhunch.E(unhunch.EInvalid, message.StoreBadEndStatus, string(status))
	}
	if err := journal.CheckPain(painAfter); err != nil {
		return err
	}
	if reason != "" {
		if _, err := journal.ParseStopReason(string(reason)); err != nil {
			return err
		}
		if status != journal.Stopped {
			return unhunch.E(unhunch.EInvalid, message.StoreReasonWithoutStop, string(reason))
		}
	}
	if endedAt.IsZero() {
		endedAt = time.Now()
	}
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = execDroppingCheckpoint(ctx, tx, id, `UPDATE sessions SET status = $2, ended_at = $3, pain_after = $4, stop_reason = $5
			WHERE id = $1 AND person_id = $6`, id, string(status), millis(endedAt), nullInt(painAfter), string(reason), account.PersonID(ctx))
		return err
	})
	if err != nil {
		return s.fail("finish session "+id, err)
	}
	if n == 0 {
		return unhunch.E(unhunch.ENotFound, message.StoreNoSession, id)
	}
	return nil
}

// Session returns one session with its exercises, or an ENotFound error.
func (s *Store) Session(ctx context.Context, id string) (*journal.Session, error) {
	if err := unknownID(id); err != nil {
		return nil, err
	}
	list, err := s.query(ctx, "id = $1", "", id)
	if err != nil {
		return nil, s.fail("read session "+id, err)
	}
	if len(list) == 0 {
		return nil, unhunch.E(unhunch.ENotFound, message.StoreNoSession, id)
	}
	return list[0], nil
}

// Sessions returns the sessions f selects with their exercises, most recent
// first (by start, then id), in one query. With f.Before, the page starts
// after that session; an unknown one is an ENotFound error.
func (s *Store) Sessions(ctx context.Context, f journal.Filter) ([]*journal.Session, error) {
	since := int64(math.MinInt64)
	if !f.Since.IsZero() {
		since = millis(f.Since)
	}
	limit := int64(math.MaxInt64)
	if f.Limit > 0 {
		limit = int64(f.Limit)
	}
	var (
		list []*journal.Session
		err  error
	)
	if f.Before == "" {
		list, err = s.query(ctx, "started_at >= $1", "ORDER BY started_at DESC, id DESC LIMIT $2", since, limit)
	} else {
		var at int64
		if at, err = s.startOf(ctx, f.Before); err != nil {
			return nil, err
		}
		list, err = s.query(ctx, `started_at >= $1 AND (started_at, id) < ($3, $4)`,
			"ORDER BY started_at DESC, id DESC LIMIT $2", since, limit, at, f.Before)
	}
	if err != nil {
		return nil, s.fail("read sessions", err)
	}
	return list, nil
}

// startOf returns when session id started, or an ENotFound error.
func (s *Store) startOf(ctx context.Context, id string) (int64, error) {
	if err := unknownID(id); err != nil {
		return 0, err
	}
	st, err := s.stmt(ctx, "SELECT started_at FROM sessions WHERE id = $1 AND person_id = $2")
	if err != nil {
		return 0, s.fail("read session "+id, err)
	}
	var at int64
	err = st.QueryRowContext(ctx, id, account.PersonID(ctx)).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, unhunch.E(unhunch.ENotFound, message.StoreNoSession, id)
	}
	return at, s.fail("read session "+id, err)
}

// ActiveSessions returns the person's sessions still marked active, most
// recent first: sessions being played now, and sessions whose player died.
func (s *Store) ActiveSessions(ctx context.Context) ([]*journal.Session, error) {
	// A literal, not an argument: the partial index sessions_active holds
	// only active sessions, and a plan made for any status cannot use it.
	list, err := s.query(ctx, "status = 'active'", "")
	if err != nil {
		return nil, s.fail("read active sessions", err)
	}
	return list, nil
}

// MarkInterrupted ends an active session as interrupted; at is the last
// moment it was known to run (SweepInterrupted passes the later of its
// lease's last renewal and its last saved exercise's end; a browser that
// says its page was left passes that moment). A session that is no longer active is left as it is, so
// two processes sweeping at once do no harm. It returns an ENotFound error
// for an unknown id.
func (s *Store) MarkInterrupted(ctx context.Context, id string, at time.Time) error {
	if err := unknownID(id); err != nil {
		return err
	}
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = execDroppingCheckpoint(ctx, tx, id, "UPDATE sessions SET status = $2, ended_at = $3 WHERE id = $1 AND status = $4 AND person_id = $5",
			id, string(journal.Interrupted), millis(at), string(journal.Active), account.PersonID(ctx))
		return err
	})
	if err != nil {
		return s.fail("mark session "+id+" interrupted", err)
	}
	if n == 0 {
		return s.exists(ctx, id)
	}
	return nil
}

// SweepInterrupted marks as interrupted every active session whose player
// is gone: its owner is not alive (a process on this machine that ended;
// pass OwnerAlive), or its lease lapsed at now (journal.Lease without a
// renewal). It returns how many it marked. Each ends at the last moment it
// was known to run. A player that comes back renews its lease and revives
// its session (Renew). The sweep is the server's, on purpose: it looks at
// every person's active sessions, each through its own person (whose
// version it raises), whoever ctx names.
func (s *Store) SweepInterrupted(ctx context.Context, alive func(owner string) bool, now time.Time) (int, error) {
	people, err := s.activePeople(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, person := range people {
		pctx := account.ForPerson(ctx, person)
		active, err := s.ActiveSessions(pctx)
		if err != nil {
			return n, err
		}
		for _, sess := range active {
			if alive(sess.Owner) && !sess.Lapsed(now) {
				continue
			}
			if err := s.MarkInterrupted(pctx, sess.ID, lastSeen(sess)); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// activePeople returns the people who have a session marked active.
func (s *Store) activePeople(ctx context.Context) ([]string, error) {
	rows, err := s.queryStmt(ctx, "SELECT DISTINCT person_id FROM sessions WHERE status = 'active' ORDER BY person_id")
	if err != nil {
		return nil, s.fail("read active sessions", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, s.fail("read active sessions", err)
		}
		out = append(out, p)
	}
	return out, s.fail("read active sessions", rows.Err())
}

// Renew renews the lease of a session being played: its player says, at
// at, that it is still playing. A session interrupted meanwhile (its lease
// lapsed, or the browser said the page was left and then came back to it)
// is active again. A session already finished is left as it is. It returns
// an ENotFound error for an unknown id.
func (s *Store) Renew(ctx context.Context, id string, at time.Time) error {
	var n int64
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = execDroppingCheckpoint(ctx, tx, id, `UPDATE sessions SET status = $3, ended_at = NULL,
			seen_at = CASE WHEN seen_at IS NULL OR seen_at < $2 THEN $2 ELSE seen_at END
			WHERE id = $1 AND status IN ($3, $4) AND person_id = $5`, id, millis(at), string(journal.Active), string(journal.Interrupted), account.PersonID(ctx))
		return err
	})
	if err != nil {
		return s.fail("renew session "+id, err)
	}
	if n == 0 {
		return s.exists(ctx, id)
	}
	return nil
}

// lastSeen returns the last moment a session is known to have run: its
// lease's last renewal or the end of its latest saved exercise, whichever is
// later, or its start.
func lastSeen(sess *journal.Session) time.Time {
	t := sess.StartedAt
	if sess.SeenAt.After(t) {
		t = sess.SeenAt
	}
	for _, p := range sess.Exercises {
		if p.EndedAt.After(t) {
			t = p.EndedAt
		}
	}
	return t
}

// exists returns nil if the session is in the journal of the person ctx
// names and an ENotFound error if it is not.
func (s *Store) exists(ctx context.Context, id string) error {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM sessions WHERE id = $1 AND person_id = $2", id, account.PersonID(ctx)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return unhunch.E(unhunch.ENotFound, message.StoreNoSession, id)
	}
	return s.fail("read session "+id, err)
}

// sessionColumns and performanceColumns are read by query, in this order.
const (
	sessionColumns = `s.id, s.routine_id, s.routine_name, s.status, s.started_at, s.ended_at, s.planned_seconds,
		s.planned_exercises, s.pain_before, s.pain_after, s.stop_reason, s.owner, s.client_key, s.time_scale, s.seen_at`
	performanceColumns = `p.idx, p.attempt, p.exercise_id, p.outcome, p.stop_reason, p.reps, p.hold_seconds, p.hold_breaths,
		p.amount_seconds, p.sets, p.seconds, p.started_at, p.ended_at, p.rating`
)

// maxListed is the most sessions whose exercises one statement reads
// (exercisesSQL): more are read maxListed at a time.
const maxListed = 64

// query returns the sessions of the person ctx names that the condition
// cond (on the sessions table, with args $1…) selects, with tail (ORDER BY,
// LIMIT) applied, each with its exercises, most recent first (by start,
// then id). The person is the last argument.
//
// It reads in two steps, each one index range whatever the plan (issue
// 16): the sessions alone, through sessions_by_start (or another index of
// sessions), then their exercises by naming the sessions, through the
// primary key of performances. One query joining the two left the join's
// order to the planner, and PostgreSQL's generic plan of a prepared
// statement, which knows no argument, guesses that a third of the
// sessions match and read every outcome of the journal to join them.
func (s *Store) query(ctx context.Context, cond, tail string, args ...any) ([]*journal.Session, error) {
	person := account.PersonID(ctx)
	owner := "$" + strconv.Itoa(len(args)+1)
	args = append(args, person)
	rows, err := s.queryStmt(ctx, "SELECT "+sessionColumns+" FROM (SELECT * FROM sessions WHERE person_id = "+owner+" AND ("+cond+") "+tail+
		") s ORDER BY s.started_at DESC, s.id DESC", args...)
	if err != nil {
		return nil, err
	}
	var (
		list []*journal.Session
		r    joinedRow
	)
	for rows.Next() {
		if err := rows.Scan(r.sessionTargets()...); err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, r.sessionOf())
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return list, nil
	}
	byID := make(map[string]*journal.Session, len(list))
	for _, sess := range list {
		byID[sess.ID] = sess
	}
	for chunk := range slices.Chunk(list, maxListed) {
		if err := s.exercisesOf(ctx, person, chunk, byID, &r); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// exercisesOf reads the exercises of sessions (at most maxListed of
// person's) into the sessions of byID, each in order of index and
// attempt, scanning through r.
func (s *Store) exercisesOf(ctx context.Context, person string, sessions []*journal.Session, byID map[string]*journal.Session, r *joinedRow) error {
	n := listed(len(sessions))
	args := make([]any, 0, n+1)
	args = append(args, person)
	for i := range n {
		args = append(args, sessions[min(i, len(sessions)-1)].ID)
	}
	rows, err := s.queryStmt(ctx, exercisesSQL(n), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var id string
	targets := append([]any{&id}, r.performanceTargets()...)
	for rows.Next() {
		if err := rows.Scan(targets...); err != nil {
			return err
		}
		if p, ok := r.performance(); ok {
			sess := byID[id]
			sess.Exercises = append(sess.Exercises, p)
		}
	}
	return rows.Err()
}

// listed returns how many sessions exercisesSQL names for n sessions: the
// next power of two, so that a few statements serve every n up to
// maxListed (the last session is named again to fill the list).
func listed(n int) int {
	m := 1
	for m < n {
		m *= 2
	}
	return m
}

// exercisesSQL reads the attempts of n sessions of person $1, named by id
// ($2…), each session's in order of index and attempt: one probe of the
// primary key of performances for each. (A list of values joined with
// performances, tried instead, had PostgreSQL's generic plan hash the ids
// and read every outcome of a journal of a year or two.)
func exercisesSQL(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(i+2))
	}
	return "SELECT p.session_id, " + performanceColumns + " FROM performances p WHERE p.person_id = $1 AND p.session_id IN (" + b.String() +
		") ORDER BY p.session_id, p.idx, p.attempt"
}

// joinedRow is what query scans in place: a session's columns
// (sessionColumns) or one of its attempts' (performanceColumns).
type joinedRow struct {
	session                journal.Session
	status, sreason        string
	started                int64
	ended, seen            sql.NullInt64
	painBefore, painAfter  sql.NullInt64
	clientKey              sql.NullString
	idx, attempt           sql.NullInt64
	exID, outcome, preason sql.NullString
	reps, hold, breaths    sql.NullInt64
	amountSec, sets        sql.NullInt64
	seconds                sql.NullFloat64
	pStart, pEnd           sql.NullInt64
	rating                 sql.NullString
}

// sessionTargets are the scan destinations of sessionColumns, in order.
func (r *joinedRow) sessionTargets() []any {
	ss := &r.session
	return []any{&ss.ID, &ss.RoutineID, &ss.RoutineName, &r.status, &r.started, &r.ended, &ss.PlannedSeconds,
		&ss.PlannedExercises, &r.painBefore, &r.painAfter, &r.sreason, &ss.Owner, &r.clientKey, &ss.TimeScale, &r.seen}
}

// performanceTargets are the scan destinations of performanceColumns, in
// order.
func (r *joinedRow) performanceTargets() []any {
	return []any{&r.idx, &r.attempt, &r.exID, &r.outcome, &r.preason, &r.reps, &r.hold, &r.breaths, &r.amountSec, &r.sets,
		&r.seconds, &r.pStart, &r.pEnd, &r.rating}
}

// sessionOf returns a new session from the row's session columns.
func (r *joinedRow) sessionOf() *journal.Session {
	ss := r.session
	ss.Status = journal.Status(r.status)
	ss.StartedAt = fromMillis(r.started)
	if r.ended.Valid {
		t := fromMillis(r.ended.Int64)
		ss.EndedAt = &t
	}
	ss.PainBefore = intPtr(r.painBefore)
	ss.PainAfter = intPtr(r.painAfter)
	ss.StopReason = journal.StopReason(r.sreason)
	ss.ClientKey = r.clientKey.String
	if r.seen.Valid {
		ss.SeenAt = fromMillis(r.seen.Int64)
	}
	ss.Demo = journal.DemoScale(ss.TimeScale)
	ss.Exercises = []journal.Performance{}
	return &ss
}

// performance returns the row's attempt, if it has one.
func (r *joinedRow) performance() (journal.Performance, bool) {
	if !r.idx.Valid {
		return journal.Performance{}, false // a session without exercises
	}
	p := journal.Performance{
		Index:      int(r.idx.Int64),
		Attempt:    int(r.attempt.Int64),
		ExerciseID: r.exID.String,
		Outcome:    journal.Outcome(r.outcome.String),
		StopReason: journal.StopReason(r.preason.String),
		Seconds:    r.seconds.Float64,
		StartedAt:  fromMillis(r.pStart.Int64),
		EndedAt:    fromMillis(r.pEnd.Int64),
		Rating:     journal.Rating(r.rating.String),
	}
	p.Amount.Reps, p.Amount.Hold, p.Amount.HoldBreaths = int(r.reps.Int64), int(r.hold.Int64), int(r.breaths.Int64)
	p.Amount.Seconds, p.Amount.Sets = int(r.amountSec.Int64), int(r.sets.Int64)
	return p, true
}

// checkNewSession validates a session about to be started.
func checkNewSession(sess *journal.Session) error {
	if err := checkText("routine_id", sess.RoutineID, maxTextLen, true); err != nil {
		return err
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"id", sess.ID, maxIDLen}, {"routine_name", sess.RoutineName, maxTextLen}, {"owner", sess.Owner, maxTextLen}, {"client_key", sess.ClientKey, maxIDLen}} {
		if err := checkText(f.name, f.value, f.max, false); err != nil {
			return err
		}
	}
	if sess.Status != "" && sess.Status != journal.Active {
		return unhunch.E(unhunch.EInvalid, message.StoreNewNotActive, string(sess.Status))
	}
	if sess.EndedAt != nil || sess.PainAfter != nil || sess.StopReason != "" {
		return unhunch.E(unhunch.EInvalid, message.StoreNewHasEnd)
	}
	if err := journal.CheckPain(sess.PainBefore); err != nil {
		return err
	}
	if !nonNegative(sess.PlannedSeconds) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "planned_seconds", sess.PlannedSeconds)
	}
	if sess.PlannedExercises < 0 {
		return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "planned_exercises", sess.PlannedExercises)
	}
	if !nonNegative(sess.TimeScale) || sess.TimeScale > journal.MaxTimeScale {
		return unhunch.E(unhunch.EInvalid, message.StoreBadTimeScale, sess.TimeScale, journal.MaxTimeScale)
	}
	return checkPlannedIDs(sess)
}

// checkPerformance validates one exercise's outcome.
func checkPerformance(p journal.Performance) error {
	if p.Index < 0 {
		return unhunch.E(unhunch.EInvalid, message.StoreBadIndex, p.Index)
	}
	if p.Attempt < 1 {
		return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "attempt", p.Attempt)
	}
	if err := checkText("exercise_id", p.ExerciseID, maxTextLen, true); err != nil {
		return err
	}
	if !slices.Contains([]journal.Outcome{journal.Done, journal.Skipped, journal.Halted}, p.Outcome) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadOutcome, string(p.Outcome))
	}
	switch {
	case p.Outcome == journal.Halted && p.StopReason == "":
		return unhunch.E(unhunch.EInvalid, message.StoreStopNeedsReason)
	case p.StopReason != "":
		if _, err := journal.ParseStopReason(string(p.StopReason)); err != nil {
			return err
		}
		if p.Outcome != journal.Halted {
			return unhunch.E(unhunch.EInvalid, message.StoreReasonWithoutStop, string(p.StopReason))
		}
	}
	if p.Rating != "" {
		if _, err := journal.ParseRating(string(p.Rating)); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"reps", p.Amount.Reps}, {"hold_seconds", p.Amount.Hold}, {"hold_breaths", p.Amount.HoldBreaths}, {"seconds", p.Amount.Seconds}, {"sets", p.Amount.Sets}} {
		if f.v < 0 {
			return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "amount."+f.name, f.v)
		}
	}
	if !nonNegative(p.Seconds) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadNumber, "seconds", p.Seconds)
	}
	if err := checkBounds(p); err != nil {
		return err
	}
	if p.StartedAt.IsZero() || p.EndedAt.IsZero() || millis(p.EndedAt) < millis(p.StartedAt) {
		return unhunch.E(unhunch.EInvalid, message.StoreBadTimes)
	}
	return nil
}

// checkText validates a text field: present if required, not too long, and
// valid UTF-8 without control characters.
func checkText(name, v string, max int, required bool) error {
	switch {
	case v == "" && required:
		return unhunch.E(unhunch.EInvalid, message.StoreMissing, name)
	case utf8.RuneCountInString(v) > max:
		return unhunch.E(unhunch.EInvalid, message.StoreTooLong, name, max)
	case !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return unhunch.E(unhunch.EInvalid, message.StoreBadText, name)
	}
	return nil
}

// nonNegative reports whether f is a finite number, 0 or more.
func nonNegative(f float64) bool { return f >= 0 && !math.IsInf(f, 1) && !math.IsNaN(f) }

// millis returns t as Unix milliseconds, the journal's representation of time.
func millis(t time.Time) int64 { return t.UnixMilli() }

// fromMillis returns the UTC time of Unix milliseconds ms.
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// nullInt returns *p, or NULL for nil.
func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// nullString returns s, or NULL for "".
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// intPtr returns a pointer to n's value, or nil for NULL.
func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}
