package person_test

import (
	"os"
	"testing"

	"github.com/unhunch/unhunch/internal/pgtest"
)

// TestMain stops the throwaway PostgreSQL server the tests started, if
// they did: without it every run of this package left one running.
func TestMain(m *testing.M) {
	os.Exit(pgtest.Run(m))
}
