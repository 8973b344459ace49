// Package rectime times the phases of recording an exercise outcome on a
// server (decoding the request, the checks, queueing for the group commit,
// waiting for it, answering), for finding where a slow request spent its
// time. It is off unless Start turned it on (`unhunch serve` does when
// UNHUNCH_RECTIME names a file); off, each timing point costs a nil check.
//
// Durations are counted in a histogram of 16 buckets per power of two of
// nanoseconds, without locks: the quantiles it reports are the upper bound
// of their bucket, at most 1/16 (6.25%) above the true value; the maximum
// is exact.
package rectime

import (
	"fmt"
	"math/bits"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// Phase is one step of recording an outcome.
type Phase int

// The phases of recording an outcome, in the order they happen.
const (
	Decode  Phase = iota // reading and decoding the request's body
	Checks               // the session's head and the outcome's checks
	Enqueue              // handing the outcome to the group committer
	Wait                 // waiting for the transaction that holds it to commit
	Respond              // writing the answer
	Total                // the handler from start to end
	phases
)

// names are the phases' names in the summary.
var names = [phases]string{"decode", "checks", "enqueue", "wait", "respond", "total"}

// String returns the phase's name in the summary ("decode", "wait"…).
func (p Phase) String() string {
	if p < 0 || p >= phases {
		return fmt.Sprintf("phase%d", int(p))
	}
	return names[p]
}

// sub is the number of buckets per power of two.
const sub = 16

// buckets covers every int64 duration: 64 powers of two of sub buckets.
const buckets = 64 * sub

// hist counts durations of one phase.
type hist struct {
	n      atomic.Int64
	max    atomic.Int64
	counts [buckets]atomic.Int64
}

// bucket returns the bucket of d (ns ≥ 0): below 2·sub each value has its
// own; above, sub buckets per power of two.
func bucket(d int64) int {
	if d < 2*sub {
		return int(d)
	}
	e := bits.Len64(uint64(d)) - 1 // d in [2^e, 2^(e+1))
	m := int(d>>(e-4)) - sub       // the 4 bits after the leading one
	return (e-3)*sub + m           // e=5 gives 2*sub.., continuing from the exact ones
}

// upper returns the largest duration in bucket b.
func upper(b int) int64 {
	if b < 2*sub {
		return int64(b)
	}
	e := b/sub + 3
	m := int64(b%sub + sub)
	return (m+1)<<(e-4) - 1
}

// add counts d.
func (h *hist) add(d time.Duration) {
	ns := max(int64(d), 0)
	h.counts[bucket(ns)].Add(1)
	h.n.Add(1)
	for {
		m := h.max.Load()
		if ns <= m || h.max.CompareAndSwap(m, ns) {
			return
		}
	}
}

// quantile returns the upper bound of the bucket holding the q-quantile
// (0 < q ≤ 1) of the n durations counted.
func (h *hist) quantile(q float64, n int64) time.Duration {
	rank := int64(q*float64(n) + 0.999999) // the smallest rank with at least q of them at or below
	var seen int64
	for b := range h.counts {
		seen += h.counts[b].Load()
		if seen >= rank {
			return time.Duration(min(upper(b), h.max.Load()))
		}
	}
	return time.Duration(h.max.Load())
}

// Timer counts the durations of each phase. Its methods are safe for
// concurrent use, and do nothing on a nil *Timer.
type Timer struct {
	h [phases]hist
}

// active is the timer Start turned on; nil when off.
var active atomic.Pointer[Timer]

// On returns the timer Start turned on, or nil when timing is off: a
// caller checks it once per request and passes it along.
func On() *Timer { return active.Load() }

// Mark counts the time since from (a previous Mark's result, or
// time.Now() at the start) as phase p and returns now, to start the next
// phase from. On a nil Timer it returns the zero time and reads no clock.
func (t *Timer) Mark(p Phase, from time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	now := time.Now()
	t.Add(p, now.Sub(from))
	return now
}

// Now returns the time now, or the zero time (without reading the clock)
// on a nil Timer.
func (t *Timer) Now() time.Time {
	if t == nil {
		return time.Time{}
	}
	return time.Now()
}

// Add counts d as one duration of phase p.
func (t *Timer) Add(p Phase, d time.Duration) {
	if t == nil || p < 0 || p >= phases {
		return
	}
	t.h[p].add(d)
}

// Stats is what a Timer counted of one phase.
type Stats struct {
	Phase    Phase
	Count    int64
	P50, P99 time.Duration // upper bounds of their histogram buckets (≤ 6.25% above)
	Max      time.Duration
}

// Stats returns what t counted of each phase that has been counted, in
// phase order.
func (t *Timer) Stats() []Stats {
	if t == nil {
		return nil
	}
	var out []Stats
	for p := range phases {
		h := &t.h[p]
		n := h.n.Load()
		if n == 0 {
			continue
		}
		out = append(out, Stats{Phase: p, Count: n, P50: h.quantile(0.5, n), P99: h.quantile(0.99, n), Max: time.Duration(h.max.Load())})
	}
	return out
}

// Line returns the summary line of one phase:
// "wait count=1200 p50=1.02ms p99=8.19ms max=12.5ms".
func Line(s Stats) string {
	return fmt.Sprintf("%s count=%d p50=%s p99=%s max=%s", s.Phase, s.Count, ms(s.P50), ms(s.P99), ms(s.Max))
}

// ms writes d in milliseconds: three significant digits, and whole
// milliseconds from 100 on.
func ms(d time.Duration) string {
	f := float64(d) / float64(time.Millisecond)
	if f >= 100 {
		return fmt.Sprintf("%.0fms", f)
	}
	return fmt.Sprintf("%.3gms", f)
}

// Summary returns one Line per phase counted, each ending in a newline.
func (t *Timer) Summary() string {
	var b strings.Builder
	for _, s := range t.Stats() {
		b.WriteString(Line(s))
		b.WriteByte('\n')
	}
	return b.String()
}

// Start turns timing on for the whole process (On returns the new timer)
// and returns the function that turns it off and writes the summary to
// file (created or replaced). Only one timing runs at a time: a second
// Start replaces the first's timer.
func Start(file string) (stop func() error) {
	t := &Timer{}
	active.Store(t)
	return func() error {
		active.CompareAndSwap(t, nil)
		if err := os.WriteFile(file, []byte(t.Summary()), 0o644); err != nil {
			return fmt.Errorf("rectime: write summary: %w", err)
		}
		return nil
	}
}
