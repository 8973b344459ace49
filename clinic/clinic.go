// Package clinic holds what a clinician does with unhunch (issue 17):
// prescriptions (exercises from the catalog, each with a dose within its
// range, how often, a note, and whether progression may go past the
// prescribed dose), the routine a prescription plays as, and what a
// clinician's pages say about a patient: concerns (newest first), adherence
// and the pain verdict. It reuses the rules of safety and progress and adds
// none of its own about pain or safety.
//
// The package is plain Go: no I/O, no clock.
package clinic

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
	"github.com/unhunch/unhunch/safety"
)

// RoutineID is the id a person's prescribed routine plays under
// (GET /play/prescribed, routine_id "prescribed" in a start).
const RoutineID = "prescribed"

// Limits of a prescription.
const (
	MaxItems     = 15   // most exercises in one prescription
	MaxNote      = 1000 // longest note, in characters
	MaxTimesADay = 3    // most sessions a day a clinician may ask for
)

// Item is one prescribed exercise with its dose: the dose the person plays
// and, unless the prescription allows more, the most progression reaches.
type Item struct {
	ExerciseID string      `json:"exercise_id"`
	Amount     dose.Amount `json:"amount"`
}

// Prescription is a routine a clinician prescribes for a person. A new
// prescription replaces the active one (Version counts them per person).
type Prescription struct {
	ID            string    `json:"id"`
	PersonID      string    `json:"person_id"`
	ClinicianID   string    `json:"clinician_id"`
	ClinicianName string    `json:"clinician_name"`
	Version       int       `json:"version"`
	At            time.Time `json:"at"`
	Items         []Item    `json:"exercises"`
	DaysAWeek     int       `json:"days_a_week"`
	TimesADay     int       `json:"times_a_day"`
	Note          string    `json:"note"`
	// AllowMore lets progression go past the prescribed doses (up to the
	// exercise's own range); otherwise they are the ceiling.
	AllowMore bool `json:"allow_more"`
}

// Check returns an EInvalid error saying what is wrong with p for catalog c,
// or nil, and fills each item's unset dose fields with the exercise's
// starting values, so that what is kept is the dose in full.
func (p *Prescription) Check(c *catalog.Catalog) error {
	switch {
	case len(p.Items) == 0:
		return unhunch.E(unhunch.EInvalid, message.ClinicNoExercises)
	case len(p.Items) > MaxItems:
		return unhunch.E(unhunch.EInvalid, message.ClinicTooMany, MaxItems)
	case p.DaysAWeek < 1 || p.DaysAWeek > 7:
		return unhunch.E(unhunch.EInvalid, message.ClinicBadDays, p.DaysAWeek)
	case p.TimesADay < 1 || p.TimesADay > MaxTimesADay:
		return unhunch.E(unhunch.EInvalid, message.ClinicBadTimes, MaxTimesADay, p.TimesADay)
	}
	if n := utf8.RuneCountInString(p.Note); n > MaxNote {
		return unhunch.E(unhunch.EInvalid, message.ClinicNoteTooLong, n, MaxNote)
	}
	if !utf8.ValidString(p.Note) || strings.ContainsFunc(p.Note, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
		return unhunch.E(unhunch.EInvalid, message.ClinicNoteBad)
	}
	seen := map[string]bool{}
	for i, it := range p.Items {
		e, ok := c.Exercise(it.ExerciseID)
		if !ok {
			return unhunch.E(unhunch.EInvalid, message.ClinicNoExercise, it.ExerciseID)
		}
		if seen[e.ID] {
			return unhunch.E(unhunch.EInvalid, message.ClinicTwice, e.Name)
		}
		seen[e.ID] = true
		if ps := e.Dose.CheckAmount(it.Amount); len(ps) > 0 {
			words := make([]string, len(ps))
			for j, pr := range ps {
				words[j] = pr.Error()
			}
			return unhunch.E(unhunch.EInvalid, message.ClinicBadDose, e.Name, e.Dose.DescribeRange(), strings.Join(words, "; "))
		}
		p.Items[i].Amount = e.Dose.Fill(it.Amount)
	}
	return nil
}

