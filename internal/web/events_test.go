package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/internal/web"
	"github.com/unhunch/unhunch/journal"
)

// exEvent is an exercise event for quick-daily-reset's index i with the
// given exercise, amount, seconds and times.
func exEvent(i int, id, amount string, seconds float64, start, end time.Time) string {
	return fmt.Sprintf(`{"type":"exercise","index":%d,"exercise_id":%q,"outcome":"done","amount":%s,"seconds":%g,"started_at":%q,"ended_at":%q}`,
		i, id, amount, seconds, start.Format(time.RFC3339Nano), end.Format(time.RFC3339Nano))
}

// Each event is checked against its session: the exercise planned at that
// index, an amount within the exercise's dose, seconds its own times allow,
// and times within the session's plausible span (its start, less a little
// for clocks that disagree, to twelve hours later, and not in the future).
func TestEventsCheckedAgainstSession(t *testing.T) {
	e := newEnv(t, true)
	sid := e.start("quick-daily-reset", "key-checks", 2) // starts at now
	ev := "/api/v1/sessions/" + sid + "/events"
	at := now.Add(time.Minute)
	year := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		name, body string
		status     int
		says       string
	}{
		{"valid", exEvent(0, "chin-tucks", `{"reps":12,"hold_seconds":5}`, 60, at, at.Add(time.Minute)), 200, ""},
		{"the starting amount", exEvent(1, "scapular-squeezes", `{}`, 30, at, at.Add(40*time.Second)), 200, ""},
		{"not in the routine", exEvent(0, "bird-dog", `{}`, 30, at, at.Add(time.Minute)), 400, `\"bird-dog\" is not the exercise at index 0`},
		{"another index's exercise", exEvent(0, "scapular-squeezes", `{}`, 30, at, at.Add(time.Minute)), 400, `planned \"chin-tucks\" there`},
		{"unknown exercise", exEvent(0, "nope", `{}`, 30, at, at.Add(time.Minute)), 404, `\"nope\"`},
		{"reps beyond the dose", exEvent(0, "chin-tucks", `{"reps":99}`, 60, at, at.Add(time.Minute)), 400, "amount.reps: 99 is outside the allowed 10–15"},
		{"reps of 2^31", exEvent(0, "chin-tucks", `{"reps":2147483648}`, 60, at, at.Add(time.Minute)), 400, "amount.reps"},
		{"a field the dose does not use", exEvent(0, "chin-tucks", `{"seconds":30}`, 60, at, at.Add(time.Minute)), 400, "amount.seconds"},
		{"negative amount", exEvent(0, "chin-tucks", `{"sets":-1}`, 60, at, at.Add(time.Minute)), 400, "amount.sets"},
		{"seconds 99999", exEvent(0, "chin-tucks", `{}`, 99999, at, at.Add(time.Minute)), 400, "99999 seconds"},
		{"more seconds than its times", exEvent(0, "chin-tucks", `{}`, 500, at, at.Add(time.Minute)), 400, "500 seconds"},
		{"started in 1970", exEvent(0, "chin-tucks", `{}`, 30, year(1970), at), 400, "1970"},
		{"ended in 9999", exEvent(0, "chin-tucks", `{}`, 30, at, year(9999)), 400, "9999"},
		{"ended in the future", exEvent(0, "chin-tucks", `{}`, 30, now.Add(20*time.Minute), now.Add(21*time.Minute)), 400, "future"},
		{"before the session", exEvent(0, "chin-tucks", `{}`, 30, now.Add(-time.Hour), now.Add(-59*time.Minute)), 400, "before the session started"},
		{"a clock a little behind", exEvent(2, "doorway-pec-stretch", `{}`, 30, now.Add(-2*time.Minute), now.Add(-90*time.Second)), 200, ""},
		{"rating beyond the plan", `{"type":"rating","index":3,"rating":"easy"}`, 400, "index 3"},
		{"rating of index 2^63-1", `{"type":"rating","index":9223372036854775807,"rating":"easy"}`, 400, "9223372036854775807"},
		{"rating", `{"type":"rating","index":0,"rating":"easy"}`, 200, ""},
		{"finish in 1970", `{"type":"finish","status":"completed","ended_at":"1970-01-01T00:00:00Z"}`, 400, "1970"},
		{"finish in 9999", `{"type":"finish","status":"completed","ended_at":"9999-01-01T00:00:00Z"}`, 400, "9999"},
		{"finish before the start", `{"type":"finish","status":"completed","ended_at":"2026-11-18T08:00:00Z"}`, 400, "before the session started"},
		{"finish", `{"type":"finish","status":"completed","ended_at":"2026-11-18T09:35:00Z"}`, 200, ""},
	}
	for _, c := range cases {
		r := e.do("POST", ev, c.body, nil)
		if r.Code != c.status || !strings.Contains(r.Body.String(), c.says) {
			t.Errorf("%s: %d %s; want %d saying %q", c.name, r.Code, r.Body, c.status, c.says)
		}
	}
	s, err := e.st.Session(context.Background(), sid)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Exercises) != 3 || s.Exercises[0].Amount.Reps != 12 || s.EndedAt == nil || s.EndedAt.Year() != 2026 {
		t.Errorf("saved %+v", s)
	}
}

