package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/safety"
)

// clinicEnv is a server with accounts: a clinician (lee), their patient
// (pat), another person (sam) and another clinician (kim), each with a
// script token.
type clinicEnv struct {
	*env
	lee, kim, pat, sam *account.User
	tok                map[string]string // by name
}

func newClinicEnv(t *testing.T) *clinicEnv {
	t.Helper()
	e := &clinicEnv{env: newEnv(t, true), tok: map[string]string{}}
	ctx := context.Background()
	mk := func(name string, role account.Role) *account.User {
		u, _, err := e.st.CreateUser(ctx, name, role, now, takeOver(t, e.st, role)...)
		if err != nil {
			t.Fatal(err)
		}
		if e.tok[name], err = e.st.CreateToken(ctx, u.ID, now); err != nil {
			t.Fatal(err)
		}
		return u
	}
	e.pat, e.lee, e.kim, e.sam = mk("pat", account.RolePerson), mk("lee", account.RoleClinician), mk("kim", account.RoleClinician), mk("sam", account.RolePerson)
	return e
}

// as sends a request with name's token.
func (e *clinicEnv) as(name, method, path, body string) *answer {
	r := e.do(method, path, body, map[string]string{"Authorization": "Bearer " + e.tok[name]})
	return &answer{Code: r.Code, Body: r.Body.String(), Header: r.Header()}
}

// answer is what a test reads of an answer.
type answer struct {
	Code   int
	Body   string
	Header http.Header
}

