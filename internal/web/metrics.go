package web

import (
	"log/slog"
	"net/http"
	"strconv"
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

// instrument counts, times and logs each request to route (the pattern, so
// that ids do not make a metric per session) and its method from a fixed set
// (methodLabel), so that no request can add a series of its own.
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	m := s.metrics
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Inc()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		m.inFlight.Dec()
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		m.requests.Inc(route, methodLabel(r.Method), strconv.Itoa(sw.status))
		m.duration.Observe(route, d.Seconds())
		if s.log.Enabled(r.Context(), slog.LevelInfo) {
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", methodLabel(r.Method)), slog.String("path", logPath(r.URL.Path)), slog.String("route", route),
				slog.Int("status", sw.status), slog.Int("bytes", sw.bytes), slog.Duration("took", d))
		}
	})
}
