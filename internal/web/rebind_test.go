package web_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/unhunch/unhunch/safety"
)

// DNS rebinding in a real browser: a page whose host name resolves to
// 127.0.0.1 (Chromium's --host-resolver-rules maps rebind.test there, as an
// attacker's DNS would) is same-origin with everything it fetches, so only
// the Host check stands between it and the journal. It can neither read
// the sessions nor lift a "see a clinician" gate; unhunch's own origin can
// still do both.
func TestBrowserRebinding(t *testing.T) {
	l := startLive(t)
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = q.ID == "neuro-limb" // see a clinician first
	}
	body, _ := json.Marshal(map[string]any{"answers": answers})
	resp, err := http.Post(l.url("/api/v1/screenings"), "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("screening: %d", resp.StatusCode)
	}
	_, port, _ := net.SplitHostPort(l.addr)
	ctx := browser(t, chromedp.Flag("host-resolver-rules", "MAP rebind.test 127.0.0.1"))

	// fetchJS fetches path from the page's own origin and reports the
	// status and body, or the network error.
	fetchJS := func(method, path string) string {
		return `fetch('` + path + `', {method: '` + method + `'}).then(r => r.text().then(b => r.status + ' ' + b), e => 'error ' + e)`
	}
	type answer struct {
		status string
		body   string
	}
	fetch := func(method, path string) answer {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		s, err := chromedp.Run(tctx, chromedp.Evaluate[string](fetchJS(method, path), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		st, body, _ := strings.Cut(s, " ")
		return answer{st, body}
	}

	// The page of another name, rebound to this machine.
	if err := chromedp.Do(ctx, chromedp.Navigate("http://rebind.test:"+port+"/")); err != nil { // first call: no time limit
		t.Fatal(err)
	}
	if origin := eval[string](t, ctx, `location.origin`); origin != "http://rebind.test:"+port {
		t.Fatalf("the page's origin is %s", origin)
	}
	if shown := eval[string](t, ctx, `document.body.innerText`); !strings.Contains(shown, "only answers to this machine's own names") {
		t.Errorf("the rebound page shows %q", shown)
	}
	if a := fetch("GET", "/api/v1/sessions"); a.status != "421" || !strings.Contains(a.body, `rebind.test:`+port) ||
		!strings.Contains(a.body, "http://127.0.0.1:"+port+"/") {
		t.Errorf("GET /api/v1/sessions from rebind.test: %s %s", a.status, a.body)
	}
	if a := fetch("POST", "/api/v1/screenings/clearance"); a.status != "421" {
		t.Errorf("POST clearance from rebind.test: %s %s", a.status, a.body)
	}
	gate := func() bool {
		t.Helper()
		resp, err := http.Get(l.url("/api/v1/gate"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var g struct{ OK bool }
		if err := json.NewDecoder(resp.Body).Decode(&g); err != nil {
			t.Fatal(err)
		}
		return g.OK
	}
	if gate() {
		t.Fatal("the rebound page lifted the gate")
	}

	// unhunch's own origin, by address and by name, works as before.
	for _, own := range []string{l.url("/"), "http://localhost:" + port + "/"} {
		run(t, ctx, "open "+own, chromedp.Navigate(own))
		if a := fetch("GET", "/api/v1/sessions"); a.status != "200" {
			t.Errorf("GET /api/v1/sessions from %s: %s %s", own, a.status, a.body)
		}
	}
	if a := fetch("POST", "/api/v1/screenings/clearance"); a.status != "201" {
		t.Errorf("POST clearance from its own page: %s %s", a.status, a.body)
	}
	if !gate() {
		t.Error("the clearance from unhunch's own page did not lift the gate")
	}
}
