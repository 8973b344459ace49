package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/safety"
)

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
		{"/routines/seven-in-seven", 200, "Start this routine"},
		{"/plan", 200, "Minutes you have"},
		{"/plan?minutes=5&equipment=none&floor=false", 200, "Start this plan"},
		{"/plan?minutes=99", 400, "99"},
		{"/play/quick-daily-reset", 200, `id="routine-data"`},
		{"/play/plan?minutes=5&equipment=none&floor=false", 200, `data-plan=`},
		{"/history", 200, "Quick daily reset"},
		{"/progress", 200, `class="chart calendar"`},
		{"/screen", 200, "Question 1 of 17"},
		{"/settings", 200, "Leave out"},
		{"/safety", 200, "When to see a clinician first"},
		{"/nowhere", 404, "there is nothing at /nowhere"},
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

// The safety questions work with plain links and forms, one at a time:
// answers travel in the form, and only the last step writes.
func TestScreeningWithoutJavaScript(t *testing.T) {
	e := newEnv(t, false)
	a := ""
	for i := range safety.Questions {
		ans := "n"
		if safety.Questions[i].ID == "night-pain" {
			ans = "y"
		}
		r := e.do("GET", "/screen?"+url.Values{"a": {a}, "answer": {ans}}.Encode(), "", nil)
		if r.Code != 200 {
			t.Fatalf("question %d: %d %s", i, r.Code, r.Body)
		}
		a += ans
	}
	if list, _ := e.st.Screenings(t.Context()); len(list) != 0 {
		t.Fatalf("saved before the last step: %v", list)
	}
	req := httptest.NewRequest("POST", "/screen", strings.NewReader(url.Values{"a": {a}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", rec.Code, rec.Body)
	}
	res := e.do("GET", rec.Header().Get("Location"), "", nil)
	if !strings.Contains(res.Body.String(), "doctor or physiotherapist") || !strings.Contains(res.Body.String(), "a clinician has cleared me") {
		t.Fatalf("result: %s", res.Body)
	}
	for _, bad := range []string{"/screen?a=x", "/screen?a=" + strings.Repeat("n", 18)} {
		if r := e.do("GET", bad, "", nil); r.Code != 400 {
			t.Errorf("%s: %d", bad, r.Code)
		}
	}
}
