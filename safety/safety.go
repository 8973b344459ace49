// Package safety holds unhunch's safety rules as plain,
// tested code: the screening questions and what each answer means, when a
// new screening is due, what each stop reason does, which exercises a
// condition keeps out, and when pain trends call for a clinician. Every rule
// names its source beside it. It does no I/O and reads no clock: callers
// pass the time.
package safety

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
)

// Outcome is what a screening (or one answer) means for exercising.
type Outcome string

// Outcomes, mildest first. Clear means nothing was flagged.
const (
	Clear     Outcome = "clear"
	Caution   Outcome = "caution"   // may continue, with advice to get a review
	Condition Outcome = "condition" // may continue; the exercises unsuitable for the condition are kept out
	Clinician Outcome = "clinician" // see a clinician first; exercise blocked until cleared
	Emergency Outcome = "emergency" // stop asking; emergency-number advice only
)

// Outcomes lists every outcome, mildest first.
var Outcomes = []Outcome{Clear, Caution, Condition, Clinician, Emergency}

// Worse reports whether a is more serious than b.
func Worse(a, b Outcome) bool { return slices.Index(Outcomes, a) > slices.Index(Outcomes, b) }

// Source is where a rule comes from.
type Source string

// Sources of the rules.
const (
	NICENeck      Source = "NICE CKS: Neck pain - non-specific, red flags (2023)"
	NHSBack       Source = "NHS: Back pain, urgent advice (nhs.uk/conditions/back-pain)"
	PhysioThorax  Source = "Physiopedia: Thoracic spine red flags"
	Seed001       Source = "Seed 001 (7 Upper Back Pain Exercises and Stretches for Relief): who these exercises are not intended for"
	NRSChange     Source = "Numeric pain rating scale: a change of 2 points or 30% is clinically meaningful (Farrar et al. 2001; Salaffi et al. 2004)"
	Seed001Guide  Source = "Seed 001: stop immediately at sharp pain, dizziness or discomfort; see a doctor or physiotherapist if pain continues or worsens"
	ACOGPregnancy Source = "ACOG: Exercise During Pregnancy (after the first trimester, avoid exercises lying on your back)"
	ROSExercise   Source = "Royal Osteoporosis Society: Strong, Steady and Straight (2019), exercise with osteoporosis"
	Sternal       Source = "Physiopedia: Sternal precautions after chest surgery"
	ProductPolicy Source = "unhunch policy (PRODUCT.md §5), building on the sources above"
)

// Question is one screening question. IDs are stable and public: a question
// whose meaning changes gets a new id (and QuestionSet goes up). The wording
// lives in the message table under "screen.<id>".
type Question struct {
	ID        string            `json:"id"`
	Outcome   Outcome           `json:"outcome"`             // what a yes means
	Condition catalog.Condition `json:"condition,omitempty"` // for the Condition outcome: what a yes sets
	After     string            `json:"after,omitempty"`     // asked only when the question with this id was answered yes
	Sources   []Source          `json:"sources"`
}

// Text returns the question in plain words, answered yes or no.
func (q Question) Text() string { return message.QuestionText.Text(q.ID) }

// MarshalJSON writes the question with its text.
func (q Question) MarshalJSON() ([]byte, error) {
	type plain Question
	return json.Marshal(struct {
		plain
		Text string `json:"text"`
	}{plain(q), q.Text()})
}

// QuestionSet is the version of Questions. Screenings keep the set they
// were answered under; one answered under an older set must be answered
// again (issue 11: the questions' meanings changed). Set 1 was the first 17
// questions; set 2 is the list below.
const QuestionSet = 2

