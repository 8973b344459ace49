package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// connectTimeout bounds each attempt to reach PostgreSQL when the URL sets
// no connect_timeout, so that a server that never answers gives a clear
// error instead of a hang.
const connectTimeout = 10 * time.Second

var postgresEngine = &engine{
	name:         "postgres",
	gooseDialect: goose.DialectPostgres,
	listTables:   "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
	ownedTables:  "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = $1 ORDER BY table_name",
	explain:      explainPostgres,
	isForeignKey: func(err error) bool {
		var pe *pgconn.PgError
		return errors.As(err, &pe) && pe.Code == "23503"
	},
	lockMigrations: lockPostgresMigrations,
}

// planCacheMode is the PostgreSQL setting (12 and later) that decides how
// a prepared statement is planned; the store asks for a generic plan,
// made once per connection, unless the URL names a mode (issue 16). By
// default PostgreSQL plans a statement again for its arguments whenever
// that looks cheaper than the generic plan, and on a long journal it
// always did for the joins of sessions and outcomes: a fraction of a
// millisecond of planning per read that grew with the planner's
// statistics, where the same plan reads the same few rows on any journal.
// Every statement the store prepares is written so that its generic plan
// is an index range (TestGenericPlans).
const planCacheMode = "plan_cache_mode"

// pgIdleConns is how many idle connections to PostgreSQL a store keeps.
const pgIdleConns = 32 // two servers keep at most 64, under PostgreSQL's default limit of 100

// migrationLockID names the advisory lock held while migrating: "unhunch"
// in ASCII.
const migrationLockID int64 = 0x756e68756e6368

// lockPostgresMigrations takes a session advisory lock, waiting (without
// polling) while another server holds it.
func lockPostgresMigrations(ctx context.Context, db *sql.DB) (func(), error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockID); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockID)
		conn.Close()
	}, nil
}

// isPostgresURL reports whether url names a PostgreSQL database.
func isPostgresURL(url string) bool {
	l := strings.ToLower(url)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// redactURL returns url fit to show: its password masked, and nothing at
// all of it when it cannot be parsed (it might hide a password anywhere).
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		if strings.ContainsAny(raw, ":@") {
			return "…"
		}
		return raw
	}
	return u.Redacted()
}

// openPostgres connects to the database at url and brings its schema up to date.
func openPostgres(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message quotes the URL; it masks passwords only on a best
		// effort basis, so none of it is shown.
		return nil, unhunch.E(unhunch.EInvalid, message.StorePGBadURL)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	if _, ok := cfg.RuntimeParams[planCacheMode]; !ok {
		cfg.RuntimeParams[planCacheMode] = "force_generic_plan"
	}
	server := postgresServer(cfg)
	s := &Store{eng: postgresEngine, where: server + "/" + cfg.Database,
		pg: pgInfo{server: server, user: cfg.User, database: cfg.Database}}
	s.db = stdlib.OpenDB(*cfg)
	// database/sql keeps two idle connections by default: under a server's
	// load every other query opened a connection (a new PostgreSQL backend
	// process, milliseconds) and closed it again. Keep enough for the
	// requests in flight; none is kept idle for long.
	s.db.SetMaxIdleConns(pgIdleConns)
	s.db.SetConnMaxIdleTime(time.Minute)
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, s.fail("connect", err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// pgInfo names a PostgreSQL database for messages.
type pgInfo struct {
	server   string // host:port, or the socket directory and port
	user     string
	database string
}

// postgresServer names a PostgreSQL server for people: host:port.
func postgresServer(cfg *pgx.ConnConfig) string {
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
}

// explainPostgres gives PostgreSQL's errors a message a person can act on.
func explainPostgres(s *Store, op string, err error) error {
	cause := fmt.Errorf("store: %s: %w", op, err)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "28"): // invalid authorization
			return unhunch.E(unhunch.EInvalid, message.StorePGLogin, s.pg.server, s.pg.user, pe.Message).Wrap(cause)
		case pe.Code == "3D000": // invalid catalog name
			return unhunch.E(unhunch.EInvalid, message.StorePGNoDatabase, s.pg.server, s.pg.database, s.pg.database).Wrap(cause)
		case pe.Code == "25006": // read-only SQL transaction: a replica
			return unhunch.E(unhunch.EUnavailable, message.StorePGReadOnly, s.pg.server).Wrap(cause)
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "53"), strings.HasPrefix(pe.Code, "57P"):
			// connection exceptions, insufficient resources, shutdowns
			return unhunch.E(unhunch.EUnavailable, message.StorePGFailed, s.pg.server, pe.Message).Wrap(cause)
		}
		return nil
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.Timeout(err) {
		return unhunch.E(unhunch.EUnavailable, message.StorePGUnreachable, s.pg.server, netReason(err)).Wrap(cause)
	}
	return nil
}

