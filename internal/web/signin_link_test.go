package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// openLink opens a sign-in link as a browser does since issue 17's
// follow-up: GET shows "Sign in as NAME" with a button, and pressing it
// POSTs to the same address, which spends the link and signs in. headers
// (a session cookie, say) go with both requests. It returns the POST's
// answer; the page must offer the button.
func (e *env) openLink(link string, headers map[string]string) *httptest.ResponseRecorder {
	e.t.Helper()
	page := e.do("GET", "/signin/"+link, "", headers)
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `action="/signin/`+link+`"`) {
		e.t.Fatalf("the sign-in link's page: %d %s", page.Code, page.Body)
	}
	h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	for k, v := range headers {
		h[k] = v
	}
	return e.do("POST", "/signin/"+link, "", h)
}

// Issue 17's follow-up (review: medium): a sign-in link signed in on a
// plain GET, so a link-preview robot that fetched it spent it (and held
// the session), and someone could send their own link to sign another
// browser into their account. GET now shows whose link it is with a
// button that POSTs; only the POST spends it. A preview leaves it usable.
func TestSignInLinkAsksBeforeSpending(t *testing.T) {
	e := newEnv(t, true)
	pat := e.person("pat", "")
	link, err := e.st.CreateSignInLink(context.Background(), pat.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"a link-preview robot", "the person"} {
		r := e.do("GET", "/signin/"+link, "", map[string]string{"User-Agent": who})
		if r.Code != http.StatusOK {
			t.Fatalf("%s opens the link: %d %s", who, r.Code, r.Body)
		}
		body := r.Body.String()
		for _, part := range []string{"Sign in as pat", `method="post"`, `action="/signin/` + link + `"`, `<button`} {
			if !strings.Contains(body, part) {
				t.Errorf("%s: the page does not say %q: %s", who, part, body)
			}
		}
		if got := r.Header().Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q, want no-referrer (the link is a key)", who, got)
		}
		if got := r.Header().Get("Cache-Control"); !strings.Contains(got, "no-store") {
			t.Errorf("%s: Cache-Control %q, want no-store", who, got)
		}
		for _, c := range r.Result().Cookies() {
			if c.Name == "unhunch_session" {
				if me := e.do("GET", "/api/v1/me", "", map[string]string{"Cookie": c.Name + "=" + c.Value}); me.Code == http.StatusOK {
					t.Errorf("%s: a GET signed in: %s", who, me.Body)
				}
			}
		}
	}
	// Another website cannot press the button for you.
	cross := e.do("POST", "/signin/"+link, "", map[string]string{"Sec-Fetch-Site": "cross-site", "Content-Type": "application/x-www-form-urlencoded"})
	if cross.Code != http.StatusForbidden {
		t.Errorf("a POST from another site: %d, want 403", cross.Code)
	}
	r := e.openLink(link, map[string]string{"Sec-Fetch-Site": "same-origin"})
	if r.Code != http.StatusSeeOther || r.Header().Get("Location") != "/welcome" {
		t.Fatalf("pressing the button: %d %v %s", r.Code, r.Header(), r.Body)
	}
	if me := e.do("GET", "/api/v1/me", "", sessionCookie(t, r)); me.Code != http.StatusOK || !strings.Contains(me.Body.String(), `"pat"`) {
		t.Errorf("signed in after the button: %d %s", me.Code, me.Body)
	}
	// Spent, the link says so calmly, and what to do.
	for _, method := range []string{"GET", "POST"} {
		r := e.do(method, "/signin/"+link, "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		if r.Code != http.StatusUnauthorized || !strings.Contains(r.Body.String(), "unhunch users link") || strings.Contains(r.Body.String(), "<button") {
			t.Errorf("%s a spent link: %d %s", method, r.Code, r.Body)
		}
	}
	if r := e.do("GET", "/signin/made-up", "", nil); r.Code != http.StatusUnauthorized || !strings.Contains(r.Body.String(), "unhunch users link") {
		t.Errorf("a made-up link: %d %s", r.Code, r.Body)
	}
}

// openLink opens a sign-in link on this browser in two steps, as
// env.openLink does, and returns the POST's answer.
func (b *browserTab) openLink(link string) *httptest.ResponseRecorder {
	b.e.t.Helper()
	page := b.do("GET", "/signin/"+link, nil)
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `action="/signin/`+link+`"`) {
		b.e.t.Fatalf("the sign-in link's page: %d %s", page.Code, page.Body)
	}
	return b.do("POST", "/signin/"+link, nil)
}
