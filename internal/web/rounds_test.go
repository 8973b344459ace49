package web_test

import (
	"strings"
	"testing"
)

// A plan of two rounds, through the API and the planner page: every round
// in the routine, each choice once, and the plan's lines about the time
// (issue 16).
func TestPlanRounds(t *testing.T) {
	e := newEnv(t, true)
	const q = "minutes=15&equipment=foam-roller,towel,wall,doorway,chair,pillow,mat&floor=true"
	rec := e.do("GET", "/api/v1/plan?"+q, "", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var doc struct {
		DurationSeconds float64 `json:"duration_seconds"`
		Exercises       []struct {
			ID    string `json:"id"`
			Round int    `json:"round"`
		} `json:"exercises"`
		Plan struct {
			Rounds  int                   `json:"rounds"`
			Choices []struct{ ID string } `json:"choices"`
			Summary []string              `json:"summary"`
		} `json:"plan"`
	}
	decodeBody(t, rec.Body.Bytes(), &doc)
	n := len(doc.Plan.Choices)
	if doc.Plan.Rounds != 2 || n == 0 || len(doc.Exercises) != 2*n {
		t.Fatalf("%d rounds, %d choices, %d exercises", doc.Plan.Rounds, n, len(doc.Exercises))
	}
	for i, ex := range doc.Exercises {
		if ex.ID != doc.Plan.Choices[i%n].ID || ex.Round != i/n+1 {
			t.Errorf("exercise %d is %s in round %d", i, ex.ID, ex.Round)
		}
	}
	if doc.DurationSeconds < 0.75*15*60 || doc.DurationSeconds > 15*60 {
		t.Errorf("takes %v s of 900", doc.DurationSeconds)
	}
	page := e.do("GET", "/plan?"+strings.ReplaceAll(q, ",", "&equipment="), "", nil).Body.String()
	for _, w := range []string{"It goes through them twice, at the same doses", "· round 2</li>"} {
		if !strings.Contains(page, w) {
			t.Errorf("the planner page lacks %q", w)
		}
	}
	short := e.do("GET", "/plan?minutes=20&equipment=none&floor=false", "", nil).Body.String()
	if !strings.Contains(short, "less than three quarters: every exercise") {
		t.Error("a plan that cannot fill the time must say why on the page")
	}
}
