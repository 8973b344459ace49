package web

import (
	"net/http"
	"time"

	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
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
		{"GET", "/plan", s.planPage, keep},
		{"GET", "/play/{id}", s.playPage, eachRoutine},
		{"GET", "/history", s.historyPage, keep},
		{"GET", "/progress", s.progressPage, keep},
		{"GET", "/screen", s.screenPage, keep},
		{"POST", "/screen", s.screenSave, nil},
		{"GET", "/screen/result", s.screenResult, nil},
		{"POST", "/screen/clearance", s.screenClearance, nil},
		{"GET", "/settings", s.settingsPage, keep},
		{"POST", "/settings/avoid", s.settingsAvoid, nil},
		{"POST", "/settings/enable", s.settingsEnable, nil},
		{"GET", "/safety", s.safetyPage, keep},
	}
}

// homeData is what the home page shows.
type homeData struct {
	Gate       gateDoc
	Suggestion *api.RoutineSummary
	Streak     int
	Best       int
	ThisWeek   int
	Chart      painChart
	Advice     string
	Last       *journal.Session
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) error {
	return s.journalPage(w, r, "home", "home", func() (page, time.Time, error) {
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
		d := homeData{Gate: g, Streak: doc.Adherence.CurrentStreak, Best: doc.Adherence.BestStreak, Advice: doc.Advice,
			Chart: newPainChart(doc.Pain, 320, 120)}
		if n := len(doc.Adherence.Weeks); n > 0 {
			d.ThisWeek = doc.Adherence.Weeks[n-1].Days
		}
		if len(latest) > 0 {
			d.Last = latest[0]
		}
		d.Suggestion = suggest(list, p.History.Routines)
		var until time.Time // the gate changes when a screening or clearance runs out
		if g.ValidUntil != nil {
			until = *g.ValidUntil
		}
		return page{Title: message.Text(message.WebAppName), Nav: "home", Data: d}, until, nil
	})
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
