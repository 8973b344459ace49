package coach_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/coach"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/player"
	"github.com/unhunch/unhunch/timeline"
)

// recorder is a Sink that remembers every call in order.
type recorder struct{ calls []string }

func (r *recorder) Start(_ time.Time, pain *int) error {
	r.calls = append(r.calls, fmt.Sprintf("start pain=%s", intp(pain)))
	return nil
}
func (r *recorder) Exercise(ev player.Event) error {
	r.calls = append(r.calls, fmt.Sprintf("exercise %d%s %s%s", ev.Exercise, attempt(ev.Attempt), ev.Outcome, reason(ev.StopReason)))
	return nil
}
func (r *recorder) Finish(ev player.Event) error {
	r.calls = append(r.calls, fmt.Sprintf("finish %s%s", ev.Status, reason(ev.StopReason)))
	return nil
}
func (r *recorder) PainAfter(p int) error {
	r.calls = append(r.calls, fmt.Sprintf("pain after %d", p))
	return nil
}
func (r *recorder) Rate(i, a int, rt journal.Rating) error {
	r.calls = append(r.calls, fmt.Sprintf("rate %d%s %s", i, attempt(a), rt))
	return nil
}

// attempt shows an attempt after the first as "#n".
func attempt(a int) string {
	if a == 1 {
		return ""
	}
	return fmt.Sprintf("#%d", a)
}

func reason(r journal.StopReason) string {
	if r == "" {
		return ""
	}
	return " " + string(r)
}

func intp(p *int) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func ptr(n int) *int { return &n }

func options(t testing.TB, id string, sink coach.Sink) coach.Options {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := c.Routine(id)
	steps, _ := timeline.FromRoutine(c, r)
	tl, err := timeline.Compile(steps, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.Exercise.Name
	}
	return coach.Options{Title: r.Name, Timeline: tl, Names: names, Scale: 1, Sink: sink}
}

func TestLinesPlaysAndSavesInRealTimeOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		o := options(t, "quick-daily-reset", rec)
		o.PainBefore, o.PainAfter = ptr(4), ptr(2)
		var out strings.Builder
		start := time.Now()
		res := coach.Lines(context.Background(), o, &out)
		if took := time.Since(start); took != o.Timeline.Duration {
			t.Errorf("took %v of fake time, want exactly %v", took, o.Timeline.Duration)
		}
		want := []string{"start pain=4", "exercise 0 done", "exercise 1 done", "exercise 2 done", "finish completed", "pain after 2"}
		if diff := cmp.Diff(want, rec.calls); diff != "" {
			t.Errorf("sink calls (-want +got):\n%s", diff)
		}
		if res.Status != journal.Completed || len(res.SaveErrors) != 0 {
			t.Errorf("result %+v", res)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		segs := 0
		for _, l := range lines {
			if strings.Contains(l, ": ") && !strings.HasPrefix(l, "Saved") {
				segs++
			}
		}
		if segs != len(o.Timeline.Segments) {
			t.Errorf("%d segment lines for %d segments:\n%s", segs, len(o.Timeline.Segments), out.String())
		}
		for _, w := range []string{"0:00  Chin tucks: intro. Chin tucks.", "0:08  Chin tucks: move (rep 1 of 10). ", "Saved: Chin tucks, done.", "Session complete and saved."} {
			if !strings.Contains(out.String(), w) {
				t.Errorf("output lacks %q", w)
			}
		}
	})
}

func TestLinesCancelQuitsAndKeepsWhatWasDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		o := options(t, "quick-daily-reset", rec)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(o.Timeline.Exercises[1].Start+10*time.Second, cancel)
		var out strings.Builder
		res := coach.Lines(ctx, o, &out)
		want := []string{"start pain=-", "exercise 0 done", "exercise 1 skipped", "finish stopped"}
		if diff := cmp.Diff(want, rec.calls); diff != "" {
			t.Errorf("sink calls (-want +got):\n%s", diff)
		}
		if res.Status != journal.Stopped {
			t.Errorf("status %s", res.Status)
		}
	})
}

