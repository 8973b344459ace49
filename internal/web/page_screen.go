package web

import (
	"net/http"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// screenData is one step of the screening: a question, or the answers to save.
type screenData struct {
	Answers  string // y and n so far, in question order
	Back     string // the answers before the last one
	Number   int    // 1-based number of the question asked
	Total    int
	Question safety.Question
	Review   []reviewRow // when every question is answered
}

// reviewRow is one answer shown before saving.
type reviewRow struct {
	Text string
	Yes  bool
}

// screenAnswers reads the answers so far: y and n, at most one per question.
func screenAnswers(v string) (string, error) {
	if len(v) > len(safety.Questions) || strings.Trim(v, "yn") != "" {
		return "", invalid(message.WebScreenBadAnswers, len(safety.Questions))
	}
	return v, nil
}

// screenPage asks one question at a time, with plain links and forms: the
// answers so far travel in the form, so it works without JavaScript.
func (s *Server) screenPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := noQuery(q, "a", "answer"); err != nil {
		return err
	}
	a, err := screenAnswers(q.Get("a") + q.Get("answer"))
	if err != nil {
		return err
	}
	d := screenData{Answers: a, Total: len(safety.Questions)}
	if len(a) > 0 {
		d.Back = a[:len(a)-1]
	}
	if len(a) < len(safety.Questions) {
		d.Number, d.Question = len(a)+1, safety.Questions[len(a)]
	} else {
		for i, q := range safety.Questions {
			d.Review = append(d.Review, reviewRow{Text: q.Text(), Yes: a[i] == 'y'})
		}
	}
	return s.render(w, http.StatusOK, "screen", page{Title: message.Text(message.WebTitleScreen), Nav: "screen", Data: d})
}

// screenSave saves a complete set of answers and shows what they mean.
func (s *Server) screenSave(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	a, err := screenAnswers(r.PostForm.Get("a"))
	if err != nil {
		return err
	}
	if len(a) != len(safety.Questions) {
		return invalid(message.WebScreenBadAnswers, len(safety.Questions))
	}
	answers := map[string]bool{}
	for i, q := range safety.Questions {
		answers[q.ID] = a[i] == 'y'
	}
	sc, err := person.Screen(writeCtx(r), s.st, answers, s.now())
	if err != nil {
		return err
	}
	seeOther(w, r, "/screen/result?"+query("id", sc.ID))
	return nil
}

// resultData is what a saved screening means.
type resultData struct {
	Screening safety.Screening
	Advice    string
	Flagged   []string
	Clearable bool
}

func (s *Server) screenResult(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if err := noQuery(q, "id"); err != nil {
		return err
	}
	all, err := s.st.Screenings(r.Context())
	if err != nil {
		return err
	}
	for _, sc := range all {
		if sc.ID != q.Get("id") {
			continue
		}
		d := resultData{Screening: sc, Advice: person.ScreenAdvice(sc.Result.Outcome)}
		if sc.Clearing {
			d.Advice = message.Text(message.WebClearedPage)
		}
		for _, id := range sc.Result.Flagged {
			if qq, ok := safety.QuestionByID(id); ok {
				d.Flagged = append(d.Flagged, qq.Text())
			}
		}
		d.Clearable = !sc.Clearing && sc.Result.Outcome == safety.Clinician
		if sc.Result.Outcome == safety.Clinician && !sc.Clearing {
			d.Advice = message.Text("web.gate.clinician")
		}
		return s.render(w, http.StatusOK, "result", page{Title: message.Text(message.WebTitleScreen), Nav: "screen", Data: d})
	}
	return unhunch.Errorf(unhunch.ENotFound, "%s", message.Text(message.WebNoScreening, q.Get("id")))
}

func (s *Server) screenClearance(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	c, err := person.Clear(writeCtx(r), s.st, s.now())
	if err != nil {
		return err
	}
	seeOther(w, r, "/screen/result?"+query("id", c.ID))
	return nil
}
