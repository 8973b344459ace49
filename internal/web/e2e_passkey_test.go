package web_test

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpwebauthn "github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
)

// startLiveAccounts serves a new journal with accounts on a free loopback
// port, as `unhunch serve` does once accounts exist.
func startLiveAccounts(t *testing.T) *live {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: st, Accounts: st, Catalog: c, TimeScale: e2eScale, Base: builtinBase})
	if err != nil {
		t.Fatal(err)
	}
	l := &live{t: t, st: st, srv: srv}
	l.listen("127.0.0.1:0")
	t.Cleanup(func() { l.stop(); srv.Close(); st.Close() })
	return l
}

// named is the server's URL by the name localhost, which passkeys need
// (browsers take no IP address as a passkey's site).
func (l *live) named(path string) string {
	_, port, _ := net.SplitHostPort(l.addr)
	return "http://localhost:" + port + path
}

// devtools runs a DevTools command on the page and returns its result.
func devtools[P, R any](t *testing.T, ctx context.Context, c cdp.Command[P, R], p P) R {
	t.Helper()
	var out R
	run(t, ctx, c.Method, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		var err error
		out, err = cdp.Call(ctx, tg, c, p)
		return err
	}))
	return out
}

// withAxe reports whether axe-core is installed, and says loudly when it
// is not (the accessibility checks then skip axe, not the test).
func withAxe(t *testing.T) bool {
	t.Helper()
	if _, err := axeScript(); err != nil {
		t.Logf("!!! axe-core not installed: the passkey pages are not checked with it (npm ci --prefix internal/web/testdata/axe)")
		return false
	}
	return true
}

// await evaluates JavaScript that gives a promise, and returns what the
// promise resolves to.
func await[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// settle waits up to 20 seconds for a JavaScript condition across a
// navigation the page starts itself (an evaluation cut short by it is
// tried again).
func settle(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
	}
	t.Fatalf("%s: not within 20 seconds", what)
}

// whoAmI is the name the API answers as in this browser, or "" when it
// answers 401.
func whoAmI(t *testing.T, ctx context.Context) string {
	t.Helper()
	return await[string](t, ctx, `fetch('/api/v1/passkeys', {cache: 'no-store'}).then(r => r.ok ? r.json().then(d => d.user.name) : '')`)
}

// signOut ends the session in this browser, as the sign-out form does.
func signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	await[bool](t, ctx, `fetch('/signout', {method: 'POST'}).then(r => r.ok)`)
	if who := whoAmI(t, ctx); who != "" {
		t.Fatalf("still signed in as %s after signing out", who)
	}
}

// passkeyButton signs in with the passkey button on /signin, reached and
// pressed from the keyboard, and returns the status line it leaves when it
// stays on the page ("" once it has gone home).
func passkeyButton(t *testing.T, ctx context.Context, l *live) string {
	t.Helper()
	run(t, ctx, "the sign-in page", chromedp.Navigate(l.named("/signin")), chromedp.WaitVisible(chromedp.CSS(`#passkey-signin`)))
	tabTo(t, ctx, "#passkey-signin")
	run(t, ctx, "Enter", chromedp.KeyEvent(kb.Enter))
	settle(t, ctx, "signed in, or told why not", `document.readyState === 'complete' && (location.pathname === '/' || document.getElementById('passkey-status').classList.contains('warn'))`)
	if eval[string](t, ctx, `location.pathname`) == "/" {
		return ""
	}
	return eval[string](t, ctx, `document.getElementById('passkey-status').textContent`)
}