// netReason says in a few words why a connection failed: "connection
// refused", "no such host", "no answer within 10s". pgx may join the errors
// of several attempts; the first reason found stands for them.
func netReason(err error) string {
	var errno syscall.Errno
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.As(err, &errno):
		return errno.Error()
	case errors.As(err, &dns):
		return dns.Err
	case pgconn.Timeout(err), errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no answer within %s", connectTimeout)
	}
	msg, _, _ := strings.Cut(rootCause(err).Error(), "\n")
	return msg
}

// The statements with which a Group saves a whole batch of outcomes on
// PostgreSQL (commitBatched): each takes arrays, one element per outcome
// or session, so that one prepared statement serves every batch size.
const (
	// batchLockSQL finds the batch's sessions and locks them, in id order
	// so that two servers' batches never wait for each other in a cycle,
	// as the totals' update would lock them anyway.
	batchLockSQL = `SELECT id, person_id FROM sessions WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`
	// batchInsertSQL is recordSQL for many outcomes; it returns the
	// attempts it saved (not those saved already, nor a second copy of one
	// in the same batch).
	batchInsertSQL = `INSERT INTO performances
	(session_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths, amount_seconds, sets,
	 seconds, started_at, ended_at, rating, person_id)
	SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[],
		$10::int[], $11::int[], $12::float8[], $13::bigint[], $14::bigint[], $15::text[], $16::text[])
	ON CONFLICT (session_id, idx, attempt) DO NOTHING
	RETURNING session_id, idx, attempt`
	// batchTotalsSQL is totalsSQL once per session for the attempts saved.
	batchTotalsSQL = `UPDATE sessions SET done_attempts = done_attempts + v.done, practice_seconds = practice_seconds + v.secs
	FROM unnest($1::text[], $2::int[], $3::float8[], $4::text[]) AS v(id, done, secs, person) WHERE sessions.id = v.id AND sessions.person_id = v.person`
	// batchDropSQL is dropCheckpointSQL for all the sessions changed, each
	// dropping its own person's checkpoint.
	batchDropSQL = `DELETE FROM person_summary WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.id = ANY($1::text[])
	AND s.person_id = person_summary.person_id AND (s.started_at < person_summary.through_at OR (s.started_at = person_summary.through_at AND s.id < person_summary.through_id)))`
)

// groupBatches turns commitBatched on; the benchmark turns it off to
// measure saving outcome by outcome in the same run.
var groupBatches = true

// batchedCommits counts the batches commitBatched has saved, for the tests
// to tell that it ran rather than the outcome-by-outcome path.
var batchedCommits atomic.Int64

// attemptKey names one attempt at one exercise of a session.
type attemptKey struct {
	session        string
	index, attempt int
}

