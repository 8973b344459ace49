package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// Issue 14: the web app on a phone. Each test here is a person's walk
// through the app in Chromium, by keys where a person would use keys.

// seedPractice saves three weeks of practice of quick-daily-reset in the
// live server's journal, each session two days apart, with pain before and
// after and every exercise rated easy: levels move, the calendar fills, the
// pain chart has dots and a line.
func seedPractice(t *testing.T, l *live) {
	t.Helper()
	ctx := context.Background()
	c, _ := catalog.Builtin()
	ids := []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}
	start := time.Now().Add(-20 * 24 * time.Hour).Truncate(time.Hour)
	for n := range 10 {
		at := start.Add(time.Duration(n) * 48 * time.Hour)
		before, after := 5-n/3, 4-n/3
		s := &journal.Session{RoutineID: "quick-daily-reset", RoutineName: "Quick daily reset", StartedAt: at, SeenAt: at,
			PainBefore: &before, PlannedSeconds: 264, PlannedExercises: 3, PlannedIDs: ids, Owner: "web", TimeScale: 1, Status: journal.Active}
		if _, err := l.st.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			e, _ := c.Exercise(id)
			p := journal.Performance{Index: i, Attempt: 1, ExerciseID: id, Outcome: journal.Done, Amount: e.Dose.Start(), Seconds: 80,
				StartedAt: at.Add(time.Duration(i) * 90 * time.Second), EndedAt: at.Add(time.Duration(i)*90*time.Second + 80*time.Second)}
			if err := l.st.RecordExercise(ctx, s.ID, p); err != nil {
				t.Fatal(err)
			}
			if err := l.st.RateExercise(ctx, s.ID, i, 1, journal.TooEasy); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.st.FinishSession(ctx, s.ID, journal.Completed, at.Add(270*time.Second), &after, ""); err != nil {
			t.Fatal(err)
		}
	}
}

// startReal serves the built-in catalog playing in real time, for tests
// that pause or stop a session before it could end.
func startReal(t *testing.T) *live {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return startLiveWith(t, c, 1)
}

// jsonOf is v in JSON.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// screenNo saves a screening with every answer no, through the API.
func screenNo(t *testing.T, ctx context.Context, l *live) {
	t.Helper()
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = false
	}
	js := fmt.Sprintf(`fetch('/api/v1/screenings', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({answers: %s})}).then(r => r.status)`, jsonOf(t, answers))
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if code, err := chromedp.Run(tctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise)); err != nil || code != 201 {
		t.Fatalf("screening: %d %v", code, err)
	}
}

// everyPage lists a path of every page there is, in the states people meet
// them in: each routine, each exercise, a plan and a plan that cannot be
// made, a question of the screening part-way and its review, settings
// after a change, and a page that is not there.
func everyPage(t *testing.T, l *live) []string {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	// (/exercises/illustrations is left out: the figures' contact sheet for
	// reviewing drawings, no page of the app, linked from none.)
	paths := []string{"/", "/routines", "/exercises", "/plan", "/plan?minutes=5&equipment=none&floor=false",
		"/plan?minutes=99", "/history", "/progress", "/screen", "/screen?a=nnn", "/screen?a=" + allNo(),
		"/settings", "/settings?done=bird-dog", "/settings?kit=saved", "/safety", "/nowhere", "/exercises/new", "/exercises/share", "/routines/new"}
	// An exercise of the person's own with two pictures, in a routine of
	// their own (issue 20).
	seedOwn(t, l)
	paths = append(paths, "/exercises/"+ownExercise, "/exercises/"+ownExercise+"/edit", "/routines/"+ownRoutine, "/play/"+ownRoutine)
	for _, r := range c.Routines() {
		paths = append(paths, "/routines/"+r.ID, "/play/"+r.ID)
	}
	for _, e := range c.Exercises() {
		paths = append(paths, "/exercises/"+e.ID)
	}
	return paths
}

