package player_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/player"
	"github.com/unhunch/unhunch/timeline"
)

var t0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func compile(t testing.TB, id string) *timeline.Timeline {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r, _ := c.Routine(id)
	steps, err := timeline.FromRoutine(c, r)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := timeline.Compile(steps, timeline.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// playAll drives p to the end, waking at each due time plus late(), and
// returns every event with the time it was handled.
func playAll(t *testing.T, p *player.Player, start time.Time, late func() time.Duration) ([]player.Event, []time.Time) {
	t.Helper()
	now := start
	evs := p.Start(now)
	at := make([]time.Time, len(evs))
	for i := range at {
		at[i] = now
	}
	for guard := 0; p.State() != player.Finished; guard++ {
		if guard > 100000 {
			t.Fatal("player never finished")
		}
		due, ok := p.NextDue()
		if !ok {
			t.Fatal("playing with nothing due")
		}
		now = due.Add(late())
		for _, e := range p.Update(now) {
			evs = append(evs, e)
			at = append(at, now)
		}
	}
	return evs, at
}

func TestPlaysEverySegmentOnSchedule(t *testing.T) {
	for _, scale := range []float64{1, 10, 60} {
		tl := compile(t, "quick-daily-reset")
		p := player.New(tl, scale)
		evs, _ := playAll(t, p, t0, func() time.Duration { return 0 })
		var starts []int
		exercises := map[int]journal.Outcome{}
		counts := 0
		for _, e := range evs {
			switch e.Kind {
			case player.SegmentStart:
				starts = append(starts, e.Segment)
				want := t0.Add(time.Duration(float64(tl.Segments[e.Segment].Start) / scale))
				if !e.Due.Equal(want) {
					t.Fatalf("scale %v: segment %d due %v, want %v", scale, e.Segment, e.Due, want)
				}
			case player.Countdown:
				counts++
				s := tl.Segments[e.Segment]
				want := t0.Add(time.Duration(float64(s.End()-time.Duration(e.Count)*time.Second) / scale))
				if s.Duration < 6*time.Second || !e.Due.Equal(want) {
					t.Fatalf("countdown %d for a %v segment due %v, want %v", e.Count, s.Duration, e.Due, want)
				}
			case player.ExerciseEnd:
				exercises[e.Exercise] = e.Outcome
			}
		}
		if len(starts) != len(tl.Segments) {
			t.Fatalf("scale %v: %d segment starts of %d", scale, len(starts), len(tl.Segments))
		}
		for i, s := range starts {
			if s != i {
				t.Fatalf("segments out of order: %v", starts)
			}
		}
		if diff := cmp.Diff(map[int]journal.Outcome{0: journal.Done, 1: journal.Done, 2: journal.Done}, exercises); diff != "" {
			t.Errorf("outcomes (-want +got):\n%s", diff)
		}
		if counts == 0 || counts%3 != 0 {
			t.Errorf("countdowns = %d, want a multiple of 3", counts)
		}
		last := evs[len(evs)-1]
		if last.Kind != player.SessionEnd || last.Status != journal.Completed || p.Status() != journal.Completed {
			t.Errorf("last event %+v", last)
		}
		if want := t0.Add(time.Duration(float64(tl.Duration) / scale)); !last.Due.Equal(want) {
			t.Errorf("ended %v, want %v", last.Due, want)
		}
	}
}

// Late wake-ups never accumulate: every event stays due at its absolute time.
func TestNoDriftOverFifteenMinutes(t *testing.T) {
	tl := compile(t, "posture-support")
	rng := rand.New(rand.NewPCG(3, 4))
	p := player.New(tl, 1)
	evs, at := playAll(t, p, t0, func() time.Duration { return time.Duration(rng.IntN(5000)) * time.Microsecond })
	for i, e := range evs {
		if e.Kind != player.SegmentStart {
			continue
		}
		want := t0.Add(tl.Segments[e.Segment].Start)
		if !e.Due.Equal(want) {
			t.Fatalf("segment %d due %v, want %v", e.Segment, e.Due, want)
		}
		if late := at[i].Sub(e.Due); late < 0 || late > 5*time.Millisecond {
			t.Fatalf("segment %d handled %v after due", e.Segment, late)
		}
	}
}

func TestPauseResumeIsExact(t *testing.T) {
	tl := compile(t, "quick-daily-reset")
	p := player.New(tl, 1)
	p.Start(t0)
	p.Update(t0.Add(7 * time.Second))
	p.Pause(t0.Add(7 * time.Second))
	if got := p.Update(t0.Add(time.Hour)); got != nil {
		t.Fatalf("a paused player emitted %v", got)
	}
	if _, ok := p.NextDue(); ok {
		t.Fatal("a paused player has nothing due")
	}
	if off := p.Offset(t0.Add(time.Hour)); off != 7*time.Second {
		t.Fatalf("offset while paused = %v", off)
	}
	resume := t0.Add(47 * time.Second)
	p.Resume(resume)
	due, _ := p.NextDue()
	// Setup ends at 8 s of routine time: 1 s after resuming.
	if want := resume.Add(time.Second); !due.Equal(want) {
		t.Fatalf("next due %v, want %v", due, want)
	}
	p.Toggle(resume.Add(500 * time.Millisecond))
	if p.State() != player.Paused {
		t.Fatal("toggle should pause")
	}
	p.Toggle(resume.Add(time.Minute))
	if p.State() != player.Playing || p.Offset(resume.Add(time.Minute)) != 7500*time.Millisecond {
		t.Fatalf("toggle should resume at 7.5 s, state %v offset %v", p.State(), p.Offset(resume.Add(time.Minute)))
	}
}

func TestControls(t *testing.T) {
	tl := compile(t, "quick-daily-reset")
	second := tl.Exercises[1].Start
	tests := []struct {
		name    string
		act     func(p *player.Player, now time.Time) []player.Event
		at      time.Duration // routine time of the action
		want    []string      // kinds and details of the events
		state   player.State
		current time.Duration // routine offset after
	}{
		{"skip", (*player.Player).Skip, 20 * time.Second,
			[]string{"end 0 skipped", "start intro 1"}, player.Playing, second},
		{"back restarts", (*player.Player).Back, 20 * time.Second,
			[]string{"start intro 0"}, player.Playing, 0},
		{"back within grace goes to the previous", (*player.Player).Back, second + 2*time.Second,
			[]string{"start intro 0"}, player.Playing, 0},
		{"back on the first restarts it", (*player.Player).Back, time.Second,
			[]string{"start intro 0"}, player.Playing, 0},
		{"quit", (*player.Player).Quit, 20 * time.Second,
			[]string{"end 0 skipped", "session stopped"}, player.Finished, 20 * time.Second},
		{"quit at finish completes", (*player.Player).Quit, tl.Duration - time.Second,
			[]string{"session completed"}, player.Finished, tl.Duration - time.Second},
	}
	for _, reason := range journal.StopReasons {
		want := []string{"end 0 stopped " + string(reason), "start intro 1"}
		state, current := player.Playing, second
		if reason.EndsSession() {
			want = []string{"end 0 stopped " + string(reason), "session stopped " + string(reason)}
			state, current = player.Finished, 20*time.Second
		}
		tests = append(tests, struct {
			name    string
			act     func(p *player.Player, now time.Time) []player.Event
			at      time.Duration
			want    []string
			state   player.State
			current time.Duration
		}{"stop " + string(reason), func(p *player.Player, now time.Time) []player.Event {
			p.AskStop(now)
			if p.State() != player.Asking || p.Update(now.Add(time.Hour)) != nil {
				t.Fatal("asking must freeze time")
			}
			return p.Stop(now, reason)
		}, 20 * time.Second, want, state, current})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := player.New(tl, 1)
			p.Start(t0)
			now := t0.Add(tt.at)
			p.Update(now)
			got := describe(tl, tt.act(p, now))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if p.State() != tt.state {
				t.Errorf("state %v, want %v", p.State(), tt.state)
			}
			p.Pause(now)
			if off := p.Offset(now); off != tt.current {
				t.Errorf("offset %v, want %v", off, tt.current)
			}
		})
	}
}

