package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// varyOf lists the names a response's Vary headers give, in order, however
// they are split across values.
func varyOf(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Vary") {
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, http.CanonicalHeaderKey(n))
			}
		}
	}
	slices.Sort(out)
	return out
}

// A response that depends on the sign-in session and is gzipped says both:
// Vary: Cookie (the session) and Accept-Encoding (the gzip), whether the
// body is kept (body.serve) or made at the request (compress), with and
// without the session cookie, and names each once. body.serve once
// overwrote the Cookie.
func TestVaryCookieAndEncoding(t *testing.T) {
	e := newEnv(t, true)
	paths := []string{"/settings", "/", "/exercises", "/history", "/api/v1/exercises", "/api/v1/gate", "/play/quick-daily-reset"}
	check := func(who string, cookie map[string]string) {
		for _, path := range paths {
			for _, accept := range []string{"gzip", ""} {
				headers := map[string]string{}
				for k, v := range cookie {
					headers[k] = v
				}
				if accept != "" {
					headers["Accept-Encoding"] = accept
				}
				r := e.do("GET", path, "", headers)
				if r.Code != http.StatusOK {
					t.Errorf("%s as %s: %d", path, who, r.Code)
					continue
				}
				got := varyOf(r.Header())
				want := []string{"Cookie"}
				if r.Header().Get("Content-Encoding") == "gzip" || slices.Contains(got, "Accept-Encoding") {
					want = []string{"Accept-Encoding", "Cookie"}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s as %s, Accept-Encoding %q: Vary %q (-want +got):\n%s", path, who, accept, r.Header().Values("Vary"), diff)
				}
			}
		}
	}
	check("the local person", nil) // no accounts yet: no cookie, no session
	e.person("pat", "correct horse battery")
	check("pat", sessionCookie(t, e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}}, "", nil)))
}
