package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/safety"
)

// openAPI is the API's OpenAPI document, checked as a document, with a
// router that finds the operation a request is for.
var openAPI = sync.OnceValues(func() (routers.Router, error) {
	// The calendar file (GET /api/v1/schedule.ics) is text for the
	// checker, as a file is; the schedule's own tests parse it.
	openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.FileBodyDecoder)
	doc, err := openapi3.NewLoader().LoadFromData(web.OpenAPI())
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	return legacy.NewRouter(doc)
})

// checkedAgainstOpenAPI wraps h so that every answer to a request the
// OpenAPI document describes is checked against it: the status is one the
// operation lists, and the body fits its schema. Every API test that runs
// through an env checks the document against what the server really says.
func checkedAgainstOpenAPI(t *testing.T, h http.Handler) http.Handler {
	router, err := openAPI()
	if err != nil {
		t.Fatalf("the OpenAPI document: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
		if !strings.HasPrefix(r.URL.Path, "/api/") && r.URL.Path != "/healthz" && r.URL.Path != "/readyz" && r.URL.Path != "/metrics" {
			return
		}
		answer := rec.Body.Bytes()
		header := rec.Header().Clone()
		if header.Get("Content-Encoding") == "gzip" { // the document describes what the gzip holds
			zr, err := gzip.NewReader(bytes.NewReader(answer))
			if err == nil {
				answer, err = io.ReadAll(zr)
			}
			if err != nil {
				t.Errorf("%s %s: a gzipped answer that does not unzip: %v", r.Method, r.URL, err)
				return
			}
			header.Del("Content-Encoding")
		}
		req := r.Clone(context.Background())
		req.URL.Scheme, req.URL.Host, req.Body = "http", "127.0.0.1:8080", http.NoBody
		route, params, err := router.FindRoute(req)
		if err != nil {
			return // not a path and method the document has: TestOpenAPIMatchesRoutes checks those
		}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
			Status:                 rec.Code, Header: header, Body: io.NopCloser(bytes.NewReader(answer)),
			Options: &openapi3filter.Options{IncludeResponseStatus: true},
		}
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("%s %s answered %d, which the OpenAPI document does not describe: %v\n%.600s", r.Method, r.URL, rec.Code, err, rec.Body)
			return
		}
		if rec.Code < 300 {
			answered.Store(route.Method+" "+route.Path, true)
		}
	})
}

// answered holds each operation ("METHOD /path/{param}") that gave a
// success checked against the document, in any test so far.
var answered sync.Map

// Every operation the OpenAPI document describes answers, once, a success
// that fits what the document says: a session played through the API from
// the first screening to its end, with every other operation on the way.
func TestEveryOperationAnswersAsDocumented(t *testing.T) {
	e := newEnv(t, false)
	no := map[string]bool{}
	for _, q := range safety.Questions {
		no[q.ID] = false
	}
	clinician := maps.Clone(no)
	clinician["severe-pain"] = true
	answers := func(a map[string]bool) string { b, _ := json.Marshal(map[string]any{"answers": a}); return string(b) }
	steps := []struct{ method, path, body string }{
		{"GET", "/healthz", ""}, {"GET", "/readyz", ""}, {"GET", "/metrics", ""}, {"GET", "/api/v1/openapi.json", ""},
		{"GET", "/api/v1/screenings/questions", ""},
		{"POST", "/api/v1/screenings", answers(clinician)}, {"POST", "/api/v1/screenings/clearance", ""},
		{"POST", "/api/v1/screenings", answers(no)}, {"GET", "/api/v1/gate", ""},
		{"GET", "/api/v1/exercises", ""}, {"GET", "/api/v1/exercises/cat-cow", ""},
		{"POST", "/api/v1/exercises/cat-cow/avoid", ""}, {"GET", "/api/v1/aside", ""}, {"POST", "/api/v1/exercises/cat-cow/enable", ""},
		{"POST", "/api/v1/exercises/doorway-pec-stretch/clearances", `{"condition":"chest-surgery"}`},
		{"DELETE", "/api/v1/exercises/doorway-pec-stretch/clearances/chest-surgery", ""},
		{"GET", "/api/v1/routines", ""}, {"GET", "/api/v1/routines/quick-daily-reset", ""},
		{"GET", "/api/v1/plan?minutes=5&equipment=none&floor=false", ""},
	}
	for _, s := range steps {
		if r := e.do(s.method, s.path, s.body, nil); r.Code >= 300 {
			t.Fatalf("%s %s: %d %.300s", s.method, s.path, r.Code, r.Body)
		}
	}
	sid := e.start("quick-daily-reset", "documented", 2)
	for _, s := range []struct{ method, path, body string }{
		{"GET", "/api/v1/sessions", ""}, {"GET", "/api/v1/sessions/" + sid, ""},
		{"POST", "/api/v1/sessions/" + sid + "/events", exerciseEvent(1, 1, "done", "")},
		{"POST", "/api/v1/sessions/" + sid + "/alive", ""}, {"POST", "/api/v1/sessions/" + sid + "/left", ""},
		{"GET", "/api/v1/sessions/" + sid + "/recap", ""},
		{"GET", "/api/v1/progress", ""}, {"GET", "/api/v1/export/fhir", ""},
		{"PUT", "/api/v1/schedule", `{"days":["mon-fri"],"times":["12:30"],"minutes":5,"no_floor":true}`},
		{"GET", "/api/v1/schedule", ""}, {"GET", "/api/v1/schedule.ics", ""}, {"DELETE", "/api/v1/schedule", ""},
		{"GET", "/api/v1/me", ""}, {"GET", "/api/v1/me/export", ""},
	} {
		if r := e.do(s.method, s.path, s.body, nil); r.Code >= 300 {
			t.Fatalf("%s %s: %d %.300s", s.method, s.path, r.Code, r.Body)
		}
	}
	// With an account: erasing it.
	u, _, err := e.st.CreateUser(context.Background(), "documented", account.RolePerson, now)
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := e.st.CreateToken(context.Background(), u.ID, now)
	if r := e.do("DELETE", "/api/v1/me", `{"confirm":"documented"}`, map[string]string{"Authorization": "Bearer " + tok}); r.Code >= 300 {
		t.Fatalf("DELETE /api/v1/me: %d %.300s", r.Code, r.Body)
	}
	// The operations of accounts, passkeys and clinics are answered by
	// their own tests, earlier in the package: with -run choosing tests,
	// what they would have answered is not known.
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() != "" {
		t.Logf("-run %q: every operation answered is checked only when the whole package runs", f.Value.String())
		return
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage
	}
	decodeBody(t, web.OpenAPI(), &doc)
	for p, ops := range doc.Paths {
		for m := range ops {
			if m == "parameters" {
				continue
			}
			if op := strings.ToUpper(m) + " " + p; !loaded(&answered, op) {
				t.Errorf("%s never answered a success checked against the document", op)
			}
		}
	}
}

// loaded reports whether m holds key.
func loaded(m *sync.Map, key string) bool {
	_, ok := m.Load(key)
	return ok
}
