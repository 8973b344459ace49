package crashload_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/cli"
	"github.com/unhunch/unhunch/internal/crashload"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/pgtest"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// serveEnv makes the test binary run `unhunch serve` with the JSON-encoded
// arguments it holds instead of the tests: the server killed here is the
// real command, in a process of its own.
const serveEnv = "UNHUNCH_CRASHLOAD_SERVE"

func TestMain(m *testing.M) {
	if a := os.Getenv(serveEnv); a != "" {
		var args []string
		if err := json.Unmarshal([]byte(a), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(cli.Run(args, cli.OSEnv()))
	}
	os.Exit(pgtest.Run(m))
}

// scale is how much load a run makes: small in CI, larger through the
// environment for the figures in docs/performance.md.
type scale struct {
	rounds, workers, sessions int
	seconds                   float64
}

func scaleFromEnv(t *testing.T) scale {
	sc := scale{rounds: 2, workers: 8, sessions: 1000, seconds: 1.5}
	for name, v := range map[string]*int{"UNHUNCH_CRASH_ROUNDS": &sc.rounds, "UNHUNCH_CRASH_WORKERS": &sc.workers, "UNHUNCH_CRASH_SESSIONS": &sc.sessions} {
		if s := os.Getenv(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				t.Fatalf("%s=%q", name, s)
			}
			*v = n
		}
	}
	if s := os.Getenv("UNHUNCH_CRASH_SECONDS"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f <= 0 || f > 600 {
			t.Fatalf("UNHUNCH_CRASH_SECONDS=%q", s)
		}
		sc.seconds = f
	}
	return sc
}

// server is one `unhunch serve` process on a fixed loopback address.
type server struct {
	t    *testing.T
	args []string
	addr string
	log  *os.File
	cmd  *exec.Cmd
}

// start starts the server and waits until it answers.
func (s *server) start() time.Duration {
	s.t.Helper()
	bin, err := os.Executable()
	if err != nil {
		s.t.Fatal(err)
	}
	a, _ := json.Marshal(s.args)
	cmd := exec.Command(bin)
	config := filepath.Join(s.t.TempDir(), "config")
	cmd.Env = append(os.Environ(), serveEnv+"="+string(a), "XDG_CONFIG_HOME="+config, "UNHUNCH_CONFIG_DIR=", "UNHUNCH_DATA_DIR=")
	cmd.Stdout, cmd.Stderr = s.log, s.log
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd = cmd
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := crashload.Healthy(ctx, "http://"+s.addr); err != nil {
		s.t.Fatalf("%v (log: %s)", err, s.log.Name())
	}
	return time.Since(t0)
}

// kill9 kills the server with SIGKILL and reaps it.
func (s *server) kill9() {
	s.t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd.Wait()
}

// stop stops the server as Ctrl-C would, and waits for it.
func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// freeAddr returns a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// Kill -9 of `unhunch serve` in the middle of load, round after round, on
// SQLite (one server) and PostgreSQL (two servers on one database, one of
// them killed each round): after the last restart every write the server
// acknowledged is in the journal exactly once, as sent, and nothing is
// there that the load did not send. The load client re-sends what got no
// answer, as the web outbox does, so re-sent writes must not double either.
func TestKill9UnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("crash-and-load suite skipped under -short")
	}
	sc := scaleFromEnv(t)
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir, url, n := t.TempDir(), "", 1
			if engine == "postgres" {
				url, n = pgtest.Database(t), 2
			}
			var servers []*server
			var bases []string
			for i := range n {
				log, err := os.Create(filepath.Join(t.TempDir(), fmt.Sprintf("serve-%d.log", i)))
				if err != nil {
					t.Fatal(err)
				}
				defer log.Close()
				addr := freeAddr(t)
				args := []string{"serve", "--addr", addr, "--data-dir", dir}
				if url != "" {
					args = append(args, "--db", url)
				}
				s := &server{t: t, args: args, addr: addr, log: log}
				s.start()
				defer s.stop()
				servers = append(servers, s)
				bases = append(bases, "http://"+addr)
			}
			if err := crashload.Loopback(bases); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, q := range safety.Questions {
				ids = append(ids, q.ID)
			}
			if err := crashload.Screen(bases[0], ids); err != nil {
				t.Fatal(err)
			}
			ledger := crashload.NewLedger()
			seed := rand.Uint64()
			rng := rand.New(rand.NewPCG(seed, 1))
			t.Logf("seed %d; %d rounds of %.1f s with %d players on %d server(s)", seed, sc.rounds, sc.seconds, sc.workers, n)
			var restarts []time.Duration
			t0 := time.Now()
			for round := range sc.rounds {
				load := time.Duration(sc.seconds * float64(time.Second))
				cfg := crashload.Config{Bases: bases, Workers: sc.workers, Sessions: sc.sessions, Duration: load, Drain: 60 * time.Second}
				done := make(chan struct{})
				go func() { crashload.Run(context.Background(), cfg, ledger); close(done) }()
				// Kill one server somewhere in the middle of the load.
				time.Sleep(time.Duration((0.2 + 0.6*rng.Float64()) * float64(load)))
				victim := servers[round%len(servers)]
				before := ledger.Acked.Load()
				victim.kill9()
				restarts = append(restarts, victim.start())
				<-done
				t.Logf("round %d: killed %s after %d acknowledged requests in all", round, victim.addr, before)
			}
			elapsed := time.Since(t0)
			for _, s := range servers {
				s.stop()
			}
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
			for _, r := range res.Refused {
				t.Errorf("refused: %s", r)
			}
			if res.Checked == 0 || res.Checked != ledger.Writes() {
				t.Errorf("checked %d acknowledged writes of %d", res.Checked, ledger.Writes())
			}
			summariesHold(t, st)
			var slowest time.Duration
			for _, d := range restarts {
				slowest = max(slowest, d)
			}
			t.Logf("%s: %d kill -9, %d sessions, %d acknowledged writes all present exactly once (%d requests; %d had to be re-sent, "+
				"%d of them starts already saved whose answer was lost; %d writes saved but never acknowledged); "+
				"%.0f acknowledged requests/s overall; events p50 %v, p99 %v; starts p50 %v, p99 %v; restart to healthy at most %v",
				engine, sc.rounds, res.Sessions, res.Checked, res.Requests, res.Resent, res.Replayed, res.Unacked,
				float64(ledger.Acked.Load())/elapsed.Seconds(), res.Latencies[0].Round(10*time.Microsecond), res.Latencies[1].Round(10*time.Microsecond),
				res.Starts[0].Round(10*time.Microsecond), res.Starts[1].Round(10*time.Microsecond),
				slowest.Round(time.Millisecond))
			if testing.Verbose() || t.Failed() {
				for _, s := range servers {
					if b, err := os.ReadFile(s.log.Name()); err == nil && t.Failed() {
						lines := strings.Split(string(b), "\n")
						t.Logf("last lines of %s:\n%s", s.log.Name(), strings.Join(lines[max(0, len(lines)-20):], "\n"))
					}
				}
			}
		})
	}
}

