package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"modernc.org/sqlite"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// A backup is a file anyone could have made. Restore trusts none of it: the
// schema must be, object by object, what this build's migrations make at the
// backup's version (no trigger, view, table, index or column more or less),
// and the rows are copied, one by one, through the current schema into a
// new journal, where every rule (CHECK, NOT NULL, foreign keys, types) holds
// them. Anything else is refused with what is wrong, and nothing changes.

// column is one column of a table as SQLite describes it.
type column struct {
	name, typ string
	notNull   bool
	pk        int
}

// schemaShape is what a database's schema holds: its objects (triggers,
// views, tables and indexes, by "type name") and each table's columns.
type schemaShape struct {
	objects map[string]bool
	columns map[string][]column
}

// shapeOf reads db's schema. Statistics tables (sqlite_stat*), which SQLite
// may keep for its planner, are left out, and so are the indexes SQLite makes
// for PRIMARY KEY and UNIQUE (sqlite_autoindex_*): rows are copied through
// the current schema, whose own constraints hold them.
func shapeOf(ctx context.Context, db *sql.DB) (schemaShape, error) {
	sh := schemaShape{objects: map[string]bool{}, columns: map[string][]column{}}
	rows, err := db.QueryContext(ctx, "SELECT type, name FROM sqlite_master")
	if err != nil {
		return sh, err
	}
	var tables []string
	for rows.Next() {
		var typ, name string
		if err := rows.Scan(&typ, &name); err != nil {
			rows.Close()
			return sh, err
		}
		if strings.HasPrefix(name, "sqlite_stat") || strings.HasPrefix(name, "sqlite_autoindex_") {
			continue
		}
		sh.objects[typ+" "+name] = true
		if typ == "table" {
			tables = append(tables, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sh, err
	}
	for _, t := range tables {
		cols, err := columnsOf(ctx, db, t)
		if err != nil {
			return sh, err
		}
		sh.columns[t] = cols
	}
	return sh, nil
}

// columnsOf returns a table's columns in order.
func columnsOf(ctx context.Context, db *sql.DB, table string) ([]column, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info($1)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.pk); err != nil {
			return nil, err
		}
		c.typ = strings.ToUpper(c.typ)
		out = append(out, c)
	}
	return out, rows.Err()
}

// references holds the schema this build's migrations make at each version.
var references sync.Map // int64 → schemaShape

