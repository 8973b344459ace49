package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/unhunch/unhunch/account"
)

// Issue 17: on a phone-sized Chromium, a person who opens a page is sent to
// sign in, is told plainly when the password is wrong, signs in with the
// right one, sees their name with Sign out on a page that fits the screen,
// and signs out.
func TestBrowserPasswordSignIn(t *testing.T) {
	l := startLiveAccounts(t)
	ctx := context.Background()
	pat, _, err := l.st.CreateUser(ctx, "pat", account.RolePerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.SetPassword(ctx, pat.ID, "correct horse battery", time.Now()); err != nil {
		t.Fatal(err)
	}
	b := browser(t)
	if err := chromedp.Do(b, chromedp.EmulateViewport(390, 844), chromedp.Navigate(l.url("/history"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	run(t, b, "the sign-in page", chromedp.WaitVisible(chromedp.CSS(`#signin-name`)))
	if p := eval[string](t, b, `location.pathname`); p != "/signin" {
		t.Fatalf("not sent to sign in: %s", p)
	}
	fits := `document.documentElement.scrollWidth <= window.innerWidth`
	if !eval[bool](t, b, fits) {
		t.Errorf("the sign-in page is wider than the phone")
	}
	run(t, b, "a wrong password", chromedp.SendKeys(chromedp.CSS(`#signin-name`), "pat"),
		chromedp.SendKeys(chromedp.CSS(`#signin-password`), "correct horse"))
	clickNav(t, b, `#password-signin button[type=submit]`)
	run(t, b, "the refusal", chromedp.WaitVisible(chromedp.CSS(`#signin-error`)))
	if msg := eval[string](t, b, `document.querySelector('#signin-error').textContent`); msg == "" {
		t.Errorf("no message")
	}
	if v := eval[string](t, b, `document.querySelector('#signin-name').value + '|' + document.querySelector('#signin-password').value`); v != "pat|" {
		t.Errorf("after a refusal the form holds %q; want the name kept and the password not", v)
	}
	run(t, b, "the right password", chromedp.SendKeys(chromedp.CSS(`#signin-password`), "correct horse battery"))
	clickNav(t, b, `#password-signin button[type=submit]`)
	run(t, b, "signed in", chromedp.WaitVisible(chromedp.CSS(`#signed-in`)))
	if who := eval[string](t, b, `document.querySelector('#signed-in').textContent`); who != "Signed in as pat" {
		t.Errorf("the layout says %q", who)
	}
	if p := eval[string](t, b, `location.pathname`); p != "/" {
		t.Errorf("after signing in: %s", p)
	}
	if !eval[bool](t, b, fits) {
		t.Errorf("the signed-in page is wider than the phone")
	}
	// The Sign out button can be tapped: big enough, not covered.
	if !eval[bool](t, b, `(() => { const r = document.querySelector('.who button').getBoundingClientRect();
		return r.width >= 44 && r.height >= 44 && document.elementFromPoint(r.x + r.width/2, r.y + r.height/2)?.closest('.who button') !== null })()`) {
		t.Errorf("the Sign out button is too small or covered")
	}
	// The service worker keeps the person's pages for offline use…
	poll(t, b, "the service worker", `document.documentElement.dataset.sw === 'ready'`, 20*time.Second)
	run(t, b, "history signed in", chromedp.Navigate(l.url("/history")), chromedp.WaitVisible(chromedp.CSS(`#signed-in`)))
	kept := `(caches.match('/history').then(r => { window.__kept = !!r }), window.__kept)`
	poll(t, b, "history kept", kept+` === true`, 20*time.Second)
	clickNav(t, b, `.who button`)
	run(t, b, "signed out", chromedp.WaitVisible(chromedp.CSS(`#signin-name`)))
	// …and signing out drops them, so the next person on this phone
	// cannot open them offline.
	poll(t, b, "history no longer kept", kept+` === false`, 20*time.Second)
	run(t, b, "history again", chromedp.Navigate(l.url("/history")), chromedp.WaitVisible(chromedp.CSS(`#signin-name`)))
}

// Issue 17's pages pass issue 14's bars: the sign-in page (and its
// refusal), the account page with a calendar address, and a page with the
// signed-in bar, at a phone upright and on its side and a laptop, light and
// dark: nothing axe-core finds, nothing overflowing, every target 44 px.
func TestSigninPagesAccessible(t *testing.T) {
	needAxe(t)
	l := startLiveAccounts(t)
	ctx := context.Background()
	pat, _, err := l.st.CreateUser(ctx, "pat", account.RolePerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.SetPassword(ctx, pat.ID, "correct horse battery", time.Now()); err != nil {
		t.Fatal(err)
	}
	b := browser(t)
	if err := chromedp.Do(b, chromedp.Navigate(l.url("/signin"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	check := func(what string) {
		for _, vp := range viewports {
			for _, scheme := range schemes {
				run(t, b, what+" "+vp.name, chromedp.EmulateViewport(vp.w, vp.h), colorScheme(scheme))
				pageChecks(t, b, what+" at "+vp.name+" "+scheme, vp.name == "390x844" || scheme == "light")
			}
		}
	}
	run(t, b, "sign-in page", chromedp.WaitVisible(chromedp.CSS(`#signin-name`)))
	check("/signin")
	run(t, b, "a refusal", chromedp.SendKeys(chromedp.CSS(`#signin-name`), "pat"), chromedp.SendKeys(chromedp.CSS(`#signin-password`), "not it at all"))
	clickNav(t, b, `#password-signin button[type=submit]`)
	run(t, b, "the refusal", chromedp.WaitVisible(chromedp.CSS(`#signin-error`)))
	check("/signin refused")
	run(t, b, "sign in", chromedp.SendKeys(chromedp.CSS(`#signin-password`), "correct horse battery"))
	clickNav(t, b, `#password-signin button[type=submit]`)
	run(t, b, "settings", chromedp.Navigate(l.url("/settings")), chromedp.WaitVisible(chromedp.CSS(`#account-link`)))
	check("/settings signed in")
	clickNav(t, b, `#account-link`)
	run(t, b, "the account page", chromedp.WaitVisible(chromedp.CSS(`#new-password`)))
	clickNav(t, b, `#calendar button[type=submit]`)
	run(t, b, "the calendar address", chromedp.WaitVisible(chromedp.CSS(`#calendar-url`)))
	check("/settings/account with a calendar address")
}

// Issue 17: on a shared browser the outbox sends only what the signed-in
// person queued (another's waits for them), and a request refused because
// nobody is signed in (401) is kept, never dropped as refused for good.
func TestBrowserOutboxIsPerPerson(t *testing.T) {
	l := startLiveAccounts(t)
	ctx := context.Background()
	pat, _, err := l.st.CreateUser(ctx, "pat", account.RolePerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.st.SetPassword(ctx, pat.ID, "correct horse battery", time.Now()); err != nil {
		t.Fatal(err)
	}
	b := browser(t)
	if err := chromedp.Do(b, chromedp.Navigate(l.url("/signin"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	run(t, b, "sign in", chromedp.WaitVisible(chromedp.CSS(`#signin-name`)), chromedp.SendKeys(chromedp.CSS(`#signin-name`), "pat"),
		chromedp.SendKeys(chromedp.CSS(`#signin-password`), "correct horse battery"))
	clickNav(t, b, `#password-signin button[type=submit]`)
	run(t, b, "signed in", chromedp.WaitVisible(chromedp.CSS(`#signed-in`)))
	if u := eval[string](t, b, `unhunch.user()`); u != pat.ID {
		t.Fatalf("the page's user: %q, want %q", u, pat.ID)
	}
	// One item of someone else's, one of pat's (for a session that does not
	// exist: refused for good, 404).
	eval[chromedp.Void](t, b, `localStorage.setItem('unhunch.queue', JSON.stringify([
	  {url: '/api/v1/sessions/01SOMEONEELSE0000000000000/alive', key: 'theirs', session: 'S1', body: {}, user: 'someone-else'},
	  {url: '/api/v1/sessions/01NOSUCHSESSION00000000000/alive', key: 'mine', session: 'S2', body: {}, user: '`+pat.ID+`'}]));
	  localStorage.removeItem('unhunch.rejected'); unhunch.sync()`)
	poll(t, b, "pat's item sent", `unhunch.queue().length === 1`, 20*time.Second)
	if left := eval[string](t, b, `unhunch.queue()[0].key + ' ' + JSON.parse(localStorage.getItem('unhunch.rejected')).map(r => r.item.key + ':' + r.status).join(',')`); left != "theirs mine:404" {
		t.Errorf("after sending pat's: %q, want someone else's kept and pat's refused", left)
	}
	clickNav(t, b, `.who button`)
	run(t, b, "signed out", chromedp.WaitVisible(chromedp.CSS(`#signin-name`)))
	// Signed out, an item queued before accounts goes and is refused 401:
	// it stays.
	eval[chromedp.Void](t, b, `localStorage.setItem('unhunch.queue', JSON.stringify([
	  {url: '/api/v1/sessions/01OLDSESSION00000000000000/alive', key: 'old', session: 'S3', body: {}}]));
	  localStorage.removeItem('unhunch.rejected'); window.__synced = false; unhunch.sync().then(() => { window.__synced = true })`)
	poll(t, b, "the try", `window.__synced === true`, 20*time.Second)
	if left := eval[string](t, b, `unhunch.queue().map(x => x.key).join(',') + '|' + (localStorage.getItem('unhunch.rejected') || '')`); left != "old|" {
		t.Errorf("after a 401: %q, want it kept and nothing refused", left)
	}
}
