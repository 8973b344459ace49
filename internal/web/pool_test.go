package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// The response writers every request takes from a pool (the status
// recorder, the gzip writer and its gzip.Writer) never carry one
// response's status, headers or bytes into another: many requests at once,
// gzipped and not, kept bodies and responses made at the request, errors,
// HEAD, each get what they get alone.
func TestPooledWritersConcurrent(t *testing.T) {
	e := newEnv(t, true)
	sid := e.start("quick-daily-reset", "key-pool", 2)
	paths := []string{"/api/v1/exercises", "/healthz", "/", "/settings", "/exercises", "/api/v1/routines/quick-daily-reset",
		"/api/v1/plan?minutes=15", "/api/v1/export/fhir", "/api/v1/sessions/" + sid, "/nope", "/api/v1/nope", "/manifest.webmanifest"}
	type answer struct {
		code int
		body string
		typ  string
	}
	get := func(method, path string, gz bool) (answer, error) {
		h := map[string]string{}
		if gz {
			h["Accept-Encoding"] = "gzip"
		}
		r := e.do(method, path, "", h)
		b := r.Body.Bytes()
		if method == "HEAD" {
			b = nil // what a handler writes net/http drops
		} else if r.Header().Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return answer{}, err
			}
			if b, err = io.ReadAll(zr); err != nil {
				return answer{}, err
			}
		}
		return answer{r.Code, string(b), r.Header().Get("Content-Type")}, nil
	}
	want := map[string]answer{}
	for _, p := range paths {
		a, err := get("GET", p, false)
		if err != nil {
			t.Fatal(err)
		}
		want[p] = a
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := range 8 {
		wg.Go(func() {
			for i := range 60 {
				p := paths[(g+i)%len(paths)]
				method := "GET"
				if i%7 == 3 {
					method = "HEAD"
				}
				a, err := get(method, p, method == "GET" && (g+i)%2 == 0)
				w := want[p]
				if method == "HEAD" {
					w.body = ""
				}
				if err != nil || a != w {
					select {
					case errs <- p + " (" + method + "): " + errString(err) + " got " + a.typ + " " + http.StatusText(a.code) + " " + strings.TrimSpace(a.body[:min(len(a.body), 80)]):
					default:
					}
				}
				// The metrics, written in many writes, gzipped when large.
				if i%10 == 0 {
					if m, err := get("GET", "/metrics", true); err != nil || m.code != 200 || !strings.Contains(m.body, "unhunch_http_requests_total") {
						select {
						case errs <- "/metrics: " + errString(err):
						default:
						}
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
