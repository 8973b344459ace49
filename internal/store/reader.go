package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
)

// OpenReader opens the journal for reading only, for a command that shows
// something at the person's levels (`routines show`): on SQLite, when the
// journal is there and already at this build's schema, with one connection
// that refuses writes (query_only), without the look at the file before use
// and without the migration step, which is what Open costs besides (issue
// 16: a third of `routines show`'s time with a journal). In every other case
// — no journal yet, one that needs migrating or is not a journal, a file or
// folder that is not writable, PostgreSQL — it is Open, so that what is
// said and done then does not change. ReadOnly tells which it was.
func OpenReader(ctx context.Context, url, dataDir string) (*Store, error) {
	if url != "" || dataDir == "" {
		return Open(ctx, url, dataDir)
	}
	s, err := openSQLiteReader(ctx, dataDir)
	if s != nil || err != nil {
		return s, err
	}
	return Open(ctx, url, dataDir)
}

// openSQLiteReader is OpenReader's quick way; nil and no error where Open
// must go.
func openSQLiteReader(ctx context.Context, dataDir string) (*Store, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, nil
	}
	path := filepath.Join(dir, FileName)
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() == 0 || !writable(dir) || !writable(path) || checkMagic(path) != nil {
		return nil, nil
	}
	lock, err := lockShared(dir)
	if err != nil {
		// A restore holds the lock: Open would wait as long again, then
		// say the same.
		return nil, err
	}
	db, err := sql.Open("sqlite", readerDSN(path))
	if err != nil {
		releaseLock(lock)
		return nil, nil
	}
	s := &Store{db: db, eng: sqliteEngine, where: path, path: path, dir: dir, lock: lock, readOnly: true}
	sc, err := inspect(ctx, db, s.eng)
	if isBusy(err) {
		// Locked by another program past the busy timeout: Open would
		// wait as long again, then say the same.
		err = s.fail("read the journal's schema", err)
		s.Close()
		return nil, err
	}
	if err != nil || !sc.ours() || !sc.complete() || sc.version != SchemaVersion() {
		s.Close()
		return nil, nil
	}
	return s, nil
}

// readerDSN is the journal's DSN for OpenReader: the busy timeout, foreign
// keys as the journal's own connections have them, and no writes. The
// journal is in WAL mode already (its file says so).
func readerDSN(path string) string {
	return sqliteDSN(path, false) + "&_pragma=foreign_keys(1)&_pragma=query_only(1)"
}

// ReadOnly reports whether the store was opened by OpenReader's quick way
// and refuses writes.
func (s *Store) ReadOnly() bool { return s.readOnly }

// HasActiveSessions reports whether any session of anyone is marked active:
// the sessions SweepInterrupted looks at, which a reader cannot mark.
func (s *Store) HasActiveSessions(ctx context.Context) (bool, error) {
	people, err := s.activePeople(ctx)
	return len(people) > 0, err
}
