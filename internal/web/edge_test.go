package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// request sends a request with the given Host straight to the server's
// handler (not through the test env's loopback default).
func (e *env) request(method, host, path, body string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	req.Host = host
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.srv.Handler().ServeHTTP(rec, req)
	return rec
}

// Only loopback names and addresses reach a handler: a page whose own name
// was rebound to 127.0.0.1 (DNS rebinding) sends its name as Host and gets
// 421 with a clear body, before anything is read or written.
func TestHostHeader(t *testing.T) {
	e := newEnv(t, false)
	e.screen(map[string]bool{"neuro-limb": true}) // see a clinician: a clearance would lift it
	for _, host := range []string{"127.0.0.1:8080", "127.0.0.1", "localhost:8080", "localhost", "LocalHost:47120",
		"[::1]:8080", "[::1]", "127.0.0.2:9000", "[::ffff:127.0.0.1]:80"} {
		if r := e.request("GET", host, "/api/v1/sessions", ""); r.Code != http.StatusOK {
			t.Errorf("Host %q: %d %s, want 200", host, r.Code, r.Body)
		}
	}
	for _, host := range []string{"attacker.example:8080", "attacker.example", "127.0.0.1.nip.io:8080", "localhost.attacker.example",
		"evil.localhost:8080", "localhost.:8080", "0.0.0.0:8080", "192.168.1.5:8080", "[::]:8080", "", "127.0.0.1:8080@evil", "xn--80ak6aa92e.com", "::1"} {
		for _, c := range []struct{ method, path, body string }{
			{"GET", "/api/v1/sessions", ""},
			{"POST", "/api/v1/screenings/clearance", ""},
			{"POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset"}`},
			{"GET", "/healthz", ""},
			{"GET", "/metrics", ""},
			{"GET", "/", ""},
			{"GET", "/nope", ""},
		} {
			r := e.request(c.method, host, c.path, c.body)
			if r.Code != http.StatusMisdirectedRequest {
				t.Errorf("Host %q %s %s: %d, want 421", host, c.method, c.path, r.Code)
				continue
			}
			body := r.Body.String()
			if !strings.Contains(body, "only answers to this machine's own names") || strings.Contains(body, "chin-tucks") {
				t.Errorf("Host %q %s %s: body %q", host, c.method, c.path, body)
			}
			if r.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("Host %q: the refusal has no nosniff", host)
			}
		}
	}
	// The clearance was never saved: the gate still says see a clinician.
	r := e.do("GET", "/api/v1/gate", "", nil)
	if !strings.Contains(r.Body.String(), `"ok":false`) {
		t.Errorf("the gate after refused clearances: %s", r.Body)
	}
}

// Every response carries nosniff and the other headers that keep it from
// being framed, sniffed or embedded elsewhere: JSON, assets, figures,
// errors and pages; pages keep their strict CSP.
func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, true)
	sid := e.start("quick-daily-reset", "key-headers", 2)
	for _, c := range []struct {
		method, path string
		page         bool
	}{
		{"GET", "/", true}, {"GET", "/history", true}, {"GET", "/nope", true}, {"GET", "/routines/nope", true},
		{"GET", "/api/v1/sessions", false}, {"GET", "/api/v1/sessions/" + sid, false}, {"GET", "/api/v1/nope", false},
		{"DELETE", "/api/v1/sessions", false}, {"GET", "/api/v1/openapi.json", false}, {"GET", "/healthz", false},
		{"GET", "/metrics", false}, {"GET", "/sw.js", false}, {"GET", "/manifest.webmanifest", false},
		{"GET", "/exercises/cat-cow/figure.svg", false}, {"HEAD", "/api/v1/routines", false},
	} {
		r := e.do(c.method, c.path, "", nil)
		h := r.Header()
		for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
			"X-Frame-Options": "DENY", "Cross-Origin-Resource-Policy": "same-origin"} {
			if got := h.Get(k); got != want {
				t.Errorf("%s %s (%d): %s %q, want %q", c.method, c.path, r.Code, k, got, want)
			}
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s %s: CSP %q", c.method, c.path, csp)
		}
		if c.page && !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s %s: page CSP %q is not the strict one", c.method, c.path, csp)
		}
		if strings.HasPrefix(c.path, "/api/") && !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s %s: JSON CSP %q", c.method, c.path, csp)
		}
	}
	for _, asset := range e.assetPaths() {
		if got := e.do("GET", asset, "", nil).Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: nosniff %q", asset, got)
		}
	}
}

// assetPaths lists the stylesheet and scripts the home page links to.
func (e *env) assetPaths() []string {
	e.t.Helper()
	body := e.do("GET", "/", "", nil).Body.String()
	var out []string
	for _, attr := range []string{`src="`, `href="`} {
		for rest := body; ; {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			v, _, _ := strings.Cut(rest, `"`)
			if strings.HasPrefix(v, "/static/") || strings.HasSuffix(v, ".js") || strings.HasSuffix(v, ".css") {
				out = append(out, v)
			}
		}
	}
	if len(out) < 2 {
		e.t.Fatalf("the home page links %d assets: %v", len(out), out)
	}
	return out
}

// Requests with made-up methods do not add series to /metrics: methods are
// labelled from a fixed set, anything else as "other".
func TestMetricsBounded(t *testing.T) {
	e := newEnv(t, true)
	size := func() int { return e.do("GET", "/metrics", "", nil).Body.Len() }
	for i := range 10 { // every route and status the loop below meets, once
		e.do("FOO"+itoa(i), "/api/v1/sessions", "", nil)
		e.do("FOO"+itoa(i), "/no/such/"+itoa(i), "", nil)
	}
	size() // /metrics's own series
	before := size()
	for i := range 3000 {
		m := "M" + itoa(i) + "X"
		e.do(m, "/api/v1/sessions", "", nil)
		e.do(m, "/no/such/"+itoa(i), "", nil)
	}
	after := size()
	// Counter values grow by a few digits, never by a series per method.
	if after > before+400 {
		t.Errorf("/metrics grew from %d to %d bytes after 3,000 made-up methods", before, after)
	}
	body := e.do("GET", "/metrics", "", nil).Body.String()
	if strings.Contains(body, `method="M1X"`) || strings.Contains(body, `method="FOO1"`) || strings.Contains(body, "/no/such/") {
		t.Error("/metrics names a made-up method or a raw path")
	}
	if !strings.Contains(body, `method="other"`) {
		t.Error(`/metrics has no method="other"`)
	}
}
