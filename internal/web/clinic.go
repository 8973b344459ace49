package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// Clinic is what the clinicians' routes and the person's side of them
// (issue 17) need of the journal's database: *store.Store. The server
// finds it on Config.Accounts; without it there are no clinicians.
type Clinic interface {
	// CreateInvite makes a one-time invitation from a clinician and returns its token.
	CreateInvite(ctx context.Context, clinicianID string, at time.Time) (string, error)
	// Invite returns an unspent invitation without spending it, or ENotFound.
	Invite(ctx context.Context, token string, at time.Time) (clinic.Invite, error)
	// AnswerInvite spends an invitation: accepted, it links the person to the clinician.
	AnswerInvite(ctx context.Context, token, personID string, accept bool, at time.Time) (clinic.Link, error)
	// CareLink returns the open care link between a clinician and a person, or ENotFound.
	CareLink(ctx context.Context, clinicianID, personID string) (clinic.Link, error)
	// Patients lists a clinician's open care links.
	Patients(ctx context.Context, clinicianID string) ([]clinic.Link, error)
	// Clinicians lists a person's care links, open ones first.
	Clinicians(ctx context.Context, personID string) ([]clinic.Link, error)
	// EndCareLink ends a person's open care link with a clinician, or ENotFound.
	EndCareLink(ctx context.Context, personID, clinicianID string, at time.Time) error
	// SavePrescription keeps a checked prescription as the person's active one.
	SavePrescription(ctx context.Context, p *clinic.Prescription) error
	// ActivePrescription returns a person's active prescription, if any.
	ActivePrescription(ctx context.Context, personID string) (*clinic.Prescription, bool, error)
	// Audit writes one row of the audit log.
	Audit(ctx context.Context, o clinic.Opening) error
	// AuditLog returns who opened a person's data, newest first.
	AuditLog(ctx context.Context, personID string, limit int) ([]clinic.Opening, error)
}

// clinicStore returns the database's clinic operations, or EUnavailable
// when the server has none (no accounts kept).
func (s *Server) clinicStore() (Clinic, error) {
	if cs, ok := s.cfg.Accounts.(Clinic); ok {
		return cs, nil
	}
	return nil, unhunch.E(unhunch.EForbidden, message.AuthClinicianOnly)
}

// clinician returns the signed-in clinician (or admin) and the clinic
// operations; anyone else is refused (accessOf lets only them in once
// accounts exist; without accounts there is no clinician).
func (s *Server) clinician(r *http.Request) (*account.User, Clinic, error) {
	u := account.FromContext(r.Context())
	if !u.IsClinician() && !u.IsAdmin() {
		return nil, nil, unhunch.E(unhunch.EForbidden, message.AuthClinicianOnly)
	}
	cs, err := s.clinicStore()
	return u, cs, err
}

// openPatient is the one way a clinician reaches a patient's journal:
// it checks the open care link (another clinician's patient, or anyone
// not linked, is ENotFound), writes the opening to the audit log, and
// returns the request whose context reads and writes the patient's journal
// (account.ForPerson).
func (s *Server) openPatient(r *http.Request, u *account.User, cs Clinic, personID, what string) (*http.Request, clinic.Link, error) {
	l, err := cs.CareLink(r.Context(), u.ID, personID)
	if err != nil {
		return nil, l, err
	}
	if err := cs.Audit(writeCtx(r), clinic.Opening{At: s.now(), PersonID: personID, ViewerID: u.ID, ViewerName: u.Name, What: what}); err != nil {
		return nil, l, err
	}
	return r.WithContext(account.ForPerson(r.Context(), personID)), l, nil
}

// patientDoc is one patient as a clinician sees them: GET
// /api/v1/clinic/patients/{id} and the patient's page.
type patientDoc struct {
	clinic.Patient
	Progress     api.Progress         `json:"progress"`
	Trend        safety.TrendResult   `json:"trend"`
	TrendAdvice  string               `json:"trend_advice,omitempty"`
	Sessions     []*journal.Session   `json:"sessions"`   // the latest, most recent first
	Screenings   []safety.Screening   `json:"screenings"` // the last screening and the clearances that bear on it
	Clearable    bool                 `json:"clearable"`  // the last screening asks for a clinician and can be cleared
	Prescription *clinic.Prescription `json:"prescription,omitempty"`
}

// patientSessions is how many of a patient's latest sessions their page lists.
const patientSessions = 10