// Name is what the person sees the prescription called: "From <clinician>".
func (p Prescription) Name() string { return message.Text(message.ClinicRoutineName, p.ClinicianName) }

// Frequency is how often the prescription asks for practice, in words.
func (p Prescription) Frequency() string {
	return message.Text(message.ClinicFrequency, message.Count(p.DaysAWeek, message.ClinicDayAWeek, message.ClinicDaysAWeek),
		message.Count(p.TimesADay, message.ClinicOnceADay, message.ClinicTimesADay))
}

// Routine returns the routine the prescription plays as, for the one
// timeline compiler: its exercises in order, each at the dose Limit gives
// for the person's level (levels: progress.Levels) since it was made. Exercises no longer in
// the catalog are left out; with none left it is an ENotFound error.
func (p Prescription) Routine(c *catalog.Catalog, levels map[string]*progress.Level) (*catalog.Routine, error) {
	r := &catalog.Routine{ID: RoutineID, Name: p.Name(), Description: p.Note, Frequency: p.Frequency(), Origin: "prescribed"}
	for _, it := range p.Items {
		e, ok := c.Exercise(it.ExerciseID)
		if !ok {
			continue
		}
		r.Exercises = append(r.Exercises, catalog.Item{ID: e.ID, Amount: Limit(e.Dose, it.Amount, levels[e.ID], p.AllowMore, p.At)})
	}
	if len(r.Exercises) == 0 {
		return nil, unhunch.E(unhunch.ENotFound, message.ClinicNoneLeft)
	}
	return r, nil
}

// Limit is the dose a prescribed exercise plays at: the prescribed dose,
// moved by the person's progression since the prescription (since) one
// step at a time as progress moved their level (lv.Changes: up after two
// ratings of easy or right, down after "too hard" or a pain rise), with
// progress.Step, so that each step is the size progression takes. Unless
// the clinician allowed more, no step goes past the prescribed dose: it is
// the ceiling, while steps back below it always count (safety first). With
// allowMore, steps go up to the top of the exercise's own range.
func Limit(d dose.Dose, prescribed dose.Amount, lv *progress.Level, allowMore bool, since time.Time) dose.Amount {
	rx := d.Fill(prescribed)
	a := rx
	if lv == nil {
		return a
	}
	for _, c := range lv.Changes {
		if c.At.Before(since) {
			continue
		}
		dir := 1
		if c.Down() {
			dir = -1
		}
		a = progress.Step(d, a, dir)
		if !allowMore && compare(a, rx) > 0 {
			a = rx
		}
	}
	return a
}

// compare says whether a is below (-1), at or beside (0), or above (+1) b:
// below when no part of it is more and some part is less, and above the
// other way round.
func compare(a, b dose.Amount) int {
	x := []int{a.Reps, a.Hold, a.HoldBreaths, a.Seconds, a.Sets}
	y := []int{b.Reps, b.Hold, b.HoldBreaths, b.Seconds, b.Sets}
	less, more := false, false
	for i := range x {
		less = less || x[i] < y[i]
		more = more || x[i] > y[i]
	}
	switch {
	case less && !more:
		return -1
	case more && !less:
		return 1
	}
	return 0
}

// Kind is what a concern is about, from the most pressing.
type Kind string

// The kinds of concern, most pressing first.
const (
	Emergency     Kind = "emergency"      // an emergency answer in the safety questions (safety.Emergency)
	RedFlag       Kind = "red-flag"       // an answer that calls for a clinician (safety.Clinician)
	SafetyStop    Kind = "safety-stop"    // an exercise stopped for sharp pain, dizziness, or tingling or numbness (safety.ExcludeAfterStop)
	Worsening     Kind = "worsening"      // the weekly pain rule (safety.Worsening)
	NoImprovement Kind = "no-improvement" // the no-improvement rule (safety.NoImprovement)
)

