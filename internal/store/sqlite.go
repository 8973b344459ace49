package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// FileName is the journal's file name in the data directory.
const FileName = "unhunch.db"

// busyTimeout is how long SQLite waits for another program's lock before a
// statement fails as locked.
var busyTimeout = 5 * time.Second

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

var sqliteEngine = &engine{
	name:         "sqlite",
	listTables:   "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
	ownedTables:  "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = $1 ORDER BY m.name",
	serialWrites: true,
	explain:      explainSQLite,
	isForeignKey: func(err error) bool {
		var se *sqlite.Error
		return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	},
}

// sqliteDSN returns the data source name for the journal at path. The
// journal's own connections (full) run in WAL mode with synchronous=FULL, so
// a commit is on disk when it returns, with foreign keys enforced, deleted
// content overwritten with zeros (an erased account leaves nothing behind:
// secure_delete), and
// BEGIN IMMEDIATE so a transaction that writes takes the lock up front
// instead of failing half-way. A probe only sets the busy timeout, so that
// it changes nothing in a file that may not be a journal.
func sqliteDSN(path string, full bool) string {
	q := fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds())
	if full {
		q += "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_pragma=secure_delete(1)&_txlock=immediate"
	}
	return "file:" + escapeURIPath(path) + "?" + q
}

// readOnlyDSN opens path for reading only, without locks, a -wal or a -shm:
// for checking a backup, which nothing else is writing.
func readOnlyDSN(path string) string {
	return "file:" + escapeURIPath(path) + "?mode=ro&immutable=1"
}

// escapeURIPath escapes the characters SQLite's URI parser treats specially.
func escapeURIPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(p))
}

// openSQLite opens (creating if needed) the journal in dataDir.
func openSQLite(ctx context.Context, dataDir string) (*Store, error) {
	if dataDir == "" {
		dataDir = "."
	}
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "store: data folder %s: %w", dataDir, err)
	}
	if err := ensureDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, FileName)
	s := &Store{eng: sqliteEngine, where: path, path: path, dir: dir}
	if !writable(dir) {
		return nil, unhunch.E(unhunch.EUnavailable, message.StoreDirReadOnly, dir)
	}
	probe, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	// A file that is not a journal is refused before anything is written
	// beside it, the lock file included.
	if probe {
		if err := retry(func() error { return s.probe(ctx) }); err != nil {
			return nil, err
		}
	}
	// Held until Close: restore refuses while any process holds it.
	lock, err := lockShared(dir)
	if err != nil {
		return nil, err
	}
	if err := retry(func() error { return s.connect(ctx) }); err != nil {
		releaseLock(lock)
		return nil, err
	}
	s.lock = lock
	return s, nil
}

// prepareFile makes the journal file at path if there is none, private to
// its owner, and checks one that is there: a file, writable. It reports
// whether the file has content to probe (Store.probe) before use.
func prepareFile(path string) (probe bool, err error) {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Create the file first, so that it is private to its owner: a
		// journal of pain and health is nobody else's business. SQLite
		// gives its -wal and -shm files the same permissions.
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return false, unhunch.E(unhunch.EUnavailable, message.StoreCannotOpen, path, err).Wrap(err)
		}
		if f != nil {
			f.Close()
		}
		return false, nil
	case err != nil:
		return false, unhunch.E(unhunch.EUnavailable, message.StoreCannotOpen, path, err).Wrap(err)
	case info.IsDir():
		return false, unhunch.E(unhunch.EInvalid, message.StoreNotJournal, path, message.Text(message.StoreWhyFolder))
	case !writable(path):
		return false, unhunch.E(unhunch.EUnavailable, message.StoreFileReadOnly, path)
	}
	return info.Size() > 0, nil
}

// retry runs f again while it fails with "busy", within the busy timeout:
// a new journal opened by several processes at once can answer "busy"
// without waiting (SQLite does not wait where waiting could deadlock, as
// when the file switches to WAL).
func retry(f func() error) error {
	deadline := time.Now().Add(busyTimeout)
	for {
		err := f()
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// connect opens the journal's connection pool and brings the schema up to
// date.
func (s *Store) connect(ctx context.Context) error {
	db, err := sql.Open("sqlite", sqliteDSN(s.path, true))
	if err != nil {
		return s.fail("open", err)
	}
	s.db = db
	if err := s.migrate(ctx); err != nil {
		db.Close()
		s.db = nil
		return err
	}
	return nil
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// ensureDir creates the data folder (private to its owner) if needed.
func ensureDir(dir string) error {
	err := os.MkdirAll(dir, 0o700)
	if err == nil {
		return nil
	}
	if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
		return unhunch.E(unhunch.EInvalid, message.StoreDirNotDir, dir)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && errors.Is(err, fs.ErrExist) {
		// A file stands where a parent folder should be.
		return unhunch.E(unhunch.EInvalid, message.StoreDirNotDir, pe.Path)
	}
	return unhunch.E(unhunch.EUnavailable, message.StoreDirCreate, dir, rootCause(err)).Wrap(err)
}

// probe looks at an existing file before the journal's own connections open
// it, since those switch the file to WAL mode: a file that is not an unhunch
// journal must be refused unchanged.
func (s *Store) probe(ctx context.Context) error {
	if err := checkMagic(s.path); err != nil {
		return unhunch.E(unhunch.EInvalid, message.StoreNotJournal, s.path, message.Text(message.StoreWhyNotSQLite))
	}
	db, err := sql.Open("sqlite", sqliteDSN(s.path, false))
	if err != nil {
		return s.fail("open", err)
	}
	defer db.Close()
	sc, err := inspect(ctx, db, s.eng)
	if err != nil {
		return s.fail("read the journal's schema", err)
	}
	return s.check(sc)
}

// checkMagic returns an error unless path starts like an SQLite database.
func checkMagic(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil {
		return err
	}
	if !bytes.Equal(head, sqliteMagic) {
		return errors.New("no SQLite header")
	}
	return nil
}

// explainSQLite gives SQLite's errors a message a person can act on.
func explainSQLite(s *Store, op string, err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	cause := fmt.Errorf("store: %s: %w", op, err)
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return unhunch.E(unhunch.EUnavailable, message.StoreLocked, s.path, busyTimeout).Wrap(cause)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		switch {
		case !writable(s.dir):
			return unhunch.E(unhunch.EUnavailable, message.StoreDirReadOnly, s.dir).Wrap(cause)
		case !writable(s.path):
			return unhunch.E(unhunch.EUnavailable, message.StoreFileReadOnly, s.path).Wrap(cause)
		}
		return unhunch.E(unhunch.EUnavailable, message.StoreCannotOpen, s.path, se.Error()).Wrap(cause)
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return unhunch.E(unhunch.EInvalid, message.StoreNotJournal, s.path, se.Error()).Wrap(cause)
	case sqlite3.SQLITE_FULL:
		return unhunch.E(unhunch.EUnavailable, message.StoreDiskFull, s.path).Wrap(cause)
	case sqlite3.SQLITE_IOERR:
		return unhunch.E(unhunch.EUnavailable, message.StoreIO, s.path, se.Error()).Wrap(cause)
	}
	return nil
}

// rootCause returns the innermost error of err's chain: "permission denied"
// rather than "mkdir /x/y: permission denied".
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
