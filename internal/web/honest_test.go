package web_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/web"
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
		{"end-of-day-relief", []string{"Now 4:25 at the starting dose", "Time box 10 minutes: 5:35 shorter", "Grows to 7:27 at the top of every range, still short of the time box"}},
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
	for _, s := range []string{"Now 4:25 at the starting dose", "Time box 10 minutes: 5:35 shorter", "Doses start low on purpose and are never raised to fill the time box.",
		"Grows to 7:27 at the top of every range, still 2:33 inside it"} {
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

// A session played faster or slower than real time is a demo: saved with its
// time scale, shown as a demo in the history and progress, and never
// counted (issue 11). The player sends its scale; without one, the server's
// --time-scale decides.
func TestDemoSessionsInTheWeb(t *testing.T) {
	e := newEnv(t, true)
	start := func(key, extra string) map[string]any {
		t.Helper()
		r := e.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":3`+extra+`}`, map[string]string{"Idempotency-Key": key})
		if r.Code != 201 {
			t.Fatalf("start %s: %d %s", key, r.Code, r.Body)
		}
		var doc map[string]any
		decodeBody(t, r.Body.Bytes(), &doc)
		return doc
	}
	for i, key := range []string{"demo-1", "demo-2"} {
		doc := start(key, `,"time_scale":30`)
		if doc["demo"] != true || doc["time_scale"] != 30.0 {
			t.Fatalf("a session at 30× must be a demo: %v", doc)
		}
		id := doc["id"].(string)
		ev := `{"type":"exercise","index":0,"exercise_id":"chin-tucks","outcome":"done","seconds":95,"started_at":"2026-11-18T09:3` + itoa(i) + `:00Z","ended_at":"2026-11-18T09:3` + itoa(i) + `:05Z"}`
		for _, body := range []string{ev, `{"type":"rating","index":0,"rating":"easy"}`, `{"type":"finish","status":"completed","pain_after":2}`} {
			if r := e.do("POST", "/api/v1/sessions/"+id+"/events", body, nil); r.Code != 200 {
				t.Fatalf("event %s: %d %s", body, r.Code, r.Body)
			}
		}
	}
	if doc := start("real", `,"time_scale":1`); doc["demo"] != false || doc["time_scale"] != 1.0 {
		t.Errorf("real time is not a demo: %v", doc)
	}
	for _, bad := range []string{`0`, `-2`, `5000`, `"fast"`} {
		r := e.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","time_scale":`+bad+`}`, map[string]string{"Idempotency-Key": "bad-" + bad})
		if r.Code != 400 {
			t.Errorf("time_scale %s: %d %s", bad, r.Code, r.Body)
		}
	}

	var prog struct {
		Sessions int `json:"sessions"`
		Counted  int `json:"sessions_practised"`
		Demos    int `json:"demos"`
		Levels   []struct {
			ExerciseID string `json:"exercise_id"`
			Changes    []any  `json:"changes"`
		} `json:"levels"`
		Adherence struct {
			Current int `json:"current_streak_days"`
		} `json:"adherence"`
	}
	decodeBody(t, e.do("GET", "/api/v1/progress", "", nil).Body.Bytes(), &prog)
	if prog.Sessions != 3 || prog.Counted != 0 || prog.Demos != 2 || prog.Adherence.Current != 0 {
		t.Errorf("progress counts demos: %+v", prog)
	}
	for _, l := range prog.Levels {
		if len(l.Changes) > 0 {
			t.Errorf("two easy ratings in demos moved %s: %+v", l.ExerciseID, l.Changes)
		}
	}
	if h := text(e.do("GET", "/history", "", nil).Body.String()); strings.Count(h, "Demo at 30× real time: kept here, never counted as practice.") != 2 {
		t.Errorf("history does not mark the demos: %s", h)
	}
	if p := text(e.do("GET", "/progress", "", nil).Body.String()); !strings.Contains(p, "2 were demos, played at another speed, and are not counted.") {
		t.Errorf("progress does not mention the demos: %s", p)
	}

	// A server playing at 20× makes demos of sessions that do not say their scale.
	fast := newEnv(t, true)
	fast.srv.Close()
	srv, err := web.New(web.Config{Store: fast.st, Catalog: fast.cat, Now: func() time.Time { return fast.at }, Location: time.UTC, TimeScale: 20})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	fast.h = fromLoopback(srv.Handler())
	r := fast.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset"}`, map[string]string{"Idempotency-Key": "k"})
	if r.Code != 201 || !strings.Contains(r.Body.String(), `"time_scale":20,"demo":true`) {
		t.Errorf("start on a 20× server: %d %s", r.Code, r.Body)
	}
	if p := fast.do("GET", "/play/quick-daily-reset", "", nil).Body.String(); !strings.Contains(p, `id="demo-note"`) || !strings.Contains(p, "20× real time: a demo") {
		t.Errorf("the player does not say it plays a demo")
	}
}
