package store

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

//go:embed migrations/*.sql
var embedded embed.FS

// versionTable is the table of applied migrations, as goose (which applied
// them until issue 16) made and kept it: a row a migration, and version 0
// for the table itself. It has a name of its own (not goose_db_version) so
// that it also marks a database as unhunch's.
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
		return unhunch.E(unhunch.EInvalid, message.StoreForeignPG, s.where)
	case !sc.ours():
		return unhunch.E(unhunch.EInvalid, message.StoreForeignSQLite, s.where)
	case sc.version > SchemaVersion():
		return unhunch.E(unhunch.EConflict, message.StoreNewer, s.where, sc.version, SchemaVersion())
	case sc.version == SchemaVersion() && !sc.complete():
		return unhunch.E(unhunch.EInvalid, message.StoreNotJournal, s.where, message.Text(message.StoreWhyNoTables))
	}
	return nil
}

// migrate brings the schema up to date. A journal already at this build's
// version costs two small queries; the runner (upTo) runs only when there
// is something to apply.
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
	// Another process opening a new journal at the same moment (SQLite has
	// no migration lock) may apply a migration first, and ours then fails.
	// If that process finished, there is nothing left to do; if it only got
	// further, try again from where it got to. Every retry follows progress
	// made elsewhere, so there are at most as many as there are migrations.
	from := sc.version
	for {
		err := upTo(ctx, s.db, s.eng.name == "postgres", SchemaVersion())
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

// The migration runner: what goose did for these files, in a few lines
// (goose and its helpers cost every command of the binary their start-up,
// issue 16). The files keep goose's form, so goose can still run them
// (the tests make older journals with it): the statements between
// "-- +goose Up" and "-- +goose Down", each ending with a line whose last
// word, before any "--" comment, ends with a semicolon.

// The version table as goose made it on each engine, so that a journal
// made now is the same as one goose made.
const (
	versionTableSQLite = `CREATE TABLE %s (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		version_id INTEGER NOT NULL,
		is_applied INTEGER NOT NULL,
		tstamp TIMESTAMP DEFAULT (datetime('now'))
	)`
	versionTablePostgres = `CREATE TABLE %s (
		id integer PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,
		version_id bigint NOT NULL,
		is_applied boolean NOT NULL,
		tstamp timestamp NOT NULL DEFAULT now()
	)`
)

// migration is one embedded migration: its version and its Up statements.
type migration struct {
	name       string
	version    int64
	statements []string
}

// loadMigrations reads and splits the embedded migrations, oldest first.
var loadMigrations = sync.OnceValues(func() ([]migration, error) {
	entries, err := fs.ReadDir(migrations(), ".")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		digits, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.ParseInt(digits, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration %s: no version number", e.Name())
		}
		text, err := fs.ReadFile(migrations(), e.Name())
		if err != nil {
			return nil, err
		}
		stmts, err := upStatements(string(text))
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{e.Name(), v, stmts})
	}
	slices.SortFunc(out, func(a, b migration) int { return cmp.Compare(a.version, b.version) })
	return out, nil
})

// upStatements returns the statements of a migration file's Up part, as
// goose's parser splits them (these files use no other annotation).
func upStatements(text string) ([]string, error) {
	var stmts []string
	var buf strings.Builder
	up := false
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") && strings.Contains(line, "+goose") {
			switch strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(trimmed, "--")), "+goose")) {
			case "Up":
				if up {
					return nil, errors.New("two '-- +goose Up' lines")
				}
				up = true
				continue
			case "Down":
				if !up {
					return nil, errors.New("'-- +goose Down' before '-- +goose Up'")
				}
				if rest := strings.TrimSpace(buf.String()); rest != "" {
					return nil, fmt.Errorf("no semicolon after %q", rest)
				}
				return stmts, nil
			default:
				return nil, fmt.Errorf("annotation %q: the runner knows only Up and Down", trimmed)
			}
		}
		if buf.Len() == 0 && (strings.HasPrefix(trimmed, "--") || trimmed == "") {
			continue
		}
		if !up {
			return nil, fmt.Errorf("%q before '-- +goose Up'", line)
		}
		buf.WriteString(line + "\n")
		if endsStatement(line) {
			stmts = append(stmts, strings.TrimSpace(buf.String()))
			buf.Reset()
		}
	}
	if !up {
		return nil, errors.New("no '-- +goose Up' line")
	}
	if rest := strings.TrimSpace(buf.String()); rest != "" {
		return nil, fmt.Errorf("no semicolon after %q", rest)
	}
	return stmts, nil
}

// endsStatement reports whether the last word of line before any word
// that starts a "--" comment ends with a semicolon.
func endsStatement(line string) bool {
	last := ""
	for w := range strings.FieldsSeq(line) {
		if strings.HasPrefix(w, "--") {
			break
		}
		last = w
	}
	return strings.HasSuffix(last, ";")
}

// upTo applies to db, in order, every embedded migration above its version
// up to target, each in a transaction of its own that also adds its row to
// the version table, on one connection (an SQLite database in memory is one
// connection's), as goose's Up did. The version table is made first when
// there is none, with its row for version 0.
func upTo(ctx context.Context, db *sql.DB, postgres bool, target int64) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	create := versionTableSQLite
	if postgres {
		create = versionTablePostgres
	}
	var current int64
	latest := func() error {
		return conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM "+versionTable).Scan(&current)
	}
	if latest() != nil { // no version table yet
		if err := inTx(ctx, conn, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(create, versionTable)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO "+versionTable+" (version_id, is_applied) VALUES ($1, $2)", 0, true)
			return err
		}); err != nil && latest() != nil { // not made by another process meanwhile
			return fmt.Errorf("create version table: %w", err)
		}
	}
	for _, m := range ms {
		if m.version <= current || m.version > target {
			continue
		}
		if err := inTx(ctx, conn, func(tx *sql.Tx) error {
			for _, st := range m.statements {
				if _, err := tx.ExecContext(ctx, st); err != nil {
					return fmt.Errorf("%w\n%s", err, st)
				}
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO "+versionTable+" (version_id, is_applied) VALUES ($1, $2)", m.version, true)
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// inTx runs f in a transaction on conn, committed when f succeeds.
func inTx(ctx context.Context, conn *sql.Conn, f func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}
