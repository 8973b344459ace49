package rectime_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/rectime"
)

// The summary line of a phase: its name, count, quantiles and maximum in
// milliseconds to three significant digits (whole ones from 100 on).
func TestLine(t *testing.T) {
	cases := []struct {
		name string
		s    rectime.Stats
		want string
	}{
		{"small", rectime.Stats{Phase: rectime.Decode, Count: 3, P50: 12 * time.Microsecond, P99: 40 * time.Microsecond, Max: 41 * time.Microsecond},
			"decode count=3 p50=0.012ms p99=0.04ms max=0.041ms"},
		{"milliseconds", rectime.Stats{Phase: rectime.Wait, Count: 1200, P50: 1020 * time.Microsecond, P99: 8190 * time.Microsecond, Max: 12500 * time.Microsecond},
			"wait count=1200 p50=1.02ms p99=8.19ms max=12.5ms"},
		{"seconds", rectime.Stats{Phase: rectime.Total, Count: 1, P50: 1234 * time.Millisecond, P99: 1234 * time.Millisecond, Max: 1234 * time.Millisecond},
			"total count=1 p50=1234ms p99=1234ms max=1234ms"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, rectime.Line(c.s)); diff != "" {
				t.Errorf("Line (-want +got):\n%s", diff)
			}
		})
	}
}

// Start turns timing on (On returns its timer, nil before and after), and
// its stop writes one line per phase counted, with quantiles within a
// bucket (6.25%) of the true ones and the exact maximum.
func TestStart(t *testing.T) {
	if rectime.On() != nil {
		t.Fatal("timing on before Start")
	}
	var off *rectime.Timer
	if got := off.Mark(rectime.Decode, time.Now()); !got.IsZero() {
		t.Errorf("Mark on a nil timer = %v, want the zero time", got)
	}
	file := filepath.Join(t.TempDir(), "rectime.txt")
	stop := rectime.Start(file)
	tm := rectime.On()
	if tm == nil {
		t.Fatal("On = nil after Start")
	}
	for i := 1; i <= 100; i++ {
		tm.Add(rectime.Wait, time.Duration(i)*time.Millisecond)
	}
	tm.Add(rectime.Respond, 5*time.Microsecond)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if rectime.On() != nil {
		t.Error("timing still on after stop")
	}
	stats := tm.Stats()
	if len(stats) != 2 || stats[0].Phase != rectime.Wait || stats[1].Phase != rectime.Respond {
		t.Fatalf("Stats = %+v, want wait then respond", stats)
	}
	w := stats[0]
	within := func(got, want time.Duration) bool { return got >= want && float64(got) <= float64(want)*1.0625 }
	if w.Count != 100 || !within(w.P50, 50*time.Millisecond) || !within(w.P99, 99*time.Millisecond) || w.Max != 100*time.Millisecond {
		t.Errorf("wait = %+v, want count 100, p50 ≈ 50ms, p99 ≈ 99ms, max 100ms", w)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := rectime.Line(stats[0]) + "\n" + rectime.Line(stats[1]) + "\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(string(got), "wait count=100 ") {
		t.Errorf("summary starts %q", string(got))
	}
}