// Every page, light and dark, at a phone's size, on its side and on a
// laptop: axe-core finds nothing at any impact, nothing overflows its box,
// and every touch target is at least 44 by 44 (issue 14's bars).
func TestBrowserEveryPage(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	needAxe(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	seedPractice(t, l)
	run(t, ctx, "settings", chromedp.Navigate(l.url("/settings")), chromedp.WaitVisible(chromedp.CSS(`#aside`)))
	clickNav(t, ctx, `form[action="/settings/avoid"] button`) // one left out: the player's notes say so
	troubles := listenTroubles(t, ctx)
	for _, vp := range viewports {
		for _, scheme := range schemes {
			run(t, ctx, vp.name+" "+scheme, chromedp.EmulateViewport(vp.w, vp.h), colorScheme(scheme))
			for _, path := range everyPage(t, l) {
				run(t, ctx, path, chromedp.Navigate(l.url(path)), chromedp.WaitReady(chromedp.CSS(`main`)))
				poll(t, ctx, path+": figures drawn", `[...document.images].every(i => { i.loading = 'eager'; return i.complete })`, 20*time.Second)
				// axe-core at the phone's size in both schemes; the layout at every size.
				pageChecks(t, ctx, path+" at "+vp.name+" "+scheme, vp.name == "390x844" || (vp.name == "1280x800" && scheme == "light"))
				if got := troubles(); len(got) > 0 {
					t.Errorf("%s at %s %s: %s", path, vp.name, scheme, strings.Join(got, "; "))
				}
			}
		}
	}
}

// listenTroubles notes what a page's console would show a developer: a
// request of the page's own (a script's fetch, a picture, a style sheet)
// answered with an error, a console error, or a script's uncaught
// exception. The function it returns gives what was noted since it was
// last called. The page itself may be an error page: its own answer is
// not a trouble.
func listenTroubles(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	var mu sync.Mutex
	var seen []string
	note := func(s string) {
		mu.Lock()
		seen = append(seen, s)
		mu.Unlock()
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventResponseReceived:
			if e.Type != network.ResourceTypeDocument && e.Response.Status >= 400 {
				note(fmt.Sprintf("%s answered %d", e.Response.URL, e.Response.Status))
			}
		case *cdpruntime.EventConsoleAPICalled:
			if e.Type == cdpruntime.ConsoleAPICalledTypeError {
				var words []string
				for _, a := range e.Args {
					words = append(words, string(a.Value))
				}
				note("console error: " + strings.Join(words, " "))
			}
		case *cdpruntime.EventExceptionThrown:
			note("uncaught: " + exceptionText(e.ExceptionDetails))
		}
	}); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		got := seen
		seen = nil
		return got
	}
}

// exceptionText is an uncaught exception as a developer's console shows it.
func exceptionText(d *cdpruntime.ExceptionDetails) string {
	if d == nil {
		return "?"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d)", s, d.URL, d.LineNumber+1)
}

