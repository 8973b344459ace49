package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/safety"
)

// A stop for tingling or numbness is handled like sharp pain and dizziness
// through the API (issue 11), and every stop in a session counts for the
// gate however the session ends (issue 12): a later "completed" finish
// never clears a re-screen.
func TestEveryStopCountsForTheGate(t *testing.T) {
	for _, reason := range journal.StopReasons {
		t.Run(string(reason), func(t *testing.T) {
			e := newEnv(t, true)
			e.at = e.at.Add(time.Minute) // the session starts after the screening
			sid := e.start("quick-daily-reset", "k", 2)
			r := e.do("POST", "/api/v1/sessions/"+sid+"/events", `{"type":"exercise","index":0,"exercise_id":"chin-tucks","outcome":"stopped","stop_reason":"`+
				string(reason)+`","started_at":"2026-11-18T09:31:00Z","ended_at":"2026-11-18T09:31:20Z"}`, nil)
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			serious := reason.EndsSession()
			if got := strings.Contains(r.Body.String(), `"set_aside":true`); got != serious {
				t.Errorf("set aside %v: %s", got, r.Body)
			}
			if r := e.do("POST", "/api/v1/sessions/"+sid+"/events", `{"type":"finish","status":"completed","pain_after":2}`, nil); r.Code != 200 {
				t.Fatalf("finish: %d %s", r.Code, r.Body)
			}
			var g struct {
				OK      bool   `json:"ok"`
				Trigger string `json:"trigger"`
			}
			decodeBody(t, e.do("GET", "/api/v1/gate", "", nil).Body.Bytes(), &g)
			if g.OK == serious || (serious && g.Trigger != "stop-"+string(reason)) {
				t.Errorf("gate after a stop for %s and a completed finish: %+v", reason, g)
			}
		})
	}
}

