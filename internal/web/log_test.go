package web_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/web"
)

// nilError is an error whose Error does not guard against a nil receiver.
type nilError struct{ s string }

func (e *nilError) Error() string { return e.s }

// marshalError is an error that marshals itself: the JSON handler writes
// its JSON, not its text.
type marshalError struct{}

func (marshalError) Error() string                { return "text" }
func (marshalError) MarshalJSON() ([]byte, error) { return []byte(`{"json":true}`), nil }

// lazy resolves to a value only when logged.
type lazy struct{}

func (lazy) LogValue() slog.Value { return slog.StringValue("resolved \"late\"") }

// oddStrings need escaping, or look as if they do.
var oddStrings = []string{
	"", "plain", `quote " and back\slash`, "tab\tnew\nline\rcarriage", "\x00\x01\x1f\x7f", "<script>&amp;</script>",
	"bad utf-8 \xff\xfe end", "separators \u2028 and \u2029", "naïve café ✓ 🙂", "/api/v1/sessions/{token}", "\\u0041",
	"truncated \xe2\x82", strings.Repeat("long ", 5000),
}

// NewLogHandler writes what slog.JSONHandler writes for every record, byte
// for byte: the request line, odd strings in messages, keys and values,
// errors, durations, times, numbers, and what it leaves to the JSON
// handler (floats, groups, values that resolve or marshal themselves,
// empty keys, years past 9999, handlers with attributes or a group).
func TestLogHandlerAsJSON(t *testing.T) {
	at := time.Date(2026, 12, 1, 23, 4, 5, 123456789, time.FixedZone("", 3600+30*60))
	type rec struct {
		name  string
		time  time.Time
		level slog.Level
		msg   string
		attrs []slog.Attr
	}
	recs := []rec{
		{"request", at, slog.LevelInfo, "request", []slog.Attr{slog.String("method", "GET"), slog.String("path", "/api/v1/plan"),
			slog.String("route", "/api/v1/plan"), slog.Int("status", 200), slog.Int("bytes", 1234), slog.Duration("took", 87654*time.Nanosecond)}},
		{"no time", time.Time{}, slog.LevelWarn, "no time", []slog.Attr{slog.Bool("yes", true), slog.Bool("no", false)}},
		{"UTC, whole second", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), slog.LevelError, "request failed",
			[]slog.Attr{slog.Any("error", errors.New(`wrapped: "quoted" <b> \ path`)), slog.Int("status", 500)}},
		{"levels", at, slog.LevelDebug, "debug", nil},
		{"level between", at, slog.LevelInfo + 2, "info+2", []slog.Attr{slog.Int64("neg", math.MinInt64), slog.Uint64("max", math.MaxUint64)}},
		{"level below", at, slog.LevelWarn - 1, "", nil},
		{"durations", at, slog.LevelInfo, "d", []slog.Attr{slog.Duration("zero", 0), slog.Duration("neg", -time.Hour), slog.Duration("max", math.MaxInt64)}},
		{"times", at, slog.LevelInfo, "t", []slog.Attr{slog.Time("at", at), slog.Time("zero", time.Time{}), slog.Time("local", time.Date(1999, 12, 31, 23, 59, 59, 1, time.Local))}},
		{"year 10000", at, slog.LevelInfo, "far", []slog.Attr{slog.Time("at", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))}},
		{"record in year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), slog.LevelInfo, "far", nil},
		{"record before year 0", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), slog.LevelInfo, "far", nil},
		{"nil pointer error", at, slog.LevelError, "nil", []slog.Attr{slog.Any("error", (*nilError)(nil)), slog.String("after", "x")}},
		{"error that marshals", at, slog.LevelError, "m", []slog.Attr{slog.Any("error", marshalError{})}},
		{"float", at, slog.LevelInfo, "f", []slog.Attr{slog.Float64("f", 0.1), slog.Float64("big", 1e21), slog.Float64("nan", math.NaN())}},
		{"group", at, slog.LevelInfo, "g", []slog.Attr{slog.Group("req", slog.String("method", "GET"), slog.Int("n", 1)), slog.String("after", "x")}},
		{"empty group", at, slog.LevelInfo, "g", []slog.Attr{slog.Group("none"), slog.String("after", "x")}},
		{"inline group", at, slog.LevelInfo, "g", []slog.Attr{slog.Group("", slog.String("in", "line"))}},
		{"empty attr", at, slog.LevelInfo, "e", []slog.Attr{{}, slog.String("", "no key"), slog.Int("", 0)}},
		{"resolves", at, slog.LevelInfo, "r", []slog.Attr{slog.Any("lazy", lazy{})}},
		{"any", at, slog.LevelInfo, "a", []slog.Attr{slog.Any("map", map[string]int{"<a>": 1}), slog.Any("nil", nil), slog.Any("strs", []string{"x"})}},
	}
	for i, s := range oddStrings {
		recs = append(recs, rec{"odd string", at, slog.LevelInfo, s, []slog.Attr{slog.String(s, s), slog.Any("error", errors.New(s)), slog.Int("i", i)}})
	}
	for _, r := range recs {
		var want, got bytes.Buffer
		jh, lh := slog.NewJSONHandler(&want, nil), web.NewLogHandler(&got)
		for _, h := range []slog.Handler{jh, lh} {
			rec := slog.NewRecord(r.time, r.level, r.msg, 0)
			rec.AddAttrs(r.attrs...)
			if err := h.Handle(context.Background(), rec); err != nil {
				t.Errorf("%s: %v", r.name, err)
			}
			// Through a Logger too, with a caller and attributes added.
			// (at a fixed time).
			if h.Enabled(context.Background(), r.level) {
				slog.New(atTime{h, r.time}).LogAttrs(context.Background(), r.level, r.msg, r.attrs...)
				slog.New(atTime{h, r.time}).With("with", r.msg).WithGroup("g").LogAttrs(context.Background(), r.level, r.msg, r.attrs...)
			}
		}
		if diff := cmp.Diff(want.String(), got.String()); diff != "" {
			t.Errorf("%s (-JSONHandler +NewLogHandler):\n%s", r.name, diff)
		}
		if strings.Count(got.String(), "\n") < 1 {
			t.Errorf("%s: no line", r.name)
		}
	}
	for _, level := range []slog.Level{slog.LevelDebug, slog.LevelInfo - 1, slog.LevelInfo, slog.LevelWarn, slog.LevelError} {
		if got, want := web.NewLogHandler(nil).Enabled(context.Background(), level), slog.NewJSONHandler(nil, nil).Enabled(context.Background(), level); got != want {
			t.Errorf("Enabled(%v) = %v, want %v", level, got, want)
		}
	}
}

