package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/unhunch/unhunch/journal"
)

// A plan of two rounds in a real browser: nine minutes at a desk is three
// exercises twice; the player asks for each exercise's rating once, and the
// ratings go to the second round's attempts (issue 16).
func TestBrowserRoundsRateEachExerciseOnce(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	answerScreening(t, ctx, l)
	run(t, ctx, "plan", chromedp.Navigate(l.url("/plan")), chromedp.WaitVisible(chromedp.CSS(`#minutes`)),
		chromedp.SetValue(chromedp.CSS(`#minutes`), "9"),
		chromedp.Click(chromedp.CSS(`input[name="floor"][value="false"]`)),
	)
	clickNav(t, ctx, `form button[type="submit"]`)
	clickNav(t, ctx, `#play-plan`)
	run(t, ctx, "the player", chromedp.WaitVisible(chromedp.CSS(`#start`)))
	rounds := eval[[]int](t, ctx, `JSON.parse(document.getElementById('routine-data').textContent).exercises.map(e => e.round)`)
	if len(rounds) != 6 || rounds[0] != 1 || rounds[5] != 2 {
		t.Fatalf("rounds %v; want three exercises twice", rounds)
	}
	run(t, ctx, "start", chromedp.Click(chromedp.CSS(`#pain-before input[value="2"]`)), chromedp.Click(chromedp.CSS(`#start`)),
		chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	poll(t, ctx, "the end", `!document.getElementById('after').hidden`, 60*time.Second)
	if n := eval[int](t, ctx, `document.querySelectorAll('#ratings fieldset, #ratings > *').length`); n != 3 {
		t.Fatalf("%d ratings asked for, want 3 (one per exercise)", n)
	}
	run(t, ctx, "rate all right, save", chromedp.Click(chromedp.CSS(`#pain-after input[value="2"]`)))
	for _, b := range eval[[]int](t, ctx, `[...document.getElementById('ratings').children].map(r => +r.dataset.index)`) {
		run(t, ctx, "rate", chromedp.Click(chromedp.CSS(`#ratings [data-index="`+itoa(b)+`"] input[value="right"]`)))
	}
	run(t, ctx, "save", chromedp.Click(chromedp.CSS(`#save`)))
	poll(t, ctx, "saved", `document.getElementById('saved').textContent !== '' && unhunch.queue().length === 0`, 20*time.Second)
	s := l.sessions(t)[0]
	rated := map[int]bool{}
	for _, p := range s.Exercises {
		if p.Rating == journal.Right {
			rated[p.Index] = true
		}
	}
	if len(rated) != 3 || !rated[3] || !rated[4] || !rated[5] {
		t.Errorf("rated blocks %v; want the second round's 3, 4 and 5", rated)
	}
}
