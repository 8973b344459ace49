package web

import (
	"net/http"
	"net/url"
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

// routinePage is a routine as the person would play it, kept by the journal
// cache like the API's document of it (issue 16: it was rendered at every
// request).
func (s *Server) routinePage(w http.ResponseWriter, r *http.Request) error {
	start, err := atStart(r.URL.Query())
	if err != nil {
		return err
	}
	rt, err := s.routine(r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.journalPage(w, r, "page/routine/"+rt.ID+"?start="+strconv.FormatBool(start), "routine", func() (page, time.Time, error) {
		doc, err := s.playable(r, rt, start)
		return page{Title: rt.Name, Nav: "routines", Data: routineData{Doc: doc, PlayURL: "/play/" + rt.ID}}, time.Time{}, err
	})
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
	// A plan is kept by the journal cache by its request, as the API's is
	// (issue 16: planning at every request made this page the slowest).
	bd, err := s.journalBody(r, "page/plan?"+planParams(pr), func() (*body, time.Time, error) {
		rt, res, err := s.plan(r, pr, false)
		if err != nil {
			return nil, time.Time{}, err
		}
		doc, err := s.playable(r, rt, false)
		if err != nil {
			return nil, time.Time{}, err
		}
		detail := api.NewPlanDetail(res)
		doc.Plan = &detail
		d := d
		d.Doc = doc
		d.PlayURL = "/play/plan?" + planParams(pr)
		b, err := s.renderBytes("plan", page{Title: message.Text(message.WebTitlePlan), Nav: "plan", Data: d})
		if err != nil {
			return nil, time.Time{}, err
		}
		return newBody(htmlType, b), time.Time{}, nil
	})
	if unhunch.ErrorCode(err) == unhunch.EInvalid {
		// Shown on the form, to be changed there (nothing fits, say); never kept.
		d.Error = err.Error()
		return s.render(w, unhunch.HTTPStatus(err), "plan", page{Title: message.Text(message.WebTitlePlan), Nav: "plan", Data: d})
	}
	if err != nil {
		return err // a failing journal is not the form's fault
	}
	servePage(w, r, bd)
	return nil
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

// playPage is the player, kept by the journal cache by its routine or plan
// (issue 16: it was rendered, and a plan made, at every request).
func (s *Server) playPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	id := r.PathValue("id")
	key := "page/play/" + id
	if id == "plan" {
		pr, err := planQuery(q)
		if err != nil {
			return err
		}
		if _, err := s.plannerRequest(pr); err != nil {
			return err // a request that is wrong is never kept
		}
		key += "?" + planParams(pr)
	} else {
		if err := noQuery(q); err != nil {
			return err
		}
		if _, err := s.routine(id); err != nil {
			return err
		}
	}
	return s.journalPage(w, r, key, "play", func() (page, time.Time, error) {
		d, err := s.playData(r, id, q)
		return page{Title: d.Doc.Name, Nav: "play", Data: d}, time.Time{}, err
	})
}

// playData is what the player page of routine id (or of the plan its query
// asks for) shows.
func (s *Server) playData(r *http.Request, id string, q url.Values) (playData, error) {
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
			return d, err
		}
		rt, res, err := s.plan(r, pr, false)
		if err != nil {
			return d, err
		}
		if d.Doc, err = s.playable(r, rt, false); err != nil {
			return d, err
		}
		detail := api.NewPlanDetail(res)
		d.Doc.Plan = &detail
		d.Plan = &pr
	} else {
		rt, err := s.routine(id)
		if err != nil {
			return d, err
		}
		if d.Doc, err = s.playable(r, rt, false); err != nil {
			return d, err
		}
	}
	return d, nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// planDetail describes how a plan was made.