// referenceShape returns the schema a journal has at version: migrations up
// to it applied to an empty database in memory.
func referenceShape(ctx context.Context, version int64) (schemaShape, error) {
	if sh, ok := references.Load(version); ok {
		return sh.(schemaShape), nil
	}
	db, err := sql.Open("sqlite", fmt.Sprintf("file:unhunch-reference-%d?mode=memory&_pragma=foreign_keys(1)", version))
	if err != nil {
		return schemaShape{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one database in memory
	if version < 1 {
		// No migration applied: a journal has nothing at all.
		return schemaShape{objects: map[string]bool{}, columns: map[string][]column{}}, nil
	}
	if err := upTo(ctx, db, false, version); err != nil {
		return schemaShape{}, err
	}
	sh, err := shapeOf(ctx, db)
	if err != nil {
		return sh, err
	}
	references.Store(version, sh)
	return sh, nil
}

// schemaError is a backup whose schema is not what unhunch makes.
type schemaError struct{ why string }

// Error says what differs.
func (e *schemaError) Error() string { return "schema: " + e.why }

// verifySchema compares db's schema with what this build's migrations make
// at version, and says what differs: an object more (a trigger, a view, a
// table newer than the version rows claim) or less, or a table's columns.
func verifySchema(ctx context.Context, db *sql.DB, version int64) error {
	ref, err := referenceShape(ctx, version)
	if err != nil {
		return fmt.Errorf("store: the schema of version %d: %w", version, err)
	}
	got, err := shapeOf(ctx, db)
	if err != nil {
		return notSQLiteOr(err)
	}
	var whys []string
	for _, o := range sortedKeys(got.objects) {
		if !ref.objects[o] {
			typ, name, _ := strings.Cut(o, " ")
			whys = append(whys, message.Text(message.StoreSchemaExtra, message.AnObjectWords.Text(typ), name, version))
		}
	}
	for _, o := range sortedKeys(ref.objects) {
		if !got.objects[o] {
			typ, name, _ := strings.Cut(o, " ")
			whys = append(whys, message.Text(message.StoreSchemaMissing, message.ObjectWords.Text(typ), name, version))
		}
	}
	for _, t := range sortedKeys(ref.columns) {
		have, ok := got.columns[t]
		if !ok {
			continue // said above
		}
		for _, c := range ref.columns[t] {
			i := slices.IndexFunc(have, func(h column) bool { return h.name == c.name })
			switch {
			case i < 0:
				whys = append(whys, message.Text(message.StoreSchemaNoColumn, t, c.name, version))
			case have[i] != c:
				whys = append(whys, message.Text(message.StoreSchemaColumn, t, c.name, version))
			}
		}
		for _, h := range have {
			if !slices.ContainsFunc(ref.columns[t], func(c column) bool { return c.name == h.name }) {
				whys = append(whys, message.Text(message.StoreSchemaExtraColumn, t, h.name, version))
			}
		}
	}
	if len(whys) == 0 {
		return nil
	}
	if len(whys) > 3 {
		whys = append(whys[:3], message.Text(message.StoreMoreProcesses, len(whys)-3))
	}
	return &schemaError{strings.Join(whys, "; ")}
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// rowError is a row of a backup that the current schema does not take.
type rowError struct {
	table string
	row   int // 1-based, in the backup's order
	why   string
}

// Error says which row and why.
func (e *rowError) Error() string { return fmt.Sprintf("table %s, row %d: %s", e.table, e.row, e.why) }

// rebuild makes a new journal at this build's schema in a temporary file in
// dir and copies every row of unhunch's tables from the backup at src into
// it, each through the current schema's rules, in one transaction. It
// returns the file; on any error the file is gone. A row the schema refuses
// is a *rowError.
func rebuild(ctx context.Context, src, dir string) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+FileName+".restore-*")
	if err != nil {
		return "", err
	}
	tmpName := tmp.Name()
	tmp.Close()
	fresh := &Store{eng: sqliteEngine, path: tmpName, dir: dir, where: tmpName}
	done := false
	defer func() {
		if fresh.db != nil {
			fresh.db.Close()
		}
		if !done {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(tmpName + suffix)
			}
		}
	}()
	if err := fresh.connect(ctx); err != nil {
		return "", err
	}
	from, err := sql.Open("sqlite", readOnlyDSN(src))
	if err != nil {
		return "", err
	}
	defer from.Close()
	if err := copyRows(ctx, from, fresh.db); err != nil {
		return "", err
	}
	// Closing the last connection folds the write-ahead log into the file.
	err = fresh.db.Close()
	fresh.db = nil
	if err != nil {
		return "", err
	}
	done = true
	return tmpName, nil
}

// copyRows copies the rows of every table both databases have (the schema
// version table aside: the new journal keeps its own) from the backup into
// the new journal, column by column where both have the column. Columns
// added since the backup's version take their defaults.
func copyRows(ctx context.Context, from, to *sql.DB) error {
	toTables, err := listTables(ctx, to, sqliteEngine)
	if err != nil {
		return err
	}
	fromTables, err := listTables(ctx, from, sqliteEngine)
	if err != nil {
		return notSQLiteOr(err)
	}
	tx, err := to.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Rows arrive table by table: foreign keys are checked at the end,
	// and any row left without its parent is named then.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	for _, t := range sortedKeys(toTables) {
		if t == versionTable || derived()[t] || !fromTables[t] {
			continue
		}
		if err := copyTable(ctx, from, to, tx, t); err != nil {
			return err
		}
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return err
	}
	if err := summarise(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// derived names the tables and columns that the journal works out from its
// other rows (migration 9's summaries): restore copies none of a backup's,
// and works them out again from the rows it copied (summarise).
var derived = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"person_summary":            true,
		"psfs_activities":           true,
		"sessions.done_attempts":    true,
		"sessions.practice_seconds": true,
	}
})