// Every state of the player, light and dark: the safety questions asked
// on the page, before the start, playing, paused, the stop question, a
// refused start, pain after, and the recap: axe-core finds nothing, and
// nothing overflows or is too small to touch.
func TestBrowserPlayerStates(t *testing.T) {
	for _, scheme := range schemes {
		t.Run(scheme, func(t *testing.T) {
			l := startReal(t)
			ctx := browser(t)
			needAxe(t)
			if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/play/quick-daily-reset")), colorScheme(scheme)); err != nil {
				t.Fatal(err)
			}
			run(t, ctx, "reload in "+scheme, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#sq-text`)))
			pageChecks(t, ctx, "the safety questions on the player's page", true)
			for range countApplying(nil) {
				run(t, ctx, "no", chromedp.Click(chromedp.CSS(`#sq-no`)))
			}
			pollThrough(t, ctx, "the page made again for the answers", `document.readyState === 'complete' && !document.getElementById('screened-note').hidden`, 20*time.Second)
			pageChecks(t, ctx, "before the start", true)
			run(t, ctx, "pain 8", chromedp.Click(chromedp.CSS(`#pain-before input[value="8"]`)), chromedp.Click(chromedp.CSS(`#start`)))
			poll(t, ctx, "refused", `!document.getElementById('gate-note').hidden`, 20*time.Second)
			pageChecks(t, ctx, "a start refused for pain 8", true)
			if !eval[bool](t, ctx, `document.getElementById('start').disabled`) {
				t.Error("Start is still enabled after a refusal for pain of 8 or more")
			}
			// The refusal asks for new answers before the next session: answer them again.
			screenNo(t, ctx, l)
			run(t, ctx, "again", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#start`)),
				chromedp.Click(chromedp.CSS(`#pain-before input[value="2"]`)), chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
			pageChecks(t, ctx, "playing", true)
			run(t, ctx, "pause", chromedp.KeyEvent(" "))
			poll(t, ctx, "paused", `unhunchPlayer.state() === 'paused'`, 5*time.Second)
			pageChecks(t, ctx, "paused", true)
			run(t, ctx, "the stop question", chromedp.KeyEvent(kb.Escape))
			poll(t, ctx, "asking", `unhunchPlayer.state() === 'asking' && document.getElementById('ask').open`, 5*time.Second)
			pageChecks(t, ctx, "the stop question", true)
			run(t, ctx, "end", chromedp.Click(chromedp.CSS(`#end-now`)), chromedp.WaitVisible(chromedp.CSS(`#after`)))
			pageChecks(t, ctx, "pain after", true)
			run(t, ctx, "save", chromedp.Click(chromedp.CSS(`#pain-after input[value="1"]`)), chromedp.Click(chromedp.CSS(`#save`)))
			poll(t, ctx, "the recap", `!document.getElementById('recap').hidden`, 20*time.Second)
			pageChecks(t, ctx, "the recap", true)
		})
	}
}

// allNo is the screening page's answers when every answer is no: n for
// each question asked, - for a follow-up that is not.
func allNo() string {
	var b strings.Builder
	for _, q := range safety.Questions {
		if safety.Asked(q, map[string]bool{}) {
			b.WriteByte('n')
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// pollThrough waits for a JavaScript condition across a navigation the
// page makes itself (a reload): errors while the page changes are retried.
func pollThrough(t *testing.T, ctx context.Context, what, js string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %v (%v)", what, limit, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// countApplying counts the questions asked when every answer is no.
func countApplying(answers map[string]bool) int {
	if answers == nil {
		answers = map[string]bool{}
	}
	n := 0
	for _, q := range safety.Questions {
		if safety.Asked(q, answers) {
			n++
		}
	}
	return n
}

// playerFits is JavaScript that draws every segment of the timeline in
// turn (unhunchPlayer.show, the player's own drawing) and lists what is out
// of view, overflows its box or is too small to touch, with the segment.
const playerFits = `(async () => {
  const doc = JSON.parse(document.getElementById('routine-data').textContent), out = [];
  for (let i = 0; i < doc.timeline.length; i++) {
    unhunchPlayer.show(i);
    const img = document.getElementById('figure');
    if (!img.hidden) { try { await img.decode(); } catch (e) { out.push(i + ': figure ' + img.src + ' not drawn'); } }
    const s = doc.timeline[i], where = 'segment ' + i + ' (' + (s.exercise_index >= 0 ? doc.exercises[s.exercise_index].id : 'finish') + ', ' + s.phase + ')';
    // The finish has no exercise, so no figure.
    const seen = [].concat(` + outOfView + `, ` + overflowing + `, ` + smallTargets + `).filter(p => !(s.exercise_index < 0 && p === 'figure: not shown'));
    for (const p of seen) out.push(where + ': ' + p);
  }
  return out;
})()`

// During a session the figure, the countdown, the cue and the controls are
// all inside the window, for every segment of every exercise of every
// built-in routine, on a phone upright and on its side and on a laptop;
// nothing overflows its box and every control is at least 44 by 44.
func TestBrowserPlayerFitsTheScreen(t *testing.T) {
	l := startReal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil { // the first call: no time limit
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	c, _ := catalog.Builtin()
	for _, vp := range viewports {
		for _, r := range c.Routines() {
			where := r.ID + " at " + vp.name
			run(t, ctx, where, chromedp.EmulateViewport(vp.w, vp.h), chromedp.Navigate(l.url("/play/"+r.ID)), chromedp.WaitVisible(chromedp.CSS(`#start`)),
				chromedp.Click(chromedp.CSS(`#pain-before input[value="2"]`)), chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
			// Playing, as it starts.
			poll(t, ctx, where+": the figure", `(f => !f.hidden && f.complete && f.naturalWidth > 0)(document.getElementById('figure'))`, 10*time.Second)
			if got := eval[[]string](t, ctx, outOfView); len(got) > 0 {
				t.Errorf("%s, playing: %v", where, got)
			}
			run(t, ctx, "pause", chromedp.KeyEvent(" "))
			tctx, cancel := context.WithTimeout(ctx, 120*time.Second)
			got, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](playerFits, chromedp.EvalAwaitPromise))
			cancel()
			if err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if len(got) > 0 {
				keepScreenshot(t, ctx, "fit-"+r.ID+"-"+vp.name+".png")
				t.Errorf("%s: %d problems, the first: %s", where, len(got), strings.Join(got[:min(len(got), 8)], "\n    "))
			}
		}
	}
}

// Item 1: the button in the gate's block is readable (it was the warning's
// brown on the button's green, 1.14:1), light and dark.
func TestBrowserGateButtonReadable(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	contrast := `(() => {
	  const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
	  const lum = c => { const [r, g, b] = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	  const b = document.querySelector('.warn .button'), s = getComputedStyle(b);
	  const [x, y] = [lum(s.color), lum(s.backgroundColor)].sort((p, q) => q - p);
	  return (x + 0.05) / (y + 0.05);
	})()`
	for _, scheme := range schemes {
		run(t, ctx, scheme, colorScheme(scheme), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`.warn .button`)))
		if got := eval[float64](t, ctx, contrast); got < 4.5 {
			t.Errorf("%s: the gate's button has a contrast of %.2f:1, want at least 4.5:1", scheme, got)
		}
	}
}

// Item 3: what you have at hand. A first visit asks, nothing is assumed
// until you say, so today's suggestion is one you can do with nothing (a
// plan); once you say you have a doorway, quick daily reset; the routines
// say what each needs and what you lack, and the planner starts from what
// you have.
func TestBrowserWhatYouHave(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	run(t, ctx, "home", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#kit`)))
	sugg := `document.querySelector('[aria-labelledby="sugg-h"]').textContent.replace(/\s+/g, ' ')`
	if got := eval[string](t, ctx, sugg); !strings.Contains(got, "Plan for 5 minutes") || !strings.Contains(got, "no equipment") {
		t.Errorf("with nothing said, the suggestion is %q; want a plan that needs nothing", got)
	}
	run(t, ctx, "a doorway", chromedp.Click(chromedp.CSS(`#kit input[value="doorway"]`)))
	clickNav(t, ctx, `#kit button[type="submit"]`)
	if got := eval[string](t, ctx, sugg); !strings.Contains(got, "Quick daily reset") || !strings.Contains(got, "doorway") {
		t.Errorf("with a doorway, the suggestion is %q; want quick daily reset", got)
	}
	if eval[bool](t, ctx, `!!document.getElementById('kit')`) {
		t.Error("the question about what you have is asked again once answered")
	}
	run(t, ctx, "routines", chromedp.Navigate(l.url("/routines")), chromedp.WaitVisible(chromedp.CSS(`.cards`)))
	text := eval[string](t, ctx, `document.querySelector('main').innerText.replace(/\s+/g, ' ')`)
	for _, want := range []string{"Needs doorway", "Needs foam roller, wall, chair, pillow You said you have no foam roller, wall, chair, pillow."} {
		if !strings.Contains(text, want) {
			t.Errorf("the routines page lacks %q: %.600s", want, text)
		}
	}
	// Four "Start" links, each named for its routine.
	names := eval[[]string](t, ctx, `[...document.querySelectorAll('a[href^="/play/"]')].map(a => a.textContent.trim())`)
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] || !strings.HasPrefix(n, "Start ") || n == "Start" {
			t.Errorf("start links %q: each must name its routine", names)
		}
		seen[n] = true
	}
	run(t, ctx, "plan", chromedp.Navigate(l.url("/plan")), chromedp.WaitVisible(chromedp.CSS(`#minutes`)))
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll('input[name="equipment"]:checked')].map(i => i.value)`); len(got) != 1 || got[0] != "doorway" {
		t.Errorf("the planner starts with %v ticked, want what you have: [doorway]", got)
	}
}

// Item 4: a seated plan is seated everywhere: the figure and the words of
// cat-cow on a chair, never "come to hands and knees".
func TestBrowserSeatedPlanSaysSeated(t *testing.T) {
	l := startReal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	run(t, ctx, "a desk plan", chromedp.Navigate(l.url("/play/plan?minutes=5&equipment=none&floor=false")), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	cues := eval[[]string](t, ctx, `(d => d.timeline.filter(s => s.exercise_index >= 0 && d.exercises[s.exercise_index].id === 'cat-cow' && d.exercises[s.exercise_index].position === 'seated').map(s => s.cue))(JSON.parse(document.getElementById('routine-data').textContent))`)
	if len(cues) == 0 {
		t.Fatal("the desk plan has no seated cat-cow")
	}
	joined := strings.Join(cues, " | ")
	if strings.Contains(joined, "hands and knees") || !strings.Contains(joined, "chair") {
		t.Errorf("seated cat-cow says: %s", joined)
	}
	run(t, ctx, "start", chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)), chromedp.KeyEvent(" "))
	eval[chromedp.Void](t, ctx, `unhunchPlayer.show(JSON.parse(document.getElementById('routine-data').textContent).timeline.findIndex(s => s.phase === 'setup'))`)
	if cue := eval[string](t, ctx, `document.getElementById('cue').textContent`); !strings.Contains(cue, "chair") {
		t.Errorf("the player says %q setting up seated cat-cow", cue)
	}
	if src := eval[string](t, ctx, `document.getElementById('figure').getAttribute('src')`); !strings.Contains(src, "position=seated") {
		t.Errorf("the player draws %s", src)
	}
	run(t, ctx, "the exercise page", chromedp.Navigate(l.url("/exercises/cat-cow")), chromedp.WaitVisible(chromedp.CSS(`main`)))
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll('main section h2')].map(h => h.textContent)`); len(got) != 2 || !strings.Contains(got[1], "seated") {
		t.Errorf("the exercise page's ways: %v, want one for hands and knees and one seated", got)
	}
}

