package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/journal"
)

// signInBrowser signs u in on the browser with a one-time sign-in link.
func signInBrowser(t *testing.T, ctx context.Context, l *live, u *account.User) {
	t.Helper()
	link, err := l.st.CreateSignInLink(context.Background(), u.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	pressSignInLink(t, ctx, l.url("/signin/"+link))
}

// shoot saves a full-page screenshot of what ctx shows at w×h to
// testdata/out/NAME-WxH.png, to be looked at.
func shoot(t *testing.T, ctx context.Context, name string, w, h int64) {
	t.Helper()
	run(t, ctx, "viewport", chromedp.EmulateViewport(w, h))
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(tctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join("testdata", "out", name+"-"+itoa(int(w))+"x"+itoa(int(h))+".png")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err == nil {
		os.WriteFile(out, png, 0o644)
	}
	// Nothing spills past the window's width.
	if wide := eval[int](t, ctx, `document.documentElement.scrollWidth - innerWidth`); wide > 1 {
		t.Errorf("%s at %dx%d: the page is %d px wider than the window", name, w, h, wide)
	}
}

// Issue 17: a physiotherapist invites a patient from their laptop; the
// patient opens the invitation on a phone-sized browser, signs in, accepts,
// finds the prescribed routine on their home page as "From lee", plays it
// (time-scaled) with pain ratings; the physiotherapist's page shows the
// session done and the pain rating the same day.
func TestBrowserClinicInviteToFollowUp(t *testing.T) {
	l := startLiveAccounts(t)
	ctx := context.Background()
	lee, _, err := l.st.CreateUser(ctx, "lee", account.RoleClinician, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	pat, _, err := l.st.CreateUser(ctx, "pat", account.RolePerson, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	desk := browser(t, chromedp.Flag("window-size", "1280,800"))
	phone := browser(t, chromedp.Flag("window-size", "390,844"))

	// The clinician makes an invitation on the laptop.
	signInBrowser(t, desk, l, lee)
	run(t, desk, "the clinic", chromedp.EmulateViewport(1280, 800), chromedp.Navigate(l.url("/clinic")), chromedp.WaitVisible(chromedp.CSS(`#make-invite`)))
	clickNav(t, desk, `#make-invite`)
	run(t, desk, "the invitation", chromedp.WaitVisible(chromedp.CSS(`#invite-url`)))
	invite := eval[string](t, desk, `document.getElementById('invite-url').value`)
	if !strings.Contains(invite, "/care/invite/") || eval[int](t, desk, `document.querySelectorAll('#invite svg.qr path').length`) != 1 {
		t.Fatalf("the invitation: %q, with no QR code", invite)
	}
	shoot(t, desk, "clinic-invite", 1280, 800)
	shoot(t, desk, "clinic-invite", 390, 844)

	// The person opens it on the phone before signing in, signs in with
	// their link, and lands back on it.
	if err := chromedp.Do(phone, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(invite)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, phone, `location.pathname`); got != "/signin" {
		t.Fatalf("the invitation before signing in is at %s, want /signin", got)
	}
	link, _ := l.st.CreateSignInLink(ctx, pat.ID, time.Now())
	pressSignInLink(t, phone, l.url("/signin/"+link))
	if got := eval[string](t, phone, `location.pathname`); !strings.HasPrefix(got, "/care/invite/") {
		t.Fatalf("signed in, the phone is at %s, not back on the invitation: %s", got, eval[string](t, phone, `document.querySelector('main').textContent`))
	}
	run(t, phone, "the invitation", chromedp.WaitVisible(chromedp.CSS(`#accept`)))
	if got := eval[string](t, phone, `document.querySelector('main').textContent`); !strings.Contains(got, "lee") {
		t.Errorf("the invitation does not name the clinician: %q", got)
	}
	clickNav(t, phone, `#accept`)
	run(t, phone, "the clinicians' page", chromedp.WaitVisible(chromedp.CSS(`#done`)))
	if got := eval[string](t, phone, `document.getElementById('done').textContent`); !strings.Contains(got, "accepted") {
		t.Fatalf("after accepting: %q", got)
	}

	// The clinician prescribes two exercises on the form.
	run(t, desk, "the form", chromedp.Navigate(l.url("/clinic/patients/"+pat.ID+"/prescribe")), chromedp.WaitVisible(chromedp.CSS(`#rx-form`)))
	run(t, desk, "fill it", chromedp.Click(chromedp.CSS(`#ex-chin-tucks`)), chromedp.Click(chromedp.CSS(`#ex-cat-cow`)),
		chromedp.SetValue(chromedp.CSS(`#reps-chin-tucks`), "12"), chromedp.SetValue(chromedp.CSS(`#rx-note`), "Slowly, and stop if it hurts."))
	shoot(t, desk, "clinic-prescribe", 390, 844)
	run(t, desk, "viewport", chromedp.EmulateViewport(1280, 800))
	clickNav(t, desk, `#rx-save`)
	run(t, desk, "the patient's page", chromedp.WaitVisible(chromedp.CSS(`#done`)))
	if got := eval[string](t, desk, `document.getElementById('done').textContent`); !strings.Contains(got, "saved") {
		t.Fatalf("after prescribing: %q", got)
	}

	// The person answers the safety questions, finds "From lee" on the
	// home page and plays it with pain ratings.
	answerScreening(t, phone, l)
	run(t, phone, "home", chromedp.Navigate(l.url("/")), chromedp.WaitVisible(chromedp.CSS(`#prescribed`)))
	if got := eval[string](t, phone, `document.getElementById('prescribed').textContent`); !strings.Contains(got, "From lee") || !strings.Contains(got, "Slowly, and stop if it hurts.") {
		t.Errorf("the prescription on the home page: %q", got)
	}
	shoot(t, phone, "care-home", 390, 844)
	clickNav(t, phone, `#play-prescribed`)
	run(t, phone, "the player", chromedp.WaitVisible(chromedp.CSS(`#start`)))
	if got := eval[string](t, phone, `JSON.parse(document.getElementById('routine-data').textContent).exercises.map(e => e.id + ':' + (e.dose.reps || 0)).join(' ')`); got != "chin-tucks:12 cat-cow:10" {
		t.Errorf("the player plays %q, want the prescribed doses", got)
	}
	run(t, phone, "pain 4, start", chromedp.Click(chromedp.CSS(`#pain-before input[value="4"]`)), chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	poll(t, phone, "the end", `!document.getElementById('after').hidden`, 60*time.Second)
	run(t, phone, "pain after, rate, save", chromedp.Click(chromedp.CSS(`#pain-after input[value="2"]`)),
		chromedp.Click(chromedp.CSS(`#ratings input[value="right"]`)), chromedp.Click(chromedp.CSS(`#save`)))
	poll(t, phone, "saved", `document.getElementById('saved').textContent !== '' && unhunch.queue().length === 0`, 20*time.Second)
	list, err := l.st.Sessions(account.ForPerson(ctx, pat.ID), journal.Filter{}) // pat's journal
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].RoutineID != "prescribed" || list[0].Status != journal.Completed {
		t.Fatalf("the journal: %+v", list)
	}

	// The clinician sees it done, with the pain ratings, the same day.
	run(t, desk, "the patient", chromedp.Navigate(l.url("/clinic/patients/"+pat.ID)), chromedp.WaitVisible(chromedp.CSS(`#sessions table`)))
	row := eval[string](t, desk, `document.querySelector('#sessions tbody tr').textContent`)
	today := time.Now().Local().Format("Mon 2 Jan 2006")
	if !strings.Contains(row, "From lee") || !strings.Contains(row, "completed") || !strings.Contains(row, "4 → 2") || !strings.Contains(row, today) {
		t.Errorf("the clinician's page shows %q, want today's completed session with pain 4 → 2", row)
	}
	shoot(t, desk, "clinic-patient", 1280, 800)
	shoot(t, desk, "clinic-patient", 390, 844)
	run(t, desk, "the list", chromedp.Navigate(l.url("/clinic")), chromedp.WaitVisible(chromedp.CSS(`.patients`)))
	if got := eval[string](t, desk, `document.querySelector('.patients').textContent`); !strings.Contains(got, "pat") {
		t.Errorf("the list: %q", got)
	}
	shoot(t, desk, "clinic-list", 1280, 800)
	shoot(t, desk, "clinic-list", 390, 844)

	// The person sees who looked.
	run(t, phone, "care", chromedp.Navigate(l.url("/care")), chromedp.WaitVisible(chromedp.CSS(`#audit table`)))
	if n := eval[int](t, phone, `document.querySelectorAll('#audit tbody tr').length`); n < 4 {
		t.Errorf("the audit log shows %d openings", n)
	}
	shoot(t, phone, "care", 390, 844)
}
