package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/journaltest"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/pgtest"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/safety"
)

// rebuilt is the journal with a version that moves at every read, so that
// every page and document is made again at every request: what a request
// costs after a write, without the write.
type rebuilt struct {
	*store.Store
	n atomic.Int64
}

func (r *rebuilt) Version(context.Context) (int64, error) { return r.n.Add(1), nil }
func (r *rebuilt) LocalWrite(string) store.LocalWrite {
	return store.LocalWrite{Writes: uint64(r.n.Add(1))}
}

// sized is a server on a journal of some size.
type sized struct {
	h     http.Handler
	st    *store.Store
	clock time.Time
	n     int // starts made, for their keys
	id    string
	k     int    // the next index to record in session id
	ended string // a session played to its end, for its recap
}

// histories are the servers of BenchmarkHistory, made once per engine.
var histories sync.Map // engine → [3]*sized

// historyDays are the journals' lengths: empty, ten weeks (every page and
// document then shows all it ever shows), ten years.
var historyDays = [3]int{0, 70, journaltest.TenYears}

// benchEnd is when the benchmark's journals end: the server's clock.
var benchEnd = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)

// history returns servers on an empty journal (screened, no session) and
// on journals of ten weeks and ten years of daily sessions (journaltest),
// each summed once as a server does on its first request.
func history(b *testing.B, engine string) [3]*sized {
	if v, ok := histories.Load(engine); ok {
		return v.([3]*sized)
	}
	ctx := context.Background()
	c, err := catalog.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	var out [3]*sized
	for i, days := range historyDays {
		url, dir := "", filepath.Join(b.TempDir(), "data")
		if engine == "postgres" {
			url = pgtest.Database(b)
		}
		st, err := store.Open(ctx, url, dir)
		if err != nil {
			b.Fatal(err)
		}
		if days > 0 {
			begin := time.Now()
			stats, err := journaltest.Write(ctx, st, c, benchEnd, days, 1)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("%s, %d days: %+v written in %v", engine, days, stats, time.Since(begin).Round(time.Millisecond))
		} else {
			answers := map[string]bool{}
			for _, q := range safety.Questions {
				answers[q.ID] = false
			}
			sc := safety.NewScreening(benchEnd.Add(-17*time.Hour), answers)
			if err := st.SaveScreening(ctx, &sc); err != nil {
				b.Fatal(err)
			}
		}
		s := &sized{st: st, clock: benchEnd.Add(9*time.Hour + 30*time.Minute)}
		if _, err := person.Load(ctx, st, c, s.clock, time.UTC); err != nil { // keeps the checkpoint
			b.Fatal(err)
		}
		group := st.NewGroup(store.DefaultGroupSize)
		srv, err := web.New(web.Config{Store: &rebuilt{Store: st}, Recorder: group, Catalog: c, SweepEvery: -1,
			Now: func() time.Time { return s.clock }, Location: time.UTC})
		if err != nil {
			b.Fatal(err)
		}
		s.h = fromLoopback(srv.Handler())
		out[i] = s
	}
	histories.Store(engine, out)
	return out
}

// request is one kind of request BenchmarkHistory times.
type request struct {
	name string
	// prepare runs untimed before each request (a session to record in).
	prepare func(b *testing.B, s *sized)
	make    func(s *sized) *http.Request
	status  int
}

// do serves one request and checks its status.
func (s *sized) do(b *testing.B, r *http.Request, status int) {
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, r)
	if rec.Code != status {
		b.Fatalf("%s %s: %d %.300s", r.Method, r.URL, rec.Code, rec.Body)
	}
}

