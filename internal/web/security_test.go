package web_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/safety"
)

// slowPasswords is the journal with a password check that waits, before
// answering, until the test lets it go: requests that reach it are in
// flight together, as parallel guesses are while argon2id runs.
type slowPasswords struct {
	*store.Store
	entered chan<- struct{}
	release <-chan struct{}
}

// CheckPassword notes the attempt, waits to be let go, then checks.
func (s slowPasswords) CheckPassword(ctx context.Context, name, password string) (*account.User, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.Store.CheckPassword(ctx, name, password)
}

// Review of issue 17: the sign-in limit counts failures only once they are
// known, so guesses sent in parallel all passed the check before any of
// them had failed: ten at once tried ten passwords against an account that
// allows five. Each attempt now takes its place in the count before the
// password is checked.
func TestSignInLimitHoldsForParallelGuesses(t *testing.T) {
	const tries = 10
	entered := make(chan struct{}, tries)
	release := make(chan struct{})
	e := newEnvWith(t, func(c *web.Config) {
		c.Accounts = slowPasswords{c.Store.(*store.Store), entered, release}
	})
	e.person("pat", "correct horse battery")
	codes := make(chan int, tries)
	for i := range tries {
		go func() {
			r := e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"guess number " + itoa(i)}}, "192.0.2.10:5000", nil)
			codes <- r.Code
		}()
	}
	// Each attempt either reaches the password check (and waits there) or
	// is refused at once: the first tries events are all of them.
	in, refused := 0, 0
	for in+refused < tries {
		select {
		case <-entered:
			in++
		case c := <-codes:
			if c != http.StatusTooManyRequests {
				t.Fatalf("an attempt answered %d before any was let go", c)
			}
			refused++
		}
	}
	close(release)
	for range in {
		if c := <-codes; c != http.StatusUnauthorized {
			t.Errorf("a guess that was checked: %d", c)
		}
	}
	if in > 5 {
		t.Errorf("%d guesses in parallel reached the password check; the account allows 5", in)
	}
}

// Review of issue 17: a browser session names its account by id, and the
// erasure cannot find sessions by account (they are kept by token). The
// first person account takes the id "local", and so can another person
// made after it was erased, once the local journal holds something again
// (the CLI keeps it): a browser still signed in as the erased person was
// then signed in as the new one. A session is now for one account, not
// one id: made before the account it names, it is no session.
func TestSessionOfErasedAccountDoesNotPassToTheNextLocal(t *testing.T) {
	e := newEnv(t, true) // a screening kept before accounts: local data
	ctx := context.Background()
	pat, adopted, err := e.st.CreateUser(ctx, "pat", account.RolePerson, now, store.AdoptLocal)
	if err != nil || !adopted {
		t.Fatalf("pat: %v, adopted %v", err, adopted)
	}
	link, err := e.st.CreateSignInLink(ctx, pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	patBrowser := sessionCookie(t, e.openLink(link, nil))
	if _, err := e.st.EraseUser(ctx, pat.ID); err != nil { // `unhunch users remove pat`, say
		t.Fatal(err)
	}
	e.at = e.at.Add(time.Hour)
	// Someone at the server's own keyboard (the CLI is the local person).
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = false
	}
	sc := safety.NewScreening(e.at, answers)
	if err := e.st.SaveScreening(ctx, &sc); err != nil {
		t.Fatal(err)
	}
	quinn, adopted, err := e.st.CreateUser(ctx, "quinn", account.RolePerson, e.at, store.AdoptLocal)
	if err != nil || !adopted || quinn.ID != pat.ID {
		t.Fatalf("quinn: %+v, %v, adopted %v", quinn, err, adopted)
	}
	r := e.do("GET", "/api/v1/me", "", patBrowser)
	if r.Code != http.StatusUnauthorized {
		t.Errorf("pat's old browser: %d %s, want 401", r.Code, r.Body)
	}
	// Quinn's own sign-in works.
	link, err = e.st.CreateSignInLink(ctx, quinn.ID, e.at)
	if err != nil {
		t.Fatal(err)
	}
	if r := e.do("GET", "/api/v1/me", "", sessionCookie(t, e.openLink(link, nil))); r.Code != http.StatusOK || !strings.Contains(r.Body.String(), `"quinn"`) {
		t.Errorf("quinn: %d %s", r.Code, r.Body)
	}
}