// patient reads what a clinician sees of the patient l, through r made by
// openPatient. full adds the latest sessions and screenings.
func (s *Server) patient(r *http.Request, cs Clinic, l clinic.Link, full bool) (patientDoc, error) {
	p, err := s.load(r)
	if err != nil {
		return patientDoc{}, err
	}
	doc, err := s.progressFor(r, p)
	if err != nil {
		return patientDoc{}, err
	}
	sessions, err := s.st.Sessions(r.Context(), journal.Filter{Limit: patientSessions})
	if err != nil {
		return patientDoc{}, err
	}
	trend := p.Trend()
	var trendAt time.Time
	if n := len(doc.Pain.Sessions); n > 0 {
		trendAt = doc.Pain.Sessions[n-1].At
	}
	d := patientDoc{Patient: clinic.Patient{ID: l.PersonID, Name: l.PersonName, Since: l.AcceptedAt,
		Concerns: clinic.Concerns(p.Screenings, sessions, trend, trendAt), Pain: clinic.VerdictOf(doc.Pain)},
		Trend: trend, TrendAdvice: person.TrendAdvice(trend), Screenings: p.Screenings, Sessions: sessions}
	if d.Concerns == nil {
		d.Concerns = []clinic.Concern{}
	}
	d.DaysThisWeek, d.MinutesThisWeek = clinic.ThisWeek(doc.Adherence)
	if len(sessions) > 0 {
		d.LastSession = sessions[0].StartedAt
	}
	if last := safety.LastScreening(p.Screenings); last != nil && last.Result.Outcome == safety.Clinician {
		d.Clearable = !p.Gate(s.now(), nil).OK()
	}
	if !full {
		d.Sessions, d.Screenings = nil, nil
		return d, nil
	}
	if d.Screenings == nil {
		d.Screenings = []safety.Screening{}
	}
	if d.Sessions == nil {
		d.Sessions = []*journal.Session{}
	}
	d.Progress = doc
	if rx, ok, err := cs.ActivePrescription(r.Context(), l.PersonID); err != nil {
		return d, err
	} else if ok {
		d.Prescription = rx
	}
	return d, nil
}

// patients lists the clinician's patients, concerns first (clinic.SortPatients),
// each opening written to its patient's audit log.
func (s *Server) patients(r *http.Request, u *account.User, cs Clinic) ([]clinic.Patient, error) {
	links, err := cs.Patients(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	out := make([]clinic.Patient, 0, len(links))
	for _, l := range links {
		pr, _, err := s.openPatient(r, u, cs, l.PersonID, clinic.OpenedList)
		if err != nil {
			return nil, err
		}
		d, err := s.patient(pr, cs, l, false)
		if err != nil {
			return nil, err
		}
		out = append(out, d.Patient)
	}
	clinic.SortPatients(out)
	return out, nil
}

// prescribedRoutine returns the routine the person's active prescription
// plays as (clinic.RoutineID), at doses capped by it, or ENotFound.
func (s *Server) prescribedRoutine(r *http.Request) (*catalog.Routine, *clinic.Prescription, error) {
	rx, err := s.prescription(r)
	if err != nil {
		return nil, nil, err
	}
	if rx == nil {
		return nil, nil, unhunch.E(unhunch.ENotFound, message.ClinicNoPrescribed)
	}
	p, err := s.load(r)
	if err != nil {
		return nil, nil, err
	}
	rt, err := rx.Routine(s.catalog(), p.Levels)
	return rt, rx, err
}

// prescription returns the person's active prescription, nil without one
// (or on a server without clinicians).
func (s *Server) prescription(r *http.Request) (*clinic.Prescription, error) {
	cs, ok := s.cfg.Accounts.(Clinic)
	if !ok {
		return nil, nil
	}
	exist, err := s.accountsExist(r)
	if err != nil || !exist {
		return nil, err
	}
	rx, ok, err := cs.ActivePrescription(r.Context(), account.PersonID(r.Context()))
	if !ok {
		return nil, err
	}
	return rx, err
}

// routineFor is the routine with id a person plays: their prescription
// (clinic.RoutineID), or a routine of the catalog.
func (s *Server) routineFor(r *http.Request, id string) (*catalog.Routine, error) {
	if id == clinic.RoutineID {
		rt, _, err := s.prescribedRoutine(r)
		return rt, err
	}
	return s.routine(id)
}

// inviteURL is the address a person opens to answer an invitation: on the
// server's public URL, or the scheme (a trusted proxy's too) and Host of
// the request (baseURL).
func (s *Server) inviteURL(r *http.Request, token string) string {
	return s.baseURL(r) + "/care/invite/" + token
}

// qrSVG draws text as a QR code in SVG, one square per dark module, with
// the quiet zone the standard asks for.
func qrSVG(text string) (template.HTML, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", unhunch.Errorf(unhunch.EInternal, "web: QR code: %w", err)
	}
	bits := q.Bitmap() // with a quiet zone of 4 modules
	n := len(bits)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" class="qr" role="img" aria-label="%s" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`,
		n, n, template.HTMLEscapeString(message.Text(message.PageClinicQRLabel)), n, n)
	for y, row := range bits {
		for x, on := range row {
			if on {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}

// answerWord reads accept or decline.
func answerWord(s string) (bool, error) {
	switch strings.TrimSpace(s) {
	case "accept":
		return true, nil
	case "decline":
		return false, nil
	}
	return false, unhunch.E(unhunch.EInvalid, message.ClinicBadAnswer, s)
}
