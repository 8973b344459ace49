// Package store keeps the journal (package journal) in a database: an SQLite
// file in the data directory by default (modernc.org/sqlite, pure Go), or
// PostgreSQL through pgx when several servers share one journal.
//
// One set of hand-written SQL serves both engines: placeholders are $1, $2…,
// times are BIGINT Unix milliseconds, and upserts use ON CONFLICT, which both
// understand. What differs — how to list tables, how errors look, and the
// SQLite-only file handling and backups — lives in the engine values of
// sqlite.go and postgres.go. Migrations are embedded and applied on Open.
//
// Every write is a single statement or one transaction and is durable when
// it returns (SQLite runs in WAL mode with synchronous=FULL), so a session
// and each exercise outcome survive a kill -9 or a power cut the moment they
// are saved.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// Store is a journal kept in SQLite or PostgreSQL. It is safe for
// concurrent use.
type Store struct {
	db    *sql.DB
	eng   *engine
	where string // names the database in messages: the SQLite file, or PostgreSQL host:port/database
	path  string // the SQLite file; "" on PostgreSQL
	dir   string // the folder of the SQLite file; "" on PostgreSQL
	pg    pgInfo // the PostgreSQL server, user and database; zero on SQLite

	// writeMu queues this process's writes on SQLite, which takes one writer
	// at a time: waiting here is fair and prompt, where SQLite's own busy
	// handler sleeps and retries.
	writeMu sync.Mutex

	// writes counts this process's committed writes, so a reader can tell
	// its own writes apart from time passing (LocalWrites).
	writes atomic.Uint64
	// marks are this process's writes by person (person → *localMark):
	// how many, and the version the latest left the journal at
	// (LocalWrite).
	marks sync.Map
	// accountChanges counts this process's changes to accounts, tokens and
	// passwords (AccountChanges).
	accountChanges atomic.Uint64

	// stmts holds prepared statements by their SQL: preparing (parsing)
	// a statement was most of the cost of reading the journal.
	stmts sync.Map

	// created is set when Open found no journal and made a new one.
	created bool

	// readOnly is set when OpenReader opened the journal for reading only.
	readOnly bool

	// heads holds a slot for each head read under way on PostgreSQL
	// (beginHead); nil on SQLite.
	heads chan struct{}

	// lock is the shared lock on the SQLite journal's lock file, held
	// while the journal is open (LockName); nil on PostgreSQL.
	lock *os.File
}

// Created reports whether Open found no journal there and created a new,
// empty one: worth telling a person who may have mistyped where it is.
func (s *Store) Created() bool { return s.created }

// queryStmt runs a prepared query.
func (s *Store) queryStmt(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// stmt returns the prepared statement for q, preparing it on first use.
func (s *Store) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

var _ journal.Store = (*Store)(nil)

// engine holds what differs between SQLite and PostgreSQL.
type engine struct {
	name         string
	listTables   string // lists the tables of the current database (or schema)
	ownedTables  string // lists the tables that have the column named by $1 (person_id: EraseUser)
	serialWrites bool   // queue writes in this process (writeMu)
	// explain turns a driver error it recognises into an *unhunch.Error; it
	// returns nil for errors it does not know.
	explain func(s *Store, op string, err error) error
	// isForeignKey reports whether err is a foreign-key violation.
	isForeignKey func(err error) bool
	// lockMigrations, if set, waits for a lock that lets one process at a
	// time migrate the database, and returns the function that releases it.
	lockMigrations func(ctx context.Context, db *sql.DB) (unlock func(), err error)
}

// Open opens the journal and brings its schema up to date. An empty url
// means the SQLite file unhunch.db in dataDir (created, with dataDir, if
// missing); a postgres:// or postgresql:// url means that PostgreSQL
// database. Anything else is an EInvalid error. A database it cannot use
// (unreachable, read-only, locked, damaged, another program's, or written by
// a newer unhunch) gives an error that says so and what to do, and is left
// as it was.
func Open(ctx context.Context, url, dataDir string) (*Store, error) {
	switch {
	case url == "":
		return openSQLite(ctx, dataDir)
	case isPostgresURL(url):
		return openPostgres(ctx, url)
	default:
		return nil, unhunch.E(unhunch.EInvalid, message.StoreBadURL, redactURL(url))
	}
}

// Close releases the database. On SQLite, closing the last connection also
// folds the write-ahead log back into the journal file.
func (s *Store) Close() error {
	s.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	err := s.db.Close()
	// After the pool: the journal's files are no longer in use.
	releaseLock(s.lock)
	s.lock = nil
	if err != nil {
		return s.fail("close", err)
	}
	return nil
}

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.eng.name }

// Where names the database for people: the SQLite file, or the PostgreSQL
// server and database (never the password).
func (s *Store) Where() string { return s.where }

