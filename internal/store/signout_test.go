package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
)

// Issue 17's follow-up: the page a sign-in link opens names its account
// without spending the link (a link-preview robot that fetches it leaves
// it usable); only UseSignInLink spends it. A used, expired or unknown
// link is EUnauthorized for both, on both engines.
func TestSignInLinkReadWithoutSpending(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		pat, _, err := st.CreateUser(ctx, "pat", account.RolePerson, base)
		if err != nil {
			t.Fatal(err)
		}
		link, err := st.CreateSignInLink(ctx, pat.ID, base)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 { // a preview robot, then the person, then a reload
			if u, err := st.SignInLinkUser(ctx, link, base.Add(time.Minute)); err != nil || u.ID != pat.ID || u.Name != "pat" {
				t.Fatalf("reading the link: %+v, %v", u, err)
			}
		}
		if u, err := st.UseSignInLink(ctx, link, base.Add(2*time.Minute)); err != nil || u.ID != pat.ID {
			t.Fatalf("spending the link after reading it: %+v, %v", u, err)
		}
		if _, err := st.SignInLinkUser(ctx, link, base.Add(3*time.Minute)); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("reading a spent link: %v, want EUnauthorized", err)
		}
		late, _ := st.CreateSignInLink(ctx, pat.ID, base)
		if _, err := st.SignInLinkUser(ctx, late, base.Add(24*time.Hour)); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("reading an expired link: %v, want EUnauthorized", err)
		}
		if _, err := st.SignInLinkUser(ctx, "made-up", base); unhunch.ErrorCode(err) != unhunch.EUnauthorized {
			t.Errorf("reading a made-up link: %v, want EUnauthorized", err)
		}
	})
}

// Issue 17's follow-up, "sign out everywhere": each account has a session
// generation that web sessions carry; ending every session raises it, and
// so does setting a password. Every way of reading an account gives it,
// on both engines.
func TestSessionGeneration(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		pat, _, err := st.CreateUser(ctx, "pat", account.RolePerson, base)
		if err != nil {
			t.Fatal(err)
		}
		if pat.SessionGen != 0 {
			t.Errorf("a new account's generation: %d", pat.SessionGen)
		}
		gen, err := st.EndSessions(ctx, pat.ID)
		if err != nil || gen != 1 {
			t.Fatalf("end sessions: %d, %v; want 1", gen, err)
		}
		if err := st.SetPassword(ctx, pat.ID, "correct horse battery", base); err != nil {
			t.Fatal(err)
		}
		other := openAt(t, url, dir) // another server on the same journal sees it
		link, _ := other.CreateSignInLink(ctx, pat.ID, base)
		token, _ := other.CreateToken(ctx, pat.ID, base)
		reads := map[string]func() (*account.User, error){
			"User":           func() (*account.User, error) { return other.User(ctx, pat.ID) },
			"UserByName":     func() (*account.User, error) { return other.UserByName(ctx, "pat") },
			"UserByToken":    func() (*account.User, error) { return other.UserByToken(ctx, token) },
			"SignInLinkUser": func() (*account.User, error) { return other.SignInLinkUser(ctx, link, base) },
			"CheckPassword":  func() (*account.User, error) { return other.CheckPassword(ctx, "pat", "correct horse battery") },
			"UseSignInLink":  func() (*account.User, error) { return other.UseSignInLink(ctx, link, base) },
		}
		for _, name := range []string{"User", "UserByName", "UserByToken", "SignInLinkUser", "CheckPassword", "UseSignInLink"} {
			if u, err := reads[name](); err != nil || u.SessionGen != 2 {
				t.Errorf("%s: %+v, %v; want generation 2 (one end, one password)", name, u, err)
			}
		}
		if _, err := st.EndSessions(ctx, "nobody"); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("ending the sessions of nobody: %v", err)
		}
	})
}
