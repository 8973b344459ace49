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
