package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/pgtest"
	"github.com/unhunch/unhunch/safety"
)

// someone is a person with a script token, and what they did.
type someone struct {
	name, token string
	id          string   // their account
	routine     string   // the routine they play
	avoid       string   // the exercise they leave out
	schedule    string   // their schedule (PUT /api/v1/schedule)
	scheduled   string   // what GET /api/v1/schedule shows of it
	sessions    []string // their sessions, oldest first
	starts      []time.Time
	routineName string
}

// peopleServers are one or more servers on one database, used in turn:
// each request goes to the next one, so that every write made on one is
// read on another.
type peopleServers struct {
	t    *testing.T
	envs []*env
	n    int
}

// next returns the server the next request goes to.
func (ps *peopleServers) next() *env {
	e := ps.envs[ps.n%len(ps.envs)]
	ps.n++
	return e
}

// setClock sets every server's clock.
func (ps *peopleServers) setClock(at time.Time) {
	for _, e := range ps.envs {
		e.at = at
	}
}

// as sends a request as p (nil: no one) to the next server.
func (ps *peopleServers) as(p *someone, method, path, body string, headers map[string]string) *httptest.ResponseRecorder {
	h := map[string]string{}
	for k, v := range headers {
		h[k] = v
	}
	if p != nil {
		h["Authorization"] = "Bearer " + p.token
	}
	r := ps.next().do(method, path, body, h)
	if len(ps.envs) > 1 {
		// Another instance reads a person's journal version again once
		// versionTTL (20 ms) has passed since it last did (docs/web.md):
		// wait that long, so that the next request, on the other server,
		// must see this one's write.
		time.Sleep(25 * time.Millisecond)
	}
	return r
}

// must sends a request as p and fails the test unless it answers want.
func (ps *peopleServers) must(p *someone, want int, method, path, body string, headers map[string]string) string {
	ps.t.Helper()
	r := ps.as(p, method, path, body, headers)
	if r.Code != want {
		ps.t.Fatalf("%s: %s %s = %d, want %d: %s", p.name, method, path, r.Code, want, r.Body)
	}
	return r.Body.String()
}

// twoPeople makes two people with tokens on the servers' database and has
// each practise through the API: a screening, sessions with outcomes and a
// finish, a schedule and an exercise left out. A plays one session, B two,
// at other times, with the same idempotency key: keys are each person's.
func twoPeople(t *testing.T, ps *peopleServers) (a, b *someone) {
	t.Helper()
	ctx := context.Background()
	st := ps.envs[0].st
	a = &someone{name: "ann", routine: "quick-daily-reset", avoid: "wall-angels",
		schedule: `{"days":["mon"],"times":["12:30"],"routine":"quick-daily-reset"}`, scheduled: `"routine":"quick-daily-reset"`}
	b = &someone{name: "ben", routine: "end-of-day-relief", avoid: "doorway-pec-stretch",
		schedule: `{"days":["tue"],"times":["18:00"],"minutes":5}`, scheduled: `"minutes":5`}
	for _, p := range []*someone{a, b} {
		u, _, err := st.CreateUser(ctx, p.name, account.RolePerson, now)
		if err != nil {
			t.Fatal(err)
		}
		p.id = u.ID
		if p.token, err = st.CreateToken(ctx, u.ID, now); err != nil {
			t.Fatal(err)
		}
	}
	answers := map[string]bool{}
	for _, q := range questionIDs() {
		answers[q] = false
	}
	screening, _ := json.Marshal(map[string]any{"answers": answers})
	play := func(p *someone, at time.Time, status string) {
		ps.setClock(at)
		body := ps.must(p, http.StatusCreated, "POST", "/api/v1/sessions", `{"routine_id":"`+p.routine+`","pain_before":5}`,
			map[string]string{"Idempotency-Key": "same-key-" + at.Format("150405")})
		var s struct {
			ID          string `json:"id"`
			RoutineName string `json:"routine_name"`
		}
		decodeBody(t, []byte(body), &s)
		p.sessions, p.starts, p.routineName = append(p.sessions, s.ID), append(p.starts, at), s.RoutineName
		ps.must(p, http.StatusOK, "GET", "/api/v1/sessions/"+s.ID, "", nil)
		ex := firstPlanned(t, ps, p, s.ID)
		ps.must(p, http.StatusOK, "POST", "/api/v1/sessions/"+s.ID+"/events", exerciseOf(0, ex, at), nil)
		ps.must(p, http.StatusOK, "POST", "/api/v1/sessions/"+s.ID+"/alive", "", nil)
		ps.must(p, http.StatusOK, "POST", "/api/v1/sessions/"+s.ID+"/events", `{"type":"finish","status":"`+status+`","pain_after":3}`, nil)
	}
	ps.setClock(now)
	ps.must(a, http.StatusCreated, "POST", "/api/v1/screenings", string(screening), nil)
	ps.must(b, http.StatusCreated, "POST", "/api/v1/screenings", string(screening), nil)
	play(a, now.Add(time.Minute), "completed")
	play(b, now.Add(2*time.Hour+7*time.Minute), "completed")
	play(b, now.Add(3*time.Hour+11*time.Minute), "completed")
	ps.setClock(now.Add(4 * time.Hour))
	for _, p := range []*someone{a, b} {
		ps.must(p, http.StatusOK, "PUT", "/api/v1/schedule", p.schedule, nil)
		ps.must(p, http.StatusOK, "POST", "/api/v1/exercises/"+p.avoid+"/avoid", "", nil)
	}
	return a, b
}

