package web

import (
	"context"
	"time"

	"github.com/alexedwards/scs/v2"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
)

// Accounts is what the server needs of the accounts kept in the journal
// (issue 17): *store.Store, or a fake in tests.
type Accounts interface {
	// HasAccounts reports whether any account exists.
	HasAccounts(ctx context.Context) (bool, error)
	// User returns the account with id, or an ENotFound error.
	User(ctx context.Context, id string) (*account.User, error)
	// UserByToken returns the account a script token acts as, or an
	// EUnauthorized error.
	UserByToken(ctx context.Context, token string) (*account.User, error)
	// UseSignInLink spends a one-time sign-in link at time at and returns
	// its account, or an EUnauthorized error.
	UseSignInLink(ctx context.Context, token string, at time.Time) (*account.User, error)
	// SignInLinkUser returns the account of a sign-in link at time at
	// without spending it, or an EUnauthorized error.
	SignInLinkUser(ctx context.Context, token string, at time.Time) (*account.User, error)
	// EndSessions ends every web session of the account with userID (its
	// session generation moves on) and returns the new generation.
	EndSessions(ctx context.Context, userID string) (int64, error)
	// WebSessions is where the web app's sign-in sessions are kept.
	WebSessions() scs.CtxStore
	// Users lists every account.
	Users(ctx context.Context) ([]*account.User, error)
	// EraseUser deletes an account and every row that names it.
	EraseUser(ctx context.Context, id string) (map[string]int64, error)
}

// access says who may use a route once accounts exist. Without accounts
// the server has one person, on loopback, and every route is theirs.
type access int

const (
	// accessPerson: anyone signed in, each to their own data (the default).
	accessPerson access = iota
	// accessPublic: anyone, signed in or not.
	accessPublic
	// accessClinician: clinicians (and admins) only; a person gets 403.
	accessClinician
	// accessAdmin: admins only.
	accessAdmin
)

// publicRoute says whether route (method and pattern) is one anyone may
// use: what a browser needs before signing in, and the health checks and API
// description. (A switch, not a map: a map literal is built at start-up,
// which every command of the binary would pay.)
func publicRoute(route string) bool {
	switch route {
	case "GET /healthz", "GET /readyz", "GET /api/v1/openapi.json",
		"GET /assets/{file}", "GET /sw.js", "GET /manifest.webmanifest",
		"GET /signin", "POST /signin", "GET /signin/{token}", "POST /signin/{token}", "POST /signout",
		// Signing in with a passkey (passkey.go).
		"POST /api/v1/passkeys/login/begin", "POST /api/v1/passkeys/login/finish":
		return true
	}
	return false
}

// adminRoute says whether route is for admins only.
func adminRoute(route string) bool { return route == "GET /metrics" }

// libraryWrite says whether route changes the exercises and routines
// everyone on the server sees (issue 20's own exercises are one library
// per server): clinicians and admins only, once accounts exist.
func libraryWrite(route string) bool {
	switch route {
	case "GET /exercises/new", "POST /exercises/new",
		"GET /exercises/{id}/edit", "POST /exercises/{id}/edit", "POST /exercises/{id}/delete",
		"POST /exercises/import", "GET /routines/new", "POST /routines/new", "POST /routines/{id}/delete":
		return true
	}
	return false
}

// accessOf says who may use the route method pattern: the one place where
// that is decided (the authorization matrix test reads it too).
func accessOf(method, pattern string) access {
	k := method + " " + pattern
	switch {
	case publicRoute(k):
		return accessPublic
	case adminRoute(k):
		return accessAdmin
	case libraryWrite(k), strings.HasPrefix(pattern, "/api/v1/clinic/"), strings.HasPrefix(pattern, "/clinic"):
		return accessClinician
	}
	return accessPerson
}

// accountState remembers whether accounts exist: once they do, the server
// asks for sign-in until it is restarted (removing every account does not
// open it again behind a person's back); while they do not, it asks the
// journal again whenever the journal's version has moved (making an account
// raises it), so that `unhunch users add`, run while the server runs,
// closes it at once.
type accountState struct {
	exist atomic.Bool
	none  atomic.Int64 // the journal version at which none were found, plus one (0: never checked)
}

// accountsExist reports whether the server has accounts.
func (s *Server) accountsExist(r *http.Request) (bool, error) {
	if s.cfg.Accounts == nil {
		return false, nil
	}
	if s.accounts.exist.Load() {
		return true, nil
	}
	v, err := s.serverVersion(r)
	if err == nil && s.accounts.none.Load() == v+1 {
		return false, nil
	}
	var has bool
	if err == nil {
		has, err = s.cfg.Accounts.HasAccounts(r.Context())
	}
	if err != nil {
		// A journal that cannot be read now cannot have gained accounts
		// since it was last read: what was found then holds (so that what
		// needs no journal, such as the screening page, still works).
		if s.accounts.none.Load() != 0 {
			return false, nil
		}
		return false, err
	}
	if has {
		s.accounts.exist.Store(true)
	} else {
		s.accounts.none.Store(v + 1)
	}
	return has, nil
}

// authorize finds who is asking and whether they may use the route; it
// returns the request with the signed-in user in its context. Without
// accounts everything is the local person's.
func (s *Server) authorize(r *http.Request, method, pattern string) (*http.Request, error) {
	exist, err := s.accountsExist(r)
	if err != nil {
		return r, err
	}
	if !exist {
		return r, nil
	}
	u, err := s.calendarCaller(r, method, pattern)
	if u == nil && err == nil {
		u, err = s.caller(r)
	}
	if err != nil {
		return r, err
	}
	if u != nil {
		r = r.WithContext(account.NewContext(r.Context(), u))
	}
	switch accessOf(method, pattern) {
	case accessPublic:
		return r, nil
	case accessPerson:
		if u == nil {
			return r, unhunch.E(unhunch.EUnauthorized, message.AuthSignInNeeded)
		}
	case accessClinician:
		if u == nil {
			return r, unhunch.E(unhunch.EUnauthorized, message.AuthSignInNeeded)
		}
		if !u.IsClinician() && !u.IsAdmin() {
			return r, unhunch.E(unhunch.EForbidden, message.AuthClinicianOnly)
		}
	case accessAdmin:
		if u == nil {
			return r, unhunch.E(unhunch.EUnauthorized, message.AuthSignInNeeded)
		}
		if !u.IsAdmin() {
			return r, unhunch.E(unhunch.EForbidden, message.AuthAdminOnly)
		}
	}
	return r, nil
}

// caller returns the account a request comes from: a script's bearer token
// (a bad one is refused, never taken as anonymous); nil when none is given.
func (s *Server) caller(r *http.Request) (*account.User, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return nil, unhunch.E(unhunch.EUnauthorized, message.AuthBadHeader)
		}
		token = strings.TrimSpace(token)
		return s.callers.get(tokenKey(token), func() (*account.User, error) { return s.cfg.Accounts.UserByToken(r.Context(), token) })
	}
	return s.sessionCaller(r)
}

// RouteAccess is one route and who may use it once accounts exist: "public",
// "person", "clinician" or "admin" (the authorization matrix test reads it).
type RouteAccess struct {
	Method, Pattern, Who string
}

// Access lists every route the server answers with who may use it, in the
// route table's order.
func (s *Server) Access() []RouteAccess {
	names := map[access]string{accessPublic: "public", accessPerson: "person", accessClinician: "clinician", accessAdmin: "admin"}
	out := make([]RouteAccess, len(s.routes))
	for i, r := range s.routes {
		out[i] = RouteAccess{r.method, r.pattern, names[accessOf(r.method, r.pattern)]}
	}
	return out
}