// Questions are the screening questions in the order they
// are asked: emergencies first, then "see a clinician first", conditions and
// cautions. One idea per question, in plain words, with a time frame wherever
// one matters: an emergency is something happening now or new since the pain
// began. Every item of seed 001's "not intended for" list is asked: recent
// trauma or injury (major-trauma-recent, injury-recent), severe or
// unexplained pain (severe-pain, unexplained-pain), numbness, tingling or
// weakness (neuro-bilateral, neuro-limb), fever, weight loss or a history of
// cancer (fever, weight-loss, cancer). The wording is unhunch's own.
var Questions = []Question{
	// Emergencies: now, or new since the pain began.
	{ID: "chest-pain-now", Outcome: Emergency, Sources: []Source{NHSBack, PhysioThorax}},
	{ID: "tearing-pain-now", Outcome: Emergency, Sources: []Source{PhysioThorax}},
	{ID: "neuro-bilateral", Outcome: Emergency, Sources: []Source{NICENeck, NHSBack, Seed001}},
	{ID: "neuro-central-recent", Outcome: Emergency, Sources: []Source{NICENeck}},
	{ID: "headache-fever", Outcome: Emergency, Sources: []Source{NICENeck}},
	{ID: "bladder-bowel-recent", Outcome: Emergency, Sources: []Source{NHSBack}},
	{ID: "major-trauma-recent", Outcome: Emergency, Sources: []Source{NICENeck, NHSBack, Seed001}},
	// See a clinician first.
	{ID: "fever", Outcome: Clinician, Sources: []Source{NICENeck, NHSBack, Seed001}},
	{ID: "weight-loss", Outcome: Clinician, Sources: []Source{NICENeck, NHSBack, Seed001}},
	{ID: "cancer", Outcome: Clinician, Sources: []Source{NICENeck, PhysioThorax, Seed001}},
	{ID: "infection-risk", Outcome: Clinician, Sources: []Source{NICENeck, PhysioThorax}},
	{ID: "immune-medicines", Outcome: Clinician, Sources: []Source{NICENeck, PhysioThorax}},
	{ID: "constant-night-pain", Outcome: Clinician, Sources: []Source{NICENeck, PhysioThorax}},
	{ID: "severe-pain", Outcome: Clinician, Sources: []Source{Seed001}},
	{ID: "unexplained-pain", Outcome: Clinician, Sources: []Source{Seed001, PhysioThorax}},
	{ID: "neuro-limb", Outcome: Clinician, Sources: []Source{NICENeck, Seed001}},
	{ID: "deformity", Outcome: Clinician, Sources: []Source{NHSBack, PhysioThorax}},
	{ID: "age-onset", Outcome: Clinician, Sources: []Source{PhysioThorax}},
	{ID: "electric-shock", Outcome: Clinician, Sources: []Source{NICENeck}},
	{ID: "injury-recent", Outcome: Clinician, Sources: []Source{Seed001, NICENeck}},
	{ID: "surgery-spine", Outcome: Clinician, Sources: []Source{ProductPolicy}}, // every routine moves the spine
	// Conditions: exercise goes on without the exercises unsuitable for them.
	{ID: "surgery-chest", Outcome: Condition, Condition: catalog.ChestSurgery, Sources: []Source{Sternal, ProductPolicy}},
	{ID: "surgery-shoulder", Outcome: Condition, Condition: catalog.ShoulderSurgery, Sources: []Source{ProductPolicy}},
	{ID: "osteoporosis", Outcome: Condition, Condition: catalog.Osteoporosis, Sources: []Source{ROSExercise, NHSBack}},
	{ID: "pregnant", Outcome: Condition, Condition: catalog.Pregnancy, Sources: []Source{ACOGPregnancy, ProductPolicy}},
	{ID: "pregnant-later", Outcome: Condition, Condition: catalog.PregnancyLater, After: "pregnant", Sources: []Source{ACOGPregnancy}},
	// Caution: may continue, with advice to get a review.
	{ID: "inflammatory", Outcome: Caution, Sources: []Source{NICENeck}},
}

// RetiredQuestions are the ids of question set 1 whose meaning changed or
// that were split; answers to them are never accepted again.
var RetiredQuestions = []string{"chest-pain", "tearing-pain", "neuro-central", "bladder-bowel", "major-trauma",
	"fever-weight", "history", "night-pain", "bone-fragility", "neuro-arm", "recent-injury"}

// QuestionByID returns the question with the given id.
func QuestionByID(id string) (Question, bool) {
	i := slices.IndexFunc(Questions, func(q Question) bool { return q.ID == id })
	if i < 0 {
		return Question{}, false
	}
	return Questions[i], true
}