// questionIDs are the safety questions' ids.
func questionIDs() []string {
	var ids []string
	for _, q := range safety.Questions {
		ids = append(ids, q.ID)
	}
	return ids
}

// firstPlanned returns the first exercise p's session id planned, as the
// journal keeps it.
func firstPlanned(t *testing.T, ps *peopleServers, p *someone, id string) string {
	t.Helper()
	h, err := ps.envs[0].st.Head(account.ForPerson(context.Background(), p.id), id)
	if err != nil || len(h.PlannedIDs) == 0 {
		t.Fatalf("session %s: %+v, %v", id, h, err)
	}
	return h.PlannedIDs[0]
}

// exerciseOf is an exercise event: exercise id at index, done at at.
func exerciseOf(index int, id string, at time.Time) string {
	b, _ := json.Marshal(map[string]any{"type": "exercise", "index": index, "exercise_id": id, "outcome": "done",
		"seconds": 30, "started_at": at, "ended_at": at.Add(30 * time.Second)})
	return string(b)
}

// checkOwnOnly checks that each of the two people sees their own journal
// and nothing of the other's, through every page and document that shows
// it, and that the other's sessions are not found.
func checkOwnOnly(t *testing.T, ps *peopleServers, a, b *someone) {
	t.Helper()
	// Each person's records are made once (their pseudonym is written on
	// the first export), then both journals are brought to the same
	// version: a cache that kept pages by version alone would serve one
	// person the other's.
	for _, p := range []*someone{a, b} {
		ps.must(p, 200, "GET", "/api/v1/export/fhir", "", nil)
	}
	version := func(p *someone) int64 {
		v, err := ps.envs[0].st.Version(account.ForPerson(context.Background(), p.id))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for i := 0; version(a) != version(b); i++ {
		low := a
		if version(b) < version(a) {
			low = b
		}
		ps.must(low, http.StatusOK, "POST", "/api/v1/exercises/"+low.avoid+"/avoid", "", nil) // one more write
		if i > 100 {
			t.Fatal("the versions do not meet")
		}
	}
	pair := []struct{ me, other *someone }{{a, b}, {b, a}}
	// each runs check for A, then for B: the second asks every cache just
	// after the first filled it.
	each := func(check func(me, other *someone, has func(what, body string, mine, theirs []string))) {
		t.Helper()
		for _, c := range pair {
			me, other := c.me, c.other
			has := func(what, body string, mine, theirs []string) {
				t.Helper()
				for _, s := range mine {
					if !strings.Contains(body, s) {
						t.Errorf("%s: %s's own %q is missing", what, me.name, s)
					}
				}
				for _, s := range theirs {
					if i := strings.Index(body, s); i >= 0 {
						t.Errorf("%s: %s sees %s's %q: …%s…", what, me.name, other.name, s, body[max(0, i-300):min(len(body), i+100)])
					}
				}
			}
			check(me, other, has)
		}
	}
	for range 2 {
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /api/v1/sessions", ps.must(me, 200, "GET", "/api/v1/sessions", "", nil), me.sessions, other.sessions)
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /history", ps.must(me, 200, "GET", "/history", "", nil), dataIDs(me.sessions), dataIDs(other.sessions))
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			var prog struct{ Sessions int }
			decodeBody(t, []byte(ps.must(me, 200, "GET", "/api/v1/progress", "", nil)), &prog)
			if prog.Sessions != len(me.sessions) {
				t.Errorf("GET /api/v1/progress: %d sessions, want %s's %d", prog.Sessions, me.name, len(me.sessions))
			}
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /progress", ps.must(me, 200, "GET", "/progress", "", nil), []string{sessionsWords(len(me.sessions))}, []string{sessionsWords(len(other.sessions))})
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /api/v1/schedule", ps.must(me, 200, "GET", "/api/v1/schedule", "", nil), []string{me.scheduled}, []string{other.scheduled})
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /settings", ps.must(me, 200, "GET", "/settings", "", nil), []string{enableForm(me.avoid)}, []string{enableForm(other.avoid)})
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /", ps.must(me, 200, "GET", "/", "", nil), []string{"Last session: " + me.routineName}, []string{"Last session: " + other.routineName})
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /api/v1/aside", ps.must(me, 200, "GET", "/api/v1/aside", "", nil), []string{me.avoid}, []string{other.avoid})
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			for _, id := range me.sessions {
				has("GET /api/v1/sessions/"+id, ps.must(me, 200, "GET", "/api/v1/sessions/"+id, "", nil), []string{id}, other.sessions)
				has("GET /api/v1/sessions/"+id+"/recap", ps.must(me, 200, "GET", "/api/v1/sessions/"+id+"/recap", "", nil), nil, other.sessions)
			}
		})
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			has("GET /api/v1/export/fhir", ps.must(me, 200, "GET", "/api/v1/export/fhir", "", nil), fhirTimes(me.starts), fhirTimes(other.starts))
		})
		// The other person's sessions are not found, whatever is asked
		// (each asked by their owner first, so that it is in every cache).
		each(func(me, other *someone, has func(string, string, []string, []string)) {
			for _, id := range other.sessions {
				ps.must(other, 200, "GET", "/api/v1/sessions/"+id, "", nil)
				for _, req := range []struct{ method, path, body string }{
					{"GET", "/api/v1/sessions/" + id, ""},
					{"GET", "/api/v1/sessions/" + id + "/recap", ""},
					{"POST", "/api/v1/sessions/" + id + "/events", exerciseOf(1, "cat-cow", now)},
					{"POST", "/api/v1/sessions/" + id + "/events", `{"type":"finish","status":"stopped","stop_reason":"dizziness"}`},
					{"POST", "/api/v1/sessions/" + id + "/alive", ""},
					{"POST", "/api/v1/sessions/" + id + "/left", ""},
					{"GET", "/api/v1/sessions?before=" + id, ""},
				} {
					if r := ps.as(me, req.method, req.path, req.body, nil); r.Code != http.StatusNotFound {
						t.Errorf("%s asking for %s's session: %s %s = %d, want 404: %s", me.name, other.name, req.method, req.path, r.Code, r.Body)
					}
				}
			}
		})
	}
}

func dataIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, `data-id="`+id+`"`)
	}
	return out
}

func sessionsWords(n int) string {
	if n == 1 {
		return "1 session,"
	}
	return itoa(n) + " sessions,"
}

func enableForm(id string) string {
	return `action="/settings/enable"><input type="hidden" name="id" value="` + id + `">`
}

// fhirTimes are the moments as the health records write them.
func fhirTimes(ts []time.Time) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
	}
	return out
}

// Issue 17: two people with tokens on one server, on SQLite and
// PostgreSQL: each one's history, progress, sessions, session, recap,
// schedule, settings, home page and export show only their own, and the
// other's session is not found (404) whatever is asked of it.
func TestTwoPeopleOneServer(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		ps := &peopleServers{t: t, envs: []*env{newEnvURL(t, url, false)}}
		a, b := twoPeople(t, ps)
		checkOwnOnly(t, ps, a, b)
		// A write of one person's leaves the other's pages as they were,
		// and shows at once in the writer's.
		before := ps.must(b, 200, "GET", "/history", "", nil)
		ps.must(a, 200, "POST", "/api/v1/exercises/cat-cow/avoid", "", nil)
		if after := ps.must(b, 200, "GET", "/history", "", nil); after != before {
			t.Errorf("B's history changed with A's write")
		}
		if !strings.Contains(ps.must(a, 200, "GET", "/settings", "", nil), enableForm("cat-cow")) {
			t.Errorf("A's settings do not show A's write at once")
		}
		if strings.Contains(ps.must(b, 200, "GET", "/settings", "", nil), enableForm("cat-cow")) {
			t.Errorf("B's settings show A's write")
		}
	})
}

