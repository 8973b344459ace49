package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
)

// apiRoutes are the JSON API's routes, and the operational ones.
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET", "/healthz", s.healthz, nil},
		{"GET", "/readyz", s.readyz, nil},
		{"GET", "/metrics", func(w http.ResponseWriter, r *http.Request) error {
			s.metrics.handler().ServeHTTP(w, r)
			return nil
		}, nil},
		{"GET", "/api/v1/openapi.json", s.openAPI, nil},
		{"GET", "/api/v1/exercises", s.listExercises, keep},
		{"GET", "/api/v1/exercises/{id}", s.showExercise, nil},
		{"POST", "/api/v1/exercises/{id}/avoid", s.avoidExercise, nil},
		{"POST", "/api/v1/exercises/{id}/enable", s.enableExercise, nil},
		{"GET", "/api/v1/aside", s.listAside, nil},
		{"GET", "/api/v1/routines", s.listRoutines, keep},
		{"GET", "/api/v1/routines/{id}", s.showRoutine, eachRoutine},
		{"GET", "/api/v1/plan", s.showPlan, nil},
		{"GET", "/api/v1/screenings/questions", s.listQuestions, nil},
		{"POST", "/api/v1/screenings", s.postScreening, nil},
		{"POST", "/api/v1/screenings/clearance", s.postClearance, nil},
		{"GET", "/api/v1/gate", s.showGate, nil},
		{"GET", "/api/v1/sessions", s.listSessions, nil},
		{"POST", "/api/v1/sessions", s.startSession, nil},
		{"GET", "/api/v1/sessions/{id}", s.showSession, nil},
		{"POST", "/api/v1/sessions/{id}/events", s.postEvent, nil},
		{"POST", "/api/v1/sessions/{id}/alive", s.renewLease, nil},
		{"POST", "/api/v1/sessions/{id}/left", s.leaveSession, nil},
		{"GET", "/api/v1/sessions/{id}/recap", s.showRecap, nil},
		{"GET", "/api/v1/progress", s.showProgress, nil},
		{"GET", "/api/v1/export/fhir", s.exportFHIR, nil},
		{"GET", "/api/v1/schedule", s.showSchedule, nil},
		{"PUT", "/api/v1/schedule", s.putSchedule, nil},
		{"DELETE", "/api/v1/schedule", s.deleteSchedule, nil},
		{"GET", "/api/v1/schedule.ics", s.scheduleICS, nil},
	}
}

// healthz reports that the server runs, from memory: it reads nothing,
// so a load balancer's checks cost nothing (readyz checks the journal).
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	s.health().serve(w, r, http.StatusOK, "no-store")
	return nil
}

// readyTTL is how long one check of the journal answers /readyz.
const readyTTL = time.Second

// readyz reports whether the journal answers: one small read at most
// every readyTTL, its answer kept in between (Server.ready).
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	if err := s.ready(r); err != nil {
		return err
	}
	s.health().serve(w, r, http.StatusOK, "no-store")
	return nil
}

// ready checks the journal (its version: one small read), or answers with
// the last check when it is younger than readyTTL.
func (s *Server) ready(r *http.Request) error {
	now := s.now()
	if last := s.cache.ready.Load(); last != nil && !now.Before(last.at) && now.Sub(last.at) < readyTTL {
		return last.err
	}
	_, err := s.st.Version(r.Context())
	s.cache.ready.Store(&readyCheck{at: now, err: err})
	return err
}

