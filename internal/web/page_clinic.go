package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/message"
)

// clinicData is the clinician's list of patients.
type clinicData struct {
	Patients []clinic.Patient
	Invite   *inviteDoc    // a new invitation, shown once
	QR       template.HTML // its link as a QR code
}

func (s *Server) clinicPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.showClinic(w, r, nil)
}

// showClinic renders the list of patients, with a new invitation when inv is set.
func (s *Server) showClinic(w http.ResponseWriter, r *http.Request, inv *inviteDoc) error {
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	ps, err := s.patients(r, u, cs)
	if err != nil {
		return err
	}
	d := clinicData{Patients: ps, Invite: inv}
	status := http.StatusOK
	if inv != nil {
		if d.QR, err = qrSVG(inv.URL); err != nil {
			return err
		}
		status = http.StatusCreated
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, status, "clinic", page{Title: message.Text(message.ClinicPatientsTitle), Nav: "clinic", Data: d})
}

// clinicInvite makes an invitation and shows it with its QR code (the link
// is shown once: only its SHA-256 is kept).
func (s *Server) clinicInvite(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	d, err := s.invite(r)
	if err != nil {
		return err
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	return s.showClinic(w, r, &d)
}

// patientPage is one patient's page.
type patientPage struct {
	patientDoc
	Done string // what was just saved, in words
}

func (s *Server) clinicPatientPage(w http.ResponseWriter, r *http.Request) error {
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
	pg := patientPage{patientDoc: d}
	switch params(r).Get("done") {
	case "prescribed":
		pg.Done = message.Text(message.PageClinicPrescribed)
	case "cleared":
		pg.Done = message.Text(message.PageClinicCleared)
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, http.StatusOK, "clinic_patient", page{Title: l.PersonName, Nav: "clinic", Data: pg})
}

// rxForm is the prescription form.
type rxForm struct {
	Patient   clinic.Link
	Rows      []rxRow
	Days      int
	Times     int
	Note      string
	AllowMore bool
	Error     string
	MaxTimes  int
}

// rxRow is one exercise of the catalog on the form.
type rxRow struct {
	ID     string
	Name   string
	Range  string // the exercise's range in words
	On     bool
	Fields []rxField
}

// rxField is one part of a dose on the form.
type rxField struct {
	Name     string // reps, hold, hold_breaths, seconds, sets
	Label    string // in words
	Value    int
	Min, Max int
}

// doseFields lists the parts of d a clinician sets, at amount a.
func doseFields(d dose.Dose, a dose.Amount) []rxField {
	d = d.Normalize()
	a = d.Fill(a)
	var out []rxField
	add := func(name string, label message.Key, v int, rg dose.Range) {
		if !rg.IsZero() {
			out = append(out, rxField{Name: name, Label: message.Text(label), Value: v, Min: rg.Min, Max: rg.Max})
		}
	}
	add("reps", message.PageClinicReps, a.Reps, d.Reps)
	add("hold", message.PageClinicHold, a.Hold, d.Hold)
	add("hold_breaths", message.PageClinicBreaths, a.HoldBreaths, d.HoldBreaths)
	add("seconds", message.PageClinicSeconds, a.Seconds, d.Seconds)
	add("sets", message.PageClinicSets, a.Sets, d.Sets)
	return out
}

// newRxForm is the form for patient l, filled from rx (nil: nothing chosen yet).
func (s *Server) newRxForm(l clinic.Link, rx *clinic.Prescription) rxForm {
	f := rxForm{Patient: l, Days: 5, Times: 1, MaxTimes: clinic.MaxTimesADay}
	chosen := map[string]dose.Amount{}
	if rx != nil {
		f.Days, f.Times, f.Note, f.AllowMore = rx.DaysAWeek, rx.TimesADay, rx.Note, rx.AllowMore
		for _, it := range rx.Items {
			chosen[it.ExerciseID] = it.Amount
		}
	}
	for _, e := range s.catalog().Exercises() {
		a, on := chosen[e.ID]
		f.Rows = append(f.Rows, rxRow{ID: e.ID, Name: e.Name, Range: e.Dose.DescribeRange(), On: on, Fields: doseFields(e.Dose, a)})
	}
	return f
}

func (s *Server) clinicPrescribePage(w http.ResponseWriter, r *http.Request) error {
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	pr, l, err := s.openPatient(r, u, cs, r.PathValue("id"), clinic.OpenedPrescribe)
	if err != nil {
		return err
	}
	rx, _, err := cs.ActivePrescription(pr.Context(), l.PersonID)
	if err != nil {
		return err
	}
	return s.showRxForm(w, http.StatusOK, s.newRxForm(l, rx))
}

// showRxForm renders the prescription form.
func (s *Server) showRxForm(w http.ResponseWriter, status int, f rxForm) error {
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, status, "clinic_prescribe", page{Title: message.Text(message.ClinicPrescribeFor, f.Patient.PersonName), Nav: "clinic", Data: f})
}

// rxInt reads a whole number from a form field.
func rxInt(r *http.Request, name, words string) (int, error) {
	v := strings.TrimSpace(r.PostForm.Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, unhunch.E(unhunch.EInvalid, message.ClinicBadNumber, words, v)
	}
	return n, nil
}

