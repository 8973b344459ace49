package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/store"
)

// OpenReader (issue 16, start-up): a journal at this build's schema on
// SQLite is opened for reading only — it reads what Open reads and refuses
// writes; anything else (no journal yet, PostgreSQL, a journal to migrate)
// is Open, which makes, migrates or refuses as before.
func TestOpenReader(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st, err := store.OpenReader(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		if st.ReadOnly() || !st.Created() {
			t.Errorf("no journal yet: ReadOnly %v, Created %v; want a new journal, as Open makes", st.ReadOnly(), st.Created())
		}
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		if err := st.SavePSFS(ctx, at, map[string]int{"Driving": 4}); err != nil {
			t.Fatal(err)
		}
		st.Close()

		st, err = store.OpenReader(ctx, url, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if want := e.name == "sqlite"; st.ReadOnly() != want || st.Created() {
			t.Errorf("a journal at this schema: ReadOnly %v (want %v), Created %v", st.ReadOnly(), want, st.Created())
		}
		got, err := st.PSFS(ctx)
		if err != nil || len(got) != 1 {
			t.Fatalf("PSFS: %v, %v; want the one rating saved", got, err)
		}
		if v, err := st.Version(ctx); err != nil || v == 0 {
			t.Errorf("Version: %d, %v", v, err)
		}
		if active, err := st.HasActiveSessions(ctx); err != nil || active {
			t.Errorf("HasActiveSessions: %v, %v", active, err)
		}
		if !st.ReadOnly() {
			return
		}
		if err := st.SavePSFS(ctx, at.Add(time.Hour), map[string]int{"Driving": 3}); err == nil {
			t.Error("a reader saved a rating")
		}
		// The journal is as it was.
		if got, _ := st.PSFS(ctx); len(got) != 1 {
			t.Errorf("%d ratings after a refused write, want 1", len(got))
		}
	})
}

// A journal whose schema is not this build's is left to Open, which
// migrates it (here, the last step's record removed, the step runs again and
// fails the same way for both), and a file that is not a journal is refused
// as Open refuses it.
func TestOpenReaderFallsBackToOpen(t *testing.T) {
	ctx := context.Background()
	behind := func() string {
		dir := filepath.Join(t.TempDir(), "data")
		st, err := store.Open(ctx, "", dir)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		db := raw(t, "", dir)
		if _, err := db.Exec("DELETE FROM unhunch_schema_version WHERE version_id = (SELECT MAX(version_id) FROM unhunch_schema_version)"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		return dir
	}
	same := func(what, a, b string, openErr, readErr error) {
		t.Helper()
		if openErr == nil || readErr == nil || strings.ReplaceAll(openErr.Error(), a, "DIR") != strings.ReplaceAll(readErr.Error(), b, "DIR") {
			t.Errorf("%s: Open says %v, OpenReader says %v", what, openErr, readErr)
		}
	}
	d1, d2 := behind(), behind()
	_, openErr := store.Open(ctx, "", d1)
	_, readErr := store.OpenReader(ctx, "", d2)
	same("a journal one step behind", d1, d2, openErr, readErr)

	d1, d2 = t.TempDir(), t.TempDir()
	for _, d := range []string{d1, d2} {
		if err := os.WriteFile(filepath.Join(d, store.FileName), []byte("not a database at all, just words"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, openErr = store.Open(ctx, "", d1)
	_, readErr = store.OpenReader(ctx, "", d2)
	same("not a journal", d1, d2, openErr, readErr)
}
