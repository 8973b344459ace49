package api

import (
	"github.com/unhunch/unhunch/journal"
)

// Recap is the account of one session at its end, for the person: what was
// done, how long it took, pain before and after, what changes next time,
// and whether it counted as practice. The terminal coach prints it and the
// web player shows it (GET /api/v1/sessions/{id}/recap).
type Recap struct {
	SessionID      string             `json:"session_id"`
	RoutineName    string             `json:"routine_name"`
	Status         journal.Status     `json:"status"`
	StopReason     journal.StopReason `json:"stop_reason,omitempty"`
	Seconds        float64            `json:"seconds"`         // routine time spent in exercises, every attempt
	PlannedSeconds float64            `json:"planned_seconds"` // what the session was planned to take
	Done           int                `json:"done"`            // exercises whose last attempt was done
	Planned        int                `json:"planned"`         // exercises planned
	PainBefore     *int               `json:"pain_before"`
	PainAfter      *int               `json:"pain_after"`
	Demo           bool               `json:"demo"` // played at another speed: never counted as practice
	TimeScale      float64            `json:"time_scale"`
	Exercises      []RecapExercise    `json:"exercises"` // the last attempt at each, in order
	Changes        []RecapChange      `json:"changes"`   // doses that move because of this session
}

// RecapExercise is how one exercise of the session went.
type RecapExercise struct {
	ID           string             `json:"id"`
	Name         string             `json:"name"`
	Outcome      journal.Outcome    `json:"outcome"`
	OutcomeWords string             `json:"outcome_words"` // the outcome, with its stop reason, in words
	StopReason   journal.StopReason `json:"stop_reason,omitempty"`
	Rating       journal.Rating     `json:"rating,omitempty"`
}

// RecapChange is a dose that changes next time because of the session.
type RecapChange struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	From  string `json:"from"`
	To    string `json:"to"`
	Why   string `json:"why"`   // easy-twice, hard, pain-rose
	Words string `json:"words"` // the change in a sentence
}
