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
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// connectTimeout bounds each attempt to reach PostgreSQL when the URL sets
// no connect_timeout, so that a server that never answers gives a clear
// error instead of a hang.
const connectTimeout = 10 * time.Second

var postgresEngine = &engine{
	name:        "postgres",
	listTables:  "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
	ownedTables: "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = $1 ORDER BY table_name",
	explain:     explainPostgres,
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

// pgIdleTime is how long a connection to PostgreSQL stays idle before the
// pool closes it: long enough that the connections Store.Warm readies at a
// server's start are still there when its first load comes (at one
// minute they were gone before a speed test's set-up was over), short
// enough that a quiet server gives PostgreSQL its backends back.
const pgIdleTime = 10 * time.Minute

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
	// requests in flight, and the ones Warm readies until a first load
	// comes; none is kept idle for long.
	s.db.SetMaxIdleConns(pgIdleConns)
	s.db.SetConnMaxIdleTime(pgIdleTime)
	s.heads = make(chan struct{}, headReadSlots)
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
// PostgreSQL (commitBatched), sent together in one round trip: each takes
// arrays, one element per outcome or session, so that one prepared
// statement serves every batch size.
const (
	// batchLockSQL finds the batch's sessions and locks them, in id order
	// so that two servers' batches never wait for each other in a cycle,
	// as the totals' update would lock them anyway.
	batchLockSQL = `SELECT id, person_id FROM sessions WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`
	// batchSaveSQL does for many outcomes, in one statement, what
	// recordSQL, totalsSQL, dropCheckpointSQL and bumpVersionSQL do for
	// one: it inserts each outcome whose session is its sender's (the
	// sessions locked by batchLockSQL just before, in the same
	// transaction) unless its attempt is saved already, adds the attempts
	// it saved to their sessions' totals, drops the checkpoints that hold
	// those sessions and raises the version of each person whose outcome
	// it saved, in person order (two servers' batches never wait on each
	// other's version rows in a cycle). It returns the attempts it saved,
	// then each person's new version (idx and attempt -1).
	batchSaveSQL = `WITH saved AS (
	INSERT INTO performances
	(session_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths, amount_seconds, sets,
	 seconds, started_at, ended_at, rating, person_id)
	SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[],
		$10::int[], $11::int[], $12::float8[], $13::bigint[], $14::bigint[], $15::text[], $16::text[])
		AS v (session_id, idx, attempt, exercise_id, outcome, stop_reason, reps, hold_seconds, hold_breaths, amount_seconds, sets,
		seconds, started_at, ended_at, rating, person_id)
	WHERE v.person_id = (SELECT s.person_id FROM sessions s WHERE s.id = v.session_id)
	ON CONFLICT (session_id, idx, attempt) DO NOTHING
	RETURNING session_id, idx, attempt, outcome, seconds, person_id
), totals AS (
	UPDATE sessions SET done_attempts = done_attempts + t.done, practice_seconds = practice_seconds + t.secs
	FROM (SELECT session_id, person_id, count(*) FILTER (WHERE outcome = 'done') AS done, sum(seconds) AS secs
		FROM saved GROUP BY session_id, person_id) AS t
	WHERE sessions.id = t.session_id AND sessions.person_id = t.person_id
), dropped AS (
	DELETE FROM person_summary WHERE person_id IN (SELECT person_id FROM saved) AND EXISTS (SELECT 1 FROM saved
		JOIN sessions s ON s.id = saved.session_id AND s.person_id = saved.person_id WHERE s.person_id = person_summary.person_id
		AND (s.started_at < person_summary.through_at OR (s.started_at = person_summary.through_at AND s.id < person_summary.through_id)))
), versions AS (
	INSERT INTO journal_version (person_id, v) SELECT DISTINCT person_id, 1 FROM saved ORDER BY person_id
	ON CONFLICT (person_id) DO UPDATE SET v = journal_version.v + 1 RETURNING person_id, v
)
SELECT session_id, idx, attempt, 0::bigint FROM saved UNION ALL SELECT person_id, -1, -1, v FROM versions`
)

// groupBatches turns commitBatched on; the benchmark turns it off to
// measure saving outcome by outcome in the same run.
var groupBatches = true

// batchedCommits counts the batches commitBatched has saved, for the tests
// to tell that it ran rather than the outcome-by-outcome path.
var batchedCommits atomic.Int64

// attemptKey names one attempt at one exercise of a session, sent by one
// person.
type attemptKey struct {
	session, person string
	index, attempt  int
}

// commitBatched saves a batch of outcomes on PostgreSQL in one round trip
// on the group's own connection, whatever the batch's size, instead of
// five statements per outcome (a savepoint, the insert, the totals, the
// checkpoint's drop, the release): batchLockSQL and batchSaveSQL, sent
// together and run in one transaction that PostgreSQL commits (durably)
// before it answers. The outcomes it did not save, their attempt being
// saved already (by an earlier batch, another server, or a first copy in
// this batch), are then compared with what is saved (compareSaved): a
// re-send changes nothing, other content is refused. It fills errs with
// each outcome's refusal and reports whether it has saved the batch; it
// has changed nothing when it reports false (another engine, or any
// error: the caller saves the batch outcome by outcome then, which finds
// which outcome was at fault, and which changes nothing for an outcome
// saved already).
func (g *Group) commitBatched(batch []*groupReq, errs []error) bool {
	s := g.s
	if s.eng.name != "postgres" || !groupBatches {
		return false
	}
	ctx := context.Background()
	var (
		ids                                                []string
		live                                               []int
		sid, exercise, outcome, reason, rating, person     []string
		idx, attempt, reps, hold, breaths, amount, setsCol []int32
		secs                                               []float64
		start, end                                         []int64
	)
	seen := map[string]bool{}
	sent := map[attemptKey]bool{}
	for i, r := range batch {
		if errs[i] = r.ctx.Err(); errs[i] != nil {
			continue // never written: the caller has gone
		}
		live = append(live, i)
		if !seen[r.sessionID] {
			seen[r.sessionID] = true
			ids = append(ids, r.sessionID)
		}
		k := attemptKey{r.sessionID, r.person, r.p.Index, r.p.Attempt}
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
	if len(live) == 0 {
		return true
	}
	var (
		sessions = map[string]string{}
		saved    = map[attemptKey]bool{}
		people   []string
		versions []int64
	)
	conn, err := g.conn(ctx)
	if err != nil {
		return false
	}
	err = s.write(func() error {
		return conn.Raw(func(dc any) error {
			c := dc.(*stdlib.Conn).Conn()
			b := &pgx.Batch{}
			b.Queue(batchLockSQL, ids)
			b.Queue(batchSaveSQL, sid, idx, attempt, exercise, outcome, reason,
				reps, hold, breaths, amount, setsCol, secs, start, end, rating, person)
			// No BEGIN: the statements sent before the batch's one Sync run
			// in one transaction, committed at the Sync, and any error rolls
			// all of it back.
			br := c.SendBatch(ctx, b)
			err := func() error {
				rows, err := br.Query()
				if err != nil {
					return err
				}
				for rows.Next() {
					var id, owner string
					if err := rows.Scan(&id, &owner); err != nil {
						rows.Close()
						return err
					}
					sessions[id] = owner
				}
				if rows.Close(); rows.Err() != nil {
					return rows.Err()
				}
				if rows, err = br.Query(); err != nil {
					return err
				}
				for rows.Next() {
					var (
						id     string
						ix, at int32
						v      int64
					)
					if err := rows.Scan(&id, &ix, &at, &v); err != nil {
						rows.Close()
						return err
					}
					if ix < 0 {
						people, versions = append(people, id), append(versions, v)
					} else {
						saved[attemptKey{session: id, index: int(ix), attempt: int(at)}] = true
					}
				}
				rows.Close()
				return rows.Err()
			}()
			// Close reads to the end, the commit included. After any error
			// the batch may or may not be saved: it is saved again outcome
			// by outcome, which changes nothing for what was.
			if cerr := br.Close(); err == nil {
				err = cerr
			}
			if err == nil && c.PgConn().TxStatus() != 'I' {
				err = errors.New("the batch's transaction is still open")
			}
			return err
		})
	})
	if err != nil {
		// Whatever state the connection is in, the next batch takes another.
		g.dropConn(true)
		return false
	}
	g.ready = true // the statements are prepared and planned on conn now
	s.writes.Add(1)
	for k, p := range people {
		s.wrote(p, versions[k])
	}
	batchedCommits.Add(1)
	for _, i := range live {
		r := batch[i]
		if errs[i] = checkOutcome(sessions, r); errs[i] != nil {
			continue
		}
		k := attemptKey{session: r.sessionID, index: r.p.Index, attempt: r.p.Attempt}
		if saved[k] {
			delete(saved, k) // a second copy in the batch is compared, below
			continue
		}
		// Saved already and committed, by an earlier transaction or by
		// this batch (a first copy): what was sent again is compared with
		// it, through the pool, as any read.
		errs[i] = compareSaved(ctx, s.db, r.sessionID, r.person, r.p)
	}
	return true
}

// readyBatch prepares batchLockSQL and batchSaveSQL on conn and runs them
// once with no outcome, which changes nothing: PostgreSQL plans a
// prepared statement at its first run (a generic plan, planCacheMode),
// and for batchSaveSQL that is a few milliseconds.
func readyBatch(ctx context.Context, conn *sql.Conn) error {
	return conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		var (
			text  []string
			ints  []int32
			secs  []float64
			times []int64
		)
		b := &pgx.Batch{}
		b.Queue(batchLockSQL, text)
		b.Queue(batchSaveSQL, text, ints, ints, text, text, text, ints, ints, ints, ints, ints, secs, times, times, text, text)
		err := c.SendBatch(ctx, b).Close()
		if err == nil && c.PgConn().TxStatus() != 'I' {
			err = errors.New("the warm-up's transaction is still open")
		}
		return err
	})
}

// checkOutcome is the batch's check of one outcome, once its sessions
// are locked (batchLockSQL): its session must exist and be the person's
// who sent it (what the foreign key on (person_id, session_id) says
// outcome by outcome, and what batchSaveSQL inserts by): another person's
// session is not found. A refusal here refuses that outcome alone.
func checkOutcome(sessions map[string]string, r *groupReq) error {
	if owner, ok := sessions[r.sessionID]; !ok || owner != r.person {
		return unhunch.E(unhunch.ENotFound, message.StoreNoSession, r.sessionID)
	}
	return nil
}
