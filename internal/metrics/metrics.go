// Package metrics keeps the web server's counters and histograms and writes
// them in Prometheus's text exposition format (version 0.0.4). It is written
// by hand because the Prometheus client library's package initialisation
// alone cost the command line more than a millisecond at every start, and
// unhunch needs only counters, a gauge, histograms and a few runtime figures.
package metrics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Registry holds metrics and writes them out.
type Registry struct {
	mu      sync.Mutex
	metrics []metric
	started time.Time
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{started: time.Now()} }

type metric interface {
	write(w *bufio.Writer)
}

// header writes a metric family's HELP and TYPE lines.
func header(w *bufio.Writer, name, help, typ string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, escapeHelp(help), name, typ)
}

func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`).Replace(s)
}

// labels renders {a="x",b="y"}.
func labels(names, values []string) string {
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(n)
		b.WriteString(`="`)
		b.WriteString(escapeLabel(values[i]))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

func number(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// CounterVec is a counter per combination of label values.
type CounterVec struct {
	name, help string
	labels     []string
	mu         sync.RWMutex
	values     map[string]*counterValue
}

type counterValue struct {
	labels []string
	n      atomic.Uint64
}

// NewCounterVec registers a counter with the given label names.
func (r *Registry) NewCounterVec(name, help string, labelNames ...string) *CounterVec {
	c := &CounterVec{name: name, help: help, labels: labelNames, values: map[string]*counterValue{}}
	r.add(c)
	return c
}

// Inc adds one to the counter for these label values.
func (c *CounterVec) Inc(values ...string) {
	key := strings.Join(values, "\xff")
	c.mu.RLock()
	v, ok := c.values[key]
	c.mu.RUnlock()
	if !ok {
		c.mu.Lock()
		if v, ok = c.values[key]; !ok {
			v = &counterValue{labels: append([]string(nil), values...)}
			c.values[key] = v
		}
		c.mu.Unlock()
	}
	v.n.Add(1)
}

// Counter is the counter of one combination of label values of a
// CounterVec, found once (With) and then counted without a lookup.
type Counter struct{ v *counterValue }

// With returns the counter for these label values, made if new.
func (c *CounterVec) With(values ...string) Counter {
	key := strings.Join(values, "\xff")
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.values[key]
	if !ok {
		v = &counterValue{labels: append([]string(nil), values...)}
		c.values[key] = v
	}
	return Counter{v}
}

// Inc adds one.
func (c Counter) Inc() { c.v.n.Add(1) }

func (c *CounterVec) write(w *bufio.Writer) {
	header(w, c.name, c.help, "counter")
	c.mu.RLock()
	keys := make([]string, 0, len(c.values))
	for k := range c.values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := c.values[k]
		fmt.Fprintf(w, "%s%s %d\n", c.name, labels(c.labels, v.labels), v.n.Load())
	}
	c.mu.RUnlock()
}

// Gauge is a value that goes up and down.
type Gauge struct {
	name, help string
	v          atomic.Int64
}

// NewGauge registers a gauge.
func (r *Registry) NewGauge(name, help string) *Gauge {
	g := &Gauge{name: name, help: help}
	r.add(g)
	return g
}

// Inc adds one.
func (g *Gauge) Inc() { g.v.Add(1) }

// Dec takes one away.
func (g *Gauge) Dec() { g.v.Add(-1) }

func (g *Gauge) write(w *bufio.Writer) {
	header(w, g.name, g.help, "gauge")
	fmt.Fprintf(w, "%s %d\n", g.name, g.v.Load())
}

// HistogramVec is a histogram per value of one label.
type HistogramVec struct {
	name, help string
	label      string
	buckets    []float64 // upper bounds, ascending
	mu         sync.RWMutex
	values     map[string]*histogram
}

