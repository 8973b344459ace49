package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
)

// twoServers are two servers on one SQLite journal, each with its own
// store (as two processes would have) and its own clock.
func twoServers(t *testing.T) (a, b *env) {
	t.Helper()
	dir := t.TempDir()
	return newEnvOn(t, "", dir, false), newEnvOn(t, "", dir, false)
}

// expect sends GET path to e with headers and fails unless it answers want.
func expect(t *testing.T, what string, e *env, path string, headers map[string]string, want int) {
	t.Helper()
	if r := e.do("GET", path, "", headers); r.Code != want {
		t.Errorf("%s: GET %s = %d, want %d: %.200s", what, path, r.Code, want, r.Body)
	}
}

// Issue 16: who a script token is, is kept for a second (callerTTL) on the
// server's clock. A token revoked or an account erased through this
// server's journal is refused at once; through another server's (another
// process: `unhunch tokens revoke`), once the second has passed on this
// server's clock, and not before.
func TestCallerCacheToken(t *testing.T) {
	for _, c := range []struct {
		name string
		end  func(e *env, u *account.User) error
	}{
		{"tokens revoked", func(e *env, u *account.User) error {
			_, err := e.st.RevokeTokens(context.Background(), u.ID)
			return err
		}},
		{"account erased", func(e *env, u *account.User) error {
			_, err := e.st.EraseUser(context.Background(), u.ID)
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, b := twoServers(t)
			ctx := context.Background()
			pat, _, err := a.st.CreateUser(ctx, "pat", account.RolePerson, now)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := a.st.CreateUser(ctx, "ada", account.RoleAdmin, now); err != nil {
				t.Fatal(err)
			}
			tok, err := a.st.CreateToken(ctx, pat.ID, now)
			if err != nil {
				t.Fatal(err)
			}
			auth := map[string]string{"Authorization": "Bearer " + tok}
			expect(t, "before, on a", a, "/api/v1/me", auth, http.StatusOK)
			expect(t, "before, on b", b, "/api/v1/me", auth, http.StatusOK)
			if err := c.end(a, pat); err != nil {
				t.Fatal(err)
			}
			expect(t, "on the server whose journal changed it, at once", a, "/api/v1/me", auth, http.StatusUnauthorized)
			b.at = b.at.Add(999 * time.Millisecond)
			expect(t, "on another server, within the second", b, "/api/v1/me", auth, http.StatusOK)
			b.at = b.at.Add(time.Millisecond)
			expect(t, "on another server, once the second has passed", b, "/api/v1/me", auth, http.StatusUnauthorized)
			b.at = now // a clock that goes back keeps nothing
			expect(t, "on another server, its clock set back", b, "/api/v1/me", auth, http.StatusUnauthorized)
		})
	}
}

// Issue 16: a sign-in session is kept for a second too. Signing out on a
// server ends it there at once; another server that read it within the
// second still takes it until the second has passed on its clock. An
// account erased through a server's journal ends its sessions there at
// once.
func TestCallerCacheSession(t *testing.T) {
	a, b := twoServers(t)
	ctx := context.Background()
	pat, _, err := a.st.CreateUser(ctx, "pat", account.RolePerson, now)
	if err != nil {
		t.Fatal(err)
	}
	signIn := func() map[string]string {
		t.Helper()
		link, err := a.st.CreateSignInLink(ctx, pat.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		r := a.openLink(link, nil)
		for _, c := range r.Result().Cookies() {
			if c.Name == "unhunch_session" {
				return map[string]string{"Cookie": c.Name + "=" + c.Value}
			}
		}
		t.Fatalf("no session cookie: %d %v", r.Code, r.Header())
		return nil
	}
	cookie := signIn()
	expect(t, "signed in, on a", a, "/api/v1/me", cookie, http.StatusOK)
	expect(t, "signed in, on b", b, "/api/v1/me", cookie, http.StatusOK)
	if r := a.do("POST", "/signout", "", cookie); r.Code != http.StatusSeeOther {
		t.Fatalf("sign out: %d %s", r.Code, r.Body)
	}
	expect(t, "signed out on a, on a", a, "/api/v1/me", cookie, http.StatusUnauthorized)
	b.at = b.at.Add(500 * time.Millisecond)
	expect(t, "signed out on a, on b within the second", b, "/api/v1/me", cookie, http.StatusOK)
	b.at = b.at.Add(500 * time.Millisecond)
	expect(t, "signed out on a, on b once the second has passed", b, "/api/v1/me", cookie, http.StatusUnauthorized)

	// A new session, read on both; the account erased through a's journal.
	b.at = now
	cookie = signIn()
	expect(t, "signed in again, on a", a, "/api/v1/me", cookie, http.StatusOK)
	expect(t, "signed in again, on b", b, "/api/v1/me", cookie, http.StatusOK)
	if _, err := a.st.EraseUser(ctx, pat.ID); err != nil {
		t.Fatal(err)
	}
	expect(t, "erased, on a", a, "/api/v1/me", cookie, http.StatusUnauthorized)
	b.at = b.at.Add(time.Second)
	expect(t, "erased, on b once the second has passed", b, "/api/v1/me", cookie, http.StatusUnauthorized)
}
