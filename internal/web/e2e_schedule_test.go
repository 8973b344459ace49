package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/schedule"
)

// notifyHooks stands in for the browser's permission prompt and counts
// its uses: the permission starts as not asked, and asking grants it (the
// answer kept for the tab, across pages).
const notifyHooks = `(() => {
  const S = sessionStorage;
  Object.defineProperty(Notification, 'permission', { get: () => S.getItem('perm') || 'default', configurable: true });
  Notification.requestPermission = () => {
    S.setItem('asked', String(Number(S.getItem('asked') || 0) + 1));
    S.setItem('perm', 'granted');
    return Promise.resolve('granted');
  };
})();`

// Issue 19 in the browser: the schedule is set in the settings, with the
// permission for reminders asked then and never on a visit; a bad schedule
// is refused with the reason and nothing saved; at a scheduled time the
// service worker shows a reminder that opens the player, and none once the
// day's practice is done; progress shows days planned against days done.
func TestBrowserSchedule(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	hooks := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: notifyHooks})
		return err
	})
	if err := chromedp.Do(ctx, hooks, chromedp.Navigate(l.url("/"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	run(t, ctx, "settings", chromedp.Navigate(l.url("/settings")), chromedp.WaitVisible(chromedp.CSS(`#schedule-form`)))
	if n := eval[string](t, ctx, `sessionStorage.getItem('asked') || '0'`); n != "0" {
		t.Fatalf("the permission was asked %s times on a visit", n)
	}

	// A time that is not one: refused with why, and nothing saved.
	run(t, ctx, "a bad time", chromedp.SetValue(chromedp.CSS(`#schedule-at`), "25:00"))
	clickNav(t, ctx, `#schedule-form button[type=submit]`)
	run(t, ctx, "the refusal", chromedp.WaitVisible(chromedp.CSS(`#schedule-error`)))
	if msg := eval[string](t, ctx, `document.getElementById('schedule-error').textContent`); !strings.Contains(msg, "hours go from 00 to 23") {
		t.Errorf("the refusal says %q", msg)
	}
	if sc, err := l.st.Schedule(context.Background()); err != nil || !sc.IsZero() {
		t.Fatalf("after a refusal the journal has %+v, %v", sc, err)
	}

	// Every day at 12:30, five minutes, no floor: saved; the permission asked once.
	run(t, ctx, "every day", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('#schedule-form input[name=day]').forEach(c => c.checked = true)`),
		chromedp.SetValue(chromedp.CSS(`#schedule-at`), "12:30"), chromedp.SetValue(chromedp.CSS(`#schedule-minutes`), "5"))
	clickNav(t, ctx, `#schedule-form button[type=submit]`)
	poll(t, ctx, "saved", `location.search.includes('schedule=saved') && !!document.getElementById('schedule-next')`, 20*time.Second)
	if n := eval[string](t, ctx, `sessionStorage.getItem('asked')`); n != "1" {
		t.Errorf("the permission was asked %s times on saving", n)
	}
	sc, err := l.st.Schedule(context.Background())
	if err != nil || sc.Days != schedule.EveryDay || len(sc.Times) != 1 || sc.Times[0].String() != "12:30" || sc.Minutes != 5 || !sc.NoFloor {
		t.Fatalf("saved %+v, %v", sc, err)
	}
	poll(t, ctx, "the state of reminders", `!document.getElementById('notify-state').hidden`, 10*time.Second)

	// The person said yes to the browser's prompt: the real permission.
	run(t, ctx, "grant notifications", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: "notifications"}, Setting: cdpbrowser.PermissionSettingGranted, Origin: l.url("")})
		return err
	}))

	// The timer's work, done now: the service worker shows the reminder.
	poll(t, ctx, "the service worker", `document.documentElement.dataset.sw === 'ready'`, 20*time.Second)
	if shown := evalAwait[bool](t, ctx, `unhunch.reminders.fire()`); !shown {
		t.Fatal("no reminder at a scheduled time")
	}
	got := eval[string](t, ctx, `JSON.stringify(unhunch.reminders.shown[0])`)
	if !strings.Contains(got, `"title":"Time for your upper-back exercises"`) || !strings.Contains(got, `"url":"/play/plan?equipment=none\u0026floor=false`) &&
		!strings.Contains(got, `"url":"/play/plan?equipment=none&floor=false`) {
		t.Errorf("the reminder: %s", got)
	}
	if n := evalAwait[int](t, ctx, `navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length)`); n != 1 {
		t.Errorf("%d notifications showing, want 1", n)
	}

	// Practised today: no reminder.
	s := &journal.Session{RoutineID: "quick-daily-reset", StartedAt: time.Now()}
	if _, err := l.st.StartSession(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if err := l.st.RecordExercise(context.Background(), s.ID, journal.Performance{ExerciseID: "chin-tucks", Outcome: journal.Done,
		Attempt: 1, StartedAt: time.Now(), EndedAt: time.Now(), Seconds: 60}); err != nil {
		t.Fatal(err)
	}
	if shown := evalAwait[bool](t, ctx, `unhunch.reminders.fire()`); shown {
		t.Error("a reminder after the day's practice")
	}

	// Progress: days planned against days practised.
	run(t, ctx, "progress", chromedp.Navigate(l.url("/progress")), chromedp.WaitVisible(chromedp.CSS(`#planned`)))
	if p := eval[string](t, ctx, `document.getElementById('planned').textContent`); !strings.Contains(p, "practised on 1 of 1 planned days") {
		t.Errorf("progress says %q", p)
	}
}

// evalAwait evaluates JavaScript that gives a promise, and waits for it.
func evalAwait[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}
