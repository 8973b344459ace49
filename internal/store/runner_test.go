package store_test

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch/internal/store"
)

// A journal the migration runner makes is the one goose made: the same
// tables, columns, indexes and constraints, the same SQL text on SQLite,
// and the same rows in the version table (version 0, then one a
// migration), on both engines. And a journal goose left at any version is
// brought up to date by the runner to that same schema.
func TestMigrationsAsGoose(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		postgres := e.name == "postgres"
		byGoose := func(version int64) *sql.DB {
			url, dir := e.fresh(t)
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			db := raw(t, url, dir)
			dialect := goose.DialectSQLite3
			if postgres {
				dialect = goose.DialectPostgres
			}
			p, err := goose.NewProvider(dialect, db, os.DirFS("migrations"), goose.WithTableName(store.VersionTable))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, version); err != nil {
				t.Fatalf("goose up to %d: %v", version, err)
			}
			if version < store.SchemaVersion() {
				db.Close()
				openAt(t, url, dir).Close() // the runner does the rest
				db = raw(t, url, dir)
			}
			return db
		}
		url, dir := e.fresh(t)
		openAt(t, url, dir).Close()
		want := schemaDump(t, raw(t, url, dir), postgres)
		for _, v := range []int64{store.SchemaVersion(), 1, 9, store.SchemaVersion() - 1} {
			got := schemaDump(t, byGoose(v), postgres)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("goose up to %d, then the runner (-runner alone +goose first):\n%s", v, diff)
			}
		}
	})
}

// schemaDump is everything of db's schema an engine tells, and the
// version table's rows.
func schemaDump(t *testing.T, db *sql.DB, postgres bool) []string {
	t.Helper()
	queries := []string{
		`SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name`,
	}
	if postgres {
		queries = []string{
			`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '') || ' ' || is_identity
			 FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
			`SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`,
			`SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
			 WHERE connamespace = current_schema()::regnamespace ORDER BY 1`,
		}
	}
	queries = append(queries, `SELECT version_id || ' ' || CASE WHEN is_applied THEN 'applied' ELSE 'not' END FROM `+store.VersionTable+` ORDER BY id`)
	var out []string
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The runner reads a migration file as goose does: the statements of its
// Up part, each up to a line whose last word before any comment ends with
// a semicolon, comments before a statement left out and inside one kept;
// and it refuses what it does not know rather than run it differently.
func TestUpStatements(t *testing.T) {
	for _, c := range []struct {
		name, file string
		want       []string
		err        bool
	}{
		{"plain", "-- a comment\n\n-- +goose Up\nCREATE TABLE a (x INTEGER);\nCREATE INDEX i ON a (x);\n-- +goose Down\nDROP TABLE a;\n",
			[]string{"CREATE TABLE a (x INTEGER);", "CREATE INDEX i ON a (x);"}, false},
		{"across lines, a comment inside", "-- +goose Up\n-- before\nCREATE TABLE a (\n    x INTEGER, -- the x; with a semicolon\n    y TEXT\n);  -- after\n-- +goose Down\n",
			[]string{"CREATE TABLE a (\n    x INTEGER, -- the x; with a semicolon\n    y TEXT\n);  -- after"}, false},
		{"no Down part", "-- +goose Up\nSELECT 1;\n", []string{"SELECT 1;"}, false},
		{"CRLF", "-- +goose Up\r\nSELECT 1;\r\n-- +goose Down\r\n", []string{"SELECT 1;"}, false},
		{"no semicolon", "-- +goose Up\nSELECT 1\n-- +goose Down\n", nil, true},
		{"no semicolon at the end", "-- +goose Up\nSELECT 1\n", nil, true},
		{"no Up", "SELECT 1;\n", nil, true},
		{"no Up at all", "-- only words\n", nil, true},
		{"two Ups", "-- +goose Up\n-- +goose Up\nSELECT 1;\n", nil, true},
		{"Down first", "-- +goose Down\nSELECT 1;\n", nil, true},
		{"a statement block", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n", nil, true},
		{"no transaction", "-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;\n", nil, true},
	} {
		got, err := store.UpStatements(c.file)
		if (err != nil) != c.err {
			t.Errorf("%s: error %v, want an error: %v", c.name, err, c.err)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}
