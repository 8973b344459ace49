// Package crashload is the crash-and-load suite's load client: it plays
// sessions against `unhunch serve` over HTTP on loopback, the way the web
// player's outbox does (a client-made session id and idempotency key, each
// step re-sent until the server answers), bounded in count and in time, and
// keeps a ledger of every write the server acknowledged. Verify then proves
// that each acknowledged write is in the journal exactly once, however
// often the server was killed with SIGKILL meanwhile (crash_test.go).
package crashload

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// Config bounds and shapes the load.
type Config struct {
	Bases    []string      // the servers, http://127.0.0.1:PORT; each session goes to one of them
	Workers  int           // concurrent players
	Sessions int           // most sessions one player starts (the count bound)
	Duration time.Duration // time after which no new session or step starts
	Drain    time.Duration // time after Duration to finish steps already begun (re-sending them)
}

// Routine is the routine every session plays, and its exercises in order.
const Routine = "quick-daily-reset"

// Exercises are Routine's exercises, in order.
var Exercises = []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}

// sent is an exercise outcome as the client sent it.
type sent struct {
	ExerciseID string
	Seconds    float64
}

// Ledger is what the server acknowledged (answered 2xx to), and counts.
type Ledger struct {
	mu        sync.Mutex
	attempted map[string]bool           // session ids whose start was sent at least once
	started   map[string]bool           // starts acknowledged
	exercises map[string]map[int]sent   // exercise outcomes acknowledged, by session and index
	ratings   map[string]map[int]string // ratings acknowledged
	finished  map[string]bool           // finishes acknowledged
	refused   []string                  // 4xx answers: every request of the load is valid

	Requests atomic.Int64 // requests sent, re-sends included
	Acked    atomic.Int64 // requests answered 2xx
	Resent   atomic.Int64 // requests (steps) that had to be sent more than once
	Replayed atomic.Int64 // re-sent starts answered with the session saved before (200): saved, but the answer was lost
	lat      latencies    // acknowledged events (exercise outcomes, ratings, finishes)
	startLat latencies    // acknowledged starts
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{attempted: map[string]bool{}, started: map[string]bool{}, exercises: map[string]map[int]sent{},
		ratings: map[string]map[int]string{}, finished: map[string]bool{}}
}

// Writes returns how many distinct writes were acknowledged: starts,
// exercise outcomes, ratings and finishes.
func (l *Ledger) Writes() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.started) + len(l.finished)
	for _, m := range l.exercises {
		n += len(m)
	}
	for _, m := range l.ratings {
		n += len(m)
	}
	return n
}

// Refused returns the requests the server refused with a 4xx.
func (l *Ledger) Refused() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.refused)
}

// Latency returns the p50 and p99 of acknowledged events, and of starts.
func (l *Ledger) Latency() (events, starts [2]time.Duration) {
	return [2]time.Duration{l.lat.quantile(0.5), l.lat.quantile(0.99)}, [2]time.Duration{l.startLat.quantile(0.5), l.startLat.quantile(0.99)}
}

// latencies keeps request durations.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) { l.mu.Lock(); l.d = append(l.d, d); l.mu.Unlock() }

func (l *latencies) quantile(q float64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0
	}
	s := slices.Clone(l.d)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// step is one request of a session.
type step struct {
	path, body, key string
	ack             func() // records the acknowledgement in the ledger
}

