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
	for _, w := range []string{"It goes through them twice, at the same doses", "· round 2</span>"} {
		if !strings.Contains(page, w) {
			t.Errorf("the planner page lacks %q", w)
		}
	}
	short := e.do("GET", "/plan?minutes=20&equipment=none&floor=false", "", nil).Body.String()
	if !strings.Contains(short, "less than three quarters: every exercise") {
		t.Error("a plan that cannot fill the time must say why on the page")
	}
}

// A player that starts a plan says which exercises it plays: one round of
// distinct exercises, and at most one more exactly alike (issue 16).
func TestStartPlanRounds(t *testing.T) {
	cases := []struct {
		name, exercises string
		status          int
	}{
		{"one round", `["cat-cow","chin-tucks","scapular-squeezes"]`, 201},
		{"two rounds", `["cat-cow","chin-tucks","scapular-squeezes","cat-cow","chin-tucks","scapular-squeezes"]`, 201},
		{"one left out of both", `["cat-cow","scapular-squeezes","cat-cow","scapular-squeezes"]`, 201},
		{"three rounds", `["cat-cow","chin-tucks","cat-cow","chin-tucks","cat-cow","chin-tucks"]`, 400},
		{"a second round unlike the first", `["cat-cow","chin-tucks","chin-tucks","cat-cow"]`, 400},
		{"half a second round", `["cat-cow","chin-tucks","scapular-squeezes","cat-cow"]`, 400},
		{"one exercise, twice", `["cat-cow","cat-cow"]`, 201},
		{"three times in a row", `["cat-cow","cat-cow","cat-cow"]`, 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, true)
			r := e.do("POST", "/api/v1/sessions", `{"routine_id":"plan","plan":{"minutes":9,"floor":false},"pain_before":2,"exercises":`+c.exercises+`}`,
				map[string]string{"Idempotency-Key": "plan-" + strings.NewReplacer(" ", "-", ",", "").Replace(c.name)})
			if r.Code != c.status {
				t.Fatalf("%d %s; want %d", r.Code, r.Body, c.status)
			}
			if c.status != 201 {
				if !strings.Contains(r.Body.String(), "not plan's exercises in its order") {
					t.Errorf("says %s", r.Body)
				}
				return
			}
			if n := strings.Count(c.exercises, ",") + 1; !strings.Contains(r.Body.String(), `"planned_exercises":`+itoa(n)) {
				t.Errorf("planned: %s", r.Body)
			}
		})
	}
}
