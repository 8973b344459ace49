package store

import (
	"database/sql"
	"time"
)

// VersionTable is goose's table of applied migrations, for tests that fake
// a journal from a newer unhunch.
const VersionTable = versionTable

// SetBusyTimeout makes SQLite give up on a lock after d instead of the
// default, so that the locked-journal tests run quickly; it returns a
// function that restores the default.
func SetBusyTimeout(d time.Duration) (restore func()) {
	old := busyTimeout
	busyTimeout = d
	return func() { busyTimeout = old }
}

// NewIDAt returns an ID for time t.
func NewIDAt(t time.Time) string { return newID(t) }

// DB returns the store's connection pool, for tests that inspect settings.
func (s *Store) DB() *sql.DB { return s.db }