func TestCancelStopResumes(t *testing.T) {
	tl := compile(t, "quick-daily-reset")
	p := player.New(tl, 1)
	p.Start(t0)
	p.AskStop(t0.Add(3 * time.Second))
	p.CancelStop(t0.Add(30 * time.Second))
	if p.State() != player.Playing || p.Offset(t0.Add(31*time.Second)) != 4*time.Second {
		t.Fatalf("state %v offset %v", p.State(), p.Offset(t0.Add(31*time.Second)))
	}
}

func TestExerciseStartTimes(t *testing.T) {
	tl := compile(t, "quick-daily-reset")
	p := player.New(tl, 2)
	evs, _ := playAll(t, p, t0, func() time.Duration { return 0 })
	for _, e := range evs {
		if e.Kind == player.ExerciseEnd {
			b := tl.Exercises[e.Exercise]
			if want := t0.Add(b.Start / 2); !e.Started.Equal(want) {
				t.Errorf("exercise %d started %v, want %v", e.Exercise, e.Started, want)
			}
			if want := t0.Add((b.Start + b.Duration) / 2); !e.Due.Equal(want) {
				t.Errorf("exercise %d ended %v, want %v", e.Exercise, e.Due, want)
			}
		}
	}
}

func TestProgress(t *testing.T) {
	tl := compile(t, "quick-daily-reset")
	p := player.New(tl, 1)
	p.Start(t0)
	now := t0.Add(tl.Exercises[1].Start + tl.Exercises[1].Duration/2)
	p.Update(now)
	pr := p.Progress(now)
	if pr.ExerciseNumber != 2 || pr.NextExercise != 2 || pr.ExercisesInTotal != 3 {
		t.Errorf("progress %+v", pr)
	}
	if pr.ExerciseDone < 0.49 || pr.ExerciseDone > 0.51 {
		t.Errorf("exercise done %v, want about half", pr.ExerciseDone)
	}
	if pr.SessionDone <= 0 || pr.SessionDone >= 1 || pr.Elapsed != now.Sub(t0) {
		t.Errorf("session progress %+v", pr)
	}
}

