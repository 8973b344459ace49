package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// sessionUser is the key of the signed-in account's id in a web session.
const sessionUser = "user"

// sessionCreated is the key of the signed-in account's creation time (Unix
// milliseconds) in a web session: an id alone can name another account
// later (the first person account takes "local", and so can another once
// it is erased), and the erasure cannot find sessions by account.
const sessionCreated = "user.created"

// sessionGen is the key of the signed-in account's session generation in
// a web session: once the account's has moved on (signed out everywhere,
// the password changed), the session has ended (sessionCaller).
const sessionGen = "user.gen"

// newSessions returns the manager of the web app's sign-in sessions
// (github.com/alexedwards/scs): the cookie holds a random token and the
// session is kept in the journal's database (Accounts.WebSessions), so
// every server on one PostgreSQL knows it. The cookie is HttpOnly and
// SameSite=Lax, and Secure when the server is reached over HTTPS
// (Config.SecureCookies).
func newSessions(cfg Config) *scs.SessionManager {
	m := scs.New()
	// Kept for callerTTL (callers.go): this server's own changes show at once.
	m.Store = newSessionCache(cfg.Accounts.WebSessions(), cfg.Now)
	m.Codec = &sessionCodec{m: boundedMap{max: maxCallers}}
	// Thirty days from signing in, with no idle timeout: scs keeps one by
	// saving the session again (and sending its cookie) at every request,
	// so a request under way while the person signed out brought the
	// session back (TestPageViewLeavesTheSessionAlone), and every page view
	// cost a database write.
	m.Lifetime = 30 * 24 * time.Hour
	m.Cookie.Name = "unhunch_session"
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = cfg.SecureCookies
	m.Cookie.Persist = true
	return m
}

// signIn starts a signed-in session for u on this browser: a new token (so
// that a token planted before sign-in is worth nothing) holding u's id.
func (s *Server) signIn(r *http.Request, u *account.User) error {
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return unhunch.Errorf(unhunch.EUnavailable, "web: renew session token: %w", err)
	}
	s.sessions.Put(r.Context(), sessionUser, u.ID)
	s.sessions.Put(r.Context(), sessionCreated, u.Created.UnixMilli())
	s.sessions.Put(r.Context(), sessionGen, u.SessionGen)
	return nil
}

// sessionCaller returns the account signed in on this browser, or nil.
func (s *Server) sessionCaller(r *http.Request) (*account.User, error) {
	if s.sessions == nil || !s.hasSessionCookie(r) {
		return nil, nil // no session loaded (withSessions): nobody signed in here
	}
	id := s.sessions.GetString(r.Context(), sessionUser)
	if id == "" {
		return nil, nil
	}
	u, err := s.callers.get(callerKey(id), func() (*account.User, error) { return s.cfg.Accounts.User(r.Context(), id) })
	if unhunch.ErrorCode(err) == unhunch.ENotFound || err == nil && s.sessions.GetInt64(r.Context(), sessionCreated) != u.Created.UnixMilli() {
		// The account was removed (and its id may have been given to
		// another since): the session ends with it.
		return nil, s.sessions.Destroy(r.Context())
	}
	if err == nil && s.sessions.GetInt64(r.Context(), sessionGen) != u.SessionGen {
		// Signed out everywhere, or the password changed, since this
		// browser signed in (the generation comes with the account's row:
		// no extra read).
		return nil, s.sessions.Destroy(r.Context())
	}
	return u, err
}

// signinRoutes are signing in and out.
func (s *Server) signinRoutes() []route {
	return []route{
		{"GET", "/signin", s.signinPage, nil},
		{"GET", "/signin/{token}", s.signinLinkPage, nil},
		{"POST", "/signin/{token}", s.signinLink, nil},
		{"POST", "/signout", s.signout, nil},
		{"POST", "/settings/signout-everywhere", s.signoutEverywhere, nil},
	}
}

