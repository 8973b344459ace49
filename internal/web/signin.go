package web

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/message"
)

// Passwords is what signing in with a password needs of the accounts kept
// in the journal (issue 17): *store.Store. Config.Accounts is asked for it
// (an Accounts without it offers no password sign-in).
type Passwords interface {
	// CheckPassword returns the account called name when password is its
	// password; anything else is one EUnauthorized error.
	CheckPassword(ctx context.Context, name, password string) (*account.User, error)
	// SetPassword sets the password of the account with userID.
	SetPassword(ctx context.Context, userID, password string, at time.Time) error
	// HasPassword reports whether the account has a password.
	HasPassword(ctx context.Context, userID string) (bool, error)
	// CreateCalendarToken makes a new calendar token for the account (the
	// one before stops working).
	CreateCalendarToken(ctx context.Context, userID string, at time.Time) (string, error)
	// UserByCalendarToken returns the account of a calendar token, or an
	// EUnauthorized error.
	UserByCalendarToken(ctx context.Context, token string) (*account.User, error)
	// Failures keeps the sign-in limiter's failed attempts (limit.go).
	Failures
}

// passwords returns the accounts' passwords, or nil when they have none.
func (s *Server) passwords() Passwords {
	p, _ := s.cfg.Accounts.(Passwords)
	return p
}

// passwordRoutes are signing in with a password, and the account page.
func (s *Server) passwordRoutes() []route {
	return []route{
		{"POST", "/signin", s.signinPassword, nil},
		{"GET", "/settings/account", s.accountPage, nil},
		{"POST", "/settings/password", s.setPassword, nil},
		{"POST", "/settings/calendar", s.makeCalendar, nil},
	}
}

// signinData is the sign-in page.
type signinData struct {
	Name      string // the name typed, shown again after a refusal
	Error     string
	Passwords bool   // password sign-in is offered
	Notice    string // a note on arriving (the account was erased)
}

// showSignin renders the sign-in page with status.
func (s *Server) showSignin(w http.ResponseWriter, status int, d signinData) error {
	d.Passwords = s.passwords() != nil
	return s.render(w, status, "signin", page{Title: message.Text(message.SigninTitle), Nav: "signin", Data: d})
}

// signinPassword signs in with a name and a password, within the limits
// on failed attempts per account and per address. A wrong name and a
// wrong password are the same answer.
func (s *Server) signinPassword(w http.ResponseWriter, r *http.Request) error {
	pw := s.passwords()
	if pw == nil {
		return unhunch.E(unhunch.ENotFound, message.PageNoPage, r.URL.Path)
	}
	if err := form(w, r); err != nil {
		return err
	}
	name, password := strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("password")
	now := s.now()
	// The attempt counts as a failure from here (limiter.take), so that
	// guesses sent in parallel cannot all pass before any has failed.
	wait, try, err := s.limits.take(r.Context(), pw, now, accountKey(name), addressKey(clientAddr(r)))
	if err != nil {
		return err
	}
	if wait > 0 {
		mins := int((wait + time.Minute - 1) / time.Minute)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		s.log.WarnContext(r.Context(), "sign-in refused: too many failures", "address", clientAddr(r).String())
		// The one status no code gives: the request is fine, but not now.
		return s.showSignin(w, http.StatusTooManyRequests, signinData{Name: name, Error: message.Count(mins, message.SigninTooManyOne, message.SigninTooMany)})
	}
	u, err := pw.CheckPassword(writeCtx(r), name, password)
	if unhunch.ErrorCode(err) == unhunch.EUnauthorized {
		return s.showSignin(w, http.StatusUnauthorized, signinData{Name: name, Error: err.Error()})
	}
	if err != nil {
		s.limits.takeBack(r.Context(), pw, try) // the journal failed, not the guess
		return err
	}
	s.limits.succeeded(r.Context(), pw, try)
	if err := s.signIn(r, u); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// accountData is the account page.
type accountData struct {
	User        *account.User
	HasPassword bool
	Done        string
	Error       string
	CalendarURL string // shown once, right after it is made
}

// signedIn returns the caller, or an error when nobody is signed in (a
// server without accounts has no account page).
func (s *Server) signedIn(r *http.Request) (*account.User, Passwords, error) {
	u := account.FromContext(r.Context())
	pw := s.passwords()
	if u == nil || pw == nil {
		return nil, nil, unhunch.E(unhunch.ENotFound, message.AccountPageNone)
	}
	return u, pw, nil
}

// accountPage shows the signed-in account: its password and calendar
// address.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r), "done"); err != nil {
		return err
	}
	d := accountData{}
	if params(r).Get("done") == "password" {
		d.Done = message.Text(message.AccountPasswordSaved)
	}
	return s.showAccount(w, r, http.StatusOK, d)
}

// showAccount renders the account page with status.
func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, status int, d accountData) error {
	u, pw, err := s.signedIn(r)
	if err != nil {
		return err
	}
	d.User = u
	if d.HasPassword, err = pw.HasPassword(r.Context(), u.ID); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, status, "account", page{Title: message.Text(message.AccountPageTitle), Nav: "settings", Data: d})
}