func describe(tl *timeline.Timeline, evs []player.Event) []string {
	var out []string
	for _, e := range evs {
		switch e.Kind {
		case player.SegmentStart:
			s := tl.Segments[e.Segment]
			out = append(out, "start "+string(s.Phase)+" "+itoa(s.Exercise))
		case player.ExerciseEnd:
			d := "end " + itoa(e.Exercise) + " " + string(e.Outcome)
			if e.StopReason != "" {
				d += " " + string(e.StopReason)
			}
			out = append(out, d)
		case player.SessionEnd:
			d := "session " + string(e.Status)
			if e.StopReason != "" {
				d += " " + string(e.StopReason)
			}
			out = append(out, d)
		}
	}
	return out
}

func itoa(n int) string {
	if n < 0 {
		return "-"
	}
	return string(rune('0' + n))
}

// Every end of an exercise is a new attempt: going back over a stopped or
// done exercise and ending it again never reuses the attempt already ended.
func TestAttemptsAfterBack(t *testing.T) {
	tl := compile(t, "quick-daily-reset")
	p := player.New(tl, 1)
	p.Start(t0)
	second := tl.Exercises[1].Start
	var ends []string
	collect := func(evs []player.Event) {
		for _, e := range evs {
			if e.Kind == player.ExerciseEnd {
				ends = append(ends, fmt.Sprintf("%d#%d %s", e.Exercise, e.Attempt, e.Outcome))
			}
		}
	}
	at := t0.Add(second + 10*time.Second)
	collect(p.Update(at))                                        // exercise 0 done
	collect(p.Stop(at, journal.Discomfort))                      // exercise 1 stopped, on to 2
	collect(p.Back(at.Add(time.Second)))                         // within the grace: back to 1
	collect(p.Skip(at.Add(2 * time.Second)))                     // 1 again: skipped, a second attempt
	collect(p.Back(at.Add(2*time.Second + 10*time.Millisecond))) // back to 1 once more
	collect(p.Quit(at.Add(3 * time.Second)))                     // a third attempt
	want := []string{"0#1 done", "1#1 stopped", "1#2 skipped", "1#3 skipped"}
	if diff := cmp.Diff(want, ends); diff != "" {
		t.Errorf("exercise ends (-want +got):\n%s", diff)
	}
}