// signinPage says how to sign in.
func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) error {
	if exist, err := s.accountsExist(r); err == nil && !exist {
		// A server without accounts has nobody to sign in: its one
		// person is already home.
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	d := signinData{}
	if params(r).Get("erased") == "1" {
		d.Notice = message.Text(message.RightsErased)
	}
	if params(r).Get("everywhere") == "1" {
		d.Notice = message.Text(message.SignoutAllDone)
	}
	return s.showSignin(w, http.StatusOK, d)
}

// signinLinkData is the page a sign-in link opens: whose link it is and
// a button that spends it, or why it cannot be used.
type signinLinkData struct {
	User  *account.User // nil when the link cannot be used
	Token string
}

// signinLinkPage shows whose sign-in link this is, with a button that
// POSTs to the same address: the link is read, not spent, so that a
// link-preview robot fetching it leaves it usable, and a person sent
// someone else's link sees whose it is before anything happens (issue 17's
// review: login CSRF).
func (s *Server) signinLinkPage(w http.ResponseWriter, r *http.Request) error {
	keyHeaders(w)
	token := r.PathValue("token")
	u, err := s.cfg.Accounts.SignInLinkUser(r.Context(), token, s.now())
	if err != nil {
		return s.badLink(w, err)
	}
	return s.render(w, http.StatusOK, "signin_link", page{Title: message.Text(message.SigninLinkTitle), Nav: "signin", Data: signinLinkData{User: u, Token: token}})
}

// keyHeaders keeps a page whose address is a key out of caches and
// referrers.
func keyHeaders(w http.ResponseWriter) {
	w.Header().Set("Referrer-Policy", "no-referrer") // the link is a key: never pass it on
	w.Header().Set("Cache-Control", "no-store")
}

// badLink answers a sign-in link that cannot be used (spent, expired or
// unknown) with a page saying what to do; other errors are returned.
func (s *Server) badLink(w http.ResponseWriter, err error) error {
	if unhunch.ErrorCode(err) != unhunch.EUnauthorized {
		return err
	}
	return s.render(w, unhunch.HTTPStatus(err), "signin_link", page{Title: message.Text(message.SigninLinkBadH), Nav: "signin", Data: signinLinkData{}})
}

// signinLink spends a one-time sign-in link (the button of
// signinLinkPage) and signs its account in on this browser, then offers a
// passkey (the welcome page, passkey.go).
func (s *Server) signinLink(w http.ResponseWriter, r *http.Request) error {
	keyHeaders(w)
	u, err := s.cfg.Accounts.UseSignInLink(writeCtx(r), r.PathValue("token"), s.now())
	if err != nil {
		return s.badLink(w, err)
	}
	if err := s.signIn(r, u); err != nil {
		return err
	}
	to := "/welcome"
	if next := s.sessions.PopString(r.Context(), sessionNext); strings.HasPrefix(next, "/care/invite/") {
		to = next
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// sessionNext is the key of the page to land on once signed in.
const sessionNext = "next"

// rememberNext keeps, in this browser's session, an invitation a person
// opened before signing in (and only that), so that signing in lands them
// back on it.
func (s *Server) rememberNext(r *http.Request) {
	if s.sessions != nil && r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/care/invite/") {
		s.sessions.Put(r.Context(), sessionNext, r.URL.Path)
		s.anonymousFor(r, store.LinkLife) // time to ask for a sign-in link and open it
	}
}

// anonymousFor keeps the session of a browser nobody is signed in on for d
// at most, rather than the thirty days of a signed-in one: anyone can make
// the server keep such a session (a passkey sign-in begun, an invitation
// opened), and each is a row in the journal's database. Signing in gives it
// the full lifetime (RenewToken).
func (s *Server) anonymousFor(r *http.Request, d time.Duration) {
	if s.sessions.GetString(r.Context(), sessionUser) != "" {
		return
	}
	if until := time.Now().Add(d).UTC(); until.Before(s.sessions.Deadline(r.Context())) {
		s.sessions.SetDeadline(r.Context(), until) // scs keeps time by the real clock
	}
}

// signout ends the session on this browser.
func (s *Server) signout(w http.ResponseWriter, r *http.Request) error {
	if s.sessions != nil {
		// The session cache forgets the token at once (sessionCache.DeleteCtx).
		if err := s.sessions.Destroy(r.Context()); err != nil {
			return unhunch.Errorf(unhunch.EUnavailable, "web: end session: %w", err)
		}
	}
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
	return nil
}

// signoutEverywhere ends every web session of the signed-in account, on
// every server, this one included ("Sign out on every device").
func (s *Server) signoutEverywhere(w http.ResponseWriter, r *http.Request) error {
	u := account.FromContext(r.Context())
	if u == nil { // no accounts: nobody to sign out
		return unhunch.E(unhunch.ENotFound, message.AccountPageNone)
	}
	if _, err := s.cfg.Accounts.EndSessions(writeCtx(r), u.ID); err != nil {
		return err
	}
	if err := s.sessions.Destroy(r.Context()); err != nil {
		return unhunch.Errorf(unhunch.EUnavailable, "web: end session: %w", err)
	}
	seeOther(w, r, "/signin?everywhere=1")
	return nil
}

// keyPaths start the paths whose rest is a key: a sign-in link or a
// clinician's invitation.
var keyPaths = []string{"/signin/", "/care/invite/", "/api/v1/care/invites/"}

// logPath is a request's path as the logs name it: a key in it (keyPaths)
// is left out, so that whoever reads the logs cannot spend a link before
// its person does.
func logPath(path string) string {
	for _, p := range keyPaths {
		if strings.HasPrefix(path, p) && len(path) > len(p) {
			return p + "{token}"
		}
	}
	return path
}
