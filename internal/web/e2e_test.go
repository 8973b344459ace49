package web_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// chromium is Debian's Chromium, which .ci/run installs.
const chromium = "/usr/bin/chromium"

// e2eScale plays routines this many times faster in the browser tests.
const e2eScale = 100

// live is unhunch serving over real HTTP on loopback, which can be stopped
// and started again on the same address (the offline test).
type live struct {
	t    *testing.T
	st   *store.Store
	srv  *web.Server
	hs   *http.Server
	addr string
}

// startLive serves a new journal on a free loopback port.
func startLive(t *testing.T) *live {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return startLiveFull(t, c, e2eScale, builtinBase)
}

// builtinBase is the Base of a server whose catalog is the built-ins alone:
// the person's saved exercises are added to it.
func builtinBase() *catalog.Builder {
	b := catalog.NewBuilder()
	catalog.AddBuiltin(b)
	return b
}

// startLiveCatalog serves a new journal with the given catalog.
func startLiveCatalog(t *testing.T, c *catalog.Catalog) *live {
	t.Helper()
	return startLiveWith(t, c, e2eScale)
}

// startLiveWith serves a new journal with the given catalog, playing at
// scale (1: real time, for tests that must act before a routine ends).
func startLiveWith(t *testing.T, c *catalog.Catalog, scale float64) *live {
	t.Helper()
	return startLiveFull(t, c, scale, nil)
}

// startLiveFull is startLiveWith with the server's Base (nil: none, and no
// exercises of one's own).
func startLiveFull(t *testing.T, c *catalog.Catalog, scale float64, base func() *catalog.Builder) *live {
	t.Helper()
	st, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: st, Catalog: c, TimeScale: scale, Base: base})
	if err != nil {
		t.Fatal(err)
	}
	l := &live{t: t, st: st, srv: srv}
	l.listen("127.0.0.1:0")
	t.Cleanup(func() { l.stop(); srv.Close(); st.Close() })
	return l
}

// listen serves on addr until stop.
func (l *live) listen(addr string) {
	l.t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		l.t.Fatal(err)
	}
	l.addr = ln.Addr().String()
	l.hs = &http.Server{Handler: l.srv.Handler()} // its cross-origin protection included
	go l.hs.Serve(ln)
}

// stop shuts the HTTP server down; the journal stays open.
func (l *live) stop() {
	if l.hs != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		l.hs.Shutdown(ctx)
		l.hs = nil
	}
}

func (l *live) url(path string) string { return "http://" + l.addr + path }

// browser starts headless Chromium for one test. Without Chromium the test
// is skipped loudly, unless UNHUNCH_REQUIRE_CHROMIUM=1 (as in CI) makes that
// a failure. extra adds allocator options (flags) for one test.
func browser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped under -short")
	}
	if _, err := exec.LookPath(chromium); err != nil {
		msg := "!!! BROWSER TESTS SKIPPED: no Chromium at " + chromium + " (apt-get install chromium)"
		if os.Getenv("UNHUNCH_REQUIRE_CHROMIUM") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir()), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("window-size", "412,915"),
	}
	opts = append(opts, extra...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() {
		if t.Failed() {
			screenshot(t, ctx)
		}
		cancelB()
		cancelA()
	})
	return ctx
}

// screenshot saves what the browser shows to testdata/out/<test>.png.
func screenshot(t *testing.T, ctx context.Context) {
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	name := filepath.Join("testdata", "out", strings.ReplaceAll(t.Name(), "/", "_")+".png")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err == nil && os.WriteFile(name, png, 0o644) == nil {
		t.Logf("screenshot: internal/web/%s", name)
	}
}

// run does steps with a time limit (never on the browser's first call).
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// clickNav clicks something that loads another page, and waits for it.
func clickNav(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(tctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// eval evaluates JavaScript in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// poll waits for a JavaScript condition.
func poll(t *testing.T, ctx context.Context, what, js string, limit time.Duration) {
	t.Helper()
	run(t, ctx, what, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(limit), chromedp.WithPollingInterval(50*time.Millisecond)))
}

// pauseWhen makes the player pause itself the moment cond (a JavaScript
// expression) first holds while it plays, as a person pauses to look: in
// the same turn of the page's event loop as the change that made it true
// (a MutationObserver on the player), so that a routine played e2eScale
// times faster waits for the test however slow the machine is. Call it
// before Start; waitPaused then waits for the pause.
func pauseWhen(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, `(() => {
		const met = () => window.unhunchPlayer && unhunchPlayer.state() === 'playing' && (`+cond+`);
		const o = new MutationObserver(() => { if (met()) { o.disconnect(); unhunchPlayer.act('toggle'); } });
		o.observe(document.getElementById('player'), { subtree: true, childList: true, characterData: true, attributes: true });
	})()`)
}

