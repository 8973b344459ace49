package web_test

import (
	"os"
	"testing"

	"github.com/unhunch/unhunch/internal/pgtest"
)

// TestMain stops the PostgreSQL server that tests on that engine start on
// first use (pgtest.Database).
func TestMain(m *testing.M) {
	os.Exit(pgtest.Run(m))
}

// engines are the journals a test runs on: a new SQLite file, or a new
// PostgreSQL database.
var engines = []struct {
	name string
	url  func(t *testing.T) string
}{
	{"sqlite", func(*testing.T) string { return "" }},
	{"postgres", func(t *testing.T) string { return pgtest.Database(t) }},
}

// forEachEngine runs f as a subtest on SQLite and on PostgreSQL.
func forEachEngine(t *testing.T, f func(t *testing.T, url string)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { f(t, e.url(t)) })
	}
}
