package web_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/unhunch/unhunch/catalog"
)

func TestFigureRoutes(t *testing.T) {
	e := newEnv(t, true)
	cases := []struct {
		path   string
		status int
		ctype  string
		says   string
	}{
		{"/exercises/wall-angels/figure.svg", 200, "image/svg+xml", "<svg"},
		{"/exercises/w-y-stretch/frames/W.svg", 200, "image/svg+xml", "<title>"},
		{"/exercises/cat-cow/frames/cow.svg", 200, "image/svg+xml", "viewBox"},
		{"/exercises/cat-cow/frames/moo.svg", 404, "application/json", ""},
		{"/exercises/cat-cow/frames/cow", 404, "", ""},
		{"/exercises/nope/figure.svg", 404, "", "there is no exercise"},
		{"/exercises/illustrations", 200, "text/html; charset=utf-8", "Wall angels"},
		{"/exercises/wall-angels", 200, "text/html; charset=utf-8", `src="/exercises/wall-angels/figure.svg"`},
		{"/exercises", 200, "text/html; charset=utf-8", `src="/exercises/wall-angels/frames/`},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			e.h.ServeHTTP(rec, httptest.NewRequest("GET", c.path, nil))
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, c.status, rec.Body)
			}
			if c.status == 200 && c.ctype != "" && rec.Header().Get("Content-Type") != c.ctype {
				t.Errorf("content type %q", rec.Header().Get("Content-Type"))
			}
			if !strings.Contains(rec.Body.String(), c.says) {
				t.Errorf("body lacks %q", c.says)
			}
			if c.ctype == "image/svg+xml" {
				if err := xml.Unmarshal(rec.Body.Bytes(), new(struct{})); err != nil {
					t.Errorf("not XML: %v", err)
				}
				if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
					t.Errorf("CSP %q", csp)
				}
			}
		})
	}
	// The player gets each exercise's stills, to follow the segment's phase.
	body := e.get("/api/v1/routines/end-of-day-relief")
	if !strings.Contains(body, `"frames":["neutral","cow","cat"]`) {
		t.Errorf("routine document lacks cat-cow's frames: %s", body)
	}
}

// get returns a GET's body, failing on anything but 200.
func (e *env) get(path string) string {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != 200 {
		e.t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

// The contact sheet in a real browser: every figure drawn, none broken; the
// screenshot is kept for review (issue 8).
func TestBrowserContactSheet(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if _, err := chromedp.RunResponse(ctx, chromedp.Navigate(l.url("/exercises/illustrations"))); err != nil {
		t.Fatal(err)
	}
	figures := eval[int](t, ctx, `document.querySelectorAll('figure svg').length`)
	if c, _ := catalog.Builtin(); figures < 3*len(c.Exercises()) { // an animation and at least two stills each
		t.Errorf("%d figures on the contact sheet, want every exercise's animation and stills", figures)
	}
	sized := eval[int](t, ctx, `[...document.querySelectorAll('figure svg')].filter(s => { const r = s.getBoundingClientRect(); return Math.max(r.width, r.height) >= 60 }).length`)
	if sized != figures {
		t.Errorf("%d of %d figures are drawn at a readable size", sized, figures)
	}
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(tctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 20000 {
		t.Errorf("screenshot of %d bytes: the page looks empty", len(png))
	}
	out := filepath.Join("testdata", "out", "contact-sheet.png")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err == nil {
		os.WriteFile(out, png, 0o644)
		t.Logf("contact sheet: internal/web/%s", out)
	}
}

// Pages built from the journal are kept between requests, and rebuilt as
// soon as the journal changes or the day does.
func TestJournalPagesFollowTheJournal(t *testing.T) {
	e := newEnv(t, true)
	first := e.get("/history")
	if again := e.get("/history"); again != first {
		t.Fatal("an unchanged journal must give the same page")
	}
	sid := e.start("quick-daily-reset", "k-cache", 3)
	if h := e.get("/history"); h == first || !strings.Contains(h, "Quick daily reset") {
		t.Errorf("history must show the new session")
	}
	home := e.get("/")
	e.do("POST", "/api/v1/sessions/"+sid+"/events", `{"type":"finish","status":"completed","pain_after":2}`, nil)
	if h := e.get("/"); h == home {
		t.Error("home must change when a session finishes")
	}
	progress := e.get("/progress")
	e.at = e.at.Add(24 * time.Hour)
	if p := e.get("/progress"); p == progress {
		t.Error("progress must be rebuilt on a new day (the calendar moves)")
	}
}

// The guidance page in the browser says how to act there, not what to type.
func TestSafetyPageSpeaksBrowser(t *testing.T) {
	e := newEnv(t, true)
	page := e.get("/safety")
	for _, want := range []string{"Safety check, in the menu", "press Stop (or Esc)", "999, 112 or 911"} {
		if !strings.Contains(page, want) {
			t.Errorf("safety page lacks %q", want)
		}
	}
	for _, cli := range []string{"unhunch screen", "press s "} {
		if strings.Contains(page, cli) {
			t.Errorf("safety page still says %q", cli)
		}
	}
}