// driver runs a model the way Bubble Tea would: it executes commands (under
// synctest a tick's sleep takes no real time) and feeds their messages back.
type driver struct {
	t   *testing.T
	m   tea.Model
	cmd tea.Cmd
	out bool // the model asked to quit
}

func newDriver(t *testing.T, o coach.Options) *driver {
	d := &driver{t: t, m: coach.NewModel(o)}
	d.cmd = d.m.Init()
	return d
}

func (d *driver) send(msg tea.Msg) {
	if _, ok := msg.(tea.QuitMsg); ok {
		d.out = true
		return
	}
	d.m, d.cmd = d.m.Update(msg)
}

// until runs ticks until cond holds or the model stops scheduling.
func (d *driver) until(cond func() bool) {
	for i := 0; !cond(); i++ {
		if d.cmd == nil || d.out || i > 100000 {
			d.t.Fatalf("stopped before the condition held; screen:\n%s", d.view())
		}
		d.send(d.cmd())
	}
}

func (d *driver) key(k string) {
	var msg tea.KeyPressMsg
	switch k {
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	default:
		msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
	}
	d.send(msg)
}

func (d *driver) view() string { return d.m.View().Content }

func (d *driver) drain() {
	for d.cmd != nil && !d.out {
		d.send(d.cmd())
	}
}

func TestFullScreenSession(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		o := options(t, "quick-daily-reset", rec)
		d := newDriver(t, o)
		if !strings.Contains(d.view(), "how much does your upper back hurt") {
			t.Fatalf("first screen asks pain before:\n%s", d.view())
		}
		d.key("1")
		d.key("1")
		d.key("enter")
		if !strings.Contains(d.view(), "not a whole number from 0") {
			t.Fatalf("11 must be refused:\n%s", d.view())
		}
		d.key("3")
		d.key("enter")
		v := d.view()
		for _, w := range []string{"CHIN TUCKS", "exercise 1 of 3", "Next: Scapular squeezes", "space pause"} {
			if !strings.Contains(v, w) {
				t.Errorf("playing screen lacks %q:\n%s", w, v)
			}
		}
		start := time.Now()
		// Pause for a minute: nothing moves.
		d.until(func() bool { return time.Since(start) >= 20*time.Second })
		d.key("space")
		if !strings.Contains(d.view(), "Paused") {
			t.Fatalf("no pause shown:\n%s", d.view())
		}
		time.Sleep(time.Minute)
		d.key("space")
		// Skip scapular squeezes once it starts.
		d.until(func() bool { return strings.Contains(d.view(), "SCAPULAR SQUEEZES") })
		d.key("n")
		if !strings.Contains(d.view(), "DOORWAY CHEST STRETCH") {
			t.Fatalf("skip did not move on:\n%s", d.view())
		}
		// Stop for discomfort: the exercise is stopped, the session goes to its finish.
		d.key("s")
		if !strings.Contains(d.view(), "Why are you stopping?") {
			t.Fatalf("stop must ask why:\n%s", d.view())
		}
		d.key(coach.StopKey(journal.Discomfort))
		d.until(func() bool { return strings.Contains(d.view(), "How much does your upper back hurt now") })
		d.key("2")
		d.key("enter")
		if !strings.Contains(d.view(), "Chin tucks") || !strings.Contains(d.view(), "too easy") {
			t.Fatalf("rating screen:\n%s", d.view())
		}
		d.key("r")
		d.drain()
		if !d.out {
			t.Fatal("the coach should quit at the end")
		}
		want := []string{"start pain=3", "exercise 0 done", "exercise 1 skipped", "exercise 2 stopped discomfort",
			"finish completed", "pain after 2", "rate 0 right"}
		if diff := cmp.Diff(want, rec.calls); diff != "" {
			t.Errorf("sink calls (-want +got):\n%s", diff)
		}
		if took := time.Since(start); took < o.Timeline.Exercises[1].Start+time.Minute {
			t.Errorf("the minute paused must not count as played: took %v", took)
		}
	})
}

