package crashload_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/crashload"
	"github.com/unhunch/unhunch/internal/pgtest"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/safety"
)

// With UNHUNCH_CRASH_COMPARE=1, the same load client (crashload.Run, no
// kill) against one `unhunch serve` and against two sharing one PostgreSQL
// database, alternately (one, two, one, two … each on a new database, so
// that no run pays for a journal the one before filled), for
// docs/performance.md: acknowledged requests a second, the ratio of two to
// one, and the p99 of events and starts. Every acknowledged write of every
// run is then checked in its journal (crashload.Verify). It prints figures
// and asserts nothing about time. That no acknowledged write is lost when
// one of the two is killed with SIGKILL under load is TestKill9UnderLoad's
// PostgreSQL case.
func TestTwoServersAgainstOne(t *testing.T) {
	if os.Getenv("UNHUNCH_CRASH_COMPARE") == "" {
		t.Skip("figures for docs/performance.md: UNHUNCH_CRASH_COMPARE=1 go test ./internal/crashload -run TwoServers -v")
	}
	sc := scaleFromEnv(t)
	var ids []string
	for _, q := range safety.Questions {
		ids = append(ids, q.ID)
	}
	type figures struct {
		rate                   float64
		events, starts         [2]time.Duration
		writes, sessionsPlayed int
	}
	run := func(n int) figures {
		url, dir := pgtest.Database(t), t.TempDir()
		var bases []string
		for i := range n {
			log, err := os.Create(filepath.Join(t.TempDir(), fmt.Sprintf("serve-%d.log", i)))
			if err != nil {
				t.Fatal(err)
			}
			defer log.Close()
			addr := freeAddr(t)
			s := &server{t: t, args: []string{"serve", "--addr", addr, "--data-dir", dir, "--db", url}, addr: addr, log: log}
			s.start()
			defer s.stop()
			bases = append(bases, "http://"+addr)
		}
		if err := crashload.Screen(bases[0], ids); err != nil {
			t.Fatal(err)
		}
		ledger := crashload.NewLedger()
		load := time.Duration(sc.seconds * float64(time.Second))
		t0 := time.Now()
		crashload.Run(context.Background(), crashload.Config{Bases: bases, Workers: sc.workers, Sessions: sc.sessions, Duration: load, Drain: 60 * time.Second}, ledger)
		elapsed := time.Since(t0)
		st, err := store.Open(context.Background(), url, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		res, err := crashload.Verify(context.Background(), st, ledger)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Problems {
			t.Error(p)
		}
		f := figures{rate: float64(ledger.Acked.Load()) / elapsed.Seconds(), writes: res.Checked, sessionsPlayed: res.Sessions}
		f.events, f.starts = ledger.Latency()
		return f
	}
	for round := range sc.rounds {
		one, two := run(1), run(2)
		t.Logf("round %d, %d players, %.1f s: one server %.0f requests/s (events p99 %v, starts p99 %v, %d writes); "+
			"two servers %.0f requests/s (events p99 %v, starts p99 %v, %d writes); two / one = %.2f×",
			round, sc.workers, sc.seconds, one.rate, one.events[1].Round(time.Millisecond), one.starts[1].Round(time.Millisecond), one.writes,
			two.rate, two.events[1].Round(time.Millisecond), two.starts[1].Round(time.Millisecond), two.writes, two.rate/one.rate)
	}
}
