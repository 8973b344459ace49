package store

import (
	"context"
	"database/sql"
	"io/fs"
	"time"

	"github.com/pressly/goose/v3"
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

// MigrateTo applies the embedded migrations to db up to version only, so
// that a test can make the journal an older unhunch left behind.
func MigrateTo(ctx context.Context, db *sql.DB, postgres bool, version int64) error {
	dialect := goose.DialectSQLite3
	if postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db, migrations(), goose.WithTableName(versionTable))
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, version)
	return err
}

// Migrations returns how many migration files this build embeds.
func Migrations() int {
	entries, _ := fs.ReadDir(migrations(), ".")
	return len(entries)
}

// BatchedCommits returns how many batches a Group has saved with the
// PostgreSQL batch statements (commitBatched) in this process.
func BatchedCommits() int64 { return batchedCommits.Load() }

// SetGroupBatches turns the PostgreSQL batch statements of a Group on or
// off (on by default), for a benchmark of both in one run; it returns a
// function that restores the setting.
func SetGroupBatches(on bool) (restore func()) {
	old := groupBatches
	groupBatches = on
	return func() { groupBatches = old }
}

// ForgetStatements closes the statements the store prepared, so that a
// test can see which ones the reads that follow prepare (Prepared).
func (s *Store) ForgetStatements() {
	s.stmts.Range(func(q, st any) bool {
		st.(*sql.Stmt).Close()
		s.stmts.Delete(q)
		return true
	})
}

// Prepared returns the SQL of every statement the store has prepared.
func (s *Store) Prepared() []string {
	var out []string
	s.stmts.Range(func(q, _ any) bool {
		out = append(out, q.(string))
		return true
	})
	return out
}

// BatchSave is the statement a Group saves a batch with on PostgreSQL
// (commitBatched), after batchLockSQL, prepared on the group's own
// connection rather than through the store's cache.
const BatchSave = batchSaveSQL

// UpStatements is the migration runner's reading of a migration file.
var UpStatements = upStatements

// Warmed returns a channel closed once the group has warmed up (or failed
// to) before its first batch.
func (g *Group) Warmed() <-chan struct{} { return g.warmed }

// ColdBatches returns how many of the group's batches found what they
// need not ready and readied it while their callers waited.
func (g *Group) ColdBatches() int64 { return g.cold.Load() }

// SetGroupWarmUp turns the warm-up of new Groups on or off (on by
// default); it returns a function that restores the setting.
func SetGroupWarmUp(on bool) (restore func()) {
	old := groupWarmUp
	groupWarmUp = on
	return func() { groupWarmUp = old }
}

// PGIdleConns is how many idle connections a store keeps on PostgreSQL,
// and how many Warm readies.
const PGIdleConns = pgIdleConns

// HeadReadSQL are the head reads' statements, which Warm prepares.
var HeadReadSQL = []string{versionSQL, hasAccountsSQL, headSQL}
