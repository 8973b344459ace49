package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// personTables are the tables that hold one person's data (migration 15):
// every statement of the store that touches one names person_id.
var personTables = []string{
	"sessions", "performances", "screenings", "exercise_states", "condition_clearances", "psfs_ratings",
	"psfs_activities", "person_summary", "fhir_patient", "schedules", "journal_version",
}

// scopeExemptFiles are the store's files whose statements work on the
// whole database on purpose, with why.
var scopeExemptFiles = map[string]string{
	"backup.go":  "a backup copies the whole database and counts every session in it",
	"restore.go": "a restore replaces the whole database and works out every person's summaries again",
}

// scopeExemptSQL are single statements (whitespace folded) that do not
// name the person, with why.
var scopeExemptSQL = map[string]string{
	"SELECT 1 FROM sessions WHERE id = $1":   "an import must not reuse a session id anyone holds: ids are the server's keys (Import refuses it as taken, saying no more)",
	"SELECT 1 FROM screenings WHERE id = $1": "an import must not reuse a screening id anyone holds: ids are the server's keys",
}

// touches finds the per-person tables a statement reads or writes.
var touches = regexp.MustCompile(`\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?(` + strings.Join(personTables, "|") + `)\b`)

// unscoped returns the SQL statements in src (a Go file) that touch a
// per-person table without naming person_id once for every table they
// touch, and how many statements touching such a table it read. A
// statement is a string literal, or a sum of literals and the file's or
// package's string constants (consts), read whole.
func unscoped(t *testing.T, name, src string, consts map[string]string) (bad []string, checked int) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		var text string
		switch x := n.(type) {
		case *ast.BinaryExpr:
			if x.Op != token.ADD {
				return true
			}
			text = concat(x, consts)
		case *ast.BasicLit:
			if x.Kind != token.STRING {
				return true
			}
			text, _ = strconv.Unquote(x.Value)
		default:
			return true
		}
		stmt := strings.Join(strings.Fields(text), " ")
		tables := touches.FindAllString(stmt, -1)
		if len(tables) == 0 {
			return false
		}
		checked++
		if _, ok := scopeExemptSQL[stmt]; ok {
			used[stmt] = true
			return false
		}
		if strings.Count(stmt, "person_id") < len(tables) {
			bad = append(bad, stmt)
		}
		return false // a sum is read whole, not again in parts
	})
	return bad, checked
}

// used records the exemptions that matched a statement.
var used = map[string]bool{}

// concat joins the string literals and known constants of a sum; anything
// else (a variable, a call) adds a space.
func concat(e ast.Expr, consts map[string]string) string {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return concat(x.X, consts) + concat(x.Y, consts)
		}
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			s, _ := strconv.Unquote(x.Value)
			return s
		}
	case *ast.Ident:
		if v, ok := consts[x.Name]; ok {
			return v
		}
	case *ast.ParenExpr:
		return concat(x.X, consts)
	}
	return " "
}

// stringConsts returns the package-level string constants of the files
// that are single literals.
func stringConsts(t *testing.T, srcs map[string]string) map[string]string {
	out := map[string]string{}
	for name, src := range srcs {
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							out[n.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	return out
}

// Issue 17: every statement of the store that reads or writes one person's
// data names its person (person_id), so that no query runs without an
// owner; backups and restores, and the few statements listed with their
// reasons, are the only exceptions.
func TestEveryStatementNamesItsPerson(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = string(b)
	}
	consts := stringConsts(t, srcs)
	total := 0
	for _, name := range slices.Sorted(mapKeys(srcs)) {
		if _, ok := scopeExemptFiles[name]; ok {
			continue
		}
		bad, n := unscoped(t, name, srcs[name], consts)
		total += n
		for _, stmt := range bad {
			t.Errorf("%s: a statement touches a person's table without naming person_id for each table: %s", name, stmt)
		}
	}
	// The check read the store's statements: a broken parser finds none.
	if total < 50 {
		t.Errorf("read only %d statements that touch a person's table; the check is not reading the store", total)
	}
	for stmt := range scopeExemptSQL {
		if !used[stmt] {
			t.Errorf("exemption %q matches no statement any more: remove it", stmt)
		}
	}
	for name := range scopeExemptFiles {
		if _, ok := srcs[name]; !ok {
			t.Errorf("exempt file %s is gone: remove it", name)
		}
	}
}

// The check itself finds what it must: statements without their person,
// in literals, in sums with constants, and a join that names it once for
// two tables.
func TestScopeCheckFindsUnscoped(t *testing.T) {
	src := "package x\n" +
		"const cols = \"id, at\"\n" +
		"const good = `SELECT v FROM journal_version WHERE person_id = $1`\n" +
		"var a = `DELETE FROM schedules`\n" +
		"var b = \"SELECT \" + cols + \" FROM screenings WHERE at > $1\"\n" +
		"var c = \"SELECT * FROM sessions s JOIN performances p ON p.session_id = s.id WHERE s.person_id = $1\"\n" +
		"var d = `INSERT INTO exercise_states (exercise_id) VALUES ($1)`\n" +
		"var e = \"read sessions from the journal\"\n"
	consts := stringConsts(t, map[string]string{"x.go": src})
	bad, n := unscoped(t, "x.go", src, consts)
	if n != 5 || len(bad) != 4 {
		t.Errorf("checked %d statements, found %d unscoped (%q); want 5 and 4", n, len(bad), bad)
	}
}

// mapKeys returns m's keys.
func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
