package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/safety"
)

// matrixCaller is one kind of caller of the authorization matrix.
type matrixCaller struct {
	name    string
	headers map[string]string // nil: anonymous
	admin   bool
	// clinician: may use the clinicians' routes; linked: A accepted them,
	// so A's data is theirs to open through those routes.
	clinician, linked bool
}

// fill makes a concrete path of a route pattern: each placeholder the
// route table may use is named here, so that a new kind of route cannot be
// left out of the matrix (an unknown placeholder fails the test).
func fill(t *testing.T, pattern string, ids map[string]string) string {
	t.Helper()
	p := strings.TrimSuffix(pattern, "{$}")
	for {
		i := strings.Index(p, "{")
		if i < 0 {
			return p
		}
		j := strings.Index(p[i:], "}")
		name := p[i+1 : i+j]
		v, ok := ids[name]
		switch {
		case name == "id" && strings.HasPrefix(p, "/api/v1/sessions/"):
			v, ok = ids["session"], true
		case name == "id" && (strings.HasPrefix(p, "/api/v1/routines/") || strings.HasPrefix(p, "/routines/") || strings.HasPrefix(p, "/play/")):
			v, ok = ids["routine"], true
		case name == "id" && (strings.HasPrefix(p, "/clinic/patients/") || strings.HasPrefix(p, "/api/v1/clinic/patients/")):
			v, ok = ids["patient"], true
		case name == "id" && (strings.HasPrefix(p, "/care/clinicians/") || strings.HasPrefix(p, "/api/v1/care/clinicians/")):
			v, ok = ids["clinician"], true
		case name == "id" && strings.HasPrefix(p, "/api/v1/passkeys/"):
			v, ok = "no-such-passkey", true // another's passkey is the passkey tests' (TestPasskeyAPI)
		case name == "id" && strings.Contains(p, "/exercises/"):
			v, ok = ids["exercise"], true
		}
		if !ok {
			t.Fatalf("route %s: the matrix does not know how to fill {%s}: add it to the test's ids", pattern, name)
		}
		p = p[:i] + v + p[i+j+1:]
	}
}