func TestFullScreenStopForSharpPainShowsAdvice(t *testing.T) {
	for _, r := range []journal.StopReason{journal.SharpPain, journal.Dizziness, journal.Tingling} {
		t.Run(string(r), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &recorder{}
				o := options(t, "quick-daily-reset", rec)
				o.PainBefore = ptr(2)
				d := newDriver(t, o)
				time.Sleep(10 * time.Second)
				d.key("s")
				d.key(coach.StopKey(r))
				v := d.view()
				if !strings.Contains(v, "999, 112 or 911") {
					t.Fatalf("advice must give emergency numbers:\n%s", v)
				}
				d.key("enter")
				d.key("esc") // no pain after
				d.drain()
				want := []string{"start pain=2", "exercise 0 stopped " + string(r), "finish stopped " + string(r)}
				if diff := cmp.Diff(want, rec.calls); diff != "" {
					t.Errorf("sink calls (-want +got):\n%s", diff)
				}
				if res := coach.ResultOf(d.m); res.Status != journal.Stopped || res.StopReason != r {
					t.Errorf("result %+v", res)
				}
			})
		})
	}
}

// The stop question offers every reason the journal records, in order,
// each on its own key.
func TestStopMenuOffersEveryReason(t *testing.T) {
	menu := coach.StopMenu()
	want := "Why are you stopping? 1 sharp pain · 2 dizziness · 3 tingling or numbness · 4 discomfort · 5 something else · Esc to carry on"
	if menu != want {
		t.Errorf("menu %q, want %q", menu, want)
	}
	seen := map[string]bool{}
	for _, r := range journal.StopReasons {
		k := coach.StopKey(r)
		if seen[k] || !strings.Contains(menu, k+" "+message.StopWords.Text(string(r))) {
			t.Errorf("reason %s: key %q missing or reused in %q", r, k, menu)
		}
		seen[k] = true
	}
}

func TestFullScreenQuitAndBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		o := options(t, "quick-daily-reset", rec)
		o.PainBefore = ptr(2)
		d := newDriver(t, o)
		start := time.Now()
		d.until(func() bool { return time.Since(start) >= o.Timeline.Exercises[1].Start+time.Second })
		d.key("b") // within 3 s of the second exercise: back to the first
		if !strings.Contains(d.view(), "CHIN TUCKS") {
			t.Fatalf("back did not return to chin tucks:\n%s", d.view())
		}
		d.key("q")
		d.key("esc")
		d.drain()
		want := []string{"start pain=2", "exercise 0 done", "exercise 0#2 skipped", "finish stopped"}
		if diff := cmp.Diff(want, rec.calls); diff != "" {
			t.Errorf("sink calls (-want +got):\n%s", diff)
		}
	})
}

// failing is a Sink whose exercise writes fail, as a full disk would make them.
type failing struct{ recorder }

func (f *failing) Exercise(player.Event) error { return errors.New("disk full") }

// After "Could not save" lines, the last line never claims all was saved.
func TestLinesNeverClaimsSavedAfterAFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		o := options(t, "quick-daily-reset", &failing{})
		o.PainBefore = ptr(2)
		var out strings.Builder
		res := coach.Lines(context.Background(), o, &out)
		if len(res.SaveErrors) != 3 {
			t.Fatalf("%d save errors, want 3", len(res.SaveErrors))
		}
		text := out.String()
		if !strings.Contains(text, "Could not save: disk full") {
			t.Errorf("no failure shown:\n%s", text)
		}
		if strings.Contains(text, "saved.") || strings.Contains(text, "Saved:") {
			t.Errorf("claims something was saved after failures:\n%s", text)
		}
		if !strings.Contains(text, "3 of its writes to the journal failed") {
			t.Errorf("the last line does not say what failed:\n%s", text)
		}
	})
}

