package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/planner"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
	"github.com/unhunch/unhunch/timeline"
)

func (s *Server) exercisesPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.journalPage(w, r, "exercises", "exercises", func() (page, time.Time, error) {
		levels, err := s.levels(r)
		if err != nil {
			return page{}, time.Time{}, err
		}
		_, canAdd := s.customJournal()
		d := exercisesData{CanAdd: canAdd}
		firsts, err := s.firstPictures(r)
		if err != nil {
			return page{}, time.Time{}, err
		}
		for _, e := range s.catalog().Exercises() {
			d.Exercises = append(d.Exercises, exerciseRow{Exercise: e, YourDose: doseLine(e, levels[e.ID]), Picture: firsts[e.ID]})
		}
		return page{Title: message.Text(message.WebTitleExercises), Nav: "exercises", Data: d}, time.Time{}, nil
	})
}

// exercisesData is the library.
type exercisesData struct {
	Exercises []exerciseRow
	CanAdd    bool // the journal keeps exercises of one's own
}

// exerciseRow is an exercise in the library with the person's dose.
type exerciseRow struct {
	*catalog.Exercise
	YourDose string // the dose line: the person's dose and the starting dose, or the starting dose
	Picture  string // the URL of its first picture, for one's own with pictures
}

// doseLine says an exercise's dose for the person: their own with the
// starting dose beside it, or the starting dose while they are on it.
func doseLine(e *catalog.Exercise, lv *progress.Level) string {
	return person.DoseLine(e, lv, person.DoseWords{Easier: message.PageDoseEasier, Yours: message.PageDoseYours, Start: message.PageDoseStart})
}

// levels reads each practised exercise's level: what the journal says
// about the person now (person.Load).
func (s *Server) levels(r *http.Request) (map[string]*progress.Level, error) {
	p, err := s.load(r)
	if err != nil {
		return nil, err
	}
	return p.History.Levels, nil
}

// exerciseData is the exercise page.
type exerciseData struct {
	E     *catalog.Exercise
	Takes string    // how long it takes at the person's dose
	Yours string    // the person's dose, "" at the starting dose
	Ways  []wayToDo // its steps and cues in each position with words of its own
	// Pictures are the person's own pictures of it; File is the config
	// directory's file it comes from ("" for built-ins and saved ones).
	Pictures []pictureLink
	File     string
}

// wayToDo is how an exercise is done in one position.
type wayToDo struct {
	Position catalog.Position
	Words    string
	Steps    []string
	Cues     []string
}

func (s *Server) exercisePage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.journalPage(w, r, "exercise/"+e.ID, "exercise", func() (page, time.Time, error) {
		levels, err := s.levels(r)
		if err != nil {
			return page{}, time.Time{}, err
		}
		d := exercisePageData(e, levels[e.ID])
		if d.Pictures, err = s.pictureLinks(r, e); err != nil {
			return page{}, time.Time{}, err
		}
		if e.Origin != catalog.BuiltinOrigin && !e.Saved() {
			d.File = e.Origin
		}
		return page{Title: e.Name, Nav: "exercises", Data: d}, time.Time{}, nil
	})
}

// exercisePageData is what an exercise's page shows: the record, the
// person's dose and how long it takes at it, and in each position with
// words of its own, the steps and the cues in the order they are heard.
func exercisePageData(e *catalog.Exercise, lv *progress.Level) exerciseData {
	d := exerciseData{E: e, Yours: person.DoseNow(e, lv)}
	step := timeline.Step{Exercise: e}
	if lv != nil {
		step.Amount = lv.Amount
	}
	if tl, err := timeline.Compile([]timeline.Step{step}, timelineRules); err == nil {
		d.Takes = timeline.String(tl.Exercises[0].Duration)
	}
	for _, p := range e.WordPositions() {
		way := wayToDo{Position: p, Words: message.PositionWords.Text(string(p)), Steps: e.StepsFor(p)}
		c := e.CuesFor(p)
		for _, v := range append([]string{c.Intro, c.Setup, c.Move, c.Hold, c.Release, c.Inhale, c.Exhale, c.Switch}, c.Form...) {
			if v != "" {
				way.Cues = append(way.Cues, timeline.SideCue(v, e.Dose.FirstSide))
			}
		}
		d.Ways = append(d.Ways, way)
	}
	return d
}

func (s *Server) routinesPage(w http.ResponseWriter, r *http.Request) error {
	k := readKit(r)
	return s.catalogPage(w, r, "routines?kit="+k.key(), "routines", func() (page, error) {
		list, err := s.routineSummaries()
		if err != nil {
			return page{}, err
		}
		_, canAdd := s.customJournal()
		d := routinesData{Kit: k, CanAdd: canAdd}
		for _, rs := range list {
			row := routineRow{RoutineSummary: rs}
			if rt, ok := s.catalog().Routine(rs.ID); ok {
				row.Needs, row.Lacks = s.routineNeeds(routineIDs(rt), k)
			}
			d.Routines = append(d.Routines, row)
		}
		return page{Title: message.Text(message.WebTitleRoutines), Nav: "routines", Data: d}, nil
	})
}

// routinesData is the routines page.
type routinesData struct {
	CanAdd   bool // the journal keeps routines of one's own
	Kit      kit
	Routines []routineRow
}

