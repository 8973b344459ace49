package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/journal"
)

// Every endpoint, with its errors: status, error code and the words that
// say what to fix.
func TestAPI(t *testing.T) {
	e := newEnv(t, true)
	sid := e.start("quick-daily-reset", "key-table", 3)
	ev := "/api/v1/sessions/" + sid + "/events"
	ex := func(extra string) string {
		return `{"type":"exercise","index":0,"exercise_id":"chin-tucks","outcome":"done","started_at":"2026-11-18T09:30:00Z","ended_at":"2026-11-18T09:31:00Z"` + extra + `}`
	}
	key := map[string]string{"Idempotency-Key": "key-other"}
	cases := []struct {
		name, method, path, body string
		headers                  map[string]string
		status                   int
		code                     string // error code, "" for success
		says                     string // in the body
	}{
		{"healthz", "GET", "/healthz", "", nil, 200, "", `"status":"ok"`},
		{"metrics", "GET", "/metrics", "", nil, 200, "", "unhunch_http_requests_total"},
		{"openapi", "GET", "/api/v1/openapi.json", "", nil, 200, "", `"openapi":"3.1.0"`},
		{"exercises", "GET", "/api/v1/exercises", "", nil, 200, "", `"id":"chin-tucks"`},
		{"exercises with a parameter", "GET", "/api/v1/exercises?x=1", "", nil, 400, "invalid", `"x"`},
		{"exercise", "GET", "/api/v1/exercises/bird-dog", "", nil, 200, "", `"name":"Bird dog"`},
		{"unknown exercise", "GET", "/api/v1/exercises/bird-dgo", "", nil, 404, "not_found", "bird-dog"},
		{"avoid", "POST", "/api/v1/exercises/cat-cow/avoid", "", nil, 200, "", `"avoided":true`},
		{"aside", "GET", "/api/v1/aside", "", nil, 200, "", `"exercise_id":"cat-cow"`},
		{"enable", "POST", "/api/v1/exercises/cat-cow/enable", "", nil, 200, "", `"changed":true`},
		{"enable again", "POST", "/api/v1/exercises/cat-cow/enable", "", nil, 200, "", `"changed":false`},
		{"avoid unknown", "POST", "/api/v1/exercises/nope/avoid", "", nil, 404, "not_found", "nope"},
		{"avoid with GET", "GET", "/api/v1/exercises/cat-cow/avoid", "", nil, 405, "invalid", "use POST"},
		{"routines", "GET", "/api/v1/routines", "", nil, 200, "", `"id":"seven-in-seven"`},
		{"routine", "GET", "/api/v1/routines/quick-daily-reset", "", nil, 200, "", `"timeline":[{"start_ms":0`},
		{"routine at start", "GET", "/api/v1/routines/quick-daily-reset?level=start", "", nil, 200, "", `"left_out":[]`},
		{"routine bad level", "GET", "/api/v1/routines/quick-daily-reset?level=max", "", nil, 400, "invalid", `"max"`},
		{"unknown routine", "GET", "/api/v1/routines/quick-daily", "", nil, 404, "not_found", "quick-daily-reset"},
		{"plan", "GET", "/api/v1/plan?minutes=5&equipment=none&floor=false", "", nil, 200, "", `"id":"plan"`},
		{"plan without minutes", "GET", "/api/v1/plan", "", nil, 400, "invalid", "minutes is needed"},
		{"plan minutes not a number", "GET", "/api/v1/plan?minutes=five", "", nil, 400, "invalid", `"five"`},
		{"plan too long", "GET", "/api/v1/plan?minutes=31", "", nil, 400, "invalid", "31"},
		{"plan bad equipment", "GET", "/api/v1/plan?minutes=5&equipment=rope", "", nil, 400, "invalid", "rope"},
		{"plan bad floor", "GET", "/api/v1/plan?minutes=5&floor=maybe", "", nil, 400, "invalid", `"maybe"`},
		{"plan unknown parameter", "GET", "/api/v1/plan?minutes=5&colour=red", "", nil, 400, "invalid", `"colour"`},
		{"questions", "GET", "/api/v1/screenings/questions", "", nil, 200, "", `"id":"chest-pain-now"`},
		{"screening missing answers", "POST", "/api/v1/screenings", `{}`, nil, 400, "invalid", `"answers" is missing`},
		{"screening bad answers", "POST", "/api/v1/screenings", `{"answers":{"chest-pain":"no","nope":true}}`, nil, 400, "invalid", `"nope" is not a question id`},
		{"screening unknown field", "POST", "/api/v1/screenings", `{"answers":{},"extra":1}`, nil, 400, "invalid", `"extra"`},
		{"screening not JSON", "POST", "/api/v1/screenings", `{"answers":`, nil, 400, "invalid", "ends too early"},
		{"screening syntax", "POST", "/api/v1/screenings", `{"answers" 1}`, nil, 400, "invalid", "syntax error at byte"},
		{"screening two objects", "POST", "/api/v1/screenings", `{} {}`, nil, 400, "invalid", "exactly one"},
		{"screening too large", "POST", "/api/v1/screenings", big, nil, 400, "invalid", "larger than 1 MiB"},
		{"screening form body", "POST", "/api/v1/screenings", "", map[string]string{"Content-Type": "text/plain"}, 400, "invalid", "text/plain"},
		{"clearance not needed", "POST", "/api/v1/screenings/clearance", "", nil, 400, "invalid", "nothing to clear"},
		{"gate", "GET", "/api/v1/gate", "", nil, 200, "", `"ok":true`},
		{"sessions", "GET", "/api/v1/sessions", "", nil, 200, "", `"id":"` + sid + `"`},
		{"sessions since", "GET", "/api/v1/sessions?since=2026-11-19", "", nil, 200, "", `[]`},
		{"sessions bad since", "GET", "/api/v1/sessions?since=yesterday", "", nil, 400, "invalid", `"yesterday"`},
		{"sessions bad limit", "GET", "/api/v1/sessions?limit=0", "", nil, 400, "invalid", `"0"`},
		{"session", "GET", "/api/v1/sessions/" + sid, "", nil, 200, "", `"planned_exercises":3`},
		{"unknown session", "GET", "/api/v1/sessions/01M80MR60SH4PJABDEAVJ5CG4D", "", nil, 404, "not_found", "01M80MR60SH4PJABDEAVJ5CG4D"},
		{"sessions wrong method", "DELETE", "/api/v1/sessions", "", nil, 405, "invalid", "use GET, HEAD, POST"},
		{"start without key", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset"}`, nil, 400, "invalid", "Idempotency-Key"},
		{"start with a bad key", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset"}`, map[string]string{"Idempotency-Key": "a b"}, 400, "invalid", "printable"},
		{"start unknown routine", "POST", "/api/v1/sessions", `{"routine_id":"seven-in-eight"}`, key, 404, "not_found", "seven-in-seven"},
		{"start without routine", "POST", "/api/v1/sessions", `{"pain_before":2}`, key, 400, "invalid", `"routine_id" is missing`},
		{"start pain 11", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":11}`, key, 400, "invalid", "11"},
		{"start pain -1", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":-1}`, key, 400, "invalid", "-1"},
		{"start pain text", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":"3"}`, key, 400, "invalid", `"pain_before" must be a whole number`},
		{"start pain fraction", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":2.5}`, key, 400, "invalid", "pain_before"},
		{"start bad id", "POST", "/api/v1/sessions", `{"id":"abc","routine_id":"quick-daily-reset"}`, key, 400, "invalid", `"abc"`},
		{"start plan without plan", "POST", "/api/v1/sessions", `{"routine_id":"plan"}`, key, 400, "invalid", "needs plan"},
		{"start plan with routine", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","plan":{"minutes":5}}`, key, 400, "invalid", "only with"},
		{"start offline without times", "POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","offline":{}}`, key, 400, "invalid", "both needed"},
		{"start reusing a key", "POST", "/api/v1/sessions", `{"routine_id":"seven-in-seven"}`, map[string]string{"Idempotency-Key": "key-table"}, 409, "conflict", "new key"},
		{"event done", "POST", ev, ex(`,"amount":{"reps":10,"hold_seconds":5},"seconds":60`), nil, 200, "", `"type":"exercise"`},
		{"event done again", "POST", ev, ex(`,"amount":{"reps":10,"hold_seconds":5},"seconds":60`), nil, 200, "", `"index":0`},
		{"event done, rewritten", "POST", ev, ex(`,"seconds":61`), nil, 409, "conflict", "already saved, as done"},
		{"event no type", "POST", ev, `{"index":0}`, nil, 400, "invalid", `"type" is missing`},
		{"event bad type", "POST", ev, `{"type":"pause"}`, nil, 400, "invalid", `"pause"`},
		{"event index text", "POST", ev, `{"type":"exercise","index":"0"}`, nil, 400, "invalid", `"index" must be a whole number`},
		{"event index past the end", "POST", ev, strings.Replace(ex(""), `"index":0`, `"index":3`, 1), nil, 400, "invalid", "index 3"},
		{"event negative index", "POST", ev, strings.Replace(ex(""), `"index":0`, `"index":-1`, 1), nil, 400, "invalid", "index -1"},
		{"event unknown exercise", "POST", ev, strings.Replace(ex(""), "chin-tucks", "chin-tuck", 1), nil, 404, "not_found", "chin-tucks"},
		{"event bad outcome", "POST", ev, strings.Replace(ex(""), `"done"`, `"finished"`, 1), nil, 400, "invalid", "finished"},
		{"event stop without reason", "POST", ev, strings.Replace(ex(""), `"done"`, `"stopped"`, 1), nil, 400, "invalid", "reason"},
		{"event bad reason", "POST", ev, strings.Replace(ex(`,"stop_reason":"bored"`), `"done"`, `"stopped"`, 1), nil, 400, "invalid", "bored"},
		{"event missing times", "POST", ev, `{"type":"exercise","index":0,"exercise_id":"chin-tucks","outcome":"done"}`, nil, 400, "invalid", `"started_at" is missing`},
		{"event negative amount", "POST", ev, ex(`,"amount":{"reps":-2}`), nil, 400, "invalid", "amount.reps"},
		{"event unknown amount field", "POST", ev, ex(`,"amount":{"laps":2}`), nil, 400, "invalid", `"laps"`},
		{"event backwards times", "POST", ev, strings.Replace(ex(""), "09:31", "09:29", 1), nil, 400, "invalid", ""},
		{"event rating", "POST", ev, `{"type":"rating","index":0,"rating":"easy"}`, nil, 200, "", `"type":"rating"`},
		{"event bad rating", "POST", ev, `{"type":"rating","index":0,"rating":"fine"}`, nil, 400, "invalid", "fine"},
		{"event rating of nothing", "POST", ev, `{"type":"rating","index":2,"rating":"easy"}`, nil, 404, "not_found", ""},
		{"event rating with outcome", "POST", ev, `{"type":"rating","index":0,"rating":"easy","outcome":"done"}`, nil, 400, "invalid", "outcome do not belong in a rating event"},
		{"event finish bad status", "POST", ev, `{"type":"finish","status":"paused"}`, nil, 400, "invalid", `"paused"`},
		{"event finish pain 12", "POST", ev, `{"type":"finish","status":"completed","pain_after":12}`, nil, 400, "invalid", "12"},
		{"event finish reason without stop", "POST", ev, `{"type":"finish","status":"completed","stop_reason":"other"}`, nil, 400, "invalid", ""},
		{"event finish with index", "POST", ev, `{"type":"finish","status":"completed","index":1}`, nil, 400, "invalid", "index do not belong"},
		{"event unknown session", "POST", "/api/v1/sessions/nope/events", `{"type":"finish","status":"completed"}`, nil, 404, "not_found", "nope"},
		{"event finish", "POST", ev, `{"type":"finish","status":"completed","pain_after":2}`, nil, 200, "", `"type":"finish"`},
		{"events wrong method", "GET", ev, "", nil, 405, "invalid", "use POST"},
		{"progress", "GET", "/api/v1/progress", "", nil, 200, "", `"sessions_practised":1`},
		{"unknown API path", "GET", "/api/v1/nothing", "", nil, 404, "not_found", "/api/v1/nothing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do(c.method, c.path, c.body, c.headers)
			if r.Code != c.status {
				t.Fatalf("%s %s: status %d, want %d: %s", c.method, c.path, r.Code, c.status, r.Body)
			}
			if c.code != "" {
				code, msg := apiError(t, r.Body.Bytes())
				if code != c.code || !strings.Contains(msg, c.says) {
					t.Errorf("error %s %q, want %s saying %q", code, msg, c.code, c.says)
				}
				if r.Code == 405 && r.Header().Get("Allow") == "" {
					t.Error("405 without Allow")
				}
				return
			}
			if !strings.Contains(r.Body.String(), c.says) {
				t.Errorf("body does not say %q: %.400s", c.says, r.Body)
			}
		})
	}
	// What the table saved: one exercise (sent twice, never rewritten), its
	// rating, the finish.
	s, err := e.st.Session(t.Context(), sid)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Exercises) != 1 || s.Exercises[0].Seconds != 60 || s.Exercises[0].Rating != journal.TooEasy ||
		s.Status != journal.Completed || s.PainAfter == nil || *s.PainAfter != 2 {
		t.Errorf("saved %+v", s)
	}
}

// The same Idempotency-Key is the same session: 201, then 200 with the same
// id, never a second session.
func TestStartIsIdempotent(t *testing.T) {
	e := newEnv(t, true)
	body := `{"id":"01M80MR60SH4PJABDEAVJ5CG4D","routine_id":"end-of-day-relief","pain_before":4}`
	hdr := map[string]string{"Idempotency-Key": "same"}
	var ids []string
	for i, want := range []int{201, 200, 200} {
		r := e.do("POST", "/api/v1/sessions", body, hdr)
		if r.Code != want {
			t.Fatalf("start %d: status %d, want %d: %s", i, r.Code, want, r.Body)
		}
		var s journal.Session
		decodeBody(t, r.Body.Bytes(), &s)
		ids = append(ids, s.ID)
	}
	if ids[0] != "01M80MR60SH4PJABDEAVJ5CG4D" || ids[1] != ids[0] || ids[2] != ids[0] {
		t.Errorf("ids %v", ids)
	}
	all, err := e.st.Sessions(t.Context(), journal.Filter{})
	if err != nil || len(all) != 1 {
		t.Fatalf("%d sessions (%v), want 1", len(all), err)
	}
	// The same client id under another key is a conflict, not a second session.
	r := e.do("POST", "/api/v1/sessions", body, map[string]string{"Idempotency-Key": "other"})
	if r.Code != http.StatusConflict {
		t.Errorf("same id, new key: %d %s", r.Code, r.Body)
	}
}

// Starting is gated exactly as on the command line.
func TestStartGate(t *testing.T) {
	type step struct {
		screen map[string]bool // saved before the start, when set
		clear  bool            // record a clearance before the start
		pain   int
		status int
		says   string
	}
	cases := []struct {
		name  string
		steps []step
		// sessions recorded in the end, and how many of them refused
		sessions int
	}{
		{"never screened", []step{{pain: 3, status: 403, says: "Before your first session"}}, 0},
		{"clear", []step{{screen: map[string]bool{}, pain: 3, status: 201}}, 1},
		{"emergency", []step{{screen: map[string]bool{"chest-pain-now": true}, pain: 0, status: 403, says: "999"}}, 0},
		{"clinician then cleared", []step{
			{screen: map[string]bool{"constant-night-pain": true}, pain: 3, status: 403, says: "doctor or physiotherapist"},
			{clear: true, pain: 3, status: 201}}, 1},
		{"caution goes ahead", []step{{screen: map[string]bool{"inflammatory": true}, pain: 3, status: 201, says: "inflammatory arthritis"}}, 1},
		{"pain 8 is refused and recorded, then re-screening is due", []step{
			{screen: map[string]bool{}, pain: 8, status: 403, says: "Pain of 8 or more"},
			{pain: 2, status: 403, says: "your pain was 8 or more"}}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, false)
			for i, s := range c.steps {
				e.at = e.at.Add(time.Minute) // each step a minute after the last
				if s.screen != nil {
					e.screen(s.screen)
					e.at = e.at.Add(time.Second)
				}
				if s.clear {
					if r := e.do("POST", "/api/v1/screenings/clearance", "", nil); r.Code != 201 {
						t.Fatalf("clearance: %d %s", r.Code, r.Body)
					}
				}
				key := map[string]string{"Idempotency-Key": "k" + itoa(i)}
				r := e.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":`+itoa(s.pain)+`}`, key)
				if r.Code != s.status || !strings.Contains(r.Body.String(), s.says) {
					t.Fatalf("step %d: %d %s; want %d saying %q", i, r.Code, r.Body, s.status, s.says)
				}
				if s.status == 403 {
					// The same key again: the same answer, nothing more written.
					if again := e.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":`+itoa(s.pain)+`}`, key); again.Code != 403 {
						t.Fatalf("step %d again: %d %s", i, again.Code, again.Body)
					}
				}
			}
			all, err := e.st.Sessions(t.Context(), journal.Filter{})
			if err != nil || len(all) != c.sessions {
				t.Fatalf("%d sessions (%v), want %d", len(all), err, c.sessions)
			}
		})
	}
}

// A stop for sharp pain or dizziness sets the exercise aside, as the CLI
// does; discomfort does not.
func TestStopSetsAside(t *testing.T) {
	for _, c := range []struct {
		reason string
		aside  bool
	}{{"sharp-pain", true}, {"dizziness", true}, {"discomfort", false}, {"other", false}} {
		t.Run(c.reason, func(t *testing.T) {
			e := newEnv(t, true)
			sid := e.start("quick-daily-reset", "k", 2)
			r := e.do("POST", "/api/v1/sessions/"+sid+"/events", `{"type":"exercise","index":1,"exercise_id":"scapular-squeezes","outcome":"stopped","stop_reason":"`+
				c.reason+`","started_at":"2026-11-18T09:31:00Z","ended_at":"2026-11-18T09:31:20Z"}`, nil)
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			states, err := e.st.ExerciseStates(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if got := states["scapular-squeezes"].Excluded; got != c.aside {
				t.Errorf("set aside %v, want %v", got, c.aside)
			}
			if c.aside != strings.Contains(r.Body.String(), "999") {
				t.Errorf("advice: %s", r.Body)
			}
			// The routine is now played without it.
			var doc struct {
				LeftOut []string `json:"left_out"`
			}
			decodeBody(t, e.do("GET", "/api/v1/routines/quick-daily-reset", "", nil).Body.Bytes(), &doc)
			if slices.Contains(doc.LeftOut, "scapular-squeezes") != c.aside {
				t.Errorf("left out: %v", doc.LeftOut)
			}
		})
	}
}

// A session started offline is accepted later on a fresh gate the player
// fetched online, and refused when that gate was stale or blocking.
func TestOfflineStart(t *testing.T) {
	cases := []struct {
		name, started, checked string
		screen                 bool
		status                 int
		says                   string
	}{
		{"fresh gate", "2026-11-18T07:00:00Z", "2026-11-18T06:00:00Z", true, 201, ""},
		{"gate a day and more old", "2026-11-18T07:00:00Z", "2026-11-17T06:00:00Z", true, 403, "24 hours"},
		{"started before the check", "2026-11-18T05:00:00Z", "2026-11-18T06:00:00Z", true, 400, "before"},
		{"started in the future", "2026-11-18T12:00:00Z", "2026-11-18T06:00:00Z", true, 400, "future"},
		{"no screening when checked", "2026-11-18T07:00:00Z", "2026-11-18T06:00:00Z", false, 403, "first session"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, false)
			if c.screen {
				e.at = now.Add(-5 * 24 * time.Hour) // screened five days ago
				e.screen(map[string]bool{})
				e.at = now
			}
			r := e.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":2,"offline":{"started_at":"`+c.started+`","gate_checked_at":"`+c.checked+`"}}`,
				map[string]string{"Idempotency-Key": "off"})
			if r.Code != c.status || !strings.Contains(r.Body.String(), c.says) {
				t.Fatalf("%d %s; want %d saying %q", r.Code, r.Body, c.status, c.says)
			}
			if c.status == 201 {
				var s journal.Session
				decodeBody(t, r.Body.Bytes(), &s)
				if s.StartedAt.Format("15:04") != "07:00" {
					t.Errorf("started at %v, want the offline start", s.StartedAt)
				}
			}
		})
	}
}

// The OpenAPI document describes exactly the routes the server answers.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t, false)
	var doc struct {
		Paths map[string]map[string]json.RawMessage
	}
	decodeBody(t, web.OpenAPI(), &doc)
	var documented []string
	for p, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	sort.Strings(documented)
	served := e.srv.Routes()
	if !slices.Equal(documented, served) {
		for _, r := range served {
			if !slices.Contains(documented, r) {
				t.Errorf("served but not documented: %s", r)
			}
		}
		for _, r := range documented {
			if !slices.Contains(served, r) {
				t.Errorf("documented but not served: %s", r)
			}
		}
	}
	if len(served) < 15 {
		t.Errorf("only %d routes: %v", len(served), served)
	}
}
