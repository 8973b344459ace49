package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

//go:embed migrations/*.sql
var embedded embed.FS

// versionTable is goose's table of applied migrations. It has a name of its
// own (not goose_db_version) so that it also marks a database as unhunch's.
const versionTable = "unhunch_schema_version"

// migrations returns the embedded migration files.
func migrations() fs.FS {
	sub, err := fs.Sub(embedded, "migrations")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// SchemaVersion returns the newest journal schema this build knows: the
// highest version among the embedded migrations.
func SchemaVersion() int64 { return schemaVersion() }

var schemaVersion = sync.OnceValue(func() int64 {
	entries, err := fs.ReadDir(migrations(), ".")
	if err != nil {
		panic(err)
	}
	var v int64
	for _, e := range entries {
		digits, _, _ := strings.Cut(e.Name(), "_")
		n, err := strconv.ParseInt(digits, 10, 64)
		if err != nil {
			panic(fmt.Sprintf("store: migration %s does not start with a version number", e.Name()))
		}
		v = max(v, n)
	}
	return v
})

// schema is what a database holds before any migration runs.
type schema struct {
	tables  map[string]bool
	version int64 // the highest applied migration; 0 without a version table
}

// fresh reports whether the database holds no tables at all.
func (sc schema) fresh() bool { return len(sc.tables) == 0 }

// ours reports whether the database is an unhunch journal (of any version).
func (sc schema) ours() bool { return sc.tables[versionTable] }

// complete reports whether the journal's own tables are there.
func (sc schema) complete() bool { return sc.tables["sessions"] && sc.tables["performances"] }

// inspect reads which tables db holds and which schema version it is at,
// writing nothing. Its queries are separate statements, so another process
// may finish a migration between them: when the version read says the
// journal is complete but the tables listed before it do not, it lists them
// again (a migration commits its tables and its version together).
func inspect(ctx context.Context, db *sql.DB, eng *engine) (schema, error) {
	sc := schema{}
	var err error
	if sc.tables, err = listTables(ctx, db, eng); err != nil || !sc.ours() {
		return sc, err
	}
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM "+versionTable).Scan(&sc.version); err != nil {
		return sc, err
	}
	if sc.version >= SchemaVersion() && !sc.complete() {
		sc.tables, err = listTables(ctx, db, eng)
	}
	return sc, err
}

// listTables returns the names of db's tables, lower-cased.
func listTables(ctx context.Context, db *sql.DB, eng *engine) (map[string]bool, error) {
	tables := map[string]bool{}
	rows, err := db.QueryContext(ctx, eng.listTables)
	if err != nil {
		return tables, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return tables, err
		}
		tables[strings.ToLower(name)] = true
	}
	return tables, rows.Err()
}

// check refuses a database that is not an unhunch journal or is newer than
// this build; it writes nothing.
func (s *Store) check(sc schema) error {
	switch {
	case sc.fresh():
		return nil
	case !sc.ours() && s.eng.name == "postgres":
		return invalid(message.StoreForeignPG, s.where)
	case !sc.ours():
		return invalid(message.StoreForeignSQLite, s.where)
	case sc.version > SchemaVersion():
		return coded(unhunch.EConflict, nil, message.StoreNewer, s.where, sc.version, SchemaVersion())
	case sc.version == SchemaVersion() && !sc.complete():
		return invalid(message.StoreNotJournal, s.where, message.Text(message.StoreWhyNoTables))
	}
	return nil
}

// migrate brings the schema up to date. A journal already at this build's
// version costs two small queries; goose runs only when there is something
// to apply.
func (s *Store) migrate(ctx context.Context) error {
	sc, err := inspect(ctx, s.db, s.eng)
	if err != nil {
		return s.fail("read the journal's schema", err)
	}
	if err := s.check(sc); err != nil {
		return err
	}
	if sc.ours() && sc.version == SchemaVersion() {
		return nil
	}
	s.created = sc.fresh()
	if s.eng.lockMigrations != nil {
		// Several servers may start at once on one database: one migrates
		// while the others wait, then finds the work done.
		unlock, err := s.eng.lockMigrations(ctx, s.db)
		if err != nil {
			return s.fail("wait for the migration lock", err)
		}
		defer unlock()
		if sc, err = inspect(ctx, s.db, s.eng); err != nil {
			return s.fail("read the journal's schema", err)
		}
		if err := s.check(sc); err != nil {
			return err
		}
		if sc.ours() && sc.version == SchemaVersion() {
			return nil
		}
	}
	p, err := goose.NewProvider(s.eng.gooseDialect, s.db, migrations(), goose.WithTableName(versionTable))
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "store: load migrations: %w", err)
	}
	// Another process opening a new journal at the same moment (SQLite has
	// no migration lock) may apply a migration first, and ours then fails.
	// If that process finished, there is nothing left to do; if it only got
	// further, try again from where it got to. Every retry follows progress
	// made elsewhere, so there are at most as many as there are migrations.
	from := sc.version
	for {
		_, err := p.Up(ctx)
		if err == nil {
			return nil
		}
		again, err2 := inspect(ctx, s.db, s.eng)
		switch {
		case err2 == nil && again.ours() && again.version == SchemaVersion():
			return nil
		case err2 == nil && again.ours() && again.version > from:
			from = again.version
		default:
			return s.fail("apply migrations", err)
		}
	}
}