// atTime hands its handler records at a fixed time.
type atTime struct {
	slog.Handler
	at time.Time
}

func (a atTime) Handle(ctx context.Context, r slog.Record) error {
	r.Time = a.at
	return a.Handler.Handle(ctx, r)
}

func (a atTime) WithAttrs(attrs []slog.Attr) slog.Handler {
	return atTime{a.Handler.WithAttrs(attrs), a.at}
}

func (a atTime) WithGroup(name string) slog.Handler { return atTime{a.Handler.WithGroup(name), a.at} }

// The request line the server hands NewLogHandler's handler without a
// record is the line JSONHandler writes of the record it stands for.
func TestLogHandlerRequestLine(t *testing.T) {
	at := time.Date(2026, 12, 1, 23, 4, 5, 120000000, time.Local)
	for _, c := range []struct {
		at                  time.Time
		method, path, route string
		status, bytes       int
		took                time.Duration
	}{
		{at, "GET", "/healthz", "/healthz", 200, 62, 13 * time.Microsecond},
		{at.UTC(), "other", "/api/v1/sessions/{token}", "/api/v1/sessions/{id}", 404, 0, 0},
		{at, "HEAD", "/exercises/\"odd\"\x00\xff\u2028", "/", 599, math.MaxInt32, math.MaxInt64},
		{time.Time{}, "POST", "", "", 0, -1, -time.Second},
		{time.Date(12345, 1, 1, 0, 0, 0, 0, time.UTC), "GET", "/", "/", 200, 1, 1},
	} {
		var want, got bytes.Buffer
		rec := slog.NewRecord(c.at, slog.LevelInfo, "request", 0)
		rec.AddAttrs(slog.String("method", c.method), slog.String("path", c.path), slog.String("route", c.route),
			slog.Int("status", c.status), slog.Int("bytes", c.bytes), slog.Duration("took", c.took))
		slog.NewJSONHandler(&want, nil).Handle(context.Background(), rec)
		if err := web.LogRequest(web.NewLogHandler(&got), c.at, c.method, c.path, c.route, c.status, c.bytes, c.took); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), got.String()); diff != "" {
			t.Errorf("%s %s (-JSONHandler +request):\n%s", c.method, c.path, diff)
		}
	}
}

// Lines written at once from many goroutines come out whole, each in one
// write, whichever way each was made (a pooled buffer is never shared).
func TestLogHandlerConcurrent(t *testing.T) {
	var w countingWriter
	h := web.NewLogHandler(&w)
	log := slog.New(h)
	var wg sync.WaitGroup
	const n = 200
	for g := range 8 {
		wg.Go(func() {
			for i := range n {
				switch i % 3 {
				case 0:
					web.LogRequest(h, time.Now(), "GET", "/g"+strings.Repeat("x", g*i%300), "/", 200, i, time.Duration(i))
				case 1:
					log.Info("plain", "g", g, "i", i)
				default:
					log.Info("float", "g", g, "f", float64(i)/3) // through the JSON handler
				}
			}
		})
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(w.buf.String(), "\n"), "\n")
	if len(lines) != 8*n || w.writes != 8*n {
		t.Fatalf("%d lines in %d writes, want %d", len(lines), w.writes, 8*n)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, `{"time":"`) || !strings.HasSuffix(l, "}") || strings.Count(l, `"time"`) != 1 {
			t.Fatalf("a line is not whole: %q", l)
		}
	}
}

// countingWriter keeps what is written and counts the writes; it is not
// safe for concurrent use, so a write the handler does not serialise shows.
type countingWriter struct {
	buf    bytes.Buffer
	writes int
	busy   bool
}

func (w *countingWriter) Write(p []byte) (int, error) {
	if w.busy {
		panic("concurrent writes")
	}
	w.busy = true
	defer func() { w.busy = false }()
	w.writes++
	return w.buf.Write(p)
}
