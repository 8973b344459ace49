package web_test

import (
	"regexp"
	"strings"
	"testing"
)

// card returns the part of the routines page about routine id.
func card(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `href="/routines/`+id+`"`)
	if i < 0 {
		t.Fatalf("no card for %s", id)
	}
	rest := page[i:]
	if j := strings.Index(rest, "</li>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

var tags = regexp.MustCompile(`<[^>]+>`)

// text strips tags and folds spaces, for reading a page as a person would.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

// The web says what each routine takes now, what its time box allows and
// what it grows to, and never calls a large shortfall a fit (issue 11).
func TestRoutineTimesAreHonest(t *testing.T) {
	e := newEnv(t, true)
	list := e.do("GET", "/routines", "", nil).Body.String()
	tests := []struct {
		id   string
		says []string
	}{
		{"end-of-day-relief", []string{"Now 4:25 at the starting dose", "Time box 10 minutes: 5:35 shorter", "Doses grown 7:27 at the top of every range, still short of the time box"}},
		{"posture-support", []string{"Now 8:46 at the starting dose", "15 minutes: 6:14 shorter", "15:32 at the top of every range, over the time box"}},
		{"quick-daily-reset", []string{"Now 4:24 at the starting dose", "5 minutes: it fits", "8:08 at the top of every range, over the time box"}},
	}
	for _, tt := range tests {
		c := text(card(t, list, tt.id))
		for _, s := range tt.says {
			if !strings.Contains(c, s) {
				t.Errorf("%s card lacks %q: %s", tt.id, s, c)
			}
		}
		if tt.id != "quick-daily-reset" && strings.Contains(c, "fits") {
			t.Errorf("%s is well short of its box but its card says it fits: %s", tt.id, c)
		}
	}
	page := text(e.do("GET", "/routines/end-of-day-relief", "", nil).Body.String())
	for _, s := range []string{"Now 4:25 at the starting dose", "Time box 10 minutes: 5:35 shorter", "doses start low on purpose and are never raised to fill it",
		"Doses grown 7:27 at the top of every range, still 2:33 inside it"} {
		if !strings.Contains(page, s) {
			t.Errorf("routine page lacks %q: %.2000s", s, page)
		}
	}

	var sums []struct {
		ID            string
		Fits          bool
		Verdict       string
		Spare         float64 `json:"spare_seconds"`
		Target        float64 `json:"target_dose_duration_seconds"`
		TargetVerdict string  `json:"target_verdict"`
	}
	decodeBody(t, e.do("GET", "/api/v1/routines", "", nil).Body.Bytes(), &sums)
	if len(sums) != 4 || sums[2].ID != "end-of-day-relief" || sums[2].Verdict != "short" || sums[2].Spare != 335 ||
		sums[2].Target != 447 || sums[2].TargetVerdict != "short" || !sums[2].Fits {
		t.Errorf("routines = %+v", sums)
	}
	var doc struct {
		Fit struct {
			Verdict, Summary string
			AtStart          bool `json:"at_start"`
		}
	}
	decodeBody(t, e.do("GET", "/api/v1/routines/end-of-day-relief", "", nil).Body.Bytes(), &doc)
	if doc.Fit.Verdict != "short" || !doc.Fit.AtStart || !strings.HasPrefix(doc.Fit.Summary, "It takes 4:25 at the starting dose. That is 5:35 shorter than its time box (10 minutes).") {
		t.Errorf("fit = %+v", doc.Fit)
	}
}