// write runs one write, queued behind this process's other writes on SQLite.
func (s *Store) write(f func() error) error {
	if s.eng.serialWrites {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	return f()
}

// writeTx runs one write in a transaction that also raises the version of
// the journal of the person ctx names (account.PersonID), so that readers
// can tell that something changed.
func (s *Store) writeTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	return s.write(func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := f(tx); err != nil {
			return err
		}
		person := account.PersonID(ctx)
		v, err := bumpVersion(ctx, tx, person)
		if err != nil {
			return err
		}
		var sv int64
		if shared(ctx) {
			if sv, err = bumpVersion(ctx, tx, SharedID); err != nil {
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		s.writes.Add(1)
		s.wrote(person, v)
		if sv > 0 {
			s.wrote(SharedID, sv)
		}
		return nil
	})
}

// SharedID names the journal version of what every person on a server
// shares: the accounts and the library of saved exercises and routines.
// Making an account and every change to the library raise it (besides the
// local person's version, as before), and nothing else does, so that a
// server can tell whether they changed without being told by every
// person's outcome. It is no person's id: NewID never makes a "*".
const SharedID = "*shared"

// sharedKey marks a context whose write changes what people share.
type sharedKey struct{}

// alsoShared returns ctx for a write that changes what every person on the
// server shares: writeTx raises SharedID's version too.
func alsoShared(ctx context.Context) context.Context {
	return context.WithValue(ctx, sharedKey{}, true)
}

// shared reports whether ctx's write changes what people share (alsoShared).
func shared(ctx context.Context) bool {
	b, _ := ctx.Value(sharedKey{}).(bool)
	return b
}

// LocalWrite is what this process knows of its own writes to one journal
// (Store.LocalWrite).
type LocalWrite struct {
	// Writes counts this process's committed writes to the journal.
	Writes uint64
	// Version is the version the latest of them left the journal at, as
	// fresh as a read of it at At: every write raises the version and
	// reads it back in the same transaction. 0 when there was none.
	Version int64
	// At is when that write committed (with the monotonic clock).
	At time.Time
}

// localMark is this process's LocalWrite for one person, behind a lock so
// that its count and version always go together.
type localMark struct {
	mu sync.Mutex
	lw LocalWrite
}

// LocalWrite returns what this process knows of its own writes to the
// journal of person (an account id, account.LocalID or SharedID): a
// reader that kept the journal's version can skip reading it while the
// count has not moved, and, when it has, take the version this process's
// latest write left (and only briefly, since other processes write too).
func (s *Store) LocalWrite(person string) LocalWrite {
	m, ok := s.marks.Load(person)
	if !ok {
		return LocalWrite{}
	}
	mk := m.(*localMark)
	mk.mu.Lock()
	defer mk.mu.Unlock()
	return mk.lw
}

// wrote notes a committed write that left person's journal at version v.
// Two writes of this process may note their versions out of order: the
// highest is the journal's version after both.
func (s *Store) wrote(person string, v int64) {
	m, _ := s.marks.LoadOrStore(person, &localMark{})
	mk := m.(*localMark)
	mk.mu.Lock()
	defer mk.mu.Unlock()
	mk.lw.Writes++
	mk.lw.Version = max(mk.lw.Version, v)
	mk.lw.At = time.Now()
}

// AccountChanges counts this process's changes to accounts and their
// keys: an account made or erased, its script tokens revoked, its
// password set. A cache of who a token or session is can hold while it
// has not moved (and only briefly, since other processes change them too).
func (s *Store) AccountChanges() uint64 { return s.accountChanges.Load() }

// LocalWrites returns how many writes this process has committed: a reader
// that kept the journal's version can skip reading it again while this has
// not moved (and only briefly, since other processes write too).
func (s *Store) LocalWrites() uint64 { return s.writes.Load() }

// bumpVersionSQL raises a person's journal version, making their row (at
// 1) on their first write, and returns it.
const bumpVersionSQL = `INSERT INTO journal_version (person_id, v) VALUES ($1, 1)
	ON CONFLICT (person_id) DO UPDATE SET v = journal_version.v + 1 RETURNING v`

// bumpVersion raises person's journal version inside a write's transaction
// and returns the new version: it holds the row's lock until the commit,
// so that is the version the commit leaves.
func bumpVersion(ctx context.Context, tx *sql.Tx, person string) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, bumpVersionSQL, person).Scan(&v)
	return v, err
}

// Version returns a number that changes whenever anything in the journal
// of the person ctx names (account.PersonID) does: one small read, so a
// reader can keep what it built from that journal until the version moves.
// A person who has never written is at version 0.
func (s *Store) Version(ctx context.Context) (int64, error) {
	if err := s.beginHead(ctx); err != nil {
		return 0, s.fail("read journal version", err)
	}
	defer s.endHead()
	st, err := s.stmt(ctx, versionSQL)
	if err != nil {
		return 0, s.fail("read journal version", err)
	}
	var v int64
	err = st.QueryRowContext(ctx, account.PersonID(ctx)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, s.fail("read journal version", err)
}

// fail turns err from an operation (op, e.g. "save session X") into an error
// with a code: errors that already have one pass through; database errors
// the engine recognises (locked, read-only, damaged, unreachable…) get a
// message that says what to do; anything else is an internal error that
// names the operation.
func (s *Store) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	var ue *unhunch.Error
	if errors.As(err, &ue) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return unhunch.E(unhunch.EUnavailable, message.StoreCanceled, s.where, err).Wrap(fmt.Errorf("store: %s: %w", op, err))
	}
	if detail, ok := refusedValue(err); ok && !s.eng.isForeignKey(err) {
		return valueError(op, err, detail)
	}
	if e := s.eng.explain(s, op, err); e != nil {
		return e
	}
	return unhunch.Errorf(unhunch.EInternal, "store: %s: %w", op, err)
}
