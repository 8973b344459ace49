package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/rectime"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// DefaultGroupSize is how many exercise outcomes a Group commits together at most.
const DefaultGroupSize = 256

// Group saves exercise outcomes from many concurrent callers with group
// commit: while one transaction is being committed, the outcomes that arrive
// queue up, and the next transaction takes all of them at once. Each caller
// is answered only after the transaction holding its outcome has committed
// (durable, as every write of the store), with its own error if its outcome
// was refused; one bad outcome never fails the others.
//
// SQLite syncs its log once per commit, so a commit per outcome caps a
// journal at the disk's sync rate; one commit for many outcomes does not.
type Group struct {
	s    *Store
	max  int
	reqs chan *groupReq

	mu     sync.RWMutex // held for reading while sending to reqs, for writing to close it
	closed bool
	done   chan struct{}

	// own is the connection the batches are saved on (PostgreSQL), kept
	// from one batch to the next by the committing goroutine alone: its
	// statements stay prepared, and no batch waits for the pool.
	own *sql.Conn
	// ready is set, by the committing goroutine alone, while what a batch
	// needs is ready: on PostgreSQL the batch statements prepared and
	// planned on own, on SQLite the store's record statements prepared.
	ready bool
	// warmsUp is groupWarmUp when the group was made.
	warmsUp bool
	// warmed is closed once the group has readied it before its first
	// batch (warmUp), or failed to.
	warmed chan struct{}
	// cold counts the batches that found it not ready and readied it
	// while their callers waited.
	cold atomic.Int64
}

// groupReq is one caller's outcome waiting for its batch.
type groupReq struct {
	ctx       context.Context
	person    string // whose session: account.PersonID of the caller's ctx
	sessionID string
	p         journal.Performance
	err       chan error
}

// NewGroup starts a group committer on s that commits up to max outcomes
// per transaction (DefaultGroupSize when max ≤ 0). Close it before the store.
func (s *Store) NewGroup(max int) *Group {
	if max <= 0 {
		max = DefaultGroupSize
	}
	g := &Group{s: s, max: max, reqs: make(chan *groupReq, max), done: make(chan struct{}), warmed: make(chan struct{}), warmsUp: groupWarmUp}
	go g.loop()
	return g
}

// RecordExercise saves one attempt at an exercise of a session, exactly as
// Store.RecordExercise does (the same attempt again changes nothing, or is
// refused if it differs), in the next group transaction, and returns once
// that transaction has committed.
func (g *Group) RecordExercise(ctx context.Context, sessionID string, p journal.Performance) error {
	if err := unknownID(sessionID); err != nil {
		return err
	}
	p, err := normalAttempt(p)
	if err != nil {
		return err
	}
	rt := rectime.On() // nil unless the phases are timed
	t := rt.Now()
	r := &groupReq{ctx: ctx, person: account.PersonID(ctx), sessionID: sessionID, p: p, err: make(chan error, 1)}
	g.mu.RLock()
	if g.closed {
		g.mu.RUnlock()
		return unhunch.E(unhunch.EUnavailable, message.StoreGroupClosed)
	}
	select {
	case g.reqs <- r:
		g.mu.RUnlock()
	case <-ctx.Done():
		g.mu.RUnlock()
		return g.s.fail("save exercise "+sessionID+"/"+strconv.Itoa(p.Index), ctx.Err())
	}
	t = rt.Mark(rectime.Enqueue, t)
	// Wait for the batch even if ctx ends meanwhile: the answer must say
	// whether the outcome was saved.
	err = <-r.err
	rt.Mark(rectime.Wait, t)
	return err
}

// Close saves what is queued, stops the committer and waits for it.
// Later calls to RecordExercise return an EUnavailable error.
func (g *Group) Close() {
	g.mu.Lock()
	if !g.closed {
		g.closed = true
		close(g.reqs)
	}
	g.mu.Unlock()
	<-g.done
}

