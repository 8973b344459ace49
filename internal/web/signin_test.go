package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/schedule"
)

// newEnvWith is newEnv with changes to the server's Config.
func newEnvWith(t *testing.T, change func(*web.Config)) *env {
	t.Helper()
	st, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, cat: c, at: now}
	cfg := web.Config{Store: st, Accounts: st, Catalog: c, Base: builtinBase, Now: func() time.Time { return e.at }, Location: time.UTC}
	change(&cfg)
	e.srv, err = web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.h = checkedAgainstOpenAPI(t, fromLoopback(e.srv.Handler()))
	t.Cleanup(func() { e.srv.Close(); st.Close() })
	return e
}

// person makes an account with a password.
func (e *env) person(name, password string) *account.User {
	e.t.Helper()
	ctx := context.Background()
	u, _, err := e.st.CreateUser(ctx, name, account.RolePerson, now, takeOver(e.t, e.st, account.RolePerson)...)
	if err != nil {
		e.t.Fatal(err)
	}
	if password != "" {
		if err := e.st.SetPassword(ctx, u.ID, password, now); err != nil {
			e.t.Fatal(err)
		}
	}
	return u
}

// postFrom sends a form from addr (host:port) with headers.
func (e *env) postFrom(path string, form url.Values, addr string, headers map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if addr != "" {
		req.RemoteAddr = addr
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// sessionCookie returns the Cookie header of the session a response
// started, or fails the test.
func sessionCookie(t *testing.T, r *httptest.ResponseRecorder) map[string]string {
	t.Helper()
	for _, c := range r.Result().Cookies() {
		if c.Name == "unhunch_session" && c.Value != "" {
			return map[string]string{"Cookie": c.Name + "=" + c.Value}
		}
	}
	t.Fatalf("no session cookie: %d %v %s", r.Code, r.Header(), r.Body)
	return nil
}

// Issue 17: a person signs in with their name and password; a wrong name
// and a wrong password get the same answer; the layout then names them
// with a way to sign out, on pages kept by either cache, each person their
// own name.
func TestPasswordSignIn(t *testing.T) {
	e := newEnv(t, true)
	e.person("pat", "correct horse battery")
	e.person("sam", "another good password")
	e.person("nopass", "")
	page := e.do("GET", "/signin", "", nil)
	if page.Code != 200 || !strings.Contains(page.Body.String(), `action="/signin"`) || !strings.Contains(page.Body.String(), `autocomplete="current-password"`) {
		t.Fatalf("sign-in page: %d %s", page.Code, page.Body)
	}
	var refusals []string
	for _, c := range []struct{ name, password string }{
		{"pat", "correct horse batterie"},
		{"nobody", "correct horse battery"},
		{"nopass", "correct horse battery"},
		{"", ""},
	} {
		r := e.postFrom("/signin", url.Values{"name": {c.name}, "password": {c.password}}, "", nil)
		if r.Code != http.StatusUnauthorized || !strings.Contains(r.Body.String(), "do not match an account") {
			t.Errorf("%s/%q: %d %s", c.name, c.password, r.Code, r.Body)
		}
		for _, ck := range r.Result().Cookies() {
			if ck.Name == "unhunch_session" && ck.Value != "" {
				t.Errorf("%s/%q: a refused sign-in started a session", c.name, c.password)
			}
		}
		b := r.Body.String()
		refusals = append(refusals, b[strings.Index(b, `<p role="alert"`):strings.Index(b, "</form>")])
	}
	for _, b := range refusals[1:] {
		// The name typed is shown again; apart from it the answers are one.
		if strings.Count(b, "do not match") != 1 || len(strings.Fields(b)) != len(strings.Fields(refusals[0])) {
			t.Errorf("refusals differ:\n%s\n%s", refusals[0], b)
		}
	}
	pat := sessionCookie(t, e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}}, "", nil))
	sam := sessionCookie(t, e.postFrom("/signin", url.Values{"name": {"sam"}, "password": {"another good password"}}, "", nil))
	for _, path := range []string{"/history", "/exercises", "/settings", "/settings/account"} {
		for _, who := range []struct {
			name    string
			cookie  map[string]string
			notName string
		}{{"pat", pat, "sam"}, {"sam", sam, "pat"}, {"pat", pat, "sam"}} {
			r := e.do("GET", path, "", who.cookie)
			b := r.Body.String()
			if r.Code != 200 || !strings.Contains(b, "Signed in as "+who.name) || strings.Contains(b, "Signed in as "+who.notName) ||
				!strings.Contains(b, `action="/signout"`) {
				t.Errorf("%s as %s: %d, does not name them (or names %s)", path, who.name, r.Code, who.notName)
			}
		}
	}
	if r := e.do("POST", "/signout", "", pat); r.Code != http.StatusSeeOther {
		t.Errorf("sign out: %d", r.Code)
	}
	if r := e.do("GET", "/history", "", pat); r.Code != http.StatusSeeOther {
		t.Errorf("after signing out: %d", r.Code)
	}
}

