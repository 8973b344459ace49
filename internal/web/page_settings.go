package web

import (
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
}

// conditionRow is one exercise and one condition from the safety answers:
// kept out, or cleared by a clinician.
type conditionRow struct {
	Exercise  *catalog.Exercise
	Condition catalog.Condition
	Cleared   bool
}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := noQuery(q, "done", "cleared", "withdrawn", "condition"); err != nil {
		return err
	}
	// Kept by the journal cache by its query (issue 16).
	return s.journalPage(w, r, "page/settings?"+q.Encode(), "settings", func() (page, time.Time, error) {
		d, err := s.settingsData(r, q)
		return page{Title: message.Text(message.WebTitleSettings), Nav: "settings", Data: d}, time.Time{}, err
	})
}

// settingsData is what the settings page shows, with the note its query
// asks for.
func (s *Server) settingsData(r *http.Request, q url.Values) (settingsData, error) {
	p, err := s.load(r)
	if err != nil {
		return settingsData{}, err
	}
	states := p.SetAside
	d := settingsData{Exercises: s.cat.Exercises(), Aside: states}
	for _, a := range person.Aside(p, s.cat) {
		e, ok := s.cat.Exercise(a.ExerciseID)
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
		if e, ok := s.cat.Exercise(q.Get("cleared")); ok {
			d.CondDone = message.Text(message.ClearDone, e.Name, c.Words())
		}
		if e, ok := s.cat.Exercise(q.Get("withdrawn")); ok {
			d.CondDone = message.Text(message.ClearWithdrawn, e.Name, c.Words())
		}
	}
	if id := q.Get("done"); id != "" {
		if e, ok := s.cat.Exercise(id); ok {
			if st, ok := states[id]; ok && (st.Avoided || st.Excluded) {
				d.Done = message.Text(message.WebAvoided, e.Name)
			} else {
				d.Done = message.Text(message.AsideEnabled, e.Name)
			}
		}
	}
	return d, nil
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
	seeOther(w, r, "/settings?"+query("done", e.ID)+"#aside")
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
	seeOther(w, r, "/settings?"+query("done", e.ID)+"#aside")
	return nil
}

// guideSection is one section of a guidance page.
type guideSection struct {
	Heading    string
	Paragraphs []string
}

func (s *Server) safetyPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r.URL.Query()); err != nil {
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