// Item 5: the charts can be read on a phone: the calendar's week labels
// and both dates of the pain chart are inside their chart, the axis text is
// at least 11 px high, and counts are said in the right number.
func TestBrowserChartsReadable(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	seedPractice(t, l)
	run(t, ctx, "progress on a phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(l.url("/progress")), chromedp.WaitVisible(chromedp.CSS(`.calendar`)))
	problems := eval[[]string](t, ctx, `(() => {
	  const out = [];
	  for (const svg of document.querySelectorAll('svg.chart')) {
	    const box = svg.getBoundingClientRect();
	    for (const tx of svg.querySelectorAll('text')) {
	      const r = tx.getBoundingClientRect();
	      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) out.push('"' + tx.textContent + '" is cut off');
	      if (r.height < 11) out.push('"' + tx.textContent + '" is ' + r.height.toFixed(1) + ' px high');
	    }
	  }
	  return out;
	})()`)
	if len(problems) > 0 {
		t.Errorf("charts: %v", problems)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.calendar text[text-anchor="start"]').length`); n < 3 {
		t.Errorf("%d week labels on the calendar", n)
	}
	text := eval[string](t, ctx, `document.querySelector('main').textContent.replace(/\s+/g, ' ')`)
	for _, bad := range []string{"1 days", "1 sessions", "1 weeks"} {
		if strings.Contains(text, bad) {
			t.Errorf("the progress page says %q", bad)
		}
	}
}

// Item 6: the stop question. Esc opens it with focus on "carry on", so Esc
// then Enter carries on; Tab stays inside it; a choice puts focus back on
// the controls.
func TestBrowserStopQuestionKeys(t *testing.T) {
	l := startReal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	run(t, ctx, "start", chromedp.Navigate(l.url("/play/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`#start`)),
		chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	run(t, ctx, "Esc", chromedp.KeyEvent(kb.Escape))
	poll(t, ctx, "asking", `unhunchPlayer.state() === 'asking'`, 5*time.Second)
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "carry-on" {
		t.Errorf("the stop question starts on %q, want carry-on", got)
	}
	run(t, ctx, "Enter", chromedp.KeyEvent(kb.Enter))
	poll(t, ctx, "carried on", `unhunchPlayer.state() === 'playing'`, 5*time.Second)
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "pause" {
		t.Errorf("after carrying on, focus is on %q, want the controls (pause)", got)
	}
	run(t, ctx, "Esc again", chromedp.KeyEvent(kb.Escape))
	poll(t, ctx, "asking", `unhunchPlayer.state() === 'asking'`, 5*time.Second)
	for i := range 12 {
		run(t, ctx, "Tab", chromedp.KeyEvent(kb.Tab))
		if !eval[bool](t, ctx, `document.getElementById('ask').contains(document.activeElement)`) {
			t.Fatalf("Tab %d left the stop question for %s", i+1, eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
		}
	}
	run(t, ctx, "discomfort", chromedp.KeyEvent("4"))
	poll(t, ctx, "on to the next", `unhunchPlayer.state() === 'playing'`, 5*time.Second)
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "pause" {
		t.Errorf("after a reason, focus is on %q, want the controls (pause)", got)
	}
}

// Item 7: keys and touch. The screening puts focus on the question, so a
// question takes a Tab and Enter; leaving an exercise out says so where the
// focus goes.
func TestBrowserKeysAndTouch(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/screen"))); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "q-text" {
		t.Errorf("the screening starts with focus on %q, want the question", got)
	}
	run(t, ctx, "Tab Tab Enter", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, ctx, `document.activeElement.textContent.trim()`); got != "No" {
		t.Errorf("two Tabs from the question reach %q, want No", got)
	}
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	if _, err := chromedp.RunResponse(tctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	cancel()
	if got := eval[string](t, ctx, `document.getElementById('q-count').textContent`); !strings.HasPrefix(got, "Question 2 of") {
		t.Errorf("after the keys: %q", got)
	}
	run(t, ctx, "settings", chromedp.Navigate(l.url("/settings")), chromedp.WaitVisible(chromedp.CSS(`#aside`)))
	clickNav(t, ctx, `form[action="/settings/avoid"] button`)
	if got := eval[string](t, ctx, `document.activeElement.getAttribute('role') + ': ' + document.activeElement.textContent`); !strings.HasPrefix(got, "status: ") || !strings.Contains(got, "avoid list") {
		t.Errorf("after leaving one out, focus is on %q; want the status that says so", got)
	}
}

// Item 8: pages say nothing meant for programmers: no command lines, file
// names, API paths, planner scores or ids where names belong.
func TestBrowserNoInternalText(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	// An exercise left out, which the player's notes then name.
	run(t, ctx, "settings", chromedp.Navigate(l.url("/settings")), chromedp.WaitVisible(chromedp.CSS(`#aside`)))
	clickNav(t, ctx, `form[action="/settings/avoid"] button`)
	// Ids that no name or alias spells: cat-cow is also what people call it.
	c, _ := catalog.Builtin()
	var ids []string
	for _, e := range c.Exercises() {
		said := strings.ToLower(e.Name + " " + strings.Join(e.Aliases, " "))
		if strings.Contains(e.ID, "-") && !strings.Contains(said, e.ID) {
			ids = append(ids, e.ID)
		}
	}
	for _, path := range everyPage(t, l) {
		run(t, ctx, path, chromedp.Navigate(l.url(path)), chromedp.WaitReady(chromedp.CSS(`main`)))
		text := eval[string](t, ctx, `[...document.querySelectorAll('main, header, footer')].map(e => e.innerText).join('\n')`)
		for _, bad := range []string{"unhunch plan", "unhunch exercises", "--minutes", ".txt", "/api/", "Score ", "docs/"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s says %q", path, bad)
			}
		}
		for _, id := range ids {
			if strings.Contains(text, id) {
				t.Errorf("%s names %s by its id", path, id)
			}
		}
	}
}

// Item 9: the end of a session. It says how it ended, and that it is saved
// only once it is; the recap says what was done, the time, pain before and
// after, what changes next time and where it is kept; the banner counts
// sessions, not requests.
func TestBrowserRecap(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	run(t, ctx, "play", chromedp.Navigate(l.url("/play/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`#start`)),
		chromedp.Click(chromedp.CSS(`#pain-before input[value="3"]`)), chromedp.Click(chromedp.CSS(`#start`)))
	poll(t, ctx, "the end", `!document.getElementById('after').hidden`, 60*time.Second)
	if got := eval[string](t, ctx, `document.getElementById('after').innerText`); strings.Contains(strings.ToLower(got), "saved") {
		t.Errorf("before saving, the end says %q", got)
	}
	// Clicked once the outbox has sent what the session recorded: until
	// then the note that something waits to be sent comes and goes at the
	// top, moving the page under the pointer.
	poll(t, ctx, "everything so far sent", `unhunch.queue().length === 0`, 20*time.Second)
	run(t, ctx, "pain after, rate", chromedp.Click(chromedp.CSS(`#pain-after input[value="2"]`)), chromedp.Click(chromedp.CSS(`#ratings input[value="right"]`)))
	if got := eval[string](t, ctx, `(document.querySelector('#pain-after input:checked') || {}).value`); got != "2" {
		t.Fatalf("the pain after clicked is %q, want 2", got)
	}
	run(t, ctx, "save", chromedp.Click(chromedp.CSS(`#save`)))
	poll(t, ctx, "the recap", `!document.getElementById('recap').hidden`, 20*time.Second)
	got := map[string]string{}
	for _, id := range []string{"saved", "recap-time", "recap-done", "recap-pain", "recap-next", "recap-where", "recap-list"} {
		got[id] = eval[string](t, ctx, `document.getElementById('`+id+`').textContent`)
	}
	want := map[string]string{"saved": "Saved in your journal.", "recap-done": "3 of 3 exercises", "recap-pain": "3 before → 2 after",
		"recap-next": "a demo never counts", "recap-where": "In your journal", "recap-list": "Chin tucks: done"}
	for id, w := range want {
		if !strings.Contains(got[id], w) {
			t.Errorf("%s says %q, want %q", id, got[id], w)
		}
	}
	if !strings.Contains(got["recap-time"], "planned") {
		t.Errorf("recap-time says %q", got["recap-time"])
	}
	// The banner counts sessions: many requests of one session are one
	// (kept, as they would be offline: they go to no server that answers).
	eval[chromedp.Void](t, ctx, `localStorage.setItem('unhunch.queue', JSON.stringify([1, 2, 3, 4].map(i => ({url: 'http://127.0.0.1:9/x', key: 'k' + i, session: 'S1', body: {}}))))`)
	run(t, ctx, "history", chromedp.Navigate(l.url("/history")), chromedp.WaitVisible(chromedp.CSS(`#sync-status`)))
	if text := eval[string](t, ctx, `document.getElementById('sync-status').textContent`); !strings.HasPrefix(text, "A session is kept on this device") {
		t.Errorf("the banner says %q for one session's four requests", text)
	}
	eval[chromedp.Void](t, ctx, `localStorage.removeItem('unhunch.queue')`)
}

// Item 10: your own doses. After practice has moved them, the library and
// the exercise page show your dose with the starting dose beside it.
func TestBrowserYourDoses(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	seedPractice(t, l)
	c, _ := catalog.Builtin()
	e, _ := c.Exercise("chin-tucks")
	start := e.Dose.Describe(e.Dose.Start())
	run(t, ctx, "library", chromedp.Navigate(l.url("/exercises")), chromedp.WaitVisible(chromedp.CSS(`.cards`)))
	row := eval[string](t, ctx, `[...document.querySelectorAll('.card')].find(c => c.querySelector('h2').textContent === 'Chin tucks').textContent.replace(/\s+/g, ' ')`)
	if !strings.Contains(row, "Your dose:") || !strings.Contains(row, "(it started at "+start+")") {
		t.Errorf("the library shows chin tucks as %q", row)
	}
	run(t, ctx, "exercise", chromedp.Navigate(l.url("/exercises/chin-tucks")), chromedp.WaitVisible(chromedp.CSS(`.facts`)))
	facts := eval[string](t, ctx, `document.querySelector('.facts').innerText.replace(/\s+/g, ' ')`)
	if !strings.Contains(facts, "Your dose") || !strings.Contains(facts, "Starts at "+start) {
		t.Errorf("the exercise page's facts: %q", facts)
	}
	run(t, ctx, "routine", chromedp.Navigate(l.url("/routines/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`.steps`)))
	if steps := eval[string](t, ctx, `document.querySelector('.steps').textContent.replace(/\s+/g, ' ')`); !strings.Contains(steps, "(starts at "+start+")") {
		t.Errorf("the routine page: %q", steps)
	}
}

// Item 11: small things. The plan appears in view with focus on it; the
// advice boxes have room around their words; "Plan it" is the main
// button; any screening answer can be changed; and no request the player
// makes ends aborted.
func TestBrowserSmallThings(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "plan", chromedp.EmulateViewport(390, 844), chromedp.Navigate(l.url("/plan")), chromedp.WaitVisible(chromedp.CSS(`#minutes`)))
	if cls := eval[string](t, ctx, `document.querySelector('form button[type="submit"]').className`); !strings.Contains(cls, "button") || strings.Contains(cls, "secondary") {
		t.Errorf("Plan it is styled %q", cls)
	}
	clickNav(t, ctx, `form button[type="submit"]`)
	// In view at the top of the screen, not under the form at the bottom:
	// the plan is what the person asked for.
	poll(t, ctx, "the plan in view", `document.activeElement.id === 'plan-h' && (r => r.top >= -1 && r.top < innerHeight / 4)(document.getElementById('plan-h').getBoundingClientRect())`, 10*time.Second)
	keepScreenshot(t, ctx, "plan-made-390x844.png")
	// The same when the plan's address is opened directly (a link or a
	// bookmark): focus alone left the heading in the middle of the screen.
	run(t, ctx, "plan link", chromedp.Navigate(l.url("/plan?minutes=15")), chromedp.WaitVisible(chromedp.CSS(`#plan-h`)))
	poll(t, ctx, "the linked plan in view", `document.activeElement.id === 'plan-h' && (r => r.top >= -1 && r.top < innerHeight / 4)(document.getElementById('plan-h').getBoundingClientRect())`, 10*time.Second)
	// A question already in sight is not scrolled to: the page's title and
	// what it says stay above it.
	run(t, ctx, "screening", chromedp.Navigate(l.url("/screen")), chromedp.WaitVisible(chromedp.CSS(`#q-text`)))
	poll(t, ctx, "the question focused where it is", `document.activeElement.id === 'q-text' && scrollY === 0`, 10*time.Second)

	// Change the third answer of the screening from the review, and come back to it.
	run(t, ctx, "review", chromedp.Navigate(l.url("/screen?a="+allNo())), chromedp.WaitVisible(chromedp.CSS(`.review`)))
	clickNav(t, ctx, `.review li:nth-child(3) a`)
	if got := eval[string](t, ctx, `document.getElementById('q-count').textContent`); got != fmt.Sprintf("Question 3 of %d", countApplying(nil)) {
		t.Errorf("changing the third answer asks %q", got)
	}
	clickNav(t, ctx, `button[value="n"]`)
	if n := eval[int](t, ctx, `document.querySelectorAll('.review li').length`); n == 0 {
		t.Error("after changing one answer, the review does not come back")
	}

	// The advice boxes have padding.
	screenNo(t, ctx, l)
	var aborted []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventLoadingFailed); ok && strings.Contains(e.ErrorText, "ABORTED") && !e.Canceled {
			aborted = append(aborted, e.ErrorText)
		}
	}); err != nil {
		t.Fatal(err)
	}
	// Paused in the first exercise, so that the routine (played 100 times
	// faster) is still there for the stop.
	first := `document.getElementById('ex-count').textContent.startsWith('Exercise 1 of')`
	run(t, ctx, "play", chromedp.Navigate(l.url("/play/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	pauseWhen(t, ctx, first)
	run(t, ctx, "start", chromedp.Click(chromedp.CSS(`#pain-before input[value="2"]`)), chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	waitPaused(t, ctx, "paused in the first exercise", first)
	run(t, ctx, "stop for sharp pain", chromedp.KeyEvent(kb.Escape), chromedp.Click(chromedp.CSS(`[data-reason="sharp-pain"]`)))
	poll(t, ctx, "the advice", `!document.getElementById('advice').hidden`, 10*time.Second)
	if pad := eval[float64](t, ctx, `parseFloat(getComputedStyle(document.getElementById('advice')).paddingLeft)`); pad < 8 {
		t.Errorf("the advice box has %v px of padding", pad)
	}
	run(t, ctx, "save", chromedp.Click(chromedp.CSS(`#save`)))
	poll(t, ctx, "saved", `unhunch.queue().length === 0 && !document.getElementById('recap').hidden`, 20*time.Second)
	if len(aborted) > 0 {
		t.Errorf("requests aborted: %v", aborted)
	}
}

// Item 12, in the browser: a person who has never answered the safety
// questions presses Start on today's suggestion, answers them on the
// player's page by keys, and goes straight on into the session.
func TestBrowserScreeningInline(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	clickNav(t, ctx, `[aria-labelledby="sugg-h"] a.button`)
	poll(t, ctx, "the questions", `document.activeElement.id === 'sq-text'`, 10*time.Second)
	no := func(n int) {
		for range n {
			run(t, ctx, "Tab Tab Enter", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
		}
	}
	no(2)
	run(t, ctx, "back to the second question", chromedp.Click(chromedp.CSS(`#sq-back`)))
	if got := eval[string](t, ctx, `document.getElementById('sq-count').textContent`); !strings.HasPrefix(got, "Question 2 of") {
		t.Errorf("going back asks %q", got)
	}
	no(countApplying(nil) - 1)
	pollThrough(t, ctx, "ready to start", `document.readyState === 'complete' && !document.getElementById('screened-note').hidden && document.activeElement.id === 'pain-before-q'`, 20*time.Second)
	run(t, ctx, "start", chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	poll(t, ctx, "a session", `!!unhunchPlayer.session()`, 10*time.Second)
	if n := len(l.sessions(t)); n != 1 {
		t.Errorf("%d sessions, want 1", n)
	}
}

// tabTo presses Tab until the focus is on the element the CSS selector
// picks, as a person with keys only gets there; it fails after 40 Tabs.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	for range 40 {
		if eval[bool](t, ctx, `document.activeElement === document.querySelector('`+sel+`')`) {
			return
		}
		run(t, ctx, "Tab to "+sel, chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("40 Tabs never reached %s (focus on %s)", sel, eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
}

// A whole session with keys only, from the home page: Tab to today's
// suggestion and Enter, the pain before by arrows, Start by Enter; pause,
// carry on, skip, the stop question and carrying on from it by their keys;
// then the pain after by arrows, Save by Enter, and the recap.
func TestBrowserKeyboardOnlySession(t *testing.T) {
	l := startReal(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/"))); err != nil {
		t.Fatal(err)
	}
	screenNo(t, ctx, l)
	run(t, ctx, "home", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`[aria-labelledby="sugg-h"] a.button`)))
	tabTo(t, ctx, `[aria-labelledby="sugg-h"] a.button`)
	tctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	if _, err := chromedp.RunResponse(tctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	cancel()
	poll(t, ctx, "the player", `!!document.getElementById('start')`, 10*time.Second)
	tabTo(t, ctx, `#pain-before input[value="0"]`)
	run(t, ctx, "pain 2", chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if got := eval[string](t, ctx, `(document.querySelector('#pain-before input:checked') || {}).value`); got != "2" {
		t.Fatalf("the pain before by arrows is %q, want 2", got)
	}
	tabTo(t, ctx, `#start`)
	run(t, ctx, "Enter", chromedp.KeyEvent(kb.Enter))
	poll(t, ctx, "playing", `unhunchPlayer.state() === 'playing'`, 10*time.Second)
	run(t, ctx, "pause", chromedp.KeyEvent(" "))
	poll(t, ctx, "paused", `unhunchPlayer.state() === 'paused'`, 5*time.Second)
	run(t, ctx, "carry on", chromedp.KeyEvent(" "))
	poll(t, ctx, "playing again", `unhunchPlayer.state() === 'playing'`, 5*time.Second)
	run(t, ctx, "the stop question", chromedp.KeyEvent(kb.Escape))
	poll(t, ctx, "asking", `unhunchPlayer.state() === 'asking'`, 5*time.Second)
	run(t, ctx, "carry on from it", chromedp.KeyEvent(kb.Enter))
	poll(t, ctx, "playing once more", `unhunchPlayer.state() === 'playing'`, 5*time.Second)
	// Skip to the finish, an exercise at a time, each key once the one
	// before it has moved the player on; the finish plays out.
	for i := 0; ; i++ {
		count := eval[string](t, ctx, `document.getElementById('ex-count').textContent`)
		if count == "" {
			break
		}
		if i == 20 {
			t.Fatal("20 skips never reached the finish")
		}
		run(t, ctx, "skip", chromedp.KeyEvent(kb.ArrowRight))
		poll(t, ctx, "skipped "+count, `document.getElementById('ex-count').textContent !== `+jsonOf(t, count), 10*time.Second)
	}
	// The end, with the focus where the page puts it (the heading) before
	// any key is pressed.
	poll(t, ctx, "the end", `!document.getElementById('after').hidden && document.activeElement.id === 'after-h'`, 30*time.Second)
	tabTo(t, ctx, `#pain-after input[value="0"]`)
	run(t, ctx, "pain 1", chromedp.KeyEvent(kb.ArrowRight))
	if got := eval[string](t, ctx, `(document.querySelector('#pain-after input:checked') || {}).value`); got != "1" {
		t.Fatalf("the pain after by arrows is %q, want 1 (focus on %s)", got, eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	tabTo(t, ctx, `#save`)
	run(t, ctx, "save", chromedp.KeyEvent(kb.Enter))
	// The journal is read once the outbox has sent everything: the recap
	// can show before (it says so).
	poll(t, ctx, "the recap, everything sent", `!document.getElementById('recap').hidden && unhunch.queue().length === 0`, 20*time.Second)
	ss := l.sessions(t)
	if len(ss) != 1 || ss[0].PainBefore == nil || *ss[0].PainBefore != 2 || ss[0].PainAfter == nil || *ss[0].PainAfter != 1 ||
		len(ss[0].Exercises) != ss[0].PlannedExercises { // every one skipped is kept
		// What the outbox had refused, if anything, says why.
		t.Fatalf("the journal after a session by keys: %s\nrefused: %s", jsonOf(t, ss), eval[string](t, ctx, `localStorage.getItem('unhunch.rejected') || 'nothing'`))
	}
	if got := eval[string](t, ctx, `document.getElementById('recap-pain').textContent`); !strings.Contains(got, "2 before → 1 after") {
		t.Errorf("the recap says %q", got)
	}
}
