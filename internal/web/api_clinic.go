package web

import (
	"net/http"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// clinicRoutes are the clinicians' pages and API (clinicians and admins
// only: accessOf) and the person's side of them (/care).
func (s *Server) clinicRoutes() []route {
	return []route{
		{"GET", "/api/v1/clinic/patients", s.apiPatients, nil},
		{"GET", "/api/v1/clinic/patients/{id}", s.apiPatient, nil},
		{"POST", "/api/v1/clinic/patients/{id}/prescription", s.apiPrescribe, nil},
		{"POST", "/api/v1/clinic/patients/{id}/clearance", s.apiClear, nil},
		{"POST", "/api/v1/clinic/invites", s.apiInvite, nil},
		{"GET", "/api/v1/care", s.apiCare, nil},
		{"POST", "/api/v1/care/invites/{token}", s.apiAnswerInvite, nil},
		{"DELETE", "/api/v1/care/clinicians/{id}", s.apiEndCare, nil},
		{"GET", "/api/v1/care/audit", s.apiAudit, nil},
		{"GET", "/clinic", s.clinicPage, nil},
		{"POST", "/clinic/invite", s.clinicInvite, nil},
		{"GET", "/clinic/patients/{id}", s.clinicPatientPage, nil},
		{"GET", "/clinic/patients/{id}/prescribe", s.clinicPrescribePage, nil},
		{"POST", "/clinic/patients/{id}/prescribe", s.clinicPrescribeSave, nil},
		{"POST", "/clinic/patients/{id}/clear", s.clinicClear, nil},
		{"GET", "/care", s.carePage, nil},
		{"GET", "/care/invite/{token}", s.careInvitePage, nil},
		{"POST", "/care/invite/{token}", s.careInviteAnswer, nil},
		{"POST", "/care/clinicians/{id}/end", s.careEnd, nil},
	}
}

func (s *Server) apiPatients(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	ps, err := s.patients(r, u, cs)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ps)
	return nil
}

func (s *Server) apiPatient(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	pr, l, err := s.openPatient(r, u, cs, r.PathValue("id"), clinic.OpenedPatient)
	if err != nil {
		return err
	}
	d, err := s.patient(pr, cs, l, true)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// prescriptionBody is POST /api/v1/clinic/patients/{id}/prescription.
type prescriptionBody struct {
	Exercises []struct {
		ExerciseID string      `json:"exercise_id"`
		Amount     dose.Amount `json:"amount"`
	} `json:"exercises"`
	DaysAWeek int    `json:"days_a_week"`
	TimesADay int    `json:"times_a_day"`
	Note      string `json:"note"`
	AllowMore bool   `json:"allow_more"`
}

func (s *Server) apiPrescribe(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	var body prescriptionBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	rx := &clinic.Prescription{DaysAWeek: body.DaysAWeek, TimesADay: body.TimesADay, Note: body.Note, AllowMore: body.AllowMore}
	for _, it := range body.Exercises {
		rx.Items = append(rx.Items, clinic.Item{ExerciseID: it.ExerciseID, Amount: it.Amount})
	}
	if err := s.prescribe(r, u, cs, r.PathValue("id"), rx); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rx)
	return nil
}

// prescribe checks rx and saves it for the patient with id, after the care
// link is checked and the opening audited.
func (s *Server) prescribe(r *http.Request, u *account.User, cs Clinic, id string, rx *clinic.Prescription) error {
	if _, err := cs.CareLink(r.Context(), u.ID, id); err != nil {
		return err // not a patient: nothing is checked, said or written
	}
	if err := rx.Check(s.catalog()); err != nil {
		return err
	}
	pr, _, err := s.openPatient(r, u, cs, id, clinic.OpenedPrescribed)
	if err != nil {
		return err
	}
	rx.PersonID, rx.ClinicianID, rx.ClinicianName, rx.At = id, u.ID, u.Name, s.now()
	return cs.SavePrescription(writeCtx(pr), rx)
}

// clearBody is POST /api/v1/clinic/patients/{id}/clearance: empty clears
// the last screening's answers that call for a clinician; an exercise and
// a condition clear that exercise of that condition.
type clearBody struct {
	ExerciseID string `json:"exercise_id"`
	Condition  string `json:"condition"`
}

// clearedDoc is what a clearance answers.
type clearedDoc struct {
	Screening  *safety.Screening `json:"screening,omitempty"`
	ExerciseID string            `json:"exercise_id,omitempty"`
	Condition  string            `json:"condition,omitempty"`
}