// noQuery refuses query parameters other than those allowed.
func noQuery(q url.Values, allowed ...string) error {
	for k := range q {
		if !slices.Contains(allowed, k) {
			if len(allowed) == 0 {
				return unhunch.E(unhunch.EInvalid, message.WebNoParams, k)
			}
			return unhunch.E(unhunch.EInvalid, message.WebUnknownParam, k, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// exercise looks an exercise up, suggesting the nearest id when unknown.
func (s *Server) exercise(id string) (*catalog.Exercise, error) {
	e, ok := s.catalog().Exercise(id)
	if ok {
		return e, nil
	}
	ids := make([]string, 0, len(s.catalog().Exercises()))
	for _, e := range s.catalog().Exercises() {
		ids = append(ids, e.ID)
	}
	return nil, notFound(message.WebNoExercise, id, ids)
}

// routine looks a routine up, suggesting the nearest id when unknown.
func (s *Server) routine(id string) (*catalog.Routine, error) {
	r, ok := s.catalog().Routine(id)
	if ok {
		return r, nil
	}
	ids := make([]string, 0, len(s.catalog().Routines()))
	for _, r := range s.catalog().Routines() {
		ids = append(ids, r.ID)
	}
	return nil, notFound(message.WebNoRoutine, id, ids)
}

// notFound is the ENotFound error for an unknown id, with the nearest known one.
func notFound(key message.Key, id string, known []string) error {
	msg := message.Text(key, id)
	if near := message.Nearest(id, known); near != "" {
		msg += " " + message.Text(message.CLIDidYouMean, near)
	}
	return unhunch.Errorf(unhunch.ENotFound, "%s", msg)
}

func (s *Server) listExercises(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.catalogJSON(w, r, "api/exercises", func() (any, error) { return s.catalog().Exercises(), nil })
}

func (s *Server) showExercise(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.catalogJSON(w, r, "api/exercise/"+e.ID, func() (any, error) { return s.exerciseDoc(r, e) })
}

// exerciseDoc is an exercise as the API gives it: the catalog's JSON, with
// the URLs of the person's own pictures of it, in order, when it has any
// (its saved entry and pictures change together, so the catalog's cache
// key covers them).
func (s *Server) exerciseDoc(r *http.Request, e *catalog.Exercise) (any, error) {
	links, err := s.pictureLinks(r, e)
	if err != nil || len(links) == 0 {
		return e, err
	}
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	urls := make([]string, len(links))
	for i, l := range links {
		urls[i] = l.URL
	}
	p, err := json.Marshal(urls)
	if err != nil {
		return nil, err
	}
	out := append(b[:len(b)-1:len(b)-1], `,"pictures":`...) // the exercise's object, one member longer
	out = append(out, p...)
	return json.RawMessage(append(out, '}')), nil
}

// asideDoc is the answer to avoiding or enabling an exercise.
type asideDoc struct {
	ExerciseID string `json:"exercise_id"`
	Avoided    bool   `json:"avoided"`
	Changed    bool   `json:"changed"`
	Message    string `json:"message"`
}

func (s *Server) avoidExercise(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := s.st.Avoid(writeCtx(r), e.ID, s.now()); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, asideDoc{ExerciseID: e.ID, Avoided: true, Changed: true, Message: message.Text(message.WebAvoided, e.Name)})
	return nil
}

func (s *Server) enableExercise(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	was, err := s.st.Enable(writeCtx(r), e.ID)
	if err != nil {
		return err
	}
	msg := message.Text(message.AsideEnabled, e.Name)
	if !was {
		msg = message.Text(message.AsideWasNot, e.Name)
	}
	writeJSON(w, http.StatusOK, asideDoc{ExerciseID: e.ID, Changed: was, Message: msg})
	return nil
}

func (s *Server) listAside(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.journalJSON(w, r, "api/aside", func() (any, time.Time, error) {
		list, err := s.aside(r)
		return list, time.Time{}, err
	})
}

func (s *Server) listRoutines(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.catalogJSON(w, r, "api/routines", func() (any, error) { return s.routineSummaries() })
}

// routineSummaries lists the catalog's routines with computed durations.
func (s *Server) routineSummaries() ([]api.RoutineSummary, error) {
	return s.cache.routines.get(s.catalogKey("routines"), none{}, forever(s.computeSummaries))
}

// computeSummaries compiles every routine at the starting dose.
func (s *Server) computeSummaries() ([]api.RoutineSummary, error) {
	list := make([]api.RoutineSummary, 0, len(s.catalog().Routines()))
	for _, r := range s.catalog().Routines() {
		steps, err := person.Prepare(s.catalog(), r, nil, person.Exclusions{}, true)
		if err != nil {
			return nil, err
		}
		cr, err := person.Compile(steps.Steps, r)
		if err != nil {
			return nil, err
		}
		list = append(list, api.NewRoutineSummary(r, cr.Fit))
	}
	return list, nil
}

// playable is a routine document as the person would play it now: their
// levels, set-aside exercises left out, and the notes shown before it.
type playable struct {
	api.Routine
	Plan       *api.PlanDetail  `json:"plan,omitempty"`
	LeftOut    []string         `json:"left_out"`     // ids of the exercises left out for the person
	LeftOutWhy []person.LeftOut `json:"left_out_why"` // the same, each with why
	Notes      []string         `json:"notes"`
}

// atStart reads the level parameter: "start" plays everyone's starting doses.
func atStart(q url.Values) (bool, error) {
	switch v := q.Get("level"); v {
	case "", "person":
		return false, nil
	case "start":
		return true, nil
	default:
		return false, unhunch.E(unhunch.EInvalid, message.WebBadLevel, v)
	}
}

func (s *Server) showRoutine(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r), "level"); err != nil {
		return err
	}
	start, err := atStart(params(r))
	if err != nil {
		return err
	}
	rt, err := s.routine(r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.journalJSON(w, r, "api/routine/"+rt.ID+"?start="+strconv.FormatBool(start), func() (any, time.Time, error) {
		doc, err := s.playable(r, rt, start)
		return doc, time.Time{}, err
	})
}

// routineDoc is the routine named in the path, as the person would play it,
// at everyone's starting doses when the query says level=start.
func (s *Server) routineDoc(r *http.Request) (*catalog.Routine, playable, error) {
	start, err := atStart(params(r))
	if err != nil {
		return nil, playable{}, err
	}
	rt, err := s.routine(r.PathValue("id"))
	if err != nil {
		return nil, playable{}, err
	}
	doc, err := s.playable(r, rt, start)
	return rt, doc, err
}

// playable prepares routine rt for the person.
func (s *Server) playable(r *http.Request, rt *catalog.Routine, start bool) (playable, error) {
	p, err := s.load(r)
	if err != nil {
		return playable{}, err
	}
	prep, err := person.Prepare(s.catalog(), rt, p.Levels, p.Exclusions(), start)
	if err != nil {
		return playable{}, err
	}
	cr, err := person.Compile(prep.Steps, rt)
	if err != nil {
		return playable{}, err
	}
	d := p.Gate(s.now(), nil)
	doc := playable{Routine: person.Document(rt, prep, cr), LeftOut: person.LeftOutIDs(prep.LeftOut), LeftOutWhy: prep.LeftOut,
		Notes: person.WebStartNotes(d, prep, p, s.cfg.Location, s.catalog())}
	if doc.LeftOutWhy == nil {
		doc.LeftOutWhy = []person.LeftOut{}
	}
	if doc.Notes == nil {
		doc.Notes = []string{}
	}
	return doc, nil
}

// planRequest is a plan asked for in JSON (a session started from a plan).
type planRequest struct {
	Minutes   int      `json:"minutes"`
	Equipment []string `json:"equipment"`
	Floor     bool     `json:"floor"`
	Focus     string   `json:"focus"`
}

// planQuery reads a plan request from query parameters: minutes (1–30),
// equipment (comma-separated, or none), floor (true or false), focus, level.
func planQuery(q url.Values) (planRequest, error) {
	if err := noQuery(q, "minutes", "equipment", "floor", "focus", "level"); err != nil {
		return planRequest{}, err
	}
	var pr planRequest
	m := q.Get("minutes")
	if m == "" {
		return pr, unhunch.E(unhunch.EInvalid, message.WebPlanMinutes, planner.MinMinutes, planner.MaxMinutes)
	}
	n, err := strconv.Atoi(m)
	if err != nil {
		return pr, unhunch.E(unhunch.EInvalid, message.WebPlanMinutesNumber, m, planner.MinMinutes, planner.MaxMinutes)
	}
	pr.Minutes = n
	if eq := q.Get("equipment"); eq != "" && eq != "none" {
		for _, e := range strings.Split(eq, ",") {
			pr.Equipment = append(pr.Equipment, strings.TrimSpace(e))
		}
	}
	switch f := q.Get("floor"); f {
	case "", "true", "1", "on", "yes":
		pr.Floor = true
	case "false", "0", "off", "no":
	default:
		return pr, unhunch.E(unhunch.EInvalid, message.WebBadFloor, f)
	}
	pr.Focus = q.Get("focus")
	return pr, nil
}

// plannerRequest checks a plan request against the catalog.
func (s *Server) plannerRequest(pr planRequest) (planner.Request, error) {
	return plannerRequestOn(s.cat.Load(), pr)
}

// plan makes the plan for pr, personalised, as a routine record with its details.
func (s *Server) plan(r *http.Request, pr planRequest, start bool) (*catalog.Routine, planner.Result, error) {
	req, err := s.plannerRequest(pr)
	if err != nil {
		return nil, planner.Result{}, err
	}
	p, err := s.load(r)
	if err != nil {
		return nil, planner.Result{}, err
	}
	cs := s.cat.Load() // one catalog for the whole plan, prepared once for the planner
	p.Personalise(cs.c, &req, start)
	res, err := cs.plans().Plan(req)
	if err != nil {
		if _, ok := planner.AsNothingFits(err); ok {
			return nil, res, unhunch.Errorf(unhunch.EInvalid, "%w", err)
		}
		return nil, res, err
	}
	return person.PlanRoutine("plan", req, res), res, nil
}

func (s *Server) showPlan(w http.ResponseWriter, r *http.Request) error {
	ap, err := s.planAskedFor(r, false)
	if err != nil {
		return err
	}
	bd, err := s.journalBodyAt(r, personKey(r.Context(), ap.key), func() (*body, time.Time, error) {
		rt, res, err := s.plan(r, ap.pr, ap.start)
		if err != nil {
			return nil, time.Time{}, err
		}
		doc, err := s.playable(r, rt, ap.start)
		if err != nil {
			return nil, time.Time{}, err
		}
		detail := api.NewPlanDetail(res)
		doc.Plan = &detail
		bd, err := jsonBody(doc)
		return bd, time.Time{}, err
	})
	if err != nil {
		return err
	}
	bd.serve(w, r, http.StatusOK, "no-cache")
	return nil
}

// params returns the request's query parameters, or nil when it has none
// (url.URL.Query would make an empty map at every request). Read it only:
// a nil map cannot be written to.
func params(r *http.Request) url.Values {
	if r.URL.RawQuery == "" {
		return nil
	}
	return r.URL.Query()
}
