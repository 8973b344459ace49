package journaltest_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/journaltest"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// The journal it writes is what it says: sessions with their outcomes,
// screenings and ratings, in the store's own summaries too.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, "", filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	end := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	days := 60
	if !testing.Short() && testing.Verbose() {
		days = journaltest.TenYears
	}
	begin := time.Now()
	stats, err := journaltest.Write(ctx, st, c, end, days, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d days: %+v in %v", days, stats, time.Since(begin))
	all, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	outcomes := 0
	for _, s := range all {
		outcomes += len(s.Exercises)
		if s.Status == journal.Active {
			t.Errorf("session %s left active", s.ID)
		}
	}
	if len(all) != stats.Sessions || outcomes != stats.Outcomes || stats.Sessions < days*9/10 || stats.Outcomes < stats.Sessions*4 {
		t.Errorf("journal: %d sessions, %d outcomes; stats %+v", len(all), outcomes, stats)
	}
	briefs, err := st.Briefs(ctx, end.AddDate(0, 0, -days-1), end)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range briefs {
		var s *journal.Session
		for _, x := range all {
			if x.ID == b.ID {
				s = x
			}
		}
		if want := s.Brief(); b.Done != want.Done || b.Seconds != want.Seconds {
			t.Errorf("session %s: totals %d, %v; its exercises %d, %v", b.ID, b.Done, b.Seconds, want.Done, want.Seconds)
		}
	}
}
