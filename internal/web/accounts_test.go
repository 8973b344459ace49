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
		{"anonymous page", "/history", nil, http.StatusUnauthorized},
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