// Emergency first through the API: an emergency answer is enough, even with
// every other answer missing.
func TestAPIEmergencyAnswerAlone(t *testing.T) {
	e := newEnv(t, false)
	r := e.do("POST", "/api/v1/screenings", `{"answers":{"tearing-pain-now":true}}`, nil)
	if r.Code != 201 || !strings.Contains(r.Body.String(), `"outcome":"emergency"`) || !strings.Contains(r.Body.String(), "999") {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	for body, says := range map[string]string{
		`{"answers":{"tearing-pain-now":false}}`:                 fmt.Sprintf("%d questions have no answer (chest-pain-now, neuro-bilateral,", firstAsked-1),
		`{"answers":{"tearing-pain-now":false,"x":1}}`:           `answers has 2 problems, so nothing was saved:`,
		`{"answers":{"chest-pain":true}}`:                        `older set of safety questions`,
		`{"answers":{"tearing-pain-now":"yes"}}`:                 `must be true or false`,
		`{"answers":{"tearing-pain-now":null}}`:                  `must be true or false, not null`,
		`{"answers":{"pregnant-later":true,"pregnant":false}}`:   `asked only of people who answer "pregnant" yes`,
		`{"answers":{"sore-toe":true,"tearing-pain-now":false}}`: `"sore-toe" is not a question id`,
	} {
		r := e.do("POST", "/api/v1/screenings", body, nil)
		if _, msg := apiError(t, r.Body.Bytes()); r.Code != 400 || !strings.Contains(msg, says) {
			t.Errorf("%s: %d %s; want 400 saying %q", body, r.Code, r.Body, says)
		}
	}
}

// answersWith returns every question answered no, except yes to those given.
func answersWith(yes ...string) string {
	a := map[string]bool{}
	for _, q := range safety.Questions {
		a[q.ID] = slices.Contains(yes, q.ID)
	}
	b, _ := json.Marshal(map[string]any{"answers": a})
	return string(b)
}

// A condition from the safety answers keeps its exercises out of routines,
// plans and starts, saying why, until a clinician clears one exercise of it.
func TestConditionsKeepExercisesOutOfTheWeb(t *testing.T) {
	e := newEnv(t, false)
	r := e.do("POST", "/api/v1/screenings", answersWith("pregnant", "pregnant-later"), nil)
	if r.Code != 201 || !strings.Contains(r.Body.String(), `"conditions":["pregnancy","pregnancy-after-12-weeks"]`) ||
		!strings.Contains(r.Body.String(), "Back extension") {
		t.Fatalf("screening: %d %s", r.Code, r.Body)
	}
	var saved struct{ ID string }
	decodeBody(t, r.Body.Bytes(), &saved)
	if res := e.do("GET", "/screen/result?id="+saved.ID, "", nil).Body.String(); !strings.Contains(res, "<li>because of pregnancy: Back extension</li>") ||
		!strings.Contains(res, `href="/settings#conditions"`) {
		t.Errorf("the result page does not list what is left out:\n%s", res)
	}
	type doc struct {
		Exercises []struct{ ID string }
		LeftOut   []string `json:"left_out"`
		Why       []struct {
			ID, Why, Words string
		} `json:"left_out_why"`
		Notes []string
	}
	var d doc
	decodeBody(t, e.do("GET", "/api/v1/routines/seven-in-seven", "", nil).Body.Bytes(), &d)
	for _, id := range []string{"thoracic-foam-rolling", "back-extension"} {
		if !slices.Contains(d.LeftOut, id) {
			t.Errorf("%s not left out: %+v", id, d)
		}
	}
	for _, x := range d.Exercises {
		if x.ID == "thoracic-foam-rolling" || x.ID == "back-extension" {
			t.Errorf("%s is in the routine", x.ID)
		}
	}
	if len(d.Why) != 2 || d.Why[0].Why != "condition" || !strings.Contains(d.Why[0].Words, "pregnancy past 12 weeks") ||
		!strings.Contains(strings.Join(d.Notes, " "), "Left out because of pregnancy") {
		t.Errorf("why: %+v notes %q", d.Why, d.Notes)
	}
	// A start leaves them out too.
	sid := e.start("seven-in-seven", "s", 2)
	s, err := e.st.Session(t.Context(), sid)
	if err != nil || s.PlannedExercises != 5 {
		t.Errorf("started with %d exercises (%v), want 5", s.PlannedExercises, err)
	}
	// And a plan.
	var p struct {
		Exercises []struct{ ID string }
		Plan      struct {
			Request struct {
				KeptOut map[string]string `json:"kept_out"`
			}
			Summary []string
		}
	}
	decodeBody(t, e.do("GET", "/api/v1/plan?minutes=15&equipment=foam-roller,pillow,wall,doorway,chair,towel", "", nil).Body.Bytes(), &p)
	for _, x := range p.Exercises {
		if x.ID == "back-extension" || x.ID == "thoracic-extension" || x.ID == "thoracic-foam-rolling" {
			t.Errorf("plan has %s", x.ID)
		}
	}
	if _, ok := p.Plan.Request.KeptOut["back-extension"]; !ok || !strings.Contains(strings.Join(p.Plan.Summary, " "), "Left out for your safety: ") {
		t.Errorf("plan says %+v", p.Plan)
	}
	// A clinician clears back extension of pregnancy: it comes back; the
	// others stay out. Bad clearances are refused with what to do.
	for _, c := range []struct {
		method, path, body string
		status             int
		says               string
	}{
		{"POST", "/api/v1/exercises/back-extension/clearances", `{"condition":"flu"}`, 400, "is not a condition unhunch knows"},
		{"POST", "/api/v1/exercises/back-extension/clearances", `{}`, 400, "say which condition"},
		{"POST", "/api/v1/exercises/chin-tucks/clearances", `{"condition":"pregnancy"}`, 400, "is not kept out for pregnancy"},
		{"POST", "/api/v1/exercises/chin-tuck/clearances", `{"condition":"pregnancy"}`, 404, "chin-tucks"},
		{"POST", "/api/v1/exercises/back-extension/clearances", `{"condition":"pregnancy"}`, 201, "right for you despite pregnancy"},
	} {
		r := e.do(c.method, c.path, c.body, nil)
		if r.Code != c.status || !strings.Contains(r.Body.String(), c.says) {
			t.Errorf("%s %s %s: %d %s; want %d saying %q", c.method, c.path, c.body, r.Code, r.Body, c.status, c.says)
		}
	}
	d = doc{}
	decodeBody(t, e.do("GET", "/api/v1/routines/seven-in-seven", "", nil).Body.Bytes(), &d)
	if slices.Contains(d.LeftOut, "back-extension") || !slices.Contains(d.LeftOut, "thoracic-foam-rolling") {
		t.Errorf("after the clearance: %v", d.LeftOut)
	}
	var aside []struct {
		ExerciseID string   `json:"exercise_id"`
		Conditions []string `json:"conditions"`
		ClearedOf  []string `json:"cleared_of"`
	}
	decodeBody(t, e.do("GET", "/api/v1/aside", "", nil).Body.Bytes(), &aside)
	if len(aside) != 3 || aside[0].ExerciseID != "thoracic-foam-rolling" || aside[1].ExerciseID != "back-extension" || len(aside[1].ClearedOf) != 1 {
		t.Errorf("aside %+v", aside)
	}
	if r := e.do("DELETE", "/api/v1/exercises/back-extension/clearances/pregnancy", "", nil); r.Code != 200 || !strings.Contains(r.Body.String(), `"changed":true`) {
		t.Errorf("withdraw: %d %s", r.Code, r.Body)
	}
	if r := e.do("DELETE", "/api/v1/exercises/back-extension/clearances/flu", "", nil); r.Code != 400 {
		t.Errorf("withdraw an unknown condition: %d %s", r.Code, r.Body)
	}
	d = doc{}
	decodeBody(t, e.do("GET", "/api/v1/routines/seven-in-seven", "", nil).Body.Bytes(), &d)
	if !slices.Contains(d.LeftOut, "back-extension") {
		t.Errorf("after withdrawing: %v", d.LeftOut)
	}
	// The settings page lists them, with a form that works without JavaScript.
	page := e.do("GET", "/settings", "", nil).Body.String()
	if !strings.Contains(page, "Back extension — left out because of pregnancy") || !strings.Contains(page, `action="/settings/clear"`) {
		t.Errorf("settings page lacks the conditions:\n%s", page)
	}
	rec := e.post("/settings/clear", map[string][]string{"id": {"back-extension"}, "condition": {"pregnancy"}})
	if rec.Code != 303 {
		t.Fatalf("settings clear: %d %s", rec.Code, rec.Body)
	}
	loc, _, _ := strings.Cut(rec.Header().Get("Location"), "#") // a browser never sends the fragment
	page = e.do("GET", loc, "", nil).Body.String()
	if !strings.Contains(page, "cleared by a clinician despite pregnancy") || !strings.Contains(page, "right for you despite pregnancy") {
		t.Errorf("after clearing on the settings page:\n%s", page)
	}
}

// Emergency first in a real browser: a yes to the first question shows the
// emergency advice at once, saved, with no further question.
func TestBrowserScreeningEmergencyFirst(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url("/screen"))); err != nil {
		t.Fatal(err)
	}
	clickNav(t, ctx, `button[value="y"]`)
	advice := eval[string](t, ctx, `document.getElementById('screen-advice').textContent`)
	if !strings.Contains(advice, "999 (UK), 112 (EU) or 911") || eval[bool](t, ctx, `!!document.getElementById('q-text')`) {
		t.Fatalf("after an emergency yes the page shows %q", advice)
	}
	list, err := l.st.Screenings(context.Background())
	if err != nil || len(list) != 1 || list[0].Result.Outcome != safety.Emergency || len(list[0].Answers) != 1 {
		t.Fatalf("saved %+v, %v", list, err)
	}
}

