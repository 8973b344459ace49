package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// NewLogHandler returns the handler of `unhunch serve`'s logs: what it
// writes to w is, byte for byte, what slog.NewJSONHandler(w, nil) writes
// for the same records, each line in one call to w.Write as there. It is
// quicker at the request line every request writes (issue 16): the line is
// made in a pooled buffer, with no per-record state, and the server hands
// it the request's fields without making a record (logHandler.request).
// Records holding what it does not write itself (floats, groups, values
// that resolve or marshal themselves, an empty key, a year outside
// 0–9999), and handlers made WithAttrs or WithGroup, are written by the
// JSON handler itself, so that they never differ.
func NewLogHandler(w io.Writer) slog.Handler {
	lw := &lockedWriter{w: w}
	return &logHandler{w: lw, json: slog.NewJSONHandler(lw, nil)}
}

// logHandler is NewLogHandler's handler.
type logHandler struct {
	w    *lockedWriter
	json *slog.JSONHandler // on w: for what logHandler does not write itself
}

// lockedWriter serialises the writes of a logHandler and of its JSON
// handler, as the JSON handler alone serialises its own.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// Write writes p under the lock.
func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Enabled reports whether level is logged: Info and above, as the JSON
// handler with no options.
func (h *logHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.json.Enabled(ctx, level)
}

// WithAttrs returns the JSON handler with attrs: the server does not use
// it on a request's path.
func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler { return h.json.WithAttrs(attrs) }

// WithGroup returns the JSON handler with the group, as WithAttrs.
func (h *logHandler) WithGroup(name string) slog.Handler { return h.json.WithGroup(name) }

// Handle writes r as the JSON handler does: by itself when it can, else
// through the JSON handler.
func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	bp := logBuffers.Get().(*[]byte)
	b, ok := appendHead((*bp)[:0], r.Time, r.Level, r.Message)
	if ok {
		r.Attrs(func(a slog.Attr) bool {
			b, ok = appendLogAttr(b, a)
			return ok
		})
	}
	if !ok {
		putLogBuffer(bp, b)
		return h.json.Handle(ctx, r)
	}
	b = append(b, '}', '\n')
	_, err := h.w.Write(b)
	putLogBuffer(bp, b)
	return err
}

// request writes the request line instrument logs, as Handle would write
// the record instrument would make of it (slog.Record's attributes past
// five are a slice made at each record).
func (h *logHandler) request(ctx context.Context, at time.Time, method, path, route string, status, bytes int, took time.Duration) error {
	bp := logBuffers.Get().(*[]byte)
	b, ok := appendHead((*bp)[:0], at, slog.LevelInfo, "request")
	if !ok {
		putLogBuffer(bp, b)
		rec := slog.NewRecord(at, slog.LevelInfo, "request", 0)
		rec.AddAttrs(slog.String("method", method), slog.String("path", path), slog.String("route", route),
			slog.Int("status", status), slog.Int("bytes", bytes), slog.Duration("took", took))
		return h.json.Handle(ctx, rec)
	}
	b = append(b, `,"method":`...)
	b = appendJSONString(b, method)
	b = append(b, `,"path":`...)
	b = appendJSONString(b, path)
	b = append(b, `,"route":`...)
	b = appendJSONString(b, route)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, `,"bytes":`...)
	b = strconv.AppendInt(b, int64(bytes), 10)
	b = append(b, `,"took":`...)
	b = strconv.AppendInt(b, int64(took), 10)
	b = append(b, '}', '\n')
	_, err := h.w.Write(b)
	putLogBuffer(bp, b)
	return err
}

// logBuffers are the buffers log lines are made in.
var logBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, 512)
	return &b
}}

// putLogBuffer keeps b, which grew from *bp, for the next line, unless it
// grew large (a line that large is rare; keeping it would hold the memory).
func putLogBuffer(bp *[]byte, b []byte) {
	if cap(b) > 16<<10 {
		return
	}
	*bp = b[:0]
	logBuffers.Put(bp)
}

// appendHead appends the opening of a line, the built-in attributes time
// (when not zero), level and msg, as the JSON handler writes them; false
// when the time's year is one it writes with an error.
func appendHead(b []byte, t time.Time, level slog.Level, msg string) ([]byte, bool) {
	b = append(b, '{')
	if !t.IsZero() {
		if y := t.Year(); y < 0 || y >= 10000 {
			return b, false
		}
		b = append(b, `"time":"`...)
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, `","level":`...)
	} else {
		b = append(b, `"level":`...)
	}
	b = appendJSONString(b, level.String())
	b = append(b, `,"msg":`...)
	return appendJSONString(b, msg), true
}

// appendLogAttr appends a record's attribute as the JSON handler writes it,
// after the message; false for what it leaves to the JSON handler.
func appendLogAttr(b []byte, a slog.Attr) ([]byte, bool) {
	if a.Key == "" {
		return b, false // elided or inlined by the JSON handler's own rules
	}
	v := a.Value
	switch v.Kind() {
	case slog.KindString, slog.KindInt64, slog.KindUint64, slog.KindBool, slog.KindDuration, slog.KindTime:
	case slog.KindAny:
		if _, ok := v.Any().(error); !ok {
			return b, false
		}
		if _, jm := v.Any().(json.Marshaler); jm {
			return b, false
		}
	default:
		return b, false
	}
	b = append(b, ',')
	b = appendJSONString(b, a.Key)
	b = append(b, ':')
	switch v.Kind() {
	case slog.KindString:
		b = appendJSONString(b, v.String())
	case slog.KindInt64:
		b = strconv.AppendInt(b, v.Int64(), 10)
	case slog.KindUint64:
		b = strconv.AppendUint(b, v.Uint64(), 10)
	case slog.KindBool:
		b = strconv.AppendBool(b, v.Bool())
	case slog.KindDuration:
		b = strconv.AppendInt(b, int64(v.Duration()), 10)
	case slog.KindTime:
		t := v.Time()
		if y := t.Year(); y < 0 || y >= 10000 {
			return b, false
		}
		b = append(b, '"')
		b = t.AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"')
	case slog.KindAny:
		msg, ok := errorText(v.Any().(error))
		if !ok {
			return b, false
		}
		b = appendJSONString(b, msg)
	}
	return b, true
}

// errorText returns err.Error(), or false when that panics (a nil pointer
// whose Error does not guard against nil, say): the JSON handler has its
// own words for that.
func errorText(err error) (msg string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return err.Error(), true
}

// appendJSONString appends s as a JSON string, quoted and escaped as the
// JSON handler escapes it (encoding/json's rules without HTML escaping;
// invalid UTF-8 as U+FFFD; U+2028 and U+2029 escaped).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