// Kinds lists every kind, most pressing first.
var Kinds = []Kind{Emergency, RedFlag, SafetyStop, Worsening, NoImprovement}

// Words returns the kind in words.
func (k Kind) Words() string {
	if !slices.Contains(Kinds, k) {
		return string(k)
	}
	return message.ConcernWords.Text(string(k))
}

// Concern is one thing a clinician should look at.
type Concern struct {
	Kind Kind      `json:"kind"`
	At   time.Time `json:"at"`
	// What names it: the questions answered yes (ids), or the exercise
	// stopped and why.
	What       []string           `json:"what,omitempty"`
	ExerciseID string             `json:"exercise_id,omitempty"`
	StopReason journal.StopReason `json:"stop_reason,omitempty"`
}

// Concerns gathers a patient's concerns, newest first (most pressing first
// among those at the same time): answers in screenings that called for an
// emergency or a clinician and that no later clearance covers, exercises
// stopped for a safety reason in sessions, and the pain trend's advice
// (trend, as of trendAt: the latest session with pain).
func Concerns(screenings []safety.Screening, sessions []*journal.Session, trend safety.TrendResult, trendAt time.Time) []Concern {
	var out []Concern
	for _, s := range screenings {
		if s.Clearing {
			continue
		}
		k := Kind("")
		switch s.Result.Outcome {
		case safety.Emergency:
			k = Emergency
		case safety.Clinician:
			k = RedFlag
			if slices.ContainsFunc(screenings, func(c safety.Screening) bool { return c.Clearing && !c.At.Before(s.At) && safety.Covers(c, s) }) {
				continue
			}
		default:
			continue
		}
		var what []string
		for _, id := range s.Result.Flagged {
			if q, ok := safety.QuestionByID(id); ok && (q.Outcome == safety.Emergency || q.Outcome == safety.Clinician) {
				what = append(what, id)
			}
		}
		out = append(out, Concern{Kind: k, At: s.At, What: what})
	}
	for _, s := range sessions {
		for _, p := range s.Stops() {
			if safety.ExcludeAfterStop(p.StopReason) {
				out = append(out, Concern{Kind: SafetyStop, At: p.EndedAt, ExerciseID: p.ExerciseID, StopReason: p.StopReason})
			}
		}
	}
	switch trend.Advice {
	case safety.Worsening:
		out = append(out, Concern{Kind: Worsening, At: trendAt})
	case safety.NoImprovement:
		out = append(out, Concern{Kind: NoImprovement, At: trendAt})
	}
	SortConcerns(out)
	return out
}

// SortConcerns orders concerns newest first, the most pressing first among
// those at the same time.
func SortConcerns(cs []Concern) {
	slices.SortStableFunc(cs, func(a, b Concern) int {
		return cmp.Or(b.At.Compare(a.At), cmp.Compare(slices.Index(Kinds, a.Kind), slices.Index(Kinds, b.Kind)))
	})
}

// Verdict is what the pain outcome says, against the first week's
// baseline with the MCID of 2 points or 30% (progress.Outcome.Meaningful).
type Verdict string

// The verdicts.
const (
	Unknown Verdict = "unknown" // no baseline, or only the first week
	Better  Verdict = "better"
	Worse   Verdict = "worse"
	Same    Verdict = "same" // no meaningful change yet
)

// VerdictOf reads the verdict from a pain outcome (progress.OutcomeOf).
func VerdictOf(o progress.Outcome) Verdict {
	switch {
	case len(o.Weeks) < 2:
		return Unknown
	case o.Meaningful && o.Change < 0:
		return Better
	case o.Meaningful && o.Change > 0:
		return Worse
	}
	return Same
}

