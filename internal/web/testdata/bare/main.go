// Command bare is the baseline of the web load figures: a bare net/http
// handler, run in the same session as unhunch serve (speed.sh).
//
// At / it answers a 47-byte page with two headers: the strict floor every
// request is compared with. At /?size=N it answers a body of exactly N bytes
// with about the headers unhunch sends with a document (the five security
// headers, Cache-Control, ETag, Vary), and with &gzip=1 as Content-Encoding:
// gzip (a valid gzip stream of N bytes, of random and so incompressible
// data, stored): the floor of sending that many bytes, for a document
// larger than the small page. Bodies are made once per size and kept.
package main

import (
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"sync"
)

func main() {
	page := []byte("<!doctype html><title>bare</title><p>hello</p>\n")
	var sized sync.Map // "N" or "N gzip" → []byte
	http.ListenAndServe(os.Args[1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery == "" { // the small page, as before: nothing else done
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
			return
		}
		size := r.URL.Query().Get("size")
		n, err := strconv.Atoi(size)
		if err != nil || n < 0 || n > 64<<20 {
			http.Error(w, "size: a number of bytes, at most 64 MiB", http.StatusBadRequest)
			return
		}
		gz := r.URL.Query().Get("gzip") == "1"
		key := size
		if gz {
			key += " gzip"
		}
		b, ok := sized.Load(key)
		if !ok {
			b, _ = sized.LoadOrStore(key, makeBody(n, gz))
		}
		h := w.Header()
		for k, v := range docHeaders {
			h[k] = v
		}
		if gz {
			h["Content-Encoding"] = gzipH
		}
		w.Write(b.([]byte))
	}))
}

// docHeaders are the headers of a sized answer, set as shared values (as
// unhunch sets them), so that the floor does no more work than it must.
var docHeaders = http.Header{
	"Content-Type":                 {"text/html; charset=utf-8"},
	"X-Content-Type-Options":       {"nosniff"},
	"X-Frame-Options":              {"DENY"},
	"Referrer-Policy":              {"no-referrer"},
	"Cross-Origin-Resource-Policy": {"same-origin"},
	"Content-Security-Policy":      {"frame-ancestors 'none'"},
	"Cache-Control":                {"no-cache"},
	"Etag":                         {`"0123456789abcdef01234567"`},
	"Vary":                         {"Accept-Encoding"},
}

// gzipH is the Content-Encoding of a gzipped sized answer.
var gzipH = []string{"gzip"}

// makeBody returns n random bytes, or with gz a gzip stream of exactly n
// bytes (when n is at least gzip's own overhead) holding random bytes.
func makeBody(n int, gz bool) []byte {
	rnd := rand.New(rand.NewPCG(1, 2))
	random := func(k int) []byte {
		b := make([]byte, k)
		for i := range b {
			b[i] = byte(rnd.Uint32())
		}
		return b
	}
	if !gz {
		return random(n)
	}
	// Stored blocks make the size exact: the content shrinks by what the
	// stream adds until the stream is n bytes.
	k := n
	for range 8 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.NoCompression)
		zw.Write(random(max(k, 0)))
		zw.Close()
		if buf.Len() == n || k <= 0 {
			return buf.Bytes()
		}
		k -= buf.Len() - n
	}
	return random(n)
}
