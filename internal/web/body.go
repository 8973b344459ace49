package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/unhunch/unhunch"
)

// A body is a response made once and served as bytes (issue 16): pages and
// documents the caches keep (cache.go), assets and figures. It has a strong
// ETag, a digest of its bytes, so a client that has it already gets 304 Not
// Modified and nothing more (If-None-Match); and over gzipMin bytes it is
// also kept gzipped, made on the first request that takes gzip, so that it
// is compressed once, not at every request.
//
// gzip rather than zstd: every browser and HTTP client takes gzip, the
// standard library has it (no dependency), and since a body is compressed
// once, zstd's faster compression would save nothing at serving time; its
// smaller output (a few per cent on these bodies) did not justify a new
// module.
type body struct {
	typ  string // Content-Type
	b    []byte
	etag string
	link string // a Link header to send with it (a page's next), or ""

	// Header values, made once and set as they are (as
	// setSecurityHeaders does): len == cap, so an append copies.
	typH, etagH, lenH, gzLenH []string

	gzOnce sync.Once
	gz     []byte // b gzipped; nil when not smaller
}

// gzipMin is the size from which a body is sent gzipped to a client that
// takes gzip.
const gzipMin = 1024

// newBody returns b as a body of type typ.
func newBody(typ string, b []byte) *body {
	sum := sha256.Sum256(b)
	bd := &body{typ: typ, b: b, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`}
	bd.typH, bd.etagH, bd.lenH = []string{typ}, []string{bd.etag}, []string{strconv.Itoa(len(b))}
	return bd
}

// jsonBody encodes v as a JSON body, as writeJSON does.
func jsonBody(v any) (*body, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: encode json: %w", err)
	}
	return newBody("application/json; charset=utf-8", buf.Bytes()), nil
}

// gzipped returns the body gzipped, or nil when that is not worth it.
func (bd *body) gzipped() []byte {
	if len(bd.b) < gzipMin {
		return nil
	}
	bd.gzOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(bd.b)
		zw.Close()
		if buf.Len() < len(bd.b) {
			bd.gz, bd.gzLenH = buf.Bytes(), []string{strconv.Itoa(buf.Len())}
		}
	})
	return bd.gz
}

// serve answers r with the body and status: 304 with no body when the
// request's If-None-Match names its ETag (for a 200), gzipped when the
// client takes it. cacheControl is the Cache-Control header.
func (bd *body) serve(w http.ResponseWriter, r *http.Request, status int, cacheControl string) {
	h := w.Header()
	h["Content-Type"] = bd.typH
	h["Cache-Control"] = cacheControlH(cacheControl)
	h["Etag"] = bd.etagH
	if bd.link != "" {
		h.Set("Link", bd.link)
	}
	if len(bd.b) >= gzipMin {
		varyEncodingToo(h)
	}
	if status == http.StatusOK && matches(r.Header.Get("If-None-Match"), bd.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	out, n := bd.b, bd.lenH
	if acceptsGzip(r) {
		if gz := bd.gzipped(); gz != nil {
			h["Content-Encoding"] = gzipEncoding
			out, n = gz, bd.gzLenH
		}
	}
	h["Content-Length"] = n
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(out)
	}
}

// varyEncodingToo adds Accept-Encoding to the response's Vary header,
// keeping what it names already: a page kept per person says Vary: Cookie
// (withSessions, scs), and a cache must key it on both.
func varyEncodingToo(h http.Header) {
	v := h["Vary"]
	switch {
	case len(v) == 0:
		h["Vary"] = varyEncoding
	case len(v) == 1 && v[0] == "Cookie":
		h["Vary"] = varyEncodingCookie
	default:
		for _, x := range v {
			for _, name := range strings.Split(x, ",") {
				if strings.EqualFold(strings.TrimSpace(name), "Accept-Encoding") {
					return
				}
			}
		}
		h["Vary"] = append(v[:len(v):len(v)], "Accept-Encoding") // a copy: the value may be shared
	}
}

// Header values bodies share.
var (
	varyEncoding       = []string{"Accept-Encoding"}
	varyEncodingCookie = []string{"Accept-Encoding, Cookie"}
	gzipEncoding       = []string{"gzip"}
	noCache            = []string{"no-cache"}
	noStore            = []string{"no-store"}
	aDay               = []string{"public, max-age=86400"}
	forEver            = []string{"public, max-age=31536000, immutable"}
)

// cacheControlH returns the Cache-Control header value v, shared when it is
// one of those the server sends.
func cacheControlH(v string) []string {
	for _, c := range [][]string{noCache, noStore, aDay, forEver} {
		if c[0] == v {
			return c
		}
	}
	return []string{v}
}

// matches reports whether an If-None-Match header names etag (or is "*"),
// comparing weakly as the header calls for. It reads the header in place:
// it runs at every request that carries one.
func matches(header, etag string) bool {
	for header != "" {
		t, rest, _ := strings.Cut(header, ",")
		header = rest
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip. It
// reads the header in place, without splitting it: it runs at every request.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header["Accept-Encoding"] {
		for v != "" {
			var e string
			e, v, _ = strings.Cut(v, ",")
			name, q, _ := strings.Cut(strings.TrimSpace(e), ";")
			if strings.EqualFold(strings.TrimSpace(name), "gzip") {
				return !zeroQ(q)
			}
		}
	}
	return false
}

// zeroQ reports whether an Accept-Encoding parameter is q=0 (refused), with
// any spaces and up to three zero decimals.
func zeroQ(q string) bool {
	q = strings.ReplaceAll(strings.TrimSpace(q), " ", "") // allocates only when there are spaces
	return q == "q=0" || q == "q=0." || q == "q=0.0" || q == "q=0.00" || q == "q=0.000"
}

// gzipWriter gzips a response made at request time (not a body) when it is
// gzipMin bytes or more and the client takes gzip; smaller ones, and
// responses already encoded, pass as they are. The server's responses are
// each written in one Write.
type gzipWriter struct {
	http.ResponseWriter
	status  int
	decided bool
	zw      *gzip.Writer
}

// gzipWriters are kept for reuse: a gzip.Writer is large to make.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
	return zw
}}

// gzipResponses are the gzipWriters kept for reuse, one taken for each
// request that takes gzip (compress) and put back zeroed, its gzip.Writer
// back in gzipWriters.
var gzipResponses = sync.Pool{New: func() any { return new(gzipWriter) }}

// WriteHeader holds the status until the first Write shows the size.
func (g *gzipWriter) WriteHeader(status int) {
	if g.status == 0 {
		g.status = status
	}
}

// Write decides, on the first write, whether to gzip.
func (g *gzipWriter) Write(p []byte) (int, error) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		if g.status == 0 {
			g.status = http.StatusOK
		}
		// A body (it has an ETag) is gzipped by itself, once, or not worth it.
		if len(p) >= gzipMin && h.Get("Content-Encoding") == "" && h.Get("Etag") == "" && g.status != http.StatusNotModified {
			h["Content-Encoding"] = gzipEncoding
			varyEncodingToo(h)
			h.Del("Content-Length")
			g.zw = gzipWriters.Get().(*gzip.Writer)
			g.zw.Reset(g.ResponseWriter)
		}
		g.ResponseWriter.WriteHeader(g.status)
	}
	if g.zw != nil {
		return g.zw.Write(p)
	}
	return g.ResponseWriter.Write(p)
}

// finish flushes the response: the status if nothing was written, the
// end of the gzip stream if it was gzipped.
func (g *gzipWriter) finish() {
	if !g.decided {
		if g.status != 0 {
			g.ResponseWriter.WriteHeader(g.status)
		}
		return
	}
	if g.zw != nil {
		g.zw.Close()
		g.zw.Reset(io.Discard)
		gzipWriters.Put(g.zw)
		g.zw = nil
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// compress gzips the responses of next made at request time for clients
// that take gzip (bodies gzip themselves, once).
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		g := gzipResponses.Get().(*gzipWriter)
		g.ResponseWriter = w
		defer func() {
			g.finish()
			// Zeroed before it is kept: nothing of this response reaches
			// the next.
			*g = gzipWriter{}
			gzipResponses.Put(g)
		}()
		next.ServeHTTP(g, r)
	})
}
