package store_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// A session played faster than real time is kept with its time scale and
// read back as a demo (issue 11); real time is 1, and 0 means 1.
func TestDemoSessions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		cases := []struct {
			scale, want float64
			demo        bool
		}{{0, 1, false}, {1, 1, false}, {30, 30, true}, {0.5, 0.5, true}, {1000, 1000, true}}
		for i, c := range cases {
			s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base.Add(timeMinutes(i)), TimeScale: c.scale}
			if _, err := st.StartSession(ctx, s); err != nil {
				t.Fatalf("scale %v: %v", c.scale, err)
			}
			if s.TimeScale != c.want || s.Demo != c.demo {
				t.Errorf("scale %v: started as %v, demo %v", c.scale, s.TimeScale, s.Demo)
			}
			got, err := st.Session(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.TimeScale != c.want || got.Demo != c.demo || got.IsDemo() != c.demo {
				t.Errorf("scale %v: read back %v, demo %v", c.scale, got.TimeScale, got.Demo)
			}
		}
		list, err := st.Sessions(ctx, journal.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		demos := 0
		for _, s := range list {
			if s.Demo {
				demos++
			}
		}
		if len(list) != len(cases) || demos != 3 {
			t.Errorf("listed %d sessions, %d demos", len(list), demos)
		}
		for _, bad := range []float64{-1, math.NaN(), math.Inf(1), 1000.5} {
			s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: base, TimeScale: bad}
			_, err := st.StartSession(ctx, s)
			wantError(t, err, unhunch.EInvalid, "time_scale")
		}
	})
}

func timeMinutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// A journal from before demos were kept (schema 4) opens, and every session
// in it is real time.
func TestOldSessionsAreRealTime(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		if url == "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
		}
		db := raw(t, url, dir)
		if err := store.MigrateTo(ctx, db, url != "", 4); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO sessions (id, routine_id, status, started_at) VALUES ('01OLD', 'cat-cow', 'completed', 1)`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if url == "" {
			os.Chmod(filepath.Join(dir, store.FileName), 0o600)
		}
		st := openAt(t, url, dir)
		got, err := st.Session(ctx, "01OLD")
		if err != nil {
			t.Fatal(err)
		}
		if got.TimeScale != 1 || got.Demo {
			t.Errorf("an old session reads back at scale %v, demo %v", got.TimeScale, got.Demo)
		}
	})
}
