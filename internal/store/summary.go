package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// What a request reads of the journal, each the least it needs (issue 16):
// the checkpoint and the sessions after it, the screenings the gate rests
// on, the sessions since the last screening, the ends of the pain record,
// sessions of a few weeks without their exercises, and the functional
// scale's first and latest scores. Every query here is answered from an
// index or a summary kept as the journal is written (migration 9), so its
// cost does not grow with the journal.
//
// Everything is read for the person ctx names (account.PersonID): each key
// and each WHERE clause here names person_id (migration 15).

// Checkpoint returns the person's checkpoint, or a zero one when there is
// none (journal.Checkpoint).
func (s *Store) Checkpoint(ctx context.Context) (journal.Checkpoint, error) {
	var (
		cp    journal.Checkpoint
		at    int64
		state string
	)
	st, err := s.stmt(ctx, "SELECT through_at, through_id, basis, state FROM person_summary WHERE person_id = $1")
	if err != nil {
		return cp, s.fail("read the summary", err)
	}
	err = st.QueryRowContext(ctx, account.PersonID(ctx)).Scan(&at, &cp.ThroughID, &cp.Basis, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return journal.Checkpoint{}, nil
	}
	if err != nil {
		return journal.Checkpoint{}, s.fail("read the summary", err)
	}
	cp.ThroughAt, cp.State = fromMillis(at), []byte(state)
	return cp, nil
}