// Issue 17: the authorization matrix. Every route of the route table ×
// {anonymous, person B, an admin, another clinician, A's clinician} (and A
// on A's own sessions) × the route's own method (reads and writes), with the
// status each must get: anonymous callers are refused everything but the
// public routes (401, or a page sends them to sign in), people are refused
// the clinicians' and admins' routes (403), and nobody but A reaches A's
// resources (404, so ids cannot be probed). Then A's data is checked to be
// exactly as it was: nothing any other caller sent changed it. On SQLite
// and PostgreSQL.
func TestAuthorizationMatrix(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		e := newEnvURL(t, url, false)
		ctx := context.Background()
		bearer := func(name string, role account.Role) (map[string]string, *account.User) {
			u, _, err := e.st.CreateUser(ctx, name, role, now)
			if err != nil {
				t.Fatal(err)
			}
			tok, err := e.st.CreateToken(ctx, u.ID, now)
			if err != nil {
				t.Fatal(err)
			}
			return map[string]string{"Authorization": "Bearer " + tok}, u
		}
		a, aUser := bearer("a", account.RolePerson)
		b, _ := bearer("b", account.RolePerson)
		admin, _ := bearer("root", account.RoleAdmin)
		lee, leeUser := bearer("lee", account.RoleClinician) // A's clinician
		kim, _ := bearer("kim", account.RoleClinician)       // another clinician
		invite, err := e.st.CreateInvite(ctx, leeUser.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.AnswerInvite(ctx, invite, aUser.ID, true, now); err != nil {
			t.Fatal(err)
		}
		as := func(h map[string]string, method, path, body string) *http.Response {
			hh := map[string]string{}
			for k, v := range h {
				hh[k] = v
			}
			if body != "" && method != "GET" {
				hh["Content-Type"] = "application/json"
			}
			return e.do(method, path, body, hh).Result()
		}
		// A's journal: a screening, a session with an outcome, finished.
		yes := map[string]bool{}
		body, _ := json.Marshal(map[string]any{"answers": answersFor(yes)})
		if r := as(a, "POST", "/api/v1/screenings", string(body)); r.StatusCode != http.StatusCreated {
			t.Fatalf("A's screening: %d", r.StatusCode)
		}
		r := e.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":3}`, map[string]string{"Idempotency-Key": "a-1", "Authorization": a["Authorization"], "Content-Type": "application/json"})
		if r.Code != http.StatusCreated {
			t.Fatalf("A's session: %d %s", r.Code, r.Body)
		}
		var sess struct{ ID string }
		decodeBody(t, r.Body.Bytes(), &sess)
		if r := as(a, "POST", "/api/v1/sessions/"+sess.ID+"/events", validEvent(0)); r.StatusCode != http.StatusOK {
			t.Fatalf("A's outcome: %d", r.StatusCode)
		}
		snapshot := func() map[string]string {
			out := map[string]string{}
			for _, p := range []string{"/api/v1/sessions", "/api/v1/sessions/" + sess.ID, "/api/v1/progress", "/api/v1/aside", "/api/v1/schedule", "/api/v1/gate"} {
				r := e.do("GET", p, "", a)
				out[p] = r.Body.String()
			}
			return out
		}
		before := snapshot()
		bodies := map[string]string{
			"/api/v1/sessions/{id}/events": validEvent(1),
			"/api/v1/sessions":             `{"routine_id":"quick-daily-reset","pain_before":3}`,
		}
		ids := map[string]string{"session": sess.ID, "routine": "quick-daily-reset", "exercise": "chin-tucks",
			"file": "none.css", "token": "not-a-link", "patient": aUser.ID, "clinician": leeUser.ID, "condition": "pregnancy", "n": "0", "frame": "0"}
		callers := []matrixCaller{
			{name: "anonymous"},
			{name: "person B", headers: b},
			{name: "admin", headers: admin, admin: true},
			{name: "another clinician", headers: kim, clinician: true},
		}
		routes := e.srv.Access()
		if len(routes) < 50 {
			t.Fatalf("only %d routes in the table", len(routes))
		}
		checked := 0
		call := func(c matrixCaller) {
			for _, rt := range routes {
				path := fill(t, rt.Pattern, ids)
				if rt.Pattern == "/signout" || rt.Pattern == "/signin/{token}" || (rt.Method == "POST" && rt.Pattern == "/signin") {
					continue // signing in and out is the sign-in tests' (they change who the caller is)
				}
				body := ""
				if rt.Method != "GET" {
					body = "{}"
					if b, ok := bodies[rt.Pattern]; ok {
						body = b
					}
				}
				res := as(c.headers, rt.Method, path, body)
				got := res.StatusCode
				// A 404 may repeat the id it was asked for: that tells nothing.
				if c.headers != nil && !c.linked && rt.Method == "GET" && got != http.StatusNotFound {
					var page strings.Builder
					if _, err := io.Copy(&page, res.Body); err == nil && strings.Contains(page.String(), sess.ID) {
						t.Errorf("%s GET %s: the answer names A's session %s", c.name, path, sess.ID)
					}
				}
				checked++
				ownsResource := strings.Contains(path, sess.ID) || strings.Contains(path, aUser.ID)
				switch {
				case c.headers == nil && rt.Who != "public":
					want := http.StatusUnauthorized
					if rt.Method == "GET" && !strings.HasPrefix(path, "/api/") && path != "/metrics" {
						want = http.StatusSeeOther
					}
					if got != want {
						t.Errorf("%s %s %s: %d, want %d", c.name, rt.Method, path, got, want)
					}
				case c.headers == nil:
					if got == http.StatusUnauthorized || got == http.StatusForbidden {
						t.Errorf("%s %s %s (public): %d", c.name, rt.Method, path, got)
					}
				case rt.Who == "admin" && !c.admin, rt.Who == "clinician" && !c.admin && !c.clinician:
					if got != http.StatusForbidden {
						t.Errorf("%s %s %s (%s only): %d, want 403", c.name, rt.Method, path, rt.Who, got)
					}
				case ownsResource && c.linked && rt.Who == "clinician":
					if got == http.StatusUnauthorized || got == http.StatusForbidden || got == http.StatusNotFound || got >= 500 {
						t.Errorf("%s %s %s (their patient's): %d", c.name, rt.Method, path, got)
					}
				case ownsResource:
					if got != http.StatusNotFound {
						t.Errorf("%s %s %s (A's): %d, want 404 (another person's data is not found)", c.name, rt.Method, path, got)
					}
				default:
					if got == http.StatusUnauthorized || got == http.StatusForbidden || got >= 500 {
						t.Errorf("%s %s %s: %d", c.name, rt.Method, path, got)
					}
				}
			}
		}
		for _, c := range callers {
			call(c)
		}
		if diff := cmp.Diff(before, snapshot()); diff != "" {
			t.Errorf("A's data changed while others called every route (-before +after):\n%s", diff)
		}
		// A's clinician last: what they may do changes A's data.
		call(matrixCaller{name: "A's clinician", headers: lee, clinician: true, linked: true})
		// Every opening of A's data is in A's audit log, and only A's
		// clinician's.
		audit := e.do("GET", "/api/v1/care/audit", "", a)
		if audit.Code != http.StatusOK || !strings.Contains(audit.Body.String(), leeUser.ID) || strings.Contains(audit.Body.String(), `"kim"`) {
			t.Errorf("A's audit log: %d %.400s", audit.Code, audit.Body)
		}
		// A reaches their own session on every route that names it.
		for _, rt := range routes {
			if rt.Method == "GET" && strings.HasPrefix(rt.Pattern, "/api/v1/sessions/{id}") {
				if r := as(a, "GET", fill(t, rt.Pattern, ids), ""); r.StatusCode != http.StatusOK {
					t.Errorf("A: GET %s: %d", rt.Pattern, r.StatusCode)
				}
			}
		}
		t.Logf("%d routes × %d callers (and A on A's own): %d requests checked", len(routes), len(callers)+1, checked)
	})
}

// answersFor is a full set of screening answers, yes to those given.
func answersFor(yes map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, q := range safety.Questions {
		out[q.ID] = yes[q.ID]
	}
	return out
}
