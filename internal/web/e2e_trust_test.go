package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Issue 12, item 1 in the browser: stop an exercise for discomfort, go back
// to it at once, end the session. Both tries reach the journal, each once,
// even when the outbox sends everything again.
func TestBrowserBackKeepsBothAttempts(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	answerScreening(t, ctx, l)
	run(t, ctx, "open the player", chromedp.Navigate(l.url("/play/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	// Pause as the second exercise starts, in the same turn of the event
	// loop, so that the routine (played 100 times faster) waits for the test.
	second := `document.getElementById('ex-count').textContent.startsWith('Exercise 2 of')`
	pauseWhen(t, ctx, second)
	run(t, ctx, "start", chromedp.Click(chromedp.CSS(`#pain-before input[value="2"]`)), chromedp.Click(chromedp.CSS(`#start`)),
		chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	waitPaused(t, ctx, "paused at the second exercise", second)
	// Keep a copy of everything the player queues, to send it all again.
	eval[chromedp.Void](t, ctx, `window.copies = []; (e => { unhunch.enqueue = it => { copies.push(it); e(it); }; })(unhunch.enqueue)`)
	// One turn of the event loop: the stop, back within its grace, quit.
	eval[chromedp.Void](t, ctx, `unhunchPlayer.act('ask'); unhunchPlayer.act('stop', 'discomfort'); unhunchPlayer.act('back'); unhunchPlayer.act('quit')`)
	poll(t, ctx, "the end", `!document.getElementById('after').hidden`, 10*time.Second)
	poll(t, ctx, "sent", `unhunch.queue().length === 0`, 20*time.Second)
	// Everything once more, as an outbox that never heard back would.
	eval[chromedp.Void](t, ctx, `Promise.all(copies.map(it => fetch(it.url, { method: 'POST', headers: { 'Content-Type': 'application/json',
		'Idempotency-Key': it.key }, body: JSON.stringify(it.body) }).then(r => r.status))).then(s => { window.resent = s; })`)
	poll(t, ctx, "sent again", `window.resent !== undefined`, 20*time.Second)
	if got := eval[string](t, ctx, `window.resent.join(',')`); strings.Count(got, "200") != strings.Count(got, ",")+1 || strings.Count(got, "200") < 3 {
		t.Errorf("statuses of the re-sent events: %s", got)
	}
	list := l.sessions(t)
	if len(list) != 1 {
		t.Fatalf("%d sessions, want 1", len(list))
	}
	var got []string
	for _, p := range list[0].Exercises {
		got = append(got, strings.TrimSpace(fmt.Sprintf("%d#%d %s %s", p.Index, p.Attempt, p.Outcome, p.StopReason)))
	}
	if want := "0#1 done|1#1 stopped discomfort|1#2 skipped"; strings.Join(got, "|") != want {
		t.Errorf("journal holds %q, want %q", strings.Join(got, "|"), want)
	}
}
