package webfuzz_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/safety"
)

// Fuzz targets for every body and query the server parses. Each sends what
// the fuzzer makes to the real handler on a real SQLite journal; whatever it
// is, the answer is never a 5xx, and never a panic. CI runs each for a few
// seconds (.ci/fuzz); `go test` runs the seeds.

// fuzzEnv is a server for a fuzz target, with one screening and one
// session of quick-daily-reset started.
type fuzzEnv struct {
	h   http.Handler
	sid string
}

// now is the servers' clock: a fixed moment.
var now = time.Date(2026, 11, 18, 9, 30, 0, 0, time.UTC)

// fromLoopback gives requests made with httptest.NewRequest, whose Host is
// example.com, the Host a browser on this machine sends.
func fromLoopback(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "example.com" {
			r.Host = "127.0.0.1:8080"
		}
		h.ServeHTTP(w, r)
	})
}

// exerciseEvent is a valid exercise event for index i of quick-daily-reset.
func exerciseEvent(i int) string {
	ids := []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}
	start := now.Add(time.Duration(i) * 40 * time.Second)
	return fmt.Sprintf(`{"type":"exercise","index":%d,"exercise_id":%q,"outcome":"done","amount":{},"seconds":35,"started_at":%q,"ended_at":%q}`,
		i, ids[i], start.Format(time.RFC3339), start.Add(36*time.Second).Format(time.RFC3339))
}

