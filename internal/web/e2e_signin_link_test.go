package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/unhunch/unhunch/account"
)

// pressSignInLink opens a sign-in link's page at url in the browser and
// presses its button with the keyboard (Tab to it, Enter), waiting for the
// page it leads to.
func pressSignInLink(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil { // maybe the first call: no time limit
		t.Fatal(err)
	}
	run(t, ctx, "the sign-in link's page", chromedp.WaitVisible(chromedp.CSS(`#signin-link-go`)))
	tabTo(t, ctx, `#signin-link-go`)
	tctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(tctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatalf("press Sign in: %v", err)
	}
}

// Issue 17's follow-up: a link-preview robot fetches a sign-in link
// before its person opens it; the link still works. The page it opens
// says whose link it is, fits a phone and a laptop in both colour schemes,
// and its button works from the keyboard; opened again, the spent link
// says calmly what to do.
func TestBrowserSignInLinkPage(t *testing.T) {
	l := startLiveAccounts(t)
	ctx := context.Background()
	pat, _, err := l.st.CreateUser(ctx, "pat", account.RolePerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	link, err := l.st.CreateSignInLink(ctx, pat.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	preview, err := http.NewRequest("GET", l.url("/signin/"+link), nil)
	if err != nil {
		t.Fatal(err)
	}
	preview.Header.Set("User-Agent", "Mozilla/5.0 (compatible; a chat app's link preview)")
	res, err := http.DefaultClient.Do(preview)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the preview: %d", res.StatusCode)
	}
	b := browser(t)
	if err := chromedp.Do(b, chromedp.Navigate(l.url("/signin/"+link))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	run(t, b, "the page", chromedp.WaitVisible(chromedp.CSS(`#signin-link-go`)))
	if got := eval[string](t, b, `document.getElementById('signin-link-h').textContent`); got != "Sign in as pat" {
		t.Errorf("the page says %q", got)
	}
	ax := withAxe(t)
	look := func(what string) {
		for _, vp := range []struct{ w, h int64 }{{390, 844}, {1280, 800}} {
			for _, scheme := range schemes {
				run(t, b, what+" "+scheme, colorScheme(scheme))
				shoot(t, b, what+"-"+scheme, vp.w, vp.h)
				pageChecks(t, b, what+" "+scheme, ax)
			}
		}
	}
	look("signin-link")
	pressSignInLink(t, b, l.url("/signin/"+link))
	if got := eval[string](t, b, `location.pathname`); got != "/welcome" {
		t.Fatalf("after the button: %s", got)
	}
	// The account page's "Sign out on every device", by keyboard.
	run(t, b, "the account page", chromedp.Navigate(l.url("/settings/account")), chromedp.WaitVisible(chromedp.CSS(`#signout-all-go`)))
	look("account-signout-all")
	tabTo(t, b, `#signout-all-go`)
	tctx, cancel := context.WithTimeout(b, 40*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(tctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatalf("press Sign out on every device: %v", err)
	}
	run(t, b, "signed out everywhere", chromedp.WaitVisible(chromedp.CSS(`#signin-notice`)))
	if got := eval[string](t, b, `location.pathname + ' ' + document.getElementById('signin-notice').textContent`); !strings.HasPrefix(got, "/signin You are signed out on every device") {
		t.Errorf("after signing out everywhere: %q", got)
	}
	run(t, b, "the link again", chromedp.Navigate(l.url("/signin/"+link)), chromedp.WaitVisible(chromedp.CSS(`#signin-link-error`)))
	look("signin-link-spent")
}
