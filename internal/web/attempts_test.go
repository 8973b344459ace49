package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// exerciseEvent is an exercise event body for attempt (omitted when 0).
func exerciseEvent(index, attempt int, outcome, reason string) string {
	a := ""
	if attempt != 0 {
		a = fmt.Sprintf(`"attempt":%d,`, attempt)
	}
	r := ""
	if reason != "" {
		r = `"stop_reason":"` + reason + `",`
	}
	return fmt.Sprintf(`{"type":"exercise","index":%d,%s"exercise_id":"scapular-squeezes","outcome":%q,%s"started_at":"2026-11-18T09:31:00Z","ended_at":"2026-11-18T09:32:00Z","seconds":60}`,
		index, a, outcome, r)
}

// Issue 12, item 1 in the API: the web outbox may send an event again (a
// timeout, a reload); the same attempt is saved once. Going back is a new
// attempt; other content for a saved attempt is refused with 409 and the
// saved stop stays.
func TestEventAttempts(t *testing.T) {
	e := newEnv(t, true)
	id := e.start("quick-daily-reset", "attempts", 3)
	url := "/api/v1/sessions/" + id + "/events"
	steps := []struct {
		name, body string
		code       int
		says       string
	}{
		{"a stop for discomfort", exerciseEvent(1, 1, "stopped", "discomfort"), 200, `"attempt":1`},
		{"the same again (outbox retry)", exerciseEvent(1, 1, "stopped", "discomfort"), 200, `"attempt":1`},
		{"without attempt: attempt 1, the same", exerciseEvent(1, 0, "stopped", "discomfort"), 200, `"attempt":1`},
		{"a skip sent as attempt 1 again", exerciseEvent(1, 1, "skipped", ""), 409, "already saved, as stopped (discomfort)"},
		{"the back-over as attempt 2", exerciseEvent(1, 2, "skipped", ""), 200, `"attempt":2`},
		{"no attempt, other content", exerciseEvent(1, 0, "done", ""), 409, "already saved"},
		{"attempt 0", strings.Replace(exerciseEvent(1, 3, "done", ""), `"attempt":3`, `"attempt":0`, 1), 400, "attempt 0 is not a try number"},
		{"a negative attempt", strings.Replace(exerciseEvent(1, 3, "done", ""), `"attempt":3`, `"attempt":-2`, 1), 400, "attempt -2 is not a try number"},
		{"rate attempt 2", `{"type":"rating","index":1,"attempt":2,"rating":"hard"}`, 200, `"attempt":2`},
		{"rate a try never made", `{"type":"rating","index":1,"attempt":7,"rating":"hard"}`, 404, "no exercise"},
		{"attempt on a finish", `{"type":"finish","status":"stopped","attempt":1}`, 400, "attempt"},
	}
	for _, s := range steps {
		r := e.do("POST", url, s.body, nil)
		if r.Code != s.code || !strings.Contains(r.Body.String(), s.says) {
			t.Errorf("%s: %d %s; want %d saying %q", s.name, r.Code, r.Body, s.code, s.says)
		}
	}
	sess, err := e.st.Session(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range sess.Exercises {
		got = append(got, fmt.Sprintf("%d#%d %s %s %s", p.Index, p.Attempt, p.Outcome, p.StopReason, p.Rating))
	}
	if want := "1#1 stopped discomfort |1#2 skipped  hard"; strings.Join(got, "|") != want {
		t.Errorf("journal holds %q, want %q", strings.Join(got, "|"), want)
	}
	if r := e.do("GET", "/api/v1/sessions/"+id, "", nil); r.Code != http.StatusOK || !strings.Contains(r.Body.String(), `"attempt":2`) {
		t.Errorf("session read: %d %s", r.Code, r.Body)
	}
}

// A stop for sharp pain stays a fact after the exercise is tried again and
// done, and the session completed: the gate still asks for new safety
// answers, because it reads every attempt (issue 12 items 1 and 7).
func TestAnEarlierAttemptsStopStillCountsForTheGate(t *testing.T) {
	e := newEnv(t, true)
	e.at = e.at.Add(time.Minute) // after the screening
	id := e.start("quick-daily-reset", "gate-attempts", 2)
	url := "/api/v1/sessions/" + id + "/events"
	for _, body := range []string{
		exerciseEvent(1, 1, "stopped", "sharp-pain"),
		exerciseEvent(1, 2, "done", ""),
		`{"type":"finish","status":"completed","pain_after":2}`,
	} {
		if r := e.do("POST", url, body, nil); r.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", body, r.Code, r.Body)
		}
	}
	r := e.do("GET", "/api/v1/gate", "", nil)
	if r.Code != http.StatusOK || !strings.Contains(r.Body.String(), `"ok":false`) || !strings.Contains(r.Body.String(), "sharp pain") {
		t.Errorf("gate after a stop for sharp pain, tried again and done: %d %s", r.Code, r.Body)
	}
}