// Without accounts nothing changes: no name, no sign-out button, no
// password form to post to.
func TestNoAccountsNoSignIn(t *testing.T) {
	e := newEnv(t, true)
	for _, path := range []string{"/", "/history", "/settings", "/exercises"} {
		if b := e.do("GET", path, "", nil).Body.String(); strings.Contains(b, "Signed in") || strings.Contains(b, "/signout") || strings.Contains(b, "/settings/account") {
			t.Errorf("%s without accounts shows sign-in", path)
		}
	}
	if r := e.do("GET", "/settings/account", "", nil); r.Code != http.StatusNotFound {
		t.Errorf("account page without accounts: %d", r.Code)
	}
}

// Issue 17: failed sign-ins are limited per account (5 in 15 minutes) and
// per address (20): then even the right password waits, with 429 and
// Retry-After, until the oldest failure is 15 minutes old (the server's
// clock, moved by hand).
func TestSignInRateLimit(t *testing.T) {
	e := newEnv(t, true)
	e.person("pat", "correct horse battery")
	e.person("sam", "another good password")
	try := func(name, password, addr string) *httptest.ResponseRecorder {
		return e.postFrom("/signin", url.Values{"name": {name}, "password": {password}}, addr, nil)
	}
	const home, away = "192.0.2.10:5000", "198.51.100.7:6000"
	for i := range 5 {
		if r := try("pat", "wrong wrong wrong", home); r.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, r.Code)
		}
		e.at = e.at.Add(time.Minute)
	}
	for _, c := range []struct {
		name, password, addr string
		want                 int
	}{
		{"pat", "correct horse battery", home, http.StatusTooManyRequests}, // the account waits
		{"PAT", "wrong wrong wrong", home, http.StatusTooManyRequests},     // in any case
		{"sam", "another good password", home, http.StatusSeeOther},        // others do not
		// (From an address with no failures, pat's password is still
		// checked: TestSignInLockoutIsSoftForOthers.)
	} {
		r := try(c.name, c.password, c.addr)
		if r.Code != c.want {
			t.Errorf("%s from %s: %d, want %d", c.name, c.addr, r.Code, c.want)
		}
		if c.want == http.StatusTooManyRequests && (r.Header().Get("Retry-After") != "600" || !strings.Contains(r.Body.String(), "wait 10 minutes")) {
			t.Errorf("%s: Retry-After %q, %s", c.name, r.Header().Get("Retry-After"), r.Body)
		}
	}
	e.at = e.at.Add(10 * time.Minute) // the first failure is now 15 minutes old
	if r := try("pat", "correct horse battery", home); r.Code != http.StatusSeeOther {
		t.Errorf("after the wait: %d %s", r.Code, r.Body)
	}
	// A success clears the account's count: five more are allowed.
	for i := range 5 {
		if r := try("pat", "wrong wrong wrong", away); r.Code != http.StatusUnauthorized {
			t.Errorf("after a success, failure %d: %d", i+1, r.Code)
		}
	}

	// One address guessing many names: 20 failures, then it waits, and
	// another address does not.
	e.at = e.at.Add(time.Hour)
	const guesser = "203.0.113.5:1"
	for i := range 20 {
		if r := try("user"+itoa(i), "whatever it is", guesser); r.Code != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i+1, r.Code)
		}
	}
	if r := try("sam", "another good password", guesser); r.Code != http.StatusTooManyRequests {
		t.Errorf("21st try from one address: %d", r.Code)
	}
	if r := try("sam", "another good password", "[2001:db8::1]:1"); r.Code != http.StatusSeeOther {
		t.Errorf("another address: %d", r.Code)
	}
}