// Issue 17: passkey sign-up and sign-in in Chromium, with a virtual
// authenticator (DevTools' WebAuthn domain: CTAP2, internal, resident keys,
// user verification), on a phone-sized window, every button pressed from
// the keyboard. A sign-in link lands on the offer of a passkey; the passkey
// is added, listed in settings, and signs in after signing out, as that
// person; the same passkey said to be another person's signs in no one;
// removed in settings, it no longer signs in.
func TestBrowserPasskey(t *testing.T) {
	l := startLiveAccounts(t)
	ctx := browser(t, chromedp.Flag("window-size", "390,844"))
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	devtools(t, ctx, cdpwebauthn.Enable, cdpwebauthn.EnableParams{})
	auth := devtools(t, ctx, cdpwebauthn.AddVirtualAuthenticator, cdpwebauthn.AddVirtualAuthenticatorParams{Options: &cdpwebauthn.VirtualAuthenticatorOptions{
		Protocol: cdpwebauthn.AuthenticatorProtocolCtap2, Transport: cdpwebauthn.AuthenticatorTransportInternal,
		HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true,
	}}).AuthenticatorID

	bg := context.Background()
	pat, _, err := l.st.CreateUser(bg, "pat", account.RolePerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	sam, _, err := l.st.CreateUser(bg, "sam", account.RolePerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	link, err := l.st.CreateSignInLink(bg, pat.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}

	// The link lands on the offer of a passkey.
	pressSignInLink(t, ctx, l.named("/signin/"+link))
	run(t, ctx, "the welcome page", chromedp.WaitVisible(chromedp.CSS(`#passkey-add`)))
	if got := eval[string](t, ctx, `location.pathname + ' ' + document.getElementById('welcome-who').textContent`); got != "/welcome You are signed in as pat." {
		t.Errorf("after the link: %q", got)
	}
	pageChecks(t, ctx, "the welcome page", withAxe(t))
	tabTo(t, ctx, "#passkey-add")
	run(t, ctx, "Enter", chromedp.KeyEvent(kb.Enter))
	poll(t, ctx, "the passkey added", `document.getElementById('passkey-status').textContent.startsWith('Passkey added') && !document.getElementById('welcome-home').hidden`, 20*time.Second)
	keys, err := l.st.Passkeys(bg, pat.ID)
	if err != nil || len(keys) != 1 {
		t.Fatalf("pat's passkeys in the journal: %v, %v", keys, err)
	}
	handle, _ := l.st.PasskeyHandle(bg, pat.ID)
	creds := devtools(t, ctx, cdpwebauthn.GetCredentials, cdpwebauthn.GetCredentialsParams{AuthenticatorID: auth}).Credentials
	if len(creds) != 1 || !creds[0].IsResidentCredential || !bytes.Equal(creds[0].UserHandle, handle) || !bytes.Equal(creds[0].CredentialID, keys[0].ID) || creds[0].RpID != "localhost" {
		t.Fatalf("the authenticator holds %+v", creds)
	}

	// Settings lists it.
	run(t, ctx, "settings", chromedp.Navigate(l.named("/settings")), chromedp.WaitVisible(chromedp.CSS(`#passkeys li`)))
	if got := eval[string](t, ctx, `document.getElementById('passkey-items').textContent`); !strings.Contains(got, "Passkey on Linux") || !strings.Contains(got, "last used never") {
		t.Errorf("settings lists %q", got)
	}
	pageChecks(t, ctx, "settings with a passkey", withAxe(t))

	// Signed out, the passkey signs pat in.
	signOut(t, ctx)
	run(t, ctx, "the sign-in page", chromedp.Navigate(l.named("/signin")), chromedp.WaitVisible(chromedp.CSS(`#passkey-signin`)))
	pageChecks(t, ctx, "the sign-in page", withAxe(t))
	if msg := passkeyButton(t, ctx, l); msg != "" {
		t.Fatalf("signing in with the passkey: %s", msg)
	}
	if who := whoAmI(t, ctx); who != "pat" {
		t.Fatalf("after the passkey the API answers as %q, want pat", who)
	}
	if keys, _ := l.st.Passkeys(bg, pat.ID); len(keys) != 1 || keys[0].LastUsed.IsZero() || keys[0].SignCount == 0 {
		t.Errorf("after signing in: %+v", keys[0])
	}

	// The same passkey, its user handle made sam's: it opens no account.
	signOut(t, ctx)
	samHandle, err := l.st.PasskeyHandle(bg, sam.ID)
	if err != nil {
		t.Fatal(err)
	}
	count := creds[0].SignCount
	swap := func(h []byte) {
		count += 100
		devtools(t, ctx, cdpwebauthn.ClearCredentials, cdpwebauthn.ClearCredentialsParams{AuthenticatorID: auth})
		// Sent as a map: cdproto's Credential always names the CMTG fields,
		// which this Chromium refuses for an authenticator without them.
		c := map[string]any{"credentialId": creds[0].CredentialID, "isResidentCredential": true, "rpId": "localhost",
			"privateKey": creds[0].PrivateKey, "userHandle": h, "signCount": count}
		run(t, ctx, "add the credential", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			return tg.Call(ctx, cdpwebauthn.CommandAddCredential, map[string]any{"authenticatorId": auth, "credential": c}, nil)
		}))
	}
	swap(samHandle)
	if msg := passkeyButton(t, ctx, l); !strings.Contains(msg, "does not open an account") {
		t.Errorf("pat's passkey as sam's: %q", msg)
	}
	if who := whoAmI(t, ctx); who != "" {
		t.Fatalf("pat's passkey as sam's signed in %s", who)
	}
	swap(handle)
	if msg := passkeyButton(t, ctx, l); msg != "" {
		t.Fatalf("pat's passkey as pat's again: %s", msg)
	}

	// Removed in settings, it no longer signs in.
	run(t, ctx, "settings", chromedp.Navigate(l.named("/settings")), chromedp.WaitVisible(chromedp.CSS(`#passkeys li button`)))
	eval[bool](t, ctx, `(document.querySelector('#passkeys li button').focus(), true)`)
	run(t, ctx, "remove", chromedp.KeyEvent(kb.Enter))
	poll(t, ctx, "removed", `document.getElementById('passkey-status').textContent.startsWith('Passkey removed') && document.querySelectorAll('#passkeys li').length === 0 && !document.querySelector('[data-passkey-none]').hidden`, 20*time.Second)
	signOut(t, ctx)
	if msg := passkeyButton(t, ctx, l); !strings.Contains(msg, "does not open an account") {
		t.Errorf("a removed passkey: %q", msg)
	}
	if who := whoAmI(t, ctx); who != "" {
		t.Errorf("a removed passkey signed in %s", who)
	}
}

// Issue 17: at http://127.0.0.1:PORT the passkey buttons are not offered
// (browsers take no address as a passkey's site); the page says so and
// links the same page at localhost.
func TestBrowserPasskeyNeedsName(t *testing.T) {
	l := startLiveAccounts(t)
	ctx := browser(t)
	if _, _, err := l.st.CreateUser(context.Background(), "pat", account.RolePerson, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/signin"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	run(t, ctx, "the note", chromedp.WaitVisible(chromedp.CSS(`[data-passkey-needs-name]`)))
	if hidden := eval[bool](t, ctx, `document.getElementById('passkey-signin').hidden`); !hidden {
		t.Error("the passkey button is offered at 127.0.0.1")
	}
	if href := eval[string](t, ctx, `document.querySelector('[data-passkey-named]').href`); href != l.named("/signin") {
		t.Errorf("the note links %q, want %q", href, l.named("/signin"))
	}
}
