package coach_test

import (
	"context"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/coach"
)

// clockedVoice records when each cue reaches the voice.
type clockedVoice struct {
	mu   sync.Mutex
	cues []string
	at   []time.Time
}

func (v *clockedVoice) Say(text string) {
	now := time.Now()
	v.mu.Lock()
	v.cues, v.at = append(v.cues, text), append(v.at, now)
	v.mu.Unlock()
}
func (v *clockedVoice) Close() {}

// cueErrors plays o for at most limit of wall time with the line driver and
// returns how late each segment's cue reached the voice.
func cueErrors(b *testing.B, o coach.Options, limit time.Duration) []time.Duration {
	v := &clockedVoice{}
	o.Voice, o.Talking, o.Sink = v, true, &recorder{}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	coach.Lines(ctx, o, io.Discard)
	var errs []time.Duration
	seg := 0
	for i, cue := range v.cues {
		// Countdown numbers are spoken too; match cues to segments in order.
		for seg < len(o.Timeline.Segments) && o.Timeline.Segments[seg].Cue != cue {
			if len(cue) == 1 { // a countdown digit
				break
			}
			seg++
		}
		if len(cue) == 1 || seg >= len(o.Timeline.Segments) {
			continue
		}
		due := start.Add(time.Duration(float64(o.Timeline.Segments[seg].Start) / o.Scale))
		errs = append(errs, v.at[i].Sub(due))
		seg++
	}
	return errs
}

func report(b *testing.B, errs []time.Duration) {
	if len(errs) == 0 {
		b.Fatal("no cues measured")
	}
	slices.Sort(errs)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(errs[len(errs)/2]), "p50-ms")
	b.ReportMetric(ms(errs[len(errs)*99/100]), "p99-ms")
	b.ReportMetric(ms(errs[len(errs)-1]), "max-ms")
	b.ReportMetric(float64(len(errs)), "cues")
}

// BenchmarkCueTiming measures how far from schedule cues reach the voice
// (within 15 ms at p99, no drift). Run with -benchtime 1x:
// the first sub-benchmark plays 60 s in real time.
func BenchmarkCueTiming(b *testing.B) {
	b.Run("scale1-60s", func(b *testing.B) {
		o := options(b, "posture-support", nil)
		for b.Loop() {
			report(b, cueErrors(b, o, 60*time.Second))
		}
	})
	b.Run("posture-support-scale30", func(b *testing.B) {
		o := options(b, "posture-support", nil)
		o.Scale = 30
		for b.Loop() {
			report(b, cueErrors(b, o, time.Hour))
		}
	})
}