// Verify is not a test that cannot fail: a journal that lost an
// acknowledged exercise, a finish and a whole session, and gained a session
// nobody started, is reported for each.
func TestVerifyFindsLoss(t *testing.T) {
	dir := t.TempDir()
	log, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	addr := freeAddr(t)
	s := &server{t: t, args: []string{"serve", "--addr", addr, "--data-dir", dir}, addr: addr, log: log}
	s.start()
	defer s.stop()
	var ids []string
	for _, q := range safety.Questions {
		ids = append(ids, q.ID)
	}
	if err := crashload.Screen("http://"+addr, ids); err != nil {
		t.Fatal(err)
	}
	ledger := crashload.NewLedger()
	crashload.Run(context.Background(), crashload.Config{Bases: []string{"http://" + addr}, Workers: 2, Sessions: 3,
		Duration: 10 * time.Second, Drain: 10 * time.Second}, ledger)
	s.stop()
	db, err := sql.Open("sqlite", filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sids []string
	rows, err := db.Query("SELECT id FROM sessions WHERE client_key LIKE 'load-%' ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		sids = append(sids, id)
	}
	rows.Close()
	if len(sids) != 6 {
		t.Fatalf("%d sessions, want 6", len(sids))
	}
	for _, q := range []string{
		"DELETE FROM performances WHERE session_id = '" + sids[0] + "' AND idx = 1",
		"UPDATE sessions SET status = 'active', ended_at = NULL WHERE id = '" + sids[1] + "'",
		"DELETE FROM performances WHERE session_id = '" + sids[2] + "'",
		"DELETE FROM sessions WHERE id = '" + sids[2] + "'",
		"INSERT INTO sessions (id, routine_id, status, started_at, client_key) VALUES ('01M8PYQSWAQ7RTVMKDF64MF1AM', 'x', 'active', 0, 'load-01M8PYQSWAQ7RTVMKDF64MF1AM')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	st, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := crashload.Verify(context.Background(), st, ledger)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(res.Problems, "\n")
	for _, want := range []string{"exercise " + sids[0] + "/1 is missing", "finish of session " + sids[1] + " is missing",
		"start of session " + sids[2] + " is missing", "01M8PYQSWAQ7RTVMKDF64MF1AM is in the journal but the load never started it"} {
		if !strings.Contains(got, want) {
			t.Errorf("Verify did not say %q; it said:\n%s", want, got)
		}
	}
}

// summariesHold checks the summaries the journal keeps as it is written
// (issue 16) after the kills: each session's totals are its exercises',
// and the person read through a checkpoint is the person every session
// says (person.Load keeps one when it reads sessions two days old: read as
// of three days on, then again from the checkpoint).
func summariesHold(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	all, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	briefs, err := st.Briefs(ctx, time.Unix(0, 0), time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]journal.Brief{}
	for _, s := range all {
		if !s.IsDemo() {
			want[s.ID] = s.Brief()
		}
	}
	if len(briefs) != len(want) {
		t.Errorf("%d sessions' totals for %d sessions", len(briefs), len(want))
	}
	for _, b := range briefs {
		if w := want[b.ID]; b.Done != w.Done || math.Abs(b.Seconds-w.Seconds) > 1e-6 {
			t.Errorf("session %s: totals %d attempts done, %v s; its exercises %d, %v s", b.ID, b.Done, b.Seconds, w.Done, w.Seconds)
		}
	}
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(3 * 24 * time.Hour)
	full := person.Summed(all, c, time.UTC)
	for range 2 {
		p, err := person.Load(ctx, st, c, later, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(full, p.History, cmpopts.EquateApprox(0, 1e-9), cmpopts.IgnoreUnexported(person.History{})); diff != "" {
			t.Errorf("the person (-every session +read through the checkpoint):\n%s", diff)
		}
	}
	if cp, err := st.Checkpoint(ctx); err != nil || cp.ThroughAt.IsZero() {
		t.Errorf("no checkpoint kept: %+v %v", cp, err)
	}
}
