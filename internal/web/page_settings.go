package web

import (
	"github.com/unhunch/unhunch/account"
	"net/http"
	"net/url"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// settingsData is the settings page.
type settingsData struct {
	Exercises  []*catalog.Exercise
	Aside      map[string]journal.ExerciseState
	Done       string
	Conditions []conditionRow // exercises a condition keeps out, or a clinician cleared
	CondDone   string
	Schedule   scheduleForm // the practice schedule (issue 19)
	KitForm    kitForm
	KitDone    string
	Account    *account.User // the signed-in account, which can be erased; nil without accounts
}

// conditionRow is one exercise and one condition from the safety answers:
// kept out, or cleared by a clinician.
type conditionRow struct {
	Exercise  *catalog.Exercise
	Condition catalog.Condition
	Cleared   bool
}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request) error {
	return s.settings(w, r, http.StatusOK, nil)
}

// settings renders the settings page with status; sf is the schedule
// form as it was sent and refused, or nil for the saved schedule.
func (s *Server) settings(w http.ResponseWriter, r *http.Request, status int, sf *scheduleForm) error {
	q := params(r)
	if err := noQuery(q, "done", "cleared", "withdrawn", "condition", "schedule", "kit"); err != nil {
		return err
	}
	k := readKit(r)
	build := func() (page, time.Time, error) {
		d, until, err := s.settingsData(r, q, k, sf)
		return page{Title: message.Text(message.WebTitleSettings), Nav: "settings", Data: d}, until, err
	}
	if sf != nil {
		// A refused schedule form, shown as it was sent: never kept.
		p, _, err := build()
		if err != nil {
			return err
		}
		return s.render(w, status, "settings", p)
	}
	// Kept by the journal cache by its query and what is at hand (issue 16).
	return s.journalPage(w, r, "page/settings?"+q.Encode()+"&kit="+k.key(), "settings", build)
}

// settingsData is what the settings page shows, with the note its query
// asks for; sf is a refused schedule form, or nil for the saved schedule.
// It holds until the schedule's next time, which it names.
func (s *Server) settingsData(r *http.Request, q url.Values, k kit, sf *scheduleForm) (settingsData, time.Time, error) {
	p, err := s.load(r)
	if err != nil {
		return settingsData{}, time.Time{}, err
	}
	states := p.SetAside
	d := settingsData{Exercises: s.catalog().Exercises(), Aside: states, KitForm: newKitForm(k, "/settings"), Account: account.FromContext(r.Context())}
	if q.Get("kit") == "saved" && k.Asked {
		d.KitDone = message.Text(message.PageKitSaved, catalog.NeedsWords(haveAsNeeds(k.Have)))
	}
	for _, a := range person.Aside(p, s.catalog()) {
		e, ok := s.catalog().Exercise(a.ExerciseID)
		if !ok {
			continue
		}
		for _, c := range a.Conditions {
			d.Conditions = append(d.Conditions, conditionRow{Exercise: e, Condition: c})
		}
		for _, c := range a.ClearedOf {
			d.Conditions = append(d.Conditions, conditionRow{Exercise: e, Condition: c, Cleared: true})
		}
	}
	if c, ok := catalog.ParseCondition(q.Get("condition")); ok {
		if e, ok := s.catalog().Exercise(q.Get("cleared")); ok {
			d.CondDone = message.Text(message.ClearDone, e.Name, c.Words())
		}
		if e, ok := s.catalog().Exercise(q.Get("withdrawn")); ok {
			d.CondDone = message.Text(message.ClearWithdrawn, e.Name, c.Words())
		}
	}
	if id := q.Get("done"); id != "" {
		if e, ok := s.catalog().Exercise(id); ok {
			if st, ok := states[id]; ok && (st.Avoided || st.Excluded) {
				d.Done = message.Text(message.WebAvoided, e.Name)
			} else {
				d.Done = message.Text(message.AsideEnabled, e.Name)
			}
		}
	}
	if sf != nil {
		d.Schedule = *sf
		return d, time.Time{}, nil
	}
	sc, err := s.st.Schedule(r.Context())
	if err != nil {
		return settingsData{}, time.Time{}, err
	}
	d.Schedule = s.newScheduleForm(sc)
	switch q.Get("schedule") {
	case "saved":
		d.Schedule.Done = message.Text(message.WebScheduleSaved)
	case "cleared":
		d.Schedule.Done = message.Text(message.ScheduleCleared)
	}
	return d, sc.Next(s.now(), s.cfg.Location), nil
}

func (s *Server) settingsAvoid(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	e, err := s.exercise(r.PostForm.Get("id"))
	if err != nil {
		return err
	}
	if err := s.st.Avoid(writeCtx(r), e.ID, s.now()); err != nil {
		return err
	}
	seeOther(w, r, "/settings?"+query("done", e.ID)+"#aside-done")
	return nil
}

func (s *Server) settingsEnable(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	e, err := s.exercise(r.PostForm.Get("id"))
	if err != nil {
		return err
	}
	if _, err := s.st.Enable(writeCtx(r), e.ID); err != nil {
		return err
	}
	seeOther(w, r, "/settings?"+query("done", e.ID)+"#aside-done")
	return nil
}

// guideSection is one section of a guidance page.
type guideSection struct {
	Heading    string
	Paragraphs []string
}

func (s *Server) safetyPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.catalogPage(w, r, "safety", "safety", func() (page, error) {
		var d []guideSection
		for _, k := range message.AboutSafetySections {
			body := k + ".body"
			if web := "web." + body; message.Has(web) {
				body = web // the browser's way to act, instead of a command to type
			}
			d = append(d, guideSection{Heading: message.Text(k + ".heading"), Paragraphs: splitParas(person.GuideBody(body))})
		}
		return page{Title: message.Text(message.AboutSafetyTitle), Nav: "safety", Data: d}, nil
	})
}

// haveAsNeeds lists equipment as needs, to say it in words.
func haveAsNeeds(have []catalog.Equipment) []catalog.Need {
	out := make([]catalog.Need, len(have))
	for i, q := range have {
		out[i] = catalog.Need{Equipment: q}
	}
	return out
}