func newFuzzEnv(f *testing.F) *fuzzEnv {
	f.Helper()
	st, err := store.Open(context.Background(), "", f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	c, err := catalog.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	base := func() *catalog.Builder { // the built-ins, to which saved exercises are added
		b := catalog.NewBuilder()
		catalog.AddBuiltin(b)
		return b
	}
	srv, err := web.New(web.Config{Store: st, Catalog: c, Base: base, Now: func() time.Time { return now }, Location: time.UTC})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close(); st.Close() })
	fe := &fuzzEnv{h: fromLoopback(srv.Handler())}
	answers := `{"answers":{` + allNo() + `}}`
	if r := fe.send("POST", "/api/v1/screenings", answers, nil); r.Code != http.StatusCreated {
		f.Fatalf("screening: %d %s", r.Code, r.Body)
	}
	r := fe.send("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":2}`, map[string]string{"Idempotency-Key": "fuzz-start"})
	if r.Code != http.StatusCreated {
		f.Fatalf("start: %d %s", r.Code, r.Body)
	}
	var sess struct{ ID string }
	if err := json.Unmarshal(r.Body.Bytes(), &sess); err != nil || sess.ID == "" {
		f.Fatalf("start: %s (%v)", r.Body, err)
	}
	fe.sid = sess.ID
	return fe
}

// allNo is every screening question answered no, as JSON members.
func allNo() string {
	var parts []string
	for _, id := range questionIDs() {
		parts = append(parts, `"`+id+`":false`)
	}
	return strings.Join(parts, ",")
}

// send sends one request; the body is sent as it is (Content-Type JSON).
func (fe *fuzzEnv) send(method, target, body string, headers map[string]string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, "/", rd)
	req.URL = &url.URL{Path: target}
	if p, q, ok := strings.Cut(target, "?"); ok {
		req.URL = &url.URL{Path: p, RawQuery: q}
	}
	req.RequestURI = ""
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	fe.h.ServeHTTP(rec, req)
	return rec
}

// never5xx fails the fuzz input when the server answered with a 5xx.
func never5xx(t *testing.T, r *httptest.ResponseRecorder, what string) {
	t.Helper()
	if r.Code >= 500 {
		t.Fatalf("%s: %d %s", what, r.Code, r.Body)
	}
}

func FuzzStartBody(f *testing.F) {
	for _, s := range []string{
		`{"routine_id":"quick-daily-reset","pain_before":2}`,
		`{"routine_id":"plan","plan":{"minutes":5,"equipment":["none"],"floor":false}}`,
		`{"id":"01M80MR60SH4PJABDEAVJ5CG4D","routine_id":"seven-in-seven","level_start":true}`,
		`{"routine_id":"quick-daily-reset","exercises":["chin-tucks","doorway-pec-stretch"],"offline":{"started_at":"2026-11-18T07:00:00Z","gate_checked_at":"2026-11-18T06:00:00Z"}}`,
		`{"routine_id":"quick-daily-reset","pain_before":9}`,
		`{"routine_id":"plan","plan":{"minutes":2147483648}}`,
		`{"routine_id":"x\u0000"}`, `{}`, `[]`, `null`, ``,
	} {
		f.Add(s, "key-1")
	}
	fe := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body, key string) {
		never5xx(t, fe.send("POST", "/api/v1/sessions", body, map[string]string{"Idempotency-Key": key}), "start")
	})
}

func FuzzEventBody(f *testing.F) {
	for _, s := range []string{
		exerciseEvent(0), exerciseEvent(1), exerciseEvent(2),
		`{"type":"exercise","index":0,"exercise_id":"chin-tucks","outcome":"stopped","stop_reason":"sharp-pain","amount":{"reps":12,"hold_seconds":5},"seconds":20,"started_at":"2026-11-18T09:30:00Z","ended_at":"2026-11-18T09:30:20Z"}`,
		`{"type":"exercise","index":0,"exercise_id":"chin-tucks","outcome":"done","amount":{"reps":2147483648},"seconds":1e300,"started_at":"9999-01-01T00:00:00Z","ended_at":"0001-01-01T00:00:00Z"}`,
		`{"type":"rating","index":0,"rating":"easy"}`,
		`{"type":"rating","index":9223372036854775807,"rating":"hard"}`,
		`{"type":"finish","status":"completed","pain_after":3,"ended_at":"2026-11-18T09:40:00Z"}`,
		`{"type":"finish","status":"stopped","stop_reason":"dizziness"}`,
		`{"type":"finish","status":"completed","ended_at":"1970-01-01T00:00:00Z"}`,
		`{"type":""}`, `{"type":"exercise"}`, `{`, ``,
	} {
		f.Add(s, false)
	}
	fe := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body string, otherSession bool) {
		id := fe.sid
		if otherSession {
			id = "01M80MR60SH4PJABDEAVJ5CG4D" // no such session
		}
		never5xx(t, fe.send("POST", "/api/v1/sessions/"+id+"/events", body, nil), "event")
	})
}

func FuzzScreeningBody(f *testing.F) {
	for _, s := range []string{`{"answers":{` + allNo() + `}}`, `{"answers":{"chest-pain-now":true}}`,
		`{"answers":{"chest-pain":"no","nope":true}}`, `{"answers":null}`, `{"answers":[]}`, `{}`, `1`} {
		f.Add(s)
	}
	fe := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body string) {
		never5xx(t, fe.send("POST", "/api/v1/screenings", body, nil), "screening")
		never5xx(t, fe.send("POST", "/api/v1/screenings/clearance", body, nil), "clearance")
	})
}

// FuzzPageForms fuzzes the forms the pages post (urlencoded bodies).
func FuzzPageForms(f *testing.F) {
	forms := []string{"/screen", "/screen/clearance", "/settings/avoid", "/settings/enable"}
	for i, s := range []string{"a=nnnnnnnnnnnnnnnnn", "", "id=cat-cow", "id=nope", "a=yy%00n", "id=%FF&id=x"} {
		f.Add(uint8(i), s)
	}
	fe := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, which uint8, form string) {
		path := forms[int(which)%len(forms)]
		req := httptest.NewRequest("POST", path, strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		fe.h.ServeHTTP(rec, req)
		never5xx(t, rec, "POST "+path+" "+form)
	})
}

// FuzzOwnForms posts whatever the fuzzer makes to the forms of one's own
// exercises and routines (issue 20): the exercise form, the routine
// builder, and the import of a file (sent as the file of a multipart
// form). Every answer is a page or a 4xx, never a 5xx.
func FuzzOwnForms(f *testing.F) {
	for i, s := range []string{"name=Towel&purpose=x&type=stretch&difficulty=easy&positions=standing&mode=hold&hold_min=10&reps_min=2&steps=a&cautions=b&cue_intro=a&cue_setup=b&cue_move=c&cue_hold=d&cue_release=e",
		"name=R&action=check&row1.id=chin-tucks&row1.reps=12", "name=R&action=reorder&order=3,1,2&row1.id=cat-cow", "exercises: []\n",
		"exercises:\n  - id: x\n    name: y\n", "a: &a [x]\nb: *a\n", "PK\x03\x04", "figure=cat-cow&name=x&mode=breath&reps_min=%FF"} {
		f.Add(uint8(i), s)
	}
	fe := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		var req *http.Request
		switch which % 3 {
		case 0:
			req = httptest.NewRequest("POST", "/exercises/new", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		case 1:
			req = httptest.NewRequest("POST", "/routines/new", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		default:
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			w, _ := mw.CreateFormFile("file", "f.yaml")
			w.Write([]byte(body))
			mw.Close()
			req = httptest.NewRequest("POST", "/exercises/import", &buf)
			req.Header.Set("Content-Type", mw.FormDataContentType())
		}
		rec := httptest.NewRecorder()
		fe.h.ServeHTTP(rec, req)
		never5xx(t, rec, req.URL.Path+" "+body)
	})
}

// FuzzQueries fuzzes the query strings and path values of every GET route.
func FuzzQueries(f *testing.F) {
	paths := []string{"/api/v1/plan", "/api/v1/sessions", "/api/v1/routines/quick-daily-reset", "/plan", "/play/plan",
		"/play/quick-daily-reset", "/screen", "/routines/quick-daily-reset", "/history", "/progress", "/api/v1/progress",
		"/exercises/cat-cow/frames/", "/api/v1/sessions/", "/exercises/", "/routines/", "/assets/"}
	for i, q := range []string{"minutes=5&equipment=none&floor=false", "since=2026-11-01&limit=3", "level=start",
		"minutes=31", "minutes=5&equipment=rope,%00", "a=nyn", "limit=99999999999999999999", "cow.svg", "%FF%FE", "app.js"} {
		f.Add(uint8(i), q)
	}
	fe := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, which uint8, q string) {
		path := paths[int(which)%len(paths)]
		target := path + "?" + q
		if strings.HasSuffix(path, "/") {
			target = path + url.PathEscape(q) // a path value
		}
		never5xx(t, fe.send("GET", target, "", nil), "GET "+target)
	})
}

// FuzzHost fuzzes the Host header: whatever it says, the server answers
// only loopback names and addresses, and never with a 5xx.
func FuzzHost(f *testing.F) {
	for _, h := range []string{"127.0.0.1:8080", "localhost", "[::1]:1", "attacker.example:8080", "localhost.", "127.1",
		"[::ffff:127.0.0.1]", "0x7f.1", "LOCALHOST:80", "[fe80::1%25lo]:80", "127.0.0.1:80@evil", ""} {
		f.Add(h)
	}
	fe := newFuzzEnv(f)
	f.Fuzz(func(t *testing.T, host string) {
		req := httptest.NewRequest("GET", "/api/v1/sessions", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		fe.h.ServeHTTP(rec, req)
		never5xx(t, rec, "Host "+host)
		if rec.Code == http.StatusMisdirectedRequest {
			return
		}
		if host == "example.com" {
			return // the tests' stand-in for a loopback request (fromLoopback)
		}
		name := host
		if i := strings.LastIndex(name, ":"); i >= 0 && !strings.HasSuffix(name, "]") {
			name = name[:i]
		}
		name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
		ip, err := netip.ParseAddr(name)
		if !strings.EqualFold(name, "localhost") && (err != nil || !ip.Unmap().IsLoopback()) {
			t.Fatalf("Host %q (%v) was answered: %d", host, utf8.ValidString(host), rec.Code)
		}
	})
}

// questionIDs lists the screening questions' ids.
func questionIDs() []string {
	var ids []string
	for _, q := range safety.Questions {
		ids = append(ids, q.ID)
	}
	return ids
}