// Issue 17: the account page sets and changes the password (typed twice,
// long enough), and makes the calendar address, which opens schedule.ics
// without cookies and nothing else.
func TestAccountPageAndCalendar(t *testing.T) {
	e := newEnv(t, true)
	pat := e.person("pat", "")
	link, _ := e.st.CreateSignInLink(context.Background(), pat.ID, now)
	cookie := sessionCookie(t, e.openLink(link, nil))
	if r := e.do("GET", "/settings/account", "", cookie); r.Code != 200 || !strings.Contains(r.Body.String(), "You have no password yet") {
		t.Fatalf("account page: %d %s", r.Code, r.Body)
	}
	same := map[string]string{"Cookie": cookie["Cookie"], "Sec-Fetch-Site": "same-origin"}
	for _, c := range []struct {
		password, again string
		want            int
		says            string
	}{
		{"correct horse battery", "correct horse batter", http.StatusBadRequest, "not the same"},
		{"short", "short", http.StatusBadRequest, "at least 10 characters"},
		{"correct horse battery", "correct horse battery", http.StatusSeeOther, ""},
	} {
		r := e.postFrom("/settings/password", url.Values{"password": {c.password}, "again": {c.again}}, "", same)
		if r.Code != c.want || !strings.Contains(r.Body.String(), c.says) {
			t.Errorf("%q/%q: %d %s", c.password, c.again, r.Code, r.Body)
		}
	}
	if r := e.do("GET", "/settings/account?done=password", "", cookie); !strings.Contains(r.Body.String(), "Your password is saved") || !strings.Contains(r.Body.String(), "You have a password") {
		t.Errorf("after saving: %s", r.Body)
	}
	if r := e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}}, "", nil); r.Code != http.StatusSeeOther {
		t.Errorf("signing in with the new password: %d", r.Code)
	}

	if err := e.st.SetSchedule(context.Background(), deskSchedule(t), now); err != nil {
		t.Fatal(err)
	}
	r := e.postFrom("/settings/calendar", nil, "", same)
	i := strings.Index(r.Body.String(), "http://127.0.0.1:8080/api/v1/schedule.ics?token=uhcal_")
	if r.Code != 200 || i < 0 {
		t.Fatalf("calendar address: %d %s", r.Code, r.Body)
	}
	cal := r.Body.String()[i:]
	cal = cal[:strings.IndexByte(cal, '"')]
	u, _ := url.Parse(cal)
	token := u.Query().Get("token")
	apiToken, _ := e.st.CreateToken(context.Background(), pat.ID, now)
	for _, c := range []struct {
		name, path string
		want       int
	}{
		{"calendar token", u.RequestURI(), http.StatusOK},
		{"calendar token and tz", u.RequestURI() + "&tz=Europe/Paris", http.StatusOK},
		{"no token", "/api/v1/schedule.ics", http.StatusUnauthorized},
		{"a wrong token", "/api/v1/schedule.ics?token=uhcal_nothing", http.StatusUnauthorized},
		{"a script token in the URL", "/api/v1/schedule.ics?token=" + apiToken, http.StatusUnauthorized},
		{"the calendar token elsewhere", "/api/v1/schedule?token=" + token, http.StatusUnauthorized},
		{"the calendar token on a page", "/history?token=" + token, http.StatusSeeOther},
	} {
		r := e.do("GET", c.path, "", nil)
		if r.Code != c.want {
			t.Errorf("%s: GET %s = %d, want %d: %s", c.name, c.path, r.Code, c.want, r.Body)
		}
		if c.want == 200 && !strings.Contains(r.Body.String(), "BEGIN:VCALENDAR") {
			t.Errorf("%s: not a calendar: %s", c.name, r.Body)
		}
	}
	// A new address ends the old one.
	e.postFrom("/settings/calendar", nil, "", same)
	if r := e.do("GET", u.RequestURI(), "", nil); r.Code != http.StatusUnauthorized {
		t.Errorf("the old calendar address: %d", r.Code)
	}
}

