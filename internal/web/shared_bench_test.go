//go:build unix

package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
)

// sharedGETs are representative GETs: the operational answer from memory,
// JSON documents kept by the catalog and by the journal, a plan, and pages
// of each cache.
var sharedGETs = []string{"/healthz", "/api/v1/routines", "/api/v1/routines/quick-daily-reset", "/api/v1/plan?minutes=15",
	"/", "/settings", "/exercises"}

// BenchmarkSharedGET is the work every GET shares, in process: the
// middleware chain (logs as `unhunch serve` writes them, to io.Discard;
// metrics; edge checks; the journal's version; ETags) around kept
// documents and pages, asked for with gzip as browsers and speed.sh do.
// What the network and net/http add is speed.sh's to measure. Besides
// allocs/op it reports cpu-ns/op, the process's CPU time (user and system,
// every goroutine and the garbage collector's) over the loop by b.N: on a
// shared machine it moves far less with the load than ns/op. "bare" is a
// handler that writes a small body, for the floor of the loop itself: a
// copy of one request and a response header for each, as net/http makes
// them, written to a writer that drops the body (httptest's recorder
// copied headers and bodies, more work than most of what is measured).
func BenchmarkSharedGET(b *testing.B) {
	st, err := store.Open(context.Background(), "", b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	c, err := catalog.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: st, Accounts: st, Catalog: c, Location: time.UTC,
		Logger: slog.New(serveLogHandler(io.Discard))})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	for _, path := range append([]string{"bare"}, sharedGETs...) {
		h, target := srv.Handler(), path
		if path == "bare" {
			h, target = bare, "/"
		}
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			req := httptest.NewRequest("GET", target, nil)
			req.Host = "127.0.0.1:8080"
			req.Header["Accept-Encoding"] = []string{"gzip, deflate"}
			get := func() {
				// What net/http makes for each request: the request (its
				// header read once, shared) and the response's header.
				r := *req
				w := discardWriter{h: make(http.Header)}
				h.ServeHTTP(&w, &r)
				if w.code != http.StatusOK && w.code != 0 {
					b.Errorf("%s: %d", path, w.code)
				}
			}
			get() // made and kept before the clock runs
			b.ResetTimer()
			cpu := cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					get()
				}
			})
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// discardWriter is a response writer that keeps the status and drops the
// body, as cheap as a benchmark's can be.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header { return w.h }

func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *discardWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return len(p), nil
}

// cpuTime returns the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
