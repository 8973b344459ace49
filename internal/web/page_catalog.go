package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/timeline"
)

func (s *Server) exercisesPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r.URL.Query()); err != nil {
		return err
	}
	return s.catalogPage(w, r, "exercises", "exercises", func() (page, error) {
		return page{Title: message.Text(message.WebTitleExercises), Nav: "exercises", Data: s.cat.Exercises()}, nil
	})
}

// exerciseData is the exercise page.
type exerciseData struct {
	E     *catalog.Exercise
	Takes string
	Cues  []string
}

func (s *Server) exercisePage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.catalogPage(w, r, "exercise/"+e.ID, "exercise", func() (page, error) {
		return page{Title: e.Name, Nav: "exercises", Data: exercisePageData(e)}, nil
	})
}

// exercisePageData is what an exercise's page shows: the record, how long it
// takes at the starting dose, and its cues in the order they are heard.
func exercisePageData(e *catalog.Exercise) exerciseData {
	d := exerciseData{E: e}
	if tl, err := timeline.Compile([]timeline.Step{{Exercise: e}}, timelineRules); err == nil {
		d.Takes = timeline.String(tl.Exercises[0].Duration)
	}
	c := e.Cues
	for _, v := range []string{c.Intro, c.Setup, c.Move} {
		if v != "" {
			d.Cues = append(d.Cues, timeline.SideCue(v, e.Dose.FirstSide))
		}
	}
	for _, v := range append([]string{c.Hold, c.Release, c.Inhale, c.Exhale, c.Switch}, c.Form...) {
		if v != "" {
			d.Cues = append(d.Cues, timeline.SideCue(v, e.Dose.FirstSide))
		}
	}
	return d
}

func (s *Server) routinesPage(w http.ResponseWriter, r *http.Request) error {
	return s.catalogPage(w, r, "routines", "routines", func() (page, error) {
		list, err := s.routineSummaries()
		return page{Title: message.Text(message.WebTitleRoutines), Nav: "routines", Data: list}, err
	})
}

// routineData is a routine's page, or a plan's.
type routineData struct {
	Doc     playable
	PlayURL string
	Form    planRequest
	Focuses []planner.Focus
	Kit     []catalog.Equipment
	Error   string
}

func (s *Server) routinePage(w http.ResponseWriter, r *http.Request) error {
	rt, doc, err := s.routineDoc(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "routine", page{Title: rt.Name, Nav: "routines",
		Data: routineData{Doc: doc, PlayURL: "/play/" + rt.ID}})
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := routineData{Focuses: planner.Focuses, Kit: catalog.EquipmentIDs, Form: planRequest{Minutes: 5, Floor: true}}
	if q.Get("minutes") == "" {
		return s.render(w, http.StatusOK, "plan", page{Title: message.Text(message.WebTitlePlan), Nav: "plan", Data: d})
	}
	// A form sends each piece of equipment as its own value.
	if eq := q["equipment"]; len(eq) > 1 {
		q.Set("equipment", strings.Join(eq, ","))
	}
	pr, err := planQuery(q)
	if err != nil {
		return err
	}
	d.Form = pr
	rt, res, err := s.plan(r, pr, false)
	if unhunch.ErrorCode(err) == unhunch.EInvalid {
		// Shown on the form, to be changed there (nothing fits, say).
		d.Error = err.Error()
		return s.render(w, unhunch.HTTPStatus(err), "plan", page{Title: message.Text(message.WebTitlePlan), Nav: "plan", Data: d})
	}
	if err != nil {
		return err // a failing journal is not the form's fault
	}
	doc, err := s.playable(r, rt, false)
	if err != nil {
		return err
	}
	detail := api.NewPlanDetail(res)
	doc.Plan = &detail
	d.Doc = doc
	d.PlayURL = "/play/plan?" + planParams(pr)
	return s.render(w, http.StatusOK, "plan", page{Title: message.Text(message.WebTitlePlan), Nav: "plan", Data: d})
}

// planParams writes a plan request as query parameters.
func planParams(pr planRequest) string {
	eq := strings.Join(pr.Equipment, ",")
	if eq == "" {
		eq = "none"
	}
	floor := "false"
	if pr.Floor {
		floor = "true"
	}
	return query("minutes", itoa(pr.Minutes), "equipment", eq, "floor", floor, "focus", pr.Focus)
}

// playData is the player page: the routine as it will be played, and where
// its session starts.
type playData struct {
	Doc       playable
	Plan      *planRequest
	TimeScale float64
	Reasons   []stopChoice
	Renew     int // seconds between the player's lease renewals (journal.Renew)
}

// stopChoice is one answer to "why are you stopping?", from journal.StopReasons.
type stopChoice struct {
	ID     string
	Key    string // the key that chooses it: its place in the list, from 1
	Ends   bool   // it ends the session, sets the exercise aside and calls for new safety answers
	Advice string // what to do, for the reasons that end the session
}

func (s *Server) playPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	id := r.PathValue("id")
	d := playData{TimeScale: s.cfg.TimeScale, Renew: int(journal.Renew / time.Second)}
	for i, reason := range journal.StopReasons {
		c := stopChoice{ID: string(reason), Key: itoa(i + 1), Ends: reason.EndsSession()}
		if c.Ends {
			c.Advice = message.StopAdvice.Text(string(reason))
		}
		d.Reasons = append(d.Reasons, c)
	}
	if id == "plan" {
		pr, err := planQuery(q)
		if err != nil {
			return err
		}
		rt, res, err := s.plan(r, pr, false)
		if err != nil {
			return err
		}
		if d.Doc, err = s.playable(r, rt, false); err != nil {
			return err
		}
		detail := api.NewPlanDetail(res)
		d.Doc.Plan = &detail
		d.Plan = &pr
	} else {
		if err := noQuery(q); err != nil {
			return err
		}
		rt, err := s.routine(id)
		if err != nil {
			return err
		}
		if d.Doc, err = s.playable(r, rt, false); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "play", page{Title: d.Doc.Name, Nav: "play", Data: d})
}

func itoa(n int) string { return strconv.Itoa(n) }

// planDetail describes how a plan was made.