// routineRow is a routine on the routines page, with what it needs.
type routineRow struct {
	api.RoutineSummary
	Needs string
	Lacks string // what of it the person said they do not have, "" when they have it all
}

// routineData is a routine's page, or a plan's.
type routineData struct {
	Doc        playable
	PlayURL    string
	HandoutURL string // the routine or plan as a PDF to print
	Form       planRequest
	Focuses    []planner.Focus
	Kit        []catalog.Equipment
	Error      string
	Saved      bool // a routine of the person's own, which they may delete
}

// routinePage is a routine as the person would play it, kept by the journal
// cache like the API's document of it (issue 16: it was rendered at every
// request).
func (s *Server) routinePage(w http.ResponseWriter, r *http.Request) error {
	start, err := atStart(params(r))
	if err != nil {
		return err
	}
	rt, err := s.routine(r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.journalPage(w, r, "page/routine/"+rt.ID+"?start="+strconv.FormatBool(start), "routine", func() (page, time.Time, error) {
		doc, err := s.playable(r, rt, start)
		return page{Title: rt.Name, Nav: "routines",
			Data: routineData{Doc: doc, PlayURL: "/play/" + rt.ID, HandoutURL: "/routines/" + rt.ID + "/handout.pdf", Saved: rt.Saved()}}, time.Time{}, err
	})
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	d := routineData{Focuses: planner.Focuses, Kit: catalog.EquipmentIDs, Form: planRequest{Minutes: suggestedMinutes, Floor: true}}
	for _, q := range readKit(r).Have {
		d.Form.Equipment = append(d.Form.Equipment, string(q))
	}
	ap, err := s.planAskedFor(r, true)
	if err != nil {
		return err
	}
	if ap == nil {
		return s.render(w, http.StatusOK, "plan", page{Title: message.Text(message.WebTitlePlan), Nav: "plan", Data: d})
	}
	pr := ap.pr
	d.Form = pr
	// A plan is kept by the journal cache by its request, as the API's is
	// (issue 16: planning at every request made this page the slowest).
	bd, err := s.journalBodyAt(r, personKey(r.Context(), ap.key), func() (*body, time.Time, error) {
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
		d.PlayURL = "/play/plan?" + ap.params
		d.HandoutURL = "/plan/handout.pdf?" + ap.params
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
	Doc        playable
	Plan       *planRequest
	TimeScale  float64
	Reasons    []stopChoice
	Renew      int            // seconds between the player's lease renewals (journal.Renew)
	Questions  []playQuestion // the safety questions, asked on the page when the gate waits for answers
	Answerable string         // the gate's blocks that answering the questions there lifts, space-separated
}

// PlayerDoc is what the player's script reads of the routine (player.js:
// its id, duration_seconds, exercises and timeline), the data the page
// carries for it. The routine document's fit, notes, sources and plan are
// shown on the page as text, so the data leaves them out (issue 16: they
// were 0.4 KB of the page's 7.6 KB gzipped).
func (d playData) PlayerDoc() playerDoc {
	return playerDoc{ID: d.Doc.ID, DurationSeconds: d.Doc.DurationSeconds, Exercises: d.Doc.Exercises, Timeline: d.Doc.Timeline}
}

// playerDoc is the routine as the player's script reads it: PlayerDoc.
type playerDoc struct {
	ID              string                `json:"id"`
	DurationSeconds float64               `json:"duration_seconds"`
	Exercises       []api.RoutineExercise `json:"exercises"`
	Timeline        timeline.Segments     `json:"timeline"`
}

// playQuestion is a safety question as the player asks it.
type playQuestion struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	After     string `json:"after,omitempty"` // asked only after a yes to this question
	Emergency bool   `json:"emergency,omitempty"`
}

// playQuestions lists the safety questions for the player, in order.
func playQuestions() []playQuestion {
	out := make([]playQuestion, len(safety.Questions))
	for i, q := range safety.Questions {
		out[i] = playQuestion{ID: q.ID, Text: q.Text(), After: q.After, Emergency: q.Outcome == safety.Emergency}
	}
	return out
}

// answerable lists the blocks that answering the questions lifts.
func answerable() string {
	var out []string
	for _, b := range safety.Blocks {
		if b.Answerable() {
			out = append(out, string(b))
		}
	}
	return strings.Join(out, " ")
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
	q := params(r)
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
		if _, err := s.routineFor(r, id); err != nil {
			return err
		}
	}
	if id == clinic.RoutineID {
		key += "?for=" + account.PersonID(r.Context()) // each person's own prescription
	}
	return s.journalPage(w, r, key, "play", func() (page, time.Time, error) {
		d, err := s.playData(r, id, q)
		return page{Title: d.Doc.Name, Nav: "play", Data: d}, time.Time{}, err
	})
}

// playData is what the player page of routine id (or of the plan its query
// asks for) shows.
func (s *Server) playData(r *http.Request, id string, q url.Values) (playData, error) {
	d := playData{TimeScale: s.cfg.TimeScale, Renew: int(journal.Renew / time.Second), Questions: playQuestions(), Answerable: answerable()}
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
		rt, err := s.routineFor(r, id)
		if err != nil {
			return d, err
		}
		if d.Doc, err = s.playable(r, rt, false); err != nil {
			return d, err
		}
	}
	if err := s.addPictures(r, &d.Doc.Routine); err != nil {
		return d, err
	}
	return d, nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// planDetail describes how a plan was made.