// Run plays sessions until every player has started cfg.Sessions or
// cfg.Duration has passed, then finishes the steps under way (within
// cfg.Drain). A request with no answer (the server was killed) or a 5xx is
// sent again, unchanged, until it is answered; a 2xx is recorded in l.
func Run(ctx context.Context, cfg Config, l *Ledger) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		Proxy:               nil, // loopback only, whatever the environment says
		DialContext:         (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
		MaxIdleConnsPerHost: cfg.Workers,
	}}
	stopAt := time.Now().Add(cfg.Duration)
	hard, cancel := context.WithDeadline(ctx, stopAt.Add(cfg.Drain))
	defer cancel()
	var wg sync.WaitGroup
	for w := range cfg.Workers {
		wg.Go(func() {
			base := cfg.Bases[w%len(cfg.Bases)]
			for n := 0; n < cfg.Sessions && time.Now().Before(stopAt) && hard.Err() == nil; n++ {
				// Steps of a session under way go on after the time bound
				// (within the drain), so that what was sent is sent again
				// until answered.
				for _, st := range sessionSteps(l) {
					if !send(hard, client, base, st, l) {
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// send sends st until it is answered, and reports false when the deadline
// came first.
func send(ctx context.Context, client *http.Client, base string, st step, l *Ledger) bool {
	for attempt := 0; ; attempt++ {
		if ctx.Err() != nil {
			return false
		}
		if attempt == 1 {
			l.Resent.Add(1)
		}
		if attempt > 0 {
			time.Sleep(time.Duration(10+rand.IntN(20)) * time.Millisecond)
		}
		req, err := http.NewRequestWithContext(ctx, "POST", base+st.path, strings.NewReader(st.body))
		if err != nil {
			panic(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if st.key != "" {
			req.Header.Set("Idempotency-Key", st.key)
		}
		l.Requests.Add(1)
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			continue // no answer: the server is down or was killed mid-request
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode >= 500:
			continue
		case resp.StatusCode >= 400:
			l.mu.Lock()
			l.refused = append(l.refused, fmt.Sprintf("POST %s %s: %d %s", st.path, st.body, resp.StatusCode, bytes.TrimSpace(body)))
			l.mu.Unlock()
			return true
		}
		if st.key != "" {
			l.startLat.add(time.Since(t0))
		} else {
			l.lat.add(time.Since(t0))
		}
		l.Acked.Add(1)
		if attempt > 0 && st.key != "" && resp.StatusCode == http.StatusOK {
			l.Replayed.Add(1)
		}
		l.mu.Lock()
		st.ack()
		l.mu.Unlock()
		return true
	}
}

// sessionSteps are the requests of one new session: start (the only step
// with an idempotency key), each exercise, a rating, finish.
func sessionSteps(l *Ledger) []step {
	sid := store.NewID()
	ev := "/api/v1/sessions/" + sid + "/events"
	start, _ := json.Marshal(map[string]any{"id": sid, "routine_id": Routine, "pain_before": 2, "exercises": Exercises})
	steps := []step{{path: "/api/v1/sessions", body: string(start), key: "load-" + sid, ack: func() { l.started[sid] = true }}}
	l.mu.Lock()
	l.attempted[sid] = true
	l.mu.Unlock()
	for i, id := range Exercises {
		seconds := float64(rand.IntN(900)) / 1000 // within the second its times span
		steps = append(steps, step{path: ev, ack: func() {
			if l.exercises[sid] == nil {
				l.exercises[sid] = map[int]sent{}
			}
			l.exercises[sid][i] = sent{id, seconds}
		}, body: exerciseBody(i, id, seconds)})
	}
	steps = append(steps,
		step{path: ev, body: `{"type":"rating","index":0,"rating":"right"}`, ack: func() {
			if l.ratings[sid] == nil {
				l.ratings[sid] = map[int]string{}
			}
			l.ratings[sid][0] = "right"
		}},
		step{path: ev, body: `{"type":"finish","status":"completed","pain_after":2}`, ack: func() { l.finished[sid] = true }})
	return steps
}

// exerciseBody is an exercise event for index i that ended now and took a
// second; a re-send sends the same body.
func exerciseBody(i int, id string, seconds float64) string {
	end := time.Now().UTC()
	b, _ := json.Marshal(map[string]any{"type": "exercise", "index": i, "exercise_id": id, "outcome": "done",
		"amount": map[string]int{}, "seconds": seconds, "started_at": end.Add(-time.Second), "ended_at": end})
	return string(b)
}

// Result is what Verify found.
type Result struct {
	Sessions  int      // sessions of the load in the journal
	Checked   int      // acknowledged writes found, each exactly once
	Unacked   int      // writes in the journal that were never acknowledged (sent, then the server died before answering): harmless
	Problems  []string // acknowledged writes missing, changed or duplicated; sessions nobody started
	Refused   []string // requests the server refused with a 4xx
	Resent    int64    // requests that had to be sent again
	Replayed  int64    // of them, starts the journal already had: saved, answer lost, not doubled
	Requests  int64
	Latencies [2]time.Duration // p50, p99 of events
	Starts    [2]time.Duration // p50, p99 of starts
}

// Verify reads the journal and checks every acknowledged write in l: each
// start, exercise outcome, rating and finish is there exactly once, as it
// was sent, and no session is there that the load did not start.
func Verify(ctx context.Context, st *store.Store, l *Ledger) (Result, error) {
	list, err := st.Sessions(ctx, journal.Filter{})
	if err != nil {
		return Result{}, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	res := Result{Refused: slices.Clone(l.refused), Resent: l.Resent.Load(), Replayed: l.Replayed.Load(), Requests: l.Requests.Load()}
	res.Latencies, res.Starts = l.Latency()
	bad := func(format string, args ...any) { res.Problems = append(res.Problems, fmt.Sprintf(format, args...)) }
	byID := map[string]*journal.Session{}
	keys := map[string]int{}
	for _, s := range list {
		if !strings.HasPrefix(s.ClientKey, "load-") {
			continue
		}
		if byID[s.ID] != nil {
			bad("session %s is in the journal twice", s.ID)
		}
		byID[s.ID] = s
		keys[s.ClientKey]++
		if !l.attempted[s.ID] {
			bad("session %s is in the journal but the load never started it", s.ID)
		}
		if s.ClientKey != "load-"+s.ID {
			bad("session %s has the key %q", s.ID, s.ClientKey)
		}
	}
	res.Sessions = len(byID)
	for k, n := range keys {
		if n > 1 {
			bad("key %s started %d sessions", k, n)
		}
	}
	ids := make([]string, 0, len(l.started))
	for id := range l.started {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s := byID[id]
		if s == nil {
			bad("acknowledged start of session %s is missing", id)
			continue
		}
		res.Checked++
		count := map[int]int{}
		for _, p := range s.Exercises {
			count[p.Index]++
		}
		for i, want := range l.exercises[id] {
			switch {
			case count[i] == 0:
				bad("acknowledged exercise %s/%d is missing", id, i)
				continue
			case count[i] > 1:
				bad("acknowledged exercise %s/%d is there %d times", id, i, count[i])
			}
			p := s.Exercises[slices.IndexFunc(s.Exercises, func(p journal.Performance) bool { return p.Index == i })]
			if p.ExerciseID != want.ExerciseID || p.Seconds != want.Seconds || p.Outcome != journal.Done {
				bad("acknowledged exercise %s/%d is %s %s %g, sent %s done %g", id, i, p.ExerciseID, p.Outcome, p.Seconds, want.ExerciseID, want.Seconds)
				continue
			}
			res.Checked++
		}
		for i := range count {
			if _, ok := l.exercises[id][i]; !ok {
				res.Unacked++
			}
		}
		for i, want := range l.ratings[id] {
			j := slices.IndexFunc(s.Exercises, func(p journal.Performance) bool { return p.Index == i })
			if j < 0 || string(s.Exercises[j].Rating) != want {
				bad("acknowledged rating %s/%d is missing", id, i)
				continue
			}
			res.Checked++
		}
		if l.finished[id] {
			if s.Status != journal.Completed || s.EndedAt == nil {
				bad("acknowledged finish of session %s is missing (status %s)", id, s.Status)
			} else {
				res.Checked++
			}
		} else if s.Status == journal.Completed {
			res.Unacked++
		}
	}
	for id := range byID {
		if !l.started[id] {
			res.Unacked++ // started, but the answer was lost with the server
		}
	}
	return res, nil
}

// Healthy waits until base answers GET /healthz with 200, or ctx ends.
func Healthy(ctx context.Context, base string) error {
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{Proxy: nil}}
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s did not become healthy: %v", base, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Screen saves a screening with every answer no, so that sessions may start.
func Screen(base string, questionIDs []string) error {
	answers := map[string]bool{}
	for _, id := range questionIDs {
		answers[id] = false
	}
	b, _ := json.Marshal(map[string]any{"answers": answers})
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Post(base+"/api/v1/screenings", "application/json", bytes.NewReader(b))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		body, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("screening: %d %s", resp.StatusCode, body)
	}
	return nil
}

// Loopback reports whether every base is an http URL on a loopback address:
// the load never leaves this machine.
func Loopback(bases []string) error {
	for _, b := range bases {
		u, err := url.Parse(b)
		if err != nil {
			return err
		}
		ip := net.ParseIP(u.Hostname())
		if u.Scheme != "http" || ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("%s is not http on a loopback address", b)
		}
	}
	return nil
}
