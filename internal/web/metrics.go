package web

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unhunch/unhunch/internal/metrics"
)

// metrics are the server's Prometheus metrics.
type metricSet struct {
	reg      *metrics.Registry
	requests *metrics.CounterVec
	duration *metrics.HistogramVec
	inFlight *metrics.Gauge
}

// newMetrics registers the request metrics on reg (the Go runtime's and the
// process's basic figures come with every registry).
func newMetrics(reg *metrics.Registry) *metricSet {
	return &metricSet{
		reg: reg,
		requests: reg.NewCounterVec("unhunch_http_requests_total",
			"HTTP requests answered, by route, method and status code.", "route", "method", "code"),
		duration: reg.NewHistogramVec("unhunch_http_request_duration_seconds", "Time to answer HTTP requests, by route.",
			"route", []float64{.0005, .001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5}),
		inFlight: reg.NewGauge("unhunch_http_requests_in_flight", "HTTP requests being answered now."),
	}
}

// handler serves the metrics in Prometheus's text format.
func (m *metricSet) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.reg.WriteTo(w)
	})
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

// statusWriters are kept for reuse, one taken for each request
// (instrument) and put back zeroed.
var statusWriters = sync.Pool{New: func() any { return new(statusWriter) }}

// WriteHeader records the status.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write records the size.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// routeMetrics are a route's series of the request metrics, found at the
// first request that needs each and then counted without a lookup (a series
// appears in /metrics only once counted, as before).
type routeMetrics struct {
	duration atomic.Pointer[metrics.Histogram]
	// hot are the counters of the commonest answers: GET, HEAD and POST
	// (hotMethod) answered 200 or 304 (hotStatus); others are counted
	// through CounterVec.Inc.
	hot [3][2]atomic.Pointer[metrics.Counter]
}

// hotMethod is the index of a method among routeMetrics.hot, or -1.
func hotMethod(m string) int {
	switch m {
	case http.MethodGet:
		return 0
	case http.MethodHead:
		return 1
	case http.MethodPost:
		return 2
	}
	return -1
}

// hotStatus is the index of a status among routeMetrics.hot, or -1.
func hotStatus(status int) int {
	switch status {
	case http.StatusOK:
		return 0
	case http.StatusNotModified:
		return 1
	}
	return -1
}

// count counts one answer of the route.
func (rm *routeMetrics) count(m *metricSet, route, method string, status int) {
	i, j := hotMethod(method), hotStatus(status)
	if i < 0 || j < 0 {
		m.requests.Inc(route, methodLabel(method), statusLabel(status))
		return
	}
	c := rm.hot[i][j].Load()
	if c == nil {
		made := m.requests.With(route, method, statusLabel(status))
		c = &made
		rm.hot[i][j].Store(c)
	}
	c.Inc()
}

// observe records how long an answer of the route took.
func (rm *routeMetrics) observe(m *metricSet, route string, d time.Duration) {
	h := rm.duration.Load()
	if h == nil {
		made := m.duration.With(route)
		h = &made
		rm.duration.Store(h)
	}
	h.Observe(d.Seconds())
}

// statusLabels are the metrics labels of the statuses 100–599, made at the
// first request (not at start-up: every command of the binary would pay).
var statusLabels = sync.OnceValue(func() *[600]string {
	var l [600]string
	for i := 100; i < len(l); i++ {
		l[i] = strconv.Itoa(i)
	}
	return &l
})

// statusLabel is the metrics label of an HTTP status.
func statusLabel(status int) string {
	if l := statusLabels(); status >= 100 && status < len(l) {
		return l[status]
	}
	return strconv.Itoa(status)
}

// instrument counts, times and logs each request to route (the pattern, so
// that ids do not make a metric per session) and its method from a fixed set
// (methodLabel), so that no request can add a series of its own.
//
// The log line is handed to the logger's handler straight, with no caller
// recorded (slog.Logger would walk the stack for one at every request, and
// the handler, as `unhunch serve` makes it, does not print it); to
// NewLogHandler's, as its fields, with no record made.
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	m := s.metrics
	rm := &routeMetrics{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Inc()
		sw := statusWriters.Get().(*statusWriter)
		sw.ResponseWriter = w
		next.ServeHTTP(sw, r)
		m.inFlight.Dec()
		status, bytes := sw.status, sw.bytes
		// Kept for the next request once nothing holds it: a handler
		// that panicked leaves it to the garbage collector.
		*sw = statusWriter{}
		statusWriters.Put(sw)
		if status == 0 {
			status = http.StatusOK
		}
		d := time.Since(start)
		rm.count(m, route, r.Method, status)
		rm.observe(m, route, d)
		h := s.log.Handler()
		if !h.Enabled(r.Context(), slog.LevelInfo) {
			return
		}
		if lh, ok := h.(*logHandler); ok {
			lh.request(r.Context(), start.Add(d), methodLabel(r.Method), logPath(r.URL.Path), route, status, bytes, d)
			return
		}
		rec := slog.NewRecord(start.Add(d), slog.LevelInfo, "request", 0)
		rec.AddAttrs(slog.String("method", methodLabel(r.Method)), slog.String("path", logPath(r.URL.Path)), slog.String("route", route),
			slog.Int("status", status), slog.Int("bytes", bytes), slog.Duration("took", d))
		h.Handle(r.Context(), rec)
	})
}
