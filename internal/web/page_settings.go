package web

import (
	"net/http"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// settingsData is the settings page.
type settingsData struct {
	Exercises []*catalog.Exercise
	Aside     map[string]store.ExerciseState
	Done      string
}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := noQuery(q, "done"); err != nil {
		return err
	}
	states, err := s.st.ExerciseStates(r.Context())
	if err != nil {
		return err
	}
	d := settingsData{Exercises: s.cat.Exercises(), Aside: states}
	if id := q.Get("done"); id != "" {
		if e, ok := s.cat.Exercise(id); ok {
			if st, ok := states[id]; ok && (st.Avoided || st.Excluded) {
				d.Done = message.Text(message.WebAvoided, e.Name)
			} else {
				d.Done = message.Text(message.AsideEnabled, e.Name)
			}
		}
	}
	return s.render(w, http.StatusOK, "settings", page{Title: message.Text(message.WebTitleSettings), Nav: "settings", Data: d})
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
	return s.catalogPage(w, "safety", "safety", func() (page, error) {
		var d []guideSection
		for _, k := range message.AboutSafetySections {
			body := k + ".body"
			if web := "web." + body; message.Has(web) {
				body = web // the browser's way to act, instead of a command to type
			}
			d = append(d, guideSection{Heading: message.Text(k + ".heading"), Paragraphs: splitParas(message.Text(body))})
		}
		return page{Title: message.Text(message.AboutSafetyTitle), Nav: "safety", Data: d}, nil
	})
}
