package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/account"
)

// Issue 17: with no accounts the server is the local person's alone; once
// an account exists every route but the public ones wants a signed-in
// caller (a script's token here), a person is refused the admins' routes,
// and a bad token is refused, never taken as no one.
func TestAccountsCloseTheServer(t *testing.T) {
	e := newEnv(t, true)
	if r := e.do("GET", "/api/v1/progress", "", nil); r.Code != http.StatusOK {
		t.Fatalf("no accounts: progress %d %s", r.Code, r.Body)
	}
	if r := e.do("GET", "/signin", "", nil); r.Code != http.StatusSeeOther || r.Header().Get("Location") != "/" {
		t.Errorf("no accounts: /signin %d %v, want 303 home (nobody to sign in)", r.Code, r.Header())
	}
	ctx := context.Background()
	pat, _, err := e.st.CreateUser(ctx, "pat", account.RolePerson, now)
	if err != nil {
		t.Fatal(err)
	}
	ada, _, err := e.st.CreateUser(ctx, "ada", account.RoleAdmin, now)
	if err != nil {
		t.Fatal(err)
	}
	patToken, _ := e.st.CreateToken(ctx, pat.ID, now)
	adaToken, _ := e.st.CreateToken(ctx, ada.ID, now)
	bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }
	for _, c := range []struct {
		name, path string
		headers    map[string]string
		want       int
	}{
		{"anonymous API", "/api/v1/progress", nil, http.StatusUnauthorized},
		{"anonymous page", "/history", nil, http.StatusSeeOther},
		{"anonymous health", "/healthz", nil, http.StatusOK},
		{"anonymous OpenAPI", "/api/v1/openapi.json", nil, http.StatusOK},
		{"person", "/api/v1/progress", bearer(patToken), http.StatusOK},
		{"bad token", "/api/v1/progress", bearer(patToken + "x"), http.StatusUnauthorized},
		{"not bearer", "/api/v1/progress", map[string]string{"Authorization": "Basic eDp5"}, http.StatusUnauthorized}, // says "Bearer TOKEN"
		{"person on metrics", "/metrics", bearer(patToken), http.StatusForbidden},
		{"admin on metrics", "/metrics", bearer(adaToken), http.StatusOK},
	} {
		r := e.do("GET", c.path, "", c.headers)
		if r.Code != c.want {
			t.Errorf("%s: GET %s = %d, want %d: %s", c.name, c.path, r.Code, c.want, r.Body)
		}
		if c.want == http.StatusUnauthorized && strings.HasPrefix(c.path, "/api/") && !strings.Contains(r.Body.String(), "sign in") && !strings.Contains(r.Body.String(), "TOKEN") && !strings.Contains(r.Body.String(), "tokens create") {
			t.Errorf("%s: the refusal does not say what to do: %s", c.name, r.Body)
		}
	}
}

// Issue 17: a sign-in link signs its person in on the browser that opens
// it, once; the session cookie is HttpOnly and SameSite=Lax, and signing
// out ends it.
func TestSignInLinkOnce(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	pat, _, err := e.st.CreateUser(ctx, "pat", account.RolePerson, now)
	if err != nil {
		t.Fatal(err)
	}
	link, err := e.st.CreateSignInLink(ctx, pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	r := e.openLink(link, nil)
	if r.Code != http.StatusSeeOther || r.Header().Get("Location") != "/welcome" { // the passkey offer
		t.Fatalf("sign-in link: %d %v %s", r.Code, r.Header(), r.Body)
	}
	var cookie *http.Cookie
	for _, c := range r.Result().Cookies() {
		if c.Name == "unhunch_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie: %+v", cookie)
	}
	withCookie := map[string]string{"Cookie": cookie.Name + "=" + cookie.Value}
	if r := e.do("GET", "/api/v1/progress", "", withCookie); r.Code != http.StatusOK {
		t.Errorf("signed in: progress %d %s", r.Code, r.Body)
	}
	if r := e.do("GET", "/history", "", withCookie); r.Code != http.StatusOK {
		t.Errorf("signed in: history page %d", r.Code)
	}
	if r := e.do("GET", "/signin/"+link, "", nil); r.Code != http.StatusUnauthorized || !strings.Contains(r.Body.String(), "works once") {
		t.Errorf("the link a second time: %d %s", r.Code, r.Body)
	}
	if r := e.do("GET", "/signin/nonsense", "", nil); r.Code != http.StatusUnauthorized {
		t.Errorf("a made-up link: %d", r.Code)
	}
	if r := e.do("POST", "/signout", "", withCookie); r.Code != http.StatusSeeOther {
		t.Errorf("sign out: %d %s", r.Code, r.Body)
	}
	if r := e.do("GET", "/api/v1/progress", "", withCookie); r.Code != http.StatusUnauthorized {
		t.Errorf("after signing out: progress %d", r.Code)
	}
	if r := e.do("GET", "/signin", "", nil); r.Code != http.StatusOK || !strings.Contains(r.Body.String(), "sign-in link") {
		t.Errorf("sign-in page: %d %s", r.Code, r.Body)
	}
}

// Issue 17: a clinician finds their patients from every page's menu; a
// person's menu has no such entry.
func TestClinicianMenu(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		role account.Role
		want bool
	}{{"pat", account.RolePerson, false}, {"lee", account.RoleClinician, true}, {"root", account.RoleAdmin, true}} {
		u, _, err := e.st.CreateUser(ctx, c.name, c.role, now)
		if err != nil {
			t.Fatal(err)
		}
		tok, _ := e.st.CreateToken(ctx, u.ID, now)
		r := e.do("GET", "/exercises", "", map[string]string{"Authorization": "Bearer " + tok})
		if got := strings.Contains(r.Body.String(), `<a href="/clinic"`); r.Code != http.StatusOK || got != c.want {
			t.Errorf("%s (%s): %d, menu has Patients: %v, want %v", c.name, c.role, r.Code, got, c.want)
		}
	}
}
