package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/message"
)

// Issue 16, item 1: the JSON API was up to 60 times slower than a bare
// handler (GET /api/v1/exercises encoded 35 KB at every request). Documents
// made from the catalog alone are made once, those made from the journal
// once per version of it; each carries an ETag, and a client that sends it
// back gets 304 and no body while it holds.
func TestConditionalGET(t *testing.T) {
	e := newEnv(t, true)
	catalogPaths := []string{"/api/v1/exercises", "/api/v1/exercises/chin-tucks", "/api/v1/routines", "/api/v1/screenings/questions",
		"/api/v1/openapi.json", "/exercises", "/exercises/chin-tucks/figure.svg", "/healthz"}
	journalPaths := []string{"/api/v1/progress", "/api/v1/routines/posture-support", "/api/v1/plan?minutes=10", "/api/v1/aside",
		"/api/v1/sessions", "/", "/history", "/progress"}
	// Pages that were made at every request (issue 16's load run measured
	// them at 0.001–0.1× a bare handler): kept by the journal's rule too.
	keptPages := []string{"/routines/posture-support", "/play/quick-daily-reset", "/play/plan?minutes=10", "/plan?minutes=10",
		"/settings", "/settings?done=chin-tucks", "/screen", "/screen?a=n"}
	tags := map[string]string{}
	for _, p := range append(append(append([]string{}, catalogPaths...), journalPaths...), keptPages...) {
		r := e.do("GET", p, "", nil)
		tag := r.Header().Get("ETag")
		if r.Code != http.StatusOK || tag == "" {
			t.Fatalf("%s: %d, ETag %q", p, r.Code, tag)
		}
		tags[p] = tag
		again := e.do("GET", p, "", map[string]string{"If-None-Match": tag})
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 || again.Header().Get("ETag") != tag {
			t.Errorf("%s with its ETag: %d, %d bytes, ETag %q", p, again.Code, again.Body.Len(), again.Header().Get("ETag"))
		}
		if other := e.do("GET", p, "", map[string]string{"If-None-Match": `"other", W/` + tag}); other.Code != http.StatusNotModified {
			t.Errorf("%s with its ETag in a list, weak: %d", p, other.Code)
		}
		if other := e.do("GET", p, "", map[string]string{"If-None-Match": `"other"`}); other.Code != http.StatusOK {
			t.Errorf("%s with another ETag: %d", p, other.Code)
		}
	}
	// A write changes every document of the journal, none of the catalog.
	e.start("quick-daily-reset", "etag", 3)
	for _, p := range catalogPaths {
		if r := e.do("GET", p, "", map[string]string{"If-None-Match": tags[p]}); r.Code != http.StatusNotModified {
			t.Errorf("%s after a write: %d, want 304", p, r.Code)
		}
	}
	for _, p := range journalPaths {
		if p == "/api/v1/plan?minutes=10" || p == "/api/v1/aside" || p == "/api/v1/routines/posture-support" {
			continue // a session started changes neither
		}
		if r := e.do("GET", p, "", map[string]string{"If-None-Match": tags[p]}); r.Code != http.StatusOK || r.Header().Get("ETag") == tags[p] {
			t.Errorf("%s after a write: %d, ETag %q (was %q)", p, r.Code, r.Header().Get("ETag"), tags[p])
		}
	}
}

// Bodies of 1 KB and more go gzipped to clients that take gzip (made once
// for kept bodies, as they are sent for the rest), the same bytes once
// unzipped; smaller ones and clients that do not ask go as they are.
func TestGzip(t *testing.T) {
	e := newEnv(t, true)
	for _, c := range []struct {
		path string
		gz   bool
	}{
		{"/api/v1/exercises", true}, {"/api/v1/progress", true}, {"/", true}, {"/play/quick-daily-reset", true}, // made at each request
		{"/exercises/chin-tucks/figure.svg", true}, {"/healthz", false}, {"/api/v1/gate", false},
	} {
		plain := e.do("GET", c.path, "", nil)
		if plain.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s without Accept-Encoding: %q", c.path, plain.Header().Get("Content-Encoding"))
		}
		for _, accept := range []string{"gzip", "br, gzip;q=0.8, deflate", "identity, gzip;q=0"} {
			r := e.do("GET", c.path, "", map[string]string{"Accept-Encoding": accept})
			want := c.gz && accept != "identity, gzip;q=0"
			if got := r.Header().Get("Content-Encoding") == "gzip"; got != want {
				t.Errorf("%s, Accept-Encoding %s: gzipped %v, want %v", c.path, accept, got, want)
				continue
			}
			if !want {
				continue
			}
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, plain.Body.Bytes()) || !slices.Contains(varyOf(r.Header()), "Accept-Encoding") || r.Body.Len() >= len(b) {
				t.Errorf("%s gzipped: %d bytes for %d, the same bytes %v, Vary %q", c.path, r.Body.Len(), len(b), bytes.Equal(b, plain.Body.Bytes()),
					r.Header().Values("Vary"))
			}
		}
	}
}

// versionCounting is a journal that counts reads of its version and fails
// them on demand.
type versionCounting struct {
	failingJournal
	reads atomic.Int64
	fail  atomic.Bool
}

func (v *versionCounting) Version(context.Context) (int64, error) {
	v.reads.Add(1)
	if v.fail.Load() {
		return 0, v.err
	}
	return 1, nil
}

func (v *versionCounting) Engine() string { return "sqlite" }

// /healthz answers from memory, whatever the journal does; /readyz checks
// the journal, at most once a second, and says 503 when it cannot reach it.
func TestHealthAndReadiness(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	j := &versionCounting{failingJournal: failingJournal{err: unhunch.E(unhunch.EUnavailable, message.StorePGUnreachable, "db.example", "refused")}}
	clock := now
	srv, err := web.New(web.Config{Store: j, Catalog: c, Location: time.UTC, SweepEvery: -1, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	h := checkedAgainstOpenAPI(t, fromLoopback(srv.Handler()))
	get := func(path string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code
	}
	j.fail.Store(true)
	if code := get("/healthz"); code != 200 || j.reads.Load() != 0 {
		t.Errorf("healthz with the journal down: %d, %d reads", code, j.reads.Load())
	}
	if code := get("/readyz"); code != 503 {
		t.Errorf("readyz with the journal down: %d", code)
	}
	j.fail.Store(false)
	if code := get("/readyz"); code != 503 || j.reads.Load() != 1 {
		t.Errorf("readyz within the second: %d after %d reads (the last answer holds)", code, j.reads.Load())
	}
	clock = clock.Add(time.Second)
	for range 3 {
		if code := get("/readyz"); code != 200 {
			t.Errorf("readyz a second later: %d", code)
		}
	}
	if j.reads.Load() != 2 {
		t.Errorf("%d reads of the journal; want one a second", j.reads.Load())
	}
}
