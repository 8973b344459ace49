package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// The work every GET shares was cut (webget, issue 16): Accept-Encoding and
// If-None-Match read in place, requests without the session cookie served
// without a session, the request log handed to its handler straight, and
// metrics counted without a lookup. What each did must hold as before.

func TestAcceptEncoding(t *testing.T) {
	e := newEnv(t, true)
	for _, c := range []struct {
		header string
		gzip   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"br, deflate, gzip", true},
		{"deflate , gzip ; q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q = 0.000", false},
		{"gzip;q=0.", false},
		{"br, gzip;q=0", false},
		{"identity", false},
		{"x-gzip", false},
	} {
		headers := map[string]string{}
		if c.header != "" {
			headers["Accept-Encoding"] = c.header
		}
		r := e.do("GET", "/api/v1/exercises", "", headers)
		if got := r.Header().Get("Content-Encoding") == "gzip"; r.Code != http.StatusOK || got != c.gzip {
			t.Errorf("Accept-Encoding %q: %d, gzipped %v, want %v", c.header, r.Code, got, c.gzip)
		}
	}
}

func TestStylesWithoutComments(t *testing.T) {
	e := newEnv(t, true)
	css := regexp.MustCompile(`/assets/app\.[0-9a-f]+\.css`).FindString(e.do("GET", "/", "", nil).Body.String())
	if css == "" {
		t.Fatal("the home page links no style sheet")
	}
	r := e.do("GET", css, "", nil)
	body := r.Body.String()
	if r.Code != http.StatusOK || strings.Contains(body, "/*") || strings.Contains(body, "*/") {
		t.Fatalf("%s: %d, comments left: %v", css, r.Code, strings.Contains(body, "/*"))
	}
	// Strings are kept as they are, and the rules around the comments.
	for _, want := range []string{`"Segoe UI"`, `grid-template-areas:"head" "fig" "now" "next" "bar" "ctl"`, "@media (min-aspect-ratio:1/1) and (max-height:30rem){"} {
		if !strings.Contains(body, want) {
			t.Errorf("%s lost %q", css, want)
		}
	}
	if tag := r.Header().Get("ETag"); tag == "" || e.do("GET", css, "", map[string]string{"If-None-Match": tag}).Code != http.StatusNotModified {
		t.Errorf("%s: no 304 for its ETag %q", css, tag)
	}
}

// A GET without the session cookie is served without a session, and says
// all the same that it depends on the cookie (as scs says it).
func TestGETWithoutSession(t *testing.T) {
	e := newEnv(t, true)
	for _, p := range []string{"/healthz", "/api/v1/gate", "/settings"} {
		r := e.do("GET", p, "", nil)
		if r.Code != http.StatusOK || !strings.Contains(strings.Join(r.Header().Values("Vary"), ","), "Cookie") && r.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: %d, Vary %q", p, r.Code, r.Header().Values("Vary"))
		}
		if c := r.Header().Get("Set-Cookie"); c != "" {
			t.Errorf("%s: a cookie set without a session: %q", p, c)
		}
	}
}

func TestRequestMetrics(t *testing.T) {
	e := newEnv(t, true)
	for range 3 {
		e.do("GET", "/api/v1/routines", "", nil)
	}
	tag := e.do("GET", "/api/v1/routines", "", nil).Header().Get("ETag")
	e.do("GET", "/api/v1/routines", "", map[string]string{"If-None-Match": tag})
	e.do("GET", "/api/v1/routines?x=1", "", nil)
	out := e.do("GET", "/metrics", "", nil).Body.String()
	for _, want := range []string{
		`unhunch_http_requests_total{route="/api/v1/routines",method="GET",code="200"} 4`,
		`unhunch_http_requests_total{route="/api/v1/routines",method="GET",code="304"} 1`,
		`unhunch_http_requests_total{route="/api/v1/routines",method="GET",code="400"} 1`,
		`unhunch_http_request_duration_seconds_count{route="/api/v1/routines"} 6`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in /metrics", want)
		}
	}
}