// Asked reports whether q is asked given the answers so far: a follow-up
// question only when the question it follows was answered yes.
func Asked(q Question, answers map[string]bool) bool { return q.After == "" || answers[q.After] }

// FirstEmergency returns the first emergency question answered yes.
func FirstEmergency(answers map[string]bool) (Question, bool) {
	for _, q := range Questions {
		if q.Outcome == Emergency && answers[q.ID] {
			return q, true
		}
	}
	return Question{}, false
}

// Next returns the next question to ask given the answers so far, in the
// order of Questions, skipping follow-ups that do not apply. It returns
// false when every question that applies is answered, and at once when an
// emergency answer was given: then nothing more is asked.
func Next(answers map[string]bool) (Question, bool) {
	if _, ok := FirstEmergency(answers); ok {
		return Question{}, false
	}
	for _, q := range Questions {
		if _, done := answers[q.ID]; !done && Asked(q, answers) {
			return q, true
		}
	}
	return Question{}, false
}

// Result is the meaning of one screening's answers.
type Result struct {
	Outcome    Outcome             `json:"outcome"`
	Flagged    []string            `json:"flagged"`    // ids answered yes, in question order
	Conditions []catalog.Condition `json:"conditions"` // what the yes answers set, in catalog.Conditions order
}

// Evaluate returns the most serious outcome among the questions answered
// yes and the conditions they set. A missing answer counts as no; a
// follow-up counts only when the question it follows was answered yes.
func Evaluate(answers map[string]bool) Result {
	r := Result{Outcome: Clear, Flagged: []string{}, Conditions: []catalog.Condition{}}
	for _, q := range Questions {
		if !answers[q.ID] || !Asked(q, answers) {
			continue
		}
		r.Flagged = append(r.Flagged, q.ID)
		if Worse(q.Outcome, r.Outcome) {
			r.Outcome = q.Outcome
		}
	}
	for _, c := range catalog.Conditions {
		for _, id := range r.Flagged {
			if q, _ := QuestionByID(id); q.Condition == c {
				r.Conditions = append(r.Conditions, c)
				break
			}
		}
	}
	return r
}

// HasCaution reports whether a caution question was answered yes.
func (r Result) HasCaution() bool {
	for _, id := range r.Flagged {
		if q, ok := QuestionByID(id); ok && q.Outcome == Caution {
			return true
		}
	}
	return false
}

// Screening is a stored screening: when, the answers, and their meaning.
type Screening struct {
	ID          string          `json:"id"`
	At          time.Time       `json:"at"`
	Answers     map[string]bool `json:"answers"`
	Result      Result          `json:"result"`
	Clearing    bool            `json:"cleared_by_clinician"` // a record that a clinician cleared the person
	QuestionSet int             `json:"question_set"`         // the QuestionSet it was answered under
}

// NewScreening evaluates answers given at at under the current question set.
func NewScreening(at time.Time, answers map[string]bool) Screening {
	return Screening{At: at, Answers: answers, Result: Evaluate(answers), QuestionSet: QuestionSet}
}

// Intervals of the safety rules (issue 4).
const (
	RescreenAfter  = 7 * 24 * time.Hour  // a screening holds for a week
	ClearanceLasts = 30 * 24 * time.Hour // a clinician's clearance is asked again after 30 days
	HighPain       = 8                   // pain before a session of 8 or more calls for a re-screen
	PainRise       = 2                   // a rise of 2 or more in a session calls for a re-screen
)

// Topics lists, in words for a sentence, what the questions with outcome o
// ask about ("topic.<id>" in the message table; follow-up questions are
// covered by the question they follow). The safety guidance is built from
// it, so that it always says what the questions ask.
func Topics(o Outcome) string {
	var t []string
	for _, q := range Questions {
		if q.Outcome == o && q.After == "" {
			t = append(t, message.TopicWords.Text(q.ID))
		}
	}
	switch len(t) {
	case 0:
		return ""
	case 1:
		return t[0]
	}
	return strings.Join(t[:len(t)-1], message.Text(message.TopicSep)) + message.Text(message.TopicAnd) + t[len(t)-1]
}