// SaveCheckpoint keeps cp as the person's checkpoint if the journal is
// still at version (Version, read before what cp was worked out from): a
// write since then might have changed a session cp holds, and cp is then
// left out (it reports false). It does not raise the version: a checkpoint
// changes nothing that anyone reads, only how fast they read it.
func (s *Store) SaveCheckpoint(ctx context.Context, version int64, cp journal.Checkpoint) (bool, error) {
	if cp.ThroughAt.IsZero() {
		return false, nil
	}
	saved := false
	person := account.PersonID(ctx)
	err := s.write(func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		var v int64
		// FOR UPDATE would be PostgreSQL's; the upsert below takes the same
		// row lock there (making the person's row at 0 if they have none)
		// and SQLite holds the write lock (BEGIN IMMEDIATE).
		if _, err := tx.ExecContext(ctx, `INSERT INTO journal_version (person_id, v) VALUES ($1, 0)
			ON CONFLICT (person_id) DO UPDATE SET v = journal_version.v`, person); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT v FROM journal_version WHERE person_id = $1", person).Scan(&v); err != nil {
			return err
		}
		if v != version {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO person_summary (person_id, through_at, through_id, basis, state) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (person_id) DO UPDATE SET through_at = $2, through_id = $3, basis = $4, state = $5`,
			person, millis(cp.ThroughAt), cp.ThroughID, cp.Basis, string(cp.State)); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		saved = true
		return nil
	})
	return saved, s.fail("save the summary", err)
}

// SessionsFrom returns the sessions ordered at or after (at, id), by start
// then id, with their exercises, most recent first: the sessions after a
// checkpoint's watermark. A zero at means every session.
func (s *Store) SessionsFrom(ctx context.Context, at time.Time, id string) ([]*journal.Session, error) {
	if at.IsZero() {
		return s.Sessions(ctx, journal.Filter{})
	}
	// The range's second end changes nothing but the plan: PostgreSQL's
	// generic plan of a prepared statement, which knows no argument, takes
	// a range with two ends for a narrow one (0.5% of the rows) and one end
	// alone for a third of the table, which it would read whole. The
	// sessions after a checkpoint are a few days'.
	list, err := s.query(ctx, "started_at >= $1 AND started_at <= $3 AND (started_at, id) >= ($1, $2)", "ORDER BY started_at DESC, id DESC",
		millis(at), id, int64(math.MaxInt64))
	if err != nil {
		return nil, s.fail("read recent sessions", err)
	}
	return list, nil
}

// screeningColumns are read by scanScreening, in this order.
const screeningColumns = "id, at, answers, outcome, flagged, clearing, conditions, question_set"

// GateScreenings returns what the safety gate needs of the screenings made
// by asOf, oldest first: the last screening, the latest clearance, and the
// clearances newer than the latest one that covers the last screening, that
// one included. safety.Gate and person.GateValidUntil decide on them exactly
// as they would on every screening: none other can be the one they pick.
func (s *Store) GateScreenings(ctx context.Context, asOf time.Time) ([]safety.Screening, error) {
	out := []safety.Screening{}
	// safety.LastScreening: the latest; among screenings at the same
	// moment, the first in the journal's order (by id).
	person := account.PersonID(ctx)
	rows, err := s.queryStmt(ctx, "SELECT "+screeningColumns+" FROM screenings WHERE person_id = $2 AND clearing = 0 AND at <= $1 ORDER BY at DESC, id LIMIT 1",
		millis(asOf), person)
	if err != nil {
		return nil, s.fail("read screenings", err)
	}
	for rows.Next() {
		sc, err := s.scanScreening(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, sc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail("read screenings", err)
	}
	if len(out) == 0 {
		return out, nil // never screened: no clearance matters
	}
	last := out[0]
	rows, err = s.queryStmt(ctx, "SELECT "+screeningColumns+" FROM screenings WHERE person_id = $2 AND clearing = 1 AND at <= $1 ORDER BY at DESC, id",
		millis(asOf), person)
	if err != nil {
		return nil, s.fail("read clearances", err)
	}
	defer rows.Close()
	for rows.Next() {
		sc, err := s.scanScreening(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
		if safety.Covers(sc, last) {
			break
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("read clearances", err)
	}
	slices.SortStableFunc(out, func(a, b safety.Screening) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out, nil
}

// GateFacts returns what the safety rules need of each session started
// after after and before before (a zero before: any time), most recent
// first: its start, pain, stop reason and every stop among its attempts.
// The gate reads the sessions since the last screening, a week at most.
func (s *Store) GateFacts(ctx context.Context, after, before time.Time) ([]safety.SessionFacts, error) {
	until := int64(1<<63 - 1)
	if !before.IsZero() {
		until = millis(before)
	}
	rows, err := s.queryStmt(ctx, `SELECT s.id, s.started_at, s.pain_before, s.pain_after, s.stop_reason, p.stop_reason
		FROM (SELECT * FROM sessions WHERE person_id = $3 AND started_at > $1 AND started_at < $2) s
		LEFT JOIN performances p ON p.session_id = s.id AND p.person_id = $3 AND p.outcome = 'stopped' AND p.stop_reason <> ''
		ORDER BY s.started_at DESC, s.id DESC, p.idx, p.attempt`, millis(after), until, account.PersonID(ctx))
	if err != nil {
		return nil, s.fail("read recent sessions", err)
	}
	defer rows.Close()
	var (
		out    []safety.SessionFacts
		lastID string
	)
	for rows.Next() {
		var (
			id, reason            string
			started               int64
			painBefore, painAfter sql.NullInt64
			stop                  sql.NullString
		)
		if err := rows.Scan(&id, &started, &painBefore, &painAfter, &reason, &stop); err != nil {
			return nil, s.fail("read recent sessions", err)
		}
		if len(out) == 0 || id != lastID {
			out = append(out, safety.SessionFacts{At: fromMillis(started), PainBefore: intPtr(painBefore), PainAfter: intPtr(painAfter),
				StopReason: journal.StopReason(reason)})
			lastID = id
		}
		if stop.Valid {
			f := &out[len(out)-1]
			f.Stops = append(f.Stops, journal.StopReason(stop.String))
		}
	}
	return out, s.fail("read recent sessions", rows.Err())
}

// PainEnds returns when the first and the latest real-time session that
// gave pain before it started (the ends of the pain record: the baseline
// week and the latest week), and false when none did.
func (s *Store) PainEnds(ctx context.Context) (first, last time.Time, ok bool, err error) {
	st, err := s.stmt(ctx, `SELECT
		(SELECT MIN(started_at) FROM sessions WHERE person_id = $1 AND pain_before IS NOT NULL AND time_scale = 1),
		(SELECT MAX(started_at) FROM sessions WHERE person_id = $1 AND pain_before IS NOT NULL AND time_scale = 1)`)
	if err != nil {
		return first, last, false, s.fail("read the pain record", err)
	}
	var lo, hi sql.NullInt64
	if err := st.QueryRowContext(ctx, account.PersonID(ctx)).Scan(&lo, &hi); err != nil {
		return first, last, false, s.fail("read the pain record", err)
	}
	if !lo.Valid || !hi.Valid {
		return first, last, false, nil
	}
	return fromMillis(lo.Int64), fromMillis(hi.Int64), true, nil
}

// Briefs returns the real-time sessions (demos left out) started from from
// up to before to, oldest first, without their exercises but with their
// totals (journal.Brief).
func (s *Store) Briefs(ctx context.Context, from, to time.Time) ([]journal.Brief, error) {
	rows, err := s.queryStmt(ctx, `SELECT id, started_at, pain_before, pain_after, done_attempts, practice_seconds FROM sessions
		WHERE person_id = $3 AND started_at >= $1 AND started_at < $2 AND time_scale = 1 ORDER BY started_at, id`, millis(from), millis(to), account.PersonID(ctx))
	if err != nil {
		return nil, s.fail("read sessions", err)
	}
	out, err := scanBriefs(rows, []journal.Brief{})
	return out, s.fail("read sessions", err)
}

// maxSpans is how many spans of time one statement of BriefsIn reads.
const maxSpans = 4

// briefsInSQL reads the real-time sessions of person $9 started in any of
// four spans ($1 up to before $2, $3 to $4, …), oldest first: one range
// of sessions_by_start for each (as four statements joined, where one
// condition of four ranges was planned as a read of every session).
var briefsInSQL = sync.OnceValue(func() string {
	var parts []string
	for i := range maxSpans {
		parts = append(parts, fmt.Sprintf(`SELECT id, started_at, pain_before, pain_after, done_attempts, practice_seconds FROM sessions
	WHERE person_id = $9 AND started_at >= $%d AND started_at < $%d AND time_scale = 1`, 2*i+1, 2*i+2))
	}
	return strings.Join(parts, " UNION ALL ") + " ORDER BY started_at, id"
})

// BriefsIn returns the real-time sessions (demos left out) started in any
// of spans (each from its start up to before its end), oldest first,
// without their exercises but with their totals (journal.Brief): Briefs
// for several spans in one statement, so that a document that reads the
// first weeks of a long journal and its latest (the progress document)
// makes as many round trips as one of a short journal, where they are
// one span. Spans should not overlap: a session in two may come twice.
func (s *Store) BriefsIn(ctx context.Context, spans [][2]time.Time) ([]journal.Brief, error) {
	out := []journal.Brief{}
	for chunk := range slices.Chunk(spans, maxSpans) {
		args := make([]any, 0, 2*maxSpans+1)
		for i := range maxSpans {
			if i < len(chunk) {
				args = append(args, millis(chunk[i][0]), millis(chunk[i][1]))
			} else {
				args = append(args, int64(0), int64(0)) // an empty span
			}
		}
		rows, err := s.queryStmt(ctx, briefsInSQL(), append(args, account.PersonID(ctx))...)
		if err != nil {
			return nil, s.fail("read sessions", err)
		}
		out, err = scanBriefs(rows, out)
		if err != nil {
			return nil, s.fail("read sessions", err)
		}
	}
	return out, nil
}

// scanBriefs appends the briefs of rows (id, started_at, pain_before,
// pain_after, done_attempts, practice_seconds) to out, and closes rows.
func scanBriefs(rows *sql.Rows, out []journal.Brief) ([]journal.Brief, error) {
	defer rows.Close()
	for rows.Next() {
		var (
			b                     journal.Brief
			started               int64
			painBefore, painAfter sql.NullInt64
		)
		if err := rows.Scan(&b.ID, &started, &painBefore, &painAfter, &b.Done, &b.Seconds); err != nil {
			return nil, err
		}
		b.StartedAt, b.PainBefore, b.PainAfter = fromMillis(started), intPtr(painBefore), intPtr(painAfter)
		out = append(out, b)
	}
	return out, rows.Err()
}

// PSFSActivities returns each functional-scale activity's first and latest
// score (kept as ratings are saved), in the order they were first rated,
// and when the scale was last rated (zero: never).
func (s *Store) PSFSActivities(ctx context.Context) ([]progress.PSFSActivity, time.Time, error) {
	rows, err := s.queryStmt(ctx, `SELECT activity, first_score, latest_at, latest_score FROM psfs_activities WHERE person_id = $1 ORDER BY first_at, activity`,
		account.PersonID(ctx))
	if err != nil {
		return nil, time.Time{}, s.fail("read functional scale", err)
	}
	defer rows.Close()
	out := []progress.PSFSActivity{}
	var last time.Time
	for rows.Next() {
		var (
			a  progress.PSFSActivity
			at int64
		)
		if err := rows.Scan(&a.Activity, &a.First, &at, &a.Latest); err != nil {
			return nil, last, s.fail("read functional scale", err)
		}
		a.LatestAt = fromMillis(at)
		if a.LatestAt.After(last) {
			last = a.LatestAt
		}
		out = append(out, a)
	}
	return out, last, s.fail("read functional scale", rows.Err())
}

// Screening returns the screening or clearance with id, and whether there is
// one.
func (s *Store) Screening(ctx context.Context, id string) (safety.Screening, bool, error) {
	rows, err := s.queryStmt(ctx, "SELECT "+screeningColumns+" FROM screenings WHERE id = $1 AND person_id = $2", id, account.PersonID(ctx))
	if err != nil {
		return safety.Screening{}, false, s.fail("read screening "+id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return safety.Screening{}, false, s.fail("read screening "+id, rows.Err())
	}
	sc, err := s.scanScreening(rows)
	return sc, err == nil, err
}

// Analyze has PostgreSQL gather the statistics its query planner works
// from, as its autovacuum does by itself once enough rows have changed. A
// journal written all at once (ten years by a test helper) is read through
// its indexes straight after, instead of by whole-table scans until
// autovacuum comes round (issue 16: before it, the gate's and the person's
// reads of a ten-year journal scanned every outcome). SQLite needs none:
// its planner prefers the indexes without statistics.
func (s *Store) Analyze(ctx context.Context) error {
	if s.eng != postgresEngine {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, "ANALYZE"); err != nil {
		return s.fail("analyze", err)
	}
	return nil
}