// Ctrl-C while playing saves what q saves, asks nothing more, and says so.
func TestFullScreenCtrlCSavesLikeQuit(t *testing.T) {
	run := func(keys ...string) ([]string, coach.Result) {
		var calls []string
		var res coach.Result
		synctest.Test(t, func(t *testing.T) {
			rec := &recorder{}
			o := options(t, "quick-daily-reset", rec)
			o.PainBefore = ptr(2)
			d := newDriver(t, o)
			start := time.Now()
			d.until(func() bool { return time.Since(start) >= o.Timeline.Exercises[1].Start+10*time.Second })
			for _, k := range keys {
				if k == "ctrl+c" {
					d.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
					continue
				}
				d.key(k)
			}
			d.drain()
			if !d.out {
				t.Fatal("the coach did not end")
			}
			calls, res = rec.calls, coach.ResultOf(d.m)
		})
		return calls, res
	}
	byQ, resQ := run("q", "esc", "x")
	byCtrlC, resC := run("ctrl+c")
	if diff := cmp.Diff(byQ, byCtrlC); diff != "" {
		t.Errorf("Ctrl-C saved differently from q (-q +Ctrl-C):\n%s", diff)
	}
	if !resC.CtrlC || resQ.CtrlC || resC.Status != journal.Stopped {
		t.Errorf("results: q %+v, Ctrl-C %+v", resQ, resC)
	}
}

// Going back over a done exercise and doing it again asks for one rating
// of it, for the latest attempt.
func TestFullScreenRatesTheLatestDoneAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		o := options(t, "quick-daily-reset", rec)
		o.PainBefore, o.PainAfter = ptr(2), ptr(2)
		d := newDriver(t, o)
		start := time.Now()
		d.until(func() bool { return time.Since(start) >= o.Timeline.Exercises[1].Start+time.Second })
		d.key("b") // back to chin tucks, done once already
		d.until(func() bool { return strings.Contains(d.view(), "How did it feel? (1 of 3)") })
		d.key("e")
		d.key("r")
		d.key("h")
		d.drain()
		want := []string{"start pain=2", "exercise 0 done", "exercise 0#2 done", "exercise 1 done", "exercise 2 done",
			"finish completed", "pain after 2", "rate 0#2 easy", "rate 1 right", "rate 2 hard"}
		if diff := cmp.Diff(want, rec.calls); diff != "" {
			t.Errorf("sink calls (-want +got):\n%s", diff)
		}
	})
}

// A plan of two rounds asks about each exercise once, after its last round:
// the rating goes to that attempt (progress counts rounds as one).
func TestFullScreenRatesEachExerciseOnceAcrossRounds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		o := options(t, "quick-daily-reset", rec)
		c, _ := catalog.Builtin()
		r, _ := c.Routine("quick-daily-reset")
		once, _ := timeline.FromRoutine(c, r)
		var steps []timeline.Step
		for round := 1; round <= 2; round++ {
			for _, st := range once {
				st.Round = round
				steps = append(steps, st)
			}
		}
		tl, err := timeline.Compile(steps, timeline.DefaultRules)
		if err != nil {
			t.Fatal(err)
		}
		o.Timeline, o.Names = tl, append(o.Names, o.Names...)
		o.PainBefore, o.PainAfter = ptr(2), ptr(2)
		d := newDriver(t, o)
		d.until(func() bool { return strings.Contains(d.view(), "How did it feel? (1 of 3)") })
		d.key("e")
		d.key("r")
		d.key("h")
		d.drain()
		want := []string{"start pain=2", "exercise 0 done", "exercise 1 done", "exercise 2 done", "exercise 3 done",
			"exercise 4 done", "exercise 5 done", "finish completed", "pain after 2", "rate 3 easy", "rate 4 right", "rate 5 hard"}
		if diff := cmp.Diff(want, rec.calls); diff != "" {
			t.Errorf("sink calls (-want +got):\n%s", diff)
		}
	})
}