// The exercises a session planned are kept in the journal: after a restart
// (another server on the same journal, on both engines) events are still
// checked against them.
func TestPlanKeptAcrossRestart(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		dir := t.TempDir()
		c, err := catalog.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		serve := func() (*store.Store, *web.Server, http.Handler) {
			st, err := store.Open(context.Background(), url, dir)
			if err != nil {
				t.Fatal(err)
			}
			srv, err := web.New(web.Config{Store: st, Catalog: c, Now: func() time.Time { return now }, Location: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			return st, srv, fromLoopback(srv.Handler())
		}
		st, srv, h := serve()
		e := &env{t: t, st: st, srv: srv, h: h, cat: c, at: now}
		e.screen(map[string]bool{})
		sid := e.start("quick-daily-reset", "key-restart", 1)
		srv.Close()
		st.Close()

		st, srv, h = serve()
		defer func() { srv.Close(); st.Close() }()
		e = &env{t: t, st: st, srv: srv, h: h, cat: c, at: now}
		at := now.Add(time.Minute)
		ev := "/api/v1/sessions/" + sid + "/events"
		if r := e.do("POST", ev, exEvent(1, "doorway-pec-stretch", `{}`, 30, at, at.Add(time.Minute)), nil); r.Code != 400 {
			t.Errorf("the wrong exercise after a restart: %d %s", r.Code, r.Body)
		}
		if r := e.do("POST", ev, exEvent(1, "scapular-squeezes", `{}`, 30, at, at.Add(time.Minute)), nil); r.Code != 200 {
			t.Errorf("the right exercise after a restart: %d %s", r.Code, r.Body)
		}
	})
}

// A session started offline says which exercises the player played (the
// device may have left some out): the journal keeps that plan when it fits
// the routine, and its events are checked against it.
func TestOfflineStartPlan(t *testing.T) {
	cases := []struct {
		name, exercises string
		status          int
		says            string
	}{
		{"one left out", `["chin-tucks","doorway-pec-stretch"]`, 201, ""},
		{"all", `["chin-tucks","scapular-squeezes","doorway-pec-stretch"]`, 201, ""},
		{"out of order", `["doorway-pec-stretch","chin-tucks"]`, 400, "not quick-daily-reset's exercises in its order"},
		{"not in the routine", `["chin-tucks","bird-dog"]`, 400, "not quick-daily-reset's exercises in its order"},
		{"twice", `["chin-tucks","chin-tucks"]`, 400, "not quick-daily-reset's exercises in its order"},
		{"none", `[]`, 400, "exercises"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, false)
			e.at = now.Add(-5 * 24 * time.Hour)
			e.screen(map[string]bool{})
			e.at = now
			r := e.do("POST", "/api/v1/sessions", `{"routine_id":"quick-daily-reset","pain_before":2,"exercises":`+c.exercises+
				`,"offline":{"started_at":"2026-11-18T07:00:00Z","gate_checked_at":"2026-11-18T06:00:00Z"}}`,
				map[string]string{"Idempotency-Key": "off-plan"})
			if r.Code != c.status || !strings.Contains(r.Body.String(), c.says) {
				t.Fatalf("%d %s; want %d saying %q", r.Code, r.Body, c.status, c.says)
			}
			if c.status != 201 {
				return
			}
			var s journal.Session
			decodeBody(t, r.Body.Bytes(), &s)
			n := strings.Count(c.exercises, ",") + 1
			if s.PlannedExercises != n {
				t.Errorf("planned %d exercises, want %d", s.PlannedExercises, n)
			}
			at := time.Date(2026, 11, 18, 7, 1, 0, 0, time.UTC)
			ev := "/api/v1/sessions/" + s.ID + "/events"
			last := "doorway-pec-stretch"
			if r := e.do("POST", ev, exEvent(n-1, last, `{}`, 30, at, at.Add(time.Minute)), nil); r.Code != 200 {
				t.Errorf("the device's last exercise: %d %s", r.Code, r.Body)
			}
			if n == 2 {
				if r := e.do("POST", ev, exEvent(1, "scapular-squeezes", `{}`, 30, at, at.Add(time.Minute)), nil); r.Code != 400 {
					t.Errorf("an exercise the device left out: %d %s", r.Code, r.Body)
				}
			}
		})
	}
}
