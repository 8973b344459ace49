package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// firstAsked is how many safety questions are asked before any answer
// brings in a follow-up.
var firstAsked = func() int {
	n := 0
	for _, q := range safety.Questions {
		if q.After == "" {
			n++
		}
	}
	return n
}()

// Every page renders, with its content, its hashed assets and no address
// from another host.
func TestPages(t *testing.T) {
	e := newEnv(t, true)
	sid := e.start("quick-daily-reset", "k", 3)
	e.do("POST", "/api/v1/sessions/"+sid+"/events", `{"type":"finish","status":"completed","pain_after":2}`, nil)
	cases := []struct {
		path   string
		status int
		says   string
	}{
		{"/", 200, "Suggested for today"},
		{"/exercises", 200, "Bird dog"},
		{"/exercises/wall-angels", 200, "How to do it"},
		{"/exercises/nope", 404, "there is no exercise"},
		{"/routines", 200, "Seven stretches"},
		{"/routines/seven-in-seven", 200, "Start Seven in seven"},
		{"/plan", 200, "Minutes you have"},
		{"/plan?minutes=5&equipment=none&floor=false", 200, "Start this plan"},
		{"/plan?minutes=99", 400, "99"},
		{"/play/quick-daily-reset", 200, `id="routine-data"`},
		{"/play/plan?minutes=5&equipment=none&floor=false", 200, `data-plan=`},
		{"/history", 200, "Quick daily reset"},
		{"/progress", 200, `class="chart calendar"`},
		{"/screen", 200, fmt.Sprintf("Question 1 of %d", firstAsked)},
		{"/settings", 200, "Leave out"},
		{"/safety", 200, "When to see a clinician first"},
		{"/nowhere", 404, "There is no page at /nowhere"},
		{"/api/v1/nowhere", 404, "there is nothing at /api/v1/nowhere"},
		{"/manifest.webmanifest", 200, `"display":"standalone"`},
		{"/sw.js", 200, "/play/quick-daily-reset"},
	}
	offsite := regexp.MustCompile(`(src|href)="(https?:)?//`)
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			r := e.do("GET", c.path, "", nil)
			body := r.Body.String()
			if r.Code != c.status || !strings.Contains(body, c.says) {
				t.Fatalf("%d, want %d saying %q: %.600s", r.Code, c.status, c.says, body)
			}
			if offsite.MatchString(body) {
				t.Errorf("links to another host: %s", offsite.FindString(body))
			}
			for _, m := range regexp.MustCompile(`/assets/[a-z]+\.[0-9a-f]{12}\.[a-z]+`).FindAllString(body, -1) {
				a := e.do("GET", m, "", nil)
				if a.Code != 200 || !strings.Contains(a.Header().Get("Cache-Control"), "immutable") {
					t.Errorf("%s: %d %q", m, a.Code, a.Header().Get("Cache-Control"))
				}
			}
		})
	}
}

// formValue returns the value of the hidden input name in a page.
func formValue(t *testing.T, body, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in the page:\n%s", name, body)
	}
	return m[1]
}