// A stop for tingling or numbness in the browser's player: key 3 stops,
// ends the session with the advice, and the exercise is set aside.
func TestBrowserStopForTingling(t *testing.T) {
	l := startLive(t)
	ctx := browser(t)
	answerScreening(t, ctx, l)
	run(t, ctx, "open the player", chromedp.Navigate(l.url("/play/quick-daily-reset")), chromedp.WaitVisible(chromedp.CSS(`#start`)))
	if got := eval[string](t, ctx, `[...document.querySelectorAll('#ask [data-reason]')].map(b => b.dataset.key + ':' + b.dataset.reason + ('ends' in b.dataset ? '!' : '')).join(' ')`); got !=
		"1:sharp-pain! 2:dizziness! 3:tingling-numbness! 4:discomfort 5:other" {
		t.Errorf("stop reasons offered: %q", got)
	}
	// Paused in the first exercise (played 100 times faster, it would be
	// over before the keys on a slow machine), as a person stops in it.
	first := `document.getElementById('ex-count').textContent.startsWith('Exercise 1 of')`
	pauseWhen(t, ctx, first)
	run(t, ctx, "pain 2, start", chromedp.Click(chromedp.CSS(`#pain-before input[value="2"]`)),
		chromedp.Click(chromedp.CSS(`#start`)), chromedp.WaitVisible(chromedp.CSS(`#stage`)))
	waitPaused(t, ctx, "paused in the first exercise", first)
	run(t, ctx, "stop with Esc, then 3", chromedp.KeyEvent(kb.Escape), chromedp.WaitVisible(chromedp.CSS(`#ask`)), chromedp.KeyEvent("3"))
	poll(t, ctx, "the end", `!document.getElementById('after').hidden`, 30*time.Second)
	if got := eval[string](t, ctx, `document.getElementById('advice').textContent`); !strings.Contains(got, "tingling or numbness") || !strings.Contains(got, "999") {
		t.Errorf("advice %q", got)
	}
	poll(t, ctx, "sent", `unhunch.queue().length === 0`, 20*time.Second)
	list := l.sessions(t)
	if len(list) != 1 || list[0].Status != journal.Stopped || list[0].StopReason != journal.Tingling ||
		len(list[0].Exercises) != 1 || list[0].Exercises[0].StopReason != journal.Tingling {
		t.Fatalf("saved %+v", list)
	}
	states, _ := l.st.ExerciseStates(context.Background())
	if !states["chin-tucks"].Excluded {
		t.Errorf("chin tucks not set aside: %+v", states)
	}
}

