package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// A journal made by Open says so, once: a mistyped --data-dir must not pass
// for a journal that lost everything.
func TestCreatedOnlyWhenNew(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		url, dir := e.fresh(t)
		first := openAt(t, url, dir)
		if !first.Created() {
			t.Error("a new journal does not say it was created")
		}
		first.Close()
		if again := openAt(t, url, dir); again.Created() {
			t.Error("an existing journal says it was created")
		}
	})
}

// Issue 12, item 4: every active session has a lease its player renews. A
// session whose player fell silent for longer than journal.Lease is swept as
// interrupted, ending at its last renewal; a player that comes back revives
// it; a page that says it was left ends it at once.
func TestLeases(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		alive := func(string) bool { return true } // every owner lives: only leases count
		start := func(owner string, seen time.Time) string {
			s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, SeenAt: seen, Owner: owner}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatal(err)
			}
			return s.ID
		}
		status := func(id string) (journal.Status, *time.Time) {
			s, err := st.Session(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return s.Status, s.EndedAt
		}
		web := start(store.WebOwner, base)
		terminal := start("pid:1@another-machine", base)
		offline := start(store.WebOwner, base.Add(10*time.Minute)) // started offline at base, reached the server later

		renewed := base.Add(2 * time.Minute)
		if err := st.Renew(ctx, web, renewed); err != nil {
			t.Fatal(err)
		}
		// An older renewal arriving late never moves the lease back.
		if err := st.Renew(ctx, web, base.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		// Just within the lease of each: nothing is swept.
		if n, err := st.SweepInterrupted(ctx, alive, base.Add(journal.Lease)); err != nil || n != 0 {
			t.Fatalf("swept %d, %v within the lease", n, err)
		}
		// The terminal session's lease lapses first.
		if n, err := st.SweepInterrupted(ctx, alive, base.Add(journal.Lease+time.Millisecond)); err != nil || n != 1 {
			t.Fatalf("swept %d, %v; want the terminal session", n, err)
		}
		if s, end := status(terminal); s != journal.Interrupted || !end.Equal(base) {
			t.Errorf("terminal session %s ended %v, want interrupted at its start", s, end)
		}
		if n, err := st.SweepInterrupted(ctx, alive, renewed.Add(journal.Lease+time.Millisecond)); err != nil || n != 1 {
			t.Fatalf("swept %d, %v; want the web session", n, err)
		}
		if s, end := status(web); s != journal.Interrupted || !end.Equal(renewed) {
			t.Errorf("web session %s ended %v, want interrupted at its last renewal %v", s, end, renewed)
		}
		// Its player was only asleep: renewing revives it.
		if err := st.Renew(ctx, web, base.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if s, end := status(web); s != journal.Active || end != nil {
			t.Errorf("renewed session %s ended %v, want active again", s, end)
		}
		// A page that was left ends its session at once.
		left := base.Add(time.Hour + time.Minute)
		if err := st.MarkInterrupted(ctx, web, left); err != nil {
			t.Fatal(err)
		}
		if s, end := status(web); s != journal.Interrupted || !end.Equal(left) {
			t.Errorf("left session %s ended %v", s, end)
		}
		// A finished session is never revived or swept.
		if err := st.FinishSession(ctx, offline, journal.Completed, base.Add(20*time.Minute), nil, ""); err != nil {
			t.Fatal(err)
		}
		if err := st.Renew(ctx, offline, base.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, err := st.SweepInterrupted(ctx, alive, base.Add(24*time.Hour)); err != nil || n != 0 {
			t.Errorf("swept %d, %v; nothing was left active", n, err)
		}
		if s, _ := status(offline); s != journal.Completed {
			t.Errorf("finished session became %s", s)
		}
		wantError(t, st.Renew(ctx, "nope", base), unhunch.ENotFound, `no session "nope"`)
	})
}

// Migration 7 runs both ways on both engines: going down keeps the last
// attempt at each exercise (the old schema has room for one).
func TestMigrationSevenDown(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base}
		if _, err := st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		stopped := perf(0, "chin-tucks", journal.Halted, base)
		done := perf(0, "chin-tucks", journal.Done, base.Add(time.Minute))
		done.Attempt = 2
		for _, p := range []journal.Performance{stopped, done} {
			if err := st.RecordExercise(ctx, s.ID, p); err != nil {
				t.Fatal(err)
			}
		}
		st.Close()
		db := raw(t, url, dir)
		dialect := goose.DialectSQLite3
		if url != "" {
			dialect = goose.DialectPostgres
		}
		p, err := goose.NewProvider(dialect, db, os.DirFS("migrations"), goose.WithTableName(store.VersionTable))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(ctx, 4); err != nil {
			t.Fatalf("down to 4: %v", err)
		}
		var n int
		var outcome string
		if err := db.QueryRow("SELECT COUNT(*), MAX(outcome) FROM performances").Scan(&n, &outcome); err != nil || n != 1 || outcome != "done" {
			t.Errorf("after going down: %d rows, %q, %v; want the done attempt only", n, outcome, err)
		}
		if _, err := p.UpTo(ctx, 7); err != nil {
			t.Fatalf("up again: %v", err)
		}
		if err := db.QueryRow("SELECT COUNT(*) FROM performances WHERE attempt = 1").Scan(&n); err != nil || n != 1 {
			t.Errorf("after going up again: %d first attempts, %v", n, err)
		}
	})
}
