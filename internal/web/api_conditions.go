package web

import (
	"net/http"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
)

// conditionRoutes are a clinician's clearance of one exercise for one
// condition, in the API and on the settings page.
func (s *Server) conditionRoutes() []route {
	return []route{
		{"POST", "/api/v1/exercises/{id}/clearances", s.postConditionClearance, nil},
		{"DELETE", "/api/v1/exercises/{id}/clearances/{condition}", s.deleteConditionClearance, nil},
		{"POST", "/settings/clear", s.settingsClear, nil},
		{"POST", "/settings/unclear", s.settingsUnclear, nil},
	}
}

// clearanceBody is POST /api/v1/exercises/{id}/clearances.
type clearanceBody struct {
	Condition string `json:"condition"`
}

// clearanceDoc answers a clearance recorded or withdrawn.
type clearanceDoc struct {
	ExerciseID string            `json:"exercise_id"`
	Condition  catalog.Condition `json:"condition"`
	At         *time.Time        `json:"at,omitempty"` // when it was recorded; absent once withdrawn
	Changed    bool              `json:"changed"`
	Message    string            `json:"message"`
}

func (s *Server) postConditionClearance(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	var body clearanceBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if body.Condition == "" {
		return unhunch.E(unhunch.EInvalid, message.WebClearanceMissing, catalog.ConditionList())
	}
	c, err := person.ParseCondition(body.Condition)
	if err != nil {
		return err
	}
	at := s.now()
	if err := person.ClearExercise(writeCtx(r), s.st, e, c, at); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, clearanceDoc{ExerciseID: e.ID, Condition: c, At: &at, Changed: true,
		Message: message.Text(message.ClearDone, e.Name, c.Words())})
	return nil
}

func (s *Server) deleteConditionClearance(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	e, c, err := s.exerciseCondition(r.PathValue("id"), r.PathValue("condition"))
	if err != nil {
		return err
	}
	was, err := s.st.WithdrawClearance(writeCtx(r), e.ID, c)
	if err != nil {
		return err
	}
	msg := message.Text(message.ClearWithdrawn, e.Name, c.Words())
	if !was {
		msg = message.Text(message.ClearWasNot, e.Name, c.Words())
	}
	writeJSON(w, http.StatusOK, clearanceDoc{ExerciseID: e.ID, Condition: c, Changed: was, Message: msg})
	return nil
}

// exerciseCondition reads the exercise and the condition a request names.
func (s *Server) exerciseCondition(id, condition string) (*catalog.Exercise, catalog.Condition, error) {
	e, err := s.exercise(id)
	if err != nil {
		return nil, "", err
	}
	c, err := person.ParseCondition(condition)
	return e, c, err
}

// formExerciseCondition reads the exercise and the condition a settings
// form names.
func (s *Server) formExerciseCondition(w http.ResponseWriter, r *http.Request) (*catalog.Exercise, catalog.Condition, error) {
	if err := form(w, r); err != nil {
		return nil, "", err
	}
	return s.exerciseCondition(r.PostForm.Get("id"), r.PostForm.Get("condition"))
}

// settingsClear records a clearance from the settings page's form.
func (s *Server) settingsClear(w http.ResponseWriter, r *http.Request) error {
	e, c, err := s.formExerciseCondition(w, r)
	if err != nil {
		return err
	}
	if err := person.ClearExercise(writeCtx(r), s.st, e, c, s.now()); err != nil {
		return err
	}
	seeOther(w, r, "/settings?"+query("cleared", e.ID, "condition", string(c))+"#conditions-done")
	return nil
}

// settingsUnclear withdraws a clearance from the settings page's form.
func (s *Server) settingsUnclear(w http.ResponseWriter, r *http.Request) error {
	e, c, err := s.formExerciseCondition(w, r)
	if err != nil {
		return err
	}
	if _, err := s.st.WithdrawClearance(writeCtx(r), e.ID, c); err != nil {
		return err
	}
	seeOther(w, r, "/settings?"+query("withdrawn", e.ID, "condition", string(c))+"#conditions-done")
	return nil
}
