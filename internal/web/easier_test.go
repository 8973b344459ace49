package web_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// A person who rated cat-cow too hard at its starting dose is on its
// easier option; a plan made for them (the API the plan page uses) gives
// it seated, and says why.
func TestPlanOffersTheEasierOption(t *testing.T) {
	e := newEnv(t, true)
	plan := func() (position, why string) {
		var doc struct {
			Exercises []struct {
				ID       string `json:"id"`
				Position string `json:"position"`
			} `json:"exercises"`
			Plan struct {
				Choices []struct {
					ID  string `json:"id"`
					Why string `json:"why"`
				} `json:"choices"`
			} `json:"plan"`
		}
		if err := json.Unmarshal([]byte(e.get("/api/v1/plan?minutes=15&equipment=none&floor=true&focus=mobility")), &doc); err != nil {
			t.Fatal(err)
		}
		for _, c := range doc.Plan.Choices {
			if c.ID == "cat-cow" {
				why = c.Why
			}
		}
		for _, x := range doc.Exercises {
			if x.ID == "cat-cow" {
				return x.Position, why
			}
		}
		t.Fatalf("no cat-cow in the plan: %+v", doc.Exercises)
		return "", ""
	}
	if pos, why := plan(); pos == "seated" || strings.Contains(why, "easier") {
		t.Fatalf("before any rating, cat-cow is planned %s: %q", pos, why)
	}
	id := e.start("end-of-day-relief", "easier", 2)
	for _, body := range []string{
		`{"type":"exercise","index":2,"attempt":1,"exercise_id":"cat-cow","outcome":"done","started_at":"2026-11-18T09:31:00Z","ended_at":"2026-11-18T09:32:00Z","seconds":60}`,
		`{"type":"rating","index":2,"attempt":1,"rating":"hard"}`,
		`{"type":"finish","status":"completed","pain_after":2}`,
	} {
		if r := e.do("POST", "/api/v1/sessions/"+id+"/events", body, nil); r.Code != 200 {
			t.Fatalf("%s: %d %s", body, r.Code, r.Body)
		}
	}
	if pos, why := plan(); pos != "seated" || !strings.Contains(why, "easier way for now: seated instead of on hands and knees") {
		t.Errorf("on the easier option, cat-cow is planned %s: %q", pos, why)
	}
}