// summarise works out the summaries of migration 9 from the journal's rows
// in tx, as the migration does for a journal it brings up to date: each
// session's totals, each functional-scale activity's first and latest
// score; the person's checkpoint is left out, to be worked out again when
// the journal is next read.
func summarise(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		`UPDATE sessions SET
			done_attempts = (SELECT COUNT(*) FROM performances p WHERE p.session_id = sessions.id AND p.person_id = sessions.person_id AND p.outcome = 'done'),
			practice_seconds = (SELECT COALESCE(SUM(p.seconds), 0) FROM performances p WHERE p.session_id = sessions.id AND p.person_id = sessions.person_id)`,
		`DELETE FROM psfs_activities`,
		`INSERT INTO psfs_activities (person_id, activity, first_at, first_score, latest_at, latest_score)
		SELECT a.person_id, a.activity, a.first_at,
			(SELECT r.score FROM psfs_ratings r WHERE r.person_id = a.person_id AND r.activity = a.activity AND r.at = a.first_at),
			a.latest_at,
			(SELECT r.score FROM psfs_ratings r WHERE r.person_id = a.person_id AND r.activity = a.activity AND r.at = a.latest_at)
		FROM (SELECT person_id, activity, MIN(at) AS first_at, MAX(at) AS latest_at FROM psfs_ratings GROUP BY person_id, activity) a`,
		`DELETE FROM person_summary`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// copyTable replaces the rows of table in the new journal with the backup's.
func copyTable(ctx context.Context, from, to *sql.DB, tx *sql.Tx, table string) error {
	toCols, err := columnsOf(ctx, to, table)
	if err != nil {
		return err
	}
	fromCols, err := columnsOf(ctx, from, table)
	if err != nil {
		return notSQLiteOr(err)
	}
	var cols []column
	for _, c := range toCols {
		if derived()[table+"."+c.name] {
			continue // worked out again: summarise
		}
		if slices.ContainsFunc(fromCols, func(f column) bool { return f.name == c.name }) {
			cols = append(cols, c)
		}
	}
	names := make([]string, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		names[i] = `"` + c.name + `"`
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM "`+table+`"`); err != nil {
		return err
	}
	if len(cols) == 0 {
		return nil
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO "`+table+`" (`+strings.Join(names, ", ")+`) VALUES (`+strings.Join(marks, ", ")+`)`)
	if err != nil {
		return err
	}
	defer insert.Close()
	rows, err := from.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM "`+table+`" ORDER BY rowid`)
	if err != nil {
		return notSQLiteOr(err)
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for n := 1; rows.Next(); n++ {
		if err := rows.Scan(ptrs...); err != nil {
			return notSQLiteOr(err)
		}
		for i, c := range cols {
			v, why := fitColumn(c, vals[i])
			if why != "" {
				return &rowError{table, n, why}
			}
			vals[i] = v
		}
		if _, err := insert.ExecContext(ctx, vals...); err != nil {
			return &rowError{table, n, message.Text(message.StoreRowRule, ruleBroken(err))}
		}
	}
	return notSQLiteOr(rows.Err())
}

// ruleBroken says which rule an insert broke, in SQLite's words without its
// error code: "CHECK constraint failed: pain_before BETWEEN 0 AND 10".
func ruleBroken(err error) string {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return rootCause(err).Error()
	}
	msg := se.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i]
	}
	return strings.TrimPrefix(msg, "constraint failed: ")
}

// fitColumn checks that v is a value of column c's type and returns it as
// the journal reads it: whole numbers where the schema says INTEGER or
// BIGINT, text without control characters where it says TEXT, numbers where
// it says DOUBLE PRECISION. It returns why not, otherwise "".
func fitColumn(c column, v any) (any, string) {
	if v == nil {
		return nil, "" // NOT NULL is the schema's to enforce
	}
	switch {
	case strings.Contains(c.typ, "INT"):
		switch x := v.(type) {
		case int64:
			return x, ""
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
				return int64(x), ""
			}
		}
		return nil, message.Text(message.StoreRowNotWhole, c.name)
	case strings.Contains(c.typ, "TEXT"):
		s, ok := v.(string)
		if b, isBytes := v.([]byte); isBytes {
			s, ok = string(b), true
		}
		if !ok || !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return nil, message.Text(message.StoreRowNotText, c.name)
		}
		return s, ""
	case strings.Contains(c.typ, "DOUBLE"), strings.Contains(c.typ, "REAL"):
		switch x := v.(type) {
		case float64:
			return x, ""
		case int64:
			return float64(x), ""
		}
		return nil, message.Text(message.StoreRowNotNumber, c.name)
	}
	return v, ""
}

// foreignKeyCheck returns a *rowError for the first row whose parent is
// missing, before the transaction commits.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return rows.Err()
	}
	var (
		table, parent string
		rowid         sql.NullInt64
		fk            int
	)
	if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
		return err
	}
	rows.Close()
	n := 0
	if rowid.Valid {
		// The copy's rowids follow the backup's order from 1.
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM "`+table+`" WHERE rowid <= $1`, rowid.Int64).Scan(&n); err != nil {
			return err
		}
	}
	return &rowError{table, n, message.Text(message.StoreRowNoParent, parent)}
}

// restoreRows words rebuild's refusal of a row.
func restoreRows(from string, err error) error {
	var re *rowError
	if errors.As(err, &re) {
		return unhunch.E(unhunch.EInvalid, message.StoreRestoreBadRow, from, re.table, re.row, re.why).Wrap(err)
	}
	return nil
}