// For random answers through the API: a start is refused when an answer
// calls for urgent help or a clinician; otherwise every routine the player
// is given, and the session started from it, leaves out exactly the
// exercises the conditions keep out.
func TestRandomAnswersThroughTheAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("property test skipped under -short")
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 25 {
		e := newEnv(t, false)
		var yes []string
		blocked := false
		for _, q := range safety.Questions {
			if (q.After == "" || slices.Contains(yes, q.After)) && rng.IntN(100) < map[safety.Outcome]int{safety.Condition: 40}[q.Outcome]+3 {
				yes = append(yes, q.ID)
				blocked = blocked || q.Outcome == safety.Emergency || q.Outcome == safety.Clinician
			}
		}
		if r := e.do("POST", "/api/v1/screenings", answersWith(yes...), nil); r.Code != 201 {
			t.Fatalf("case %d: screening %v: %d %s", i, yes, r.Code, r.Body)
		}
		e.at = e.at.Add(time.Minute)
		for _, rt := range e.cat.Routines() {
			var d struct {
				Exercises []struct{ ID string }
				LeftOut   []string `json:"left_out"`
			}
			got := e.do("GET", "/api/v1/routines/"+rt.ID, "", nil)
			all := got.Code == 403 // every exercise left out: refused, saying why
			if !all {
				decodeBody(t, got.Body.Bytes(), &d)
			}
			for _, it := range rt.Exercises {
				ex, _ := e.cat.Exercise(it.ID)
				out := false
				for _, id := range yes {
					q, _ := safety.QuestionByID(id)
					out = out || (q.Condition != "" && ex.UnsuitableWith(q.Condition))
				}
				in := slices.ContainsFunc(d.Exercises, func(x struct{ ID string }) bool { return x.ID == it.ID })
				if all && !out {
					t.Fatalf("case %d: answers %v: %s refused (%s), but %s is not kept out", i, yes, rt.ID, got.Body, it.ID)
				}
				if !all && (in == out || slices.Contains(d.LeftOut, it.ID) != out) {
					t.Fatalf("case %d: answers %v: %s in %s: included %v, left out %v", i, yes, it.ID, rt.ID, in, d.LeftOut)
				}
			}
			r := e.do("POST", "/api/v1/sessions", `{"routine_id":"`+rt.ID+`","pain_before":2}`, map[string]string{"Idempotency-Key": rt.ID})
			switch {
			case (blocked || all) && r.Code != 403, !blocked && !all && r.Code != 201:
				t.Fatalf("case %d: answers %v: start %s: %d %s", i, yes, rt.ID, r.Code, r.Body)
			case r.Code == 201:
				var s journal.Session
				decodeBody(t, r.Body.Bytes(), &s)
				if s.PlannedExercises != len(d.Exercises) {
					t.Fatalf("case %d: %s started with %d exercises, the player was given %d", i, rt.ID, s.PlannedExercises, len(d.Exercises))
				}
				e.do("POST", "/api/v1/sessions/"+s.ID+"/events", `{"type":"finish","status":"completed"}`, nil)
			}
		}
	}
}
