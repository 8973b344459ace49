package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Issue 16: the history page and GET /api/v1/sessions came whole (301 KB
// at 1,400 sessions). They come a page at a time now, each page naming the
// next by the last session it shows, newest first, every session once.
func TestHistoryPages(t *testing.T) {
	e := newEnv(t, true)
	var ids []string // newest first
	for i := range 45 {
		e.at = now.Add(time.Duration(i) * time.Minute)
		ids = append([]string{e.start("quick-daily-reset", "page-"+itoa(i), 3)}, ids...)
	}
	// The API: 50 by default, then pages of ?limit= linked by rel=next.
	var all []struct{ ID string }
	r := e.do("GET", "/api/v1/sessions", "", nil)
	decodeBody(t, r.Body.Bytes(), &all)
	if len(all) != 45 || r.Header().Get("Link") != "" {
		t.Fatalf("all: %d sessions, Link %q", len(all), r.Header().Get("Link"))
	}
	var paged []string
	next := "/api/v1/sessions?limit=20"
	for next != "" {
		r := e.do("GET", next, "", nil)
		if r.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", next, r.Code, r.Body)
		}
		var page []struct{ ID string }
		decodeBody(t, r.Body.Bytes(), &page)
		for _, s := range page {
			paged = append(paged, s.ID)
		}
		next = ""
		if m := regexp.MustCompile(`^<([^>]+)>; rel="next"$`).FindStringSubmatch(r.Header().Get("Link")); m != nil {
			next = m[1]
		}
	}
	if strings.Join(paged, " ") != strings.Join(ids, " ") {
		t.Errorf("pages:\n%v\nwant\n%v", paged, ids)
	}
	for _, c := range []struct {
		path   string
		status int
	}{{"/api/v1/sessions?before=nope", 400}, {"/api/v1/sessions?before=01J00000000000000000000099", 404},
		{"/history?before=nope", 400}, {"/history?before=01J00000000000000000000099", 404}} {
		if r := e.do("GET", c.path, "", nil); r.Code != c.status {
			t.Errorf("%s: %d, want %d", c.path, r.Code, c.status)
		}
	}
	// The page: 20 sessions and a link to the older ones, to the last.
	var shown []string
	path := "/history"
	for path != "" {
		r := e.do("GET", path, "", nil)
		if r.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, r.Code)
		}
		body := r.Body.String()
		for _, m := range regexp.MustCompile(`data-id="([0-9A-Z]{26})"`).FindAllStringSubmatch(body, -1) {
			shown = append(shown, m[1])
		}
		path = ""
		if m := regexp.MustCompile(`<a href="(/history\?before=[0-9A-Z]{26})" rel="next">Older sessions</a>`).FindStringSubmatch(body); m != nil {
			path = m[1]
		}
	}
	if strings.Join(shown, " ") != strings.Join(ids, " ") {
		t.Errorf("history pages show:\n%v\nwant\n%v", shown, ids)
	}
}

// Issue 16 keeps the screening page's steps in memory; they depend on the
// answers alone, so the questions still show when the journal cannot be
// read (saving the answers is what needs it).
func TestScreenPageWithoutJournal(t *testing.T) {
	e := newEnv(t, false)
	if r := e.do("GET", "/screen", "", nil); r.Code != http.StatusOK {
		t.Fatalf("/screen: %d", r.Code)
	}
	e.st.Close()
	time.Sleep(30 * time.Millisecond) // past versionTTL: a page of the journal would read its version again
	if r := e.do("GET", "/", "", nil); r.Code < 500 {
		t.Fatalf("/ with the journal closed: %d, want it to fail (the test's premise)", r.Code)
	}
	for _, p := range []string{"/screen", "/screen?a=n", "/screen?a=nn"} {
		if r := e.do("GET", p, "", nil); r.Code != http.StatusOK || !strings.Contains(r.Body.String(), "<form") {
			t.Errorf("%s with the journal closed: %d %.200s", p, r.Code, r.Body)
		}
	}
}
