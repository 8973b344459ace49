package web_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/safety"
)

// lighthouseCLI is where npm ci --prefix testdata/lighthouse puts
// Lighthouse, pinned by testdata/lighthouse/package-lock.json.
const lighthouseCLI = "testdata/lighthouse/node_modules/lighthouse/cli/index.js"

// lighthousePages are the app's pages, one of each kind, in the states
// people meet them in (the page that is not there answers 404, which
// Lighthouse does not audit; axe-core checks it in TestBrowserEveryPage).
var lighthousePages = []string{"/", "/routines", "/routines/quick-daily-reset", "/exercises", "/exercises/cat-cow", "/plan",
	"/plan?minutes=5&equipment=none&floor=false", "/history", "/progress", "/screen", "/settings", "/safety", "/play/quick-daily-reset"}

// Issue 14's bar: Lighthouse on a phone (its default, mobile) scores
// performance, accessibility and best practices at 0.95 or more on every
// page. Performance is timed, so a page gets up to three runs and keeps
// its best: a machine busy with other work slows one run, not the page.
func TestLighthouse(t *testing.T) {
	if testing.Short() {
		t.Skip("Lighthouse skipped under -short")
	}
	browser(t) // skips (or fails) the same way without Chromium
	if _, err := os.Stat(lighthouseCLI); err != nil {
		msg := "!!! LIGHTHOUSE AUDITS SKIPPED: no Lighthouse (" + err.Error() + "); run: npm ci --prefix internal/web/testdata/lighthouse"
		if os.Getenv("UNHUNCH_REQUIRE_LIGHTHOUSE") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("Lighthouse is installed but node is not: ", err)
	}
	l := startLive(t)
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = false
	}
	if _, err := person.Screen(context.Background(), l.st, answers, time.Now()); err != nil {
		t.Fatal(err)
	}
	seedPractice(t, l)
	const bar = 0.95
	for _, path := range lighthousePages {
		best := map[string]float64{}
		for run := 0; run < 3; run++ {
			for k, v := range lighthouse(t, node, l.url(path)) {
				best[k] = max(best[k], v)
			}
			if best["performance"] >= bar {
				break
			}
		}
		for _, k := range []string{"performance", "accessibility", "best-practices"} {
			if best[k] < bar {
				t.Errorf("%s: Lighthouse %s %.2f, want at least %.2f", path, k, best[k], bar)
			}
		}
		t.Logf("%s: %v", path, best)
	}
}

// lighthouse audits one page with Lighthouse in headless Chromium and
// returns its category scores.
func lighthouse(t *testing.T, node, url string) map[string]float64 {
	t.Helper()
	cmd := exec.Command(node, lighthouseCLI, url, "--chrome-path="+chromium,
		"--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu",
		"--only-categories=performance,accessibility,best-practices", "--output=json", "--output-path=stdout", "--quiet")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += ": " + strings.TrimSpace(string(ee.Stderr))
		}
		t.Fatalf("lighthouse %s: %s", url, msg)
	}
	var report struct {
		Categories map[string]struct {
			Score *float64 `json:"score"`
		} `json:"categories"`
		RuntimeError *struct{ Message string } `json:"runtimeError"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("lighthouse %s: its report: %v", url, err)
	}
	if report.RuntimeError != nil {
		t.Fatalf("lighthouse %s: %s", url, report.RuntimeError.Message)
	}
	scores := map[string]float64{}
	for k, c := range report.Categories {
		if c.Score == nil {
			t.Fatalf("lighthouse %s: no %s score", url, k)
		}
		scores[k] = *c.Score
	}
	return scores
}