// waitPaused waits until the player has paused with cond still true (see
// pauseWhen).
func waitPaused(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	poll(t, ctx, what, `unhunchPlayer.state() === 'paused' && (`+cond+`)`, 30*time.Second)
}

// sessions reads the journal.
func (l *live) sessions(t *testing.T) []*journal.Session {
	t.Helper()
	list, err := l.st.Sessions(context.Background(), journal.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// answerScreening answers every question no, one page at a time, without JavaScript's help.
func answerScreening(t *testing.T, ctx context.Context, l *live) {
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/screen"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	total := len(safety.Questions) - 1 // the follow-up about pregnancy is not asked after a no
	for i := 1; i <= total; i++ {
		if got := eval[string](t, ctx, `document.getElementById('q-count').textContent`); got != "Question "+itoa(i)+" of "+itoa(total) {
			t.Fatalf("asked %q, want question %d of %d", got, i, total)
		}
		clickNav(t, ctx, `button[value="n"]`)
	}
	clickNav(t, ctx, `form[method="post"][action="/screen"] button`)
	if got, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#screen-advice"))); !strings.Contains(got, "Nothing you said rules out") {
		t.Fatalf("screening result: %q", got)
	}
}

// Screen, plan a 5-minute desk routine, play it fast with voice on, stop
// one exercise for discomfort, finish, rate, and find it in history and
// progress: in a real browser. Played at e2eScale, it is a demo: kept and
// shown as one, never counted as practice (issue 11).
func TestBrowserSession(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	answerScreening(t, ctx, l)

	run(t, ctx, "plan", chromedp.Navigate(l.url("/plan")), chromedp.WaitVisible(chromedp.CSS(`#minutes`)),
		chromedp.Click(chromedp.CSS(`input[name="floor"][value="false"]`)),
	)
	clickNav(t, ctx, `form button[type="submit"]`)
	clickNav(t, ctx, `#play-plan`)
	run(t, ctx, "the player", chromedp.WaitVisible(chromedp.CSS(`#start`)))
	if n := eval[int](t, ctx, `JSON.parse(document.getElementById('routine-data').textContent).exercises.filter(e => e.position === 'seated' || e.position.startsWith('standing')).length`); n < 2 {
		t.Fatalf("the desk plan has %d exercises off the floor", n)
	}
	second := `document.getElementById('ex-count').textContent.startsWith('Exercise 2 of')`
	pauseWhen(t, ctx, second)
	run(t, ctx, "voice on, pain 3, start", chromedp.Click(chromedp.CSS(`#voice-toggle`)), chromedp.Click(chromedp.CSS(`#pain-before input[value="3"]`)),
		chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	waitPaused(t, ctx, "paused at the second exercise", second)
	// The figure follows the segment: a drawn still or animation of this exercise.
	poll(t, ctx, "the figure", `(f => !f.hidden && f.complete && f.naturalWidth > 0 && f.src.includes('/exercises/'))(document.getElementById('figure'))`, 10*time.Second)
	run(t, ctx, "stop with Esc", chromedp.KeyEvent(kb.Escape), chromedp.WaitVisible(chromedp.CSS(`#ask`)))
	if state := eval[string](t, ctx, `unhunchPlayer.state()`); state != "asking" {
		t.Fatalf("after Esc the player is %s", state)
	}
	run(t, ctx, "say why", chromedp.Click(chromedp.CSS(`[data-reason="discomfort"]`)))
	poll(t, ctx, "the end", `!document.getElementById('after').hidden`, 60*time.Second)
	if n := eval[int](t, ctx, `unhunch.spoken.length`); n < 5 {
		t.Errorf("%d cues handed to speechSynthesis", n)
	}
	if live := eval[string](t, ctx, `document.getElementById('cue').getAttribute('aria-live')`); live != "polite" {
		t.Errorf("cue region aria-live=%q", live)
	}
	run(t, ctx, "pain after, rate, save", chromedp.Click(chromedp.CSS(`#pain-after input[value="2"]`)),
		chromedp.Click(chromedp.CSS(`#ratings input[value="right"]`)), chromedp.Click(chromedp.CSS(`#save`)))
	poll(t, ctx, "saved", `document.getElementById('saved').textContent !== '' && unhunch.queue().length === 0`, 20*time.Second)

	list := l.sessions(t)
	if len(list) != 1 {
		t.Fatalf("%d sessions, want 1", len(list))
	}
	s := list[0]
	var stopped, rated int
	for _, p := range s.Exercises {
		if p.Outcome == journal.Halted && p.StopReason == journal.Discomfort && p.Index == 1 {
			stopped++
		}
		if p.Rating == journal.Right {
			rated++
		}
	}
	if s.RoutineID != "plan" || s.Status != journal.Completed || *s.PainBefore != 3 || s.PainAfter == nil || *s.PainAfter != 2 ||
		stopped != 1 || rated != 1 || len(s.Exercises) != s.PlannedExercises || !s.Demo || s.TimeScale != e2eScale {
		t.Errorf("saved %+v", s)
	}
	run(t, ctx, "history", chromedp.Navigate(l.url("/history")), chromedp.WaitVisible(chromedp.CSS(`.session`)))
	if got := eval[string](t, ctx, `document.querySelector('.session').textContent`); !strings.Contains(got, "stopped (discomfort)") || !strings.Contains(got, "rated about right") ||
		!strings.Contains(got, "Demo at 100× real time") {
		t.Errorf("history shows %q", got)
	}
	run(t, ctx, "progress", chromedp.Navigate(l.url("/progress")), chromedp.WaitVisible(chromedp.CSS(`.calendar`)))
	if n := eval[int](t, ctx, `document.querySelectorAll('.calendar .done').length`); n != 0 {
		t.Errorf("a demo put %d practice days on the calendar, want 0", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.chart circle.dot').length`); n != 0 {
		t.Errorf("a demo put %d pain dots on the chart, want 0", n)
	}
	if got := eval[string](t, ctx, `document.querySelector('main').textContent`); !strings.Contains(got, "1 was a demo") {
		t.Errorf("progress does not mention the demo: %q", got)
	}
}

// Load the player once, stop the server, reload the page from the service
// worker, play and record with the network gone, start the server again:
// the session arrives exactly once.
func TestBrowserOffline(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	answerScreening(t, ctx, l)
	run(t, ctx, "open the player", chromedp.Navigate(l.url("/play/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	poll(t, ctx, "service worker and a gate", `document.documentElement.dataset.sw === 'ready' && unhunch.gate() && unhunch.gate().ok`, 20*time.Second)
	addr := l.addr
	l.stop()
	run(t, ctx, "reload offline", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	eval[chromedp.Void](t, ctx, `fetch('/healthz').then(() => { window.reached = 'yes'; }, () => { window.reached = 'no'; })`)
	poll(t, ctx, "the server gone", `window.reached !== undefined`, 10*time.Second)
	if got := eval[string](t, ctx, `window.reached`); got != "no" {
		t.Fatal("the server still answers")
	}
	run(t, ctx, "start offline", chromedp.Click(chromedp.CSS(`#pain-before input[value="4"]`)), chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	poll(t, ctx, "the end", `!document.getElementById('after').hidden`, 60*time.Second)
	run(t, ctx, "pain after, save", chromedp.Click(chromedp.CSS(`#pain-after input[value="3"]`)), chromedp.Click(chromedp.CSS(`#save`)))
	poll(t, ctx, "kept on the device", `document.getElementById('saved').textContent.includes('this device')`, 20*time.Second)
	queued := eval[int](t, ctx, `unhunch.queue().length`)
	if queued < 5 || len(l.sessions(t)) != 0 {
		t.Fatalf("queued %d, journal %d sessions", queued, len(l.sessions(t)))
	}
	l.listen(addr)
	poll(t, ctx, "synced", `unhunch.queue().length === 0`, 40*time.Second)
	// Sending everything again changes nothing.
	eval[chromedp.Void](t, ctx, `unhunch.sync()`)
	list := l.sessions(t)
	if len(list) != 1 {
		t.Fatalf("%d sessions after syncing, want exactly 1", len(list))
	}
	s := list[0]
	if s.Status != journal.Completed || len(s.Exercises) != 3 || s.PainBefore == nil || *s.PainBefore != 4 || s.PainAfter == nil || *s.PainAfter != 3 ||
		!s.Demo || s.TimeScale != e2eScale {
		t.Errorf("synced %+v", s)
	}
	if rej := eval[int](t, ctx, `JSON.parse(localStorage.getItem('unhunch.rejected') || '[]').length`); rej != 0 {
		t.Errorf("%d requests refused", rej)
	}
}
