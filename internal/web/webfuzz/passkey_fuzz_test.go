package webfuzz_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
)

// FuzzPasskeyFinish sends what the fuzzer makes as the browser's answer to
// a passkey ceremony the server has just begun (issue 17): to add a
// passkey, signed in, and to sign in, not signed in. internal/passkey
// parses it (JSON, base64url, CBOR, COSE keys); whatever it is, the answer is a
// 4xx or a success, never a 5xx or a panic.
func FuzzPasskeyFinish(f *testing.F) {
	for _, s := range []string{
		`{"credential":{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}}`,
		`{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA","userHandle":"AA"}}`,
		`{"name":"\u0000","credential":{}}`, `{"credential":null}`, `{}`, `[]`, `{`, ``,
		`{"id":"","rawId":"","type":"public-key","response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0","authenticatorData":"` + strings.Repeat("A", 50) + `","signature":"MEUCIQ","userHandle":"` + strings.Repeat("_", 43) + `"}}`,
	} {
		f.Add(s)
	}
	st, err := store.Open(context.Background(), "", f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	c, err := catalog.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: st, Accounts: st, Catalog: c, Now: func() time.Time { return now }, Location: time.UTC})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close(); st.Close() })
	h := srv.Handler()
	pat, _, err := st.CreateUser(context.Background(), "pat", account.RolePerson, now)
	if err != nil {
		f.Fatal(err)
	}
	send := func(method, path, body, cookie string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Host = "localhost:8080"
		req.Header.Set("Content-Type", "application/json")
		if cookie != "" {
			req.Header.Set("Cookie", "unhunch_session="+cookie)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	cookieOf := func(r *httptest.ResponseRecorder, old string) string {
		for _, c := range r.Result().Cookies() {
			if c.Name == "unhunch_session" {
				return c.Value
			}
		}
		return old
	}
	link, err := st.CreateSignInLink(context.Background(), pat.ID, now)
	if err != nil {
		f.Fatal(err)
	}
	if r := send("GET", "/signin/"+link, "", ""); r.Code != http.StatusOK {
		f.Fatalf("sign-in link page: %d", r.Code)
	}
	r := send("POST", "/signin/"+link, "", "")
	signedIn := cookieOf(r, "")
	if r.Code != http.StatusSeeOther || signedIn == "" {
		f.Fatalf("sign-in link: %d", r.Code)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if r := send("POST", "/api/v1/passkeys/register/begin", "{}", signedIn); r.Code != http.StatusOK {
			t.Fatalf("register/begin: %d %s", r.Code, r.Body)
		}
		never5xx(t, send("POST", "/api/v1/passkeys/register/finish", body, signedIn), "register/finish")
		r := send("POST", "/api/v1/passkeys/login/begin", "{}", "")
		if r.Code != http.StatusOK {
			t.Fatalf("login/begin: %d %s", r.Code, r.Body)
		}
		never5xx(t, send("POST", "/api/v1/passkeys/login/finish", body, cookieOf(r, "")), "login/finish")
	})
}
