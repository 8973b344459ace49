package web

import (
	"net/http"
	"time"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/safety"
)

// pageRoutes are the pages for people.
func (s *Server) pageRoutes() []route {
	return []route{
		{"GET", "/{$}", s.homePage, keep},
		{"GET", "/manifest.webmanifest", s.manifest, keep},
		{"GET", "/exercises", s.exercisesPage, keep},
		{"GET", "/exercises/{id}", s.exercisePage, nil},
		{"GET", "/routines", s.routinesPage, keep},
		{"GET", "/routines/{id}", s.routinePage, nil},
		{"GET", "/routines/{id}/handout.pdf", s.routineHandout, nil},
		{"GET", "/plan", s.planPage, keep},
		{"GET", "/plan/handout.pdf", s.planHandout, nil},
		{"GET", "/play/{id}", s.playPage, eachRoutine},
		{"GET", "/history", s.historyPage, keep},
		{"GET", "/progress", s.progressPage, keep},
		{"GET", "/screen", s.screenPage, keep},
		{"POST", "/screen", s.screenSave, nil},
		{"GET", "/screen/result", s.screenResult, nil},
		{"POST", "/screen/clearance", s.screenClearance, nil},
		{"GET", "/settings", s.settingsPage, keep},
		{"POST", "/settings/avoid", s.settingsAvoid, nil},
		{"POST", "/settings/schedule", s.settingsSchedule, nil},
		{"POST", "/settings/schedule/clear", s.settingsScheduleClear, nil},
		{"POST", "/settings/enable", s.settingsEnable, nil},
		{"POST", "/settings/kit", s.settingsKit, nil},
		{"GET", "/safety", s.safetyPage, keep},
	}
}

// homeData is what the home page shows.
type homeData struct {
	Gate       gateDoc
	Answerable bool // the gate waits for answers the player can ask there and then
	Startable  bool // a session may start from here (now, or once the player has asked the questions)
	Suggestion *suggestion
	Kit        kit
	KitForm    kitForm
	Streak     int
	Best       int
	ThisWeek   int
	Chart      painChart
	Advice     string
	Last       *journal.Session
	Prescribed *prescribedCard // the person's prescription: "From <clinician>"
	Clinician  bool            // the caller may use the clinic pages
}

// suggestion is today's routine: one the person has what it needs for.
type suggestion struct {
	Name            string
	Description     string
	DurationSeconds float64
	Exercises       int
	Needs           string // what it needs, in words
	PlayURL         string
	SeeURL          string // its page, "" for a plan (made when it is opened)
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) error {
	k := readKit(r)
	key := "home?kit=" + k.key()
	if u := account.FromContext(r.Context()); u != nil {
		key += "&for=" + u.ID // a prescription and a role are each person's own
	}
	return s.journalPage(w, r, key, "home", func() (page, time.Time, error) {
		// One read of the person serves the gate, the progress and the suggestion.
		p, err := s.load(r)
		if err != nil {
			return page{}, time.Time{}, err
		}
		now := s.now()
		g := gateDocOf(p.Gate(now, nil), p.Screenings, now)
		doc, err := s.progressFor(r, p)
		if err != nil {
			return page{}, time.Time{}, err
		}
		list, err := s.routineSummaries()
		if err != nil {
			return page{}, time.Time{}, err
		}
		latest, err := s.st.Sessions(r.Context(), journal.Filter{Limit: 1})
		if err != nil {
			return page{}, time.Time{}, err
		}
		answerable := !g.OK && safety.Block(g.Block).Answerable()
		d := homeData{Gate: g, Answerable: answerable, Startable: g.OK || answerable, Kit: k, KitForm: newKitForm(k, "/"),
			Streak: doc.Adherence.CurrentStreak, Best: doc.Adherence.BestStreak, Advice: doc.Advice,
			Chart: newPainChart(doc.Pain, 340, 150)}
		if n := len(doc.Adherence.Weeks); n > 0 {
			d.ThisWeek = doc.Adherence.Weeks[n-1].Days
		}
		if len(latest) > 0 {
			d.Last = latest[0]
		}
		if d.Prescribed, err = s.prescribedFor(r); err != nil {
			return page{}, time.Time{}, err
		}
		d.Clinician = isClinician(r)
		// A routine is suggested only if something of it is left to play
		// once what is kept out for the person is left out (issue 11), and
		// the person has what that needs.
		x := p.Exclusions()
		var doable []api.RoutineSummary
		for _, rs := range list {
			rt, ok := s.catalog().Routine(rs.ID)
			if !ok {
				continue
			}
			if left := x.Left(s.catalog(), rt); len(left) > 0 && s.canDo(left, k) {
				doable = append(doable, rs)
			}
		}
		if best := suggest(doable, p.History.Routines); best != nil {
			rt, _ := s.catalog().Routine(best.ID)
			needs, _ := s.routineNeeds(routineIDs(rt), k)
			d.Suggestion = &suggestion{Name: best.Name, Description: best.Description, DurationSeconds: best.DurationSeconds,
				Exercises: best.Exercises, Needs: needs, PlayURL: "/play/" + best.ID, SeeURL: "/routines/" + best.ID}
		} else if sg, err := s.suggestPlan(r, k); err == nil {
			d.Suggestion = sg
		}
		var until time.Time // the gate changes when a screening or clearance runs out
		if g.ValidUntil != nil {
			until = *g.ValidUntil
		}
		return page{Title: message.Text(message.WebAppName), Nav: "home", Data: d}, until, nil
	})
}

// suggestPlan suggests a short plan made of what the person has at hand,
// when no routine of the catalog is one they have everything for.
func (s *Server) suggestPlan(r *http.Request, k kit) (*suggestion, error) {
	eq := make([]string, len(k.Have))
	for i, q := range k.Have {
		eq[i] = string(q)
	}
	pr := planRequest{Minutes: suggestedMinutes, Equipment: eq, Floor: true, Focus: string(planner.Balanced)}
	rt, res, err := s.plan(r, pr, false)
	if err != nil {
		return nil, err
	}
	return &suggestion{Name: rt.Name, Description: message.Text(message.PageHomePlanWhy), DurationSeconds: res.Timeline.Duration.Seconds(),
		Exercises: len(res.Choices) * max(res.Rounds, 1), Needs: needsWords(s.catalog(), routineIDs(rt)), PlayURL: "/play/plan?" + planParams(pr)}, nil
}

// suggestedMinutes is how long a suggested plan is.
const suggestedMinutes = 5

// routineIDs are the ids of a routine's exercises, in order.
func routineIDs(rt *catalog.Routine) []string {
	ids := make([]string, len(rt.Exercises))
	for i, it := range rt.Exercises {
		ids[i] = it.ID
	}
	return ids
}

// suggest picks today's routine: one that fits its time box, practised
// least recently (never first), in catalog order among equals. last is
// when each routine was last started in real time (a demo is not
// practice: person.History.Routines).
func suggest(list []api.RoutineSummary, last map[string]time.Time) *api.RoutineSummary {
	var best *api.RoutineSummary
	for i := range list {
		r := &list[i]
		if !r.Fits && r.TimeBoxSeconds > 0 {
			continue
		}
		if best == nil || last[r.ID].Before(last[best.ID]) {
			best = r
		}
	}
	return best
}