// startBody starts posture-support, as the player does.
func startBody(s *sized) *http.Request {
	s.n++
	r := httptest.NewRequest("POST", "/api/v1/sessions", strings.NewReader(`{"routine_id":"posture-support","pain_before":3}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%d", s.n))
	return r
}

var historyRequests = []request{
	{name: "home", make: get("/"), status: http.StatusOK},
	{name: "gate", make: get("/api/v1/gate"), status: http.StatusOK},
	{name: "progress", make: get("/api/v1/progress"), status: http.StatusOK},
	{name: "progress page", make: get("/progress"), status: http.StatusOK},
	{name: "history page", make: get("/history"), status: http.StatusOK},
	{name: "sessions", make: get("/api/v1/sessions"), status: http.StatusOK},
	{name: "routine", make: get("/api/v1/routines/posture-support"), status: http.StatusOK},
	{name: "plan", make: get("/api/v1/plan?minutes=15"), status: http.StatusOK},
	// The recap of a session played to its end (made, untimed, before the
	// first): one more session on each journal.
	{name: "recap", prepare: func(b *testing.B, s *sized) {
		if s.ended == "" {
			s.ended = playToTheEnd(b, s)
		}
	}, make: func(s *sized) *http.Request {
		return httptest.NewRequest("GET", "/api/v1/sessions/"+s.ended+"/recap", nil)
	}, status: http.StatusOK},
	// Writes last: they add to both journals.
	{name: "start", make: startBody, status: http.StatusCreated},
	{name: "record", prepare: func(b *testing.B, s *sized) {
		if s.id == "" || s.k == 7 {
			rec := httptest.NewRecorder()
			s.h.ServeHTTP(rec, startBody(s))
			var doc struct{ ID string }
			if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc.ID == "" {
				b.Fatalf("start: %d %s", rec.Code, rec.Body)
			}
			s.id, s.k = doc.ID, 0
		}
	}, make: func(s *sized) *http.Request {
		at := s.clock.Add(time.Duration(20*s.k-240) * time.Second) // within the session's span
		body := fmt.Sprintf(`{"type":"exercise","index":%d,"exercise_id":%q,"outcome":"done","amount":{},"seconds":15,"started_at":%q,"ended_at":%q}`,
			s.k, postureSupport[s.k], at.Format(time.RFC3339), at.Add(15*time.Second).Format(time.RFC3339))
		s.k++
		r := httptest.NewRequest("POST", "/api/v1/sessions/"+s.id+"/events", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return r
	}, status: http.StatusOK},
}

// playToTheEnd starts posture-support, records each of its exercises
// done, rates the first and finishes the session, as the player does, and
// returns the session's id.
func playToTheEnd(b *testing.B, s *sized) string {
	post := func(path, body string, status int) []byte {
		r := httptest.NewRequest("POST", path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.h.ServeHTTP(rec, r)
		if rec.Code != status {
			b.Fatalf("POST %s %s: %d %s", path, body, rec.Code, rec.Body)
		}
		return rec.Body.Bytes()
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, startBody(s))
	var doc struct{ ID string }
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc.ID == "" {
		b.Fatalf("start: %d %s", rec.Code, rec.Body)
	}
	events := "/api/v1/sessions/" + doc.ID + "/events"
	for k, id := range postureSupport {
		at := s.clock.Add(time.Duration(20*k-240) * time.Second)
		post(events, fmt.Sprintf(`{"type":"exercise","index":%d,"exercise_id":%q,"outcome":"done","amount":{},"seconds":15,"started_at":%q,"ended_at":%q}`,
			k, id, at.Format(time.RFC3339), at.Add(15*time.Second).Format(time.RFC3339)), http.StatusOK)
	}
	post(events, `{"type":"rating","index":0,"rating":"easy"}`, http.StatusOK)
	post(events, `{"type":"finish","status":"completed","pain_after":2}`, http.StatusOK)
	return doc.ID
}

// get makes GET requests of path.
func get(path string) func(*sized) *http.Request {
	return func(*sized) *http.Request { return httptest.NewRequest("GET", path, nil) }
}

// BenchmarkHistory is issue 16's proof that a request costs about the same
// on day one and after ten years: each request, made again at every
// iteration (the journal's version moves at every read, so nothing is
// served from a cache), on an empty journal (screened, no session), on one
// of ten weeks and on one of ten years of daily sessions (about 3,800
// sessions and 19,000 outcomes), in turn in the same loop, so that the
// machine's noise falls on all three. It reports the median time of each
// and the ratios 10y/10w (the bar: 1.2; after ten weeks every page and
// document shows as much as it ever shows) and 10y/empty (what showing a
// person's weeks costs besides). Run with a fixed count, for instance
// -benchtime 200x: starts and outcomes add to the journals as they run.
func BenchmarkHistory(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			if engine == "postgres" {
				pgtest.ServerURL(b)
			}
			all := history(b, engine)
			for _, rq := range historyRequests {
				b.Run(rq.name, func(b *testing.B) {
					var took [3][]time.Duration
					for b.Loop() {
						for i, s := range all {
							if rq.prepare != nil {
								rq.prepare(b, s)
							}
							r := rq.make(s)
							t0 := time.Now()
							s.do(b, r, rq.status)
							took[i] = append(took[i], time.Since(t0))
						}
					}
					empty, weeks, years := median(took[0]), median(took[1]), median(took[2])
					b.ReportMetric(float64(empty.Microseconds()), "empty-µs")
					b.ReportMetric(float64(weeks.Microseconds()), "10w-µs")
					b.ReportMetric(float64(years.Microseconds()), "10y-µs")
					b.ReportMetric(float64(years)/float64(weeks), "10y/10w")
					b.ReportMetric(float64(years)/float64(empty), "10y/empty")
				})
			}
		})
	}
}

// median returns the median of ds.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