// Issue 17: with a session cookie, a state-changing form or API call that
// a browser says comes from another site is refused (403, with why); the
// same from this site, or a script without those headers, goes through.
func TestCrossSiteRefusedWithCookie(t *testing.T) {
	e := newEnvWith(t, func(c *web.Config) { c.PublicURL = "https://unhunch.example.org" })
	pat := e.person("pat", "correct horse battery")
	cookie := sessionCookie(t, e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}}, "", nil))
	token, _ := e.st.CreateToken(context.Background(), pat.ID, now)
	with := func(h map[string]string) map[string]string {
		out := map[string]string{"Cookie": cookie["Cookie"]}
		for k, v := range h {
			out[k] = v
		}
		return out
	}
	for _, c := range []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"cross-site", with(map[string]string{"Sec-Fetch-Site": "cross-site"}), http.StatusForbidden},
		{"same-site other origin", with(map[string]string{"Sec-Fetch-Site": "same-site"}), http.StatusForbidden},
		{"old browser, other origin", with(map[string]string{"Origin": "https://evil.example"}), http.StatusForbidden},
		{"same-origin", with(map[string]string{"Sec-Fetch-Site": "same-origin"}), http.StatusSeeOther},
		{"old browser, this origin", with(map[string]string{"Origin": "http://127.0.0.1:8080"}), http.StatusSeeOther},
		{"old browser, the public URL", with(map[string]string{"Origin": "https://unhunch.example.org"}), http.StatusSeeOther},
		{"no browser headers", with(nil), http.StatusSeeOther},
	} {
		r := e.postFrom("/settings/avoid", url.Values{"id": {"chin-tucks"}}, "", c.headers)
		if r.Code != c.want {
			t.Errorf("form, %s: %d, want %d: %s", c.name, r.Code, c.want, r.Body)
		}
		if c.want == http.StatusForbidden && !strings.Contains(r.Body.String(), "another website") {
			t.Errorf("form, %s: the refusal does not say why: %s", c.name, r.Body)
		}
	}
	body := `{"days":["mon"],"times":["12:30"],"minutes":5}`
	for _, c := range []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"API cross-site with the cookie", with(map[string]string{"Sec-Fetch-Site": "cross-site", "Content-Type": "application/json"}), http.StatusForbidden},
		{"API same-origin with the cookie", with(map[string]string{"Sec-Fetch-Site": "same-origin"}), http.StatusOK},
		{"API script with a token", map[string]string{"Authorization": "Bearer " + token}, http.StatusOK},
	} {
		r := e.do("PUT", "/api/v1/schedule", body, c.headers)
		if r.Code != c.want {
			t.Errorf("%s: %d, want %d: %s", c.name, r.Code, c.want, r.Body)
		}
	}
	// Signing in is a form too: another site cannot sign a browser in.
	if r := e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}}, "", map[string]string{"Sec-Fetch-Site": "cross-site"}); r.Code != http.StatusForbidden {
		t.Errorf("cross-site sign-in: %d", r.Code)
	}
}

