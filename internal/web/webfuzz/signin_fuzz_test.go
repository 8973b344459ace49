package webfuzz_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
)

// FuzzSignIn sends password sign-ins with any name, password, client
// address and X-Forwarded-For / X-Forwarded-Proto, from the trusted proxy
// or not: never a 5xx, and only the right name and password sign in.
func FuzzSignIn(f *testing.F) {
	st, err := store.Open(context.Background(), "", f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	c, err := catalog.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	clock := now
	srv, err := web.New(web.Config{Store: st, Accounts: st, Catalog: c, Now: func() time.Time { return clock }, Location: time.UTC,
		TrustProxy: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close(); st.Close() })
	pat, _, err := st.CreateUser(context.Background(), "pat", account.RolePerson, now)
	if err != nil {
		f.Fatal(err)
	}
	const right = "correct horse battery"
	if err := st.SetPassword(context.Background(), pat.ID, right, now); err != nil {
		f.Fatal(err)
	}
	h := fromLoopback(srv.Handler())
	f.Add("pat", right, "10.0.0.1:1", "203.0.113.5", "https")
	f.Add("pat", "wrong", "192.0.2.1:1", "1.2.3.4, 10.0.0.2", "http")
	f.Add("", "", "[2001:db8::1]:443", "", "")
	f.Add("PAT", right, "10.0.0.1:1", "not an address", "HTTPS")
	f.Add("pat\x00", strings.Repeat("x", 2000), "bad", ",,,", "\xff")
	f.Fuzz(func(t *testing.T, name, password, remote, xff, proto string) {
		clock = clock.Add(20 * time.Minute) // each try starts with no failures counted
		req := httptest.NewRequest("POST", "/signin", strings.NewReader(url.Values{"name": {name}, "password": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = remote
		req.Header.Set("X-Forwarded-For", xff)
		req.Header.Set("X-Forwarded-Proto", proto)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%q/%q from %q (%q, %q): %d %s", name, password, remote, xff, proto, rec.Code, rec.Body)
		}
		if rec.Code == http.StatusSeeOther && (strings.TrimSpace(name) != "pat" || password != right) {
			t.Fatalf("%q/%q signed in", name, password)
		}
	})
}
