package web_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/web"
)

// BenchmarkRequestLog is one request line: slog.JSONHandler given the
// record instrument made before NewLogHandler, NewLogHandler given the
// same record, and NewLogHandler given the fields (what instrument does
// now), all to io.Discard.
func BenchmarkRequestLog(b *testing.B) {
	at := time.Now()
	record := func(h slog.Handler) {
		rec := slog.NewRecord(at, slog.LevelInfo, "request", 0)
		rec.AddAttrs(slog.String("method", "GET"), slog.String("path", "/api/v1/routines/quick-daily-reset"), slog.String("route", "/api/v1/routines/{id}"),
			slog.Int("status", 200), slog.Int("bytes", 2204), slog.Duration("took", 87654*time.Nanosecond))
		h.Handle(context.Background(), rec)
	}
	for _, c := range []struct {
		name string
		h    slog.Handler
		log  func(h slog.Handler)
	}{
		{"JSONHandler", slog.NewJSONHandler(io.Discard, nil), record},
		{"NewLogHandler/record", web.NewLogHandler(io.Discard), record},
		{"NewLogHandler/fields", web.NewLogHandler(io.Discard), func(h slog.Handler) {
			web.LogRequest(h, at, "GET", "/api/v1/routines/quick-daily-reset", "/api/v1/routines/{id}", 200, 2204, 87654*time.Nanosecond)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.log(c.h)
			}
		})
	}
}
