package web_test

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every routine page and the plan page have a Print / PDF button whose link
// sends the routine as start would play it, as a PDF: the person's doses,
// without what is left out for them.
func TestHandoutButton(t *testing.T) {
	e := newEnv(t, true)
	if r := e.do("POST", "/api/v1/exercises/chin-tucks/avoid", "", nil); r.Code != http.StatusOK {
		t.Fatalf("avoid: %d %s", r.Code, r.Body)
	}
	link := regexp.MustCompile(`<a class="button" id="handout" href="([^"]+)" type="application/pdf"[^>]*>Print / PDF</a>`)
	pages := []string{"/plan?minutes=5&equipment=none&floor=false"}
	for _, rt := range e.cat.Routines() {
		pages = append(pages, "/routines/"+rt.ID)
	}
	for _, page := range pages {
		r := e.do("GET", page, "", nil)
		m := link.FindStringSubmatch(r.Body.String())
		if r.Code != 200 || m == nil {
			t.Fatalf("%s: %d, no Print / PDF button: %.400s", page, r.Code, r.Body)
		}
		href := strings.ReplaceAll(m[1], "&amp;", "&")
		pdf := e.do("GET", href, "", nil)
		if pdf.Code != 200 || pdf.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF-")) {
			t.Fatalf("%s: %d %q %.40q", href, pdf.Code, pdf.Header().Get("Content-Type"), pdf.Body)
		}
		if cc := pdf.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q: the person's doses are not for caches", href, cc)
		}
		if page == "/routines/quick-daily-reset" {
			text := pdfText(t, pdf.Body.Bytes())
			if text != "" && (strings.Contains(text, "Look straight ahead") || !strings.Contains(text, "Chin tucks: on your avoid list.")) {
				t.Errorf("%s: chin tucks, avoided, should be left out and said so:\n%s", href, text)
			}
		}
	}
}

// The paper: ?paper=, else the browser's language (Letter for en-US), else A4.
func TestHandoutPaper(t *testing.T) {
	e := newEnv(t, true)
	letter, a4 := []byte("/MediaBox [0 0 612.00 792.00]"), []byte("/MediaBox [0 0 595.28 841.89]")
	for _, c := range []struct {
		path, lang string
		want       []byte
	}{
		{"/routines/quick-daily-reset/handout.pdf", "", a4},
		{"/routines/quick-daily-reset/handout.pdf", "en-US,en;q=0.9", letter},
		{"/routines/quick-daily-reset/handout.pdf", "en-GB,en;q=0.9", a4},
		{"/routines/quick-daily-reset/handout.pdf?paper=letter", "en-GB", letter},
		{"/plan/handout.pdf?minutes=5&equipment=none&floor=false&paper=a4", "en-US", a4},
	} {
		r := e.do("GET", c.path, "", map[string]string{"Accept-Language": c.lang})
		if r.Code != 200 || !bytes.Contains(r.Body.Bytes(), c.want) {
			t.Errorf("%s (%s): %d, want %s", c.path, c.lang, r.Code, c.want)
		}
	}
}

// Bad requests get a clear 4xx page, never a PDF.
func TestHandoutBadInput(t *testing.T) {
	e := newEnv(t, true)
	for _, c := range []struct {
		path   string
		status int
		says   string
	}{
		{"/routines/nope/handout.pdf", 404, "there is no routine"},
		{"/routines/quick-daily-reset/handout.pdf?paper=a5", 400, "unknown paper size"},
		{"/routines/quick-daily-reset/handout.pdf?size=big", 400, "size"},
		{"/plan/handout.pdf", 400, "minutes"},
		{"/plan/handout.pdf?minutes=99", 400, "99"},
		{"/plan/handout.pdf?minutes=5&floor=maybe", 400, "maybe"},
	} {
		r := e.do("GET", c.path, "", nil)
		if r.Code != c.status || !strings.Contains(r.Body.String(), c.says) || strings.HasPrefix(r.Body.String(), "%PDF") {
			t.Errorf("%s: %d %q, want %d saying %q", c.path, r.Code, r.Body.String(), c.status, c.says)
		}
	}
	// Every exercise of a routine left out: refused as a start is.
	rt, _ := e.cat.Routine("quick-daily-reset")
	for _, it := range rt.Exercises {
		e.do("POST", "/api/v1/exercises/"+it.ID+"/avoid", "", nil)
	}
	if r := e.do("GET", "/routines/quick-daily-reset/handout.pdf", "", nil); r.Code != http.StatusForbidden || !strings.Contains(r.Body.String(), "left out") {
		t.Errorf("every exercise left out: %d %.300s", r.Code, r.Body)
	}
}

// pdfText is the text pdftotext (poppler) finds in a PDF, or "" without it
// (a failure when UNHUNCH_REQUIRE_POPPLER=1, as in CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("UNHUNCH_REQUIRE_POPPLER") == "1" {
			t.Fatal("pdftotext (poppler-utils) is not on the PATH, and UNHUNCH_REQUIRE_POPPLER=1")
		}
		return ""
	}
	file := filepath.Join(t.TempDir(), "h.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`\s+`).ReplaceAllString(string(out), " ")
}
