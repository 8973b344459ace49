package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Issue 17's follow-up, "sign out everywhere": sessions last 30 days and
// changing a password ended no other. Now the account page's "Sign out on
// every device" ends every web session of the account on every server;
// changing the password on the web ends the others and keeps this one;
// `users password` and `users signout` (the store's SetPassword and
// EndSessions) end them all. Script tokens are not sessions: they stay
// (`tokens revoke` ends those). On both engines.
func TestSignOutEverywhere(t *testing.T) {
	forEachEngine(t, func(t *testing.T, dbURL string) {
		e := newEnvURL(t, dbURL, true)
		ctx := context.Background()
		pat := e.person("pat", "")
		token, err := e.st.CreateToken(ctx, pat.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		signIn := func() map[string]string {
			t.Helper()
			link, err := e.st.CreateSignInLink(ctx, pat.ID, now)
			if err != nil {
				t.Fatal(err)
			}
			return sessionCookie(t, e.openLink(link, nil))
		}
		signedIn := func(cookie map[string]string) bool {
			t.Helper()
			r := e.do("GET", "/api/v1/me", "", cookie)
			return r.Code == http.StatusOK && strings.Contains(r.Body.String(), `"pat"`)
		}
		same := func(cookie map[string]string) map[string]string {
			return map[string]string{"Cookie": cookie["Cookie"], "Sec-Fetch-Site": "same-origin"}
		}
		phone, laptop := signIn(), signIn()
		if !signedIn(phone) || !signedIn(laptop) {
			t.Fatal("not signed in on two browsers")
		}
		if r := e.do("GET", "/settings/account", "", phone); !strings.Contains(r.Body.String(), `action="/settings/signout-everywhere"`) {
			t.Errorf("the account page offers no way to sign out everywhere: %s", r.Body)
		}
		// Another website cannot press it.
		if r := e.postFrom("/settings/signout-everywhere", url.Values{}, "", map[string]string{"Cookie": phone["Cookie"], "Sec-Fetch-Site": "cross-site"}); r.Code != http.StatusForbidden {
			t.Errorf("sign out everywhere from another site: %d", r.Code)
		}
		r := e.postFrom("/settings/signout-everywhere", url.Values{}, "", same(phone))
		if r.Code != http.StatusSeeOther || r.Header().Get("Location") != "/signin?everywhere=1" {
			t.Fatalf("sign out everywhere: %d %v %s", r.Code, r.Header(), r.Body)
		}
		if signedIn(phone) || signedIn(laptop) {
			t.Errorf("after signing out everywhere: phone %v, laptop %v; want neither", signedIn(phone), signedIn(laptop))
		}
		if r := e.do("GET", "/signin?everywhere=1", "", nil); !strings.Contains(r.Body.String(), "every device") {
			t.Errorf("the sign-in page does not say what happened: %s", r.Body)
		}
		if r := e.do("GET", "/api/v1/me", "", map[string]string{"Authorization": "Bearer " + token}); r.Code != http.StatusOK {
			t.Errorf("a script token after signing out everywhere: %d", r.Code)
		}
		// A password set on the web keeps its own browser and ends the others.
		phone, laptop = signIn(), signIn()
		r = e.postFrom("/settings/password", url.Values{"password": {"correct horse battery"}, "again": {"correct horse battery"}}, "", same(phone))
		if r.Code != http.StatusSeeOther {
			t.Fatalf("set a password: %d %s", r.Code, r.Body)
		}
		if phone = withNewCookie(phone, r); !signedIn(phone) || signedIn(laptop) {
			t.Errorf("after a password set on the phone: phone %v, laptop %v; want the phone only", signedIn(phone), signedIn(laptop))
		}
		// `unhunch users password pat` and `unhunch users signout pat`.
		if err := e.st.SetPassword(ctx, pat.ID, "another good password", now); err != nil {
			t.Fatal(err)
		}
		if signedIn(phone) {
			t.Error("still signed in after the password was changed at the command line")
		}
		phone = signIn()
		if _, err := e.st.EndSessions(ctx, pat.ID); err != nil {
			t.Fatal(err)
		}
		if signedIn(phone) {
			t.Error("still signed in after users signout")
		}
		if !signedIn(signIn()) {
			t.Error("a new sign-in after all that does not work")
		}
		// A script changing the password gets no session of its own.
		r = e.postFrom("/settings/password", url.Values{"current": {"another good password"}, "password": {"a third good password"}, "again": {"a third good password"}}, "",
			map[string]string{"Authorization": "Bearer " + token})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("a script sets the password: %d %s", r.Code, r.Body)
		}
		for _, c := range r.Result().Cookies() {
			if c.Name == "unhunch_session" {
				t.Errorf("a script that set a password was given a session: %+v", c)
			}
		}
	})
}

// withNewCookie is cookie, or the session cookie r sets instead.
func withNewCookie(cookie map[string]string, r interface{ Result() *http.Response }) map[string]string {
	for _, c := range r.Result().Cookies() {
		if c.Name == "unhunch_session" && c.Value != "" {
			return map[string]string{"Cookie": c.Name + "=" + c.Value}
		}
	}
	return cookie
}