func (s *Server) apiClear(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	var body clearBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	doc, err := s.clear(r, u, cs, r.PathValue("id"), body)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, doc)
	return nil
}

// clear records a clinician's clearance for the patient with id, with the
// rules of §5 (person.Clear, person.ClearExercise), in the patient's journal.
func (s *Server) clear(r *http.Request, u *account.User, cs Clinic, id string, body clearBody) (clearedDoc, error) {
	pr, _, err := s.openPatient(r, u, cs, id, clinic.OpenedCleared)
	if err != nil {
		return clearedDoc{}, err
	}
	ctx := writeCtx(pr)
	switch {
	case body.ExerciseID == "" && body.Condition == "":
		c, err := person.Clear(ctx, s.st, s.now())
		if err != nil {
			return clearedDoc{}, err
		}
		return clearedDoc{Screening: &c}, nil
	case body.ExerciseID == "" || body.Condition == "":
		return clearedDoc{}, unhunch.E(unhunch.EInvalid, message.ClinicBadClear)
	}
	e, err := s.exercise(body.ExerciseID)
	if err != nil {
		return clearedDoc{}, err
	}
	cond, err := person.ParseCondition(body.Condition)
	if err != nil {
		return clearedDoc{}, err
	}
	if err := person.ClearExercise(ctx, s.st, e, cond, s.now()); err != nil {
		return clearedDoc{}, err
	}
	return clearedDoc{ExerciseID: e.ID, Condition: string(cond)}, nil
}

// inviteDoc is a new invitation: the link to send, once.
type inviteDoc struct {
	Token     string    `json:"token"`
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (s *Server) apiInvite(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	d, err := s.invite(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, d)
	return nil
}

// invite makes an invitation from the signed-in clinician.
func (s *Server) invite(r *http.Request) (inviteDoc, error) {
	u, cs, err := s.clinician(r)
	if err != nil {
		return inviteDoc{}, err
	}
	tok, err := cs.CreateInvite(writeCtx(r), u.ID, s.now())
	if err != nil {
		return inviteDoc{}, err
	}
	inv, err := cs.Invite(r.Context(), tok, s.now())
	if err != nil {
		return inviteDoc{}, err
	}
	return inviteDoc{Token: tok, URL: s.inviteURL(r, tok), ExpiresAt: inv.ExpiresAt}, nil
}

// careDoc is GET /api/v1/care: the person's clinicians and prescription.
type careDoc struct {
	Clinicians   []clinic.Link        `json:"clinicians"`
	Prescription *clinic.Prescription `json:"prescription,omitempty"`
}

// carer returns the signed-in person's id and the clinic operations.
func (s *Server) carer(r *http.Request) (string, Clinic, error) {
	cs, err := s.clinicStore()
	if err != nil {
		return "", nil, err
	}
	return account.PersonID(r.Context()), cs, nil
}

func (s *Server) apiCare(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	id, cs, err := s.carer(r)
	if err != nil {
		return err
	}
	links, err := cs.Clinicians(r.Context(), id)
	if err != nil {
		return err
	}
	rx, err := s.prescription(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, careDoc{Clinicians: links, Prescription: rx})
	return nil
}

// answerBody is POST /api/v1/care/invites/{token}.
type answerBody struct {
	Answer string `json:"answer"` // accept or decline
}

func (s *Server) apiAnswerInvite(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	var body answerBody
	if err := decode(w, r, &body); err != nil {
		return err
	}
	accept, err := answerWord(body.Answer)
	if err != nil {
		return err
	}
	l, err := s.answerInvite(r, r.PathValue("token"), accept)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, l)
	return nil
}

// answerInvite spends an invitation for the signed-in person.
func (s *Server) answerInvite(r *http.Request, token string, accept bool) (clinic.Link, error) {
	u := account.FromContext(r.Context())
	cs, err := s.clinicStore()
	if err != nil {
		return clinic.Link{}, err
	}
	if u == nil {
		return clinic.Link{}, unhunch.E(unhunch.EUnauthorized, message.AuthSignInNeeded)
	}
	return cs.AnswerInvite(writeCtx(r), token, u.ID, accept, s.now())
}

func (s *Server) apiEndCare(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	id, cs, err := s.carer(r)
	if err != nil {
		return err
	}
	if err := cs.EndCareLink(writeCtx(r), id, r.PathValue("id"), s.now()); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	id, cs, err := s.carer(r)
	if err != nil {
		return err
	}
	log, err := cs.AuditLog(r.Context(), id, 0)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, log)
	return nil
}