// Issue 17: X-Forwarded-For and X-Forwarded-Proto count only from the
// trusted proxy: through it, each client has its own sign-in limit and the
// calendar address is https; from anyone else, the headers change nothing.
func TestTrustedProxyHeaders(t *testing.T) {
	e := newEnvWith(t, func(c *web.Config) { c.TrustProxy = []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32")} })
	e.person("pat", "correct horse battery")
	try := func(user, from, xff string) int {
		h := map[string]string{}
		if xff != "" {
			h["X-Forwarded-For"] = xff
		}
		return e.postFrom("/signin", url.Values{"name": {user}, "password": {"not the password"}}, from, h).Code
	}
	// Through the proxy: 20 failures of one client, then another client
	// is still heard.
	for i := range 20 {
		if c := try("u"+itoa(i), "10.0.0.1:4000", "203.0.113.9"); c != http.StatusUnauthorized {
			t.Fatalf("via proxy %d: %d", i, c)
		}
	}
	if c := try("x", "10.0.0.1:4000", "203.0.113.9"); c != http.StatusTooManyRequests {
		t.Errorf("the same client through the proxy: %d", c)
	}
	if c := try("x", "10.0.0.1:4000", "1.2.3.4, 203.0.113.10"); c != http.StatusUnauthorized {
		t.Errorf("another client through the proxy (a forged first hop ignored): %d", c)
	}
	// Not the proxy: a made-up X-Forwarded-For does not escape the limit.
	for i := range 20 {
		try("v"+itoa(i), "198.51.100.7:1", "192.0.2."+itoa(i))
	}
	if c := try("y", "198.51.100.7:1", "192.0.2.250"); c != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For from a stranger was believed: %d", c)
	}

	cookie := sessionCookie(t, e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}}, "10.0.0.1:4000",
		map[string]string{"X-Forwarded-For": "203.0.113.77"}))
	calendar := func(from, proto string) string {
		req := httptest.NewRequest("POST", "/settings/calendar", nil)
		req.RemoteAddr = from
		req.Header.Set("Cookie", cookie["Cookie"])
		req.Header.Set("X-Forwarded-Proto", proto)
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	if b := calendar("10.0.0.1:4000", "https"); !strings.Contains(b, "https://127.0.0.1:8080/api/v1/schedule.ics?token=") {
		t.Errorf("through the proxy over https: %s", b)
	}
	if b := calendar("198.51.100.7:1", "https"); !strings.Contains(b, "http://127.0.0.1:8080/api/v1/schedule.ics?token=") {
		t.Errorf("X-Forwarded-Proto from a stranger was believed")
	}
}

// deskSchedule is a schedule of five minutes at 12:30 on weekdays.
func deskSchedule(t *testing.T) schedule.Schedule {
	t.Helper()
	days, err := schedule.ParseDays("mon-fri")
	if err != nil {
		t.Fatal(err)
	}
	times, err := schedule.ParseClocks("12:30")
	if err != nil {
		t.Fatal(err)
	}
	return schedule.Schedule{Days: days, Times: times, Minutes: 5}
}

// Issue 17, found by TestBrowserPasswordSignIn: a request under way while
// the person signs out saved their session again (scs's idle timeout
// rewrites the session, and its cookie, at every request), and they were
// signed in again. A page view now leaves the session alone: no write, no
// cookie; only signing in and out change it.
func TestPageViewLeavesTheSessionAlone(t *testing.T) {
	e := newEnv(t, true)
	e.person("pat", "correct horse battery")
	cookie := sessionCookie(t, e.postFrom("/signin", url.Values{"name": {"pat"}, "password": {"correct horse battery"}}, "", nil))
	for _, path := range []string{"/history", "/api/v1/progress", "/api/v1/gate"} {
		r := e.do("GET", path, "", cookie)
		if r.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, r.Code)
		}
		if c := r.Header().Values("Set-Cookie"); len(c) != 0 {
			t.Errorf("%s rewrote the session: %q", path, c)
		}
	}
}