// Words returns the verdict in words.
func (v Verdict) Words() string {
	switch v {
	case Better, Worse, Same:
		return message.VerdictWords.Text(string(v))
	}
	return message.VerdictWords.Text(string(Unknown))
}

// Patient is one line of a clinician's list of patients.
type Patient struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Since           time.Time `json:"since"` // when the person accepted
	Concerns        []Concern `json:"concerns"`
	DaysThisWeek    int       `json:"days_this_week"`
	MinutesThisWeek float64   `json:"minutes_this_week"`
	LastSession     time.Time `json:"last_session,omitzero"`
	Pain            Verdict   `json:"pain"`
}

// ThisWeek returns the days and minutes of practice in the latest week of
// an adherence (progress.Adherence: oldest week first).
func ThisWeek(a progress.Adherence) (days int, minutes float64) {
	if n := len(a.Weeks); n > 0 {
		return a.Weeks[n-1].Days, a.Weeks[n-1].Minutes
	}
	return 0, 0
}

// SortPatients orders a clinician's list: patients with concerns first, the
// newest concern first (the most pressing among equals), then the rest by
// name.
func SortPatients(ps []Patient) {
	slices.SortStableFunc(ps, func(a, b Patient) int {
		ca, cb := len(a.Concerns) > 0, len(b.Concerns) > 0
		switch {
		case ca && !cb:
			return -1
		case cb && !ca:
			return 1
		case ca && cb:
			x, y := a.Concerns[0], b.Concerns[0]
			if c := cmp.Or(y.At.Compare(x.At), cmp.Compare(slices.Index(Kinds, x.Kind), slices.Index(Kinds, y.Kind))); c != 0 {
				return c
			}
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
}

// Link is a care link: a person who accepted a clinician's invitation,
// until either ends it.
type Link struct {
	ClinicianID   string    `json:"clinician_id"`
	ClinicianName string    `json:"clinician_name"`
	PersonID      string    `json:"person_id"`
	PersonName    string    `json:"person_name"`
	AcceptedAt    time.Time `json:"accepted_at"`
	EndedAt       time.Time `json:"ended_at,omitzero"`
}

// Invite is a clinician's invitation as the person opening it sees it.
type Invite struct {
	ClinicianID   string    `json:"clinician_id"`
	ClinicianName string    `json:"clinician_name"`
	ExpiresAt     time.Time `json:"expires_at"`
}

// Opening is one row of the audit log: someone opened a person's data.
type Opening struct {
	At         time.Time `json:"at"`
	PersonID   string    `json:"person_id"`
	ViewerID   string    `json:"viewer_id"`
	ViewerName string    `json:"viewer_name"`
	What       string    `json:"what"` // what was opened: Patients, PatientPage, …
}

// What a clinician opens, as kept in the audit log.
const (
	OpenedList       = "patients"     // the list of patients (concerns, adherence, pain)
	OpenedPatient    = "patient"      // one patient's page or document
	OpenedPrescribe  = "prescribe"    // the prescription form, with the person's levels
	OpenedPrescribed = "prescription" // a new prescription saved
	OpenedCleared    = "clearance"    // a screening answer cleared
)

// Words says what was opened, in words.
func (o Opening) Words() string {
	switch o.What {
	case OpenedList:
		return message.Text(message.ClinicOpenedList)
	case OpenedPatient:
		return message.Text(message.ClinicOpenedPatient)
	case OpenedPrescribe:
		return message.Text(message.ClinicOpenedPrescribe)
	case OpenedPrescribed:
		return message.Text(message.ClinicOpenedPrescribed)
	case OpenedCleared:
		return message.Text(message.ClinicOpenedCleared)
	}
	return o.What
}

// OutcomeWords says what a screening's outcome means, in words for a
// clinician.
func OutcomeWords(o safety.Outcome) string {
	switch o {
	case safety.Clear, safety.Caution, safety.Condition, safety.Clinician, safety.Emergency:
		return message.ScreenedWords.Text(string(o))
	}
	return string(o)
}
