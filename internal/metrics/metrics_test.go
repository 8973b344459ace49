package metrics_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/metrics"
)

func TestExposition(t *testing.T) {
	r := metrics.NewRegistry()
	c := r.NewCounterVec("t_requests_total", "Requests, by route and code.", "route", "code")
	g := r.NewGauge("t_in_flight", "Requests now.")
	h := r.NewHistogramVec("t_seconds", "Time taken.", "route", []float64{0.1, 0.01, 1})
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc("/a", "200")
			g.Inc()
			h.Observe("/a", 0.005)
			g.Dec()
		}()
	}
	wg.Wait()
	c.Inc(`/b"q`, "404")
	h.Observe("/a", 0.5)
	h.Observe("/a", 3)
	var buf bytes.Buffer
	if _, err := r.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	want := []string{
		"# HELP t_requests_total Requests, by route and code.",
		"# TYPE t_requests_total counter",
		`t_requests_total{route="/a",code="200"} 50`,
		`t_requests_total{route="/b\"q",code="404"} 1`,
		"# TYPE t_in_flight gauge",
		"t_in_flight 0",
		"# TYPE t_seconds histogram",
		`t_seconds_bucket{route="/a",le="0.01"} 50`,
		`t_seconds_bucket{route="/a",le="0.1"} 50`,
		`t_seconds_bucket{route="/a",le="1"} 51`,
		`t_seconds_bucket{route="/a",le="+Inf"} 52`,
		`t_seconds_sum{route="/a"} 3.75`,
		`t_seconds_count{route="/a"} 52`,
		"# TYPE go_goroutines gauge",
		"# TYPE process_start_time_seconds gauge",
	}
	for _, w := range want {
		if !strings.Contains(out, w+"\n") {
			t.Errorf("exposition lacks %q:\n%s", w, out)
		}
	}
	// Every sample line is "name{labels} value" or "name value".
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if f := strings.Fields(line); len(f) != 2 {
			t.Errorf("malformed sample %q", line)
		}
	}
	var again bytes.Buffer
	r.WriteTo(&again)
	strip := func(s string) string { // runtime figures move between scrapes
		return s[:strings.Index(s, "# HELP go_goroutines")]
	}
	if diff := cmp.Diff(strip(out), strip(again.String())); diff != "" {
		t.Errorf("a second scrape differs (-first +second):\n%s", diff)
	}
}

// A counter or histogram found once (With) counts into the same series as
// Inc and Observe with the same labels.
func TestWith(t *testing.T) {
	r := metrics.NewRegistry()
	c := r.NewCounterVec("t_total", "Requests.", "route", "code")
	h := r.NewHistogramVec("t_seconds", "Time taken.", "route", []float64{0.01, 0.1})
	one, hist := c.With("/a", "200"), h.With("/a")
	var wg sync.WaitGroup
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			one.Inc()
			c.Inc("/a", "200")
			hist.Observe(0.005)
			h.Observe("/a", 0.05)
		}()
	}
	wg.Wait()
	var buf bytes.Buffer
	if _, err := r.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`t_total{route="/a",code="200"} 80`, `t_seconds_bucket{route="/a",le="0.01"} 40`,
		`t_seconds_bucket{route="/a",le="0.1"} 80`, `t_seconds_count{route="/a"} 80`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("no %q in:\n%s", want, buf.String())
		}
	}
}