// commitBatched saves a batch of outcomes on PostgreSQL in one transaction
// of six statements, whatever its size, instead of five per outcome (a
// savepoint, the insert, the totals, the checkpoint's drop, the release):
// it checks each outcome first (checkOutcome), inserts them all, compares
// the attempts saved already with what was sent (recordOne, which changes
// nothing for those), adds to each session's totals once and drops the
// checkpoint once. It fills errs with each outcome's refusal and reports
// whether it has saved the batch; it has changed nothing when it reports
// false (another engine, or any error: the caller saves the batch outcome
// by outcome then, which finds which outcome was at fault).
func (g *Group) commitBatched(batch []*groupReq, errs []error) bool {
	s := g.s
	if s.eng.name != "postgres" || !groupBatches {
		return false
	}
	ctx := context.Background()
	err := s.write(func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		var ids []string
		seen := map[string]bool{}
		for _, r := range batch {
			if !seen[r.sessionID] {
				seen[r.sessionID] = true
				ids = append(ids, r.sessionID)
			}
		}
		sessions, err := lockedSessions(ctx, tx, ids)
		if err != nil {
			return err
		}
		var (
			live                                               []int
			sid, exercise, outcome, reason, rating, person     []string
			idx, attempt, reps, hold, breaths, amount, setsCol []int32
			secs                                               []float64
			start, end                                         []int64
		)
		sent := map[attemptKey]bool{}
		for i, r := range batch {
			if errs[i] = r.ctx.Err(); errs[i] != nil {
				continue // never written: the caller has gone
			}
			if errs[i] = checkOutcome(sessions, r); errs[i] != nil {
				continue
			}
			live = append(live, i)
			k := attemptKey{r.sessionID, r.p.Index, r.p.Attempt}
			if sent[k] {
				continue // a second copy: compared with what the first saved, below
			}
			sent[k] = true
			p := r.p
			sid, exercise, outcome, reason, rating = append(sid, r.sessionID), append(exercise, p.ExerciseID),
				append(outcome, string(p.Outcome)), append(reason, string(p.StopReason)), append(rating, string(p.Rating))
			person = append(person, r.person)
			idx, attempt = append(idx, int32(p.Index)), append(attempt, int32(p.Attempt))
			reps, hold, breaths = append(reps, int32(p.Amount.Reps)), append(hold, int32(p.Amount.Hold)), append(breaths, int32(p.Amount.HoldBreaths))
			amount, setsCol = append(amount, int32(p.Amount.Seconds)), append(setsCol, int32(p.Amount.Sets))
			secs, start, end = append(secs, p.Seconds), append(start, millis(p.StartedAt)), append(end, millis(p.EndedAt))
		}
		saved := map[attemptKey]bool{}
		if len(live) > 0 {
			st, err := s.stmt(ctx, batchInsertSQL)
			if err != nil {
				return err
			}
			rows, err := tx.StmtContext(ctx, st).QueryContext(ctx, sid, idx, attempt, exercise, outcome, reason,
				reps, hold, breaths, amount, setsCol, secs, start, end, rating, person)
			if err != nil {
				return err
			}
			for rows.Next() {
				var k attemptKey
				if err := rows.Scan(&k.session, &k.index, &k.attempt); err != nil {
					rows.Close()
					return err
				}
				saved[k] = true
			}
			if err := rows.Close(); err != nil {
				return err
			}
		}
		// The attempts saved already: a re-send changes nothing, other
		// content is refused (recordOne's insert does nothing for them).
		// Each saved attempt counts once in its session's totals.
		var record recordStatements
		totals := map[string]*struct {
			done int32
			secs float64
		}{}
		var order []string
		for _, i := range live {
			r := batch[i]
			k := attemptKey{r.sessionID, r.p.Index, r.p.Attempt}
			if !saved[k] {
				if record.insert == nil {
					prepared, err := s.recordStmts(ctx)
					if err != nil {
						return err
					}
					record = prepared.in(ctx, tx)
				}
				if errs[i] = recordOne(ctx, tx, record, r.sessionID, r.person, r.p); errs[i] != nil && unhunch.ErrorCode(errs[i]) != unhunch.EConflict {
					return errs[i]
				}
				continue
			}
			delete(saved, k) // a second copy in the batch is compared, above, not counted
			t := totals[r.sessionID]
			if t == nil {
				t = &struct {
					done int32
					secs float64
				}{}
				totals[r.sessionID] = t
				order = append(order, r.sessionID)
			}
			if r.p.Outcome == journal.Done {
				t.done++
			}
			t.secs += r.p.Seconds
		}
		if len(order) > 0 {
			done, sum, owner := make([]int32, len(order)), make([]float64, len(order)), make([]string, len(order))
			for k, id := range order {
				done[k], sum[k], owner[k] = totals[id].done, totals[id].secs, sessions[id]
			}
			for _, q := range []struct {
				sql  string
				args []any
			}{{batchTotalsSQL, []any{order, done, sum, owner}}, {batchDropSQL, []any{order}}} {
				st, err := s.stmt(ctx, q.sql)
				if err != nil {
					return err
				}
				if _, err := tx.StmtContext(ctx, st).ExecContext(ctx, q.args...); err != nil {
					return err
				}
			}
		}
		// Each person whose outcome was saved: their version goes up, in one
		// order so that two servers' batches never wait on each other's
		// version rows in a cycle.
		var people []string
		for _, i := range live {
			if errs[i] == nil && !slices.Contains(people, batch[i].person) {
				people = append(people, batch[i].person)
			}
		}
		slices.Sort(people)
		versions := make([]int64, len(people))
		for k, p := range people {
			var err error
			if versions[k], err = bumpVersion(ctx, tx, p); err != nil {
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		s.writes.Add(1)
		for k, p := range people {
			s.wrote(p, versions[k])
		}
		batchedCommits.Add(1)
		return nil
	})
	return err == nil
}

// lockedSessions returns the person of each of the sessions ids that
// exists, locked for the rest of tx (batchLockSQL).
func lockedSessions(ctx context.Context, tx *sql.Tx, ids []string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, batchLockSQL, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := map[string]string{}
	for rows.Next() {
		var id, person string
		if err := rows.Scan(&id, &person); err != nil {
			return nil, err
		}
		found[id] = person
	}
	return found, rows.Err()
}

// checkOutcome is the batch's check of one outcome before anything is
// written: its session must exist and be the person's who sent it (what
// the foreign key on (person_id, session_id) says outcome by outcome):
// another person's session is not found. A refusal here refuses that
// outcome alone.
func checkOutcome(sessions map[string]string, r *groupReq) error {
	if owner, ok := sessions[r.sessionID]; !ok || owner != r.person {
		return unhunch.E(unhunch.ENotFound, message.StoreNoSession, r.sessionID)
	}
	return nil
}