// loop commits batches until the group is closed.
func (g *Group) loop() {
	defer close(g.done)
	defer g.dropConn(false)
	if g.warmsUp {
		g.warmUp()
	}
	close(g.warmed)
	batch := make([]*groupReq, 0, g.max)
	for first := range g.reqs {
		batch = append(batch[:0], first)
	drain:
		for len(batch) < g.max {
			select {
			case r, ok := <-g.reqs:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		g.commit(batch)
	}
}

// groupWarmUp turns warmUp on; a test turns it off to see the cold
// batches it spares.
var groupWarmUp = true

// warmUp readies what the batches need before the first arrives (outcomes
// sent meanwhile wait for it): on PostgreSQL it takes the group's own
// connection and prepares and plans the batch statements on it; on SQLite
// it prepares the record statements. Otherwise the first batch did that
// while its callers waited, on PostgreSQL for a new backend, the
// preparation of batchSaveSQL and its first plan: the slowest requests of
// a server's first second. A warm-up that fails leaves it to the first
// batch, as before.
func (g *Group) warmUp() {
	ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
	defer cancel()
	if g.s.eng.name == "postgres" && groupBatches {
		conn, err := g.conn(ctx)
		if err != nil {
			return
		}
		if err := readyBatch(ctx, conn); err != nil {
			g.dropConn(true)
			return
		}
		g.ready = true
		return
	}
	if _, err := g.s.recordStmts(ctx); err == nil {
		g.ready = true
	}
}

// conn returns the group's own connection, taking one from the pool when
// it has none.
func (g *Group) conn(ctx context.Context) (*sql.Conn, error) {
	if g.own == nil {
		c, err := g.s.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		g.own = c
	}
	return g.own, nil
}

// dropConn lets the group's own connection go, if it has one: back to
// the pool, or closed when it may be in any state (bad). The next batch
// takes another.
func (g *Group) dropConn(bad bool) {
	if g.own == nil {
		return
	}
	if bad {
		g.own.Raw(func(any) error { return driver.ErrBadConn }) // closes it, never back in the pool
	}
	g.own.Close()
	g.own = nil
	g.ready = false
}

// commit saves a batch in one transaction and answers each caller.
func (g *Group) commit(batch []*groupReq) {
	s := g.s
	if !g.ready {
		g.cold.Add(1) // readied below, by this batch
	}
	errs := make([]error, len(batch))
	// On PostgreSQL a few statements save the whole batch; when they
	// cannot (a value refused, a session gone meanwhile, any error), the
	// batch is saved again outcome by outcome below, which says which.
	batched := g.commitBatched(batch, errs)
	each := func() error {
		prepared, err := s.recordStmts(context.Background())
		if err != nil {
			return err
		}
		if s.eng.name != "postgres" || !groupBatches {
			g.ready = true
		}
		tx, err := s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		record := prepared.in(context.Background(), tx)
		// PostgreSQL aborts a whole transaction at its first error; a
		// savepoint per outcome keeps a refused one from failing the rest.
		// SQLite undoes only the statement that failed.
		savepoints := s.eng.name == "postgres"
		// A batch may hold several people's outcomes: each is checked
		// against its own person, and each person's version is raised.
		var people []string
		for i, r := range batch {
			if err := r.ctx.Err(); err != nil {
				errs[i] = err // never written: the caller has gone
				continue
			}
			errs[i] = g.one(tx, record, r, savepoints)
			if errs[i] != nil && !isRefusal(s, errs[i]) {
				tx.Rollback()
				return errs[i]
			}
			if errs[i] == nil && !slices.Contains(people, r.person) {
				people = append(people, r.person)
			}
		}
		// In one order, so that two servers' batches never wait on each
		// other's version rows in a cycle (PostgreSQL).
		slices.Sort(people)
		versions := make([]int64, len(people))
		for k, p := range people {
			if versions[k], err = bumpVersion(context.Background(), tx, p); err != nil {
				tx.Rollback()
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
		return nil
	}
	var err error
	if !batched {
		clear(errs)
		err = s.write(each)
	}
	for i, r := range batch {
		e := errs[i]
		switch {
		case err != nil:
			e = err // nothing of the batch was saved
		case e != nil && s.eng.isForeignKey(e):
			e = unhunch.E(unhunch.ENotFound, message.StoreNoSession, r.sessionID).Wrap(e)
		}
		if detail, ok := refusedValue(e); ok && err == nil && !s.eng.isForeignKey(e) {
			e = valueError("save exercise "+r.sessionID, e, detail)
		}
		r.err <- s.fail("save exercise "+r.sessionID+"/"+strconv.Itoa(r.p.Index), e)
	}
}

// one saves one outcome inside the batch's transaction.
func (g *Group) one(tx *sql.Tx, record recordStatements, r *groupReq, savepoints bool) error {
	ctx := context.WithoutCancel(r.ctx)
	if !savepoints {
		return recordOne(ctx, tx, record, r.sessionID, r.person, r.p)
	}
	if _, err := tx.Exec("SAVEPOINT outcome"); err != nil {
		return err
	}
	err := recordOne(ctx, tx, record, r.sessionID, r.person, r.p)
	if err != nil {
		if _, rerr := tx.Exec("ROLLBACK TO SAVEPOINT outcome"); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	_, err = tx.Exec("RELEASE SAVEPOINT outcome")
	return err
}

// isRefusal reports whether err refuses one outcome (its session does not
// exist or is another person's, its attempt was saved with other content,
// the database refused one of its values, or its caller has gone) rather
// than the whole batch.
func isRefusal(s *Store, err error) bool {
	_, value := refusedValue(err)
	return value || s.eng.isForeignKey(err) || unhunch.ErrorCode(err) == unhunch.EConflict || unhunch.ErrorCode(err) == unhunch.ENotFound ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