// Issue 17, many servers on one PostgreSQL: two servers share one
// database, and requests alternate between them for two people (start,
// outcomes, lease, finish, pages, progress): each server sees what the
// other wrote (each person's journal version tells it), and nobody sees
// anyone else's data.
func TestTwoServersOnePostgres(t *testing.T) {
	url := pgtest.Database(t)
	dir := t.TempDir()
	ps := &peopleServers{t: t, envs: []*env{newEnvOn(t, url, dir, false), newEnvOn(t, url, dir, false)}}
	a, b := twoPeople(t, ps)
	checkOwnOnly(t, ps, a, b)
	// A session started on one server is played and finished on the
	// other, and each server's pages show it next.
	ps.setClock(now.Add(5 * time.Hour))
	body := ps.must(a, http.StatusCreated, "POST", "/api/v1/sessions", `{"routine_id":"`+a.routine+`"}`, map[string]string{"Idempotency-Key": "later"})
	var s struct{ ID string }
	decodeBody(t, []byte(body), &s)
	ex := firstPlanned(t, ps, a, s.ID)
	ps.must(a, 200, "POST", "/api/v1/sessions/"+s.ID+"/events", exerciseOf(0, ex, now.Add(5*time.Hour)), nil)
	ps.must(a, 200, "POST", "/api/v1/sessions/"+s.ID+"/events", `{"type":"finish","status":"completed"}`, nil)
	a.sessions = append(a.sessions, s.ID)
	for range len(ps.envs) {
		if !strings.Contains(ps.must(a, 200, "GET", "/history", "", nil), `data-id="`+s.ID+`"`) {
			t.Errorf("a server's history misses the session finished on the other")
		}
		var prog struct{ Sessions int }
		decodeBody(t, []byte(ps.must(a, 200, "GET", "/api/v1/progress", "", nil)), &prog)
		if prog.Sessions != len(a.sessions) {
			t.Errorf("progress on a server: %d sessions, want %d", prog.Sessions, len(a.sessions))
		}
		if strings.Contains(ps.must(b, 200, "GET", "/api/v1/sessions", "", nil), s.ID) {
			t.Errorf("B sees A's new session")
		}
	}
}
