package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/custom"
)

// What the player queues while the outbox is still reading the answer to
// the item before it is sent too, never dropped: the outbox took the sent
// item out of a copy of the queue read before that answer was read, and
// wrote the copy back over the item just queued (found by
// TestBrowserKeyboardOnlySession on a loaded machine: a skip and the pain
// after went missing from the journal, with nothing refused).
func TestBrowserOutboxKeepsWhatIsQueuedMeanwhile(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	run(t, ctx, "the player", chromedp.Navigate(l.url("/play/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	sid := startSession(t, ctx)
	// Every answer the outbox reads waits until the test lets it go.
	eval[chromedp.Void](t, ctx, `(() => {
		const f = window.fetch;
		window.sent = [];
		window.held = [];
		window.fetch = (url, opts) => f(url, opts).then(res => {
			if (opts && opts.method === 'POST') sent.push(opts.headers['Idempotency-Key']);
			const text = res.text.bind(res);
			res.text = () => new Promise(ok => held.push(() => text().then(ok)));
			return res;
		});
	})()`)
	event := func(key string, index int) string {
		return `unhunch.enqueue({url: '/api/v1/sessions/` + sid + `/events', key: '` + key + `', session: '` + sid + `', kind: 'exercise',
			body: {type: 'exercise', index: ` + itoa(index) + `, attempt: 1, exercise_id: JSON.parse(document.getElementById('routine-data').textContent).exercises[` + itoa(index) + `].id, outcome: 'skipped', amount: {}, seconds: 1,
			started_at: new Date().toISOString(), ended_at: new Date().toISOString()}});`
	}
	eval[chromedp.Void](t, ctx, event("first", 0)+` window.syncing = unhunch.sync();`)
	poll(t, ctx, "the first answer held", `held.length === 1`, 20*time.Second)
	// The second is queued while the first's answer is read.
	eval[chromedp.Void](t, ctx, event("second", 1)+` held.shift()();`)
	// Let every later answer go as it comes.
	poll(t, ctx, "the queue sent", `(held.forEach(h => h()), held.length = 0, unhunch.queue().length === 0)`, 20*time.Second)
	if got := eval[string](t, ctx, `sent.join(' ')`); got != "first second" {
		t.Errorf("the outbox sent %q, want first second", got)
	}
	list := l.sessions(t)
	if len(list) != 1 || len(list[0].Exercises) != 2 {
		t.Fatalf("the journal: %s", jsonOf(t, list))
	}
}

// workerState describes the page's service worker and caches, for a
// failure's message.
const workerState = `navigator.serviceWorker.getRegistration().then(r => Promise.all([caches.keys(),
	r ? [r.installing, r.waiting, r.active].map(w => w ? w.state : '-').join('/') : 'no registration']))
	.then(([ks, w]) => 'worker (installing/waiting/active) ' + w + ', controlled ' + !!navigator.serviceWorker.controller + ', caches ' + ks.join(' '))`

// startSession starts a session of the routine on the player's page, as
// the player does, and returns its id.
func startSession(t *testing.T, ctx context.Context) string {
	t.Helper()
	return evalAwait[string](t, ctx, `(async () => {
		const doc = JSON.parse(document.getElementById('routine-data').textContent), id = unhunch.newID();
		const res = await fetch('/api/v1/sessions', {method: 'POST', headers: {'Content-Type': 'application/json', 'Idempotency-Key': 'start-' + id},
			body: JSON.stringify({id, routine_id: doc.id, pain_before: 2, time_scale: 1, exercises: doc.exercises.map(e => e.id)})});
		return res.ok ? (await res.json()).id : 'refused ' + res.status;
	})()`)
}

// A routine of one's own plays offline like the built-in ones: saved, and
// never opened, its player page comes from the service worker once the
// server is gone, with its own exercise's pictures.
func TestBrowserOwnRoutineOffline(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	body, ctype := multipartBody(t, goodFields(), testPNG(t, 400, 300, 90))
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Post(l.url("/exercises/new"), ctype, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	own := strings.TrimPrefix(resp.Header.Get("Location"), "/exercises/")
	if resp.StatusCode != http.StatusSeeOther || own == "" {
		t.Fatalf("saving an exercise: %d", resp.StatusCode)
	}
	rb, _ := catalog.Marshal(&catalog.Routine{ID: "towel-break", Name: "Towel break", Exercises: []catalog.Item{{ID: own}, {ID: "chin-tucks"}}})
	if err := l.st.AddCustom(context.Background(), []custom.Entry{{Kind: custom.KindRoutine, ID: "towel-break", Body: string(rb)}}, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "the home page", chromedp.Navigate(l.url("/")), chromedp.WaitVisible(chromedp.CSS(`main`)))
	poll(t, ctx, "the service worker", `document.documentElement.dataset.sw === 'ready' && unhunch.gate() && unhunch.gate().ok`, 20*time.Second)
	// The page asks for the worker again, which now keeps the routine: it
	// is fetched as the new worker installs.
	// It waits for that worker to be the one in charge, not only for its
	// cache: until then an older worker answers (CI once failed here).
	kept := `navigator.serviceWorker.getRegistration().then(r => !!r && !r.installing && !r.waiting && !!r.active && r.active.state === 'activated' &&
		!!navigator.serviceWorker.controller && navigator.serviceWorker.controller.state === 'activated')
		.then(settled => settled && caches.keys().then(ks => ks.length === 1 && caches.open(ks[0]).then(c => c.match('/play/towel-break')).then(Boolean)))`
	for deadline := time.Now().Add(30 * time.Second); !evalAwait[bool](t, ctx, kept); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the service worker never kept the routine of one's own: %s", evalAwait[string](t, ctx, workerState))
		}
	}
	l.stop()
	tctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(l.url("/play/towel-break")), chromedp.WaitVisible(chromedp.CSS(`#start`))); err != nil {
		t.Fatalf("its player, offline: %v; the page is %s; %s", err, eval[string](t, ctx, `location.href + ' ' + JSON.stringify(document.title)`), evalAwait[string](t, ctx, workerState))
	}
	if got := eval[string](t, ctx, `JSON.parse(document.getElementById('routine-data').textContent).exercises.map(e => e.id).join(' ')`); got != own+" chin-tucks" {
		t.Errorf("the player offline plays %q", got)
	}
	if n := evalAwait[int](t, ctx, `fetch('/exercises/`+own+`/pictures/1').then(r => r.blob()).then(b => createImageBitmap(b)).then(i => i.width)`); n != 400 {
		t.Errorf("its picture offline is %d wide", n)
	}
}
