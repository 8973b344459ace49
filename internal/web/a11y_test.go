package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The checks every page and every player state must pass (issue 14's
// bars): axe-core finds nothing at any impact, no element's content
// overflows its box, every touch target is at least 44 by 44 CSS pixels,
// and during a session the figure, the countdown, the cue and the controls
// are all inside the window.

// viewports are the sizes the bars hold at: a phone upright, the same
// phone on its side, and a laptop.
var viewports = []struct {
	name string
	w, h int64
}{{"390x844", 390, 844}, {"844x390", 844, 390}, {"1280x800", 1280, 800}}

// schemes are the colour schemes every page is checked in.
var schemes = []string{"light", "dark"}

// colorScheme makes the page prefer the light or the dark scheme.
func colorScheme(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: name}}})
		return err
	})
}

// axePath is where npm ci --prefix testdata/axe puts axe-core's script,
// pinned by testdata/axe/package-lock.json.
const axePath = "testdata/axe/node_modules/axe-core/axe.min.js"

// axeScript is axe-core's script, read once from UNHUNCH_AXE or else from
// axePath.
var axeScript = sync.OnceValues(func() (string, error) {
	path := os.Getenv("UNHUNCH_AXE")
	if path == "" {
		path = axePath
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read axe-core: %w", err)
	}
	return string(b), nil
})

// needAxe skips the test loudly without axe-core (.ci/run installs it:
// npm ci --prefix internal/web/testdata/axe), or fails it when
// UNHUNCH_REQUIRE_AXE=1, as in CI (.ci/run).
func needAxe(t *testing.T) {
	t.Helper()
	if _, err := axeScript(); err != nil {
		msg := "!!! ACCESSIBILITY CHECKS SKIPPED: no axe-core (" + err.Error() + "); run: npm ci --prefix internal/web/testdata/axe"
		if os.Getenv("UNHUNCH_REQUIRE_AXE") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
}

// axeViolations runs axe-core on the page as it is and returns every
// violation, at any impact, with the elements it found.
func axeViolations(t *testing.T, ctx context.Context) []string {
	t.Helper()
	src, err := axeScript()
	if err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void]("if (!window.axe) {"+src+"\n}")); err != nil {
		t.Fatalf("load axe-core: %v", err)
	}
	js := `axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v =>
	  v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160) + ']' : '')).join('; '))))`
	raw, err := chromedp.Run(tctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	var out []string
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("axe-core's answer: %v", err)
	}
	return out
}

// overflowing is JavaScript listing every element whose content overflows
// its box across or down (text past a button's edge, a stage taller than
// the window), and a page wider than the window.
const overflowing = `(() => {
  const out = [], name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  if (document.documentElement.scrollWidth > innerWidth + 1) out.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + innerWidth + ' px window');
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    if (['input', 'select', 'textarea', 'option', 'script', 'template', 'noscript'].includes(el.tagName.toLowerCase())) continue;
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'inline' || cs.display === 'contents' || cs.visibility === 'hidden') continue;
    if (el.clientWidth === 0 && el.clientHeight === 0) continue;
    const across = el.scrollWidth - el.clientWidth, down = el.scrollHeight - el.clientHeight;
    if (across > 1 || down > 1) out.push(name(el) + ' overflows by ' + Math.max(across, 0) + 'x' + Math.max(down, 0) + ': ' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50));
  }
  return out;
})()`

// smallTargets is JavaScript listing every control people touch (links,
// buttons, form fields; a radio or check box by its label) smaller than 44
// by 44 CSS pixels.
const smallTargets = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
    if (!el.getClientRects().length || el.closest('[hidden], [inert]')) continue;
    if (el.type === 'hidden') continue;
    let r = el.getBoundingClientRect();
    if ((el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) r = el.closest('label').getBoundingClientRect();
    if (el.classList.contains('skip') && r.right <= 0) { el.focus(); r = el.getBoundingClientRect(); el.blur(); }
    if (r.width < 43.5 || r.height < 43.5) out.push((el.id || el.getAttribute('href') || el.name || el.tagName) + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '" ' + r.width.toFixed(0) + 'x' + r.height.toFixed(0));
  }
  return out;
})()`

// outOfView is JavaScript listing the parts of a session that are not all
// inside the window: the figure, the countdown, the cue and each control.
const outOfView = `(() => {
  const out = [], parts = {figure: document.getElementById('figure'), countdown: document.querySelector('.ring-wrap'), cue: document.getElementById('cue')};
  document.querySelectorAll('.controls button').forEach(b => { parts['control ' + b.id] = b; });
  for (const [what, el] of Object.entries(parts)) {
    if (!el || !el.getClientRects().length) { out.push(what + ': not shown'); continue; }
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) out.push(what + ': no size');
    if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
      out.push(what + ' at ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(',') + ' outside ' + innerWidth + 'x' + innerHeight);
  }
  if (scrollY !== 0) out.push('the page is scrolled ' + scrollY + ' px');
  return out;
})()`

// pageChecks runs the layout checks on the page as it is, and axe-core too
// when ax is set, reporting each problem with where it was found.
func pageChecks(t *testing.T, ctx context.Context, where string, ax bool) {
	t.Helper()
	for _, c := range []struct{ what, js string }{{"overflows", overflowing}, {"small touch targets", smallTargets}} {
		if got := eval[[]string](t, ctx, c.js); len(got) > 0 {
			t.Errorf("%s: %s: %s", where, c.what, strings.Join(got, "; "))
		}
	}
	if ax {
		if got := axeViolations(t, ctx); len(got) > 0 {
			t.Errorf("%s: axe-core: %s", where, strings.Join(got, "\n    "))
		}
	}
}