// rxFromForm reads a prescription from the posted form, in catalog order.
func (s *Server) rxFromForm(r *http.Request) (*clinic.Prescription, error) {
	rx := &clinic.Prescription{Note: r.PostForm.Get("note"), AllowMore: r.PostForm.Get("allow_more") != ""}
	var err error
	if rx.DaysAWeek, err = rxInt(r, "days", message.Text(message.PageClinicDays)); err != nil {
		return rx, err
	}
	if rx.TimesADay, err = rxInt(r, "times", message.Text(message.PageClinicTimes)); err != nil {
		return rx, err
	}
	chosen := r.PostForm["ex"]
	for _, id := range chosen {
		if _, ok := s.catalog().Exercise(id); !ok {
			return rx, unhunch.E(unhunch.EInvalid, message.ClinicNoExercise, id)
		}
	}
	for _, e := range s.catalog().Exercises() {
		if !slices.Contains(chosen, e.ID) {
			continue
		}
		var a dose.Amount
		for _, f := range []struct {
			name string
			v    *int
		}{{"reps", &a.Reps}, {"hold", &a.Hold}, {"hold_breaths", &a.HoldBreaths}, {"seconds", &a.Seconds}, {"sets", &a.Sets}} {
			if *f.v, err = rxInt(r, f.name+"-"+e.ID, e.Name+" "+f.name); err != nil {
				return rx, err
			}
		}
		rx.Items = append(rx.Items, clinic.Item{ExerciseID: e.ID, Amount: a})
	}
	return rx, nil
}

func (s *Server) clinicPrescribeSave(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	l, err := cs.CareLink(r.Context(), u.ID, id)
	if err != nil {
		return err
	}
	rx, err := s.rxFromForm(r)
	if err == nil {
		err = s.prescribe(r, u, cs, id, rx)
	}
	if unhunch.ErrorCode(err) == unhunch.EInvalid {
		f := s.newRxForm(l, rx)
		f.Error = err.Error()
		return s.showRxForm(w, http.StatusBadRequest, f)
	}
	if err != nil {
		return err
	}
	seeOther(w, r, "/clinic/patients/"+id+"?done=prescribed")
	return nil
}

func (s *Server) clinicClear(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	u, cs, err := s.clinician(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	body := clearBody{ExerciseID: r.PostForm.Get("exercise_id"), Condition: r.PostForm.Get("condition")}
	if _, err := s.clear(r, u, cs, id, body); err != nil {
		return err
	}
	seeOther(w, r, "/clinic/patients/"+id+"?done=cleared")
	return nil
}

// careData is the person's page of their clinicians and of who has looked
// at their data.
type careData struct {
	Clinicians []clinic.Link
	Audit      []clinic.Opening
	Done       string
}

func (s *Server) carePage(w http.ResponseWriter, r *http.Request) error {
	id, cs, err := s.carer(r)
	if err != nil {
		return err
	}
	links, err := cs.Clinicians(r.Context(), id)
	if err != nil {
		return err
	}
	log, err := cs.AuditLog(r.Context(), id, 200)
	if err != nil {
		return err
	}
	d := careData{Clinicians: links, Audit: log}
	switch params(r).Get("done") {
	case "accepted":
		d.Done = message.Text(message.PageCareAccepted)
	case "declined":
		d.Done = message.Text(message.PageCareDeclined)
	case "ended":
		d.Done = message.Text(message.PageCareEnded)
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, http.StatusOK, "care", page{Title: message.Text(message.ClinicCareTitle), Nav: "care", Data: d})
}

// inviteData is the page a person answers an invitation on.
type inviteData struct {
	Invite clinic.Invite
	Token  string
}

func (s *Server) careInvitePage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Referrer-Policy", "no-referrer") // the link is a key: never pass it on
	cs, err := s.clinicStore()
	if err != nil {
		return err
	}
	if account.FromContext(r.Context()) == nil {
		return unhunch.E(unhunch.EUnauthorized, message.AuthSignInNeeded)
	}
	inv, err := cs.Invite(r.Context(), r.PathValue("token"), s.now())
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, http.StatusOK, "care_invite", page{Title: message.Text(message.ClinicAcceptTitle, inv.ClinicianName), Nav: "care",
		Data: inviteData{Invite: inv, Token: r.PathValue("token")}})
}

func (s *Server) careInviteAnswer(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Referrer-Policy", "no-referrer")
	if err := form(w, r); err != nil {
		return err
	}
	accept, err := answerWord(r.PostForm.Get("answer"))
	if err != nil {
		return err
	}
	if _, err := s.answerInvite(r, r.PathValue("token"), accept); err != nil {
		return err
	}
	done := "declined"
	if accept {
		done = "accepted"
	}
	seeOther(w, r, "/care?done="+done)
	return nil
}

func (s *Server) careEnd(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	id, cs, err := s.carer(r)
	if err != nil {
		return err
	}
	if err := cs.EndCareLink(writeCtx(r), id, r.PathValue("id"), s.now()); err != nil {
		return err
	}
	seeOther(w, r, "/care?done=ended")
	return nil
}

// prescribedCard is the person's prescription on the home page: "From <clinician>".
type prescribedCard struct {
	Name      string
	Note      string
	Frequency string
	Exercises int
	PlayURL   string
}

// prescribedFor is the home page's card of the person's prescription, nil without one.
func (s *Server) prescribedFor(r *http.Request) (*prescribedCard, error) {
	rt, rx, err := s.prescribedRoutine(r)
	if unhunch.ErrorCode(err) == unhunch.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &prescribedCard{Name: rt.Name, Note: rx.Note, Frequency: rx.Frequency(), Exercises: len(rt.Exercises), PlayURL: "/play/" + clinic.RoutineID}, nil
}

// isClinician reports whether the caller may use the clinic pages.
func isClinician(r *http.Request) bool {
	u := account.FromContext(r.Context())
	return u.IsClinician() || u.IsAdmin()
}
