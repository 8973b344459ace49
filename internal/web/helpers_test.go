package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/safety"
)

// now is the test clock: a fixed moment, so gates and weeks never drift.
var now = time.Date(2026, 11, 18, 9, 30, 0, 0, time.UTC)

// env is a server on a real SQLite journal in a temporary folder.
type env struct {
	t   *testing.T
	st  *store.Store
	srv *web.Server
	h   http.Handler
	cat *catalog.Catalog
	at  time.Time // the server's clock
}

// newEnv starts a server on a new journal; screened saves a clear screening first.
func newEnv(t *testing.T, screened bool) *env {
	t.Helper()
	return newEnvOn(t, "", t.TempDir(), screened)
}

// newEnvAt is newEnv with the SQLite journal in dir.
func newEnvAt(t *testing.T, dir string, screened bool) *env {
	t.Helper()
	return newEnvOn(t, "", dir, screened)
}

// newEnvURL is newEnv on the journal at url: "" for a new SQLite file, or a
// PostgreSQL database (pgtest.Database).
func newEnvURL(t *testing.T, url string, screened bool) *env {
	t.Helper()
	return newEnvOn(t, url, t.TempDir(), screened)
}

// newEnvOn starts a server on the journal at url ("" for SQLite in dir).
func newEnvOn(t *testing.T, url, dir string, screened bool) *env {
	t.Helper()
	st, err := store.Open(context.Background(), url, dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, cat: c, at: now}
	group := st.NewGroup(store.DefaultGroupSize) // as `unhunch serve` saves outcomes
	e.srv, err = web.New(web.Config{Store: st, Accounts: st, Recorder: group, Catalog: c, Base: builtinBase, Now: func() time.Time { return e.at }, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	e.h = checkedAgainstOpenAPI(t, fromLoopback(e.srv.Handler()))
	t.Cleanup(func() { e.srv.Close(); group.Close(); st.Close() })
	if screened {
		e.screen(map[string]bool{})
	}
	return e
}

// fromLoopback gives requests made with httptest.NewRequest, whose Host is
// example.com, the Host a browser on this machine sends: the server answers
// only loopback names (TestHostHeader sends others on purpose).
func fromLoopback(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "example.com" {
			r.Host = "127.0.0.1:8080"
		}
		h.ServeHTTP(w, r)
	})
}

// screen saves a screening with the given yes answers at the env's time.
func (e *env) screen(yes map[string]bool) {
	e.t.Helper()
	for id := range yes {
		if _, ok := safety.QuestionByID(id); !ok {
			e.t.Fatalf("screen: no question %q", id)
		}
	}
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = yes[q.ID]
	}
	body, _ := json.Marshal(map[string]any{"answers": answers})
	if r := e.do("POST", "/api/v1/screenings", string(body), nil); r.Code != http.StatusCreated {
		e.t.Fatalf("screening: %d %s", r.Code, r.Body)
	}
}

// do sends a request and returns the recorded response.
func (e *env) do(method, path, body string, headers map[string]string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// start starts a session of routine with key and returns its id.
func (e *env) start(routine, key string, pain int) string {
	e.t.Helper()
	r := e.do("POST", "/api/v1/sessions", `{"routine_id":"`+routine+`","pain_before":`+itoa(pain)+`}`, map[string]string{"Idempotency-Key": key})
	if r.Code != http.StatusCreated {
		e.t.Fatalf("start %s: %d %s", routine, r.Code, r.Body)
	}
	var s struct{ ID string }
	decodeBody(e.t, r.Body.Bytes(), &s)
	return s.ID
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func decodeBody(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// apiError reads an API error body.
func apiError(t *testing.T, b []byte) (code, msg string) {
	t.Helper()
	var doc struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(b, &doc); err != nil || doc.Error.Code == "" {
		t.Fatalf("not an API error: %s (%v)", b, err)
	}
	return doc.Error.Code, doc.Error.Message
}

// big is a body over the 1 MiB limit.
var big = `{"routine_id":"` + string(bytes.Repeat([]byte("x"), web.MaxBody)) + `"}`

// takeOver is what a test's first person account needs to own the journal
// kept before accounts (a screening newEnv saved, sessions started
// without accounts): store.AdoptLocal when there is such a journal and the
// account is a person's (users add --adopt), nothing otherwise.
func takeOver(t *testing.T, st *store.Store, role account.Role) []store.UserOption {
	t.Helper()
	has, err := st.HasLocalJournal(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if has && role == account.RolePerson {
		return []store.UserOption{store.AdoptLocal}
	}
	return nil
}
