// Package safety holds unhunch's safety rules (PRODUCT.md §5) as plain,
// tested code: the screening questions and what each answer means, when a
// new screening is due, what each stop reason does, and when pain trends call
// for a clinician. Every rule names its source beside it. It does no I/O and
// reads no clock: callers pass the time.
package safety

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/unhunch/unhunch/message"
)

// Outcome is what a screening (or one answer) means for exercising.
type Outcome string

// Outcomes, mildest first. Clear means nothing was flagged.
const (
	Clear     Outcome = "clear"
	Caution   Outcome = "caution"   // may continue, with advice to get a review
	Clinician Outcome = "clinician" // see a clinician first; exercise blocked until cleared
	Emergency Outcome = "emergency" // stop; emergency-number advice only
)

// severity orders outcomes.
var severity = map[Outcome]int{Clear: 0, Caution: 1, Clinician: 2, Emergency: 3}

// Worse reports whether a is more serious than b.
func Worse(a, b Outcome) bool { return severity[a] > severity[b] }

// Source is where a rule comes from.
type Source string

// Sources of the rules (PRODUCT.md §5.1).
const (
	NICENeck      Source = "NICE CKS: Neck pain - non-specific, red flags (2023)"
	NHSBack       Source = "NHS: Back pain, urgent advice (nhs.uk/conditions/back-pain)"
	PhysioThorax  Source = "Physiopedia: Thoracic spine red flags"
	Seed001       Source = "Seed 001 (7 Upper Back Pain Exercises and Stretches for Relief): who these exercises are not intended for"
	NRSChange     Source = "Numeric pain rating scale: a change of 2 points or 30% is clinically meaningful (Farrar et al. 2001; Salaffi et al. 2004)"
	Seed001Guide  Source = "Seed 001: stop immediately at sharp pain, dizziness or discomfort; see a doctor or physiotherapist if pain continues or worsens"
	ProductPolicy Source = "unhunch policy (PRODUCT.md §5), building on the sources above"
)

// Question is one screening question. IDs are stable and public; the wording
// lives in the message table under "screen.<id>".
type Question struct {
	ID      string   `json:"id"`
	Outcome Outcome  `json:"outcome"` // what a yes means
	Sources []Source `json:"sources"`
}

// Text returns the question in plain words, answered yes or no.
func (q Question) Text() string { return message.Text(message.Key("screen." + q.ID)) }

// MarshalJSON writes the question with its text.
func (q Question) MarshalJSON() ([]byte, error) {
	type plain Question
	return json.Marshal(struct {
		plain
		Text string `json:"text"`
	}{plain(q), q.Text()})
}

// Questions are the screening questions of PRODUCT.md §5.1 in the order they
// are asked: emergencies first. The wording is unhunch's own.
var Questions = []Question{
	{"chest-pain", Emergency, []Source{NHSBack, PhysioThorax}},
	{"tearing-pain", Emergency, []Source{PhysioThorax}},
	{"neuro-bilateral", Emergency, []Source{NICENeck, NHSBack}},
	{"neuro-central", Emergency, []Source{NICENeck}},
	{"headache-fever", Emergency, []Source{NICENeck}},
	{"bladder-bowel", Emergency, []Source{NHSBack}},
	{"major-trauma", Emergency, []Source{NICENeck, NHSBack}},
	{"fever-weight", Clinician, []Source{NICENeck, NHSBack, Seed001}},
	{"history", Clinician, []Source{NICENeck, PhysioThorax, Seed001}},
	{"night-pain", Clinician, []Source{NICENeck, PhysioThorax, Seed001}},
	{"bone-fragility", Clinician, []Source{NICENeck, NHSBack}},
	{"neuro-arm", Clinician, []Source{NICENeck, Seed001}},
	{"deformity", Clinician, []Source{NHSBack, PhysioThorax}},
	{"age-onset", Clinician, []Source{PhysioThorax}},
	{"electric-shock", Clinician, []Source{NICENeck}},
	{"recent-injury", Clinician, []Source{Seed001}},
	{"inflammatory", Caution, []Source{NICENeck}},
}

// QuestionByID returns the question with the given id.
func QuestionByID(id string) (Question, bool) {
	i := slices.IndexFunc(Questions, func(q Question) bool { return q.ID == id })
	if i < 0 {
		return Question{}, false
	}
	return Questions[i], true
}

// Result is the meaning of one screening's answers.
type Result struct {
	Outcome Outcome  `json:"outcome"`
	Flagged []string `json:"flagged"` // ids answered yes, in question order
}

// Evaluate returns the most serious outcome among the questions answered yes.
// Answers must name every question (CheckAnswers); a missing answer counts as no.
func Evaluate(answers map[string]bool) Result {
	r := Result{Outcome: Clear, Flagged: []string{}}
	for _, q := range Questions {
		if answers[q.ID] {
			r.Flagged = append(r.Flagged, q.ID)
			if Worse(q.Outcome, r.Outcome) {
				r.Outcome = q.Outcome
			}
		}
	}
	return r
}

// Screening is a stored screening: when, the answers, and their meaning.
type Screening struct {
	ID       string          `json:"id"`
	At       time.Time       `json:"at"`
	Answers  map[string]bool `json:"answers"`
	Result   Result          `json:"result"`
	Clearing bool            `json:"cleared_by_clinician"` // a record that a clinician cleared the person
}

// Intervals of PRODUCT.md §5.1 and issue 4.
const (
	RescreenAfter  = 7 * 24 * time.Hour  // a screening holds for a week
	ClearanceLasts = 30 * 24 * time.Hour // a clinician's clearance is asked again after 30 days
	HighPain       = 8                   // pain before a session of 8 or more calls for a re-screen
	PainRise       = 2                   // a rise of 2 or more in a session calls for a re-screen
)
