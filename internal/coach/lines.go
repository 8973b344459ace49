package coach

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/player"
	"github.com/unhunch/unhunch/timeline"
)

// Lines plays a session without a terminal, printing one line to w as each
// segment begins (for screen readers, logs and scripts) and one as each
// exercise is saved. Cancelling ctx quits, saving what was done. Timers wait
// for absolute deadlines from the player, so lateness never accumulates.
func Lines(ctx context.Context, o Options, w io.Writer) Result {
	tl := o.Timeline
	p := player.New(tl, o.Scale)
	var res Result
	save := func(err error) {
		if err != nil {
			res.SaveErrors = append(res.SaveErrors, err)
			fmt.Fprintln(w, message.Text(message.CoachSaveFailed, err))
		}
	}
	handle := func(evs []player.Event) {
		for _, ev := range evs {
			announce(&o, tl, ev)
			switch ev.Kind {
			case player.SegmentStart:
				fmt.Fprintln(w, segmentLine(tl, o.Names, ev.Segment))
			case player.ExerciseEnd:
				err := o.Sink.Exercise(ev)
				save(err)
				if err == nil {
					fmt.Fprintln(w, outcomeLine(o.Names[ev.Exercise], ev))
				}
			case player.SessionEnd:
				res.Status, res.StopReason = ev.Status, ev.StopReason
				save(o.Sink.Finish(ev))
			}
		}
	}
	for _, n := range o.Notes {
		fmt.Fprintln(w, n)
	}
	now := o.now()
	save(o.Sink.Start(now, o.PainBefore))
	handle(p.Start(now))
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for p.State() != player.Finished {
		due, ok := p.NextDue()
		if !ok {
			break
		}
		timer.Reset(time.Until(due))
		select {
		case <-ctx.Done():
			handle(p.Quit(o.now()))
		case <-timer.C:
			handle(p.Update(o.now()))
		}
	}
	if o.PainAfter != nil && res.Status != "" {
		save(o.Sink.PainAfter(*o.PainAfter))
	}
	fmt.Fprintln(w, endedLine(res))
	if res.StopReason.EndsSession() {
		fmt.Fprintln(w, message.Text(message.Key("coach.advice."+string(res.StopReason))))
	}
	return res
}

// segmentLine describes one segment in a line: its start, the exercise,
// the phase, side, set and rep, and the cue.
func segmentLine(tl *timeline.Timeline, names []string, i int) string {
	s := tl.Segments[i]
	name := message.Text(message.LabelFinish)
	detail := ""
	if s.Exercise >= 0 {
		name = names[s.Exercise]
		a := tl.Exercises[s.Exercise].Amount
		if s.Rep > 0 {
			detail = message.Text(message.CoachRepOf, s.Rep, max(a.Reps, 1))
			if a.Sets > 1 {
				detail = message.Text(message.CoachSetOf, s.Set, a.Sets) + ", " + detail
			}
		}
		if s.Side != "" {
			detail = joinDetail(detail, message.Text(message.Key("side.short."+string(s.Side))))
		}
	}
	phase := message.Text(message.Key("phase." + string(s.Phase)))
	line := fmt.Sprintf("%s  %s: %s", clock(s.Start), name, phase)
	if detail != "" {
		line += " (" + detail + ")"
	}
	return line + ". " + s.Cue
}

func joinDetail(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}

// outcomeLine says an exercise's outcome was saved.
func outcomeLine(name string, ev player.Event) string {
	out := message.Text(message.Key("outcome." + string(ev.Outcome)))
	if ev.StopReason != "" {
		out += " (" + message.Text(message.Key("stop."+string(ev.StopReason))) + ")"
	}
	return message.Text(message.CoachSaved, name, out)
}

// clock renders a routine offset as m:ss.
func clock(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// StopKey returns the key that stops for reason: the reason's place in
// journal.StopReasons, from 1, so the menu can never offer fewer reasons
// than the journal records.
func StopKey(reason journal.StopReason) string {
	return strconv.Itoa(slices.Index(journal.StopReasons, reason) + 1)
}

// stopReasonFor returns the reason a key of the stop question stands for.
func stopReasonFor(k string) (journal.StopReason, bool) {
	for _, r := range journal.StopReasons {
		if StopKey(r) == k {
			return r, true
		}
	}
	return "", false
}

// StopMenu is the stop question with every reason and its key, in order.
func StopMenu() string {
	items := make([]string, len(journal.StopReasons))
	for i, r := range journal.StopReasons {
		items[i] = StopKey(r) + " " + message.Text(message.Key("stop."+string(r)))
	}
	return message.Text(message.CoachStopWhy, strings.Join(items, " · "))
}