// setPassword sets or changes the signed-in account's password: typed
// twice, the same.
func (s *Server) setPassword(w http.ResponseWriter, r *http.Request) error {
	u, pw, err := s.signedIn(r)
	if err != nil {
		return err
	}
	if err := form(w, r); err != nil {
		return err
	}
	if err := s.checkCurrentPassword(w, r, u, pw); errors.Is(err, errAnswered) {
		return nil
	} else if err != nil {
		return err
	}
	p, again := r.PostForm.Get("password"), r.PostForm.Get("again")
	if p != again {
		return s.showAccount(w, r, http.StatusBadRequest, accountData{Error: message.Text(message.AccountPasswordsDiffer)})
	}
	err = pw.SetPassword(writeCtx(r), u.ID, p, s.now())
	s.callers.clear()
	if err != nil {
		if unhunch.ErrorCode(err) == unhunch.EInvalid {
			return s.showAccount(w, r, http.StatusBadRequest, accountData{Error: err.Error()})
		}
		return err
	}
	// Setting a password ends every session of the account (its
	// generation moves on); this browser, which set it, stays signed in.
	if s.sessions.GetString(r.Context(), sessionUser) == u.ID { // not a script's token
		if u, err = s.cfg.Accounts.User(r.Context(), u.ID); err != nil {
			return err
		}
		s.sessions.Put(r.Context(), sessionGen, u.SessionGen)
	}
	seeOther(w, r, "/settings/account?done=password")
	return nil
}

// errAnswered says a form has been answered already (the account page
// shown again with why).
var errAnswered = errors.New("web: answered")

// checkCurrentPassword asks, before a password is changed, for the one it
// replaces (an account without one sets its first freely): someone at a
// browser left signed in could otherwise set a password of their own and
// keep the account. Wrong answers count against the sign-in limits, as at
// /signin. It answers the request itself when the check fails.
func (s *Server) checkCurrentPassword(w http.ResponseWriter, r *http.Request, u *account.User, pw Passwords) error {
	has, err := pw.HasPassword(r.Context(), u.ID)
	if err != nil || !has {
		return err
	}
	wait, try, err := s.limits.take(r.Context(), pw, s.now(), accountKey(u.Name), addressKey(clientAddr(r)))
	if err != nil {
		return err
	}
	if wait > 0 {
		mins := int((wait + time.Minute - 1) / time.Minute)
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		return s.answered(s.showAccount(w, r, http.StatusTooManyRequests, accountData{Error: message.Count(mins, message.SigninTooManyOne, message.SigninTooMany)}))
	}
	_, err = pw.CheckPassword(writeCtx(r), u.Name, r.PostForm.Get("current"))
	if unhunch.ErrorCode(err) == unhunch.EUnauthorized {
		return s.answered(s.showAccount(w, r, http.StatusBadRequest, accountData{Error: message.Text(message.AccountCurrentWrong)}))
	}
	if err != nil {
		s.limits.takeBack(r.Context(), pw, try) // the journal failed, not the guess
		return err
	}
	s.limits.succeeded(r.Context(), pw, try)
	return nil
}

// answered is errAnswered once the page showing why is written (or the
// error writing it).
func (s *Server) answered(err error) error {
	if err != nil {
		return err
	}
	return errAnswered
}

// makeCalendar makes a new calendar address for the signed-in account and
// shows it (once: only its hash is kept).
func (s *Server) makeCalendar(w http.ResponseWriter, r *http.Request) error {
	u, pw, err := s.signedIn(r)
	if err != nil {
		return err
	}
	token, err := pw.CreateCalendarToken(writeCtx(r), u.ID, s.now())
	if err != nil {
		return err
	}
	return s.showAccount(w, r, http.StatusOK, accountData{CalendarURL: s.baseURL(r) + "/api/v1/schedule.ics?token=" + token})
}

// baseURL is where people reach this server: Config.PublicURL, or the
// scheme and Host of the request.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return strings.TrimSuffix(s.cfg.PublicURL, "/")
	}
	scheme := "http"
	if viaHTTPS(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// calendarCaller returns the account of a calendar token given as
// ?token= on the one route calendar apps fetch without cookies
// (GET /api/v1/schedule.ics); nil when there is none.
func (s *Server) calendarCaller(r *http.Request, method, pattern string) (*account.User, error) {
	if method != http.MethodGet || pattern != "/api/v1/schedule.ics" {
		return nil, nil
	}
	token := params(r).Get("token")
	pw := s.passwords()
	if token == "" || pw == nil {
		return nil, nil
	}
	return pw.UserByCalendarToken(r.Context(), token)
}

// callerWriter carries the signed-in account to render, which shows it in
// the layout (the page's User).
type callerWriter struct {
	http.ResponseWriter
	u *account.User
}

// Unwrap returns the writer underneath, for http.ResponseController.
func (c *callerWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// withCaller gives w the request's signed-in account, if any.
func withCaller(w http.ResponseWriter, r *http.Request) http.ResponseWriter {
	if u := account.FromContext(r.Context()); u != nil {
		return &callerWriter{w, u}
	}
	return w
}

// callerOf returns the signed-in account w carries, or nil.
func callerOf(w http.ResponseWriter) *account.User {
	if c, ok := w.(*callerWriter); ok {
		return c.u
	}
	return nil
}

// clientAddr is the address a request comes from: the connection's, or
// the one a trusted proxy names (edge.go).
func clientAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		a, _ := netip.ParseAddr(r.RemoteAddr)
		return a
	}
	return ap.Addr()
}

// signedInUser returns the request's signed-in account, or nil.
func signedInUser(r *http.Request) *account.User { return account.FromContext(r.Context()) }

// userKey is a cache key of a page shown to u: the page names who is
// signed in, so each account has its own copy. (What the page shows of the
// journal becomes each person's own with per-person scoping, issue 17.)
func userKey(u *account.User, key string) string {
	if u == nil {
		return key
	}
	return "user/" + u.ID + "/" + key
}
