package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
)

// BenchmarkSharedGET is the work every GET shares, in process: the
// middleware chain (logs as `unhunch serve` writes them, to io.Discard;
// metrics; edge checks; the journal's version; ETags) around a small kept
// document, asked for with gzip as browsers and speed.sh do. What the
// network and net/http add is speed.sh's to measure.
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
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	h := srv.Handler()
	for _, path := range []string{"/healthz", "/api/v1/routines", "/exercises"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					rec := httptest.NewRecorder()
					req := httptest.NewRequest("GET", path, nil)
					req.Host = "127.0.0.1:8080"
					req.Header["Accept-Encoding"] = []string{"gzip, deflate"}
					h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Errorf("%s: %d", path, rec.Code)
					}
				}
			})
		})
	}
}