// link invites pat as lee and accepts through the API.
func (e *clinicEnv) link(t *testing.T) {
	t.Helper()
	r := e.as("lee", "POST", "/api/v1/clinic/invites", "")
	if r.Code != http.StatusCreated {
		t.Fatalf("invite: %d %s", r.Code, r.Body)
	}
	var inv struct{ Token, URL string }
	json.Unmarshal([]byte(r.Body), &inv)
	if !strings.HasSuffix(inv.URL, "/care/invite/"+inv.Token) {
		t.Errorf("invitation URL %q does not end in its token", inv.URL)
	}
	if r := e.as("pat", "POST", "/api/v1/care/invites/"+inv.Token, `{"answer":"accept"}`); r.Code != http.StatusOK {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
}

// Issue 17: a clinician sees their own patients only; another clinician
// gets 404 for them, a person 403 on every clinician route; every opening
// of a patient's data is in the patient's audit log, which only they read.
func TestClinicOnlyOwnPatientsAndAudited(t *testing.T) {
	e := newClinicEnv(t)
	e.link(t)
	patient := "/api/v1/clinic/patients/" + e.pat.ID
	rx := `{"exercises":[{"exercise_id":"chin-tucks","amount":{"reps":12}}],"days_a_week":5,"times_a_day":1,"note":"Slowly."}`
	for _, c := range []struct {
		who, method, path, body string
		want                    int
	}{
		{"lee", "GET", "/api/v1/clinic/patients", "", http.StatusOK},
		{"lee", "GET", patient, "", http.StatusOK},
		{"lee", "POST", patient + "/prescription", rx, http.StatusCreated},
		{"kim", "GET", patient, "", http.StatusNotFound},
		{"kim", "POST", patient + "/prescription", rx, http.StatusNotFound},
		{"kim", "POST", patient + "/clearance", `{}`, http.StatusNotFound},
		{"lee", "GET", "/api/v1/clinic/patients/" + e.sam.ID, "", http.StatusNotFound},
		{"lee", "GET", "/api/v1/clinic/patients/nobody", "", http.StatusNotFound},
		{"kim", "GET", "/clinic/patients/" + e.pat.ID, "", http.StatusNotFound},
		{"pat", "GET", "/api/v1/clinic/patients", "", http.StatusForbidden},
		{"pat", "GET", patient, "", http.StatusForbidden},
		{"sam", "POST", "/api/v1/clinic/invites", "", http.StatusForbidden},
		{"sam", "POST", patient + "/prescription", rx, http.StatusForbidden},
		{"sam", "GET", "/clinic", "", http.StatusForbidden},
	} {
		if r := e.as(c.who, c.method, c.path, c.body); r.Code != c.want {
			t.Errorf("%s: %s %s = %d, want %d: %.200s", c.who, c.method, c.path, r.Code, c.want, r.Body)
		}
	}
	var list []clinic.Patient
	json.Unmarshal([]byte(e.as("lee", "GET", "/api/v1/clinic/patients", "").Body), &list)
	if len(list) != 1 || list[0].ID != e.pat.ID {
		t.Errorf("lee's patients = %+v, want pat alone", list)
	}
	json.Unmarshal([]byte(e.as("kim", "GET", "/api/v1/clinic/patients", "").Body), &list)
	if len(list) != 0 {
		t.Errorf("kim's patients = %+v, want none", list)
	}
	// The audit log: lee's openings, none of kim's refused ones.
	var log []clinic.Opening
	json.Unmarshal([]byte(e.as("pat", "GET", "/api/v1/care/audit", "").Body), &log)
	var whats []string
	for _, o := range log {
		if o.ViewerID != e.lee.ID {
			t.Errorf("an opening by %s in pat's log: %+v", o.ViewerName, o)
		}
		whats = append(whats, o.What)
	}
	want := []string{clinic.OpenedList, clinic.OpenedPrescribed, clinic.OpenedPatient, clinic.OpenedList}
	if strings.Join(whats, " ") != strings.Join(want, " ") {
		t.Errorf("pat's audit log = %v, want %v (newest first)", whats, want)
	}
	json.Unmarshal([]byte(e.as("sam", "GET", "/api/v1/care/audit", "").Body), &log)
	if len(log) != 0 {
		t.Errorf("sam's audit log = %+v", log)
	}
	// The person's page says it too.
	if r := e.as("pat", "GET", "/care", ""); r.Code != http.StatusOK || !strings.Contains(r.Body, "Who has looked at your data") || !strings.Contains(r.Body, "lee") {
		t.Errorf("pat's care page: %d %.300s", r.Code, r.Body)
	}
}

// Issue 17: a prescription is checked (dose within range), shows on the
// person's home page as "From <clinician>", plays at its doses, and goes
// once the person ends the link.
func TestPrescriptionOnHomeAndPlays(t *testing.T) {
	e := newClinicEnv(t)
	e.link(t)
	patient := "/api/v1/clinic/patients/" + e.pat.ID
	if r := e.as("lee", "POST", patient+"/prescription", `{"exercises":[{"exercise_id":"chin-tucks","amount":{"reps":30}}],"days_a_week":5,"times_a_day":1}`); r.Code != http.StatusBadRequest || !strings.Contains(r.Body, "does not fit its range") {
		t.Errorf("a dose out of range: %d %s", r.Code, r.Body)
	}
	if r := e.as("lee", "POST", patient+"/prescription", `{"exercises":[{"exercise_id":"chin-tucks","amount":{"reps":12}},{"exercise_id":"cat-cow"}],"days_a_week":5,"times_a_day":1,"note":"Slowly, twice a day if you can."}`); r.Code != http.StatusCreated {
		t.Fatalf("prescribe: %d %s", r.Code, r.Body)
	}
	home := e.as("pat", "GET", "/", "")
	if !strings.Contains(home.Body, "From lee") || !strings.Contains(home.Body, `href="/play/prescribed"`) {
		t.Errorf("pat's home page has no prescription: %.2000s", home.Body)
	}
	if home := e.as("sam", "GET", "/", ""); strings.Contains(home.Body, "From lee") {
		t.Errorf("sam's home page shows pat's prescription")
	}
	if r := e.as("pat", "GET", "/play/prescribed", ""); r.Code != http.StatusOK || !strings.Contains(r.Body, "From lee") {
		t.Errorf("play page: %d %.300s", r.Code, r.Body)
	}
	r := e.do("POST", "/api/v1/sessions", `{"routine_id":"prescribed","pain_before":3}`, map[string]string{"Idempotency-Key": "rx1", "Authorization": "Bearer " + e.tok["pat"]})
	if r.Code != http.StatusCreated {
		t.Fatalf("start the prescription: %d %s", r.Code, r.Body)
	}
	var sess struct {
		RoutineName      string `json:"routine_name"`
		PlannedExercises int    `json:"planned_exercises"`
	}
	json.Unmarshal(r.Body.Bytes(), &sess)
	if sess.RoutineName != "From lee" || sess.PlannedExercises != 2 {
		t.Errorf("the session started: %+v", sess)
	}
	if r := e.as("sam", "GET", "/play/prescribed", ""); r.Code != http.StatusNotFound {
		t.Errorf("sam plays a prescription he does not have: %d", r.Code)
	}
	// The person ends the link: no more prescription, no more patient.
	if r := e.as("pat", "DELETE", "/api/v1/care/clinicians/"+e.lee.ID, ""); r.Code != http.StatusNoContent {
		t.Fatalf("end: %d %s", r.Code, r.Body)
	}
	if r := e.as("pat", "DELETE", "/api/v1/care/clinicians/"+e.lee.ID, ""); r.Code != http.StatusNotFound {
		t.Errorf("end twice: %d %s", r.Code, r.Body)
	}
	if home := e.as("pat", "GET", "/", ""); strings.Contains(home.Body, `href="/play/prescribed"`) {
		t.Errorf("the prescription is still on the home page after the link ended")
	}
	if r := e.as("lee", "GET", patient, ""); r.Code != http.StatusNotFound {
		t.Errorf("lee opens pat after the link ended: %d", r.Code)
	}
	var care struct{ Clinicians []clinic.Link }
	json.Unmarshal([]byte(e.as("pat", "GET", "/api/v1/care", "").Body), &care)
	if len(care.Clinicians) != 1 || care.Clinicians[0].EndedAt.IsZero() {
		t.Errorf("pat's clinicians: %+v", care.Clinicians)
	}
}

// Issue 17 and §5: a clinician clears a patient's answer that asks for a
// clinician; an emergency answer cannot be cleared.
func TestClinicClearsAScreeningAnswer(t *testing.T) {
	e := newClinicEnv(t)
	e.link(t)
	answers := map[string]bool{}
	for _, q := range safety.Questions {
		answers[q.ID] = q.ID == "severe-pain"
	}
	b, _ := json.Marshal(map[string]any{"answers": answers})
	e.at = now.Add(time.Minute) // after the screening newEnv saved
	if r := e.as("pat", "POST", "/api/v1/screenings", string(b)); r.Code != http.StatusCreated {
		t.Fatalf("screening: %d %s", r.Code, r.Body)
	}
	var doc struct {
		Clearable bool
		Concerns  []clinic.Concern
	}
	json.Unmarshal([]byte(e.as("lee", "GET", "/api/v1/clinic/patients/"+e.pat.ID, "").Body), &doc)
	if !doc.Clearable || len(doc.Concerns) != 1 || doc.Concerns[0].Kind != clinic.RedFlag {
		t.Errorf("the patient before clearing: %+v", doc)
	}
	if r := e.as("lee", "POST", "/api/v1/clinic/patients/"+e.pat.ID+"/clearance", `{}`); r.Code != http.StatusCreated {
		t.Fatalf("clear: %d %s", r.Code, r.Body)
	}
	json.Unmarshal([]byte(e.as("lee", "GET", "/api/v1/clinic/patients/"+e.pat.ID, "").Body), &doc)
	if doc.Clearable || len(doc.Concerns) != 0 {
		t.Errorf("the patient after clearing: %+v", doc)
	}
	if r := e.as("lee", "POST", "/api/v1/clinic/patients/"+e.pat.ID+"/clearance", `{"exercise_id":"cat-cow"}`); r.Code != http.StatusBadRequest {
		t.Errorf("an exercise without a condition: %d %s", r.Code, r.Body)
	}
	answers["severe-pain"], answers["chest-pain-now"] = false, true
	b, _ = json.Marshal(map[string]any{"answers": answers})
	e.at = now.Add(2 * time.Minute)
	e.as("pat", "POST", "/api/v1/screenings", string(b))
	if r := e.as("lee", "POST", "/api/v1/clinic/patients/"+e.pat.ID+"/clearance", `{}`); r.Code != http.StatusForbidden {
		t.Errorf("clearing an emergency: %d %s", r.Code, r.Body)
	}
}

// Issue 17: the pages. An invitation shows its link and a QR code; a
// person who opens it before signing in lands back on it once signed in;
// accepting, the clinician's list, the patient's page and the form work.
func TestClinicPagesInviteAcceptPrescribe(t *testing.T) {
	e := newClinicEnv(t)
	page := e.as("lee", "POST", "/clinic/invite", "")
	if page.Code != http.StatusCreated || !strings.Contains(page.Body, "<svg") || !strings.Contains(page.Body, "/care/invite/") {
		t.Fatalf("invite page: %d %.500s", page.Code, page.Body)
	}
	i := strings.Index(page.Body, "/care/invite/")
	token := page.Body[i+len("/care/invite/") : i+len("/care/invite/")+43]
	// Not signed in: to the sign-in page, then back to the invitation.
	r := e.do("GET", "/care/invite/"+token, "", nil)
	if r.Code != http.StatusSeeOther || r.Header().Get("Location") != "/signin" {
		t.Fatalf("invitation before signing in: %d %v", r.Code, r.Header())
	}
	var cookie string
	for _, c := range r.Result().Cookies() {
		if c.Name == "unhunch_session" {
			cookie = c.Name + "=" + c.Value
		}
	}
	link, _ := e.st.CreateSignInLink(context.Background(), e.pat.ID, now)
	r = e.openLink(link, map[string]string{"Cookie": cookie})
	if r.Code != http.StatusSeeOther || r.Header().Get("Location") != "/care/invite/"+token {
		t.Fatalf("signed in: %d to %q, want the invitation", r.Code, r.Header().Get("Location"))
	}
	ask := e.as("pat", "GET", "/care/invite/"+token, "")
	if ask.Code != http.StatusOK || !strings.Contains(ask.Body, "lee") || !strings.Contains(ask.Body, `value="accept"`) {
		t.Fatalf("the invitation page: %d %.500s", ask.Code, ask.Body)
	}
	post := func(who, path string, f url.Values) *answer {
		r := e.do("POST", path, f.Encode(), map[string]string{"Authorization": "Bearer " + e.tok[who], "Content-Type": "application/x-www-form-urlencoded"})
		return &answer{Code: r.Code, Body: r.Body.String(), Header: r.Header()}
	}
	if r := post("sam", "/care/invite/"+token, url.Values{"answer": {"maybe"}}); r.Code != http.StatusBadRequest {
		t.Errorf("answer maybe: %d", r.Code)
	}
	if r := post("pat", "/care/invite/"+token, url.Values{"answer": {"accept"}}); r.Code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
	if r := e.as("sam", "GET", "/care/invite/"+token, ""); r.Code != http.StatusNotFound {
		t.Errorf("a used invitation: %d", r.Code)
	}
	if l := e.as("lee", "GET", "/clinic", ""); !strings.Contains(l.Body, "/clinic/patients/"+e.pat.ID) {
		t.Errorf("the list has no pat: %.1000s", l.Body)
	}
	if p := e.as("lee", "GET", "/clinic/patients/"+e.pat.ID+"/prescribe", ""); p.Code != http.StatusOK || !strings.Contains(p.Body, `name="reps-chin-tucks"`) {
		t.Errorf("the form: %d %.300s", p.Code, p.Body)
	}
	bad := url.Values{"ex": {"chin-tucks"}, "reps-chin-tucks": {"40"}, "days": {"5"}, "times": {"1"}}
	if r := post("lee", "/clinic/patients/"+e.pat.ID+"/prescribe", bad); r.Code != http.StatusBadRequest || !strings.Contains(r.Body, "does not fit its range") {
		t.Errorf("a bad dose on the form: %d %.300s", r.Code, r.Body)
	}
	good := url.Values{"ex": {"chin-tucks", "cat-cow"}, "reps-chin-tucks": {"12"}, "days": {"5"}, "times": {"1"}, "note": {"Go gently."}, "allow_more": {"on"}}
	if r := post("lee", "/clinic/patients/"+e.pat.ID+"/prescribe", good); r.Code != http.StatusSeeOther {
		t.Fatalf("prescribe on the form: %d %.300s", r.Code, r.Body)
	}
	p := e.as("lee", "GET", "/clinic/patients/"+e.pat.ID+"?done=prescribed", "")
	if p.Code != http.StatusOK || !strings.Contains(p.Body, "Go gently.") || !strings.Contains(p.Body, "may progress past") {
		t.Errorf("the patient page: %d %.300s", p.Code, p.Body)
	}
	if r := post("pat", "/care/clinicians/"+e.lee.ID+"/end", url.Values{}); r.Code != http.StatusSeeOther {
		t.Errorf("end on the page: %d %s", r.Code, r.Body)
	}
}

// Issue 17: progression of a prescribed exercise stays within the
// clinician's dose unless they allowed more: four sessions rated easy move
// the level up twice; the prescribed routine plays chin tucks at 12 reps
// (the prescription) without "allow more", at 15 (the top of its range,
// two steps up) with it.
func TestPrescriptionCapsProgression(t *testing.T) {
	for _, c := range []struct {
		allow bool
		want  string
	}{{false, `"reps":12`}, {true, `"reps":15`}} {
		t.Run(fmt.Sprint("allow_more=", c.allow), func(t *testing.T) {
			e := newClinicEnv(t)
			e.link(t)
			body := fmt.Sprintf(`{"exercises":[{"exercise_id":"chin-tucks","amount":{"reps":12}}],"days_a_week":7,"times_a_day":1,"allow_more":%v}`, c.allow)
			if r := e.as("lee", "POST", "/api/v1/clinic/patients/"+e.pat.ID+"/prescription", body); r.Code != http.StatusCreated {
				t.Fatalf("prescribe: %d %s", r.Code, r.Body)
			}
			bearer := map[string]string{"Authorization": "Bearer " + e.tok["pat"]}
			for day := range 4 {
				e.at = now.Add(time.Duration(day+1) * 24 * time.Hour)
				key := map[string]string{"Authorization": bearer["Authorization"], "Idempotency-Key": fmt.Sprint("rx", day)}
				r := e.do("POST", "/api/v1/sessions", `{"routine_id":"prescribed","pain_before":2}`, key)
				if r.Code != http.StatusCreated {
					t.Fatalf("day %d: start: %d %s", day, r.Code, r.Body)
				}
				var s struct{ ID string }
				json.Unmarshal(r.Body.Bytes(), &s)
				from, to := e.at.Format(time.RFC3339), e.at.Add(time.Minute).Format(time.RFC3339)
				e.at = e.at.Add(2 * time.Minute)
				for _, ev := range []string{
					`{"type":"exercise","index":0,"exercise_id":"chin-tucks","outcome":"done","started_at":"` + from + `","ended_at":"` + to + `","seconds":60}`,
					`{"type":"rating","index":0,"rating":"easy"}`,
					`{"type":"finish","status":"completed","pain_after":2}`,
				} {
					if r := e.do("POST", "/api/v1/sessions/"+s.ID+"/events", ev, bearer); r.Code >= 300 {
						t.Fatalf("day %d: %s: %d %s", day, ev, r.Code, r.Body)
					}
				}
			}
			page := e.as("pat", "GET", "/play/prescribed", "").Body
			i := strings.Index(page, `id="routine-data"`)
			if i < 0 {
				t.Fatalf("no routine data on the player: %.300s", page)
			}
			data := page[i:min(len(page), i+3000)]
			if !strings.Contains(data, c.want) {
				t.Errorf("the prescribed routine plays %.600s, want %s", data, c.want)
			}
			// The level itself moved on regardless (progress is the person's).
			var prog struct {
				Levels []struct {
					ExerciseID string `json:"exercise_id"`
					Changes    []any  `json:"changes"`
				}
			}
			json.Unmarshal([]byte(e.as("pat", "GET", "/api/v1/progress", "").Body), &prog)
			if len(prog.Levels) != 1 || len(prog.Levels[0].Changes) != 2 {
				t.Errorf("levels after four easy sessions: %+v", prog.Levels)
			}
		})
	}
}