// post sends a form and returns the response.
func (e *env) post(path string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// The safety questions work with plain links and forms, one at a time:
// answers travel in the form, and only the last step writes. A follow-up
// question is asked only after a yes to the question it follows.
func TestScreeningWithoutJavaScript(t *testing.T) {
	for _, pregnant := range []bool{false, true} {
		e := newEnv(t, false)
		a, n := "", 0
		r := e.do("GET", "/screen", "", nil)
		for !strings.Contains(r.Body.String(), "Save my answers") {
			n++
			if n > len(safety.Questions) {
				t.Fatalf("more questions than there are:\n%s", r.Body)
			}
			ans := "n"
			for _, id := range []string{"constant-night-pain", "pregnant", "pregnant-later"} {
				if q, _ := safety.QuestionByID(id); strings.Contains(r.Body.String(), html.EscapeString(q.Text())) && (id == "constant-night-pain" || pregnant) {
					ans = "y"
				}
			}
			a = formValue(t, r.Body.String(), "a")
			r = e.do("GET", "/screen?"+url.Values{"a": {a}, "answer": {ans}}.Encode(), "", nil)
			if r.Code != 200 {
				t.Fatalf("question %d: %d %s", n, r.Code, r.Body)
			}
		}
		if want := len(safety.Questions) - map[bool]int{true: 0, false: 1}[pregnant]; n != want {
			t.Errorf("pregnant %v: asked %d questions, want %d", pregnant, n, want)
		}
		if list, _ := e.st.Screenings(t.Context()); len(list) != 0 {
			t.Fatalf("saved before the last step: %v", list)
		}
		rec := e.post("/screen", url.Values{"a": {formValue(t, r.Body.String(), "a")}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d %s", rec.Code, rec.Body)
		}
		res := e.do("GET", rec.Header().Get("Location"), "", nil)
		if !strings.Contains(res.Body.String(), "doctor or physiotherapist") || !strings.Contains(res.Body.String(), "a clinician has cleared me") {
			t.Fatalf("result: %s", res.Body)
		}
		list, _ := e.st.Screenings(t.Context())
		if len(list) != 1 || slices.Contains(list[0].Result.Flagged, "pregnant-later") != pregnant || list[0].QuestionSet != safety.QuestionSet {
			t.Errorf("saved %+v", list)
		}
	}
	e := newEnv(t, false)
	for _, bad := range []string{"/screen?a=x", "/screen?a=" + strings.Repeat("n", len(safety.Questions)+1), "/screen?a=yn", "/screen?answer=maybe",
		"/screen?a=" + strings.Repeat("n", 24) + "-y"} {
		if r := e.do("GET", bad, "", nil); r.Code != 400 {
			t.Errorf("%s: %d", bad, r.Code)
		}
	}
	if r := e.post("/screen", url.Values{"a": {"nn"}}); r.Code != 400 {
		t.Errorf("saving unfinished answers: %d", r.Code)
	}
}

// Emergency first, without JavaScript: the yes to an emergency question
// posts, saves at once and shows the emergency advice; nothing more is asked.
func TestScreeningEmergencyFirst(t *testing.T) {
	e := newEnv(t, false)
	r := e.do("GET", "/screen?a=n", "", nil) // the second question: tearing pain, an emergency
	body := r.Body.String()
	if !strings.Contains(body, `value="y" class="button" formmethod="post" formaction="/screen"`) {
		t.Fatalf("the yes to an emergency question must post at once:\n%s", body)
	}
	rec := e.post("/screen", url.Values{"a": {"n"}, "answer": {"y"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	res := e.do("GET", rec.Header().Get("Location"), "", nil).Body.String()
	if !strings.Contains(res, "999 (UK), 112 (EU) or 911") || strings.Contains(res, "Question ") {
		t.Fatalf("result: %s", res)
	}
	list, _ := e.st.Screenings(t.Context())
	if len(list) != 1 || list[0].Result.Outcome != safety.Emergency || len(list[0].Answers) != 2 {
		t.Fatalf("saved %+v", list)
	}
	// Should a GET carry an emergency yes (an old link, a hand-made URL), the
	// advice is shown straight away with a way to keep it, and no question.
	page := e.do("GET", "/screen?a=n&answer=y", "", nil).Body.String()
	if !strings.Contains(page, "999 (UK), 112 (EU) or 911") || strings.Contains(page, `id="q-text"`) || formValue(t, page, "a") != "ny" {
		t.Errorf("GET with an emergency answer:\n%s", page)
	}
	if r := e.do("GET", "/screen?a=nyn", "", nil); r.Code != 400 {
		t.Errorf("a question after an emergency answer: %d", r.Code)
	}
	// And the gate: no exercise.
	var g struct {
		OK     bool   `json:"ok"`
		Advice string `json:"advice"`
	}
	decodeBody(t, e.do("GET", "/api/v1/gate", "", nil).Body.Bytes(), &g)
	if g.OK || !strings.Contains(g.Advice, "999") {
		t.Errorf("gate %+v", g)
	}
}

// failingJournal is a journal whose every read fails with err: the
// handlers' answers to a failing database, without one. Any method it does
// not answer panics (the embedded nil Journal), which the server turns into
// a 500: a test sees at once what else a handler called.
type failingJournal struct {
	web.Journal
	err error
}

func (f failingJournal) Sessions(context.Context, journal.Filter) ([]*journal.Session, error) {
	return nil, f.err
}

func (f failingJournal) ExerciseStates(context.Context) (map[string]journal.ExerciseState, error) {
	return nil, f.err
}

func (f failingJournal) GateScreenings(context.Context, time.Time) ([]safety.Screening, error) {
	return nil, f.err
}

func (f failingJournal) GateFacts(context.Context, time.Time, time.Time) ([]safety.SessionFacts, error) {
	return nil, f.err
}

func (f failingJournal) Checkpoint(context.Context) (journal.Checkpoint, error) {
	return journal.Checkpoint{}, f.err
}

func (f failingJournal) SessionsFrom(context.Context, time.Time, string) ([]*journal.Session, error) {
	return nil, f.err
}

func (f failingJournal) PainEnds(context.Context) (time.Time, time.Time, bool, error) {
	return time.Time{}, time.Time{}, false, f.err
}

func (f failingJournal) Briefs(context.Context, time.Time, time.Time) ([]journal.Brief, error) {
	return nil, f.err
}

func (f failingJournal) ConditionClearances(context.Context) ([]safety.ConditionClearance, error) {
	return nil, f.err
}

func (f failingJournal) Version(context.Context) (int64, error) { return 0, f.err }
func (f failingJournal) LocalWrite(string) store.LocalWrite     { return store.LocalWrite{} }

// A journal that fails is the server's trouble, not the request's: pages
// and the API answer with the failure's own status (the plan page used to
// answer 400, with the raw cause on its form) and never show the cause of
// an internal error.
func TestJournalFailureStatus(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	unreachable := unhunch.E(unhunch.EUnavailable, message.StorePGUnreachable, "db.example", "connection refused")
	internal := unhunch.Errorf(unhunch.EInternal, "store: read sessions: sql: database is closed")
	for _, tt := range []struct {
		err    error
		status int
		shows  string
	}{{unreachable, 503, "db.example"}, {internal, 500, "went wrong"}} {
		srv, err := web.New(web.Config{Store: failingJournal{err: tt.err}, Catalog: c, Location: time.UTC, SweepEvery: -1})
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		h := checkedAgainstOpenAPI(t, fromLoopback(srv.Handler()))
		for _, path := range []string{"/plan?minutes=5&equipment=none&floor=false", "/api/v1/plan?minutes=5", "/api/v1/gate",
			"/routines/quick-daily-reset", "/", "/history", "/settings"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			body := rec.Body.String()
			if rec.Code != tt.status || !strings.Contains(body, tt.shows) {
				t.Errorf("%s with %v: %d, want %d showing %q: %.300s", path, tt.err, rec.Code, tt.status, tt.shows, body)
			}
			if strings.Contains(body, "sql:") {
				t.Errorf("%s shows the raw cause: %.300s", path, body)
			}
		}
	}
}

// Pages made from the journal are kept only while they hold (the journal
// cache's rule; TestJournalPagesFollowTheJournal has this server's own
// writes and the day): a write by another instance on the same journal
// shows once the version is read again, and a screening running out shows
// when it does, with no write at all.
func TestJournalPagesAcrossInstances(t *testing.T) {
	dir := t.TempDir()
	a := newEnvAt(t, dir, true)
	b := newEnvAt(t, dir, false) // another instance on the same journal
	if r := a.do("GET", "/history", "", nil); strings.Contains(r.Body.String(), "Quick daily reset") {
		t.Fatal("history shows a session before any")
	}
	b.start("quick-daily-reset", "other-instance", 3)
	time.Sleep(25 * time.Millisecond) // past versionTTL: a reads the version again
	if r := a.do("GET", "/history", "", nil); !strings.Contains(r.Body.String(), "Quick daily reset") {
		t.Errorf("history after another instance started a session: %.400s", r.Body)
	}
	if r := a.do("GET", "/", "", nil); strings.Contains(r.Body.String(), "Before you exercise") {
		t.Fatalf("home page blocks right after a screening: %.400s", r.Body)
	}
	a.at = a.at.Add(8 * 24 * time.Hour) // the screening runs out; nothing is written
	if r := a.do("GET", "/", "", nil); !strings.Contains(r.Body.String(), "Before you exercise") {
		t.Errorf("home page a week after the screening does not ask for new answers: %.400s", r.Body)
	}
}