// Review of issue 17: the request log named each request's path, and a
// sign-in link or an invitation is a key in its path: whoever read the log
// (a log shipped elsewhere, a shared journald) could spend a link before
// its person did. The log now names such a route by its pattern.
func TestRequestLogKeepsNoKeys(t *testing.T) {
	var logs bytes.Buffer
	e := newEnvWith(t, func(c *web.Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	ctx := context.Background()
	pat := e.person("pat", "")
	link, err := e.st.CreateSignInLink(ctx, pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	cookie := sessionCookie(t, e.openLink(link, nil))
	doc, _, err := e.st.CreateUser(ctx, "doc", account.RoleClinician, now)
	if err != nil {
		t.Fatal(err)
	}
	invite, err := e.st.CreateInvite(ctx, doc.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	e.do("GET", "/care/invite/"+invite, "", cookie)
	e.do("POST", "/api/v1/care/invites/"+invite, `{"answer":"decline"}`, cookie)
	if !strings.Contains(logs.String(), `"route":"/signin/{token}"`) {
		t.Fatalf("no request logged: %s", logs.String())
	}
	for _, key := range []string{link, invite} {
		if strings.Contains(logs.String(), key) {
			t.Errorf("the log holds a key: %s", logs.String())
		}
	}
}

// Review of issue 17: an invitation's address was made of the request's
// Host and scheme, never the public URL: behind a proxy that ends TLS it
// was an http:// address (the key in it sent in the clear, and in the QR
// code), and it could name an address people do not reach. It is the
// server's base URL now, as the calendar address is.
func TestInviteURLIsThePublicOne(t *testing.T) {
	e := newEnvWith(t, func(c *web.Config) {
		c.PublicURL = "https://unhunch.example"
		c.PublicHosts = []string{"unhunch.example"}
	})
	ctx := context.Background()
	doc, _, err := e.st.CreateUser(ctx, "doc", account.RoleClinician, now)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := e.st.CreateToken(ctx, doc.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	r := e.do("POST", "/api/v1/clinic/invites", "", map[string]string{"Authorization": "Bearer " + tok})
	if r.Code != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Code, r.Body)
	}
	if !strings.Contains(r.Body.String(), `"url":"https://unhunch.example/care/invite/`) {
		t.Errorf("invitation: %s", r.Body)
	}
}

// Review of issue 17: anyone, without signing in, can make the server keep
// a session: by beginning a passkey sign-in (the ceremony waits in it) or
// by opening an invitation's address (kept to land on after signing in).
// Each was kept for the thirty days of a signed-in session, a row in the
// journal's database each time: a loop of requests filled the database
// for a month. Such a session now lives as long as what it waits for.
func TestAnonymousSessionsAreShortLived(t *testing.T) {
	e := newEnv(t, false)
	pat := e.person("pat", "")
	expiry := func(r *httptest.ResponseRecorder) time.Time {
		t.Helper()
		for _, c := range r.Result().Cookies() {
			if c.Name == "unhunch_session" && c.Value != "" {
				return c.Expires
			}
		}
		t.Fatalf("no session cookie: %d %v", r.Code, r.Header())
		return time.Time{}
	}
	anon := &browserTab{e: e, host: "localhost:8080"}
	r := anon.do("POST", "/api/v1/passkeys/login/begin", map[string]any{})
	if r.Code != http.StatusOK {
		t.Fatalf("login/begin: %d %s", r.Code, r.Body)
	}
	if exp := expiry(r); exp.After(time.Now().Add(time.Hour)) {
		t.Errorf("a passkey sign-in begun: session kept until %v", exp)
	}
	other := &browserTab{e: e, host: "localhost:8080"}
	r = other.do("GET", "/care/invite/made-up", nil)
	if r.Code != http.StatusSeeOther {
		t.Fatalf("an invitation before signing in: %d", r.Code)
	}
	if exp := expiry(r); exp.After(time.Now().Add(25 * time.Hour)) {
		t.Errorf("an invitation opened: session kept until %v", exp)
	}
	// Signing in gives the session its thirty days.
	link, err := e.st.CreateSignInLink(context.Background(), pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	r = other.openLink(link)
	if exp := expiry(r); exp.Before(time.Now().Add(29 * 24 * time.Hour)) {
		t.Errorf("signed in: session kept until %v", exp)
	}
}

// Review of issue 17: the account page changed a password without asking
// for the one it replaces, so anyone at a browser left signed in (or
// holding a copied session cookie) could set a password of their own and
// keep the account after the session ended. Changing a password now asks
// for the current one, within the sign-in limits.
func TestChangingAPasswordAsksForTheCurrentOne(t *testing.T) {
	e := newEnv(t, true)
	pat := e.person("pat", "correct horse battery")
	link, err := e.st.CreateSignInLink(context.Background(), pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	cookie := sessionCookie(t, e.openLink(link, nil))
	if r := e.do("GET", "/settings/account", "", cookie); !strings.Contains(r.Body.String(), `name="current"`) {
		t.Errorf("the account page asks for no current password: %s", r.Body)
	}
	same := map[string]string{"Cookie": cookie["Cookie"], "Sec-Fetch-Site": "same-origin"}
	change := func(current string) *httptest.ResponseRecorder {
		return e.postFrom("/settings/password", url.Values{"current": {current}, "password": {"a stranger's password"}, "again": {"a stranger's password"}}, "", same)
	}
	for _, current := range []string{"", "not the password"} {
		if r := change(current); r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), "not your current password") {
			t.Errorf("current %q: %d %s", current, r.Code, r.Body)
		}
	}
	if r := e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"a stranger's password"}}, "", nil); r.Code != http.StatusUnauthorized {
		t.Errorf("the password was changed without the current one: %d", r.Code)
	}
	if r := change("correct horse battery"); r.Code != http.StatusSeeOther {
		t.Errorf("with the current password: %d %s", r.Code, r.Body)
	}
	if r := e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"a stranger's password"}}, "", nil); r.Code != http.StatusSeeOther {
		t.Errorf("the new password: %d", r.Code)
	}
	// Guessing the current one is limited as signing in is.
	for range 5 {
		change("guess")
	}
	if r := change("a stranger's password"); r.Code != http.StatusTooManyRequests {
		t.Errorf("after 5 wrong current passwords: %d", r.Code)
	}
}