type histogram struct {
	mu     sync.Mutex
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

// NewHistogramVec registers a histogram with the given bucket bounds and one label.
func (r *Registry) NewHistogramVec(name, help, label string, buckets []float64) *HistogramVec {
	h := &HistogramVec{name: name, help: help, label: label, buckets: append([]float64(nil), buckets...), values: map[string]*histogram{}}
	sort.Float64s(h.buckets)
	r.add(h)
	return h
}

// Observe records one value for the label value.
func (h *HistogramVec) Observe(labelValue string, v float64) {
	h.mu.RLock()
	x, ok := h.values[labelValue]
	h.mu.RUnlock()
	if !ok {
		x = h.With(labelValue).x
	}
	x.observe(h.buckets, v)
}

// Histogram is the histogram of one label value of a HistogramVec, found
// once (With) and then observed without a lookup.
type Histogram struct {
	x       *histogram
	buckets []float64
}

// With returns the histogram for the label value, made if new.
func (h *HistogramVec) With(labelValue string) Histogram {
	h.mu.Lock()
	defer h.mu.Unlock()
	x, ok := h.values[labelValue]
	if !ok {
		x = &histogram{counts: make([]uint64, len(h.buckets)+1)}
		h.values[labelValue] = x
	}
	return Histogram{x, h.buckets}
}

// Observe records one value.
func (h Histogram) Observe(v float64) { h.x.observe(h.buckets, v) }

// observe records one value against the bucket bounds.
func (x *histogram) observe(buckets []float64, v float64) {
	i := sort.SearchFloat64s(buckets, v) // first bound >= v
	x.mu.Lock()
	x.counts[i]++
	x.sum += v
	x.count++
	x.mu.Unlock()
}

func (h *HistogramVec) write(w *bufio.Writer) {
	header(w, h.name, h.help, "histogram")
	h.mu.RLock()
	keys := make([]string, 0, len(h.values))
	for k := range h.values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		x := h.values[k]
		x.mu.Lock()
		counts, sum, count := append([]uint64(nil), x.counts...), x.sum, x.count
		x.mu.Unlock()
		var cum uint64
		for i, b := range h.buckets {
			cum += counts[i]
			fmt.Fprintf(w, "%s_bucket%s %d\n", h.name, labels([]string{h.label, "le"}, []string{k, number(b)}), cum)
		}
		fmt.Fprintf(w, "%s_bucket%s %d\n", h.name, labels([]string{h.label, "le"}, []string{k, "+Inf"}), count)
		fmt.Fprintf(w, "%s_sum%s %s\n", h.name, labels([]string{h.label}, []string{k}), number(sum))
		fmt.Fprintf(w, "%s_count%s %d\n", h.name, labels([]string{h.label}, []string{k}), count)
	}
	h.mu.RUnlock()
}

func (r *Registry) add(m metric) {
	r.mu.Lock()
	r.metrics = append(r.metrics, m)
	r.mu.Unlock()
}

// WriteTo writes every metric, then the Go runtime's and the process's
// basic figures, in Prometheus's text format.
func (r *Registry) WriteTo(out io.Writer) (int64, error) {
	cw := &countingWriter{w: out}
	w := bufio.NewWriter(cw)
	r.mu.Lock()
	list := append([]metric(nil), r.metrics...)
	r.mu.Unlock()
	for _, m := range list {
		m.write(w)
	}
	r.runtime(w)
	err := w.Flush()
	return cw.n, err
}

// runtime writes the figures an operator looks at first.
func (r *Registry) runtime(w *bufio.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	header(w, "go_goroutines", "Goroutines that currently exist.", "gauge")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
	header(w, "go_memstats_heap_alloc_bytes", "Bytes of allocated heap objects.", "gauge")
	fmt.Fprintf(w, "go_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	header(w, "go_memstats_sys_bytes", "Bytes of memory obtained from the operating system.", "gauge")
	fmt.Fprintf(w, "go_memstats_sys_bytes %d\n", ms.Sys)
	header(w, "go_gc_cycles_total", "Completed garbage collection cycles.", "counter")
	fmt.Fprintf(w, "go_gc_cycles_total %d\n", ms.NumGC)
	header(w, "process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.", "gauge")
	fmt.Fprintf(w, "process_start_time_seconds %s\n", number(float64(r.started.UnixMilli())/1000))
	if rss, ok := residentBytes(); ok {
		header(w, "process_resident_memory_bytes", "Resident memory size, in bytes.", "gauge")
		fmt.Fprintf(w, "process_resident_memory_bytes %d\n", rss)
	}
}

// residentBytes reads the resident set size from /proc (Linux only).
func residentBytes() (int64, bool) {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(data))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
