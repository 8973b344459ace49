package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// The head reads: the small reads a server makes for most requests before
// doing anything else (issue 16). Warm readies connections for them, and
// on PostgreSQL no more than headReadSlots of them run at once.
const (
	// versionSQL reads a person's journal version (Version).
	versionSQL = "SELECT v FROM journal_version WHERE person_id = $1"
	// hasAccountsSQL tells whether any account exists (HasAccounts).
	hasAccountsSQL = `SELECT COUNT(*) FROM (SELECT id FROM users LIMIT 1) AS one`
	// headSQL reads a session's row without its exercises (Head).
	headSQL = "SELECT owner, status, planned_exercises, started_at, planned_ids, time_scale FROM sessions WHERE id = $1 AND person_id = $2"
)

// headReads are the head reads with arguments that find nothing, with
// which Warm runs each once on every connection it readies.
var headReads = []struct {
	q    string
	args []any
}{
	{versionSQL, []any{""}},
	{hasAccountsSQL, nil},
	{headSQL, []any{"", ""}},
}

// headReadSlots is how many head reads run at once on PostgreSQL: as many
// as the connections Warm readies and the pool keeps idle, so that a burst
// of requests reads on those instead of opening a burst of new ones (a
// new backend process each, and every statement prepared again on it),
// which made the first second of a server's load its slowest.
const headReadSlots = pgIdleConns

// beginHead waits for a slot for one head read (PostgreSQL; at once on
// SQLite, whose reads open no backend) or for ctx to end. endHead frees it.
func (s *Store) beginHead(ctx context.Context) error {
	if s.heads == nil {
		return nil
	}
	select {
	case s.heads <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// endHead frees the slot beginHead took.
func (s *Store) endHead() {
	if s.heads != nil {
		<-s.heads
	}
}

// Warm readies the store for a server's first requests. It prepares the
// head reads (versionSQL, hasAccountsSQL, headSQL) and, on PostgreSQL,
// opens up to pgIdleConns connections and readies each for them (a ping;
// each head read prepared on it and run once, so that the backend has
// planned it and loaded what it needs of the tables), then leaves them
// idle in the pool. Without it the first burst of requests opened a
// connection each and prepared on it while the clients waited. Call it
// once after Open, in the background if the caller must not wait (it
// takes a few milliseconds a connection); a store it could not warm
// works as before, readying connections as they are first used.
func (s *Store) Warm(ctx context.Context) error {
	stmts := make([]*sql.Stmt, len(headReads))
	for i, r := range headReads {
		st, err := s.stmt(ctx, r.q)
		if err != nil {
			return s.fail("warm: prepare", err)
		}
		stmts[i] = st
	}
	if s.eng.name != "postgres" {
		return nil // SQLite's connections are opened in this process, in microseconds
	}
	// Held together, so that each is a connection of its own, then all
	// given back to the pool, which keeps pgIdleConns idle. A few at a
	// time: a new backend spends most of its start waiting on the server.
	conns := make([]*sql.Conn, pgIdleConns)
	errs := make([]error, warmers)
	var wg sync.WaitGroup
	for w := range warmers {
		wg.Go(func() {
			for i := w; i < len(conns) && errs[w] == nil; i += warmers {
				c, err := s.db.Conn(ctx)
				if err != nil {
					errs[w] = s.fail("warm: connect", err)
					return
				}
				conns[i] = c
				if err := readyConn(ctx, c, stmts); err != nil {
					errs[w] = s.fail("warm: ready a connection", err)
				}
			}
		})
	}
	wg.Wait()
	for _, c := range conns {
		if c != nil {
			c.Close()
		}
	}
	return errors.Join(errs...)
}

// warmers is how many connections Warm readies at a time.
const warmers = 4

// readyConn readies one connection for the head reads: stmts (headReads'
// statements) prepared on it and each run once, in a read-only
// transaction, which is what binds a statement to that connection.
func readyConn(ctx context.Context, c *sql.Conn, stmts []*sql.Stmt) error {
	if err := c.PingContext(ctx); err != nil {
		return err
	}
	tx, err := c.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, r := range headReads {
		// Tx.StmtContext prepares the store's statement on this connection
		// and keeps it there for the statement's later uses.
		rows, err := tx.StmtContext(ctx, stmts[i]).QueryContext(ctx, r.args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			// nothing to keep: running it is the point
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
	}
	return tx.Commit()
}
